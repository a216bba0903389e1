//! KEDA's `ScaledObject` (keda.sh/v1alpha1), written by hand after the CRD of KEDA v2.20: the
//! fields compose2k8s fills, in the CRD's names. Keys serialise in alphabetical order, as
//! k8s-openapi's own types do, with `apiVersion` and `kind` first.

use std::collections::BTreeMap;

use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscalerBehavior;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::{Serialize, Serializer};

use super::{labels, Object};
use crate::ir::{Autoscaling, Keda, Migration, Workload, WorkloadKind};

#[derive(Clone, Debug, PartialEq)]
pub struct ScaledObject {
    pub metadata: ObjectMeta,
    pub spec: ScaledObjectSpec,
}

impl k8s_openapi::Resource for ScaledObject {
    const API_VERSION: &'static str = "keda.sh/v1alpha1";
    const GROUP: &'static str = "keda.sh";
    const KIND: &'static str = "ScaledObject";
    const VERSION: &'static str = "v1alpha1";
    const URL_PATH_SEGMENT: &'static str = "scaledobjects";
    type Scope = k8s_openapi::NamespaceResourceScope;
}

impl k8s_openapi::Metadata for ScaledObject {
    type Ty = ObjectMeta;

    fn metadata(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn metadata_mut(&mut self) -> &mut ObjectMeta {
        &mut self.metadata
    }
}

impl Serialize for ScaledObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use k8s_openapi::Resource;
        use serde::ser::SerializeStruct;
        let mut state = s.serialize_struct(Self::KIND, 4)?;
        state.serialize_field("apiVersion", Self::API_VERSION)?;
        state.serialize_field("kind", Self::KIND)?;
        state.serialize_field("metadata", &self.metadata)?;
        state.serialize_field("spec", &self.spec)?;
        state.end()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScaledObjectSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advanced: Option<AdvancedConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cooldown_period: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback: Option<Fallback>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idle_replica_count: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_cooldown_period: Option<i32>,
    pub max_replica_count: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_replica_count: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub polling_interval: Option<i32>,
    pub scale_target_ref: ScaleTarget,
    pub triggers: Vec<ScaleTrigger>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdvancedConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub horizontal_pod_autoscaler_config: Option<HorizontalPodAutoscalerConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restore_to_original_replica_count: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scaling_modifiers: Option<ScalingModifiers>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HorizontalPodAutoscalerConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub behavior: Option<HorizontalPodAutoscalerBehavior>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScalingModifiers {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation_target: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fallback {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub behavior: Option<String>,
    pub failure_threshold: i32,
    pub replicas: i32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScaleTarget {
    pub api_version: String,
    pub kind: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScaleTrigger {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authentication_ref: Option<AuthenticationRef>,
    pub metadata: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub type_: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_cached_metrics: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticationRef {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub name: String,
}

/// The ScaledObject that scales `w` as `k` says.
pub fn scaled_object(m: &Migration, w: &Workload, a: &Autoscaling, k: &Keda) -> Object {
    let advanced = AdvancedConfig {
        horizontal_pod_autoscaler_config: (k.hpa_name.is_some() || k.behavior.is_some()).then(
            || HorizontalPodAutoscalerConfig {
                behavior: k.behavior.clone(),
                name: k.hpa_name.clone(),
            },
        ),
        restore_to_original_replica_count: k.restore_to_original_replica_count,
        scaling_modifiers: k.scaling_modifiers.as_ref().map(|s| ScalingModifiers {
            activation_target: s.activation_target.clone(),
            formula: s.formula.clone(),
            metric_type: s.metric_type.clone(),
            target: s.target.clone(),
        }),
    };
    let spec = ScaledObjectSpec {
        advanced: (advanced != AdvancedConfig::default()).then_some(advanced),
        cooldown_period: k.cooldown_period,
        fallback: k.fallback.as_ref().map(|f| Fallback {
            behavior: f.behavior.clone(),
            failure_threshold: f.failure_threshold,
            replicas: f.replicas,
        }),
        idle_replica_count: k.idle_replicas,
        initial_cooldown_period: k.initial_cooldown_period,
        max_replica_count: a.max_replicas,
        min_replica_count: a.min_replicas,
        polling_interval: k.polling_interval,
        scale_target_ref: target(w),
        triggers: k
            .triggers
            .iter()
            .map(|t| ScaleTrigger {
                authentication_ref: t.authentication_ref.as_ref().map(|(name, kind)| {
                    AuthenticationRef {
                        kind: kind.clone(),
                        name: name.clone(),
                    }
                }),
                metadata: t.metadata.clone(),
                metric_type: t.metric_type.clone(),
                name: t.name.clone(),
                type_: t.type_.clone(),
                use_cached_metrics: t.use_cached_metrics,
            })
            .collect(),
    };
    Object::ScaledObject(Box::new(ScaledObject {
        metadata: ObjectMeta {
            name: Some(w.name.clone()),
            namespace: m.namespace.clone(),
            labels: Some(labels::common(m, w)),
            ..Default::default()
        },
        spec,
    }))
}

/// The workload a scaler scales.
pub fn target(w: &Workload) -> ScaleTarget {
    ScaleTarget {
        api_version: "apps/v1".into(),
        kind: match w.kind {
            WorkloadKind::StatefulSet => "StatefulSet",
            _ => "Deployment",
        }
        .into(),
        name: w.name.clone(),
    }
}
