use std::collections::BTreeSet;

use super::file_ref::{self, Placement};
use super::service::ServicePlan;
use super::shared::Shared;
use super::volumes::Storage;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{Fact, KeyToPath, PodVolume, SecretData, VolumeMount, VolumeSource};
use crate::k8s::names;

/// Service `secrets` → a Secret volume per secret, mounted file by file at `/run/secrets/NAME`
/// (or the `target`). By default the Secret is referenced, never written: its value stays out of
/// the manifests, and the help says how to create it. With `--embed-secrets` the Secret is
/// written with the data the loader read (never into a ConfigMap).
pub fn secrets(
    sp: &mut ServicePlan,
    shared: &mut Shared,
    embed: bool,
    storage: &mut Storage,
    diags: &mut Diagnostics,
) {
    sp.consume("secrets");
    let s = sp.service;
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    for r in s.secrets.iter().flat_map(|x| x.value.iter()) {
        let source = r.value.source.as_str();
        // An undefined secret is reported by the reference checks.
        let Some(def) = sp.project.secrets.get(source) else {
            continue;
        };
        let Placement {
            object: secret_name,
            key,
            target,
        } = file_ref::placement(
            &r.value,
            def.value.name.as_ref(),
            def.value.external.as_ref(),
            "/run/secrets",
        );
        let external = def
            .value
            .external
            .as_ref()
            .is_some_and(|e| e.value.external);
        let data = sp
            .project
            .attached
            .secrets
            .get(source)
            .filter(|_| embed && !external);
        if let Some(data) = data {
            if !shared.secrets.contains_key(&secret_name) {
                diags.push(
                    Diagnostic::new(
                        Code::SecretEmbedded,
                        format!("secret `{source}` is written into Secret `{secret_name}` with its data"),
                    )
                    .at(def.span, "`--embed-secrets`: the value is in the manifests (base64)")
                    .help("keep the manifests out of version control, or drop `--embed-secrets` and create the Secret separately"),
                );
                shared.secrets.insert(
                    secret_name.clone(),
                    Fact::new(
                        def.span,
                        SecretData {
                            name: secret_name.clone(),
                            data: std::collections::BTreeMap::from([(key.clone(), data.clone())]),
                        },
                    ),
                );
            }
            reported.insert(source);
        }
        // Reported once per secret, by the first service that mounts it; the others are named.
        let others: Vec<(&str, crate::source::Span)> = shared
            .secret_users
            .get_or_insert_with(|| {
                let mut users: std::collections::BTreeMap<String, Vec<_>> = Default::default();
                for o in sp.project.services.values() {
                    for o_r in o.secrets.iter().flat_map(|x| x.value.iter()) {
                        users
                            .entry(o_r.value.source.clone())
                            .or_default()
                            .push((o.name.value.clone(), o_r.span));
                    }
                }
                users
            })
            .get(source)
            .into_iter()
            .flatten()
            .map(|(name, span)| (name.as_str(), *span))
            .collect();
        let first = others.first().is_none_or(|(name, _)| *name == s.name.value);
        if reported.insert(source) && first {
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
            let mut d = Diagnostic::new(
                Code::SecretReference,
                format!("secret `{source}` is mounted from Secret `{secret_name}`, which is not generated"),
            )
            .at(r.span, format!("mounted at `{target}`"));
            // `extends` copies entries with their spans: one place is labelled once.
            let mut labelled = BTreeSet::from([r.span]);
            for (other, span) in others.iter().filter(|(n, _)| *n != s.name.value) {
                if labelled.insert(*span) {
                    d = d.also(*span, format!("service `{other}` mounts it too"));
                }
            }
            for from in [&def.value.file, &def.value.environment]
                .into_iter()
                .flatten()
            {
                d = d.also(
                    from.span,
                    "the value comes from here; it is not written into the manifests",
                );
            }
            diags.push(
                d
                .help(if embed && !external {
                    format!("its data could not be read, so it is not embedded; create it before applying: {how}")
                } else {
                    format!("create it before applying: {how}")
                }),
            );
        }
        file_ref::report_ownership(r, "secret", diags);
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::super::networks::testing::run;
    use crate::diag::Code;

    #[test]
    fn a_secret_mounted_by_several_services_is_reported_once() {
        let (_, diags) = run("services:\n  a:\n    image: a\n    secrets: [token]\n  b:\n    image: b\n    secrets: [token]\n  c:\n    image: c\n    secrets: [token]\nsecrets:\n  token:\n    file: ./token.txt\n", false);
        let reports: Vec<_> = diags
            .iter()
            .filter(|d| d.code == Code::SecretReference)
            .collect();
        assert_eq!(reports.len(), 1, "{reports:#?}");
        let others: Vec<&str> = reports[0]
            .secondary
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| t.contains("mounts it too"))
            .collect();
        assert_eq!(
            others,
            ["service `b` mounts it too", "service `c` mounts it too"]
        );
    }
}
