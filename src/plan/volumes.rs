use super::service::ServicePlan;
use crate::compose::ast::MountKind;
use crate::diag::{Code, Diagnostic, Diagnostics};

/// Service `volumes`. Bind mounts have no exact translation and are reported with the choices;
/// the other kinds are lowered by later work and reported until then.
pub fn volumes(sp: &mut ServicePlan, diags: &mut Diagnostics) {
    sp.consume("volumes");
    let s = sp.service;
    for mount in s.volumes.iter().flat_map(|v| v.value.iter()) {
        let m = &mount.value;
        let source = m.source.as_deref().unwrap_or("");
        match m.kind {
            MountKind::Bind => diags.push(
                Diagnostic::new(
                    Code::BindMount,
                    format!(
                        "bind mount `{source}` → `{}` of service `{}` is not mounted",
                        m.target, s.name.value
                    ),
                )
                .at(mount.span, "a cluster node does not have this host path")
                .help(format!(
                    "choose where `{}` comes from: a PersistentVolumeClaim (filled by a Job), a ConfigMap for small config files, files baked into the image or an image volume{}, or a hostPath volume if every node has `{source}`",
                    m.target,
                    if m.read_only { " (read-only data such as models)" } else { "" }
                )),
            ),
            _ => diags.push(
                Diagnostic::new(
                    Code::NotTranslated,
                    format!("volume mount at `{}` of service `{}` is not translated yet", m.target, s.name.value),
                )
                .at(mount.span, "no volume is mounted here")
                .help("the container starts with an empty directory at this path; add a PersistentVolumeClaim by hand for now"),
            ),
        }
    }
}
