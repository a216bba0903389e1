use super::service::ServicePlan;
use crate::compose::ast::Environment;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{EnvVar, Fact};

/// `environment` → container `env`, in source order.
pub fn env(sp: &mut ServicePlan, diags: &mut Diagnostics) -> Vec<Fact<EnvVar>> {
    sp.consume("environment");
    let Some(environment) = &sp.service.environment else {
        return Vec::new();
    };
    let whose = format!("service `{}`", sp.service.name.value);
    vars(&environment.value, &whose, sp.name, diags)
}

/// The variables of an `environment` with a value, in source order; `whose` names their owner in
/// messages, `workload` is the Kubernetes name the suggested Secret is named after.
pub(crate) fn vars(
    environment: &Environment,
    whose: &str,
    workload: &str,
    diags: &mut Diagnostics,
) -> Vec<Fact<EnvVar>> {
    let mut out = Vec::new();
    for var in &environment.0 {
        match &var.value {
            Some(value) => {
                // A path under `/run/secrets/` names the file a Compose secret is mounted at:
                // the credential is in the Secret, not in the value.
                if !value.is_empty()
                    && !value.starts_with("/run/secrets/")
                    && looks_like_credential(&var.name)
                {
                    // The value itself is never put in the diagnostic.
                    diags.push(
                        Diagnostic::new(
                            Code::CredentialInEnvironment,
                            format!(
                                "`{}` of {whose} looks like a credential and has a literal value",
                                var.name
                            ),
                        )
                        .at(var.span, "written into the pod spec in clear text")
                        .help(format!(
                            "put it in a Secret (`kubectl create secret generic {} --from-literal={}=…`) and refer to it with `valueFrom.secretKeyRef`, or use a Compose `secrets:` entry",
                            crate::k8s::names::dns_subdomain(&format!("{workload}-credentials")),
                            var.name
                        )),
                    );
                }
                out.push(Fact::new(
                    var.span,
                    EnvVar {
                        name: var.name.clone(),
                        value: value.clone(),
                    },
                ))
            }
            None => diags.push(
                Diagnostic::new(
                    Code::NotTranslated,
                    format!(
                        "`{}` takes its value from the shell that runs Compose",
                        var.name
                    ),
                )
                .at(var.span, "no value here, so the container gets none")
                .help(format!(
                    "give it a value: `{}=...`, or interpolate one: `{}=${{{}}}`",
                    var.name, var.name, var.name
                )),
            ),
        }
    }
    out
}

/// Word parts of variable names that hold credentials.
const CREDENTIAL_WORDS: &[&[&str]] = &[
    &["PASSWORD"],
    &["PASSWD"],
    &["PASS"],
    &["PWD"],
    &["TOKEN"],
    &["SECRET"],
    &["API", "KEY"],
    &["APIKEY"],
    &["PRIVATE", "KEY"],
    &["ACCESS", "KEY"],
    &["SECRET", "KEY"],
    &["CREDENTIALS"],
    &["CREDENTIAL"],
    &["VAULT", "KEY"],
    &["ENCRYPTION", "KEY"],
    &["SIGNING", "KEY"],
    &["MASTER", "KEY"],
];

/// Words that hold a credential when a name ends in them without a separator (`WEBPASSWORD`).
const CREDENTIAL_SUFFIXES: &[&str] = &["PASSWORD", "PASSWD"];

/// Whether a variable name contains a credential word as whole parts (`DB_PASSWORD`,
/// `githubToken`, `AWS_SECRET_ACCESS_KEY`), so `PASSTHROUGH` or `TOKENIZER_PATH` do not count.
pub(crate) fn looks_like_credential(name: &str) -> bool {
    // `PWD` is the shell's working directory, not a password.
    if name == "PWD" {
        return false;
    }
    let words = split_words(name);
    // `*_FILE` variables name a file holding the credential (the Docker images' convention).
    if words.last().is_some_and(|w| w == "FILE" || w == "PATH") {
        return false;
    }
    CREDENTIAL_WORDS.iter().any(|pattern| {
        words
            .windows(pattern.len())
            .any(|w| w.iter().zip(pattern.iter()).all(|(a, b)| a == b))
    }) || words
        .iter()
        .any(|w| CREDENTIAL_SUFFIXES.iter().any(|s| w.ends_with(s)))
}

/// Upper-cased word parts, split at `_`, `-`, `.` and lower→upper case changes.
fn split_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if matches!(c, '_' | '-' | '.') {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_uppercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::looks_like_credential;

    #[test]
    fn credential_names() {
        for yes in [
            "DB_PASSWORD",
            "password",
            "POSTGRES_PASSWORD",
            "githubToken",
            "AWS_SECRET_ACCESS_KEY",
            "STRIPE_API_KEY",
            "OPENAI_APIKEY",
            "ssh-private-key",
            "MYSQL_ROOT_PASSWD",
            "WEBPASSWORD",
            "TOTP_VAULT_KEY",
        ] {
            assert!(looks_like_credential(yes), "{yes}");
        }
        for no in [
            "PASSTHROUGH",
            "TOKENIZER_PATH",
            "POSTGRES_PASSWORD_FILE",
            "KEYBOARD",
            "SECRETARY",
            "PWD",
            "HOME",
            "AUTHOR",
            "DATABASE_PASSWORD_FILE",
            "KEYCLOAK_HOSTNAME",
        ] {
            assert!(!looks_like_credential(no), "{no}");
        }
    }

    #[test]
    fn a_path_under_run_secrets_is_not_a_credential() {
        let env = crate::compose::ast::Environment(vec![
            crate::compose::ast::EnvVar {
                name: "DATABASE_PASSWORD".into(),
                value: Some("/run/secrets/db-password".into()),
                span: crate::source::Span::default(),
            },
            crate::compose::ast::EnvVar {
                name: "WEBPASSWORD".into(),
                value: Some("hunter2".into()),
                span: crate::source::Span::default(),
            },
        ]);
        let mut diags = crate::diag::Diagnostics::new();
        let vars = super::vars(&env, "service `web`", "web", &mut diags);
        assert_eq!(vars.len(), 2);
        let diags = diags.into_sorted();
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert!(diags[0].message.contains("`WEBPASSWORD`"));
        assert!(!diags[0].message.contains("hunter2"));
        assert!(diags[0]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("web-credentials"));
    }
}
