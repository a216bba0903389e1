//! `ulimits`: a limit name mapped to one number (soft and hard alike) or `{soft, hard}`.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::long_form::struct_from_map;
use crate::yaml::Spanned;

/// Limit name (`nofile`, `nproc`, …) → limit, in source order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Ulimits(pub IndexMap<String, Spanned<Ulimit>>);

/// `-1` means unlimited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ulimit {
    pub soft: i64,
    pub hard: i64,
}

#[derive(Deserialize)]
struct Long {
    soft: i64,
    hard: i64,
}

impl<'de> Deserialize<'de> for Ulimit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ulimit;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a mapping with `soft` and `hard`")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Ulimit, E> {
                let n = i64::try_from(n)
                    .map_err(|_| E::custom(format_args!("ulimit {n} is out of range")))?;
                Ok(Ulimit { soft: n, hard: n })
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Ulimit, E> {
                Ok(Ulimit { soft: n, hard: n })
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Ulimit, E> {
                match crate::yaml::de::parse_int(s.trim()).and_then(|n| i64::try_from(n).ok()) {
                    Some(n) => Ok(Ulimit { soft: n, hard: n }),
                    None => Err(E::custom(format_args!(
                        "invalid ulimit `{s}`: expected a number or `{{soft, hard}}`"
                    ))),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Ulimit, A::Error> {
                let long = struct_from_map(map, Long::deserialize)?;
                if long.soft > long.hard && long.hard != -1 {
                    return Err(de::Error::custom(format_args!(
                        "invalid ulimit: soft limit {} is above hard limit {}",
                        long.soft, long.hard
                    )));
                }
                Ok(Ulimit {
                    soft: long.soft,
                    hard: long.hard,
                })
            }
        }
        d.deserialize_any(V)
    }
}
