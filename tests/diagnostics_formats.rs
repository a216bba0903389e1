#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! `--diagnostics human|json|sarif|github`: every format carries the same diagnostics, each in
//! the structure its consumer requires.

mod support;

use serde_json::Value;
use support::{command, stderr, TempDir};

fn manifest_dir() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> std::process::Output {
    support::run_in(manifest_dir(), args)
}

/// The codes of the JSON-lines form, the reference the other formats are compared with.
fn json_codes(file: &str) -> Vec<String> {
    let o = run(&["convert", "-f", file, "--diagnostics", "json"]);
    stderr(&o)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["code"].as_str().unwrap().to_string()
        })
        .collect()
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("missing string {pointer} in {v}"))
}

fn uint_at(v: &Value, pointer: &str) -> u64 {
    v.pointer(pointer)
        .and_then(Value::as_u64)
        .unwrap_or_else(|| panic!("missing integer {pointer} in {v}"))
}

/// The properties SARIF 2.1.0 requires of a log, and the ones code scanning reads.
fn check_sarif(log: &Value) {
    assert_eq!(log["version"], "2.1.0");
    assert!(str_at(log, "/$schema").contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "compose2k8s");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(str_at(driver, "/informationUri").starts_with("https://"));
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() >= 80, "the whole registry is listed");
    for rule in rules {
        let id = str_at(rule, "/id");
        assert!(id.starts_with("C2K") && id.len() == 7, "{id}");
        assert!(!str_at(rule, "/name").is_empty());
        assert!(!str_at(rule, "/shortDescription/text").is_empty());
        assert!(!str_at(rule, "/fullDescription/text").is_empty());
        assert!(!str_at(rule, "/help/text").is_empty());
        assert!(["error", "warning", "note"].contains(&str_at(rule, "/defaultConfiguration/level")));
    }
    for result in run["results"].as_array().unwrap() {
        let rule_id = str_at(result, "/ruleId");
        let index = uint_at(result, "/ruleIndex") as usize;
        assert_eq!(rules[index]["id"], rule_id, "ruleIndex points at the rule");
        assert!(["error", "warning", "note"].contains(&str_at(result, "/level")));
        assert!(!str_at(result, "/message/text").is_empty());
        for location in result["locations"].as_array().unwrap() {
            let physical = &location["physicalLocation"];
            let uri = str_at(physical, "/artifactLocation/uri");
            assert!(!uri.is_empty() && !uri.contains(' '), "{uri}");
            let start_line = uint_at(physical, "/region/startLine");
            let start_column = uint_at(physical, "/region/startColumn");
            let end_line = uint_at(physical, "/region/endLine");
            let end_column = uint_at(physical, "/region/endColumn");
            assert!(start_line >= 1 && start_column >= 1);
            assert!(
                end_line > start_line || (end_line == start_line && end_column >= start_column)
            );
        }
    }
}

#[test]
fn sarif_has_the_required_structure_and_every_diagnostic() {
    let file = "testdata/seed/compose.yaml";
    let o = run(&["convert", "-f", file, "--diagnostics", "sarif"]);
    assert_eq!(o.status.code(), Some(0));
    let log: Value = serde_json::from_str(&stderr(&o)).unwrap();
    check_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let ids: Vec<&str> = results.iter().map(|r| str_at(r, "/ruleId")).collect();
    assert_eq!(ids, json_codes(file));
    // The bind mount of the seed, as code scanning will show it.
    let bind = results.iter().find(|r| r["ruleId"] == "C2K3003").unwrap();
    assert_eq!(bind["level"], "warning");
    let physical = &bind["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], file);
    assert_eq!(physical["region"]["startLine"], 17);
    assert_eq!(physical["region"]["startColumn"], 9);
    assert_eq!(physical["region"]["endLine"], 17);
    assert_eq!(physical["region"]["endColumn"], 28);
    // Notes are `note`.
    assert!(results.iter().any(|r| r["level"] == "note"));
    assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
}

#[test]
fn sarif_of_a_failing_conversion_has_error_results() {
    let o = run(&[
        "convert",
        "-f",
        "testdata/bad-unknown-key/compose.yaml",
        "--diagnostics",
        "sarif",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let log: Value = serde_json::from_str(&stderr(&o)).unwrap();
    check_sarif(&log);
    let first = &log["runs"][0]["results"][0];
    assert_eq!(first["ruleId"], "C2K2001");
    assert_eq!(first["level"], "error");
}

#[test]
fn sarif_without_diagnostics_is_a_log_with_no_results() {
    let t = TempDir::new("sarif-empty");
    t.write(
        "compose.yaml",
        "services:\n  web:\n    image: nginx:1.27\n    ports: [\"80\"]\n",
    );
    let o = t.run(&["convert", "--diagnostics", "sarif"]);
    assert_eq!(o.status.code(), Some(0));
    let log: Value = serde_json::from_str(&stderr(&o)).unwrap();
    check_sarif(&log);
    assert_eq!(log["runs"][0]["results"], Value::Array(Vec::new()));
}

#[test]
fn github_format_prints_one_workflow_command_per_diagnostic() {
    let file = "testdata/seed/compose.yaml";
    let o = run(&["convert", "-f", file, "--diagnostics", "github"]);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), json_codes(file).len());
    assert!(lines[0].starts_with(
        "::warning file=testdata/seed/compose.yaml,line=4,col=12,endLine=4,endColumn=17,title=C2K3001 (build-without-image)::"
    ), "{}", lines[0]);
    assert!(lines.iter().any(|l| l.starts_with("::notice ")));
    // Multi-line text is escaped onto one line.
    assert!(lines.iter().all(|l| l.contains("%0Ahelp: ")));
    let o = run(&[
        "convert",
        "-f",
        "testdata/bad-tab/compose.yaml",
        "--diagnostics",
        "github",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("::error file=testdata/bad-tab/compose.yaml,line="));
}

#[test]
fn human_output_ends_with_the_summary_and_has_no_colour_off_a_terminal() {
    let o = run(&["convert", "-f", "testdata/seed/compose.yaml"]);
    let err = stderr(&o);
    assert!(err.ends_with("0 errors, 3 warnings, 5 notes\n"), "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "no escape codes when stderr is not a terminal"
    );
    let o = command(manifest_dir())
        .env("NO_COLOR", "1")
        .args(["convert", "-f", "testdata/seed/compose.yaml"])
        .output()
        .unwrap();
    assert!(!stderr(&o).contains('\u{1b}'));
}

#[test]
fn machine_formats_keep_stderr_to_themselves() {
    let t = TempDir::seed("machine");
    for format in ["json", "sarif"] {
        let o = t.run(&[
            "convert",
            "-p",
            "seed",
            "-o",
            "out",
            "--diagnostics",
            format,
        ]);
        assert_eq!(o.status.code(), Some(0));
        let err = stderr(&o);
        assert!(!err.contains("out: 6 written"), "{format}: {err}");
        assert!(!err.contains("0 errors, "), "{format}: {err}");
    }
}
