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
}
