use std::collections::BTreeSet;

use super::service::ServicePlan;
use super::volumes::Storage;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{KeyToPath, PodVolume, VolumeMount, VolumeSource};
use crate::k8s::names;

/// Service `secrets` → a Secret volume per secret, mounted file by file at `/run/secrets/NAME`
/// (or the `target`). The Secret itself is referenced, never written: its value stays out of the
/// manifests, and the help says how to create it.
pub fn secrets(sp: &mut ServicePlan, storage: &mut Storage, diags: &mut Diagnostics) {
    sp.consume("secrets");
    let s = sp.service;
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    for r in s.secrets.iter().flat_map(|x| x.value.iter()) {
        let source = r.value.source.as_str();
        // An undefined secret is reported by the reference checks.
        let Some(def) = sp.project.secrets.get(source) else {
            continue;
        };
        let external_name = def
            .value
            .external
            .as_ref()
            .and_then(|e| e.value.name.clone());
        let secret_name = names::dns_subdomain(
            def.value
                .name
                .as_ref()
                .map(|n| n.value.as_str())
                .or(external_name.as_deref())
                .unwrap_or(source),
        );
        let key = names::config_key(source);
        let target = match r.value.target.as_deref() {
            Some(t) if t.starts_with('/') => t.to_string(),
            Some(t) => format!("/run/secrets/{t}"),
            None => format!("/run/secrets/{source}"),
        };
        if reported.insert(source) {
            let how = if let Some(file) = &def.value.file {
                format!(
                    "kubectl create secret generic {secret_name} --from-file={key}={}",
                    file.value
                )
            } else if let Some(var) = &def.value.environment {
                format!(
                    "kubectl create secret generic {secret_name} --from-literal={key}=\"${}\"",
                    var.value
                )
            } else {
                format!("the Secret `{secret_name}` must exist in the namespace with a key `{key}`")
            };
            diags.push(
                Diagnostic::new(
                    Code::SecretReference,
                    format!("secret `{source}` is mounted from Secret `{secret_name}`, which is not generated"),
                )
                .at(r.span, format!("mounted at `{target}`"))
                .help(format!("create it before applying: {how}")),
            );
        }
        if r.value.uid.is_some() || r.value.gid.is_some() {
            diags.push(
                Diagnostic::new(
                    Code::NotTranslated,
                    format!("`uid`/`gid` of secret `{source}` are not translated"),
                )
                .at(r.span, "Kubernetes sets file ownership only pod-wide")
                .help("set `securityContext.fsGroup` on the pod by hand if the process needs group access"),
            );
        }
        let volume = names::dns_label(&format!("secret-{secret_name}"));
        storage.mount(
            PodVolume {
                name: volume.clone(),
                source: VolumeSource::Secret {
                    secret_name,
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
