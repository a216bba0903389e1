//! A bind mount of one small file under the project directory → a ConfigMap with the file's
//! content (read by the loader; `binaryData` when it is not UTF-8), mounted by `subPath` at the
//! target.

use std::collections::BTreeMap;

use super::volumes::Storage;
use crate::compose::ast::{FileContent, VolumeMount as Mount};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{KeyToPath, PodVolume, VolumeMount, VolumeSource};
use crate::k8s::names;
use crate::yaml::Spanned;

/// The ConfigMap data of a file: its key and the `data` or `binaryData` entry.
pub type Data = (BTreeMap<String, String>, BTreeMap<String, Vec<u8>>);

/// The key the file `source` goes under, and its content as ConfigMap data.
pub fn data(source: &str, content: &FileContent) -> (String, Data) {
    let file = source
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|f| !f.is_empty() && *f != "." && *f != "..")
        .unwrap_or("file");
    let key = names::config_key(file);
    let data = match content {
        FileContent::Text(text) => (
            BTreeMap::from([(key.clone(), text.clone())]),
            BTreeMap::new(),
        ),
        FileContent::Binary(bytes) => (
            BTreeMap::new(),
            BTreeMap::from([(key.clone(), bytes.clone())]),
        ),
    };
    (key, data)
}

/// Mounts the file `key` of ConfigMap `name` at the mount's target.
pub fn mount(
    storage: &mut Storage,
    mount: &Spanned<Mount>,
    source: &str,
    name: &str,
    key: String,
    diags: &mut Diagnostics,
) {
    let m = &mount.value;
    let volume = names::dns_label(&format!("file-{name}"));
    storage.mount(
        PodVolume {
            name: volume.clone(),
            source: VolumeSource::ConfigMap {
                name: name.to_string(),
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
