use super::not_translated;
use super::service::ServicePlan;
use crate::diag::Diagnostics;
use crate::ir::Fact;

/// `deploy.replicas` (or the older `scale`) → replicas. `deploy.resources` is lowered by
/// `plan::resources`; the rest of `deploy` is reported key by key until later work lowers it.
pub fn replicas(sp: &mut ServicePlan, diags: &mut Diagnostics) -> Option<Fact<i32>> {
    sp.consume("deploy");
    sp.consume("scale");
    let s = sp.service;
    let to_i32 = |n: u64| i32::try_from(n).unwrap_or(i32::MAX);
    let scale = s.scale.as_ref().map(|r| Fact::new(r.span, to_i32(r.value)));
    let Some(deploy) = s.deploy.as_ref() else {
        return scale;
    };
    for (key, span) in deploy.value.present_keys() {
        // Lowered by `resources`, `rollout` and `workload_kind`.
        if !matches!(
            key,
            "replicas" | "resources" | "update_config" | "mode" | "restart_policy"
        ) {
            diags.push(not_translated(
                span,
                &format!("`deploy.{key}` of service `{}`", s.name.value),
                "add its effect to the manifests by hand for now",
            ));
        }
    }
    deploy
        .value
        .replicas
        .as_ref()
        .map(|r| Fact::new(r.span, to_i32(r.value)))
        .or(scale)
}
