//! References from a service to the rest of the project. Compose refuses a project in which a
//! service uses a network, volume, secret, config or model that the top level does not define, or
//! in which `depends_on` goes round in a cycle; so does compose2k8s, before lowering anything.
//! (`depends_on` naming an undefined service is checked by `depends_on`.)

use indexmap::IndexMap;

use crate::compose::ast::{MountKind, Project, Service};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::Span;
use crate::yaml::de::closest;
use crate::yaml::Spanned;

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for service in project.services.values() {
        resources(project, service, diags);
    }
    cycles(project, diags);
}

/// One kind of top-level section that services refer to by name.
struct Kind<'a> {
    /// `network`, `volume`, …
    noun: &'static str,
    /// The top-level key.
    section: &'static str,
    /// What a definition needs, for the help.
    define: &'static str,
    /// Name → the span of its key under the section.
    defined: Vec<(&'a str, Span)>,
}

impl<'a> Kind<'a> {
    fn new<T>(
        noun: &'static str,
        section: &'static str,
        define: &'static str,
        map: &'a IndexMap<String, Spanned<T>>,
    ) -> Self {
        Kind {
            noun,
            section,
            define,
            defined: map.iter().map(|(k, v)| (k.as_str(), v.span)).collect(),
        }
    }

    fn is_defined(&self, name: &str) -> bool {
        self.defined.iter().any(|(n, _)| *n == name)
    }

    /// `verb` completes "service `web` … `name`": "joins network", "mounts volume".
    fn undefined(&self, who: &str, verb: &str, name: &str, at: Span, hint: &str) -> Diagnostic {
        let names: Vec<&str> = self.defined.iter().map(|(n, _)| *n).collect();
        let mut d = Diagnostic::new(
            Code::UndefinedResource,
            format!("{who} {verb} `{name}`, which is not defined"),
        )
        .at(
            at,
            format!(
                "no {} `{name}` under the top-level `{}:`",
                self.noun, self.section
            ),
        );
        let help = match closest(name, &names) {
            Some(near) => {
                if let Some((_, span)) = self.defined.iter().find(|(n, _)| *n == near) {
                    d = d.also(*span, format!("{} `{near}` is defined here", self.noun));
                }
                format!("did you mean `{near}`?")
            }
            None => format!(
                "add `{name}:` under a top-level `{}:` section{}{hint}",
                self.section, self.define
            ),
        };
        d.help(help)
    }
}

fn resources(project: &Project, s: &Service, diags: &mut Diagnostics) {
    let who = format!("service `{}`", s.name.value);
    let networks = Kind::new("network", "networks", "", &project.networks);
    // Compose creates `default` itself when a service does not name its networks.
    for (name, entry) in s.networks.iter().flat_map(|n| n.value.iter()) {
        if name != "default" && !networks.is_defined(name) {
            diags.push(networks.undefined(&who, "joins network", name, entry.span, ""));
        }
    }
    let volumes = Kind::new("volume", "volumes", "", &project.volumes);
    for mount in s.volumes.iter().flat_map(|v| v.value.iter()) {
        let m = &mount.value;
        let Some(source) = m.source.as_deref().filter(|s| !s.is_empty()) else {
            continue;
        };
        if m.kind == MountKind::Volume && !volumes.is_defined(source) {
            diags.push(volumes.undefined(
                &who,
                "mounts volume",
                source,
                mount.span,
                "; to mount a directory of the host instead, start the path with `./` or `/`",
            ));
        }
    }
    let secrets = Kind::new(
        "secret",
        "secrets",
        " with `file:` or `environment:`",
        &project.secrets,
    );
    let build_secrets = s
        .build
        .iter()
        .flat_map(|b| b.value.secrets.iter())
        .flat_map(|list| list.value.iter());
    for (r, verb) in s
        .secrets
        .iter()
        .flat_map(|v| v.value.iter())
        .map(|r| (r, "uses secret"))
        .chain(build_secrets.map(|r| (r, "builds with secret")))
    {
        if !secrets.is_defined(&r.value.source) {
            diags.push(secrets.undefined(&who, verb, &r.value.source, r.span, ""));
        }
    }
    let configs = Kind::new(
        "config",
        "configs",
        " with `file:`, `content:` or `environment:`",
        &project.configs,
    );
    for r in s.configs.iter().flat_map(|v| v.value.iter()) {
        if !configs.is_defined(&r.value.source) {
            diags.push(configs.undefined(&who, "uses config", &r.value.source, r.span, ""));
        }
    }
    let models = Kind::new("model", "models", " with `model:`", &project.models);
    for (name, entry) in s.models.iter().flat_map(|m| m.value.0.iter()) {
        if !models.is_defined(name) {
            diags.push(models.undefined(&who, "uses model", name, entry.span, ""));
        }
    }
}

/// A `depends_on` entry: the service it points to (by index) and where it is written.
struct Edge {
    to: usize,
    span: Span,
}

/// Reports each cycle of `depends_on` once, with every edge of it labelled. A depth-first search
/// with an explicit stack (a chain of thousands of services must not exhaust the call stack); a
/// cycle shows up as an edge back to a service still on the stack.
fn cycles(project: &Project, diags: &mut Diagnostics) {
    let names: Vec<&str> = project.services.keys().map(String::as_str).collect();
    // Undefined targets are left out: `depends_on::check_references` reports them.
    let graph: Vec<Vec<Edge>> = project
        .services
        .values()
        .map(|s| {
            s.depends_on
                .iter()
                .flat_map(|d| d.value.iter())
                .filter_map(|dep| {
                    Some(Edge {
                        to: project.services.get_index_of(&dep.service.value)?,
                        span: dep.service.span,
                    })
                })
                .collect()
        })
        .collect();
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnStack,
        Done,
    }
    let mut state = vec![State::New; graph.len()];
    for root in 0..graph.len() {
        if state.get(root) != Some(&State::New) {
            continue;
        }
        // (service, number of its edges followed so far)
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        if let Some(st) = state.get_mut(root) {
            *st = State::OnStack;
        }
        while let Some(top) = stack.last_mut() {
            let (node, next) = *top;
            let Some(edge) = graph.get(node).and_then(|edges| edges.get(next)) else {
                if let Some(st) = state.get_mut(node) {
                    *st = State::Done;
                }
                stack.pop();
                continue;
            };
            top.1 += 1;
            match state.get(edge.to) {
                Some(State::New) => {
                    if let Some(st) = state.get_mut(edge.to) {
                        *st = State::OnStack;
                    }
                    stack.push((edge.to, 0));
                }
                Some(State::OnStack) => {
                    // The edges of the cycle: the last one each stacked service followed, from
                    // the target of the closing edge on; the top's is the closing edge.
                    let from = stack.iter().position(|(n, _)| *n == edge.to).unwrap_or(0);
                    let cycle: Vec<(usize, &Edge)> = stack
                        .get(from..)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|(n, followed)| {
                            let e = graph.get(*n)?.get(followed.checked_sub(1)?)?;
                            Some((*n, e))
                        })
                        .collect();
                    diags.push(cycle_diagnostic(&names, cycle));
                }
                _ => {}
            }
        }
    }
}

fn cycle_diagnostic(names: &[&str], mut cycle: Vec<(usize, &Edge)>) -> Diagnostic {
    let name = |i: usize| names.get(i).copied().unwrap_or("?");
    // Start the story at the service defined first, so the report reads the same way whichever
    // service the search started from.
    if let Some(first) = cycle
        .iter()
        .enumerate()
        .min_by_key(|(_, (from, _))| *from)
        .map(|(i, _)| i)
    {
        cycle.rotate_left(first);
    }
    let Some(&(head, head_edge)) = cycle.first() else {
        return Diagnostic::new(Code::DependencyCycle, "`depends_on` forms a cycle");
    };
    if cycle.len() == 1 {
        return Diagnostic::new(
            Code::DependencyCycle,
            format!("service `{}` depends on itself", name(head)),
        )
        .at(head_edge.span, "a service cannot wait for itself")
        .help("remove this entry from `depends_on`");
    }
    let path: Vec<String> = cycle
        .iter()
        .map(|(from, _)| format!("`{}`", name(*from)))
        .chain(std::iter::once(format!("`{}`", name(head))))
        .collect();
    let mut d = Diagnostic::new(
        Code::DependencyCycle,
        format!("`depends_on` forms a cycle: {}", path.join(" → ")),
    )
    .at(
        head_edge.span,
        format!("`{}` depends on `{}`", name(head), name(head_edge.to)),
    );
    for (from, edge) in cycle.iter().skip(1) {
        d = d.also(
            edge.span,
            format!("`{}` depends on `{}`", name(*from), name(edge.to)),
        );
    }
    d.help(
        "no service of a cycle can start first; remove one of these entries (a service that only needs the other at run time can retry its connection instead)",
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use crate::compose::ast::read_project;
    use crate::source::FileId;
    use crate::yaml::de::Context;

    fn check_text(text: &str) -> Vec<Diagnostic> {
        let parsed = crate::yaml::parse(FileId(0), text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let cx = Context::new();
        let project = read_project(&parsed.documents[0], &cx);
        assert!(cx.take().is_empty());
        let mut diags = Diagnostics::new();
        check(&project, &mut diags);
        diags.into_sorted()
    }

    fn codes(diags: &[Diagnostic]) -> Vec<Code> {
        diags.iter().map(|d| d.code).collect()
    }

    #[test]
    fn defined_and_implicit_references_pass() {
        let diags = check_text(
            "services:\n  web:\n    image: x\n    networks: [default, front]\n    volumes:\n      - data:/data\n      - ./src:/src\n      - /anonymous\n    secrets: [token]\n    configs: [conf]\n    depends_on: [db]\n  db:\n    image: y\nnetworks:\n  front:\nvolumes:\n  data:\nsecrets:\n  token:\n    file: ./t\nconfigs:\n  conf:\n    content: x\n",
        );
        assert!(diags.is_empty(), "{diags:#?}");
    }

    #[test]
    fn a_diamond_is_not_a_cycle() {
        let diags = check_text(
            "services:\n  a:\n    depends_on: [b, c]\n  b:\n    depends_on: [d]\n  c:\n    depends_on: [d]\n  d:\n    image: x\n",
        );
        assert!(diags.is_empty(), "{diags:#?}");
    }

    #[test]
    fn each_cycle_is_reported_once_with_all_its_edges() {
        let diags = check_text(
            "services:\n  a:\n    depends_on: [b]\n  b:\n    depends_on: [a]\n  c:\n    depends_on: [d]\n  d:\n    depends_on: [e]\n  e:\n    depends_on: [c, c2]\n",
        );
        assert_eq!(codes(&diags), vec![Code::DependencyCycle; 2]);
        assert_eq!(
            diags[0].message,
            "`depends_on` forms a cycle: `a` → `b` → `a`"
        );
        assert_eq!(diags[0].secondary.len(), 1);
        assert_eq!(
            diags[1].message,
            "`depends_on` forms a cycle: `c` → `d` → `e` → `c`"
        );
        assert_eq!(diags[1].secondary.len(), 2);
    }

    #[test]
    fn a_long_chain_into_a_cycle_does_not_recurse() {
        let n = 20_000;
        let mut text = String::from("services:\n");
        for i in 0..n {
            let next = if i + 1 == n { 0 } else { i + 1 };
            text.push_str(&format!("  s{i}:\n    depends_on: [s{next}]\n"));
        }
        let diags = check_text(&text);
        assert_eq!(codes(&diags), vec![Code::DependencyCycle]);
        assert_eq!(diags[0].secondary.len(), n - 1);
    }
}
