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
    /// Nodes copied so far for anchors and aliases, against [`MAX_ALIAS_NODES`].
    alias_nodes: usize,
    /// False when the text holds no `*`: then no alias can follow, and anchored values need no
    /// copy at all.
    aliases_possible: bool,
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
    if let Some(d) = control_character(file, text) {
        return Parsed {
            documents: Vec::new(),
            diagnostics: vec![d],
        };
    }
    let mut b = Builder {
        file,
        text,
        offsets: Offsets::new(body, base),
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        aliases_possible: body.contains('*'),
        documents: Vec::new(),
        diagnostics: Vec::new(),
    };
    for event in Parser::new_from_str(body) {
        let step = match event {
            Ok((ev, span)) => b.on_event(ev, span),
            Err(e) => Err(b.syntax_error(e.info(), b.offsets.byte(e.marker().index()))),
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

fn over_budget(at: Span, label: &str) -> Abort {
    Abort(
        Diagnostic::new(
            Code::AliasBudget,
            format!("YAML anchors and aliases copy more than the budget of {MAX_ALIAS_NODES} nodes"),
        )
        .at(at, label)
        .help("an alias copies the whole value of its anchor, and nested aliases multiply (an anchored value is kept as a copy, with any anchors inside it); inline the repeated blocks or anchor only small ones"),
    )
}

/// YAML 1.2 allows only printable characters in a stream (tab and line breaks aside); saphyr
/// does not check, and Compose's parser rejects them. An invisible control character would
/// otherwise end up in an image name or a command.
fn control_character(file: FileId, text: &str) -> Option<Diagnostic> {
    let (at, c) = text.char_indices().find(|&(_, c)| {
        let n = u32::from(c);
        (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
            || n == 0x7f
            || ((0x80..=0x9f).contains(&n) && n != 0x85)
            || matches!(n, 0xfffe | 0xffff)
    })?;
    Some(
        Diagnostic::new(
            Code::YamlSyntax,
            format!("invalid YAML: control character U+{:04X} is not allowed", u32::from(c)),
        )
        .at(
            Span::new(file, at, at + c.len_utf8()),
            "an invisible control character here",
        )
        .help("delete it; YAML text may hold no control characters besides tabs and line breaks (write `\\u0001`-style escapes inside double quotes if the value needs one)"),
    )
}

fn syntax_label(info: &str) -> &'static str {
    if info.contains("tab") {
        "a tab character here"
    } else if info.contains("quoted scalar") && info.contains("end of stream") {
        "this quote is never closed"
    } else if info.contains("quoted scalar") {
        "this quoted value is not closed, or its next line is indented too little"
    } else {
        "the parser stopped here"
    }
}

fn syntax_help(info: &str) -> String {
    if info.contains("tab") {
        "YAML indentation must use spaces; replace the tab with spaces".into()
    } else if info.contains("quoted scalar") {
        "end the value with the quote it starts with; a quoted value that goes on to the next line must indent that line further than its key".into()
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

/// The name of the alias written at `at` (`*name`), as far as the text shows it.
fn alias_name(text: &str, at: usize) -> &str {
    let rest = text.get(at..).unwrap_or("");
    let rest = rest.strip_prefix('*').unwrap_or(rest);
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
        .unwrap_or(rest.len());
    rest.get(..end).unwrap_or("")
}

/// The anchor names (`&name`) written before `before`. saphyr numbers anchors and keeps no
/// names, so they are read back from the text; this only feeds a "did you mean".
fn anchor_names(text: &str, before: usize) -> Vec<&str> {
    let text = text.get(..before).unwrap_or(text);
    let mut names = Vec::new();
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        if c == '&' && (prev.is_whitespace() || matches!(prev, '[' | '{' | ',')) {
            let name = alias_name(text, i + 1);
            if !name.is_empty() {
                names.push(name);
            }
        }
        prev = c;
    }
    names
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

    /// A located diagnostic for an error of saphyr's scanner or parser.
    fn syntax_error(&self, info: &str, at: usize) -> Abort {
        if info.contains("recursion limit") {
            return self.too_deep(self.point(at));
        }
        if info.contains("unknown anchor") {
            return self.undefined_alias(at);
        }
        let at_end = self
            .text
            .get(at..)
            .is_none_or(|rest| rest.trim().is_empty());
        let at = if info.contains("tab") {
            self.tab_before(at)
        } else if at_end {
            // A zero-width label past the last line is not drawn; point at the last character.
            self.last_content_byte()
        } else {
            at
        };
        let label = if at_end {
            "the file ends here"
        } else {
            syntax_label(info)
        };
        let mut d = Diagnostic::new(Code::YamlSyntax, format!("invalid YAML: {info}"))
            .at(self.point(at), label);
        // A scanner error inside `[…]` or `{…}` is most often that bracket left open: the parser
        // only notices at the next line, far from the bracket.
        let open = self.stack.iter().rev().find_map(|f| match f {
            Frame::Seq {
                start, flow: true, ..
            } => Some((*start, '[', ']')),
            Frame::Map {
                start, flow: true, ..
            } => Some((*start, '{', '}')),
            _ => None,
        });
        let glued = if info.contains("mapping values are not allowed") {
            self.glued_key_before(at)
        } else {
            None
        };
        let help = match (open, glued) {
            (_, Some((colon, line))) => {
                d = d.also(
                    self.point(colon),
                    "no space after this `:`, so the whole line is one string",
                );
                let fixed = line.replacen(':', ": ", 1);
                format!("write a space after the colon of a key: `{fixed}`")
            }
            (Some((start, open, close)), None) if !info.contains("tab") => {
                d = d.also(self.point(start), format!("this `{open}` is still open"));
                format!(
                    "close the `{open}` with `{close}` before the next key, and quote values that contain `,`, `[`, `]`, `{{` or `}}`"
                )
            }
            _ => syntax_help(info),
        };
        Abort(d.help(help))
    }

    /// On the last non-blank line before `at`, a `key:value` with no space after the colon (the
    /// offset of that colon, and the line). YAML reads `image:nginx` as one plain string, so the
    /// parser only fails at the next key, which is indented like a child of that string.
    fn glued_key_before(&self, at: usize) -> Option<(usize, &str)> {
        let before = self.text.get(..at)?;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let (start, line) = before
            .get(..line_start)?
            .split('\n')
            .scan(0usize, |offset, l| {
                let start = *offset;
                *offset += l.len() + 1;
                Some((start, l))
            })
            .filter(|(_, l)| {
                let t = l.trim();
                !t.is_empty() && !t.starts_with('#')
            })
            .last()?;
        let body = line.trim_start().trim_start_matches("- ");
        let (key, rest) = body.split_once(':')?;
        let glued = key.starts_with(|c: char| c.is_ascii_alphabetic())
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            && rest
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && c != '/');
        if !glued {
            return None;
        }
        let colon = line.len() - body.len() + key.len();
        Some((start + colon, body.trim_end()))
    }

    fn undefined_alias(&self, at: usize) -> Abort {
        let name = alias_name(self.text, at);
        let anchors = anchor_names(self.text, at);
        let help = match crate::yaml::de::closest(name, &anchors) {
            Some(near) => format!("did you mean `*{near}`? An alias can only name an anchor (`&{near}`) defined above it"),
            None => format!(
                "define the anchor `&{name}` on a value above this alias, or fix the name"
            ),
        };
        Abort(
            Diagnostic::new(
                Code::UndefinedAlias,
                format!("alias `*{name}` refers to an anchor that is not defined"),
            )
            .at(
                self.span(at, at + name.len() + 1),
                "no `&anchor` of this name above here",
            )
            .help(help),
        )
    }

    /// The last byte of the file that is not whitespace (0 for a blank file).
    fn last_content_byte(&self) -> usize {
        let trimmed = self.text.trim_end();
        trimmed
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
            .unwrap_or(0)
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
                self.register_anchor(anchor, &node)?;
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
                    return Err(over_budget(
                        use_site,
                        "expanding this alias goes over the budget",
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
                    self.register_anchor(anchor, &node)?;
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
                    self.register_anchor(anchor, &node)?;
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

    /// Keeps a copy of an anchored value for the aliases that may follow. The copy is charged to
    /// the alias budget: anchors nested in one another are each copied whole, so a file of nested
    /// anchors and no alias expansion at all would otherwise cost memory quadratic in its size.
    fn register_anchor(&mut self, anchor: usize, node: &Node) -> Result<(), Abort> {
        if anchor == 0 || !self.aliases_possible {
            return Ok(());
        }
        let size = node.size();
        self.alias_nodes = self.alias_nodes.saturating_add(size);
        if self.alias_nodes > MAX_ALIAS_NODES {
            return Err(over_budget(
                self.point(node.span.start as usize),
                "keeping a copy of this anchored value goes over the budget",
            ));
        }
        self.anchors.insert(anchor, (node.clone(), size));
        Ok(())
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
