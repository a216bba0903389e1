//! Objects → bytes. The one place that decides output order and layout, so the same input gives
//! the same bytes on every run: a YAML stream or a `v1` `List` on stdout, or a directory of one
//! file per object with a `kustomization.yaml`, written and checked against the disk here.

pub mod dir;
pub mod drift;
mod error;
pub mod files;
mod json;
mod stream;

pub use error::OutputError;
pub use json::json_list;
pub use stream::{order, yaml_stream};
