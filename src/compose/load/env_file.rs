//! A service's `env_file` read into its `environment`, and value-less `environment` entries
//! resolved, as Compose does before it runs anything (compose-go's
//! `WithServicesEnvironmentResolved`). Afterwards `env_file` is gone from the tree, and every
//! variable sits in `environment`, keeping the span of where it was written: a value from an env
//! file points into that file.
//!
//! - `env_file` is a path, a list of paths, or a list of `{path, required, format}`; relative
//!   paths resolve against the project directory (an included project's paths were rewritten to
//!   be relative to it).
//! - Files are read in order; a later file's value replaces an earlier one's. Each file's `${…}`
//!   see the variables of the files before it, then the project's variables (compose-go's order).
//!   `format: raw` takes every value as written: no quotes, no escapes, no interpolation.
//! - A missing file is an error, or a note when the entry says `required: false`. For the
//!   conversion, a missing required file is handed to the plan instead (which references a
//!   Secret in its place): it is usually a git-ignored `.env` of credentials.
//! - `environment` wins over every env file, even where its entry has no value: the result lists
//!   the variables only env files set (in file order), then the `environment` entries (in their
//!   order).
//! - A value-less entry (`NAME` in the list form, `NAME:` in the mapping form) takes its value
//!   from the project's variables (the process environment over `.env`); when they do not set it
//!   either, it stays value-less and the variable is unset in the container (the planner says so).
//!
//! Diagnostics name variables and files, never values.

use std::collections::BTreeMap;
use std::path::Path;

use indexmap::IndexMap;

use super::dotenv::{self, DotenvEntry, DotenvError, DotenvErrorKind};
use super::environment::Layered;
use super::interpolate::Lookup;
use super::session::Session;
use super::{paths, short_syntax};
use crate::compose::ast::{FromOutside, MissingEnvFile};
use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};
use crate::yaml::{Node, NodeKind};

/// One `env_file` entry.
struct EnvFileRef {
    path: String,
    at: Span,
    required: bool,
    raw: bool,
}

/// A variable on its way into `environment`: key and value nodes.
type Var = (Node, Node);

fn entries_mut(n: &mut Node) -> Option<&mut Vec<(Node, Node)>> {
    match &mut n.kind {
        NodeKind::Map(entries) => Some(entries),
        _ => None,
    }
}

fn scalar(n: &Node) -> Option<&str> {
    match n.kind {
        NodeKind::Scalar { .. } if !n.is_null() => n.as_str(),
        _ => None,
    }
}

fn services_mut(root: &mut Node) -> Option<&mut Vec<(Node, Node)>> {
    entries_mut(root)?
        .iter_mut()
        .find(|(k, _)| k.as_str() == Some("services"))
        .and_then(|(_, v)| entries_mut(v))
}

/// Resolves the value-less `environment` entries of every service from `env`; each resolved
/// value's span is added to `resolved`.
pub(super) fn resolve_bare_variables(
    root: &mut Node,
    env: &BTreeMap<String, String>,
    resolved: &mut BTreeMap<Span, FromOutside>,
) {
    let Some(services) = services_mut(root) else {
        return;
    };
    for (_, service) in services {
        let Some(environment) = entries_mut(service).and_then(|e| {
            e.iter_mut()
                .find(|(k, _)| k.as_str() == Some("environment"))
                .map(|(_, v)| v)
        }) else {
            continue;
        };
        resolve_bare(environment, env, resolved);
    }
}

fn resolve_bare(
    environment: &mut Node,
    env: &BTreeMap<String, String>,
    resolved: &mut BTreeMap<Span, FromOutside>,
) {
    match &mut environment.kind {
        NodeKind::Map(entries) => {
            for (k, v) in entries {
                let (Some(name), true) = (k.as_str(), v.is_null()) else {
                    continue;
                };
                if let Some(value) = env.get(name) {
                    let at = if v.span.is_empty() { k.span } else { v.span };
                    *v = short_syntax::string(value, at);
                    resolved.insert(at, FromOutside::whole(name));
                }
            }
        }
        NodeKind::Seq(items) => {
            for item in items {
                let Some(name) = scalar(item)
                    .filter(|t| !t.contains('='))
                    .map(str::to_string)
                else {
                    continue;
                };
                if let Some(value) = env.get(&name) {
                    *item = short_syntax::string(&format!("{name}={value}"), item.span);
                    resolved.insert(item.span, FromOutside::whole(&name));
                }
            }
        }
        NodeKind::Scalar { .. } => {}
    }
}

/// Reads every enabled service's `env_file` into its `environment` and resolves value-less
/// entries from `env`, the project's variables. With `defer_missing`, a required file that does
/// not exist is returned (by service) instead of reported.
pub(super) fn apply(
    root: &mut Node,
    project_dir: &Path,
    env: &BTreeMap<String, String>,
    defer_missing: bool,
    session: &mut Session<'_>,
) -> BTreeMap<String, Vec<MissingEnvFile>> {
    let mut missing = BTreeMap::new();
    let Some(services) = services_mut(root) else {
        return missing;
    };
    for (name, service) in services {
        let Some(fields) = entries_mut(service) else {
            continue;
        };
        let env_file = fields
            .iter()
            .position(|(k, _)| k.as_str() == Some("env_file"))
            .map(|i| fields.remove(i));
        let environment = fields
            .iter_mut()
            .find(|(k, _)| k.as_str() == Some("environment"));
        if let Some((_, environment)) = environment {
            resolve_bare(environment, env, &mut session.values_from_outside);
        }
        let Some((file_key, files)) = env_file else {
            continue;
        };
        if files.is_null() {
            continue;
        }
        let refs = match read_refs(&files) {
            Ok(refs) => refs,
            Err(d) => {
                session.diags.push(d);
                continue;
            }
        };
        let mut vars: IndexMap<String, Var> = IndexMap::new();
        let mut read_before = Vec::new();
        let mut unread = Vec::new();
        for r in &refs {
            match read_one(r, project_dir, env, defer_missing, &mut vars, session) {
                Outcome::Read => read_before.push(r.at),
                Outcome::Missing => unread.push(MissingEnvFile {
                    path: r.path.clone(),
                    at: r.at,
                    read_before: read_before.clone(),
                }),
                Outcome::Skipped => {}
            }
        }
        if let (Some(name), false) = (name.as_str(), unread.is_empty()) {
            missing.insert(name.to_string(), unread);
        }
        let at = file_key.span.to(files.span);
        merge_into_environment(fields, vars, at);
    }
    missing
}

/// What became of one `env_file` entry.
enum Outcome {
    Read,
    /// Required, missing, and passed on to the plan.
    Missing,
    /// Optional and missing, or reported.
    Skipped,
}

fn boolean(n: &Node) -> Option<bool> {
    match scalar(n)? {
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => {
            Some(true)
        }
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n" | "N" => {
            Some(false)
        }
        _ => None,
    }
}

fn invalid(at: Span, message: String) -> Diagnostic {
    Diagnostic::new(Code::InvalidValue, message)
        .at(at, "here")
        .help("write `env_file: PATH`, a list of paths, or entries `{path: PATH, required: false, format: raw}`")
}

fn read_refs(files: &Node) -> Result<Vec<EnvFileRef>, Diagnostic> {
    let one = |n: &Node| -> Result<EnvFileRef, Diagnostic> {
        if let Some(path) = scalar(n) {
            return Ok(EnvFileRef {
                path: path.to_string(),
                at: n.span,
                required: true,
                raw: false,
            });
        }
        let Some(fields) = n.as_map() else {
            return Err(invalid(
                n.span,
                format!(
                    "an `env_file` entry must be a path or a mapping, not {}",
                    n.describe()
                ),
            ));
        };
        let mut r = EnvFileRef {
            path: String::new(),
            at: n.span,
            required: true,
            raw: false,
        };
        for (k, v) in fields {
            match k.as_str().unwrap_or("") {
                "path" => {
                    r.path = scalar(v)
                        .ok_or_else(|| invalid(v.span, "`env_file` `path` must be a path".into()))?
                        .to_string();
                    r.at = v.span;
                }
                "required" => {
                    r.required = boolean(v).ok_or_else(|| {
                        invalid(v.span, "`env_file` `required` must be `true` or `false`".into())
                    })?;
                }
                "format" => match scalar(v) {
                    Some("raw") => r.raw = true,
                    _ => {
                        return Err(Diagnostic::new(
                            Code::InvalidValue,
                            format!("unknown `env_file` format {}", v.describe()),
                        )
                        .at(v.span, "not a known format")
                        .help("the one format besides the default is `raw`: values taken as written, without quotes or interpolation; leave `format` out for the default"))
                    }
                },
                other => {
                    let help = match crate::yaml::de::closest(other, &["path", "required", "format"]) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "an `env_file` entry takes `path`, `required` and `format`".into(),
                    };
                    return Err(Diagnostic::new(
                        Code::UnknownKey,
                        format!("unknown key `{other}` in an `env_file` entry"),
                    )
                    .at(k.span, "not an `env_file` key")
                    .help(help));
                }
            }
        }
        if r.path.is_empty() {
            return Err(invalid(n.span, "an `env_file` entry needs a `path`".into()));
        }
        Ok(r)
    };
    match &files.kind {
        NodeKind::Seq(items) => items.iter().map(one).collect(),
        NodeKind::Scalar { .. } => one(files).map(|r| vec![r]),
        NodeKind::Map(_) => Err(invalid(
            files.span,
            "`env_file` must be a path or a list, not a mapping".into(),
        )),
    }
}

/// Reads one env file into `vars`.
fn read_one(
    r: &EnvFileRef,
    project_dir: &Path,
    env: &BTreeMap<String, String>,
    defer_missing: bool,
    vars: &mut IndexMap<String, Var>,
    session: &mut Session<'_>,
) -> Outcome {
    let path = paths::absolute_in(project_dir, Path::new(&r.path));
    let id = match session.read_referenced(&path, &r.path, r.at, "env_file") {
        Ok(id) => {
            session.sources.mark_sensitive(id);
            id
        }
        Err(e) if e.missing && !r.required => {
            session.diags.push(
                Diagnostic::new(
                    Code::OptionalEnvFileMissing,
                    format!("optional env file `{}` does not exist; skipped", r.path),
                )
                .at(r.at, "no such file")
                .help("create the file, or remove the entry if it is not needed"),
            );
            return Outcome::Skipped;
        }
        // The plan reports it, once it knows the name of the Secret that stands in for it.
        Err(e) if e.missing && defer_missing => return Outcome::Missing,
        Err(e) => {
            session.diags.push(*e.diagnostic);
            return Outcome::Skipped;
        }
    };
    let text = session
        .sources
        .get(id)
        .map(|f| f.text.as_str())
        .unwrap_or("");
    let earlier: BTreeMap<String, String> = vars
        .iter()
        .filter_map(|(k, (_, v))| v.as_str().map(|v| (k.clone(), v.to_string())))
        .collect();
    let lookup = Layered {
        first: &earlier,
        second: env,
    };
    let parsed = if r.raw {
        parse_raw(text, &lookup)
    } else {
        dotenv::parse_dotenv(text, &lookup)
    };
    // The project's `.env` also feeds `${…}`: its variables keep their names as Secret keys, so
    // `DB_PASS` read from it either way is one key. Another file's are named after the file.
    let key_prefix = (path != paths::normalize(&project_dir.join(".env")))
        .then(|| r.path.trim_start_matches("./").to_string());
    match parsed {
        Ok(entries) => {
            for e in entries {
                add(e, id, key_prefix.as_deref(), vars, session);
            }
        }
        Err(e) => session.diags.push(parse_error(&e, id, r)),
    }
    Outcome::Read
}

fn add(
    e: DotenvEntry,
    id: FileId,
    key_prefix: Option<&str>,
    vars: &mut IndexMap<String, Var>,
    session: &mut Session<'_>,
) {
    let at = Span::new(id, e.range.start, e.range.end);
    for unset in &e.unset {
        session.diags.push(
            Diagnostic::new(
                Code::UnsetVariable,
                format!("variable `{}` is not set, using an empty string", unset.name),
            )
            .at(
                Span::new(id, unset.range.start, unset.range.end),
                "interpolated here",
            )
            .help(format!(
                "set `{}` in the environment or in the `.env` file, or give a default: `${{{}:-default}}`",
                unset.name, unset.name
            )),
        );
    }
    // A name alone that nothing sets stays unset, as in Compose.
    let Some(value) = e.value else {
        return;
    };
    let var = (
        short_syntax::string(&e.name, at),
        short_syntax::string(&value, at),
    );
    // An env file is not a Compose file: what it sets comes from outside them, with what its
    // line interpolated.
    let key = match key_prefix {
        Some(prefix) => format!("{prefix}.{}", e.name),
        None => e.name.clone(),
    };
    let mut variables = vec![e.name.clone()];
    variables.extend(e.variables.iter().cloned());
    session.values_from_outside.insert(
        at,
        FromOutside {
            variables,
            key: Some(key),
        },
    );
    vars.insert(e.name, var);
}

fn parse_error(e: &DotenvError, id: FileId, r: &EnvFileRef) -> Diagnostic {
    e.diagnostic(id, &r.path)
        .also(r.at, "read as an `env_file` here")
}

/// The `raw` format: `KEY=VALUE` lines taken as written. Blank lines and lines starting with `#`
/// are skipped; a name alone takes its value from the lookup, as in the default format.
fn parse_raw(text: &str, lookup: &dyn Lookup) -> Result<Vec<DotenvEntry>, DotenvError> {
    let mut entries = Vec::new();
    let mut start = 0usize;
    for (index, line) in text.split('\n').enumerate() {
        let line_start = start;
        start += line.len() + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let body = if index == 0 {
            line.strip_prefix('\u{feff}').unwrap_or(line)
        } else {
            line
        };
        let trimmed = body.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let range = line_start..line_start + line.len();
        let (name, value) = match body.split_once('=') {
            Some((name, value)) => (name.trim(), Some(value.to_string())),
            None => (body.trim(), None),
        };
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(DotenvError {
                message: "expected `NAME=value` with a name without blanks".into(),
                line: index + 1,
                range,
                kind: DotenvErrorKind::Syntax,
            });
        }
        let value = value.or_else(|| lookup.get(name).map(str::to_string));
        entries.push(DotenvEntry {
            name: name.to_string(),
            value,
            line: index + 1,
            range,
            unset: Vec::new(),
            variables: Vec::new(),
        });
    }
    Ok(entries)
}

/// `environment` ← the env files' variables under the service's own entries.
fn merge_into_environment(
    fields: &mut Vec<(Node, Node)>,
    from_files: IndexMap<String, Var>,
    at: Span,
) {
    let existing = fields
        .iter()
        .position(|(k, _)| k.as_str() == Some("environment"));
    let own: Vec<Var> = match existing.and_then(|i| fields.get(i)) {
        Some((_, environment)) => own_entries(environment),
        None => Vec::new(),
    };
    let mut merged = from_files;
    for (k, v) in own {
        let Some(name) = k.as_str().map(str::to_string) else {
            continue;
        };
        merged.shift_remove(&name);
        merged.insert(name, (k, v));
    }
    let map_at = match existing.and_then(|i| fields.get(i)) {
        Some((_, environment)) => environment.span,
        None => at,
    };
    let node = Node {
        kind: NodeKind::Map(merged.into_values().collect()),
        span: map_at,
        tag: None,
        anchor_at: None,
    };
    match existing.and_then(|i| fields.get_mut(i)) {
        Some((_, environment)) => *environment = node,
        None => fields.push((short_syntax::plain("environment", at), node)),
    }
}

/// The entries of an `environment` node as key/value nodes; a value-less list item gets a null
/// value. The last of repeated names wins.
fn own_entries(environment: &Node) -> Vec<Var> {
    match &environment.kind {
        NodeKind::Map(entries) => entries.clone(),
        NodeKind::Seq(items) => items
            .iter()
            .filter_map(|item| {
                let text = scalar(item)?;
                let at = item.span;
                Some(match text.split_once('=') {
                    Some((k, v)) => (short_syntax::string(k, at), short_syntax::string(v, at)),
                    None => (short_syntax::string(text, at), Node::scalar("", at)),
                })
            })
            .collect(),
        NodeKind::Scalar { .. } => Vec::new(),
    }
}

#[cfg(test)]
#[path = "env_file_tests.rs"]
mod tests;
