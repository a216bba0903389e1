use std::collections::BTreeMap;

use crate::ir::{Migration, Workload};

/// The labels that select a workload's pods: stable across versions of the tool, so a selector
/// (immutable on a Deployment) never changes under a user.
pub fn selector(m: &Migration, w: &Workload) -> BTreeMap<String, String> {
    selector_of(m, &w.name)
}

/// [`selector`] of the workload named `workload`, for objects that select another's pods.
pub fn selector_of(m: &Migration, workload: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("app.kubernetes.io/name".to_string(), workload.to_string()),
        ("app.kubernetes.io/part-of".to_string(), m.project.clone()),
    ])
}

/// Selector labels plus the ones that say who made the object.
pub fn common(m: &Migration, w: &Workload) -> BTreeMap<String, String> {
    let mut labels = selector(m, w);
    labels.insert(
        "app.kubernetes.io/managed-by".to_string(),
        "compose2k8s".to_string(),
    );
    labels
}

/// Who made an object that belongs to no one workload.
pub fn project(m: &Migration) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("app.kubernetes.io/part-of".to_string(), m.project.clone()),
        (
            "app.kubernetes.io/managed-by".to_string(),
            "compose2k8s".to_string(),
        ),
    ])
}

/// The label that says a pod is on a Compose network (`--network-policies`): a key per network,
/// as a pod may join several.
pub fn network(network: &str) -> String {
    format!("network.compose2k8s.io/{network}")
}

/// A pod's labels: the selector's, and one per network it joins. Network labels stay off the
/// selector, so turning policies on never changes an immutable selector.
pub fn pod(m: &Migration, w: &Workload) -> BTreeMap<String, String> {
    let mut labels = selector(m, w);
    for n in w.isolation.iter().flat_map(|i| i.networks.iter()) {
        labels.insert(network(n), "true".to_string());
    }
    labels
}
