use super::service::ServicePlan;
use crate::compose::ast::Project;
use crate::diag::{Code, Diagnostic, Diagnostics};

/// `depends_on` must name services of the project.
pub fn check_references(project: &Project, diags: &mut Diagnostics) {
    let names: Vec<&str> = project.services.keys().map(String::as_str).collect();
    for s in project.services.values() {
        for dep in s.depends_on.iter().flat_map(|d| d.value.0.iter()) {
            let target = dep.service.value.as_str();
            if project.services.contains_key(target) {
                continue;
            }
            let help = match crate::yaml::de::closest(target, &names) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("services of this project: {}", names.join(", ")),
            };
            diags.push(
                Diagnostic::new(
                    Code::UndefinedService,
                    format!(
                        "service `{}` depends on `{target}`, which is not defined",
                        s.name.value
                    ),
                )
                .at(dep.service.span, "no service of this name")
                .help(help),
            );
        }
    }
}

/// Start-up order is not enforced by Kubernetes; say so for each dependency that asks for it.
pub fn conditions(sp: &mut ServicePlan, diags: &mut Diagnostics) {
    sp.consume("depends_on");
    let s = sp.service;
    for dep in s.depends_on.iter().flat_map(|d| d.value.0.iter()) {
        let condition = dep
            .condition
            .as_ref()
            .map(|c| c.value.as_str())
            .unwrap_or("service_started");
        let at = dep
            .condition
            .as_ref()
            .map(|c| c.span)
            .unwrap_or(dep.service.span);
        diags.push(
            Diagnostic::new(
                Code::DependsOnCondition,
                format!(
                    "`{}` waits for `{}` ({condition}) in Compose; Kubernetes starts both at once",
                    s.name.value, dep.service.value
                ),
            )
            .at(at, "this start-up order is not enforced")
            .help(format!(
                "make `{}` retry its connection to `{}` until it is ready, or add an init container that waits for it",
                s.name.value, dep.service.value
            )),
        );
    }
}
