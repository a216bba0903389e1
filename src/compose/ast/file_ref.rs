//! A service's grant of a secret or config: the name alone, or `{source, target, uid, gid, mode}`.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::file_mode::FileMode;
use super::long_form::struct_from_map;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileRef {
    /// The name under the top-level `secrets` or `configs`.
    pub source: String,
    /// Secrets default to `/run/secrets/<source>`, configs to `/<source>`.
    pub target: Option<String>,
    pub uid: Option<String>,
    pub gid: Option<String>,
    pub mode: Option<FileMode>,
}

#[derive(Deserialize)]
struct Long {
    source: String,
    target: Option<String>,
    uid: Option<String>,
    gid: Option<String>,
    mode: Option<FileMode>,
}

impl<'de> Deserialize<'de> for FileRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FileRef;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a name or a mapping with `source`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<FileRef, E> {
                Ok(FileRef {
                    source: s.to_string(),
                    ..FileRef::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FileRef, A::Error> {
                let long = struct_from_map(map, Long::deserialize)?;
                Ok(FileRef {
                    source: long.source,
                    target: long.target,
                    uid: long.uid,
                    gid: long.gid,
                    mode: long.mode,
                })
            }
        }
        d.deserialize_any(V)
    }
}
