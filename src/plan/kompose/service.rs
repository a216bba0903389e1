//! A service's `kompose.*` labels → a [`ServiceExtension`] beneath the service's own block.

use std::collections::BTreeMap;

use super::{from_labels, slot, test_command, whole, Label, Notes};
use crate::compose::ast::{Mapping, Project, Service};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::extension::{self as ext, ServiceExtension, Tls};
use crate::ir::{Container, Fact, Workload};
use crate::plan::container_names::unique;
use crate::plan::extension::Findings;
use crate::plan::shared::Shared;
use crate::yaml::de::Context;
use crate::yaml::Spanned;

/// The service's `kompose.*` labels as an extension block, with `x-kubernetes` winning per key;
/// `None` when the service has no Kompose labels.
pub fn effective(
    service: &Service,
    w: &mut Workload,
    shared: &mut Shared,
    found: &mut Findings,
) -> Option<ServiceExtension> {
    let labels = service.labels.as_ref()?;
    let mut all = Label::all(labels).peekable();
    all.peek()?;
    let mut r = Reader {
        service,
        own: service.x_kubernetes.as_ref().map(|x| &*x.value),
        notes: Notes::new(format!("service `{}`", service.name.value)),
        ext: ServiceExtension::default(),
        init: Vec::new(),
    };
    for l in all {
        r.label(l, w, shared, found);
    }
    r.finish(w);
    for d in r.notes.items {
        found.push(d);
    }
    let k = r.ext;
    let block = match service.x_kubernetes.as_ref() {
        Some(x) => merge(k, (*x.value).clone()),
        None => k,
    };
    check(labels, &block, found);
    Some(block)
}

/// The checks the `x-kubernetes` block gets when it is read, run on the block the labels made,
/// so a label cannot give Kubernetes what the key it stands for may not: one rule for both. The
/// service's own block passed them when it was read (an error there stops the conversion before
/// the plan), so what they find now comes from the labels, alone or beside the block.
fn check(labels: &Spanned<Mapping>, block: &ServiceExtension, found: &mut Findings) {
    let cx = Context::new();
    ext::check::service(&Spanned::new(labels.span, block.clone()), &cx);
    for d in from_labels(cx.take(), labels) {
        found.push(d);
    }
}

/// The service's own block wins key by key over what the labels say.
fn merge(k: ServiceExtension, x: ServiceExtension) -> ServiceExtension {
    ServiceExtension {
        kind: x.kind.or(k.kind),
        external: x.external.or(k.external),
        schedule: x.schedule.or(k.schedule),
        replicas: x.replicas.or(k.replicas),
        service: x.service.or(k.service),
        ingress: x.ingress.or(k.ingress),
        probes: x.probes.or(k.probes),
        resources: x.resources.or(k.resources),
        gpu: x.gpu.or(k.gpu),
        node_selector: x.node_selector.or(k.node_selector),
        tolerations: x.tolerations.or(k.tolerations),
        affinity: x.affinity.or(k.affinity),
        runtime_class_name: x.runtime_class_name.or(k.runtime_class_name),
        service_account_name: x.service_account_name.or(k.service_account_name),
        image_pull_secrets: x.image_pull_secrets.or(k.image_pull_secrets),
        annotations: x.annotations.or(k.annotations),
        labels: x.labels.or(k.labels),
        strategy: x.strategy.or(k.strategy),
        job: x.job.or(k.job),
        volumes: x.volumes.or(k.volumes),
        autoscaling: x.autoscaling.or(k.autoscaling),
        wait_for_dependencies: x.wait_for_dependencies.or(k.wait_for_dependencies),
        diagnostics: x.diagnostics.or(k.diagnostics),
    }
}

pub(super) struct Reader<'a> {
    pub(super) service: &'a Service,
    pub(super) own: Option<&'a ServiceExtension>,
    pub(super) notes: Notes,
    pub(super) ext: ServiceExtension,
    /// The `kompose.init.containers.*` labels, read together at the end.
    init: Vec<Label<'a>>,
}

impl<'a> Reader<'a> {
    /// Whether the service's own block sets what `key` picks out.
    pub(super) fn settled(&self, key: fn(&ServiceExtension) -> bool) -> bool {
        self.own.is_some_and(key)
    }

    fn label(&mut self, l: Label<'a>, w: &mut Workload, shared: &mut Shared, found: &mut Findings) {
        let (key, value) = (l.key, l.value);
        match key {
            "kompose.service.type" => {
                let ty = match value.to_ascii_lowercase().as_str() {
                    "clusterip" => ext::ServiceType::ClusterIp,
                    "nodeport" => ext::ServiceType::NodePort,
                    "loadbalancer" => ext::ServiceType::LoadBalancer,
                    "headless" => ext::ServiceType::Headless,
                    _ => {
                        return self
                            .notes
                            .invalid(l, "`clusterip`, `nodeport`, `loadbalancer` or `headless`")
                    }
                };
                let settled = self.settled(|e| e.service.is_some());
                self.notes
                    .read(l, &format!("service.type: {}", ty.as_str()), settled);
                slot(&mut self.ext.service, l.at).type_ = Some(l.s(ty));
            }
            "kompose.service.nodeport.port" => {
                let Some(port) = whole::<u16>(value, 30000).filter(|p| *p <= 32767) else {
                    return self.notes.invalid(l, "a node port from 30000 to 32767");
                };
                let Some(service_port) = w
                    .exposure
                    .as_ref()
                    .and_then(|e| e.ports.first())
                    .map(|p| p.value.port)
                else {
                    return self
                        .notes
                        .invalid(l, "a node port, on a service that has `ports`");
                };
                let settled = self.settled(|e| e.service.is_some());
                self.notes.read(
                    l,
                    &format!("service.nodePorts: {{{service_port}: {port}}}"),
                    settled,
                );
                let settings = slot(&mut self.ext.service, l.at);
                settings.node_ports = Some(l.s(BTreeMap::from([(service_port, l.s(port))])));
                // Kompose makes the Service a NodePort one when only the port is given.
                if settings.type_.is_none() {
                    settings.type_ = Some(l.s(ext::ServiceType::NodePort));
                }
            }
            "kompose.service.external-traffic-policy" => {
                let policy = match value.to_ascii_lowercase().as_str() {
                    "cluster" => ext::ExternalTrafficPolicy::Cluster,
                    "local" => ext::ExternalTrafficPolicy::Local,
                    _ => return self.notes.invalid(l, "`cluster` or `local`"),
                };
                let settled = self.settled(|e| e.service.is_some());
                self.notes.read(
                    l,
                    &format!("service.externalTrafficPolicy: {}", policy.as_str()),
                    settled,
                );
                slot(&mut self.ext.service, l.at).external_traffic_policy = Some(l.s(policy));
            }
            "kompose.service.expose" => self.expose(l),
            "kompose.service.expose.tls-secret" => {
                let settled = self.settled(|e| e.ingress.is_some());
                self.notes
                    .read(l, &format!("ingress.tls.secretName: {value}"), settled);
                slot(&mut self.ext.ingress, l.at).tls = Some(l.s(Tls {
                    secret_name: l.s(value.to_string()),
                }));
            }
            "kompose.service.expose.ingress-class-name" => {
                let settled = self.settled(|e| e.ingress.is_some());
                self.notes
                    .read(l, &format!("ingress.className: {value}"), settled);
                slot(&mut self.ext.ingress, l.at).class_name = Some(l.s(value.to_string()));
            }
            "kompose.controller.type" => {
                let kind =
                    match value.to_ascii_lowercase().as_str() {
                        "deployment" | "replicationcontroller" => ext::WorkloadKind::Deployment,
                        "daemonset" => ext::WorkloadKind::DaemonSet,
                        "statefulset" => ext::WorkloadKind::StatefulSet,
                        _ => return self.notes.invalid(
                            l,
                            "`deployment`, `daemonset`, `statefulset` or `replicationcontroller`",
                        ),
                    };
                let settled = self.settled(|e| e.kind.is_some());
                self.notes
                    .read(l, &format!("kind: {}", kind.as_str()), settled);
                self.ext.kind = Some(l.s(kind));
            }
            "kompose.image-pull-policy" => {
                let Some(policy) = ["Always", "IfNotPresent", "Never"]
                    .into_iter()
                    .find(|p| p.eq_ignore_ascii_case(value))
                else {
                    return self.notes.invalid(l, "`Always`, `IfNotPresent` or `Never`");
                };
                self.notes.direct(
                    l,
                    &format!("`imagePullPolicy: {policy}` (Compose: `pull_policy`)"),
                );
                for c in &mut w.containers {
                    c.image_pull_policy = Some(policy.to_string());
                }
            }
            "kompose.image-pull-secret" => {
                let settled = self.settled(|e| e.image_pull_secrets.is_some());
                self.notes
                    .read(l, &format!("imagePullSecrets: [{value}]"), settled);
                self.ext.image_pull_secrets = Some(l.s(vec![l.s(value.to_string())]));
            }
            "kompose.serviceaccount-name" => {
                let settled = self.settled(|e| e.service_account_name.is_some());
                self.notes
                    .read(l, &format!("serviceAccountName: {value}"), settled);
                self.ext.service_account_name = Some(l.s(value.to_string()));
            }
            "kompose.security-context.fsgroup" => match value.parse::<i64>() {
                Ok(gid) => {
                    self.notes
                        .direct(l, &format!("the pod's `securityContext.fsGroup: {gid}`"));
                    w.pod.fs_group = Some(gid);
                }
                Err(_) => self.notes.invalid(l, "a numeric group id"),
            },
            "kompose.cronjob.schedule" => {
                let settled = self.settled(|e| e.schedule.is_some());
                self.notes.read(
                    l,
                    &format!("schedule: \"{value}\"` with `kind: CronJob"),
                    settled,
                );
                self.ext.kind = Some(l.s(ext::WorkloadKind::CronJob));
                self.ext.schedule = Some(l.s(value.to_string()));
            }
            "kompose.cronjob.backoff_limit" => {
                let Some(n) = whole::<i32>(value, 0) else {
                    return self.notes.invalid(l, "a whole number of retries");
                };
                let settled = self.settled(|e| e.job.is_some());
                self.notes
                    .read(l, &format!("job.backoffLimit: {n}"), settled);
                slot(&mut self.ext.job, l.at).backoff_limit = Some(l.s(n));
            }
            "kompose.cronjob.concurrency_policy" => {
                let Some(policy) = [
                    ext::ConcurrencyPolicy::Allow,
                    ext::ConcurrencyPolicy::Forbid,
                    ext::ConcurrencyPolicy::Replace,
                ]
                .into_iter()
                .find(|p| p.as_str().eq_ignore_ascii_case(value)) else {
                    return self.notes.invalid(l, "`Allow`, `Forbid` or `Replace`");
                };
                let settled = self.settled(|e| e.job.is_some());
                self.notes.read(
                    l,
                    &format!("job.concurrencyPolicy: {}", policy.as_str()),
                    settled,
                );
                slot(&mut self.ext.job, l.at).concurrency_policy = Some(l.s(policy));
            }
            "kompose.hpa.cpu"
            | "kompose.hpa.memory"
            | "kompose.hpa.replicas.min"
            | "kompose.hpa.replicas.max" => self.hpa(l),
            "kompose.init.containers.name"
            | "kompose.init.containers.image"
            | "kompose.init.containers.command" => self.init.push(l),
            "kompose.volume.size" | "kompose.volume.storage-class-name" => {
                self.volume_label(l, shared, found);
            }
            "kompose.volume.type" => self.volume_type(l),
            "kompose.volume.sub-path" | "kompose.volume.subpath" => self.sub_path(l, w),
            _ if key.starts_with("kompose.service.healthcheck.") => self.probe(l, w),
            _ => self.notes.unknown(l),
        }
    }

    /// `kompose.service.expose`: `true`, or hosts (the first with an optional path).
    fn expose(&mut self, l: Label) {
        let value = l.value;
        if value.eq_ignore_ascii_case("false") {
            return;
        }
        let mut hosts = value.split(',').map(str::trim).filter(|h| !h.is_empty());
        let first = hosts.next().filter(|h| !h.eq_ignore_ascii_case("true"));
        let (host, path) = match first.and_then(|h| h.split_once('/')) {
            Some((h, p)) => (Some(h), Some(format!("/{p}"))),
            None => (first, None),
        };
        if hosts.next().is_some() {
            self.notes.items.push(
                Diagnostic::new(
                    Code::UnknownKomposeLabel,
                    format!(
                        "`{}` names several hosts; the Ingress answers for the first only",
                        l.key
                    ),
                )
                .at(l.at, "later hosts are ignored")
                .help("add rules for the other hosts to the Ingress by hand"),
            );
        }
        let equivalent = match host {
            Some(h) => format!("ingress.host: {h}"),
            None => "ingress: {}".to_string(),
        };
        let settled = self.settled(|e| e.ingress.is_some());
        self.notes.read(l, &equivalent, settled);
        let ingress = slot(&mut self.ext.ingress, l.at);
        ingress.host = host.map(|h| l.s(h.to_string()));
        ingress.path = path.map(|p| l.s(p));
    }

    /// Labels read together: the init container, probe ports, the HPA's default maximum.
    fn finish(&mut self, w: &mut Workload) {
        self.init_container(w);
        self.probe_ports(w);
        self.hpa_defaults();
    }

    /// `kompose.init.containers.{image,name,command}`: one init container.
    fn init_container(&mut self, w: &mut Workload) {
        let get = |suffix: &str| {
            self.init
                .iter()
                .find(|l| l.key.strip_prefix("kompose.init.containers.") == Some(suffix))
                .copied()
        };
        let (image, name, command) = (get("image"), get("name"), get("command"));
        match image.filter(|i| !i.value.is_empty()) {
            Some(image) => {
                let name = crate::k8s::names::dns_label(name.map_or("init", |n| n.value));
                let argv = command.and_then(|c| test_command(c.value));
                self.notes
                    .direct(image, &format!("an init container `{name}`"));
                w.init_containers.push(Container {
                    name,
                    image: Fact::new(image.at, image.value.to_string()),
                    command: argv.map(|a| Fact::new(image.at, a)),
                    ..Container::default()
                });
            }
            None => {
                if let Some(l) = image.or(name).or(command) {
                    self.notes
                        .invalid(l, "an image too: `kompose.init.containers.image`");
                }
            }
        }
    }
}

/// Renames each Kompose init container whose name another container of its pod has (the
/// service's own, or a wait for a dependency, which are added after the labels are read):
/// Kubernetes rejects a pod with two containers of one name.
pub fn init_names(project: &Project, workloads: &mut [Workload], diags: &mut Diagnostics) {
    for w in workloads.iter_mut() {
        let Some(labels) = project
            .services
            .get(&w.service)
            .and_then(|s| s.labels.as_ref())
        else {
            continue;
        };
        let Some(image_at) = labels.value.span_of("kompose.init.containers.image") else {
            continue;
        };
        let Some(i) = w
            .init_containers
            .iter()
            .position(|c| c.image.span == image_at)
        else {
            continue;
        };
        let others: Vec<&Container> = w
            .containers
            .iter()
            .chain(
                w.init_containers
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, c)| c),
            )
            .collect();
        let Some(kompose) = w.init_containers.get(i) else {
            continue;
        };
        let Some(other) = others.iter().find(|c| c.name == kompose.name) else {
            continue;
        };
        let taken: Vec<String> = others.iter().map(|c| c.name.clone()).collect();
        let name = unique(&kompose.name, &taken);
        let at = labels
            .value
            .span_of("kompose.init.containers.name")
            .unwrap_or(image_at);
        let mut d = Diagnostic::new(
            Code::UnknownKomposeLabel,
            format!(
                "the Kompose init container `{}` of service `{}` is named `{name}`: the pod has another container `{}`",
                kompose.name, w.service, kompose.name
            ),
        )
        .at(at, format!("renamed `{name}`"));
        if !other.image.span.is_empty() {
            d = d.also(other.image.span, "the container that keeps the name");
        }
        diags.push(d.help(
            "container names must be unique in a pod; choose another `kompose.init.containers.name`",
        ));
        if let Some(c) = w.init_containers.get_mut(i) {
            c.name = name;
        }
    }
}
