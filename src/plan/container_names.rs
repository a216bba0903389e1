//! Names of the containers of one pod, which Kubernetes requires to be unique: the service's
//! container, the waits, the `pre_start` steps and a Kompose init container each choose theirs.

/// `base`, or `base-2`, `base-3`, … when a container of the pod already has the name.
pub fn unique(base: &str, taken: &[String]) -> String {
    let mut name = base.to_string();
    let mut k = 2;
    while taken.contains(&name) {
        name = format!("{base}-{k}");
        k += 1;
    }
    name
}
