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

/// How diagnostics name `path` (made absolute against `working_dir`, itself absolute): relative to the working directory when inside it or in a nearby directory
/// (`../shared/x/.env`, as `-f ../shared/x/compose.yaml` is shown), so a message reads the same in
/// every checkout whatever its absolute path; absolute when far away (`/etc/app.env`).
pub fn display_name(working_dir: &Path, path: &Path) -> String {
    /// `../..` at most: a sibling or a cousin of the working directory.
    const NEARBY_UPS: usize = 2;
    let working_dir = &normalize(working_dir);
    let absolute = absolute_in(working_dir, path);
    let relative = relative(working_dir, &absolute);
    let ups = relative
        .components()
        .take_while(|c| matches!(c, Component::ParentDir))
        .count();
    // By the climb alone, not by how much of the path is shared: `/main` and `/shared/x` are as
    // near as `/work/main` and `/work/shared/x`, so a checkout reads the same at any depth.
    if relative.as_os_str().is_empty() || relative.is_absolute() {
        path.display().to_string()
    } else if ups <= NEARBY_UPS {
        relative.display().to_string()
    } else {
        absolute.display().to_string()
    }
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

    #[test]
    fn display_name_is_relative_when_inside_or_nearby() {
        let w = Path::new("/w/main");
        assert_eq!(display_name(w, Path::new("/w/main/app/.env")), "app/.env");
        assert_eq!(display_name(w, Path::new("app/.env")), "app/.env");
        // A sibling checkout, as `-f ../shared/x/compose.yaml` names it: the same on every machine.
        assert_eq!(
            display_name(w, Path::new("/w/shared/x/.env")),
            "../shared/x/.env"
        );
        assert_eq!(
            display_name(Path::new("/w/a/main"), Path::new("/w/b/x/.env")),
            "../../b/x/.env"
        );
        assert_eq!(display_name(w, Path::new("/w/main/./a/../b.env")), "b.env");
    }

    #[test]
    fn display_name_is_absolute_when_far_away() {
        let w = Path::new("/home/u/p/main");
        assert_eq!(display_name(w, Path::new("/etc/app.env")), "/etc/app.env");
        assert_eq!(
            display_name(w, Path::new("/home/v/app.env")),
            "/home/v/app.env"
        );
        // Near by the climb, however short the shared part.
        assert_eq!(
            display_name(Path::new("/w"), Path::new("/x/app.env")),
            "../x/app.env"
        );
        assert_eq!(
            display_name(Path::new("/main"), Path::new("/shared/x/.env")),
            "../shared/x/.env"
        );
    }
}
