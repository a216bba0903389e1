//! A service's `networks`: a list of names, or a mapping of names to attachment settings.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::mapping::Mapping;
use crate::yaml::Spanned;

/// Network name → settings, in source order. The span is the list item or the mapping key; the
/// settings are `None` for the list form and for `name:` with nothing after it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceNetworks(pub IndexMap<String, Spanned<Option<ServiceNetwork>>>);

impl ServiceNetworks {
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Spanned<Option<ServiceNetwork>>)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ServiceNetwork {
    pub aliases: Option<Spanned<Vec<Spanned<String>>>>,
    pub interface_name: Option<Spanned<String>>,
    pub ipv4_address: Option<Spanned<String>>,
    pub ipv6_address: Option<Spanned<String>>,
    pub link_local_ips: Option<Spanned<Vec<Spanned<String>>>>,
    pub mac_address: Option<Spanned<String>>,
    pub driver_opts: Option<Spanned<Mapping>>,
    pub priority: Option<Spanned<i64>>,
    pub gw_priority: Option<Spanned<i64>>,
}

impl<'de> Deserialize<'de> for ServiceNetworks {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ServiceNetworks;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of network names or a mapping of network names to settings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ServiceNetworks, A::Error> {
                let mut networks = IndexMap::new();
                while let Some(name) = seq.next_element::<Spanned<String>>()? {
                    networks.insert(name.value, Spanned::new(name.span, None));
                }
                Ok(ServiceNetworks(networks))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ServiceNetworks, A::Error> {
                let mut networks = IndexMap::new();
                while let Some(name) = map.next_key::<Spanned<String>>()? {
                    let settings: Option<ServiceNetwork> = map.next_value()?;
                    networks.insert(name.value, Spanned::new(name.span, settings));
                }
                Ok(ServiceNetworks(networks))
            }
        }
        d.deserialize_any(V)
    }
}
