#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Byte-stable output is the contract `check` rests on: the same input gives the same bytes on
//! every run, whatever the locale or time zone.

mod support;

use support::{command, TempDir};

const SEED: &str = "testdata/seed/compose.yaml";

fn convert(env: &[(&str, &str)], extra: &[&str]) -> Vec<u8> {
    let mut c = command(std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
    c.args(["convert", "-f", SEED]).args(extra);
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    o.stdout
}

#[test]
fn a_hundred_runs_give_identical_bytes() {
    let first = convert(&[], &[]);
    assert!(!first.is_empty());
    for i in 0..100 {
        assert!(convert(&[], &[]) == first, "run {i} differs");
    }
}

#[test]
fn locale_and_time_zone_do_not_change_the_bytes() {
    let yaml = convert(&[], &[]);
    let json = convert(&[], &["--format", "json"]);
    for env in [
        [("LANG", "C"), ("LC_ALL", "C"), ("TZ", "UTC")],
        [
            ("LANG", "de_DE.UTF-8"),
            ("LC_ALL", "de_DE.UTF-8"),
            ("TZ", "Europe/Berlin"),
        ],
        [
            ("LANG", "tr_TR.UTF-8"),
            ("LC_ALL", "tr_TR.UTF-8"),
            ("TZ", "Asia/Tokyo"),
        ],
        [
            ("LANG", "ja_JP.eucJP"),
            ("LC_ALL", ""),
            ("TZ", "America/St_Johns"),
        ],
    ] {
        assert!(convert(&env, &[]) == yaml, "{env:?}");
        assert!(convert(&env, &["--format", "json"]) == json, "{env:?}");
    }
}

#[test]
fn directory_files_are_identical_across_runs_and_locales() {
    let a = TempDir::seed("det-a");
    let b = TempDir::seed("det-b");
    let o = a.run(&["convert", "-p", "seed", "-o", "out"]);
    assert_eq!(o.status.code(), Some(0));
    let o = command(b.path())
        .env("LANG", "tr_TR.UTF-8")
        .env("LC_ALL", "tr_TR.UTF-8")
        .env("TZ", "Pacific/Chatham")
        .args(["convert", "-p", "seed", "-o", "out"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(a.list("out"), b.list("out"));
    for name in a.list("out") {
        assert_eq!(
            a.read(&format!("out/{name}")),
            b.read(&format!("out/{name}")),
            "{name}"
        );
    }
}
