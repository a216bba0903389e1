//! `depends_on`: a list of service names, or a mapping of names to `{condition, restart, required}`.

use std::fmt;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::choice::choice;
use crate::yaml::Spanned;

/// The dependencies in source order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DependsOn(pub Vec<Dependency>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dependency {
    /// The service depended on; the span is the list item or the mapping key.
    pub service: Spanned<String>,
    /// `service_started`, `service_healthy` or `service_completed_successfully`. `None` (the
    /// short syntax, or the long syntax without `condition`) means `service_started`.
    pub condition: Option<Spanned<String>>,
    pub restart: Option<bool>,
    pub required: Option<bool>,
}

impl DependsOn {
    pub fn iter(&self) -> impl Iterator<Item = &Dependency> {
        self.0.iter()
    }
}

choice!(
    optional condition,
    "`depends_on` condition",
    ["service_started", "service_healthy", "service_completed_successfully"]
);

#[derive(Default, Deserialize)]
#[serde(default)]
struct Long {
    #[serde(deserialize_with = "condition")]
    condition: Option<Spanned<String>>,
    restart: Option<bool>,
    required: Option<bool>,
}

impl<'de> Deserialize<'de> for DependsOn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DependsOn;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of service names or a mapping of service names to conditions")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<DependsOn, A::Error> {
                let mut deps = Vec::new();
                while let Some(service) = seq.next_element::<Spanned<String>>()? {
                    deps.push(Dependency {
                        service,
                        condition: None,
                        restart: None,
                        required: None,
                    });
                }
                Ok(DependsOn(deps))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DependsOn, A::Error> {
                let mut deps = Vec::new();
                while let Some(service) = map.next_key::<Spanned<String>>()? {
                    // `db:` with nothing after it is read as `db: {}`.
                    let long: Option<Long> = map.next_value()?;
                    let long = long.unwrap_or_default();
                    deps.push(Dependency {
                        service,
                        condition: long.condition,
                        restart: long.restart,
                        required: long.required,
                    });
                }
                Ok(DependsOn(deps))
            }
        }
        d.deserialize_any(V)
    }
}
