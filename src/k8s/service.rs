use k8s_openapi::api::core::v1::{self as core, ServiceSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{labels, Object};
use crate::ir::{Migration, Workload};

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
                ..Default::default()
            }
        })
        .collect();
    Some(Object::Service(Box::new(core::Service {
        metadata: ObjectMeta {
            name: Some(w.name.clone()),
            namespace: m.namespace.clone(),
            labels: Some(labels::common(m, w)),
            ..Default::default()
        },
        spec: Some(ServiceSpec {
            selector: Some(labels::selector(m, w)),
            ports: Some(ports),
            ..Default::default()
        }),
        status: None,
    })))
}
