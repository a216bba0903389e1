#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

//! `compose2k8s config` as a user runs it: what it prints, where, and its exit codes; and
//! `--allow-outside-project` on `convert` and `config`.

use std::path::Path;
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_compose2k8s"))
        .args(args)
        .current_dir(root())
        .env_clear()
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn prints_the_loaded_model_on_stdout() {
    let out = run(&["config", "-f", "testdata/extends-chain/compose.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("name: extends-chain\nservices:\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  cli:\n    image: busybox\n    user: root\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("extends:"), "{stdout}");
}

#[test]
fn takes_the_input_flags_of_convert() {
    let out = run(&[
        "config",
        "-f",
        "testdata/config-profiles/compose.yaml",
        "--profile",
        "tools",
        "--services",
        "tools",
        "-p",
        "Renamed",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("name: renamed\n"), "{stdout}");
    assert!(stdout.contains("  tools:"), "{stdout}");
    assert!(!stdout.contains("  app:"), "{stdout}");
}

#[test]
fn errors_go_to_stderr_with_exit_1_and_nothing_on_stdout() {
    let out = run(&[
        "config",
        "-f",
        "testdata/invalid/extends-cycle/compose.yaml",
        "--diagnostics",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let first: serde_json::Value =
        serde_json::from_str(text(&out.stderr).lines().next().unwrap()).unwrap();
    assert_eq!(first["code"], "C2K1026");

    // The typed model's checks run too, as `docker compose config` validates.
    let out = run(&["config", "-f", "testdata/invalid/port-zero/compose.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_required_env_file_fails_config_as_in_compose() {
    // `convert` references a Secret in its place (C2K1037); `config` shows what Compose would
    // run, and Compose refuses the project.
    let case = "testdata/invalid/env-file-missing-required/compose.yaml";
    let out = run(&["config", "-f", case, "--diagnostics", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let first: serde_json::Value =
        serde_json::from_str(text(&out.stderr).lines().next().unwrap()).unwrap();
    assert_eq!(first["code"], "C2K1031");

    let out = run(&["convert", "-f", case]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("C2K1037"));
}

#[test]
fn warnings_do_not_fail_config() {
    let out = run(&[
        "config",
        "-f",
        "testdata/invalid/env-file-optional-missing/compose.yaml",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("C2K1033"));
    assert!(text(&out.stdout).starts_with("name: "));
}

#[test]
fn allow_outside_project_on_convert_and_config() {
    let case = "testdata/include-outside/compose.yaml";
    let dir = "testdata/include-outside/app";
    for command in ["convert", "config"] {
        let refused = run(&[command, "-f", case, "--project-directory", dir]);
        assert_eq!(refused.status.code(), Some(1), "{command}");
        assert!(text(&refused.stderr).contains("C2K1032"), "{command}");
        let allowed = run(&[
            command,
            "-f",
            case,
            "--project-directory",
            dir,
            "--allow-outside-project",
        ]);
        assert_eq!(
            allowed.status.code(),
            Some(0),
            "{command}: {}",
            text(&allowed.stderr)
        );
        assert!(text(&allowed.stdout).contains("proxy"), "{command}");
    }
}
