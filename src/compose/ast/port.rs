//! `ports` (short `[[IP:]HOST:]CONTAINER[/PROTO]` strings, bare numbers, long mappings) and
//! `expose`.

use std::fmt;
use std::net::IpAddr;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::choice::choice;
use super::long_form::struct_from_map;
use super::string_list::Items;
use crate::yaml::Spanned;

/// One port mapping, short and long syntax alike.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Port {
    /// The container port, or the first of a range.
    pub target: u16,
    /// The last container port of a range (`3000-3005`).
    pub target_end: Option<u16>,
    /// The host port as written: `8080`, or a range `8000-8010`. `None` lets the runtime choose.
    pub published: Option<String>,
    /// Without brackets: `[::1]` is stored as `::1`.
    pub host_ip: Option<String>,
    /// `tcp` or `udp` (others are platform specific); `None` means tcp.
    pub protocol: Option<String>,
    pub name: Option<String>,
    pub app_protocol: Option<String>,
    /// `host` or `ingress`.
    pub mode: Option<String>,
}

fn port_number(text: &str, allow_zero: bool) -> Result<u16, String> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{text}` is not a port number"));
    }
    match text.parse::<u32>() {
        Ok(0) if !allow_zero => Err("port 0 is not a valid container port".into()),
        Ok(n) if n <= 65_535 => Ok(n as u16),
        _ => Err(format!("port {text} is out of range (1-65535)")),
    }
}

/// `8000` or `8000-8010`.
fn port_range(text: &str, allow_zero: bool) -> Result<(u16, Option<u16>), String> {
    match text.split_once('-') {
        None => Ok((port_number(text, allow_zero)?, None)),
        Some((start, end)) => {
            let start = port_number(start, allow_zero)?;
            let end = port_number(end, allow_zero)?;
            if end < start {
                return Err(format!("the range `{text}` ends before it starts"));
            }
            Ok((start, Some(end)))
        }
    }
}

fn host_ip(text: &str) -> Result<Option<String>, String> {
    let bare = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text);
    if bare.is_empty() {
        return Ok(None);
    }
    bare.parse::<IpAddr>()
        .map(|_| Some(bare.to_string()))
        .map_err(|_| format!("`{text}` is not an IP address"))
}

impl Port {
    /// Parse the short syntax. Errors read `invalid port `SPEC`: reason`.
    pub fn parse(spec: &str) -> Result<Port, String> {
        Port::parse_inner(spec).map_err(|why| format!("invalid port `{spec}`: {why}"))
    }

    fn parse_inner(spec: &str) -> Result<Port, String> {
        let (rest, protocol) = match spec.rsplit_once('/') {
            Some((_, "")) => return Err("empty protocol after `/`".into()),
            Some((rest, proto)) => (rest, Some(proto.to_string())),
            None => (spec, None),
        };
        // Split from the right: an IPv6 host address has colons of its own.
        let mut parts: Vec<&str> = rest.split(':').collect();
        let container = parts.pop().unwrap_or_default();
        let host = parts.pop();
        let ip = (!parts.is_empty()).then(|| parts.join(":"));
        if container.is_empty() {
            return Err("the container port is missing".into());
        }
        let (target, target_end) = port_range(container, false)?;
        let published = match host.filter(|h| !h.is_empty()) {
            None => None,
            Some(h) => {
                let (start, end) = port_range(h, true)?;
                let host_len = end.map_or(0, |e| e - start);
                let container_len = target_end.map_or(0, |e| e - target);
                // A host range may feed a single container port; otherwise lengths must agree.
                if container_len != 0 && host_len != container_len {
                    return Err(format!(
                        "the host range `{h}` and the container range `{container}` differ in length"
                    ));
                }
                Some(h.to_string())
            }
        };
        let host_ip = match ip {
            Some(ip) => host_ip(&ip)?,
            None => None,
        };
        Ok(Port {
            target,
            target_end,
            published,
            host_ip,
            protocol,
            ..Port::default()
        })
    }
}

choice!(optional port_mode, "publishing mode", ["host", "ingress"]);

/// The container port of the long syntax.
struct Target(u16);

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        port_number(&text, false)
            .map(Target)
            .map_err(|why| de::Error::custom(format_args!("invalid port `{text}`: {why}")))
    }
}

/// The host port of the long syntax: a port or a range, kept as text.
struct Published(String);

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        port_range(&text, true)
            .map(|_| Published(text.clone()))
            .map_err(|why| de::Error::custom(format_args!("invalid port `{text}`: {why}")))
    }
}

struct HostIp(Option<String>);

impl<'de> Deserialize<'de> for HostIp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        host_ip(&text)
            .map(HostIp)
            .map_err(|why| de::Error::custom(format_args!("invalid port: host_ip {why}")))
    }
}

#[derive(Deserialize)]
struct PortLong {
    target: Target,
    published: Option<Published>,
    host_ip: Option<HostIp>,
    protocol: Option<String>,
    app_protocol: Option<String>,
    #[serde(default, deserialize_with = "port_mode")]
    mode: Option<Spanned<String>>,
    name: Option<String>,
}

impl<'de> Deserialize<'de> for Port {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Port;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a port (`80`, `\"8080:80\"`) or a mapping with `target`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Port, E> {
                Port::parse(s).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Port, E> {
                Port::parse(&n.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Port, E> {
                Port::parse(&n.to_string()).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Port, A::Error> {
                let long = struct_from_map(map, PortLong::deserialize)?;
                Ok(Port {
                    target: long.target.0,
                    target_end: None,
                    published: long.published.map(|p| p.0),
                    host_ip: long.host_ip.and_then(|h| h.0),
                    protocol: long.protocol,
                    name: long.name,
                    app_protocol: long.app_protocol,
                    mode: long.mode.map(|m| m.value),
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// An `expose` entry taken apart: `8000`, `8000-8010`, `8000/udp`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExposedPort {
    pub start: u16,
    pub end: Option<u16>,
    pub protocol: Option<String>,
}

impl ExposedPort {
    pub fn parse(spec: &str) -> Result<ExposedPort, String> {
        let (ports, protocol) = match spec.split_once('/') {
            Some((_, "")) => {
                return Err(format!("invalid port `{spec}`: empty protocol after `/`"))
            }
            Some((ports, proto)) => (ports, Some(proto.to_string())),
            None => (spec, None),
        };
        let (start, end) =
            port_range(ports, false).map_err(|why| format!("invalid port `{spec}`: {why}"))?;
        Ok(ExposedPort {
            start,
            end,
            protocol,
        })
    }
}

/// An `expose` item, checked while its node is at hand.
struct ExposeItem(String);

impl<'de> Deserialize<'de> for ExposeItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ExposedPort::parse(&text).map_err(de::Error::custom)?;
        Ok(ExposeItem(text))
    }
}

/// `deserialize_with` for `expose`: the items stay text, but each must parse.
pub(crate) fn expose<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Items<String>>, D::Error> {
    let items = Option::<Items<ExposeItem>>::deserialize(d)?;
    Ok(items.map(|list| list.map(|v| v.into_iter().map(|i| i.map(|e| e.0)).collect())))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    fn p(spec: &str) -> Port {
        Port::parse(spec).unwrap()
    }

    #[test]
    fn short_forms_of_the_spec() {
        assert_eq!(p("3000").target, 3000);
        let r = p("3000-3005");
        assert_eq!(
            (r.target, r.target_end, r.published),
            (3000, Some(3005), None)
        );
        let m = p("8000:8000");
        assert_eq!((m.target, m.published.as_deref()), (8000, Some("8000")));
        let rr = p("9090-9091:8080-8081");
        assert_eq!(
            (rr.target, rr.target_end, rr.published.as_deref()),
            (8080, Some(8081), Some("9090-9091"))
        );
        assert_eq!(p("49100:22").published.as_deref(), Some("49100"));
        let hr = p("8000-9000:80");
        assert_eq!(
            (hr.target, hr.published.as_deref()),
            (80, Some("8000-9000"))
        );
        let ip = p("127.0.0.1:8001:8001");
        assert_eq!(ip.host_ip.as_deref(), Some("127.0.0.1"));
        let ipr = p("127.0.0.1:5000-5010:5000-5010");
        assert_eq!(
            (ipr.host_ip.as_deref(), ipr.target, ipr.target_end),
            (Some("127.0.0.1"), 5000, Some(5010))
        );
        let v6 = p("::1:6000:6000");
        assert_eq!((v6.host_ip.as_deref(), v6.target), (Some("::1"), 6000));
        let v6b = p("[::1]:6001:6001");
        assert_eq!(
            (v6b.host_ip.as_deref(), v6b.published.as_deref()),
            (Some("::1"), Some("6001"))
        );
        let udp = p("6060:6060/udp");
        assert_eq!((udp.target, udp.protocol.as_deref()), (6060, Some("udp")));
        let any_host = p("127.0.0.1::80");
        assert_eq!((any_host.published, any_host.target), (None, 80));
    }

    #[test]
    fn short_form_errors() {
        for bad in [
            "",
            "abc",
            "70000",
            "0",
            "80:",
            "80/",
            "8080-8081:80-82",
            "8080:80-81",
            "1.2.3:80:80",
            "90-80",
            "8080:80:80:80",
        ] {
            let err = Port::parse(bad).unwrap_err();
            assert!(err.starts_with("invalid port"), "{bad}: {err}");
        }
    }

    #[test]
    fn expose_forms() {
        assert_eq!(ExposedPort::parse("3000").unwrap().start, 3000);
        let r = ExposedPort::parse("8080-8085/tcp").unwrap();
        assert_eq!(
            (r.start, r.end, r.protocol.as_deref()),
            (8080, Some(8085), Some("tcp"))
        );
        assert!(ExposedPort::parse("http").is_err());
        assert!(ExposedPort::parse("80:80").is_err());
    }
}
