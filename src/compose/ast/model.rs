//! AI models: the top-level `models` and a service's `models`.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::yaml::Spanned;

/// A top-level model definition.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Model {
    /// The OCI artifact to run, e.g. `ai/smollm2`.
    pub model: Spanned<String>,
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    #[serde(default)]
    pub context_size: Option<Spanned<u64>>,
    #[serde(default)]
    pub runtime_flags: Option<Spanned<Vec<Spanned<String>>>>,
}

/// Model name → the variables that carry its endpoint and name, in source order. The span is
/// the list item or the mapping key; the settings are `None` in the list form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceModels(pub IndexMap<String, Spanned<Option<ServiceModel>>>);

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ServiceModel {
    /// Defaults to the model key upper-cased, `-` replaced by `_`, plus `_URL`.
    pub endpoint_var: Option<Spanned<String>>,
    /// Defaults to the model key upper-cased, `-` replaced by `_`.
    pub model_var: Option<Spanned<String>>,
}

impl<'de> Deserialize<'de> for ServiceModels {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ServiceModels;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of model names or a mapping of model names to settings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ServiceModels, A::Error> {
                let mut models = IndexMap::new();
                while let Some(name) = seq.next_element::<Spanned<String>>()? {
                    models.insert(name.value, Spanned::new(name.span, None));
                }
                Ok(ServiceModels(models))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ServiceModels, A::Error> {
                let mut models = IndexMap::new();
                while let Some(name) = map.next_key::<Spanned<String>>()? {
                    let settings: Option<ServiceModel> = map.next_value()?;
                    models.insert(name.value, Spanned::new(name.span, settings));
                }
                Ok(ServiceModels(models))
            }
        }
        d.deserialize_any(V)
    }
}
