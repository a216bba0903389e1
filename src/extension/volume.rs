//! `volumes.<name>.x-kubernetes`: the PersistentVolumeClaim a named volume becomes.

use schemars::JsonSchema;
use serde::Deserialize;

use super::enums::AccessMode;
use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields, title = "x-kubernetes (volume)")]
pub struct VolumeExtension {
    /// The size of the claim, a Kubernetes quantity (`10Gi`; default 1Gi).
    #[schemars(pattern(
        r"^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$"
    ))]
    pub size: Option<Spanned<String>>,
    /// The storage class (default: the top-level `storageClass`, else the cluster's default).
    pub storage_class: Option<Spanned<String>>,
    /// Access modes (default `ReadWriteOnce`).
    #[schemars(length(min = 1))]
    pub access_modes: Option<Spanned<Vec<AccessMode>>>,
}
