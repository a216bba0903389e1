//! The YAML front end: text → spanned [`Node`] tree → typed values (through serde) and, on the way
//! out, values → YAML text.

pub mod de;
pub mod emit;
pub mod limits;
mod node;
mod parse;
mod spanned;

pub use node::{Node, NodeKind, ScalarStyle};
pub use parse::{parse, Parsed};
pub use spanned::Spanned;

#[cfg(test)]
mod tests;
