use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec};
use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

use super::{labels, pod, Object};
use crate::ir::{Migration, Workload};

pub fn deployment(m: &Migration, w: &Workload) -> Object {
    Object::Deployment(Box::new(Deployment {
        metadata: ObjectMeta {
            name: Some(w.name.clone()),
            namespace: m.namespace.clone(),
            labels: Some(labels::common(m, w)),
            annotations: (!w.annotations.is_empty()).then(|| w.annotations.clone()),
            ..Default::default()
        },
        spec: Some(DeploymentSpec {
            replicas: w.replicas.as_ref().map(|r| r.value),
            selector: LabelSelector {
                match_labels: Some(labels::selector(m, w)),
                ..Default::default()
            },
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels: Some(labels::selector(m, w)),
                    ..Default::default()
                }),
                spec: Some(pod::pod_spec(w)),
            },
            ..Default::default()
        }),
        status: None,
    }))
}
