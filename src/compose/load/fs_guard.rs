//! Filesystem safety: the files a Compose file refers to (`env_file`, `include`, `extends: file`)
//! and the project's `.env` are read only from inside the project directory, unless the user
//! passes `--allow-outside-project`. compose2k8s runs in CI on files anyone can edit; without this,
//! a one-line change could copy `/etc/passwd` or a runner's credentials into the output.
//!
//! A file that exists is judged by where it really is (symbolic links followed), since that is
//! what would be read; a file that does not exist, by its path alone (reading it fails anyway).

use std::path::{Path, PathBuf};

use super::paths;

#[derive(Clone, Debug)]
pub struct Guard {
    /// The project directory, absolute and normalized.
    root: PathBuf,
    /// The same with symbolic links resolved, when it exists.
    real_root: Option<PathBuf>,
    allow_outside: bool,
}

/// How a path leads out of the project directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Escape {
    /// The path itself is outside (`../..`, an absolute path elsewhere).
    Path,
    /// The path is inside, but it is (or goes through) a symbolic link to this real path.
    Link(PathBuf),
}

impl Guard {
    pub fn new(root: &Path, allow_outside: bool) -> Guard {
        let root = paths::normalize(root);
        Guard {
            real_root: std::fs::canonicalize(&root).ok(),
            root,
            allow_outside,
        }
    }

    /// Whether `path` (absolute, normalized) may be read.
    pub fn check(&self, path: &Path) -> Result<(), Escape> {
        if self.allow_outside {
            return Ok(());
        }
        let lexically_inside = path.starts_with(&self.root);
        match (std::fs::canonicalize(path), &self.real_root) {
            (Ok(real), Some(real_root)) => {
                if real.starts_with(real_root) {
                    Ok(())
                } else if lexically_inside {
                    Err(Escape::Link(real))
                } else {
                    Err(Escape::Path)
                }
            }
            _ if lexically_inside => Ok(()),
            _ => Err(Escape::Path),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use crate::compose::load::test_dir::TestDir;

    #[test]
    fn inside_outside_and_links() {
        let dir = TestDir::new("guard");
        let root = dir.path().join("project");
        let inside = dir.write("project/a.env", "A=1\n");
        let outside = dir.write("secret.env", "S=1\n");
        let guard = Guard::new(&root, false);
        assert_eq!(guard.check(&inside), Ok(()));
        assert_eq!(guard.check(&root.join("missing.env")), Ok(()));
        assert_eq!(guard.check(&outside), Err(Escape::Path));
        assert_eq!(guard.check(Path::new("/etc/passwd")), Err(Escape::Path));
        assert_eq!(guard.check(&dir.path().join("nope.env")), Err(Escape::Path));
        #[cfg(unix)]
        {
            let link = root.join("link.env");
            std::os::unix::fs::symlink(&outside, &link).unwrap();
            assert!(matches!(guard.check(&link), Err(Escape::Link(_))));
            let inner = root.join("inner.env");
            std::os::unix::fs::symlink(&inside, &inner).unwrap();
            assert_eq!(guard.check(&inner), Ok(()));
        }
        let open = Guard::new(&root, true);
        assert_eq!(open.check(&outside), Ok(()));
    }
}
