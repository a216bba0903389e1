#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

//! One pair of snapshots per `testdata/<case>/`: the manifests and the rendered diagnostics.
//! Snapshots live in the top-level `snapshots/` folder.
//!
//! A case is converted as `compose2k8s convert -f compose.yaml` run in its directory, with an
//! empty environment. Two optional files change that:
//!
//! - `args`: command-line arguments, whitespace-separated (a line may hold `-f FILE`); `#` starts
//!   a comment line. Paths are relative to the case directory. Without a `-f` in it, the files are
//!   found as the command finds them (`COMPOSE_FILE`, then discovery in the case directory).
//!   Supported: `-f`/`--file`, `-p`/`--project-name`, `--project-directory`, `--env-file`,
//!   `--profile`, `--services`, each also as `--flag=value`, `--allow-outside-project`,
//!   `--embed-secrets`, `--network-policies` and `--no-deps`.
//! - `env`: `KEY=VALUE` lines, the process environment of the case.
//!
//! A `config` file (empty; a marker) adds a third snapshot, `<case>.config`: what
//! `compose2k8s config` prints for the case.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use compose2k8s::compose::load::{config_view, load_project};
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

/// The lines of an optional case file, without blank and `#` lines.
fn lines(path: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect(),
    )
}

/// The options `compose2k8s convert ARGS` would get when run in `dir`.
///
/// Files are named from the crate root (`-f testdata/CASE/compose.yaml`, as if run there), not
/// by absolute path: message text wraps, so a name whose length depends on where the checkout
/// lives would make the snapshots differ between machines. A case without `-f` discovers its
/// files, so it runs in `dir` itself, its paths given as written.
fn options(root: &Path, dir: &Path, case: &str) -> Options {
    let from_root = Path::new("testdata").join(case);
    let Some(lines) = lines(&dir.join("args")) else {
        let mut options = Options::new(Input::Files(vec![from_root.join("compose.yaml")]));
        options.load.working_dir = root.to_path_buf();
        options.load.environment = lines_env(&dir.join("env"), case);
        return options;
    };
    let names_files = lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .any(|t| t == "-f" || t == "--file" || t.starts_with("--file="));
    let mut tokens = lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .flat_map(|t| match t.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => vec![flag, value],
            _ => vec![t],
        });
    let mut files = Vec::new();
    let mut options = Options::new(Input::Files(Vec::new()));
    let path = |value: &str| -> PathBuf {
        if names_files {
            from_root.join(value)
        } else {
            PathBuf::from(value)
        }
    };
    while let Some(flag) = tokens.next() {
        if flag == "--allow-outside-project" {
            options.load.allow_outside_project = true;
            continue;
        }
        if flag == "--no-deps" {
            options.load.no_deps = true;
            continue;
        }
        if flag == "--embed-secrets" {
            options.plan.embed_secrets = true;
            continue;
        }
        if flag == "--network-policies" {
            options.plan.network_policies = true;
            continue;
        }
        let value = tokens
            .next()
            .unwrap_or_else(|| panic!("{case}/args: `{flag}` needs a value"));
        let load = &mut options.load;
        match flag {
            "-f" | "--file" => files.push(path(value)),
            "-p" | "--project-name" => load.project_name = Some(value.to_string()),
            "--project-directory" => load.project_directory = Some(path(value)),
            "--env-file" => load.env_files.push(path(value)),
            "--profile" => load.profiles.push(value.to_string()),
            "--services" => load.services.extend(
                value
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            ),
            other => panic!("{case}/args: unsupported argument `{other}`"),
        }
    }
    options.load.input = Input::Files(files);
    options.load.working_dir = if names_files {
        root.to_path_buf()
    } else {
        dir.to_path_buf()
    };
    options.load.environment = lines_env(&dir.join("env"), case);
    options
}

/// What `compose2k8s config` prints for the options.
fn config_output(options: &Options) -> String {
    let mut sources = compose2k8s::source::SourceMap::new();
    let mut diags = compose2k8s::diag::Diagnostics::new();
    let loaded = load_project(&options.load, &mut sources, &mut diags).unwrap();
    config_view::render(&loaded).unwrap()
}

fn lines_env(path: &Path, case: &str) -> BTreeMap<String, String> {
    lines(path)
        .unwrap_or_default()
        .into_iter()
        .map(|l| match l.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => panic!("{case}/env: `{l}` is not KEY=VALUE"),
        })
        .collect()
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
        let case_options = options(root, &dir, &case);
        let conversion = convert(&case_options);

        let mut diagnostics = String::new();
        for d in &conversion.diagnostics {
            diagnostics.push_str(&render::human(d, &conversion.sources, HumanStyle::PLAIN));
        }
        diagnostics.push_str(&render::summary(&conversion.diagnostics));
        // An absolute path would differ between machines, and wrap differently by its length.
        assert!(
            !diagnostics.contains(&root.display().to_string()),
            "{case}: a diagnostic names a file by its absolute path\n{diagnostics}"
        );

        let expect_error = dir.join("expect-error").is_file();
        assert_eq!(
            conversion.has_errors(),
            expect_error,
            "{case}: errors {} but expect-error marker {}\n{diagnostics}",
            conversion.has_errors(),
            expect_error
        );
        let manifests = output::yaml_stream(&conversion.objects).unwrap();
        let config =
            (dir.join("config").is_file() && !expect_error).then(|| config_output(&case_options));
        settings().bind(|| {
            insta::assert_snapshot!(format!("{case}.diagnostics"), diagnostics);
            if !expect_error {
                insta::assert_snapshot!(format!("{case}.manifests"), manifests);
            }
            if let Some(config) = config {
                insta::assert_snapshot!(format!("{case}.config"), config);
            }
        });
    }
}
