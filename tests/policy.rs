#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! `--deny`, `--allow`, `--warn`: what they do to the diagnostics and to the exit code.

mod support;

use serde_json::Value;
use support::{stderr, TempDir};

/// `(code, severity)` of each JSON diagnostic line.
fn diagnostics(o: &std::process::Output) -> Vec<(String, String)> {
    stderr(o)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["code"].as_str().unwrap().to_string(),
                v["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn convert(t: &TempDir, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["convert", "-p", "seed", "--diagnostics", "json"];
    args.extend_from_slice(extra);
    t.run(&args)
}

#[test]
fn deny_warnings_fails_and_writes_nothing() {
    let t = TempDir::seed("deny");
    let o = convert(&t, &["--deny", "warnings", "-o", "out"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(!t.path().join("out").exists());
    let ds = diagnostics(&o);
    assert_eq!(
        ds.iter().filter(|(_, s)| s == "error").count(),
        3,
        "the three warnings became errors: {ds:?}"
    );
    assert!(
        ds.iter().any(|(c, s)| c == "C2K3002" && s == "info"),
        "notes stay notes"
    );
    // The human summary counts them as errors.
    let o = t.run(&["convert", "-p", "seed", "--deny", "warnings"]);
    assert!(stderr(&o).ends_with("3 errors, 0 warnings, 5 notes\n"));
}

#[test]
fn named_rules_beat_warnings_and_allow_drops() {
    let t = TempDir::seed("allow");
    let o = convert(
        &t,
        &[
            "--deny",
            "warnings",
            "--allow",
            "bind-mount",
            "--allow",
            "C2K3001,develop-only",
            "--warn",
            "C2K3005",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!o.stdout.is_empty());
    let ds = diagnostics(&o);
    assert!(ds
        .iter()
        .all(|(c, _)| !["C2K3003", "C2K3001", "C2K3002"].contains(&c.as_str())));
    assert!(
        ds.contains(&("C2K3005".to_string(), "warning".to_string())),
        "{ds:?}"
    );
}

#[test]
fn deny_by_code_or_name() {
    let t = TempDir::seed("deny-code");
    for rule in ["C2K3005", "c2k3005", "port-from-image-default"] {
        let o = convert(&t, &["--deny", rule]);
        assert_eq!(o.status.code(), Some(1), "{rule}");
        assert!(diagnostics(&o).contains(&("C2K3005".to_string(), "error".to_string())));
    }
}

#[test]
fn bad_rules_are_usage_errors() {
    let t = TempDir::seed("bad-rule");
    for args in [
        ["--allow", "C2K9999"],
        ["--deny", "no-such-rule"],
        // Errors stop the conversion: they cannot be allowed or lowered.
        ["--allow", "unknown-key"],
        ["--warn", "C2K2001"],
    ] {
        let o = t.run(&["convert", "-p", "seed", args[0], args[1]]);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).starts_with("error: "), "{args:?}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn allow_never_hides_an_error() {
    let t = TempDir::new("allow-error");
    t.write(
        "compose.yaml",
        "services:\n  a:\n    image: x\n    portz: []\n",
    );
    let o = t.run(&["convert", "--allow", "warnings", "--diagnostics", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(diagnostics(&o)
        .iter()
        .any(|(c, s)| c == "C2K2001" && s == "error"));
}
