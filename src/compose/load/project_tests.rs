#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! The loading steps together, on real directories: discovery, `COMPOSE_FILE`, the project
//! directory, env-file precedence, project naming and profiles from the environment.

use std::path::PathBuf;

use super::{load_project, Input, LoadOptions, Loaded};
use crate::compose::load::test_dir::TestDir;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::SourceMap;

struct Run {
    loaded: Option<Loaded>,
    diags: Vec<Diagnostic>,
    sources: SourceMap,
}

impl Run {
    fn loaded(&self) -> &Loaded {
        self.loaded
            .as_ref()
            .unwrap_or_else(|| panic!("{:?}", self.diags))
    }

    fn services(&self) -> Vec<String> {
        self.loaded()
            .root
            .get("services")
            .unwrap()
            .as_map()
            .unwrap()
            .iter()
            .map(|(k, _)| k.as_str().unwrap().to_string())
            .collect()
    }

    fn image(&self, service: &str) -> String {
        self.loaded()
            .root
            .get("services")
            .unwrap()
            .get(service)
            .unwrap()
            .get("image")
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    fn codes(&self) -> Vec<Code> {
        self.diags.iter().map(|d| d.code).collect()
    }
}

fn load(dir: &TestDir, env: &[(&str, &str)], configure: impl FnOnce(&mut LoadOptions)) -> Run {
    let mut options = LoadOptions::new(Input::Files(Vec::new()));
    options.working_dir = dir.path().to_path_buf();
    options.environment = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    configure(&mut options);
    let mut sources = SourceMap::new();
    let mut diags = Diagnostics::new();
    let loaded = load_project(&options, &mut sources, &mut diags);
    Run {
        loaded,
        diags: diags.into_sorted(),
        sources,
    }
}

fn files(names: &[&str]) -> Vec<PathBuf> {
    names.iter().map(PathBuf::from).collect()
}

// --- discovery ---

#[test]
fn discovery_merges_the_override_file() {
    let dir = TestDir::new("load-discover-override");
    dir.write(
        "compose.yaml",
        "services:\n  web: {image: base}\n  db: {image: db}\n",
    );
    dir.write("compose.override.yaml", "services:\n  web: {image: dev}\n");
    let run = load(&dir, &[], |_| {});
    assert_eq!(run.services(), ["web", "db"]);
    assert_eq!(run.image("web"), "dev");
    assert!(run.diags.is_empty(), "{:?}", run.diags);
}

#[test]
fn several_default_files_warn_and_the_first_wins() {
    let dir = TestDir::new("load-discover-several");
    dir.write("compose.yaml", "services:\n  web: {image: new}\n");
    dir.write("docker-compose.yml", "services:\n  web: {image: old}\n");
    let run = load(&dir, &[], |_| {});
    assert_eq!(run.image("web"), "new");
    assert_eq!(run.codes(), [Code::SeveralComposeFiles]);
    assert_eq!(
        run.diags[0].message,
        "several Compose files found: using `compose.yaml`, ignoring `docker-compose.yml`"
    );
}

#[test]
fn no_file_is_an_error() {
    let dir = TestDir::new("load-discover-none");
    let run = load(&dir, &[], |_| {});
    assert!(run.loaded.is_none());
    assert_eq!(run.codes(), [Code::NoComposeFile]);
}

#[test]
fn compose_file_lists_the_files_when_no_f_is_given() {
    let dir = TestDir::new("load-compose-file");
    dir.write("compose.yaml", "services:\n  web: {image: discovered}\n");
    dir.write("a.yaml", "services:\n  web: {image: a}\n");
    dir.write(
        "sub/b.yaml",
        "services:\n  web: {image: b}\n  extra: {image: x}\n",
    );
    let run = load(&dir, &[("COMPOSE_FILE", "a.yaml:sub/b.yaml")], |_| {});
    assert_eq!(run.image("web"), "b");
    assert_eq!(run.services(), ["web", "extra"]);
    // The project directory is the first file's.
    assert_eq!(run.loaded().project_dir.as_deref(), Some(dir.path()));

    let run = load(
        &dir,
        &[
            ("COMPOSE_FILE", "sub/b.yaml;a.yaml"),
            ("COMPOSE_PATH_SEPARATOR", ";"),
        ],
        |_| {},
    );
    assert_eq!(run.image("web"), "a");

    // `-f` wins over `COMPOSE_FILE`.
    let run = load(&dir, &[("COMPOSE_FILE", "a.yaml")], |o| {
        o.input = Input::Files(files(&["compose.yaml"]));
    });
    assert_eq!(run.image("web"), "discovered");
}

#[test]
fn compose_file_may_come_from_dot_env() {
    let dir = TestDir::new("load-compose-file-dotenv");
    dir.write(".env", "COMPOSE_FILE=a.yaml\n");
    dir.write("compose.yaml", "services:\n  web: {image: discovered}\n");
    dir.write("a.yaml", "services:\n  web: {image: a}\n");
    let run = load(&dir, &[], |_| {});
    assert_eq!(run.image("web"), "a");
}

#[test]
fn a_missing_f_file_is_an_error() {
    let dir = TestDir::new("load-missing-f");
    dir.write("compose.yaml", "services:\n  web: {image: a}\n");
    let run = load(&dir, &[], |o| {
        o.input = Input::Files(files(&["compose.yaml", "nope.yaml"]));
    });
    assert!(run.loaded.is_none());
    assert_eq!(run.codes(), [Code::FileUnreadable]);
    assert!(run.diags[0].message.contains("nope.yaml"));
}

// --- project directory ---

#[test]
fn project_directory_holds_dot_env_and_the_files() {
    let dir = TestDir::new("load-project-dir");
    dir.write(
        "proj/compose.yaml",
        "services:\n  web: {image: \"app:${TAG}\"}\n",
    );
    dir.write("proj/.env", "TAG=from-project-dir\n");
    dir.write(".env", "TAG=from-cwd\n");
    let run = load(&dir, &[], |o| o.project_directory = Some("proj".into()));
    assert_eq!(run.image("web"), "app:from-project-dir");
    assert_eq!(run.loaded().name, "proj");
    assert_eq!(
        run.loaded().project_dir.as_deref(),
        Some(dir.path().join("proj").as_path())
    );
}

#[test]
fn project_directory_overrides_the_first_file_directory() {
    let dir = TestDir::new("load-project-dir-f");
    dir.write(
        "files/compose.yaml",
        "services:\n  web: {image: \"${TAG}\"}\n",
    );
    dir.write("files/.env", "TAG=beside-the-file\n");
    dir.write("other/.env", "TAG=project-dir\n");
    let run = load(&dir, &[], |o| {
        o.input = Input::Files(files(&["files/compose.yaml"]));
    });
    assert_eq!(run.image("web"), "beside-the-file");
    assert_eq!(run.loaded().name, "files");
    let run = load(&dir, &[], |o| {
        o.input = Input::Files(files(&["files/compose.yaml"]));
        o.project_directory = Some("other".into());
    });
    assert_eq!(run.image("web"), "project-dir");
    assert_eq!(run.loaded().name, "other");
}

#[test]
fn a_project_directory_that_is_not_one_is_an_error() {
    let dir = TestDir::new("load-project-dir-missing");
    let run = load(&dir, &[], |o| o.project_directory = Some("nope".into()));
    assert!(run.loaded.is_none());
    assert_eq!(run.codes(), [Code::FileUnreadable]);
}

// --- env files ---

#[test]
fn env_files_replace_dot_env_and_the_process_wins() {
    let dir = TestDir::new("load-env-files");
    dir.write(
        "compose.yaml",
        "services:\n  web:\n    image: \"${A}-${B}-${C}-${D:-unset}\"\n",
    );
    dir.write(".env", "D=from-dot-env\n");
    dir.write("one.env", "A=one\nB=one\nC=one\n");
    dir.write("two.env", "B=two\nC=two\n");
    let run = load(&dir, &[("C", "process")], |o| {
        o.env_files = files(&["one.env", "two.env"]);
    });
    assert_eq!(run.image("web"), "one-two-process-unset");
    let run = load(&dir, &[], |_| {});
    assert!(run.image("web").ends_with("-from-dot-env"));
}

#[test]
fn a_missing_env_file_is_an_error() {
    let dir = TestDir::new("load-env-file-missing");
    dir.write("compose.yaml", "services:\n  web: {image: a}\n");
    let run = load(&dir, &[], |o| o.env_files = files(&["nope.env"]));
    assert!(run.loaded.is_none());
    assert_eq!(run.codes(), [Code::FileUnreadable]);
    assert!(run.diags[0].message.contains("nope.env"));
}

// --- project name ---

#[test]
fn project_name_precedence() {
    let dir = TestDir::new("load-name");
    dir.write(
        "My_Proj/compose.yaml",
        "name: From-File\nservices:\n  web: {image: a}\n",
    );
    dir.write("My_Proj/override.yaml", "name: ${LATER:-later}\n");
    dir.write("My_Proj/.env", "COMPOSE_PROJECT_NAME=from-dot-env\n");
    let f = || Input::Files(files(&["My_Proj/compose.yaml", "My_Proj/override.yaml"]));
    let name = |env: &[(&str, &str)], p: Option<&str>| {
        load(&dir, env, |o| {
            o.input = f();
            o.project_name = p.map(str::to_string);
        })
        .loaded()
        .name
        .clone()
    };
    assert_eq!(name(&[("COMPOSE_PROJECT_NAME", "Env")], Some("Cli")), "cli");
    assert_eq!(name(&[("COMPOSE_PROJECT_NAME", "Env")], None), "env");
    assert_eq!(name(&[], None), "from-dot-env");
    std::fs::remove_file(dir.path().join("My_Proj/.env")).unwrap();
    assert_eq!(name(&[], None), "later");
    assert_eq!(name(&[("LATER", "Set Later")], None), "setlater");
    let run = load(&dir, &[], |o| {
        o.input = Input::Files(files(&["My_Proj/override.yaml"]));
        o.project_name = None;
    });
    // `name:` of the only file, then the directory's name.
    assert_eq!(run.loaded.as_ref().map(|l| l.name.as_str()), Some("later"));
    dir.write("My_Proj/bare.yaml", "services:\n  web: {image: a}\n");
    let run = load(&dir, &[], |o| {
        o.input = Input::Files(files(&["My_Proj/bare.yaml"]))
    });
    assert_eq!(run.loaded().name, "my_proj");
}

#[test]
fn an_empty_p_is_an_error() {
    let dir = TestDir::new("load-name-invalid");
    dir.write("compose.yaml", "services:\n  web: {image: a}\n");
    let run = load(&dir, &[], |o| o.project_name = Some("--".into()));
    assert!(run.loaded.is_none());
    assert_eq!(run.codes(), [Code::InvalidProjectName]);
}

#[test]
fn the_project_name_is_exposed_to_interpolation() {
    let dir = TestDir::new("load-name-exposed");
    dir.write(
        "compose.yaml",
        "name: demo\nservices:\n  web: {image: \"${COMPOSE_PROJECT_NAME}-web\"}\n",
    );
    let run = load(&dir, &[], |_| {});
    assert_eq!(run.image("web"), "demo-web");
    assert!(run.diags.is_empty());
}

// --- profiles from the environment ---

#[test]
fn compose_profiles_applies_without_profile_flags() {
    let dir = TestDir::new("load-profiles");
    dir.write(
        "compose.yaml",
        "services:\n  web: {image: a}\n  debug: {image: d, profiles: [debug]}\n  gpu: {image: g, profiles: [gpu]}\n",
    );
    let run = load(&dir, &[("COMPOSE_PROFILES", "debug, gpu")], |_| {});
    assert_eq!(run.services(), ["web", "debug", "gpu"]);
    let run = load(&dir, &[("COMPOSE_PROFILES", "debug")], |o| {
        o.profiles = vec!["gpu".into()];
    });
    assert_eq!(run.services(), ["web", "gpu"]);
    let run = load(&dir, &[("COMPOSE_PROFILES", "nope")], |_| {});
    assert!(run.loaded.is_none());
    assert!(run.diags[0].message.contains("from COMPOSE_PROFILES"));
}

// --- merged files ---

#[test]
fn a_value_from_the_override_file_points_into_it() {
    let dir = TestDir::new("load-merge-spans");
    dir.write(
        "compose.yaml",
        "services:\n  web:\n    image: a\n    ports: [\"80\"]\n",
    );
    dir.write("prod.yaml", "services:\n  web:\n    ports: [\"8080:80\"]\n");
    let run = load(&dir, &[], |o| {
        o.input = Input::Files(files(&["compose.yaml", "prod.yaml"]));
    });
    let ports = run
        .loaded()
        .root
        .get("services")
        .unwrap()
        .get("web")
        .unwrap()
        .get("ports")
        .unwrap()
        .as_seq()
        .unwrap();
    assert_eq!(ports.len(), 2);
    let file = run.sources.get(ports[1].span.file).unwrap();
    assert_eq!(file.name, "prod.yaml");
    assert_eq!(file.line_col(ports[1].span.start), (3, 13));
}

#[test]
fn a_later_file_that_is_not_a_mapping_is_an_error() {
    let dir = TestDir::new("load-merge-list");
    dir.write("compose.yaml", "services:\n  web: {image: a}\n");
    dir.write("list.yaml", "- a\n");
    let run = load(&dir, &[], |o| {
        o.input = Input::Files(files(&["compose.yaml", "list.yaml"]));
    });
    assert!(run.loaded.is_none());
    assert_eq!(run.codes(), [Code::NotAMapping]);
}
