//! `include` (spec chapter 14): other Compose projects whose services, networks, volumes,
//! secrets, configs and models are copied into this one. As in compose-go, each file's `include`
//! is applied to that file before the project's files are merged (so an override file can still
//! change an included service), and the key is gone afterwards.
//!
//! Each entry is loaded as a project of its own:
//!
//! - `path` (a string, or a list of files merged in order) is relative to the including
//!   project's directory;
//! - its project directory is `project_directory` (relative to the including project's
//!   directory), else the directory of its first file; relative paths in its files resolve
//!   against it, and are rewritten (`rebase`) to keep doing so once copied into this project;
//! - its variables are the including project's, over its `env_file`s (relative to the including
//!   project's directory), else over the `.env` of its project directory: "the local project's
//!   environment has precedence";
//! - `include`s in it are followed in turn. A file that includes itself, directly or not, is an
//!   error naming the chain; including one file from two places is not. The number of files an
//!   include graph loads and the depth of its nesting are bounded
//!   ([`crate::yaml::limits::MAX_INCLUDE_FILES`], [`MAX_INCLUDE_DEPTH`]).
//!
//! A resource defined both here and by the included project is an error unless the two
//! definitions are identical, as compose-go decides (`services.x conflicts with imported
//! resource`). The spec speaks of a warning; Compose gives the error.

use std::path::{Path, PathBuf};

use super::environment;
use super::project::parse_one;
use super::project_tree::{self, ChainLink, ProjectCtx, ProjectFile};
use super::session::Session;
use super::{env_file, paths, rebase, short_syntax};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;
use crate::yaml::limits::MAX_INCLUDE_DEPTH;
use crate::yaml::{Node, NodeKind};

/// The top-level sections an included project contributes.
const RESOURCES: &[&str] = &[
    "services", "networks", "volumes", "secrets", "configs", "models",
];

/// One `include` entry.
struct Entry {
    paths: Vec<(String, Span)>,
    project_directory: Option<(String, Span)>,
    env_files: Vec<(String, Span)>,
    at: Span,
}

fn scalar(n: &Node) -> Option<&str> {
    match n.kind {
        NodeKind::Scalar { .. } if !n.is_null() => n.as_str(),
        _ => None,
    }
}

fn entries_mut(n: &mut Node) -> Option<&mut Vec<(Node, Node)>> {
    match &mut n.kind {
        NodeKind::Map(entries) => Some(entries),
        _ => None,
    }
}

fn invalid(at: Span, message: String) -> Diagnostic {
    Diagnostic::new(Code::InvalidValue, message)
        .at(at, "here")
        .help("write `include: [PATH, …]`, or entries `{path: PATH or [PATHS], project_directory: DIR, env_file: FILE or [FILES]}`")
}

/// Imports the projects `root` includes and removes its `include` key. `chain` ends with the
/// file `root` was read from.
pub(super) fn apply(
    root: &mut Node,
    project: &ProjectCtx<'_>,
    chain: &[ChainLink],
    session: &mut Session<'_>,
) {
    let Some(entries) = entries_mut(root) else {
        return;
    };
    let Some(at) = entries
        .iter()
        .position(|(k, _)| k.as_str() == Some("include"))
    else {
        return;
    };
    let (_, include) = entries.remove(at);
    if include.is_null() {
        return;
    }
    let Some(items) = include.as_seq() else {
        session.diags.push(invalid(
            include.span,
            format!("`include` must be a list, not {}", include.describe()),
        ));
        return;
    };
    for item in items {
        let entry = match read_entry(item) {
            Ok(e) => e,
            Err(d) => {
                session.diags.push(d);
                continue;
            }
        };
        if let Some(tree) = load(&entry, project, chain, session) {
            import(root, tree, session);
        }
    }
}

fn string_list(n: &Node, key: &str) -> Result<Vec<(String, Span)>, Diagnostic> {
    let one = |n: &Node| {
        scalar(n)
            .filter(|t| !t.is_empty())
            .map(|t| (t.to_string(), n.span))
            .ok_or_else(|| {
                invalid(
                    n.span,
                    format!("`include` `{key}` must be a path, not {}", n.describe()),
                )
            })
    };
    match &n.kind {
        NodeKind::Seq(items) => items.iter().map(one).collect(),
        _ => one(n).map(|p| vec![p]),
    }
}

fn read_entry(item: &Node) -> Result<Entry, Diagnostic> {
    if let Some(path) = scalar(item) {
        return Ok(Entry {
            paths: vec![(path.to_string(), item.span)],
            project_directory: None,
            env_files: Vec::new(),
            at: item.span,
        });
    }
    let Some(fields) = item.as_map() else {
        return Err(invalid(
            item.span,
            format!(
                "an `include` entry must be a path or a mapping, not {}",
                item.describe()
            ),
        ));
    };
    let mut entry = Entry {
        paths: Vec::new(),
        project_directory: None,
        env_files: Vec::new(),
        at: item.span,
    };
    for (k, v) in fields {
        match k.as_str().unwrap_or("") {
            "path" => entry.paths = string_list(v, "path")?,
            "env_file" => entry.env_files = string_list(v, "env_file")?,
            "project_directory" => {
                entry.project_directory = string_list(v, "project_directory")?
                    .into_iter()
                    .next()
                    .filter(|_| !matches!(v.kind, NodeKind::Seq(_)));
                if entry.project_directory.is_none() {
                    return Err(invalid(
                        v.span,
                        "`include` `project_directory` must be one directory".into(),
                    ));
                }
            }
            other => {
                let keys = ["path", "project_directory", "env_file"];
                let help = match crate::yaml::de::closest(other, &keys) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "an `include` entry takes `path`, `project_directory` and `env_file`"
                        .to_string(),
                };
                return Err(Diagnostic::new(
                    Code::UnknownKey,
                    format!("unknown key `{other}` in an `include` entry"),
                )
                .at(k.span, "not an `include` key")
                .help(help));
            }
        }
    }
    if entry.paths.is_empty() {
        return Err(invalid(
            item.span,
            "an `include` entry needs a `path`".into(),
        ));
    }
    Ok(entry)
}

/// Loads the project of one entry; `None` after an error.
fn load(
    entry: &Entry,
    project: &ProjectCtx<'_>,
    chain: &[ChainLink],
    session: &mut Session<'_>,
) -> Option<Node> {
    for (written, at) in entry.paths.iter().chain(&entry.env_files) {
        if paths::is_remote(written) {
            session.diags.push(
                Diagnostic::new(
                    Code::UnsupportedLoading,
                    format!("`include` of a remote location (`{written}`) is not supported"),
                )
                .at(*at, "a remote location")
                .help("check the remote project out next to this one and include it by its local path"),
            );
            return None;
        }
    }
    let files: Vec<(PathBuf, &str, Span)> = entry
        .paths
        .iter()
        .map(|(w, at)| {
            (
                paths::absolute_in(&project.dir, Path::new(w)),
                w.as_str(),
                *at,
            )
        })
        .collect();
    for (path, written, at) in &files {
        let real = Session::identity(path);
        if let Some(start) = chain.iter().position(|l| l.real == real) {
            session
                .diags
                .push(cycle(chain.get(start..).unwrap_or_default(), written, *at));
            return None;
        }
    }
    if chain.len() > MAX_INCLUDE_DEPTH {
        session.diags.push(
            Diagnostic::new(
                Code::TooManyIncludedFiles,
                format!("`include` is nested more than {MAX_INCLUDE_DEPTH} levels deep"),
            )
            .at(entry.at, "the limit is reached here")
            .help("flatten the include graph: include shared files from the top-level project"),
        );
        return None;
    }
    if !session.count_files(files.len(), entry.at) {
        return None;
    }
    let mut ids = Vec::new();
    for (path, written, at) in &files {
        match session.read_referenced(path, written, *at, "include") {
            Ok(id) => ids.push(id),
            Err(e) => session.diags.push(*e.diagnostic),
        }
    }
    if ids.len() != files.len() {
        return None;
    }

    let dir = match &entry.project_directory {
        Some((written, at)) => {
            let dir = paths::absolute_in(&project.dir, Path::new(written));
            if !dir.is_dir() {
                session.diags.push(
                    Diagnostic::new(
                        Code::ReferencedFileUnreadable,
                        format!("`include` `project_directory` `{written}` is not a directory"),
                    )
                    .at(*at, "not a directory")
                    .help("relative paths resolve against the directory of the including project"),
                );
                return None;
            }
            dir
        }
        None => files
            .first()
            .and_then(|(p, _, _)| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| project.dir.clone()),
    };

    let env = include_environment(entry, &dir, project, session)?;

    let mut parsed = Vec::new();
    for (id, (path, _, at)) in ids.into_iter().zip(&files) {
        let root = parse_one(session.sources, id, session.diags)?;
        if !session.count_nodes(root.size(), *at) {
            return None;
        }
        if !matches!(root.kind, NodeKind::Map(_)) {
            session.diags.push(
                Diagnostic::new(Code::NotAMapping, "the included Compose file is not a mapping")
                    .at(root.span, format!("{} instead of a mapping", root.describe()))
                    .help("a Compose file is a mapping with keys such as `services`, `volumes` and `networks`"),
            );
            return None;
        }
        parsed.push(ProjectFile {
            id,
            root,
            path: path.clone(),
        });
    }
    let sub = ProjectCtx {
        dir: dir.clone(),
        env: &env,
        chain: chain.to_vec(),
    };
    let mut tree = project_tree::build(parsed, &sub, session)?;
    env_file::resolve_bare_variables(&mut tree, &env, &mut session.values_from_outside);
    rebase::project(&mut tree, &paths::relative(&project.dir, &dir));
    Some(tree)
}

/// The variables of an included project: the including project's over its env files.
fn include_environment(
    entry: &Entry,
    dir: &Path,
    project: &ProjectCtx<'_>,
    session: &mut Session<'_>,
) -> Option<std::collections::BTreeMap<String, String>> {
    let mut read = Vec::new();
    if entry.env_files.is_empty() {
        let dotenv = dir.join(".env");
        if dotenv.is_file() {
            let written = session.display_name(&dotenv);
            match session.read_referenced(&dotenv, &written, entry.at, "include .env") {
                Ok(id) => {
                    // Its lines hold values such as passwords: never shown in a report.
                    session.sources.mark_sensitive(id);
                    read.push((id, written));
                }
                Err(e) => {
                    session.diags.push(*e.diagnostic);
                    return None;
                }
            }
        }
    } else {
        for (written, at) in &entry.env_files {
            // Compose's way of saying "no env file".
            if written == "/dev/null" {
                continue;
            }
            let path = paths::absolute_in(&project.dir, Path::new(written));
            match session.read_referenced(&path, written, *at, "include env_file") {
                Ok(id) => {
                    session.sources.mark_sensitive(id);
                    read.push((id, session.display_name(&path)));
                }
                Err(e) => {
                    session.diags.push(*e.diagnostic);
                    return None;
                }
            }
        }
    }
    let env = environment::environment_from(&read, project.env, session.sources, session.diags);
    (!session.diags.has_errors()).then_some(env)
}

/// Copies the resources of an included project into `root`.
fn import(root: &mut Node, included: Node, session: &mut Session<'_>) {
    let NodeKind::Map(sections) = included.kind else {
        return;
    };
    for (key, section) in sections {
        let Some(name) = key.as_str().filter(|k| RESOURCES.contains(k)) else {
            continue;
        };
        let NodeKind::Map(defs) = section.kind else {
            continue;
        };
        let Some(target) = section_mut(root, name, key.span) else {
            continue;
        };
        for (def_key, def) in defs {
            let Some(def_name) = def_key.as_str() else {
                continue;
            };
            match target
                .iter()
                .find(|(k, _)| k.as_str() == Some(def_name))
            {
                None => target.push((def_key, def)),
                Some((_, local)) if same(local, &def) => {}
                Some((local_key, _)) => session.diags.push(
                    Diagnostic::new(
                        Code::IncludeConflict,
                        format!("`{name}.{def_name}` conflicts with a definition imported by `include`"),
                    )
                    .at(local_key.span, "defined here")
                    .also(def_key.span, "and differently by the included project")
                    .help("rename one of the two or remove the copy; to change an included definition, do it in an override file (`-f`), which merges with it"),
                ),
            }
        }
    }
}

/// The entries of `root`'s section `name`, created (or made a mapping, when null) as needed.
fn section_mut<'r>(root: &'r mut Node, name: &str, at: Span) -> Option<&'r mut Vec<(Node, Node)>> {
    let entries = entries_mut(root)?;
    let index = match entries.iter().position(|(k, _)| k.as_str() == Some(name)) {
        Some(i) => i,
        None => {
            entries.push((
                Node::scalar(name, at),
                short_syntax::mapping(Vec::new(), at),
            ));
            entries.len() - 1
        }
    };
    let (_, section) = entries.get_mut(index)?;
    if section.is_null() {
        *section = short_syntax::mapping(Vec::new(), section.span);
    }
    entries_mut(section)
}

/// Whether two definitions are the same, wherever they were written.
fn same(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (NodeKind::Scalar { text: x, .. }, NodeKind::Scalar { text: y, .. }) => {
            a.is_null() == b.is_null() && (a.is_null() || x == y)
        }
        (NodeKind::Seq(x), NodeKind::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (NodeKind::Map(x), NodeKind::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.iter()
                        .find(|(k2, _)| k2.as_str() == k.as_str())
                        .is_some_and(|(_, v2)| same(v, v2))
                })
        }
        _ => false,
    }
}

/// The error for an include cycle: `links` runs from the file included again to the file that
/// includes it.
fn cycle(links: &[ChainLink], written: &str, at: Span) -> Diagnostic {
    let mut names: Vec<String> = links.iter().map(|l| format!("`{}`", l.name)).collect();
    if let Some(first) = names.first().cloned() {
        names.push(first);
    }
    Diagnostic::new(
        Code::IncludeCycle,
        format!("`include` forms a cycle: {}", names.join(" includes ")),
    )
    .at(at, format!("`{written}` is already being loaded"))
    .help("remove the `include` entry that leads back to a file on the chain")
}

#[cfg(test)]
#[path = "include_tests.rs"]
mod tests;
