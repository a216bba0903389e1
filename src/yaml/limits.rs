//! Resource limits for hostile input. Each is far above what a real Compose file needs and far
//! below what would exhaust a CI runner.

/// Largest Compose (or env) file read, in bytes.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Most nodes that alias expansion may create in one file ("billion laughs" guard).
pub const MAX_ALIAS_NODES: usize = 100_000;

/// Deepest nesting of sequences and mappings accepted.
pub const MAX_DEPTH: usize = 128;
