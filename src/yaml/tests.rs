#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

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

#[test]
fn undefined_alias_has_its_code_and_the_nearest_anchor() {
    let (map, p) = load("x: &defaults {a: 1}\ny:\n  <<: *default\n");
    let d = &p.diagnostics[0];
    assert_eq!(d.code, Code::UndefinedAlias);
    let span = d.primary.as_ref().unwrap().span;
    assert_eq!(map.get(span.file).unwrap().slice(span), "*default");
    assert!(d.help.as_deref().unwrap().contains("`*defaults`"), "{d:?}");
}

#[test]
fn an_open_bracket_is_named_in_the_error() {
    let (map, p) = load("a: [1, 2\nb: 3\n");
    let d = &p.diagnostics[0];
    assert_eq!(d.code, Code::YamlSyntax);
    let open = d.secondary[0].span;
    assert_eq!(map.get(open.file).unwrap().line_col(open.start), (1, 4));
    assert!(d.help.as_deref().unwrap().contains("close the `[`"));
}

#[test]
fn an_error_at_the_end_of_the_file_points_at_its_last_character() {
    let text = "a: {b: 1\n\n";
    let (_, p) = load(text);
    let span = p.diagnostics[0].primary.as_ref().unwrap().span;
    assert_eq!(span.start as usize, text.trim_end().len() - 1);
    assert_eq!(span.len(), 1);
}

#[test]
fn control_characters_are_rejected() {
    for c in ['\u{0}', '\u{1}', '\u{1b}', '\u{7f}', '\u{9b}', '\u{ffff}'] {
        let text = format!("image: \"ngi{c}nx\"\n");
        let (map, p) = load(&text);
        assert!(p.documents.is_empty(), "{c:?} accepted");
        let d = &p.diagnostics[0];
        assert_eq!(d.code, Code::YamlSyntax);
        let span = d.primary.as_ref().unwrap().span;
        assert_eq!(map.get(span.file).unwrap().slice(span), c.to_string());
    }
    // Tabs, line breaks, NEL and non-ASCII text are fine.
    let (_, p) = load("a: \"x\ty\"\r\nb: caf\u{e9} \u{85}\n");
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn deep_block_nesting_is_rejected() {
    let text = format!("a:\n  {}x\n", "- ".repeat(10_000));
    let (_, p) = load(&text);
    assert_eq!(p.diagnostics[0].code, Code::NestingTooDeep);
}

#[test]
fn suggestions_count_a_swap_as_one_edit() {
    use super::de::closest;
    assert_eq!(closest("imgae", &["image", "init"]), Some("image"));
    assert_eq!(closest("enviroment", &["environment"]), Some("environment"));
    assert_eq!(closest("ports", &["ports"]), Some("ports"));
    assert_eq!(closest("kubernetes_replicas", &["image", "ports"]), None);
}

#[test]
fn a_key_glued_to_its_value_is_pointed_out() {
    let text = "services:\r\n  web:\r\n    image:nginx\r\n    ports:\r\n      - \"80\"\r\n";
    let (map, p) = load(text);
    let d = &p.diagnostics[0];
    let colon = d.secondary[0].span;
    assert_eq!(map.get(colon.file).unwrap().line_col(colon.start), (3, 10));
    assert!(
        d.help.as_deref().unwrap().contains("`image: nginx`"),
        "{d:?}"
    );
    // A URL is not a glued key.
    let (_, p) = load("x:\n  - http://example.com\n    b: 1\n");
    assert_eq!(p.diagnostics[0].code, Code::YamlSyntax);
    assert!(p.diagnostics[0].secondary.is_empty());
}

#[test]
fn nested_anchors_are_charged_to_the_alias_budget() {
    let mut text = String::from("x:\n");
    for level in 0..100 {
        text.push_str(&format!("  &a{level} {{"));
        for i in 0..12 {
            text.push_str(&format!("k{i}: v, "));
        }
        text.push_str("n:\n");
    }
    text.push_str(&format!("  end{}\n", "}".repeat(100)));
    // Without an alias nothing is copied, however deep the anchors nest.
    let (_, p) = load(&text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    text.push_str("y: *a99\n");
    let (_, p) = load(&text);
    assert_eq!(p.diagnostics[0].code, Code::AliasBudget);
}
