//! `x-kubernetes.probes`: probes that replace the ones from `healthcheck`, or re-time them.

use super::extension::{overrides, Findings};
use crate::compose::ast::Service;
use crate::diag::{Code, Diagnostic};
use crate::extension::{ProbeSpec, Scheme, ServiceExtension};
use crate::ir::{Fact, Probe, ProbeAction, Workload};
use crate::yaml::Spanned;

/// Kubernetes' defaults, written out when neither the block nor a healthcheck gives a timing.
const PERIOD: i32 = 10;
const TIMEOUT: i32 = 1;
const FAILURES: i32 = 3;

pub fn apply(service: &Service, e: &ServiceExtension, w: &mut Workload, found: &mut Findings) {
    let Some(probes) = &e.probes else { return };
    let Some(container) = w.containers.first_mut() else {
        return;
    };
    let p = &probes.value;
    let mut replaced = false;
    for (which, spec, slot) in [
        ("readiness", &p.readiness, &mut container.probes.readiness),
        ("liveness", &p.liveness, &mut container.probes.liveness),
        ("startup", &p.startup, &mut container.probes.startup),
    ] {
        let Some(spec) = spec else { continue };
        // Re-timing keeps the healthcheck's command: nothing of it is replaced.
        let s = &spec.value;
        let action = s.http_get.is_some() || s.tcp_socket.is_some() || s.exec.is_some();
        replaced |= slot.is_some() && action;
        match probe(spec, slot.as_ref().map(|f| &f.value)) {
            Some(probe) => *slot = Some(Fact::new(spec.span, probe)),
            None => found.push(
                Diagnostic::new(
                    Code::ExtensionInvalidValue,
                    format!(
                        "the {which} probe of `{}` has no action, and there is no healthcheck to take it from",
                        service.name.value
                    ),
                )
                .at(spec.span, "what should this probe run?")
                .help("add `httpGet: {path: /healthz, port: 8080}`, `tcpSocket: {port: 5432}` or `exec: {command: [...]}`"),
            ),
        }
    }
    if replaced {
        found.push(overrides(
            probes.span,
            format!(
                "`x-kubernetes.probes` replaces probes of `{}` derived from its healthcheck",
                service.name.value
            ),
            service.healthcheck.as_ref().map(|h| h.span),
        ));
    }
}

/// The probe `spec` describes, taking what it leaves out from `base` (the healthcheck's probe).
fn probe(spec: &Spanned<ProbeSpec>, base: Option<&Probe>) -> Option<Probe> {
    let s = &spec.value;
    let action = if let Some(h) = &s.http_get {
        ProbeAction::HttpGet {
            path: h
                .value
                .path
                .as_ref()
                .map_or_else(|| "/".to_string(), |p| p.value.clone()),
            port: h.value.port.value,
            scheme: h
                .value
                .scheme
                .as_ref()
                .filter(|s| s.value == Scheme::Https)
                .map(|s| s.value.as_str().to_string()),
        }
    } else if let Some(t) = &s.tcp_socket {
        ProbeAction::TcpSocket {
            port: t.value.port.value,
        }
    } else if let Some(x) = &s.exec {
        ProbeAction::Exec(x.value.command.value.clone())
    } else {
        base?.action.clone()
    };
    let pick = |v: &Option<Spanned<i32>>, from_base: Option<i32>, default: i32| {
        v.as_ref().map(|v| v.value).or(from_base).unwrap_or(default)
    };
    Some(Probe {
        action,
        period_seconds: pick(&s.period_seconds, base.map(|b| b.period_seconds), PERIOD),
        timeout_seconds: pick(&s.timeout_seconds, base.map(|b| b.timeout_seconds), TIMEOUT),
        failure_threshold: pick(
            &s.failure_threshold,
            base.map(|b| b.failure_threshold),
            FAILURES,
        ),
        initial_delay_seconds: s
            .initial_delay_seconds
            .as_ref()
            .map(|v| v.value)
            .or(base.and_then(|b| b.initial_delay_seconds)),
    })
}
