//! Expected values are written from the Compose specification (12-interpolation.md) and the
//! behaviour compose-go documents in its tests, not from this implementation's output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use indexmap::IndexMap;
use proptest::prelude::*;

use super::*;
use crate::diag::Severity;
use crate::source::{FileId, SourceMap};
use crate::yaml::{parse, Node};

/// `FOO` is set, `EMPTY` is set to the empty string, anything else is unset.
fn vars() -> IndexMap<String, String> {
    [
        ("FOO", "first"),
        ("EMPTY", ""),
        ("JSON", r#"{"json":2}"#),
        ("SECRET", "hunter2"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn ok(text: &str) -> String {
    interpolate(text, &vars()).unwrap().value
}

fn err(text: &str) -> InterpolationError {
    interpolate(text, &vars()).unwrap_err()
}

fn unset_names(text: &str) -> Vec<String> {
    interpolate(text, &vars())
        .unwrap()
        .unset
        .into_iter()
        .map(|u| u.name)
        .collect()
}

fn required(name: &str, message: &str, empty: bool) -> InterpolationErrorKind {
    InterpolationErrorKind::Required {
        name: name.into(),
        message: message.into(),
        empty,
    }
}

#[test]
fn text_without_dollar_is_unchanged() {
    assert_eq!(ok(""), "");
    assert_eq!(ok("nginx:1.27"), "nginx:1.27");
    assert_eq!(ok("{braces} and }"), "{braces} and }");
}

#[test]
fn plain_and_braced_references() {
    assert_eq!(ok("$FOO"), "first");
    assert_eq!(ok("${FOO}"), "first");
    assert_eq!(ok("This $FOO var"), "This first var");
    assert_eq!(ok("This ${FOO} var"), "This first var");
    assert_eq!(ok("a${FOO}b"), "afirstb");
    assert_eq!(ok("$FOO$FOO"), "firstfirst");
}

#[test]
fn unbraced_name_stops_at_first_non_name_character() {
    assert_eq!(ok("$FOO-bar"), "first-bar");
    assert_eq!(ok("$FOO.bar"), "first.bar");
    assert_eq!(ok("$FOO:1"), "first:1");
    // `FOObar` is one (unset) name.
    assert_eq!(ok("$FOObar"), "");
    assert_eq!(unset_names("$FOObar"), ["FOObar"]);
    assert_eq!(unset_names("$_x1_"), ["_x1_"]);
}

#[test]
fn names_are_case_sensitive() {
    assert_eq!(ok("$foo"), "");
    assert_eq!(unset_names("${foo}"), ["foo"]);
}

#[test]
fn unset_without_default_is_empty_and_reported() {
    assert_eq!(ok("This ${missing} var"), "This  var");
    assert_eq!(ok("This $missing var"), "This  var");
    assert_eq!(unset_names("This ${missing} var"), ["missing"]);
}

#[test]
fn set_but_empty_is_not_reported() {
    assert_eq!(ok("This ${EMPTY} var"), "This  var");
    assert!(unset_names("$EMPTY ${EMPTY}").is_empty());
}

#[test]
fn unset_ranges_cover_the_reference() {
    let text = "x $A ${B} ${C:-$D} $FOO";
    let got = interpolate(text, &vars()).unwrap();
    let ranges: Vec<(&str, &str)> = got
        .unset
        .iter()
        .map(|u| (u.name.as_str(), &text[u.range.clone()]))
        .collect();
    assert_eq!(ranges, [("A", "$A"), ("B", "${B}"), ("D", "$D")]);
    assert_eq!(got.value, "x    first");
}

#[test]
fn default_if_unset_or_empty() {
    assert_eq!(ok("ok ${FOO:-def}"), "ok first");
    assert_eq!(ok("ok ${EMPTY:-def}"), "ok def");
    assert_eq!(ok("ok ${missing:-def}"), "ok def");
    assert!(unset_names("${missing:-def}").is_empty());
}

#[test]
fn default_if_unset_only() {
    assert_eq!(ok("ok ${FOO-def}"), "ok first");
    // The only difference from `:-`: empty counts as set.
    assert_eq!(ok("ok ${EMPTY-def}"), "ok ");
    assert_eq!(ok("ok ${missing-def}"), "ok def");
    assert!(unset_names("${missing-def}").is_empty());
}

#[test]
fn empty_defaults() {
    assert_eq!(ok("[${missing:-}]"), "[]");
    assert_eq!(ok("[${missing-}]"), "[]");
    assert!(unset_names("${missing:-}").is_empty());
}

#[test]
fn required_non_empty() {
    assert_eq!(ok("ok ${FOO:?err}"), "ok first");
    let text = "not ok ${EMPTY:?Mandatory Variable Empty} after";
    let e = err(text);
    assert_eq!(e.kind, required("EMPTY", "Mandatory Variable Empty", true));
    assert_eq!(&text[e.range], "${EMPTY:?Mandatory Variable Empty}");
    let e = err("not ok ${missing:?Mandatory Variable Unset}");
    assert_eq!(
        e.kind,
        required("missing", "Mandatory Variable Unset", false)
    );
    assert_eq!(
        e.kind.to_string(),
        "required variable `missing` is missing a value: Mandatory Variable Unset"
    );
    let e = err("${missing:?}");
    assert_eq!(e.kind, required("missing", "", false));
    assert_eq!(
        e.kind.to_string(),
        "required variable `missing` is missing a value"
    );
}

#[test]
fn required_set() {
    assert_eq!(ok("ok ${FOO?err}"), "ok first");
    // Empty is set, which is all `?` asks.
    assert_eq!(ok("ok ${EMPTY?err}"), "ok ");
    let e = err("${missing?Mandatory Variable Unset}");
    assert_eq!(
        e.kind,
        required("missing", "Mandatory Variable Unset", false)
    );
    assert_eq!(e.range, 0..35);
    assert_eq!(err("${missing?}").kind, required("missing", "", false));
}

#[test]
fn required_message_is_kept_as_written() {
    // Interpolating the message could show another variable's value in a diagnostic.
    let e = err("${missing:?need $FOO and $SECRET}");
    assert_eq!(e.kind, required("missing", "need $FOO and $SECRET", false));
    assert!(!e.to_string().contains("hunter2"));
}

#[test]
fn alternative_if_non_empty() {
    assert_eq!(ok("ok ${FOO:+presence_value}"), "ok presence_value");
    assert_eq!(ok("ok ${EMPTY:+presence_value}"), "ok ");
    assert_eq!(ok("ok ${missing:+presence_value}"), "ok ");
    // The operator states that unset is expected: no warning.
    assert!(unset_names("${missing:+x}").is_empty());
}

#[test]
fn alternative_if_set() {
    assert_eq!(ok("ok ${FOO+presence_value}"), "ok presence_value");
    assert_eq!(ok("ok ${EMPTY+presence_value}"), "ok presence_value");
    assert_eq!(ok("ok ${missing+presence_value}"), "ok ");
    assert!(unset_names("${missing+x}").is_empty());
}

#[test]
fn nested_defaults() {
    assert_eq!(ok("ok ${missing-$FOO}"), "ok first");
    assert_eq!(ok("ok ${missing-${FOO}}"), "ok first");
    assert_eq!(ok("ok ${missing-${FOO} ${FOO}}"), "ok first first");
    assert_eq!(ok("ok ${EMPTY:-$FOO}"), "ok first");
    assert_eq!(ok("ok ${EMPTY:-${FOO}}"), "ok first");
    assert_eq!(ok("${A:-${B:-c}}"), "c");
    assert_eq!(ok("${A:-${FOO:-c}}"), "first");
    assert_eq!(ok("${FOO:-${B:-c}}"), "first");
    assert_eq!(ok("ok ${EMPTY+$FOO ${FOO:+second}}"), "ok first second");
    assert_eq!(ok("+ok ${missing:-${EMPTY-defaultValue}}"), "+ok ");
}

#[test]
fn unset_inside_a_used_default_is_reported_with_its_range() {
    let text = "${A:-x${B}y}";
    let got = interpolate(text, &vars()).unwrap();
    assert_eq!(got.value, "xy");
    assert_eq!(got.unset.len(), 1);
    assert_eq!(got.unset[0].name, "B");
    assert_eq!(&text[got.unset[0].range.clone()], "${B}");
}

#[test]
fn unset_inside_an_unused_default_is_not_reported() {
    assert_eq!(ok("${FOO:-$missing}"), "first");
    assert!(unset_names("${FOO:-$missing}").is_empty());
    assert!(unset_names("${missing:+$other}").is_empty());
}

#[test]
fn unused_arguments_are_still_checked() {
    // compose-go interpolates the argument before deciding whether it is used.
    assert_eq!(
        err("${FOO:-${missing:?boom}}").kind,
        required("missing", "boom", false)
    );
    assert_eq!(err("${FOO:-${}}").kind, InterpolationErrorKind::InvalidName);
}

#[test]
fn operator_is_the_one_right_after_the_name() {
    assert_eq!(ok("${missing-myerror?msg}"), "myerror?msg");
    assert_eq!(ok("${FOO?bar-baz}"), "first");
    assert_eq!(
        err("${missing?bar-baz}").kind,
        required("missing", "bar-baz", false)
    );
    assert_eq!(
        ok("ok ${EMPTY:-/non:-alphanumeric}"),
        "ok /non:-alphanumeric"
    );
    assert_eq!(ok("${missing:-a:?b}"), "a:?b");
}

#[test]
fn text_around_does_not_change_the_operator() {
    assert_eq!(ok("-ok ${EMPTY:-defaultValue}"), "-ok defaultValue");
    assert_eq!(ok(":-ok ${missing-defaultValue}"), ":-ok defaultValue");
    assert_eq!(ok(":-ok ${EMPTY-defaultValue}"), ":-ok ");
    assert_eq!(ok(":?ok ${EMPTY:-defaultValue}"), ":?ok defaultValue");
    assert_eq!(ok("?ok ${EMPTY:-defaultValue}"), "?ok defaultValue");
}

#[test]
fn braces_inside_defaults_are_balanced() {
    assert_eq!(ok(r#"ok ${missing:-{"json":1}}"#), r#"ok {"json":1}"#);
    assert_eq!(ok(r#"ok ${missing-{"json":1}}"#), r#"ok {"json":1}"#);
    assert_eq!(ok(r#"ok ${JSON:-{"json":1}}"#), r#"ok {"json":2}"#);
    // A `}` after the reference is plain text.
    assert_eq!(ok("${missing:-x}}"), "x}");
    assert_eq!(ok("${FOO}}"), "first}");
}

#[test]
fn double_dollar_is_a_literal_dollar() {
    assert_eq!(ok("$$"), "$");
    assert_eq!(ok("$${foo}"), "${foo}");
    assert_eq!(
        ok("$$VAR_NOT_INTERPOLATED_BY_COMPOSE"),
        "$VAR_NOT_INTERPOLATED_BY_COMPOSE"
    );
    assert_eq!(ok("$$$FOO"), "$first");
    assert_eq!(ok("$$$$"), "$$");
    assert_eq!(ok("${missing:-$$}"), "$");
    assert!(unset_names("$${foo} $$bar").is_empty());
}

#[test]
fn dollar_not_starting_a_reference_is_kept() {
    for text in [
        "a $ string",
        "^REGEX$",
        "$}",
        "$",
        "$1",
        "$-x",
        "5$ each",
        "$.",
        "$é",
        "$ {FOO}",
    ] {
        assert_eq!(ok(text), text, "{text:?}");
    }
    assert_eq!(ok("$1$FOO"), "$1first");
}

#[test]
fn invalid_braced_references() {
    for (text, kind) in [
        ("${}", InterpolationErrorKind::InvalidName),
        ("${ }", InterpolationErrorKind::InvalidName),
        ("${ foo}", InterpolationErrorKind::InvalidName),
        ("${1}", InterpolationErrorKind::InvalidName),
        ("${#foo}", InterpolationErrorKind::InvalidName),
        (
            "${foo }",
            InterpolationErrorKind::InvalidOperator { name: "foo".into() },
        ),
        (
            "${foo!}",
            InterpolationErrorKind::InvalidOperator { name: "foo".into() },
        ),
        (
            "${foo/a/b}",
            InterpolationErrorKind::InvalidOperator { name: "foo".into() },
        ),
        (
            "${foo:x}",
            InterpolationErrorKind::InvalidOperator { name: "foo".into() },
        ),
        (
            "${foo.bar}",
            InterpolationErrorKind::InvalidOperator { name: "foo".into() },
        ),
    ] {
        let e = err(text);
        assert_eq!(e.kind, kind, "{text:?}");
        assert_eq!(e.range, 0..text.len(), "{text:?}");
    }
}

#[test]
fn invalid_reference_range_is_inside_the_text() {
    let text = "pre ${ x} post";
    let e = err(text);
    assert_eq!(&text[e.range], "${ x}");
}

#[test]
fn unterminated() {
    let e = err("${");
    assert_eq!(e.kind, InterpolationErrorKind::Unterminated);
    assert_eq!(e.range, 0..2);
    let text = "ab ${FOO and more";
    let e = err(text);
    assert_eq!(e.kind, InterpolationErrorKind::Unterminated);
    assert_eq!(&text[e.range], "${FOO and more");
    assert_eq!(
        err("${missing:-${FOO}").kind,
        InterpolationErrorKind::Unterminated
    );
}

#[test]
fn closing_brace_must_be_on_the_same_line() {
    let text = "${A:-x\n}";
    let e = err(text);
    assert_eq!(e.kind, InterpolationErrorKind::Unterminated);
    assert_eq!(&text[e.range], "${A:-x");
    // References on separate lines of one value are fine.
    assert_eq!(ok("${FOO}\n$FOO\n"), "first\nfirst\n");
}

#[test]
fn first_error_wins() {
    assert_eq!(
        err("${} ${missing:?x}").kind,
        InterpolationErrorKind::InvalidName
    );
    assert_eq!(
        err("${missing:?x} ${}").kind,
        required("missing", "x", false)
    );
}

fn nested(levels: usize) -> String {
    let mut s = "x".to_string();
    for _ in 0..levels {
        s = format!("${{missing:-{s}}}");
    }
    s
}

#[test]
fn nesting_is_limited() {
    assert_eq!(ok(&nested(MAX_NESTING)), "x");
    let e = err(&nested(MAX_NESTING + 1));
    assert_eq!(e.kind, InterpolationErrorKind::TooDeep);
    // Far deeper than the limit still fails cleanly rather than overflowing the stack.
    assert_eq!(err(&nested(2_000)).kind, InterpolationErrorKind::TooDeep);
}

#[test]
fn non_ascii_text_is_preserved() {
    assert_eq!(ok("héllo $FOO ☕ ${missing:-ü}"), "héllo first ☕ ü");
    let text = "é${missing}";
    let got = interpolate(text, &vars()).unwrap();
    assert_eq!(&text[got.unset[0].range.clone()], "${missing}");
}

#[test]
fn lookup_implementations_agree() {
    let hash: HashMap<String, String> = vars().into_iter().collect();
    let btree: BTreeMap<String, String> = vars().into_iter().collect();
    let text = "${FOO}-${EMPTY:-e}-${missing-u}";
    let expected = "first-e-u";
    assert_eq!(interpolate(text, &hash).unwrap().value, expected);
    assert_eq!(interpolate(text, &btree).unwrap().value, expected);
    assert_eq!(interpolate(text, &vars()).unwrap().value, expected);
    assert_eq!(interpolate(text, &&vars()).unwrap().value, expected);
    assert_eq!(interpolate("${FOO}", &NoVars).unwrap().value, "");
}

// --- the tree pass ---

fn load(text: &str) -> (SourceMap, Node) {
    let mut map = SourceMap::new();
    let id = map.add("compose.yaml", Path::new("compose.yaml"), text.to_string());
    let mut parsed = parse(id, text);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let doc = parsed.documents.remove(0);
    (map, doc)
}

/// An interpolation budget that never runs out.
fn unbounded() -> usize {
    usize::MAX
}

/// Interpolates a whole document with `budget` bytes to add.
fn run_with_budget(text: &str, budget: &mut usize) -> (SourceMap, Node, Vec<Diagnostic>) {
    let (map, mut doc) = load(text);
    let mut diags = Vec::new();
    interpolate_node(
        &mut doc,
        &vars(),
        &map,
        &mut diags,
        &mut BTreeMap::new(),
        budget,
    );
    (map, doc, diags)
}

fn run(text: &str) -> (SourceMap, Node, Vec<Diagnostic>) {
    run_with_budget(text, &mut unbounded())
}

fn labelled<'a>(map: &'a SourceMap, d: &Diagnostic) -> &'a str {
    let span = d.primary.as_ref().unwrap().span;
    map.get(span.file).unwrap().slice(span)
}

#[test]
fn tree_values_are_interpolated_keys_are_not() {
    let text = "\
services:
  web:
    image: \"nginx:${FOO}\"
    labels:
      \"$FOO\": \"${FOO}\"
    command: [echo, $$HOME, '${EMPTY:-x}']
    environment:
      - A=$FOO
";
    let (_, doc, diags) = run(text);
    assert!(diags.is_empty(), "{diags:?}");
    let web = doc.get("services").unwrap().get("web").unwrap();
    assert_eq!(web.get("image").unwrap().as_str(), Some("nginx:first"));
    let labels = web.get("labels").unwrap().as_map().unwrap();
    assert_eq!(labels[0].0.as_str(), Some("$FOO"));
    assert_eq!(labels[0].1.as_str(), Some("first"));
    let command: Vec<&str> = web
        .get("command")
        .unwrap()
        .as_seq()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(command, ["echo", "$HOME", "x"]);
    let env = web.get("environment").unwrap().as_seq().unwrap();
    assert_eq!(env[0].as_str(), Some("A=first"));
}

#[test]
fn unset_warning_points_inside_a_plain_scalar() {
    let text = "image: nginx:${TAG}-alpine\n";
    let (map, doc, diags) = run(text);
    assert_eq!(doc.get("image").unwrap().as_str(), Some("nginx:-alpine"));
    assert_eq!(diags.len(), 1);
    let d = &diags[0];
    assert_eq!(d.code, Code::UnsetVariable);
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.message,
        "variable `TAG` is not set, using an empty string"
    );
    assert_eq!(labelled(&map, d), "${TAG}");
    assert!(d.help.as_deref().unwrap().contains("${TAG:-default}"));
}

#[test]
fn quoted_and_block_scalars_point_at_the_whole_scalar() {
    let text = "a: \"x ${TAG}\"\nb: |\n  line $OTHER\n";
    let (map, _, diags) = run(text);
    let mut labels: Vec<&str> = diags.iter().map(|d| labelled(&map, d)).collect();
    labels.sort_unstable();
    // The block scalar's span is its content, but its text ends with the kept line break.
    assert_eq!(labels, ["\"x ${TAG}\"", "line $OTHER"]);
}

#[test]
fn multi_line_plain_scalars_point_at_the_whole_scalar() {
    // Folding turns the line break into a space, so offsets no longer match the source.
    let text = "a: one\n  two $TAG\n";
    let (map, doc, diags) = run(text);
    assert_eq!(doc.get("a").unwrap().as_str(), Some("one two "));
    assert_eq!(diags.len(), 1);
    assert_eq!(labelled(&map, &diags[0]), "one\n  two $TAG");
}

#[test]
fn anchored_and_aliased_scalars_point_at_the_whole_node() {
    // The anchor's span includes `&x `, and the alias's is `*x`: neither maps onto the text.
    let text = "a: &x pre$TAG\nb: *x\n";
    let (map, _, diags) = run(text);
    let mut labels: Vec<&str> = diags.iter().map(|d| labelled(&map, d)).collect();
    labels.sort_unstable();
    assert_eq!(labels, ["&x pre$TAG", "*x"]);
}

#[test]
fn required_and_invalid_become_errors_and_keep_the_text() {
    let text = "a: ${DB_PASSWORD:?set the password}\nb: x${\nc: ${EMPTY:?}\n";
    let (map, doc, diags) = run(text);
    assert_eq!(diags.len(), 3);
    let by_code = |code| diags.iter().filter(move |d| d.code == code);
    let req: Vec<&Diagnostic> = by_code(Code::RequiredVariable).collect();
    assert_eq!(req.len(), 2);
    assert!(req.iter().all(|d| d.severity == Severity::Error));
    let password = req
        .iter()
        .find(|d| d.message.contains("DB_PASSWORD"))
        .unwrap();
    assert_eq!(
        password.message,
        "required variable `DB_PASSWORD` is missing a value: set the password"
    );
    assert_eq!(labelled(&map, password), "${DB_PASSWORD:?set the password}");
    let empty = req.iter().find(|d| d.message.contains("EMPTY")).unwrap();
    assert!(empty.primary.as_ref().unwrap().text.contains("empty"));
    let invalid: Vec<&Diagnostic> = by_code(Code::InvalidInterpolation).collect();
    assert_eq!(invalid.len(), 1);
    assert_eq!(labelled(&map, invalid[0]), "${");
    assert_eq!(doc.get("b").unwrap().as_str(), Some("x${"));
}

#[test]
fn diagnostics_never_show_values() {
    let text = "a: ${SECRET:-x}${SECRET:+y}$SECRET ${SECRET:?}${NOPE}\nb: ${SECRET/a/b}\nc: ${NOPE:?$SECRET}\n";
    let (_, _, diags) = run(text);
    assert!(!diags.is_empty());
    for d in &diags {
        let all = format!("{} {:?} {:?}", d.message, d.primary, d.help);
        assert!(!all.contains("hunter2"), "{all}");
    }
}

#[test]
fn empty_result_stays_a_string_not_null() {
    let text = "a: ${EMPTY}\nb: ${missing:-null}\nc: ~\nd: ${FOO}\n";
    let (_, doc, _) = run(text);
    let a = doc.get("a").unwrap();
    assert_eq!(a.as_str(), Some(""));
    assert!(!a.is_null());
    assert!(!doc.get("b").unwrap().is_null());
    assert!(doc.get("c").unwrap().is_null());
    assert_eq!(doc.get("c").unwrap().tag, None);
    assert_eq!(doc.get("d").unwrap().tag, None);
}

#[test]
fn tree_pass_handles_deep_trees() {
    // Deeper than any recursion budget a tree walk would get from the test thread's stack if it
    // recursed per level in debug builds; the YAML parser caps depth, so build the tree directly.
    let file = FileId(0);
    let span = Span::new(file, 0, 0);
    let mut node = Node::scalar("$FOO", span);
    for _ in 0..100_000 {
        node = Node {
            kind: NodeKind::Seq(vec![node]),
            span,
            tag: None,
            anchor_at: None,
        };
    }
    let mut diags = Vec::new();
    interpolate_node(
        &mut node,
        &vars(),
        &SourceMap::new(),
        &mut diags,
        &mut BTreeMap::new(),
        &mut unbounded(),
    );
    assert!(diags.is_empty());
    let mut cur = &node;
    while let Some(items) = cur.as_seq() {
        cur = &items[0];
    }
    assert_eq!(cur.as_str(), Some("first"));
    // Dropping a 100 000-deep tree recurses in the compiler's drop glue; unwind it by hand.
    let mut stack = vec![node];
    while let Some(mut n) = stack.pop() {
        if let NodeKind::Seq(items) = &mut n.kind {
            stack.append(items);
        }
    }
}

// --- properties ---

fn escape(s: &str) -> String {
    s.replace('$', "$$")
}

proptest! {
    #[test]
    fn never_panics(text in any::<String>()) {
        let _ = interpolate(&text, &vars());
    }

    #[test]
    fn never_panics_on_dollar_heavy_text(text in "[$\\{\\}:?+\\-A-Z_a-z0-9 \n]{0,64}") {
        let _ = interpolate(&text, &vars());
    }

    #[test]
    fn text_without_dollar_is_returned_unchanged(text in "[^$]*") {
        let got = interpolate(&text, &vars()).unwrap();
        prop_assert_eq!(got.value, text);
        prop_assert!(got.unset.is_empty());
    }

    #[test]
    fn escaped_text_round_trips(text in any::<String>()) {
        let got = interpolate(&escape(&text), &vars()).unwrap();
        prop_assert_eq!(got.value, text);
        prop_assert!(got.unset.is_empty());
    }

    #[test]
    fn ranges_are_char_boundaries_within_the_text(text in "[$\\{\\}:?+\\-A-Z_a-zé☕ ]{0,48}") {
        match interpolate(&text, &vars()) {
            Ok(got) => {
                for u in got.unset {
                    prop_assert!(text.get(u.range.clone()).is_some());
                    prop_assert!(text[u.range].starts_with('$'));
                }
            }
            Err(e) => {
                prop_assert!(text.get(e.range.clone()).is_some());
                let starts = text[e.range].starts_with("${");
                prop_assert!(starts);
            }
        }
    }
}

#[test]
fn says_whether_a_set_variable_went_into_the_value() {
    let from = |text: &str| interpolate(text, &vars()).unwrap().variables;
    assert_eq!(from("${FOO}"), ["FOO"]);
    assert_eq!(from("$FOO"), ["FOO"]);
    assert_eq!(from("x-${FOO:-d}-$SECRET"), ["FOO", "SECRET"]);
    assert_eq!(
        from("${EMPTY-d}"),
        ["EMPTY"],
        "set to empty, and `-` keeps it"
    );
    assert_eq!(
        from("${NOPE:-${FOO}}"),
        ["FOO"],
        "the default took a set variable"
    );
    // Only the text: no variable, an unset one, a default, an alternative.
    for text in [
        "plain",
        "$$FOO",
        "${NOPE}",
        "${NOPE:-default}",
        "${EMPTY:-default}",
        "${FOO:+alternative}",
    ] {
        assert!(from(text).is_empty(), "{text}");
    }
}

#[test]
fn records_the_scalars_that_took_a_set_variable() {
    let (map, mut doc) = load("a: ${SECRET}\nb: ${NOPE:-text}\nc: plain\n");
    let mut diags = Vec::new();
    let mut from = BTreeMap::new();
    interpolate_node(
        &mut doc,
        &vars(),
        &map,
        &mut diags,
        &mut from,
        &mut unbounded(),
    );
    let texts: Vec<(&str, crate::compose::ast::FromOutside)> = from
        .iter()
        .map(|(s, f)| (map.get(s.file).unwrap().slice(*s), f.clone()))
        .collect();
    assert_eq!(
        texts,
        [(
            "${SECRET}",
            crate::compose::ast::FromOutside::whole("SECRET")
        )]
    );
}

#[test]
fn a_value_is_a_variable_whole_only_when_it_is_one_reference() {
    let whole = |text: &str| {
        let done = interpolate(text, &vars()).unwrap();
        whole_variable(text, text.starts_with("DB_"), &done, &vars())
    };
    assert_eq!(whole("${SECRET}").as_deref(), Some("SECRET"));
    assert_eq!(whole("$SECRET").as_deref(), Some("SECRET"));
    assert_eq!(whole("${SECRET:-x}").as_deref(), Some("SECRET"));
    assert_eq!(
        whole("DB_PASSWORD=${SECRET}").as_deref(),
        Some("SECRET"),
        "a list-form entry"
    );
    assert_eq!(whole("u:${SECRET}@db"), None);
    // A mapping value is never `NAME=…`: `a=` is part of it.
    assert_eq!(whole("a=${SECRET}"), None);
    let item = |text: &str| {
        let done = interpolate(text, &vars()).unwrap();
        whole_variable(text, true, &done, &vars())
    };
    // `- ${ENTRY}` with ENTRY=`NAME=value`: the variable is the whole entry, not the value.
    assert_eq!(item("${SECRET}"), None);
    assert_eq!(item("K=${SECRET}").as_deref(), Some("SECRET"));
    assert_eq!(whole("${FOO}${SECRET}"), None);
    assert_eq!(whole("${NOPE:-${SECRET}}-x"), None);
}

#[test]
fn a_value_cannot_grow_past_the_bound() {
    let big = "x".repeat(600 * 1024);
    let vars: IndexMap<String, String> = [("BIG".to_string(), big)].into_iter().collect();
    assert!(interpolate("${BIG}", &vars).is_ok());
    let e = interpolate("a ${BIG} b $BIG", &vars).unwrap_err();
    assert_eq!(e.kind, InterpolationErrorKind::TooLong);
    assert_eq!(e.range, 11..15, "the reference that overflows");
    let e = interpolate("${NOPE:-${BIG}${BIG}}", &vars).unwrap_err();
    assert_eq!(e.kind, InterpolationErrorKind::TooLong);
}

#[test]
fn the_project_budget_stops_a_long_value_used_everywhere() {
    let text: String = std::iter::once("a:\n".to_string())
        .chain((0..40).map(|_| "  - ${JSON}\n".to_string()))
        .collect();
    let mut budget = 100;
    let (_, _, diags) = run_with_budget(&text, &mut budget);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(diags[0].is_error());
    assert!(budget < 100);
}
