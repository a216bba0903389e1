//! The Compose side: loading files into one tree, and the typed AST read from it.

pub mod ast;
pub mod load;
