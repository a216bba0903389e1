//! Which diagnostic belongs to which key, and what that says about the key.

use super::{KeySpan, Outcome, ServiceSpans};
use crate::diag::{Code, Diagnostic, Severity};
use crate::source::{SourceMap, Span};

/// Codes that say a setting has no effect in the manifests, as opposed to an approximate one.
const DROPPING: &[Code] = &[
    Code::NotTranslated,
    Code::DevelopOnly,
    Code::BindMount,
    Code::BindMountSourceCode,
    Code::NetworksFlattened,
    Code::ContainerNameIgnored,
    Code::StartOrderOnly,
];

/// The diagnostics by owner: `keys[service][key]`, `services[service]` for those on a service
/// but in none of its keys, and the rest.
pub(crate) struct Assigned<'a> {
    pub keys: Vec<Vec<Vec<&'a Diagnostic>>>,
    pub services: Vec<Vec<&'a Diagnostic>>,
    pub project: Vec<&'a Diagnostic>,
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.file == inner.file && outer.start <= inner.start && inner.end <= outer.end
}

/// Owned spans, sorted, for lookups by binary search so large projects stay fast. Key values
/// of different services do not overlap, except that YAML aliases let several services share one
/// value: such a span has several owners, and [`Spans::find`] picks among them by the message.
struct Spans<T> {
    spans: Vec<(Span, Vec<T>)>,
}

impl<T: Copy> Spans<T> {
    fn new(mut owned: Vec<(Span, T)>) -> Self {
        owned.sort_by_key(|(s, _)| (s.file, s.start, s.end));
        let mut spans: Vec<(Span, Vec<T>)> = Vec::new();
        for (span, owner) in owned {
            match spans.last_mut() {
                Some((last, owners)) if *last == span => owners.push(owner),
                _ => spans.push((span, vec![owner])),
            }
        }
        Spans { spans }
    }

    /// The owners of the smallest span that holds `inner`: the last span starting at or before
    /// it, else (spans nested through aliases) any that holds it.
    fn find(&self, inner: Span) -> Option<&[T]> {
        let n = self
            .spans
            .partition_point(|(s, _)| (s.file, s.start) <= (inner.file, inner.start));
        if let Some((outer, owners)) = n.checked_sub(1).and_then(|i| self.spans.get(i)) {
            if contains(*outer, inner) {
                return Some(owners);
            }
        }
        self.spans
            .iter()
            .filter(|(outer, _)| contains(*outer, inner))
            .min_by_key(|(outer, _)| outer.len())
            .map(|(_, owners)| owners.as_slice())
    }
}

/// Of several services sharing a span, the one the message names (messages name the service as
/// `` `name` ``), else the first.
fn pick<T: Copy>(
    owners: &[T],
    service: impl Fn(T) -> usize,
    services: &[ServiceSpans],
    d: &Diagnostic,
) -> Option<T> {
    owners
        .iter()
        .copied()
        .find(|o| {
            services
                .get(service(*o))
                .is_some_and(|s| d.message.contains(&format!("`{}`", s.name)))
        })
        .or_else(|| owners.first().copied())
}

/// Each diagnostic goes to the key whose value span holds its primary span, else to the service
/// whose mapping (or name) holds it or that its message names, else to the project.
pub(crate) fn assign<'a>(
    diagnostics: &'a [Diagnostic],
    services: &[ServiceSpans],
    keys: &[Vec<KeySpan>],
) -> Assigned<'a> {
    let mut out = Assigned {
        keys: keys.iter().map(|k| vec![Vec::new(); k.len()]).collect(),
        services: vec![Vec::new(); services.len()],
        project: Vec::new(),
    };
    let key_spans = Spans::new(
        keys.iter()
            .enumerate()
            .flat_map(|(s, ks)| {
                ks.iter()
                    .enumerate()
                    .map(move |(k, key)| (key.span, (s, k)))
            })
            .collect(),
    );
    let mappings = Spans::new(
        services
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((s.mapping?, i)))
            .collect(),
    );
    let names = Spans::new(
        services
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((s.name_span?, i)))
            .collect(),
    );
    for d in diagnostics {
        let Some(span) = d.primary.as_ref().map(|l| l.span) else {
            out.project.push(d);
            continue;
        };
        let key = key_spans
            .find(span)
            .and_then(|owners| pick(owners, |(s, _)| s, services, d));
        if let Some((s, k)) = key {
            if let Some(slot) = out.keys.get_mut(s).and_then(|ks| ks.get_mut(k)) {
                slot.push(d);
                continue;
            }
        }
        let service = mappings
            .find(span)
            .or_else(|| names.find(span))
            .and_then(|owners| pick(owners, |s| s, services, d));
        // A value merged from another file lies outside the service's mapping; its messages
        // still name the service.
        let service = service.or_else(|| {
            services
                .iter()
                .position(|s| d.message.contains(&format!("service `{}`", s.name)))
        });
        match service.and_then(|s| out.services.get_mut(s)) {
            Some(slot) => slot.push(d),
            None => out.project.push(d),
        }
    }
    out
}

/// Error if any diagnostic on the key is an error; dropped if diagnostics that mean "no effect"
/// cover all of its value (all entries of a list, say); approximated if it has any other
/// diagnostic, or such diagnostics on only some of its entries; mapped otherwise.
pub(crate) fn outcome(key: Span, diags: &[&Diagnostic], sources: &SourceMap) -> Outcome {
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Outcome::Error;
    }
    if diags.is_empty() {
        return Outcome::Mapped;
    }
    let dropping: Vec<Span> = diags
        .iter()
        .filter(|d| DROPPING.contains(&d.code))
        .filter_map(|d| d.primary.as_ref().map(|l| l.span))
        .collect();
    if !dropping.is_empty() && covered(key, &dropping, sources) {
        Outcome::Dropped
    } else {
        Outcome::Approximated
    }
}

/// Whether the spans cover every byte of `key`'s text but YAML punctuation and blanks.
fn covered(key: Span, spans: &[Span], sources: &SourceMap) -> bool {
    let Some(file) = sources.get(key.file) else {
        return false;
    };
    let text = file.slice(key);
    let mut marked = vec![false; text.len()];
    for s in spans.iter().filter(|s| s.file == key.file) {
        let start = s.start.max(key.start) - key.start;
        let end = s.end.min(key.end).saturating_sub(key.start);
        for m in marked.iter_mut().take(end as usize).skip(start as usize) {
            *m = true;
        }
    }
    text.bytes()
        .zip(&marked)
        .all(|(b, m)| *m || b" \t\r\n-[],".contains(&b))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::source::FileId;

    fn sources(text: &str) -> SourceMap {
        let mut map = SourceMap::new();
        map.add("c.yaml", Path::new("c.yaml"), text.to_string());
        map
    }

    fn at(code: Code, start: usize, end: usize) -> Diagnostic {
        Diagnostic::new(code, "m").at(Span::new(FileId(0), start, end), "l")
    }

    #[test]
    fn outcomes_follow_the_diagnostics_on_a_key() {
        let text = "- ./a:/a\n- ./b:/b\n";
        let map = sources(text);
        let key = Span::new(FileId(0), 0, text.len() - 1);
        let first = at(Code::BindMount, 2, 8);
        let second = at(Code::BindMount, 11, 17);
        let note = at(Code::AnonymousVolume, 11, 17);
        assert_eq!(outcome(key, &[], &map), Outcome::Mapped);
        assert_eq!(outcome(key, &[&first], &map), Outcome::Approximated);
        assert_eq!(outcome(key, &[&first, &second], &map), Outcome::Dropped);
        assert_eq!(outcome(key, &[&note], &map), Outcome::Approximated);
        let mut error = note.clone();
        error.severity = Severity::Error;
        assert_eq!(outcome(key, &[&first, &error], &map), Outcome::Error);
    }
}
