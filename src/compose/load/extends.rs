//! `extends` (spec chapter 5): a service built on another service's definition, from the same file
//! or from the file `file` names. Resolved on each file's tree before the files of a project are
//! merged, as compose-go does, so `extends` without `file` looks only in the same file.
//!
//! - The extended service is resolved first (its own `extends` included), then the extending
//!   service is merged onto it by the merge rules of chapter 13 (`merge::merge_service`), and the
//!   `extends` key is gone from the result.
//! - `file` is relative to the project directory in the project's own files, and to the directory
//!   of a file reached through `extends` in that file, as compose-go resolves it. A service taken
//!   from another file has its relative paths rewritten (`rebase`), so they keep pointing where
//!   they pointed in that file.
//! - Another file is read once, parsed and interpolated with the project's variables; only its
//!   `services` matter (its `include` is not followed, as in Compose).
//! - A circle of `extends` is an error naming the chain; a chain longer than
//!   [`MAX_EXTENDS_DEPTH`] is an error too, which also bounds the recursion.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::project::parse_one;
use super::session::Session;
use super::{interpolate, merge, paths, rebase};
use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};
use crate::yaml::limits::MAX_EXTENDS_DEPTH;
use crate::yaml::{Node, NodeKind};

/// A file whose services `extends` may name: its tree (interpolated, tags as written) and the
/// directory its relative `file` references resolve against.
struct Source {
    tree: Node,
    dir: PathBuf,
}

/// One service on the chain being resolved.
struct Link {
    file: FileId,
    service: String,
    /// The `extends` value of that service.
    at: Span,
}

/// What an `extends` value asks for.
struct Target {
    service: String,
    service_span: Span,
    file: Option<(String, Span)>,
}

/// The `extends` resolution of one project: the files its services reach, and every service
/// resolved so far (in the coordinates of its own file), shared by all the project's files.
pub(super) struct Extends<'p> {
    project_dir: PathBuf,
    env: &'p BTreeMap<String, String>,
    /// `None`: the file could not be read or parsed (already reported).
    sources: HashMap<FileId, Option<Source>>,
    /// With the length of its `extends` chain; `None`: resolution failed (already reported).
    resolved: HashMap<(FileId, String), Option<(Node, usize)>>,
    chain: Vec<Link>,
}

fn services(tree: &Node) -> Option<&Node> {
    tree.get("services")
}

fn entries_mut(n: &mut Node) -> Option<&mut Vec<(Node, Node)>> {
    match &mut n.kind {
        NodeKind::Map(entries) => Some(entries),
        _ => None,
    }
}

fn value_mut<'n>(n: &'n mut Node, key: &str) -> Option<&'n mut Node> {
    entries_mut(n)?
        .iter_mut()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| v)
}

fn remove_key(n: &mut Node, key: &str) {
    if let Some(entries) = entries_mut(n) {
        entries.retain(|(k, _)| k.as_str() != Some(key));
    }
}

fn scalar(n: &Node) -> Option<&str> {
    match n.kind {
        NodeKind::Scalar { .. } if !n.is_null() => n.as_str(),
        _ => None,
    }
}

impl<'p> Extends<'p> {
    pub fn new(project_dir: &Path, env: &'p BTreeMap<String, String>) -> Extends<'p> {
        Extends {
            project_dir: project_dir.to_path_buf(),
            env,
            sources: HashMap::new(),
            resolved: HashMap::new(),
            chain: Vec::new(),
        }
    }

    /// Resolves every `extends` of the project file `id` whose tree is `root`, in place.
    pub fn resolve_file(&mut self, root: &mut Node, id: FileId, session: &mut Session<'_>) {
        let names: Vec<String> = services(root)
            .and_then(Node::as_map)
            .unwrap_or_default()
            .iter()
            .filter(|(_, s)| s.get("extends").is_some())
            .filter_map(|(k, _)| k.as_str().map(str::to_string))
            .collect();
        if names.is_empty() {
            return;
        }
        // Services are read from the file as written, whatever has been resolved in it so far.
        let dir = self.project_dir.clone();
        self.sources.entry(id).or_insert_with(|| {
            Some(Source {
                tree: root.clone(),
                dir,
            })
        });
        for name in names {
            let result = self.service(id, &name, session).map(|(node, _)| node);
            let Some(slot) = value_mut(root, "services")
                .and_then(entries_mut)
                .and_then(|e| {
                    e.iter_mut()
                        .find(|(k, _)| k.as_str() == Some(name.as_str()))
                })
                .map(|(_, v)| v)
            else {
                continue;
            };
            match result {
                Some(node) => *slot = node,
                // Reported; the key goes anyway so nothing downstream reports it again.
                None => remove_key(slot, "extends"),
            }
        }
    }

    /// Service `name` of file `id`, its `extends` resolved, and the length of its chain.
    fn service(
        &mut self,
        id: FileId,
        name: &str,
        session: &mut Session<'_>,
    ) -> Option<(Node, usize)> {
        if let Some(done) = self.resolved.get(&(id, name.to_string())) {
            return done.clone();
        }
        let service = self
            .sources
            .get(&id)?
            .as_ref()
            .and_then(|s| services(&s.tree))
            .and_then(|s| s.get(name))?
            .clone();
        let Some(extends) = service.get("extends").cloned() else {
            return Some((service, 0));
        };
        let result = self.extend(id, name, service, &extends, session);
        self.resolved.insert((id, name.to_string()), result.clone());
        result
    }

    fn extend(
        &mut self,
        id: FileId,
        name: &str,
        mut service: Node,
        extends: &Node,
        session: &mut Session<'_>,
    ) -> Option<(Node, usize)> {
        let target = match read_target(extends) {
            Ok(t) => t,
            Err(d) => {
                session.diags.push(d);
                return None;
            }
        };
        // Checked before going deeper, which bounds the recursion; the length check below
        // gives the same answer whatever order the services come in.
        if self.chain.len() >= MAX_EXTENDS_DEPTH {
            session.diags.push(too_deep(extends.span));
            return None;
        }
        let dir = self.sources.get(&id)?.as_ref()?.dir.clone();
        let target_id = match &target.file {
            None => id,
            Some((written, at)) => self.load(&dir, written, *at, session)?,
        };
        let target_source = self.sources.get(&target_id)?.as_ref()?;
        let target_dir = target_source.dir.clone();
        let names: Vec<&str> = services(&target_source.tree)
            .and_then(Node::as_map)
            .unwrap_or_default()
            .iter()
            .filter_map(|(k, _)| k.as_str())
            .collect();
        if !names.contains(&target.service.as_str()) {
            let in_file = match &target.file {
                Some((written, _)) => format!(" in `{written}`"),
                None => String::new(),
            };
            let help = match crate::yaml::de::closest(&target.service, &names) {
                Some(near) => format!("did you mean `{near}`?"),
                None if names.is_empty() => format!("the file{in_file} defines no services"),
                None => format!("the services{in_file}: {}", names.join(", ")),
            };
            session.diags.push(
                Diagnostic::new(
                    Code::ExtendsServiceNotFound,
                    format!(
                        "service `{name}` extends `{}`, which is not a service{}",
                        target.service,
                        if in_file.is_empty() {
                            " of this file".to_string()
                        } else {
                            in_file
                        }
                    ),
                )
                .at(target.service_span, "no such service")
                .help(help),
            );
            return None;
        }

        self.chain.push(Link {
            file: id,
            service: name.to_string(),
            at: extends.span,
        });
        let circle = self
            .chain
            .iter()
            .position(|l| l.file == target_id && l.service == target.service);
        let base = match circle {
            Some(start) => {
                session
                    .diags
                    .push(cycle(self.chain.get(start..).unwrap_or_default()));
                None
            }
            None => self.service(target_id, &target.service, session),
        };
        self.chain.pop();

        let (base, base_length) = base?;
        if base_length >= MAX_EXTENDS_DEPTH {
            session.diags.push(too_deep(extends.span));
            return None;
        }
        if !session.count_nodes(base.size(), extends.span) {
            return None;
        }
        let mut base = merge::resolve_tags(base);
        remove_key(&mut base, "extends");
        if target_id != id {
            rebase::service(&mut base, &paths::relative(&dir, &target_dir));
        }
        remove_key(&mut service, "extends");
        let mut found = Vec::new();
        let merged = merge::merge_service(base, service, name, &mut found);
        session.diags.extend(found);
        Some((merged, base_length + 1))
    }

    /// The file an `extends: file` names, read, parsed and interpolated once.
    fn load(
        &mut self,
        dir: &Path,
        written: &str,
        at: Span,
        session: &mut Session<'_>,
    ) -> Option<FileId> {
        if paths::is_remote(written) {
            session.diags.push(
                Diagnostic::new(
                    Code::UnsupportedLoading,
                    format!("`extends` from a remote file (`{written}`) is not supported"),
                )
                .at(at, "a remote location")
                .help("check the remote project out next to this one and name the local file"),
            );
            return None;
        }
        let path = paths::absolute_in(dir, Path::new(written));
        let id = match session.read_referenced(&path, written, at, "extends") {
            Ok(id) => id,
            Err(e) => {
                session.diags.push(*e.diagnostic);
                return None;
            }
        };
        if self.sources.contains_key(&id) {
            return self.sources.get(&id)?.as_ref().map(|_| id);
        }
        let source = if session.count_files(1, at) {
            self.parse(id, &path, session)
        } else {
            None
        };
        let ok = source.is_some();
        self.sources.insert(id, source);
        ok.then_some(id)
    }

    fn parse(&self, id: FileId, path: &Path, session: &mut Session<'_>) -> Option<Source> {
        let mut tree = parse_one(session.sources, id, session.diags)?;
        if !matches!(tree.kind, NodeKind::Map(_)) {
            session.diags.push(
                Diagnostic::new(
                    Code::NotAMapping,
                    "the extended Compose file is not a mapping",
                )
                .at(tree.span, "a Compose file is a mapping")
                .help("a Compose file is a mapping with keys such as `services`"),
            );
            return None;
        }
        if !session.count_nodes(tree.size(), tree.span) {
            return None;
        }
        merge::clear_reset_values(&mut tree);
        if session.interpolate {
            let mut found = Vec::new();
            interpolate::interpolate_node(
                &mut tree,
                self.env,
                session.sources,
                &mut found,
                &mut session.values_from_outside,
                &mut session.interpolation_budget,
            );
            session.diags.extend(found);
        }
        Some(Source {
            tree,
            dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        })
    }
}

fn too_deep(at: Span) -> Diagnostic {
    Diagnostic::new(
        Code::ExtendsTooDeep,
        format!("the `extends` chain is longer than {MAX_EXTENDS_DEPTH} services"),
    )
    .at(at, "the limit is reached here")
    .help("let several services extend one common base instead of each other")
}

/// `service` alone, or `{service, file}`.
fn read_target(extends: &Node) -> Result<Target, Diagnostic> {
    let invalid = |why: &str| {
        Diagnostic::new(Code::InvalidValue, format!("invalid `extends`: {why}"))
            .at(extends.span, "here")
            .help("write `extends: {service: NAME}`, adding `file: PATH` to take the service from another file")
    };
    if let Some(name) = scalar(extends) {
        return Ok(Target {
            service: name.to_string(),
            service_span: extends.span,
            file: None,
        });
    }
    let Some(entries) = extends.as_map() else {
        return Err(invalid(&format!(
            "{} is not a service name or a mapping",
            extends.describe()
        )));
    };
    let mut service = None;
    let mut file = None;
    for (k, v) in entries {
        let key = k.as_str().unwrap_or("");
        match key {
            "service" | "file" => {
                let Some(text) = scalar(v).filter(|t| !t.is_empty()) else {
                    return Err(Diagnostic::new(
                        Code::InvalidValue,
                        format!("invalid `extends`: `{key}` must be a non-empty string"),
                    )
                    .at(v.span, format!("{} here", v.describe()))
                    .help("write `extends: {service: NAME}`, adding `file: PATH` to take the service from another file"));
                };
                if key == "service" {
                    service = Some((text.to_string(), v.span));
                } else {
                    file = Some((text.to_string(), v.span));
                }
            }
            other => {
                let help = match crate::yaml::de::closest(other, &["service", "file"]) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "`extends` takes `service` and `file`".to_string(),
                };
                return Err(Diagnostic::new(
                    Code::UnknownKey,
                    format!("unknown key `{other}` in `extends`"),
                )
                .at(k.span, "not an `extends` key")
                .help(help));
            }
        }
    }
    let Some((service, service_span)) = service else {
        return Err(invalid("`service` is missing"));
    };
    Ok(Target {
        service,
        service_span,
        file,
    })
}

/// The error for a circle of `extends`: `links` starts at the service the last one extends.
fn cycle(links: &[Link]) -> Diagnostic {
    let mut names: Vec<String> = links.iter().map(|l| format!("`{}`", l.service)).collect();
    if let Some(first) = names.first().cloned() {
        names.push(first);
    }
    let chain = names.join(" extends ");
    let mut d = Diagnostic::new(
        Code::ExtendsCycle,
        format!("`extends` forms a cycle: {chain}"),
    );
    if let Some((last, rest)) = links.split_last() {
        d = d.at(last.at, "this `extends` closes the cycle");
        for l in rest {
            d = d.also(l.at, format!("`{}` extends from here", l.service));
        }
    }
    d.help("remove one `extends` of the cycle, or move the shared settings into a service that extends nothing")
}

#[cfg(test)]
#[path = "extends_tests.rs"]
mod tests;
