//! `labels`, `annotations`, `sysctls`, `driver_opts` and the other string maps the spec lets you
//! write either as a mapping or as a list of `KEY=VALUE` strings.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// An ordered string map. A list item without `=` and a mapping key with a null value both give
/// an empty string, as Compose does for labels. Numbers and booleans keep their text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping(pub IndexMap<String, String>);

impl Mapping {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
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
                while let Some(Pair(k, v)) = seq.next_element()? {
                    map.insert(k, v);
                }
                Ok(Mapping(map))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Mapping, A::Error> {
                let mut map = IndexMap::new();
                while let Some(Key(k)) = access.next_key()? {
                    let v: Option<String> = access.next_value()?;
                    map.insert(k, v.unwrap_or_default());
                }
                Ok(Mapping(map))
            }
        }
        d.deserialize_any(V)
    }
}
