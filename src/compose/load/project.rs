//! Files → one YAML tree with the project name settled: the order in which Compose's loading
//! steps run. Each step lives in its own module.
//!
//! 1. The project directory: `--project-directory`, else the directory of the first `-f` file,
//!    else the current directory.
//! 2. The environment: the process environment over the env files (`--env-file`, else `.env` in
//!    that directory). It is read first because it may set `COMPOSE_FILE`, `COMPOSE_PROFILES`
//!    and `COMPOSE_PROJECT_NAME`, as in Compose.
//! 3. The files: `-f`, else `COMPOSE_FILE`, else discovery (a default file and its override).
//! 4. Each file is read and parsed.
//! 5. The project name: `-p`, `COMPOSE_PROJECT_NAME`, the last top-level `name:`, the project
//!    directory's name. It is settled before interpolation because the spec exposes it to
//!    interpolation as `COMPOSE_PROJECT_NAME`.
//! 6. Each file is interpolated, its `extends` resolved and its `include`d projects imported
//!    (`project_tree`); then the files are merged in order.
//! 7. Profiles and `--services` remove the services that are not enabled.
//! 8. The enabled services' `env_file`s are read into their `environment`, and value-less
//!    `environment` entries take their values from the variables of step 2. A required env file
//!    that does not exist is an error, or, for the conversion, passed on to the plan.
//!
//! Files the Compose files refer to (and `.env`) are read only from inside the project directory
//! unless `--allow-outside-project` says otherwise (`fs_guard`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::attach;
use super::environment::{self, EnvFile};
use super::fs_guard::Guard;
use super::profiles::{self, Selection};
use super::project_tree::{self, ProjectCtx, ProjectFile};
use super::session::Session;
use super::{discover, env_file, interpolate, paths, project_name, read};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, SourceMap, Span};
use crate::yaml::{self, Node, NodeKind};

/// Where the Compose text comes from.
#[derive(Clone, Debug)]
pub enum Input {
    /// `-f` files in order; empty means `COMPOSE_FILE`, else discovery.
    Files(Vec<PathBuf>),
    /// Text already in memory (benches, fuzzing, tests), with the name diagnostics show.
    Text { name: String, text: String },
}

/// What the loader needs to know beyond the files: the inputs of `docker compose`'s own loading.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    pub input: Input,
    /// `-p`: overrides every other source of the project name.
    pub project_name: Option<String>,
    /// The current directory: relative paths given on the command line or in `COMPOSE_FILE`
    /// resolve against it, and files are discovered in it.
    pub working_dir: PathBuf,
    /// `--project-directory`: where `.env` is read and files are discovered; relative paths in the
    /// Compose files are relative to it. Default: the directory of the first file.
    pub project_directory: Option<PathBuf>,
    /// `--env-file`, in order (later files override earlier ones); empty means `.env` in the
    /// project directory.
    pub env_files: Vec<PathBuf>,
    /// `--profile`; empty means `COMPOSE_PROFILES`.
    pub profiles: Vec<String>,
    /// `--services`: convert only these services and the services they need.
    pub services: Vec<String>,
    /// `--no-deps`: convert only the services of `--services`, not what they depend on.
    pub no_deps: bool,
    /// The process environment (interpolation reads it over the env files).
    pub environment: BTreeMap<String, String>,
    /// `--allow-outside-project`: read files the Compose files refer to (`env_file`, `include`,
    /// `extends: file`) and `.env` even when they lie outside the project directory.
    pub allow_outside_project: bool,
    /// Read the secrets' data (`--embed-secrets`); otherwise secret files are never opened.
    pub read_secrets: bool,
    /// `false` for `--no-interpolate`: values keep `${…}` and `$$` as written (top-level `name:`
    /// included), as `docker compose config --no-interpolate` prints them. Env files are still
    /// read: they may set `COMPOSE_FILE`, `COMPOSE_PROFILES` and the values of bare
    /// `environment` entries.
    pub interpolate: bool,
    /// Pass a required service `env_file` that does not exist on to the plan
    /// (`Attached::missing_env_files`) instead of stopping with C2K1031. The conversion sets it:
    /// such a file is usually a git-ignored `.env` of credentials, which the manifests should
    /// reference as a Secret rather than hold. `config` leaves it off and fails as `docker
    /// compose config` does: it shows the model Compose would run, and Compose cannot run
    /// without the file.
    pub defer_missing_env_files: bool,
}

impl LoadOptions {
    pub fn new(input: Input) -> Self {
        LoadOptions {
            input,
            project_name: None,
            working_dir: PathBuf::from("."),
            project_directory: None,
            env_files: Vec::new(),
            profiles: Vec::new(),
            services: Vec::new(),
            no_deps: false,
            environment: BTreeMap::new(),
            allow_outside_project: false,
            read_secrets: false,
            interpolate: true,
            defer_missing_env_files: false,
        }
    }

    fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.working_dir.join(path)
        }
    }
}

/// The loaded project: its tree and the name it goes by.
#[derive(Debug)]
pub struct Loaded {
    pub root: Node,
    pub name: String,
    /// The directory relative paths of the project resolve against; `None` for text input.
    pub project_dir: Option<PathBuf>,
    /// Files and values read for the plan (bind-mounted files, embedded secrets).
    pub attached: crate::compose::ast::Attached,
    /// The services `--services` left on Compose.
    pub left_out: Vec<profiles::LeftOut>,
    /// Whether the values were interpolated (not under `--no-interpolate`): `config` then
    /// writes `$` as `$$`.
    pub interpolated: bool,
}

/// A file to load: where it is, and the name diagnostics show.
struct ComposeFile {
    path: PathBuf,
    name: String,
}

/// Files → one YAML tree, with the project name settled.
pub fn load_project(
    options: &LoadOptions,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Option<Loaded> {
    let explicit_dir = match &options.project_directory {
        Some(dir) => Some(project_directory(options, dir, diags)?),
        None => None,
    };
    let first_file_dir = match &options.input {
        Input::Files(files) => files.first().and_then(|f| parent_dir(&options.resolve(f))),
        Input::Text { .. } => None,
    };
    let env_dir = explicit_dir.clone().or(first_file_dir).or_else(|| {
        matches!(options.input, Input::Files(_)).then(|| absolute(&options.working_dir))
    });

    let env_files: Vec<EnvFile> = if options.env_files.is_empty() {
        env_dir
            .iter()
            .map(|d| environment::default_env_file(d, &absolute(&options.working_dir)))
            .collect()
    } else {
        options
            .env_files
            .iter()
            .map(|f| EnvFile {
                path: options.resolve(f),
                name: f.display().to_string(),
                required: true,
            })
            .collect()
    };
    let guard_root = env_dir
        .clone()
        .unwrap_or_else(|| absolute(&options.working_dir));
    let guard = Guard::new(&guard_root, options.allow_outside_project);
    if options.env_files.is_empty() {
        // `.env` is not named by the user: a symbolic link out of the project is refused.
        for file in env_files.iter().filter(|f| f.path.is_file()) {
            if guard.check(&paths::normalize(&file.path)).is_err() {
                diags.push(
                    Diagnostic::new(
                        Code::OutsideProject,
                        format!("`{}` is a symbolic link out of the project directory", file.name),
                    )
                    .help("replace the link with the file itself, or pass `--allow-outside-project` if reading it is intended"),
                );
                return None;
            }
        }
    }
    let mut env = environment::load_environment(&env_files, &options.environment, sources, diags);
    if diags.has_errors() {
        return None;
    }

    let mut roots = Vec::new();
    let project_dir = match &options.input {
        Input::Text { name, text } => {
            let id = match read::add_bytes(Path::new(name), name, text.as_bytes().to_vec(), sources)
            {
                Ok(id) => id,
                Err(d) => {
                    diags.push(d);
                    return None;
                }
            };
            if let Some(root) = parse_one(sources, id, diags) {
                roots.push(ProjectFile {
                    id,
                    root,
                    path: absolute(&options.working_dir).join(name),
                });
            }
            explicit_dir
        }
        Input::Files(given) => {
            let files = compose_files(options, given, explicit_dir.as_deref(), &env, diags)?;
            for file in &files {
                match read::read_file(&file.path, &file.name, sources) {
                    Ok(id) => {
                        if let Some(root) = parse_one(sources, id, diags) {
                            roots.push(ProjectFile {
                                id,
                                root,
                                path: paths::normalize(&absolute(&file.path)),
                            });
                        }
                    }
                    Err(d) => diags.push(d),
                }
            }
            explicit_dir.or_else(|| files.first().and_then(|f| parent_dir(&f.path)))
        }
    };
    if diags.has_errors() || roots.is_empty() {
        return None;
    }
    // The typed model reports a first file that is not a mapping; a later one would only give a
    // confusing merge error.
    for root in roots.iter().skip(1).map(|f| &f.root) {
        if !matches!(root.kind, NodeKind::Map(_)) {
            diags.push(
                Diagnostic::new(Code::NotAMapping, "the Compose file is not a mapping")
                    .at(root.span, format!("{} instead of a mapping", describe(root)))
                    .help("a Compose file is a mapping with keys such as `services`, `volumes` and `networks`"),
            );
        }
    }
    if diags.has_errors() {
        return None;
    }

    let trees: Vec<&Node> = roots.iter().map(|f| &f.root).collect();
    let name = settle_name(options, &env, &trees, project_dir.as_deref(), diags)?;
    env.insert("COMPOSE_PROJECT_NAME".into(), name.clone());

    // Relative paths in the files resolve against the project directory; text without one
    // resolves them against the current directory.
    let base_dir = paths::normalize(
        &project_dir
            .clone()
            .unwrap_or_else(|| absolute(&options.working_dir)),
    );
    let mut session = Session::new(sources, diags, guard, &options.working_dir);
    session.interpolate = options.interpolate;
    for f in &roots {
        session.register(&f.path, f.id);
    }
    let project = ProjectCtx {
        dir: base_dir.clone(),
        env: &env,
        chain: Vec::new(),
    };
    let mut merged = project_tree::build(roots, &project, &mut session)?;

    let (profiles, profiles_from) = if options.profiles.is_empty() {
        (comma_list(env.get("COMPOSE_PROFILES")), "COMPOSE_PROFILES")
    } else {
        (options.profiles.clone(), "--profile")
    };
    let left_out = profiles::apply(
        &mut merged,
        Selection {
            profiles: &profiles,
            profiles_from,
            services: &options.services,
            no_deps: options.no_deps,
        },
        session.diags,
    );
    if session.diags.has_errors() {
        return None;
    }
    let missing_env_files = env_file::apply(
        &mut merged,
        &base_dir,
        &env,
        options.defer_missing_env_files,
        &mut session,
    );
    if session.diags.has_errors() {
        return None;
    }
    // Text input has no project directory to read files from.
    let mut attached = match project_dir {
        Some(_) => attach::attach(
            &merged,
            &base_dir,
            &session.guard,
            &env,
            options.read_secrets,
        ),
        None => crate::compose::ast::Attached::default(),
    };
    attached.missing_env_files = missing_env_files;
    attached.values_from_outside = std::mem::take(&mut session.values_from_outside);
    Some(Loaded {
        root: merged,
        name,
        project_dir,
        attached,
        left_out,
        interpolated: options.interpolate,
    })
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn parent_dir(file: &Path) -> Option<PathBuf> {
    absolute(file).parent().map(Path::to_path_buf)
}

fn describe(n: &Node) -> &'static str {
    match n.kind {
        NodeKind::Map(_) => "a mapping",
        NodeKind::Seq(_) => "a list",
        NodeKind::Scalar { .. } => "a single value",
    }
}

/// `a,b` → `[a, b]`, blanks trimmed and empty items dropped.
fn comma_list(value: Option<&String>) -> Vec<String> {
    value
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn project_directory(
    options: &LoadOptions,
    dir: &Path,
    diags: &mut Diagnostics,
) -> Option<PathBuf> {
    let resolved = options.resolve(dir);
    if resolved.is_dir() {
        return Some(absolute(&resolved));
    }
    diags.push(
        Diagnostic::new(
            Code::FileUnreadable,
            format!(
                "cannot use `{}` as the project directory: it is not a directory",
                dir.display()
            ),
        )
        .help("check the path given with `--project-directory`; relative paths resolve against the current directory"),
    );
    None
}

/// `-f` files as given, else the files of `COMPOSE_FILE`, else the ones discovery finds.
fn compose_files(
    options: &LoadOptions,
    given: &[PathBuf],
    project_dir: Option<&Path>,
    env: &BTreeMap<String, String>,
    diags: &mut Diagnostics,
) -> Option<Vec<ComposeFile>> {
    if !given.is_empty() {
        return Some(
            given
                .iter()
                .map(|f| ComposeFile {
                    path: options.resolve(f),
                    name: f.display().to_string(),
                })
                .collect(),
        );
    }
    if let Some(list) = env.get("COMPOSE_FILE").filter(|v| !v.is_empty()) {
        let separator = env
            .get("COMPOSE_PATH_SEPARATOR")
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .unwrap_or(if cfg!(windows) { ";" } else { ":" });
        let files: Vec<ComposeFile> = list
            .split(separator)
            .filter(|f| !f.is_empty())
            .map(|f| ComposeFile {
                path: options.resolve(Path::new(f)),
                name: f.to_string(),
            })
            .collect();
        if !files.is_empty() {
            return Some(files);
        }
    }
    let dir = project_dir.map_or_else(|| options.working_dir.clone(), Path::to_path_buf);
    let Some(found) = discover::discover(&dir) else {
        diags.push(
            Diagnostic::new(
                Code::NoComposeFile,
                if project_dir.is_some() {
                    "no Compose file found in the project directory"
                } else {
                    "no Compose file found in the current directory"
                },
            )
            .help(format!(
                "name one with `-f`, or create one of: {}",
                discover::DEFAULT_FILES.join(", ")
            )),
        );
        return None;
    };
    // Show discovered files by the name the user would type in this directory.
    let working_dir = absolute(&options.working_dir);
    let display = |p: &Path| paths::display_name(&working_dir, p);
    for (others, what) in [
        (&found.other_defaults, "Compose files"),
        (&found.other_overrides, "override files"),
    ] {
        let used = if what == "Compose files" {
            found.files.first()
        } else {
            found.files.get(1)
        };
        if let (Some(used), false) = (used, others.is_empty()) {
            let ignored: Vec<String> = others.iter().map(|p| format!("`{}`", display(p))).collect();
            diags.push(
                Diagnostic::new(
                    Code::SeveralComposeFiles,
                    format!(
                        "several {what} found: using `{}`, ignoring {}",
                        display(used),
                        ignored.join(", ")
                    ),
                )
                .help("remove the files that are not used, or name the files to load with `-f`"),
            );
        }
    }
    Some(
        found
            .files
            .iter()
            .map(|p| ComposeFile {
                path: p.clone(),
                name: display(p),
            })
            .collect(),
    )
}

/// The project name, by Compose's precedence, normalised.
fn settle_name(
    options: &LoadOptions,
    env: &BTreeMap<String, String>,
    roots: &[&Node],
    project_dir: Option<&Path>,
    diags: &mut Diagnostics,
) -> Option<String> {
    if let Some(given) = &options.project_name {
        let name = project_name::normalise(given);
        if name.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::InvalidProjectName,
                    format!("`-p {given}` leaves no valid project name"),
                )
                .help("a project name is lower-case letters, digits, `-` and `_`, starting with a letter or digit"),
            );
            return None;
        }
        return Some(name);
    }
    let from_env = env.get("COMPOSE_PROJECT_NAME").cloned();
    // The last file that sets `name:` wins, as the merge would decide.
    let from_files = roots.iter().rev().find_map(|root| {
        let node = root.get("name").filter(|n| !n.is_null())?;
        let text = node.as_str()?;
        if !options.interpolate {
            return Some(text.to_string());
        }
        // Interpolation problems in `name:` are reported when the tree is interpolated.
        Some(
            interpolate::interpolate(text, env)
                .map(|i| i.value)
                .unwrap_or_else(|_| text.to_string()),
        )
    });
    let from_dir = project_dir
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned());
    [from_env, from_files, from_dir]
        .into_iter()
        .flatten()
        .map(|raw| project_name::normalise(&raw))
        .find(|n| !n.is_empty())
        .or_else(|| Some("default".to_string()))
}

/// The one YAML document of file `id`; `None` after reporting why there is none.
pub(super) fn parse_one(sources: &SourceMap, id: FileId, diags: &mut Diagnostics) -> Option<Node> {
    let text = sources.get(id).map(|f| f.text.as_str()).unwrap_or("");
    let parsed = yaml::parse(id, text);
    let failed = parsed.diagnostics.iter().any(Diagnostic::is_error);
    diags.extend(parsed.diagnostics);
    if failed {
        return None;
    }
    let mut docs = parsed.documents.into_iter();
    let Some(first) = docs.next() else {
        diags.push(
            Diagnostic::new(Code::NotAMapping, "the Compose file is empty")
                .at(Span::new(id, 0, 0), "no YAML document in this file")
                .help("a Compose file needs at least a `services:` mapping"),
        );
        return None;
    };
    if let Some(second) = docs.next() {
        diags.push(
            Diagnostic::new(
                Code::NotAMapping,
                "the file holds more than one YAML document",
            )
            .at(second.span, "a second document starts here")
            .help("keep one document per Compose file, or split them with `-f` files"),
        );
        return None;
    }
    Some(first)
}

#[cfg(test)]
#[path = "project_tests.rs"]
mod tests;
