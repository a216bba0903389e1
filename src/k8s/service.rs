use k8s_openapi::api::core::v1::{self as core, ServiceSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{labels, Object};
use crate::ir::{Migration, ServiceType, Workload};

/// The Service that gives a workload the DNS name its Compose service had.
pub fn service(m: &Migration, w: &Workload) -> Option<Object> {
    let exposure = w.exposure.as_ref()?;
    let named = exposure.ports.len() > 1;
    let ports = exposure
        .ports
        .iter()
        .map(|p| {
            let p = &p.value;
            core::ServicePort {
                // The API server requires names once a Service has more than one port.
                name: named.then(|| format!("{}-{}", p.protocol.as_k8s().to_lowercase(), p.port)),
                port: i32::from(p.port),
                target_port: Some(IntOrString::Int(i32::from(p.target_port))),
                protocol: Some(p.protocol.as_k8s().to_string()),
                node_port: w.publishing.node_ports.get(&p.port).map(|n| i32::from(*n)),
                ..Default::default()
            }
        })
        .collect();
    Some(Object::Service(Box::new(core::Service {
        metadata: ObjectMeta {
            name: Some(w.name.clone()),
            namespace: m.namespace.clone(),
            labels: Some(labels::common(m, w)),
            annotations: Some(w.publishing.service_annotations.clone()).filter(|a| !a.is_empty()),
            ..Default::default()
        },
        spec: Some(ServiceSpec {
            selector: Some(labels::selector(m, w)),
            ports: Some(ports),
            // `x-kubernetes.service.type`; ClusterIP, the default, is left unsaid.
            type_: match w.publishing.service_type {
                Some(ServiceType::NodePort) => Some("NodePort".into()),
                Some(ServiceType::LoadBalancer) => Some("LoadBalancer".into()),
                _ => None,
            },
            cluster_ip: (w.publishing.service_type == Some(ServiceType::Headless))
                .then(|| "None".into()),
            external_traffic_policy: w.publishing.external_traffic_policy.clone(),
            ..Default::default()
        }),
        status: None,
    })))
}

/// A Service per alias of the workload (Compose network and link aliases): the selector and
/// ports of its own Service, so the alias resolves to the same pods. Always a plain ClusterIP
/// Service (headless if the workload's is): a second NodePort or load balancer would claim the
/// same node ports, or cost a second address, for a name only pods use.
pub fn aliases(m: &Migration, w: &Workload) -> Vec<Object> {
    let Some(Object::Service(own)) = service(m, w) else {
        return Vec::new();
    };
    w.aliases
        .iter()
        .map(|alias| {
            let mut s = (*own).clone();
            s.metadata.name = Some(alias.value.clone());
            s.metadata.annotations = None;
            if let Some(spec) = s.spec.as_mut() {
                spec.type_ = None;
                // Only externally reachable Services may have one.
                spec.external_traffic_policy = None;
                for p in spec.ports.iter_mut().flatten() {
                    p.node_port = None;
                }
            }
            Object::Service(Box::new(s))
        })
        .collect()
}
