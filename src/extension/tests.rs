#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

use crate::compose::ast::{read_project, Project};
use crate::diag::{Code, Diagnostic};
use crate::source::SourceMap;
use crate::yaml::{de::Context, parse};

fn read(text: &str) -> (Project, Vec<Diagnostic>, SourceMap) {
    let mut map = SourceMap::new();
    let id = map.add("compose.yaml", Path::new("compose.yaml"), text.to_string());
    let parsed = parse(id, text);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let cx = Context::new();
    let project = read_project(&parsed.documents[0], &cx);
    (project, cx.take(), map)
}

/// The service `api` with `block` as its `x-kubernetes`, indented by the caller's 6 spaces.
fn service(block: &str) -> (Project, Vec<Diagnostic>, SourceMap) {
    read(&format!(
        "services:\n  api:\n    image: x\n    ports: [\"80\"]\n    x-kubernetes:\n{block}"
    ))
}

fn codes(diags: &[Diagnostic]) -> Vec<Code> {
    diags.iter().map(|d| d.code).collect()
}

fn text_at<'a>(map: &'a SourceMap, d: &Diagnostic) -> &'a str {
    let span = d.primary.as_ref().unwrap().span;
    map.get(span.file).unwrap().slice(span)
}

#[test]
fn reads_all_three_levels() {
    let (p, diags, _) = read(concat!(
        "x-kubernetes:\n  namespace: shop\n  labels: {team: web}\n",
        "services:\n  api:\n    image: x\n    x-kubernetes:\n      kind: StatefulSet\n      replicas: 2\n",
        "volumes:\n  data:\n    x-kubernetes:\n      size: 10Gi\n      accessModes: [ReadWriteMany]\n",
    ));
    assert!(diags.is_empty(), "{diags:?}");
    let top = &p.x_kubernetes.unwrap().value;
    assert_eq!(top.namespace.as_ref().unwrap().value, "shop");
    assert_eq!(top.labels.as_ref().unwrap().value["team"], "web");
    let api = &p.services["api"].x_kubernetes.as_ref().unwrap().value;
    assert_eq!(
        api.kind.as_ref().unwrap().value,
        super::WorkloadKind::StatefulSet
    );
    let volume = p.volumes["data"].value.as_ref().unwrap();
    let v = &volume.x_kubernetes.as_ref().unwrap().value;
    assert_eq!(v.size.as_ref().unwrap().value, "10Gi");
    assert_eq!(
        v.access_modes.as_ref().unwrap().value,
        [super::AccessMode::ReadWriteMany]
    );
}

#[test]
fn unknown_keys_get_the_extension_code_and_a_suggestion() {
    let (p, diags, map) =
        service("      replica: 2\n      ingress:\n        hots: a.example.com\n");
    assert_eq!(
        codes(&diags),
        [Code::ExtensionUnknownKey, Code::ExtensionUnknownKey]
    );
    assert_eq!(text_at(&map, &diags[0]), "replica");
    assert!(diags[0].help.as_deref().unwrap().contains("`replicas`"));
    assert!(diags[1].help.as_deref().unwrap().contains("`host`"));
    // The rest of the block and the service itself are still read.
    assert!(p.services["api"].x_kubernetes.is_some());
}

#[test]
fn a_broken_block_keeps_the_service() {
    let (p, diags, map) = service("      replicas: three\n");
    assert_eq!(codes(&diags), [Code::ExtensionInvalidValue]);
    assert_eq!(text_at(&map, &diags[0]), "three");
    assert!(p.services.contains_key("api"));
    assert!(p.services["api"].x_kubernetes.is_none());
}

#[test]
fn enum_values_suggest_the_closest_name() {
    let (_, diags, _) = service("      kind: Cronjob\n      schedule: '@daily'\n");
    assert_eq!(codes(&diags), [Code::ExtensionInvalidValue]);
    assert!(diags[0].message.contains("did you mean `CronJob`"));
}

#[test]
fn contradictions_are_reported() {
    let (_, diags, _) = service(concat!(
        "      schedule: '0 3 * * *'\n",
        "      replicas: 2\n",
        "      autoscaling: {maxReplicas: 4, cpu: 50}\n",
        "      probes:\n        readiness:\n          httpGet: {port: 80}\n          tcpSocket: {port: 80}\n",
        "      strategy: {type: Recreate, maxSurge: 1}\n",
    ));
    assert_eq!(
        codes(&diags)
            .iter()
            .filter(|c| **c == Code::ExtensionConflict)
            .count(),
        4,
        "{diags:?}"
    );
}

#[test]
fn autoscaling_bounds_and_triggers() {
    let (_, diags, map) = service(concat!(
        "      autoscaling:\n        minReplicas: 5\n        maxReplicas: 2\n        triggers:\n",
        "          - type: prometheus\n            metadata: {serverAddress: http://p:9090, threshold: lots}\n",
        "          - type: cron\n            metadata: {timezone: UTC, start: 0 8 * * *}\n",
        "          - type: cpu\n            metadata: {value: '50'}\n",
    ));
    let c = codes(&diags);
    assert_eq!(c[0], Code::ReplicaRange);
    let triggers: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == Code::InvalidTrigger)
        .collect();
    let messages: Vec<&str> = triggers.iter().map(|d| d.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("no `query`")),
        "{messages:?}"
    );
    assert!(messages.iter().any(|m| m.contains("`lots`, not a number")));
    assert!(messages.iter().any(|m| m.contains("no `end`")));
    assert!(messages.iter().any(|m| m.contains("no `desiredReplicas`")));
    assert!(messages.iter().any(|m| m.contains("no `metricType`")));
    let lots = triggers
        .iter()
        .find(|d| d.message.contains("`lots`"))
        .unwrap();
    assert_eq!(text_at(&map, lots), "lots");
}

#[test]
fn autoscaling_targets_are_percentages_or_amounts() {
    use crate::extension::ResourceTarget;
    let (p, diags, _) = service(
        "      autoscaling:\n        maxReplicas: 3\n        cpu: \"75%\"\n        memory: 512Mi\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    let x = p.services["api"].x_kubernetes.as_ref().unwrap();
    let a = &x.value.autoscaling.as_ref().unwrap().value;
    assert_eq!(
        a.cpu.as_ref().unwrap().value,
        ResourceTarget::Utilization(75)
    );
    assert_eq!(
        a.memory.as_ref().unwrap().value,
        ResourceTarget::AverageValue("512Mi".into())
    );

    let (_, diags, map) = service(
        "      autoscaling:\n        maxReplicas: 3\n        cpu: 0\n        memory: 0Mi\n",
    );
    let invalid: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == Code::ExtensionInvalidValue)
        .map(|d| text_at(&map, d))
        .collect();
    assert_eq!(invalid, ["0", "0Mi"], "{diags:?}");

    let (_, diags, map) =
        service("      autoscaling:\n        maxReplicas: 3\n        memory: lots\n");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(text_at(&map, &diags[0]), "lots");
}

#[test]
fn keda_settings_need_triggers() {
    let (_, diags, _) =
        service("      autoscaling: {maxReplicas: 4, cpu: 50, pollingInterval: 10}\n");
    assert_eq!(codes(&diags), [Code::ExtensionConflict]);
    let (_, diags, _) = service("      autoscaling: {maxReplicas: 4}\n");
    assert_eq!(codes(&diags), [Code::ExtensionInvalidValue]);
}

#[test]
fn names_and_quantities_are_checked() {
    let (_, diags, _) = service(concat!(
        "      labels: {'bad key': x}\n",
        "      resources:\n        requests: {cpu: lots, memory: 2Gi}\n        limits: {memory: 1Gi}\n",
        "      service: {type: NodePort, nodePorts: {80: 8080}}\n",
        "      ingress: {host: 'https://a.example.com', path: api}\n",
    ));
    let c = codes(&diags);
    assert_eq!(
        c.iter()
            .filter(|c| **c == Code::ExtensionInvalidValue)
            .count(),
        5,
        "{diags:?}"
    );
    assert!(
        c.contains(&Code::ExtensionConflict),
        "memory request above limit"
    );
}

#[test]
fn registry_prefix_only_for_images_without_one() {
    use super::with_registry;
    assert_eq!(
        with_registry("r.example.com/t", "redis:7"),
        "r.example.com/t/redis:7"
    );
    assert_eq!(
        with_registry("r.example.com/t/", "library/redis"),
        "r.example.com/t/library/redis"
    );
    assert_eq!(
        with_registry("r.example.com", "ghcr.io/a/b:1"),
        "ghcr.io/a/b:1"
    );
    assert_eq!(
        with_registry("r.example.com", "localhost:5000/a"),
        "localhost:5000/a"
    );
    assert_eq!(with_registry("r.example.com", "localhost/a"), "localhost/a");
}
