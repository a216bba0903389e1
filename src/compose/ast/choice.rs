//! String fields whose value must be one of a fixed set (`restart`, `condition`, `order`, …). They
//! stay strings in the AST, but an unknown value is an error located at the value, with the
//! closest allowed spelling when there is one.

use serde::de::{self, Deserializer};
use serde::Deserialize;

use crate::yaml::de::closest;
use crate::yaml::Spanned;

/// Why `value` is not one of `allowed`, or `None` when it is.
pub(crate) fn reject(value: &str, what: &str, allowed: &[&str]) -> Option<String> {
    if allowed.contains(&value) {
        return None;
    }
    let list = crate::diag::code_list(allowed);
    Some(match closest(value, allowed) {
        Some(near) => format!("invalid {what} `{value}`: did you mean `{near}`? (allowed: {list})"),
        None => format!("invalid {what} `{value}`: expected one of {list}"),
    })
}

pub(crate) fn optional<'de, D: Deserializer<'de>>(
    d: D,
    what: &str,
    allowed: &[&str],
) -> Result<Option<Spanned<String>>, D::Error> {
    let value = Option::<Spanned<String>>::deserialize(d)?;
    if let Some(v) = &value {
        if let Some(message) = reject(&v.value, what, allowed) {
            return Err(de::Error::custom(message));
        }
    }
    Ok(value)
}

pub(crate) fn required<'de, D: Deserializer<'de>>(
    d: D,
    what: &str,
    allowed: &[&str],
) -> Result<Spanned<String>, D::Error> {
    let value = Spanned::<String>::deserialize(d)?;
    match reject(&value.value, what, allowed) {
        Some(message) => Err(de::Error::custom(message)),
        None => Ok(value),
    }
}

/// Defines a `deserialize_with` function for a field restricted to the listed values:
/// `choice!(optional cgroup, "cgroup mode", ["host", "private"]);`.
macro_rules! choice {
    (optional $name:ident, $what:literal, [$($value:literal),* $(,)?]) => {
        pub(crate) fn $name<'de, D: serde::de::Deserializer<'de>>(
            d: D,
        ) -> Result<Option<$crate::yaml::Spanned<String>>, D::Error> {
            $crate::compose::ast::choice::optional(d, $what, &[$($value),*])
        }
    };
    (required $name:ident, $what:literal, [$($value:literal),* $(,)?]) => {
        pub(crate) fn $name<'de, D: serde::de::Deserializer<'de>>(
            d: D,
        ) -> Result<$crate::yaml::Spanned<String>, D::Error> {
            $crate::compose::ast::choice::required(d, $what, &[$($value),*])
        }
    };
}
pub(crate) use choice;
