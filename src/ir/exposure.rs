use super::{Fact, Protocol};

/// A cluster-internal name and ports for a workload: what Compose's service-name DNS gave for free.
#[derive(Clone, Debug, PartialEq)]
pub struct Exposure {
    pub ports: Vec<Fact<ServicePort>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServicePort {
    /// The port other pods connect to: the container port, as on a Compose network.
    pub port: u16,
    pub target_port: u16,
    pub protocol: Protocol,
}
