use std::collections::BTreeSet;

use super::{
    command, depends_on, deploy, develop, environment, healthcheck, image, ports, volumes,
};
use crate::compose::ast::Service;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{Container, Workload, WorkloadKind};

/// Per-service state while planning: which Compose keys have been dealt with.
pub struct ServicePlan<'a> {
    pub project_name: &'a str,
    pub service: &'a Service,
    consumed: BTreeSet<&'static str>,
}

impl ServicePlan<'_> {
    /// Marks a key as lowered or diagnosed by the calling file.
    pub fn consume(&mut self, key: &'static str) {
        self.consumed.insert(key);
    }
}

pub fn plan_service(
    project_name: &str,
    service: &Service,
    name: String,
    needed_by_name: bool,
    diags: &mut Diagnostics,
) -> Workload {
    let mut sp = ServicePlan {
        project_name,
        service,
        consumed: BTreeSet::new(),
    };
    let image = image::image(&mut sp, diags);
    let (command, args) = command::command_and_args(&mut sp, diags);
    let env = environment::env(&mut sp, diags);
    let ports = ports::ports(&mut sp, needed_by_name, diags);
    let probes = healthcheck::probes(&mut sp, diags).unwrap_or_default();
    volumes::volumes(&mut sp, diags);
    depends_on::conditions(&mut sp, diags);
    develop::develop(&mut sp, diags);
    let replicas = deploy::replicas(&mut sp, diags);
    let working_dir = service.working_dir.clone();
    sp.consume("working_dir");

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

    Workload {
        name: name.clone(),
        service: service.name.value.clone(),
        origin: service.name.span,
        kind: WorkloadKind::Deployment,
        replicas,
        containers: vec![Container {
            name,
            image,
            command,
            args,
            env,
            ports: ports.container_ports,
            probes,
            working_dir,
        }],
        exposure: ports.exposure,
    }
}
