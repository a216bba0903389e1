//! Objects → bytes. The one place that decides output order, so the same input gives the same
//! bytes on every run.

mod stream;

pub use stream::{order, yaml_stream};
