//! A StatefulSet (`x-kubernetes.kind: StatefulSet`): pods with stable names, each with its own
//! claims from the templates the plan made of the service's volumes.

use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};
use k8s_openapi::api::core::v1::PersistentVolumeClaim;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::deployment::{metadata, selector};
use super::{pod, Object};
use crate::ir::{Claim, Migration, Workload};

pub fn statefulset(m: &Migration, w: &Workload) -> Object {
    let templates: Vec<PersistentVolumeClaim> = w.claim_templates.iter().map(template).collect();
    Object::StatefulSet(Box::new(StatefulSet {
        metadata: metadata(m, w),
        spec: Some(StatefulSetSpec {
            replicas: w.replicas.as_ref().map(|r| r.value),
            selector: selector(m, w),
            // The Service of the same name gives the pods their DNS names.
            service_name: w.exposure.as_ref().map(|_| w.name.clone()),
            template: pod::template(m, w),
            volume_claim_templates: (!templates.is_empty()).then_some(templates),
            ..Default::default()
        }),
        status: None,
    }))
}

fn template(c: &Claim) -> PersistentVolumeClaim {
    PersistentVolumeClaim {
        metadata: ObjectMeta {
            name: Some(c.name.clone()),
            annotations: (!c.annotations.is_empty()).then(|| c.annotations.clone()),
            ..Default::default()
        },
        spec: Some(super::storage::claim_spec(c)),
        status: None,
    }
}
