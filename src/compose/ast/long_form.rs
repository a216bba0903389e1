//! Reading the long (mapping) form of a short-or-long union, with unknown keys still reported.
//!
//! A union such as `ports: ["80", {target: 80}]` must look at the node before it knows which form
//! it has, so its `Deserialize` calls `deserialize_any`. For a mapping our deserializer then hands
//! over a plain map access, without the field list it uses for structs to report unknown keys. The
//! wrapper here puts that check back: [`struct_from_map`] gives the derived struct a deserializer
//! whose `deserialize_struct` learns the field list and filters the keys against it.
//!
//! An unknown key found this way cannot reach the [`Context`] (a `Deserialize` impl never sees
//! it), so it is parked in a thread-local list that [`read`] drains into the context. Without an
//! active [`read`] the key is a hard error instead, so it is never dropped in silence.

use std::cell::RefCell;

use serde::de::{
    self, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, Visitor,
};
use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::yaml::de::{self as yde, Context};
use crate::yaml::{Node, Spanned};

thread_local! {
    static DEFERRED: RefCell<Option<Vec<Diagnostic>>> = const { RefCell::new(None) };
}

/// Read a `T` from `node` like [`yaml::de::from_node`](crate::yaml::de::from_node), and also report
/// the unknown keys found inside long-form unions. Every AST read goes through here.
pub fn read<'de, T: Deserialize<'de>>(node: &'de Node, cx: &Context) -> Result<T, yde::Error> {
    let outer = DEFERRED.with(|d| d.borrow_mut().replace(Vec::new()));
    let result = yde::from_node(node, cx);
    let collected = DEFERRED.with(|d| std::mem::replace(&mut *d.borrow_mut(), outer));
    for diagnostic in collected.into_iter().flatten() {
        cx.push(diagnostic);
    }
    result
}

/// Park a diagnostic for the enclosing [`read`]; false when there is none.
fn defer(diagnostic: Diagnostic) -> bool {
    DEFERRED.with(|d| match d.borrow_mut().as_mut() {
        Some(list) => {
            list.push(diagnostic);
            true
        }
        None => false,
    })
}

/// Deserialize the derived struct behind a long form from the map access of a union visitor.
/// `f` is the struct's derived deserialize function (`T::deserialize`).
pub(crate) fn struct_from_map<'de, A, T, F>(map: A, f: F) -> Result<T, A::Error>
where
    A: MapAccess<'de>,
    F: FnOnce(StructDe<A>) -> Result<T, A::Error>,
{
    f(StructDe { map })
}

/// A deserializer over a map access whose `deserialize_struct` checks keys against the fields.
pub(crate) struct StructDe<A> {
    map: A,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for StructDe<A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(CheckedMap {
            map: self.map,
            fields: None,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(CheckedMap {
            map: self.map,
            fields: Some(fields),
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

struct CheckedMap<A> {
    map: A,
    fields: Option<&'static [&'static str]>,
}

enum Key {
    Known(String),
    Skip,
}

/// Reads one key with its span and decides, while its node is still at hand (so a hard error is
/// located at the key), whether the struct knows it.
struct KeyCheck {
    fields: &'static [&'static str],
}

impl<'de> DeserializeSeed<'de> for KeyCheck {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        let key = Spanned::<String>::deserialize(d)?;
        if self.fields.contains(&key.value.as_str()) {
            return Ok(Key::Known(key.value));
        }
        // Extensions are the user's to keep, at any level.
        if key.value.starts_with("x-") {
            return Ok(Key::Skip);
        }
        let diagnostic = yde::unknown_key(&key.value, key.span, self.fields);
        if defer(diagnostic) {
            Ok(Key::Skip)
        } else {
            Err(de::Error::custom(format_args!(
                "unknown key `{}`",
                key.value
            )))
        }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for CheckedMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(fields) = self.fields else {
            return self.map.next_key_seed(seed);
        };
        loop {
            match self.map.next_key_seed(KeyCheck { fields })? {
                None => return Ok(None),
                Some(Key::Known(name)) => {
                    let key: de::value::StringDeserializer<A::Error> = name.into_deserializer();
                    return seed.deserialize(key).map(Some);
                }
                Some(Key::Skip) => {
                    self.map.next_value::<IgnoredAny>()?;
                }
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}
