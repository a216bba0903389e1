#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! `--no-interpolate` on `config`, `convert`, `check` and `report`: values keep `${…}` and `$$`
//! as written, and nothing about variables is reported.

mod support;

use support::{stderr, stdout, TempDir};

const COMPOSE: &str = concat!(
    "services:\n",
    "  web:\n",
    "    image: nginx:${TAG:-1.27}\n",
    "    environment:\n",
    "      GREETING: ${GREETING}\n",
    "      PRICE: \"$$5\"\n",
    "      TOKEN: ${TOKEN:?set TOKEN}\n",
    "      FROM_ENV_FILE: ${FROM_ENV_FILE:-none}\n",
);

fn project(label: &str) -> TempDir {
    let t = TempDir::new(label);
    t.write("compose.yaml", COMPOSE);
    t.write(".env", "FROM_ENV_FILE=dotenv\n");
    t
}

#[test]
fn without_the_flag_the_required_variable_fails() {
    let t = project("interpolate-default");
    for command in ["config", "convert", "report"] {
        let o = t.run(&[command, "-p", "demo"]);
        assert_eq!(o.status.code(), Some(1), "{command}: {}", stderr(&o));
        // `report` lists the errors in the report itself.
        let both = stderr(&o) + &stdout(&o);
        assert!(both.contains("set TOKEN"), "{command}: {both}");
    }
}

#[test]
fn config_prints_the_values_as_written() {
    let t = project("no-interpolate-config");
    let o = t.run(&["config", "-p", "demo", "--no-interpolate"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "image: nginx:${TAG:-1.27}\n",
        "GREETING: ${GREETING}\n",
        "PRICE: $$5\n",
        "TOKEN: ${TOKEN:?set TOKEN}\n",
        "FROM_ENV_FILE: ${FROM_ENV_FILE:-none}\n",
    ] {
        assert!(out.contains(expected), "{expected:?} in:\n{out}");
    }
    // No warning about the unset `GREETING`.
    assert!(!stderr(&o).contains("GREETING"), "{}", stderr(&o));
}

#[test]
fn convert_check_and_report_keep_the_text() {
    let t = project("no-interpolate-convert");
    let o = t.run(&["convert", "-p", "demo", "--no-interpolate"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "image: nginx:${TAG:-1.27}\n",
        "value: ${GREETING}\n",
        "value: $$5\n",
        "value: ${TOKEN:?set TOKEN}\n",
    ] {
        assert!(out.contains(expected), "{expected:?} in:\n{out}");
    }

    let o = t.run(&["convert", "-p", "demo", "--no-interpolate", "-o", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = t.run(&["check", "-p", "demo", "--no-interpolate", "-o", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Interpolated, the project differs from what was written (here: it does not convert).
    let o = t.run(&["check", "-p", "demo", "-o", "out"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));

    let o = t.run(&["report", "-p", "demo", "--no-interpolate"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
