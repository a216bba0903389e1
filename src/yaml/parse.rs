//! saphyr-parser events → [`Node`] tree. Builds the tree with an explicit stack (no recursion on
//! user input), expands aliases against a node budget and `<<` merge keys at the end of each
//! mapping, and converts saphyr's char positions into byte offsets.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle as SaphyrStyle, Span as SaphyrSpan, Tag};

use super::limits::{MAX_ALIAS_NODES, MAX_DEPTH};
use super::node::{Node, NodeKind, ScalarStyle};
use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};

/// The documents of one file, or the diagnostics that stopped parsing.
pub struct Parsed {
    pub documents: Vec<Node>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Char index → byte offset. Identity for ASCII text, a table otherwise.
struct Offsets {
    base: usize,
    table: Option<Vec<u32>>,
    len: usize,
}

impl Offsets {
    fn new(text: &str, base: usize) -> Offsets {
        let table = if text.is_ascii() {
            None
        } else {
            let mut t: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
            t.push(text.len() as u32);
            Some(t)
        };
        Offsets {
            base,
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        let b = match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).map(|b| *b as usize).unwrap_or(self.len),
        };
        b + self.base
    }
}

enum Frame {
    Seq {
        start: usize,
        flow: bool,
        items: Vec<Node>,
        tag: Option<String>,
        anchor: usize,
    },
    Map {
        start: usize,
        flow: bool,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        tag: Option<String>,
        anchor: usize,
    },
}

struct Builder<'a> {
    file: FileId,
    /// The whole file text (with a BOM, if any) so spans can be trimmed.
    text: &'a str,
    offsets: Offsets,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    alias_nodes: usize,
    documents: Vec<Node>,
    diagnostics: Vec<Diagnostic>,
}

/// Why building stopped early.
struct Abort(Diagnostic);

pub fn parse(file: FileId, text: &str) -> Parsed {
    // A UTF-8 byte-order mark is accepted, as Compose does; offsets stay relative to the full text.
    let (body, base) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, '\u{feff}'.len_utf8()),
        None => (text, 0),
    };
    let mut b = Builder {
        file,
        text,
        offsets: Offsets::new(body, base),
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        documents: Vec::new(),
        diagnostics: Vec::new(),
    };
    for event in Parser::new_from_str(body) {
        let step = match event {
            Ok((ev, span)) => b.on_event(ev, span),
            Err(e) => {
                let mut at = b.offsets.byte(e.marker().index());
                if e.info().contains("tab") {
                    at = b.tab_before(at);
                }
                let span = b.point(at);
                if e.info().contains("recursion limit") {
                    Err(b.too_deep(span))
                } else {
                    Err(Abort(
                        Diagnostic::new(Code::YamlSyntax, format!("invalid YAML: {}", e.info()))
                            .at(span, syntax_label(e.info()))
                            .help(syntax_help(e.info())),
                    ))
                }
            }
        };
        if let Err(Abort(d)) = step {
            b.diagnostics.push(d);
            return Parsed {
                documents: Vec::new(),
                diagnostics: b.diagnostics,
            };
        }
    }
    Parsed {
        documents: b.documents,
        diagnostics: b.diagnostics,
    }
}

fn syntax_label(info: &str) -> String {
    if info.contains("tab") {
        "a tab character here".into()
    } else {
        "the parser stopped here".into()
    }
}

fn syntax_help(info: &str) -> String {
    if info.contains("tab") {
        "YAML indentation must use spaces; replace the tab with spaces".into()
    } else if info.contains("did not find expected key") {
        "this line is indented differently from the keys before it; keys of one mapping must line up".into()
    } else if info.contains("mapping values are not allowed") {
        "a `key: value` pair is indented differently from its siblings, or a value holding `: ` needs quotes".into()
    } else if info.contains("did not find expected")
        || info.contains("unclosed")
        || info.contains("end of stream")
    {
        "a quote or bracket is opened but not closed, or an entry is indented inconsistently".into()
    } else {
        "check the indentation and quoting around this line; keys at one level must line up".into()
    }
}

fn tag_text(tag: Option<std::borrow::Cow<'_, Tag>>) -> Option<String> {
    let tag = tag?;
    if tag.is_yaml_core_schema() {
        Some(format!("!!{}", tag.suffix))
    } else {
        Some(format!("{}{}", tag.handle, tag.suffix))
    }
}

fn style(s: SaphyrStyle) -> ScalarStyle {
    match s {
        SaphyrStyle::Plain => ScalarStyle::Plain,
        SaphyrStyle::SingleQuoted => ScalarStyle::SingleQuoted,
        SaphyrStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
        SaphyrStyle::Literal => ScalarStyle::Literal,
        SaphyrStyle::Folded => ScalarStyle::Folded,
    }
}

impl Builder<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        // Spans end at the last content byte: trailing newlines and blanks make miette draw a
        // label that runs into the next line.
        let bytes = self.text.as_bytes();
        let mut end = end.min(bytes.len()).max(start);
        while end > start && matches!(bytes.get(end - 1), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            end -= 1;
        }
        Span::new(self.file, start, end)
    }

    /// The scanner reports a tab error at the token after the tab; point at the tab itself.
    fn tab_before(&self, at: usize) -> usize {
        let line_start = self
            .text
            .get(..at)
            .and_then(|t| t.rfind('\n'))
            .map(|i| i + 1)
            .unwrap_or(0);
        self.text
            .get(line_start..at)
            .and_then(|l| l.rfind('\t'))
            .map(|i| line_start + i)
            .unwrap_or(at)
    }

    /// A span of one character at `at`, so a label has something to underline.
    fn point(&self, at: usize) -> Span {
        let next = self
            .text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map(|c| at + c.len_utf8())
            .unwrap_or(at);
        Span::new(self.file, at, next)
    }

    fn on_event(&mut self, ev: Event<'_>, span: SaphyrSpan) -> Result<(), Abort> {
        let start = self.offsets.byte(span.start.index());
        let end = self.offsets.byte(span.end.index());
        match ev {
            Event::Scalar(text, s, anchor, tag) => {
                let node = Node {
                    kind: NodeKind::Scalar {
                        text: text.into_owned(),
                        style: style(s),
                    },
                    span: self.span(start, end),
                    tag: tag_text(tag),
                    anchor_at: None,
                };
                self.register_anchor(anchor, &node);
                self.complete(node)
            }
            Event::Alias(id) => {
                let use_site = self.span(start, end);
                let Some((node, size)) = self.anchors.get(&id) else {
                    return Err(Abort(
                        Diagnostic::new(Code::UndefinedAlias, "alias to an undefined anchor")
                            .at(use_site, "no anchor with this name is defined before here")
                            .help("define the anchor (`&name`) before the alias (`*name`) that uses it"),
                    ));
                };
                self.alias_nodes = self.alias_nodes.saturating_add(*size);
                if self.alias_nodes > MAX_ALIAS_NODES {
                    return Err(Abort(
                        Diagnostic::new(
                            Code::AliasBudget,
                            format!(
                                "alias expansion exceeds the budget of {MAX_ALIAS_NODES} nodes"
                            ),
                        )
                        .at(use_site, "expanding this alias goes over the budget")
                        .help(
                            "nested aliases multiply; inline the repeated blocks or use `extends`",
                        ),
                    ));
                }
                let mut node = node.clone();
                node.anchor_at = Some(node.span);
                node.span = use_site;
                self.complete(node)
            }
            Event::SequenceStart(anchor, tag) => {
                self.check_depth(start)?;
                let flow = self.text.as_bytes().get(start) == Some(&b'[');
                self.stack.push(Frame::Seq {
                    start,
                    flow,
                    items: Vec::new(),
                    tag: tag_text(tag),
                    anchor,
                });
                Ok(())
            }
            Event::MappingStart(anchor, tag) => {
                self.check_depth(start)?;
                let flow = self.text.as_bytes().get(start) == Some(&b'{');
                self.stack.push(Frame::Map {
                    start,
                    flow,
                    entries: Vec::new(),
                    key: None,
                    tag: tag_text(tag),
                    anchor,
                });
                Ok(())
            }
            Event::SequenceEnd => match self.stack.pop() {
                Some(Frame::Seq {
                    start: s,
                    flow,
                    items,
                    tag,
                    anchor,
                }) => {
                    let last = if flow {
                        end
                    } else {
                        items.last().map(|n| n.span.end as usize).unwrap_or(end)
                    };
                    let node = Node {
                        kind: NodeKind::Seq(items),
                        span: self.span(s, last.max(s)),
                        tag,
                        anchor_at: None,
                    };
                    self.register_anchor(anchor, &node);
                    self.complete(node)
                }
                _ => Ok(()),
            },
            Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Map {
                    start: s,
                    flow,
                    entries,
                    tag,
                    anchor,
                    ..
                }) => {
                    let last = if flow {
                        end
                    } else {
                        entries
                            .last()
                            .map(|(_, v)| v.span.end as usize)
                            .unwrap_or(end)
                    };
                    let entries = self.finish_map(entries)?;
                    let node = Node {
                        kind: NodeKind::Map(entries),
                        span: self.span(s, last.max(s)),
                        tag,
                        anchor_at: None,
                    };
                    self.register_anchor(anchor, &node);
                    self.complete(node)
                }
                _ => Ok(()),
            },
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd => Ok(()),
        }
    }

    fn check_depth(&self, at: usize) -> Result<(), Abort> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.too_deep(self.point(at)));
        }
        Ok(())
    }

    fn too_deep(&self, span: Span) -> Abort {
        Abort(
            Diagnostic::new(
                Code::NestingTooDeep,
                format!("YAML nested deeper than {MAX_DEPTH} levels"),
            )
            .at(span, "this collection is too deep")
            .help("a Compose file needs only a few levels; flatten the structure"),
        )
    }

    fn register_anchor(&mut self, anchor: usize, node: &Node) {
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), node.size()));
        }
    }

    fn complete(&mut self, node: Node) -> Result<(), Abort> {
        match self.stack.last_mut() {
            None => self.documents.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    if !matches!(node.kind, NodeKind::Scalar { .. }) {
                        self.diagnostics.push(
                            Diagnostic::new(Code::ComplexKey, "a mapping key must be a string")
                                .at(node.span, format!("{} used as a key", node.describe()))
                                .help("Compose keys are plain strings; quote the key if it holds special characters"),
                        );
                    }
                    *key = Some(node);
                }
                Some(k) => entries.push((k, node)),
            },
        }
        Ok(())
    }

    /// Duplicate keys and `<<` merge keys, resolved once the mapping is complete.
    fn finish_map(&mut self, entries: Vec<(Node, Node)>) -> Result<Vec<(Node, Node)>, Abort> {
        let is_merge = |k: &Node| {
            k.tag.is_none()
                && matches!(&k.kind, NodeKind::Scalar { text, style: ScalarStyle::Plain } if text == "<<")
        };
        let mut explicit: HashMap<&str, Span> = HashMap::new();
        let mut has_merge = false;
        let mut duplicate = vec![false; entries.len()];
        for (i, (k, _)) in entries.iter().enumerate() {
            if is_merge(k) {
                has_merge = true;
                continue;
            }
            let Some(name) = k.as_str() else { continue };
            if let Some(first) = explicit.get(name) {
                self.diagnostics.push(
                    Diagnostic::new(Code::DuplicateKey, format!("key `{name}` is defined twice"))
                        .at(k.span, "defined again here")
                        .also(*first, "first defined here")
                        .help("remove one of the two entries; YAML mappings cannot repeat a key"),
                );
                if let Some(d) = duplicate.get_mut(i) {
                    *d = true;
                }
            } else {
                explicit.insert(name, k.span);
            }
        }
        if !has_merge && !duplicate.contains(&true) {
            return Ok(entries);
        }
        let explicit: std::collections::HashSet<String> =
            explicit.keys().map(|s| s.to_string()).collect();
        let mut merged_keys: std::collections::HashSet<String> = Default::default();
        let mut out = Vec::with_capacity(entries.len());
        for (i, (k, v)) in entries.into_iter().enumerate() {
            if duplicate.get(i) == Some(&true) {
                continue;
            }
            if !is_merge(&k) {
                out.push((k, v));
                continue;
            }
            let sources: Vec<Node> = match v.kind {
                NodeKind::Map(_) => vec![v],
                NodeKind::Seq(items) => items,
                _ => {
                    return Err(Abort(
                        Diagnostic::new(
                            Code::InvalidMergeKey,
                            "`<<` must be given a mapping or a list of mappings",
                        )
                        .at(v.span, format!("{} given to `<<`", v.describe()))
                        .help("write `<<: *anchor` or `<<: [*a, *b]` with anchors on mappings"),
                    ))
                }
            };
            for source in sources {
                let NodeKind::Map(source_entries) = source.kind else {
                    return Err(Abort(
                        Diagnostic::new(
                            Code::InvalidMergeKey,
                            "`<<` lists something other than a mapping",
                        )
                        .at(
                            source.span,
                            format!("{} in a merge list", source.describe()),
                        )
                        .help("every item merged with `<<` must be a mapping"),
                    ));
                };
                for (sk, sv) in source_entries {
                    let Some(name) = sk.as_str() else { continue };
                    // Explicit keys win over merged ones; among merge sources the first wins.
                    if explicit.contains(name) || !merged_keys.insert(name.to_string()) {
                        continue;
                    }
                    out.push((sk, sv));
                }
            }
        }
        Ok(out)
    }
}
