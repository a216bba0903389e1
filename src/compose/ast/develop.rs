//! `develop`: the Compose Develop Specification (`docker compose watch`).

use serde::Deserialize;

use super::choice::choice;
use super::hook::ServiceHook;
use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Develop {
    pub watch: Vec<Spanned<Watch>>,
}

choice!(
    required action,
    "watch action",
    ["rebuild", "sync", "restart", "sync+restart", "sync+exec"]
);

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Watch {
    #[serde(deserialize_with = "action")]
    pub action: Spanned<String>,
    pub path: Spanned<String>,
    #[serde(default)]
    pub target: Option<Spanned<String>>,
    #[serde(
        default,
        deserialize_with = "crate::compose::ast::string_list::string_or_list"
    )]
    pub ignore: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(
        default,
        deserialize_with = "crate::compose::ast::string_list::string_or_list"
    )]
    pub include: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub initial_sync: Option<Spanned<bool>>,
    #[serde(default)]
    pub exec: Option<Spanned<ServiceHook>>,
}
