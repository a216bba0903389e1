//! `x-kubernetes.service` and `x-kubernetes.ingress`: how the workload's Service is published
//! beyond the cluster network.

use super::extension::{not_applicable, Findings};
use super::service::Context;
use crate::compose::ast::Service;
use crate::diag::{Code, Diagnostic};
use crate::extension::{self as ext, ServiceExtension};
use crate::ir::{Ingress, ServiceType, Workload};

pub fn apply(
    cx: &Context,
    service: &Service,
    e: &ServiceExtension,
    w: &mut Workload,
    found: &mut Findings,
) {
    let name = &service.name.value;
    let ports: Vec<u16> = w
        .exposure
        .as_ref()
        .map(|x| x.ports.iter().map(|p| p.value.port).collect())
        .unwrap_or_default();
    let no_service = |what: &str, at| {
        not_applicable(
            at,
            format!("`{what}` is set, but `{name}` has no Service: it declares no ports"),
            format!(
                "add `expose: [\"PORT\"]` (or `ports`) to `{name}` with the port it listens on"
            ),
        )
    };
    let port_list = crate::diag::code_list(&ports);
    if let Some(settings) = &e.service {
        if ports.is_empty() {
            found.push(no_service("service", settings.span));
        } else {
            let s = &settings.value;
            let p = &mut w.publishing;
            p.service_type = s.type_.as_ref().map(|t| match t.value {
                ext::ServiceType::ClusterIp => ServiceType::ClusterIp,
                ext::ServiceType::NodePort => ServiceType::NodePort,
                ext::ServiceType::LoadBalancer => ServiceType::LoadBalancer,
                ext::ServiceType::Headless => ServiceType::Headless,
            });
            if let Some(a) = &s.annotations {
                p.service_annotations = a.value.clone();
            }
            if let Some(policy) = &s.external_traffic_policy {
                if matches!(
                    p.service_type,
                    Some(ServiceType::NodePort | ServiceType::LoadBalancer)
                ) {
                    p.external_traffic_policy = Some(policy.value.as_str().to_string());
                } else {
                    found.push(not_applicable(
                        policy.span,
                        format!("`service.externalTrafficPolicy` is set, but the Service of `{name}` is not reachable from outside the cluster"),
                        "set `service.type: NodePort` or `LoadBalancer`, or remove it",
                    ));
                }
            }
            for (port, node_port) in s.node_ports.iter().flat_map(|n| n.value.iter()) {
                if ports.contains(port) {
                    p.node_ports.insert(*port, node_port.value);
                } else {
                    found.push(
                        Diagnostic::new(
                            Code::ExtensionInvalidValue,
                            format!("`nodePorts` names port {port}, which the Service of `{name}` does not have"),
                        )
                        .at(node_port.span, "no Service port of this number")
                        .help(format!("the Service's ports: {port_list}")),
                    );
                }
            }
            if matches!(
                p.service_type,
                Some(ServiceType::NodePort | ServiceType::LoadBalancer)
            ) {
                // The port is published after all; the note that it is not would mislead.
                found.supersede(Code::HostPortDropped, None);
            }
        }
    }
    let Some(ingress) = &e.ingress else { return };
    if ports.is_empty() {
        found.push(no_service("ingress", ingress.span));
        return;
    }
    let i = &ingress.value;
    let port = match &i.port {
        Some(p) if !ports.contains(&p.value) => {
            found.push(
                Diagnostic::new(
                    Code::ExtensionInvalidValue,
                    format!(
                        "the ingress routes to port {}, which the Service of `{name}` does not have",
                        p.value
                    ),
                )
                .at(p.span, "no Service port of this number")
                .help(format!("the Service's ports: {port_list}")),
            );
            return;
        }
        Some(p) => p.value,
        None => ports.first().copied().unwrap_or_default(),
    };
    if w.publishing.service_type == Some(ServiceType::Headless) {
        found.push(not_applicable(
            ingress.span,
            format!("`{name}` has a headless Service, which an Ingress cannot route to"),
            "remove `service.type: None`, or the ingress",
        ));
        return;
    }
    let default_class = cx
        .project
        .x_kubernetes
        .as_ref()
        .and_then(|p| p.value.ingress_class.as_ref());
    w.publishing.ingress = Some(Ingress {
        host: i.host.as_ref().map(|h| h.value.clone()),
        path: i
            .path
            .as_ref()
            .map_or_else(|| "/".to_string(), |p| p.value.clone()),
        path_type: i
            .path_type
            .as_ref()
            .map_or(ext::PathType::Prefix, |p| p.value)
            .as_str()
            .to_string(),
        port,
        tls_secret: i.tls.as_ref().map(|t| t.value.secret_name.value.clone()),
        class_name: i
            .class_name
            .as_ref()
            .or(default_class)
            .map(|c| c.value.clone()),
        annotations: i
            .annotations
            .as_ref()
            .map(|a| a.value.clone())
            .unwrap_or_default(),
    });
    found.supersede(Code::HostPortDropped, None);
}
