//! Checks that need nothing but the extension block itself, made right after reading it: settings
//! that contradict each other, names and quantities Kubernetes would reject, autoscaling bounds.
//! Checks against the rest of the service (is there a port for the Ingress?) are made by
//! `plan::extension`.

use std::collections::BTreeMap;

use super::enums::{BindVolumeType, ServiceType, StrategyType, WorkloadKind};
use super::probes::ProbeSpec;
use super::service::{BindMapping, ResourceSettings};
use super::{quantity, triggers, ProjectExtension, ServiceExtension, VolumeExtension};
use crate::diag::{Code, Diagnostic};
use crate::k8s::names;
use crate::source::Span;
use crate::yaml::de::Context;
use crate::yaml::Spanned;

pub(super) fn invalid(span: Span, message: String, help: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Code::ExtensionInvalidValue, message)
        .at(span, "not accepted by Kubernetes")
        .help(help)
}

fn conflict(at: Span, message: String, other: Option<(Span, &str)>, help: &str) -> Diagnostic {
    let mut d = Diagnostic::new(Code::ExtensionConflict, message).at(at, "this setting");
    if let Some((span, label)) = other {
        d = d.also(span, label);
    }
    d.help(help)
}

pub fn project(ext: &Spanned<ProjectExtension>, cx: &Context) {
    let e = &ext.value;
    if let Some(ns) = &e.namespace {
        if names::dns_label(&ns.value) != ns.value {
            cx.push(invalid(
                ns.span,
                format!("namespace `{}` is not a DNS label", ns.value),
                format!(
                    "a namespace has at most 63 lower-case letters, digits and `-`, e.g. `{}`",
                    names::dns_label(&ns.value)
                ),
            ));
        }
    }
    if let Some(r) = &e.image_registry {
        let v = r.value.as_str();
        if v.contains("://") || v.is_empty() || v.ends_with('/') || v.contains(char::is_whitespace)
        {
            cx.push(invalid(
                r.span,
                format!("`imageRegistry` `{v}` is not a registry prefix"),
                "write the registry host and optional path without scheme or trailing `/`, e.g. `registry.example.com/team`",
            ));
        }
    }
    for class in [&e.storage_class, &e.ingress_class].into_iter().flatten() {
        subdomain(class, "class name", cx);
    }
    labels(&e.labels, "label", cx);
    annotations(&e.annotations, cx);
    if let Some(image) = &e.dependency_wait_image {
        if image.value.trim().is_empty() || image.value.contains(char::is_whitespace) {
            cx.push(invalid(
                image.span,
                format!(
                    "`dependencyWaitImage` `{}` is not an image name",
                    image.value
                ),
                "name an image that has `sh` and `nc`, e.g. `busybox:1.37.0`",
            ));
        }
    }
}

pub fn volume(ext: &Spanned<VolumeExtension>, cx: &Context) {
    let e = &ext.value;
    if let Some(size) = &e.size {
        storage_size(size, cx);
    }
    if let Some(class) = &e.storage_class {
        subdomain(class, "storage class name", cx);
    }
    if let Some(modes) = &e.access_modes {
        if modes.value.is_empty() {
            cx.push(invalid(
                modes.span,
                "`accessModes` is empty".into(),
                "list at least one access mode, e.g. `[ReadWriteOnce]`",
            ));
        }
    }
}

pub fn service(ext: &Spanned<ServiceExtension>, cx: &Context) {
    let e = &ext.value;
    let kind = e.kind.as_ref().map(|k| k.value);
    match (&e.schedule, &e.kind) {
        (Some(s), k) if kind != Some(WorkloadKind::CronJob) => cx.push(conflict(
            s.span,
            "`schedule` is set but `kind` is not `CronJob`".into(),
            k.as_ref().map(|k| (k.span, "the kind is set here")),
            "add `kind: CronJob` to run the service on this schedule, or remove `schedule`",
        )),
        (None, Some(k)) if kind == Some(WorkloadKind::CronJob) => cx.push(conflict(
            k.span,
            "a CronJob needs a `schedule`".into(),
            None,
            "add `schedule: \"0 3 * * *\"` (cron syntax: minute hour day month weekday)",
        )),
        (Some(s), _) => schedule(s, cx),
        _ => {}
    }
    if let (Some(r), Some(a)) = (&e.replicas, &e.autoscaling) {
        cx.push(conflict(
            r.span,
            "`replicas` and `autoscaling` are both set".into(),
            Some((a.span, "the autoscaler decides the replica count")),
            "remove `replicas`; `autoscaling.minReplicas` is the count the scaler starts from",
        ));
    }
    non_negative(&e.replicas, "replicas", cx);
    if let Some(service) = &e.service {
        let s = &service.value;
        annotations(&s.annotations, cx);
        if let Some(ports) = &s.node_ports {
            let ty = s.type_.as_ref().map(|t| t.value);
            if !matches!(ty, Some(ServiceType::NodePort | ServiceType::LoadBalancer)) {
                cx.push(conflict(
                    ports.span,
                    "`nodePorts` needs `type: NodePort` or `type: LoadBalancer`".into(),
                    s.type_.as_ref().map(|t| (t.span, "the type is set here")),
                    "set `type: NodePort`, or remove `nodePorts`",
                ));
            }
            for port in ports.value.values() {
                if !(30000..=32767).contains(&port.value) {
                    cx.push(invalid(
                        port.span,
                        format!("node port {} is outside 30000–32767", port.value),
                        "node ports come from the cluster's node port range, 30000–32767 by default",
                    ));
                }
            }
        }
    }
    if let Some(ingress) = &e.ingress {
        let i = &ingress.value;
        annotations(&i.annotations, cx);
        if let Some(host) = &i.host {
            let bare = host.value.strip_prefix("*.").unwrap_or(&host.value);
            let ok = !bare.is_empty()
                && bare.len() <= 253
                && bare.split('.').all(|part| names::dns_label(part) == part);
            if !ok {
                cx.push(invalid(
                    host.span,
                    format!("ingress host `{}` is not a DNS name", host.value),
                    "write a lower-case host name such as `api.example.com` (a leading `*.` is allowed), without scheme or port",
                ));
            }
        }
        if let Some(path) = &i.path {
            if !path.value.starts_with('/') {
                cx.push(invalid(
                    path.span,
                    format!("ingress path `{}` does not start with `/`", path.value),
                    format!("write `/{}`", path.value),
                ));
            }
        }
        if let Some(class) = &i.class_name {
            subdomain(class, "IngressClass name", cx);
        }
        if let Some(tls) = &i.tls {
            subdomain(&tls.value.secret_name, "Secret name", cx);
        }
    }
    if let Some(probes) = &e.probes {
        let p = &probes.value;
        for probe in [&p.readiness, &p.liveness, &p.startup]
            .into_iter()
            .flatten()
        {
            probe_actions(probe, cx);
        }
    }
    if let Some(r) = &e.resources {
        resources(r, cx);
    }
    if let Some(gpu) = &e.gpu {
        if let Some(resource) = &gpu.value.resource {
            if !resource.value.contains('/') || !names::is_qualified_name(&resource.value) {
                cx.push(invalid(
                    resource.span,
                    format!("GPU resource `{}` is not an extended resource name", resource.value),
                    "name the device plugin's resource, a domain and a name: `nvidia.com/gpu`, `amd.com/gpu`, `gpu.intel.com/i915`",
                ));
            }
        }
        if let Some(count) = &gpu.value.count {
            if count.value == 0 {
                cx.push(invalid(
                    count.span,
                    "a GPU `count` of 0 requests no GPU".into(),
                    "remove `gpu` for a service without GPUs, or give a count of 1 or more",
                ));
            }
        }
    }
    labels(&e.node_selector, "node selector label", cx);
    labels(&e.labels, "label", cx);
    annotations(&e.annotations, cx);
    for name in [&e.runtime_class_name, &e.service_account_name]
        .into_iter()
        .flatten()
    {
        subdomain(name, "name", cx);
    }
    for secret in e.image_pull_secrets.iter().flat_map(|s| s.value.iter()) {
        subdomain(secret, "Secret name", cx);
    }
    for t in e.tolerations.iter().flat_map(|t| t.value.iter()) {
        toleration(t, cx);
    }
    if let Some(strategy) = &e.strategy {
        let s = &strategy.value;
        let recreate = s
            .type_
            .as_ref()
            .is_some_and(|t| t.value == StrategyType::Recreate);
        for (key, value) in [
            ("maxSurge", &s.max_surge),
            ("maxUnavailable", &s.max_unavailable),
        ] {
            non_negative(value, key, cx);
            if let (true, Some(v)) = (recreate, value) {
                cx.push(conflict(
                    v.span,
                    format!("`{key}` is set with `type: Recreate`"),
                    s.type_
                        .as_ref()
                        .map(|t| (t.span, "Recreate stops every old pod first")),
                    "remove it, or use `type: RollingUpdate`",
                ));
            }
        }
        let zero = |v: &Option<Spanned<i32>>| v.as_ref().is_some_and(|v| v.value == 0);
        if zero(&s.max_surge) && zero(&s.max_unavailable) {
            cx.push(invalid(
                strategy.span,
                "`maxSurge` and `maxUnavailable` are both 0, so a rollout could never progress"
                    .into(),
                "allow one extra pod (`maxSurge: 1`) or one unavailable pod (`maxUnavailable: 1`)",
            ));
        }
        non_negative(&s.min_ready_seconds, "minReadySeconds", cx);
    }
    if let Some(job) = &e.job {
        non_negative(&job.value.backoff_limit, "backoffLimit", cx);
        non_negative(
            &job.value.ttl_seconds_after_finished,
            "ttlSecondsAfterFinished",
            cx,
        );
        if let Some(d) = &job.value.active_deadline_seconds {
            if d.value <= 0 {
                cx.push(invalid(
                    d.span,
                    format!("`activeDeadlineSeconds` is {}", d.value),
                    "give the seconds the Job may run, 1 or more",
                ));
            }
        }
    }
    for mapping in e.volumes.iter().flat_map(|v| v.value.values()) {
        bind_mapping(mapping, cx);
    }
    if let Some(a) = &e.autoscaling {
        triggers::autoscaling(a, cx);
    }
}

pub(super) fn non_negative(value: &Option<Spanned<i32>>, key: &str, cx: &Context) {
    if let Some(v) = value.as_ref().filter(|v| v.value < 0) {
        cx.push(invalid(
            v.span,
            format!("`{key}` is {}", v.value),
            format!("`{key}` takes a whole number of 0 or more"),
        ));
    }
}

/// Five fields of `*`, numbers, ranges, lists, steps or names, or a `@daily`-style macro.
fn schedule(s: &Spanned<String>, cx: &Context) {
    let text = s.value.trim();
    let macros = [
        "@yearly",
        "@annually",
        "@monthly",
        "@weekly",
        "@daily",
        "@midnight",
        "@hourly",
    ];
    let fields: Vec<&str> = text.split_whitespace().collect();
    let field_ok = |f: &str| {
        f.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '*' | ',' | '-' | '/' | '?'))
    };
    let ok = macros.contains(&text) || (fields.len() == 5 && fields.iter().all(|f| field_ok(f)));
    if !ok {
        cx.push(invalid(
            s.span,
            format!("`{}` is not a cron schedule", s.value),
            "write five fields, minute hour day-of-month month day-of-week (e.g. `\"30 2 * * *\"`), or a macro such as `@daily`",
        ));
    }
}

fn probe_actions(probe: &Spanned<ProbeSpec>, cx: &Context) {
    let p = &probe.value;
    let actions: Vec<(&str, Span)> = [
        ("httpGet", p.http_get.as_ref().map(|a| a.span)),
        ("tcpSocket", p.tcp_socket.as_ref().map(|a| a.span)),
        ("exec", p.exec.as_ref().map(|a| a.span)),
    ]
    .into_iter()
    .filter_map(|(k, s)| s.map(|s| (k, s)))
    .collect();
    if let [(first, first_span), (second, second_span), ..] = actions.as_slice() {
        cx.push(conflict(
            *second_span,
            format!("a probe has both `{first}` and `{second}`"),
            Some((*first_span, "the first action")),
            "a probe runs one action; keep one of them",
        ));
    }
    if let Some(exec) = &p.exec {
        if exec.value.command.value.is_empty() {
            cx.push(invalid(
                exec.value.command.span,
                "`exec.command` is empty".into(),
                "give the program and its arguments, e.g. `[\"pg_isready\", \"-U\", \"postgres\"]`",
            ));
        }
    }
    for (key, value) in [
        ("periodSeconds", &p.period_seconds),
        ("timeoutSeconds", &p.timeout_seconds),
        ("failureThreshold", &p.failure_threshold),
    ] {
        if let Some(v) = value.as_ref().filter(|v| v.value < 1) {
            cx.push(invalid(
                v.span,
                format!("`{key}` is {}", v.value),
                format!("`{key}` takes a whole number of 1 or more"),
            ));
        }
    }
    non_negative(&p.initial_delay_seconds, "initialDelaySeconds", cx);
}

/// Resource names the lowering knows: CPU, memory, and extended resources (`domain/name`).
fn resource_name_ok(name: &str) -> bool {
    name == "cpu" || name == "memory" || (name.contains('/') && names::is_qualified_name(name))
}

fn resources(r: &Spanned<ResourceSettings>, cx: &Context) {
    let mut parsed: [BTreeMap<&str, (quantity::Quantity, Span)>; 2] = Default::default();
    for (i, map) in [&r.value.requests, &r.value.limits].into_iter().enumerate() {
        let Some(map) = map else { continue };
        for (name, value) in &map.value {
            if !resource_name_ok(name) {
                cx.push(invalid(
                    map.span,
                    format!("resource `{name}` is not supported by the extension"),
                    "set `cpu`, `memory` or an extended resource such as `nvidia.com/gpu`; add others to the manifests by hand",
                ));
                continue;
            }
            match quantity::parse(&value.value) {
                Some(q) if name == "cpu" && q.millis().is_none() => {}
                Some(q) => {
                    if let Some(slot) = parsed.get_mut(i) {
                        slot.insert(name.as_str(), (q, value.span));
                    }
                    continue;
                }
                None => {}
            }
            cx.push(invalid(
                value.span,
                format!("`{}` is not a resource quantity", value.value),
                "write a Kubernetes quantity: CPU as `500m` or `2`, memory as `512Mi` or `4Gi`, a count as `1`",
            ));
        }
    }
    let [requests, limits] = &parsed;
    for (name, (request, span)) in requests {
        let Some((limit, limit_span)) = limits.get(name) else {
            continue;
        };
        let (a, b) = if *name == "cpu" {
            (request.millis(), limit.millis())
        } else {
            (request.whole(), limit.whole())
        };
        let extended = name.contains('/');
        if (extended && a != b) || (!extended && a > b) {
            cx.push(
                Diagnostic::new(
                    Code::ExtensionConflict,
                    if extended {
                        format!("the request and limit of `{name}` differ")
                    } else {
                        format!("the request of `{name}` is above its limit")
                    },
                )
                .at(*span, "the request")
                .also(*limit_span, "the limit")
                .help(if extended {
                    "Kubernetes requires equal requests and limits for extended resources; set only `limits`"
                } else {
                    "a request may not exceed the limit; lower the request or raise the limit"
                }),
            );
        }
    }
}

/// A claim size Kubernetes accepts: a whole number of bytes above zero. Kompose's size labels
/// are held to the same rule.
pub(crate) fn is_storage_size(text: &str) -> bool {
    quantity::parse(text).is_some_and(|q| !q.is_zero() && q.whole().is_some())
}

fn storage_size(size: &Spanned<String>, cx: &Context) {
    if !is_storage_size(&size.value) {
        cx.push(invalid(
            size.span,
            format!("`{}` is not a storage size", size.value),
            "write a quantity such as `10Gi` or `500Mi`",
        ));
    }
}

fn bind_mapping(m: &Spanned<BindMapping>, cx: &Context) {
    let b = &m.value;
    let ty = b.type_.value;
    let fields: [(&str, Option<Span>, bool); 6] = [
        (
            "claimName",
            b.claim_name.as_ref().map(|v| v.span),
            ty == BindVolumeType::PersistentVolumeClaim,
        ),
        (
            "size",
            b.size.as_ref().map(|v| v.span),
            ty == BindVolumeType::PersistentVolumeClaim,
        ),
        (
            "accessModes",
            b.access_modes.as_ref().map(|v| v.span),
            ty == BindVolumeType::PersistentVolumeClaim,
        ),
        (
            "storageClass",
            b.storage_class.as_ref().map(|v| v.span),
            ty == BindVolumeType::PersistentVolumeClaim,
        ),
        (
            "path",
            b.path.as_ref().map(|v| v.span),
            ty == BindVolumeType::HostPath,
        ),
        (
            "name",
            b.name.as_ref().map(|v| v.span),
            ty == BindVolumeType::ConfigMap,
        ),
    ];
    for (key, span, applies) in fields {
        if let (Some(span), false) = (span, applies) {
            cx.push(conflict(
                span,
                format!("`{key}` does not apply to a `{}` volume", ty.as_str()),
                Some((b.type_.span, "the volume type")),
                "remove it, or change the type",
            ));
        }
    }
    if let Some(size) = &b.size {
        storage_size(size, cx);
    }
    for name in [&b.claim_name, &b.storage_class, &b.name]
        .into_iter()
        .flatten()
    {
        subdomain(name, "name", cx);
    }
    if let Some(path) = &b.path {
        if !path.value.starts_with('/') {
            cx.push(invalid(
                path.span,
                format!("hostPath `{}` is not absolute", path.value),
                "give the absolute path on the node, e.g. `/srv/models`",
            ));
        }
    }
    if b.claim_name.is_some() && b.size.is_none() {
        let extra = b.access_modes.as_ref().map(|v| v.span);
        if let Some(extra) = extra.or(b.storage_class.as_ref().map(|v| v.span)) {
            cx.push(conflict(
                extra,
                "`accessModes`/`storageClass` are set for an existing claim".into(),
                b.claim_name.as_ref().map(|c| {
                    (
                        c.span,
                        "`claimName` without `size` mounts an existing claim",
                    )
                }),
                "add `size` to generate the claim with these settings, or remove them",
            ));
        }
    }
}

fn toleration(t: &Spanned<super::kube::KubeToleration>, cx: &Context) {
    let tol = &t.value.0;
    let operator = tol.operator.as_deref().unwrap_or("Equal");
    let bad = if !matches!(operator, "Equal" | "Exists") {
        Some(format!(
            "toleration operator `{operator}` is not `Equal` or `Exists`"
        ))
    } else if operator == "Exists" && tol.value.as_deref().is_some_and(|v| !v.is_empty()) {
        Some("a toleration with `operator: Exists` cannot have a `value`".to_string())
    } else if tol.key.as_deref().unwrap_or("").is_empty() && operator != "Exists" {
        Some("a toleration without `key` must use `operator: Exists`".to_string())
    } else {
        tol.effect
            .as_deref()
            .filter(|e| !matches!(*e, "" | "NoSchedule" | "PreferNoSchedule" | "NoExecute"))
            .map(|effect| {
                format!("toleration effect `{effect}` is not `NoSchedule`, `PreferNoSchedule` or `NoExecute`")
            })
    };
    if let Some(message) = bad {
        cx.push(invalid(
            t.span,
            message,
            "write e.g. `{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}`",
        ));
    }
}

fn subdomain(name: &Spanned<String>, what: &str, cx: &Context) {
    if names::dns_subdomain(&name.value) != name.value {
        cx.push(invalid(
            name.span,
            format!("{what} `{}` is not a valid Kubernetes name", name.value),
            format!(
                "names are lower-case letters, digits, `-` and `.`, e.g. `{}`",
                names::dns_subdomain(&name.value)
            ),
        ));
    }
}

/// Label values: at most 63 characters, alphanumeric at both ends, `-`, `_`, `.` inside.
pub(crate) fn is_label_value(v: &str) -> bool {
    v.is_empty()
        || (v.len() <= 63
            && v.starts_with(|c: char| c.is_ascii_alphanumeric())
            && v.ends_with(|c: char| c.is_ascii_alphanumeric())
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
}

fn labels(map: &Option<Spanned<BTreeMap<String, String>>>, what: &str, cx: &Context) {
    let Some(map) = map else { return };
    for (k, v) in &map.value {
        if !names::is_qualified_name(k) {
            cx.push(invalid(
                map.span,
                format!("{what} key `{k}` is not a valid Kubernetes label key"),
                "a key is an optional DNS prefix and `/`, then up to 63 letters, digits, `-`, `_` or `.`",
            ));
        } else if !is_label_value(v) {
            cx.push(invalid(
                map.span,
                format!("the value `{v}` of {what} `{k}` is not a valid label value"),
                "a label value has at most 63 letters, digits, `-`, `_` or `.`, starting and ending with a letter or digit; put free text in an annotation",
            ));
        }
    }
}

fn annotations(map: &Option<Spanned<BTreeMap<String, String>>>, cx: &Context) {
    let Some(map) = map else { return };
    for k in map.value.keys() {
        if !names::is_qualified_name(k) {
            cx.push(invalid(
                map.span,
                format!("annotation key `{k}` is not a valid Kubernetes annotation key"),
                "a key is an optional DNS prefix and `/`, then up to 63 letters, digits, `-`, `_` or `.`",
            ));
        }
    }
}
