//! Diagnostics: the registry of codes, the plain-data diagnostic, and its renderings.

mod code;
mod diagnostic;
pub mod docs;
pub mod render;
mod severity;

pub use code::Code;
pub use diagnostic::{Diagnostic, Diagnostics, Label};
pub use severity::Severity;
