//! `x-kubernetes.probes`: probes that replace or re-time the ones `healthcheck` gives, e.g. an
//! HTTP readiness check for an image that has no shell to run a healthcheck command in.

use schemars::JsonSchema;
use serde::Deserialize;

use super::enums::Scheme;
use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct Probes {
    /// When the pod receives traffic.
    pub readiness: Option<Spanned<ProbeSpec>>,
    /// When the container is restarted.
    pub liveness: Option<Spanned<ProbeSpec>>,
    /// Holds the other probes back until the container has started.
    pub startup: Option<Spanned<ProbeSpec>>,
}

/// One probe: at most one of `httpGet`, `tcpSocket`, `exec` (none keeps the action the
/// healthcheck gives), and its timing.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct ProbeSpec {
    pub http_get: Option<Spanned<HttpGet>>,
    pub tcp_socket: Option<Spanned<TcpSocket>>,
    pub exec: Option<Spanned<Exec>>,
    #[schemars(range(min = 1))]
    pub period_seconds: Option<Spanned<i32>>,
    #[schemars(range(min = 1))]
    pub timeout_seconds: Option<Spanned<i32>>,
    #[schemars(range(min = 1))]
    pub failure_threshold: Option<Spanned<i32>>,
    #[schemars(range(min = 0))]
    pub initial_delay_seconds: Option<Spanned<i32>>,
}

/// An HTTP GET; a status from 200 to 399 passes.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct HttpGet {
    /// The path to request (default `/`).
    #[serde(default)]
    pub path: Option<Spanned<String>>,
    /// The container port.
    #[schemars(range(min = 1))]
    pub port: Spanned<u16>,
    /// `HTTP` (default) or `HTTPS`.
    #[serde(default)]
    pub scheme: Option<Spanned<Scheme>>,
}

/// A TCP connection to a container port.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct TcpSocket {
    #[schemars(range(min = 1))]
    pub port: Spanned<u16>,
}

/// A command run in the container; exit status 0 passes. Not run in a shell.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct Exec {
    #[schemars(length(min = 1))]
    pub command: Spanned<Vec<String>>,
}
