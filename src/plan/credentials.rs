//! Container variables that look like credentials and whose values came from outside the Compose
//! files (`Attached::values_from_outside`: a set `${VAR}`, an `env_file`, a value-less entry)
//! → `valueFrom.secretKeyRef` on Secret `<workload>-credentials`, written with its data only
//! under `--embed-secrets`. Such values live in git-ignored `.env` files and CI variables; the
//! manifests are usually committed. A credential written in the Compose file itself is already
//! in the project's text: it stays a literal, with a warning.
//!
//! Runs once every container is final (pre_start steps copy the service's variables), so one
//! decision covers every container of a workload.

use std::collections::{BTreeMap, BTreeSet};

use super::environment::looks_like_credential;
use super::shared::Shared;
use crate::compose::ast::Project;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{EnvValue, EnvVar, Fact, SecretData, Workload};
use crate::k8s::names;
use crate::source::Span;

/// Rewrites the credential variables of every workload; reports the Secret once.
pub fn withhold(
    project: &Project,
    project_name: &str,
    embed: bool,
    workloads: &mut [Workload],
    shared: &mut Shared,
    diags: &mut Diagnostics,
) {
    let outside = &project.attached.values_from_outside;
    // One Secret for the project: one command creates it, and services that share a value (a
    // database password) share its key.
    let secret = unique(
        &names::dns_subdomain(&format!("{project_name}-credentials")),
        &taken_names(project, shared),
    );
    let mut withheld = Withheld::default();
    for w in workloads.iter_mut() {
        let mut warned = BTreeSet::new();
        let service = w.service.clone();
        let whose_main = format!("service `{service}`");
        let all = w
            .containers
            .iter_mut()
            .map(|c| (c, whose_main.clone()))
            .chain(w.init_containers.iter_mut().map(|c| {
                let whose = format!("init container `{}` of service `{service}`", c.name);
                (c, whose)
            }));
        for (c, whose) in all {
            for var in &mut c.env {
                let EnvValue::Literal(value) = &var.value.value else {
                    continue;
                };
                // A path under `/run/secrets/` names the file a Compose secret is mounted at:
                // the credential is in the Secret, not in the value.
                if value.is_empty()
                    || value.starts_with("/run/secrets/")
                    || !looks_like_credential(&var.value.name)
                {
                    continue;
                }
                if from_outside(var.span, outside) {
                    let key = withheld.key(&var.value.name, value, var.span, &service);
                    var.value.value = EnvValue::SecretKey {
                        secret: secret.clone(),
                        key,
                    };
                } else if warned.insert(var.span) {
                    diags.push(in_clear_text(&var.value, &whose, &secret, var.span));
                }
            }
        }
    }
    if withheld.data.is_empty() {
        return;
    }
    diags.push(report(&secret, &withheld, embed));
    if embed {
        let at = withheld
            .spans
            .iter()
            .map(|(s, _)| *s)
            .min()
            .unwrap_or(project.span);
        shared.secrets.insert(
            secret.clone(),
            Fact::new(
                at,
                SecretData {
                    name: secret,
                    data: withheld.data,
                },
            ),
        );
    }
}

/// The variables the project's containers read from the credentials Secret.
#[derive(Default)]
struct Withheld {
    /// Key → value, as the Secret holds them.
    data: BTreeMap<String, Vec<u8>>,
    /// Variable name and key, in the order first met.
    vars: Vec<(String, String)>,
    /// Where each key's value came from, and its variable's name.
    spans: Vec<(Span, String)>,
    /// The services that read the Secret.
    services: BTreeSet<String>,
}

impl Withheld {
    /// The key that holds `value` for variable `name`: the name itself (made a valid key), or,
    /// when another container sets the same name to another value, the name with a suffix.
    fn key(&mut self, name: &str, value: &str, at: Span, service: &str) -> String {
        self.services.insert(service.to_string());
        let base = secret_key(name);
        let mut key = base.clone();
        let mut n = 1;
        loop {
            match self.data.get(&key) {
                Some(v) if v.as_slice() == value.as_bytes() => return key,
                Some(_) => {
                    n += 1;
                    key = format!("{base}-{n}");
                }
                None => break,
            }
        }
        self.data.insert(key.clone(), value.as_bytes().to_vec());
        self.vars.push((name.to_string(), key.clone()));
        self.spans.push((at, name.to_string()));
        key
    }
}

/// A Secret key (`[-._a-zA-Z0-9]+`) for a variable name; Compose allows any name without `=`.
fn secret_key(name: &str) -> String {
    let key: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    // `.` and `..` are not keys.
    if key.chars().all(|c| c == '.') {
        format!("_{key}")
    } else {
        key
    }
}

/// Whether the value of the variable written at `var` came from outside the Compose files: the
/// loader recorded its value's span, which lies within the variable's.
fn from_outside(var: Span, outside: &BTreeSet<Span>) -> bool {
    let from = Span {
        file: var.file,
        start: var.start,
        end: 0,
    };
    let to = Span {
        file: var.file,
        start: var.end,
        end: u32::MAX,
    };
    outside.range(from..=to).any(|s| s.end <= var.end)
}

/// Names a credentials Secret must not take: the Secrets the project already makes or refers to.
fn taken_names(project: &Project, shared: &Shared) -> BTreeSet<String> {
    let mut taken: BTreeSet<String> = shared.secrets.keys().cloned().collect();
    taken.extend(shared.env_file_secrets.iter().cloned());
    taken.extend(shared.env_file_secret_of_path.values().cloned());
    for (name, def) in &project.secrets {
        taken.insert(names::dns_subdomain(name));
        if let Some(n) = &def.value.name {
            taken.insert(names::dns_subdomain(&n.value));
        }
    }
    taken
}

fn unique(base: &str, taken: &BTreeSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|name| !taken.contains(name))
        .unwrap_or_else(|| base.to_string())
}

fn in_clear_text(var: &EnvVar, whose: &str, secret: &str, at: Span) -> Diagnostic {
    // The value itself is never put in the diagnostic.
    Diagnostic::new(
        Code::CredentialInEnvironment,
        format!(
            "`{}` of {whose} looks like a credential and has a literal value",
            var.name
        ),
    )
    .at(at, "written into the pod spec in clear text")
    .help(format!(
        "put it in a Secret (`kubectl create secret generic {secret} --from-literal={}=…`) and refer to it with `valueFrom.secretKeyRef`, or use a Compose `secrets:` entry",
        var.name
    ))
}

fn report(secret: &str, withheld: &Withheld, embed: bool) -> Diagnostic {
    let list = |items: &mut dyn Iterator<Item = &String>| {
        items
            .map(|i| format!("`{i}`"))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
            .join(", ")
    };
    let vars = list(&mut withheld.vars.iter().map(|(name, _)| name));
    let one = withheld.vars.len() == 1;
    let services = list(&mut withheld.services.iter());
    let of = if withheld.services.len() == 1 {
        format!("of service {services}")
    } else {
        format!("of services {services}")
    };
    // In file order: the Compose file, read first, before env files, whose lines are not shown.
    let mut spans = withheld.spans.clone();
    spans.sort();
    let mut spans = spans.into_iter();
    let (first, first_name) = spans.next().unwrap_or_default();
    let d = if embed {
        Diagnostic::new(
            Code::SecretEmbedded,
            if one {
                format!("{vars} {of} is written into Secret `{secret}` with its value")
            } else {
                format!("{vars} {of} are written into Secret `{secret}` with their values")
            },
        )
        .at(
            first,
            format!("`--embed-secrets`: the value of `{first_name}` is in the manifests (base64)"),
        )
        .help("keep the manifests out of version control, or drop `--embed-secrets` and create the Secret separately")
    } else {
        let create: Vec<String> = withheld
            .data
            .keys()
            .map(|key| format!("--from-literal={key}=…"))
            .collect();
        Diagnostic::new(
            Code::CredentialWithheld,
            format!(
                "{vars} {of} {} from outside the Compose files: read from Secret `{secret}`, which is not generated",
                if one { "comes" } else { "come" }
            ),
        )
        .at(
            first,
            format!("the value of `{first_name}` is not written into the manifests"),
        )
        .help(format!(
            "create it before applying: `kubectl create secret generic {secret} {}`, or convert with `--embed-secrets` to write it with the values",
            create.join(" ")
        ))
    };
    spans.fold(d, |d, (s, name)| d.also(s, format!("nor that of `{name}`")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::compose::load::LoadOptions;
    use crate::ir::{Container, Migration};
    use crate::plan::test_support::{plan_loaded, text_options};

    fn with_env(text: &str, env: &[(&str, &str)]) -> LoadOptions {
        let mut options = text_options(text);
        options.environment = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>();
        options
    }

    fn env<'a>(m: &'a Migration, service: &str) -> &'a Container {
        &m.workloads
            .iter()
            .find(|w| w.service == service)
            .unwrap()
            .containers[0]
    }

    fn value<'a>(c: &'a Container, name: &str) -> &'a EnvValue {
        &c.env
            .iter()
            .find(|e| e.value.name == name)
            .unwrap()
            .value
            .value
    }

    fn codes(diags: &[Diagnostic]) -> Vec<Code> {
        diags.iter().map(|d| d.code).collect()
    }

    const APP: &str = "name: shop\nservices:\n  app:\n    image: app\n    environment:\n      DB_PASSWORD: ${PG_PASS:-devpass}\n      DB_HOST: ${PG_HOST:-db}\n      API_TOKEN: literal-token\n";

    #[test]
    fn a_credential_from_a_set_variable_is_read_from_a_secret() {
        let (m, diags, _) = plan_loaded(&with_env(
            APP,
            &[("PG_PASS", "hunter2"), ("PG_HOST", "db.internal")],
        ));
        let app = env(&m, "app");
        assert_eq!(
            value(app, "DB_PASSWORD"),
            &EnvValue::SecretKey {
                secret: "shop-credentials".into(),
                key: "DB_PASSWORD".into()
            }
        );
        // Not a credential: stays, whatever its source.
        assert_eq!(
            value(app, "DB_HOST"),
            &EnvValue::Literal("db.internal".into())
        );
        // Written in the file: stays, with the warning.
        assert_eq!(
            value(app, "API_TOKEN"),
            &EnvValue::Literal("literal-token".into())
        );
        assert!(
            m.secrets.is_empty(),
            "not generated without --embed-secrets"
        );
        let withheld: Vec<_> = diags
            .iter()
            .filter(|d| d.code == Code::CredentialWithheld)
            .collect();
        assert_eq!(withheld.len(), 1, "{diags:#?}");
        let help = withheld[0].help.as_deref().unwrap();
        assert!(
            help.contains(
                "kubectl create secret generic shop-credentials --from-literal=DB_PASSWORD=…"
            ),
            "{help}"
        );
        assert!(codes(&diags).contains(&Code::CredentialInEnvironment));
        for d in &diags {
            assert!(!format!("{d:?}").contains("hunter2"), "{d:?}");
        }
    }

    #[test]
    fn a_default_is_text_of_the_compose_file() {
        let (m, diags, _) = plan_loaded(&with_env(APP, &[]));
        assert_eq!(
            value(env(&m, "app"), "DB_PASSWORD"),
            &EnvValue::Literal("devpass".into())
        );
        assert!(!codes(&diags).contains(&Code::CredentialWithheld));
        assert_eq!(
            codes(&diags)
                .iter()
                .filter(|c| **c == Code::CredentialInEnvironment)
                .count(),
            2
        );
    }

    #[test]
    fn a_value_less_entry_resolved_from_the_shell_is_withheld() {
        let text = "services:\n  app:\n    image: app\n    environment:\n      - SECRET_KEY\n";
        let (m, _, _) = plan_loaded(&with_env(text, &[("SECRET_KEY", "s3cret")]));
        assert!(matches!(
            value(env(&m, "app"), "SECRET_KEY"),
            EnvValue::SecretKey { .. }
        ));
    }

    #[test]
    fn embedded_the_secret_holds_the_values() {
        let mut options = with_env(APP, &[("PG_PASS", "hunter2")]);
        options.read_secrets = true;
        let mut sources = crate::source::SourceMap::new();
        let mut diags = Diagnostics::new();
        let (project, name) =
            crate::convert::load_and_read(&options, &mut sources, &mut diags).unwrap();
        let plan_options = crate::plan::PlanOptions {
            embed_secrets: true,
            ..Default::default()
        };
        let m = crate::plan::plan(&project, &name, &plan_options, &mut diags);
        let secret = m
            .secrets
            .iter()
            .find(|s| s.value.name == "shop-credentials")
            .unwrap();
        assert_eq!(
            secret.value.data,
            BTreeMap::from([("DB_PASSWORD".to_string(), b"hunter2".to_vec())])
        );
        let diags = diags.into_sorted();
        assert!(codes(&diags).contains(&Code::SecretEmbedded));
        assert!(!codes(&diags).contains(&Code::CredentialWithheld));
    }

    #[test]
    fn the_secret_name_avoids_the_project_secrets() {
        let text = "name: shop\nservices:\n  app:\n    image: app\n    environment:\n      DB_PASSWORD: ${P}\n    secrets: [shop-credentials]\nsecrets:\n  shop-credentials:\n    environment: P\n";
        let (m, _, _) = plan_loaded(&with_env(text, &[("P", "x")]));
        assert_eq!(
            value(env(&m, "app"), "DB_PASSWORD"),
            &EnvValue::SecretKey {
                secret: "shop-credentials-2".into(),
                key: "DB_PASSWORD".into()
            }
        );
    }

    #[test]
    fn keys_are_valid_and_distinct() {
        assert_eq!(secret_key("DB_PASSWORD"), "DB_PASSWORD");
        assert_eq!(secret_key("my:token"), "my_token");
        assert_eq!(secret_key(".."), "_..");
        let mut w = Withheld::default();
        let at = Span::default();
        assert_eq!(w.key("TOKEN", "a", at, "x"), "TOKEN");
        assert_eq!(
            w.key("TOKEN", "a", at, "y"),
            "TOKEN",
            "same value, same key"
        );
        assert_eq!(w.key("TOKEN", "b", at, "y"), "TOKEN-2");
        assert_eq!(w.vars.len(), 2);
        assert_eq!(w.services.len(), 2);
    }

    #[test]
    fn containment_is_by_file_and_range() {
        use crate::source::FileId;
        let f = FileId(0);
        let g = FileId(1);
        let outside = BTreeSet::from([Span::new(f, 10, 15)]);
        assert!(from_outside(Span::new(f, 5, 15), &outside));
        assert!(from_outside(Span::new(f, 10, 15), &outside));
        assert!(!from_outside(Span::new(f, 11, 20), &outside));
        assert!(!from_outside(Span::new(f, 0, 14), &outside));
        assert!(!from_outside(Span::new(g, 5, 15), &outside));
    }
}
