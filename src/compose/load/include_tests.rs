#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! `include`, rule by rule as the spec's chapter 14 states them (and compose-go decides where
//! the spec is silent or disagrees: conflicts are errors).

use crate::compose::load::test_dir::{load_dir, TestDir};
use crate::compose::load::Input;
use crate::diag::Code;
use crate::yaml::limits::{MAX_INCLUDE_DEPTH, MAX_INCLUDE_FILES};

#[test]
fn short_syntax_imports_resources_with_their_own_directory_and_env() {
    let dir = TestDir::new("include-short");
    dir.write(
        "compose.yaml",
        "include:\n  - ../x/commons/compose.yaml\n  - sub/compose.yaml\nservices:\n  web:\n    image: web\n    depends_on: [db]\n",
    );
    // Only `sub` is inside the project; `../x` needs the flag, tested below.
    dir.write(
        "sub/compose.yaml",
        "services:\n  db:\n    image: \"postgres:${PG}\"\n    volumes: [\"./init:/docker-entrypoint-initdb.d\", \"data:/var/lib/postgresql/data\"]\n    environment: [FROM_SUB_ENV, FROM_PARENT]\nvolumes:\n  data: {}\nnetworks:\n  back: {}\n",
    );
    dir.write("sub/.env", "PG=16\nFROM_SUB_ENV=sub\nFROM_PARENT=sub\n");
    let run = load_dir(&dir, &[("FROM_PARENT", "parent")], |o| {
        o.input = Input::Files(vec!["compose.yaml".into()]);
    });
    // The first entry leaves the project directory.
    assert_eq!(run.codes(), [Code::OutsideProject]);

    dir.write(
        "compose.yaml",
        "include:\n  - sub/compose.yaml\nservices:\n  web:\n    image: web\n    depends_on: [db]\n",
    );
    let run = load_dir(&dir, &[("FROM_PARENT", "parent")], |_| {});
    assert!(run.diags.is_empty(), "{:#?}", run.diags);
    let config = run.config();
    assert!(
        config.contains(
            "  db:\n    environment:\n    - FROM_SUB_ENV=sub\n    - FROM_PARENT=parent\n    image: postgres:16\n    volumes:\n    - ./sub/init:/docker-entrypoint-initdb.d\n    - data:/var/lib/postgresql/data\n"
        ),
        "{config}"
    );
    assert!(
        config.contains("networks:\n  back: {}\nvolumes:\n  data: {}\n"),
        "{config}"
    );
    assert!(!config.contains("include:"), "{config}");
}

#[test]
fn long_syntax_merges_paths_and_takes_directory_and_env_files() {
    let dir = TestDir::new("include-long");
    dir.write(
        "compose.yaml",
        "include:\n  - path: [lib/compose.yaml, lib/override.yaml]\n    project_directory: lib/root\n    env_file: [lib/a.env, lib/b.env]\nservices:\n  web:\n    image: web\n",
    );
    dir.write(
        "lib/compose.yaml",
        "services:\n  lib:\n    image: \"lib:${TAG}\"\n    build: ./ctx\n",
    );
    dir.write(
        "lib/override.yaml",
        "services:\n  lib:\n    environment:\n      LEVEL: \"${LEVEL}\"\n",
    );
    std::fs::create_dir_all(dir.path().join("lib/root")).unwrap();
    dir.write("lib/root/.env", "TAG=ignored-since-env_file-is-given\n");
    dir.write("lib/a.env", "TAG=1\nLEVEL=a\n");
    dir.write("lib/b.env", "LEVEL=b\n");
    let run = load_dir(&dir, &[], |_| {});
    assert!(run.diags.is_empty(), "{:#?}", run.diags);
    let config = run.config();
    assert!(
        config.contains(
            "  lib:\n    build: ./lib/root/ctx\n    environment:\n      LEVEL: b\n    image: lib:1\n"
        ),
        "{config}"
    );
}

#[test]
fn conflicting_definitions_are_errors_and_identical_ones_are_not() {
    let dir = TestDir::new("include-conflict");
    dir.write(
        "compose.yaml",
        "include:\n  - a/compose.yaml\n  - b/compose.yaml\nservices:\n  db:\n    image: postgres:15\n",
    );
    dir.write(
        "a/compose.yaml",
        "include: [../shared/compose.yaml]\nservices:\n  db:\n    image: postgres:16\n",
    );
    dir.write("b/compose.yaml", "include: [../shared/compose.yaml]\n");
    dir.write(
        "shared/compose.yaml",
        "services:\n  cache:\n    image: redis\n    volumes: [./conf:/conf]\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    // The diamond through `shared` is not a conflict; `db` is.
    assert_eq!(run.codes(), [Code::IncludeConflict]);
    let d = &run.diags[0];
    assert_eq!(
        d.message,
        "`services.db` conflicts with a definition imported by `include`"
    );
    assert_eq!(run.file_of(Code::IncludeConflict), "compose.yaml");
    let also = d.secondary[0].span;
    assert_eq!(run.sources.get(also.file).unwrap().name, "a/compose.yaml");
}

#[test]
fn an_override_file_changes_an_included_service() {
    let dir = TestDir::new("include-override");
    dir.write(
        "compose.yaml",
        "include: [db/compose.yaml]\nservices:\n  web:\n    image: web\n",
    );
    dir.write(
        "db/compose.yaml",
        "services:\n  db:\n    image: postgres:16\n",
    );
    dir.write(
        "override.yaml",
        "services:\n  db:\n    ports: [\"5432:5432\"]\n",
    );
    let run = load_dir(&dir, &[], |o| {
        o.input = Input::Files(vec!["compose.yaml".into(), "override.yaml".into()]);
    });
    assert!(run.diags.is_empty(), "{:#?}", run.diags);
    let db = run.service("db");
    assert_eq!(db.get("image").unwrap().as_str(), Some("postgres:16"));
    assert!(db.get("ports").is_some());
}

#[test]
fn cycles_are_errors_naming_the_chain() {
    let dir = TestDir::new("include-cycle");
    dir.write(
        "compose.yaml",
        "include: [a.yaml]\nservices:\n  web:\n    image: web\n",
    );
    dir.write("a.yaml", "include: [b.yaml]\n");
    dir.write("b.yaml", "include: [compose.yaml]\n");
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::IncludeCycle]);
    assert_eq!(
        run.diags[0].message,
        "`include` forms a cycle: `compose.yaml` includes `a.yaml` includes `b.yaml` includes `compose.yaml`"
    );
    assert_eq!(run.file_of(Code::IncludeCycle), "b.yaml");

    let dir = TestDir::new("include-self");
    dir.write(
        "compose.yaml",
        "include: [./compose.yaml]\nservices:\n  web:\n    image: web\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::IncludeCycle]);
}

#[test]
fn missing_and_invalid_entries_are_located() {
    for (include, code) in [
        ("[missing.yaml]", Code::ReferencedFileUnreadable),
        ("[sub]", Code::ReferencedFileUnreadable),
        ("missing.yaml", Code::InvalidValue),
        ("[{project_directory: .}]", Code::InvalidValue),
        ("[{path: a.yaml, env: x}]", Code::UnknownKey),
        ("[\"git@github.com:a/b.git\"]", Code::UnsupportedLoading),
        ("[/etc/passwd]", Code::OutsideProject),
    ] {
        let dir = TestDir::new("include-invalid");
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        dir.write(
            "compose.yaml",
            &format!("include: {include}\nservices:\n  web:\n    image: web\n"),
        );
        let run = load_dir(&dir, &[], |_| {});
        assert_eq!(run.codes(), [code], "{include}");
        assert_eq!(run.file_of(code), "compose.yaml", "{include}");
    }
}

#[test]
fn diagnostics_from_an_included_file_point_into_it() {
    let dir = TestDir::new("include-located");
    dir.write(
        "compose.yaml",
        "include: [lib/compose.yaml]\nservices:\n  web:\n    image: web\n",
    );
    dir.write(
        "lib/compose.yaml",
        "services:\n  lib:\n    image: lib:${TAG}\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::UnsetVariable]);
    assert_eq!(run.file_of(Code::UnsetVariable), "lib/compose.yaml");
    let span = run.diags[0].primary.as_ref().unwrap().span;
    assert_eq!(
        run.sources.get(span.file).unwrap().line_col(span.start),
        (3, 16)
    );
}

#[test]
fn the_number_of_included_files_is_bounded() {
    // Each file includes the next one twice: without a bound, 2^30 loads.
    let dir = TestDir::new("include-bomb");
    dir.write(
        "compose.yaml",
        "include: [f1.yaml, f1.yaml]\nservices:\n  web:\n    image: web\n",
    );
    for i in 1..30 {
        dir.write(
            &format!("f{i}.yaml"),
            &format!("include: [f{0}.yaml, f{0}.yaml]\n", i + 1),
        );
    }
    dir.write("f30.yaml", "services:\n  leaf:\n    image: leaf\n");
    let started = std::time::Instant::now();
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::TooManyIncludedFiles]);
    assert!(started.elapsed().as_secs() < 5);

    // A straight chain deeper than the limit, which bounds the recursion.
    let dir = TestDir::new("include-chain");
    dir.write(
        "compose.yaml",
        "include: [f1.yaml]\nservices:\n  web:\n    image: web\n",
    );
    for i in 1..=MAX_INCLUDE_DEPTH + 2 {
        dir.write(
            &format!("f{i}.yaml"),
            &format!("include: [f{}.yaml]\n", i + 1),
        );
    }
    dir.write(
        &format!("f{}.yaml", MAX_INCLUDE_DEPTH + 3),
        "services: {}\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::TooManyIncludedFiles]);
    assert!(run.diags[0].message.contains("nested"));

    // A wide graph: more files than the limit, none deep.
    let dir = TestDir::new("include-wide");
    let mut text = String::from("include:\n");
    for i in 0..=MAX_INCLUDE_FILES {
        text.push_str(&format!("  - f{i}.yaml\n"));
        dir.write(
            &format!("f{i}.yaml"),
            &format!("services:\n  s{i}:\n    image: x\n"),
        );
    }
    dir.write("compose.yaml", &text);
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::TooManyIncludedFiles]);
    assert!(run.diags[0].message.contains("more than"));
}

#[test]
fn outside_the_project_with_the_flag() {
    let outer = TestDir::new("include-outside");
    outer.write(
        "app/compose.yaml",
        "include: [../commons/compose.yaml]\nservices:\n  web:\n    image: web\n",
    );
    outer.write(
        "commons/compose.yaml",
        "services:\n  common:\n    build: .\n",
    );
    let mut options =
        crate::compose::load::LoadOptions::new(Input::Files(vec!["app/compose.yaml".into()]));
    options.working_dir = outer.path().to_path_buf();
    options.allow_outside_project = true;
    let mut sources = crate::source::SourceMap::new();
    let mut diags = crate::diag::Diagnostics::new();
    let loaded = crate::compose::load::load_project(&options, &mut sources, &mut diags).unwrap();
    assert!(diags.is_empty());
    let build = loaded
        .root
        .get("services")
        .unwrap()
        .get("common")
        .unwrap()
        .get("build")
        .unwrap();
    assert_eq!(build.as_str(), Some("../commons"));
}

#[test]
fn extends_in_an_included_project_resolves_against_its_directory() {
    let dir = TestDir::new("include-extends");
    dir.write("compose.yaml", "include: [lib/compose.yaml]\n");
    dir.write(
        "lib/compose.yaml",
        "services:\n  api:\n    extends: {file: base.yaml, service: base}\n    image: api:1\n",
    );
    dir.write(
        "lib/base.yaml",
        "services:\n  base:\n    build: ./src\n    env_file: base.env\n",
    );
    dir.write("lib/base.env", "FROM_BASE=1\n");
    let run = load_dir(&dir, &[], |_| {});
    assert!(run.diags.is_empty(), "{:#?}", run.diags);
    let config = run.config();
    assert!(
        config.contains(
            "  api:\n    build: ./lib/src\n    environment:\n      FROM_BASE: \"1\"\n    image: api:1\n"
        ),
        "{config}"
    );
}

#[test]
fn an_included_projects_env_files_are_never_shown() {
    let dir = TestDir::new("include-env-sensitive");
    dir.write(
        "compose.yaml",
        "include:\n  - sub/compose.yaml\n  - path: other/compose.yaml\n    env_file: other/vars.txt\nservices:\n  web:\n    image: web\n",
    );
    dir.write(
        "sub/compose.yaml",
        "services:\n  a:\n    image: \"a:${TAG}\"\n",
    );
    dir.write("sub/.env", "TAG=1\nPASS=hunter2\n");
    dir.write(
        "other/compose.yaml",
        "services:\n  b:\n    image: \"b:${TAG}\"\n",
    );
    dir.write("other/vars.txt", "TAG=2\nPASS=hunter3\n");
    let run = load_dir(&dir, &[], |_| {});
    assert!(run.diags.is_empty(), "{:#?}", run.diags);
    let env_files: Vec<_> = run
        .sources
        .files()
        .filter(|(_, f)| f.name.ends_with(".env") || f.name.ends_with("vars.txt"))
        .map(|(_, f)| (f.name.clone(), f.sensitive))
        .collect();
    assert_eq!(env_files.len(), 2, "{env_files:?}");
    assert!(env_files.iter().all(|(_, s)| *s), "{env_files:?}");
}
