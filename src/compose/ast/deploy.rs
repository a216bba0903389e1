//! `deploy`: the Compose Deploy Specification.

use serde::de::{self, Deserializer};
use serde::Deserialize;

use super::byte_size::ByteSize;
use super::choice::choice;
use super::device::DeviceRequest;
use super::duration::Duration;
use super::keys::section_keys;
use super::mapping::Mapping;
use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Deploy {
    /// `replicated` (the default), `global`, `replicated-job` or `global-job`.
    #[serde(deserialize_with = "mode")]
    pub mode: Option<Spanned<String>>,
    pub replicas: Option<Spanned<u64>>,
    pub labels: Option<Spanned<Mapping>>,
    pub update_config: Option<Spanned<UpdateConfig>>,
    pub rollback_config: Option<Spanned<UpdateConfig>>,
    pub restart_policy: Option<Spanned<RestartPolicy>>,
    pub placement: Option<Spanned<Placement>>,
    /// `vip` or `dnsrr` (values are platform specific, so not checked).
    pub endpoint_mode: Option<Spanned<String>>,
    pub resources: Option<Spanned<Resources>>,
}

section_keys!(Deploy {
    mode = "mode",
    replicas = "replicas",
    labels = "labels",
    update_config = "update_config",
    rollback_config = "rollback_config",
    restart_policy = "restart_policy",
    placement = "placement",
    endpoint_mode = "endpoint_mode",
    resources = "resources",
});

choice!(
    optional mode,
    "deploy mode",
    ["replicated", "global", "replicated-job", "global-job"]
);
choice!(optional order, "update order", ["start-first", "stop-first"]);
choice!(
    optional restart_condition,
    "restart condition",
    ["none", "on-failure", "any"]
);

/// `update_config` and `rollback_config`, which share their fields.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct UpdateConfig {
    pub parallelism: Option<Spanned<u64>>,
    pub delay: Option<Spanned<Duration>>,
    /// `continue`, `pause` or (updates only) `rollback`.
    pub failure_action: Option<Spanned<String>>,
    pub monitor: Option<Spanned<Duration>>,
    pub max_failure_ratio: Option<Spanned<f64>>,
    #[serde(deserialize_with = "order")]
    pub order: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RestartPolicy {
    #[serde(deserialize_with = "restart_condition")]
    pub condition: Option<Spanned<String>>,
    pub delay: Option<Spanned<Duration>>,
    pub max_attempts: Option<Spanned<u64>>,
    pub window: Option<Spanned<Duration>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Placement {
    pub constraints: Option<Spanned<Vec<Spanned<String>>>>,
    pub preferences: Option<Spanned<Vec<Spanned<PlacementPreference>>>>,
    pub max_replicas_per_node: Option<Spanned<u64>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PlacementPreference {
    /// A node label to spread over, e.g. `node.labels.zone`.
    pub spread: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Resources {
    pub limits: Option<Spanned<ResourceLimits>>,
    pub reservations: Option<Spanned<ResourceReservations>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ResourceLimits {
    #[serde(deserialize_with = "cpus")]
    pub cpus: Option<Spanned<f64>>,
    pub memory: Option<Spanned<ByteSize>>,
    pub pids: Option<Spanned<i64>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ResourceReservations {
    #[serde(deserialize_with = "cpus")]
    pub cpus: Option<Spanned<f64>>,
    pub memory: Option<Spanned<ByteSize>>,
    pub generic_resources: Option<Spanned<Vec<Spanned<GenericResource>>>>,
    pub devices: Option<Spanned<Vec<Spanned<DeviceRequest>>>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct GenericResource {
    pub discrete_resource_spec: Option<Spanned<DiscreteResourceSpec>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct DiscreteResourceSpec {
    pub kind: Option<Spanned<String>>,
    pub value: Option<Spanned<u64>>,
}

/// `deserialize_with` for a CPU count (`0.5`, `"1.5"`): finite and not negative.
pub(crate) fn cpus<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Spanned<f64>>, D::Error> {
    let value = Option::<Spanned<f64>>::deserialize(d)?;
    if let Some(v) = &value {
        if !v.value.is_finite() || v.value < 0.0 {
            return Err(de::Error::custom(format_args!(
                "invalid CPU count `{}`: expected a number of CPUs such as `0.5`",
                v.value
            )));
        }
    }
    Ok(value)
}
