//! `extends`: a service name, or `{service, file}`.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::long_form::struct_from_map;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extends {
    pub service: String,
    /// `None`: the service is in the same file.
    pub file: Option<String>,
}

#[derive(Deserialize)]
struct Long {
    service: String,
    file: Option<String>,
}

impl<'de> Deserialize<'de> for Extends {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Extends;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a service name or a mapping with `service`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Extends, E> {
                Ok(Extends {
                    service: s.to_string(),
                    file: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Extends, A::Error> {
                let long = struct_from_map(map, Long::deserialize)?;
                Ok(Extends {
                    service: long.service,
                    file: long.file,
                })
            }
        }
        d.deserialize_any(V)
    }
}
