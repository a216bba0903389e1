use super::not_translated;
use crate::compose::ast::Project;
use crate::diag::{Code, Diagnostic, Diagnostics};

/// Top-level keys that no service-level file lowers: each is reported.
pub fn report(project: &Project, diags: &mut Diagnostics) {
    if let Some(v) = &project.version {
        diags.push(
            Diagnostic::new(
                Code::ObsoleteVersion,
                "the `version` key is obsolete and ignored",
            )
            .at(v.span, "Compose ignores this too")
            .help("remove the `version:` line"),
        );
    }
    // Networks are reported by `plan::networks`, which knows whether they became policies.
    for (name, secret) in &project.secrets {
        let d = &secret.value;
        for (key, span) in [
            ("labels", d.labels.as_ref().map(|x| x.span)),
            ("driver", d.driver.as_ref().map(|x| x.span)),
            ("driver_opts", d.driver_opts.as_ref().map(|x| x.span)),
            (
                "template_driver",
                d.template_driver.as_ref().map(|x| x.span),
            ),
        ] {
            if let Some(span) = span {
                diags.push(not_translated(
                    span,
                    &format!("`{key}` of secret `{name}`"),
                    "a Kubernetes Secret is plain data; external secret stores plug in through operators such as External Secrets or the Secrets Store CSI driver",
                ));
            }
        }
    }
    for (name, config) in &project.configs {
        let d = &config.value;
        for (key, span) in [
            ("labels", d.labels.as_ref().map(|x| x.span)),
            (
                "template_driver",
                d.template_driver.as_ref().map(|x| x.span),
            ),
        ] {
            if let Some(span) = span {
                diags.push(not_translated(
                    span,
                    &format!("`{key}` of config `{name}`"),
                    "a ConfigMap holds the content as it is; render templates before converting",
                ));
            }
        }
    }
    // A volume's extension block only shapes the claim of a volume some service mounts.
    for (name, volume) in &project.volumes {
        let Some(x) = volume.value.as_ref().and_then(|v| v.x_kubernetes.as_ref()) else {
            continue;
        };
        let mounted = project.services.values().any(|s| {
            s.volumes.iter().flat_map(|v| v.value.iter()).any(|m| {
                m.value.kind == crate::compose::ast::MountKind::Volume
                    && m.value.source.as_deref() == Some(name.as_str())
            })
        });
        if !mounted {
            diags.push(not_translated(
                x.span,
                &format!("`x-kubernetes` of volume `{name}` (no converted service mounts it)"),
                "no claim is generated for an unused volume; mount it from a service, or remove the block",
            ));
        }
    }
    for (name, model) in &project.models {
        diags.push(not_translated(
            model.span,
            &format!("model `{name}`"),
            "serve the model with an inference server Deployment and point the services at its Service",
        ));
    }
}
