//! A required `env_file` that does not exist (the loader passes it on, `Attached::missing_env_files`)
//! → a Secret the container reads with `envFrom`, and the command that creates it. Such a file is
//! usually a git-ignored `.env` of credentials: the manifests reference it, never hold it.

use std::collections::BTreeSet;

use super::service::ServicePlan;
use super::shared::Shared;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::Fact;
use crate::k8s::names;

/// The Secrets standing in for the service's missing env files, in `env_file` order.
///
/// The order is Compose's: of two env files, the later one's value wins. Kubernetes keeps that
/// for `envFrom` ("When a key exists in multiple sources, the value associated with the last
/// source will take precedence. Values defined by an Env with a duplicate key will take
/// precedence." — `Container.envFrom`, Kubernetes API reference, core/v1), and `env` (Compose
/// `environment`) wins over every entry, as `environment` wins over env files in Compose.
pub fn env_from_secrets(
    sp: &ServicePlan,
    shared: &mut Shared,
    diags: &mut Diagnostics,
) -> Vec<Fact<String>> {
    let Some(missing) = sp
        .project
        .attached
        .missing_env_files
        .get(&sp.service.name.value)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for file in missing {
        // Services that read one file read one Secret: it is created once, under one name.
        let key = normalise(&file.path);
        let secret = match shared.env_file_secret_of_path.get(&key) {
            Some(name) => name.clone(),
            None => {
                let owner = if readers(sp, &key) > 1 {
                    sp.project_name
                } else {
                    sp.name
                };
                let name = unique_name(sp, owner, shared, &file.path);
                shared.env_file_secret_of_path.insert(key, name.clone());
                name
            }
        };
        let mut d = Diagnostic::new(
            Code::EnvFileMissing,
            format!(
                "env file `{}` of service `{}` does not exist: the container reads its variables from Secret `{secret}`",
                file.path, sp.service.name.value
            ),
        )
        .at(file.at, format!("no such file; referenced as Secret `{secret}`"));
        for earlier in &file.read_before {
            d = d.also(
                *earlier,
                "read into `env`, which wins over `envFrom` (in Compose, the later file wins)",
            );
        }
        diags.push(d.help(format!(
            "create the Secret from the file before applying, in the project directory: `kubectl create secret generic {secret} --from-env-file={}` (kubectl takes each `KEY=value` line as written: drop quotes around values and `export`, and keep values on one line)",
            shell_word(&file.path)
        )));
        out.push(Fact::new(file.at, secret));
    }
    out
}

/// `./.env` and `.env` name one file.
fn normalise(path: &str) -> String {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_string()
}

/// How many services of the project read the missing file `key`.
fn readers(sp: &ServicePlan, key: &str) -> usize {
    sp.project
        .attached
        .missing_env_files
        .values()
        .filter(|files| files.iter().any(|f| normalise(&f.path) == key))
        .count()
}

/// `<owner>-<file name>` (`textgen-env` for `.env` of service `textgen`; the project's name when
/// several services read the file), with `-2`, `-3`, … when another missing env file or a
/// Compose secret already names that Secret.
fn unique_name(sp: &ServicePlan, owner: &str, shared: &mut Shared, path: &str) -> String {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let mut part = String::new();
    for c in file.chars() {
        if c.is_ascii_alphanumeric() {
            part.push(c.to_ascii_lowercase());
        } else if !part.is_empty() && !part.ends_with('-') {
            part.push('-');
        }
    }
    let part = part.trim_end_matches('-');
    let base = names::dns_label(&format!(
        "{}-{}",
        owner,
        if part.is_empty() { "env" } else { part }
    ));
    let taken = compose_secret_names(sp);
    let free = |name: &str| !shared.env_file_secrets.contains(name) && !taken.contains(name);
    let mut name = base.clone();
    let mut n = 2u32;
    while !free(&name) {
        let suffix = format!("-{n}");
        let keep = 63usize.saturating_sub(suffix.len());
        let stem: String = base.chars().take(keep).collect();
        name = format!("{}{suffix}", stem.trim_end_matches('-'));
        n += 1;
    }
    shared.env_file_secrets.insert(name.clone());
    name
}

/// The Secrets the project's `secrets` are mounted from (as `file_ref::placement` names them).
fn compose_secret_names(sp: &ServicePlan) -> BTreeSet<String> {
    sp.project
        .secrets
        .iter()
        .map(|(key, def)| {
            let external = def
                .value
                .external
                .as_ref()
                .and_then(|e| e.value.name.as_deref());
            names::dns_subdomain(
                def.value
                    .name
                    .as_ref()
                    .map(|n| n.value.as_str())
                    .or(external)
                    .unwrap_or(key),
            )
        })
        .collect()
}

/// `path` as one shell word: quoted when it holds anything a shell would split or expand.
fn shell_word(path: &str) -> String {
    let plain = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '-' | '_' | '+' | ':' | '@'));
    if plain && !path.is_empty() {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn paths_become_one_shell_word() {
        assert_eq!(shell_word(".env"), ".env");
        assert_eq!(shell_word("./config/app.env"), "./config/app.env");
        assert_eq!(shell_word("my env/.env"), "'my env/.env'");
        assert_eq!(shell_word("it's.env"), r"'it'\''s.env'");
    }
}
