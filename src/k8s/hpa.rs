//! The autoscaling/v2 HorizontalPodAutoscaler for CPU and memory utilisation.

use k8s_openapi::api::autoscaling::v2::{
    CrossVersionObjectReference, HorizontalPodAutoscaler, HorizontalPodAutoscalerBehavior,
    HorizontalPodAutoscalerSpec, MetricSpec, MetricTarget, ResourceMetricSource,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::{keda, labels, Object};
use crate::ir::{Autoscaling, Migration, Workload};

pub fn hpa(
    m: &Migration,
    w: &Workload,
    a: &Autoscaling,
    cpu: Option<i32>,
    memory: Option<i32>,
    behavior: Option<&HorizontalPodAutoscalerBehavior>,
) -> Object {
    let metric = |name: &str, percent: i32| MetricSpec {
        type_: "Resource".into(),
        resource: Some(ResourceMetricSource {
            name: name.into(),
            target: MetricTarget {
                type_: "Utilization".into(),
                average_utilization: Some(percent),
                ..Default::default()
            },
        }),
        ..Default::default()
    };
    let metrics: Vec<MetricSpec> = [("cpu", cpu), ("memory", memory)]
        .into_iter()
        .filter_map(|(name, percent)| percent.map(|p| metric(name, p)))
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
