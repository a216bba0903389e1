//! The output directory on disk: which files in it are the tool's, writing the layout into it
//! (each file to a temporary name, then renamed over the old one), and removing the tool's files
//! that no object corresponds to any more. Files without the header are never touched.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::error::OutputError;
use super::files::{OutputFile, HEADER_PREFIX};

/// What is in the directory now: every regular file the tool owns, with its bytes, and the names
/// of everything else.
#[derive(Debug, Default)]
pub struct Existing {
    pub owned: BTreeMap<String, Vec<u8>>,
    pub foreign: BTreeMap<String, PathBuf>,
}

/// What a write did, by file name.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    pub removed: Vec<String>,
}

/// Reads `dir`; `None` when it does not exist.
pub fn scan(dir: &Path) -> Result<Option<Existing>, OutputError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(OutputError::io(dir, "read the directory", &e)),
    };
    let mut existing = Existing::default();
    for entry in entries {
        let entry = entry.map_err(|e| OutputError::io(dir, "read the directory", &e))?;
        let path = entry.path();
        // A name that is not Unicode is never one the tool writes.
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        if is_file && has_header(&path)? {
            let bytes = fs::read(&path).map_err(|e| OutputError::io(&path, "read", &e))?;
            existing.owned.insert(name, bytes);
        } else {
            existing.foreign.insert(name, path);
        }
    }
    Ok(Some(existing))
}

fn has_header(path: &Path) -> Result<bool, OutputError> {
    let mut prefix = Vec::with_capacity(HEADER_PREFIX.len());
    fs::File::open(path)
        .and_then(|f| f.take(HEADER_PREFIX.len() as u64).read_to_end(&mut prefix))
        .map_err(|e| OutputError::io(path, "read", &e))?;
    Ok(prefix == HEADER_PREFIX.as_bytes())
}

/// Writes the layout into `dir`, creating it if needed. Refuses, before writing anything, when a
/// file it would write exists and is not its own.
pub fn write(dir: &Path, files: &[OutputFile]) -> Result<Written, Vec<OutputError>> {
    let existing = match scan(dir).map_err(|e| vec![e])? {
        Some(existing) => existing,
        None => {
            fs::create_dir_all(dir)
                .map_err(|e| vec![OutputError::io(dir, "create the directory", &e)])?;
            Existing::default()
        }
    };
    let conflicts: Vec<OutputError> = files
        .iter()
        .filter_map(|f| existing.foreign.get(&f.name))
        .map(|path| OutputError::NotOwned { path: path.clone() })
        .collect();
    if !conflicts.is_empty() {
        return Err(conflicts);
    }
    let mut done = Written::default();
    for f in files {
        if existing.owned.get(&f.name).map(Vec::as_slice) == Some(f.contents.as_bytes()) {
            done.unchanged.push(f.name.clone());
            continue;
        }
        replace(&dir.join(&f.name), f.contents.as_bytes()).map_err(|e| vec![e])?;
        done.written.push(f.name.clone());
    }
    let mut errors = Vec::new();
    for name in existing.owned.keys() {
        if files.iter().any(|f| &f.name == name) {
            continue;
        }
        let path = dir.join(name);
        match fs::remove_file(&path) {
            Ok(()) => done.removed.push(name.clone()),
            Err(e) => errors.push(OutputError::io(&path, "remove", &e)),
        }
    }
    if errors.is_empty() {
        Ok(done)
    } else {
        Err(errors)
    }
}

/// Writes `bytes` to a temporary file beside `path` and renames it over `path`, so a reader
/// sees either the old file or the new one. The temporary file of a manifest starts with the
/// header too, so one left behind by a crash is the tool's own and the next run removes it.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        // A file of that name can only be a leftover of an earlier process with the same id.
        let _ = fs::remove_file(&temp);
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(OutputError::io(&temp, "write", &e));
    }
    fs::rename(&temp, path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        OutputError::io(path, "replace", &e)
    })
}
