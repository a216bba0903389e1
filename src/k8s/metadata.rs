//! What the `x-kubernetes` blocks add to objects the other files made: labels and annotations,
//! the pod template's scheduling, and a Job's settings. Applied once all objects of a workload
//! (or of the project) exist, so every kind gets the same treatment.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{LocalObjectReference, PodSpec, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::{cronjob, Object};
use crate::ir::{Migration, Workload};

fn meta(o: &mut Object) -> &mut ObjectMeta {
    match o {
        Object::ConfigMap(x) => &mut x.metadata,
        Object::Secret(x) => &mut x.metadata,
        Object::PersistentVolumeClaim(x) => &mut x.metadata,
        Object::Service(x) => &mut x.metadata,
        Object::Deployment(x) => &mut x.metadata,
        Object::StatefulSet(x) => &mut x.metadata,
        Object::DaemonSet(x) => &mut x.metadata,
        Object::Job(x) => &mut x.metadata,
        Object::CronJob(x) => &mut x.metadata,
        Object::Ingress(x) => &mut x.metadata,
        Object::NetworkPolicy(x) => &mut x.metadata,
        Object::HorizontalPodAutoscaler(x) => &mut x.metadata,
        Object::ScaledObject(x) => &mut x.metadata,
    }
}

fn pod_template(o: &mut Object) -> Option<&mut PodTemplateSpec> {
    match o {
        Object::Deployment(x) => x.spec.as_mut().map(|s| &mut s.template),
        Object::StatefulSet(x) => x.spec.as_mut().map(|s| &mut s.template),
        Object::DaemonSet(x) => x.spec.as_mut().map(|s| &mut s.template),
        Object::Job(x) => x.spec.as_mut().map(|s| &mut s.template),
        Object::CronJob(x) => x
            .spec
            .as_mut()
            .and_then(|s| s.job_template.spec.as_mut())
            .map(|s| &mut s.template),
        _ => None,
    }
}

/// Adds `extra` to a label or annotation map, keeping what is there (selector labels win).
fn merge(map: &mut Option<BTreeMap<String, String>>, extra: &BTreeMap<String, String>) {
    if extra.is_empty() {
        return;
    }
    let map = map.get_or_insert_with(BTreeMap::new);
    for (k, v) in extra {
        map.entry(k.clone()).or_insert_with(|| v.clone());
    }
}

/// The service's labels, pod annotations, scheduling and Job settings on the workload's objects.
pub fn workload(w: &Workload, objects: &mut [Object]) {
    for o in objects.iter_mut() {
        merge(&mut meta(o).labels, &w.labels);
        if let Object::Job(job) = o {
            if let Some(spec) = job.spec.as_mut() {
                cronjob::settings(&w.job, spec);
            }
        }
        if let Some(template) = pod_template(o) {
            let m = template.metadata.get_or_insert_with(ObjectMeta::default);
            merge(&mut m.labels, &w.labels);
            merge(&mut m.annotations, &w.pod_annotations);
            if let Some(spec) = template.spec.as_mut() {
                scheduling(w, spec);
            }
        }
    }
}

fn scheduling(w: &Workload, spec: &mut PodSpec) {
    let s = &w.scheduling;
    if !s.node_selector.is_empty() {
        spec.node_selector = Some(s.node_selector.clone());
    }
    if !s.tolerations.is_empty() {
        spec.tolerations
            .get_or_insert_with(Vec::new)
            .extend(s.tolerations.iter().cloned());
    }
    spec.affinity.clone_from(&s.affinity);
    spec.runtime_class_name.clone_from(&s.runtime_class_name);
    spec.service_account_name
        .clone_from(&s.service_account_name);
    if !s.image_pull_secrets.is_empty() {
        spec.image_pull_secrets = Some(
            s.image_pull_secrets
                .iter()
                .map(|name| LocalObjectReference { name: name.clone() })
                .collect(),
        );
    }
}

/// The top-level labels (on every object and pod) and annotations (on every object).
pub fn project(m: &Migration, objects: &mut [Object]) {
    for o in objects.iter_mut() {
        let meta = meta(o);
        merge(&mut meta.labels, &m.labels);
        merge(&mut meta.annotations, &m.annotations);
        if let Some(template) = pod_template(o) {
            let pod = template.metadata.get_or_insert_with(ObjectMeta::default);
            merge(&mut pod.labels, &m.labels);
        }
    }
}
