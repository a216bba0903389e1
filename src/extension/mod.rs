//! The `x-kubernetes` extension: what a Compose file says about its Kubernetes form that Compose
//! itself cannot say (workload kind, Service type, Ingress, probes, scheduling, autoscaling,
//! claim sizes…), at three levels: the top level (project defaults), each service, and each
//! named volume.
//!
//! The blocks are typed here (serde for reading, schemars for the JSON Schema), read by
//! `compose::ast` with our located deserializer ([`read`]), checked on their own ([`check`]),
//! and lowered by `plan::extension` and `plan::autoscaling`.

mod autoscaling;
pub mod check;
pub mod diagnostics;
mod enums;
mod external;
mod kube;
mod probes;
mod project;
pub mod quantity;
pub mod read;
pub mod schema;
mod service;
#[cfg(test)]
mod tests;
mod triggers;
mod volume;

pub use autoscaling::{
    Advanced, AuthenticationRef, Autoscaling, Fallback, HpaConfig, ResourceTarget,
    ScalingModifiers, Trigger,
};
pub use diagnostics::{file_policy, ProjectDiagnostics, ServiceDiagnostics};
pub use enums::{
    AccessMode, AuthenticationKind, BindVolumeType, ConcurrencyPolicy, ExternalTrafficPolicy,
    FallbackBehavior, MetricType, PathType, Scheme, ServiceType, StrategyType, WorkloadKind,
};
pub use external::External;
pub use kube::{KubeAffinity, KubeScalingBehavior, KubeToleration};
pub use probes::{Exec, HttpGet, ProbeSpec, Probes, TcpSocket};
pub use project::{with_registry, ProjectExtension};
pub use service::{
    BindMapping, Gpu, IngressSettings, JobSettings, ResourceSettings, ServiceExtension,
    ServiceSettings, Strategy, Tls,
};
pub use volume::VolumeExtension;
