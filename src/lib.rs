//! compose2k8s: Docker Compose projects in, Kubernetes manifests out. See ARCHITECTURE.md.

pub mod compose;
pub mod convert;
pub mod diag;
pub mod extension;
pub mod ir;
pub mod k8s;
pub mod output;
pub mod plan;
pub mod report;
pub mod source;
pub mod yaml;
