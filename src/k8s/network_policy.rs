//! NetworkPolicies that keep Compose network isolation (`--network-policies`). Policies add up:
//! a pod selected by any policy accepts only what one of them allows. So one policy per network
//! lets its members in from each other, and one per workload adds what its service let in from
//! anywhere (published ports) and the waiters of other networks its dependency waits need, or
//! shuts its egress to its peers (internal networks), or shuts everything (`network_mode: none`).

use std::collections::BTreeMap;

use k8s_openapi::api::networking::v1::{
    NetworkPolicy, NetworkPolicyEgressRule, NetworkPolicyIngressRule, NetworkPolicyPeer,
    NetworkPolicyPort, NetworkPolicySpec,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{labels, names, Object};
use crate::ir::{Isolation, Migration, Network, OpenPort, Path, Protocol, Workload};

fn selector(labels: BTreeMap<String, String>) -> LabelSelector {
    LabelSelector {
        match_labels: Some(labels),
        ..Default::default()
    }
}

/// The pods of the project on `network`.
fn members(m: &Migration, network: &str) -> LabelSelector {
    selector(BTreeMap::from([
        ("app.kubernetes.io/part-of".to_string(), m.project.clone()),
        (labels::network(network), "true".to_string()),
    ]))
}

/// The pods on a network accept any traffic from the other pods on it.
pub fn network(m: &Migration, n: &Network) -> Object {
    let meta = ObjectMeta {
        name: Some(names::network_policy(&n.name)),
        namespace: m.namespace.clone(),
        labels: Some(labels::project(m)),
        ..Default::default()
    };
    Object::NetworkPolicy(Box::new(NetworkPolicy {
        metadata: meta,
        spec: Some(NetworkPolicySpec {
            pod_selector: Some(members(m, &n.name)),
            policy_types: Some(vec!["Ingress".into()]),
            ingress: Some(vec![NetworkPolicyIngressRule {
                from: Some(vec![NetworkPolicyPeer {
                    pod_selector: Some(members(m, &n.name)),
                    ..Default::default()
                }]),
                ports: None,
            }]),
            egress: None,
        }),
    }))
}

/// The workload's own policy, when its service let in more than its peers or let out less
/// than everything.
pub fn workload(m: &Migration, w: &Workload) -> Option<Object> {
    let isolation = w.isolation.as_ref()?;
    let spec = if isolation.no_network {
        // Both types with no rule: nothing in, nothing out.
        NetworkPolicySpec {
            pod_selector: Some(selector(labels::selector(m, w))),
            policy_types: Some(vec!["Ingress".into(), "Egress".into()]),
            ingress: None,
            egress: None,
        }
    } else {
        if !isolation.own_policy() {
            return None;
        }
        let open = (!isolation.open_ports.is_empty()).then(|| NetworkPolicyIngressRule {
            // No `from`: any source.
            from: None,
            ports: Some(isolation.open_ports.iter().map(port).collect()),
        });
        let admitted = isolation.admitted.iter().map(|p| NetworkPolicyIngressRule {
            from: Some(vec![workload_peer(m, &p.workload)]),
            ports: Some(vec![path_port(p)]),
        });
        let ingress: Vec<_> = open.into_iter().chain(admitted).collect();
        let ingress = (!ingress.is_empty()).then_some(ingress);
        let egress = isolation.internal.then(|| egress(m, isolation));
        let mut types = Vec::new();
        if ingress.is_some() {
            types.push("Ingress".to_string());
        }
        if egress.is_some() {
            types.push("Egress".to_string());
        }
        NetworkPolicySpec {
            pod_selector: Some(selector(labels::selector(m, w))),
            policy_types: Some(types),
            ingress,
            egress,
        }
    };
    Some(Object::NetworkPolicy(Box::new(NetworkPolicy {
        metadata: ObjectMeta {
            name: Some(w.name.clone()),
            namespace: m.namespace.clone(),
            labels: Some(labels::common(m, w)),
            ..Default::default()
        },
        spec: Some(spec),
    })))
}

fn port(p: &OpenPort) -> NetworkPolicyPort {
    NetworkPolicyPort {
        port: Some(IntOrString::Int(i32::from(p.port))),
        end_port: p.end.map(i32::from),
        protocol: Some(p.protocol.as_k8s().to_string()),
    }
}

/// An internal network has no way out: only the peers on the service's networks, and the
/// cluster DNS, which Compose's embedded resolver stood for.
fn egress(m: &Migration, isolation: &Isolation) -> Vec<NetworkPolicyEgressRule> {
    let peers = NetworkPolicyEgressRule {
        to: Some(
            isolation
                .networks
                .iter()
                .map(|n| NetworkPolicyPeer {
                    pod_selector: Some(members(m, n)),
                    ..Default::default()
                })
                .collect(),
        ),
        ports: None,
    };
    let dns = NetworkPolicyEgressRule {
        to: Some(vec![NetworkPolicyPeer {
            // Any namespace: kube-dns runs in `kube-system`, whose name label differs by setup.
            namespace_selector: Some(LabelSelector::default()),
            pod_selector: Some(selector(BTreeMap::from([(
                "k8s-app".to_string(),
                "kube-dns".to_string(),
            )]))),
            ..Default::default()
        }]),
        ports: Some(
            [Protocol::Udp, Protocol::Tcp]
                .into_iter()
                .map(|protocol| {
                    port(&OpenPort {
                        port: 53,
                        end: None,
                        protocol,
                    })
                })
                .collect(),
        ),
    };
    let reaches = isolation.reaches.iter().map(|p| NetworkPolicyEgressRule {
        to: Some(vec![workload_peer(m, &p.workload)]),
        ports: Some(vec![path_port(p)]),
    });
    [peers, dns].into_iter().chain(reaches).collect()
}

/// The pods of one workload of the project, by its selector labels.
fn workload_peer(m: &Migration, workload: &str) -> NetworkPolicyPeer {
    NetworkPolicyPeer {
        pod_selector: Some(selector(labels::selector_of(m, workload))),
        ..Default::default()
    }
}

fn path_port(p: &Path) -> NetworkPolicyPort {
    port(&OpenPort {
        port: p.port,
        end: None,
        protocol: p.protocol,
    })
}
