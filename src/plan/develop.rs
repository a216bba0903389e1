use super::service::ServicePlan;
use crate::diag::{Code, Diagnostic, Diagnostics};

/// `develop` drives `docker compose watch`; it is reported and skipped.
pub fn develop(sp: &mut ServicePlan, diags: &mut Diagnostics) {
    sp.consume("develop");
    if let Some(develop) = &sp.service.develop {
        diags.push(
            Diagnostic::new(
                Code::DevelopOnly,
                format!(
                    "`develop` of service `{}` is skipped",
                    sp.service.name.value
                ),
            )
            .at(
                develop.span,
                "`docker compose watch` settings do not apply to a cluster",
            )
            .help("for the same edit-and-sync loop against a cluster, use Skaffold or Tilt"),
        );
    }
}
