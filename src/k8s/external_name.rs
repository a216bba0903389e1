//! The Service that keeps a Compose name working for a service left on Compose: type
//! ExternalName, so cluster DNS answers `cache` with a CNAME to where `cache` still runs.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{self as core, ServiceSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::Object;
use crate::ir::{ExternalName, Migration};

pub fn service(m: &Migration, e: &ExternalName) -> Object {
    let labels = BTreeMap::from([
        // The service's name, also on the Service of an alias, as on a workload's alias Services.
        (
            "app.kubernetes.io/name".to_string(),
            super::names::dns_label(&e.service),
        ),
        ("app.kubernetes.io/part-of".to_string(), m.project.clone()),
        (
            "app.kubernetes.io/managed-by".to_string(),
            "compose2k8s".to_string(),
        ),
    ]);
    // The port only documents where the service listens: a CNAME cannot remap it.
    let ports = e.port.map(|port| {
        vec![core::ServicePort {
            port: i32::from(port),
            protocol: Some("TCP".into()),
            ..Default::default()
        }]
    });
    Object::Service(Box::new(core::Service {
        metadata: ObjectMeta {
            name: Some(e.name.clone()),
            namespace: m.namespace.clone(),
            labels: Some(labels),
            ..Default::default()
        },
        spec: Some(ServiceSpec {
            type_: Some("ExternalName".into()),
            external_name: Some(e.host.clone()),
            ports,
            ..Default::default()
        }),
        status: None,
    }))
}
