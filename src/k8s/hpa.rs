//! The autoscaling/v2 HorizontalPodAutoscaler on CPU and memory: utilisation or an average amount.

use k8s_openapi::api::autoscaling::v2::{
    CrossVersionObjectReference, HorizontalPodAutoscaler, HorizontalPodAutoscalerBehavior,
    HorizontalPodAutoscalerSpec, MetricSpec, MetricTarget, ResourceMetricSource,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::{keda, labels, Object};
use crate::ir::{Autoscaling, Migration, ResourceTarget, Workload};

pub fn hpa(
    m: &Migration,
    w: &Workload,
    a: &Autoscaling,
    cpu: Option<&ResourceTarget>,
    memory: Option<&ResourceTarget>,
    behavior: Option<&HorizontalPodAutoscalerBehavior>,
) -> Object {
    let metric = |name: &str, target: &ResourceTarget| MetricSpec {
        type_: "Resource".into(),
        resource: Some(ResourceMetricSource {
            name: name.into(),
            target: match target {
                ResourceTarget::Utilization(percent) => MetricTarget {
                    type_: "Utilization".into(),
                    average_utilization: Some(*percent),
                    ..Default::default()
                },
                ResourceTarget::AverageValue(amount) => MetricTarget {
                    type_: "AverageValue".into(),
                    average_value: Some(Quantity(amount.clone())),
                    ..Default::default()
                },
            },
        }),
        ..Default::default()
    };
    let metrics: Vec<MetricSpec> = [("cpu", cpu), ("memory", memory)]
        .into_iter()
        .filter_map(|(name, target)| target.map(|t| metric(name, t)))
        .collect();
    let target = keda::target(w);
    Object::HorizontalPodAutoscaler(Box::new(HorizontalPodAutoscaler {
        metadata: ObjectMeta {
            name: Some(w.name.clone()),
            namespace: m.namespace.clone(),
            labels: Some(labels::common(m, w)),
            ..Default::default()
        },
        spec: Some(HorizontalPodAutoscalerSpec {
            scale_target_ref: CrossVersionObjectReference {
                api_version: Some(target.api_version),
                kind: target.kind,
                name: target.name,
            },
            min_replicas: a.min_replicas,
            max_replicas: a.max_replicas,
            metrics: (!metrics.is_empty()).then_some(metrics),
            behavior: behavior.cloned(),
        }),
        status: None,
    }))
}
