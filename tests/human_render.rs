#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! The human report shows each diagnostic's lines from a window of the file around its labels
//! (not the whole file, which made many diagnostics on a large file quadratic): the place it
//! names and the lines it quotes must still be the file's own.

mod support;

use serde_json::Value;
use support::{stderr, TempDir};

#[test]
fn places_and_quoted_lines_match_the_file_far_into_it() {
    let t = TempDir::new("human-window");
    let mut text = String::from("# a long file\nservices:\n");
    for i in 0..200 {
        text.push_str(&format!(
            "  svc{i}:\n    image: example/svc{i}:1\n    ports:\n      - \"{}:80\"\n",
            20000 + i
        ));
    }
    t.write("compose.yaml", &text);
    let human = stderr(&t.run(&["convert", "-p", "w"]));
    let json = stderr(&t.run(&["convert", "-p", "w", "--diagnostics", "json"]));
    let places: Vec<String> = json
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            format!("╭─[compose.yaml:{}:{}]", v["line"], v["column"])
        })
        .collect();
    assert!(places.len() >= 200, "{json}");
    let headers: Vec<&str> = human
        .lines()
        .filter_map(|l| l.find("╭─[").map(|i| &l[i..]))
        .collect();
    assert_eq!(headers, places);
    // Every quoted line is the file's line of that number.
    let lines: Vec<&str> = text.lines().collect();
    let mut quoted = 0;
    for l in human.lines() {
        let Some((number, rest)) = l.trim_start().split_once(" │ ") else {
            continue;
        };
        let Ok(n) = number.trim().parse::<usize>() else {
            continue;
        };
        assert_eq!(rest, lines[n - 1], "line {n}");
        quoted += 1;
    }
    assert!(quoted > 800, "{quoted}");
}
