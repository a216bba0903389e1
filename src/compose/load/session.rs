//! What the loading of one project (and every project it includes) shares: the source map, the
//! diagnostics, the filesystem guard, the files read so far (each is read once, however many
//! services or includes name it) and the budget of files an include graph may load.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::fs_guard::{Escape, Guard};
use super::paths;
use super::read::{self, ReadFailure};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, SourceMap, Span};
use crate::yaml::limits::{MAX_COPIED_NODES, MAX_FILE_BYTES, MAX_INCLUDE_FILES};

pub(super) struct Session<'a> {
    pub sources: &'a mut SourceMap,
    pub diags: &'a mut Diagnostics,
    pub guard: Guard,
    /// `false` under `--no-interpolate`: every file's values keep their `${…}` and `$$` as
    /// written.
    pub interpolate: bool,
    /// Where values came from outside the Compose files (`Attached::values_from_outside`).
    pub values_from_outside: std::collections::BTreeMap<Span, crate::compose::ast::FromOutside>,
    /// What interpolation may still add to the project, in bytes.
    pub interpolation_budget: usize,
    /// Absolute: file names in diagnostics are shown relative to it when they are inside it.
    working_dir: PathBuf,
    /// By real path (or normalized path when it does not exist): the one read of each file.
    read: HashMap<PathBuf, Result<FileId, ReadFailure>>,
    files_loaded: usize,
    budget_reported: bool,
    nodes_copied: usize,
    copies_reported: bool,
}

/// A referenced file that could not be read: the diagnostic, not yet pushed, and whether the
/// file is simply missing (an optional `env_file` turns that into a note).
pub(super) struct NotRead {
    pub missing: bool,
    pub diagnostic: Box<Diagnostic>,
}

impl<'a> Session<'a> {
    pub fn new(
        sources: &'a mut SourceMap,
        diags: &'a mut Diagnostics,
        guard: Guard,
        working_dir: &Path,
    ) -> Session<'a> {
        Session {
            sources,
            diags,
            guard,
            interpolate: true,
            values_from_outside: Default::default(),
            interpolation_budget: crate::yaml::limits::MAX_INTERPOLATED_TOTAL_BYTES,
            working_dir: paths::normalize(&std::path::absolute(working_dir).unwrap_or_default()),
            read: HashMap::new(),
            files_loaded: 0,
            budget_reported: false,
            nodes_copied: 0,
            copies_reported: false,
        }
    }

    fn cache_key(path: &Path) -> PathBuf {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    }

    /// Records a file already read (a `-f` file), so a reference to it finds the same text.
    pub fn register(&mut self, path: &Path, id: FileId) {
        self.read.insert(Self::cache_key(path), Ok(id));
    }

    /// The real path of a file, for comparing files named by different paths.
    pub fn identity(path: &Path) -> PathBuf {
        Self::cache_key(path)
    }

    /// How diagnostics name `path` (see `paths::display_name`).
    pub fn display_name(&self, path: &Path) -> String {
        paths::display_name(&self.working_dir, path)
    }

    /// Checks `path` (absolute, normalized; `written` as the file wrote it) against the project
    /// directory; the error is located at `at`.
    pub fn check_inside(&self, path: &Path, written: &str, at: Span) -> Result<(), Diagnostic> {
        self.guard
            .check(path)
            .map_err(|escape| outside(&escape, written, at, &self.working_dir))
    }

    /// Reads a file the Compose file refers to at `at`, after the guard allows it. `what` names
    /// the reference for messages (`env_file`, `include`, …).
    pub fn read_referenced(
        &mut self,
        path: &Path,
        written: &str,
        at: Span,
        what: &str,
    ) -> Result<FileId, NotRead> {
        if let Err(d) = self.check_inside(path, written, at) {
            return Err(NotRead {
                missing: false,
                diagnostic: Box::new(d),
            });
        }
        let key = Self::cache_key(path);
        let result = match self.read.get(&key) {
            Some(result) => result.clone(),
            None => {
                let name = self.display_name(path);
                let result = match read::read_bytes(path) {
                    Ok(bytes) => match read::add_bytes(path, &name, bytes, self.sources) {
                        Ok(id) => Ok(id),
                        Err(d) => {
                            // Not UTF-8: reported once, located in the file itself.
                            self.diags.push(d);
                            Err(ReadFailure::Other("it is not UTF-8 text".into()))
                        }
                    },
                    Err(failure) => Err(failure),
                };
                self.read.insert(key, result.clone());
                result
            }
        };
        result.map_err(|failure| NotRead {
            missing: failure == ReadFailure::NotFound,
            diagnostic: Box::new(unreadable(&failure, written, at, what)),
        })
    }

    /// Counts `n` more Compose files loaded through `include` or `extends`; false (after one
    /// diagnostic at `at`) once over the limit.
    pub fn count_files(&mut self, n: usize, at: Span) -> bool {
        self.files_loaded += n;
        if self.files_loaded <= MAX_INCLUDE_FILES {
            return true;
        }
        if !self.budget_reported {
            self.budget_reported = true;
            self.diags.push(
                Diagnostic::new(
                    Code::TooManyIncludedFiles,
                    format!(
                        "the project loads more than {MAX_INCLUDE_FILES} Compose files through `include` and `extends`"
                    ),
                )
                .at(at, "the limit is reached here")
                .help("include each shared file once, and flatten deep include graphs"),
            );
        }
        false
    }
    /// Counts `n` more YAML nodes added by `include` or `extends`; false (after one diagnostic at
    /// `at`) once over the limit.
    pub fn count_nodes(&mut self, n: usize, at: Span) -> bool {
        self.nodes_copied = self.nodes_copied.saturating_add(n);
        if self.nodes_copied <= MAX_COPIED_NODES {
            return true;
        }
        if !self.copies_reported {
            self.copies_reported = true;
            self.diags.push(
                Diagnostic::new(
                    Code::CopyBudget,
                    format!(
                        "`include` and `extends` would add more than {MAX_COPIED_NODES} YAML nodes to the project"
                    ),
                )
                .at(at, "the limit is reached here")
                .help("extend smaller services, and include large files once"),
            );
        }
        false
    }
}

fn unreadable(failure: &ReadFailure, written: &str, at: Span, what: &str) -> Diagnostic {
    let label = match failure {
        ReadFailure::NotFound => "no such file",
        ReadFailure::Directory => "a directory, not a file",
        ReadFailure::NotRegular => "not a regular file",
        ReadFailure::TooLarge(_) => "too large",
        ReadFailure::Other(_) => "cannot be read",
    };
    let (code, help) = match failure {
        ReadFailure::TooLarge(_) => (
            Code::FileTooLarge,
            format!("files read by compose2k8s are at most {MAX_FILE_BYTES} bytes; check that the right file is named"),
        ),
        ReadFailure::NotFound if what == "env_file" => (
            Code::ReferencedFileUnreadable,
            "check the path (relative `env_file` paths resolve against the project directory), or mark the entry `required: false` if the file may be missing".to_string(),
        ),
        _ => (
            Code::ReferencedFileUnreadable,
            format!("check the path: relative `{what}` paths resolve against the project directory"),
        ),
    };
    Diagnostic::new(
        code,
        format!("cannot read `{written}` ({what}): {}", failure.reason()),
    )
    .at(at, label)
    .help(help)
}

fn outside(escape: &Escape, written: &str, at: Span, working_dir: &Path) -> Diagnostic {
    let (message, label) = match escape {
        Escape::Path => (
            format!("`{written}` is outside the project directory"),
            "leads out of the project directory".to_string(),
        ),
        Escape::Link(real) => (
            format!("`{written}` is a symbolic link out of the project directory"),
            format!("links to `{}`", paths::display_name(working_dir, real)),
        ),
    };
    Diagnostic::new(Code::OutsideProject, message)
        .at(at, label)
        .help("move the file into the project directory, or pass `--allow-outside-project` if reading it is intended")
}
