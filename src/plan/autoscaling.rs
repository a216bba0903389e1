//! `x-kubernetes.autoscaling` → the IR's [`Autoscaling`]: a KEDA ScaledObject when triggers are
//! given, else a HorizontalPodAutoscaler. The workload's own `replicas` is then left out, so that
//! a `kubectl apply` never resets what the scaler chose.

use super::extension::{kind_name, not_applicable, Findings};
use crate::compose::ast::Service;
use crate::diag::{Code, Diagnostic};
use crate::extension::{self as ext, MetricType, ServiceExtension, Trigger};
use crate::ir::{
    Autoscaling, Fact, Keda, KedaFallback, KedaScalingModifiers, KedaTrigger, ResourceTarget,
    Scaler, Workload, WorkloadKind,
};
use crate::source::Span;
use crate::yaml::Spanned;

pub fn apply(service: &Service, e: &ServiceExtension, w: &mut Workload, found: &mut Findings) {
    let Some(block) = &e.autoscaling else { return };
    let name = &service.name.value;
    if !matches!(w.kind, WorkloadKind::Deployment | WorkloadKind::StatefulSet) {
        found.push(not_applicable(
            block.span,
            format!(
                "`autoscaling` does not apply to `{name}`, a {}",
                kind_name(&w.kind)
            ),
            "only Deployments and StatefulSets are scaled; remove `autoscaling` or change `kind`",
        ));
        return;
    }
    let a = &block.value;
    // A missing `maxReplicas` was reported when the block was read.
    let Some(max) = &a.max_replicas else { return };
    let min = a.min_replicas.as_ref().map(|m| m.value);
    if let Some(replicas) = w.replicas.take() {
        let start = min.unwrap_or(if a.triggers.is_some() { 0 } else { 1 });
        if replicas.value != start {
            found.push(
                Diagnostic::new(
                    Code::ReplicasLeftToScaler,
                    format!(
                        "`{name}` asks for {} replicas, but its autoscaler starts from {start}",
                        replicas.value
                    ),
                )
                .at(
                    replicas.span,
                    "left out of the manifest: the scaler decides",
                )
                .also(
                    a.min_replicas.as_ref().map_or(block.span, |m| m.span),
                    "the scaler's minimum",
                )
                .help(
                    "make `minReplicas` the count you want at rest, and remove `deploy.replicas`",
                ),
            );
        }
    }
    let utilisation = utilization(&a.cpu).is_some()
        || utilization(&a.memory).is_some()
        || a.triggers.iter().flat_map(|t| t.value.iter()).any(|t| {
            matches!(t.value.type_.value.as_str(), "cpu" | "memory")
                && t.value.metric_type.as_ref().map(|m| m.value) == Some(MetricType::Utilization)
        });
    if utilisation {
        requests_warning(service, a, w, block.span, found);
    }
    let behavior = a
        .advanced
        .as_ref()
        .and_then(|adv| adv.value.horizontal_pod_autoscaler_config.as_ref())
        .and_then(|c| c.value.behavior.as_ref())
        .map(|b| b.value.0.clone());
    let scaler = match &a.triggers {
        None => Scaler::Hpa {
            cpu: a.cpu.as_ref().map(|c| target(&c.value)),
            memory: a.memory.as_ref().map(|c| target(&c.value)),
            behavior,
        },
        Some(triggers) => {
            let advanced = a.advanced.as_ref().map(|a| &a.value);
            let mut out: Vec<KedaTrigger> = Vec::new();
            // `cpu: 70` beside triggers is one more trigger, as an HPA target would be.
            for (ty, value) in [("cpu", &a.cpu), ("memory", &a.memory)] {
                if let Some(v) = value {
                    let (metric_type, value) = match &v.value {
                        ext::ResourceTarget::Utilization(p) => ("Utilization", p.to_string()),
                        ext::ResourceTarget::AverageValue(q) => ("AverageValue", q.clone()),
                    };
                    out.push(KedaTrigger {
                        type_: ty.to_string(),
                        metric_type: Some(metric_type.into()),
                        metadata: [("value".to_string(), value)].into(),
                        ..KedaTrigger::default()
                    });
                }
            }
            out.extend(triggers.value.iter().map(trigger));
            Scaler::Keda(Keda {
                polling_interval: a.polling_interval.as_ref().map(|v| v.value),
                cooldown_period: a.cooldown_period.as_ref().map(|v| v.value),
                initial_cooldown_period: a.initial_cooldown_period.as_ref().map(|v| v.value),
                idle_replicas: a.idle_replicas.as_ref().map(|v| v.value),
                fallback: a.fallback.as_ref().map(|f| KedaFallback {
                    failure_threshold: f.value.failure_threshold.value,
                    replicas: f.value.replicas.value,
                    behavior: f
                        .value
                        .behavior
                        .as_ref()
                        .map(|b| b.value.as_str().to_string()),
                }),
                restore_to_original_replica_count: advanced
                    .and_then(|a| a.restore_to_original_replica_count.as_ref())
                    .map(|v| v.value),
                hpa_name: advanced
                    .and_then(|a| a.horizontal_pod_autoscaler_config.as_ref())
                    .and_then(|c| c.value.name.as_ref())
                    .map(|n| n.value.clone()),
                behavior,
                scaling_modifiers: advanced
                    .and_then(|a| a.scaling_modifiers.as_ref())
                    .map(|m| {
                        let m = &m.value;
                        let text =
                            |v: &Option<Spanned<String>>| v.as_ref().map(|v| v.value.clone());
                        KedaScalingModifiers {
                            formula: text(&m.formula),
                            target: text(&m.target),
                            activation_target: text(&m.activation_target),
                            metric_type: m
                                .metric_type
                                .as_ref()
                                .map(|t| t.value.as_str().to_string()),
                        }
                    }),
                triggers: out,
            })
        }
    };
    w.autoscaling = Some(Fact::new(
        block.span,
        Autoscaling {
            min_replicas: min,
            max_replicas: max.value,
            scaler,
        },
    ));
}

fn target(t: &ext::ResourceTarget) -> ResourceTarget {
    match t {
        ext::ResourceTarget::Utilization(p) => ResourceTarget::Utilization(*p),
        ext::ResourceTarget::AverageValue(q) => ResourceTarget::AverageValue(q.clone()),
    }
}

/// The percentage of a utilisation target; an amount per pod needs no requests.
fn utilization(t: &Option<Spanned<ext::ResourceTarget>>) -> Option<i32> {
    match t.as_ref().map(|t| &t.value) {
        Some(ext::ResourceTarget::Utilization(p)) => Some(*p),
        _ => None,
    }
}

fn trigger(t: &Spanned<Trigger>) -> KedaTrigger {
    let t = &t.value;
    KedaTrigger {
        type_: t.type_.value.clone(),
        name: t.name.as_ref().map(|n| n.value.clone()),
        metadata: t
            .metadata
            .iter()
            .flat_map(|m| m.value.iter())
            .map(|(k, v)| (k.clone(), v.value.clone()))
            .collect(),
        metric_type: t.metric_type.as_ref().map(|m| m.value.as_str().to_string()),
        use_cached_metrics: t.use_cached_metrics.as_ref().map(|v| v.value),
        authentication_ref: t.authentication_ref.as_ref().map(|r| {
            (
                r.value.name.value.clone(),
                r.value.kind.as_ref().map(|k| k.value.as_str().to_string()),
            )
        }),
    }
}

/// Utilisation is a share of the requests: without them nothing scales.
fn requests_warning(
    service: &Service,
    a: &crate::extension::Autoscaling,
    w: &Workload,
    at: Span,
    found: &mut Findings,
) {
    let Some(r) = w.containers.first().map(|c| &c.resources) else {
        return;
    };
    let cpu_missing = r.cpu_request_millis.is_none();
    let memory_missing = r.memory_request_bytes.is_none();
    let a = Some(a);
    let wants = |ty: &str| {
        a.is_some_and(|a| {
            (ty == "cpu" && utilization(&a.cpu).is_some())
                || (ty == "memory" && utilization(&a.memory).is_some())
                || a.triggers.iter().flat_map(|t| t.value.iter()).any(|t| {
                    t.value.type_.value == ty
                        && t.value.metric_type.as_ref().map(|m| m.value)
                            == Some(MetricType::Utilization)
                })
        })
    };
    for (ty, missing) in [("cpu", cpu_missing), ("memory", memory_missing)] {
        if wants(ty) && missing {
            found.push(
                Diagnostic::new(
                    Code::UtilizationWithoutRequests,
                    format!(
                        "`{}` scales on {ty} utilisation but requests no {ty}",
                        service.name.value
                    ),
                )
                .at(at, "utilisation is usage divided by the request")
                .help(format!(
                    "set `x-kubernetes.resources.requests.{ty}` (or `deploy.resources.reservations`), e.g. `{}`",
                    if ty == "cpu" { "cpu: 500m" } else { "memory: 512Mi" }
                )),
            );
        }
    }
}
