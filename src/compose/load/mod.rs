//! Files → one YAML tree: discovery, reading, the environment (`.env`, `--env-file`) and
//! interpolation, the merge of several files, project naming, profiles. `project` runs the steps
//! in Compose's order; each step is a module of its own.

pub mod discover;
pub mod dotenv;
pub mod environment;
pub mod interpolate;
pub mod merge;
pub mod profiles;
mod project;
pub mod project_name;
pub mod read;
mod short_syntax;
#[cfg(test)]
mod test_dir;

pub use project::{load_project, Input, LoadOptions, Loaded};
