use super::service::ServicePlan;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::Fact;

/// `deploy.replicas` (and the older `scale`) → replicas. The rest of `deploy` is reported key by
/// key until later work lowers it.
pub fn replicas(sp: &mut ServicePlan, diags: &mut Diagnostics) -> Option<Fact<i32>> {
    sp.consume("deploy");
    let s = sp.service;
    let deploy = s.deploy.as_ref()?;
    for (key, span) in deploy.value.present_keys() {
        if key != "replicas" {
            diags.push(
                Diagnostic::new(
                    Code::NotTranslated,
                    format!(
                        "`deploy.{key}` of service `{}` is not translated",
                        s.name.value
                    ),
                )
                .at(
                    span,
                    "this setting has no effect in the generated manifests",
                )
                .help("add its effect to the manifests by hand for now"),
            );
        }
    }
    deploy
        .value
        .replicas
        .as_ref()
        .map(|r| Fact::new(r.span, i32::try_from(r.value).unwrap_or(i32::MAX)))
}
