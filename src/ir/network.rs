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
    /// Pods of other workloads let in beyond the networks: waiters that share no network with
    /// this dependency.
    pub admitted: Vec<Path>,
    /// Connections out beyond the peers while egress is confined (`internal`): the dependencies
    /// the pods wait for that are not on their networks.
    pub reaches: Vec<Path>,
}

impl Isolation {
    /// Whether the workload needs a NetworkPolicy of its own, beyond its networks' policies.
    pub fn own_policy(&self) -> bool {
        self.no_network || self.internal || !self.open_ports.is_empty() || !self.admitted.is_empty()
    }
}

/// One connection between this workload's pods and another workload's that the networks do not
/// allow, opened because a dependency wait (`depends_on` with `service_healthy`) needs it:
/// Compose waits on the health check, with no network path at all.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Path {
    /// The other side: the waiter (in `admitted`) or the dependency (in `reaches`).
    pub workload: String,
    /// The dependency's container port the wait connects to.
    pub port: u16,
    pub protocol: Protocol,
}

/// What a dependency-wait init container connects to, so that the NetworkPolicies can let it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wait {
    /// The dependency's workload.
    pub workload: String,
    /// Its container port behind the Service port the wait connects to.
    pub port: u16,
    /// The `condition: service_healthy` the wait comes from.
    pub span: crate::source::Span,
}

/// A container port, or a range of them, open to any client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct OpenPort {
    pub port: u16,
    /// The last port of a range (`3000-3005`).
    pub end: Option<u16>,
    pub protocol: Protocol,
}
