use std::collections::BTreeMap;

use crate::ir::{Claim, ConfigData, Fact};

/// Project-wide objects that services contribute to: one claim per named volume, however many
/// services mount it.
#[derive(Default)]
pub struct Shared {
    pub claims: BTreeMap<String, Fact<Claim>>,
    pub config_maps: BTreeMap<String, Fact<ConfigData>>,
    /// Which services mount each named volume, to warn about ReadWriteOnce sharing.
    pub volume_users: BTreeMap<String, Vec<String>>,
}
