//! `check`: the regenerated layout against the directory on disk, and the unified diff that
//! shows the difference.

use std::path::Path;

use similar::TextDiff;

use super::dir;
use super::error::OutputError;
use super::files::OutputFile;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// On disk, with other bytes.
    Changed,
    /// Not on disk: regenerating would create it.
    Added,
    /// One of the tool's files on disk that no object corresponds to any more.
    Removed,
}

/// One file that differs, with both versions (empty for the side that does not exist).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDrift {
    pub name: String,
    pub change: Change,
    pub on_disk: String,
    pub regenerated: String,
}

/// The files that differ, by name. Empty when the directory is in sync.
pub fn compare(dir: &Path, files: &[OutputFile]) -> Result<Vec<FileDrift>, OutputError> {
    let existing = dir::scan(dir)?.unwrap_or_default();
    let mut drift = Vec::new();
    for f in files {
        let on_disk = match existing.owned.get(&f.name) {
            Some(bytes) => Some(bytes.clone()),
            // A file of that name that is not the tool's still differs from what it would
            // write (at least by the header), and `convert` would refuse to overwrite it.
            None => match existing.foreign.get(&f.name) {
                Some(path) if path.is_file() => {
                    Some(std::fs::read(path).map_err(|e| OutputError::io(path, "read", &e))?)
                }
                _ => None,
            },
        };
        match on_disk {
            Some(bytes) if bytes == f.contents.as_bytes() => {}
            Some(bytes) => drift.push(FileDrift {
                name: f.name.clone(),
                change: Change::Changed,
                on_disk: String::from_utf8_lossy(&bytes).into_owned(),
                regenerated: f.contents.clone(),
            }),
            None => drift.push(FileDrift {
                name: f.name.clone(),
                change: Change::Added,
                on_disk: String::new(),
                regenerated: f.contents.clone(),
            }),
        }
    }
    for (name, bytes) in &existing.owned {
        if !files.iter().any(|f| &f.name == name) {
            drift.push(FileDrift {
                name: name.clone(),
                change: Change::Removed,
                on_disk: String::from_utf8_lossy(bytes).into_owned(),
                regenerated: String::new(),
            });
        }
    }
    drift.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(drift)
}

/// One unified diff per file, as `diff -u` (and `patch -p0`) read them: the directory's file on
/// the `---` side, the regenerated one on the `+++` side, `/dev/null` for a side that is absent.
pub fn unified_diff(dir_display: &str, drift: &[FileDrift]) -> String {
    let dir_display = dir_display.trim_end_matches('/');
    let mut out = String::new();
    for d in drift {
        let path = format!("{dir_display}/{}", d.name);
        let (old, new) = match d.change {
            Change::Changed => (path.clone(), path),
            Change::Added => ("/dev/null".to_string(), path),
            Change::Removed => (path, "/dev/null".to_string()),
        };
        let diff = TextDiff::from_lines(&d.on_disk, &d.regenerated);
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&old, &new)
                .to_string(),
        );
    }
    out
}
