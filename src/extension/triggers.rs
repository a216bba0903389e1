//! Checks of `x-kubernetes.autoscaling`: the replica bounds, which object it becomes, and the
//! metadata each KEDA scaler requires. KEDA's CRD leaves trigger metadata a free string map, so
//! without these checks a missing `query` would only show when the scaler fails in the cluster.

use indexmap::IndexMap;

use super::autoscaling::{Autoscaling, ResourceTarget, Trigger};
use super::check::{invalid, non_negative};
use super::enums::MetricType;
use super::quantity;
use crate::diag::{Code, Diagnostic};
use crate::yaml::de::Context;
use crate::yaml::Spanned;

pub fn autoscaling(a: &Spanned<Autoscaling>, cx: &Context) {
    let s = &a.value;
    for (key, value) in [
        ("minReplicas", &s.min_replicas),
        ("cooldownPeriod", &s.cooldown_period),
        ("initialCooldownPeriod", &s.initial_cooldown_period),
        ("idleReplicas", &s.idle_replicas),
    ] {
        non_negative(value, key, cx);
    }
    for (key, value) in [
        ("maxReplicas", &s.max_replicas),
        ("pollingInterval", &s.polling_interval),
    ] {
        if let Some(v) = value.as_ref().filter(|v| v.value < 1) {
            cx.push(invalid(
                v.span,
                format!("`{key}` is {}", v.value),
                format!("`{key}` takes a whole number of 1 or more"),
            ));
        }
    }
    for (key, value) in [("cpu", &s.cpu), ("memory", &s.memory)] {
        if let Some(v) = value {
            resource_target(key, v, cx);
        }
    }
    let Some(max) = &s.max_replicas else {
        cx.push(invalid(
            a.span,
            "`autoscaling` has no `maxReplicas`".into(),
            "add `maxReplicas:`, the most pods the scaler may run",
        ));
        return;
    };
    let min = s.min_replicas.as_ref();
    if let Some(min) = min.filter(|m| m.value > max.value) {
        cx.push(
            Diagnostic::new(
                Code::ReplicaRange,
                format!(
                    "`minReplicas` ({}) is larger than `maxReplicas` ({})",
                    min.value, max.value
                ),
            )
            .at(min.span, "the minimum")
            .also(max.span, "the maximum")
            .help("lower `minReplicas` or raise `maxReplicas`; the scaler keeps the count between the two"),
        );
    }
    let Some(triggers) = &s.triggers else {
        hpa_only(a, cx);
        return;
    };
    if triggers.value.is_empty() {
        cx.push(invalid(
            triggers.span,
            "`triggers` is empty".into(),
            "give at least one trigger, e.g. `{type: prometheus, metadata: {serverAddress: …, query: …, threshold: \"10\"}}`",
        ));
    }
    if let (Some(idle), Some(min)) = (&s.idle_replicas, min) {
        if idle.value >= min.value {
            cx.push(
                Diagnostic::new(
                    Code::ExtensionConflict,
                    "`idleReplicas` must be below `minReplicas`".to_string(),
                )
                .at(idle.span, "the idle count")
                .also(min.span, "the minimum")
                .help("KEDA scales to `idleReplicas` when no trigger is active; it is usually 0"),
            );
        }
    }
    for t in &triggers.value {
        trigger(t, cx);
    }
}

/// A percentage must be 1 or more; an amount must be a CPU (millicores) or memory (bytes)
/// quantity above zero.
fn resource_target(key: &str, v: &Spanned<ResourceTarget>, cx: &Context) {
    let (ok, help) = match &v.value {
        ResourceTarget::Utilization(n) => (*n >= 1, "a utilisation of 1 percent or more"),
        ResourceTarget::AverageValue(text) => {
            let q = quantity::parse(text).filter(|q| !q.is_zero());
            if key == "cpu" {
                (
                    q.is_some_and(|q| q.millis().is_some()),
                    "an amount of CPU per pod such as `500m` or `2`",
                )
            } else {
                (
                    q.is_some_and(|q| q.whole().is_some()),
                    "an amount of memory per pod such as `512Mi`",
                )
            }
        }
    };
    if !ok {
        let shown = match &v.value {
            ResourceTarget::Utilization(n) => n.to_string(),
            ResourceTarget::AverageValue(t) => format!("`{t}`"),
        };
        cx.push(invalid(
            v.span,
            format!("`{key}` is {shown}"),
            format!("`{key}` takes {help}"),
        ));
    }
}

/// Without triggers the result is a HorizontalPodAutoscaler: it needs a CPU or memory target and
/// cannot take KEDA's settings.
fn hpa_only(a: &Spanned<Autoscaling>, cx: &Context) {
    let s = &a.value;
    if s.cpu.is_none() && s.memory.is_none() {
        cx.push(invalid(
            a.span,
            "`autoscaling` has neither `triggers` nor a `cpu`/`memory` target".into(),
            "add `cpu: 70` (percent of the CPU request) for a HorizontalPodAutoscaler, or `triggers:` for a KEDA ScaledObject",
        ));
    }
    let advanced = s.advanced.as_ref().map(|a| &a.value);
    let keda_only = [
        (
            "pollingInterval",
            s.polling_interval.as_ref().map(|v| v.span),
        ),
        ("cooldownPeriod", s.cooldown_period.as_ref().map(|v| v.span)),
        (
            "initialCooldownPeriod",
            s.initial_cooldown_period.as_ref().map(|v| v.span),
        ),
        ("idleReplicas", s.idle_replicas.as_ref().map(|v| v.span)),
        ("fallback", s.fallback.as_ref().map(|v| v.span)),
        (
            "advanced.restoreToOriginalReplicaCount",
            advanced.and_then(|a| a.restore_to_original_replica_count.as_ref().map(|v| v.span)),
        ),
        (
            "advanced.scalingModifiers",
            advanced.and_then(|a| a.scaling_modifiers.as_ref().map(|v| v.span)),
        ),
        (
            "advanced.horizontalPodAutoscalerConfig.name",
            advanced
                .and_then(|a| a.horizontal_pod_autoscaler_config.as_ref())
                .and_then(|c| c.value.name.as_ref().map(|v| v.span)),
        ),
    ];
    for (key, span) in keda_only {
        if let Some(span) = span {
            cx.push(
                Diagnostic::new(
                    Code::ExtensionConflict,
                    format!("`{key}` is a KEDA setting, but `autoscaling` has no `triggers`"),
                )
                .at(span, "only a KEDA ScaledObject has this")
                .help("without `triggers` a HorizontalPodAutoscaler is generated; add `triggers` (e.g. `{type: cpu, metricType: Utilization, metadata: {value: \"70\"}}`) for KEDA, or remove this key"),
            );
        }
    }
    if let Some(min) = s.min_replicas.as_ref().filter(|m| m.value == 0) {
        cx.push(invalid(
            min.span,
            "a HorizontalPodAutoscaler cannot scale to zero".into(),
            "use `minReplicas: 1` or more, or give KEDA `triggers`, which can scale to zero",
        ));
    }
}

fn missing(t: &Spanned<Trigger>, keys: &str, help: String) -> Diagnostic {
    let at = t.value.metadata.as_ref().map_or(t.span, |m| m.span);
    Diagnostic::new(
        Code::InvalidTrigger,
        format!(
            "the `{}` trigger has no {keys} in its metadata",
            t.value.type_.value
        ),
    )
    .at(at, "required by this scaler")
    .help(help)
}

fn trigger(t: &Spanned<Trigger>, cx: &Context) {
    let empty = IndexMap::new();
    let meta: &IndexMap<String, Spanned<String>> =
        t.value.metadata.as_ref().map_or(&empty, |m| &m.value);
    let has = |k: &str| meta.get(k).is_some_and(|v| !v.value.trim().is_empty());
    let ty = t.value.type_.value.as_str();
    let require = |keys: &[&str], example: &str| {
        for key in keys {
            if !has(key) {
                cx.push(missing(
                    t,
                    &format!("`{key}`"),
                    format!("add `{key}` to `metadata`, e.g. {example}"),
                ));
            }
        }
    };
    let numbers = |keys: &[&str]| {
        for key in keys {
            if let Some(v) = meta.get(*key) {
                if v.value.trim().parse::<f64>().is_err() {
                    cx.push(
                        Diagnostic::new(
                            Code::InvalidTrigger,
                            format!(
                                "`{key}` of the `{ty}` trigger is `{}`, not a number",
                                v.value
                            ),
                        )
                        .at(v.span, "expected a number")
                        .help(format!("give `{key}` as a number, e.g. `\"15\"`")),
                    );
                }
            }
        }
    };
    match ty {
        "prometheus" => {
            require(
                &["serverAddress", "query", "threshold"],
                "`serverAddress: http://prometheus.monitoring:9090`, `query: sum(rate(http_requests_total[2m]))`, `threshold: \"100\"`",
            );
            numbers(&["threshold", "activationThreshold"]);
        }
        "cpu" | "memory" => {
            match &t.value.metric_type {
                Some(m) if m.value == MetricType::Value => cx.push(
                    Diagnostic::new(
                        Code::InvalidTrigger,
                        format!("the `{ty}` trigger cannot use `metricType: Value`"),
                    )
                    .at(m.span, "not supported by this scaler")
                    .help("use `Utilization` (percent of the request) or `AverageValue` (a quantity per pod)"),
                ),
                Some(_) => {}
                None => cx.push(
                    Diagnostic::new(
                        Code::InvalidTrigger,
                        format!("the `{ty}` trigger has no `metricType`"),
                    )
                    .at(t.span, "required by this scaler")
                    .help("add `metricType: Utilization` (percent of the request) or `metricType: AverageValue` beside `type`; `metadata.type` is deprecated by KEDA"),
                ),
            }
            require(&["value"], "`value: \"70\"`");
            if t.value.metric_type.as_ref().map(|m| m.value) == Some(MetricType::Utilization) {
                numbers(&["value"]);
            }
        }
        "redis" => {
            let address = has("address") || has("addressFromEnv");
            let host = (has("host") || has("hostFromEnv")) && (has("port") || has("portFromEnv"));
            if !address && !host {
                cx.push(missing(
                    t,
                    "`address` (or `host` and `port`)",
                    "add `address: redis:6379`, or `host: redis` and `port: \"6379\"`".into(),
                ));
            }
            require(&["listName"], "`listName: jobs`");
            require(&["listLength"], "`listLength: \"5\"`");
            numbers(&["listLength", "activationListLength"]);
        }
        "rabbitmq" => {
            require(&["queueName"], "`queueName: tasks`");
            let by_mode = has("mode") && has("value");
            if !by_mode && !has("queueLength") {
                cx.push(missing(
                    t,
                    "`mode` and `value`",
                    "add `mode: QueueLength` and `value: \"20\"` (messages per pod), or `mode: MessageRate`".into(),
                ));
            }
            if let Some(mode) = meta.get("mode") {
                if !matches!(mode.value.as_str(), "QueueLength" | "MessageRate") {
                    cx.push(
                        Diagnostic::new(
                            Code::InvalidTrigger,
                            format!("rabbitmq `mode` `{}` is not `QueueLength` or `MessageRate`", mode.value),
                        )
                        .at(mode.span, "unknown mode")
                        .help("use `QueueLength` (messages waiting) or `MessageRate` (messages per second)"),
                    );
                }
            }
            let auth = t.value.authentication_ref.is_some();
            if !has("host") && !has("hostFromEnv") && !auth {
                cx.push(missing(
                    t,
                    "`host` (or `hostFromEnv`)",
                    "add `hostFromEnv: RABBITMQ_URL` (a variable of the container holding the AMQP URL), or an `authenticationRef` that provides `host`".into(),
                ));
            }
            numbers(&["value", "queueLength", "activationValue"]);
        }
        "cron" => {
            require(
                &["timezone", "start", "end", "desiredReplicas"],
                "`timezone: Europe/Berlin`, `start: 0 8 * * 1-5`, `end: 0 18 * * 1-5`, `desiredReplicas: \"5\"`",
            );
            numbers(&["desiredReplicas"]);
        }
        _ => {}
    }
    if let Some(m) = t.value.metric_type.as_ref() {
        if m.value == MetricType::Utilization && !matches!(ty, "cpu" | "memory") {
            cx.push(
                Diagnostic::new(
                    Code::InvalidTrigger,
                    format!("the `{ty}` trigger cannot use `metricType: Utilization`"),
                )
                .at(m.span, "only cpu and memory measure utilisation")
                .help("use `AverageValue` (the default) or `Value`"),
            );
        }
    }
}
