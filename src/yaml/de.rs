//! A serde `Deserializer` over [`Node`]: fills the typed Compose AST.
//!
//! Scalars resolve by the type of the field that reads them, as Compose does after interpolation:
//! a string field takes `yes`, `0755` or `8080` verbatim; a bool field accepts `true`/`false` and,
//! with a warning, YAML 1.1's `yes`/`no`/`on`/`off`; integer fields accept decimal, `0x` and `0o`.
//! Unknown keys of a struct are collected as located errors (with a "did you mean") and skipped, so
//! one pass reports all of them.

use std::cell::RefCell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

use super::node::{Node, NodeKind, ScalarStyle};
use super::spanned;
use crate::diag::{Code, Diagnostic};
use crate::source::Span;

/// A deserialization failure, located at the innermost node that was being read.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub message: String,
    pub span: Option<Span>,
    /// The innermost mapping key whose value failed, so the help can name what the user wrote.
    pub key: Option<String>,
}

impl Error {
    fn at(message: impl Into<String>, span: Span) -> Self {
        Error {
            message: message.into(),
            span: Some(span),
            key: None,
        }
    }

    fn or_key(mut self, key: &Node) -> Self {
        if self.key.is_none() {
            self.key = key.as_str().map(str::to_string);
        }
        self
    }

    fn or_span(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }

    /// The error as a diagnostic, pointed at `fallback` if it carries no span of its own.
    pub fn into_diagnostic(self, fallback: Span) -> Diagnostic {
        let span = self.span.unwrap_or(fallback);
        let key = self.key.as_deref();
        let help = help_for(&self.message, key);
        let label = match key {
            Some(k) => format!("invalid value for `{k}`"),
            None => "invalid value here".into(),
        };
        Diagnostic::new(Code::InvalidValue, self.message)
            .at(span, label)
            .help(help)
    }
}

/// Help for the messages this module and serde produce; the parsers of `compose::ast` refine
/// their own kinds (ports, durations, sizes, mounts) further.
fn help_for(message: &str, key: Option<&str>) -> String {
    let what = match key {
        Some(k) => format!("`{k}`"),
        None => "this key".into(),
    };
    if let Some(field) = message
        .strip_prefix("missing required key `")
        .and_then(|rest| rest.split('`').next())
    {
        return format!("add `{field}:` to this mapping; it is required here");
    }
    // `expected X, found Y`: serde's type errors, worded by the visitors' `expecting`.
    if let Some((expected, _)) = message
        .strip_prefix("expected ")
        .and_then(|rest| rest.split_once(", found "))
    {
        return match expected {
            "a list" | "a sequence" => {
                "write the value as a YAML list, one `- item` per line".into()
            }
            "a mapping" => "write the value as a mapping of `key: value` lines".into(),
            "an integer" => {
                format!("{what} takes a whole number such as `3`, without quotes or units")
            }
            "a number" => format!("{what} takes a number such as `2` or `0.5`, without quotes"),
            "a string" => {
                format!("{what} takes a single value; quote it if it holds YAML punctuation")
            }
            e if e.starts_with("a boolean") => format!("{what} must be `true` or `false`"),
            e => format!("{what} takes {e}"),
        };
    }
    if message.contains("out of range") || message.contains("is negative") {
        format!("give {what} a value within the range named above")
    } else if message.contains("did you mean") || message.contains("expected one of") {
        format!("give {what} one of the values listed above")
    } else if let Some((_, expected)) = message.split_once(": expected ") {
        format!("{what} must be {expected}")
    } else {
        format!("see the Compose specification for the allowed forms of {what}")
    }
}

/// Why `n` does not fit an integer field whose type holds `min..=max`.
fn out_of_range(n: i128, min: i128, max: i128) -> String {
    if n < 0 && min == 0 {
        format!("{n} is negative: expected a whole number of 0 or more")
    } else {
        format!("{n} is out of range: expected a whole number from {min} to {max}")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            message: msg.to_string(),
            span: None,
            key: None,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        Error::custom(format_args!("missing required key `{field}`"))
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::custom(format_args!("expected {exp}, found {}", describe(unexp)))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::custom(format_args!(
            "invalid value {}: expected {exp}",
            describe(unexp)
        ))
    }
}

fn describe(u: de::Unexpected<'_>) -> String {
    match u {
        de::Unexpected::Str(s) => format!("`{s}`"),
        de::Unexpected::Unsigned(n) => format!("`{n}`"),
        de::Unexpected::Signed(n) => format!("`{n}`"),
        de::Unexpected::Float(n) => format!("`{n}`"),
        de::Unexpected::Bool(b) => format!("`{b}`"),
        de::Unexpected::Seq => "a list".into(),
        de::Unexpected::Map => "a mapping".into(),
        de::Unexpected::Unit => "null".into(),
        other => other.to_string(),
    }
}

/// Side output of deserialization: warnings, and the unknown-key errors that were skipped over.
#[derive(Default, Debug)]
pub struct Context {
    diagnostics: RefCell<Vec<Diagnostic>>,
}

impl Context {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, d: Diagnostic) {
        self.diagnostics.borrow_mut().push(d);
    }

    pub fn take(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics.borrow_mut())
    }
}

/// Read a `T` from `node`. Warnings and skipped unknown keys go to `cx`; the first hard type error
/// is returned.
pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node, cx: &Context) -> Result<T, Error> {
    T::deserialize(NodeDe { node, cx })
}

#[derive(Clone, Copy)]
pub struct NodeDe<'de, 'c> {
    node: &'de Node,
    cx: &'c Context,
}

impl<'de, 'c> NodeDe<'de, 'c> {
    pub fn new(node: &'de Node, cx: &'c Context) -> Self {
        NodeDe { node, cx }
    }

    fn scalar(&self) -> Option<(&'de str, ScalarStyle)> {
        match &self.node.kind {
            NodeKind::Scalar { text, style } => Some((text.as_str(), *style)),
            _ => None,
        }
    }

    /// A plain scalar is read for its YAML type; anything quoted, tagged `!!str` or block-styled
    /// is text.
    fn plain(&self) -> Option<&'de str> {
        match self.scalar() {
            Some((t, ScalarStyle::Plain)) if self.node.tag.as_deref() != Some("!!str") => Some(t),
            _ => None,
        }
    }

    fn mismatch(&self, expected: &str) -> Error {
        Error::at(
            format!("expected {expected}, found {}", self.node.describe()),
            self.node.span,
        )
    }

    fn int(&self) -> Result<i128, Error> {
        let text = self.scalar().map(|(t, _)| t.trim()).unwrap_or_default();
        parse_int(text).ok_or_else(|| self.mismatch("an integer"))
    }

    fn float(&self) -> Result<f64, Error> {
        let text = self.scalar().map(|(t, _)| t.trim()).unwrap_or_default();
        parse_float(text).ok_or_else(|| self.mismatch("a number"))
    }
}

pub fn parse_int(text: &str) -> Option<i128> {
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let value = if let Some(hex) = digits.strip_prefix("0x") {
        i128::from_str_radix(hex, 16).ok()?
    } else if let Some(oct) = digits.strip_prefix("0o") {
        i128::from_str_radix(oct, 8).ok()?
    } else if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse::<i128>().ok()?
    } else {
        return None;
    };
    Some(if neg { -value } else { value })
}

fn parse_float(text: &str) -> Option<f64> {
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    if text.is_empty()
        || !text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return None;
    }
    text.parse::<f64>().ok()
}

/// YAML 1.2 core booleans, then the YAML 1.1 spellings Compose still accepts.
fn parse_bool(text: &str) -> Option<(bool, bool)> {
    match text {
        "true" | "True" | "TRUE" => Some((true, false)),
        "false" | "False" | "FALSE" => Some((false, false)),
        _ => match text.to_ascii_lowercase().as_str() {
            "y" | "yes" | "on" => Some((true, true)),
            "n" | "no" | "off" => Some((false, true)),
            _ => None,
        },
    }
}

macro_rules! int_method {
    ($method:ident, $visit:ident, $ty:ty) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let n = self.int()?;
            let v = <$ty>::try_from(n).map_err(|_| {
                Error::at(
                    out_of_range(n, i128::from(<$ty>::MIN), i128::from(<$ty>::MAX)),
                    self.node.span,
                )
            })?;
            visitor
                .$visit(v)
                .map_err(|e: Error| e.or_span(self.node.span))
        }
    };
}

impl<'de> Deserializer<'de> for NodeDe<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.node.span;
        let result = match &self.node.kind {
            NodeKind::Seq(items) => visitor.visit_seq(Seq::new(items, self.cx)),
            NodeKind::Map(entries) => visitor.visit_map(Map::new(entries, self.cx)),
            NodeKind::Scalar { text, .. } => match self.plain() {
                Some(_) if self.node.is_null() => visitor.visit_unit(),
                Some(t) => match parse_bool(t) {
                    Some((b, false)) => visitor.visit_bool(b),
                    _ => match parse_int(t) {
                        Some(n) if n >= 0 && n <= u64::MAX as i128 => visitor.visit_u64(n as u64),
                        Some(n) if n < 0 && n >= i64::MIN as i128 => visitor.visit_i64(n as i64),
                        _ => match parse_float(t) {
                            Some(f) if t.contains('.') || t.contains('e') || t.contains('E') => {
                                visitor.visit_f64(f)
                            }
                            _ => visitor.visit_borrowed_str(text),
                        },
                    },
                },
                None => visitor.visit_borrowed_str(text),
            },
        };
        result.map_err(|e: Error| e.or_span(span))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Some((text, _)) = self.scalar() else {
            return Err(self.mismatch("a boolean"));
        };
        let (value, legacy) = parse_bool(text.trim())
            .ok_or_else(|| self.mismatch("a boolean (`true` or `false`)"))?;
        if legacy {
            self.cx.push(
                Diagnostic::new(
                    Code::Yaml11Boolean,
                    format!("YAML 1.1 boolean `{text}` read as `{value}`"),
                )
                .at(self.node.span, "here")
                .help(format!(
                    "write `{value}`: YAML 1.2 tools read `{text}` as a string"
                )),
            );
        }
        visitor
            .visit_bool(value)
            .map_err(|e: Error| e.or_span(self.node.span))
    }

    int_method!(deserialize_i8, visit_i8, i8);
    int_method!(deserialize_i16, visit_i16, i16);
    int_method!(deserialize_i32, visit_i32, i32);
    int_method!(deserialize_i64, visit_i64, i64);
    int_method!(deserialize_u8, visit_u8, u8);
    int_method!(deserialize_u16, visit_u16, u16);
    int_method!(deserialize_u32, visit_u32, u32);
    int_method!(deserialize_u64, visit_u64, u64);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let f = self.float()?;
        visitor
            .visit_f64(f)
            .map_err(|e: Error| e.or_span(self.node.span))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            return Err(self.mismatch("a string"));
        }
        match self.scalar() {
            Some((text, _)) => visitor
                .visit_borrowed_str(text)
                .map_err(|e: Error| e.or_span(self.node.span)),
            None => Err(self.mismatch("a string")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            visitor.visit_unit()
        } else {
            Err(self.mismatch("null"))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Seq(items) => visitor
                .visit_seq(Seq::new(items, self.cx))
                .map_err(|e: Error| e.or_span(self.node.span)),
            _ => Err(self.mismatch("a list")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Map(entries) => visitor
                .visit_map(Map::new(entries, self.cx))
                .map_err(|e: Error| e.or_span(self.node.span)),
            _ => Err(self.mismatch("a mapping")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == spanned::NAME {
            return visitor.visit_map(SpannedAccess {
                node: self.node,
                cx: self.cx,
                next: 0,
            });
        }
        match &self.node.kind {
            NodeKind::Map(entries) => {
                let mut map = Map::new(entries, self.cx);
                map.fields = Some(fields);
                visitor
                    .visit_map(map)
                    .map_err(|e: Error| e.or_span(self.node.span))
            }
            _ => Err(self.mismatch("a mapping")),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let span = self.node.span;
        match &self.node.kind {
            NodeKind::Scalar { .. } => visitor
                .visit_enum(Enum {
                    tag: self,
                    value: None,
                })
                .map_err(|e: Error| e.or_span(span)),
            NodeKind::Map(entries) if entries.len() == 1 => {
                let Some((k, v)) = entries.first() else {
                    return Err(self.mismatch("a single-key mapping"));
                };
                visitor
                    .visit_enum(Enum {
                        tag: NodeDe::new(k, self.cx),
                        value: Some(NodeDe::new(v, self.cx)),
                    })
                    .map_err(|e: Error| e.or_span(span))
            }
            _ => Err(self.mismatch("one of the allowed names")),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

struct Seq<'de, 'c> {
    items: std::slice::Iter<'de, Node>,
    cx: &'c Context,
}

impl<'de, 'c> Seq<'de, 'c> {
    fn new(items: &'de [Node], cx: &'c Context) -> Self {
        Seq {
            items: items.iter(),
            cx,
        }
    }
}

impl<'de> SeqAccess<'de> for Seq<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            None => Ok(None),
            Some(node) => seed
                .deserialize(NodeDe::new(node, self.cx))
                .map(Some)
                .map_err(|e: Error| e.or_span(node.span)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Map<'de, 'c> {
    entries: std::slice::Iter<'de, (Node, Node)>,
    value: Option<(&'de Node, &'de Node)>,
    /// For structs: the known field names. Other keys are reported and skipped.
    fields: Option<&'static [&'static str]>,
    cx: &'c Context,
}

impl<'de, 'c> Map<'de, 'c> {
    fn new(entries: &'de [(Node, Node)], cx: &'c Context) -> Self {
        Map {
            entries: entries.iter(),
            value: None,
            fields: None,
            cx,
        }
    }
}

impl<'de> MapAccess<'de> for Map<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        for (k, v) in self.entries.by_ref() {
            if let (Some(fields), Some(name)) = (self.fields, k.as_str()) {
                if !fields.contains(&name) {
                    // Extensions (`x-…`) are the user's to keep; the spec allows them anywhere.
                    if !name.starts_with("x-") {
                        self.cx.push(unknown_key(name, k.span, fields));
                    }
                    continue;
                }
            }
            self.value = Some((k, v));
            return seed
                .deserialize(NodeDe::new(k, self.cx))
                .map(Some)
                .map_err(|e: Error| e.or_span(k.span));
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((k, v)) = self.value.take() else {
            return Err(<Error as de::Error>::custom("value requested before key"));
        };
        seed.deserialize(NodeDe::new(v, self.cx))
            .map_err(|e: Error| e.or_span(v.span).or_key(k))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The "unknown key" diagnostic, with the closest known key when one is close enough.
pub fn unknown_key(name: &str, span: Span, known: &[&str]) -> Diagnostic {
    let visible: Vec<&str> = known
        .iter()
        .copied()
        .filter(|f| !f.starts_with("$__"))
        .collect();
    let help = match closest(name, &visible) {
        Some(s) => format!("did you mean `{s}`? Extensions must start with `x-`"),
        // A list of a hundred service keys buries the one useful hint.
        None if visible.len() > MAX_LISTED_KEYS => format!(
            "no key of this section is spelled like it; if it is a setting of your own, name it `x-{name}`"
        ),
        None => format!(
            "known keys here: {}; extensions must start with `x-`",
            crate::diag::code_list(&visible)
        ),
    };
    Diagnostic::new(Code::UnknownKey, format!("unknown key `{name}`"))
        .at(span, "not a Compose key at this level")
        .help(help)
}

/// Sections with more keys than this are not listed in full in an unknown-key help.
const MAX_LISTED_KEYS: usize = 16;

/// The candidate within a small edit distance of `name`, if any.
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).clamp(1, 3);
    candidates
        .iter()
        .map(|c| (edit_distance(name, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Optimal-string-alignment distance: Levenshtein plus swaps of neighbours, so that the common
/// typo `imgae` is one edit from `image`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: the one before the previous is needed for swaps.
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            let mut best = sub.min(del).min(ins);
            let swapped =
                i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca) && ca != cb;
            if swapped {
                if let Some(d) = before.get(j - 1) {
                    best = best.min(d + 1);
                }
            }
            cur.push(best);
        }
        before = std::mem::replace(&mut prev, cur);
    }
    prev.last().copied().unwrap_or(0)
}

struct SpannedAccess<'de, 'c> {
    node: &'de Node,
    cx: &'c Context,
    next: usize,
}

impl<'de> MapAccess<'de> for SpannedAccess<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match spanned::FIELDS.get(self.next) {
            None => Ok(None),
            Some(key) => seed
                .deserialize(de::value::BorrowedStrDeserializer::new(key))
                .map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let i = self.next;
        self.next += 1;
        let span = self.node.span;
        match i {
            0 => seed.deserialize(span.start.into_deserializer()),
            1 => seed.deserialize(span.end.into_deserializer()),
            2 => seed.deserialize(span.file.0.into_deserializer()),
            _ => seed.deserialize(NodeDe::new(self.node, self.cx)),
        }
    }
}

struct Enum<'de, 'c> {
    tag: NodeDe<'de, 'c>,
    value: Option<NodeDe<'de, 'c>>,
}

impl<'de, 'c> EnumAccess<'de> for Enum<'de, 'c> {
    type Error = Error;
    type Variant = Variant<'de, 'c>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Error> {
        let span = self.tag.node.span;
        let v = seed
            .deserialize(self.tag)
            .map_err(|e: Error| e.or_span(span))?;
        Ok((
            v,
            Variant {
                value: self.value,
                span,
            },
        ))
    }
}

struct Variant<'de, 'c> {
    value: Option<NodeDe<'de, 'c>>,
    span: Span,
}

impl<'de> VariantAccess<'de> for Variant<'de, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            None => Ok(()),
            Some(v) if v.node.is_null() => Ok(()),
            Some(v) => Err(v.mismatch("nothing after this name")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match self.value {
            Some(v) => seed.deserialize(v),
            None => Err(Error::at("expected a value for this variant", self.span)),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Some(v) => v.deserialize_seq(visitor),
            None => Err(Error::at("expected a list for this variant", self.span)),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Some(v) => v.deserialize_struct("", fields, visitor),
            None => Err(Error::at("expected a mapping for this variant", self.span)),
        }
    }
}
