//! The variables interpolation reads, in Compose's precedence: the process environment over the
//! env files, and among the env files (`--env-file`, repeatable) a later one over an earlier one.
//! Without `--env-file`, the one env file is `.env` in the project directory, and it may be
//! missing; a file named with `--env-file` must exist.
//!
//! Inside a file, `${VAR}` looks in the process environment, then in the files read before it,
//! then in the statements above it in the same file. (compose-go lets the same file's earlier
//! statements shadow the earlier files; the two orders differ only for a variable set in two
//! files and used in the second before its own definition there.)

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::dotenv;
use super::interpolate::Lookup;
use super::read;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, SourceMap, Span};

/// One env file to read.
#[derive(Clone, Debug)]
pub struct EnvFile {
    pub path: PathBuf,
    /// The name diagnostics show: the path as the user gave it.
    pub name: String,
    /// Named on the command line, so it must exist.
    pub required: bool,
}

/// The default env file of a project: `.env` in its directory, read when it exists; named for
/// messages as seen from `working_dir` (absolute).
pub fn default_env_file(project_dir: &std::path::Path, working_dir: &std::path::Path) -> EnvFile {
    let path = project_dir.join(".env");
    EnvFile {
        name: super::paths::display_name(working_dir, &path),
        path,
        required: false,
    }
}

/// `first`, then `second`.
pub(super) struct Layered<'a> {
    pub first: &'a BTreeMap<String, String>,
    pub second: &'a BTreeMap<String, String>,
}

impl Lookup for Layered<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.first
            .get(name)
            .or_else(|| self.second.get(name))
            .map(String::as_str)
    }
}

/// `process` overlaid on the env files, read in order.
pub fn load_environment(
    files: &[EnvFile],
    process: &BTreeMap<String, String>,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> BTreeMap<String, String> {
    let mut read = Vec::new();
    for file in files {
        if !file.required && !file.path.is_file() {
            continue;
        }
        match read::read_file(&file.path, &file.name, sources) {
            Ok(id) => {
                sources.mark_sensitive(id);
                read.push((id, file.name.clone()));
            }
            Err(d) => diags.push(d.help(
                "check the path given with `--env-file`; relative paths resolve against the current directory",
            )),
        }
    }
    environment_from(&read, process, sources, diags)
}

/// `process` overlaid on env files already in `sources`, given with the names messages show.
pub fn environment_from(
    files: &[(FileId, String)],
    process: &BTreeMap<String, String>,
    sources: &SourceMap,
    diags: &mut Diagnostics,
) -> BTreeMap<String, String> {
    let mut vars = BTreeMap::new();
    for (id, name) in files {
        let id = *id;
        let text = sources.get(id).map(|f| f.text.as_str()).unwrap_or("");
        let lookup = Layered {
            first: process,
            second: &vars,
        };
        match dotenv::parse_dotenv(text, &lookup) {
            Ok(entries) => {
                let mut found = BTreeMap::new();
                for e in entries {
                    for unset in &e.unset {
                        diags.push(
                            Diagnostic::new(
                                Code::UnsetVariable,
                                format!(
                                    "variable `{}` is not set, using an empty string",
                                    unset.name
                                ),
                            )
                            .at(
                                Span::new(id, unset.range.start, unset.range.end),
                                "interpolated here",
                            )
                            .help(
                                "set it in the environment, or give a default: `${NAME:-default}`",
                            ),
                        );
                    }
                    if let Some(v) = e.value {
                        found.insert(e.name, v);
                    }
                }
                vars.extend(found);
            }
            Err(e) => diags.push(e.diagnostic(id, name)),
        }
    }
    for (k, v) in process {
        vars.insert(k.clone(), v.clone());
    }
    vars
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use crate::compose::load::test_dir::TestDir;

    fn file(dir: &TestDir, name: &str, text: &str, required: bool) -> EnvFile {
        let path = dir.write(name, text);
        EnvFile {
            name: name.to_string(),
            path,
            required,
        }
    }

    fn load(
        files: &[EnvFile],
        process: &[(&str, &str)],
    ) -> (BTreeMap<String, String>, Diagnostics) {
        let process = process
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut sources = SourceMap::new();
        let mut diags = Diagnostics::new();
        let vars = load_environment(files, &process, &mut sources, &mut diags);
        (vars, diags)
    }

    #[test]
    fn later_files_override_earlier_ones_and_the_process_wins() {
        let dir = TestDir::new("env-precedence");
        let a = file(&dir, "a.env", "A=from-a\nB=from-a\nC=from-a\n", true);
        let b = file(&dir, "b.env", "B=from-b\nC=from-b\nD=${A}-seen\n", true);
        let (vars, diags) = load(&[a, b], &[("C", "from-process")]);
        assert!(diags.is_empty());
        assert_eq!(vars["A"], "from-a");
        assert_eq!(vars["B"], "from-b");
        assert_eq!(vars["C"], "from-process");
        assert_eq!(vars["D"], "from-a-seen");
    }

    #[test]
    fn the_process_environment_wins_inside_a_file_too() {
        let dir = TestDir::new("env-process-inside");
        let a = file(&dir, "a.env", "X=file\nY=${X}\n", true);
        let (vars, _) = load(&[a], &[("X", "process")]);
        assert_eq!(vars["Y"], "process");
    }

    #[test]
    fn a_missing_named_file_is_an_error_and_a_missing_default_is_not() {
        let dir = TestDir::new("env-missing");
        let named = EnvFile {
            name: "nope.env".into(),
            path: dir.path().join("nope.env"),
            required: true,
        };
        let (_, diags) = load(&[named], &[]);
        let d: Vec<&Diagnostic> = diags.iter().collect();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::FileUnreadable);
        assert!(d[0].message.contains("nope.env"));
        assert!(d[0].help.as_ref().unwrap().contains("--env-file"));

        let (vars, diags) = load(&[default_env_file(dir.path(), dir.path())], &[("P", "1")]);
        assert!(diags.is_empty());
        assert_eq!(vars.len(), 1);
    }

    #[test]
    fn errors_name_the_file_but_never_a_value() {
        let dir = TestDir::new("env-error");
        let a = file(&dir, "a.env", "SECRET=hunter2\nbad name=1\n", true);
        let (_, diags) = load(&[a], &[]);
        let d: Vec<&Diagnostic> = diags.iter().collect();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::InvalidEnvFile);
        assert!(d[0].message.starts_with("a.env:"));
        assert!(!format!("{:?}", d[0]).contains("hunter2"));
    }
}
