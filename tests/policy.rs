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

/// The seed with a top-level `x-kubernetes.diagnostics` block and `worker`'s own `allow`.
fn seed_with_file_policy(label: &str, top: &str, worker_allow: &str) -> TempDir {
    let t = TempDir::new(label);
    let seed = std::fs::read_to_string(support::SEED).unwrap();
    let worker = "  worker:\n    build: ./worker\n";
    let text = seed.replace(
        worker,
        &format!("{worker}    x-kubernetes:\n      diagnostics:\n        allow: {worker_allow}\n"),
    );
    t.write(
        "compose.yaml",
        &format!("{text}\nx-kubernetes:\n  diagnostics:\n{top}"),
    );
    t
}

fn count(ds: &[(String, String)], code: &str, severity: &str) -> usize {
    ds.iter()
        .filter(|(c, s)| c == code && s == severity)
        .count()
}

const FILE_RULES: &str = "    deny: [warnings]\n    allow: [develop-only]\n    warn: [C2K3005]\n";

#[test]
fn the_file_denies_allows_and_warns() {
    let t = seed_with_file_policy("file-policy", FILE_RULES, "[build-without-image]");
    let o = convert(&t, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let ds = diagnostics(&o);
    // `deny: [warnings]` raised the bind mount and `api`'s missing image; `worker` allows its own.
    assert_eq!(count(&ds, "C2K3003", "error"), 1, "{ds:?}");
    assert_eq!(count(&ds, "C2K3001", "error"), 1, "{ds:?}");
    assert_eq!(ds.iter().filter(|(c, _)| c == "C2K3001").count(), 1);
    assert!(ds.iter().all(|(c, _)| c != "C2K3002"), "allowed: {ds:?}");
    assert_eq!(count(&ds, "C2K3005", "warning"), 1, "{ds:?}");
    // `check` reads the same rules.
    let o = t.run(&["check", "-p", "seed", "-o", "out"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn the_command_line_wins_over_the_file() {
    let t = seed_with_file_policy("file-policy-cli", FILE_RULES, "[build-without-image]");
    let o = convert(
        &t,
        &["--allow", "bind-mount", "--warn", "build-without-image"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ds = diagnostics(&o);
    assert!(ds.iter().all(|(c, _)| c != "C2K3003"), "{ds:?}");
    assert_eq!(count(&ds, "C2K3001", "warning"), 1, "{ds:?}");
    // `--allow warnings` over the file's `deny: [warnings]`; `--deny` over the file's `allow`.
    let o = convert(&t, &["--allow", "warnings"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = convert(&t, &["--deny", "develop-only"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(count(&diagnostics(&o), "C2K3002", "error"), 2);
    // A service's own `allow` is more specific than any project-wide rule, the command line's
    // included: `worker`'s missing image stays dropped.
    let o = convert(&t, &["--deny", "build-without-image"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        diagnostics(&o)
            .iter()
            .filter(|(c, _)| c == "C2K3001")
            .count(),
        1
    );
}

#[test]
fn file_rules_never_hide_an_error() {
    let t = TempDir::new("file-allow-error");
    t.write(
        "compose.yaml",
        "services:\n  a:\n    image: x\n    portz: []\nx-kubernetes:\n  diagnostics:\n    allow: [warnings]\n",
    );
    let o = convert(&t, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(count(&diagnostics(&o), "C2K2001", "error"), 1);
}

#[test]
fn bad_file_rules_are_located_errors() {
    let t = TempDir::new("file-bad-rules");
    t.write(
        "compose.yaml",
        concat!(
            "services:\n",
            "  a:\n",
            "    image: x\n",
            "    x-kubernetes:\n",
            "      diagnostics:\n",
            "        allow: [bind-mout]\n",
            "        deny: [warnings]\n",
            "x-kubernetes:\n",
            "  diagnostics:\n",
            "    allow: [unknown-key]\n",
            "    warn: [C2K9999]\n",
        ),
    );
    let o = t.run(&["convert", "--diagnostics", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<Value> = stderr(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let at = |code: &str| -> Vec<(u64, u64)> {
        lines
            .iter()
            .filter(|v| v["code"] == code)
            .map(|v| (v["line"].as_u64().unwrap(), v["column"].as_u64().unwrap()))
            .collect()
    };
    assert_eq!(at("C2K4014"), vec![(6, 17), (11, 12)], "{lines:?}");
    assert_eq!(at("C2K4015"), vec![(10, 13)], "{lines:?}");
    // A service may only allow.
    assert_eq!(at("C2K4001"), vec![(7, 9)], "{lines:?}");
    let misspelt = lines.iter().find(|v| v["code"] == "C2K4014").unwrap();
    assert!(
        misspelt["help"].as_str().unwrap().contains("`bind-mount`"),
        "{misspelt}"
    );
}
