use crate::source::Span;

/// A service left on Compose that converted services reach by its Compose name: a Service of
/// type ExternalName with that name resolves it to where the service runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalName {
    /// The Kubernetes name: the Compose service name, or a link alias of it, as a DNS label.
    pub name: String,
    /// The Compose service it stands for.
    pub service: String,
    /// The DNS name it resolves to (`x-kubernetes.external.host`).
    pub host: String,
    pub port: Option<u16>,
    /// The service's key in the Compose file.
    pub origin: Span,
}
