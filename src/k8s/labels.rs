use std::collections::BTreeMap;

use crate::ir::{Migration, Workload};

/// The labels that select a workload's pods: stable across versions of the tool, so a selector
/// (immutable on a Deployment) never changes under a user.
pub fn selector(m: &Migration, w: &Workload) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("app.kubernetes.io/name".to_string(), w.name.clone()),
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
