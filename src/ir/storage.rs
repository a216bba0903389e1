/// A volume of the pod, named uniquely within it.
#[derive(Clone, Debug, PartialEq)]
pub struct PodVolume {
    pub name: String,
    pub source: VolumeSource,
}

#[derive(Clone, Debug, PartialEq)]
pub enum VolumeSource {
    /// Scratch space that lives as long as the pod; in memory when `memory` is set.
    EmptyDir {
        memory: bool,
        size_limit_bytes: Option<u64>,
    },
    /// A PersistentVolumeClaim of the project (or an existing one, for external volumes).
    Claim { claim_name: String },
    /// An existing Secret, referenced by name; its data is not written by the tool.
    Secret {
        secret_name: String,
        items: Vec<KeyToPath>,
        mode: Option<i32>,
    },
    /// A ConfigMap of the project or an existing one.
    ConfigMap {
        name: String,
        items: Vec<KeyToPath>,
        mode: Option<i32>,
    },
    /// A directory of the node (`x-kubernetes.volumes`, type `hostPath`).
    HostPath { path: String },
}

#[derive(Clone, Debug, PartialEq)]
pub struct KeyToPath {
    pub key: String,
    pub path: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VolumeMount {
    /// The `PodVolume` this mounts.
    pub volume: String,
    pub mount_path: String,
    pub read_only: bool,
    pub sub_path: Option<String>,
}

/// A PersistentVolumeClaim the project needs: one per named Compose volume that is used.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub name: String,
    pub size_bytes: u64,
    pub access_modes: Vec<String>,
    pub storage_class: Option<String>,
    pub annotations: std::collections::BTreeMap<String, String>,
}

/// A ConfigMap the project defines (from a Compose `configs` entry, a bind-mounted file or a
/// bind-mounted configuration directory).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConfigData {
    pub name: String,
    pub data: std::collections::BTreeMap<String, String>,
    /// Files that are not UTF-8 (`binaryData`).
    pub binary_data: std::collections::BTreeMap<String, Vec<u8>>,
}

/// A Secret written with its data (`--embed-secrets`); otherwise Secrets are only referenced.
#[derive(Clone, PartialEq)]
pub struct SecretData {
    pub name: String,
    pub data: std::collections::BTreeMap<String, Vec<u8>>,
}

/// Never prints the data, so a debug dump of the IR cannot leak it.
impl std::fmt::Debug for SecretData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretData")
            .field("name", &self.name)
            .field("keys", &self.data.keys().collect::<Vec<_>>())
            .finish()
    }
}
