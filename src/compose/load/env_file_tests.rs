#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! `env_file` and `environment` precedence, rule by rule as the spec's chapter 5 states them,
//! and the filesystem safety of the files they read.

use crate::compose::load::test_dir::{load_dir, TestDir};
use crate::diag::Code;
use crate::yaml::Node;

fn project(name: &str, service: &str) -> TestDir {
    let dir = TestDir::new(name);
    dir.write(
        "compose.yaml",
        &format!("services:\n  app:\n    image: app\n{service}"),
    );
    dir
}

/// `environment` of `app` as `NAME=value` lines (`NAME` alone when value-less), in tree order.
fn env(node: &Node) -> Vec<String> {
    node.get("environment")
        .and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .map(|(k, v)| {
            let k = k.as_str().unwrap();
            if v.is_null() {
                k.to_string()
            } else {
                format!("{k}={}", v.as_str().unwrap())
            }
        })
        .collect()
}

#[test]
fn files_in_order_later_wins_environment_wins_over_all() {
    let dir = project(
        "envfile-order",
        "    env_file:\n      - ./a.env\n      - ./b.env\n    environment:\n      SHARED: from-environment\n",
    );
    dir.write("a.env", "A=a\nSHARED=a\nAB=a\n");
    dir.write("b.env", "AB=b\nB=b\n");
    let run = load_dir(&dir, &[], |_| {});
    assert!(run.diags.is_empty(), "{:#?}", run.diags);
    let app = run.service("app");
    assert!(app.get("env_file").is_none());
    assert_eq!(env(app), ["A=a", "AB=b", "B=b", "SHARED=from-environment"]);
}

#[test]
fn a_single_path_and_the_list_form_of_environment() {
    let dir = project(
        "envfile-string",
        "    env_file: .env.app\n    environment:\n      - KEEP=1\n      - FROM_FILE=overridden\n",
    );
    dir.write(".env.app", "FROM_FILE=file\nONLY_FILE=file\n");
    let run = load_dir(&dir, &[], |_| {});
    assert!(run.diags.is_empty(), "{:#?}", run.diags);
    assert_eq!(
        env(run.service("app")),
        ["ONLY_FILE=file", "KEEP=1", "FROM_FILE=overridden"]
    );
}

#[test]
fn environment_wins_even_without_a_value() {
    // "This holds true even if those values are empty or undefined."
    let dir = project(
        "envfile-undefined",
        "    env_file: a.env\n    environment:\n      EMPTY: \"\"\n      UNDEFINED:\n",
    );
    dir.write("a.env", "EMPTY=file\nUNDEFINED=file\n");
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(env(run.service("app")), ["EMPTY=", "UNDEFINED"]);
}

#[test]
fn value_less_entries_resolve_from_the_loading_environment() {
    let dir = project(
        "envfile-bare",
        "    environment:\n      - FROM_PROCESS\n      - FROM_DOTENV\n      - UNSET\n",
    );
    dir.write(".env", "FROM_DOTENV=dotenv\n");
    let run = load_dir(&dir, &[("FROM_PROCESS", "process")], |_| {});
    assert!(run.diags.is_empty(), "{:#?}", run.diags);
    let items: Vec<&str> = run
        .service("app")
        .get("environment")
        .unwrap()
        .as_seq()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    assert_eq!(
        items,
        ["FROM_PROCESS=process", "FROM_DOTENV=dotenv", "UNSET"]
    );

    let dir = project(
        "envfile-bare-map",
        "    environment:\n      FROM_PROCESS:\n      UNSET: ~\n",
    );
    let run = load_dir(&dir, &[("FROM_PROCESS", "process")], |_| {});
    assert_eq!(env(run.service("app")), ["FROM_PROCESS=process", "UNSET"]);
}

#[test]
fn interpolation_inside_sees_earlier_files_then_the_project() {
    let dir = project("envfile-interp", "    env_file: [a.env, b.env]\n");
    dir.write("a.env", "HOST=db\n");
    dir.write(
        "b.env",
        "URL=postgres://${HOST}/${NAME}\nLITERAL='${HOST}'\nMISSING=${NOPE}\n",
    );
    let run = load_dir(&dir, &[("NAME", "app"), ("HOST", "process-host")], |_| {});
    // An earlier env file shadows the process environment here, as in compose-go.
    assert_eq!(
        env(run.service("app")),
        [
            "HOST=db",
            "URL=postgres://db/app",
            "LITERAL=${HOST}",
            "MISSING="
        ]
    );
    assert_eq!(run.codes(), [Code::UnsetVariable]);
    assert_eq!(run.file_of(Code::UnsetVariable), "b.env");
}

#[test]
fn raw_format_takes_values_as_written() {
    let dir = project(
        "envfile-raw",
        "    env_file:\n      - path: raw.env\n        format: raw\n",
    );
    dir.write(
        "raw.env",
        "# comment\nQUOTED=\"a b\"\nDOLLAR=$HOME/${X}\nSPACES=  x  \n\nHASH=a #b\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    assert!(run.diags.is_empty(), "{:#?}", run.diags);
    assert_eq!(
        env(run.service("app")),
        [
            "QUOTED=\"a b\"",
            "DOLLAR=$HOME/${X}",
            "SPACES=  x  ",
            "HASH=a #b"
        ]
    );
}

#[test]
fn missing_required_is_an_error_missing_optional_a_note() {
    let dir = project(
        "envfile-missing",
        "    env_file:\n      - path: ./default.env\n        required: true\n      - path: ./override.env\n        required: false\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(
        run.codes(),
        [Code::ReferencedFileUnreadable, Code::OptionalEnvFileMissing]
    );
    assert_eq!(run.file_of(Code::ReferencedFileUnreadable), "compose.yaml");
    let span = run.diags[0].primary.as_ref().unwrap().span;
    assert_eq!(
        run.sources.get(span.file).unwrap().line_col(span.start),
        (5, 15)
    );

    dir.write("default.env", "A=1\n");
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::OptionalEnvFileMissing]);
    assert_eq!(env(run.service("app")), ["A=1"]);
}

#[test]
fn deferred_missing_files_are_passed_on_in_order_with_the_files_read_before_them() {
    let dir = project(
        "envfile-deferred",
        "    env_file:\n      - ./present.env\n      - .env\n      - path: ./gone.env\n        required: false\n      - path: ./also.env\n    environment:\n      OWN: 1\n",
    );
    dir.write("present.env", "A=1\n");
    let run = load_dir(&dir, &[], |o| o.defer_missing_env_files = true);
    // The plan reports the missing required files; the optional one is still a note here.
    assert_eq!(run.codes(), [Code::OptionalEnvFileMissing]);
    let loaded = run.loaded.as_ref().unwrap();
    let missing = &loaded.attached.missing_env_files["app"];
    let paths: Vec<&str> = missing.iter().map(|m| m.path.as_str()).collect();
    assert_eq!(paths, [".env", "./also.env"]);
    for m in missing {
        assert_eq!(m.read_before.len(), 1);
        let text = &run.sources.get(m.at.file).unwrap().text;
        assert_eq!(&text[m.at.start as usize..m.at.end as usize], m.path);
    }
    assert_eq!(env(run.service("app")), ["A=1", "OWN=1"]);
}

#[test]
fn a_service_left_out_by_profiles_reads_no_env_file() {
    let dir = project(
        "envfile-profile",
        "  debug:\n    image: x\n    profiles: [debug]\n    env_file: missing.env\n",
    );
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::ServiceNotInActiveProfiles]);
}

#[test]
fn invalid_forms_are_located_errors() {
    for (env_file, code) in [
        ("{path: a.env}", Code::InvalidValue),
        ("[{required: false}]", Code::InvalidValue),
        ("[{path: a.env, format: json}]", Code::InvalidValue),
        ("[{path: a.env, required: maybe}]", Code::InvalidValue),
        ("[{path: a.env, requried: false}]", Code::UnknownKey),
    ] {
        let dir = project("envfile-invalid", &format!("    env_file: {env_file}\n"));
        dir.write("a.env", "A=1\n");
        let run = load_dir(&dir, &[], |_| {});
        assert_eq!(run.codes(), [code], "{env_file}");
        assert_eq!(run.file_of(code), "compose.yaml");
    }
}

#[test]
fn parse_errors_point_into_the_env_file_and_never_show_values() {
    let dir = project("envfile-bad", "    env_file: bad.env\n");
    dir.write("bad.env", "PASSWORD=hunter2\nnot valid=1\n");
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::InvalidEnvFile]);
    assert_eq!(run.file_of(Code::InvalidEnvFile), "bad.env");
    assert!(!format!("{:?}", run.diags).contains("hunter2"));
}

#[test]
fn a_directory_is_not_a_file() {
    let dir = project("envfile-dir", "    env_file: conf\n");
    std::fs::create_dir_all(dir.path().join("conf")).unwrap();
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::ReferencedFileUnreadable]);
    assert!(run.diags[0].message.contains("directory"));
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting() {
    let dir = project("envfile-fifo", "    env_file: pipe.env\n");
    let pipe = dir.path().join("pipe.env");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    let run = load_dir(&dir, &[], |_| {});
    assert_eq!(run.codes(), [Code::ReferencedFileUnreadable]);
    assert!(run.diags[0].message.contains("not a regular file"));
}

#[test]
fn paths_out_of_the_project_need_the_flag() {
    let outer = TestDir::new("envfile-outside");
    outer.write("secret.env", "TOKEN=s3cret\n");
    let dir_text = "services:\n  app:\n    image: app\n    env_file: ENTRY\n";
    for entry in ["../secret.env", "/etc/passwd"] {
        outer.write("app/compose.yaml", &dir_text.replace("ENTRY", entry));
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
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::OutsideProject);
        assert!(diags[0].message.contains(entry));
        assert!(diags[0]
            .help
            .as_ref()
            .unwrap()
            .contains("--allow-outside-project"));
        if entry == "../secret.env" {
            let (loaded, diags) = load(true);
            assert!(diags.is_empty(), "{diags:#?}");
            let app = loaded.unwrap().root;
            assert_eq!(
                env(app.get("services").unwrap().get("app").unwrap()),
                ["TOKEN=s3cret"]
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_project_are_refused() {
    let outer = TestDir::new("envfile-symlink");
    let secret = outer.write("secret.env", "TOKEN=s3cret\n");
    outer.write(
        "app/compose.yaml",
        "services:\n  app:\n    image: \"app:${TOKEN:-none}\"\n    env_file: linked.env\n",
    );
    std::os::unix::fs::symlink(&secret, outer.path().join("app/linked.env")).unwrap();
    let mut options =
        crate::compose::load::LoadOptions::new(crate::compose::load::Input::Files(vec![
            "app/compose.yaml".into(),
        ]));
    options.working_dir = outer.path().to_path_buf();
    let mut sources = crate::source::SourceMap::new();
    let mut diags = crate::diag::Diagnostics::new();
    assert!(crate::compose::load::load_project(&options, &mut sources, &mut diags).is_none());
    let diags = diags.into_sorted();
    assert_eq!(diags[0].code, Code::OutsideProject);
    assert!(diags[0].message.contains("symbolic link"));

    // The project's own `.env` as a link out of the project is refused too.
    std::fs::remove_file(outer.path().join("app/linked.env")).unwrap();
    outer.write("app/linked.env", "A=1\n");
    std::os::unix::fs::symlink(&secret, outer.path().join("app/.env")).unwrap();
    let mut sources = crate::source::SourceMap::new();
    let mut diags = crate::diag::Diagnostics::new();
    assert!(crate::compose::load::load_project(&options, &mut sources, &mut diags).is_none());
    let diags = diags.into_sorted();
    assert_eq!(diags[0].code, Code::OutsideProject);
    assert!(diags[0].message.contains(".env"));

    options.allow_outside_project = true;
    let mut sources = crate::source::SourceMap::new();
    let mut diags = crate::diag::Diagnostics::new();
    let loaded = crate::compose::load::load_project(&options, &mut sources, &mut diags).unwrap();
    let image = loaded
        .root
        .get("services")
        .unwrap()
        .get("app")
        .unwrap()
        .get("image")
        .unwrap();
    assert_eq!(image.as_str(), Some("app:s3cret"));
}

#[test]
fn each_file_is_read_once() {
    let dir = project(
        "envfile-once",
        "    env_file: shared.env\n  other:\n    image: other\n    env_file: [shared.env, ./shared.env]\n",
    );
    dir.write("shared.env", "A=1\n");
    let run = load_dir(&dir, &[], |_| {});
    assert!(run.diags.is_empty());
    let names: Vec<&str> = run.sources.files().map(|(_, f)| f.name.as_str()).collect();
    assert_eq!(names, ["compose.yaml", "shared.env"]);
}
