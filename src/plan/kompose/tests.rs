#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use super::test_command;
use crate::diag::{Code, Diagnostic};
use crate::ir::{Migration, ResourceTarget, Scaler};
use crate::source::SourceMap;

fn convert(text: &str) -> (Migration, Vec<Diagnostic>, SourceMap) {
    crate::plan::test_support::plan_text(text)
}

/// The text each diagnostic of `code` points at.
fn located(diags: &[Diagnostic], code: Code, sources: &SourceMap) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.code == code)
        .filter_map(|d| d.primary.as_ref())
        .map(|l| sources.get(l.span.file).unwrap().slice(l.span).to_string())
        .collect()
}

fn claim<'m>(m: &'m Migration, name: &str) -> &'m crate::ir::Claim {
    &m.claims
        .iter()
        .find(|c| c.value.name == name)
        .unwrap()
        .value
}

const VOLUME: &str = "\
services:
  db:
    image: postgres:16
    volumes: [data:/var/lib/postgresql/data]
volumes:
  data:
    labels:
      com.example.tier: db
      kompose.volume.size: 5Gi
      kompose.volume.storage-class-name: fast
      kompose.volume.selector: data-pv
";

#[test]
fn volume_labels_size_the_claim_and_are_not_annotations() {
    let (m, diags, sources) = convert(VOLUME);
    let c = claim(&m, "data");
    assert_eq!(c.size_bytes, 5 << 30);
    assert_eq!(c.storage_class.as_deref(), Some("fast"));
    assert_eq!(
        c.annotations.keys().collect::<Vec<_>>(),
        ["com.example.tier"]
    );
    // Each info points at its own label; the default-size warning is gone.
    assert_eq!(
        located(&diags, Code::KomposeLabel, &sources),
        [
            "kompose.volume.size: 5Gi",
            "kompose.volume.storage-class-name: fast"
        ]
    );
    assert_eq!(
        located(&diags, Code::UnknownKomposeLabel, &sources),
        ["kompose.volume.selector: data-pv"]
    );
    assert!(!diags.iter().any(|d| d.code == Code::DefaultVolumeSize));
}

#[test]
fn a_volume_block_wins_over_its_labels() {
    let text = VOLUME.replace(
        "      kompose.volume.selector: data-pv\n",
        "    x-kubernetes:\n      size: 8Gi\n",
    );
    let (m, diags, _) = convert(&text);
    let c = claim(&m, "data");
    assert_eq!(c.size_bytes, 8 << 30);
    assert_eq!(c.storage_class.as_deref(), Some("fast"));
    let size = diags
        .iter()
        .find(|d| d.message.contains("kompose.volume.size"))
        .unwrap();
    assert!(
        size.message
            .contains("overridden by the `x-kubernetes` block of volume `data`"),
        "{}",
        size.message
    );
}

#[test]
fn bad_volume_label_values_are_warned_about() {
    let text = VOLUME.replace("5Gi", "lots").replace(
        "      kompose.volume.selector: data-pv\n",
        "      kompose.volume.type: emptyDir\n",
    );
    let (m, diags, sources) = convert(&text);
    assert_eq!(claim(&m, "data").size_bytes, 1 << 30);
    assert_eq!(
        located(&diags, Code::UnknownKomposeLabel, &sources),
        ["kompose.volume.size: lots", "kompose.volume.type: emptyDir"]
    );
}

fn hpa(labels: &str) -> (Option<Scaler>, Vec<Diagnostic>) {
    let text = format!(
        "services:\n  web:\n    image: nginx\n    labels:\n{labels}      kompose.hpa.replicas.max: \"4\"\n"
    );
    let (m, diags, _) = convert(&text);
    let scaler = m.workloads[0]
        .autoscaling
        .as_ref()
        .map(|a| a.value.scaler.clone());
    (scaler, diags)
}

#[test]
fn hpa_memory_takes_a_percentage_or_an_amount() {
    let (scaler, _) = hpa("      kompose.hpa.memory: 512Mi\n      kompose.hpa.cpu: 80%\n");
    let Some(Scaler::Hpa { cpu, memory, .. }) = scaler else {
        panic!("no HPA");
    };
    assert_eq!(cpu, Some(ResourceTarget::Utilization(80)));
    assert_eq!(memory, Some(ResourceTarget::AverageValue("512Mi".into())));

    let (scaler, _) = hpa("      kompose.hpa.memory: \"70\"\n");
    let Some(Scaler::Hpa { memory, .. }) = scaler else {
        panic!("no HPA");
    };
    assert_eq!(memory, Some(ResourceTarget::Utilization(70)));
}

#[test]
fn hpa_cpu_takes_no_amount() {
    let (_, diags) = hpa("      kompose.hpa.cpu: 500m\n      kompose.hpa.memory: 0Mi\n");
    let bad: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == Code::UnknownKomposeLabel)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert!(bad[0].contains("kompose.hpa.cpu"));
    assert!(bad[1].contains("kompose.hpa.memory"));
}

#[test]
fn service_labels_are_located_on_the_label() {
    let (_, diags, sources) = convert(
        "services:\n  web:\n    image: nginx\n    labels:\n      - kompose.serviceaccount-name=web-sa\n      - kompose.sevice.type=nodeport\n",
    );
    assert_eq!(
        located(&diags, Code::KomposeLabel, &sources),
        ["kompose.serviceaccount-name=web-sa"]
    );
    assert_eq!(
        located(&diags, Code::UnknownKomposeLabel, &sources),
        ["kompose.sevice.type=nodeport"]
    );
}

#[test]
fn commands() {
    assert_eq!(
        test_command(r#"["CMD", "curl", "-f", "x"]"#),
        Some(vec!["curl".into(), "-f".into(), "x".into()])
    );
    assert_eq!(
        test_command("echo ok"),
        Some(vec!["sh".into(), "-c".into(), "echo ok".into()])
    );
    assert_eq!(test_command(r#"["CMD"]"#), None);
    assert_eq!(test_command(""), None);
}

#[test]
fn traffic_policy_and_concurrency_policy() {
    let (m, diags, _) = convert(concat!(
        "services:\n",
        "  web:\n    image: nginx\n    ports: [\"80\"]\n    labels:\n",
        "      kompose.service.external-traffic-policy: local\n",
        "  edge:\n    image: nginx\n    ports: [\"80\"]\n    labels:\n",
        "      kompose.service.type: loadbalancer\n",
        "      kompose.service.external-traffic-policy: Local\n",
        "  nightly:\n    image: busybox\n    labels:\n",
        "      kompose.cronjob.schedule: \"0 1 * * *\"\n",
        "      kompose.cronjob.concurrency_policy: replace\n",
    ));
    let workload = |name: &str| m.workloads.iter().find(|w| w.service == name).unwrap();
    assert_eq!(workload("web").publishing.external_traffic_policy, None);
    assert_eq!(
        workload("edge")
            .publishing
            .external_traffic_policy
            .as_deref(),
        Some("Local")
    );
    assert_eq!(
        workload("nightly").job.concurrency_policy.as_deref(),
        Some("Replace")
    );
    // A ClusterIP Service is not reachable from outside: the policy has nowhere to go.
    let na: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == Code::ExtensionNotApplicable)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(na.len(), 1, "{na:?}");
    assert!(na[0].contains("`web`"), "{na:?}");
}

#[test]
fn hpa_labels_get_the_checks_of_the_block() {
    let (_, diags, sources) = convert(concat!(
        "services:\n  web:\n    image: nginx\n    labels:\n",
        "      kompose.hpa.cpu: \"80\"\n",
        "      kompose.hpa.replicas.min: \"5\"\n",
        "      kompose.hpa.replicas.max: \"2\"\n",
        "  idle:\n    image: nginx\n    labels:\n",
        "      kompose.hpa.cpu: \"80\"\n",
        "      kompose.hpa.replicas.min: \"0\"\n",
        "      kompose.hpa.replicas.max: \"3\"\n",
    ));
    assert_eq!(
        located(&diags, Code::ReplicaRange, &sources),
        ["kompose.hpa.replicas.min: \"5\""]
    );
    assert_eq!(
        located(&diags, Code::ExtensionInvalidValue, &sources),
        ["kompose.hpa.replicas.min: \"0\""]
    );
    let zero = diags
        .iter()
        .find(|d| d.code == Code::ExtensionInvalidValue)
        .unwrap();
    assert!(
        zero.message
            .starts_with("Kompose label `kompose.hpa.replicas.min`: "),
        "{}",
        zero.message
    );
    assert!(zero.message.contains("cannot scale to zero"));
}

#[test]
fn a_label_beside_the_block_is_checked_with_it() {
    // Valid alone, the block's replica count and the labels' autoscaler contradict each other.
    let (_, diags, sources) = convert(concat!(
        "services:\n  web:\n    image: nginx\n    labels:\n",
        "      kompose.hpa.cpu: \"80\"\n",
        "      kompose.hpa.replicas.max: \"4\"\n",
        "    x-kubernetes:\n      replicas: 2\n",
    ));
    let conflict: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == Code::ExtensionConflict)
        .collect();
    assert_eq!(conflict.len(), 1, "{conflict:?}");
    let also = &conflict[0].secondary[0];
    assert_eq!(
        sources.get(also.span.file).unwrap().slice(also.span),
        "kompose.hpa.cpu: \"80\""
    );
}

#[test]
fn a_service_size_label_of_zero_is_ignored() {
    let (m, diags, sources) = convert(concat!(
        "services:\n  db:\n    image: postgres:16\n    volumes: [data:/data]\n    labels:\n",
        "      kompose.volume.size: \"0\"\n",
        "volumes:\n  data:\n",
    ));
    assert_eq!(claim(&m, "data").size_bytes, 1 << 30);
    assert_eq!(
        located(&diags, Code::UnknownKomposeLabel, &sources),
        ["kompose.volume.size: \"0\""]
    );
}

#[test]
fn an_init_container_name_stays_unique_in_the_pod() {
    let (m, diags, sources) = convert(concat!(
        "services:\n",
        "  db:\n    image: postgres:16\n    ports: [\"5432\"]\n",
        "    healthcheck: {test: [\"CMD\", \"pg_isready\"]}\n",
        "  api:\n    image: api:1\n",
        "    depends_on: {db: {condition: service_healthy}}\n    labels:\n",
        "      kompose.init.containers.name: wait-for-db\n",
        "      kompose.init.containers.image: busybox:1.36\n",
        "  web:\n    image: web:1\n    labels:\n",
        "      kompose.init.containers.name: web\n",
        "      kompose.init.containers.image: busybox:1.36\n",
    ));
    let names = |service: &str| {
        let w = m.workloads.iter().find(|w| w.service == service).unwrap();
        let mut all: Vec<&str> = w
            .containers
            .iter()
            .chain(&w.init_containers)
            .map(|c| c.name.as_str())
            .collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count, "{all:?}");
        all
    };
    assert_eq!(names("api"), ["api", "wait-for-db", "wait-for-db-2"]);
    assert_eq!(names("web"), ["web", "web-2"]);
    let renamed: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == Code::UnknownKomposeLabel)
        .collect();
    assert_eq!(renamed.len(), 2, "{renamed:?}");
    assert!(renamed[0].message.contains("is named `wait-for-db-2`"));
    assert_eq!(
        located(&diags, Code::UnknownKomposeLabel, &sources),
        [
            "kompose.init.containers.name: wait-for-db",
            "kompose.init.containers.name: web"
        ]
    );
}

#[test]
fn the_volume_type_label_leaves_host_paths_alone() {
    let (m, diags, _) = convert(concat!(
        "services:\n  app:\n    image: app:1\n    volumes:\n",
        "      - ./conf:/etc/app\n",
        "      - /var/run/docker.sock:/var/run/docker.sock\n",
        "    labels:\n      kompose.volume.type: configMap\n",
    ));
    let w = &m.workloads[0];
    let mounts: Vec<&str> = w.containers[0]
        .volume_mounts
        .iter()
        .map(|v| v.mount_path.as_str())
        .collect();
    assert_eq!(mounts, ["/etc/app"]);
    assert!(
        w.volumes.iter().all(|v| !v.name.contains("sock")),
        "{:?}",
        w.volumes
    );
    // The socket keeps the decision of a host path: not mounted, `hostPath` suggested.
    let socket = diags
        .iter()
        .find(|d| d.message.contains("docker.sock"))
        .unwrap();
    assert!(
        socket.help.as_deref().unwrap_or("").contains("hostPath"),
        "{socket:?}"
    );
}

#[test]
fn storage_class_labels_get_the_checks_of_the_block() {
    let (_, diags, sources) = convert(concat!(
        "services:\n  db:\n    image: postgres:16\n    volumes: [data:/data, logs:/logs]\n",
        "    labels:\n      kompose.volume.storage-class-name: Fast_SSD\n",
        "volumes:\n  data:\n  logs:\n    labels:\n",
        "      kompose.volume.storage-class-name: Slow HDD\n",
    ));
    assert_eq!(
        located(&diags, Code::ExtensionInvalidValue, &sources),
        [
            "kompose.volume.storage-class-name: Fast_SSD",
            "kompose.volume.storage-class-name: Slow HDD"
        ]
    );
    assert!(diags
        .iter()
        .filter(|d| d.code == Code::ExtensionInvalidValue)
        .all(|d| d
            .message
            .starts_with("Kompose label `kompose.volume.storage-class-name`: ")));
}
