//! File contents and environment values the loader read for the plan, which does no I/O: the
//! files that bind mounts name (so a small config file can become a ConfigMap) and, only with
//! `--embed-secrets`, the data of the project's secrets.

use std::collections::BTreeMap;

/// What the loader found at a path the project names, keyed by the path as written (after the
/// loader made it relative to the project directory).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attached {
    /// Bind mount sources.
    pub bind_sources: BTreeMap<String, BindSource>,
    /// Secret name → its data (`file:` content or `environment:` value); empty unless secrets
    /// are embedded.
    pub secrets: BTreeMap<String, Vec<u8>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BindSource {
    /// A UTF-8 file of at most [`MAX_ATTACHED_BYTES`], with its text.
    Text(String),
    /// A file whose name or place says it holds credentials (`*.key`, `.env`, `secrets/…`):
    /// its content is not read, so it never lands in a ConfigMap.
    Sensitive,
    /// A directory.
    Directory,
    /// A file that is too large, not UTF-8, missing, or outside the project directory.
    Unusable(String),
}

/// A ConfigMap holds at most 1 MiB.
pub const MAX_ATTACHED_BYTES: u64 = 1 << 20;
