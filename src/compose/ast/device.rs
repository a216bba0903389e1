//! Device requests (`deploy.resources.reservations.devices`, `gpus`) and device mappings
//! (`devices`).

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::long_form::struct_from_map;
use super::mapping::Mapping;
use crate::yaml::Spanned;

/// A request for devices by capability, as for GPUs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct DeviceRequest {
    /// E.g. `gpu`, `tpu`, `nvidia-compute`. Required in `deploy`; `gpus` implies `gpu`.
    pub capabilities: Vec<String>,
    /// `None` (not set) means all matching devices, like `all`.
    pub count: Option<DeviceCount>,
    pub device_ids: Vec<String>,
    pub driver: Option<String>,
    pub options: Mapping,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceCount {
    /// `all` (or `-1`).
    All,
    Count(u64),
}

impl<'de> Deserialize<'de> for DeviceCount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        match text.trim() {
            "all" | "-1" => Ok(DeviceCount::All),
            t => t.parse::<u64>().map(DeviceCount::Count).map_err(|_| {
                de::Error::custom(format_args!(
                    "invalid device count `{text}`: expected a number or `all`"
                ))
            }),
        }
    }
}

/// `gpus: all`, or a list of device requests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gpus {
    All,
    Devices(Vec<Spanned<DeviceRequest>>),
}

impl<'de> Deserialize<'de> for Gpus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Gpus;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`all` or a list of device requests")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Gpus, E> {
                match s {
                    "all" => Ok(Gpus::All),
                    _ => Err(E::custom(format_args!(
                        "invalid `gpus` value `{s}`: expected `all` or a list of device requests"
                    ))),
                }
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Gpus, A::Error> {
                let mut devices = Vec::new();
                while let Some(device) = seq.next_element()? {
                    devices.push(device);
                }
                Ok(Gpus::Devices(devices))
            }
        }
        d.deserialize_any(V)
    }
}

/// A `devices` entry: `HOST_PATH[:CONTAINER_PATH[:PERMISSIONS]]`, a CDI name such as
/// `vendor.com/device=gpu`, or `{source, target, permissions}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeviceMapping {
    pub source: String,
    /// `None` means the same path as `source` (or, for a CDI name, whatever the runtime picks).
    pub target: Option<String>,
    /// Cgroup permissions, a combination of `r`, `w` and `m`.
    pub permissions: Option<String>,
}

fn is_permissions(s: &str) -> bool {
    !s.is_empty() && s.len() <= 3 && s.chars().all(|c| matches!(c, 'r' | 'w' | 'm'))
}

impl DeviceMapping {
    pub fn parse(spec: &str) -> Result<DeviceMapping, String> {
        let parts: Vec<&str> = spec.split(':').collect();
        let mapping = match parts.as_slice() {
            [source] => DeviceMapping {
                source: source.to_string(),
                ..DeviceMapping::default()
            },
            // Docker reads `/dev/x:rwm` as permissions, not as a container path.
            [source, perms] if is_permissions(perms) => DeviceMapping {
                source: source.to_string(),
                target: None,
                permissions: Some(perms.to_string()),
            },
            [source, target] => DeviceMapping {
                source: source.to_string(),
                target: Some(target.to_string()),
                permissions: None,
            },
            [source, target, perms] if is_permissions(perms) => DeviceMapping {
                source: source.to_string(),
                target: Some(target.to_string()),
                permissions: Some(perms.to_string()),
            },
            [_, _, perms] => {
                return Err(format!(
                    "invalid device `{spec}`: permissions `{perms}` must combine `r`, `w` and `m`"
                ))
            }
            _ => {
                return Err(format!(
                    "invalid device `{spec}`: expected `HOST_PATH[:CONTAINER_PATH[:PERMISSIONS]]`"
                ))
            }
        };
        if mapping.source.is_empty() || mapping.target.as_deref() == Some("") {
            return Err(format!("invalid device `{spec}`: empty path"));
        }
        Ok(mapping)
    }
}

#[derive(Deserialize)]
struct DeviceLong {
    source: String,
    target: Option<String>,
    permissions: Option<String>,
}

impl<'de> Deserialize<'de> for DeviceMapping {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DeviceMapping;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a device path or a mapping with `source`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<DeviceMapping, E> {
                DeviceMapping::parse(s).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DeviceMapping, A::Error> {
                let long = struct_from_map(map, DeviceLong::deserialize)?;
                if let Some(perms) = long.permissions.as_deref().filter(|p| !is_permissions(p)) {
                    return Err(de::Error::custom(format_args!(
                        "invalid device permissions `{perms}`: combine `r`, `w` and `m`"
                    )));
                }
                Ok(DeviceMapping {
                    source: long.source,
                    target: long.target,
                    permissions: long.permissions,
                })
            }
        }
        d.deserialize_any(V)
    }
}
