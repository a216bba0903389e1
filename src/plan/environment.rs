use super::service::ServicePlan;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{EnvVar, Fact};

/// `environment` → container `env`, in source order.
pub fn env(sp: &mut ServicePlan, diags: &mut Diagnostics) -> Vec<Fact<EnvVar>> {
    sp.consume("environment");
    let Some(environment) = &sp.service.environment else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for var in &environment.value.0 {
        match &var.value {
            Some(value) => out.push(Fact::new(
                var.span,
                EnvVar {
                    name: var.name.clone(),
                    value: value.clone(),
                },
            )),
            None => diags.push(
                Diagnostic::new(
                    Code::NotTranslated,
                    format!(
                        "`{}` takes its value from the shell that runs Compose",
                        var.name
                    ),
                )
                .at(var.span, "no value here, so the container gets none")
                .help(format!(
                    "give it a value: `{}=...`, or interpolate one: `{}=${{{}}}`",
                    var.name, var.name, var.name
                )),
            ),
        }
    }
    out
}
