#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::diag::Code;
use crate::source::{FileId, SourceMap};
use std::path::Path;

fn load(text: &str) -> (SourceMap, Parsed) {
    let mut map = SourceMap::new();
    let id = map.add("compose.yaml", Path::new("compose.yaml"), text.to_string());
    let parsed = parse(id, text);
    (map, parsed)
}

fn slice<'a>(map: &'a SourceMap, n: &Node) -> &'a str {
    map.get(n.span.file).unwrap().slice(n.span)
}

#[test]
fn spans_are_bytes_and_end_at_content() {
    let text = "# é ☕\nservices:\n  api:\n    image: \"x:${TAG}\"\n    ports:\n      - 80\n\n";
    let (map, p) = load(text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let doc = &p.documents[0];
    let api = doc.get("services").unwrap().get("api").unwrap();
    assert_eq!(slice(&map, api.get("image").unwrap()), "\"x:${TAG}\"");
    assert_eq!(slice(&map, api.get("ports").unwrap()), "- 80");
    assert_eq!(
        slice(&map, api),
        "image: \"x:${TAG}\"\n    ports:\n      - 80"
    );
    assert_eq!(api.get("image").unwrap().as_str(), Some("x:${TAG}"));
}

#[test]
fn merge_keys_explicit_wins_and_first_source_wins() {
    let text = "a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\nc:\n  <<: [*a, *b]\n  y: 3\n";
    let (map, p) = load(text);
    let c = p.documents[0].get("c").unwrap();
    let got: Vec<(&str, &str)> = c
        .as_map()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str().unwrap(), v.as_str().unwrap()))
        .collect();
    assert_eq!(got, vec![("x", "1"), ("z", "2"), ("y", "3")]);
    // A merged value points at its definition.
    let x = c.get("x").unwrap();
    assert_eq!(map.get(FileId(0)).unwrap().line_col(x.span.start), (1, 11));
}

#[test]
fn alias_records_its_anchor_site() {
    let (_, p) = load("base: &b\n  k: v\nuse: *b\n");
    let used = p.documents[0].get("use").unwrap();
    assert!(used.anchor_at.is_some());
    assert_eq!(used.get("k").unwrap().as_str(), Some("v"));
}

#[test]
fn alias_bomb_is_rejected() {
    let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        text.push_str(&format!(
            "{n}: &{n} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
        prev = n;
    }
    let (_, p) = load(&text);
    assert!(p.documents.is_empty());
    assert_eq!(p.diagnostics[0].code, Code::AliasBudget);
}

#[test]
fn deep_nesting_is_rejected() {
    let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let (_, p) = load(&text);
    assert_eq!(p.diagnostics[0].code, Code::NestingTooDeep);
}

#[test]
fn syntax_errors_are_located() {
    let (map, p) = load("services:\n  api:\n\timage: x\n");
    let d = &p.diagnostics[0];
    assert_eq!(d.code, Code::YamlSyntax);
    let span = d.primary.as_ref().unwrap().span;
    assert_eq!(map.get(span.file).unwrap().line_col(span.start).0, 3);
}

#[test]
fn duplicate_keys_are_errors_with_both_sites() {
    let (_, p) = load("a: 1\nb: 2\na: 3\n");
    let d = &p.diagnostics[0];
    assert_eq!(d.code, Code::DuplicateKey);
    assert_eq!(d.secondary.len(), 1);
}

#[test]
fn tags_and_bom_are_kept() {
    let (map, p) = load("\u{feff}ports: !reset []\n");
    let ports = p.documents[0].get("ports").unwrap();
    assert_eq!(ports.tag.as_deref(), Some("!reset"));
    assert_eq!(slice(&map, ports), "!reset []");
}
