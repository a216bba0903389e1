//! Files → one YAML tree: discovery, reading, the environment (`.env`, `--env-file`) and
//! interpolation, `extends`, `include`, the merge of several files, project naming, profiles,
//! `env_file`. `project` runs the steps in Compose's order; each step is a module of its own.
//! `config_view` shows the result as `compose2k8s config` prints it.

mod attach;
pub mod config_view;
pub mod discover;
pub mod dotenv;
mod env_file;
pub mod environment;
mod extends;
mod fs_guard;
mod include;
pub mod interpolate;
pub mod merge;
pub mod paths;
pub mod profiles;
mod project;
pub mod project_name;
mod project_tree;
pub mod read;
mod rebase;
mod sensitive;
mod session;
mod short_syntax;
#[cfg(test)]
pub(crate) mod test_dir;

pub use project::{load_project, Input, LoadOptions, Loaded};
