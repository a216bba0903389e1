//! The steps every project's files go through, the main project's and each included one's, in
//! compose-go's order: each file is interpolated, its `extends` resolved and its `include`d
//! projects imported; then the files are merged in order.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::extends::Extends;
use super::session::Session;
use super::{include, interpolate, merge};
use crate::diag::Diagnostic;
use crate::source::FileId;
use crate::yaml::Node;

/// One file on the include path that led to a project, for cycle detection.
#[derive(Clone, Debug)]
pub(super) struct ChainLink {
    /// The real path (symbolic links resolved), which identifies the file.
    pub real: PathBuf,
    /// The name messages show.
    pub name: String,
}

/// A project being loaded: its directory, its variables, and how it was reached.
pub(super) struct ProjectCtx<'e> {
    /// Absolute and normalized: relative paths in the project's files resolve against it.
    pub dir: PathBuf,
    pub env: &'e BTreeMap<String, String>,
    /// The files whose `include` led here, outermost first (empty for the main project).
    pub chain: Vec<ChainLink>,
}

/// One parsed file of a project.
pub(super) struct ProjectFile {
    pub id: FileId,
    pub root: Node,
    /// Absolute.
    pub path: PathBuf,
}

/// The project's files → one tree, or `None` after an error.
pub(super) fn build(
    mut files: Vec<ProjectFile>,
    project: &ProjectCtx<'_>,
    session: &mut Session<'_>,
) -> Option<Node> {
    let mut found = Vec::new();
    for f in &mut files {
        merge::clear_reset_values(&mut f.root);
        if session.interpolate {
            interpolate::interpolate_node(
                &mut f.root,
                project.env,
                session.sources,
                &mut found,
                &mut session.values_from_outside,
                &mut session.interpolation_budget,
            );
        }
    }
    let failed = found.iter().any(Diagnostic::is_error);
    session.diags.extend(found);
    if failed {
        return None;
    }

    let mut extends = Extends::new(&project.dir, project.env);
    let mut chain = project.chain.clone();
    for f in &mut files {
        let name = session
            .sources
            .get(f.id)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        // A file is on its own chain: including itself is a cycle.
        chain.push(ChainLink {
            real: Session::identity(&f.path),
            name,
        });
        extends.resolve_file(&mut f.root, f.id, session);
        include::apply(&mut f.root, project, &chain, session);
    }
    if session.diags.has_errors() {
        return None;
    }

    let mut roots = files.into_iter().map(|f| f.root);
    let mut merged = merge::resolve_tags(roots.next()?);
    let mut found = Vec::new();
    for root in roots {
        merged = merge::merge(merged, root, &mut found);
    }
    session.diags.extend(found);
    if session.diags.has_errors() {
        return None;
    }
    Some(merged)
}
