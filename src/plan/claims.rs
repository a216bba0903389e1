//! Claims once every service is planned: the sizes, classes and access modes the volumes'
//! `x-kubernetes` blocks (over their `kompose.*` labels, and the top-level `storageClass`) give, and a StatefulSet's own
//! volumes turned into per-pod claim templates.

use super::shared::Shared;
use crate::compose::ast::Project;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::extension::quantity;
use crate::ir::{VolumeSource, Workload, WorkloadKind};

pub fn finish(
    project: &Project,
    workloads: &mut [Workload],
    shared: &mut Shared,
    diags: &mut Diagnostics,
) {
    let default_class = project
        .x_kubernetes
        .as_ref()
        .and_then(|p| p.value.storage_class.as_ref())
        .map(|c| c.value.clone());
    for (volume, claim) in shared.claims.iter_mut() {
        let block = shared.volume_blocks.get(volume);
        let c = &mut claim.value;
        if let Some(b) = block.map(|b| &b.value) {
            if let Some(bytes) = b
                .size
                .as_ref()
                .and_then(|s| quantity::parse(&s.value))
                .and_then(|q| q.whole())
            {
                c.size_bytes = bytes;
            }
            if let Some(class) = &b.storage_class {
                c.storage_class = Some(class.value.clone());
            }
            if let Some(modes) = &b.access_modes {
                c.access_modes = modes.value.iter().map(|m| m.as_str().to_string()).collect();
            }
        }
        if c.storage_class.is_none() {
            c.storage_class.clone_from(&default_class);
        }
    }
    for (name, volume) in &project.volumes {
        let block = volume.value.as_ref().and_then(|v| v.x_kubernetes.as_ref());
        let external = volume
            .value
            .as_ref()
            .and_then(|v| v.external.as_ref())
            .is_some_and(|e| e.value.external);
        if let (Some(b), true) = (block, external) {
            diags.push(
                Diagnostic::new(
                    Code::ExtensionNotApplicable,
                    format!("volume `{name}` is external, so no claim is generated for its `x-kubernetes`"),
                )
                .at(b.span, "nothing to size")
                .help("remove the block; the existing claim keeps its own size and class"),
            );
        }
    }
    for w in workloads
        .iter_mut()
        .filter(|w| w.kind == WorkloadKind::StatefulSet)
    {
        templates(w, shared, diags);
    }
}

/// A StatefulSet's pods each get their own claim from a template, in place of one shared claim,
/// for the volumes no other service mounts.
fn templates(w: &mut Workload, shared: &mut Shared, diags: &mut Diagnostics) {
    let claims: Vec<String> = w
        .volumes
        .iter()
        .filter_map(|v| match &v.source {
            VolumeSource::Claim { claim_name } => Some(claim_name.clone()),
            _ => None,
        })
        .collect();
    for claim_name in claims {
        let Some(volume) = shared
            .claims
            .iter()
            .find(|(_, c)| c.value.name == claim_name)
            .map(|(k, _)| k.clone())
        else {
            // An external or existing claim: mounted as it is.
            continue;
        };
        let users = shared.volume_users.get(&volume).map_or(0, Vec::len);
        if users > 1 {
            if let Some(claim) = shared.claims.get(&volume) {
                diags.push(
                    Diagnostic::new(
                        Code::SharedVolume,
                        format!(
                            "StatefulSet `{}` shares volume `{volume}`, so its pods share one claim instead of one each",
                            w.name
                        ),
                    )
                    .at(claim.span, "mounted by other services too")
                    .help("give the StatefulSet a volume of its own to get a claim per pod"),
                );
            }
            continue;
        }
        if let Some(claim) = shared.claims.remove(&volume) {
            w.volumes.retain(|v| v.name != claim_name);
            w.claim_templates.push(claim.value);
        }
    }
}
