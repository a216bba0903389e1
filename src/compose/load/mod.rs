//! Files → one YAML tree: discovery, reading, and (later) merging, interpolation, extends, include.

pub mod discover;
pub mod dotenv;
pub mod environment;
pub mod interpolate;
pub mod project_name;
pub mod read;
