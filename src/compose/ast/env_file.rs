//! `env_file`: a path, a list of paths, or a list of `{path, required, format}`.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::long_form::struct_from_map;
use super::string_list::Items;
use crate::yaml::Spanned;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvFile {
    pub path: String,
    /// A missing file is an error when true (the default); skipped when false.
    pub required: bool,
    /// `raw` reads values without interpolation; `None` is the Compose `.env` format.
    pub format: Option<String>,
}

#[derive(Deserialize)]
struct EnvFileLong {
    path: String,
    required: Option<bool>,
    format: Option<String>,
}

impl<'de> Deserialize<'de> for EnvFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EnvFile;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a path or a mapping with `path`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<EnvFile, E> {
                Ok(EnvFile {
                    path: s.to_string(),
                    required: true,
                    format: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<EnvFile, A::Error> {
                let long = struct_from_map(map, EnvFileLong::deserialize)?;
                Ok(EnvFile {
                    path: long.path,
                    required: long.required.unwrap_or(true),
                    format: long.format,
                })
            }
        }
        d.deserialize_any(V)
    }
}

enum Files {
    One(EnvFile),
    Many(Vec<Spanned<EnvFile>>),
}

impl<'de> Deserialize<'de> for Files {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Files;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a path or a list of paths")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Files, E> {
                Ok(Files::One(EnvFile {
                    path: s.to_string(),
                    required: true,
                    format: None,
                }))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Files, A::Error> {
                let mut files = Vec::new();
                while let Some(file) = seq.next_element()? {
                    files.push(file);
                }
                Ok(Files::Many(files))
            }
        }
        d.deserialize_any(V)
    }
}

/// `deserialize_with` for `env_file`: always a list.
pub(crate) fn env_files<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Items<EnvFile>>, D::Error> {
    let files = Option::<Spanned<Files>>::deserialize(d)?;
    Ok(files.map(|f| {
        let span = f.span;
        Spanned::new(
            span,
            match f.value {
                Files::One(file) => vec![Spanned::new(span, file)],
                Files::Many(files) => files,
            },
        )
    }))
}
