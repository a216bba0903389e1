//! Files → one YAML tree with the project name settled: the order in which Compose's loading
//! steps run. Each step lives in its own module.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{discover, environment, interpolate, project_name, read};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, SourceMap, Span};
use crate::yaml::{self, Node};

/// Where the Compose text comes from.
#[derive(Clone, Debug)]
pub enum Input {
    /// `-f` files in order; empty means "discover in the working directory".
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
    /// The directory files are discovered in.
    pub working_dir: PathBuf,
    /// The process environment (interpolation reads it over `.env`).
    pub environment: BTreeMap<String, String>,
}

impl LoadOptions {
    pub fn new(input: Input) -> Self {
        LoadOptions {
            input,
            project_name: None,
            working_dir: PathBuf::from("."),
            environment: BTreeMap::new(),
        }
    }
}

/// The loaded project: its tree and the name it goes by.
#[derive(Debug)]
pub struct Loaded {
    pub root: Node,
    pub name: String,
}

/// Files → one YAML tree, with the project name settled.
pub fn load_project(
    options: &LoadOptions,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Option<Loaded> {
    let (mut root, project_dir) = match &options.input {
        Input::Text { name, text } => {
            let id = match read::add_bytes(Path::new(name), name, text.as_bytes().to_vec(), sources)
            {
                Ok(id) => id,
                Err(d) => {
                    diags.push(d);
                    return None;
                }
            };
            (parse_one(sources, id, diags)?, None)
        }
        Input::Files(files) => {
            let files = if files.is_empty() {
                match discover::discover(&options.working_dir) {
                    Some((found, _)) => vec![found],
                    None => {
                        diags.push(
                            Diagnostic::new(
                                Code::NoComposeFile,
                                "no Compose file found in the current directory",
                            )
                            .help(format!(
                                "name one with `-f`, or create one of: {}",
                                discover::DEFAULT_FILES.join(", ")
                            )),
                        );
                        return None;
                    }
                }
            } else {
                files.clone()
            };
            let mut roots = Vec::new();
            for path in &files {
                let name = path.display().to_string();
                match read::read_file(path, &name, sources) {
                    Ok(id) => roots.extend(parse_one(sources, id, diags)),
                    Err(d) => diags.push(d),
                }
            }
            if diags.has_errors() {
                return None;
            }
            // Compose's project directory: the directory of the first file.
            let dir = files
                .first()
                .and_then(|f| std::path::absolute(f).ok())
                .and_then(|f| f.parent().map(Path::to_path_buf));
            let mut roots = roots.into_iter();
            let first = roots.next()?;
            if let Some(second) = roots.next() {
                diags.push(
                    Diagnostic::new(
                        Code::UnsupportedLoading,
                        "merging several Compose files is not supported yet",
                    )
                    .at(second.span, "this file would be merged over the first")
                    .help("convert one file at a time for now; merging `-f` files follows in the loader work"),
                );
                return None;
            }
            (first, dir)
        }
    };
    let environment = match &project_dir {
        Some(dir) => environment::project_environment(dir, &options.environment, sources, diags),
        None => options.environment.clone(),
    };
    let mut found = Vec::new();
    interpolate::interpolate_node(&mut root, &environment, sources, &mut found);
    diags.extend(found);
    if diags.has_errors() {
        return None;
    }
    let dir_name = project_dir
        .as_deref()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned());
    let from_file = root.get("name").and_then(Node::as_str).map(str::to_string);
    let raw = options
        .project_name
        .clone()
        .or_else(|| environment.get("COMPOSE_PROJECT_NAME").cloned())
        .or(from_file)
        .or(dir_name)
        .unwrap_or_else(|| "default".to_string());
    let name = project_name::normalise(&raw);
    Some(Loaded {
        root,
        name: if name.is_empty() {
            "default".into()
        } else {
            name
        },
    })
}

fn parse_one(sources: &SourceMap, id: FileId, diags: &mut Diagnostics) -> Option<Node> {
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
