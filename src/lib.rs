//! compose2k8s: Docker Compose projects in, Kubernetes manifests out. See ARCHITECTURE.md.

pub mod diag;
pub mod source;
pub mod yaml;
