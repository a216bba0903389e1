//! Values → YAML text through serde-saphyr, which quotes the strings that YAML 1.1 readers such as
//! kubectl would otherwise take for booleans or numbers (`yes`, `on`, `0755`).

use serde::Serialize;

pub fn to_yaml<T: Serialize>(value: &T) -> Result<String, String> {
    serde_saphyr::to_string(value).map_err(|e| e.to_string())
}
