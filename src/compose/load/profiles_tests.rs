#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! The spec's illustrative example (15-profiles.md), case by case, and the command-line errors.

use super::{apply, Selection};
use crate::diag::{Code, Diagnostic, Diagnostics, Severity};
use crate::source::FileId;
use crate::yaml::{self, Node};

const SPEC_EXAMPLE: &str = "\
services:
  foo:
    image: foo
  bar:
    image: bar
    profiles:
      - test
  baz:
    image: baz
    depends_on:
      - bar
    profiles:
      - test
  zot:
    image: zot
    depends_on:
      - bar
    profiles:
      - debug
";

fn run(text: &str, profiles: &[&str], services: &[&str]) -> (Vec<String>, Vec<Diagnostic>, Node) {
    let mut root = yaml::parse(FileId(0), text)
        .documents
        .into_iter()
        .next()
        .unwrap();
    let profiles: Vec<String> = profiles.iter().map(|s| s.to_string()).collect();
    let services: Vec<String> = services.iter().map(|s| s.to_string()).collect();
    let mut diags = Diagnostics::new();
    apply(
        &mut root,
        Selection {
            profiles: &profiles,
            profiles_from: "--profile",
            services: &services,
            no_deps: false,
        },
        &mut diags,
    );
    let names = root
        .get("services")
        .unwrap()
        .as_map()
        .unwrap()
        .iter()
        .map(|(k, _)| k.as_str().unwrap().to_string())
        .collect();
    (names, diags.into_sorted(), root)
}

fn codes(diags: &[Diagnostic]) -> Vec<Code> {
    diags.iter().map(|d| d.code).collect()
}

fn errors(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags.iter().filter(|d| d.is_error()).collect()
}

#[test]
fn no_profile_enabled_keeps_only_services_without_profiles() {
    let (names, diags, _) = run(SPEC_EXAMPLE, &[], &[]);
    assert_eq!(names, ["foo"]);
    assert_eq!(codes(&diags), [Code::ServiceNotInActiveProfiles; 3]);
    assert!(diags.iter().all(|d| d.severity == Severity::Info));
    let bar = diags.iter().find(|d| d.message.contains("`bar`")).unwrap();
    let label = bar.primary.as_ref().unwrap();
    assert_eq!(
        &SPEC_EXAMPLE[label.span.start as usize..label.span.end as usize],
        "profiles:\n      - test"
    );
    assert!(
        bar.message.contains("no profile is active"),
        "{}",
        bar.message
    );
    assert!(bar.help.as_ref().unwrap().contains("--profile test"));
}

#[test]
fn profile_test_enables_bar_and_baz() {
    let (names, diags, _) = run(SPEC_EXAMPLE, &["test"], &[]);
    assert_eq!(names, ["foo", "bar", "baz"]);
    assert_eq!(codes(&diags), [Code::ServiceNotInActiveProfiles]);
    assert!(diags[0].message.contains("`zot`"));
}

#[test]
fn profile_debug_alone_makes_the_model_invalid() {
    let (_, diags, _) = run(SPEC_EXAMPLE, &["debug"], &[]);
    let errs = errors(&diags);
    assert_eq!(errs.len(), 1);
    let e = errs[0];
    assert_eq!(e.code, Code::DependencyNotEnabled);
    assert_eq!(
        e.message,
        "service `zot` needs `bar` (depends_on), which no active profile enables"
    );
    let span = e.primary.as_ref().unwrap().span;
    // The second `- bar`: zot's.
    let second = SPEC_EXAMPLE.rfind("- bar").unwrap() + 2;
    assert_eq!(span.start as usize, second);
    assert!(e.help.as_ref().unwrap().contains("--profile test"));
}

#[test]
fn profiles_debug_and_test_enable_everything() {
    let (names, diags, _) = run(SPEC_EXAMPLE, &["debug", "test"], &[]);
    assert_eq!(names, ["foo", "bar", "baz", "zot"]);
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn star_enables_every_profile() {
    let (names, diags, _) = run(SPEC_EXAMPLE, &["*"], &[]);
    assert_eq!(names, ["foo", "bar", "baz", "zot"]);
    assert!(diags.is_empty());
}

#[test]
fn targeting_bar_activates_test() {
    let (names, diags, _) = run(SPEC_EXAMPLE, &[], &["bar"]);
    assert_eq!(names, ["bar"]);
    // baz (test) is enabled by the targeting but not selected; zot stays disabled.
    assert_eq!(codes(&diags), [Code::ServiceNotInActiveProfiles]);
    assert!(diags[0].message.contains("`zot`"));
}

#[test]
fn targeting_baz_pulls_in_bar() {
    let (names, diags, _) = run(SPEC_EXAMPLE, &[], &["baz"]);
    assert_eq!(names, ["bar", "baz"]);
    let pulled: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == Code::DependenciesPulledIn)
        .collect();
    assert_eq!(pulled.len(), 1);
    assert_eq!(pulled[0].severity, Severity::Info);
    assert!(pulled[0].message.contains("`bar`"), "{}", pulled[0].message);
    assert!(errors(&diags).is_empty());
}

#[test]
fn targeting_zot_alone_is_invalid() {
    let (_, diags, _) = run(SPEC_EXAMPLE, &[], &["zot"]);
    assert_eq!(
        errors(&diags).iter().map(|d| d.code).collect::<Vec<_>>(),
        [Code::DependencyNotEnabled]
    );
}

#[test]
fn targeting_zot_with_test_pulls_in_bar() {
    let (names, diags, _) = run(SPEC_EXAMPLE, &["test"], &["zot"]);
    assert_eq!(names, ["bar", "zot"]);
    assert!(errors(&diags).is_empty(), "{diags:?}");
    assert!(codes(&diags).contains(&Code::DependenciesPulledIn));
}

#[test]
fn selection_follows_dependencies_transitively_and_through_links() {
    let text = "services:\n  web:\n    image: w\n    links: [api:backend]\n  api:\n    image: a\n    depends_on:\n      db: {condition: service_healthy}\n  db:\n    image: d\n    network_mode: service:vpn\n  vpn:\n    image: v\n  other:\n    image: o\n";
    let (names, diags, _) = run(text, &[], &["web"]);
    assert_eq!(names, ["web", "api", "db", "vpn"]);
    assert_eq!(codes(&diags), [Code::DependenciesPulledIn]);
    let d = &diags[0];
    assert_eq!(
        d.message,
        "the selected services need `api`, `db`, `vpn`, which are converted too"
    );
    assert_eq!(d.secondary.len(), 2);
}

#[test]
fn an_optional_dependency_on_a_disabled_service_is_dropped() {
    let text = "services:\n  app:\n    image: a\n    depends_on:\n      debug: {condition: service_started, required: false}\n      db: {condition: service_started}\n  db:\n    image: d\n  debug:\n    image: x\n    profiles: [debug]\n";
    let (names, diags, root) = run(text, &[], &[]);
    assert_eq!(names, ["app", "db"]);
    assert!(errors(&diags).is_empty(), "{diags:?}");
    let deps = root
        .get("services")
        .unwrap()
        .get("app")
        .unwrap()
        .get("depends_on")
        .unwrap()
        .as_map()
        .unwrap();
    assert_eq!(deps.len(), 1);
    assert_eq!(deps[0].0.as_str(), Some("db"));
}

#[test]
fn an_unknown_profile_is_an_error_listing_the_profiles() {
    let (names, diags, _) = run(SPEC_EXAMPLE, &["tset"], &[]);
    assert_eq!(names.len(), 4, "nothing is removed after an error");
    assert_eq!(codes(&diags), [Code::UnknownProfile]);
    let d = &diags[0];
    assert!(d.is_error());
    assert!(d.primary.is_none());
    assert_eq!(
        d.message,
        "profile `tset` (from --profile) is not used by any service"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("the profiles of this project: `debug`, `test`")
    );
}

#[test]
fn an_unknown_selected_service_suggests_the_closest() {
    let (_, diags, _) = run(SPEC_EXAMPLE, &[], &["bax"]);
    assert_eq!(codes(&diags), [Code::UnknownSelectedService]);
    assert_eq!(diags[0].help.as_deref(), Some("did you mean `bar`?"));
    assert!(diags[0].primary.is_none());
}

#[test]
fn services_without_profiles_are_unaffected_by_profiles() {
    let text = "services:\n  a: {image: a}\n  b: {image: b, profiles: []}\nvolumes:\n  data: {}\n";
    let (names, diags, root) = run(text, &[], &[]);
    assert_eq!(names, ["a", "b"]);
    assert!(diags.is_empty());
    assert!(root.get("volumes").is_some());
}

const PARTIAL: &str = "\
services:
  api:
    image: api
    depends_on:
      db: {condition: service_healthy}
      cache: {condition: service_started}
    links: [worker]
  worker:
    image: worker
    depends_on: [cache]
  cache:
    image: redis
    x-kubernetes:
      external: {host: compose-host.internal, port: 6379}
  db:
    image: postgres
";

fn partial(services: &[&str], no_deps: bool) -> (Node, Vec<super::LeftOut>, Vec<Diagnostic>) {
    let mut root = yaml::parse(FileId(0), PARTIAL)
        .documents
        .into_iter()
        .next()
        .unwrap();
    let services: Vec<String> = services.iter().map(|s| s.to_string()).collect();
    let mut diags = Diagnostics::new();
    let left_out = apply(
        &mut root,
        Selection {
            profiles: &[],
            profiles_from: "--profile",
            services: &services,
            no_deps,
        },
        &mut diags,
    );
    (root, left_out, diags.into_sorted())
}

#[test]
fn no_deps_keeps_only_the_named_services_and_cuts_their_references() {
    let (root, left_out, diags) = partial(&["api"], true);
    let services = root.get("services").unwrap();
    let names: Vec<_> = services
        .as_map()
        .unwrap()
        .iter()
        .map(|(k, _)| k.as_str().unwrap())
        .collect();
    assert_eq!(names, ["api"]);
    // The entries naming left-out services are gone, and so are keys left empty.
    let api = services.get("api").unwrap();
    assert!(api.get("depends_on").is_none());
    assert!(api.get("links").is_none());
    assert!(diags.is_empty(), "{diags:?}");

    let left: Vec<_> = left_out.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(left, ["worker", "cache", "db"]);
    let cache = &left_out[1];
    let external = cache.external.as_ref().unwrap();
    assert_eq!(external.value.host.value, "compose-host.internal");
    assert_eq!(external.value.port.as_ref().unwrap().value, 6379);
    let vias: Vec<_> = left_out
        .iter()
        .flat_map(|l| l.references.iter().map(|r| (l.name.as_str(), r.via)))
        .collect();
    assert_eq!(
        vias,
        [
            ("worker", "links"),
            ("cache", "depends_on"),
            ("db", "depends_on")
        ]
    );
}

#[test]
fn without_no_deps_dependencies_are_pulled_in_and_nothing_is_cut() {
    let (root, left_out, diags) = partial(&["worker"], false);
    let services = root.get("services").unwrap().as_map().unwrap();
    assert_eq!(services.len(), 2);
    assert_eq!(codes(&diags), [Code::DependenciesPulledIn]);
    let left: Vec<_> = left_out.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(left, ["api", "db"]);
    assert!(left_out.iter().all(|l| l.references.is_empty()));
}

#[test]
fn no_selection_leaves_nothing_out() {
    let (_, left_out, _) = partial(&[], true);
    assert!(left_out.is_empty());
}
