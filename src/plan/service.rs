use std::collections::BTreeSet;

use super::shared::Shared;
use super::PlanOptions;
use super::{
    command, configs, depends_on, deploy, develop, env_file, environment, healthcheck, host_only,
    image, lifecycle, platform, pod, ports, resources, rollout, secrets, security, security_opt,
    volumes, workload_kind,
};
use crate::compose::ast::{Project, Service};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{Container, Workload, WorkloadKind};

/// Per-service state while planning: which Compose keys have been dealt with.
pub struct ServicePlan<'a> {
    pub project: &'a Project,
    pub project_name: &'a str,
    pub service: &'a Service,
    /// The Kubernetes name of the workload.
    pub name: &'a str,
    consumed: BTreeSet<&'static str>,
}

impl ServicePlan<'_> {
    /// Marks a key as lowered or diagnosed by the calling file.
    pub fn consume(&mut self, key: &'static str) {
        self.consumed.insert(key);
    }
}

/// What the project-level planner hands to each service.
pub struct Context<'a> {
    pub project: &'a Project,
    pub project_name: &'a str,
    pub options: &'a PlanOptions,
    pub shared: &'a mut Shared,
}

pub fn plan_service(
    cx: &mut Context,
    service: &Service,
    name: String,
    needed_by_name: bool,
    diags: &mut Diagnostics,
) -> Workload {
    let (project, project_name, waits) = (cx.project, cx.project_name, cx.options.dependency_waits);
    let embed_secrets = cx.options.embed_secrets;
    let policies = super::networks::enabled(project, cx.options);
    let shared = &mut *cx.shared;
    let mut sp = ServicePlan {
        project,
        project_name,
        service,
        name: &name,
        consumed: BTreeSet::new(),
    };
    let image = image::image(&mut sp, diags);
    let image_pull_policy = image::pull_policy(&mut sp, diags);
    let (command, args) = command::command_and_args(&mut sp, diags);
    let env = environment::env(&mut sp, diags);
    let env_from_secrets = env_file::env_from_secrets(&sp, shared, diags);
    let ports = ports::ports(&mut sp, needed_by_name, diags);
    let probes = healthcheck::probes(&mut sp, diags).unwrap_or_default();
    let mut storage = volumes::volumes(&mut sp, shared, diags);
    platform::shm(&mut sp, &mut storage);
    secrets::secrets(&mut sp, shared, embed_secrets, &mut storage, diags);
    configs::configs(&mut sp, shared, &mut storage, diags);
    depends_on::conditions(&mut sp, waits, diags);
    develop::develop(&mut sp, diags);
    let replicas = deploy::replicas(&mut sp, diags);
    let reachable = ports.exposure.is_some();
    let kind = workload_kind::workload_kind(&mut sp, shared, reachable, diags);
    let rollout = match kind {
        WorkloadKind::Deployment => rollout::rollout(&mut sp, diags),
        _ => None,
    };
    let (resources, tolerations) = resources::resources(&mut sp, diags);
    let (mut security, pod_security) = security::security(&mut sp, diags);
    security_opt::security_opt(&mut sp, &mut security, diags);
    let hooks = lifecycle::lifecycle(&mut sp, diags);
    // Lowered by `pre_start::add` once every workload is final.
    super::pre_start::consume(&mut sp);
    let placement = platform::placement(&mut sp, diags);
    host_only::report(&mut sp, diags);
    let mut pod = pod::pod_settings(&mut sp, policies, diags);
    pod.supplemental_groups = pod_security.supplemental_groups;
    pod.sysctls = pod_security.sysctls;
    pod.tolerations = tolerations;
    let annotations = pod::annotations(&mut sp, diags);
    let working_dir = service.working_dir.clone();
    sp.consume("working_dir");
    let stdin = service.stdin_open.as_ref().is_some_and(|v| v.value);
    let tty = service.tty.as_ref().is_some_and(|v| v.value);
    sp.consume("stdin_open");
    sp.consume("tty");
    // Applied by the loader (`compose::load::profiles`): a service that reaches here is enabled.
    sp.consume("profiles");
    // Lowered by `plan::extension` once the Compose keys have made the workload.
    sp.consume("x-kubernetes");

    report_leftovers(&sp, diags);

    Workload {
        name: name.clone(),
        service: service.name.value.clone(),
        origin: service.name.span,
        kind,
        replicas,
        rollout,
        init_containers: Vec::new(),
        containers: vec![Container {
            name: name.clone(),
            image,
            command,
            args,
            env,
            env_from_secrets,
            ports: ports.container_ports,
            probes,
            working_dir,
            volume_mounts: storage.mounts,
            resources,
            security,
            image_pull_policy,
            stdin,
            tty,
            post_start: hooks.post_start,
            pre_stop: hooks.pre_stop,
            waits_for: None,
        }],
        volumes: storage.volumes,
        pod,
        annotations,
        exposure: ports.exposure,
        scheduling: crate::ir::Scheduling {
            node_selector: placement.node_selector,
            runtime_class_name: placement.runtime_class_name,
            ..Default::default()
        },
        ..Workload::default()
    }
}

/// Every key the service sets that no planning file consumed: reported, never dropped silently.
fn report_leftovers(sp: &ServicePlan, diags: &mut Diagnostics) {
    let service = sp.service;
    for (key, span) in service.present_keys() {
        if !sp.consumed.contains(key) {
            diags.push(
                Diagnostic::new(
                    Code::NotTranslated,
                    format!("`{key}` of service `{}` is not translated", service.name.value),
                )
                .at(span, "this setting has no effect in the generated manifests")
                .help(format!(
                    "`compose2k8s explain {}` says more; remove the key or add its effect to the manifests by hand",
                    Code::NotTranslated.id()
                )),
            );
        }
    }
}
