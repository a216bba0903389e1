use super::service::ServicePlan;
use crate::compose::ast::Environment;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{EnvValue, EnvVar, Fact};

/// `environment` → container `env`, in source order. Credentials are settled once every
/// container is final (`credentials::withhold`).
pub fn env(sp: &mut ServicePlan, diags: &mut Diagnostics) -> Vec<Fact<EnvVar>> {
    sp.consume("environment");
    let Some(environment) = &sp.service.environment else {
        return Vec::new();
    };
    vars(&environment.value, diags)
}

/// The variables of an `environment` with a value, in source order.
pub(crate) fn vars(environment: &Environment, diags: &mut Diagnostics) -> Vec<Fact<EnvVar>> {
    let mut out = Vec::new();
    for var in &environment.0 {
        match &var.value {
            Some(value) => out.push(Fact::new(
                var.span,
                EnvVar {
                    name: var.name.clone(),
                    value: EnvValue::Literal(value.clone()),
                },
            )),
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
}
