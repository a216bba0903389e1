//! Kompose's `kompose.*` service labels, read as the `x-kubernetes` settings they mean, so a
//! project written for Kompose converts without edits. The labels become a [`ServiceExtension`]
//! that the service's own `x-kubernetes` block overrides key by key; the few labels with no
//! extension key (pull policy, fsGroup, an init container, volume sizes) go straight to the IR.
//! Every label read gets an info naming its `x-kubernetes` equivalent; labels Kompose does not
//! document, or values it would reject, get a warning.

use std::collections::BTreeMap;

use indexmap::IndexMap;

use super::extension::Findings;
use super::shared::Shared;
use crate::compose::ast::{MountKind, Service};
use crate::diag::{Code, Diagnostic};
use crate::extension::{
    self as ext, Autoscaling, Exec, HttpGet, IngressSettings, JobSettings, ProbeSpec, Probes,
    ServiceExtension, ServiceSettings, TcpSocket, Tls,
};
use crate::ir::{Container, Fact, Workload};
use crate::source::Span;
use crate::yaml::Spanned;

/// Kompose's defaults when only some `kompose.hpa.*` labels are set.
const HPA_DEFAULT_MAX: i32 = 10;

/// Labels Kompose documents that have no equivalent here; why, for the warning.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("kompose.service.group", "several services in one pod are not generated; keep them as separate workloads, or write the pod by hand"),
    ("kompose.service.external-traffic-policy", "set `spec.externalTrafficPolicy` on the Service by hand"),
    ("kompose.controller.port.expose", "host ports are not generated; use a NodePort or LoadBalancer Service (`x-kubernetes.service.type`)"),
    ("kompose.cronjob.concurrency_policy", "the CronJob's `concurrencyPolicy` is left at `Allow`; set it by hand"),
    ("kompose.volume.sub-path", "mount a sub-path by writing it in the Compose mount (`volume.subpath`)"),
    ("kompose.volume.subpath", "mount a sub-path by writing it in the Compose mount (`volume.subpath`)"),
    ("kompose.volume.selector", "set `spec.selector` on the claim by hand"),
    ("kompose.service.suffix-lb", "Service port names are generated"),
    ("kompose.service.suffix-lb-tcp", "Service port names are generated"),
    ("kompose.service.suffix-lb-udp", "Service port names are generated"),
];

fn is_kompose(key: &str) -> bool {
    key.starts_with("kompose.")
}

/// Whether a label is Kompose's: such labels are read here, never copied as annotations.
pub fn is_kompose_label(key: &str) -> bool {
    is_kompose(key)
}

/// The service's `kompose.*` labels as an extension block, with `x-kubernetes` winning per key;
/// `None` when the service has no Kompose labels.
pub fn effective(
    service: &Service,
    w: &mut Workload,
    shared: &mut Shared,
    found: &mut Findings,
) -> Option<ServiceExtension> {
    let labels = service.labels.as_ref()?;
    if !labels.value.iter().any(|(k, _)| is_kompose(k)) {
        return None;
    }
    let mut r = Reader {
        at: labels.span,
        service,
        own: service.x_kubernetes.as_ref().map(|x| &*x.value),
        found,
        ext: ServiceExtension::default(),
    };
    for (key, value) in labels.value.iter().filter(|(k, _)| is_kompose(k)) {
        r.label(key, value.trim(), w, shared);
    }
    r.finish(w);
    let k = r.ext;
    Some(match service.x_kubernetes.as_ref() {
        Some(x) => merge(k, (*x.value).clone()),
        None => k,
    })
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

struct Reader<'a> {
    at: Span,
    service: &'a Service,
    own: Option<&'a ServiceExtension>,
    found: &'a mut Findings,
    ext: ServiceExtension,
}

impl Reader<'_> {
    fn s<T>(&self, value: T) -> Spanned<T> {
        Spanned::new(self.at, value)
    }

    /// The info for a label read as `x-kubernetes.{equivalent}`; `settled` says whether the
    /// service's own `x-kubernetes` block already sets that key (and so wins).
    fn read(&mut self, key: &str, value: &str, equivalent: &str, settled: bool) {
        let phrase = format!("`x-kubernetes.{equivalent}`");
        self.read_as(key, value, &phrase, settled);
    }

    /// The info for a label read as what `phrase` names.
    fn read_as(&mut self, key: &str, value: &str, phrase: &str, settled: bool) {
        let name = &self.service.name.value;
        let d = if settled {
            Diagnostic::new(
                Code::KomposeLabel,
                format!("Kompose label `{key}: {value}` is overridden by the `x-kubernetes` block of `{name}`"),
            )
            .at(self.at, "the `x-kubernetes` block wins")
            .help(format!("the label means {phrase}; remove it, or the block's setting"))
        } else {
            Diagnostic::new(
                Code::KomposeLabel,
                format!("Kompose label `{key}: {value}` is read as {phrase}"),
            )
            .at(self.at, "a Kompose label")
            .help(format!(
                "write it as {phrase} of service `{name}` once Kompose is no longer used"
            ))
        };
        self.found.push(d);
    }

    /// An info for a label applied to the manifests directly (no `x-kubernetes` key says it).
    fn direct(&mut self, key: &str, value: &str, effect: &str) {
        self.found.push(
            Diagnostic::new(
                Code::KomposeLabel,
                format!("Kompose label `{key}: {value}` sets {effect}"),
            )
            .at(self.at, "a Kompose label")
            .help("`x-kubernetes` has no key for this; keep the label, or set the field in the manifests by hand"),
        );
    }

    fn invalid(&mut self, key: &str, value: &str, expected: &str) {
        self.found.push(
            Diagnostic::new(
                Code::UnknownKomposeLabel,
                format!("Kompose label `{key}` has a value Kompose does not accept: `{value}`"),
            )
            .at(self.at, "ignored")
            .help(format!("`{key}` takes {expected}")),
        );
    }

    fn label(&mut self, key: &str, value: &str, w: &mut Workload, shared: &mut Shared) {
        let own = self.own;
        let has = |f: fn(&ServiceExtension) -> bool| own.is_some_and(f);
        match key {
            "kompose.service.type" => {
                let ty = match value.to_ascii_lowercase().as_str() {
                    "clusterip" => ext::ServiceType::ClusterIp,
                    "nodeport" => ext::ServiceType::NodePort,
                    "loadbalancer" => ext::ServiceType::LoadBalancer,
                    "headless" => ext::ServiceType::Headless,
                    _ => {
                        return self.invalid(
                            key,
                            value,
                            "`clusterip`, `nodeport`, `loadbalancer` or `headless`",
                        )
                    }
                };
                self.read(
                    key,
                    value,
                    &format!("service.type: {}", ty.as_str()),
                    has(|e| e.service.is_some()),
                );
                self.service_settings().type_ = Some(self.s(ty));
            }
            "kompose.service.nodeport.port" => {
                let Some(port) = value.parse::<u16>().ok().filter(|p| (30000..=32767).contains(p))
                else {
                    return self.invalid(key, value, "a node port from 30000 to 32767");
                };
                let Some(service_port) = w
                    .exposure
                    .as_ref()
                    .and_then(|e| e.ports.first())
                    .map(|p| p.value.port)
                else {
                    return self.invalid(key, value, "a node port, on a service that has `ports`");
                };
                self.read(
                    key,
                    value,
                    &format!("service.nodePorts: {{{service_port}: {port}}}"),
                    has(|e| e.service.is_some()),
                );
                let at = self.at;
                let settings = self.service_settings();
                let mut ports = BTreeMap::new();
                ports.insert(service_port, Spanned::new(at, port));
                settings.node_ports = Some(Spanned::new(at, ports));
                // Kompose makes the Service a NodePort one when only the port is given.
                if settings.type_.is_none() {
                    settings.type_ = Some(Spanned::new(at, ext::ServiceType::NodePort));
                }
            }
            "kompose.service.expose" => {
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
                    self.found.push(
                        Diagnostic::new(
                            Code::UnknownKomposeLabel,
                            format!("`{key}` names several hosts; the Ingress answers for the first only"),
                        )
                        .at(self.at, "later hosts are ignored")
                        .help("add rules for the other hosts to the Ingress by hand"),
                    );
                }
                let equivalent = match host {
                    Some(h) => format!("ingress.host: {h}"),
                    None => "ingress: {}".to_string(),
                };
                self.read(key, value, &equivalent, has(|e| e.ingress.is_some()));
                let at = self.at;
                let ingress = self.ingress();
                ingress.host = host.map(|h| Spanned::new(at, h.to_string()));
                ingress.path = path.map(|p| Spanned::new(at, p));
            }
            "kompose.service.expose.tls-secret" => {
                self.read(
                    key,
                    value,
                    &format!("ingress.tls.secretName: {value}"),
                    has(|e| e.ingress.is_some()),
                );
                let at = self.at;
                self.ingress().tls = Some(Spanned::new(
                    at,
                    Tls {
                        secret_name: Spanned::new(at, value.to_string()),
                    },
                ));
            }
            "kompose.service.expose.ingress-class-name" => {
                self.read(
                    key,
                    value,
                    &format!("ingress.className: {value}"),
                    has(|e| e.ingress.is_some()),
                );
                let at = self.at;
                self.ingress().class_name = Some(Spanned::new(at, value.to_string()));
            }
            "kompose.controller.type" => {
                let kind = match value.to_ascii_lowercase().as_str() {
                    "deployment" | "replicationcontroller" => ext::WorkloadKind::Deployment,
                    "daemonset" => ext::WorkloadKind::DaemonSet,
                    "statefulset" => ext::WorkloadKind::StatefulSet,
                    _ => {
                        return self.invalid(
                            key,
                            value,
                            "`deployment`, `daemonset`, `statefulset` or `replicationcontroller`",
                        )
                    }
                };
                self.read(
                    key,
                    value,
                    &format!("kind: {}", kind.as_str()),
                    has(|e| e.kind.is_some()),
                );
                self.ext.kind = Some(self.s(kind));
            }
            "kompose.image-pull-policy" => {
                let Some(policy) = ["Always", "IfNotPresent", "Never"]
                    .into_iter()
                    .find(|p| p.eq_ignore_ascii_case(value))
                else {
                    return self.invalid(key, value, "`Always`, `IfNotPresent` or `Never`");
                };
                self.direct(key, value, &format!("`imagePullPolicy: {policy}` (Compose: `pull_policy`)"));
                for c in &mut w.containers {
                    c.image_pull_policy = Some(policy.to_string());
                }
            }
            "kompose.image-pull-secret" => {
                self.read(
                    key,
                    value,
                    &format!("imagePullSecrets: [{value}]"),
                    has(|e| e.image_pull_secrets.is_some()),
                );
                let secret = self.s(value.to_string());
                self.ext.image_pull_secrets = Some(self.s(vec![secret]));
            }
            "kompose.serviceaccount-name" => {
                self.read(
                    key,
                    value,
                    &format!("serviceAccountName: {value}"),
                    has(|e| e.service_account_name.is_some()),
                );
                self.ext.service_account_name = Some(self.s(value.to_string()));
            }
            "kompose.security-context.fsgroup" => match value.parse::<i64>() {
                Ok(gid) => {
                    self.direct(key, value, &format!("the pod's `securityContext.fsGroup: {gid}`"));
                    w.pod.fs_group = Some(gid);
                }
                Err(_) => self.invalid(key, value, "a numeric group id"),
            },
            "kompose.cronjob.schedule" => {
                self.read(
                    key,
                    value,
                    &format!("schedule: \"{value}\"` with `kind: CronJob"),
                    has(|e| e.schedule.is_some()),
                );
                self.ext.kind = Some(self.s(ext::WorkloadKind::CronJob));
                self.ext.schedule = Some(self.s(value.to_string()));
            }
            "kompose.cronjob.backoff_limit" => match value.parse::<i32>() {
                Ok(n) if n >= 0 => {
                    self.read(
                        key,
                        value,
                        &format!("job.backoffLimit: {n}"),
                        has(|e| e.job.is_some()),
                    );
                    let at = self.at;
                    let job = self.ext.job.get_or_insert_with(|| Spanned::new(at, JobSettings::default()));
                    job.value.backoff_limit = Some(Spanned::new(at, n));
                }
                _ => self.invalid(key, value, "a whole number of retries"),
            },
            "kompose.hpa.cpu" | "kompose.hpa.memory" => {
                let is_cpu = key == "kompose.hpa.cpu";
                let Some(percent) = value
                    .trim_end_matches('%')
                    .parse::<i32>()
                    .ok()
                    .filter(|p| *p > 0)
                else {
                    // Kompose also takes an absolute memory value; utilisation is what an HPA
                    // here scales on.
                    return self.invalid(key, value, "a utilisation percentage (`80` or `80%`)");
                };
                let field = if is_cpu { "cpu" } else { "memory" };
                self.read(
                    key,
                    value,
                    &format!("autoscaling.{field}: {percent}"),
                    has(|e| e.autoscaling.is_some()),
                );
                let at = self.at;
                let a = self.autoscaling();
                if is_cpu {
                    a.cpu = Some(Spanned::new(at, percent));
                } else {
                    a.memory = Some(Spanned::new(at, percent));
                }
            }
            "kompose.hpa.replicas.min" | "kompose.hpa.replicas.max" => {
                let is_min = key.ends_with(".min");
                let Some(n) = value.parse::<i32>().ok().filter(|n| *n >= i32::from(!is_min)) else {
                    return self.invalid(key, value, "a whole number of replicas");
                };
                let field = if is_min { "minReplicas" } else { "maxReplicas" };
                self.read(
                    key,
                    value,
                    &format!("autoscaling.{field}: {n}"),
                    has(|e| e.autoscaling.is_some()),
                );
                let at = self.at;
                let a = self.autoscaling();
                if is_min {
                    a.min_replicas = Some(Spanned::new(at, n));
                } else {
                    a.max_replicas = Some(Spanned::new(at, n));
                }
            }
            "kompose.init.containers.name"
            | "kompose.init.containers.image"
            | "kompose.init.containers.command" => {
                // Read together in `finish`.
            }
            "kompose.volume.size" | "kompose.volume.storage-class-name" => {
                self.volume_label(key, value, shared);
            }
            "kompose.volume.type" => self.volume_type(key, value),
            _ if key.starts_with("kompose.service.healthcheck.") => self.probe(key, value, w),
            _ => match UNSUPPORTED.iter().find(|(k, _)| *k == key) {
                Some((_, help)) => self.found.push(
                    Diagnostic::new(
                        Code::UnknownKomposeLabel,
                        format!("Kompose label `{key}` is not supported"),
                    )
                    .at(self.at, "no effect on the manifests")
                    .help(*help),
                ),
                None => self.found.push(
                    Diagnostic::new(
                        Code::UnknownKomposeLabel,
                        format!("`{key}` is not a label Kompose documents"),
                    )
                    .at(self.at, "no effect on the manifests")
                    .help("check the spelling against Kompose's label reference, or use `x-kubernetes`"),
                ),
            },
        }
    }

    fn service_settings(&mut self) -> &mut ServiceSettings {
        let at = self.at;
        &mut self
            .ext
            .service
            .get_or_insert_with(|| Spanned::new(at, ServiceSettings::default()))
            .value
    }

    fn ingress(&mut self) -> &mut IngressSettings {
        let at = self.at;
        &mut self
            .ext
            .ingress
            .get_or_insert_with(|| Spanned::new(at, IngressSettings::default()))
            .value
    }

    fn autoscaling(&mut self) -> &mut Autoscaling {
        let at = self.at;
        &mut self
            .ext
            .autoscaling
            .get_or_insert_with(|| Spanned::new(at, Autoscaling::default()))
            .value
    }

    fn probe_spec(&mut self, liveness: bool) -> &mut ProbeSpec {
        let at = self.at;
        let probes = &mut self
            .ext
            .probes
            .get_or_insert_with(|| Spanned::new(at, Probes::default()))
            .value;
        let slot = if liveness {
            &mut probes.liveness
        } else {
            &mut probes.readiness
        };
        &mut slot
            .get_or_insert_with(|| Spanned::new(at, ProbeSpec::default()))
            .value
    }

    /// `kompose.service.healthcheck.{readiness,liveness}.*`.
    fn probe(&mut self, key: &str, value: &str, w: &mut Workload) {
        let rest = key.trim_start_matches("kompose.service.healthcheck.");
        let (which, field) = rest.split_once('.').unwrap_or((rest, ""));
        let liveness = match which {
            "readiness" => false,
            "liveness" => true,
            _ => return self.unknown(key),
        };
        let settled = self.own.is_some_and(|e| e.probes.is_some());
        let at = self.at;
        let seconds = |v: &str| {
            crate::compose::ast::Duration::parse(v)
                .ok()
                .map(|d| i32::try_from(d.as_secs_ceil().max(1)).unwrap_or(i32::MAX))
        };
        let port = |v: &str| v.parse::<u16>().ok().filter(|p| *p > 0);
        match (liveness, field) {
            (false, "disable") => {
                if !value.eq_ignore_ascii_case("true") {
                    return;
                }
                self.direct(key, value, "no readiness probe");
                for c in &mut w.containers {
                    c.probes.readiness = None;
                }
            }
            (false, "test") => {
                let Some(argv) = test_command(value) else {
                    return self.invalid(
                        key,
                        value,
                        "a command: `[\"CMD\", \"prog\", \"arg\"]` or a shell string",
                    );
                };
                self.read(key, value, "probes.readiness.exec.command", settled);
                self.probe_spec(false).exec = Some(Spanned::new(
                    at,
                    Exec {
                        command: Spanned::new(at, argv),
                    },
                ));
            }
            (false, "interval" | "timeout" | "start_period") => {
                let Some(s) = seconds(value) else {
                    return self.invalid(key, value, "a duration such as `10s`");
                };
                let name = match field {
                    "interval" => "periodSeconds",
                    "timeout" => "timeoutSeconds",
                    _ => "initialDelaySeconds",
                };
                self.read(
                    key,
                    value,
                    &format!("probes.readiness.{name}: {s}"),
                    settled,
                );
                let spec = self.probe_spec(false);
                let slot = match field {
                    "interval" => &mut spec.period_seconds,
                    "timeout" => &mut spec.timeout_seconds,
                    _ => &mut spec.initial_delay_seconds,
                };
                *slot = Some(Spanned::new(at, s));
            }
            (false, "retries") => {
                let Some(n) = value.parse::<i32>().ok().filter(|n| *n > 0) else {
                    return self.invalid(key, value, "a whole number above 0");
                };
                self.read(
                    key,
                    value,
                    &format!("probes.readiness.failureThreshold: {n}"),
                    settled,
                );
                self.probe_spec(false).failure_threshold = Some(Spanned::new(at, n));
            }
            (_, "http_get_path") => {
                let probe = if liveness { "liveness" } else { "readiness" };
                self.read(
                    key,
                    value,
                    &format!("probes.{probe}.httpGet.path: {value}"),
                    settled,
                );
                let spec = self.probe_spec(liveness);
                let get = spec
                    .http_get
                    .get_or_insert_with(|| Spanned::new(at, HttpGet::default()));
                get.value.path = Some(Spanned::new(at, value.to_string()));
            }
            (_, "http_get_port") => {
                let Some(p) = port(value) else {
                    return self.invalid(key, value, "a port number");
                };
                let probe = if liveness { "liveness" } else { "readiness" };
                self.read(
                    key,
                    value,
                    &format!("probes.{probe}.httpGet.port: {p}"),
                    settled,
                );
                let spec = self.probe_spec(liveness);
                let get = spec
                    .http_get
                    .get_or_insert_with(|| Spanned::new(at, HttpGet::default()));
                get.value.port = Spanned::new(at, p);
            }
            (_, "tcp_port") => {
                let Some(p) = port(value) else {
                    return self.invalid(key, value, "a port number");
                };
                let probe = if liveness { "liveness" } else { "readiness" };
                self.read(
                    key,
                    value,
                    &format!("probes.{probe}.tcpSocket.port: {p}"),
                    settled,
                );
                self.probe_spec(liveness).tcp_socket = Some(Spanned::new(
                    at,
                    TcpSocket {
                        port: Spanned::new(at, p),
                    },
                ));
            }
            _ => self.unknown(key),
        }
    }

    fn unknown(&mut self, key: &str) {
        self.found.push(
            Diagnostic::new(
                Code::UnknownKomposeLabel,
                format!("`{key}` is not a label Kompose documents"),
            )
            .at(self.at, "no effect on the manifests")
            .help("check the spelling against Kompose's label reference, or use `x-kubernetes`"),
        );
    }

    /// `kompose.volume.size` and `.storage-class-name` apply to every named volume the service
    /// mounts; a volume's own `x-kubernetes` still wins when the claims are finished.
    fn volume_label(&mut self, key: &str, value: &str, shared: &mut Shared) {
        let is_size = key == "kompose.volume.size";
        let bytes = if is_size {
            match ext::quantity::parse(value).and_then(|q| q.whole()) {
                Some(b) => Some(b),
                None => return self.invalid(key, value, "a Kubernetes quantity such as `1Gi`"),
            }
        } else {
            None
        };
        let mut any = false;
        let mounts = self.service.volumes.iter().flat_map(|v| v.value.iter());
        for m in mounts.filter(|m| m.value.kind == MountKind::Volume) {
            let Some(source) = m.value.source.as_deref() else {
                continue;
            };
            let Some(claim) = shared.claims.get_mut(source) else {
                continue;
            };
            any = true;
            match bytes {
                Some(b) => {
                    claim.value.size_bytes = b;
                    self.found.supersede_where(Code::DefaultVolumeSize, |d| {
                        d.message.contains(&format!("volume `{source}` "))
                    });
                }
                None => claim.value.storage_class = Some(value.to_string()),
            }
        }
        if !any {
            return self.invalid(
                key,
                value,
                "a value on a service that mounts a named volume",
            );
        }
        let field = if is_size { "size" } else { "storageClass" };
        let phrase =
            format!("`x-kubernetes.{field}: {value}` of each named volume the service mounts");
        self.read_as(key, value, &phrase, false);
    }

    /// `kompose.volume.type` decides what the service's bind mounts become.
    fn volume_type(&mut self, key: &str, value: &str) {
        let ty = match value {
            "persistentVolumeClaim" => ext::BindVolumeType::PersistentVolumeClaim,
            "hostPath" => ext::BindVolumeType::HostPath,
            "emptyDir" => ext::BindVolumeType::EmptyDir,
            "configMap" => ext::BindVolumeType::ConfigMap,
            _ => {
                return self.invalid(
                    key,
                    value,
                    "`persistentVolumeClaim`, `hostPath`, `emptyDir` or `configMap`",
                )
            }
        };
        let binds: Vec<String> = self
            .service
            .volumes
            .iter()
            .flat_map(|v| v.value.iter())
            .filter(|m| m.value.kind == MountKind::Bind)
            .filter_map(|m| m.value.source.clone())
            .collect();
        if binds.is_empty() {
            // Named volumes are claims already; that is Kompose's default type too.
            if ty == ext::BindVolumeType::PersistentVolumeClaim {
                return self.read_as(
                    key,
                    value,
                    "the default: named volumes are PersistentVolumeClaims",
                    false,
                );
            }
            return self.invalid(
                key,
                value,
                "a type for bind mounts; named volumes stay PersistentVolumeClaims",
            );
        }
        let settled = self.own.is_some_and(|e| e.volumes.is_some());
        self.read(
            key,
            value,
            &format!("volumes: {{HOST_PATH: {{type: {value}}}}}"),
            settled,
        );
        let at = self.at;
        let mut map = IndexMap::new();
        for source in binds {
            map.insert(
                source,
                Spanned::new(
                    at,
                    ext::BindMapping {
                        type_: Spanned::new(at, ty),
                        claim_name: None,
                        size: None,
                        access_modes: None,
                        storage_class: None,
                        path: None,
                        name: None,
                    },
                ),
            );
        }
        self.ext.volumes = Some(Spanned::new(at, map));
    }

    /// Labels read together: the init container and the HPA's default maximum.
    fn finish(&mut self, w: &mut Workload) {
        let labels = self.service.labels.as_ref().map(|l| &l.value);
        let get = |k: &str| labels.and_then(|l| l.get(k)).map(str::trim);
        let image = get("kompose.init.containers.image");
        let name = get("kompose.init.containers.name");
        let command = get("kompose.init.containers.command");
        if image.is_some() || name.is_some() || command.is_some() {
            match image {
                Some(image) if !image.is_empty() => {
                    let name = crate::k8s::names::dns_label(name.unwrap_or("init"));
                    let argv = command.and_then(test_command);
                    self.direct(
                        "kompose.init.containers.image",
                        image,
                        &format!("an init container `{name}`"),
                    );
                    w.init_containers.push(Container {
                        name,
                        image: Fact::new(self.at, image.to_string()),
                        command: argv.map(|a| Fact::new(self.at, a)),
                        ..Container::default()
                    });
                }
                _ => self.invalid(
                    "kompose.init.containers.name",
                    name.or(command).unwrap_or(""),
                    "an image too: `kompose.init.containers.image`",
                ),
            }
        }
        // An HTTP probe with a path only checks the Service's first port, as Kompose does.
        let first_port = w
            .exposure
            .as_ref()
            .and_then(|e| e.ports.first())
            .map(|p| p.value.target_port);
        let mut portless = false;
        if let Some(probes) = self.ext.probes.as_mut() {
            for spec in [&mut probes.value.readiness, &mut probes.value.liveness]
                .into_iter()
                .flatten()
            {
                if let Some(get) = spec
                    .value
                    .http_get
                    .as_mut()
                    .filter(|g| g.value.port.value == 0)
                {
                    match first_port {
                        Some(p) => get.value.port.value = p,
                        None => {
                            spec.value.http_get = None;
                            portless = true;
                        }
                    }
                }
            }
        }
        if portless {
            self.invalid(
                "kompose.service.healthcheck.*.http_get_path",
                "",
                "a port too (`…http_get_port`) on a service without `ports`",
            );
        }
        let at = self.at;
        if let Some(a) = self.ext.autoscaling.as_mut() {
            if a.value.max_replicas.is_none() {
                a.value.max_replicas = Some(Spanned::new(at, HPA_DEFAULT_MAX));
                self.found.push(
                    Diagnostic::new(
                        Code::KomposeLabel,
                        format!("`kompose.hpa.replicas.max` is not set; Kompose's default {HPA_DEFAULT_MAX} is used"),
                    )
                    .at(at, "a Kompose label")
                    .help("set `x-kubernetes.autoscaling.maxReplicas`"),
                );
            }
        }
    }
}

/// A Kompose command label: a JSON-style list (`["CMD", "curl", "-f", "…"]`, with Compose's
/// `CMD`/`CMD-SHELL` markers) or a shell string.
fn test_command(value: &str) -> Option<Vec<String>> {
    let value = value.trim();
    if value.starts_with('[') {
        let list: Vec<String> = serde_json::from_str(value).ok()?;
        let mut it = list.into_iter();
        let first = it.next()?;
        let rest: Vec<String> = it.collect();
        return match first.as_str() {
            "CMD" => (!rest.is_empty()).then_some(rest),
            "CMD-SHELL" => Some(vec!["sh".into(), "-c".into(), rest.join(" ")]),
            _ => Some(std::iter::once(first).chain(rest).collect()),
        };
    }
    (!value.is_empty()).then(|| vec!["sh".into(), "-c".into(), value.to_string()])
}
