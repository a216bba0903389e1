use super::default_ports;
use super::service::ServicePlan;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{ContainerPort, Exposure, Fact, Protocol, ServicePort};
use crate::source::Span;

/// A range wider than this is almost certainly a mistake, and would make a Service with
/// thousands of ports.
const MAX_RANGE: u32 = 100;

pub struct Ports {
    pub container_ports: Vec<Fact<ContainerPort>>,
    pub exposure: Option<Exposure>,
}

/// `ports` and `expose` → container ports and a Service on the container ports. Other services
/// reach a Compose service on its container port, so that is the Service port too; the host port
/// has no cluster equivalent and is reported.
pub fn ports(sp: &mut ServicePlan, needed_by_name: bool, diags: &mut Diagnostics) -> Ports {
    sp.consume("ports");
    sp.consume("expose");
    let s = sp.service;
    let mut found: Vec<(u16, Protocol, Span)> = Vec::new();
    for port in s.ports.iter().flat_map(|p| p.value.iter()) {
        let protocol = match protocol(port.value.protocol.as_deref(), port.span, diags) {
            Some(p) => p,
            None => continue,
        };
        let end = port.value.target_end.unwrap_or(port.value.target);
        push_range(
            &mut found,
            port.value.target,
            end,
            protocol,
            port.span,
            diags,
        );
        if port.value.published.is_some() || port.value.host_ip.is_some() {
            let host = port
                .value
                .published
                .as_deref()
                .unwrap_or("an ephemeral port");
            diags.push(
                Diagnostic::new(
                    Code::HostPortDropped,
                    format!(
                        "host port {host} of service `{}` is not published by Kubernetes",
                        s.name.value
                    ),
                )
                .at(port.span, format!("in the cluster, other pods reach `{}:{}`", s.name.value, port.value.target))
                .help(format!(
                    "from outside the cluster use `kubectl port-forward service/{} {host}:{}`, a NodePort or LoadBalancer Service, or an Ingress",
                    crate::k8s::names::dns_label(&s.name.value),
                    port.value.target
                )),
            );
        }
    }
    for e in s.expose.iter().flat_map(|e| e.value.iter()) {
        match parse_expose(&e.value) {
            Some((start, end, proto)) => push_range(&mut found, start, end, proto, e.span, diags),
            None => diags.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("`{}` is not a port or port range", e.value),
                )
                .at(e.span, "expected `PORT`, `PORT-PORT` or `PORT/udp`")
                .help("write the container port, e.g. `8000` or `8000-8010`"),
            ),
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    found.retain(|(p, proto, _)| seen.insert((*p, *proto)));

    if found.is_empty() && needed_by_name {
        let image = s.image.as_ref().map(|i| i.value.as_str()).unwrap_or("");
        match default_ports::default_ports(image) {
            [] => diags.push(
                Diagnostic::new(
                    Code::NoPortForService,
                    format!(
                        "service `{}` is depended on but declares no port, so no Service is generated",
                        s.name.value
                    ),
                )
                .at(s.name.span, "other services cannot reach this one by name")
                .help("add `expose: [\"PORT\"]` with the port the service listens on"),
            ),
            defaults => {
                let at = s.image.as_ref().map(|i| i.span).unwrap_or(s.name.span);
                let list: Vec<String> = defaults.iter().map(u16::to_string).collect();
                let (list, quoted) = (list.join(", "), list.join("\", \""));
                diags.push(
                    Diagnostic::new(
                        Code::PortFromImage,
                        format!(
                            "service `{}` declares no port; using {list}, the default{} of image `{}`",
                            s.name.value,
                            if defaults.len() > 1 { "s" } else { "" },
                            default_ports::repository(image)
                        ),
                    )
                    .at(at, format!("listens on {list} by default"))
                    .help(format!("add `expose: [\"{quoted}\"]` to the service to state it")),
                );
                found.extend(defaults.iter().map(|p| (*p, Protocol::Tcp, at)));
            }
        }
    }

    let container_ports = found
        .iter()
        .map(|(port, protocol, span)| {
            Fact::new(
                *span,
                ContainerPort {
                    port: *port,
                    protocol: *protocol,
                },
            )
        })
        .collect();
    let exposure = (!found.is_empty()).then(|| Exposure {
        ports: found
            .iter()
            .map(|(port, protocol, span)| {
                Fact::new(
                    *span,
                    ServicePort {
                        port: *port,
                        target_port: *port,
                        protocol: *protocol,
                    },
                )
            })
            .collect(),
    });
    Ports {
        container_ports,
        exposure,
    }
}

fn protocol(raw: Option<&str>, span: Span, diags: &mut Diagnostics) -> Option<Protocol> {
    match raw.map(str::to_ascii_lowercase).as_deref() {
        None | Some("tcp") => Some(Protocol::Tcp),
        Some("udp") => Some(Protocol::Udp),
        Some(other) => {
            diags.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("protocol `{other}` is not supported"),
                )
                .at(span, "expected `tcp` or `udp`")
                .help(
                    "Kubernetes Services carry TCP, UDP and SCTP; Compose ports use `tcp` or `udp`",
                ),
            );
            None
        }
    }
}

fn push_range(
    found: &mut Vec<(u16, Protocol, Span)>,
    start: u16,
    end: u16,
    protocol: Protocol,
    span: Span,
    diags: &mut Diagnostics,
) {
    if end < start || u32::from(end - start) >= MAX_RANGE {
        diags.push(
            Diagnostic::new(
                Code::InvalidValue,
                format!("port range {start}-{end} is not usable"),
            )
            .at(
                span,
                format!("a range must run upwards and span fewer than {MAX_RANGE} ports"),
            )
            .help("list the ports the service really listens on"),
        );
        return;
    }
    for port in start..=end {
        found.push((port, protocol, span));
    }
}

/// `8000`, `8000-8010`, `8000/udp`.
fn parse_expose(text: &str) -> Option<(u16, u16, Protocol)> {
    let (ports, proto) = match text.split_once('/') {
        Some((p, "tcp")) => (p, Protocol::Tcp),
        Some((p, "udp")) => (p, Protocol::Udp),
        Some(_) => return None,
        None => (text, Protocol::Tcp),
    };
    let (a, b) = match ports.split_once('-') {
        Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
        None => {
            let p = ports.parse().ok()?;
            (p, p)
        }
    };
    (a > 0).then_some((a, b, proto))
}
