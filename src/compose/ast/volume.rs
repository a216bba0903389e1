//! Top-level `volumes`.

use serde::Deserialize;

use super::external::External;
use super::mapping::Mapping;
use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Volume {
    /// The platform name, used as is (not prefixed with the project name).
    pub name: Option<Spanned<String>>,
    pub driver: Option<Spanned<String>>,
    pub driver_opts: Option<Spanned<Mapping>>,
    pub external: Option<Spanned<External>>,
    pub labels: Option<Spanned<Mapping>>,
    /// The PersistentVolumeClaim settings; read by `extension::read`, not by this struct's reader.
    #[serde(skip)]
    pub x_kubernetes: Option<Spanned<crate::extension::VolumeExtension>>,
}
