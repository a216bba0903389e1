use super::{Fact, Probes, Resources, Security, VolumeMount};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Protocol {
    Tcp,
    Udp,
}

impl Protocol {
    pub fn as_k8s(self) -> &'static str {
        match self {
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnvVar {
    pub name: String,
    pub value: EnvValue,
}

/// Where a container variable's value is: written in the pod spec, or a key of a Secret.
#[derive(Clone, PartialEq)]
pub enum EnvValue {
    Literal(String),
    /// `valueFrom.secretKeyRef`: a credential that came from outside the Compose files.
    SecretKey {
        secret: String,
        key: String,
    },
}

/// Never prints a literal: a variable may hold a credential, and a debug dump of the IR must
/// not show it.
impl std::fmt::Debug for EnvValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EnvValue::Literal(_) => f.write_str("Literal(…)"),
            EnvValue::SecretKey { secret, key } => f
                .debug_struct("SecretKey")
                .field("secret", secret)
                .field("key", key)
                .finish(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContainerPort {
    pub port: u16,
    pub protocol: Protocol,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Container {
    pub name: String,
    pub image: Fact<String>,
    /// Kubernetes `command` (Compose `entrypoint`).
    pub command: Option<Fact<Vec<String>>>,
    /// Kubernetes `args` (Compose `command`).
    pub args: Option<Fact<Vec<String>>>,
    pub env: Vec<Fact<EnvVar>>,
    /// Secrets whose keys become variables (`envFrom`), in `env_file` order: a later one wins,
    /// and `env` wins over them all, as in Compose.
    pub env_from_secrets: Vec<Fact<String>>,
    pub ports: Vec<Fact<ContainerPort>>,
    pub probes: Probes,
    pub working_dir: Option<Fact<String>>,
    pub volume_mounts: Vec<VolumeMount>,
    pub resources: Resources,
    pub security: Security,
    /// Kubernetes `imagePullPolicy`: `Always`, `IfNotPresent` or `Never`.
    pub image_pull_policy: Option<String>,
    pub stdin: bool,
    pub tty: bool,
    /// `post_start` hook: an exec command.
    pub post_start: Option<Fact<Vec<String>>>,
    /// `pre_stop` hook: an exec command.
    pub pre_stop: Option<Fact<Vec<String>>>,
    /// For an init container that waits for a dependency: what it connects to.
    pub waits_for: Option<super::Wait>,
}
