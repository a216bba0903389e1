//! Top-level `networks`.

use serde::Deserialize;

use super::external::External;
use super::mapping::Mapping;
use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Network {
    /// The platform name, used as is (not prefixed with the project name).
    pub name: Option<Spanned<String>>,
    pub driver: Option<Spanned<String>>,
    pub driver_opts: Option<Spanned<Mapping>>,
    pub ipam: Option<Spanned<Ipam>>,
    pub external: Option<Spanned<External>>,
    pub internal: Option<Spanned<bool>>,
    pub enable_ipv4: Option<Spanned<bool>>,
    pub enable_ipv6: Option<Spanned<bool>>,
    pub attachable: Option<Spanned<bool>>,
    pub labels: Option<Spanned<Mapping>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Ipam {
    pub driver: Option<Spanned<String>>,
    pub config: Option<Spanned<Vec<Spanned<IpamPool>>>>,
    pub options: Option<Spanned<Mapping>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct IpamPool {
    pub subnet: Option<String>,
    pub ip_range: Option<String>,
    pub gateway: Option<String>,
    pub aux_addresses: Option<Mapping>,
}
