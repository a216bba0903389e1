//! `services.<name>.x-kubernetes`: how one service becomes Kubernetes objects.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use super::autoscaling::Autoscaling;
use super::diagnostics::ServiceDiagnostics;
use super::enums::{
    AccessMode, BindVolumeType, ConcurrencyPolicy, ExternalTrafficPolicy, PathType, ServiceType,
    StrategyType, WorkloadKind,
};
use super::external::External;
use super::kube::{KubeAffinity, KubeToleration};
use super::probes::Probes;
use crate::yaml::Spanned;

/// Kubernetes settings of one service. Every key is optional; what is not set is derived from
/// the Compose service.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields, title = "x-kubernetes (service)")]
pub struct ServiceExtension {
    /// The workload kind. Default: Deployment; DaemonSet for `deploy.mode: global`; Job for a
    /// one-shot service nothing connects to.
    pub kind: Option<Spanned<WorkloadKind>>,
    /// The CronJob schedule in cron syntax (`"0 3 * * *"`); only with `kind: CronJob`.
    pub schedule: Option<Spanned<String>>,
    /// Pods of a Deployment or StatefulSet; replaces `deploy.replicas`. Not with `autoscaling`.
    #[schemars(range(min = 0))]
    pub replicas: Option<Spanned<i32>>,
    /// The Kubernetes Service in front of the workload (generated when the service has ports).
    pub service: Option<Spanned<ServiceSettings>>,
    /// An Ingress routing HTTP traffic for a host and path to the service.
    pub ingress: Option<Spanned<IngressSettings>>,
    /// Probes that replace (or re-time) the ones derived from `healthcheck`.
    pub probes: Option<Spanned<Probes>>,
    /// Container resource requests and limits, replacing `deploy.resources` per resource.
    pub resources: Option<Spanned<ResourceSettings>>,
    /// GPUs for the container, replacing GPU reservations of `deploy.resources` and `gpus`.
    pub gpu: Option<Spanned<Gpu>>,
    /// Node labels the pod must run on.
    pub node_selector: Option<Spanned<BTreeMap<String, String>>>,
    /// Taints the pod tolerates (Kubernetes Toleration objects).
    pub tolerations: Option<Spanned<Vec<Spanned<KubeToleration>>>>,
    /// Node and pod (anti-)affinity, as in a pod spec.
    pub affinity: Option<Spanned<KubeAffinity>>,
    /// The RuntimeClass of the pod (e.g. `nvidia`).
    pub runtime_class_name: Option<Spanned<String>>,
    /// The ServiceAccount the pod runs as.
    pub service_account_name: Option<Spanned<String>>,
    /// Names of Secrets holding registry credentials for pulling the image.
    pub image_pull_secrets: Option<Spanned<Vec<Spanned<String>>>>,
    /// Annotations on the workload and its pod template.
    pub annotations: Option<Spanned<BTreeMap<String, String>>>,
    /// Labels on every object of this service and on its pods (never on selectors).
    pub labels: Option<Spanned<BTreeMap<String, String>>>,
    /// How a Deployment replaces its pods; replaces `deploy.update_config`.
    pub strategy: Option<Spanned<Strategy>>,
    /// Settings of a Job or CronJob.
    pub job: Option<Spanned<JobSettings>>,
    /// What each bind mount becomes, keyed by the host path as written in `volumes`
    /// (e.g. `./models`).
    pub volumes: Option<Spanned<IndexMap<String, Spanned<BindMapping>>>>,
    /// Autoscaling: a KEDA ScaledObject when `triggers` are given, else a HorizontalPodAutoscaler
    /// on `cpu`/`memory` utilisation.
    pub autoscaling: Option<Spanned<Autoscaling>>,
    /// Whether `service_healthy` dependencies get init containers that wait (default: the
    /// command line's choice, on unless `--no-dependency-waits`).
    pub wait_for_dependencies: Option<Spanned<bool>>,
    /// Diagnostics to drop inside this service's definition (warnings and notes only).
    pub diagnostics: Option<Spanned<ServiceDiagnostics>>,
    /// Where the cluster reaches this service while it stays on Compose: used when the service
    /// is left out of the conversion (`--services … --no-deps`) and a converted service refers to
    /// it, which then gets an ExternalName Service of this service's name.
    pub external: Option<Spanned<External>>,
}

/// The Kubernetes Service of the workload.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct ServiceSettings {
    /// `ClusterIP` (default), `NodePort`, `LoadBalancer`, or `None` for a headless Service.
    #[serde(rename = "type")]
    pub type_: Option<Spanned<ServiceType>>,
    /// Annotations on the Service (e.g. for a cloud load balancer).
    pub annotations: Option<Spanned<BTreeMap<String, String>>>,
    /// Fixed node ports of a NodePort or LoadBalancer Service: Service port → node port
    /// (30000–32767).
    pub node_ports: Option<Spanned<BTreeMap<u16, Spanned<u16>>>>,
    /// NodePort and LoadBalancer: `Local` keeps the client's address and routes only to nodes
    /// running a pod; `Cluster` (Kubernetes' default) routes through any node.
    pub external_traffic_policy: Option<Spanned<ExternalTrafficPolicy>>,
}

/// An Ingress for the service.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct IngressSettings {
    /// The host name the Ingress answers for; every host when unset.
    pub host: Option<Spanned<String>>,
    /// The path routed to the service (default `/`).
    pub path: Option<Spanned<String>>,
    /// How `path` matches (default `Prefix`).
    pub path_type: Option<Spanned<PathType>>,
    /// The Service port to route to (default: the Service's first port).
    pub port: Option<Spanned<u16>>,
    /// TLS for `host`, with the certificate in a Secret.
    pub tls: Option<Spanned<Tls>>,
    /// The IngressClass (default: the top-level `ingressClass`, else the cluster's default).
    pub class_name: Option<Spanned<String>>,
    /// Annotations on the Ingress (e.g. for the controller or cert-manager).
    pub annotations: Option<Spanned<BTreeMap<String, String>>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct Tls {
    /// The Secret (type kubernetes.io/tls) holding the certificate and key.
    pub secret_name: Spanned<String>,
}

/// Requests and limits by resource name (`cpu`, `memory`, or an extended resource such as
/// `nvidia.com/gpu`), as Kubernetes quantities (`500m`, `2`, `512Mi`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct ResourceSettings {
    pub requests: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
    pub limits: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
}

/// GPUs requested (and limited alike, as Kubernetes requires for extended resources).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct Gpu {
    /// How many GPUs (default 1).
    #[schemars(range(min = 1))]
    pub count: Option<Spanned<u32>>,
    /// The device plugin's resource name (default `nvidia.com/gpu`; `amd.com/gpu`, …).
    pub resource: Option<Spanned<String>>,
}

/// A Deployment's update strategy.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct Strategy {
    /// `RollingUpdate` (default) or `Recreate` (stop all old pods first).
    #[serde(rename = "type")]
    pub type_: Option<Spanned<StrategyType>>,
    /// Pods created above the desired count during a rolling update (whole pods).
    #[schemars(range(min = 0))]
    pub max_surge: Option<Spanned<i32>>,
    /// Pods that may be unavailable during a rolling update (whole pods).
    #[schemars(range(min = 0))]
    pub max_unavailable: Option<Spanned<i32>>,
    /// Seconds a new pod must be ready before it counts as available.
    #[schemars(range(min = 0))]
    pub min_ready_seconds: Option<Spanned<i32>>,
}

/// Settings of a Job (and of the Jobs a CronJob creates).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct JobSettings {
    /// Retries before the Job fails; replaces the count from `restart: on-failure:N`.
    #[schemars(range(min = 0))]
    pub backoff_limit: Option<Spanned<i32>>,
    /// Seconds after which a finished Job is deleted.
    #[schemars(range(min = 0))]
    pub ttl_seconds_after_finished: Option<Spanned<i32>>,
    /// Seconds the Job may run before it is stopped.
    #[schemars(range(min = 1))]
    pub active_deadline_seconds: Option<Spanned<i64>>,
    /// CronJob: `Allow` (default) runs overlapping Jobs, `Forbid` skips a run while the last
    /// still runs, `Replace` stops the last run for the new one.
    pub concurrency_policy: Option<Spanned<ConcurrencyPolicy>>,
}

/// What one bind mount becomes.
#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct BindMapping {
    /// `persistentVolumeClaim`, `hostPath`, `emptyDir` or `configMap`.
    #[serde(rename = "type")]
    pub type_: Spanned<BindVolumeType>,
    /// persistentVolumeClaim: the claim's name. With `size` the claim is generated; without, an
    /// existing claim is mounted. Default: `<service>-<directory>`.
    #[serde(default)]
    pub claim_name: Option<Spanned<String>>,
    /// persistentVolumeClaim: the size of the generated claim (`10Gi`).
    #[serde(default)]
    #[schemars(pattern(
        r"^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$"
    ))]
    pub size: Option<Spanned<String>>,
    /// persistentVolumeClaim: access modes of the generated claim (default `ReadWriteOnce`).
    #[serde(default)]
    pub access_modes: Option<Spanned<Vec<AccessMode>>>,
    /// persistentVolumeClaim: the storage class of the generated claim.
    #[serde(default)]
    pub storage_class: Option<Spanned<String>>,
    /// hostPath: the path on the node (default: the host path, when absolute).
    #[serde(default)]
    pub path: Option<Spanned<String>>,
    /// configMap: the ConfigMap's name (default `<service>-<directory>`); it is referenced, not
    /// generated.
    #[serde(default)]
    pub name: Option<Spanned<String>>,
}
