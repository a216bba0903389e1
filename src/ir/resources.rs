use std::collections::BTreeMap;

/// Container resources as numbers; `k8s` formats them as quantities.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resources {
    pub cpu_request_millis: Option<u64>,
    pub cpu_limit_millis: Option<u64>,
    pub memory_request_bytes: Option<u64>,
    pub memory_limit_bytes: Option<u64>,
    /// Extended resources such as `nvidia.com/gpu`, requested and limited alike (Kubernetes
    /// requires both to be equal for extended resources).
    pub extended: BTreeMap<String, u64>,
}

impl Resources {
    pub fn is_empty(&self) -> bool {
        *self == Resources::default()
    }
}
