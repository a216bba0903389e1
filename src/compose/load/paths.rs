//! Lexical path arithmetic for the files a project refers to: no filesystem access, so the result
//! does not depend on which files happen to exist (the guard in `fs_guard` looks at the disk).

use std::path::{Component, Path, PathBuf};

/// `path` with `.` removed and `dir/..` pairs folded, as Compose's `filepath.Clean` does. A `..`
/// that would climb above the start of a relative path is kept; above `/` it is dropped.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<Component<'_>> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            _ => out.push(c),
        }
    }
    let mut result = PathBuf::new();
    for c in out {
        result.push(c.as_os_str());
    }
    result
}

/// `path` made absolute against `base` (itself absolute), then normalized.
pub fn absolute_in(base: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        normalize(path)
    } else {
        normalize(&base.join(path))
    }
}

/// The relative path that leads from directory `from` to `to` (both absolute and normalized);
/// `to` itself when they share no root (another drive on Windows).
pub fn relative(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component<'_>> = from.components().collect();
    let to_parts: Vec<Component<'_>> = to.components().collect();
    if from.first() != to_parts.first() {
        return to.to_path_buf();
    }
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    for c in to_parts.iter().skip(common) {
        out.push(c.as_os_str());
    }
    out
}

/// A location Compose fetches rather than reads from disk (`git@…`, `https://…`, `oci://…`).
pub fn is_remote(text: &str) -> bool {
    text.contains("://") || text.starts_with("git@")
}

/// A path written relative to one directory, rewritten to be relative to another: `dir` leads from
/// the new base to the old one. Absolute paths, `~` paths and remote locations stay as they are.
/// The result starts with `./` or `../`, so a volume source stays a path and is never read as a
/// volume name.
pub fn rebase(text: &str, dir: &Path) -> String {
    if dir.as_os_str().is_empty()
        || text.is_empty()
        || text.starts_with('~')
        || is_remote(text)
        || Path::new(text).is_absolute()
    {
        return text.to_string();
    }
    let joined = normalize(&dir.join(text));
    if joined.is_absolute() {
        return joined.display().to_string();
    }
    let shown = joined.display().to_string();
    let mut out = if shown.is_empty() {
        ".".to_string()
    } else if shown == ".." || shown.starts_with("../") {
        shown
    } else {
        format!("./{shown}")
    };
    if text.ends_with('/') && !out.ends_with('/') {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_dots() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), Path::new("/a/c"));
        assert_eq!(normalize(Path::new("a/../../b")), Path::new("../b"));
        assert_eq!(normalize(Path::new("/../x")), Path::new("/x"));
        assert_eq!(normalize(Path::new("./")), Path::new(""));
    }

    #[test]
    fn relative_climbs_and_descends() {
        assert_eq!(
            relative(Path::new("/p"), Path::new("/p/sub/x")),
            Path::new("sub/x")
        );
        assert_eq!(
            relative(Path::new("/p/a"), Path::new("/p/b")),
            Path::new("../b")
        );
        assert_eq!(relative(Path::new("/p"), Path::new("/p")), Path::new(""));
    }

    #[test]
    fn rebase_keeps_paths_recognisable() {
        let sub = Path::new("sub");
        assert_eq!(rebase("./data", sub), "./sub/data");
        assert_eq!(rebase("data", sub), "./sub/data");
        assert_eq!(rebase("../shared", sub), "./shared");
        assert_eq!(rebase("../../up", sub), "../up");
        assert_eq!(rebase(".", sub), "./sub");
        assert_eq!(rebase("..", sub), ".");
        assert_eq!(rebase("./dir/", sub), "./sub/dir/");
        assert_eq!(rebase("/abs", sub), "/abs");
        assert_eq!(rebase("~/x", sub), "~/x");
        assert_eq!(
            rebase("https://github.com/a/b.git", sub),
            "https://github.com/a/b.git"
        );
        assert_eq!(rebase("./data", Path::new("")), "./data");
        assert_eq!(rebase("x", Path::new("../other")), "../other/x");
    }
}
