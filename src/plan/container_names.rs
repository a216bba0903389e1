//! Names of the containers of one pod, which Kubernetes requires to be unique: the service's
//! container, the waits, the `pre_start` steps and a Kompose init container each choose theirs.

/// `base`, or `base-2`, `base-3`, … when a container of the pod already has the name.
pub fn unique(base: &str, taken: &[String]) -> String {
    crate::k8s::names::unused(base, |name| taken.iter().any(|t| t == name))
}
