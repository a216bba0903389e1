//! Kubernetes objects written inside the extension as they are in a manifest (`tolerations`,
//! `affinity`, the HPA `behavior`). They are read into k8s-openapi's types, whose
//! deserializers name their fields, so our reader still reports unknown keys with a "did you
//! mean". The schemas are written here: k8s-openapi's own are behind a feature this crate does not
//! build.

use std::borrow::Cow;

use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscalerBehavior;
use k8s_openapi::api::core::v1::{Affinity, Toleration};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;

/// A core/v1 Toleration.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct KubeToleration(pub Toleration);

impl JsonSchema for KubeToleration {
    fn schema_name() -> Cow<'static, str> {
        "Toleration".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A Kubernetes core/v1 Toleration: the pod may run on nodes with a matching taint.",
            "type": "object",
            "properties": {
                "key": { "type": "string", "description": "The taint key; empty with `operator: Exists` matches every taint." },
                "operator": { "type": "string", "enum": ["Exists", "Equal"] },
                "value": { "type": "string" },
                "effect": { "type": "string", "enum": ["NoSchedule", "PreferNoSchedule", "NoExecute"] },
                "tolerationSeconds": { "type": "integer" }
            },
            "additionalProperties": false
        })
    }
}

/// A core/v1 Affinity, as in a pod spec.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct KubeAffinity(pub Affinity);

impl JsonSchema for KubeAffinity {
    fn schema_name() -> Cow<'static, str> {
        "Affinity".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A Kubernetes core/v1 Affinity, written as in a pod spec (nodeAffinity, podAffinity, podAntiAffinity).",
            "type": "object",
            "properties": {
                "nodeAffinity": { "type": "object" },
                "podAffinity": { "type": "object" },
                "podAntiAffinity": { "type": "object" }
            },
            "additionalProperties": false
        })
    }
}

/// An autoscaling/v2 HorizontalPodAutoscalerBehavior (also KEDA's
/// `advanced.horizontalPodAutoscalerConfig.behavior`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct KubeScalingBehavior(pub HorizontalPodAutoscalerBehavior);

impl JsonSchema for KubeScalingBehavior {
    fn schema_name() -> Cow<'static, str> {
        "ScalingBehavior".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let rules = json_schema!({
            "type": "object",
            "properties": {
                "stabilizationWindowSeconds": { "type": "integer", "minimum": 0, "maximum": 3600 },
                "selectPolicy": { "type": "string", "enum": ["Max", "Min", "Disabled"] },
                "tolerance": { "type": ["string", "number"] },
                "policies": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "type": { "type": "string", "enum": ["Pods", "Percent"] },
                            "value": { "type": "integer", "minimum": 1 },
                            "periodSeconds": { "type": "integer", "minimum": 1, "maximum": 1800 }
                        },
                        "required": ["type", "value", "periodSeconds"],
                        "additionalProperties": false
                    }
                }
            },
            "additionalProperties": false
        });
        json_schema!({
            "description": "How fast to scale up and down (autoscaling/v2 HorizontalPodAutoscalerBehavior).",
            "type": "object",
            "properties": { "scaleUp": rules.clone(), "scaleDown": rules },
            "additionalProperties": false
        })
    }
}
