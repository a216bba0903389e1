use std::collections::BTreeMap;

use super::not_translated;
use super::service::ServicePlan;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::PodSettings;
use crate::k8s::names;

/// Pod-wide settings: `hostname`, `extra_hosts`, `dns*`, `stop_grace_period`, `network_mode`,
/// `ipc`, `pid`, `container_name`. With NetworkPolicies (`policies`), a `service:NAME` network
/// mode decides the pods' network membership.
pub fn pod_settings(sp: &mut ServicePlan, policies: bool, diags: &mut Diagnostics) -> PodSettings {
    for key in [
        "hostname",
        "domainname",
        "extra_hosts",
        "dns",
        "dns_search",
        "dns_opt",
        "stop_grace_period",
        "network_mode",
        "ipc",
        "pid",
        "container_name",
        // Membership and aliases are lowered by `plan::networks` and `plan::aliases` once every
        // workload exists; so are `links`, which name other services' workloads.
        "networks",
        "links",
    ] {
        sp.consume(key);
    }
    let s = sp.service;
    let mut pod = PodSettings::default();
    if let Some(h) = &s.hostname {
        let label = names::dns_label(&h.value);
        if label != h.value {
            diags.push(not_translated(
                h.span,
                &format!("hostname `{}` is not a DNS label, so it", h.value),
                &format!("a pod hostname allows lower-case letters, digits and `-`; `{label}` would be valid"),
            ));
        } else {
            pod.hostname = Some(label);
        }
    }
    if let Some(d) = &s.domainname {
        diags.push(not_translated(
            d.span,
            "`domainname`",
            "a pod's domain comes from its namespace and `subdomain` (with a headless Service of that name)",
        ));
    }
    if let Some(hosts) = &s.extra_hosts {
        let mut by_ip: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (host, ip) in hosts.value.iter() {
            if ip == "host-gateway" {
                diags.push(not_translated(
                    hosts.span,
                    &format!("`{host}:host-gateway`"),
                    "a pod has no Docker host; point the name at a Service or an external address instead",
                ));
                continue;
            }
            by_ip
                .entry(ip.to_string())
                .or_default()
                .push(host.to_string());
        }
        pod.host_aliases = by_ip.into_iter().collect();
    }
    pod.dns_nameservers = s
        .dns
        .iter()
        .flat_map(|d| d.value.iter())
        .map(|d| d.value.clone())
        .collect();
    pod.dns_searches = s
        .dns_search
        .iter()
        .flat_map(|d| d.value.iter())
        .map(|d| d.value.clone())
        .collect();
    pod.dns_options = s
        .dns_opt
        .iter()
        .flat_map(|d| d.value.iter())
        .map(|o| match o.value.split_once(':') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (o.value.clone(), None),
        })
        .collect();
    if let Some(g) = &s.stop_grace_period {
        let d = g.value.as_std();
        pod.termination_grace_period_seconds =
            Some(i64::try_from(d.as_secs() + u64::from(d.subsec_nanos() > 0)).unwrap_or(i64::MAX));
    }
    if let Some(mode) = &s.network_mode {
        match mode.value.as_str() {
            "host" => pod.host_network = true,
            "bridge" | "default" => {}
            // Its effect is a NetworkPolicy, or its absence is reported, in `plan::networks`.
            "none" => {}
            other => {
                // With policies the pods take the networks of a `service:` mode's service
                // (`plan::networks`); only the shared `localhost` is lost.
                let joined = other
                    .strip_prefix("service:")
                    .filter(|name| policies && sp.project.services.contains_key(*name));
                diags.push(match joined {
                    Some(name) => shared_namespace(mode.span, other, name),
                    None => not_translated(
                        mode.span,
                        &format!("`network_mode: {other}`"),
                        if other.starts_with("service:") || other.starts_with("container:") {
                            "containers of one pod share a network namespace: make the services containers of one pod (a sidecar) by hand"
                        } else {
                            "every pod has its own network namespace on the cluster network"
                        },
                    ),
                });
            }
        }
    }
    if let Some(ipc) = &s.ipc {
        match ipc.value.as_str() {
            "host" => pod.host_ipc = true,
            "private" => {}
            "shareable" => diags.push(not_translated(
                ipc.span,
                "`ipc: shareable`",
                "only containers of one pod share IPC in Kubernetes; make the services that join it containers of this pod by hand",
            )),
            other => diags.push(not_translated(
                ipc.span,
                &format!("`ipc: {other}`"),
                "containers of one pod can share IPC with `shareProcessNamespace`; make them one pod by hand",
            )),
        }
    }
    if let Some(pid) = &s.pid {
        match pid.value.as_str() {
            "host" => pod.host_pid = true,
            other => diags.push(not_translated(
                pid.span,
                &format!("`pid: {other}`"),
                "containers of one pod can share a process namespace with `shareProcessNamespace: true`",
            )),
        }
    }
    for (network, attachment) in s.networks.iter().flat_map(|n| n.value.0.iter()) {
        let Some(settings) = &attachment.value else {
            continue;
        };
        let other = [
            settings.interface_name.is_some(),
            settings.link_local_ips.is_some(),
            settings.mac_address.is_some(),
            settings.driver_opts.is_some(),
            settings.priority.is_some(),
            settings.gw_priority.is_some(),
        ];
        if other.contains(&true) {
            diags.push(not_translated(
                attachment.span,
                &format!("interface settings on network `{network}`"),
                "the cluster's network plugin configures pod interfaces",
            ));
        }
        if settings.ipv4_address.is_some() || settings.ipv6_address.is_some() {
            diags.push(not_translated(
                attachment.span,
                &format!("a fixed address on network `{network}`"),
                "pod addresses are assigned by the cluster; reach the pod through its Service",
            ));
        }
    }
    if let Some(c) = &s.container_name {
        diags.push(
            Diagnostic::new(
                Code::ContainerNameIgnored,
                format!("`container_name: {}` does not apply to pods", c.value),
            )
            .at(c.span, "pod names are generated")
            .help(
                if c.value.to_ascii_lowercase() != sp.name
                    && crate::k8s::names::dns_label(&c.value) == c.value.to_ascii_lowercase()
                {
                    format!(
                        "other pods reach the service as `{}`, its Service name, and as `{}`: a service with a port gets one more Service of that name, as for a network alias",
                        sp.name, c.value
                    )
                } else {
                    format!(
                        "other pods reach the service as `{}`, its Service name",
                        sp.name
                    )
                },
            ),
        );
    }
    pod
}

/// `network_mode: service:NAME` with NetworkPolicies: half translated.
fn shared_namespace(span: crate::source::Span, mode: &str, service: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NotTranslated,
        format!("the shared network namespace of `network_mode: {mode}` is not translated"),
    )
    .at(
        span,
        format!("the pods get the network membership of `{service}` in the NetworkPolicies, not its `localhost`"),
    )
    .help("containers of one pod share a network namespace: make the services containers of one pod (a sidecar) by hand if they talk over `localhost`")
}

/// Compose `labels` and `annotations` → annotations on the workload. Labels would be a poor fit:
/// Kubernetes label values are limited to 63 characters of a small alphabet, and Compose labels
/// are free text.
pub fn annotations(sp: &mut ServicePlan, diags: &mut Diagnostics) -> BTreeMap<String, String> {
    sp.consume("labels");
    sp.consume("annotations");
    let s = sp.service;
    let mut out = BTreeMap::new();
    for source in [&s.labels, &s.annotations].into_iter().flatten() {
        for (k, v) in &source.value.0 {
            // Kompose's labels configure the conversion (`plan::kompose`); they are not metadata.
            if super::kompose::is_kompose_label(k) {
                continue;
            }
            if names::is_qualified_name(k) {
                out.insert(k.clone(), v.clone());
            } else {
                diags.push(not_translated(
                    source.span,
                    &format!("label `{k}` (not a valid Kubernetes annotation key)"),
                    "annotation keys are an optional DNS prefix and `/`, then up to 63 letters, digits, `-`, `_` or `.`",
                ));
            }
        }
    }
    out
}
