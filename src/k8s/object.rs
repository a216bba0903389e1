use k8s_openapi::api::apps::v1::{DaemonSet, Deployment};
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, PersistentVolumeClaim, Service};
use serde::Serialize;

/// One emitted Kubernetes object. Serialises as the object itself (apiVersion and kind first).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Object {
    ConfigMap(Box<ConfigMap>),
    PersistentVolumeClaim(Box<PersistentVolumeClaim>),
    Service(Box<Service>),
    Deployment(Box<Deployment>),
    DaemonSet(Box<DaemonSet>),
    Job(Box<Job>),
}

impl Object {
    pub fn kind(&self) -> &'static str {
        match self {
            Object::ConfigMap(_) => "ConfigMap",
            Object::PersistentVolumeClaim(_) => "PersistentVolumeClaim",
            Object::Service(_) => "Service",
            Object::Deployment(_) => "Deployment",
            Object::DaemonSet(_) => "DaemonSet",
            Object::Job(_) => "Job",
        }
    }

    pub fn name(&self) -> &str {
        let meta = match self {
            Object::ConfigMap(o) => &o.metadata,
            Object::PersistentVolumeClaim(o) => &o.metadata,
            Object::Service(o) => &o.metadata,
            Object::Deployment(o) => &o.metadata,
            Object::DaemonSet(o) => &o.metadata,
            Object::Job(o) => &o.metadata,
        };
        meta.name.as_deref().unwrap_or("")
    }

    /// Where the kind goes in a stream: what others depend on comes first, as `kubectl apply`
    /// and Helm order them.
    pub fn kind_rank(&self) -> u8 {
        match self {
            Object::ConfigMap(_) => 2,
            Object::PersistentVolumeClaim(_) => 4,
            Object::Service(_) => 10,
            Object::Deployment(_) => 20,
            Object::DaemonSet(_) => 21,
            Object::Job(_) => 30,
        }
    }
}
