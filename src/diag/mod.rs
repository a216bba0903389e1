//! Diagnostics: the registry of codes, the plain-data diagnostic, its renderings, and the
//! strictness policy that may drop or raise diagnostics after a conversion.

mod code;
mod diagnostic;
pub mod docs;
pub mod policy;
pub mod render;
mod severity;
mod text;

pub use code::Code;
pub use diagnostic::{Diagnostic, Diagnostics, Label};
pub use severity::Severity;
pub use text::code_list;
