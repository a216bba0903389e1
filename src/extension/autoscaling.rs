//! `x-kubernetes.autoscaling`: a KEDA ScaledObject (when `triggers` are given) or an
//! autoscaling/v2 HorizontalPodAutoscaler (on CPU and memory: utilisation or an average amount).

use std::borrow::Cow;
use std::fmt;

use indexmap::IndexMap;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use super::enums::{AuthenticationKind, FallbackBehavior, MetricType};
use super::kube::KubeScalingBehavior;
use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct Autoscaling {
    /// The fewest pods (default 1). KEDA may scale to zero with `minReplicas: 0`.
    #[schemars(range(min = 0))]
    pub min_replicas: Option<Spanned<i32>>,
    /// The most pods. Required.
    #[schemars(range(min = 1))]
    pub max_replicas: Option<Spanned<i32>>,
    /// Target average CPU: utilisation in percent of the requests (`70`), or an amount per pod
    /// (`500m`).
    pub cpu: Option<Spanned<ResourceTarget>>,
    /// Target average memory: utilisation in percent of the requests (`80`), or an amount per
    /// pod (`512Mi`).
    pub memory: Option<Spanned<ResourceTarget>>,
    /// KEDA: seconds between checks of each trigger (KEDA's default 30).
    #[schemars(range(min = 1))]
    pub polling_interval: Option<Spanned<i32>>,
    /// KEDA: seconds after the last active trigger before scaling to `minReplicas` 0 (default 300).
    #[schemars(range(min = 0))]
    pub cooldown_period: Option<Spanned<i32>>,
    /// KEDA: seconds after creation before the first scale to zero.
    #[schemars(range(min = 0))]
    pub initial_cooldown_period: Option<Spanned<i32>>,
    /// KEDA: pods while no trigger is active (below `minReplicas`, usually 0).
    #[schemars(range(min = 0))]
    pub idle_replicas: Option<Spanned<i32>>,
    /// KEDA: the replica count to hold while a scaler keeps failing.
    pub fallback: Option<Spanned<Fallback>>,
    /// KEDA: settings of the HorizontalPodAutoscaler KEDA creates, and more.
    pub advanced: Option<Spanned<Advanced>>,
    /// KEDA triggers (scalers), written as in a ScaledObject.
    pub triggers: Option<Spanned<Vec<Spanned<Trigger>>>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct Fallback {
    #[schemars(range(min = 0))]
    pub failure_threshold: Spanned<i32>,
    #[schemars(range(min = 0))]
    pub replicas: Spanned<i32>,
    #[serde(default)]
    pub behavior: Option<Spanned<FallbackBehavior>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct Advanced {
    /// Scale back to the original replica count when the ScaledObject is deleted.
    pub restore_to_original_replica_count: Option<Spanned<bool>>,
    pub horizontal_pod_autoscaler_config: Option<Spanned<HpaConfig>>,
    pub scaling_modifiers: Option<Spanned<ScalingModifiers>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct HpaConfig {
    /// The name of the HorizontalPodAutoscaler KEDA creates (default `keda-hpa-<name>`).
    pub name: Option<Spanned<String>>,
    pub behavior: Option<Spanned<KubeScalingBehavior>>,
}

/// A formula over the triggers' metrics (triggers need a `name` to be used in it).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct ScalingModifiers {
    pub formula: Option<Spanned<String>>,
    pub target: Option<Spanned<String>>,
    pub activation_target: Option<Spanned<String>>,
    pub metric_type: Option<Spanned<MetricType>>,
}

/// One KEDA trigger. `metadata` values are strings (numbers are taken as written).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct Trigger {
    /// The scaler: `prometheus`, `cpu`, `memory`, `redis`, `rabbitmq`, `cron`, … (any KEDA
    /// scaler).
    #[serde(rename = "type")]
    pub type_: Spanned<String>,
    /// A name for the trigger, used by `scalingModifiers.formula`.
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    /// The scaler's settings.
    #[serde(default)]
    pub metadata: Option<Spanned<IndexMap<String, Spanned<String>>>>,
    /// `AverageValue` (KEDA's default), `Value`, or `Utilization` (cpu and memory only).
    #[serde(default)]
    pub metric_type: Option<Spanned<MetricType>>,
    #[serde(default)]
    pub use_cached_metrics: Option<Spanned<bool>>,
    /// A TriggerAuthentication holding the scaler's credentials.
    #[serde(default)]
    pub authentication_ref: Option<Spanned<AuthenticationRef>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct AuthenticationRef {
    pub name: Spanned<String>,
    #[serde(default)]
    pub kind: Option<Spanned<AuthenticationKind>>,
}

/// A CPU or memory target: a whole number (or `"70%"`) is a utilisation percentage of the
/// requests; a quantity with a unit (`500m`, `512Mi`) is an average amount per pod, which needs
/// no requests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourceTarget {
    Utilization(i32),
    AverageValue(String),
}

impl<'de> Deserialize<'de> for ResourceTarget {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ResourceTarget;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a utilisation percentage (`70`) or a quantity (`500m`, `512Mi`)")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<ResourceTarget, E> {
                i32::try_from(n)
                    .map(ResourceTarget::Utilization)
                    .map_err(|_| E::custom(format_args!("{n} percent is out of range")))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<ResourceTarget, E> {
                i32::try_from(n)
                    .map(ResourceTarget::Utilization)
                    .map_err(|_| E::custom(format_args!("{n} percent is out of range")))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<ResourceTarget, E> {
                ResourceTarget::parse(text).ok_or_else(|| {
                    E::custom(format_args!(
                        "`{text}` is neither a utilisation percentage (`70`) nor a quantity (`500m`, `512Mi`)"
                    ))
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl ResourceTarget {
    /// `70` and `70%` are utilisation; a quantity (`500m`, `512Mi`, `1e9`) is an average amount.
    /// A bare number is a percentage, as it was before amounts were accepted.
    pub fn parse(text: &str) -> Option<ResourceTarget> {
        let text = text.trim();
        let number = text.strip_suffix('%').unwrap_or(text).trim_end();
        if let Ok(n) = number.parse::<i32>() {
            return Some(ResourceTarget::Utilization(n));
        }
        super::quantity::parse(text).map(|_| ResourceTarget::AverageValue(text.to_string()))
    }
}

impl JsonSchema for ResourceTarget {
    fn schema_name() -> Cow<'static, str> {
        "ResourceTarget".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "oneOf": [
                { "type": "integer", "minimum": 1, "description": "Average utilisation in percent of the requests." },
                { "type": "string", "pattern": "^[0-9]+ *%?$", "description": "Average utilisation in percent of the requests." },
                {
                    "type": "string",
                    "pattern": "^\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)$",
                    "description": "Average amount per pod, a Kubernetes quantity (`500m`, `512Mi`)."
                }
            ]
        })
    }
}
