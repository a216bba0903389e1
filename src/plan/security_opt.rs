//! `security_opt` → the container's `securityContext`: Docker's options each have a field of
//! their own in Kubernetes (`no-new-privileges`, `seccomp`, `apparmor`, SELinux `label`).

use super::not_translated;
use super::service::ServicePlan;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{Profile, SeLinux, Security};
use crate::yaml::Spanned;

pub fn security_opt(sp: &mut ServicePlan, sec: &mut Security, diags: &mut Diagnostics) {
    sp.consume("security_opt");
    let s = sp.service;
    for opt in s.security_opt.iter().flat_map(|o| o.value.iter()) {
        // Docker accepts both `name=value` and the older `name:value`.
        let text = opt.value.trim();
        let (name, value) = match text.split_once(['=', ':']) {
            Some((n, v)) => (n, Some(v)),
            None => (text, None),
        };
        match name {
            "no-new-privileges" => match value.map(str::to_ascii_lowercase).as_deref() {
                None | Some("true") => sec.allow_privilege_escalation = Some(false),
                Some("false") => {}
                Some(_) => diags.push(unknown(opt, "`no-new-privileges` takes `true` or `false`")),
            },
            "seccomp" => seccomp(opt, value, sec, diags),
            "apparmor" => match value {
                Some("unconfined") => {
                    sec.app_armor = Some(profile("Unconfined", None));
                }
                Some("runtime/default" | "docker-default") => {
                    sec.app_armor = Some(profile("RuntimeDefault", None));
                }
                Some(p) if !p.is_empty() => {
                    sec.app_armor = Some(profile("Localhost", Some(p)));
                    diags.push(
                        Diagnostic::new(
                            Code::SeccompProfile,
                            format!("AppArmor profile `{p}` must be loaded on the nodes"),
                        )
                        .at(opt.span, "becomes `appArmorProfile.type: Localhost`")
                        .help("load the profile on every node that may run the pod (`apparmor_parser`), or use the runtime's default"),
                    );
                }
                _ => diags.push(unknown(opt, "write `apparmor=PROFILE`")),
            },
            "label" => selinux(opt, value, sec, diags),
            _ => diags.push(unknown(
                opt,
                "Kubernetes' `securityContext` has fields for `no-new-privileges`, `seccomp`, `apparmor` and SELinux `label` only",
            )),
        }
    }
}

fn profile(type_: &str, localhost: Option<&str>) -> Profile {
    Profile {
        type_: type_.to_string(),
        localhost: localhost.map(str::to_string),
    }
}

fn unknown(opt: &Spanned<String>, help: &str) -> Diagnostic {
    not_translated(opt.span, &format!("`security_opt: {}`", opt.value), help)
}

fn seccomp(
    opt: &Spanned<String>,
    value: Option<&str>,
    sec: &mut Security,
    diags: &mut Diagnostics,
) {
    match value {
        Some("unconfined") => {
            sec.seccomp = Some(profile("Unconfined", None));
            diags.push(
                Diagnostic::new(
                    Code::SeccompProfile,
                    "`seccomp=unconfined` turns the system-call filter off",
                )
                .at(opt.span, "becomes `seccompProfile.type: Unconfined`")
                .help("Pod Security Admission's `restricted` level rejects this; prefer a Localhost profile that allows what the process needs"),
            );
        }
        Some("runtime/default" | "builtin") => {
            sec.seccomp = Some(profile("RuntimeDefault", None));
        }
        Some(path) if !path.is_empty() => {
            // The kubelet resolves Localhost profiles relative to its seccomp directory.
            let relative = path.trim_start_matches("./").trim_start_matches('/');
            sec.seccomp = Some(profile("Localhost", Some(relative)));
            diags.push(
                Diagnostic::new(
                    Code::SeccompProfile,
                    format!("seccomp profile `{path}` must be installed on the nodes"),
                )
                .at(opt.span, format!("becomes `seccompProfile.localhostProfile: {relative}`"))
                .help(format!("copy the profile to `/var/lib/kubelet/seccomp/{relative}` on every node that may run the pod")),
            );
        }
        _ => diags.push(unknown(
            opt,
            "write `seccomp=unconfined` or `seccomp=PROFILE.json`",
        )),
    }
}

fn selinux(
    opt: &Spanned<String>,
    value: Option<&str>,
    sec: &mut Security,
    diags: &mut Diagnostics,
) {
    let Some(value) = value else {
        diags.push(unknown(
            opt,
            "write `label=type:TYPE` (or `user:`, `role:`, `level:`)",
        ));
        return;
    };
    let se = sec.se_linux.get_or_insert_with(SeLinux::default);
    match value.split_once(':') {
        Some(("user", v)) => se.user = Some(v.to_string()),
        Some(("role", v)) => se.role = Some(v.to_string()),
        Some(("type", v)) => se.type_ = Some(v.to_string()),
        Some(("level", v)) => se.level = Some(v.to_string()),
        _ => {
            if *se == SeLinux::default() {
                sec.se_linux = None;
            }
            let help = if value == "disable" {
                "Kubernetes has no switch to turn SELinux labelling off for one container; run it with a permissive type (e.g. `label=type:spc_t`)"
            } else {
                "write `label=user:USER`, `label=role:ROLE`, `label=type:TYPE` or `label=level:LEVEL`"
            };
            diags.push(unknown(opt, help));
        }
    }
}
