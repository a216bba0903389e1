//! Reads, for the plan, the files the project's bind mounts name (small UTF-8 files become
//! ConfigMaps) and, only when secrets are embedded, the secrets' data. Every read goes through
//! the filesystem guard: nothing outside the project directory is read unless the user allowed
//! it, and files that look like credentials are never read for a bind mount.

use std::collections::BTreeMap;
use std::path::Path;

use super::fs_guard::Guard;
use super::paths;
use super::read::{self, ReadFailure};
use crate::compose::ast::{Attached, BindSource, MountKind, VolumeMount, MAX_ATTACHED_BYTES};
use crate::yaml::{Node, NodeKind};

/// Name parts of files that hold credentials.
const SENSITIVE_WORDS: &[&str] = &[
    "secret",
    "password",
    "passwd",
    "credential",
    "token",
    "htpasswd",
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    "private",
];

/// Extensions of key stores and private keys.
const SENSITIVE_EXTENSIONS: &[&str] = &["key", "pem", "p12", "pfx", "jks", "keystore", "env"];

/// Directories whose files are credentials.
const SENSITIVE_DIRS: &[&str] = &["secrets", ".ssh", ".aws", ".gnupg", ".docker", ".kube"];

pub fn attach(
    root: &Node,
    base_dir: &Path,
    guard: &Guard,
    env: &BTreeMap<String, String>,
    read_secrets: bool,
) -> Attached {
    let mut out = Attached::default();
    let services = root.get("services").and_then(Node::as_map).unwrap_or(&[]);
    for (_, service) in services {
        let volumes = service.get("volumes").and_then(Node::as_seq).unwrap_or(&[]);
        for entry in volumes {
            let Some(source) = bind_source(entry) else {
                continue;
            };
            if out.bind_sources.contains_key(&source) {
                continue;
            }
            let found = bind_file(&paths::normalize(&base_dir.join(&source)), &source, guard);
            out.bind_sources.insert(source, found);
        }
    }
    if !read_secrets {
        return out;
    }
    let secrets = root.get("secrets").and_then(Node::as_map).unwrap_or(&[]);
    for (name, secret) in secrets {
        let Some(name) = name.as_str() else { continue };
        if let Some(file) = secret.get("file").and_then(Node::as_str) {
            let path = paths::normalize(&base_dir.join(file));
            if guard.check(&path).is_ok() {
                if let Ok(bytes) = read::read_bytes(&path) {
                    out.secrets.insert(name.to_string(), bytes);
                }
            }
        } else if let Some(var) = secret.get("environment").and_then(Node::as_str) {
            if let Some(value) = env.get(var) {
                out.secrets
                    .insert(name.to_string(), value.clone().into_bytes());
            }
        }
    }
    out
}

/// The host path of a bind mount entry (short or long syntax), as written.
fn bind_source(entry: &Node) -> Option<String> {
    match &entry.kind {
        NodeKind::Scalar { text, .. } => {
            let m = VolumeMount::parse(text).ok()?;
            (m.kind == MountKind::Bind).then_some(m.source).flatten()
        }
        NodeKind::Map(_) => {
            let bind = entry.get("type").and_then(Node::as_str) == Some("bind");
            bind.then(|| entry.get("source").and_then(Node::as_str))
                .flatten()
                .map(str::to_string)
        }
        NodeKind::Seq(_) => None,
    }
}

fn bind_file(path: &Path, written: &str, guard: &Guard) -> BindSource {
    if guard.check(path).is_err() {
        return BindSource::Unusable("it is outside the project directory".into());
    }
    if path.is_dir() {
        return BindSource::Directory;
    }
    if looks_sensitive(written) {
        return BindSource::Sensitive;
    }
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() > MAX_ATTACHED_BYTES => {
            return BindSource::Unusable(format!(
                "it is {} bytes, over the 1 MiB a ConfigMap holds",
                meta.len()
            ))
        }
        _ => {}
    }
    match read::read_bytes(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            // Key material inside an innocently named file.
            Ok(text) if text.contains("PRIVATE KEY-----") => BindSource::Sensitive,
            Ok(text) => BindSource::Text(text),
            Err(_) => BindSource::Unusable("it is not UTF-8 text".into()),
        },
        Err(ReadFailure::Directory) => BindSource::Directory,
        Err(failure) => BindSource::Unusable(failure.reason()),
    }
}

/// Whether a path names a file that holds credentials, by its name or its directory.
pub fn looks_sensitive(written: &str) -> bool {
    let lower = written.to_ascii_lowercase();
    let mut components = lower
        .split(['/', '\\'])
        .filter(|c| !c.is_empty() && *c != ".");
    let Some(file) = lower.rsplit(['/', '\\']).next() else {
        return false;
    };
    if components.any(|c| SENSITIVE_DIRS.contains(&c)) {
        return true;
    }
    if SENSITIVE_WORDS.iter().any(|w| file.contains(w)) {
        return true;
    }
    let ext = file.rsplit_once('.').map(|(_, e)| e);
    file == ".env" || ext.is_some_and(|e| SENSITIVE_EXTENSIONS.contains(&e))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::looks_sensitive;

    #[test]
    fn sensitive_names() {
        for yes in [
            "./secrets/db.txt",
            "./tls/server.key",
            "./.env",
            "./prod.env",
            "./config/db_password.txt",
            "./.ssh/config",
            "./certs/cert.pem",
        ] {
            assert!(looks_sensitive(yes), "{yes}");
        }
        for no in [
            "./nginx.conf",
            "./config/app.yaml",
            "./Caddyfile",
            "./init.sql",
        ] {
            assert!(!looks_sensitive(no), "{no}");
        }
    }
}
