use super::Fact;

#[derive(Clone, Debug, PartialEq)]
pub enum ProbeAction {
    Exec(Vec<String>),
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
