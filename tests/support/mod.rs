//! Helpers shared by the binary's integration tests: running it with a clean environment, and
//! temporary directories that remove themselves.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

pub const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/seed/compose.yaml");

/// The binary, run in `dir`, with none of the variables that change what it does.
pub fn command(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_compose2k8s"));
    c.current_dir(dir);
    for var in [
        "COMPOSE_PROJECT_NAME",
        "COMPOSE_FILE",
        "COMPOSE_PROFILES",
        "COMPOSE_PATH_SEPARATOR",
        "NO_COLOR",
    ] {
        c.env_remove(var);
    }
    c
}

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    command(dir).args(args).output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A directory under the system's temporary directory, unique to this process and call, removed
/// on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Self {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let n = COUNT.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!(
            "compose2k8s-test-{label}-{}-{n}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    /// A temporary project holding a copy of the seed's `compose.yaml`.
    pub fn seed(label: &str) -> Self {
        let dir = TempDir::new(label);
        std::fs::copy(SEED, dir.path().join("compose.yaml")).unwrap();
        dir
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn run(&self, args: &[&str]) -> Output {
        run_in(&self.0, args)
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.0.join(name)).unwrap()
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.0.join(name), text).unwrap();
    }

    /// The names of the files in `sub`, sorted.
    pub fn list(&self, sub: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.0.join(sub))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
