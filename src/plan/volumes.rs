use std::collections::BTreeMap;

use super::bind_defaults;
use super::not_translated;
use super::service::ServicePlan;
use super::shared::Shared;
use crate::compose::ast::{MountKind, VolumeMount as Mount};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{Claim, Fact, PodVolume, VolumeMount, VolumeSource};
use crate::k8s::names;
use crate::yaml::Spanned;

/// Compose volumes have no size; this is what a claim requests unless told otherwise.
pub const DEFAULT_CLAIM_BYTES: u64 = 1 << 30;

/// What a service mounts, and the pod volumes behind the mounts.
#[derive(Default)]
pub struct Storage {
    pub mounts: Vec<VolumeMount>,
    pub volumes: Vec<PodVolume>,
}

impl Storage {
    /// Adds a pod volume unless one of that name exists, and mounts it.
    pub fn mount(&mut self, volume: PodVolume, mount: VolumeMount) {
        if !self.volumes.iter().any(|v| v.name == volume.name) {
            self.volumes.push(volume);
        }
        self.mounts.push(mount);
    }

    /// Mounts the claim `claim_name` (as a pod volume of the same name) at `target`.
    pub fn mount_claim(
        &mut self,
        claim_name: &str,
        target: &str,
        read_only: bool,
        sub_path: Option<String>,
    ) {
        self.mount(
            PodVolume {
                name: claim_name.to_string(),
                source: VolumeSource::Claim {
                    claim_name: claim_name.to_string(),
                },
            },
            VolumeMount {
                volume: claim_name.to_string(),
                mount_path: target.to_string(),
                read_only,
                sub_path,
            },
        );
    }
}

/// Service `volumes` and `tmpfs`: named volumes → PersistentVolumeClaims, anonymous volumes and
/// tmpfs → `emptyDir`, bind mounts decided one by one by `plan::bind_defaults`.
pub fn volumes(sp: &mut ServicePlan, shared: &mut Shared, diags: &mut Diagnostics) -> Storage {
    sp.consume("volumes");
    sp.consume("tmpfs");
    let s = sp.service;
    let mut storage = Storage::default();
    let mut anonymous = 0usize;
    for mount in s.volumes.iter().flat_map(|v| v.value.iter()) {
        let m = &mount.value;
        match (m.kind, m.source.as_deref()) {
            (MountKind::Volume, Some(source)) => {
                named(sp, shared, &mut storage, mount, source, diags);
            }
            (MountKind::Volume, None) => {
                anonymous += 1;
                let name = names::dns_label(&format!("anonymous-{anonymous}"));
                diags.push(
                    Diagnostic::new(
                        Code::AnonymousVolume,
                        format!("anonymous volume at `{}` of service `{}` becomes an emptyDir", m.target, s.name.value),
                    )
                    .at(mount.span, "its data lives as long as the pod")
                    .help(format!("name the volume (`data:{}`) and declare it under top-level `volumes:` to keep the data", m.target)),
                );
                storage.mount(
                    PodVolume {
                        name: name.clone(),
                        source: VolumeSource::EmptyDir {
                            memory: false,
                            size_limit_bytes: None,
                        },
                    },
                    VolumeMount {
                        volume: name,
                        mount_path: m.target.clone(),
                        read_only: m.read_only,
                        sub_path: None,
                    },
                );
            }
            (MountKind::Tmpfs, _) => {
                let size = m.tmpfs.as_ref().and_then(|t| t.size.as_ref()).map(|b| b.0);
                if m.tmpfs.as_ref().is_some_and(|t| t.mode.is_some()) {
                    diags.push(not_translated(
                        mount.span,
                        &format!("the tmpfs `mode` at `{}`", m.target),
                        "an emptyDir is writable by the pod's users; set `securityContext.fsGroup` if group access matters",
                    ));
                }
                tmpfs(&mut storage, &m.target, size);
            }
            (MountKind::Bind, _) => {
                bind_defaults::bind(sp, shared, &mut storage, mount, diags);
            }
            (kind, _) => diags.push(
                Diagnostic::new(
                    Code::NotTranslated,
                    format!(
                        "`{}` mount at `{}` of service `{}` is not translated",
                        kind.as_str(),
                        m.target,
                        s.name.value
                    ),
                )
                .at(mount.span, "nothing is mounted here")
                .help("mount the data with a Kubernetes volume of your choice by hand"),
            ),
        }
    }
    // The `tmpfs` key: `PATH` or `PATH:OPTIONS` (size=…, mode=…).
    for entry in s.tmpfs.iter().flat_map(|t| t.value.iter()) {
        let (path, options) = entry.value.split_once(':').unwrap_or((&entry.value, ""));
        let size = options
            .split(',')
            .find_map(|o| o.strip_prefix("size="))
            .and_then(|v| v.parse::<u64>().ok());
        if options.split(',').any(|o| o.starts_with("mode=")) {
            diags.push(not_translated(
                entry.span,
                &format!("the tmpfs `mode` at `{path}`"),
                "an emptyDir is writable by the pod's users; set `securityContext.fsGroup` if group access matters",
            ));
        }
        tmpfs(&mut storage, path, size);
    }
    storage
}

fn tmpfs(storage: &mut Storage, target: &str, size: Option<u64>) {
    let n = storage
        .volumes
        .iter()
        .filter(|v| v.name.starts_with("tmpfs-"))
        .count();
    let name = names::dns_label(&format!("tmpfs-{}", n + 1));
    storage.mount(
        PodVolume {
            name: name.clone(),
            source: VolumeSource::EmptyDir {
                memory: true,
                size_limit_bytes: size,
            },
        },
        VolumeMount {
            volume: name,
            mount_path: target.to_string(),
            read_only: false,
            sub_path: None,
        },
    );
}

fn named(
    sp: &ServicePlan,
    shared: &mut Shared,
    storage: &mut Storage,
    mount: &Spanned<Mount>,
    source: &str,
    diags: &mut Diagnostics,
) {
    let s = sp.service;
    let m = &mount.value;
    // An undefined volume is reported by the reference checks; nothing to mount.
    let Some(def) = sp.project.volumes.get(source) else {
        return;
    };
    let definition = def.value.as_ref();
    let external = definition
        .and_then(|d| d.external.as_ref())
        .is_some_and(|e| e.value.external);
    let given_name = definition
        .and_then(|d| d.name.as_ref().map(|n| n.value.clone()))
        .or_else(|| {
            definition
                .and_then(|d| d.external.as_ref())
                .and_then(|e| e.value.name.clone())
        });
    let claim_name = names::dns_label(given_name.as_deref().unwrap_or(source));
    let users = shared.volume_users.entry(source.to_string()).or_default();
    if !users.contains(&s.name.value) {
        users.push(s.name.value.clone());
        if users.len() == 2 {
            diags.push(
                Diagnostic::new(
                    Code::SharedVolume,
                    format!(
                        "volume `{source}` is mounted by `{}` and `{}`",
                        users.first().map(String::as_str).unwrap_or(""),
                        s.name.value
                    ),
                )
                .at(mount.span, "a second service mounts this volume")
                .also(def.span, "a ReadWriteOnce claim attaches to one node")
                .help(
                    "use a storage class with ReadWriteMany, or give each service its own volume",
                ),
            );
        }
    }
    if !external && !shared.claims.contains_key(source) {
        let mut annotations = BTreeMap::new();
        if let Some(labels) = definition.and_then(|d| d.labels.as_ref()) {
            // Kompose's labels were read as the claim's settings; they are not metadata.
            for (k, v) in labels
                .value
                .iter()
                .filter(|(k, _)| !super::kompose::is_kompose_label(k))
            {
                annotations.insert(k.to_string(), v.to_string());
            }
        }
        report_driver(definition, source, diags);
        diags.push(
            Diagnostic::new(
                Code::DefaultVolumeSize,
                format!("volume `{source}` becomes PersistentVolumeClaim `{claim_name}` of 1Gi"),
            )
            .at(def.span, "Compose volumes have no size")
            .help(format!(
                "check the size before applying; edit `spec.resources.requests.storage` of `{claim_name}` (a claim cannot shrink later)"
            )),
        );
        shared.claims.insert(
            source.to_string(),
            Fact::new(
                def.span,
                Claim {
                    name: claim_name.clone(),
                    size_bytes: DEFAULT_CLAIM_BYTES,
                    access_modes: vec!["ReadWriteOnce".to_string()],
                    storage_class: None,
                    annotations,
                },
            ),
        );
    }
    if m.volume.as_ref().and_then(|v| v.nocopy).is_some_and(|n| n) {
        diags.push(not_translated(
            mount.span,
            "`volume.nocopy`",
            "a new claim starts empty; Kubernetes never copies image content into it",
        ));
    }
    storage.mount_claim(
        &claim_name,
        &m.target,
        m.read_only,
        m.volume.as_ref().and_then(|v| v.subpath.clone()),
    );
}

fn report_driver(
    definition: Option<&crate::compose::ast::Volume>,
    source: &str,
    diags: &mut Diagnostics,
) {
    let Some(d) = definition else { return };
    if let Some(driver) = &d.driver {
        if driver.value != "local" {
            diags.push(not_translated(
                driver.span,
                &format!("the driver of volume `{source}`"),
                "choose a storage class that provides the same backend, and set it on the claim",
            ));
        }
    }
    if let Some(opts) = &d.driver_opts {
        diags.push(not_translated(
            opts.span,
            &format!("`driver_opts` of volume `{source}`"),
            "a local bind-style volume maps to a hostPath or a PersistentVolume you define by hand",
        ));
    }
}
