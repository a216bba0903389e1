#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Temporary project directories for the loader's tests: unique per test and process, removed
//! when dropped.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

pub struct TestDir(PathBuf);

impl TestDir {
    pub fn new(name: &str) -> TestDir {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("compose2k8s-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TestDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `text` to `name` (which may contain directories) and returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for TestDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What loading a project directory gave: the tree (if any), the diagnostics in reading order,
/// and the sources they point into.
pub struct Run {
    pub loaded: Option<super::Loaded>,
    pub diags: Vec<crate::diag::Diagnostic>,
    pub sources: crate::source::SourceMap,
}

impl Run {
    pub fn root(&self) -> &crate::yaml::Node {
        &self
            .loaded
            .as_ref()
            .unwrap_or_else(|| panic!("{:#?}", self.diags))
            .root
    }

    /// `services.<name>` of the loaded tree.
    pub fn service(&self, name: &str) -> &crate::yaml::Node {
        self.root()
            .get("services")
            .and_then(|s| s.get(name))
            .unwrap_or_else(|| panic!("no service `{name}`"))
    }

    pub fn codes(&self) -> Vec<crate::diag::Code> {
        self.diags.iter().map(|d| d.code).collect()
    }

    /// The `config` rendering of the loaded project.
    pub fn config(&self) -> String {
        super::config_view::render(self.loaded.as_ref().unwrap()).unwrap()
    }

    /// The name of the file the first diagnostic of `code` points into.
    pub fn file_of(&self, code: crate::diag::Code) -> String {
        let d = self.diags.iter().find(|d| d.code == code).unwrap();
        let span = d.primary.as_ref().unwrap().span;
        self.sources.get(span.file).unwrap().name.clone()
    }
}

/// Loads `compose.yaml` in `dir` as `compose2k8s -f compose.yaml` would from there, with the
/// process environment `env`; `configure` adjusts the options.
pub fn load_dir(
    dir: &TestDir,
    env: &[(&str, &str)],
    configure: impl FnOnce(&mut super::LoadOptions),
) -> Run {
    let mut options =
        super::LoadOptions::new(super::Input::Files(vec![PathBuf::from("compose.yaml")]));
    options.working_dir = dir.path().to_path_buf();
    options.environment = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    configure(&mut options);
    let mut sources = crate::source::SourceMap::new();
    let mut diags = crate::diag::Diagnostics::new();
    let loaded = super::load_project(&options, &mut sources, &mut diags);
    Run {
        loaded,
        diags: diags.into_sorted(),
        sources,
    }
}
