use super::service::ServicePlan;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::WorkloadKind;

/// `deploy.mode`, `restart` and `deploy.restart_policy` → the kind of workload. A service that
/// runs to completion and that nothing connects to becomes a Job; `deploy.mode: global` becomes a
/// DaemonSet; everything else a Deployment.
pub fn workload_kind(
    sp: &mut ServicePlan,
    reachable: bool,
    diags: &mut Diagnostics,
) -> WorkloadKind {
    sp.consume("restart");
    let s = sp.service;
    let deploy = s.deploy.as_ref().map(|d| &d.value);
    if let Some(mode) = deploy.and_then(|d| d.mode.as_ref()) {
        match mode.value.as_str() {
            "global" => return WorkloadKind::DaemonSet,
            "replicated-job" | "global-job" => {
                diags.push(one_shot(sp, mode.span, 0));
                return WorkloadKind::Job { backoff_limit: 0 };
            }
            _ => {}
        }
    }
    let policy = deploy.and_then(|d| d.restart_policy.as_ref());
    if let Some(p) = policy {
        for (key, span) in [
            ("delay", p.value.delay.as_ref().map(|d| d.span)),
            ("window", p.value.window.as_ref().map(|d| d.span)),
        ] {
            if let Some(span) = span {
                diags.push(super::not_translated(
                    span,
                    &format!("`deploy.restart_policy.{key}`"),
                    "Kubernetes backs off restarts exponentially by itself (up to five minutes)",
                ));
            }
        }
    }
    // (does the service stop for good, retries, where it was said)
    let stops = match (&s.restart, policy.and_then(|p| p.value.condition.as_ref())) {
        (_, Some(c)) if c.value == "none" => Some((0u64, c.span)),
        (_, Some(c)) if c.value == "on-failure" => Some((
            policy
                .and_then(|p| p.value.max_attempts.as_ref())
                .map(|m| m.value)
                .unwrap_or(6),
            c.span,
        )),
        (Some(r), _) if r.value == "no" => Some((0, r.span)),
        (Some(r), _) if r.value.starts_with("on-failure") => {
            // Kubernetes' default backoffLimit (6) stands in for Docker's unlimited retries.
            let retries = r
                .value
                .strip_prefix("on-failure:")
                .and_then(|n| n.parse().ok())
                .unwrap_or(6);
            Some((retries, r.span))
        }
        _ => None,
    };
    let Some((retries, at)) = stops else {
        if let Some(m) = policy.and_then(|p| p.value.max_attempts.as_ref()) {
            diags.push(super::not_translated(
                m.span,
                "`deploy.restart_policy.max_attempts` of a long-running service",
                "a Deployment restarts its pods without limit; a crash loop shows as CrashLoopBackOff",
            ));
        }
        return WorkloadKind::Deployment;
    };
    if reachable {
        diags.push(
            Diagnostic::new(
                Code::RestartAlways,
                format!(
                    "service `{}` asks not to be restarted, but it listens on ports, so it stays a Deployment",
                    s.name.value
                ),
            )
            .at(at, "a Deployment always restarts its pods")
            .help("for a service that runs to completion, remove its ports; for a server, use `restart: unless-stopped`"),
        );
        return WorkloadKind::Deployment;
    }
    let backoff_limit = i32::try_from(retries).unwrap_or(i32::MAX);
    diags.push(one_shot(sp, at, backoff_limit));
    WorkloadKind::Job { backoff_limit }
}

fn one_shot(sp: &ServicePlan, at: crate::source::Span, backoff_limit: i32) -> Diagnostic {
    Diagnostic::new(
        Code::OneShotJob,
        format!(
            "service `{}` runs to completion, so it becomes a Job (backoffLimit {backoff_limit})",
            sp.service.name.value
        ),
    )
    .at(at, "runs once and stops")
    .help("to keep it running as a Deployment instead, set `restart: unless-stopped`")
}
