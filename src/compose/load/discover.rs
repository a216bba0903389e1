//! Finding the Compose file when none is named, as `docker compose` does.

use std::path::{Path, PathBuf};

/// The names Compose looks for, in its order of preference.
pub const DEFAULT_FILES: &[&str] = &[
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];

/// The first default file present in `dir`, and any others that were passed over (Compose warns
/// about those).
pub fn discover(dir: &Path) -> Option<(PathBuf, Vec<PathBuf>)> {
    let mut found = DEFAULT_FILES
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| p.is_file());
    let first = found.next()?;
    Some((first, found.collect()))
}
