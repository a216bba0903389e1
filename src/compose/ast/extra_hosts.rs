//! `extra_hosts`: a list of `HOST=IP` (or the older `HOST:IP`), or a mapping from host name to one
//! address or a list of them.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::string_list::StringOrList;
use crate::source::Span;

/// Host name → addresses, in source order. Brackets around IPv6 addresses are removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtraHosts(pub IndexMap<String, Vec<String>>);

impl ExtraHosts {
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .flat_map(|(h, ips)| ips.iter().map(move |ip| (h.as_str(), ip.as_str())))
    }
}

fn unbracket(ip: &str) -> &str {
    ip.strip_prefix('[')
        .and_then(|i| i.strip_suffix(']'))
        .unwrap_or(ip)
}

/// One `HOST=IP` list item, checked while its node is at hand.
struct Entry(String, String);

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        // `=` is the current separator; `:` is older and cannot be told apart from an IPv6
        // colon, so it only splits when there is no `=` at all (host names have no colons).
        let split = text.split_once('=').or_else(|| text.split_once(':'));
        match split {
            Some((host, ip)) if !host.is_empty() && !unbracket(ip).is_empty() => {
                Ok(Entry(host.to_string(), unbracket(ip).to_string()))
            }
            _ => Err(de::Error::custom(format_args!(
                "invalid extra host `{text}`: expected `HOSTNAME=IP`"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for ExtraHosts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ExtraHosts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of `HOSTNAME=IP` strings or a mapping of host names to IPs")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ExtraHosts, A::Error> {
                let mut hosts: IndexMap<String, Vec<String>> = IndexMap::new();
                while let Some(Entry(host, ip)) = seq.next_element()? {
                    hosts.entry(host).or_default().push(ip);
                }
                Ok(ExtraHosts(hosts))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ExtraHosts, A::Error> {
                let mut hosts: IndexMap<String, Vec<String>> = IndexMap::new();
                while let Some(host) = map.next_key::<String>()? {
                    let ips: StringOrList = map.next_value()?;
                    let ips = ips
                        .into_vec(Span::default())
                        .into_iter()
                        .map(|ip| unbracket(&ip.value).to_string());
                    hosts.entry(host).or_default().extend(ips);
                }
                Ok(ExtraHosts(hosts))
            }
        }
        d.deserialize_any(V)
    }
}
