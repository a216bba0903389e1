use std::collections::BTreeMap;

use super::{
    Autoscaling, Claim, Container, Exposure, Fact, Isolation, PodSettings, PodVolume, Publishing,
    Scheduling,
};
use crate::source::Span;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum WorkloadKind {
    /// A long-running service: Compose's default.
    #[default]
    Deployment,
    /// One pod per node (`deploy.mode: global`).
    DaemonSet,
    /// A one-shot service that runs to completion.
    Job { backoff_limit: i32 },
    /// Pods with stable names and a claim each (`x-kubernetes.kind`).
    StatefulSet,
    /// A Job run on a schedule (`x-kubernetes.kind`).
    CronJob {
        schedule: String,
        backoff_limit: i32,
    },
}

/// Settings of a Job (and of a CronJob's Jobs) beyond the retry count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JobSettings {
    pub ttl_seconds_after_finished: Option<i32>,
    pub active_deadline_seconds: Option<i64>,
    /// CronJob only: `Allow`, `Forbid` or `Replace`; `None` leaves the default.
    pub concurrency_policy: Option<String>,
}

/// How a Deployment replaces its pods (`deploy.update_config`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rollout {
    RollingUpdate {
        max_surge: i32,
        max_unavailable: i32,
        min_ready_seconds: Option<i32>,
    },
    Recreate,
}

/// One Compose service: the pod it runs, how many, and how others reach it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workload {
    /// The Kubernetes name (DNS-1123 label) derived from the service name.
    pub name: String,
    /// The Compose service name as written.
    pub service: String,
    /// The service's key in the Compose file.
    pub origin: Span,
    pub kind: WorkloadKind,
    pub replicas: Option<Fact<i32>>,
    pub init_containers: Vec<Container>,
    pub containers: Vec<Container>,
    pub rollout: Option<Fact<Rollout>>,
    pub volumes: Vec<PodVolume>,
    pub pod: PodSettings,
    /// Compose `labels` and `annotations`, carried as annotations on the workload.
    pub annotations: BTreeMap<String, String>,
    /// How other pods reach this one by name; `None` when nothing needs to.
    pub exposure: Option<Exposure>,
    /// More names for `exposure` (Compose network and link aliases), each a Service of its own.
    pub aliases: Vec<Fact<String>>,
    /// The pods' NetworkPolicy isolation (`--network-policies`); `None`: not isolated.
    pub isolation: Option<Isolation>,
    /// Labels on every object of the workload and on its pods, never in selectors.
    pub labels: BTreeMap<String, String>,
    /// Annotations on the pod template.
    pub pod_annotations: BTreeMap<String, String>,
    pub scheduling: Scheduling,
    pub publishing: Publishing,
    /// `None`: the replica count is `replicas`.
    pub autoscaling: Option<Fact<Autoscaling>>,
    pub job: JobSettings,
    /// A StatefulSet's per-pod claims; the pod mounts them by name.
    pub claim_templates: Vec<Claim>,
}
