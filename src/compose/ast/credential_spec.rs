//! `credential_spec`: a Windows managed service account.

use serde::Deserialize;

use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct CredentialSpec {
    /// The name of a top-level config holding the spec.
    pub config: Option<Spanned<String>>,
    pub file: Option<Spanned<String>>,
    pub registry: Option<Spanned<String>>,
}
