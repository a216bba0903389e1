use std::collections::{BTreeMap, BTreeSet};

use super::file_ref::{self, Placement};
use super::service::ServicePlan;
use super::shared::Shared;
use super::volumes::Storage;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{ConfigData, Fact, KeyToPath, PodVolume, VolumeMount, VolumeSource};
use crate::k8s::names;

/// Service `configs` → ConfigMap volumes, mounted file by file at `/NAME` (or the `target`).
/// Inline `content` becomes a ConfigMap of the project; configs from files or the environment
/// are referenced by name, with the command that creates them.
pub fn configs(
    sp: &mut ServicePlan,
    shared: &mut Shared,
    storage: &mut Storage,
    diags: &mut Diagnostics,
) {
    sp.consume("configs");
    let s = sp.service;
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    for r in s.configs.iter().flat_map(|x| x.value.iter()) {
        let source = r.value.source.as_str();
        let Some(def) = sp.project.configs.get(source) else {
            continue;
        };
        let Placement {
            object: name,
            key,
            target,
        } = file_ref::placement(
            &r.value,
            def.value.name.as_ref(),
            def.value.external.as_ref(),
            "/",
        );
        if let Some(content) = &def.value.content {
            shared
                .config_maps
                .entry(source.to_string())
                .or_insert_with(|| {
                    Fact::new(
                        content.span,
                        ConfigData {
                            name: name.clone(),
                            data: BTreeMap::from([(key.clone(), content.value.clone())]),
                            binary_data: BTreeMap::new(),
                        },
                    )
                });
        } else if reported.insert(source) {
            let how = if let Some(file) = &def.value.file {
                format!(
                    "kubectl create configmap {name} --from-file={key}={}",
                    file.value
                )
            } else if let Some(var) = &def.value.environment {
                format!(
                    "kubectl create configmap {name} --from-literal={key}=\"${}\"",
                    var.value
                )
            } else {
                format!("the ConfigMap `{name}` must exist in the namespace with a key `{key}`")
            };
            let mut d = Diagnostic::new(
                Code::ConfigReference,
                format!(
                    "config `{source}` is mounted from ConfigMap `{name}`, which is not generated"
                ),
            )
            .at(r.span, format!("mounted at `{target}`"));
            for from in [&def.value.file, &def.value.environment]
                .into_iter()
                .flatten()
            {
                d = d.also(
                    from.span,
                    "the content comes from here; it is not written into the manifests",
                );
            }
            diags.push(d.help(format!("create it before applying: {how}")));
        }
        file_ref::report_ownership(r, "config", diags);
        let volume = names::dns_label(&format!("config-{name}"));
        storage.mount(
            PodVolume {
                name: volume.clone(),
                source: VolumeSource::ConfigMap {
                    name,
                    items: vec![KeyToPath {
                        key: key.clone(),
                        path: key.clone(),
                    }],
                    mode: r.value.mode.as_ref().and_then(|m| i32::try_from(m.0).ok()),
                },
            },
            VolumeMount {
                volume,
                mount_path: target,
                read_only: true,
                sub_path: Some(key),
            },
        );
    }
}
