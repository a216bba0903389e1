use std::collections::BTreeMap;

use crate::ir::{Claim, ConfigData, Fact, SecretData};

/// Project-wide objects that services contribute to: one claim per named volume, however many
/// services mount it.
#[derive(Default)]
pub struct Shared {
    pub claims: BTreeMap<String, Fact<Claim>>,
    pub config_maps: BTreeMap<String, Fact<ConfigData>>,
    /// Secrets written with their data (`--embed-secrets`), by Kubernetes name.
    pub secrets: BTreeMap<String, Fact<SecretData>>,
    /// Which services mount each named volume, to warn about ReadWriteOnce sharing.
    pub volume_users: BTreeMap<String, Vec<String>>,
    /// The Secrets that stand in for missing env files, so no two get the same name.
    pub env_file_secrets: std::collections::BTreeSet<String>,
    /// The Secret named for each missing env file (by its normalised path), shared by its readers.
    pub env_file_secret_of_path: BTreeMap<String, String>,
    /// Each named volume's effective `x-kubernetes` block: its own, over its `kompose.*` labels.
    pub volume_blocks: BTreeMap<String, crate::yaml::Spanned<crate::extension::VolumeExtension>>,
    /// What the project's bind mounts become, worked out once at the first that needs it.
    pub bind_users: Option<Box<super::bind_defaults::BindUsers>>,
    /// Per service, the first service that waits for it to complete and where; worked out once,
    /// as a search of every service per service is quadratic.
    pub awaited: Option<BTreeMap<String, (String, crate::source::Span)>>,
    /// Per secret, the services that mount it and where, in service order; worked out once.
    pub secret_users: Option<BTreeMap<String, Vec<(String, crate::source::Span)>>>,
}
