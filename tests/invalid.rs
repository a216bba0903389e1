#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

//! The bad-input corpus: every `testdata/invalid/<case>/compose.yaml` goes through the built
//! binary, which must exit as `testdata/invalid/<case>/expect` says (line 1: the exit code, line
//! 2: the code of the first diagnostic), locate that diagnostic, give it a help, never panic and
//! never hang. The human rendering of each case is snapshotted as `invalid-<case>`.
//!
//! The binary runs with an empty environment, so no variable of the machine leaks into
//! interpolation.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Far above what any case needs (the slowest takes milliseconds); a hang fails instead of
/// blocking the test run.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Codes whose diagnostics have no place in a file to point at.
const UNLOCATED: &[&str] = &[
    "C2K1001", // the file cannot be read
    "C2K1002", // there is no file
    "C2K1005", // the file is refused unread, for its size
];

/// Rendered lines longer than this are cut in snapshots: the 10,000-deep cases put a whole
/// 20-kilobyte line under the report.
const SNAPSHOT_LINE_CHARS: usize = 160;

struct Run {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary from the crate root with a clean environment, killing it after [`TIMEOUT`].
fn run(args: &[&str]) -> Result<Run, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_compose2k8s"))
        .args(args)
        .current_dir(root())
        .env_clear()
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the binary: {e}"))?;
    // Drained on threads: a child blocked on a full pipe would look like a hang.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = thread::spawn(move || {
        let mut buf = Vec::new();
        out.read_to_end(&mut buf).map(|_| buf)
    });
    let err = thread::spawn(move || {
        let mut buf = Vec::new();
        err.read_to_end(&mut buf).map(|_| buf)
    });
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("no exit within {TIMEOUT:?}; killed"));
        }
        thread::sleep(Duration::from_millis(5));
    };
    let stdout = out.join().unwrap().map_err(|e| e.to_string())?;
    let stderr = err.join().unwrap().map_err(|e| e.to_string())?;
    Ok(Run {
        status,
        stdout,
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    })
}

struct Expect {
    exit: i32,
    code: String,
}

fn read_expect(dir: &Path) -> Result<Expect, String> {
    let text = std::fs::read_to_string(dir.join("expect")).map_err(|e| format!("expect: {e}"))?;
    let lines: Vec<&str> = text.lines().collect();
    let [exit, code] = lines.as_slice() else {
        return Err(format!(
            "expect must hold two lines (exit code, first code), found {lines:?}"
        ));
    };
    let exit = exit
        .trim()
        .parse::<i32>()
        .map_err(|_| format!("expect: `{exit}` is not an exit code"))?;
    let code = code.trim().to_string();
    if !(exit == 0 || exit == 1) || !(code.starts_with("C2K") && code.len() == 7) {
        return Err(format!(
            "expect: `{exit}` / `{code}` is not 0|1 and C2Knnnn"
        ));
    }
    Ok(Expect { exit, code })
}

/// The checks on the JSON run: everything a CI consumer of `--diagnostics json` relies on.
fn check_json(run: &Run, expect: &Expect) -> Vec<String> {
    let mut problems = Vec::new();
    if run.stderr.contains("panicked") {
        problems.push(format!("panicked:\n{}", run.stderr));
        return problems;
    }
    if run.status.code() != Some(expect.exit) {
        problems.push(format!(
            "exit {:?}, expected {}:\n{}",
            run.status.code(),
            expect.exit,
            run.stderr
        ));
    }
    if expect.exit == 1 && !run.stdout.is_empty() {
        problems.push("manifests written although the conversion failed".into());
    }
    if expect.exit == 0 && !run.stdout.starts_with(b"---\n") {
        problems.push("exit 0 but no manifests on stdout".into());
    }
    let mut records = Vec::new();
    for line in run.stderr.lines() {
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) => records.push(v),
            Err(e) => problems.push(format!("stderr line is not JSON ({e}): {line}")),
        }
    }
    let Some(first) = records.first() else {
        problems.push("no diagnostic at all".into());
        return problems;
    };
    let code = first["code"].as_str().unwrap_or_default();
    if code != expect.code {
        problems.push(format!(
            "first diagnostic is {code}, expected {}: {}",
            expect.code, first["message"]
        ));
    }
    let located = first["file"].is_string()
        && first["line"].as_u64().is_some_and(|n| n > 0)
        && first["column"].as_u64().is_some_and(|n| n > 0);
    if expect.exit == 1 && !UNLOCATED.contains(&code) && !located {
        problems.push(format!("first diagnostic {code} has no file/line/column"));
    }
    if first["help"].as_str().is_none_or(|h| h.trim().is_empty()) {
        problems.push(format!("first diagnostic {code} has no help"));
    }
    if expect.exit == 1 && !records.iter().any(|r| r["severity"] == "error") {
        problems.push("exit 1 without an error diagnostic".into());
    }
    problems
}

/// The human report as a user sees it, with long lines cut to stay readable.
fn snapshot_text(stderr: &str) -> String {
    // An absolute path would differ between machines, and wrap differently by its length.
    assert!(
        !stderr.contains(&root().display().to_string()),
        "a diagnostic names a file by its absolute path\n{stderr}"
    );
    let mut out = String::new();
    for line in stderr.lines() {
        let chars = line.chars().count();
        if chars > SNAPSHOT_LINE_CHARS {
            let kept: String = line.chars().take(SNAPSHOT_LINE_CHARS).collect();
            out.push_str(&format!(
                "{kept}…[{} more characters]",
                chars - SNAPSHOT_LINE_CHARS
            ));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("testdata/invalid"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("compose.yaml").is_file())
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_invalid_case_fails_as_expected() {
    let cases = cases();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for dir in &cases {
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let file = format!("testdata/invalid/{case}/compose.yaml");
        let expect = match read_expect(dir) {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("{case}: {e}"));
                continue;
            }
        };

        match run(&["convert", "-f", &file, "--diagnostics", "json"]) {
            Ok(json) => failures.extend(
                check_json(&json, &expect)
                    .into_iter()
                    .map(|p| format!("{case} (json): {p}")),
            ),
            Err(e) => failures.push(format!("{case} (json): {e}")),
        }

        let human = match run(&["convert", "-f", &file]) {
            Ok(h) => h,
            Err(e) => {
                failures.push(format!("{case} (human): {e}"));
                continue;
            }
        };
        if human.stderr.contains("panicked") {
            failures.push(format!("{case} (human): panicked:\n{}", human.stderr));
            continue;
        }
        if human.status.code() != Some(expect.exit) {
            failures.push(format!(
                "{case} (human): exit {:?}, expected {}",
                human.status.code(),
                expect.exit
            ));
        }
        let text = snapshot_text(&human.stderr);
        // One mismatching snapshot must not hide the others: each is checked on its own.
        let snapshot = std::panic::catch_unwind(|| {
            settings().bind(|| insta::assert_snapshot!(format!("invalid-{case}"), text));
        });
        if snapshot.is_err() {
            failures.push(format!("{case}: snapshot `invalid-{case}` differs"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The size limit is checked before the file is read; a 9 MB file is generated here rather than
/// committed.
#[test]
fn oversized_file_is_refused() {
    let dir = std::env::temp_dir().join(format!("compose2k8s-invalid-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("compose.yaml");
    let mut text = String::from("services:\n  web:\n    image: nginx\n");
    let padding = "# padding to exceed the size limit of a Compose file\n";
    while text.len() < 9 * 1024 * 1024 {
        text.push_str(padding);
    }
    std::fs::write(&path, &text).unwrap();
    let result = run(&[
        "convert",
        "-f",
        path.to_str().unwrap(),
        "--diagnostics",
        "json",
    ]);
    let _ = std::fs::remove_dir_all(&dir);
    let run = result.unwrap();
    let problems = check_json(
        &run,
        &Expect {
            exit: 1,
            code: "C2K1005".into(),
        },
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

/// A named pipe given as the Compose file must be refused, not waited on: nothing may ever write
/// to it. `compose::load::read` checks the file type before opening; the timeout turns a hang
/// into a failure.
#[cfg(unix)]
#[test]
fn fifo_is_refused_without_waiting() {
    let dir = std::env::temp_dir().join(format!("compose2k8s-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("compose.yaml");
    let made = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success());
    let result = run(&[
        "convert",
        "-f",
        path.to_str().unwrap(),
        "--diagnostics",
        "json",
    ]);
    let _ = std::fs::remove_dir_all(&dir);
    let run = result.unwrap();
    assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stderr.contains("C2K1001"), "{}", run.stderr);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
}
