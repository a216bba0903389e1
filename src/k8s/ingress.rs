//! The Ingress of `x-kubernetes.ingress`.

use k8s_openapi::api::networking::v1::{
    HTTPIngressPath, HTTPIngressRuleValue, Ingress, IngressBackend, IngressRule,
    IngressServiceBackend, IngressSpec, IngressTLS, ServiceBackendPort,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::{labels, Object};
use crate::ir::{Migration, Workload};

pub fn ingress(m: &Migration, w: &Workload) -> Option<Object> {
    let i = w.publishing.ingress.as_ref()?;
    let path = HTTPIngressPath {
        path: Some(i.path.clone()),
        path_type: i.path_type.clone(),
        backend: IngressBackend {
            service: Some(IngressServiceBackend {
                name: w.name.clone(),
                port: Some(ServiceBackendPort {
                    number: Some(i32::from(i.port)),
                    name: None,
                }),
            }),
            resource: None,
        },
    };
    Some(Object::Ingress(Box::new(Ingress {
        metadata: ObjectMeta {
            name: Some(w.name.clone()),
            namespace: m.namespace.clone(),
            labels: Some(labels::common(m, w)),
            annotations: (!i.annotations.is_empty()).then(|| i.annotations.clone()),
            ..Default::default()
        },
        spec: Some(IngressSpec {
            ingress_class_name: i.class_name.clone(),
            rules: Some(vec![IngressRule {
                host: i.host.clone(),
                http: Some(HTTPIngressRuleValue { paths: vec![path] }),
            }]),
            tls: i.tls_secret.as_ref().map(|secret| {
                vec![IngressTLS {
                    hosts: i.host.clone().map(|h| vec![h]),
                    secret_name: Some(secret.clone()),
                }]
            }),
            default_backend: None,
        }),
        status: None,
    })))
}
