//! `provider`: a service whose lifecycle an external component manages.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Provider {
    #[serde(rename = "type")]
    pub kind: Spanned<String>,
    /// Provider-specific options; a single value is a one-item list.
    #[serde(default)]
    pub options: IndexMap<String, ProviderOption>,
}

/// The values of one provider option, as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProviderOption(pub Vec<String>);

impl<'de> Deserialize<'de> for ProviderOption {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ProviderOption;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number, boolean or a list of them")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ProviderOption, E> {
                Ok(ProviderOption(vec![s.to_string()]))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<ProviderOption, E> {
                Ok(ProviderOption(vec![n.to_string()]))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<ProviderOption, E> {
                Ok(ProviderOption(vec![n.to_string()]))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<ProviderOption, E> {
                Ok(ProviderOption(vec![n.to_string()]))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<ProviderOption, E> {
                Ok(ProviderOption(vec![b.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ProviderOption, A::Error> {
                let mut values = Vec::new();
                while let Some(v) = seq.next_element::<String>()? {
                    values.push(v);
                }
                Ok(ProviderOption(values))
            }
        }
        d.deserialize_any(V)
    }
}
