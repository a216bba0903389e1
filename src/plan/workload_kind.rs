use std::collections::BTreeMap;

use super::service::ServicePlan;
use super::shared::Shared;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::WorkloadKind;
use crate::source::Span;

/// `deploy.mode`, `restart` and `deploy.restart_policy` → the kind of workload. A service that
/// runs to completion and that nothing connects to becomes a Job; `deploy.mode: global` becomes a
/// DaemonSet; everything else a Deployment.
pub fn workload_kind(
    sp: &mut ServicePlan,
    shared: &mut Shared,
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
    // Where another service waits for this one to complete: Compose's default `restart` is
    // "no", so such a service runs once, and only a Job completes.
    let awaited = shared
        .awaited
        .get_or_insert_with(|| {
            let mut by: BTreeMap<String, (String, Span)> = BTreeMap::new();
            for o in sp.project.services.values() {
                for dep in o.depends_on.iter().flat_map(|d| d.value.0.iter()) {
                    if let Some(c) = dep
                        .condition
                        .as_ref()
                        .filter(|c| c.value == "service_completed_successfully")
                    {
                        by.entry(dep.service.value.clone())
                            .or_insert_with(|| (o.name.value.clone(), c.span));
                    }
                }
            }
            by
        })
        .get(&s.name.value)
        .map(|(waiter, at)| (waiter.as_str(), *at));
    if let (Some((waiter, at)), None) = (awaited, &s.restart) {
        if stops.is_none() && policy.is_none() && !reachable {
            diags.push(
                Diagnostic::new(
                    Code::OneShotJob,
                    format!(
                        "service `{}` runs to completion, so it becomes a Job (backoffLimit 0)",
                        s.name.value
                    ),
                )
                .at(at, format!("`{waiter}` waits for it to complete"))
                .also(s.name.span, "no `restart`: Compose runs it once")
                .help("to keep it running as a Deployment instead, set `restart: unless-stopped` (and drop the `service_completed_successfully` conditions)"),
            );
            return WorkloadKind::Job { backoff_limit: 0 };
        }
    }
    if let (Some((waiter, wait_at)), Some(r)) = (awaited, &s.restart) {
        if matches!(r.value.as_str(), "always" | "unless-stopped") {
            diags.push(
                Diagnostic::new(
                    Code::AwaitedServiceRestarts,
                    format!(
                        "`{waiter}` waits for `{}` to complete, but `restart: {}` keeps it running",
                        s.name.value, r.value
                    ),
                )
                .at(r.span, "restarted whenever it stops: it never completes")
                .also(wait_at, format!("`{waiter}` waits for completion that never comes"))
                .help(format!(
                    "if `{}` runs once, remove its `restart` (it becomes a Job); if it is a server, make `{waiter}` depend on it with `service_started` or `service_healthy`",
                    s.name.value
                )),
            );
        }
    }
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::super::networks::testing::{codes, run};
    use crate::k8s::Object;

    fn kinds(objects: &[Object]) -> Vec<(&'static str, String)> {
        objects
            .iter()
            .filter(|o| matches!(o, Object::Job(_) | Object::Deployment(_)))
            .map(|o| (o.kind(), o.name().to_string()))
            .collect()
    }

    #[test]
    fn a_service_waited_for_to_complete_is_a_job() {
        let (objects, diags) = run("services:\n  app:\n    image: a\n    depends_on:\n      pull:\n        condition: service_completed_successfully\n  pull:\n    image: p\n", false);
        assert!(
            kinds(&objects).contains(&("Job", "pull".into())),
            "{:?}",
            kinds(&objects)
        );
        let info = diags.iter().find(|d| d.code.id() == "C2K3021").unwrap();
        assert!(info.primary.as_ref().unwrap().text.contains("`app` waits"));
    }

    #[test]
    fn a_restarted_service_waited_for_to_complete_stays_and_warns() {
        let (objects, diags) = run("services:\n  app:\n    image: a\n    depends_on:\n      pull:\n        condition: service_completed_successfully\n  pull:\n    image: p\n    restart: unless-stopped\n", false);
        assert!(kinds(&objects).contains(&("Deployment", "pull".into())));
        assert!(codes(&diags).contains(&"C2K3045"), "{:?}", codes(&diags));
    }
}
