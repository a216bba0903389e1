//! Files → one YAML tree: discovery, reading, `.env` and interpolation, project naming. `project`
//! runs the steps in Compose's order; each step is a module of its own.

pub mod discover;
pub mod dotenv;
pub mod environment;
pub mod interpolate;
mod project;
pub mod project_name;
pub mod read;

pub use project::{load_project, Input, LoadOptions, Loaded};
