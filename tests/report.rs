#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! `report` and `convert --report`: the migration report's shape in Markdown and JSON.

mod support;

use serde_json::Value;
use support::{stderr, stdout, TempDir};

fn report(t: &TempDir, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["report", "-p", "seed"];
    args.extend_from_slice(extra);
    t.run(&args)
}

fn service<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap()
}

fn key<'a>(s: &'a Value, name: &str) -> &'a Value {
    s["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["key"] == name)
        .unwrap_or_else(|| panic!("no key {name} in {s}"))
}

#[test]
fn json_report_gives_each_key_its_outcome_codes_and_objects() {
    let t = TempDir::seed("report-json");
    let o = report(&t, &["--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["project"], "seed");
    assert_eq!(r["kubernetes_api"], "1.33");
    assert_eq!(r["converted"], true);
    assert_eq!(r["summary"]["services"], 3);
    assert_eq!(r["summary"]["objects"], 5);

    let api = service(&r, "api");
    assert_eq!(api["status"], "converted");
    let keys: Vec<&str> = api["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["build", "ports", "develop", "environment", "volumes"],
        "source order"
    );
    assert_eq!(key(api, "environment")["outcome"], "mapped");
    assert_eq!(key(api, "environment")["kubernetes"], "container `env`");
    assert_eq!(key(api, "build")["outcome"], "approximated");
    assert_eq!(key(api, "build")["diagnostics"][0]["code"], "C2K3001");
    assert_eq!(key(api, "develop")["outcome"], "dropped");
    assert_eq!(key(api, "develop")["kubernetes"], Value::Null);
    assert_eq!(key(api, "volumes")["outcome"], "dropped");
    assert_eq!(key(api, "volumes")["line"], 17, "the line of the value");
    let objects: Vec<(&str, &str)> = api["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["kind"].as_str().unwrap(), o["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        objects,
        [
            ("Service", "service-api.yaml"),
            ("Deployment", "deployment-api.yaml")
        ]
    );

    let worker = service(&r, "worker");
    assert_eq!(worker["depends_on"][0]["service"], "redis");
    assert_eq!(worker["depends_on"][0]["condition"], "service_healthy");
    let redis = service(&r, "redis");
    assert_eq!(key(redis, "healthcheck.interval")["outcome"], "mapped");
}

#[test]
fn markdown_report_opens_with_a_mermaid_flowchart() {
    let t = TempDir::seed("report-md");
    let o = report(&t, &[]);
    assert_eq!(o.status.code(), Some(0));
    let md = stdout(&o);
    assert!(
        md.starts_with("# Migration report: `seed`\n\n```mermaid\nflowchart LR\n"),
        "{md}"
    );
    assert!(
        md.contains("  s1 -->|healthy| s2\n"),
        "worker → redis:\n{md}"
    );
    assert!(md.contains("[\"Deployment api\"]"));
    assert!(md.contains("## Service `api`"));
    assert!(
        md.contains("| `volumes` | compose.yaml:17 | dropped | — | C2K3003 `bind-mount` |"),
        "{md}"
    );
    assert!(md.contains("| `environment` | compose.yaml:15 | mapped | container `env` |  |"));
}

#[test]
fn services_left_out_stay_on_compose() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/profiles-services");
    let o = support::run_in(&dir, &["report", "--services", "web", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(service(&r, "web")["status"], "converted");
    assert_eq!(service(&r, "db")["status"], "converted");
    assert_eq!(service(&r, "admin")["status"], "stays-on-compose");
    assert_eq!(service(&r, "admin")["objects"], Value::Array(Vec::new()));
    assert_eq!(service(&r, "metrics")["status"], "stays-on-compose");
    assert_eq!(r["summary"]["services_left_on_compose"], 2);
    let o = support::run_in(&dir, &["report", "--services", "web"]);
    assert!(stdout(&o).contains("([\"admin<br/>stays on Compose\"]):::compose"));
}

#[test]
fn a_failing_project_still_gets_a_report_and_exit_1() {
    let t = TempDir::new("report-fail");
    t.write(
        "compose.yaml",
        "services:\n  a:\n    image: x\n    depends_on: [b]\n",
    );
    let o = t.run(&["report", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["converted"], false);
    assert_eq!(service(&r, "a")["status"], "not-converted");
    assert_eq!(key(service(&r, "a"), "depends_on")["outcome"], "error");
    assert_eq!(r["summary"]["errors"], 1);
}

#[test]
fn convert_writes_the_report_beside_the_manifests() {
    let t = TempDir::seed("report-file");
    let o = t.run(&[
        "convert",
        "-p",
        "seed",
        "-o",
        "out",
        "--report",
        "MIGRATION.md",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(t.read("MIGRATION.md"), stdout(&report(&t, &[])));
    let o = t.run(&["convert", "-p", "seed", "--report", "report.json"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!o.stdout.is_empty(), "manifests still go to stdout");
    let r: Value = serde_json::from_str(&t.read("report.json")).unwrap();
    assert_eq!(r["project"], "seed");
    // Errors write nothing, the report included.
    let o = t.run(&[
        "convert",
        "-p",
        "seed",
        "--deny",
        "warnings",
        "--report",
        "denied.md",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!t.path().join("denied.md").exists());
}

#[test]
fn keys_and_diagnostics_from_an_override_file_belong_to_their_service() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/merge-override");
    let o = support::run_in(
        &dir,
        &[
            "report",
            "-f",
            "compose.yaml",
            "-f",
            "override.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let web = service(&r, "web");
    assert_eq!(key(web, "image")["file"], "override.yaml");
    assert_eq!(key(web, "labels")["file"], "compose.yaml");
    // Ports merged from the override lie outside the first file's list, but are `web`'s.
    let codes: Vec<&str> = web["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["C2K3008", "C2K3008"]);
    let project: Vec<&str> = r["project_diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        project,
        ["C2K3010"],
        "the top-level volume is the project's"
    );
}
