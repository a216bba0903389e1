//! The pipeline as a library: load → AST → IR → objects. The CLI, tests and benches all call
//! [`convert`]; nothing here prints or exits.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::compose::ast::{self, Project};
use crate::compose::load::{discover, environment, interpolate, project_name, read};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::k8s::{self, Object};
use crate::source::SourceMap;
use crate::yaml::{self, de::Context, Node};
use crate::{output, plan};

/// Where the Compose text comes from.
#[derive(Clone, Debug)]
pub enum Input {
    /// `-f` files in order; empty means "discover in the working directory".
    Files(Vec<PathBuf>),
    /// Text already in memory (benches, fuzzing, tests), with the name diagnostics show.
    Text { name: String, text: String },
}

#[derive(Clone, Debug)]
pub struct Options {
    pub input: Input,
    /// `-p`: overrides every other source of the project name.
    pub project_name: Option<String>,
    pub namespace: Option<String>,
    /// The directory files are discovered in and the project name defaults to.
    pub working_dir: PathBuf,
    /// The environment interpolation reads (the process environment, for the CLI).
    pub environment: BTreeMap<String, String>,
}

impl Options {
    pub fn new(input: Input) -> Self {
        Options {
            input,
            project_name: None,
            namespace: None,
            working_dir: PathBuf::from("."),
            environment: BTreeMap::new(),
        }
    }
}

/// Everything a conversion produced. `objects` is empty when any diagnostic is an error.
#[derive(Debug)]
pub struct Conversion {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub objects: Vec<Object>,
}

impl Conversion {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The loaded project: its tree and the name it goes by.
pub struct Loaded {
    pub root: Node,
    pub name: String,
}

pub fn convert(options: &Options) -> Conversion {
    let mut sources = SourceMap::new();
    let mut diags = Diagnostics::new();
    let mut objects = Vec::new();
    if let Some(project) = load_and_read(options, &mut sources, &mut diags) {
        let (project, name) = project;
        let migration = plan::plan(&project, &name, options.namespace.clone(), &mut diags);
        if !diags.has_errors() {
            objects = k8s::lower(&migration);
            output::order(&mut objects);
        }
    }
    Conversion {
        sources,
        diagnostics: diags.into_sorted(),
        objects,
    }
}

/// Load and read the typed project; `None` once an error makes going on pointless.
pub fn load_and_read(
    options: &Options,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Option<(Project, String)> {
    let loaded = load(options, sources, diags)?;
    let cx = Context::new();
    let project = ast::read_project(&loaded.root, &cx);
    diags.extend(cx.take());
    if diags.has_errors() {
        return None;
    }
    Some((project, loaded.name))
}

/// Files → one YAML tree, with the project name settled.
pub fn load(options: &Options, sources: &mut SourceMap, diags: &mut Diagnostics) -> Option<Loaded> {
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

fn parse_one(
    sources: &SourceMap,
    id: crate::source::FileId,
    diags: &mut Diagnostics,
) -> Option<Node> {
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
                .at(
                    crate::source::Span::new(id, 0, 0),
                    "no YAML document in this file",
                )
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
