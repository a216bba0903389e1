//! Top-level `include`: a path, or `{path, project_directory, env_file}`.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::long_form::struct_from_map;
use super::string_list::StringOrList;
use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Include {
    /// One file, or several to merge into the included model.
    pub path: Vec<Spanned<String>>,
    /// Defaults to the directory of the (first) included file.
    pub project_directory: Option<Spanned<String>>,
    /// Defaults to `.env` in the project directory.
    pub env_file: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
struct Long {
    path: Spanned<StringOrList>,
    #[serde(default)]
    project_directory: Option<Spanned<String>>,
    #[serde(default)]
    env_file: Option<Spanned<StringOrList>>,
}

enum Form {
    Path(String),
    Long(Long),
}

impl<'de> Deserialize<'de> for Form {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Form;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a path or a mapping with `path`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Form, E> {
                Ok(Form::Path(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Form, A::Error> {
                struct_from_map(map, Long::deserialize).map(Form::Long)
            }
        }
        d.deserialize_any(V)
    }
}

/// The `include` list.
pub(crate) struct Includes(pub Vec<Include>);

impl<'de> Deserialize<'de> for Includes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Includes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of paths or `{path, …}` mappings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Includes, A::Error> {
                let mut includes = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<Form>>()? {
                    includes.push(match item.value {
                        Form::Path(path) => Include {
                            path: vec![Spanned::new(item.span, path)],
                            ..Include::default()
                        },
                        Form::Long(long) => Include {
                            path: long.path.value.into_vec(long.path.span),
                            project_directory: long.project_directory,
                            env_file: long
                                .env_file
                                .map(|e| e.value.into_vec(e.span))
                                .unwrap_or_default(),
                        },
                    });
                }
                Ok(Includes(includes))
            }
        }
        d.deserialize_seq(V)
    }
}
