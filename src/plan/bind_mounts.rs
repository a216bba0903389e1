//! `x-kubernetes.volumes`: what each bind mount becomes (a claim, a hostPath, an emptyDir or a
//! ConfigMap) instead of the warning that it is not mounted.

use super::extension::Findings;
use super::service::Context;
use crate::compose::ast::{MountKind, Service};
use crate::diag::{Code, Diagnostic};
use crate::extension::{BindMapping, BindVolumeType, ServiceExtension};
use crate::ir::{Claim, Fact, PodVolume, VolumeMount, VolumeSource, Workload};
use crate::k8s::names;
use crate::yaml::Spanned;

/// `./models/` and `models` name the same directory as `./models`.
pub(super) fn normalise(path: &str) -> &str {
    let p = path.trim_end_matches('/');
    let p = p.strip_prefix("./").unwrap_or(p);
    if p.is_empty() {
        "."
    } else {
        p
    }
}

/// The last path component, for names.
fn base(path: &str) -> &str {
    normalise(path).rsplit('/').next().unwrap_or("data")
}

pub fn apply(
    cx: &mut Context,
    service: &Service,
    e: &ServiceExtension,
    w: &mut Workload,
    found: &mut Findings,
) {
    let Some(mappings) = &e.volumes else { return };
    let name = &service.name.value;
    let binds: Vec<&Spanned<crate::compose::ast::VolumeMount>> = service
        .volumes
        .iter()
        .flat_map(|v| v.value.iter())
        .filter(|m| m.value.kind == MountKind::Bind)
        .collect();
    let sources: Vec<&str> = binds
        .iter()
        .filter_map(|m| m.value.source.as_deref())
        .collect();
    // Keys are spanned by their value; the mapping's span points at what it says.
    for (host, mapping) in &mappings.value {
        let matching: Vec<_> = binds
            .iter()
            .filter(|m| {
                m.value
                    .source
                    .as_deref()
                    .is_some_and(|s| normalise(s) == normalise(host))
            })
            .collect();
        if matching.is_empty() {
            let help = match crate::yaml::de::closest(host, &sources) {
                Some(near) => {
                    format!("did you mean `{near}`? Keys are host paths as written in `volumes`")
                }
                None if sources.is_empty() => {
                    format!("`{name}` has no bind mounts; remove this mapping")
                }
                None => format!(
                    "the bind mounts of `{name}`: {}",
                    crate::diag::code_list(&sources)
                ),
            };
            found.push(
                Diagnostic::new(
                    Code::UnmatchedVolumeMapping,
                    format!("`{host}` is not bind-mounted by `{name}`"),
                )
                .at(mapping.span, "this mapping would do nothing")
                .help(help),
            );
            continue;
        }
        let Some(source) = volume(cx, name, host, mapping, found) else {
            continue;
        };
        let volume_name = unique(w, &names::dns_label(base(host)));
        w.volumes.push(PodVolume {
            name: volume_name.clone(),
            source: source.clone(),
        });
        for mount in matching {
            found.supersede(Code::BindMount, Some(mount.span));
            let m = &mount.value;
            // The mapping replaces the ConfigMap a bind-mounted file would otherwise become.
            found.supersede(Code::BindFileConfigMap, Some(mount.span));
            unmount_file_copy(cx, w, &m.target);
            // A single file from a ConfigMap is its key, mounted by subPath.
            let sub_path = match &source {
                VolumeSource::ConfigMap { .. } if is_file(host) => Some(base(host).to_string()),
                _ => None,
            };
            if let Some(c) = w.containers.first_mut() {
                c.volume_mounts.push(VolumeMount {
                    volume: volume_name.clone(),
                    mount_path: m.target.clone(),
                    read_only: m.read_only || matches!(source, VolumeSource::ConfigMap { .. }),
                    sub_path,
                });
            }
        }
    }
}

/// A path whose last component has an extension is taken for a file.
fn is_file(path: &str) -> bool {
    base(path)
        .rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && !ext.is_empty())
}

fn unique(w: &Workload, name: &str) -> String {
    let taken = |n: &str| w.volumes.iter().any(|v| v.name == n);
    if !taken(name) {
        return name.to_string();
    }
    (2..)
        .map(|i| names::dns_label(&format!("{name}-{i}")))
        .find(|n| !taken(n))
        .unwrap_or_else(|| name.to_string())
}

/// The pod volume source for one mapping, with the info that says what is left to do.
fn volume(
    cx: &mut Context,
    service: &str,
    host: &str,
    mapping: &Spanned<BindMapping>,
    found: &mut Findings,
) -> Option<VolumeSource> {
    let b = &mapping.value;
    let default_name = names::dns_subdomain(&format!("{service}-{}", base(host)));
    let info = |message: String, help: String| {
        Diagnostic::new(Code::BindMountMapped, message)
            .at(mapping.span, "chosen here")
            .help(help)
    };
    Some(match b.type_.value {
        BindVolumeType::PersistentVolumeClaim => {
            let claim = b
                .claim_name
                .as_ref()
                .map_or(default_name, |c| c.value.clone());
            match &b.size {
                Some(size) => {
                    let bytes = crate::extension::quantity::parse(&size.value)
                        .and_then(|q| q.whole())?;
                    let storage_class = b.storage_class.as_ref().map(|s| s.value.clone()).or_else(|| {
                        cx.project
                            .x_kubernetes
                            .as_ref()
                            .and_then(|p| p.value.storage_class.as_ref())
                            .map(|s| s.value.clone())
                    });
                    let access_modes = b.access_modes.as_ref().map_or_else(
                        || vec!["ReadWriteOnce".to_string()],
                        |m| m.value.iter().map(|a| a.as_str().to_string()).collect(),
                    );
                    // Compose volume names cannot hold `:`, so this key never meets one.
                    cx.shared.claims.insert(
                        format!("bind:{claim}"),
                        Fact::new(
                            mapping.span,
                            Claim {
                                name: claim.clone(),
                                size_bytes: bytes,
                                access_modes,
                                storage_class,
                                annotations: Default::default(),
                            },
                        ),
                    );
                    found.push(info(
                        format!("bind mount `{host}` of `{service}` becomes PersistentVolumeClaim `{claim}` of {}", size.value),
                        format!("the claim starts empty: copy the files of `{host}` into it once, e.g. with a Job that downloads them, or `kubectl cp {host} POD:PATH` from a pod that mounts it"),
                    ));
                }
                None => found.push(info(
                    format!("bind mount `{host}` of `{service}` mounts the existing PersistentVolumeClaim `{claim}`"),
                    format!("create `{claim}` in the namespace before applying, with the files of `{host}` on it"),
                )),
            }
            VolumeSource::Claim { claim_name: claim }
        }
        BindVolumeType::HostPath => {
            let path = match &b.path {
                Some(p) => p.value.clone(),
                None if host.starts_with('/') => host.to_string(),
                None => {
                    found.push(
                        Diagnostic::new(
                            Code::ExtensionInvalidValue,
                            format!("`{host}` is relative, so the hostPath needs a `path`"),
                        )
                        .at(mapping.span, "a node has no project directory")
                        .help("add `path: /absolute/path/on/the/node`"),
                    );
                    return None;
                }
            };
            found.push(info(
                format!("bind mount `{host}` of `{service}` becomes hostPath `{path}`"),
                format!("every node that may run `{service}` needs the files at `{path}`; pin the pod with `nodeSelector` if only some have them"),
            ));
            VolumeSource::HostPath { path }
        }
        BindVolumeType::EmptyDir => {
            found.push(info(
                format!("bind mount `{host}` of `{service}` becomes an emptyDir"),
                "the directory starts empty with each pod and is lost with it".to_string(),
            ));
            VolumeSource::EmptyDir {
                memory: false,
                size_limit_bytes: None,
            }
        }
        BindVolumeType::ConfigMap => {
            let config_map = b.name.as_ref().map_or(default_name, |n| n.value.clone());
            found.push(info(
                format!("bind mount `{host}` of `{service}` mounts ConfigMap `{config_map}`"),
                format!("create it once per namespace: `kubectl create configmap {config_map} --from-file={host}`"),
            ));
            VolumeSource::ConfigMap {
                name: config_map,
                items: Vec::new(),
                mode: None,
            }
        }
    })
}

/// Removes the ConfigMap mount `plan::bind_file` made at `target`, with its volume and ConfigMap.
fn unmount_file_copy(cx: &mut Context, w: &mut Workload, target: &str) {
    let mut removed = Vec::new();
    for c in &mut w.containers {
        c.volume_mounts.retain(|vm| {
            let copy = vm.mount_path == target && vm.volume.starts_with("file-");
            if copy {
                removed.push(vm.volume.clone());
            }
            !copy
        });
    }
    for volume in removed {
        let still_used = w
            .containers
            .iter()
            .any(|c| c.volume_mounts.iter().any(|vm| vm.volume == volume));
        if still_used {
            continue;
        }
        if let Some(i) = w.volumes.iter().position(|v| v.name == volume) {
            let v = w.volumes.remove(i);
            if let VolumeSource::ConfigMap { name, .. } = v.source {
                cx.shared.config_maps.remove(&name);
            }
        }
    }
}
