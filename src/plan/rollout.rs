use super::service::ServicePlan;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{Fact, Rollout};

/// `deploy.update_config` → the Deployment's strategy. `order: start-first` surges new pods before
/// stopping old ones; `stop-first` (the default) stops first. `parallelism` is how many at a time.
pub fn rollout(sp: &mut ServicePlan, diags: &mut Diagnostics) -> Option<Fact<Rollout>> {
    let s = sp.service;
    let deploy = s.deploy.as_ref()?;
    let update = deploy.value.update_config.as_ref()?;
    let u = &update.value;
    let parallelism = u
        .parallelism
        .as_ref()
        .map(|p| i32::try_from(p.value).unwrap_or(i32::MAX))
        .unwrap_or(1);
    let start_first = u.order.as_ref().is_some_and(|o| o.value == "start-first");
    let min_ready_seconds = u.delay.as_ref().map(|d| {
        let d = d.value.as_std();
        i32::try_from(d.as_secs() + u64::from(d.subsec_nanos() > 0)).unwrap_or(i32::MAX)
    });
    let mut dropped = Vec::new();
    if u.failure_action.is_some() {
        dropped.push("failure_action");
    }
    if u.monitor.is_some() {
        dropped.push("monitor");
    }
    if u.max_failure_ratio.is_some() {
        dropped.push("max_failure_ratio");
    }
    if u.delay.is_some() || !dropped.is_empty() {
        let mut what = String::new();
        if u.delay.is_some() {
            what.push_str("`delay` became `minReadySeconds`");
        }
        if !dropped.is_empty() {
            if !what.is_empty() {
                what.push_str("; ");
            }
            what.push_str(&format!("{} left out", crate::diag::code_list(&dropped)));
        }
        diags.push(
            Diagnostic::new(
                Code::RolloutApproximated,
                format!("the rollout of service `{}` is approximated: {what}", s.name.value),
            )
            .at(update.span, "no exact Kubernetes equivalent")
            .help("a Deployment stops progressing when new pods do not become ready; roll back with `kubectl rollout undo`"),
        );
    }
    let strategy = if parallelism == 0 {
        // Compose's 0 means "all at once".
        Rollout::Recreate
    } else if start_first {
        Rollout::RollingUpdate {
            max_surge: parallelism,
            max_unavailable: 0,
            min_ready_seconds,
        }
    } else {
        Rollout::RollingUpdate {
            max_surge: 0,
            max_unavailable: parallelism,
            min_ready_seconds,
        }
    };
    Some(Fact::new(update.span, strategy))
}
