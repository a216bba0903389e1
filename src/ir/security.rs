/// The container's security settings, from `user`, `cap_add`, `cap_drop`, `privileged` and
/// `read_only`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Security {
    pub run_as_user: Option<i64>,
    pub run_as_group: Option<i64>,
    pub privileged: Option<bool>,
    pub read_only_root_filesystem: Option<bool>,
    pub capabilities_add: Vec<String>,
    pub capabilities_drop: Vec<String>,
    /// `security_opt: no-new-privileges`.
    pub allow_privilege_escalation: Option<bool>,
    /// `security_opt: seccomp=…`.
    pub seccomp: Option<Profile>,
    /// `security_opt: apparmor=…`.
    pub app_armor: Option<Profile>,
    /// `security_opt: label=…` (SELinux).
    pub se_linux: Option<SeLinux>,
}

/// A seccomp or AppArmor profile: Kubernetes' `type` and, for `Localhost`, the profile's name.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// `RuntimeDefault`, `Unconfined` or `Localhost`.
    pub type_: String,
    pub localhost: Option<String>,
}

/// SELinux context parts; Docker's `label=user:…`, `role:…`, `type:…`, `level:…`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SeLinux {
    pub user: Option<String>,
    pub role: Option<String>,
    pub type_: Option<String>,
    pub level: Option<String>,
}

impl Security {
    pub fn is_empty(&self) -> bool {
        *self == Security::default()
    }
}

/// Settings of the whole pod.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodSettings {
    pub hostname: Option<String>,
    pub host_network: bool,
    pub host_ipc: bool,
    pub host_pid: bool,
    pub supplemental_groups: Vec<i64>,
    /// The group that owns the pod's volumes (`kompose.security-context.fsgroup`).
    pub fs_group: Option<i64>,
    pub sysctls: Vec<(String, String)>,
    pub host_aliases: Vec<(String, Vec<String>)>,
    pub dns_nameservers: Vec<String>,
    pub dns_searches: Vec<String>,
    pub dns_options: Vec<(String, Option<String>)>,
    pub termination_grace_period_seconds: Option<i64>,
    pub tolerations: Vec<Toleration>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Toleration {
    pub key: String,
    pub effect: String,
}
