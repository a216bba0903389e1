use super::Protocol;

/// A Compose network whose isolation is kept by a NetworkPolicy (`--network-policies`): pods on
/// it accept traffic from the other pods on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    /// The network's key in the Compose file.
    pub compose: String,
    /// The Compose name as a DNS label: it names the policy and the pods' label key, so two
    /// networks never share one (the plan reports the collision).
    pub name: String,
}

/// How a workload's pods are isolated once Compose networks become NetworkPolicies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Isolation {
    /// `Network::name` of each network the pods join, in Compose order.
    pub networks: Vec<String>,
    /// Ports anyone may connect to: published on the Docker host in Compose, or routed to from
    /// outside by a NodePort or LoadBalancer Service or an Ingress. Other ports are for peers.
    pub open_ports: Vec<OpenPort>,
    /// Every network the service joins is `internal`: no traffic out but to peers and DNS.
    pub internal: bool,
    /// `network_mode: none`: no traffic in or out at all.
    pub no_network: bool,
}

impl Isolation {
    /// Whether the workload needs a NetworkPolicy of its own, beyond its networks' policies.
    pub fn own_policy(&self) -> bool {
        self.no_network || self.internal || !self.open_ports.is_empty()
    }
}

/// A container port, or a range of them, open to any client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct OpenPort {
    pub port: u16,
    /// The last port of a range (`3000-3005`).
    pub end: Option<u16>,
    pub protocol: Protocol,
}
