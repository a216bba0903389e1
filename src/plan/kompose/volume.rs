//! `kompose.volume.*`: on a top-level volume, a [`VolumeExtension`] beneath the volume's own
//! block; on a service, the claims of the named volumes it mounts and what its bind mounts
//! become.

use std::collections::BTreeMap;

use indexmap::IndexMap;

use super::service::Reader;
use super::{from_labels, Label, Notes};
use crate::compose::ast::{MountKind, Project, Service, Volume};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::extension::check::{self, is_storage_size};
use crate::extension::{self as ext, quantity, VolumeExtension};
use crate::ir::{VolumeSource, Workload};
use crate::plan::extension::Findings;
use crate::plan::host_paths;
use crate::plan::shared::Shared;
use crate::yaml::de::Context;
use crate::yaml::Spanned;

/// Each volume's effective block: its `kompose.*` labels read as a [`VolumeExtension`], with the
/// volume's own `x-kubernetes` winning key by key. Volumes with neither are left out.
pub fn volumes(
    project: &Project,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Spanned<VolumeExtension>> {
    let mut out = BTreeMap::new();
    for (name, volume) in &project.volumes {
        let Some(v) = volume.value.as_ref() else {
            continue;
        };
        let own = v.x_kubernetes.as_ref();
        let labels = read(name, v, diags);
        let block = match (own, labels) {
            (Some(x), Some(k)) => Spanned::new(x.span, merge(k.value, x.value.clone())),
            (Some(x), None) => x.clone(),
            (None, Some(k)) => k,
            (None, None) => continue,
        };
        out.insert(name.clone(), block);
    }
    out
}

/// The volume's own block wins key by key over what the labels say.
fn merge(k: VolumeExtension, x: VolumeExtension) -> VolumeExtension {
    VolumeExtension {
        size: x.size.or(k.size),
        storage_class: x.storage_class.or(k.storage_class),
        access_modes: x.access_modes.or(k.access_modes),
    }
}

/// The volume's Kompose labels as a block; `None` when nothing was read from them.
fn read(name: &str, v: &Volume, diags: &mut Diagnostics) -> Option<Spanned<VolumeExtension>> {
    let labels = v.labels.as_ref()?;
    let own = v.x_kubernetes.as_ref().map(|x| &x.value);
    let external = v.external.as_ref().is_some_and(|e| e.value.external);
    let mut notes = Notes::new(format!("volume `{name}`"));
    let mut block = VolumeExtension::default();
    for l in Label::all(labels) {
        let known = matches!(
            l.key,
            "kompose.volume.size" | "kompose.volume.storage-class-name" | "kompose.volume.type"
        );
        if external && known {
            notes.invalid(
                l,
                "a value on a volume compose2k8s generates a claim for; this one is external",
            );
            continue;
        }
        match l.key {
            "kompose.volume.size" => {
                if !is_storage_size(l.value) {
                    notes.invalid(l, "a Kubernetes quantity such as `1Gi`");
                    continue;
                }
                let settled = own.is_some_and(|o| o.size.is_some());
                notes.read(l, &format!("size: {}", l.value), settled);
                block.size = Some(l.s(l.value.to_string()));
            }
            "kompose.volume.storage-class-name" => {
                let settled = own.is_some_and(|o| o.storage_class.is_some());
                notes.read(l, &format!("storageClass: {}", l.value), settled);
                block.storage_class = Some(l.s(l.value.to_string()));
            }
            "kompose.volume.type" => match bind_type(l.value) {
                Some(ext::BindVolumeType::PersistentVolumeClaim) => notes.read_as(
                    l,
                    "the default: a named volume becomes a PersistentVolumeClaim",
                    false,
                ),
                Some(_) => notes.unsupported(
                    l,
                    format!(
                        "Kompose label `kompose.volume.type: {}` is not supported on a named volume",
                        l.value
                    ),
                    "a named volume is a PersistentVolumeClaim; the other types apply to bind mounts, as a label of the service",
                ),
                None => notes.invalid(l, BIND_TYPES),
            },
            _ => notes.unknown(l),
        }
    }
    diags.extend(notes.items);
    if block == VolumeExtension::default() {
        return None;
    }
    let block = Spanned::new(labels.span, block);
    // The volume's own block was checked when it was read; the labels' gets the same checks.
    let cx = Context::new();
    check::volume(&block, &cx);
    diags.extend(from_labels(cx.take(), labels));
    Some(block)
}

const BIND_TYPES: &str = "`persistentVolumeClaim`, `hostPath`, `emptyDir` or `configMap`";

fn bind_type(value: &str) -> Option<ext::BindVolumeType> {
    Some(match value {
        "persistentVolumeClaim" => ext::BindVolumeType::PersistentVolumeClaim,
        "hostPath" => ext::BindVolumeType::HostPath,
        "emptyDir" => ext::BindVolumeType::EmptyDir,
        "configMap" => ext::BindVolumeType::ConfigMap,
        _ => return None,
    })
}

impl Reader<'_> {
    /// `kompose.volume.size` and `.storage-class-name` on a service apply to every named volume
    /// the service mounts; the volume's own labels and `x-kubernetes` still win when the claims
    /// are finished.
    pub(super) fn volume_label(&mut self, l: Label, shared: &mut Shared, found: &mut Findings) {
        let is_size = l.key == "kompose.volume.size";
        let bytes = if is_size {
            match quantity::parse(l.value)
                .and_then(|q| q.whole())
                .filter(|_| is_storage_size(l.value))
            {
                Some(b) => Some(b),
                None => return self.notes.invalid(l, "a Kubernetes quantity such as `1Gi`"),
            }
        } else {
            // The rule a volume's `storageClass` is held to, pointing at this label.
            let class = VolumeExtension {
                storage_class: Some(l.s(l.value.to_string())),
                ..VolumeExtension::default()
            };
            let cx = Context::new();
            check::volume(&l.s(class), &cx);
            let bad = cx.take();
            if !bad.is_empty() {
                for mut d in bad {
                    d.message = format!("Kompose label `{}`: {}", l.key, d.message);
                    found.push(d);
                }
                return;
            }
            None
        };
        let field = if is_size { "size" } else { "storageClass" };
        // The volumes the label sizes (or classes), and those whose own block says otherwise.
        let (mut applied, mut own) = (Vec::new(), Vec::new());
        let mounts = self.service.volumes.iter().flat_map(|v| v.value.iter());
        for m in mounts.filter(|m| m.value.kind == MountKind::Volume) {
            let Some(source) = m.value.source.as_deref() else {
                continue;
            };
            let Some(claim) = shared.claims.get_mut(source) else {
                continue;
            };
            let block = shared.volume_blocks.get(source).map(|b| &b.value);
            let settled = block.is_some_and(|b| {
                if is_size {
                    b.size.is_some()
                } else {
                    b.storage_class.is_some()
                }
            });
            if settled {
                own.push(source.to_string());
                continue;
            }
            applied.push(source.to_string());
            match bytes {
                Some(b) => {
                    claim.value.size_bytes = b;
                    found.supersede_where(Code::DefaultVolumeSize, |d| {
                        d.message.contains(&format!("volume `{source}` "))
                    });
                }
                None => claim.value.storage_class = Some(l.value.to_string()),
            }
        }
        if applied.is_empty() && own.is_empty() {
            return self
                .notes
                .invalid(l, "a value on a service that mounts a named volume");
        }
        let (key, value) = (l.key, l.value);
        let mut d = Diagnostic::new(
            Code::KomposeLabel,
            format!("Kompose label `{key}: {value}` is read as `x-kubernetes.{field}: {value}` of each named volume `{}` mounts", self.service.name.value),
        )
        .at(l.at, "a Kompose label");
        let mut help = Vec::new();
        if !applied.is_empty() {
            help.push(format!(
                "write it as `x-kubernetes.{field}: {value}` of volume {} once Kompose is no longer used",
                crate::diag::code_list(&applied)
            ));
        }
        if !own.is_empty() {
            help.push(format!(
                "volume {} sets its own `{field}`, which wins",
                crate::diag::code_list(&own)
            ));
        }
        d = d.help(help.join("; "));
        self.notes.items.push(d);
    }

    /// `kompose.volume.sub-path` mounts a directory of each named volume the service mounts, as
    /// Kompose does, where the mount names no sub-path of its own.
    pub(super) fn sub_path(&mut self, l: Label, w: &mut Workload) {
        if l.value.is_empty() || l.value.starts_with('/') || l.value.split('/').any(|p| p == "..") {
            return self
                .notes
                .invalid(l, "a relative path inside the volume, such as `data`");
        }
        let claims: Vec<&str> = w
            .volumes
            .iter()
            .filter(|v| matches!(v.source, VolumeSource::Claim { .. }))
            .map(|v| v.name.as_str())
            .collect();
        let mut any = false;
        let mounts = w
            .containers
            .iter_mut()
            .flat_map(|c| c.volume_mounts.iter_mut());
        for m in mounts.filter(|m| claims.contains(&m.volume.as_str())) {
            any = true;
            m.sub_path.get_or_insert_with(|| l.value.to_string());
        }
        if !any {
            return self
                .notes
                .invalid(l, "a value on a service that mounts a named volume");
        }
        self.notes.direct(
            l,
            &format!(
                "`subPath: {}` on the mounts of its named volumes (Compose: `volume.subpath` of each mount)",
                l.value
            ),
        );
    }

    /// `kompose.volume.type` on a service decides what its bind mounts become.
    pub(super) fn volume_type(&mut self, l: Label) {
        let Some(ty) = bind_type(l.value) else {
            return self.notes.invalid(l, BIND_TYPES);
        };
        let binds: Vec<String> = typed_binds(self.service)
            .into_iter()
            .map(str::to_string)
            .collect();
        if binds.is_empty() && any_bind(self.service) {
            return self.notes.unsupported(
                l,
                format!("Kompose label `kompose.volume.type: {}` applies to no bind mount of {}", l.value, self.notes.owner),
                "its bind mounts are all of the host (sockets, devices, kernel interfaces), which stay unmounted; map one with `x-kubernetes.volumes` (`type: hostPath`) if the pod must reach the node",
            );
        }
        if binds.is_empty() {
            // Named volumes are claims already; that is Kompose's default type too.
            if ty == ext::BindVolumeType::PersistentVolumeClaim {
                return self.notes.read_as(
                    l,
                    "the default: named volumes are PersistentVolumeClaims",
                    false,
                );
            }
            return self.notes.invalid(
                l,
                "a type for bind mounts; named volumes stay PersistentVolumeClaims",
            );
        }
        let settled = self.settled(|e| e.volumes.is_some());
        self.notes.read(
            l,
            &format!("volumes: {{HOST_PATH: {{type: {}}}}}", l.value),
            settled,
        );
        let map: IndexMap<String, Spanned<ext::BindMapping>> = binds
            .into_iter()
            .map(|source| {
                let mapping = ext::BindMapping {
                    type_: l.s(ty),
                    claim_name: None,
                    size: None,
                    access_modes: None,
                    storage_class: None,
                    path: None,
                    name: None,
                };
                (source, l.s(mapping))
            })
            .collect();
        self.ext.volumes = Some(l.s(map));
    }
}

/// The bind sources a service's `kompose.volume.type` label maps: those of its bind mounts,
/// except host integration paths (`plan::host_paths`): the label types the service's own data,
/// and a ConfigMap or claim cannot stand in for the host's sockets, devices or kernel files, so
/// those keep the decision a bind mount of the host gets.
fn typed_binds(service: &Service) -> Vec<&str> {
    let binds = || {
        service
            .volumes
            .iter()
            .flat_map(|v| v.value.iter())
            .filter(|m| m.value.kind == MountKind::Bind)
    };
    let host: Vec<&str> = binds()
        .filter(|m| {
            let source = m.value.source.as_deref().unwrap_or("");
            host_paths::host_integration(source, &m.value.target).is_some()
        })
        .filter_map(|m| m.value.source.as_deref())
        .collect();
    let mut out: Vec<&str> = Vec::new();
    for source in binds().filter_map(|m| m.value.source.as_deref()) {
        if !host.contains(&source) && !out.contains(&source) {
            out.push(source);
        }
    }
    out
}

fn any_bind(service: &Service) -> bool {
    service
        .volumes
        .iter()
        .flat_map(|v| v.value.iter())
        .any(|m| m.value.kind == MountKind::Bind)
}

/// Whether the service's `kompose.volume.type` label decides what the bind mount of `source`
/// becomes (rule 1 of `plan::bind_defaults`).
pub fn label_maps_bind(service: &Service, source: &str) -> bool {
    let typed = service
        .labels
        .as_ref()
        .and_then(|l| l.value.get("kompose.volume.type"))
        .is_some_and(|t| bind_type(t.trim()).is_some());
    typed && typed_binds(service).contains(&source)
}
