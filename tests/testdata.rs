#![allow(clippy::unwrap_used, clippy::expect_used)]

//! One pair of snapshots per `testdata/<case>/compose.yaml`: the manifests and the rendered
//! diagnostics. Snapshots live in the top-level `snapshots/` folder.

use std::path::Path;

use compose2k8s::convert::{convert, Input, Options};
use compose2k8s::diag::render::{self, HumanStyle};
use compose2k8s::output;

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

#[test]
fn testdata_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<_> = std::fs::read_dir(root.join("testdata"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("compose.yaml").is_file())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    for dir in cases {
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let rel = Path::new("testdata").join(&case).join("compose.yaml");
        let mut options = Options::new(Input::Files(vec![root.join(&rel)]));
        options.load.working_dir = dir.clone();
        let conversion = convert(&options);

        let mut diagnostics = String::new();
        for d in &conversion.diagnostics {
            diagnostics.push_str(&render::human(d, &conversion.sources, HumanStyle::PLAIN));
        }
        diagnostics.push_str(&render::summary(&conversion.diagnostics));
        // Absolute paths differ between machines; show the path from the crate root.
        let diagnostics = diagnostics.replace(&format!("{}/", root.display()), "");

        let expect_error = dir.join("expect-error").is_file();
        assert_eq!(
            conversion.has_errors(),
            expect_error,
            "{case}: errors {} but expect-error marker {}\n{diagnostics}",
            conversion.has_errors(),
            expect_error
        );
        let manifests = output::yaml_stream(&conversion.objects).unwrap();
        settings().bind(|| {
            insta::assert_snapshot!(format!("{case}.diagnostics"), diagnostics);
            if !expect_error {
                insta::assert_snapshot!(format!("{case}.manifests"), manifests);
            }
        });
    }
}
