#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! The rules of the spec's chapter 13, each checked against the result the spec text gives (or,
//! where the spec is silent, the one Compose gives). Expected trees are written as YAML and
//! compared by value: spans, quoting styles and the like do not count.

use super::{clear_reset_values, merge, resolve_tags};
use crate::diag::{Code, Diagnostic};
use crate::source::FileId;
use crate::yaml::{self, Node, NodeKind};

#[derive(Debug, PartialEq)]
enum V {
    Null,
    S(String),
    L(Vec<V>),
    M(Vec<(String, V)>),
}

fn value(n: &Node) -> V {
    match &n.kind {
        _ if n.is_null() => V::Null,
        NodeKind::Scalar { text, .. } => V::S(text.clone()),
        NodeKind::Seq(items) => V::L(items.iter().map(value).collect()),
        NodeKind::Map(entries) => V::M(
            entries
                .iter()
                .map(|(k, v)| (k.as_str().unwrap().to_string(), value(v)))
                .collect(),
        ),
    }
}

fn parse(file: u32, text: &str) -> Node {
    let parsed = yaml::parse(FileId(file), text);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    parsed.documents.into_iter().next().unwrap()
}

/// Merges the files in order, as the loader does.
fn merge_all(files: &[&str]) -> (Node, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut nodes = files.iter().enumerate().map(|(i, t)| {
        let mut n = parse(i as u32, t);
        clear_reset_values(&mut n);
        n
    });
    let mut merged = resolve_tags(nodes.next().unwrap());
    for n in nodes {
        merged = merge(merged, n, &mut diags);
    }
    (merged, diags)
}

fn assert_merges(files: &[&str], expected: &str) {
    let (merged, diags) = merge_all(files);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(value(&merged), value(&parse(9, expected)));
    assert_no_merge_tags(&merged);
}

fn assert_no_merge_tags(n: &Node) {
    let mut stack = vec![n];
    while let Some(n) = stack.pop() {
        assert!(
            !matches!(n.tag.as_deref(), Some("!reset" | "!override")),
            "a merge tag survived: {n:?}"
        );
        match &n.kind {
            NodeKind::Scalar { .. } => {}
            NodeKind::Seq(items) => stack.extend(items),
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    stack.push(k);
                    stack.push(v);
                }
            }
        }
    }
}

fn at<'a>(n: &'a Node, path: &[&str]) -> &'a Node {
    path.iter().fold(n, |n, k| n.get(k).unwrap())
}

// --- 13-merge.md, "Mapping" ---

#[test]
fn mappings_add_missing_entries_and_override_conflicting_ones() {
    assert_merges(
        &[
            "services:\n  foo:\n    key1: value1\n    key2: value2\n",
            "services:\n  foo:\n    key2: VALUE\n    key3: value3\n",
        ],
        "services:\n  foo:\n    key1: value1\n    key2: VALUE\n    key3: value3\n",
    );
}

#[test]
fn top_level_sections_merge_by_name() {
    assert_merges(
        &[
            "services:\n  a: {image: a}\nvolumes:\n  data: {}\n",
            "services:\n  b: {image: b}\nvolumes:\n  data:\n    driver: local\n  logs:\n",
        ],
        "services:\n  a: {image: a}\n  b: {image: b}\nvolumes:\n  data: {driver: local}\n  logs:\n",
    );
}

// --- "Sequence" ---

#[test]
fn sequences_append() {
    assert_merges(
        &[
            "services:\n  foo:\n    DNS:\n      - 1.1.1.1\n",
            "services:\n  foo:\n    DNS:\n      - 8.8.8.8\n",
        ],
        "services:\n  foo:\n    DNS:\n      - 1.1.1.1\n      - 8.8.8.8\n",
    );
}

#[test]
fn string_or_list_values_append_as_lists() {
    assert_merges(
        &[
            "services:\n  foo:\n    dns: 1.1.1.1\n",
            "services:\n  foo:\n    dns: [8.8.8.8, 1.1.1.1]\n",
        ],
        "services:\n  foo:\n    dns: [1.1.1.1, 8.8.8.8]\n",
    );
}

#[test]
fn sets_do_not_repeat_values() {
    assert_merges(
        &[
            "services:\n  foo:\n    cap_add: [NET_ADMIN]\n    profiles: [debug]\n",
            "services:\n  foo:\n    cap_add: [NET_ADMIN, SYS_TIME]\n    profiles: [debug, test]\n",
        ],
        "services:\n  foo:\n    cap_add: [NET_ADMIN, SYS_TIME]\n    profiles: [debug, test]\n",
    );
}

// --- "Shell commands" ---

#[test]
fn command_entrypoint_and_healthcheck_test_are_replaced() {
    assert_merges(
        &[
            "services:\n  foo:\n    command: [\"echo\", \"foo\"]\n    entrypoint: [sh, -c]\n    healthcheck:\n      test: [CMD, a]\n      retries: 3\n",
            "services:\n  foo:\n    command: [\"echo\", \"bar\"]\n    entrypoint: bash\n    healthcheck:\n      test: [CMD, b]\n",
        ],
        "services:\n  foo:\n    command: [echo, bar]\n    entrypoint: bash\n    healthcheck:\n      test: [CMD, b]\n      retries: 3\n",
    );
}

// --- "Unique resources" ---

#[test]
fn volumes_merge_by_target() {
    assert_merges(
        &[
            "services:\n  foo:\n    volumes:\n      - foo:/work\n",
            "services:\n  foo:\n    volumes:\n      - bar:/work\n",
        ],
        "services:\n  foo:\n    volumes:\n      - bar:/work\n",
    );
}

#[test]
fn entries_sharing_a_key_merge_their_expanded_forms() {
    // `ro` is part of the earlier entry's expanded form and the later entry does not restate it.
    assert_merges(
        &[
            "services:\n  foo:\n    volumes:\n      - foo:/work:ro\n      - /cache\n",
            "services:\n  foo:\n    volumes:\n      - bar:/work\n      - type: tmpfs\n        target: /tmp\n",
        ],
        "services:\n  foo:\n    volumes:\n      - {type: volume, source: bar, target: /work, read_only: true}\n      - /cache\n      - {type: tmpfs, target: /tmp}\n",
    );
    // An explicit `rw` does undo it.
    assert_merges(
        &[
            "services:\n  foo:\n    volumes: [\"foo:/work:ro\"]\n",
            "services:\n  foo:\n    volumes: [\"bar:/work:rw\"]\n",
        ],
        "services:\n  foo:\n    volumes: [\"bar:/work:rw\"]\n",
    );
}

#[test]
fn long_and_short_volume_entries_match_on_target() {
    assert_merges(
        &[
            "services:\n  foo:\n    volumes:\n      - type: bind\n        source: ./a\n        target: /data/\n        bind: {propagation: rshared}\n",
            "services:\n  foo:\n    volumes:\n      - ./b:/data\n",
        ],
        "services:\n  foo:\n    volumes:\n      - type: bind\n        source: ./b\n        target: /data\n        bind: {propagation: rshared, create_host_path: true}\n",
    );
}

#[test]
fn ports_merge_by_ip_target_published_and_protocol() {
    assert_merges(
        &[
            "services:\n  foo:\n    ports:\n      - \"8080:80\"\n      - \"127.0.0.1:9000:9000\"\n      - \"53:53/udp\"\n",
            "services:\n  foo:\n    ports:\n      - \"8080:80\"\n      - \"8081:80\"\n      - \"9000:9000\"\n      - \"53:53\"\n      - target: 53\n        published: 53\n        protocol: udp\n        mode: host\n",
        ],
        "services:\n  foo:\n    ports:\n      - \"8080:80\"\n      - \"127.0.0.1:9000:9000\"\n      - {target: 53, published: 53, protocol: udp, mode: host}\n      - \"8081:80\"\n      - \"9000:9000\"\n      - \"53:53\"\n",
    );
}

#[test]
fn a_long_port_adds_its_fields_to_the_short_one_it_matches() {
    assert_merges(
        &[
            "services:\n  foo:\n    ports:\n      - target: 80\n        published: \"8080\"\n        app_protocol: http\n",
            "services:\n  foo:\n    ports:\n      - target: 80\n        published: 8080\n        name: web\n",
        ],
        "services:\n  foo:\n    ports:\n      - {target: 80, published: \"8080\", app_protocol: http, name: web}\n",
    );
}

#[test]
fn secrets_and_configs_merge_by_target() {
    assert_merges(
        &[
            "services:\n  foo:\n    secrets: [token, {source: key, target: /etc/key}]\n    configs: [app]\n",
            "services:\n  foo:\n    secrets:\n      - source: token\n        mode: 0400\n      - source: other\n        target: /etc/key\n      - source: token\n        target: copy\n    configs:\n      - source: app2\n        target: /app\n",
        ],
        "services:\n  foo:\n    secrets:\n      - {source: token, mode: 0400}\n      - {source: other, target: /etc/key}\n      - {source: token, target: copy}\n    configs:\n      - {source: app2, target: /app}\n",
    );
}

#[test]
fn devices_merge_by_container_path() {
    assert_merges(
        &[
            "services:\n  foo:\n    devices: [\"/dev/ttyUSB0:/dev/ttyUSB0\", \"/dev/sda:/dev/xvda:rwm\"]\n",
            "services:\n  foo:\n    devices: [\"/dev/ttyUSB1:/dev/ttyUSB0\", {source: /dev/sdb, target: /dev/xvda}]\n",
        ],
        "services:\n  foo:\n    devices:\n      - /dev/ttyUSB1:/dev/ttyUSB0\n      - {source: /dev/sdb, target: /dev/xvda, permissions: rwm}\n",
    );
}

#[test]
fn override_on_a_list_entry_replaces_the_entry_it_matches() {
    assert_merges(
        &[
            "services:\n  foo:\n    volumes:\n      - foo:/work:ro\n",
            "services:\n  foo:\n    volumes:\n      - !override bar:/work\n",
        ],
        "services:\n  foo:\n    volumes:\n      - bar:/work\n",
    );
}

// --- list-or-mapping forms ---

#[test]
fn environment_list_and_mapping_merge_by_name() {
    assert_merges(
        &[
            "services:\n  foo:\n    environment:\n      - A=1\n      - B=2\n      - C\n",
            "services:\n  foo:\n    environment:\n      A: 3\n      D:\n",
        ],
        "services:\n  foo:\n    environment:\n      A: \"3\"\n      B: \"2\"\n      C:\n      D:\n",
    );
    assert_merges(
        &[
            "services:\n  foo:\n    environment:\n      A: 1\n      B: 2\n",
            "services:\n  foo:\n    environment:\n      - B=x=y\n      - E\n",
        ],
        "services:\n  foo:\n    environment:\n      A: 1\n      B: x=y\n      E:\n",
    );
}

#[test]
fn environment_lists_merge_by_name_in_place() {
    assert_merges(
        &[
            "services:\n  foo:\n    environment: [A=1, B=2]\n",
            "services:\n  foo:\n    environment: [C=3, A=4, B]\n",
        ],
        "services:\n  foo:\n    environment: [A=4, B, C=3]\n",
    );
}

#[test]
fn labels_build_args_and_deploy_labels_merge_by_key() {
    assert_merges(
        &[
            "services:\n  foo:\n    labels: {a: \"1\"}\n    build:\n      context: .\n      args: [X=1]\n    deploy:\n      labels: [k=v]\n",
            "services:\n  foo:\n    labels: [a=2, b=3]\n    build:\n      args: {X: 2, Y: 3}\n    deploy:\n      labels: {k: w}\n",
        ],
        "services:\n  foo:\n    labels: {a: \"2\", b: \"3\"}\n    build:\n      context: .\n      args: {X: 2, Y: 3}\n    deploy:\n      labels: {k: w}\n",
    );
}

#[test]
fn depends_on_list_meets_mapping_with_compose_defaults() {
    assert_merges(
        &[
            "services:\n  foo:\n    depends_on: [db, cache]\n",
            "services:\n  foo:\n    depends_on:\n      db:\n        condition: service_healthy\n",
        ],
        "services:\n  foo:\n    depends_on:\n      db: {condition: service_healthy, required: true}\n      cache: {condition: service_started, required: true}\n",
    );
    assert_merges(
        &[
            "services:\n  foo:\n    depends_on: [db]\n",
            "services:\n  foo:\n    depends_on: [cache, db]\n",
        ],
        "services:\n  foo:\n    depends_on: [db, cache]\n",
    );
}

#[test]
fn service_networks_list_meets_mapping() {
    assert_merges(
        &[
            "services:\n  foo:\n    networks: [front, back]\n",
            "services:\n  foo:\n    networks:\n      back:\n        aliases: [db]\n",
        ],
        "services:\n  foo:\n    networks:\n      front:\n      back: {aliases: [db]}\n",
    );
}

#[test]
fn build_string_is_the_context() {
    assert_merges(
        &[
            "services:\n  foo:\n    build: ./app\n",
            "services:\n  foo:\n    build:\n      target: prod\n",
        ],
        "services:\n  foo:\n    build: {context: ./app, target: prod}\n",
    );
}

#[test]
fn ulimit_number_is_soft_and_hard() {
    assert_merges(
        &[
            "services:\n  foo:\n    ulimits:\n      nofile: 1024\n      nproc: 10\n",
            "services:\n  foo:\n    ulimits:\n      nofile: {hard: 4096}\n      nproc: 20\n",
        ],
        "services:\n  foo:\n    ulimits:\n      nofile: {soft: 1024, hard: 4096}\n      nproc: 20\n",
    );
}

#[test]
fn logging_options_merge_only_for_the_same_driver() {
    assert_merges(
        &[
            "services:\n  a:\n    logging: {driver: json-file, options: {max-size: 1m}}\n  b:\n    logging: {driver: json-file, options: {max-size: 1m}}\n",
            "services:\n  a:\n    logging: {driver: syslog, options: {tag: x}}\n  b:\n    logging: {options: {max-file: \"3\"}}\n",
        ],
        "services:\n  a:\n    logging: {driver: syslog, options: {tag: x}}\n  b:\n    logging: {driver: json-file, options: {max-size: 1m, max-file: \"3\"}}\n",
    );
}

#[test]
fn extra_hosts_in_both_forms() {
    assert_merges(
        &[
            "services:\n  foo:\n    extra_hosts: [\"a=1.1.1.1\"]\n",
            "services:\n  foo:\n    extra_hosts:\n      a: 1.1.1.1\n      b: [2.2.2.2, 3.3.3.3]\n",
        ],
        "services:\n  foo:\n    extra_hosts: [a=1.1.1.1, b=2.2.2.2, b=3.3.3.3]\n",
    );
}

#[test]
fn null_in_a_later_file_keeps_the_earlier_value() {
    assert_merges(
        &[
            "services:\n  foo:\n    image: a\n    environment: {A: \"1\"}\n",
            "services:\n  foo:\n    image:\n    environment:\n",
        ],
        "services:\n  foo:\n    image: a\n    environment: {A: \"1\"}\n",
    );
}

#[test]
fn a_scalar_is_replaced_even_by_a_list() {
    assert_merges(
        &[
            "services:\n  foo:\n    x-a: one\n",
            "services:\n  foo:\n    x-a: [two]\n",
        ],
        "services:\n  foo:\n    x-a: [two]\n",
    );
}

// --- "Reset value" ---

#[test]
fn reset_removes_the_value() {
    // The spec's example, with its base indented as intended. The spec shows no `environment`
    // at all in the result; an empty mapping is the same model (no variables).
    assert_merges(
        &[
            "services:\n  app:\n    image: myapp\n    ports:\n      - \"8080:80\"\n    environment:\n      FOO: BAR\n",
            "services:\n  app:\n    image: myapp\n    ports: !reset []\n    environment:\n      FOO: !reset null\n",
        ],
        "services:\n  app:\n    image: myapp\n    environment: {}\n",
    );
}

#[test]
fn reset_of_a_whole_service_or_key_absent_in_the_base() {
    assert_merges(
        &[
            "services:\n  a: {image: a}\n  b: {image: b}\n",
            "services:\n  b: !reset {}\n  c: {image: c, ports: !reset []}\n",
        ],
        "services:\n  a: {image: a}\n  c: {image: c}\n",
    );
}

#[test]
fn reset_in_a_single_file_leaves_the_key_absent() {
    assert_merges(
        &["services:\n  app:\n    image: x\n    ports: !reset [\"80\"]\n    command: !override [a]\n"],
        "services:\n  app:\n    image: x\n    command: [a]\n",
    );
}

#[test]
fn reset_values_are_not_interpolated() {
    let mut n = parse(0, "a: !reset ${NOPE}\nb: [!reset $X]\n");
    clear_reset_values(&mut n);
    assert!(n.get("a").unwrap().is_null());
    assert!(n.get("b").unwrap().as_seq().unwrap()[0].is_null());
}

// --- "Replace value" ---

#[test]
fn override_replaces_instead_of_merging() {
    assert_merges(
        &[
            "services:\n  app:\n    image: myapp\n    ports:\n      - \"8080:80\"\n",
            "services:\n  app:\n    ports: !override\n      - \"8443:443\"\n",
        ],
        "services:\n  app:\n    image: myapp\n    ports:\n      - \"8443:443\"\n",
    );
    // Without the tag both ports are kept.
    assert_merges(
        &[
            "services:\n  app:\n    image: myapp\n    ports:\n      - \"8080:80\"\n",
            "services:\n  app:\n    ports:\n      - \"8443:443\"\n",
        ],
        "services:\n  app:\n    image: myapp\n    ports: [\"8080:80\", \"8443:443\"]\n",
    );
}

#[test]
fn override_of_a_mapping_drops_the_earlier_keys_and_resolves_nested_tags() {
    assert_merges(
        &[
            "services:\n  app:\n    image: a\n    deploy: {replicas: 2, labels: {a: b}}\n",
            "services:\n  app:\n    deploy: !override\n      replicas: 3\n      mode: !reset x\n",
        ],
        "services:\n  app:\n    image: a\n    deploy: {replicas: 3}\n",
    );
}

#[test]
fn three_files_merge_in_order() {
    assert_merges(
        &[
            "services:\n  app: {image: a, ports: [\"80\"]}\n",
            "services:\n  app: {image: b, ports: !reset []}\n",
            "services:\n  app: {ports: [\"81\"]}\n",
        ],
        "services:\n  app: {image: b, ports: [\"81\"]}\n",
    );
}

// --- errors and spans ---

#[test]
fn a_mapping_onto_a_list_is_an_error_pointing_at_both_files() {
    let (merged, diags) = merge_all(&[
        "services:\n  app:\n    image: a\n    deploy: {replicas: 1}\n    x-list: [a]\n",
        "services:\n  app:\n    deploy: [replicas]\n    x-list: {a: b}\n",
    ]);
    assert_eq!(diags.len(), 2, "{diags:?}");
    for d in &diags {
        assert_eq!(d.code, Code::MergeTypeMismatch);
        assert_eq!(d.primary.as_ref().unwrap().span.file, FileId(1));
        assert_eq!(d.secondary[0].span.file, FileId(0));
    }
    assert_eq!(
        diags[0].message,
        "cannot merge a list onto a mapping at `services.app.deploy`"
    );
    assert_eq!(
        diags[1].message,
        "cannot merge a mapping onto a list at `services.app.x-list`"
    );
    // The earlier value is kept.
    assert!(at(&merged, &["services", "app", "deploy"])
        .get("replicas")
        .is_some());
}

#[test]
fn mismatch_messages_never_show_values() {
    let (_, diags) = merge_all(&[
        "services:\n  app:\n    environment: {PASSWORD: hunter2}\n",
        "services:\n  app:\n    environment: hunter3\n",
    ]);
    assert_eq!(diags.len(), 1);
    let d = &diags[0];
    let all = format!(
        "{} {:?} {:?} {:?}",
        d.message, d.primary, d.secondary, d.help
    );
    assert!(!all.contains("hunter"), "{all}");
}

#[test]
fn values_keep_the_span_of_the_file_that_set_them() {
    let (merged, diags) = merge_all(&[
        "services:\n  app:\n    image: a\n    ports: [\"80:80\"]\n    environment: [A=1]\n",
        "services:\n  app:\n    image: b\n    ports: [\"81:81\"]\n    environment: {B: 2}\n",
    ]);
    assert!(diags.is_empty());
    let app = at(&merged, &["services", "app"]);
    let (image_key, image) = app.entry("image").unwrap();
    assert_eq!(image.span.file, FileId(1));
    assert_eq!(image_key.span.file, FileId(1));
    let ports = app.get("ports").unwrap().as_seq().unwrap();
    assert_eq!(ports[0].span.file, FileId(0));
    assert_eq!(ports[1].span.file, FileId(1));
    let env = app.get("environment").unwrap().as_map().unwrap();
    assert_eq!(env[0].0.span.file, FileId(0));
    assert_eq!(env[1].1.span.file, FileId(1));
    // The service mapping was merged, not replaced: its key stays in the first file.
    let (service_key, _) = at(&merged, &["services"]).entry("app").unwrap();
    assert_eq!(service_key.span.file, FileId(0));
}
