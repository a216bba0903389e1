//! `Spanned<T>`: a value together with the span of the YAML node it was read from.
//!
//! Our deserializer recognises the magic struct name below and hands over the node's span; this
//! is the trick the `toml` crate uses. Other deserializers cannot fill a `Spanned`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::{Serialize, Serializer};

use crate::source::{FileId, Span};

pub(crate) const NAME: &str = "$__compose2k8s_private_Spanned";
pub(crate) const START: &str = "$__compose2k8s_private_start";
pub(crate) const END: &str = "$__compose2k8s_private_end";
pub(crate) const FILE: &str = "$__compose2k8s_private_file";
pub(crate) const VALUE: &str = "$__compose2k8s_private_value";
pub(crate) const FIELDS: &[&str] = &[START, END, FILE, VALUE];

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Spanned<T> {
    pub span: Span,
    pub value: T,
}

impl<T> Spanned<T> {
    pub fn new(span: Span, value: T) -> Self {
        Spanned { span, value }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Spanned<U> {
        Spanned {
            span: self.span,
            value: f(self.value),
        }
    }

    pub fn as_ref(&self) -> Spanned<&T> {
        Spanned {
            span: self.span,
            value: &self.value,
        }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: fmt::Debug> fmt::Debug for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)?;
        write!(f, " @{}..{}", self.span.start, self.span.end)
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Spanned<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value with a source span")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Spanned<T>, A::Error> {
                let mut start = 0u32;
                let mut end = 0u32;
                let mut file = 0u32;
                let mut value = None;
                while let Some(key) = map.next_key::<&str>()? {
                    match key {
                        START => start = map.next_value()?,
                        END => end = map.next_value()?,
                        FILE => file = map.next_value()?,
                        VALUE => value = Some(map.next_value()?),
                        other => return Err(de::Error::unknown_field(other, FIELDS)),
                    }
                }
                let value = value.ok_or_else(|| de::Error::missing_field(VALUE))?;
                Ok(Spanned {
                    span: Span {
                        file: FileId(file),
                        start,
                        end,
                    },
                    value,
                })
            }
        }
        d.deserialize_struct(NAME, FIELDS, V(PhantomData))
    }
}
