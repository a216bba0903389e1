//! Profiles (spec chapter 15) and the `--services` selection, applied to the merged tree: the
//! services that are not enabled leave the tree here, so no later stage sees them.
//!
//! The rules, from the spec text:
//!
//! - A service without `profiles` is always enabled; one with `profiles` is enabled when one of
//!   them is active. `*` activates every profile.
//! - A service named with `--services` is "explicitly targeted": its profiles are added to the
//!   active ones. The output then holds the selected services and, transitively, the services they
//!   depend on (`depends_on`, `links`, `volumes_from`, `network_mode`/`ipc`/`pid: service:…`),
//!   reported in one info diagnostic.
//! - A dependency is never enabled just because something depends on it. The spec is explicit:
//!   with only `debug` active, `zot` (profile `debug`) depending on `bar` (profile `test`) makes
//!   "the model invalid regarding the `depends_on` constraint", and so does targeting `zot` alone;
//!   `bar` is only "pulled in" when its own profile is active. So an enabled service that depends
//!   on a disabled one is an error located at the reference, naming the profiles that would enable
//!   it, unless the dependency says `required: false`, in which case the reference is dropped
//!   with the service, as Compose ignores it.
//! - Other top-level elements are not affected by profiles.
//! - With `--no-deps` (as `docker compose up --no-deps`) only the named services are kept: their
//!   dependencies stay on Compose. Their `depends_on` and `links` entries naming a service left
//!   out are taken out of the tree, so later stages see a consistent project.
//!
//! The services `--services` leaves out are handed on as [`LeftOut`] — plain data, with their
//! `x-kubernetes.external` already read — rather than kept in the tree marked as unselected:
//! every later stage can then go on treating the tree's services as the converted ones, and only
//! `plan::partial` looks at what stays on Compose.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::extension::External;
use crate::source::Span;
use crate::yaml::de::Context;
use crate::yaml::{Node, NodeKind, Spanned};

/// What the command line and environment asked for.
#[derive(Clone, Copy, Debug)]
pub struct Selection<'a> {
    /// The active profiles, as given.
    pub profiles: &'a [String],
    /// Where they were given (`--profile` or `COMPOSE_PROFILES`), for messages.
    pub profiles_from: &'a str,
    /// `--services`: empty means every enabled service.
    pub services: &'a [String],
    /// `--no-deps`: keep only the services named in `--services`, not what they depend on.
    pub no_deps: bool,
}

/// A service the `--services` selection leaves on Compose.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftOut {
    pub name: String,
    /// The service's key under `services:`.
    pub key: Span,
    /// Its `x-kubernetes.external`: where the cluster reaches it.
    pub external: Option<Spanned<External>>,
    /// The `depends_on` and `links` entries of kept services that named it, taken out of the
    /// tree (with `--no-deps`).
    pub references: Vec<LeftOutRef>,
}

/// A reference to a left-out service that the loader took out of a kept service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOutRef {
    /// The kept service that had it.
    pub from: String,
    /// `depends_on` or `links`.
    pub via: &'static str,
    pub span: Span,
    /// The alias a `links` entry gives the service (`db:database`).
    pub alias: Option<String>,
}

/// One reference from a service to another.
#[derive(Clone, Debug)]
struct Ref {
    target: String,
    span: Span,
    /// The attribute it is written under, for messages.
    via: &'static str,
    required: bool,
    /// The alias of a `links` entry.
    alias: Option<String>,
}

#[derive(Debug)]
struct ServiceInfo {
    name: String,
    key: Span,
    profiles: Vec<String>,
    /// The `profiles` key and its value.
    profiles_span: Option<Span>,
    refs: Vec<Ref>,
}

/// Removes from `root` the services that the active profiles and the selection leave out, and
/// returns the ones `--services` left out.
pub fn apply(root: &mut Node, selection: Selection<'_>, diags: &mut Diagnostics) -> Vec<LeftOut> {
    let services = collect(root);
    if services.is_empty() {
        return Vec::new();
    }
    if !check_inputs(&services, selection, diags) {
        return Vec::new();
    }
    let by_name: HashMap<&str, &ServiceInfo> =
        services.iter().map(|s| (s.name.as_str(), s)).collect();
    let find = |name: &str| by_name.get(name).copied();

    let mut active: HashSet<&str> = selection.profiles.iter().map(String::as_str).collect();
    for name in selection.services {
        if let Some(s) = find(name) {
            active.extend(s.profiles.iter().map(String::as_str));
        }
    }
    let all = active.contains("*");
    let enabled = |s: &ServiceInfo| {
        s.profiles.is_empty() || all || s.profiles.iter().any(|p| active.contains(p.as_str()))
    };

    // Which services stay, walking references from the roots of the selection.
    let roots: Vec<&ServiceInfo> = if selection.services.is_empty() {
        services.iter().filter(|s| enabled(s)).collect()
    } else {
        selection.services.iter().filter_map(|n| find(n)).collect()
    };
    let mut keep: Vec<&str> = Vec::new();
    let mut kept: HashSet<&str> = HashSet::new();
    for s in roots {
        if kept.insert(s.name.as_str()) {
            keep.push(s.name.as_str());
        }
    }
    let mut pulled: Vec<&Ref> = Vec::new();
    let mut dropped: Vec<(&str, &Ref)> = Vec::new();
    let mut next = 0;
    // With `--no-deps` the roots are all there is; what they name is cut below.
    if selection.no_deps {
        next = keep.len();
    }
    while let Some(name) = keep.get(next).copied() {
        next += 1;
        let Some(service) = find(name) else { continue };
        for r in &service.refs {
            // An undefined target is reported by the typed model's checks.
            let Some(target) = find(&r.target) else {
                continue;
            };
            if !enabled(target) {
                if r.required {
                    diags.push(disabled_dependency(service, r, target));
                } else {
                    dropped.push((service.name.as_str(), r));
                }
                continue;
            }
            if kept.insert(target.name.as_str()) {
                keep.push(target.name.as_str());
                pulled.push(r);
            }
        }
    }

    if let Some(d) = pulled_in(&pulled) {
        diags.push(d);
    }
    if kept.is_empty() {
        // Every service sits behind a profile and none is active: say that, rather than let
        // the project look empty.
        let mut profiles: Vec<&str> = services
            .iter()
            .flat_map(|s| s.profiles.iter().map(String::as_str))
            .collect();
        profiles.sort_unstable();
        profiles.dedup();
        let mut d = Diagnostic::new(
            Code::NoServices,
            "no service is enabled: every service has `profiles` and none of them is active",
        )
        .help(format!(
            "activate one with `--profile NAME` (or `COMPOSE_PROFILES`), or all with `--profile '*'`; profiles used here: {}",
            profiles.join(", ")
        ));
        if let Some(first) = services.first() {
            d = d.at(
                first.profiles_span.unwrap_or(first.key),
                "this service has profiles, none active",
            );
        }
        diags.push(d);
    }
    for s in services.iter().filter(|s| !enabled(s)) {
        diags.push(not_enabled(s, selection, &active));
    }
    let mut left_out = Vec::new();
    if !selection.services.is_empty() {
        for s in services.iter().filter(|s| !kept.contains(s.name.as_str())) {
            let references = keep
                .iter()
                .filter_map(|k| find(k))
                .flat_map(|k| k.refs.iter().map(move |r| (k, r)))
                .filter(|(_, r)| r.target == s.name && matches!(r.via, "depends_on" | "links"))
                .map(|(k, r)| LeftOutRef {
                    from: k.name.clone(),
                    via: r.via,
                    span: r.span,
                    alias: r.alias.clone(),
                })
                .collect();
            left_out.push(LeftOut {
                name: s.name.clone(),
                key: s.key,
                external: None,
                references,
            });
        }
    }
    let cut: Vec<(&str, &Ref)> = keep
        .iter()
        .filter_map(|k| find(k))
        .flat_map(|k| k.refs.iter().map(move |r| (k.name.as_str(), r)))
        .filter(|(_, r)| {
            matches!(r.via, "depends_on" | "links")
                && find(&r.target).is_some()
                && !kept.contains(r.target.as_str())
        })
        .collect();
    read_external(root, &mut left_out, diags);
    remove(root, &kept, &dropped, &cut);
    left_out
}

/// Reads `x-kubernetes.external` of the left-out services while their definitions are at hand.
fn read_external(root: &Node, left_out: &mut [LeftOut], diags: &mut Diagnostics) {
    let Some(services) = root.get("services") else {
        return;
    };
    let cx = Context::new();
    for l in left_out.iter_mut() {
        if let Some(service) = services.get(&l.name) {
            l.external = crate::extension::read::left_out(service, &cx);
        }
    }
    diags.extend(cx.take());
}

/// Profiles and services named on the command line must exist. False after an error.
fn check_inputs(
    services: &[ServiceInfo],
    selection: Selection<'_>,
    diags: &mut Diagnostics,
) -> bool {
    let mut ok = true;
    let known: BTreeSet<&str> = services
        .iter()
        .flat_map(|s| s.profiles.iter().map(String::as_str))
        .collect();
    for profile in selection.profiles {
        if profile == "*" || known.contains(profile.as_str()) {
            continue;
        }
        ok = false;
        let help = if known.is_empty() {
            "no service of this project has `profiles`".to_string()
        } else {
            format!(
                "the profiles of this project: {}",
                crate::diag::code_list(&known)
            )
        };
        diags.push(
            Diagnostic::new(
                Code::UnknownProfile,
                format!(
                    "profile `{profile}` (from {}) is not used by any service",
                    selection.profiles_from
                ),
            )
            .help(help),
        );
    }
    let names: Vec<&str> = services.iter().map(|s| s.name.as_str()).collect();
    for name in selection.services {
        if names.contains(&name.as_str()) {
            continue;
        }
        ok = false;
        let help = match crate::yaml::de::closest(name, &names) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the services of this project: {}", names.join(", ")),
        };
        diags.push(
            Diagnostic::new(
                Code::UnknownSelectedService,
                format!("`--services` names `{name}`, which is not a service of this project"),
            )
            .help(help),
        );
    }
    ok
}

/// "the profile `a`" or "one of the profiles `a`, `b`".
fn one_of(profiles: &[String]) -> String {
    if profiles.len() == 1 {
        format!("the profile {}", crate::diag::code_list(profiles))
    } else {
        format!("one of the profiles {}", crate::diag::code_list(profiles))
    }
}

fn disabled_dependency(from: &ServiceInfo, r: &Ref, target: &ServiceInfo) -> Diagnostic {
    let first = target.profiles.first().map(String::as_str).unwrap_or("");
    Diagnostic::new(
        Code::DependencyNotEnabled,
        format!(
            "service `{}` needs `{}` ({}), which no active profile enables",
            from.name, r.target, r.via
        ),
    )
    .at(r.span, format!("`{}` is not enabled", r.target))
    .help(format!(
        "activate {} of `{}`, e.g. with `--profile {first}`{}",
        one_of(&target.profiles),
        r.target,
        if r.via == "depends_on" {
            ", or mark the dependency `required: false`"
        } else {
            ""
        }
    ))
}

fn pulled_in(pulled: &[&Ref]) -> Option<Diagnostic> {
    let (first, rest) = pulled.split_first()?;
    let names: Vec<String> = pulled.iter().map(|r| r.target.clone()).collect();
    let verb = if names.len() == 1 { "is" } else { "are" };
    let mut d = Diagnostic::new(
        Code::DependenciesPulledIn,
        format!(
            "the selected services need {}, which {verb} converted too",
            crate::diag::code_list(&names)
        ),
    )
    .at(first.span, format!("`{}` is needed here", first.target));
    for r in rest {
        d = d.also(r.span, format!("`{}` is needed here", r.target));
    }
    Some(d.help("name them in `--services` too to make the selection explicit"))
}

fn not_enabled(s: &ServiceInfo, selection: Selection<'_>, active: &HashSet<&str>) -> Diagnostic {
    let mut active: Vec<&str> = active.iter().copied().collect();
    active.sort_unstable();
    let state = if active.is_empty() {
        "no profile is active".to_string()
    } else {
        format!("active: {}", crate::diag::code_list(&active))
    };
    let first = s.profiles.first().map(String::as_str).unwrap_or("");
    let mut d = Diagnostic::new(
        Code::ServiceNotInActiveProfiles,
        format!(
            "service `{}` is left out: none of its profiles is active ({state})",
            s.name
        ),
    )
    .help(format!(
        "to convert it, activate {} with `--profile {first}`{}",
        one_of(&s.profiles),
        if selection.services.is_empty() {
            " or `COMPOSE_PROFILES`"
        } else {
            ", or name it in `--services`"
        }
    ));
    if let Some(span) = s.profiles_span {
        d = d.at(span, "the profiles of this service");
    }
    d
}

fn scalar(n: &Node) -> Option<&str> {
    if n.is_null() {
        None
    } else {
        n.as_str()
    }
}

fn is_false(n: &Node) -> bool {
    matches!(
        scalar(n),
        Some("false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n" | "N")
    )
}

fn collect(root: &Node) -> Vec<ServiceInfo> {
    let Some(services) = root.get("services").and_then(Node::as_map) else {
        return Vec::new();
    };
    services
        .iter()
        .filter_map(|(k, v)| {
            let name = k.as_str()?.to_string();
            let (profiles, profiles_span) = match v.entry("profiles") {
                Some((pk, pv)) => (
                    pv.as_seq()
                        .unwrap_or_default()
                        .iter()
                        .filter_map(scalar)
                        .map(str::to_string)
                        .collect(),
                    Some(pk.span.to(pv.span)),
                ),
                None => (Vec::new(), None),
            };
            Some(ServiceInfo {
                name,
                key: k.span,
                profiles,
                profiles_span,
                refs: references(v),
            })
        })
        .collect()
}

/// The services `service` needs, as Compose counts dependencies.
fn references(service: &Node) -> Vec<Ref> {
    let mut refs = Vec::new();
    // Set on the refs once `push` no longer holds them.
    let mut link_aliases: Vec<(Span, String)> = Vec::new();
    let mut push = |target: &str, span: Span, via: &'static str, required: bool| {
        if !target.is_empty() {
            refs.push(Ref {
                target: target.to_string(),
                span,
                via,
                required,
                alias: None,
            });
        }
    };
    match service.get("depends_on").map(|d| &d.kind) {
        Some(NodeKind::Seq(items)) => {
            for item in items {
                if let Some(name) = scalar(item) {
                    push(name, item.span, "depends_on", true);
                }
            }
        }
        Some(NodeKind::Map(entries)) => {
            for (k, v) in entries {
                if let Some(name) = k.as_str() {
                    let required = !v.get("required").is_some_and(is_false);
                    push(name, k.span, "depends_on", required);
                }
            }
        }
        _ => {}
    }
    for item in service
        .get("links")
        .and_then(Node::as_seq)
        .unwrap_or_default()
    {
        if let Some(link) = scalar(item) {
            let (name, alias) = link.split_once(':').unwrap_or((link, ""));
            push(name, item.span, "links", true);
            if !alias.is_empty() {
                link_aliases.push((item.span, alias.to_string()));
            }
        }
    }
    for item in service
        .get("volumes_from")
        .and_then(Node::as_seq)
        .unwrap_or_default()
    {
        let Some(from) = scalar(item) else { continue };
        if from.starts_with("container:") {
            continue;
        }
        let name = from.split(':').next().unwrap_or(from);
        push(name, item.span, "volumes_from", true);
    }
    for key in ["network_mode", "ipc", "pid"] {
        if let Some(v) = service.get(key) {
            if let Some(name) = scalar(v).and_then(|m| m.strip_prefix("service:")) {
                let via = match key {
                    "network_mode" => "network_mode",
                    "ipc" => "ipc",
                    _ => "pid",
                };
                push(name, v.span, via, true);
            }
        }
    }
    for r in &mut refs {
        if r.via == "links" {
            r.alias = link_aliases
                .iter()
                .find(|(span, _)| *span == r.span)
                .map(|(_, alias)| alias.clone());
        }
    }
    refs
}

fn entries_mut(n: &mut Node) -> Option<&mut Vec<(Node, Node)>> {
    match &mut n.kind {
        NodeKind::Map(entries) => Some(entries),
        _ => None,
    }
}

fn value_mut<'a>(n: &'a mut Node, key: &str) -> Option<&'a mut Node> {
    entries_mut(n)?
        .iter_mut()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| v)
}

/// Drops the services not kept, the optional references to them, and (`cut`, with `--no-deps`)
/// the `depends_on` and `links` entries naming them.
fn remove(root: &mut Node, keep: &HashSet<&str>, dropped: &[(&str, &Ref)], cut: &[(&str, &Ref)]) {
    let Some(services) = value_mut(root, "services").and_then(entries_mut) else {
        return;
    };
    services.retain(|(k, _)| k.as_str().is_some_and(|n| keep.contains(n)));
    for (from, r) in dropped {
        let Some(service) = services
            .iter_mut()
            .find(|(k, _)| k.as_str() == Some(from))
            .map(|(_, v)| v)
        else {
            continue;
        };
        if let Some(deps) = value_mut(service, "depends_on").and_then(entries_mut) {
            deps.retain(|(k, _)| k.as_str() != Some(r.target.as_str()));
        }
    }
    for (from, r) in cut {
        let Some(service) = services
            .iter_mut()
            .find(|(k, _)| k.as_str() == Some(from))
            .map(|(_, v)| v)
        else {
            continue;
        };
        let Some(value) = value_mut(service, r.via) else {
            continue;
        };
        // The reference is known by its span: the map key or the list item.
        let now_empty = match &mut value.kind {
            NodeKind::Map(entries) => {
                entries.retain(|(k, _)| k.span != r.span);
                entries.is_empty()
            }
            NodeKind::Seq(items) => {
                items.retain(|i| i.span != r.span);
                items.is_empty()
            }
            NodeKind::Scalar { .. } => false,
        };
        // An empty `links:` left behind would be reported as a setting of its own.
        if now_empty {
            if let Some(entries) = entries_mut(service) {
                entries.retain(|(k, _)| k.as_str() != Some(r.via));
            }
        }
    }
}

#[cfg(test)]
#[path = "profiles_tests.rs"]
mod tests;
