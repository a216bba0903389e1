//! `external` on top-level networks, volumes, secrets and configs: a boolean, or the deprecated
//! `{name: …}` form.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::long_form::struct_from_map;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct External {
    pub external: bool,
    /// From the deprecated `external: {name: …}`; the resource's own `name` replaces it.
    pub name: Option<String>,
}

#[derive(Deserialize)]
struct Long {
    name: Option<String>,
}

impl<'de> Deserialize<'de> for External {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = External;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`true` or `false`")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<External, E> {
                Ok(External {
                    external: b,
                    name: None,
                })
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<External, E> {
                match s {
                    "true" | "True" | "TRUE" => self.visit_bool(true),
                    "false" | "False" | "FALSE" => self.visit_bool(false),
                    _ => Err(E::custom(format_args!(
                        "invalid `external` value `{s}`: expected `true` or `false`"
                    ))),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<External, A::Error> {
                let long = struct_from_map(map, Long::deserialize)?;
                Ok(External {
                    external: true,
                    name: long.name,
                })
            }
        }
        d.deserialize_any(V)
    }
}
