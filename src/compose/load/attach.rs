//! Reads, for the plan, the files the project's bind mounts name (small files become
//! ConfigMaps), the regular files of the directories they name (a read-only configuration
//! directory becomes a ConfigMap; the walk stops at the first symbolic link, credential-like file
//! or exceeded [`DIR_LIMITS`] and says why) and, only when secrets are embedded, the secrets'
//! data. Every read goes through the filesystem guard: nothing outside the project directory is
//! read unless the user allowed it. A file that looks like credentials (`sensitive`: by its name,
//! or by markers in its text) is never passed on, and neither is a directory that holds one; the
//! plan learns only which file it was. Sources are read once each by their real path, within
//! [`MAX_ATTACHED_TOTAL_BYTES`] for the whole project.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::fs_guard::Guard;
use super::paths;
use super::read;
use super::sensitive;
use crate::compose::ast::{
    Attached, BindSource, DirFile, DirLimits, FileContent, MountKind, VolumeMount, DIR_LIMITS,
    MAX_ATTACHED_BYTES,
};
use crate::yaml::limits::MAX_ATTACHED_TOTAL_BYTES;
use crate::yaml::{Node, NodeKind};

pub fn attach(
    root: &Node,
    base_dir: &Path,
    guard: &Guard,
    env: &BTreeMap<String, String>,
    read_secrets: bool,
) -> Attached {
    let mut out = Attached::default();
    let mut reader = Reader {
        guard,
        seen: BTreeMap::new(),
        budget: MAX_ATTACHED_TOTAL_BYTES,
    };
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
            let found = reader.source(&paths::normalize(&base_dir.join(&source)), &source);
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

/// Reads bind sources once each, by where they really are, within one byte budget for the
/// whole project: without both, a few kilobytes of Compose naming one large directory a thousand
/// ways (`./x0/../big`, `./x1/../big`, …) would read it a thousand times into memory.
struct Reader<'a> {
    guard: &'a Guard,
    /// Canonical path → what was found there.
    seen: BTreeMap<PathBuf, Arc<BindSource>>,
    /// Bytes still to be read, of [`MAX_ATTACHED_TOTAL_BYTES`].
    budget: u64,
}

impl Reader<'_> {
    fn source(&mut self, path: &Path, written: &str) -> Arc<BindSource> {
        // `~` is the home directory of whoever runs Compose, never the project's.
        if written.starts_with('~') || self.guard.check(path).is_err() {
            return Arc::new(BindSource::Outside);
        }
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        // The name as written says "credentials" even when it links to an innocent name, so it
        // is judged before the shared reading.
        if let Some(found) = sensitive_name(path, written) {
            return Arc::new(found);
        }
        if let Some(found) = self.seen.get(&key) {
            return Arc::clone(found);
        }
        let found = Arc::new(bind_file(path, &key, written, &mut self.budget));
        self.seen.insert(key, Arc::clone(&found));
        found
    }
}

/// A source whose written name says it holds credentials.
fn sensitive_name(path: &Path, written: &str) -> Option<BindSource> {
    let dir = path.is_dir();
    let why = if dir {
        sensitive::dir_by_name(written)
    } else {
        sensitive::by_name(written)
    }?;
    Some(BindSource::Sensitive {
        why: format!("`{written}` looks like credentials ({why})"),
        dir,
    })
}

fn over_budget() -> String {
    format!(
        "the bind-mounted files read for ConfigMaps already reach {} MiB, the most read for one project",
        MAX_ATTACHED_TOTAL_BYTES >> 20
    )
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

/// What is at `path` (inside the project, or allowed outside it), whose links lead to `real`.
fn bind_file(path: &Path, real: &Path, written: &str, budget: &mut u64) -> BindSource {
    // Files there are produced by the kernel on reading and may block (`/proc/kmsg`), even when
    // `--allow-outside-project` lets the guard pass them.
    if ["/proc", "/sys", "/dev"]
        .iter()
        .any(|p| path.starts_with(p) || real.starts_with(p))
    {
        return BindSource::Unusable(
            "it is a kernel or device filesystem, which is never read".into(),
        );
    }
    let Ok(meta) = std::fs::metadata(path) else {
        // Nothing there, or a link to nothing: Compose would create a directory either way.
        return BindSource::Missing;
    };
    if meta.is_dir() {
        return match dir_files(path, DIR_LIMITS, budget) {
            Ok(files) => BindSource::Directory(Ok(files)),
            Err(Refused::Credentials(why)) => BindSource::Sensitive { why, dir: true },
            Err(Refused::Other(why)) => BindSource::Directory(Err(why)),
        };
    }
    // A link with an innocent name to `.env` is still `.env`.
    let real_name = real.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if let Some(why) = sensitive::by_name(real_name) {
        return BindSource::Sensitive {
            why: format!("`{written}` looks like credentials ({why})"),
            dir: false,
        };
    }
    if !meta.is_file() {
        return BindSource::Unusable("it is not a regular file".into());
    }
    if meta.len() > MAX_ATTACHED_BYTES {
        return BindSource::Unusable(format!(
            "it is {} bytes, over the 1 MiB a ConfigMap holds",
            meta.len()
        ));
    }
    if meta.len() > *budget {
        return BindSource::Unusable(over_budget());
    }
    // The guard judged `real`; a link swapped in since would lead elsewhere, so what is opened
    // must be the file at `real`.
    let judged = std::fs::symlink_metadata(real).ok();
    let data = match read_regular(path, judged.as_ref(), MAX_ATTACHED_BYTES) {
        Ok(data) => data,
        Err(why) => return BindSource::Unusable(why),
    };
    *budget = budget.saturating_sub(data.len() as u64);
    let holds = |why: &str| BindSource::Sensitive {
        why: format!("`{written}` holds credentials ({why})"),
        dir: false,
    };
    match String::from_utf8(data) {
        Ok(text) => match sensitive::by_content(&text) {
            Some(why) => holds(why),
            None => BindSource::File(FileContent::Text(text)),
        },
        Err(e) => {
            let data = e.into_bytes();
            if let Some(why) = sensitive::by_content(&String::from_utf8_lossy(&data)) {
                return holds(why);
            }
            // `binaryData` is base64: four bytes for every three.
            let encoded = (data.len() as u64).div_ceil(3) * 4;
            if encoded > DIR_LIMITS.bytes {
                return BindSource::Unusable(format!(
                    "it is {} bytes of binary data, {encoded} as base64, over the {} KiB a ConfigMap can take",
                    data.len(),
                    DIR_LIMITS.bytes / 1024
                ));
            }
            BindSource::File(FileContent::Binary(data))
        }
    }
}

/// Why a directory's files cannot be a ConfigMap.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// A file in it holds credentials: said by its path, never its content.
    Credentials(String),
    Other(String),
}

impl Refused {
    #[cfg(test)]
    fn why(&self) -> &str {
        match self {
            Refused::Credentials(w) | Refused::Other(w) => w,
        }
    }
}

/// The regular files under `dir`, for a ConfigMap, or why they cannot be one. Stops at the first
/// thing that rules the ConfigMap out, so a large tree is not walked to its end. What it reads is
/// taken from `budget`.
pub(crate) fn dir_files(
    dir: &Path,
    limits: DirLimits,
    budget: &mut u64,
) -> Result<Vec<DirFile>, Refused> {
    let mut walk = Walk {
        limits,
        files: Vec::new(),
        bytes: 0,
        dirs: 0,
        budget,
    };
    walk.dir(dir, "", 0)?;
    Ok(walk.files)
}

struct Walk<'a> {
    limits: DirLimits,
    files: Vec<DirFile>,
    /// Bytes the ConfigMap would hold so far (binary files at their base64 size).
    bytes: u64,
    dirs: usize,
    budget: &'a mut u64,
}

impl Walk<'_> {
    fn dir(&mut self, dir: &Path, prefix: &str, depth: usize) -> Result<(), Refused> {
        let limits = self.limits;
        if depth > limits.depth {
            return Err(Refused::Other(format!(
                "it nests deeper than {} directories",
                limits.depth
            )));
        }
        self.dirs += 1;
        if self.dirs > limits.dirs {
            return Err(Refused::Other(format!(
                "it holds more than {} directories",
                limits.dirs
            )));
        }
        let unreadable =
            |e: std::io::Error| Refused::Other(format!("`{}` cannot be read: {e}", show(prefix)));
        // More entries than files and directories allowed rule the ConfigMap out whatever they
        // are, so the listing stops there instead of at the end of a huge directory.
        let most = limits.files.saturating_add(limits.dirs);
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(unreadable)? {
            entries.push(entry.map_err(unreadable)?.file_name());
            if entries.len() > most {
                return Err(Refused::Other(format!(
                    "`{}` holds more than {most} entries",
                    show(prefix)
                )));
            }
        }
        // Directory order differs between filesystems; the output must not.
        entries.sort();
        for name in entries {
            let Some(name) = name.to_str().map(str::to_string) else {
                return Err(Refused::Other(format!(
                    "`{}` has a file name that is not UTF-8",
                    show(prefix)
                )));
            };
            let rel = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            let path = dir.join(&name);
            let meta = std::fs::symlink_metadata(&path)
                .map_err(|e| Refused::Other(format!("`{rel}` cannot be read: {e}")))?;
            if meta.file_type().is_symlink() {
                return Err(Refused::Other(format!("`{rel}` is a symbolic link")));
            }
            if meta.is_dir() {
                self.dir(&path, &rel, depth + 1)?;
                continue;
            }
            if !meta.is_file() {
                return Err(Refused::Other(format!("`{rel}` is not a regular file")));
            }
            if let Some(why) = sensitive::by_name(&rel) {
                return Err(Refused::Credentials(format!(
                    "`{rel}` looks like credentials ({why})"
                )));
            }
            self.file(&path, rel, &meta)?;
        }
        Ok(())
    }

    fn file(&mut self, path: &Path, rel: String, meta: &std::fs::Metadata) -> Result<(), Refused> {
        let limits = self.limits;
        let too_large = || {
            Refused::Other(format!(
                "its files are larger than the {} KiB a ConfigMap can take",
                limits.bytes / 1024
            ))
        };
        if self.files.len() >= limits.files {
            return Err(Refused::Other(format!(
                "it holds more than {} files",
                limits.files
            )));
        }
        // Checked before reading, so a huge file is never loaded.
        if self.bytes.saturating_add(meta.len()) > limits.bytes {
            return Err(too_large());
        }
        if meta.len() > *self.budget {
            return Err(Refused::Other(over_budget()));
        }
        let cap = limits.bytes.saturating_sub(self.bytes);
        let data = read_regular(path, Some(meta), cap)
            .map_err(|why| Refused::Other(format!("`{rel}`: {why}")))?;
        *self.budget = self.budget.saturating_sub(data.len() as u64);
        let holds = |why: &str| Refused::Credentials(format!("`{rel}` holds credentials ({why})"));
        let (content, size) = match String::from_utf8(data) {
            Ok(text) => {
                if let Some(why) = sensitive::by_content(&text) {
                    return Err(holds(why));
                }
                let n = text.len() as u64;
                (FileContent::Text(text), n)
            }
            // `binaryData` is base64: four bytes for every three.
            Err(e) => {
                let data = e.into_bytes();
                if let Some(why) = sensitive::by_content(&String::from_utf8_lossy(&data)) {
                    return Err(holds(why));
                }
                let n = (data.len() as u64).div_ceil(3) * 4;
                (FileContent::Binary(data), n)
            }
        };
        self.bytes = self.bytes.saturating_add(size);
        if self.bytes > limits.bytes {
            return Err(too_large());
        }
        self.files.push(DirFile { path: rel, content });
        Ok(())
    }
}

/// The content of the regular file at `path`, at most `cap` bytes. Read through the handle that
/// was opened and checked, not the path again: when `expected` (what `symlink_metadata` saw) is
/// given, a file swapped for a symbolic link or another file in between is refused, since it is
/// not the one that was checked.
fn read_regular(
    path: &Path,
    expected: Option<&std::fs::Metadata>,
    cap: u64,
) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("it cannot be read: {e}"))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("it cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    #[cfg(unix)]
    if let Some(before) = expected {
        use std::os::unix::fs::MetadataExt;
        if (meta.dev(), meta.ino()) != (before.dev(), before.ino()) {
            return Err("it changed while it was read".into());
        }
    }
    #[cfg(not(unix))]
    let _ = expected;
    let mut data = Vec::new();
    file.take(cap.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| format!("it cannot be read: {e}"))?;
    if data.len() as u64 > cap {
        return Err("it grew while it was read".into());
    }
    Ok(data)
}

fn show(prefix: &str) -> &str {
    if prefix.is_empty() {
        "."
    } else {
        prefix
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::{dir_files, Reader, Refused};
    use crate::compose::ast::{BindSource, DirLimits, FileContent, DIR_LIMITS};
    use crate::compose::load::fs_guard::Guard;
    use crate::compose::load::test_dir::TestDir;

    fn files(dir: &std::path::Path, limits: DirLimits) -> Result<Vec<super::DirFile>, Refused> {
        let mut budget = u64::MAX;
        dir_files(dir, limits, &mut budget)
    }

    #[test]
    fn directory_files() {
        let dir = TestDir::new("attach-dir");
        dir.write("conf/app.conf", "a = 1\n");
        dir.write("conf/sub/deep/x.yaml", "x: 1\n");
        std::fs::write(dir.path().join("conf/logo.png"), [0x89u8, 0x50, 0xff, 0x00]).unwrap();
        let found = files(&dir.path().join("conf"), DIR_LIMITS).unwrap();
        let paths: Vec<&str> = found.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["app.conf", "logo.png", "sub/deep/x.yaml"]);
        assert!(matches!(found[1].content, FileContent::Binary(_)));
        assert_eq!(found[0].content, FileContent::Text("a = 1\n".into()));
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
            dirs: 8,
        };
        assert!(files(&d, tiny(20, 10, 4)).is_ok());
        let why = files(&d, tiny(15, 10, 4)).unwrap_err();
        assert!(why.why().contains("larger than"), "{why:?}");
        let why = files(&d, tiny(100, 1, 4)).unwrap_err();
        assert!(why.why().contains("more than 1 files"), "{why:?}");
        dir.write("d/x/y/z.txt", "z");
        let why = files(&d, tiny(100, 10, 1)).unwrap_err();
        assert!(why.why().contains("deeper"), "{why:?}");
        // Binary files count at their base64 size: 3 bytes are 4.
        let e = dir.path().join("bin");
        std::fs::create_dir_all(&e).unwrap();
        std::fs::write(e.join("b"), [0xffu8; 3]).unwrap();
        assert!(files(&e, tiny(3, 10, 1)).is_err());
        assert!(files(&e, tiny(4, 10, 1)).is_ok());
        #[cfg(unix)]
        {
            dir.write("l/a.txt", "a");
            std::os::unix::fs::symlink("/etc/hostname", dir.path().join("l/link")).unwrap();
            let why = files(&dir.path().join("l"), DIR_LIMITS).unwrap_err();
            assert!(why.why().contains("symbolic link"), "{why:?}");
        }
    }

    #[test]
    fn listing_and_directories_are_bounded() {
        let dir = TestDir::new("attach-dir-bounds");
        for i in 0..12 {
            dir.write(&format!("many/e{i}/x.txt"), "x");
        }
        let limits = DirLimits {
            bytes: 1 << 20,
            files: 4,
            depth: 4,
            dirs: 4,
        };
        let why = files(&dir.path().join("many"), limits).unwrap_err();
        assert!(why.why().contains("more than 8 entries"), "{why:?}");
        for i in 0..6 {
            dir.write(&format!("deep/e{i}/.keep"), "");
        }
        let why = files(
            &dir.path().join("deep"),
            DirLimits {
                files: 100,
                ..limits
            },
        )
        .unwrap_err();
        assert!(why.why().contains("more than 4 directories"), "{why:?}");
    }

    #[test]
    fn credentials_are_named_not_quoted() {
        let dir = TestDir::new("attach-dir-credentials");
        for (path, content) in [
            ("a/sub/signing.asc", "x"),
            ("b/wg0.conf", "[Interface]\nPrivateKey = yAnz5TF\n"),
            ("c/.npmrc", "x"),
            ("d/acme.json", "{}"),
            ("e/.env.production", "DB_PASSWORD=hunter2\n"),
            (
                "f/notes.txt",
                "-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQdGBF\n",
            ),
            ("g/app.ini", "admin_password = hunter2\n"),
        ] {
            dir.write(path, content);
            let top = path.split('/').next().unwrap();
            let refused = files(&dir.path().join(top), DIR_LIMITS).unwrap_err();
            let Refused::Credentials(why) = refused else {
                panic!("{path}: {refused:?}")
            };
            let name = path.rsplit('/').next().unwrap();
            assert!(why.contains(name), "{why}");
            assert!(
                !why.contains("hunter2") && !why.contains("yAnz5TF"),
                "{why}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_file_swapped_after_its_check_is_not_read() {
        let dir = TestDir::new("attach-swapped");
        let a = dir.write("a.conf", "a");
        let b = dir.write("b.conf", "b");
        let checked = std::fs::symlink_metadata(&a).unwrap();
        assert_eq!(super::read_regular(&a, Some(&checked), 10).unwrap(), b"a");
        let why = super::read_regular(&b, Some(&checked), 10).unwrap_err();
        assert!(why.contains("changed"), "{why}");
        let why = super::read_regular(&a, None, 0).unwrap_err();
        assert!(why.contains("grew"), "{why}");
    }

    #[test]
    fn sources_are_read_once_within_a_budget() {
        let dir = TestDir::new("attach-sources");
        dir.write("big/a.conf", &"a".repeat(600));
        dir.write("other/b.conf", &"b".repeat(600));
        dir.write("x0/.keep", "");
        dir.write("x1/.keep", "");
        dir.write("one.conf", &"c".repeat(600));
        dir.write("geo.mmdb", "");
        std::fs::write(dir.path().join("geo.mmdb"), [0xffu8, 0xfe, 0x00, 0x01]).unwrap();
        dir.write(".env.local", "DB_PASSWORD=hunter2\n");
        let guard = Guard::new(dir.path(), false);
        let mut reader = Reader {
            guard: &guard,
            seen: Default::default(),
            budget: 1000,
        };
        let at = |p: &str| dir.path().join(p.trim_start_matches("./"));
        let a = reader.source(&at("./big"), "./x0/../big");
        let b = reader.source(&at("./big/."), "./x1/../big");
        assert!(std::sync::Arc::ptr_eq(&a, &b));
        assert!(matches!(&*a, BindSource::Directory(Ok(_))));
        assert_eq!(reader.budget, 400);
        // The budget is spent: the next source is not read.
        let c = reader.source(&at("./other"), "./other");
        assert!(
            matches!(&*c, BindSource::Directory(Err(w)) if w.contains("MiB")),
            "{c:?}"
        );
        let d = reader.source(&at("./one.conf"), "./one.conf");
        assert!(
            matches!(&*d, BindSource::Unusable(w) if w.contains("MiB")),
            "{d:?}"
        );
        let g = reader.source(&at("./geo.mmdb"), "./geo.mmdb");
        assert!(
            matches!(&*g, BindSource::File(FileContent::Binary(_))),
            "{g:?}"
        );
        let e = reader.source(&at("./.env.local"), "./.env.local");
        assert!(
            matches!(&*e, BindSource::Sensitive { dir: false, .. }),
            "{e:?}"
        );
    }
}
