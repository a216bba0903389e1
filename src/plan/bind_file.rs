//! A bind mount of one small text file under the project directory → a ConfigMap with the
//! file's content (read by the loader), mounted by `subPath` at the target.

use std::collections::BTreeMap;

use super::service::ServicePlan;
use super::shared::Shared;
use super::volumes::Storage;
use crate::compose::ast::VolumeMount as Mount;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{ConfigData, Fact, KeyToPath, PodVolume, VolumeMount, VolumeSource};
use crate::k8s::names;
use crate::yaml::Spanned;

pub fn config_map(
    sp: &ServicePlan,
    shared: &mut Shared,
    storage: &mut Storage,
    mount: &Spanned<Mount>,
    source: &str,
    text: &str,
    diags: &mut Diagnostics,
) {
    let m = &mount.value;
    let file = source
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|f| !f.is_empty() && *f != "." && *f != "..")
        .unwrap_or("file");
    let name = names::dns_subdomain(&format!("{}-{file}", sp.name));
    let key = names::config_key(file);
    shared.config_maps.insert(
        name.clone(),
        Fact::new(
            mount.span,
            ConfigData {
                name: name.clone(),
                data: BTreeMap::from([(key.clone(), text.to_string())]),
                binary_data: BTreeMap::new(),
            },
        ),
    );
    let volume = names::dns_label(&format!("file-{name}"));
    storage.mount(
        PodVolume {
            name: volume.clone(),
            source: VolumeSource::ConfigMap {
                name: name.clone(),
                items: vec![KeyToPath {
                    key: key.clone(),
                    path: key.clone(),
                }],
                mode: None,
            },
        },
        VolumeMount {
            volume,
            mount_path: m.target.clone(),
            read_only: true,
            sub_path: Some(key),
        },
    );
    let writable = if m.read_only {
        ""
    } else {
        "; ConfigMap mounts are read-only, so the container can no longer write it"
    };
    diags.push(
        Diagnostic::new(
            Code::BindFileConfigMap,
            format!("bind-mounted file `{source}` becomes ConfigMap `{name}`, mounted at `{}`", m.target),
        )
        .at(mount.span, "the file's content is copied into the manifests")
        .help(format!(
            "the ConfigMap is a snapshot: convert again after editing `{source}`; a pod sees the new content only after a restart (subPath mounts are not updated){writable}"
        )),
    );
}
