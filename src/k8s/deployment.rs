use k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetSpec, Deployment, DeploymentSpec, DeploymentStrategy,
    RollingUpdateDeployment,
};
use k8s_openapi::api::batch::v1::{Job, JobSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{labels, pod, Object};
use crate::ir::{Migration, Rollout, Workload, WorkloadKind};

pub(super) fn metadata(m: &Migration, w: &Workload) -> ObjectMeta {
    ObjectMeta {
        name: Some(w.name.clone()),
        namespace: m.namespace.clone(),
        labels: Some(labels::common(m, w)),
        annotations: (!w.annotations.is_empty()).then(|| w.annotations.clone()),
        ..Default::default()
    }
}

pub(super) fn selector(m: &Migration, w: &Workload) -> LabelSelector {
    LabelSelector {
        match_labels: Some(labels::selector(m, w)),
        ..Default::default()
    }
}

/// The workload object of the kind the plan chose.
pub fn workload(m: &Migration, w: &Workload) -> Object {
    match &w.kind {
        WorkloadKind::Deployment => deployment(m, w),
        WorkloadKind::StatefulSet => super::statefulset::statefulset(m, w),
        WorkloadKind::CronJob {
            schedule,
            backoff_limit,
        } => super::cronjob::cronjob(m, w, schedule, *backoff_limit),
        WorkloadKind::DaemonSet => Object::DaemonSet(Box::new(DaemonSet {
            metadata: metadata(m, w),
            spec: Some(DaemonSetSpec {
                selector: selector(m, w),
                template: pod::template(m, w),
                ..Default::default()
            }),
            status: None,
        })),
        &WorkloadKind::Job { backoff_limit } => {
            let mut template = pod::template(m, w);
            if let Some(spec) = template.spec.as_mut() {
                // Retries restart the container in place, as Docker's on-failure does.
                spec.restart_policy = Some(
                    if backoff_limit > 0 {
                        "OnFailure"
                    } else {
                        "Never"
                    }
                    .to_string(),
                );
            }
            Object::Job(Box::new(Job {
                metadata: metadata(m, w),
                spec: Some(JobSpec {
                    backoff_limit: Some(backoff_limit),
                    template,
                    ..Default::default()
                }),
                status: None,
            }))
        }
    }
}

fn deployment(m: &Migration, w: &Workload) -> Object {
    let (strategy, min_ready_seconds) = match w.rollout.as_ref().map(|r| r.value) {
        None => (None, None),
        Some(Rollout::Recreate) => (
            Some(DeploymentStrategy {
                type_: Some("Recreate".into()),
                rolling_update: None,
            }),
            None,
        ),
        Some(Rollout::RollingUpdate {
            max_surge,
            max_unavailable,
            min_ready_seconds,
        }) => (
            Some(DeploymentStrategy {
                type_: Some("RollingUpdate".into()),
                rolling_update: Some(RollingUpdateDeployment {
                    max_surge: Some(IntOrString::Int(max_surge)),
                    max_unavailable: Some(IntOrString::Int(max_unavailable)),
                }),
            }),
            min_ready_seconds,
        ),
    };
    Object::Deployment(Box::new(Deployment {
        metadata: metadata(m, w),
        spec: Some(DeploymentSpec {
            replicas: w.replicas.as_ref().map(|r| r.value),
            selector: selector(m, w),
            strategy,
            min_ready_seconds,
            template: pod::template(m, w),
            ..Default::default()
        }),
        status: None,
    }))
}
