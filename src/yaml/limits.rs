//! Resource limits for hostile input. Each is far above what a real Compose file needs and far
//! below what would exhaust a CI runner.

/// Largest Compose (or env) file read, in bytes.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Most nodes that aliases may create in one file, counting the copy kept of each anchored value
/// ("billion laughs" guard; also bounds the memory of nested anchors).
pub const MAX_ALIAS_NODES: usize = 100_000;

/// Deepest nesting of sequences and mappings accepted.
pub const MAX_DEPTH: usize = 128;

/// Most Compose files one project may load through `include` (counting a file included from two
/// places twice) and `extends` with `file`. Bounds the work of an include graph in which files
/// include the same file repeatedly, level after level.
pub const MAX_INCLUDE_FILES: usize = 256;

/// Deepest nesting of `include` (a file including a file including …). Loading recurses once per
/// level, so this bounds the stack as well.
pub const MAX_INCLUDE_DEPTH: usize = 32;

/// Longest `extends` chain (a service extending a service extending …).
pub const MAX_EXTENDS_DEPTH: usize = 64;

/// Most YAML nodes `include` and `extends` may add to a project: the trees of the files they load
/// and the copy of the extended service each `extends` makes. Without it, a thousand one-line
/// services extending one large service would copy it a thousand times.
pub const MAX_COPIED_NODES: usize = 1_000_000;

/// Most bytes the loader reads, over all bind-mounted files and directories, to copy into
/// ConfigMaps. Each source is bounded by a ConfigMap's 1 MiB, but a file may mount many; past
/// this, further sources are not read and fall back to their other defaults.
pub const MAX_ATTACHED_TOTAL_BYTES: u64 = 16 * 1024 * 1024;

/// Bytes one value may reach after `${…}` interpolation. A value refers to variables, and in an
/// env file a variable to the ones before it, so `A=${B}${B}` line after line doubles a value
/// each time: without a bound a few hundred bytes would ask for terabytes.
pub const MAX_INTERPOLATED_BYTES: usize = 1024 * 1024;

/// Bytes all the values of one env file may reach after interpolation.
pub const MAX_ENV_FILE_VALUE_BYTES: usize = 16 * 1024 * 1024;

/// Bytes that interpolation may add to a whole project: a long variable used in many places
/// multiplies, as an alias does.
pub const MAX_INTERPOLATED_TOTAL_BYTES: usize = 64 * 1024 * 1024;
