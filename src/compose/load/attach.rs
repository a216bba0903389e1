//! Reads, for the plan, the files the project's bind mounts name (small UTF-8 files become
//! ConfigMaps), the regular files of the directories they name (a read-only configuration
//! directory becomes a ConfigMap; the walk stops at the first symbolic link, credential-like file
//! or exceeded [`DIR_LIMITS`] and says why) and, only when secrets are embedded, the secrets' data. Every read goes through
//! the filesystem guard: nothing outside the project directory is read unless the user allowed
//! it, and files that look like credentials are never read for a bind mount.

use std::collections::BTreeMap;
use std::path::Path;

use super::fs_guard::Guard;
use super::paths;
use super::read::{self, ReadFailure};
use crate::compose::ast::{
    Attached, BindSource, DirFile, DirLimits, FileContent, MountKind, VolumeMount, DIR_LIMITS,
    MAX_ATTACHED_BYTES,
};
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
    // `~` is the home directory of whoever runs Compose, never the project's.
    if written.starts_with('~') || guard.check(path).is_err() {
        return BindSource::Outside;
    }
    // Files there are produced by the kernel on reading and may block (`/proc/kmsg`), even when
    // `--allow-outside-project` lets the guard pass them.
    if ["/proc", "/sys", "/dev"]
        .iter()
        .any(|p| path.starts_with(p))
    {
        return BindSource::Unusable(
            "it is a kernel or device filesystem, which is never read".into(),
        );
    }
    if path.is_dir() {
        let content = if looks_sensitive(written) {
            Err("its name says it holds credentials".to_string())
        } else {
            dir_files(path, DIR_LIMITS)
        };
        return BindSource::Directory(content);
    }
    if std::fs::symlink_metadata(path).is_err() {
        return BindSource::Missing;
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
        Err(ReadFailure::Directory) => BindSource::Directory(dir_files(path, DIR_LIMITS)),
        Err(ReadFailure::NotFound) => BindSource::Missing,
        Err(failure) => BindSource::Unusable(failure.reason()),
    }
}

/// The regular files under `dir`, for a ConfigMap, or why they cannot be one. Stops at the first
/// thing that rules the ConfigMap out, so a large tree is not walked to its end.
pub(crate) fn dir_files(dir: &Path, limits: DirLimits) -> Result<Vec<DirFile>, String> {
    let mut files = Vec::new();
    let mut bytes = 0u64;
    walk(dir, "", 0, limits, &mut files, &mut bytes)?;
    Ok(files)
}

fn walk(
    dir: &Path,
    prefix: &str,
    depth: usize,
    limits: DirLimits,
    files: &mut Vec<DirFile>,
    bytes: &mut u64,
) -> Result<(), String> {
    if depth > limits.depth {
        return Err(format!("it nests deeper than {} directories", limits.depth));
    }
    let unreadable = |e: std::io::Error| format!("`{}` cannot be read: {e}", show(prefix));
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(unreadable)?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<Result<_, _>>()
        .map_err(unreadable)?;
    // Directory order differs between filesystems; the output must not.
    entries.sort();
    for name in entries {
        let Some(name) = name.to_str().map(str::to_string) else {
            return Err(format!(
                "`{}` has a file name that is not UTF-8",
                show(prefix)
            ));
        };
        let rel = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        let path = dir.join(&name);
        let meta =
            std::fs::symlink_metadata(&path).map_err(|e| format!("`{rel}` cannot be read: {e}"))?;
        if meta.file_type().is_symlink() {
            return Err(format!("`{rel}` is a symbolic link"));
        }
        if meta.is_dir() {
            walk(&path, &rel, depth + 1, limits, files, bytes)?;
            continue;
        }
        if !meta.is_file() {
            return Err(format!("`{rel}` is not a regular file"));
        }
        if looks_sensitive(&rel) {
            return Err(format!("`{rel}` looks like it holds credentials"));
        }
        if files.len() >= limits.files {
            return Err(format!("it holds more than {} files", limits.files));
        }
        // Checked before reading, so a huge file is never loaded.
        if bytes.saturating_add(meta.len()) > limits.bytes {
            return Err(format!(
                "its files are larger than the {} KiB a ConfigMap can take",
                limits.bytes / 1024
            ));
        }
        let data = read::read_bytes(&path).map_err(|f| format!("`{rel}`: {}", f.reason()))?;
        let (content, size) = match String::from_utf8(data) {
            Ok(text) if text.contains("PRIVATE KEY-----") => {
                return Err(format!("`{rel}` holds a private key"));
            }
            Ok(text) => {
                let n = text.len() as u64;
                (FileContent::Text(text), n)
            }
            // `binaryData` is base64: four bytes for every three.
            Err(e) => {
                let data = e.into_bytes();
                let n = (data.len() as u64).div_ceil(3) * 4;
                (FileContent::Binary(data), n)
            }
        };
        *bytes = bytes.saturating_add(size);
        if *bytes > limits.bytes {
            return Err(format!(
                "its files are larger than the {} KiB a ConfigMap can take",
                limits.bytes / 1024
            ));
        }
        files.push(DirFile { path: rel, content });
    }
    Ok(())
}

fn show(prefix: &str) -> &str {
    if prefix.is_empty() {
        "."
    } else {
        prefix
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
    use super::{dir_files, looks_sensitive};
    use crate::compose::ast::{DirLimits, FileContent, DIR_LIMITS};
    use crate::compose::load::test_dir::TestDir;

    #[test]
    fn directory_files() {
        let dir = TestDir::new("attach-dir");
        dir.write("conf/app.conf", "a = 1\n");
        dir.write("conf/sub/deep/x.yaml", "x: 1\n");
        std::fs::write(dir.path().join("conf/logo.png"), [0x89u8, 0x50, 0xff, 0x00]).unwrap();
        let files = dir_files(&dir.path().join("conf"), DIR_LIMITS).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["app.conf", "logo.png", "sub/deep/x.yaml"]);
        assert!(matches!(files[1].content, FileContent::Binary(_)));
        assert_eq!(files[0].content, FileContent::Text("a = 1\n".into()));
    }

    #[test]
    fn directory_limits_and_refusals() {
        let dir = TestDir::new("attach-dir-limits");
        dir.write("d/a.txt", "0123456789");
        dir.write("d/b.txt", "0123456789");
        let d = dir.path().join("d");
        let tiny = |bytes, files, depth| DirLimits {
            bytes,
            files,
            depth,
        };
        assert!(dir_files(&d, tiny(20, 10, 4)).is_ok());
        let why = dir_files(&d, tiny(15, 10, 4)).unwrap_err();
        assert!(why.contains("larger than"), "{why}");
        let why = dir_files(&d, tiny(100, 1, 4)).unwrap_err();
        assert!(why.contains("more than 1 files"), "{why}");
        dir.write("d/x/y/z.txt", "z");
        let why = dir_files(&d, tiny(100, 10, 1)).unwrap_err();
        assert!(why.contains("deeper"), "{why}");
        // Binary files count at their base64 size: 3 bytes are 4.
        std::fs::write(dir.path().join("e.bin"), [0xffu8; 3]).unwrap();
        let e = dir.path().join("bin");
        std::fs::create_dir_all(&e).unwrap();
        std::fs::write(e.join("b"), [0xffu8; 3]).unwrap();
        assert!(dir_files(&e, tiny(3, 10, 1)).is_err());
        assert!(dir_files(&e, tiny(4, 10, 1)).is_ok());
        dir.write("s/server.key", "k");
        let why = dir_files(&dir.path().join("s"), DIR_LIMITS).unwrap_err();
        assert!(why.contains("credentials"), "{why}");
        dir.write("p/cert.txt", "-----BEGIN RSA PRIVATE KEY-----\n");
        let why = dir_files(&dir.path().join("p"), DIR_LIMITS).unwrap_err();
        assert!(why.contains("private key"), "{why}");
        #[cfg(unix)]
        {
            dir.write("l/a.txt", "a");
            std::os::unix::fs::symlink("/etc/hostname", dir.path().join("l/link")).unwrap();
            let why = dir_files(&dir.path().join("l"), DIR_LIMITS).unwrap_err();
            assert!(why.contains("symbolic link"), "{why}");
        }
    }

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
