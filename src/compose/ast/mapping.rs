//! `labels`, `annotations`, `sysctls`, `driver_opts` and the other string maps the spec lets you
//! write either as a mapping or as a list of `KEY=VALUE` strings.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::source::Span;
use crate::yaml::Spanned;

/// An ordered string map. A list item without `=` and a mapping key with a null value both give
/// an empty string, as Compose does for labels. Numbers and booleans keep their text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping(pub IndexMap<String, String>, pub EntrySpans);

/// Where each entry was written (`key: value`, or the list item), so that a diagnostic about one
/// label points at that label. Not part of the map's value: two maps with the same entries are
/// equal wherever they were written.
#[derive(Clone, Debug, Default)]
pub struct EntrySpans(IndexMap<String, Span>);

impl PartialEq for EntrySpans {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for EntrySpans {}

impl Mapping {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// Where the entry for `key` was written, when the map was read from a file.
    pub fn span_of(&self, key: &str) -> Option<Span> {
        self.1 .0.get(key).copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One `KEY=VALUE` list item; checked while its node is at hand so an error points at the item.
struct Pair(String, String);

impl<'de> Deserialize<'de> for Pair {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let item = String::deserialize(d)?;
        let (key, value) = item.split_once('=').unwrap_or((item.as_str(), ""));
        if key.is_empty() {
            return Err(de::Error::custom(format_args!(
                "invalid entry `{item}`: expected `KEY=VALUE` with a non-empty key"
            )));
        }
        Ok(Pair(key.to_string(), value.to_string()))
    }
}

/// A mapping key that must not be empty.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        if key.is_empty() {
            return Err(de::Error::custom("empty key"));
        }
        Ok(Key(key))
    }
}

impl<'de> Deserialize<'de> for Mapping {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Mapping;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping or a list of `KEY=VALUE` strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Mapping, A::Error> {
                let mut map = IndexMap::new();
                let mut spans = IndexMap::new();
                while let Some(item) = seq.next_element::<Spanned<Pair>>()? {
                    let Pair(k, v) = item.value;
                    spans.insert(k.clone(), item.span);
                    map.insert(k, v);
                }
                Ok(Mapping(map, EntrySpans(spans)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Mapping, A::Error> {
                let mut map = IndexMap::new();
                let mut spans = IndexMap::new();
                while let Some(key) = access.next_key::<Spanned<Key>>()? {
                    let v: Spanned<Option<String>> = access.next_value()?;
                    let Key(k) = key.value;
                    spans.insert(k.clone(), key.span.to(v.span));
                    map.insert(k, v.value.unwrap_or_default());
                }
                Ok(Mapping(map, EntrySpans(spans)))
            }
        }
        d.deserialize_any(V)
    }
}
