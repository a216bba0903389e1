//! `logging`.

use serde::Deserialize;

use super::mapping::Mapping;
use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Logging {
    /// `json-file`, `syslog`, `journald`, …; platform specific.
    pub driver: Option<Spanned<String>>,
    pub options: Option<Spanned<Mapping>>,
}
