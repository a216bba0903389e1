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
    for (name, network) in &project.networks {
        if name == "default" && network.value.is_none() {
            continue;
        }
        diags.push(
            Diagnostic::new(
                Code::NetworksFlattened,
                format!("network `{name}` is not translated; all pods share the cluster network"),
            )
            .at(network.span, "no isolation between networks in the cluster")
            .help("restrict traffic with NetworkPolicies if the isolation matters"),
        );
    }
    for (name, model) in &project.models {
        diags.push(not_translated(
            model.span,
            &format!("model `{name}`"),
            "serve the model with an inference server Deployment and point the services at its Service",
        ));
    }
}
