//! AST → migration IR. One file per concern; each lowers the Compose keys it owns or reports
//! them. The service planner records every key a file consumed, and whatever a service sets that
//! no file consumed is reported as not translated: nothing is dropped in silence.

mod aliases;
mod autoscaling;
mod bind_defaults;
mod bind_file;
mod bind_mounts;
mod claims;
mod command;
mod configs;
mod container_names;
mod credentials;
mod default_ports;
mod depends_on;
mod deploy;
mod develop;
mod env_file;
mod environment;
mod extension;
mod file_ref;
mod healthcheck;
mod host_only;
mod host_paths;
mod hosts;
mod image;
mod kompose;
mod lifecycle;
mod networks;
mod partial;
mod platform;
mod pod;
mod ports;
mod pre_start;
mod probe_overrides;
mod publishing;
mod references;
mod resource_overrides;
mod resources;
mod rollout;
mod secrets;
mod security;
mod security_opt;
mod service;
mod shared;
#[cfg(test)]
mod test_support;
mod top_level;
mod volumes;
mod workload_kind;

use std::collections::{BTreeMap, BTreeSet};

use crate::compose::ast::Project;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::Migration;
use crate::k8s::names;

/// Choices the user makes on the command line that change the plan.
#[derive(Clone, Debug)]
pub struct PlanOptions {
    pub namespace: Option<String>,
    /// Lower `service_healthy` dependencies to init containers that wait.
    pub dependency_waits: bool,
    /// Write Secret objects with the secrets' data (`--embed-secrets`).
    pub embed_secrets: bool,
    /// Keep Compose network isolation with NetworkPolicies (`--network-policies`).
    pub network_policies: bool,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            namespace: None,
            dependency_waits: true,
            embed_secrets: false,
            network_policies: false,
        }
    }
}

/// The diagnostic for a Compose setting that has no effect in the manifests.
pub(crate) fn not_translated(span: crate::source::Span, what: &str, help: &str) -> Diagnostic {
    Diagnostic::new(Code::NotTranslated, format!("{what} is not translated"))
        .at(span, "no effect in the generated manifests")
        .help(help.to_string())
}

pub fn plan(
    project: &Project,
    name: &str,
    options: &PlanOptions,
    diags: &mut Diagnostics,
) -> Migration {
    if project.services.is_empty() {
        diags.push(
            Diagnostic::new(Code::NoServices, "the project defines no services")
                .at(project.span, "no `services:` here")
                .help("add a `services:` mapping with at least one service"),
        );
    }
    depends_on::check_references(project, diags);
    references::check(project, diags);
    hosts::check(project, diags);
    credentials::report_in_commands(project, diags);
    let depended_on: BTreeSet<&str> = project
        .services
        .values()
        .filter_map(|s| s.depends_on.as_ref())
        .flat_map(|d| d.value.0.iter())
        // A dependency that must complete is waited for, not connected to.
        .filter(|dep| {
            dep.condition
                .as_ref()
                .is_none_or(|c| c.value != "service_completed_successfully")
        })
        .map(|dep| dep.service.value.as_str())
        // A link connects to the service by name, as a dependency does.
        .chain(
            project
                .services
                .values()
                .flat_map(|s| s.links.iter().flat_map(|l| l.value.iter()))
                .map(|l| l.value.split_once(':').map_or(l.value.as_str(), |(s, _)| s)),
        )
        // So does a host name in another service's `environment` (`DB_HOST=db`).
        .chain(hosts::named_in_environment(project))
        .collect();
    top_level::report(project, diags);
    let mut shared = shared::Shared {
        volume_blocks: kompose::volumes(project, diags),
        ..shared::Shared::default()
    };
    let mut workloads = Vec::new();
    let mut seen: BTreeMap<String, &crate::yaml::Spanned<String>> = BTreeMap::new();
    for service in project.services.values() {
        let k8s_name = names::dns_label(&service.name.value);
        if let Some(first) = seen.get(&k8s_name) {
            diags.push(
                Diagnostic::new(
                    Code::NameCollision,
                    format!(
                        "services `{}` and `{}` both become `{k8s_name}` in Kubernetes",
                        first.value, service.name.value
                    ),
                )
                .at(service.name.span, format!("`{}` becomes `{k8s_name}`", service.name.value))
                .also(first.span, format!("`{}` becomes `{k8s_name}` too", first.value))
                .help("rename one of the services; Kubernetes names allow only lower-case letters, digits and `-`"),
            );
            continue;
        }
        seen.insert(k8s_name.clone(), &service.name);
        let needed_by_name = depended_on.contains(service.name.value.as_str());
        let mut cx = service::Context {
            project,
            project_name: name,
            options,
            shared: &mut shared,
        };
        // The service's `x-kubernetes` block may settle what these diagnostics report.
        let mut own = Diagnostics::new();
        let mut workload =
            service::plan_service(&mut cx, service, k8s_name, needed_by_name, &mut own);
        extension::apply(&mut cx, service, &mut workload, own, diags);
        workloads.push(workload);
    }
    // Every service may turn its waits on or off (`x-kubernetes.waitForDependencies`).
    let mut waits = Diagnostics::new();
    let policies = networks::enabled(project, options);
    depends_on::add_waits(project, policies, &mut workloads, &mut waits);
    extension::dependency_waits(
        project,
        options.dependency_waits,
        &mut workloads,
        waits,
        diags,
    );
    // A Kompose init container may have taken a wait's name.
    kompose::init_names(project, &mut workloads, diags);
    claims::finish(project, &mut workloads, &mut shared, diags);
    // After the waits, and once the extension has settled the containers the steps copy.
    pre_start::add(project, &mut workloads, diags);
    // Once every container, steps included, has its variables.
    credentials::withhold(
        project,
        options.embed_secrets,
        &mut workloads,
        &mut shared,
        diags,
    );
    let mut migration = Migration {
        project: name.to_string(),
        namespace: options.namespace.clone(),
        workloads,
        claims: shared.claims.into_values().collect(),
        config_maps: shared.config_maps.into_values().collect(),
        secrets: shared.secrets.into_values().collect(),
        ..Migration::default()
    };
    extension::project_settings(
        project,
        &mut migration.namespace,
        &mut migration.labels,
        &mut migration.annotations,
        diags,
    );
    migration.external_names = partial::external_names(project, diags);
    aliases::aliases(
        project,
        &mut migration.workloads,
        &mut migration.external_names,
        diags,
    );
    migration.networks = networks::plan(project, policies, &mut migration.workloads, diags);
    migration
}
