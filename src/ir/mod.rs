//! The migration IR: what each Compose service means for Kubernetes, before any Kubernetes type
//! is chosen. `plan` builds it from the AST; `k8s` reads only this. Every fact carries the span of
//! the Compose text it came from, so later stages can still point at the user's file.

mod container;
mod exposure;
mod external_name;
mod network;
mod probe;
mod publishing;
mod resources;
mod scaling;
mod scheduling;
mod security;
mod storage;
mod workload;

pub use container::{Container, ContainerPort, EnvValue, EnvVar, Protocol};
pub use exposure::{Exposure, ServicePort};
pub use external_name::ExternalName;
pub use network::{Isolation, Network, OpenPort, Path, Wait};
pub use probe::{Probe, ProbeAction, Probes};
pub use publishing::{Ingress, Publishing, ServiceType};
pub use resources::Resources;
pub use scaling::{
    Autoscaling, Keda, KedaFallback, KedaScalingModifiers, KedaTrigger, ResourceTarget, Scaler,
};
pub use scheduling::Scheduling;
pub use security::{PodSettings, Profile, SeLinux, Security, Toleration};
pub use storage::{Claim, ConfigData, KeyToPath, PodVolume, SecretData, VolumeMount, VolumeSource};
pub use workload::{JobSettings, Rollout, Workload, WorkloadKind};

pub use crate::yaml::Spanned as Fact;

/// The whole project as Kubernetes will see it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Migration {
    /// The Compose project name (already a valid label value).
    pub project: String,
    pub namespace: Option<String>,
    pub workloads: Vec<Workload>,
    /// PersistentVolumeClaims for the named volumes the workloads use.
    pub claims: Vec<Fact<Claim>>,
    /// ConfigMaps for the Compose `configs` the workloads use.
    pub config_maps: Vec<Fact<ConfigData>>,
    /// Secrets written with their data (`--embed-secrets` only).
    pub secrets: Vec<Fact<SecretData>>,
    /// Services left on Compose that converted services reach through an ExternalName Service.
    pub external_names: Vec<ExternalName>,
    /// The Compose networks that get a NetworkPolicy (`--network-policies`); empty without it.
    pub networks: Vec<Fact<Network>>,
    /// Labels on every object and pod (top-level `x-kubernetes.labels`).
    pub labels: std::collections::BTreeMap<String, String>,
    /// Annotations on every object (top-level `x-kubernetes.annotations`).
    pub annotations: std::collections::BTreeMap<String, String>,
}
