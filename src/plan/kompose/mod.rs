//! Kompose's `kompose.*` labels, read as the `x-kubernetes` settings they mean, so a project
//! written for Kompose converts without edits. A service's labels become a [`ServiceExtension`]
//! and a top-level volume's labels a [`VolumeExtension`]; each sits beneath the block of the same
//! level, which overrides it key by key. The few labels with no extension key (pull policy,
//! fsGroup, an init container) go straight to the IR. The block the labels make gets the checks
//! an `x-kubernetes` block gets when it is read, so a label cannot produce what the key it stands
//! for may not.
//!
//! Every label read gets an info naming its `x-kubernetes` equivalent, located on the label;
//! labels Kompose does not document, that have no equivalent here, or whose values Kompose would
//! reject get a warning. None of them is copied to the manifests as an annotation.
//!
//! [`ServiceExtension`]: crate::extension::ServiceExtension
//! [`VolumeExtension`]: crate::extension::VolumeExtension

mod hpa;
mod probes;
mod service;
mod volume;

pub use service::{effective, init_names};
pub use volume::{label_maps_bind, volumes};

use crate::compose::ast::Mapping;
use crate::diag::{Code, Diagnostic};
use crate::source::Span;
use crate::yaml::Spanned;

/// Whether a label is Kompose's: such labels are read here, never copied as annotations.
pub fn is_kompose_label(key: &str) -> bool {
    key.starts_with("kompose.")
}

/// Labels Kompose documents that have no equivalent here; why, for the warning.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("kompose.service.group", "several services in one pod are not generated; keep them as separate workloads, or write the pod by hand"),
    ("kompose.controller.port.expose", "host ports are not generated; use a NodePort or LoadBalancer Service (`x-kubernetes.service.type`)"),
    ("kompose.volume.sub-path", "a sub-path is a label of the service that mounts the volume, or `volume.subpath` of the Compose mount"),
    ("kompose.volume.subpath", "a sub-path is a label of the service that mounts the volume, or `volume.subpath` of the Compose mount"),
    ("kompose.volume.selector", "set `spec.selector` on the claim by hand"),
    ("kompose.service.suffix-lb", "Service port names are generated"),
    ("kompose.service.suffix-lb-tcp", "Service port names are generated"),
    ("kompose.service.suffix-lb-udp", "Service port names are generated"),
];

/// One `kompose.*` label: its key, its trimmed value, and where it is written.
#[derive(Clone, Copy)]
struct Label<'a> {
    key: &'a str,
    value: &'a str,
    at: Span,
}

impl<'a> Label<'a> {
    /// The Kompose labels of a `labels:` mapping, each located on its own entry.
    fn all(labels: &'a Spanned<Mapping>) -> impl Iterator<Item = Label<'a>> {
        labels
            .value
            .iter()
            .filter(|(k, _)| is_kompose_label(k))
            .map(|(key, value)| Label {
                key,
                value: value.trim(),
                at: labels.value.span_of(key).unwrap_or(labels.span),
            })
    }

    /// `value` placed where the label is, for an extension key the label fills.
    fn s<T>(&self, value: T) -> Spanned<T> {
        Spanned::new(self.at, value)
    }
}

/// What the extension's checks found in a block the labels made, each diagnostic located on a
/// label named after it: the message speaks of the `x-kubernetes` key the label stands for.
fn from_labels(found: Vec<Diagnostic>, labels: &Spanned<Mapping>) -> Vec<Diagnostic> {
    let keys: Vec<(Span, &str)> = Label::all(labels).map(|l| (l.at, l.key)).collect();
    found
        .into_iter()
        .map(|mut d| {
            let at = d.primary.as_ref().map(|l| l.span);
            if let Some((_, key)) = keys.iter().find(|(span, _)| Some(*span) == at) {
                d.message = format!("Kompose label `{key}`: {}", d.message);
            }
            d
        })
        .collect()
}

/// The block key a label fills, created empty on first use.
fn slot<T: Default>(key: &mut Option<Spanned<T>>, at: Span) -> &mut T {
    &mut key
        .get_or_insert_with(|| Spanned::new(at, T::default()))
        .value
}

/// The diagnostics the labels of one service or volume leave. `owner` names it in messages
/// (``service `web` ``).
struct Notes {
    owner: String,
    items: Vec<Diagnostic>,
}

impl Notes {
    fn new(owner: String) -> Self {
        Notes {
            owner,
            items: Vec::new(),
        }
    }

    /// The info for a label read as `x-kubernetes.{equivalent}`; `settled` says whether the
    /// owner's own `x-kubernetes` block already sets that key (and so wins).
    fn read(&mut self, l: Label, equivalent: &str, settled: bool) {
        self.read_as(l, &format!("`x-kubernetes.{equivalent}`"), settled);
    }

    /// The info for a label read as what `phrase` names.
    fn read_as(&mut self, l: Label, phrase: &str, settled: bool) {
        let Label { key, value, at } = l;
        let owner = &self.owner;
        let d = if settled {
            Diagnostic::new(
                Code::KomposeLabel,
                format!("Kompose label `{key}: {value}` is overridden by the `x-kubernetes` block of {owner}"),
            )
            .at(at, "the `x-kubernetes` block wins")
            .help(format!("the label means {phrase}; remove it, or the block's setting"))
        } else {
            Diagnostic::new(
                Code::KomposeLabel,
                format!("Kompose label `{key}: {value}` is read as {phrase}"),
            )
            .at(at, "a Kompose label")
            .help(format!(
                "write it as {phrase} of {owner} once Kompose is no longer used"
            ))
        };
        self.items.push(d);
    }

    /// An info for a label applied to the manifests directly (no `x-kubernetes` key says it).
    fn direct(&mut self, l: Label, effect: &str) {
        let Label { key, value, at } = l;
        self.items.push(
            Diagnostic::new(
                Code::KomposeLabel,
                format!("Kompose label `{key}: {value}` sets {effect}"),
            )
            .at(at, "a Kompose label")
            .help("`x-kubernetes` has no key for this; keep the label, or set the field in the manifests by hand"),
        );
    }

    /// A value Kompose would not accept; `expected` says what the label takes.
    fn invalid(&mut self, l: Label, expected: &str) {
        let Label { key, value, at } = l;
        self.items.push(
            Diagnostic::new(
                Code::UnknownKomposeLabel,
                format!("Kompose label `{key}` has a value Kompose does not accept: `{value}`"),
            )
            .at(at, "ignored")
            .help(format!("`{key}` takes {expected}")),
        );
    }

    /// A label with no effect: Kompose's but without an equivalent here, or not Kompose's at all.
    fn unknown(&mut self, l: Label) {
        let key = l.key;
        match UNSUPPORTED.iter().find(|(k, _)| *k == key) {
            Some((_, help)) => {
                self.unsupported(l, format!("Kompose label `{key}` is not supported"), help)
            }
            None => self.unsupported(
                l,
                format!("`{key}` is not a label Kompose documents"),
                "check the spelling against Kompose's label reference, or use `x-kubernetes`",
            ),
        }
    }

    /// A Kompose label with no effect here; `message` says why.
    fn unsupported(&mut self, l: Label, message: String, help: &str) {
        self.items.push(
            Diagnostic::new(Code::UnknownKomposeLabel, message)
                .at(l.at, "no effect on the manifests")
                .help(help),
        );
    }
}

/// A whole number of at least `min`, as the count and port labels take.
fn whole<T: std::str::FromStr + PartialOrd>(value: &str, min: T) -> Option<T> {
    value.parse::<T>().ok().filter(|n| *n >= min)
}

/// A Kompose command label: a JSON-style list (`["CMD", "curl", "-f", "…"]`, with Compose's
/// `CMD`/`CMD-SHELL` markers) or a shell string.
fn test_command(value: &str) -> Option<Vec<String>> {
    let value = value.trim();
    if value.starts_with('[') {
        let list: Vec<String> = serde_json::from_str(value).ok()?;
        let mut it = list.into_iter();
        let first = it.next()?;
        let rest: Vec<String> = it.collect();
        return match first.as_str() {
            "CMD" => (!rest.is_empty()).then_some(rest),
            "CMD-SHELL" => Some(vec!["sh".into(), "-c".into(), rest.join(" ")]),
            _ => Some(std::iter::once(first).chain(rest).collect()),
        };
    }
    (!value.is_empty()).then(|| vec!["sh".into(), "-c".into(), value.to_string()])
}

#[cfg(test)]
mod tests;
