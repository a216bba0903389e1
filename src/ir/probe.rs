use super::Fact;

#[derive(Clone, Debug, PartialEq)]
pub enum ProbeAction {
    Exec(Vec<String>),
    /// An HTTP GET of `path` on a container port (`x-kubernetes.probes`).
    HttpGet {
        path: String,
        port: u16,
        /// `HTTPS`, or `None` for plain HTTP.
        scheme: Option<String>,
    },
    /// A TCP connection to a container port (`x-kubernetes.probes`).
    TcpSocket {
        port: u16,
    },
}

/// A probe with Kubernetes timing already in whole seconds.
#[derive(Clone, Debug, PartialEq)]
pub struct Probe {
    pub action: ProbeAction,
    pub period_seconds: i32,
    pub timeout_seconds: i32,
    pub failure_threshold: i32,
    pub initial_delay_seconds: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Probes {
    pub readiness: Option<Fact<Probe>>,
    pub liveness: Option<Fact<Probe>>,
    pub startup: Option<Fact<Probe>>,
}
