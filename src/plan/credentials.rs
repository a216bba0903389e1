//! Container variables whose values came from outside the Compose files
//! (`Attached::values_from_outside`: a set `${VAR}`, an `env_file`, a value-less entry) and
//! are credentials — by the variable's name (`DB_PASSWORD`) or by the name of a variable
//! interpolated into it (`postgres://u:${DB_PASS}@db/app`) — → `valueFrom.secretKeyRef` on
//! the workload's Secret `<workload>-credentials`, written with its data only under
//! `--embed-secrets`. Such values live in git-ignored `.env` files and CI variables; the
//! manifests are usually committed. Keys follow where values come from, not the values (see
//! `credential-withheld`), so a Secret created once serves later conversions.
//!
//! A credential written in the Compose file itself is already in the project's text: it stays
//! a literal, with a warning. A credential interpolated into a command cannot be moved into a
//! Secret: it is reported.
//!
//! Runs once every container is final (pre_start steps copy the service's variables), so one
//! decision covers every container of a workload.

use std::collections::{BTreeMap, BTreeSet};

use super::environment::looks_like_credential;
use super::shared::Shared;
use crate::compose::ast::{FromOutside, Project};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{EnvValue, EnvVar, Fact, SecretData, Workload};
use crate::k8s::names;
use crate::source::Span;

/// Rewrites the credential variables of every workload; reports each workload's Secret once.
pub fn withhold(
    project: &Project,
    embed: bool,
    workloads: &mut [Workload],
    shared: &mut Shared,
    diags: &mut Diagnostics,
) {
    let outside = &project.attached.values_from_outside;
    let mut taken = taken_names(project, workloads, shared);
    for w in workloads.iter_mut() {
        // One Secret per workload: what it holds does not depend on which other services are
        // converted, and one command creates it.
        let secret = names::unused(
            &names::dns_subdomain(&format!("{}-credentials", w.name)),
            |name| taken.contains(name),
        );
        let mut withheld = Withheld::default();
        let mut warned = BTreeSet::new();
        let service = w.service.clone();
        let main = w.containers.iter_mut().map(|c| (c, None));
        let init = w.init_containers.iter_mut().map(|c| {
            let name = c.name.clone();
            (c, Some(name))
        });
        for (c, init_name) in main.chain(init) {
            for var in &mut c.env {
                let EnvValue::Literal(value) = &var.value.value else {
                    continue;
                };
                // A path under `/run/secrets/` names the file a Compose secret is mounted at:
                // the credential is in the Secret, not in the value.
                if value.is_empty() || value.starts_with("/run/secrets/") {
                    continue;
                }
                let named = looks_like_credential(&var.value.name);
                let from = from_outside(var.span, outside);
                let credential = !from.is_empty()
                    && (named
                        || from
                            .iter()
                            .flat_map(|f| &f.variables)
                            .any(|n| looks_like_credential(n)));
                if credential {
                    // Taken whole from one source: its name, the one the user sets (`DB_PASS`
                    // in `.env`). Built around variables: the container variable's name.
                    let whole = match from.as_slice() {
                        [one] => one.key.clone(),
                        _ => None,
                    };
                    let candidates = [
                        whole,
                        Some(var.value.name.clone()),
                        init_name
                            .as_ref()
                            .map(|c| format!("{c}.{}", var.value.name)),
                    ];
                    let key = withheld.key(
                        candidates.into_iter().flatten(),
                        value,
                        &Use {
                            at: var.span,
                            var: var.value.name.clone(),
                        },
                    );
                    var.value.value = EnvValue::SecretKey {
                        secret: secret.clone(),
                        key,
                    };
                } else if named && warned.insert(var.span) {
                    let whose = match &init_name {
                        None => format!("service `{service}`"),
                        Some(c) => format!("init container `{c}` of service `{service}`"),
                    };
                    diags.push(in_clear_text(&var.value, &whose, &secret, embed, var.span));
                }
            }
        }
        if withheld.data.is_empty() {
            continue;
        }
        taken.insert(secret.clone());
        diags.push(report(&service, w.origin, &secret, &withheld, embed));
        if embed {
            let at = withheld
                .uses
                .iter()
                .map(|(u, _)| u.at)
                .min()
                .unwrap_or(w.origin);
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
}

/// Reports each command, entrypoint, healthcheck test and hook command into which a credential
/// from outside the Compose files was interpolated: it is written into the pod spec as it is.
pub fn report_in_commands(project: &Project, diags: &mut Diagnostics) {
    let outside = &project.attached.values_from_outside;
    for s in project.services.values() {
        // Kubernetes has one handler per event: only the first hook is written (`lifecycle`).
        let hooks = [("post_start", &s.post_start), ("pre_stop", &s.pre_stop)]
            .into_iter()
            .filter_map(|(key, hooks)| {
                let first = hooks.as_ref()?.value.first()?;
                first
                    .value
                    .command
                    .as_ref()
                    .map(|c| (key.to_string(), c.span))
            });
        let steps = s
            .pre_start
            .iter()
            .flat_map(|h| h.value.iter())
            .filter_map(|h| {
                h.value
                    .command
                    .as_ref()
                    .map(|c| ("pre_start".to_string(), c.span))
            });
        let healthcheck = s
            .healthcheck
            .as_ref()
            .filter(|h| !h.value.disable.as_ref().is_some_and(|d| d.value))
            .and_then(|h| h.value.test.as_ref())
            .map(|t| t.span);
        let extension = s.x_kubernetes.as_ref().map(|x| &x.value);
        let probes = extension
            .and_then(|x| x.probes.as_ref())
            .map(|p| ("x-kubernetes.probes".to_string(), p.span));
        // Kompose labels that carry commands: init containers and healthcheck tests.
        let labels = s.labels.iter().flat_map(|l| {
            l.value
                .iter()
                .filter(|(k, _)| {
                    k.starts_with("kompose.") && (k.ends_with(".command") || k.ends_with(".test"))
                })
                .filter_map(|(k, _)| l.value.span_of(k).map(|span| (format!("labels.{k}"), span)))
                .collect::<Vec<_>>()
        });
        let places = [
            ("command", s.command.as_ref().map(|c| c.span)),
            ("entrypoint", s.entrypoint.as_ref().map(|c| c.span)),
            ("healthcheck.test", healthcheck),
        ]
        .into_iter()
        .filter_map(|(key, span)| span.map(|span| (key.to_string(), span)))
        .chain(hooks)
        .chain(steps)
        .chain(probes)
        .chain(labels);
        // An `extends`ed command repeats its span: one warning per place.
        let mut warned = BTreeSet::new();
        for (key, at) in places {
            let names: BTreeSet<&str> = from_outside(at, outside)
                .into_iter()
                .flat_map(|f| &f.variables)
                .map(String::as_str)
                .filter(|n| looks_like_credential(n))
                .collect();
            if names.is_empty() || !warned.insert(at) {
                continue;
            }
            let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            let example = names.iter().next().copied().unwrap_or("VAR");
            diags.push(
                Diagnostic::new(
                    Code::CredentialInCommand,
                    format!(
                        "the `{key}` of service `{}` takes {} from outside the Compose files",
                        s.name.value,
                        list.join(", ")
                    ),
                )
                .at(at, "interpolated here: the value is written into the pod spec in clear text")
                .help(format!(
                    "let the container's shell expand it at run time: write `$${example}` in a shell-form command and give the service an `environment` entry `{example}: ${{{example}}}`, which is read from the credentials Secret"
                )),
            );
        }
    }
}

/// The variables a workload's containers read from its credentials Secret.
#[derive(Default)]
struct Withheld {
    /// Key → value, as the Secret holds them.
    data: BTreeMap<String, Vec<u8>>,
    /// Each variable written somewhere and the key it reads, in the order met.
    uses: Vec<(Use, String)>,
    /// The same, to find one fast: a pre_start step copies the service's variables.
    seen: BTreeSet<(Span, String, String)>,
}

/// A variable that reads the Secret: where it is written, and its name.
struct Use {
    at: Span,
    var: String,
}

impl Withheld {
    /// The key that holds `value`: the first of `candidates` (made valid keys) that is free or
    /// holds that same value; a numbered one when none does, which only values that differ
    /// from one source to another (the shell and an env file) come to.
    fn key(&mut self, candidates: impl Iterator<Item = String>, value: &str, user: &Use) -> String {
        let candidates: Vec<String> = candidates.map(|c| secret_key(&c)).collect();
        let fits = |data: &BTreeMap<String, Vec<u8>>, key: &str| {
            data.get(key)
                .is_none_or(|v| v.as_slice() == value.as_bytes())
        };
        let key = candidates
            .iter()
            .find(|k| fits(&self.data, k))
            .cloned()
            .unwrap_or_else(|| {
                let last = candidates.last().cloned().unwrap_or_default();
                names::unused(&last, |k| !fits(&self.data, k))
            });
        self.data.insert(key.clone(), value.as_bytes().to_vec());
        if self.seen.insert((user.at, user.var.clone(), key.clone())) {
            self.uses.push((
                Use {
                    at: user.at,
                    var: user.var.clone(),
                },
                key.clone(),
            ));
        }
        key
    }
}

/// The longest Secret key Kubernetes accepts.
const MAX_KEY_CHARS: usize = 253;

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
    // `.` and `..` are not keys, nor is anything longer than a DNS subdomain.
    let key = if key.chars().all(|c| c == '.') {
        format!("_{key}")
    } else {
        key
    };
    key.chars().take(MAX_KEY_CHARS).collect()
}

/// What the value written at `at` took from outside the Compose files (empty when nothing): the
/// loader recorded such values by their spans, which lie within `at`.
fn from_outside(at: Span, outside: &BTreeMap<Span, FromOutside>) -> Vec<&FromOutside> {
    let from = Span {
        file: at.file,
        start: at.start,
        end: 0,
    };
    let to = Span {
        file: at.file,
        start: at.end,
        end: u32::MAX,
    };
    outside
        .range(from..=to)
        .filter(|(s, _)| s.end <= at.end)
        .map(|(_, f)| f)
        .collect()
}

/// Names a credentials Secret must not take: the Secrets the project already makes or refers to.
fn taken_names(project: &Project, workloads: &[Workload], shared: &Shared) -> BTreeSet<String> {
    let mut taken: BTreeSet<String> = shared.secrets.keys().cloned().collect();
    taken.extend(shared.env_file_secrets.iter().cloned());
    taken.extend(shared.env_file_secret_of_path.values().cloned());
    for (name, def) in &project.secrets {
        taken.insert(names::dns_subdomain(name));
        if let Some(n) = &def.value.name {
            taken.insert(names::dns_subdomain(&n.value));
        }
    }
    for w in workloads {
        taken.extend(w.scheduling.image_pull_secrets.iter().cloned());
        taken.extend(
            w.publishing
                .ingress
                .iter()
                .filter_map(|i| i.tls_secret.clone()),
        );
        for v in &w.volumes {
            if let crate::ir::VolumeSource::Secret { secret_name, .. } = &v.source {
                taken.insert(secret_name.clone());
            }
        }
        for c in w.containers.iter().chain(&w.init_containers) {
            taken.extend(c.env_from_secrets.iter().map(|s| s.value.clone()));
        }
    }
    taken
}

fn in_clear_text(var: &EnvVar, whose: &str, secret: &str, embed: bool, at: Span) -> Diagnostic {
    let held = if embed {
        "which `--embed-secrets` writes with the value"
    } else {
        "which the manifests reference but do not hold"
    };
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
        "move the value out of the Compose file: write `{}: ${{{}}}` and set `{}` in `.env` or the shell; the container then reads it from Secret `{secret}`, {held}. Or use a Compose `secrets:` entry",
        var.name, var.name, var.name
    ))
}

/// At most this many places are labelled in one report: rendering grows with their number.
const MAX_LABELS: usize = 12;

/// One report per workload. It is located in the service's own file, where its
/// `x-kubernetes.diagnostics` can allow it: at the first variable written there, or at the
/// service's name when every value comes from env files.
fn report(
    service: &str,
    origin: Span,
    secret: &str,
    withheld: &Withheld,
    embed: bool,
) -> Diagnostic {
    let list = |items: BTreeSet<&str>| {
        items
            .into_iter()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let vars = list(withheld.uses.iter().map(|(u, _)| u.var.as_str()).collect());
    let of = format!("of service `{service}`");
    let one = withheld
        .uses
        .iter()
        .map(|(u, _)| &u.var)
        .collect::<BTreeSet<_>>()
        .len()
        == 1;
    // In file order: the Compose file, read first, before env files, whose lines are not shown.
    let mut uses: Vec<&(Use, String)> = withheld.uses.iter().collect();
    uses.sort_by_key(|(u, key)| (u.at, key.clone()));
    let label = |(u, key): &(Use, String)| {
        if u.var == *key {
            format!("`{}`: key `{key}`", u.var)
        } else {
            format!("`{}` reads key `{key}`", u.var)
        }
    };
    let in_env_files_only = uses.first().is_none_or(|(u, _)| u.at.file != origin.file);
    let mut uses = uses.into_iter().peekable();
    let (at, first_label) = match uses.peek() {
        Some(first) if !in_env_files_only => (first.0.at, label(first)),
        _ => (
            origin,
            format!("service `{service}` reads Secret `{secret}`"),
        ),
    };
    if !in_env_files_only {
        uses.next();
    }
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
            at,
            format!("{first_label}; `--embed-secrets` writes the value into the manifests (base64)"),
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
            at,
            format!("{first_label}; the value is not written into the manifests"),
        )
        .help(format!(
            "create it before applying, each key with the value the variable has under Compose: `kubectl create secret generic {secret} {}`; or convert with `--embed-secrets` to write it with the values",
            create.join(" ")
        ))
    };
    let more = uses.len().saturating_sub(MAX_LABELS - 1);
    let mut d = uses
        .by_ref()
        .take(MAX_LABELS - 1)
        .fold(d, |d, u| d.also(u.0.at, label(u)));
    if more > 0 {
        d.message.push_str(&format!(
            " ({more} places not shown; the help lists every key)"
        ));
    }
    d
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
                secret: "app-credentials".into(),
                key: "PG_PASS".into()
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
            help.contains("kubectl create secret generic app-credentials --from-literal=PG_PASS=…"),
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
            .find(|s| s.value.name == "app-credentials")
            .unwrap();
        assert_eq!(
            secret.value.data,
            BTreeMap::from([("PG_PASS".to_string(), b"hunter2".to_vec())])
        );
        let diags = diags.into_sorted();
        assert!(codes(&diags).contains(&Code::SecretEmbedded));
        assert!(!codes(&diags).contains(&Code::CredentialWithheld));
    }

    #[test]
    fn the_secret_name_avoids_the_project_secrets() {
        let text = "name: shop\nservices:\n  app:\n    image: app\n    environment:\n      DB_PASSWORD: ${P}\n    secrets: [app-credentials]\nsecrets:\n  app-credentials:\n    environment: P\n";
        let (m, _, _) = plan_loaded(&with_env(text, &[("P", "x")]));
        assert_eq!(
            value(env(&m, "app"), "DB_PASSWORD"),
            &EnvValue::SecretKey {
                secret: "app-credentials-2".into(),
                key: "P".into()
            }
        );
    }

    #[test]
    fn a_value_holding_an_interpolated_credential_is_withheld() {
        let text = "name: shop\nservices:\n  app:\n    image: app\n    environment:\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n      CACHE_URL: redis://${CACHE_HOST}:6379\n";
        let (m, diags, _) = plan_loaded(&with_env(
            text,
            &[("DB_PASSWORD", "hunter2"), ("CACHE_HOST", "cache")],
        ));
        let app = env(&m, "app");
        assert_eq!(
            value(app, "DATABASE_URL"),
            &EnvValue::SecretKey {
                secret: "app-credentials".into(),
                key: "DATABASE_URL".into()
            }
        );
        assert_eq!(
            value(app, "CACHE_URL"),
            &EnvValue::Literal("redis://cache:6379".into())
        );
        assert!(!codes(&diags).contains(&Code::CredentialInEnvironment));
    }

    #[test]
    fn a_credential_interpolated_into_a_command_is_reported() {
        let text = "services:\n  db:\n    image: postgres\n    command: [\"postgres\", \"-c\", \"password=${PG_PASS}\"]\n    healthcheck:\n      test: [\"CMD-SHELL\", \"PGPASSWORD=${PG_PASS} pg_isready -h ${PG_HOST}\"]\n    pre_stop:\n      - command: [\"sh\", \"-c\", \"echo ${LOG_TOKEN:-none}\"]\n";
        let (_, diags, _) = plan_loaded(&with_env(
            text,
            &[("PG_PASS", "hunter2"), ("PG_HOST", "localhost")],
        ));
        let reported: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| d.code == Code::CredentialInCommand)
            .collect();
        assert_eq!(reported.len(), 2, "{diags:#?}");
        assert!(reported[0].message.contains("`command`"));
        assert!(reported[1].message.contains("`healthcheck.test`"));
        assert!(reported[1].message.contains("`PG_PASS`"));
        assert!(!reported[1].message.contains("PG_HOST"));
        for d in &diags {
            assert!(!format!("{d:?}").contains("hunter2"));
        }
        // Without the variable set, the command holds only the Compose file's text.
        let (_, diags, _) = plan_loaded(&with_env(text, &[]));
        assert!(!codes(&diags).contains(&Code::CredentialInCommand));
    }

    #[test]
    fn the_secret_name_avoids_pull_and_tls_secrets() {
        let text = "name: shop\nservices:\n  app:\n    image: app\n    ports: [\"8080:8080\"]\n    environment:\n      DB_PASSWORD: ${P}\n    x-kubernetes:\n      imagePullSecrets: [app-credentials]\n      ingress: {host: shop.example.com, tls: {secretName: app-credentials-2}}\n";
        let (m, _, _) = plan_loaded(&with_env(text, &[("P", "x")]));
        assert!(matches!(
            value(env(&m, "app"), "DB_PASSWORD"),
            EnvValue::SecretKey { secret, .. } if secret == "app-credentials-3"
        ));
    }

    #[test]
    fn an_env_file_line_interpolating_a_credential_is_withheld() {
        let dir = crate::compose::load::test_dir::TestDir::new("credentials-env-file");
        dir.write(
            "compose.yaml",
            "name: shop\nservices:\n  app:\n    image: app\n    env_file: [app.env, .env]\n",
        );
        dir.write(".env", "DB_PASS=hunter2\n");
        dir.write(
            "app.env",
            "DATABASE_URL=postgres://u:${DB_PASS}@db/app\nMODE=prod\n",
        );
        let mut options = LoadOptions::new(crate::compose::load::Input::Files(vec![dir
            .path()
            .join("compose.yaml")]));
        options.working_dir = dir.path().to_path_buf();
        let (m, _, _) = plan_loaded(&options);
        let app = env(&m, "app");
        assert_eq!(
            value(app, "DATABASE_URL"),
            &EnvValue::SecretKey {
                secret: "app-credentials".into(),
                key: "app.env.DATABASE_URL".into()
            }
        );
        assert_eq!(
            value(app, "DB_PASS"),
            &EnvValue::SecretKey {
                secret: "app-credentials".into(),
                key: "DB_PASS".into()
            },
            "the project's `.env` keeps the variable's name"
        );
        assert_eq!(value(app, "MODE"), &EnvValue::Literal("prod".into()));
    }

    #[test]
    fn a_mapping_value_with_an_equals_sign_is_not_a_variable_whole() {
        let text = "name: shop\nservices:\n  app:\n    image: app\n    environment:\n      OPTS_PASSWORD: a=${DB_PASS}\n  db:\n    image: db\n    environment:\n      - POSTGRES_PASSWORD=${DB_PASS}\n";
        let (m, _, _) = plan_loaded(&with_env(text, &[("DB_PASS", "hunter2")]));
        let key = |service: &str, var: &str| match value(env(&m, service), var) {
            EnvValue::SecretKey { key, .. } => key.clone(),
            EnvValue::Literal(_) => panic!("{var} is a literal"),
        };
        assert_eq!(key("app", "OPTS_PASSWORD"), "OPTS_PASSWORD");
        assert_eq!(key("db", "POSTGRES_PASSWORD"), "DB_PASS");
    }

    #[test]
    fn commands_never_written_are_not_reported() {
        let text = "services:\n  app:\n    image: app\n    healthcheck:\n      disable: true\n      test: [\"CMD\", \"check\", \"${HC_PASSWORD}\"]\n    post_start:\n      - command: [\"true\"]\n      - command: [\"echo\", \"${HOOK_TOKEN}\"]\n    x-kubernetes:\n      probes:\n        liveness:\n          exec:\n            command: [\"/check\", \"--token=${PROBE_TOKEN}\"]\n";
        let (_, diags, _) = plan_loaded(&with_env(
            text,
            &[
                ("HC_PASSWORD", "a"),
                ("HOOK_TOKEN", "b"),
                ("PROBE_TOKEN", "c"),
            ],
        ));
        let reported: Vec<&str> = diags
            .iter()
            .filter(|d| d.code == Code::CredentialInCommand)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(reported.len(), 1, "{reported:#?}");
        assert!(reported[0].contains("x-kubernetes.probes") && reported[0].contains("PROBE_TOKEN"));
    }

    #[test]
    fn keys_are_valid_and_distinct() {
        assert_eq!(secret_key("DB_PASSWORD"), "DB_PASSWORD");
        assert_eq!(secret_key("my:token"), "my_token");
        assert_eq!(secret_key(".."), "_..");
        assert_eq!(secret_key(&"A".repeat(300)).len(), 253);
        let mut w = Withheld::default();
        let user = |var: &str, start: usize| Use {
            at: Span::new(crate::source::FileId(0), start, start + 1),
            var: var.into(),
        };
        let keys = |c: &[&str]| {
            c.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into_iter()
        };
        // One variable read by two container variables: one key.
        assert_eq!(
            w.key(
                keys(&["DB_PASS", "DB_PASSWORD"]),
                "s",
                &user("DB_PASSWORD", 1)
            ),
            "DB_PASS"
        );
        assert_eq!(
            w.key(
                keys(&["DB_PASS", "PGPASSWORD"]),
                "s",
                &user("PGPASSWORD", 2)
            ),
            "DB_PASS"
        );
        // The same name with another value (an env file against the shell): the next candidate.
        assert_eq!(
            w.key(keys(&["DB_PASS", "step.DB_PASS"]), "t", &user("DB_PASS", 3)),
            "step.DB_PASS"
        );
        assert_eq!(
            w.key(keys(&["step.DB_PASS"]), "u", &user("DB_PASS", 4)),
            "step.DB_PASS-2"
        );
        // A copy (a pre_start step's) of a variable already met is one use.
        w.key(keys(&["DB_PASS"]), "s", &user("DB_PASSWORD", 1));
        assert_eq!(w.uses.len(), 4);
        assert_eq!(w.data.len(), 3);
    }

    #[test]
    fn containment_is_by_file_and_range() {
        use crate::source::FileId;
        let f = FileId(0);
        let g = FileId(1);
        let outside = BTreeMap::from([(Span::new(f, 10, 15), FromOutside::whole("X"))]);
        let found = |at: Span| from_outside(at, &outside).len();
        assert_eq!(found(Span::new(f, 5, 15)), 1);
        assert_eq!(found(Span::new(f, 10, 15)), 1);
        assert_eq!(found(Span::new(f, 11, 20)), 0);
        assert_eq!(found(Span::new(f, 0, 14)), 0);
        assert_eq!(found(Span::new(g, 5, 15)), 0);
    }
}
