//! File contents and environment values the loader read for the plan, which does no I/O: the
//! files that bind mounts name (so a small config file can become a ConfigMap), only with
//! `--embed-secrets` the data of the project's secrets, and the service env files it could not
//! read because they do not exist.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::source::Span;

/// What the loader found at a path the project names, keyed by the path as written (after the
/// loader made it relative to the project directory).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attached {
    /// Bind mount sources. Sources written differently that name the same file or directory
    /// (`./x/../conf`, `./conf/.`) share one reading.
    pub bind_sources: BTreeMap<String, Arc<BindSource>>,
    /// Secret name → its data (`file:` content or `environment:` value); empty unless secrets
    /// are embedded.
    pub secrets: BTreeMap<String, Vec<u8>>,
    /// Service name → its required `env_file` entries that do not exist, in `env_file` order
    /// (filled only when the loader was asked to pass them on; otherwise they are errors).
    pub missing_env_files: BTreeMap<String, Vec<MissingEnvFile>>,
    /// The values that came from outside the Compose files, by span, with the variables they
    /// came from: a scalar that took set variables' values (from the shell or a `.env` file), an
    /// `env_file` entry, a value-less `environment` entry resolved from the environment. Such a
    /// value is not in the project's committed text, so a credential among them is kept out of
    /// the manifests.
    pub values_from_outside: BTreeMap<Span, FromOutside>,
}

/// What a value took from outside the Compose files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FromOutside {
    /// The variables whose values went into it, in order.
    pub variables: Vec<String>,
    /// The Secret key of a value that is one source whole: the variable for `${DB_PASS}` (or
    /// `NAME=${DB_PASS}` as a list item) and for a value-less `DB_PASS` resolved from the
    /// environment; an env file's entry by its name, after the file's path unless the file is
    /// the project's `.env` (`config/app.env.API_TOKEN`, which a Secret key spells
    /// `config_app.env.API_TOKEN`). `None` when the value is built around
    /// variables (`postgres://u:${DB_PASS}@db`).
    pub key: Option<String>,
}

impl FromOutside {
    /// A value that is the variable `name`, whole.
    pub fn whole(name: &str) -> FromOutside {
        FromOutside {
            variables: vec![name.to_string()],
            key: Some(name.to_string()),
        }
    }
}

/// A required `env_file` entry whose file does not exist: the plan reads it from a Secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingEnvFile {
    /// The path as the entry gives it (relative to the project directory).
    pub path: String,
    /// The entry's path.
    pub at: Span,
    /// The entries before it in the same `env_file` whose files were read: their values are in
    /// `environment`, which Kubernetes ranks above `envFrom`, the reverse of Compose's order.
    pub read_before: Vec<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BindSource {
    /// A file of at most [`MAX_ATTACHED_BYTES`], with its content.
    File(FileContent),
    /// A file whose name, place or content says it holds credentials (`*.key`, `.env`,
    /// `secrets/…`, `PRIVATE KEY`), or a directory holding one: its content is kept from
    /// ConfigMaps. `why` names the file (never its content); `dir` when the source is a directory.
    Sensitive { why: String, dir: bool },
    /// A directory: the regular files a ConfigMap could hold, or why it cannot hold them.
    Directory(Result<Vec<DirFile>, String>),
    /// Nothing is there yet; Compose would create an empty directory.
    Missing,
    /// Outside the project directory (or under `~`) and not read without
    /// `--allow-outside-project`.
    Outside,
    /// A file that is too large or otherwise unreadable.
    Unusable(String),
}

/// One regular file of a bind-mounted directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirFile {
    /// Relative to the directory, `/`-separated (`sub/app.conf`).
    pub path: String,
    pub content: FileContent,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileContent {
    Text(String),
    /// Not UTF-8: a ConfigMap carries it in `binaryData`.
    Binary(Vec<u8>),
}

/// A ConfigMap holds at most 1 MiB.
pub const MAX_ATTACHED_BYTES: u64 = 1 << 20;

/// How much of a bind-mounted directory is read for a ConfigMap. Bytes stay a little under
/// [`MAX_ATTACHED_BYTES`] because the object's metadata and `items` count towards the 1 MiB too,
/// and binary files count at their base64 size; the file and depth limits keep a source tree
/// mounted by mistake (`.:/app`) from being walked to the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DirLimits {
    pub bytes: u64,
    pub files: usize,
    pub depth: usize,
    /// Directories visited (the top one included): a tree of empty directories holds no files
    /// but would still be listed to its end.
    pub dirs: usize,
}

pub const DIR_LIMITS: DirLimits = DirLimits {
    bytes: 960 * 1024,
    files: 128,
    depth: 8,
    dirs: 64,
};
