use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, StatefulSet};
use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{ConfigMap, PersistentVolumeClaim, Secret, Service};
use k8s_openapi::api::networking::v1::{Ingress, NetworkPolicy};
use serde::Serialize;

use super::keda::ScaledObject;

/// One emitted Kubernetes object. Serialises as the object itself (apiVersion and kind first).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Object {
    ConfigMap(Box<ConfigMap>),
    Secret(Box<Secret>),
    PersistentVolumeClaim(Box<PersistentVolumeClaim>),
    Service(Box<Service>),
    Deployment(Box<Deployment>),
    DaemonSet(Box<DaemonSet>),
    Job(Box<Job>),
    StatefulSet(Box<StatefulSet>),
    CronJob(Box<CronJob>),
    Ingress(Box<Ingress>),
    NetworkPolicy(Box<NetworkPolicy>),
    HorizontalPodAutoscaler(Box<HorizontalPodAutoscaler>),
    ScaledObject(Box<ScaledObject>),
}

impl Object {
    pub fn kind(&self) -> &'static str {
        match self {
            Object::ConfigMap(_) => "ConfigMap",
            Object::Secret(_) => "Secret",
            Object::PersistentVolumeClaim(_) => "PersistentVolumeClaim",
            Object::Service(_) => "Service",
            Object::Deployment(_) => "Deployment",
            Object::DaemonSet(_) => "DaemonSet",
            Object::Job(_) => "Job",
            Object::StatefulSet(_) => "StatefulSet",
            Object::CronJob(_) => "CronJob",
            Object::Ingress(_) => "Ingress",
            Object::NetworkPolicy(_) => "NetworkPolicy",
            Object::HorizontalPodAutoscaler(_) => "HorizontalPodAutoscaler",
            Object::ScaledObject(_) => "ScaledObject",
        }
    }

    pub fn name(&self) -> &str {
        let meta = match self {
            Object::ConfigMap(o) => &o.metadata,
            Object::Secret(o) => &o.metadata,
            Object::PersistentVolumeClaim(o) => &o.metadata,
            Object::Service(o) => &o.metadata,
            Object::Deployment(o) => &o.metadata,
            Object::DaemonSet(o) => &o.metadata,
            Object::Job(o) => &o.metadata,
            Object::StatefulSet(o) => &o.metadata,
            Object::CronJob(o) => &o.metadata,
            Object::Ingress(o) => &o.metadata,
            Object::NetworkPolicy(o) => &o.metadata,
            Object::HorizontalPodAutoscaler(o) => &o.metadata,
            Object::ScaledObject(o) => &o.metadata,
        };
        meta.name.as_deref().unwrap_or("")
    }

    /// Where the kind goes in a stream: what others depend on comes first, as `kubectl apply`
    /// and Helm order them.
    pub fn kind_rank(&self) -> u8 {
        match self {
            Object::ConfigMap(_) => 2,
            Object::Secret(_) => 3,
            Object::PersistentVolumeClaim(_) => 4,
            // Before the pods they select, so no pod starts unprotected.
            Object::NetworkPolicy(_) => 6,
            Object::Service(_) => 10,
            Object::Deployment(_) => 20,
            Object::DaemonSet(_) => 21,
            Object::StatefulSet(_) => 22,
            Object::Job(_) => 30,
            Object::CronJob(_) => 31,
            // Routes and scalers name the Service or workload they act on.
            Object::Ingress(_) => 40,
            Object::HorizontalPodAutoscaler(_) => 50,
            Object::ScaledObject(_) => 51,
        }
    }
}
