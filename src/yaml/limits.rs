//! Resource limits for hostile input. Each is far above what a real Compose file needs and far
//! below what would exhaust a CI runner.

/// Largest Compose (or env) file read, in bytes.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Most nodes that aliases may create in one file, counting the copy kept of each anchored value
/// ("billion laughs" guard; also bounds the memory of nested anchors).
pub const MAX_ALIAS_NODES: usize = 100_000;

/// Deepest nesting of sequences and mappings accepted.
pub const MAX_DEPTH: usize = 128;
