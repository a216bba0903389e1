use std::collections::HashMap;

use super::not_translated;
use super::service::ServicePlan;
use crate::compose::ast::Project;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{Container, Fact, Wait, Workload};

/// The image of the init containers that wait for dependencies: small, pinned, with `nc`.
pub const WAIT_IMAGE: &str = "busybox:1.37.0";

/// `depends_on` must name services of the project.
pub fn check_references(project: &Project, diags: &mut Diagnostics) {
    let names: Vec<&str> = project.services.keys().map(String::as_str).collect();
    for s in project.services.values() {
        for dep in s.depends_on.iter().flat_map(|d| d.value.0.iter()) {
            let target = dep.service.value.as_str();
            if project.services.contains_key(target) {
                continue;
            }
            let help = match crate::yaml::de::closest(target, &names) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("services of this project: {}", names.join(", ")),
            };
            diags.push(
                Diagnostic::new(
                    Code::UndefinedService,
                    format!(
                        "service `{}` depends on `{target}`, which is not defined",
                        s.name.value
                    ),
                )
                .at(dep.service.span, "no service of this name")
                .help(help),
            );
        }
    }
}

/// The conditions that are not lowered to a wait: `service_started` only orders start-up, which
/// Kubernetes does not do; `service_completed_successfully` is not enforced yet.
pub fn conditions(sp: &mut ServicePlan, waits: bool, diags: &mut Diagnostics) {
    sp.consume("depends_on");
    let s = sp.service;
    for dep in s.depends_on.iter().flat_map(|d| d.value.0.iter()) {
        let condition = dep
            .condition
            .as_ref()
            .map(|c| c.value.as_str())
            .unwrap_or("service_started");
        let at = dep
            .condition
            .as_ref()
            .map(|c| c.span)
            .unwrap_or(dep.service.span);
        if dep.restart == Some(true) {
            diags.push(not_translated(
                dep.service.span,
                &format!("`restart: true` on the dependency `{}`", dep.service.value),
                "Kubernetes does not restart a pod when another one restarts; make the client reconnect",
            ));
        }
        match condition {
            "service_healthy" if waits => {}
            "service_started" => diags.push(
                Diagnostic::new(
                    Code::StartOrderOnly,
                    format!(
                        "`{}` starts after `{}` in Compose; Kubernetes starts both at once",
                        s.name.value, dep.service.value
                    ),
                )
                .at(at, "start order only, no wait")
                .help(format!(
                    "`{}` should retry its connection to `{}`; use `condition: service_healthy` to wait for it",
                    s.name.value, dep.service.value
                )),
            ),
            _ => diags.push(
                Diagnostic::new(
                    Code::DependsOnCondition,
                    format!(
                        "`{}` waits for `{}` ({condition}) in Compose; Kubernetes starts both at once",
                        s.name.value, dep.service.value
                    ),
                )
                .at(at, "this start-up order is not enforced")
                .help(format!(
                    "make `{}` retry its connection to `{}` until it is ready, or add an init container that waits for it",
                    s.name.value, dep.service.value
                )),
            ),
        }
    }
}

/// `service_healthy` dependencies → init containers that wait until the dependency's Service
/// accepts connections. Runs once every workload is planned, because it needs the dependency's
/// Service port. With NetworkPolicies (`policies`), `plan::networks` opens the path each wait
/// needs, except out of a `network_mode: none` pod: the init container shares the pod's policy,
/// so a way out for the wait would be one for the service too.
pub fn add_waits(
    project: &Project,
    policies: bool,
    workloads: &mut [Workload],
    diags: &mut Diagnostics,
) {
    let mut waits: Vec<(usize, Container)> = Vec::new();
    // By service name (the first workload of each): a search of the list per dependency made
    // long chains quadratic.
    let mut by_service: HashMap<&str, &Workload> = HashMap::new();
    for w in workloads.iter() {
        by_service.entry(w.service.as_str()).or_insert(w);
    }
    for (i, w) in workloads.iter().enumerate() {
        let Some(service) = project.services.get(&w.service) else {
            continue;
        };
        for dep in service.depends_on.iter().flat_map(|d| d.value.0.iter()) {
            let Some(condition) = dep
                .condition
                .as_ref()
                .filter(|c| c.value == "service_healthy")
            else {
                continue;
            };
            let Some(target) = by_service.get(dep.service.value.as_str()) else {
                continue;
            };
            let dep_service = project.services.get(dep.service.value.as_str());
            let port = target
                .exposure
                .as_ref()
                .and_then(|e| e.ports.first())
                .map(|p| p.value.port);
            let Some(port) = port else {
                diags.push(
                    Diagnostic::new(
                        Code::DependsOnCondition,
                        format!(
                            "`{}` cannot wait for `{}`: it has no Service to connect to",
                            w.service, dep.service.value
                        ),
                    )
                    .at(condition.span, "nothing to wait on")
                    .help(format!(
                        "add `expose: [\"PORT\"]` to `{}` so a Service (and a wait) can be generated",
                        dep.service.value
                    )),
                );
                continue;
            };
            let shut = [
                (w.service.as_str(), Some(service)),
                (dep.service.value.as_str(), dep_service),
            ]
            .into_iter()
            .filter(|_| policies)
            .find_map(|(name, s)| {
                s.and_then(|s| super::networks::without_network(project, s))
                    .map(|span| (name, span))
            });
            if let Some((shut, mode)) = shut {
                diags.push(
                    Diagnostic::new(
                        Code::DependsOnCondition,
                        format!(
                            "`{}` cannot wait for `{}`: the pods of `{shut}` have no network",
                            w.service, dep.service.value
                        ),
                    )
                    .at(condition.span, "no init container waits for it")
                    .also(mode, format!("`{shut}`'s NetworkPolicy denies all traffic in and out"))
                    .help(format!(
                        "an init container shares its pod's NetworkPolicy, so a path for the wait would open the service too; `{}` starts without waiting for `{}`, so if it relies on `{}`'s work (a shared volume), make it wait for that itself",
                        w.service, dep.service.value, dep.service.value
                    )),
                );
                continue;
            }
            let target_port = target
                .exposure
                .as_ref()
                .and_then(|e| e.ports.first())
                .map_or(port, |p| p.value.target_port);
            let host = &target.name;
            let script = format!(
                "until nc -z -w 2 {host} {port}; do echo waiting for {host}:{port}; sleep 2; done"
            );
            diags.push(
                Diagnostic::new(
                    Code::WaitForDependency,
                    format!(
                        "`{}` waits for `{}` with an init container until `{host}:{port}` accepts connections",
                        w.service, dep.service.value
                    ),
                )
                .at(condition.span, "lowered to an init container")
                .help("the Service routes only to ready pods, so this waits for the readiness probe; turn waits off with `--no-dependency-waits`"),
            );
            waits.push((
                i,
                Container {
                    name: crate::k8s::names::dns_label(&format!("wait-for-{host}")),
                    image: Fact::new(condition.span, WAIT_IMAGE.to_string()),
                    command: Some(Fact::new(
                        condition.span,
                        vec!["sh".into(), "-c".into(), script],
                    )),
                    waits_for: Some(Wait {
                        workload: target.name.clone(),
                        port: target_port,
                        span: condition.span,
                    }),
                    ..Container::default()
                },
            ));
        }
    }
    for (i, c) in waits {
        if let Some(w) = workloads.get_mut(i) {
            w.init_containers.push(c);
        }
    }
}
