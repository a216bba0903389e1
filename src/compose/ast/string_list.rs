//! Values the spec allows as one string or a list of strings (`dns`, `tmpfs`, `include.path`, …),
//! normalised to a list.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use crate::source::Span;
use crate::yaml::Spanned;

/// A list whose items and whole keep their spans, as most list fields are read.
pub(crate) type Items<T> = Spanned<Vec<Spanned<T>>>;

/// One string, or a list of them, as written.
pub(crate) enum StringOrList {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl StringOrList {
    /// The list form; a single string becomes one item at `span`, the span of the whole value.
    pub(crate) fn into_vec(self, span: Span) -> Vec<Spanned<String>> {
        match self {
            StringOrList::One(s) => vec![Spanned::new(span, s)],
            StringOrList::Many(items) => items,
        }
    }
}

impl<'de> Deserialize<'de> for StringOrList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StringOrList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<StringOrList, E> {
                Ok(StringOrList::One(s.to_string()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<StringOrList, E> {
                Ok(StringOrList::One(n.to_string()))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<StringOrList, E> {
                Ok(StringOrList::One(n.to_string()))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<StringOrList, E> {
                Ok(StringOrList::One(n.to_string()))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<StringOrList, E> {
                Ok(StringOrList::One(b.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StringOrList, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<String>>()? {
                    items.push(item);
                }
                Ok(StringOrList::Many(items))
            }
        }
        d.deserialize_any(V)
    }
}

/// `deserialize_with` for an optional string-or-list field.
pub(crate) fn string_or_list<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Items<String>>, D::Error> {
    let value = Option::<Spanned<StringOrList>>::deserialize(d)?;
    Ok(value.map(|v| {
        let span = v.span;
        Spanned::new(span, v.value.into_vec(span))
    }))
}
