use super::service::ServicePlan;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::Security;
use crate::yaml::Spanned;

/// Sysctls the kubelet allows without configuration (Kubernetes' "safe" set, 1.33).
const SAFE_SYSCTLS: &[&str] = &[
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
];

/// Pod-level parts of security: supplemental groups and sysctls.
#[derive(Default)]
pub struct PodSecurity {
    pub supplemental_groups: Vec<i64>,
    pub sysctls: Vec<(String, String)>,
}

/// `user`, `group_add`, `cap_add`, `cap_drop`, `privileged`, `read_only`, `sysctls`.
pub fn security(sp: &mut ServicePlan, diags: &mut Diagnostics) -> (Security, PodSecurity) {
    for key in [
        "user",
        "group_add",
        "cap_add",
        "cap_drop",
        "privileged",
        "read_only",
        "sysctls",
    ] {
        sp.consume(key);
    }
    let s = sp.service;
    let mut sec = Security::default();
    let mut pod = PodSecurity::default();
    if let Some(user) = &s.user {
        (sec.run_as_user, sec.run_as_group) =
            run_as(user, &format!("service `{}`", s.name.value), diags);
    }
    for group in s.group_add.iter().flat_map(|g| g.value.iter()) {
        match group.value.parse::<i64>() {
            Ok(gid) => pod.supplemental_groups.push(gid),
            Err(_) => diags.push(
                Diagnostic::new(
                    Code::UserNotNumeric,
                    format!(
                        "group `{}` is a name; `supplementalGroups` needs numeric ids",
                        group.value
                    ),
                )
                .at(group.span, "not a number")
                .help("write the numeric group id"),
            ),
        }
    }
    let caps =
        |list: &Option<crate::yaml::Spanned<Vec<crate::yaml::Spanned<String>>>>| -> Vec<String> {
            list.iter()
                .flat_map(|l| l.value.iter())
                .map(|c| {
                    let upper = c.value.to_ascii_uppercase();
                    upper.strip_prefix("CAP_").unwrap_or(&upper).to_string()
                })
                .collect()
        };
    sec.capabilities_add = caps(&s.cap_add);
    sec.capabilities_drop = caps(&s.cap_drop);
    sec.privileged = s.privileged.as_ref().filter(|p| p.value).map(|_| true);
    sec.read_only_root_filesystem = s.read_only.as_ref().filter(|r| r.value).map(|_| true);
    if let Some(sysctls) = &s.sysctls {
        for (name, value) in &sysctls.value.0 {
            if !SAFE_SYSCTLS.contains(&name.as_str()) {
                diags.push(
                    Diagnostic::new(
                        Code::UnsafeSysctl,
                        format!("sysctl `{name}` of service `{}` is outside Kubernetes' safe set", s.name.value),
                    )
                    .at(sysctls.span, "kept in the pod spec")
                    .help("the kubelet rejects the pod unless its node allows the sysctl with `--allowed-unsafe-sysctls`"),
                );
            }
            pod.sysctls.push((name.clone(), value.clone()));
        }
    }
    (sec, pod)
}

/// `user` (`UID[:GID]`) → `runAsUser` and `runAsGroup`. A name is reported and left out: the
/// numeric id it stands for is in the image's `/etc/passwd`, which the plan cannot read. `whose`
/// names the setting's owner in messages (`` service `web` ``).
pub(crate) fn run_as(
    user: &Spanned<String>,
    whose: &str,
    diags: &mut Diagnostics,
) -> (Option<i64>, Option<i64>) {
    let (u, g) = user.value.split_once(':').unwrap_or((&user.value, ""));
    let uid = match u.parse::<i64>() {
        Ok(uid) => Some(uid),
        Err(_) => {
            diags.push(
                Diagnostic::new(
                    Code::UserNotNumeric,
                    format!("user `{u}` of {whose} is a name; Kubernetes needs a numeric id"),
                )
                .at(user.span, "`runAsUser` takes a number")
                .help("write the numeric id, e.g. `user: \"1000:1000\"` (`id -u NAME` inside the image tells it)"),
            );
            None
        }
    };
    if g.is_empty() {
        return (uid, None);
    }
    let gid = match g.parse::<i64>() {
        Ok(gid) => Some(gid),
        Err(_) => {
            diags.push(
                Diagnostic::new(
                    Code::UserNotNumeric,
                    format!("group `{g}` of {whose} is a name; Kubernetes needs a numeric id"),
                )
                .at(user.span, "`runAsGroup` takes a number")
                .help("write the numeric group id"),
            );
            None
        }
    };
    (uid, gid)
}
