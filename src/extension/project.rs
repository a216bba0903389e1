//! The top-level `x-kubernetes`: defaults for the whole project.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::diagnostics::ProjectDiagnostics;
use crate::yaml::Spanned;

/// Defaults for every object of the project.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields, title = "x-kubernetes (top level)")]
pub struct ProjectExtension {
    /// The namespace written into every object (`-n` on the command line wins).
    pub namespace: Option<Spanned<String>>,
    /// A registry prefixed to every image that names none (`redis:7` →
    /// `registry.example.com/team/redis:7`), including the names of built images.
    pub image_registry: Option<Spanned<String>>,
    /// The storage class of every generated PersistentVolumeClaim that does not set its own.
    pub storage_class: Option<Spanned<String>>,
    /// The IngressClass of every Ingress that does not set its own.
    pub ingress_class: Option<Spanned<String>>,
    /// Labels on every object and pod (never on selectors).
    pub labels: Option<Spanned<BTreeMap<String, String>>>,
    /// Annotations on every object.
    pub annotations: Option<Spanned<BTreeMap<String, String>>>,
    /// The image of the init containers that wait for `service_healthy` dependencies (it needs
    /// `sh` and `nc`; default `busybox:1.37.0`).
    pub dependency_wait_image: Option<Spanned<String>>,
    /// Keep the isolation of Compose networks with NetworkPolicies, as `--network-policies`
    /// does: pods accept traffic only from pods on a network they share, and on published
    /// ports from anyone.
    pub network_policies: Option<Spanned<bool>>,
    /// The strictness policy of the project: diagnostics to deny, allow or warn about. The
    /// command line's `--deny`, `--allow` and `--warn` win over it.
    pub diagnostics: Option<Spanned<ProjectDiagnostics>>,
}

/// `redis:7` → `registry.example.com/team/redis:7`; an image that names a registry (a first
/// component with `.` or `:`, or `localhost`) is left alone.
pub fn with_registry(registry: &str, image: &str) -> String {
    let first = image.split('/').next().unwrap_or("");
    let has_registry =
        image.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    if has_registry {
        image.to_string()
    } else {
        format!("{}/{image}", registry.trim_end_matches('/'))
    }
}
