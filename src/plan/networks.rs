//! Compose networks. A cluster network is flat, so without `--network-policies` each network is
//! reported as flattened. With it (or the top-level `x-kubernetes.networkPolicies`), every
//! network a converted service joins becomes a NetworkPolicy between its members, and each
//! workload gets the isolation its service had on Compose (`ir::Isolation`): its networks, the
//! ports published to the world, egress confined to internal networks, or no network at all.
//! Runs once every workload exists, as the ports an Ingress or a NodePort opens are known then.

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use super::not_translated;
use super::PlanOptions;
use crate::compose::ast::{Network as Definition, Project, Service};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{Fact, Isolation, Network, OpenPort, Path, Protocol, ServiceType, Workload};
use crate::k8s::names;
use crate::source::Span;

/// The network a service without `networks` joins.
const DEFAULT: &str = "default";

/// Whether Compose networks become NetworkPolicies: the flag, or the top-level extension.
pub fn enabled(project: &Project, options: &PlanOptions) -> bool {
    options.network_policies
        || project
            .x_kubernetes
            .as_ref()
            .and_then(|x| x.value.network_policies.as_ref())
            .is_some_and(|n| n.value)
}

/// Where a service's pods are on the network.
enum Membership<'a> {
    /// Compose networks, each with the span that names it.
    Networks(Vec<(&'a str, Span)>),
    /// `network_mode: host`.
    Host(Span),
    /// `network_mode: none`, at that span.
    Nowhere(Span),
    /// A network mode naming something outside the project's networks.
    Elsewhere(Span, &'a str),
}

fn membership<'a>(project: &'a Project, service: &'a Service) -> Membership<'a> {
    let mut s = service;
    // `service:NAME` shares NAME's network namespace: its networks are the pod's. The chain is
    // bounded by the number of services, so a cycle ends.
    for _ in 0..=project.services.len() {
        let Some(mode) = &s.network_mode else {
            let listed: Vec<(&str, Span)> = s
                .networks
                .iter()
                .flat_map(|n| n.value.iter())
                .map(|(name, attachment)| (name, attachment.span))
                .collect();
            return Membership::Networks(if listed.is_empty() {
                vec![(DEFAULT, s.name.span)]
            } else {
                listed
            });
        };
        match mode.value.as_str() {
            "host" => return Membership::Host(mode.span),
            "none" => return Membership::Nowhere(mode.span),
            other => {
                match other
                    .strip_prefix("service:")
                    .and_then(|name| project.services.get(name))
                {
                    Some(next) => s = next,
                    None => return Membership::Elsewhere(mode.span, other),
                }
            }
        }
    }
    let span = service
        .network_mode
        .as_ref()
        .map_or(service.name.span, |m| m.span);
    Membership::Elsewhere(span, "a cycle of `service:` network modes")
}

/// Where `network_mode: none` (of the service or of the one whose network it shares) shuts the
/// service's pods off every network.
pub(super) fn without_network(project: &Project, service: &Service) -> Option<Span> {
    match membership(project, service) {
        Membership::Nowhere(span) => Some(span),
        _ => None,
    }
}

fn definition<'a>(project: &'a Project, network: &str) -> Option<&'a Definition> {
    project.networks.get(network).and_then(|n| n.value.as_ref())
}

fn is_external(project: &Project, network: &str) -> bool {
    definition(project, network)
        .and_then(|d| d.external.as_ref())
        .is_some_and(|e| e.value.external)
}

/// Lowers the project's networks: reports them when policies are off, else fills each
/// workload's isolation and returns the networks that get a policy.
pub fn plan(
    project: &Project,
    enabled: bool,
    workloads: &mut [Workload],
    diags: &mut Diagnostics,
) -> Vec<Fact<Network>> {
    if !enabled {
        flattened(project, diags);
        for mode in project
            .services
            .values()
            .filter_map(|s| s.network_mode.as_ref())
        {
            if mode.value == "none" {
                diags.push(not_translated(
                    mode.span,
                    "`network_mode: none`",
                    "every pod has its own network namespace on the cluster network; `--network-policies` shuts the pods off with a NetworkPolicy",
                ));
            }
        }
        return Vec::new();
    }
    let names = kubernetes_names(project, diags);
    // Network → the services on it and the first span that joins it.
    let mut members: BTreeMap<&str, (Vec<&str>, Span)> = BTreeMap::new();
    for w in workloads.iter_mut() {
        let Some(service) = project.services.get(&w.service) else {
            continue;
        };
        let (networks, internal) = match membership(project, service) {
            Membership::Host(span) => {
                diags.push(not_isolated(
                    span,
                    &w.service,
                    "the pods use the node's network, which NetworkPolicies do not govern",
                ));
                continue;
            }
            Membership::Elsewhere(span, mode) => {
                diags.push(not_isolated(
                    span,
                    &w.service,
                    &format!(
                        "`{mode}` is outside the project's networks: no policy selects the pods"
                    ),
                ));
                continue;
            }
            Membership::Nowhere(span) => {
                diags.push(
                    Diagnostic::new(
                        Code::NetworkPolicy,
                        format!(
                            "`network_mode: none` of service `{}` becomes NetworkPolicy `{}`",
                            w.service, w.name
                        ),
                    )
                    .at(span, "the policy lets no traffic in or out of the pods")
                    .help("the pods keep their loopback interface, as the container did"),
                );
                w.isolation = Some(Isolation {
                    no_network: true,
                    ..Isolation::default()
                });
                continue;
            }
            Membership::Networks(list) => {
                let internal = list.iter().all(|(net, _)| {
                    !is_external(project, net)
                        && definition(project, net)
                            .and_then(|d| d.internal.as_ref())
                            .is_some_and(|i| i.value)
                });
                let mut joined = Vec::new();
                for (net, span) in &list {
                    let Some(name) = names.get(net) else {
                        continue;
                    };
                    joined.push(name.clone());
                    members
                        .entry(net)
                        .or_insert_with(|| (Vec::new(), *span))
                        .0
                        .push(service.name.value.as_str());
                }
                // Only a network whose name another one took has none; that collision is an
                // error, so no manifests are written.
                if joined.is_empty() {
                    continue;
                }
                (joined, internal)
            }
        };
        // Docker does not publish the `ports` of a container whose networks are all internal;
        // routing asked for in `x-kubernetes` is the user's call on the cluster, and stands.
        let open_ports = open_ports(service, w, !internal);
        if internal && !open_ports.is_empty() {
            diags.push(routed_internal(service, w, &open_ports));
        }
        w.isolation = Some(Isolation {
            networks,
            open_ports,
            internal,
            ..Isolation::default()
        });
    }
    open_wait_paths(workloads, diags);
    report_definitions(project, &names, &members, diags);
    let mut out = Vec::new();
    for (net, (services, first)) in &members {
        let Some(name) = names.get(net) else {
            continue;
        };
        let declared = project.networks.get(*net).map(|n| n.span);
        let policy = names::network_policy(name);
        let owner = workloads
            .iter()
            .find(|w| w.name == policy && w.isolation.as_ref().is_some_and(Isolation::own_policy));
        if let Some(w) = owner {
            diags.push(
                Diagnostic::new(
                    Code::NameCollision,
                    format!(
                        "the NetworkPolicies of network `{net}` and of service `{}` are both `{policy}`",
                        w.service
                    ),
                )
                .at(declared.unwrap_or(*first), format!("network `{net}` becomes `{policy}`"))
                .also(w.origin, format!("service `{}` becomes `{policy}` too", w.service))
                .help("rename the network or the service"),
            );
            continue;
        }
        if let Some(span) = declared.filter(|_| is_external(project, net)) {
            diags.push(
                Diagnostic::new(
                    Code::ExternalNetwork,
                    format!("external network `{net}` becomes NetworkPolicy `{policy}` for this project's services only"),
                )
                .at(span, "its members outside the project (other Compose projects, other namespaces) are not let in")
                .help(format!(
                    "{}; to let in other namespaces' pods, add a `namespaceSelector` rule to `{policy}` by hand",
                    match services.as_slice() {
                        [only] => format!("`{only}` is the project's only member"),
                        _ => format!(
                            "{} reach each other on it",
                            crate::diag::code_list(services.iter().copied())
                        ),
                    },
                )),
            );
        } else if let Some(span) = declared {
            let internal = definition(project, net)
                .and_then(|d| d.internal.as_ref())
                .is_some_and(|i| i.value);
            diags.push(
                Diagnostic::new(
                    Code::NetworkPolicy,
                    format!("network `{net}` becomes NetworkPolicy `{policy}`"),
                )
                .at(
                    span,
                    format!(
                        "{}{}",
                        match services.as_slice() {
                            [only] => format!("`{only}` is its only member"),
                            _ => format!(
                                "{} accept traffic from each other",
                                crate::diag::code_list(services.iter().copied())
                            ),
                        },
                        if internal {
                            "; services only on internal networks reach nothing else"
                        } else {
                            ""
                        }
                    ),
                )
                .help(format!(
                    "the policies take effect with a network plugin that enforces them; `compose2k8s explain {}` says what each allows",
                    Code::NetworkPolicy.id()
                )),
            );
        }
        out.push(Fact::new(
            declared.unwrap_or(*first),
            Network {
                compose: (*net).to_string(),
                name: name.clone(),
            },
        ));
    }
    out
}

fn not_isolated(span: Span, service: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NotIsolated,
        format!("the pods of service `{service}` are not isolated by NetworkPolicies"),
    )
    .at(span, why.to_string())
    .help("restrict the pods' traffic with a NetworkPolicy written by hand if it matters")
}

/// Each network's Kubernetes name, the implicit `default` included when a service joins it; the
/// second of two networks that sanitise alike has none, and is reported.
fn kubernetes_names<'a>(
    project: &'a Project,
    diags: &mut Diagnostics,
) -> BTreeMap<&'a str, String> {
    // The implicit `default` has no declaration to point at: the first service that joins it
    // stands for one. Listed first, so a declared `Default` is the one reported.
    let implicit = if project.networks.contains_key(DEFAULT) {
        None
    } else {
        project
            .services
            .values()
            .find_map(|s| match membership(project, s) {
                Membership::Networks(list) => list
                    .into_iter()
                    .find(|(net, _)| *net == DEFAULT)
                    .map(|(_, span)| (s.name.value.as_str(), span)),
                _ => None,
            })
    };
    let candidates = implicit
        .map(|(service, span)| {
            (
                DEFAULT,
                span,
                format!("the implicit network `{DEFAULT}`"),
                format!(
                    "`{service}` joins the implicit `{DEFAULT}`, which becomes `{DEFAULT}` too"
                ),
            )
        })
        .into_iter()
        .chain(project.networks.iter().map(|(net, definition)| {
            (
                net.as_str(),
                definition.span,
                format!("network `{net}`"),
                format!("`{net}` becomes `{}` too", names::dns1123_label(net)),
            )
        }));
    let mut out: BTreeMap<&str, String> = BTreeMap::new();
    let mut by_name: BTreeMap<String, (String, String, Span)> = BTreeMap::new();
    for (net, span, what, as_first) in candidates {
        let name = names::dns1123_label(net);
        if let Some((first, first_label, first_span)) = by_name.get(&name) {
            diags.push(
                Diagnostic::new(
                    Code::NameCollision,
                    format!("{first} and {what} both become `{name}` in Kubernetes"),
                )
                .at(span, format!("`{net}` becomes `{name}`"))
                .also(*first_span, first_label.clone())
                .help("rename one of the networks; Kubernetes names allow only lower-case letters, digits and `-`"),
            );
            continue;
        }
        by_name.insert(name.clone(), (what, as_first, span));
        out.insert(net, name);
    }
    out
}

/// The info that routing asked for in `x-kubernetes` opens ports of a service that is only on
/// internal networks.
fn routed_internal(service: &Service, w: &Workload, open: &[OpenPort]) -> Diagnostic {
    let block = service.x_kubernetes.as_ref().map(|x| &x.value);
    let routed_by_type = matches!(
        w.publishing.service_type,
        Some(ServiceType::NodePort | ServiceType::LoadBalancer)
    );
    let span = block
        .and_then(|b| {
            let by_type = b
                .service
                .as_ref()
                .filter(|_| routed_by_type)
                .map(|s| s.span);
            by_type.or(b.ingress.as_ref().map(|i| i.span))
        })
        .unwrap_or(w.origin);
    Diagnostic::new(
        Code::NetworkPolicy,
        format!(
            "`{}` is only on internal networks, yet its routing from outside opens port{} {} to any client",
            w.service,
            if open.len() == 1 { "" } else { "s" },
            crate::diag::code_list(open.iter().map(|p| p.port)),
        ),
    )
    .at(span, "the Service type or Ingress asked for here is kept")
    .help("Compose publishes no `ports` of a service on internal networks only, and those stay closed; remove the routing from `x-kubernetes` to keep the service unreachable from outside")
}

/// Opens, for each dependency wait, the one connection it needs that the networks do not allow:
/// into the dependency from the waiter's pods, and out of the waiter when its egress is confined
/// to its peers. Compose's `depends_on` waits on the health check and needs no network path.
fn open_wait_paths(workloads: &mut [Workload], diags: &mut Diagnostics) {
    let mut admitted: Vec<(String, Path)> = Vec::new();
    let mut reaches: Vec<(String, Path)> = Vec::new();
    for w in workloads.iter() {
        for wait in w
            .init_containers
            .iter()
            .filter_map(|c| c.waits_for.as_ref())
        {
            let Some(dep) = workloads.iter().find(|d| d.name == wait.workload) else {
                continue;
            };
            let (mine, theirs) = (w.isolation.as_ref(), dep.isolation.as_ref());
            let shared = mine
                .zip(theirs)
                .is_some_and(|(a, b)| a.networks.iter().any(|n| b.networks.contains(n)));
            if shared {
                continue;
            }
            let into = theirs.is_some_and(|t| !t.networks.is_empty());
            let out = mine.is_some_and(|m| m.internal);
            if into {
                admitted.push((
                    dep.name.clone(),
                    Path {
                        workload: w.name.clone(),
                        port: wait.port,
                        protocol: Protocol::Tcp,
                    },
                ));
            }
            if out {
                reaches.push((
                    w.name.clone(),
                    Path {
                        workload: dep.name.clone(),
                        port: wait.port,
                        protocol: Protocol::Tcp,
                    },
                ));
            }
            if into || out {
                diags.push(
                    Diagnostic::new(
                        Code::NetworkPolicy,
                        format!(
                            "`{}` shares no network with `{}`: the NetworkPolicies let its wait connect to port {} of `{}`",
                            w.service, dep.service, wait.port, dep.service
                        ),
                    )
                    .at(wait.span, "the wait needs this one path")
                    .help(format!(
                        "the init container shares the pod's NetworkPolicy, so the containers of `{}` may use the path too; turn the wait off (`x-kubernetes.waitForDependencies: false`) to keep the networks apart",
                        w.service
                    )),
                );
            }
        }
    }
    for (owner, path, inbound) in admitted
        .into_iter()
        .map(|(o, p)| (o, p, true))
        .chain(reaches.into_iter().map(|(o, p)| (o, p, false)))
    {
        let Some(isolation) = workloads
            .iter_mut()
            .find(|w| w.name == owner)
            .and_then(|w| w.isolation.as_mut())
        else {
            continue;
        };
        let list = if inbound {
            &mut isolation.admitted
        } else {
            &mut isolation.reaches
        };
        if !list.contains(&path) {
            list.push(path);
        }
    }
}

/// Published ports (if `published`; not on a loopback address, which no other machine reaches)
/// and the ports a NodePort or LoadBalancer Service or an Ingress routes to from outside.
fn open_ports(service: &Service, w: &Workload, published: bool) -> Vec<OpenPort> {
    let mut out = BTreeSet::new();
    let ports = service.ports.iter().filter(|_| published);
    for p in ports.flat_map(|p| p.value.iter()) {
        let p = &p.value;
        let loopback = p
            .host_ip
            .as_deref()
            .and_then(|ip| ip.parse::<IpAddr>().ok())
            .is_some_and(|ip| ip.is_loopback());
        // An unsupported protocol is reported by `plan::ports`; that port is not on the pod.
        let protocol = match p
            .protocol
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("tcp") => Protocol::Tcp,
            Some("udp") => Protocol::Udp,
            Some(_) => continue,
        };
        if !loopback {
            out.insert(OpenPort {
                port: p.target,
                end: p.target_end.filter(|end| *end > p.target),
                protocol,
            });
        }
    }
    let routed = matches!(
        w.publishing.service_type,
        Some(ServiceType::NodePort | ServiceType::LoadBalancer)
    );
    for sp in w.exposure.iter().flat_map(|e| e.ports.iter()) {
        let sp = &sp.value;
        let from_ingress = w
            .publishing
            .ingress
            .as_ref()
            .is_some_and(|i| i.port == sp.port);
        if routed || from_ingress {
            out.insert(OpenPort {
                port: sp.target_port,
                end: None,
                protocol: sp.protocol,
            });
        }
    }
    out.into_iter().collect()
}

/// Without policies: each declared network, as flattened.
fn flattened(project: &Project, diags: &mut Diagnostics) {
    for (name, network) in &project.networks {
        if name == DEFAULT && network.value.is_none() {
            continue;
        }
        diags.push(
            Diagnostic::new(
                Code::NetworksFlattened,
                format!("network `{name}` is not translated; all pods share the cluster network"),
            )
            .at(network.span, "no isolation between networks in the cluster")
            .help("`--network-policies` (or `x-kubernetes: {networkPolicies: true}` at the top level) keeps the isolation with NetworkPolicies"),
        );
    }
}

/// With policies: what a declared network sets beyond membership and `internal`, and networks
/// no converted service joins.
fn report_definitions(
    project: &Project,
    names: &BTreeMap<&str, String>,
    members: &BTreeMap<&str, (Vec<&str>, Span)>,
    diags: &mut Diagnostics,
) {
    for (name, network) in &project.networks {
        // Its name went to another network: the collision is the error to fix.
        if !names.contains_key(name.as_str()) {
            continue;
        }
        if !members.contains_key(name.as_str()) {
            if !(name == DEFAULT && network.value.is_none()) {
                diags.push(not_translated(
                    network.span,
                    &format!("network `{name}` (no converted service joins it)"),
                    "a network without members needs no policy; remove it",
                ));
            }
            continue;
        }
        // An external network's keys say where Docker finds it, which the policy does not need.
        let Some(d) = network
            .value
            .as_ref()
            .filter(|_| !is_external(project, name))
        else {
            continue;
        };
        for (key, span) in [
            ("name", d.name.as_ref().map(|x| x.span)),
            ("driver", d.driver.as_ref().map(|x| x.span)),
            ("driver_opts", d.driver_opts.as_ref().map(|x| x.span)),
            ("ipam", d.ipam.as_ref().map(|x| x.span)),
            ("enable_ipv4", d.enable_ipv4.as_ref().map(|x| x.span)),
            ("enable_ipv6", d.enable_ipv6.as_ref().map(|x| x.span)),
            ("attachable", d.attachable.as_ref().map(|x| x.span)),
            ("labels", d.labels.as_ref().map(|x| x.span)),
        ] {
            if let Some(span) = span {
                diags.push(not_translated(
                    span,
                    &format!("`{key}` of network `{name}`"),
                    "the cluster's network plugin sets up pod networking; only membership and `internal` become NetworkPolicies",
                ));
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
pub(super) mod testing {
    use crate::compose::ast::read_project;
    use crate::diag::{Diagnostic, Diagnostics};
    use crate::k8s::Object;
    use crate::plan::{plan, PlanOptions};
    use crate::source::FileId;
    use crate::yaml::de::Context;

    /// Reads, plans (with `--network-policies` if `policies`) and lowers one Compose text.
    pub fn run(text: &str, policies: bool) -> (Vec<Object>, Vec<Diagnostic>) {
        let parsed = crate::yaml::parse(FileId(0), text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let cx = Context::new();
        let project = read_project(&parsed.documents[0], &cx);
        assert!(cx.take().is_empty());
        let mut diags = Diagnostics::new();
        let options = PlanOptions {
            network_policies: policies,
            ..PlanOptions::default()
        };
        let migration = plan(&project, "proj", &options, &mut diags);
        let mut objects = crate::k8s::lower(&migration);
        crate::output::order(&mut objects);
        (objects, diags.into_sorted())
    }

    pub fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
        diags.iter().map(|d| d.code.id()).collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use k8s_openapi::api::networking::v1::NetworkPolicy;

    use super::testing::{codes, run};
    use crate::k8s::Object;

    fn policies(objects: &[Object]) -> Vec<&NetworkPolicy> {
        objects
            .iter()
            .filter_map(|o| match o {
                Object::NetworkPolicy(p) => Some(&**p),
                _ => None,
            })
            .collect()
    }

    fn names(objects: &[Object]) -> Vec<&str> {
        policies(objects)
            .iter()
            .map(|p| p.metadata.name.as_deref().unwrap())
            .collect()
    }

    const TIERS: &str = "services:\n  web:\n    image: w\n    ports: [\"8080:80\", \"127.0.0.1:9000:9000\"]\n    networks: [front]\n  api:\n    image: a\n    expose: [\"8000\"]\n    networks: [front, back]\n  db:\n    image: d\n    expose: [\"5432\"]\n    networks: [back]\nnetworks:\n  front:\n  back:\n    internal: true\n    driver: bridge\n";

    #[test]
    fn without_the_option_networks_are_flattened() {
        let (objects, diags) = run(TIERS, false);
        assert!(policies(&objects).is_empty());
        assert_eq!(codes(&diags).iter().filter(|c| **c == "C2K3018").count(), 2);
    }

    #[test]
    fn each_network_and_each_opened_service_gets_a_policy() {
        let (objects, diags) = run(TIERS, true);
        assert_eq!(
            names(&objects),
            ["db", "network-back", "network-front", "web"]
        );
        assert!(!codes(&diags).contains(&"C2K3018"), "{:?}", codes(&diags));
        assert!(codes(&diags).contains(&"C2K3034"));
        // `driver` of a network with a policy is still reported.
        assert!(codes(&diags).contains(&"C2K3007"));
        let web = policies(&objects)[3];
        let spec = web.spec.as_ref().unwrap();
        let ports = spec.ingress.as_ref().unwrap()[0].ports.as_ref().unwrap();
        // The loopback-published port stays closed to the world.
        assert_eq!(ports.len(), 1);
        assert!(spec.egress.is_none());
        // `db` is only on the internal network: egress to its peers and DNS only.
        let db = policies(&objects)[0].spec.as_ref().unwrap();
        assert_eq!(db.policy_types.as_deref().unwrap(), ["Egress".to_string()]);
        assert_eq!(db.egress.as_ref().unwrap().len(), 2);
    }

    #[test]
    fn pods_are_labelled_with_their_networks() {
        let (objects, _) = run(TIERS, true);
        let Some(Object::Deployment(api)) = objects
            .iter()
            .find(|o| o.name() == "api" && o.kind() == "Deployment")
        else {
            panic!("no api Deployment");
        };
        let labels = api
            .spec
            .as_ref()
            .unwrap()
            .template
            .metadata
            .as_ref()
            .unwrap()
            .labels
            .clone()
            .unwrap();
        assert_eq!(labels["network.compose2k8s.io/front"], "true");
        assert_eq!(labels["network.compose2k8s.io/back"], "true");
        // Not on the Deployment itself, nor in its selector.
        assert!(!api
            .metadata
            .labels
            .as_ref()
            .unwrap()
            .contains_key("network.compose2k8s.io/front"));
    }

    #[test]
    fn network_modes() {
        let (objects, diags) = run("services:\n  web:\n    image: w\n    expose: [\"80\"]\n  side:\n    image: s\n    network_mode: service:web\n  off:\n    image: o\n    network_mode: none\n  node:\n    image: n\n    network_mode: host\n", true);
        assert_eq!(names(&objects), ["network-default", "off"]);
        let off = policies(&objects)[1].spec.as_ref().unwrap();
        assert_eq!(
            off.policy_types.as_deref().unwrap(),
            ["Ingress".to_string(), "Egress".to_string()]
        );
        assert!(off.ingress.is_none() && off.egress.is_none());
        assert!(codes(&diags).contains(&"C2K3035"));
        let Some(Object::Deployment(side)) = objects.iter().find(|o| o.name() == "side") else {
            panic!("no side Deployment");
        };
        let labels = side
            .spec
            .as_ref()
            .unwrap()
            .template
            .metadata
            .as_ref()
            .unwrap()
            .labels
            .clone()
            .unwrap();
        assert_eq!(labels["network.compose2k8s.io/default"], "true");
    }

    #[test]
    fn an_internal_network_publishes_nothing() {
        let (objects, _) = run("services:\n  db:\n    image: d\n    ports: [\"5432:5432\"]\n    networks: [back]\nnetworks:\n  back:\n    internal: true\n", true);
        let db = policies(&objects)[0].spec.as_ref().unwrap();
        assert!(db.ingress.is_none());
        assert_eq!(db.policy_types.as_deref().unwrap(), ["Egress".to_string()]);
    }

    #[test]
    fn an_external_network_isolates_the_projects_members_and_says_whom_it_leaves_out() {
        let (objects, diags) = run("services:\n  proxy:\n    image: p\n    ports: [\"80:80\"]\n    networks: [outside]\n  web:\n    image: w\n    expose: [\"8080\"]\n    networks: [outside, default]\nnetworks:\n  outside:\n    external: true\n    name: shared-proxy\n", true);
        assert_eq!(
            names(&objects),
            ["network-default", "network-outside", "proxy"]
        );
        // The project's members of `outside` reach each other; nothing is left unisolated.
        let outside = policies(&objects)[1].spec.as_ref().unwrap();
        let from = outside.ingress.as_ref().unwrap()[0].from.as_ref().unwrap();
        let labels = from[0]
            .pod_selector
            .as_ref()
            .unwrap()
            .match_labels
            .as_ref()
            .unwrap();
        assert_eq!(labels["app.kubernetes.io/part-of"], "proj");
        assert_eq!(labels["network.compose2k8s.io/outside"], "true");
        assert!(!codes(&diags).contains(&"C2K3035"), "{:?}", codes(&diags));
        let external: Vec<_> = diags.iter().filter(|d| d.code.id() == "C2K3036").collect();
        assert_eq!(external.len(), 1);
        assert!(external[0].message.contains("network-outside"));
        // `name` of an external network says where Docker finds it: not reported.
        assert!(!codes(&diags).contains(&"C2K3007"), "{:?}", codes(&diags));
    }

    /// The init container of `app` and the policy objects named `app` and `db`.
    fn wait_of(objects: &[Object]) -> Vec<String> {
        let Some(Object::Deployment(app)) = objects
            .iter()
            .find(|o| o.name() == "app" && o.kind() == "Deployment")
        else {
            panic!("no app Deployment");
        };
        let spec = app.spec.as_ref().unwrap().template.spec.as_ref().unwrap();
        spec.init_containers
            .iter()
            .flatten()
            .map(|c| c.name.clone())
            .collect()
    }

    const WAIT: &str = "services:\n  app:\n    image: a\n    networks: [front]\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: d\n    expose: [\"5432\"]\n    networks: [back]\n    healthcheck:\n      test: [\"CMD\", \"pg_isready\"]\nnetworks:\n  front:\n  back:\n";

    #[test]
    fn a_wait_across_networks_gets_its_one_path_in() {
        let (objects, diags) = run(WAIT, true);
        assert_eq!(wait_of(&objects), ["wait-for-db"]);
        assert_eq!(names(&objects), ["db", "network-back", "network-front"]);
        let db = policies(&objects)[0].spec.as_ref().unwrap();
        assert_eq!(db.policy_types.as_deref().unwrap(), ["Ingress".to_string()]);
        let rule = &db.ingress.as_ref().unwrap()[0];
        let from = rule.from.as_ref().unwrap()[0]
            .pod_selector
            .as_ref()
            .unwrap();
        let labels = from.match_labels.as_ref().unwrap();
        assert_eq!(labels["app.kubernetes.io/name"], "app");
        assert_eq!(labels["app.kubernetes.io/part-of"], "proj");
        let port = &rule.ports.as_ref().unwrap()[0];
        assert_eq!(
            port.port,
            Some(k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(5432))
        );
        assert!(diags
            .iter()
            .any(|d| d.code.id() == "C2K3034" && d.message.contains("shares no network")));
        // On a shared network the network's policy is path enough.
        let shared = WAIT.replace("networks: [back]", "networks: [back, front]");
        let (objects, diags) = run(&shared, true);
        assert_eq!(names(&objects), ["network-back", "network-front"]);
        assert!(!diags
            .iter()
            .any(|d| d.message.contains("shares no network")));
    }

    #[test]
    fn an_internal_waiter_may_reach_the_port_it_waits_on() {
        let text = WAIT.replace("  front:\n", "  front:\n    internal: true\n");
        let (objects, _) = run(&text, true);
        assert_eq!(
            names(&objects),
            ["app", "db", "network-back", "network-front"]
        );
        let app = policies(&objects)[0].spec.as_ref().unwrap();
        let egress = app.egress.as_ref().unwrap();
        // Peers, DNS, and the dependency's port.
        assert_eq!(egress.len(), 3);
        let to = egress[2].to.as_ref().unwrap()[0]
            .pod_selector
            .as_ref()
            .unwrap();
        assert_eq!(
            to.match_labels.as_ref().unwrap()["app.kubernetes.io/name"],
            "db"
        );
        assert_eq!(egress[2].ports.as_ref().unwrap().len(), 1);
    }

    #[test]
    fn a_pod_without_network_does_not_wait() {
        let text = WAIT.replace("    networks: [front]\n", "    network_mode: none\n");
        let (objects, diags) = run(&text, true);
        assert!(wait_of(&objects).is_empty());
        let d = diags
            .iter()
            .find(|d| d.code.id() == "C2K3004")
            .expect("the dropped wait is reported");
        assert_eq!(d.secondary.len(), 1);
        assert!(!codes(&diags).contains(&"C2K3023"), "{:?}", codes(&diags));
        // `app`'s policy still shuts everything, and `db` lets nobody else in.
        let off = policies(&objects)
            .into_iter()
            .find(|p| p.metadata.name.as_deref() == Some("app"))
            .unwrap();
        assert!(off.spec.as_ref().unwrap().ingress.is_none());
        assert!(!names(&objects).contains(&"db"));
        // Without policies the wait stays: the pod is on the cluster network.
        let (objects, _) = run(&text, false);
        assert_eq!(wait_of(&objects), ["wait-for-db"]);
        // With waits turned off, why one could not be made is not said as well.
        let off = text.replace(
            "    network_mode: none\n",
            "    network_mode: none\n    x-kubernetes:\n      waitForDependencies: false\n",
        );
        let (_, diags) = run(&off, true);
        assert_eq!(codes(&diags).iter().filter(|c| **c == "C2K3004").count(), 1);
    }

    #[test]
    fn routing_asked_for_opens_an_internal_service() {
        let (objects, diags) = run("services:\n  api:\n    image: a\n    ports: [\"9000:9000\"]\n    expose: [\"8080\"]\n    networks: [back]\n    x-kubernetes:\n      ingress:\n        port: 8080\nnetworks:\n  back:\n    internal: true\n", true);
        let api = policies(&objects)[0].spec.as_ref().unwrap();
        let ports = api.ingress.as_ref().unwrap()[0].ports.as_ref().unwrap();
        // The Ingress's port, not the published one.
        assert_eq!(ports.len(), 1);
        assert_eq!(
            ports[0].port,
            Some(k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(8080))
        );
        assert!(api.egress.is_some());
        assert!(diags
            .iter()
            .any(|d| d.code.id() == "C2K3034" && d.message.contains("only on internal networks")));
    }

    #[test]
    fn a_declared_network_named_like_the_implicit_default_collides() {
        let (_, diags) = run("services:\n  web:\n    image: w\n    expose: [\"80\"]\n  api:\n    image: a\n    expose: [\"80\"]\n    networks: [Default]\nnetworks:\n  Default:\n", true);
        let d = diags
            .iter()
            .find(|d| d.code.id() == "C2K2008")
            .expect("a collision");
        assert_eq!(d.secondary.len(), 1);
        assert!(d.message.contains("implicit"), "{}", d.message);
        // Nothing else claims that `api` or `Default` are what they are not.
        assert_eq!(codes(&diags), ["C2K2008"]);
        // Unused, the implicit `default` takes no name.
        let (objects, diags) = run(
            "services:\n  api:\n    image: a\n    networks: [Default]\nnetworks:\n  Default:\n",
            true,
        );
        assert!(!codes(&diags).contains(&"C2K2008"));
        assert_eq!(names(&objects), ["network-default"]);
    }

    #[test]
    fn a_shared_network_namespace_is_reported_as_what_it_is() {
        let text = "services:\n  web:\n    image: w\n  side:\n    image: s\n    network_mode: service:web\n";
        let (_, diags) = run(text, true);
        let d = diags.iter().find(|d| d.code.id() == "C2K3007").unwrap();
        assert!(
            d.message.contains("shared network namespace"),
            "{}",
            d.message
        );
        let (_, diags) = run(text, false);
        let d = diags.iter().find(|d| d.code.id() == "C2K3007").unwrap();
        assert!(d
            .message
            .contains("`network_mode: service:web` is not translated"));
    }

    #[test]
    fn the_extension_turns_policies_on() {
        let (objects, _) = run(
            "x-kubernetes:\n  networkPolicies: true\nservices:\n  web:\n    image: w\n",
            true,
        );
        assert_eq!(names(&objects), ["network-default"]);
        let (objects, _) = run(
            "x-kubernetes:\n  networkPolicies: true\nservices:\n  web:\n    image: w\n",
            false,
        );
        assert_eq!(names(&objects), ["network-default"]);
    }

    #[test]
    fn a_network_policy_name_taken_by_a_service_collides() {
        let (_, diags) = run("services:\n  network-default:\n    image: w\n", true);
        assert!(!codes(&diags).contains(&"C2K2008"), "{:?}", codes(&diags));
        let (_, diags) = run(
            "services:\n  network-default:\n    image: w\n    ports: [\"80:80\"]\n",
            true,
        );
        assert!(codes(&diags).contains(&"C2K2008"), "{:?}", codes(&diags));
    }
}
