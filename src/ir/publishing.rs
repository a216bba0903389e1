use std::collections::BTreeMap;

/// How a workload is reached from outside its namespace's cluster network: the Service's type
/// and an Ingress.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Publishing {
    /// `None` is a plain ClusterIP Service.
    pub service_type: Option<ServiceType>,
    pub service_annotations: BTreeMap<String, String>,
    /// Service port → node port.
    pub node_ports: BTreeMap<u16, u16>,
    /// `Cluster` or `Local`, for a NodePort or LoadBalancer Service; `None` leaves the default.
    pub external_traffic_policy: Option<String>,
    pub ingress: Option<Ingress>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServiceType {
    ClusterIp,
    NodePort,
    LoadBalancer,
    /// `clusterIP: None`: DNS answers with the pods' addresses.
    Headless,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ingress {
    pub host: Option<String>,
    pub path: String,
    pub path_type: String,
    /// The Service port traffic goes to.
    pub port: u16,
    pub tls_secret: Option<String>,
    pub class_name: Option<String>,
    pub annotations: BTreeMap<String, String>,
}
