//! Lifecycle hooks: `post_start`, `pre_stop`, `develop.watch[].exec`, and `pre_start` steps.

use serde::Deserialize;

use super::command::Command;
use super::environment::Environment;
use crate::yaml::Spanned;

/// A command run inside the service container (`post_start`, `pre_stop`, watch `exec`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ServiceHook {
    /// Required by the spec.
    pub command: Option<Spanned<Command>>,
    pub user: Option<Spanned<String>>,
    pub privileged: Option<Spanned<bool>>,
    pub working_dir: Option<Spanned<String>>,
    pub environment: Option<Spanned<Environment>>,
}

/// A `pre_start` step: a run-to-completion container started before the service's.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PreStartHook {
    pub command: Option<Spanned<Command>>,
    /// The service's image when not set.
    pub image: Option<Spanned<String>>,
    pub user: Option<Spanned<String>>,
    pub privileged: Option<Spanned<bool>>,
    pub working_dir: Option<Spanned<String>>,
    pub environment: Option<Spanned<Environment>>,
    /// Once per replica (`true`) or once for the service (`false`, the default).
    pub per_replica: Option<Spanned<bool>>,
}
