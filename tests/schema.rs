#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

//! The committed JSON Schemas in `schema/` are generated from the extension's types; these tests
//! fail when they are stale (`UPDATE_SCHEMA=1 cargo test --test schema` rewrites them), and check
//! the `x-kubernetes` blocks of the testdata against the committed extension schema: every block
//! of a case that converts must pass, and the invalid extension cases must fail it.

use std::path::{Path, PathBuf};

use compose2k8s::extension::schema;
use compose2k8s::source::FileId;
use compose2k8s::yaml::{self, de::Context, Node};
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn committed_schemas_are_current() {
    let mut stale = Vec::new();
    for (name, expected) in schema::files().unwrap() {
        let path = root().join("schema").join(name);
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &expected).unwrap();
            continue;
        }
        if std::fs::read_to_string(&path).unwrap_or_default() != expected {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; run `UPDATE_SCHEMA=1 cargo test --test schema`"
    );
}

/// The committed schema files are valid JSON Schemas, and the combined one still describes a
/// Compose file.
#[test]
fn committed_schemas_compile() {
    for name in [
        "x-kubernetes.schema.json",
        "compose-with-x-kubernetes.schema.json",
    ] {
        jsonschema::draft7::new(&committed(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let combined = committed("compose-with-x-kubernetes.schema.json");
    let validator = jsonschema::draft7::new(&combined).unwrap();
    let file = json!({
        "services": {"api": {"image": "nginx", "x-kubernetes": {"replicas": 2}}},
        "volumes": {"data": {"x-kubernetes": {"size": "10Gi"}}},
        "x-kubernetes": {"namespace": "shop"}
    });
    assert!(validator.is_valid(&file));
    let typo = json!({"services": {"api": {"image": "nginx", "x-kubernetes": {"replica": 2}}}});
    assert!(!validator.is_valid(&typo));
}

/// A committed schema, with its meta-schema spelled as the validator knows it offline (the
/// Compose Specification writes draft-07's URL without the `#`).
fn committed(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join("schema").join(name)).unwrap();
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    schema["$schema"] = json!("http://json-schema.org/draft-07/schema#");
    schema
}

/// A validator for the block at `level`: the root of the extension schema (top level) or one of
/// its definitions.
fn validator(level: Option<&str>) -> jsonschema::Validator {
    let mut schema = committed("x-kubernetes.schema.json");
    if let Some(definition) = level {
        let definitions = schema["definitions"].clone();
        schema = json!({
            "$ref": format!("#/definitions/{definition}"),
            "definitions": definitions,
        });
    }
    jsonschema::draft7::new(&schema).unwrap()
}

/// Every `x-kubernetes` block of a Compose file, as JSON, with where it is.
fn blocks(path: &Path) -> Vec<(String, Option<&'static str>, Value)> {
    let text = std::fs::read_to_string(path).unwrap();
    let parsed = yaml::parse(FileId(0), &text);
    let Some(doc) = parsed.documents.first() else {
        return Vec::new();
    };
    let cx = Context::new();
    let json = |node: &Node| yaml::de::from_node::<Value>(node, &cx).unwrap();
    let mut out = Vec::new();
    if let Some(block) = doc.get("x-kubernetes") {
        out.push(("top level".to_string(), None, json(block)));
    }
    for (section, definition) in [
        ("services", "ServiceExtension"),
        ("volumes", "VolumeExtension"),
    ] {
        for (name, entry) in doc.get(section).and_then(Node::as_map).unwrap_or_default() {
            if let Some(block) = entry.get("x-kubernetes") {
                let name = name.as_str().unwrap_or_default();
                out.push((format!("{section}.{name}"), Some(definition), json(block)));
            }
        }
    }
    out.retain(|(_, _, v)| !v.is_null());
    out
}

fn compose_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("compose.yaml"))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn testdata_blocks_match_the_committed_schema() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in compose_files(&root().join("testdata")) {
        let case = file.parent().unwrap();
        if case.join("expect-error").is_file() {
            continue;
        }
        for (at, level, block) in blocks(&file) {
            let errors: Vec<String> = validator(level)
                .iter_errors(&block)
                .map(|e| format!("{} at {}", e, e.instance_path))
                .collect();
            if !errors.is_empty() {
                failures.push(format!("{}: {at}: {}", file.display(), errors.join("; ")));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        checked >= 8,
        "only {checked} x-kubernetes blocks in testdata"
    );
}

/// The extension's unknown-key and wrong-type cases are caught by an editor too.
#[test]
fn invalid_extension_cases_fail_the_schema() {
    let mut checked = 0;
    for file in compose_files(&root().join("testdata/invalid")) {
        let case = file.parent().unwrap();
        let expect = std::fs::read_to_string(case.join("expect")).unwrap_or_default();
        if !(expect.contains("C2K4001") || expect.contains("C2K4002")) {
            continue;
        }
        let blocks = blocks(&file);
        // A Kompose label case gets the extension's checks without a block an editor could see.
        if blocks.is_empty() {
            continue;
        }
        let rejected = blocks
            .into_iter()
            .any(|(_, level, block)| !validator(level).is_valid(&block));
        assert!(
            rejected,
            "{}: the schema accepts every block",
            file.display()
        );
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} invalid extension cases");
}
