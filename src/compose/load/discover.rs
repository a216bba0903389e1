//! Finding the Compose files when none is named, as `docker compose` does: the first default file
//! of the directory, and the first override file merged on top of it.

use std::path::{Path, PathBuf};

/// The names Compose looks for, in its order of preference (compose-go's: the spec prefers
/// `compose.yaml` and names the `docker-compose.*` files only for backward compatibility).
pub const DEFAULT_FILES: &[&str] = &[
    "compose.yaml",
    "compose.yml",
    "docker-compose.yml",
    "docker-compose.yaml",
];

/// The override files Compose merges over the default file, in its order of preference. As in
/// Compose, the first one present is used whichever default file was found.
pub const OVERRIDE_FILES: &[&str] = &[
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
];

/// What discovery found in a directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discovered {
    /// The default file, then the override file if there is one.
    pub files: Vec<PathBuf>,
    /// Other default files present, which Compose passes over with a warning.
    pub other_defaults: Vec<PathBuf>,
    /// Other override files present, likewise.
    pub other_overrides: Vec<PathBuf>,
}

fn present(dir: &Path, names: &[&str]) -> Vec<PathBuf> {
    names
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| p.is_file())
        .collect()
}

/// The Compose files of `dir`; `None` when it has no default file.
pub fn discover(dir: &Path) -> Option<Discovered> {
    let mut defaults = present(dir, DEFAULT_FILES).into_iter();
    let mut overrides = present(dir, OVERRIDE_FILES).into_iter();
    let mut files = vec![defaults.next()?];
    files.extend(overrides.next());
    Some(Discovered {
        files,
        other_defaults: defaults.collect(),
        other_overrides: overrides.collect(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use crate::compose::load::test_dir::TestDir;

    fn names(paths: &[PathBuf]) -> Vec<String> {
        paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn nothing_to_find() {
        let dir = TestDir::new("discover-empty");
        dir.write("compose.override.yaml", "services: {}\n");
        assert_eq!(discover(dir.path()), None);
    }

    #[test]
    fn compose_yaml_is_preferred_and_the_others_are_reported() {
        let dir = TestDir::new("discover-prefer");
        for name in DEFAULT_FILES {
            dir.write(name, "services: {}\n");
        }
        let found = discover(dir.path()).unwrap();
        assert_eq!(names(&found.files), ["compose.yaml"]);
        assert_eq!(
            names(&found.other_defaults),
            ["compose.yml", "docker-compose.yml", "docker-compose.yaml"]
        );
        assert!(found.other_overrides.is_empty());
    }

    #[test]
    fn each_default_name_is_found_alone() {
        for name in DEFAULT_FILES {
            let dir = TestDir::new("discover-alone");
            dir.write(name, "services: {}\n");
            let found = discover(dir.path()).unwrap();
            assert_eq!(names(&found.files), [*name]);
        }
    }

    #[test]
    fn the_override_file_comes_second() {
        let dir = TestDir::new("discover-override");
        dir.write("compose.yaml", "services: {}\n");
        dir.write("compose.override.yaml", "services: {}\n");
        let found = discover(dir.path()).unwrap();
        assert_eq!(
            names(&found.files),
            ["compose.yaml", "compose.override.yaml"]
        );

        let dir = TestDir::new("discover-legacy-override");
        dir.write("docker-compose.yml", "services: {}\n");
        dir.write("docker-compose.override.yml", "services: {}\n");
        dir.write("docker-compose.override.yaml", "services: {}\n");
        let found = discover(dir.path()).unwrap();
        assert_eq!(
            names(&found.files),
            ["docker-compose.yml", "docker-compose.override.yml"]
        );
        assert_eq!(
            names(&found.other_overrides),
            ["docker-compose.override.yaml"]
        );
    }

    #[test]
    fn a_directory_with_a_default_name_is_not_a_file() {
        let dir = TestDir::new("discover-dir");
        std::fs::create_dir_all(dir.path().join("compose.yaml")).unwrap();
        dir.write("compose.yml", "services: {}\n");
        assert_eq!(names(&discover(dir.path()).unwrap().files), ["compose.yml"]);
    }
}
