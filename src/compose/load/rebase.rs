//! Relative paths of a service or project loaded from another directory, rewritten to be relative
//! to the directory of the project that uses it. A service reached through `extends: file` and an
//! included project keep meaning what they meant where they were written: `./data` in
//! `common/base.yaml` is `./common/data` to the project that extends it, as in Compose (its
//! `ResolveRelativePaths`, which rewrites the same attributes).
//!
//! Rewritten: `build` (or `build.context`) and `build.additional_contexts`, bind mount sources in
//! `volumes` (short and long syntax), `env_file`, `label_file`, `develop.watch[].path`, and at
//! the top level `configs.*.file`, `secrets.*.file` and the `device` of a local volume bound with
//! `driver_opts.o: bind`. `build.dockerfile` stays: it is relative to the context.

use std::path::Path;

use super::paths;
use super::short_syntax;
use crate::yaml::{Node, NodeKind};

fn entries_mut(n: &mut Node) -> Option<&mut Vec<(Node, Node)>> {
    match &mut n.kind {
        NodeKind::Map(entries) => Some(entries),
        _ => None,
    }
}

fn items_mut(n: &mut Node) -> Option<&mut Vec<Node>> {
    match &mut n.kind {
        NodeKind::Seq(items) => Some(items),
        _ => None,
    }
}

fn value_mut<'n>(n: &'n mut Node, key: &str) -> Option<&'n mut Node> {
    entries_mut(n)?
        .iter_mut()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| v)
}

fn text(n: &Node) -> Option<&str> {
    if n.is_null() {
        None
    } else {
        n.as_str()
    }
}

/// Rewrites the scalar `n` with `f`, keeping its span; a scalar `f` leaves alone is untouched.
fn rewrite(n: &mut Node, f: impl Fn(&str) -> Option<String>) {
    let Some(new) = text(n).and_then(&f) else {
        return;
    };
    if Some(new.as_str()) != text(n) {
        *n = short_syntax::string(&new, n.span);
    }
}

fn path(dir: &Path) -> impl Fn(&str) -> Option<String> + '_ {
    move |t| Some(paths::rebase(t, dir))
}

/// A build context: a path, or a remote or named context that stays.
fn context(dir: &Path) -> impl Fn(&str) -> Option<String> + '_ {
    move |t| {
        let named = ["service:", "docker-image://", "target:"]
            .iter()
            .any(|p| t.starts_with(p));
        if named {
            None
        } else {
            Some(paths::rebase(t, dir))
        }
    }
}

/// Rewrites the paths of one service definition.
pub fn service(node: &mut Node, dir: &Path) {
    if dir.as_os_str().is_empty() {
        return;
    }
    if let Some(build) = value_mut(node, "build") {
        match build.kind {
            NodeKind::Scalar { .. } => rewrite(build, context(dir)),
            NodeKind::Map(_) => {
                if let Some(c) = value_mut(build, "context") {
                    rewrite(c, context(dir));
                }
                if let Some(extra) = value_mut(build, "additional_contexts") {
                    additional_contexts(extra, dir);
                }
            }
            NodeKind::Seq(_) => {}
        }
    }
    if let Some(volumes) = value_mut(node, "volumes").and_then(items_mut) {
        for v in volumes {
            volume(v, dir);
        }
    }
    for key in ["env_file", "label_file"] {
        let Some(files) = value_mut(node, key) else {
            continue;
        };
        match &mut files.kind {
            NodeKind::Scalar { .. } => rewrite(files, path(dir)),
            NodeKind::Seq(items) => {
                for item in items {
                    if matches!(item.kind, NodeKind::Map(_)) {
                        if let Some(p) = value_mut(item, "path") {
                            rewrite(p, path(dir));
                        }
                    } else {
                        rewrite(item, path(dir));
                    }
                }
            }
            NodeKind::Map(_) => {}
        }
    }
    if let Some(watch) = value_mut(node, "develop")
        .and_then(|d| value_mut(d, "watch"))
        .and_then(items_mut)
    {
        for rule in watch {
            if let Some(p) = value_mut(rule, "path") {
                rewrite(p, path(dir));
            }
        }
    }
}

fn additional_contexts(extra: &mut Node, dir: &Path) {
    match &mut extra.kind {
        NodeKind::Map(entries) => {
            for (_, v) in entries {
                rewrite(v, context(dir));
            }
        }
        NodeKind::Seq(items) => {
            for item in items {
                rewrite(item, |t| {
                    let (name, value) = t.split_once('=')?;
                    Some(format!("{name}={}", context(dir)(value)?))
                });
            }
        }
        NodeKind::Scalar { .. } => {}
    }
}

/// A bind mount source: `./x:/y[:mode]` (a short source that is a path starts with `.`; `/` and
/// `~` are not relative), or a long form of `type: bind`.
fn volume(v: &mut Node, dir: &Path) {
    match v.kind {
        NodeKind::Scalar { .. } => rewrite(v, |t| {
            if !t.starts_with('.') {
                return None;
            }
            let (source, rest) = t.split_once(':')?;
            Some(format!("{}:{rest}", paths::rebase(source, dir)))
        }),
        NodeKind::Map(_) => {
            if v.get("type").and_then(text) != Some("bind") {
                return;
            }
            if let Some(source) = value_mut(v, "source") {
                rewrite(source, path(dir));
            }
        }
        NodeKind::Seq(_) => {}
    }
}

/// Rewrites the paths of a whole project: its services and its top-level resources.
pub fn project(root: &mut Node, dir: &Path) {
    if dir.as_os_str().is_empty() {
        return;
    }
    if let Some(services) = value_mut(root, "services").and_then(entries_mut) {
        for (_, s) in services {
            service(s, dir);
        }
    }
    for key in ["configs", "secrets"] {
        if let Some(defs) = value_mut(root, key).and_then(entries_mut) {
            for (_, def) in defs {
                if let Some(file) = value_mut(def, "file") {
                    rewrite(file, path(dir));
                }
            }
        }
    }
    if let Some(volumes) = value_mut(root, "volumes").and_then(entries_mut) {
        for (_, def) in volumes {
            let local = def
                .get("driver")
                .and_then(text)
                .is_none_or(|d| d == "local");
            let bound = def
                .get("driver_opts")
                .and_then(|o| o.get("o"))
                .and_then(text)
                .is_some_and(|o| o.split(',').any(|x| x == "bind"));
            if !(local && bound) {
                continue;
            }
            if let Some(device) = value_mut(def, "driver_opts").and_then(|o| value_mut(o, "device"))
            {
                rewrite(device, path(dir));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use crate::source::FileId;

    fn parse(text: &str) -> Node {
        let parsed = crate::yaml::parse(FileId(0), text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        parsed.documents.into_iter().next().unwrap()
    }

    fn texts(n: &Node) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![n];
        while let Some(n) = stack.pop() {
            match &n.kind {
                NodeKind::Scalar { text, .. } => out.push(text.clone()),
                NodeKind::Seq(items) => stack.extend(items.iter().rev()),
                NodeKind::Map(entries) => {
                    for (k, v) in entries.iter().rev() {
                        stack.push(v);
                        stack.push(k);
                    }
                }
            }
        }
        out
    }

    #[test]
    fn service_paths_move_and_the_rest_stays() {
        let mut s = parse(
            "build: {context: ./app, dockerfile: Dockerfile.dev, additional_contexts: {a: ../lib, b: docker-image://x}}\n\
             volumes: [./data:/data:ro, named:/n, /abs:/abs, {type: bind, source: conf, target: /c}, {type: volume, source: v, target: /v}]\n\
             env_file: [a.env, {path: ./b.env, required: false}]\n\
             develop: {watch: [{path: ./src, action: sync, target: /src}]}\n",
        );
        service(&mut s, Path::new("sub"));
        let t = texts(&s);
        for expected in [
            "./sub/app",
            "Dockerfile.dev",
            "./lib",
            "docker-image://x",
            "./sub/data:/data:ro",
            "named:/n",
            "/abs:/abs",
            "./sub/conf",
            "v",
            "./sub/a.env",
            "./sub/b.env",
            "./sub/src",
        ] {
            assert!(t.contains(&expected.to_string()), "{expected} not in {t:?}");
        }
    }

    #[test]
    fn short_build_and_remote_context() {
        let mut s = parse("build: .\n");
        service(&mut s, Path::new("../other"));
        assert_eq!(s.get("build").unwrap().as_str(), Some("../other"));
        let mut s = parse("build: https://github.com/a/b.git#main\n");
        service(&mut s, Path::new("sub"));
        assert_eq!(
            s.get("build").unwrap().as_str(),
            Some("https://github.com/a/b.git#main")
        );
    }

    #[test]
    fn project_resources() {
        let mut p = parse(
            "services: {a: {build: ./a}}\n\
             configs: {c: {file: ./c.conf}, e: {environment: X}}\n\
             secrets: {s: {file: s.txt}}\n\
             volumes: {b: {driver_opts: {type: none, o: bind, device: ./vol}}, n: {driver_opts: {device: ./x}}}\n",
        );
        project(&mut p, Path::new("inc"));
        let t = texts(&p);
        for expected in [
            "./inc/a",
            "./inc/c.conf",
            "X",
            "./inc/s.txt",
            "./inc/vol",
            "./x",
        ] {
            assert!(t.contains(&expected.to_string()), "{expected} not in {t:?}");
        }
    }
}
