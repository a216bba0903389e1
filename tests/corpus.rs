#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

//! One pair of snapshots per real-world project in `../shared/corpus/real/<project>/` (beside the
//! crate; never copied into it): the manifests and the rendered diagnostics, as
//! `snapshots/corpus-<project>.manifests.snap` and `.diagnostics.snap`.
//!
//! Each project is converted as `.ci/run` converts it: `compose2k8s convert -f
//! <project>/compose.yaml --profile "*"` (every profile on: GPU and CPU variants alike), run from the
//! crate root with an empty environment, so no variable of the machine leaks in. Every
//! project must convert without errors.
//!
//! A machine without `../shared` skips the test with a note; `C2K_REQUIRE_CORPUS=1` (set by
//! `.ci/run`) makes a missing corpus a failure instead, so CI cannot pass by not finding it.

use std::path::{Path, PathBuf};

use compose2k8s::convert::{convert, Input, Options};
use compose2k8s::diag::render::{self, HumanStyle};
use compose2k8s::output;

/// Where the corpus lives, as diagnostics show it: relative to the crate root.
const CORPUS: &str = "../shared/corpus/real";

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

/// As `.ci/run` calls it from the crate root: `-f ../shared/corpus/real/<project>/compose.yaml`.
/// The file is named relative to the crate root, so diagnostics (whose message text wraps) read the
/// same on every machine, whatever the absolute path of the checkout.
fn options(root: &Path, project: &str) -> Options {
    let file = Path::new(CORPUS).join(project).join("compose.yaml");
    let mut options = Options::new(Input::Files(vec![file]));
    options.load.working_dir = root.to_path_buf();
    options.load.profiles = vec!["*".to_string()];
    options
}

fn projects(corpus: &Path) -> Vec<PathBuf> {
    let mut projects: Vec<PathBuf> = std::fs::read_dir(corpus)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("compose.yaml").is_file())
        .collect();
    projects.sort();
    projects
}

#[test]
fn corpus_projects() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let required = std::env::var("C2K_REQUIRE_CORPUS").is_ok_and(|v| v == "1");
    let Ok(corpus) = std::fs::canonicalize(root.join(CORPUS)) else {
        assert!(
            !required,
            "C2K_REQUIRE_CORPUS=1 but the corpus `{CORPUS}` (beside the crate) does not exist"
        );
        eprintln!(
            "note: skipping the corpus snapshots: `{CORPUS}` does not exist beside the crate \
             (set C2K_REQUIRE_CORPUS=1 to make this a failure)"
        );
        return;
    };
    let projects = projects(&corpus);
    assert!(
        !projects.is_empty(),
        "no `<project>/compose.yaml` in {}",
        corpus.display()
    );
    for dir in projects {
        let project = dir.file_name().unwrap().to_string_lossy().into_owned();
        let conversion = convert(&options(root, &project));

        let mut diagnostics = String::new();
        for d in &conversion.diagnostics {
            diagnostics.push_str(&render::human(d, &conversion.sources, HumanStyle::PLAIN));
        }
        diagnostics.push_str(&render::summary(&conversion.diagnostics));
        // An absolute path would differ between machines, and wrap differently by its length.
        for absolute in [&corpus, &root.to_path_buf()] {
            assert!(
                !diagnostics.contains(&absolute.display().to_string()),
                "{project}: a diagnostic names a file by its absolute path\n{diagnostics}"
            );
        }
        assert!(
            !conversion.has_errors(),
            "{project}: the conversion reports errors\n{diagnostics}"
        );
        let manifests = output::yaml_stream(&conversion.objects).unwrap();
        settings().bind(|| {
            insta::assert_snapshot!(format!("corpus-{project}.diagnostics"), diagnostics);
            insta::assert_snapshot!(format!("corpus-{project}.manifests"), manifests);
        });
    }
}
