//! `environment` (and build `args`, hook `environment`): a list of `NAME=value` / `NAME`, or a
//! mapping `NAME: value` / `NAME:`.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::source::Span;
use crate::yaml::Spanned;

/// The variables in source order. A name may repeat in the list form; the last one wins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment(pub Vec<EnvVar>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvVar {
    pub name: String,
    /// `None` for `NAME` / `NAME:`: the value comes from the environment Compose runs in, and the
    /// variable is unset if there is none there.
    pub value: Option<String>,
    /// The list item, or the mapping entry from key to value.
    pub span: Span,
}

impl Environment {
    /// The entry that wins for `name`.
    pub fn get(&self, name: &str) -> Option<&EnvVar> {
        self.0.iter().rev().find(|v| v.name == name)
    }

    pub fn iter(&self) -> impl Iterator<Item = &EnvVar> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        Err("empty variable name".into())
    } else {
        Ok(())
    }
}

/// A list item `NAME=value` or `NAME`, checked while its node is at hand.
struct Item {
    name: String,
    value: Option<String>,
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let (name, value) = match text.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (text.clone(), None),
        };
        check_name(&name).map_err(|why| {
            de::Error::custom(format_args!(
                "invalid environment entry `{text}`: {why}; expected `NAME=value` or `NAME`"
            ))
        })?;
        Ok(Item { name, value })
    }
}

struct Name(String);

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        check_name(&name).map_err(de::Error::custom)?;
        Ok(Name(name))
    }
}

impl<'de> Deserialize<'de> for Environment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Environment;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping or a list of `NAME=value` strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Environment, A::Error> {
                let mut vars = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<Item>>()? {
                    vars.push(EnvVar {
                        name: item.value.name,
                        value: item.value.value,
                        span: item.span,
                    });
                }
                Ok(Environment(vars))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Environment, A::Error> {
                let mut vars = Vec::new();
                while let Some(name) = map.next_key::<Spanned<Name>>()? {
                    let value: Option<Spanned<String>> = map.next_value()?;
                    let span = match &value {
                        Some(v) => name.span.to(v.span),
                        None => name.span,
                    };
                    vars.push(EnvVar {
                        name: name.value.0,
                        value: value.map(|v| v.value),
                        span,
                    });
                }
                Ok(Environment(vars))
            }
        }
        d.deserialize_any(V)
    }
}
