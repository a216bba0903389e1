use super::service::ServicePlan;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::Fact;

/// `image`, or the name Compose gives the image it builds (`<project>-<service>`).
pub fn image(sp: &mut ServicePlan, diags: &mut Diagnostics) -> Fact<String> {
    sp.consume("image");
    sp.consume("build");
    let s = sp.service;
    if let Some(image) = &s.image {
        if let Some(build) = &s.build {
            diags.push(
                Diagnostic::new(
                    Code::BuildNotRun,
                    format!(
                        "`build` of service `{}` is not run; the manifests use the image `{}`",
                        s.name.value, image.value
                    ),
                )
                .at(build.span, "Kubernetes pulls images, it does not build them")
                .help("build and push the image before applying: `docker compose build && docker compose push`"),
            );
        }
        return image.clone();
    }
    let derived = format!("{}-{}", sp.project_name, s.name.value);
    match &s.build {
        Some(build) => {
            diags.push(
                Diagnostic::new(
                    Code::BuildWithoutImage,
                    format!(
                        "service `{}` is built from source but names no image; using `{derived}`",
                        s.name.value
                    ),
                )
                .at(build.span, "Kubernetes cannot build this")
                .help(format!(
                    "add `image: <registry>/{}:<tag>` next to `build:` and push it with `docker compose build && docker compose push`",
                    s.name.value
                )),
            );
            Fact::new(build.span, derived)
        }
        None => {
            diags.push(
                Diagnostic::new(
                    Code::NoImage,
                    format!("service `{}` has neither `image` nor `build`", s.name.value),
                )
                .at(s.name.span, "nothing to run")
                .help("add `image: <name>:<tag>`"),
            );
            Fact::new(s.name.span, derived)
        }
    }
}

/// `pull_policy` → `imagePullPolicy`.
pub fn pull_policy(sp: &mut ServicePlan, diags: &mut Diagnostics) -> Option<String> {
    sp.consume("pull_policy");
    let p = sp.service.pull_policy.as_ref()?;
    match p.value.as_str() {
        "always" => Some("Always".into()),
        "never" => Some("Never".into()),
        "missing" | "if_not_present" => Some("IfNotPresent".into()),
        other => {
            diags.push(super::not_translated(
                p.span,
                &format!("`pull_policy: {other}`"),
                "Kubernetes pulls `Always`, `IfNotPresent` or `Never`; the cluster's default applies",
            ));
            None
        }
    }
}
