#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! `extends`, rule by rule as the spec's chapter 5 states them; expected trees are the spec's
//! examples, printed as `config` prints them.

use crate::compose::load::test_dir::{load_dir, TestDir};
use crate::diag::Code;
use crate::yaml::limits::MAX_EXTENDS_DEPTH;

fn project(name: &str, compose: &str) -> TestDir {
    let dir = TestDir::new(name);
    dir.write("compose.yaml", compose);
    dir
}

#[test]
fn environment_is_a_mapping_the_main_service_overrides() {
    // The spec's first example, in mapping and in array syntax: "The same output is produced if
    // array syntax is used".
    for environment in [
        "    environment:\n      TZ: utc\n      PORT: 80\n",
        "    environment:\n      - TZ=utc\n      - PORT=80\n",
    ] {
        let dir = project(
            "extends-env",
            &format!(
                "name: p\nservices:\n  common:\n    image: busybox\n{environment}  cli:\n    extends:\n      service: common\n    environment:\n      PORT: 8080\n"
            ),
        );
        let run = load_dir(&dir, &[], |_| {});
        assert!(run.diags.is_empty(), "{:#?}", run.diags);
        let cli = run.service("cli");
        assert_eq!(cli.get("image").unwrap().as_str(), Some("busybox"));
        assert_eq!(
            cli.get("environment")
                .unwrap()
                .get("PORT")
                .unwrap()
                .as_str(),
            Some("8080")
        );
        assert_eq!(
            cli.get("environment").unwrap().get("TZ").unwrap().as_str(),
            Some("utc")
        );
        assert!(cli.get("extends").is_none());
    }
}

#[test]
fn volumes_are_keyed_by_target() {
    let dir = project(
        "extends-volumes",
        "services:\n  common:\n    image: busybox\n    volumes:\n      - common-volume:/var/lib/backup/data:rw\n  cli:\n    extends:\n      service: common\n    volumes:\n      - cli-volume:/var/lib/backup/data:ro\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    let config = run.config();
    assert!(
        config.contains(
            "  cli:\n    image: busybox\n    volumes:\n    - cli-volume:/var/lib/backup/data:ro\n"
        ),
        "{config}"
    );
}

#[test]
fn a_chain_of_extends_is_followed_to_its_end() {
    let dir = project(
        "extends-chain",
        "services:\n  base:\n    image: busybox\n    user: root\n  common:\n    image: busybox\n    extends:\n      service: base\n  cli:\n    extends:\n      service: common\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    let config = run.config();
    assert!(
        config.contains("  cli:\n    image: busybox\n    user: root\n"),
        "{config}"
    );
    assert!(!config.contains("extends:"), "{config}");
}

#[test]
fn sequences_combine_referenced_items_first_without_duplicates() {
    let dir = project(
        "extends-seq",
        "services:\n  common:\n    image: busybox\n    security_opt:\n      - label:role:ROLE\n    cap_add: [NET_ADMIN]\n  cli:\n    extends:\n      service: common\n    security_opt:\n      - label:user:USER\n    cap_add: [NET_ADMIN, SYS_TIME]\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    let config = run.config();
    assert!(
        config.contains("    security_opt:\n    - label:role:ROLE\n    - label:user:USER\n"),
        "{config}"
    );
    assert!(
        config.contains("    cap_add:\n    - NET_ADMIN\n    - SYS_TIME\n"),
        "{config}"
    );
}

#[test]
fn scalars_and_commands_of_the_main_service_win() {
    let dir = project(
        "extends-scalars",
        "services:\n  common:\n    image: busybox\n    command: [sleep, \"10\"]\n    restart: always\n  cli:\n    extends: common\n    image: alpine\n    command: [echo]\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    let config = run.config();
    assert!(
        config
            .contains("  cli:\n    command:\n    - echo\n    image: alpine\n    restart: always\n"),
        "{config}"
    );
}

#[test]
fn reset_in_the_main_service_removes_the_referenced_value() {
    let dir = project(
        "extends-reset",
        "services:\n  common:\n    image: busybox\n    ports: [\"8080:80\"]\n  cli:\n    extends: {service: common}\n    ports: !reset []\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    assert!(run.service("cli").get("ports").is_none());
    assert!(run.service("common").get("ports").is_some());
}

#[test]
fn a_service_from_another_file_keeps_its_paths() {
    let dir = project(
        "extends-file",
        "services:\n  web:\n    extends:\n      file: common/base.yaml\n      service: base\n",
    );
    dir.write(
        "common/base.yaml",
        "services:\n  base:\n    build: ./app\n    volumes: [\"./data:/data\", \"named:/n\"]\n    env_file: base.env\n    extends:\n      file: deeper/root.yaml\n      service: root\n",
    );
    dir.write("common/base.env", "FROM_BASE_ENV=1\n");
    dir.write(
        "common/deeper/root.yaml",
        "services:\n  root:\n    image: root:1\n    volumes: [\"./cache:/cache\"]\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    assert!(run.diags.is_empty(), "{:#?}", run.diags);
    let config = run.config();
    assert!(
        config.contains(
            "  web:\n    build: ./common/app\n    environment:\n      FROM_BASE_ENV: \"1\"\n    image: root:1\n    volumes:\n    - ./common/deeper/cache:/cache\n    - ./common/data:/data\n    - named:/n\n"
        ),
        "{config}"
    );
}

#[test]
fn without_file_only_the_same_file_is_searched() {
    let dir = project(
        "extends-same-file",
        "services:\n  base:\n    image: busybox\n",
    );
    dir.write(
        "override.yaml",
        "services:\n  web:\n    extends: {service: base}\n",
    );
    let run = load_dir(&dir, &[], |o| {
        o.input =
            crate::compose::load::Input::Files(vec!["compose.yaml".into(), "override.yaml".into()]);
    });
    assert_eq!(run.codes(), [Code::ExtendsServiceNotFound]);
    assert_eq!(run.file_of(Code::ExtendsServiceNotFound), "override.yaml");
}

#[test]
fn a_missing_service_is_located_and_a_near_name_suggested() {
    let dir = project(
        "extends-missing",
        "services:\n  common:\n    image: busybox\n  cli:\n    extends:\n      service: comon\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::ExtendsServiceNotFound]);
    let d = &run.diags[0];
    assert!(d.message.contains("`comon`"), "{}", d.message);
    assert_eq!(d.help.as_deref(), Some("did you mean `common`?"));
    assert!(d.primary.is_some());
}

#[test]
fn a_missing_file_is_located_at_file() {
    let dir = project(
        "extends-missing-file",
        "services:\n  cli:\n    extends:\n      file: nope.yaml\n      service: base\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::ReferencedFileUnreadable]);
    assert_eq!(run.file_of(Code::ReferencedFileUnreadable), "compose.yaml");
    assert!(run.diags[0].message.contains("nope.yaml"));
}

#[test]
fn cycles_are_errors_naming_the_chain() {
    let dir = project(
        "extends-cycle",
        "services:\n  a:\n    image: x\n    extends: b\n  b:\n    extends: c\n  c:\n    extends: a\n  self:\n    extends: self\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    let cycles: Vec<&str> = run
        .diags
        .iter()
        .filter(|d| d.code == Code::ExtendsCycle)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        cycles,
        [
            "`extends` forms a cycle: `a` extends `b` extends `c` extends `a`",
            "`extends` forms a cycle: `self` extends `self`",
        ]
    );
    assert_eq!(run.diags[0].secondary.len(), 2);
}

#[test]
fn a_cycle_through_another_file_is_found() {
    let dir = project(
        "extends-cycle-file",
        "services:\n  a:\n    extends: {file: other.yaml, service: b}\n",
    );
    dir.write(
        "other.yaml",
        "services:\n  b:\n    extends: {file: compose.yaml, service: a}\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::ExtendsCycle]);
}

#[test]
fn chains_longer_than_the_limit_are_refused() {
    let mut text = String::from("services:\n  s0:\n    image: x\n");
    for i in 1..=MAX_EXTENDS_DEPTH + 5 {
        text.push_str(&format!("  s{i}:\n    extends: s{}\n", i - 1));
    }
    let dir = project("extends-deep", &text);
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::ExtendsTooDeep]);

    // The same chain written from its end, so that resolving the first service goes deepest.
    let mut text = String::from("services:\n");
    for i in (1..=MAX_EXTENDS_DEPTH + 5).rev() {
        text.push_str(&format!("  s{i}:\n    extends: s{}\n", i - 1));
    }
    text.push_str("  s0:\n    image: x\n");
    let dir = project("extends-deep-reversed", &text);
    let run = load_dir(&dir, &[], |_| {});
    assert!(!run.codes().is_empty());
    assert!(
        run.codes().iter().all(|c| *c == Code::ExtendsTooDeep),
        "{:?}",
        run.codes()
    );

    // Exactly at the limit is fine.
    let mut text = String::from("services:\n  s0:\n    image: x\n");
    for i in 1..=MAX_EXTENDS_DEPTH {
        text.push_str(&format!("  s{i}:\n    extends: s{}\n", i - 1));
    }
    let dir = project("extends-at-limit", &text);
    let run = load_dir(&dir, &[], |_| {});
    assert!(run.diags.is_empty(), "{:?}", run.codes());
}

#[test]
fn invalid_forms_are_located_errors() {
    for (extends, code) in [
        ("[a]", Code::InvalidValue),
        ("{file: x.yaml}", Code::InvalidValue),
        ("{service: a, files: x}", Code::UnknownKey),
        ("{service: [a]}", Code::InvalidValue),
    ] {
        let dir = project(
            "extends-invalid",
            &format!("services:\n  a:\n    image: x\n  b:\n    extends: {extends}\n"),
        );
        let run = load_dir(&dir, &[], |_| {});
        assert_eq!(run.codes(), [code], "{extends}");
        assert!(run.diags[0].primary.is_some());
    }
}

#[test]
fn diagnostics_in_the_extended_file_point_into_it() {
    let dir = project(
        "extends-located",
        "services:\n  web:\n    extends: {file: base.yaml, service: base}\n",
    );
    dir.write(
        "base.yaml",
        "services:\n  base:\n    image: busybox:${TAG}\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::UnsetVariable]);
    assert_eq!(run.file_of(Code::UnsetVariable), "base.yaml");
    let span = run.diags[0].primary.as_ref().unwrap().span;
    let file = run.sources.get(span.file).unwrap();
    assert_eq!(file.line_col(span.start), (3, 20));
}

#[test]
fn remote_and_outside_files() {
    let dir = project(
        "extends-remote",
        "services:\n  a:\n    extends: {file: \"https://example.com/c.yaml\", service: b}\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::UnsupportedLoading]);

    let outer = TestDir::new("extends-outside");
    outer.write(
        "shared/base.yaml",
        "services:\n  base:\n    image: shared:1\n",
    );
    outer.write(
        "app/compose.yaml",
        "services:\n  a:\n    extends: {file: ../shared/base.yaml, service: base}\n",
    );
    let load = |allow: bool| {
        let mut options =
            crate::compose::load::LoadOptions::new(crate::compose::load::Input::Files(vec![
                "app/compose.yaml".into(),
            ]));
        options.working_dir = outer.path().to_path_buf();
        options.allow_outside_project = allow;
        let mut sources = crate::source::SourceMap::new();
        let mut diags = crate::diag::Diagnostics::new();
        let loaded = crate::compose::load::load_project(&options, &mut sources, &mut diags);
        (loaded, diags.into_sorted())
    };
    let (loaded, diags) = load(false);
    assert!(loaded.is_none());
    assert_eq!(diags[0].code, Code::OutsideProject);
    assert!(diags[0].message.contains("../shared/base.yaml"));
    let (loaded, diags) = load(true);
    assert!(diags.is_empty(), "{diags:#?}");
    let image = loaded.unwrap().root;
    let image = image
        .get("services")
        .unwrap()
        .get("a")
        .unwrap()
        .get("image")
        .unwrap();
    assert_eq!(image.as_str(), Some("shared:1"));
}

#[test]
fn copies_are_bounded() {
    // One large service, extended by many one-line services: each `extends` copies it.
    let mut text = String::from("services:\n  big:\n    image: x\n    labels:\n");
    for i in 0..20_000 {
        text.push_str(&format!("      l{i}: v\n"));
    }
    for i in 0..40 {
        text.push_str(&format!("  s{i}:\n    extends: big\n"));
    }
    let dir = project("extends-copies", &text);
    let started = std::time::Instant::now();
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::CopyBudget]);
    assert!(started.elapsed().as_secs() < 10);
}
