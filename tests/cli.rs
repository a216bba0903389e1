#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! The binary's contract: exit codes, where output goes, and the JSON diagnostics format.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_compose2k8s"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COMPOSE_PROJECT_NAME")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn seed_converts_with_located_warnings() {
    let o = run(&["convert", "-f", "testdata/seed/compose.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        out.starts_with("---\napiVersion: v1\nkind: Service\n"),
        "{out}"
    );
    let err = stderr(&o);
    for code in ["C2K3001", "C2K3002", "C2K3003"] {
        assert!(err.contains(code), "{code} missing from\n{err}");
    }
    assert!(
        err.contains("compose.yaml:4:12"),
        "build warning not located:\n{err}"
    );
}

#[test]
fn json_diagnostics_carry_the_same_diagnostics() {
    let human = run(&["convert", "-f", "testdata/seed/compose.yaml"]);
    let json = run(&[
        "convert",
        "-f",
        "testdata/seed/compose.yaml",
        "--diagnostics",
        "json",
    ]);
    assert_eq!(json.status.code(), Some(0));
    assert_eq!(human.stdout, json.stdout);
    let records: Vec<serde_json::Value> = stderr(&json)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let human_err = stderr(&human);
    assert!(!records.is_empty());
    for r in &records {
        let code = r["code"].as_str().unwrap();
        assert!(human_err.contains(code), "{code} not in human output");
        assert!(r["line"].as_u64().unwrap() > 0);
        assert!(r["column"].as_u64().unwrap() > 0);
        assert!(r["file"].as_str().unwrap().ends_with("compose.yaml"));
        assert!(r["byte_start"].as_u64().unwrap() <= r["byte_end"].as_u64().unwrap());
        assert!(r["help"].is_string());
    }
}

#[test]
fn malformed_files_fail_with_a_code_and_exit_1() {
    for (case, code) in [
        ("bad-tab", "C2K1003"),
        ("bad-indentation", "C2K1003"),
        ("bad-unknown-key", "C2K2001"),
        ("bad-ports-type", "C2K2002"),
    ] {
        let path = format!("testdata/{case}/compose.yaml");
        let o = run(&["convert", "-f", &path, "--diagnostics", "json"]);
        assert_eq!(o.status.code(), Some(1), "{case}: {}", stderr(&o));
        assert!(
            o.stdout.is_empty(),
            "{case}: manifests written despite errors"
        );
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{case}: {err}");
        let first: serde_json::Value = serde_json::from_str(err.lines().next().unwrap()).unwrap();
        assert_eq!(first["code"], code, "{case}: {err}");
        assert!(first["line"].as_u64().is_some(), "{case}: not located");
    }
}

#[test]
fn missing_file_is_an_error_not_a_panic() {
    let o = run(&["convert", "-f", "testdata/does-not-exist.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("C2K1001"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["convert", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(run(&["explain", "C2K9999"]).status.code(), Some(2));
}

#[test]
fn explain_prints_the_registry_entry() {
    let o = run(&["explain", "C2K3003"]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("## C2K3003"));
    assert!(text.contains("bind-mount"));
}

#[test]
fn version_names_the_pinned_kubernetes_api() {
    let o = run(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        format!(
            "compose2k8s {} (Kubernetes API 1.33)\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn completions_are_generated_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_compose2k8s()"),
        ("zsh", "#compdef compose2k8s"),
        ("fish", "complete -c compose2k8s"),
    ] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(text.contains(marker), "{shell}: {text}");
        // The subcommands and their flags are in it.
        assert!(
            text.contains("check") && text.contains("diagnostics"),
            "{shell}"
        );
    }
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
    assert_eq!(run(&["completions"]).status.code(), Some(2));
}

#[test]
fn new_commands_reject_unknown_flags_with_exit_2() {
    for args in [
        &["report", "--nope"][..],
        &["report", "--format", "html"],
        &["convert", "--format", "toml"],
        &["convert", "--diagnostics", "xml"],
        &["check", "-o"],
    ] {
        assert_eq!(run(args).status.code(), Some(2), "{args:?}");
    }
}
