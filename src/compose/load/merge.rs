//! Several Compose files → one tree, by the rules of the spec's chapter 13 ("Merge and override").
//!
//! The merge works on [`Node`] trees, so every value keeps the span of the file that set it: a
//! diagnostic about a port the override file changed points into the override file. The rules:
//!
//! - Mappings merge key by key; a scalar is replaced by the later file's value.
//! - Sequences append, except where the spec (or Compose, where the spec is silent) says otherwise:
//!   - `command`, `entrypoint` and `healthcheck.test` are replaced whole;
//!   - `ports`, `volumes`, `secrets`, `configs` and `devices` merge entries that share a unique
//!     key (`{ip, target, published, protocol}` for ports, the mount target for the others). Two
//!     such entries merge as their long forms, since "merges apply to the expanded form": a short
//!     `"bar:/work"` over `"foo:/work:ro"` keeps `read_only`. (compose-go replaces the earlier
//!     entry instead; the spec says "merge", and this follows the spec.) When the later entry
//!     states everything the earlier one did, the later entry is kept as written;
//!   - `environment`, `labels`, `annotations`, `sysctls`, `build.args`, `deploy.labels` and the
//!     other key/value sets may be a mapping in one file and a `KEY=VALUE` list in another: they
//!     merge by key (the later value wins, in the place of the first), and a list meeting a
//!     mapping becomes a mapping;
//!   - `depends_on`, service `networks` and `models` are name lists or mappings; a list meeting a
//!     mapping becomes a mapping (a `depends_on` name gets the defaults Compose gives it,
//!     `condition: service_started, required: true`);
//!   - sets (`cap_add`, `dns`, `expose`, `profiles`, `tmpfs`, network `aliases`, …) append only
//!     values not already present, as Compose does; `env_file` entries merge by path;
//!   - string-or-list values (`dns: 8.8.8.8`) count as one-item lists, `build: ./dir` as
//!     `{context: ./dir}`, `ulimits.nofile: 1024` as `{soft: 1024, hard: 1024}`;
//!   - `logging` options merge only when both files name the same driver (or one names none).
//! - A `null` in a later file leaves the earlier value, as in Compose; `!reset` removes the value
//!   and `!override` replaces it without merging. Both tags are resolved here and never reach the
//!   typed model; in a single file `!reset` leaves the key absent.
//! - A mapping cannot merge with a list or a single value: that is a coded error pointing at
//!   both files, and the earlier value is kept so that reading can go on.

use std::collections::HashMap;

use super::short_syntax::{self, Resource};
use crate::diag::{Code, Diagnostic};
use crate::yaml::{Node, NodeKind, ScalarStyle};

const RESET: &str = "!reset";
const OVERRIDE: &str = "!override";

fn tagged(node: &Node, tag: &str) -> bool {
    node.tag.as_deref() == Some(tag)
}

/// Empties every `!reset` value before interpolation: Compose drops those values unread, so a
/// variable inside one must not be reported as unset.
pub fn clear_reset_values(node: &mut Node) {
    if tagged(node, RESET) {
        node.kind = NodeKind::Scalar {
            text: String::new(),
            style: ScalarStyle::Plain,
        };
        return;
    }
    match &mut node.kind {
        NodeKind::Scalar { .. } => {}
        NodeKind::Seq(items) => items.iter_mut().for_each(clear_reset_values),
        NodeKind::Map(entries) => entries.iter_mut().for_each(|(_, v)| clear_reset_values(v)),
    }
}

/// The tags of a file with nothing under it: a `!reset` entry or item is dropped, an `!override`
/// value is just its value.
pub fn resolve_tags(mut node: Node) -> Node {
    if tagged(&node, RESET) || tagged(&node, OVERRIDE) {
        node.tag = None;
    }
    node.kind = match node.kind {
        NodeKind::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .filter(|(_, v)| !tagged(v, RESET))
                .map(|(k, v)| (k, resolve_tags(v)))
                .collect(),
        ),
        NodeKind::Seq(items) => NodeKind::Seq(
            items
                .into_iter()
                .filter(|v| !tagged(v, RESET))
                .map(resolve_tags)
                .collect(),
        ),
        scalar => scalar,
    };
    node
}

/// Merges the tree of a later file (`over`, tags unresolved) onto the merged tree of the files
/// before it (`base`, tags resolved).
pub fn merge(base: Node, over: Node, diags: &mut Vec<Diagnostic>) -> Node {
    let mut merger = Merger {
        path: Vec::new(),
        diags,
        earlier: "from an earlier file",
    };
    let mut over = over;
    // A tag on the document itself has no attribute to act on.
    over.tag = over.tag.filter(|t| t != RESET && t != OVERRIDE);
    merger.value(base, over)
}

/// Merges the definition of service `name` (`over`, tags unresolved, without its `extends`) onto
/// the service it extends (`base`, tags resolved), by the same rules as files: the spec's rules
/// for `extends` are the merge rules of chapter 13, and compose-go runs one merge for both.
pub fn merge_service(base: Node, over: Node, name: &str, diags: &mut Vec<Diagnostic>) -> Node {
    let mut merger = Merger {
        path: vec!["services".into(), name.into()],
        diags,
        earlier: "from the extended service",
    };
    let mut over = over;
    over.tag = over.tag.filter(|t| t != RESET && t != OVERRIDE);
    merger.value(base, over)
}

/// How the values at one path merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    Default,
    Replace,
    Unique(Resource),
    KeyValue,
    Set,
    EnvFiles,
    Names { depends_on: bool },
    ExtraHosts,
    Build,
    Ulimit,
    Logging,
}

fn rule(path: &[String]) -> Rule {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match path.as_slice() {
        ["services", _, "command" | "entrypoint"] | ["services", _, "healthcheck", "test"] => {
            Rule::Replace
        }
        ["services", _, "ports"] => Rule::Unique(Resource::Port),
        ["services", _, "volumes"] => Rule::Unique(Resource::Volume),
        ["services", _, "secrets"] => Rule::Unique(Resource::Secret),
        ["services", _, "configs"] => Rule::Unique(Resource::Config),
        ["services", _, "devices"] => Rule::Unique(Resource::Device),
        ["services", _, "environment" | "labels" | "annotations" | "sysctls" | "storage_opt"]
        | ["services", _, "build", "args" | "labels" | "additional_contexts"]
        | ["services", _, "deploy", "labels"]
        | ["networks" | "volumes" | "secrets" | "configs", _, "labels"] => Rule::KeyValue,
        ["services", _, "cap_add" | "cap_drop" | "dns" | "dns_opt" | "dns_search" | "expose"]
        | ["services", _, "links" | "profiles" | "tmpfs" | "label_file"]
        | ["services", _, "networks", _, "aliases" | "link_local_ips"]
        | ["services", _, "build", "tags" | "platforms"] => Rule::Set,
        ["services", _, "env_file"] => Rule::EnvFiles,
        ["services", _, "depends_on"] => Rule::Names { depends_on: true },
        ["services", _, "networks" | "models"] => Rule::Names { depends_on: false },
        ["services", _, "extra_hosts"] | ["services", _, "build", "extra_hosts"] => {
            Rule::ExtraHosts
        }
        ["services", _, "build"] => Rule::Build,
        ["services", _, "ulimits", _] | ["services", _, "build", "ulimits", _] => Rule::Ulimit,
        ["services", _, "logging"] => Rule::Logging,
        _ => Rule::Default,
    }
}

struct Merger<'d> {
    /// Mapping keys from the root to the value being merged; `*` stands for a list entry.
    path: Vec<String>,
    diags: &'d mut Vec<Diagnostic>,
    /// Where the base value comes from, for messages.
    earlier: &'static str,
}

fn is_map(n: &Node) -> bool {
    matches!(n.kind, NodeKind::Map(_))
}

fn is_seq(n: &Node) -> bool {
    matches!(n.kind, NodeKind::Seq(_))
}

fn is_scalar(n: &Node) -> bool {
    matches!(n.kind, NodeKind::Scalar { .. }) && !n.is_null()
}

/// What a user would call the node's form. Never the value: it may be a secret.
fn form(n: &Node) -> &'static str {
    match n.kind {
        NodeKind::Map(_) => "a mapping",
        NodeKind::Seq(_) => "a list",
        NodeKind::Scalar { .. } => "a single value",
    }
}

fn into_items(n: Node) -> Vec<Node> {
    match n.kind {
        NodeKind::Seq(items) => items,
        _ => Vec::new(),
    }
}

fn into_entries(n: Node) -> Vec<(Node, Node)> {
    match n.kind {
        NodeKind::Map(entries) => entries,
        _ => Vec::new(),
    }
}

fn with_kind(template: &Node, kind: NodeKind) -> Node {
    Node {
        kind,
        span: template.span,
        tag: template.tag.clone(),
        anchor_at: template.anchor_at,
    }
}

/// The items of a later file's list with their tags resolved; `!reset` items are dropped, as
/// there is no earlier item they could name.
fn resolved_items(n: Node) -> Vec<Node> {
    into_items(n)
        .into_iter()
        .filter(|i| !tagged(i, RESET))
        .map(resolve_tags)
        .collect()
}

/// Appends the items of `over` whose key is new; an item whose key is already there replaces
/// that item in place when `replace`, and is dropped otherwise. Items without a key append.
fn keyed_append(
    mut items: Vec<Node>,
    over: Vec<Node>,
    key: impl Fn(&Node) -> Option<String>,
    replace: bool,
) -> Vec<Node> {
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        if let Some(k) = key(item) {
            index.entry(k).or_insert(i);
        }
    }
    for item in over {
        let k = key(&item);
        match k.as_ref().and_then(|k| index.get(k)).copied() {
            Some(i) => {
                if let (true, Some(slot)) = (replace, items.get_mut(i)) {
                    *slot = item;
                }
            }
            None => {
                if let Some(k) = k {
                    index.insert(k, items.len());
                }
                items.push(item);
            }
        }
    }
    items
}

fn scalar_text(n: &Node) -> Option<String> {
    if is_scalar(n) {
        n.as_str().map(str::to_string)
    } else {
        None
    }
}

/// `KEY` of a `KEY=VALUE` (or `KEY`) item.
fn pair_key(n: &Node) -> Option<String> {
    let text = scalar_text(n)?;
    Some(match text.split_once('=') {
        Some((k, _)) => k.to_string(),
        None => text,
    })
}

/// A string-or-list value as list items; `None` for a mapping.
fn as_list(n: Node) -> Option<Vec<Node>> {
    match n.kind {
        NodeKind::Seq(items) => Some(items),
        NodeKind::Scalar { .. } => Some(vec![n]),
        NodeKind::Map(_) => None,
    }
}

impl Merger<'_> {
    fn value(&mut self, base: Node, over: Node) -> Node {
        if tagged(&over, OVERRIDE) {
            return resolve_tags(over);
        }
        let rule = rule(&self.path);
        if rule == Rule::Replace {
            return resolve_tags(over);
        }
        if over.is_null() {
            return base;
        }
        if base.is_null() {
            return resolve_tags(over);
        }
        match rule {
            Rule::Replace => resolve_tags(over),
            Rule::Default => self.default(base, over),
            Rule::Unique(resource) => self.unique(resource, base, over),
            Rule::KeyValue => self.key_values(base, over),
            Rule::Set => self.list(base, over, scalar_text, false),
            Rule::EnvFiles => self.list(base, over, env_file_path, true),
            Rule::Names { depends_on } => self.names(base, over, depends_on),
            Rule::ExtraHosts => self.extra_hosts(base, over),
            Rule::Build => self.expand_scalar(base, over, |n| {
                short_syntax::mapping(vec![("context", n.clone())], n.span)
            }),
            Rule::Ulimit => self.expand_scalar(base, over, |n| {
                short_syntax::mapping(vec![("soft", n.clone()), ("hard", n.clone())], n.span)
            }),
            Rule::Logging => self.logging(base, over),
        }
    }

    fn default(&mut self, base: Node, over: Node) -> Node {
        match (&base.kind, &over.kind) {
            (NodeKind::Map(_), NodeKind::Map(_)) => self.maps(base, over, true),
            (NodeKind::Seq(_), NodeKind::Seq(_)) => {
                let template = with_kind(&base, NodeKind::Seq(Vec::new()));
                let mut items = into_items(base);
                items.extend(resolved_items(over));
                with_kind(&template, NodeKind::Seq(items))
            }
            (NodeKind::Map(_), _) | (_, NodeKind::Map(_)) => self.mismatch(base, over),
            _ => resolve_tags(over),
        }
    }

    fn mismatch(&mut self, base: Node, over: Node) -> Node {
        let at = self.path.join(".");
        self.diags.push(
            Diagnostic::new(
                Code::MergeTypeMismatch,
                format!(
                    "cannot merge {} onto {} at `{at}`",
                    form(&over),
                    form(&base)
                ),
            )
            .at(over.span, format!("{} in this file", form(&over)))
            .also(
                base.span,
                format!("{} {}, which it would merge onto", form(&base), self.earlier),
            )
            .help("write the value in the same form in both files, or tag the later one `!override` to replace the earlier value instead of merging"),
        );
        base
    }

    /// Key by key: `deep` merges the values of a key both files set, otherwise the later value
    /// replaces the earlier one (keeping its place).
    fn maps(&mut self, base: Node, over: Node, deep: bool) -> Node {
        let template = with_kind(&base, NodeKind::Map(Vec::new()));
        let mut entries: Vec<Option<(Node, Node)>> =
            into_entries(base).into_iter().map(Some).collect();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            if let Some(name) = entry.as_ref().and_then(|(k, _)| k.as_str()) {
                index.entry(name.to_string()).or_insert(i);
            }
        }
        for (key, value) in into_entries(over) {
            let Some(name) = key.as_str().map(str::to_string) else {
                continue;
            };
            let at = index.get(&name).copied();
            if tagged(&value, RESET) {
                if let Some(slot) = at.and_then(|i| entries.get_mut(i)) {
                    *slot = None;
                    index.remove(&name);
                }
                continue;
            }
            let Some(slot) = at.and_then(|i| entries.get_mut(i)) else {
                index.insert(name, entries.len());
                entries.push(Some((key, resolve_tags(value))));
                continue;
            };
            let Some((base_key, base_value)) = slot.take() else {
                continue;
            };
            let merged = if deep {
                let over_span = value.span;
                self.path.push(name);
                let merged = self.value(base_value, value);
                self.path.pop();
                // A value the later file set wholesale is shown with that file's key, so a
                // label spanning key and value stays in one file.
                if merged.span == over_span {
                    (key, merged)
                } else {
                    (base_key, merged)
                }
            } else {
                (key, resolve_tags(value))
            };
            if let Some(slot) = at.and_then(|i| entries.get_mut(i)) {
                *slot = Some(merged);
            }
        }
        with_kind(
            &template,
            NodeKind::Map(entries.into_iter().flatten().collect()),
        )
    }

    fn unique(&mut self, resource: Resource, base: Node, over: Node) -> Node {
        if !(is_seq(&base) && is_seq(&over)) {
            return self.default(base, over);
        }
        let template = with_kind(&base, NodeKind::Seq(Vec::new()));
        let mut items = into_items(base);
        let mut keys: Vec<Option<String>> = items
            .iter()
            .map(|i| short_syntax::unique_key(resource, i))
            .collect();
        for item in into_items(over) {
            if tagged(&item, RESET) {
                continue;
            }
            let replace = tagged(&item, OVERRIDE);
            let item = resolve_tags(item);
            let key = short_syntax::unique_key(resource, &item);
            let found = key
                .as_ref()
                .and_then(|k| keys.iter().position(|x| x.as_ref() == Some(k)));
            match found.and_then(|i| items.get_mut(i)) {
                Some(slot) => {
                    let earlier = std::mem::replace(slot, Node::scalar("", item.span));
                    *slot = if replace {
                        item
                    } else {
                        self.entry(resource, earlier, item)
                    };
                }
                None => {
                    keys.push(key);
                    items.push(item);
                }
            }
        }
        with_kind(&template, NodeKind::Seq(items))
    }

    /// Two entries with one unique key, merged as their long forms.
    fn entry(&mut self, resource: Resource, earlier: Node, later: Node) -> Node {
        let (Some(a), Some(b)) = (
            short_syntax::long_form(resource, &earlier),
            short_syntax::long_form(resource, &later),
        ) else {
            return later;
        };
        if covers(&b, &a) {
            // Nothing of the earlier entry would survive the merge: keep the later one as written.
            return later;
        }
        self.path.push("*".into());
        let merged = self.maps(a, b, true);
        self.path.pop();
        merged
    }

    fn key_values(&mut self, base: Node, over: Node) -> Node {
        match (&base.kind, &over.kind) {
            (NodeKind::Seq(_), NodeKind::Seq(_)) => {
                let template = with_kind(&base, NodeKind::Seq(Vec::new()));
                let items = keyed_append(into_items(base), resolved_items(over), pair_key, true);
                with_kind(&template, NodeKind::Seq(items))
            }
            (NodeKind::Map(_), NodeKind::Map(_)) => self.maps(base, over, false),
            (NodeKind::Map(_), NodeKind::Seq(_)) => match pairs_to_map(&over) {
                Some(over) => self.maps(base, over, false),
                None => self.mismatch(base, over),
            },
            (NodeKind::Seq(_), NodeKind::Map(_)) => match pairs_to_map(&base) {
                Some(base) => self.maps(base, over, false),
                None => self.mismatch(base, over),
            },
            _ => self.default(base, over),
        }
    }

    fn list(
        &mut self,
        base: Node,
        over: Node,
        key: fn(&Node) -> Option<String>,
        replace: bool,
    ) -> Node {
        if is_map(&base) || is_map(&over) {
            return self.default(base, over);
        }
        let template = with_kind(&base, NodeKind::Seq(Vec::new()));
        let base_items = as_list(base).unwrap_or_default();
        let over_items = match over.kind {
            NodeKind::Seq(_) => resolved_items(over),
            _ => vec![resolve_tags(over)],
        };
        with_kind(
            &template,
            NodeKind::Seq(keyed_append(base_items, over_items, key, replace)),
        )
    }

    fn names(&mut self, base: Node, over: Node, depends_on: bool) -> Node {
        match (&base.kind, &over.kind) {
            (NodeKind::Seq(_), NodeKind::Seq(_)) => {
                let template = with_kind(&base, NodeKind::Seq(Vec::new()));
                let items =
                    keyed_append(into_items(base), resolved_items(over), scalar_text, false);
                with_kind(&template, NodeKind::Seq(items))
            }
            (NodeKind::Map(_), NodeKind::Map(_)) => self.maps(base, over, true),
            (NodeKind::Map(_), NodeKind::Seq(_)) => match names_to_map(&over, depends_on) {
                Some(over) => self.maps(base, over, true),
                None => self.mismatch(base, over),
            },
            (NodeKind::Seq(_), NodeKind::Map(_)) => match names_to_map(&base, depends_on) {
                Some(base) => self.maps(base, over, true),
                None => self.mismatch(base, over),
            },
            _ => self.default(base, over),
        }
    }

    fn extra_hosts(&mut self, base: Node, over: Node) -> Node {
        if is_map(&base) && is_map(&over) {
            return self.maps(base, over, true);
        }
        if is_scalar(&base) || is_scalar(&over) {
            return self.default(base, over);
        }
        let template = with_kind(&base, NodeKind::Seq(Vec::new()));
        let items = keyed_append(
            host_items(base),
            host_items(resolve_tags(over)),
            scalar_text,
            false,
        );
        with_kind(&template, NodeKind::Seq(items))
    }

    /// A value that is either a scalar shorthand or a mapping: the shorthand is expanded when it
    /// meets a mapping; two shorthands replace.
    fn expand_scalar(&mut self, base: Node, over: Node, expand: impl Fn(&Node) -> Node) -> Node {
        match (is_scalar(&base), is_scalar(&over)) {
            (true, false) if is_map(&over) => self.maps(expand(&base), over, true),
            (false, true) if is_map(&base) => {
                let over = expand(&resolve_tags(over));
                self.maps(base, over, true)
            }
            _ => self.default(base, over),
        }
    }

    fn logging(&mut self, base: Node, over: Node) -> Node {
        let driver = |n: &Node| n.get("driver").and_then(scalar_text);
        match (driver(&base), driver(&over)) {
            (Some(a), Some(b)) if a != b && is_map(&base) && is_map(&over) => resolve_tags(over),
            _ => self.default(base, over),
        }
    }
}

/// Whether `later` states every field `earlier` does, nested options included.
fn covers(later: &Node, earlier: &Node) -> bool {
    earlier.as_map().unwrap_or_default().iter().all(|(k, v)| {
        let theirs = k.as_str().and_then(|k| later.get(k));
        match theirs {
            None => false,
            Some(theirs) if is_map(v) && is_map(theirs) => covers(theirs, v),
            Some(_) => true,
        }
    })
}

fn env_file_path(n: &Node) -> Option<String> {
    scalar_text(n).or_else(|| n.get("path").and_then(scalar_text))
}

/// A `KEY=VALUE` list as the mapping it stands for; `None` when an item is not a string.
fn pairs_to_map(list: &Node) -> Option<Node> {
    let mut entries = Vec::new();
    for item in list.as_seq()? {
        if tagged(item, RESET) {
            continue;
        }
        let text = scalar_text(item)?;
        let at = item.span;
        entries.push(match text.split_once('=') {
            Some((k, v)) => (short_syntax::string(k, at), short_syntax::string(v, at)),
            None => (short_syntax::string(&text, at), Node::scalar("", at)),
        });
    }
    Some(with_kind(list, NodeKind::Map(entries)))
}

/// A list of names as a mapping of the names to their defaults.
fn names_to_map(list: &Node, depends_on: bool) -> Option<Node> {
    let mut entries = Vec::new();
    for item in list.as_seq()? {
        if tagged(item, RESET) {
            continue;
        }
        let name = scalar_text(item)?;
        let at = item.span;
        let value = if depends_on {
            short_syntax::mapping(
                vec![
                    ("condition", short_syntax::string("service_started", at)),
                    ("required", short_syntax::plain("true", at)),
                ],
                at,
            )
        } else {
            Node::scalar("", at)
        };
        entries.push((short_syntax::string(&name, at), value));
    }
    Some(with_kind(list, NodeKind::Map(entries)))
}

/// `extra_hosts` as `HOST=IP` items: a mapping entry gives one item per address.
fn host_items(n: Node) -> Vec<Node> {
    match n.kind {
        NodeKind::Seq(items) => items.into_iter().filter(|i| !tagged(i, RESET)).collect(),
        NodeKind::Map(entries) => {
            let mut items = Vec::new();
            for (k, v) in entries {
                let Some(host) = k.as_str() else { continue };
                let at = k.span.to(v.span);
                let addresses: Vec<Node> = match v.kind {
                    NodeKind::Seq(ips) => ips,
                    _ => vec![v],
                };
                for ip in addresses {
                    match scalar_text(&ip) {
                        Some(ip) => items.push(short_syntax::string(&format!("{host}={ip}"), at)),
                        None => items.push(short_syntax::string(host, at)),
                    }
                }
            }
            items
        }
        NodeKind::Scalar { .. } => Vec::new(),
    }
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
