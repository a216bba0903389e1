use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Affinity, Toleration};

/// Where and as whom the pod runs: what only the `x-kubernetes` extension states. Tolerations
/// here are full Kubernetes tolerations, added after the ones the plan derives (`PodSettings`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scheduling {
    pub node_selector: BTreeMap<String, String>,
    pub tolerations: Vec<Toleration>,
    pub affinity: Option<Affinity>,
    pub runtime_class_name: Option<String>,
    pub service_account_name: Option<String>,
    pub image_pull_secrets: Vec<String>,
}
