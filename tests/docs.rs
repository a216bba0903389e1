#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

//! `docs/diagnostics.md` is generated from the registry; this fails when it is stale.

#[test]
fn diagnostics_reference_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md");
    let expected = compose2k8s::diag::docs::markdown();
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    assert!(
        actual == expected,
        "docs/diagnostics.md is stale: run `UPDATE_DOCS=1 cargo test --test docs`"
    );
}

#[test]
fn every_code_is_unique_and_explained() {
    use compose2k8s::diag::Code;
    let mut ids: Vec<&str> = Code::ALL.iter().map(|c| c.id()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), Code::ALL.len(), "duplicate code ids");
    let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), Code::ALL.len(), "duplicate code names");
    for c in Code::ALL {
        assert!(c.id().starts_with("C2K") && c.id().len() == 7, "{}", c.id());
        assert!(
            !c.explanation().trim().is_empty(),
            "{} has no explanation",
            c.id()
        );
        assert_eq!(Code::from_id(c.id()), Some(*c));
    }
}
