//! Top-level `configs`.

use serde::Deserialize;

use super::external::External;
use super::mapping::Mapping;
use crate::yaml::Spanned;

/// The value comes from `file`, `environment`, inline `content`, or the platform (`external`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Config {
    pub name: Option<Spanned<String>>,
    pub content: Option<Spanned<String>>,
    /// The name of an environment variable holding the value.
    pub environment: Option<Spanned<String>>,
    pub file: Option<Spanned<String>>,
    pub external: Option<Spanned<External>>,
    pub labels: Option<Spanned<Mapping>>,
    pub template_driver: Option<Spanned<String>>,
}
