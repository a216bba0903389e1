use std::collections::BTreeMap;

use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscalerBehavior;

/// How the replica count of a workload follows load.
#[derive(Clone, Debug, PartialEq)]
pub struct Autoscaling {
    /// `None` leaves the scaler's default (1 for an HPA, 0 for KEDA).
    pub min_replicas: Option<i32>,
    pub max_replicas: i32,
    pub scaler: Scaler,
}

/// The average a HorizontalPodAutoscaler keeps a resource at, per pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourceTarget {
    /// In percent of the requests.
    Utilization(i32),
    /// An amount, a Kubernetes quantity (`500m`, `512Mi`).
    AverageValue(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Scaler {
    /// An autoscaling/v2 HorizontalPodAutoscaler on CPU and memory.
    Hpa {
        cpu: Option<ResourceTarget>,
        memory: Option<ResourceTarget>,
        behavior: Option<HorizontalPodAutoscalerBehavior>,
    },
    /// A KEDA ScaledObject.
    Keda(Keda),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Keda {
    pub polling_interval: Option<i32>,
    pub cooldown_period: Option<i32>,
    pub initial_cooldown_period: Option<i32>,
    pub idle_replicas: Option<i32>,
    pub fallback: Option<KedaFallback>,
    pub restore_to_original_replica_count: Option<bool>,
    /// The name of the HPA KEDA creates.
    pub hpa_name: Option<String>,
    pub behavior: Option<HorizontalPodAutoscalerBehavior>,
    pub scaling_modifiers: Option<KedaScalingModifiers>,
    pub triggers: Vec<KedaTrigger>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct KedaFallback {
    pub failure_threshold: i32,
    pub replicas: i32,
    pub behavior: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct KedaScalingModifiers {
    pub formula: Option<String>,
    pub target: Option<String>,
    pub activation_target: Option<String>,
    pub metric_type: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct KedaTrigger {
    pub type_: String,
    pub name: Option<String>,
    pub metadata: BTreeMap<String, String>,
    pub metric_type: Option<String>,
    pub use_cached_metrics: Option<bool>,
    /// The TriggerAuthentication's name and kind.
    pub authentication_ref: Option<(String, Option<String>)>,
}
