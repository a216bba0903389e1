//! A service definition: every attribute of the spec's `service`, each `Option<Spanned<T>>`.

use serde::de::{self, Deserializer};
use serde::Deserialize;

use super::blkio::BlkioConfig;
use super::build::Build;
use super::byte_size::{ByteLimit, ByteSize};
use super::choice::{choice, reject};
use super::command::Command;
use super::credential_spec::CredentialSpec;
use super::depends_on::DependsOn;
use super::deploy::Deploy;
use super::develop::Develop;
use super::device::{DeviceMapping, Gpus};
use super::duration::Duration;
use super::env_file::EnvFile;
use super::environment::Environment;
use super::extends::Extends;
use super::extra_hosts::ExtraHosts;
use super::file_ref::FileRef;
use super::healthcheck::Healthcheck;
use super::hook::{PreStartHook, ServiceHook};
use super::logging::Logging;
use super::mapping::Mapping;
use super::model::ServiceModels;
use super::port::Port;
use super::provider::Provider;
use super::service_network::ServiceNetworks;
use super::ulimit::Ulimits;
use super::volume_mount::VolumeMount;
use crate::source::Span;
use crate::yaml::Spanned;

/// Declares [`Service`] from one list, so that [`Service::KEYS`] and [`Service::present_keys`]
/// cannot miss a field.
macro_rules! service {
    ($(
        $(#[$attr:meta])*
        $field:ident: $ty:ty = $key:literal,
    )*) => {
        /// One entry of `services`. Fields are in alphabetical order of their Compose keys.
        #[derive(Clone, Debug, Default, PartialEq, Deserialize)]
        #[serde(default)]
        pub struct Service {
            /// The service name; the span is the key in `services`.
            #[serde(skip)]
            pub name: Spanned<String>,
            /// The whole service mapping.
            #[serde(skip)]
            pub span: Span,
            $(
                $(#[$attr])*
                #[serde(rename = $key)]
                pub $field: Option<Spanned<$ty>>,
            )*
        }

        impl Service {
            /// Every Compose key a service may have, in field order.
            pub const KEYS: &'static [&'static str] = &[$($key),*];

            /// The Compose key and value span of every attribute that is set, in field order.
            pub fn present_keys(&self) -> Vec<(&'static str, Span)> {
                let mut keys = Vec::new();
                $(
                    if let Some(value) = &self.$field {
                        keys.push(($key, value.span));
                    }
                )*
                keys
            }
        }
    };
}

// The largest value types are boxed: a service sets few of them, and inline they made every
// `Service` 10 KB, which dominated the memory of converting a large project.
service! {
    annotations: Mapping = "annotations",
    /// Collect the service's logs (`true`, the default).
    attach: bool = "attach",
    blkio_config: Box<BlkioConfig> = "blkio_config",
    /// The string form is the context.
    #[serde(deserialize_with = "super::build::build")]
    build: Box<Build> = "build",
    cap_add: Vec<Spanned<String>> = "cap_add",
    cap_drop: Vec<Spanned<String>> = "cap_drop",
    /// `host` or `private`.
    #[serde(deserialize_with = "cgroup")]
    cgroup: String = "cgroup",
    cgroup_parent: String = "cgroup_parent",
    /// `null` leaves the image's command.
    command: Command = "command",
    configs: Vec<Spanned<FileRef>> = "configs",
    container_name: String = "container_name",
    cpu_count: u64 = "cpu_count",
    #[serde(deserialize_with = "percent")]
    cpu_percent: u64 = "cpu_percent",
    cpu_period: i64 = "cpu_period",
    cpu_quota: i64 = "cpu_quota",
    /// A bare number is microseconds.
    #[serde(deserialize_with = "super::duration::micros_or_duration")]
    cpu_rt_period: Duration = "cpu_rt_period",
    /// A bare number is microseconds.
    #[serde(deserialize_with = "super::duration::micros_or_duration")]
    cpu_rt_runtime: Duration = "cpu_rt_runtime",
    cpu_shares: i64 = "cpu_shares",
    #[serde(deserialize_with = "super::deploy::cpus")]
    cpus: f64 = "cpus",
    cpuset: String = "cpuset",
    credential_spec: Box<CredentialSpec> = "credential_spec",
    depends_on: DependsOn = "depends_on",
    deploy: Box<Deploy> = "deploy",
    develop: Develop = "develop",
    device_cgroup_rules: Vec<Spanned<String>> = "device_cgroup_rules",
    devices: Vec<Spanned<DeviceMapping>> = "devices",
    #[serde(deserialize_with = "super::string_list::string_or_list")]
    dns: Vec<Spanned<String>> = "dns",
    dns_opt: Vec<Spanned<String>> = "dns_opt",
    #[serde(deserialize_with = "super::string_list::string_or_list")]
    dns_search: Vec<Spanned<String>> = "dns_search",
    domainname: String = "domainname",
    /// `null` leaves the image's entrypoint.
    entrypoint: Command = "entrypoint",
    /// A single path is a one-item list.
    #[serde(deserialize_with = "super::env_file::env_files")]
    env_file: Vec<Spanned<EnvFile>> = "env_file",
    environment: Environment = "environment",
    /// `3000`, `8000-8010` or `8000/udp`, as written (each checked).
    #[serde(deserialize_with = "super::port::expose")]
    expose: Vec<Spanned<String>> = "expose",
    extends: Extends = "extends",
    external_links: Vec<Spanned<String>> = "external_links",
    extra_hosts: ExtraHosts = "extra_hosts",
    gpus: Gpus = "gpus",
    group_add: Vec<Spanned<String>> = "group_add",
    healthcheck: Box<Healthcheck> = "healthcheck",
    hostname: String = "hostname",
    image: String = "image",
    init: bool = "init",
    ipc: String = "ipc",
    isolation: String = "isolation",
    #[serde(deserialize_with = "super::string_list::string_or_list")]
    label_file: Vec<Spanned<String>> = "label_file",
    labels: Mapping = "labels",
    links: Vec<Spanned<String>> = "links",
    logging: Box<Logging> = "logging",
    mac_address: String = "mac_address",
    mem_limit: ByteSize = "mem_limit",
    mem_reservation: ByteSize = "mem_reservation",
    #[serde(deserialize_with = "percent")]
    mem_swappiness: u64 = "mem_swappiness",
    /// `-1` is unlimited swap.
    memswap_limit: ByteLimit = "memswap_limit",
    models: ServiceModels = "models",
    network_mode: String = "network_mode",
    networks: ServiceNetworks = "networks",
    oom_kill_disable: bool = "oom_kill_disable",
    #[serde(deserialize_with = "oom_score_adj")]
    oom_score_adj: i64 = "oom_score_adj",
    pid: String = "pid",
    /// `-1` is unlimited.
    pids_limit: i64 = "pids_limit",
    platform: String = "platform",
    ports: Vec<Spanned<Port>> = "ports",
    post_start: Vec<Spanned<ServiceHook>> = "post_start",
    /// Run-to-completion steps before the container starts (in the spec text, not yet in its
    /// JSON schema).
    pre_start: Vec<Spanned<PreStartHook>> = "pre_start",
    pre_stop: Vec<Spanned<ServiceHook>> = "pre_stop",
    privileged: bool = "privileged",
    profiles: Vec<Spanned<String>> = "profiles",
    provider: Box<Provider> = "provider",
    /// `always`, `never`, `missing` (`if_not_present`), `build`, `refresh`, `daily`, `weekly` or
    /// `every_<duration>`.
    #[serde(deserialize_with = "pull_policy")]
    pull_policy: String = "pull_policy",
    pull_refresh_after: String = "pull_refresh_after",
    read_only: bool = "read_only",
    /// `no`, `always`, `on-failure[:max-retries]` or `unless-stopped`.
    #[serde(deserialize_with = "restart")]
    restart: String = "restart",
    runtime: String = "runtime",
    scale: u64 = "scale",
    secrets: Vec<Spanned<FileRef>> = "secrets",
    security_opt: Vec<Spanned<String>> = "security_opt",
    shm_size: ByteSize = "shm_size",
    stdin_open: bool = "stdin_open",
    stop_grace_period: Duration = "stop_grace_period",
    stop_signal: String = "stop_signal",
    storage_opt: Mapping = "storage_opt",
    sysctls: Mapping = "sysctls",
    /// `PATH` or `PATH:OPTIONS` items.
    #[serde(deserialize_with = "super::string_list::string_or_list")]
    tmpfs: Vec<Spanned<String>> = "tmpfs",
    tty: bool = "tty",
    ulimits: Ulimits = "ulimits",
    use_api_socket: bool = "use_api_socket",
    user: String = "user",
    userns_mode: String = "userns_mode",
    uts: String = "uts",
    volumes: Vec<Spanned<VolumeMount>> = "volumes",
    volumes_from: Vec<Spanned<String>> = "volumes_from",
    working_dir: String = "working_dir",
    /// Kubernetes-specific settings. Read on their own by `extension::read` (so a mistake in
    /// them neither hides the service nor gets Compose's codes), not by this struct's reader.
    #[serde(skip)]
    x_kubernetes: Box<crate::extension::ServiceExtension> = "x-kubernetes",
}

choice!(optional cgroup, "cgroup namespace", ["host", "private"]);

fn in_range<'de, D, T>(
    d: D,
    what: &str,
    low: i64,
    high: i64,
) -> Result<Option<Spanned<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Copy + Into<i64>,
{
    let value = Option::<Spanned<T>>::deserialize(d)?;
    if let Some(v) = &value {
        let n: i64 = v.value.into();
        if n < low || n > high {
            return Err(de::Error::custom(format_args!(
                "invalid {what} {n}: expected {low} to {high}"
            )));
        }
    }
    Ok(value)
}

fn percent<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Spanned<u64>>, D::Error> {
    let value = in_range::<D, u32>(d, "percentage", 0, 100)?;
    Ok(value.map(|v| v.map(u64::from)))
}

fn oom_score_adj<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Spanned<i64>>, D::Error> {
    in_range::<D, i64>(d, "`oom_score_adj`", -1000, 1000)
}

const RESTART: &[&str] = &["no", "always", "on-failure", "unless-stopped"];

fn restart<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Spanned<String>>, D::Error> {
    let value = Option::<Spanned<String>>::deserialize(d)?;
    if let Some(v) = &value {
        let retries_ok = v
            .value
            .strip_prefix("on-failure:")
            .is_some_and(|n| n.parse::<u32>().is_ok());
        if !retries_ok {
            if let Some(message) = reject(&v.value, "restart policy", RESTART) {
                return Err(de::Error::custom(format!(
                    "{message}; `on-failure:N` limits the retries"
                )));
            }
        }
    }
    Ok(value)
}

const PULL_POLICIES: &[&str] = &[
    "always",
    "never",
    "missing",
    "if_not_present",
    "build",
    "refresh",
    "daily",
    "weekly",
];

/// `every_` followed by one or more `<digits><w|d|h|m|s>`.
fn is_every(policy: &str) -> bool {
    let Some(mut rest) = policy.strip_prefix("every_") else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let after = rest.get(digits..).unwrap_or("");
        let mut chars = after.chars();
        match (digits, chars.next()) {
            (1.., Some('w' | 'd' | 'h' | 'm' | 's')) => rest = chars.as_str(),
            _ => return false,
        }
    }
    true
}

fn pull_policy<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Spanned<String>>, D::Error> {
    let value = Option::<Spanned<String>>::deserialize(d)?;
    if let Some(v) = &value {
        if !is_every(&v.value) {
            if let Some(message) = reject(&v.value, "pull policy", PULL_POLICIES) {
                return Err(de::Error::custom(format!(
                    "{message}, or `every_<duration>` such as `every_12h`"
                )));
            }
        }
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_policies() {
        assert!(is_every("every_12h"));
        assert!(is_every("every_1w2d"));
        assert!(!is_every("every_"));
        assert!(!is_every("every_12"));
        assert!(!is_every("every_h"));
        assert!(!is_every("every_5x"));
    }
}
