//! Expected values are written from the env_file section of the Compose specification
//! (05-services.md) and the cases compose-go's dotenv tests pin down, not from this parser's output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use indexmap::IndexMap;
use proptest::prelude::*;

use super::*;
use crate::compose::load::interpolate::NoVars;

fn env(pairs: &[(&str, &str)]) -> IndexMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Name → value of every entry, in file order.
fn parse(text: &str) -> Vec<(String, Option<String>)> {
    parse_with(text, &NoVars)
}

fn parse_with(text: &str, lookup: &dyn Lookup) -> Vec<(String, Option<String>)> {
    parse_dotenv(text, lookup)
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
        .into_iter()
        .map(|e| (e.name, e.value))
        .collect()
}

/// The single entry `text` defines.
fn one(text: &str) -> (String, String) {
    let entries = parse(text);
    assert_eq!(entries.len(), 1, "{text:?}: {entries:?}");
    let (name, value) = entries.into_iter().next().unwrap();
    (name, value.unwrap())
}

fn value(text: &str) -> String {
    one(text).1
}

fn error(text: &str) -> DotenvError {
    parse_dotenv(text, &NoVars).unwrap_err()
}

fn pairs(list: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
        .collect()
}

#[test]
fn spec_examples_values() {
    assert_eq!(one("VAR=VAL"), ("VAR".into(), "VAL".into()));
    assert_eq!(value("VAR=\"VAL\""), "VAL");
    assert_eq!(value("VAR='VAL'"), "VAL");
}

#[test]
fn spec_examples_inline_comments() {
    assert_eq!(value("VAR=VAL # comment"), "VAL");
    assert_eq!(value("VAR=VAL# not a comment"), "VAL# not a comment");
    assert_eq!(value("VAR=\"VAL # not a comment\""), "VAL # not a comment");
    assert_eq!(value("VAR=\"VAL\" # comment"), "VAL");
    assert_eq!(value("VAR='VAL' # comment"), "VAL");
}

#[test]
fn spec_examples_single_quotes_are_literal() {
    let lookup = env(&[("OTHER", "x")]);
    assert_eq!(
        parse_with("VAR='$OTHER'", &lookup),
        pairs(&[("VAR", Some("$OTHER"))])
    );
    assert_eq!(
        parse_with("VAR='${OTHER}'", &lookup),
        pairs(&[("VAR", Some("${OTHER}"))])
    );
}

#[test]
fn spec_examples_escaped_quotes() {
    assert_eq!(value(r"VAR='Let\'s go!'"), "Let's go!");
    assert_eq!(
        value(r#"VAR="{\"hello\": \"json\"}""#),
        r#"{"hello": "json"}"#
    );
}

#[test]
fn spec_examples_escape_sequences() {
    assert_eq!(value(r#"VAR="some\tvalue""#), "some\tvalue");
    assert_eq!(value(r"VAR='some\tvalue'"), r"some\tvalue");
    assert_eq!(value(r"VAR=some\tvalue"), r"some\tvalue");
}

#[test]
fn spec_empty_value_and_no_value() {
    assert_eq!(parse("VAR="), pairs(&[("VAR", Some(""))]));
    assert_eq!(
        parse("VAR=\nB=1"),
        pairs(&[("VAR", Some("")), ("B", Some("1"))])
    );
    assert_eq!(parse("VAR"), pairs(&[("VAR", None)]));
    assert_eq!(
        parse("VAR\nB=1\n"),
        pairs(&[("VAR", None), ("B", Some("1"))])
    );
}

#[test]
fn name_alone_takes_the_value_from_the_environment() {
    let lookup = env(&[("VAR", "from env"), ("EMPTY", "")]);
    assert_eq!(
        parse_with("VAR\nEMPTY\nNOPE\nexport VAR\n", &lookup),
        pairs(&[
            ("VAR", Some("from env")),
            ("EMPTY", Some("")),
            ("NOPE", None),
            ("VAR", Some("from env")),
        ])
    );
}

#[test]
fn comments_and_blank_lines() {
    let text = "\n\r\n\t\t \n# Comment\n\t # comment\nA=1\n\n#B=2\n   \nC=3 # three\n";
    assert_eq!(parse(text), pairs(&[("A", Some("1")), ("C", Some("3"))]));
    assert!(parse("").is_empty());
    assert!(parse("# only a comment").is_empty());
}

#[test]
fn inline_comment_needs_a_space_before_it() {
    assert_eq!(value("A=b\t#c"), "b\t#c");
    assert_eq!(value("A=b #c #d"), "b");
    assert_eq!(value("URL=http://x/#frag"), "http://x/#frag");
    // The blanks after `=` are dropped before the ` #` search, so a value that starts with `#`
    // is the value, as in compose-go.
    assert_eq!(value("A= # not a comment"), "# not a comment");
    assert_eq!(value("A=#x"), "#x");
}

#[test]
fn blanks_around_names_and_values() {
    assert_eq!(one("FOO =bar"), ("FOO".into(), "bar".into()));
    assert_eq!(value("FOO= bar"), "bar");
    assert_eq!(value("FOO=bar "), "bar");
    assert_eq!(value("FOO=  bar  baz  "), "bar  baz");
    assert_eq!(one(" KEY =value"), ("KEY".into(), "value".into()));
    assert_eq!(one("   KEY=value"), ("KEY".into(), "value".into()));
    assert_eq!(one("\tKEY=value"), ("KEY".into(), "value".into()));
}

#[test]
fn quotes_inside_values() {
    assert_eq!(value(r#"FOO="escaped\"bar""#), r#"escaped"bar"#);
    assert_eq!(value(r#"FOO="'d'""#), "'d'");
    assert_eq!(value(r#"FOO='"d"'"#), r#""d""#);
    assert_eq!(value(r#"FOO=a"b'c"#), r#"a"b'c"#);
    assert_eq!(value(r#"FOO="ba#r""#), "ba#r");
    assert_eq!(value("FOO='ba#r'"), "ba#r");
    assert_eq!(value(r#"FOO="bar#baz#bang" # comment"#), "bar#baz#bang");
    assert_eq!(value(r#"FOO="""#), "");
    assert_eq!(value("FOO=''"), "");
}

#[test]
fn yaml_style_and_equals_signs() {
    assert_eq!(one("OPTION_A: 1"), ("OPTION_A".into(), "1".into()));
    assert_eq!(value("OPTION_A: Foo=bar"), "Foo=bar");
    assert_eq!(value("OPTION_A=1:B"), "1:B");
    assert_eq!(value("FOO=foobar="), "foobar=");
    assert_eq!(
        value("OPTION_A=postgres://localhost:5432/database?sslmode=disable"),
        "postgres://localhost:5432/database?sslmode=disable"
    );
}

#[test]
fn export_prefix() {
    for (text, name, val) in [
        ("export OPTION_A=2", "OPTION_A", "2"),
        ("export exportFoo=2", "exportFoo", "2"),
        ("exportFOO=2", "exportFOO", "2"),
        ("export_FOO =2", "export_FOO", "2"),
        ("export.FOO= 2", "export.FOO", "2"),
        ("export\tOPTION_A=2", "OPTION_A", "2"),
        ("  export OPTION_A=2", "OPTION_A", "2"),
        ("\texport OPTION_A=2", "OPTION_A", "2"),
        ("export=1", "export", "1"),
    ] {
        assert_eq!(one(text), (name.into(), val.into()), "{text:?}");
    }
    assert_eq!(value(r"export OPTION_B='\n'"), r"\n");
}

#[test]
fn bare_export_is_ignored() {
    assert_eq!(
        parse("export\nA=1\nexport   \n"),
        pairs(&[("A", Some("1"))])
    );
    assert!(parse("export").is_empty());
}

#[test]
fn name_characters() {
    assert_eq!(one("FOO.BAR=foobar").0, "FOO.BAR");
    assert_eq!(one("a-b[0]=1").0, "a-b[0]");
    assert_eq!(one("1ABC=1").0, "1ABC");
    assert_eq!(one("ÉTÉ=1").0, "ÉTÉ");
}

#[test]
fn double_quoted_values_span_lines() {
    let text = "A=\"first line\nsecond line\nthird line\"\nB=2\n";
    assert_eq!(
        parse(text),
        pairs(&[
            ("A", Some("first line\nsecond line\nthird line")),
            ("B", Some("2"))
        ])
    );
    let urls = "TEST_URLS=\"stratum+tcp://a:3333\nstratum+tcp://b:443\"";
    assert_eq!(value(urls), "stratum+tcp://a:3333\nstratum+tcp://b:443");
    assert_eq!(value("A='x\ny'"), "x\ny");
}

#[test]
fn double_quoted_escapes() {
    assert_eq!(value(r#"FOO="bar\nbaz""#), "bar\nbaz");
    assert_eq!(value(r#"A="\r\t\\""#), "\r\t\\");
    assert_eq!(value(r#"A="\a\b\f\v""#), "\u{7}\u{8}\u{c}\u{b}");
    // Not in compose-go's escape set: kept as written.
    assert_eq!(value(r#"A="\x41\u0041\c\q\ ""#), r"\x41\u0041\c\q\ ");
    // Octal needs `\0` and then exactly three octal digits.
    assert_eq!(value(r#"A="\0101\0123""#), "AS");
    assert_eq!(value(r#"A="\012""#), r"\12");
    assert_eq!(value(r#"A="\0""#), r"\");
    assert_eq!(value(r#"A="\0777""#), r"\777");
    assert_eq!(value(r#"A="\0189""#), r"\189");
    assert_eq!(value(r#"A="a\\""#), r"a\");
}

#[test]
fn single_quoted_backslashes_stay() {
    assert_eq!(value(r"A='a\\b'"), r"a\\b");
    assert_eq!(value(r"A='\n\t'"), r"\n\t");
    assert_eq!(value(r#"A='\"'"#), r#"\""#);
}

#[test]
fn interpolation_in_unquoted_and_double_quoted_values() {
    assert_eq!(
        parse("FOO=test\nBAR=$FOO"),
        pairs(&[("FOO", Some("test")), ("BAR", Some("test"))])
    );
    assert_eq!(
        parse("FOO=test\nBAR=${FOO}bar")[1].1.as_deref(),
        Some("testbar")
    );
    assert_eq!(parse("BAR=$FOO"), pairs(&[("BAR", Some(""))]));
    assert_eq!(
        parse("FOO=test\nBAR=\"quote $FOO\"")[1].1.as_deref(),
        Some("quote test")
    );
    assert_eq!(
        parse("BAR='quote $FOO'")[0].1.as_deref(),
        Some("quote $FOO")
    );
}

#[test]
fn escaped_dollars_are_not_interpolated() {
    assert_eq!(value(r#"FOO="foo\$BAR""#), "foo$BAR");
    assert_eq!(value(r#"FOO="foo\${BAR}""#), "foo${BAR}");
    assert_eq!(
        parse("FOO=test\nBAR=\"foo\\${FOO} ${FOO}\"")[1]
            .1
            .as_deref(),
        Some("foo${FOO} test")
    );
    assert_eq!(value("FOO=$$BAR"), "$BAR");
    // Unquoted values have no escapes: the backslash stays and `$BAR` (unset) is interpolated.
    assert_eq!(value(r"FOO=\$BAR"), r"\");
}

#[test]
fn interpolation_operators() {
    let text = "\
E=
A=${NOPE:-def}
B=\"${E:-soft}|${E-hard}|${NOPE-hard}\"
C=${A:+alt}${NOPE+alt}
D=${A:-${NOPE:-deep}}
";
    let got = parse(text);
    assert_eq!(got[1].1.as_deref(), Some("def"));
    assert_eq!(got[2].1.as_deref(), Some("soft||hard"));
    assert_eq!(got[3].1.as_deref(), Some("alt"));
    assert_eq!(got[4].1.as_deref(), Some("def"));
}

#[test]
fn environment_wins_over_earlier_file_values() {
    // compose-go looks names up in the environment first, then in the file.
    let lookup = env(&[("A", "env")]);
    assert_eq!(
        parse_with("A=file\nB=$A\nC=${D:-$A}\nD=file\nE=$D", &lookup),
        pairs(&[
            ("A", Some("file")),
            ("B", Some("env")),
            ("C", Some("env")),
            ("D", Some("file")),
            ("E", Some("file")),
        ])
    );
}

#[test]
fn later_definitions_replace_earlier_ones_for_interpolation() {
    assert_eq!(
        parse("A=1\nA=2\nB=$A"),
        pairs(&[("A", Some("1")), ("A", Some("2")), ("B", Some("2"))])
    );
    // Only variables defined before the reference count.
    assert_eq!(parse("B=$A\nA=1")[0].1.as_deref(), Some(""));
}

#[test]
fn unset_references_are_reported_with_file_ranges() {
    let text = "X=1\nA=pre$NOPE ${ALSO}\nB=\"q $MISSING\"\nC=\"\\t$ESC\"\nD='$LITERAL'\n";
    let entries = parse_dotenv(text, &NoVars).unwrap();
    let found: Vec<(&str, &str)> = entries
        .iter()
        .flat_map(|e| e.unset.iter())
        .map(|u| (u.name.as_str(), &text[u.range.clone()]))
        .collect();
    assert_eq!(
        found,
        [
            ("NOPE", "$NOPE"),
            ("ALSO", "${ALSO}"),
            ("MISSING", "$MISSING"),
            // After unescaping, offsets no longer match the file: the whole value.
            ("ESC", "\"\\t$ESC\""),
        ]
    );
}

#[test]
fn required_variable_is_an_error_with_its_line() {
    let text = "A=1\nB=${NOPE:?set NOPE first}\n";
    let e = error(text);
    assert_eq!(e.line, 2);
    assert_eq!(
        e.kind,
        DotenvErrorKind::Interpolation(InterpolationErrorKind::Required {
            name: "NOPE".into(),
            message: "set NOPE first".into(),
            empty: false,
        })
    );
    assert_eq!(&text[e.range], "${NOPE:?set NOPE first}");
    assert!(e.message.contains("NOPE"));
    let e = error("A=\"${}\"");
    assert_eq!(
        e.kind,
        DotenvErrorKind::Interpolation(InterpolationErrorKind::InvalidName)
    );
}

#[test]
fn key_with_spaces_is_an_error() {
    let e = error("A=1\nMY KEY=hunter2\n");
    assert_eq!(e.kind, DotenvErrorKind::Syntax);
    assert_eq!(e.line, 2);
    assert_eq!(e.range, 4..10);
    assert!(!e.message.contains("hunter2"));
    assert_eq!(error("A\tB=1").kind, DotenvErrorKind::Syntax);
    assert_eq!(error("some words here").line, 1);
}

#[test]
fn invalid_name_characters_are_errors() {
    for (text, ch) in [
        ("lol$wut", "$"),
        ("FOO#=1", "#"),
        ("A/B=1", "/"),
        ("'A'=1", "'"),
        ("A@b", "@"),
    ] {
        let e = error(text);
        assert_eq!(e.kind, DotenvErrorKind::Syntax, "{text:?}");
        assert_eq!(&text[e.range.clone()], ch, "{text:?}");
        assert!(e.message.contains(ch), "{text:?}: {}", e.message);
    }
    assert_eq!(error("\n\n  bad!=1").line, 3);
}

#[test]
fn empty_name_is_an_error() {
    assert_eq!(error("=value").kind, DotenvErrorKind::Syntax);
    assert_eq!(error("A=1\n  : value").line, 2);
}

#[test]
fn unterminated_quotes_are_errors() {
    for text in [
        "KEY=\"",
        "KEY=\"value",
        "KEY='value",
        "A=1\nKEY=\"hunter2\nmore=1\n",
    ] {
        let e = error(text);
        assert_eq!(e.kind, DotenvErrorKind::Syntax, "{text:?}");
        assert!(e.message.contains("KEY"), "{}", e.message);
        assert!(!e.message.contains("hunter2"));
    }
    let e = error("A=1\nKEY=\"hunter2\nmore=1\n");
    assert_eq!(e.line, 2);
    assert_eq!(&"A=1\nKEY=\"hunter2\nmore=1\n"[e.range], "\"hunter2");
}

#[test]
fn statements_continue_after_a_closing_quote() {
    assert_eq!(
        parse("A=\"1\" B=2\nC='3'D=4"),
        pairs(&[
            ("A", Some("1")),
            ("B", Some("2")),
            ("C", Some("3")),
            ("D", Some("4"))
        ])
    );
    // Text after the quote that is not a statement is an error, as in compose-go.
    assert_eq!(error("A=\"1\" junk here").kind, DotenvErrorKind::Syntax);
}

#[test]
fn crlf_line_endings() {
    let text = "A=1\r\nB=\"2\"\r\nC\r\n# c\r\nD=x # y\r\n";
    assert_eq!(
        parse(text),
        pairs(&[
            ("A", Some("1")),
            ("B", Some("2")),
            ("C", None),
            ("D", Some("x"))
        ])
    );
}

#[test]
fn byte_order_mark_is_ignored() {
    assert_eq!(parse("\u{feff}A=1\n"), pairs(&[("A", Some("1"))]));
    let entries = parse_dotenv("\u{feff}A=1", &NoVars).unwrap();
    assert_eq!(entries[0].range, 3..6);
}

#[test]
fn lines_and_ranges_of_entries() {
    let text = "# head\n\nA=1\nB=\"x\ny\"\n  export C='z' # c\nD\n";
    let entries = parse_dotenv(text, &NoVars).unwrap();
    let got: Vec<(&str, usize, &str)> = entries
        .iter()
        .map(|e| (e.name.as_str(), e.line, &text[e.range.clone()]))
        .collect();
    assert_eq!(
        got,
        [
            ("A", 3, "A=1"),
            ("B", 4, "B=\"x\ny\""),
            ("C", 6, "export C='z'"),
            ("D", 7, "D"),
        ]
    );
}

#[test]
fn errors_never_show_values() {
    let lookup = env(&[("SECRET", "hunter2")]);
    for text in [
        "A=\"hunter2",
        "hunter2 x=1",
        "A=${SECRET:?}${NOPE:?$SECRET}",
        "A=\"${SECRET/x/y}\"",
    ] {
        let e = parse_dotenv(text, &lookup).unwrap_err();
        assert!(!e.message.contains("hunter2"), "{text:?}: {}", e.message);
        assert!(!e.to_string().contains("hunter2"), "{text:?}");
    }
}

proptest! {
    #[test]
    fn never_panics(text in any::<String>()) {
        let _ = parse_dotenv(&text, &NoVars);
    }

    #[test]
    fn never_panics_on_env_like_text(text in "(export |[A-Za-z_#=:'\"\\\\$\\{\\} \t\r\n.-]|\\\\0[0-9]{0,4}){0,80}") {
        let lookup = env(&[("A", "1"), ("E", "")]);
        if let Err(e) = parse_dotenv(&text, &lookup) {
            prop_assert!(text.get(e.range.clone()).is_some());
            prop_assert!(e.line >= 1);
        }
    }

    #[test]
    fn simple_assignments_round_trip(
        entries in proptest::collection::vec(("[A-Z_][A-Z0-9_]{0,8}", "[a-zA-Z0-9./:_-]{0,16}"), 0..8)
    ) {
        let text: String = entries.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
        let got = parse_dotenv(&text, &NoVars).unwrap();
        let got: Vec<(String, String)> = got
            .into_iter()
            .map(|e| (e.name, e.value.unwrap_or_default()))
            .collect();
        prop_assert_eq!(got, entries);
    }

    #[test]
    fn single_quoted_values_are_literal(val in "[^'\\\\]{0,32}") {
        let got = parse_dotenv(&format!("K='{val}'"), &NoVars).unwrap();
        prop_assert_eq!(got.len(), 1);
        prop_assert_eq!(got[0].value.as_deref(), Some(val.as_str()));
    }
}

#[test]
fn values_that_double_line_after_line_are_stopped() {
    // Each line quadruples `TAG`: 40 lines would ask for 4^40 bytes.
    let mut text = String::from("TAG=abcdefgh\n");
    for _ in 0..40 {
        text.push_str("TAG=${TAG}${TAG}${TAG}${TAG}\n");
    }
    let e = error(&text);
    assert_eq!(
        e.kind,
        DotenvErrorKind::Interpolation(InterpolationErrorKind::TooLong)
    );
    // Stopped where the value first grows too long: line 1 + log4(1 MiB / 8) ≈ line 10.
    assert!(e.line <= 12, "line {}", e.line);
}

#[test]
fn many_long_values_are_stopped_too() {
    let big = "x".repeat(1024 * 1024 - 1);
    let lookup = env(&[("BIG", big.as_str())]);
    let text: String = (0..20).map(|i| format!("V{i}=${{BIG}}\n")).collect();
    let e = parse_dotenv(&text, &lookup).unwrap_err();
    assert_eq!(
        e.kind,
        DotenvErrorKind::Interpolation(InterpolationErrorKind::TooLong)
    );
    assert_eq!(e.line, 17, "16 values of 1 MiB fit, the 17th does not");
}
