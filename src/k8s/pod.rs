use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    self as core, Capabilities, ConfigMapVolumeSource, EmptyDirVolumeSource, ExecAction, HostAlias,
    KeyToPath, PersistentVolumeClaimVolumeSource, PodDNSConfig, PodDNSConfigOption,
    PodSecurityContext, PodSpec, ResourceRequirements, SecretVolumeSource, SecurityContext, Sysctl,
    Toleration,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::quantity;
use crate::ir::{
    Container, EnvValue, PodSettings, PodVolume, Probe, ProbeAction, Resources, Security,
    VolumeSource, Workload,
};

/// The pod template's metadata: the selector labels and the networks' (`labels::pod`).
pub fn template(m: &crate::ir::Migration, w: &Workload) -> core::PodTemplateSpec {
    core::PodTemplateSpec {
        metadata: Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
            labels: Some(super::labels::pod(m, w)),
            ..Default::default()
        }),
        spec: Some(pod_spec(w)),
    }
}

pub fn pod_spec(w: &Workload) -> PodSpec {
    let p = &w.pod;
    let volumes: Vec<core::Volume> = w.volumes.iter().map(volume).collect();
    let init: Vec<core::Container> = w.init_containers.iter().map(container).collect();
    PodSpec {
        init_containers: non_empty(init),
        containers: w.containers.iter().map(container).collect(),
        volumes: (!volumes.is_empty()).then_some(volumes),
        hostname: p.hostname.clone(),
        host_network: p.host_network.then_some(true),
        host_ipc: p.host_ipc.then_some(true),
        host_pid: p.host_pid.then_some(true),
        host_aliases: non_empty(
            p.host_aliases
                .iter()
                .map(|(ip, hosts)| HostAlias {
                    ip: ip.clone(),
                    hostnames: Some(hosts.clone()),
                })
                .collect(),
        ),
        dns_config: dns_config(p),
        termination_grace_period_seconds: p.termination_grace_period_seconds,
        security_context: pod_security(p),
        tolerations: non_empty(
            p.tolerations
                .iter()
                .map(|t| Toleration {
                    key: Some(t.key.clone()),
                    operator: Some("Exists".into()),
                    effect: Some(t.effect.clone()),
                    ..Default::default()
                })
                .collect(),
        ),
        ..Default::default()
    }
}

fn non_empty<T>(v: Vec<T>) -> Option<Vec<T>> {
    (!v.is_empty()).then_some(v)
}

fn dns_config(p: &PodSettings) -> Option<PodDNSConfig> {
    if p.dns_nameservers.is_empty() && p.dns_searches.is_empty() && p.dns_options.is_empty() {
        return None;
    }
    Some(PodDNSConfig {
        nameservers: non_empty(p.dns_nameservers.clone()),
        searches: non_empty(p.dns_searches.clone()),
        options: non_empty(
            p.dns_options
                .iter()
                .map(|(name, value)| PodDNSConfigOption {
                    name: Some(name.clone()),
                    value: value.clone(),
                })
                .collect(),
        ),
    })
}

fn pod_security(p: &PodSettings) -> Option<PodSecurityContext> {
    if p.supplemental_groups.is_empty() && p.sysctls.is_empty() && p.fs_group.is_none() {
        return None;
    }
    Some(PodSecurityContext {
        fs_group: p.fs_group,
        supplemental_groups: non_empty(p.supplemental_groups.clone()),
        sysctls: non_empty(
            p.sysctls
                .iter()
                .map(|(name, value)| Sysctl {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
        ),
        ..Default::default()
    })
}

fn volume(v: &PodVolume) -> core::Volume {
    let mut out = core::Volume {
        name: v.name.clone(),
        ..Default::default()
    };
    let items = |items: &[crate::ir::KeyToPath]| {
        non_empty(
            items
                .iter()
                .map(|i| KeyToPath {
                    key: i.key.clone(),
                    path: i.path.clone(),
                    mode: None,
                })
                .collect(),
        )
    };
    match &v.source {
        VolumeSource::EmptyDir {
            memory,
            size_limit_bytes,
        } => {
            out.empty_dir = Some(EmptyDirVolumeSource {
                medium: memory.then(|| "Memory".to_string()),
                size_limit: size_limit_bytes.map(quantity::bytes),
            })
        }
        VolumeSource::Claim { claim_name } => {
            out.persistent_volume_claim = Some(PersistentVolumeClaimVolumeSource {
                claim_name: claim_name.clone(),
                read_only: None,
            })
        }
        VolumeSource::Secret {
            secret_name,
            items: i,
            mode,
        } => {
            out.secret = Some(SecretVolumeSource {
                secret_name: Some(secret_name.clone()),
                items: items(i),
                default_mode: *mode,
                optional: None,
            })
        }
        VolumeSource::ConfigMap {
            name,
            items: i,
            mode,
        } => {
            out.config_map = Some(ConfigMapVolumeSource {
                name: name.clone(),
                items: items(i),
                default_mode: *mode,
                optional: None,
            })
        }
        VolumeSource::HostPath { path } => {
            out.host_path = Some(core::HostPathVolumeSource {
                path: path.clone(),
                type_: None,
            })
        }
    }
    out
}

fn container(c: &Container) -> core::Container {
    let env: Vec<core::EnvVar> = c
        .env
        .iter()
        .map(|e| match &e.value.value {
            EnvValue::Literal(value) => core::EnvVar {
                name: e.value.name.clone(),
                value: Some(value.clone()),
                ..Default::default()
            },
            EnvValue::SecretKey { secret, key } => core::EnvVar {
                name: e.value.name.clone(),
                value_from: Some(core::EnvVarSource {
                    secret_key_ref: Some(core::SecretKeySelector {
                        name: secret.clone(),
                        key: key.clone(),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            },
        })
        .collect();
    let env_from: Vec<core::EnvFromSource> = c
        .env_from_secrets
        .iter()
        .map(|secret| core::EnvFromSource {
            secret_ref: Some(core::SecretEnvSource {
                name: secret.value.clone(),
                ..Default::default()
            }),
            ..Default::default()
        })
        .collect();
    let ports: Vec<core::ContainerPort> = c
        .ports
        .iter()
        .map(|p| core::ContainerPort {
            container_port: i32::from(p.value.port),
            protocol: Some(p.value.protocol.as_k8s().to_string()),
            ..Default::default()
        })
        .collect();
    let mounts: Vec<core::VolumeMount> = c
        .volume_mounts
        .iter()
        .map(|m| core::VolumeMount {
            name: m.volume.clone(),
            mount_path: m.mount_path.clone(),
            read_only: m.read_only.then_some(true),
            sub_path: m.sub_path.clone(),
            ..Default::default()
        })
        .collect();
    core::Container {
        name: c.name.clone(),
        image: Some(c.image.value.clone()),
        image_pull_policy: c.image_pull_policy.clone(),
        command: c.command.as_ref().map(|f| f.value.clone()),
        args: c.args.as_ref().map(|f| f.value.clone()),
        env: non_empty(env),
        env_from: non_empty(env_from),
        ports: non_empty(ports),
        working_dir: c.working_dir.as_ref().map(|f| f.value.clone()),
        volume_mounts: non_empty(mounts),
        resources: resources(&c.resources),
        security_context: security(&c.security),
        stdin: c.stdin.then_some(true),
        tty: c.tty.then_some(true),
        readiness_probe: c.probes.readiness.as_ref().map(|p| probe(&p.value)),
        liveness_probe: c.probes.liveness.as_ref().map(|p| probe(&p.value)),
        startup_probe: c.probes.startup.as_ref().map(|p| probe(&p.value)),
        lifecycle: lifecycle(c),
        ..Default::default()
    }
}

fn lifecycle(c: &Container) -> Option<core::Lifecycle> {
    let handler = |argv: &Option<crate::ir::Fact<Vec<String>>>| {
        argv.as_ref().map(|a| core::LifecycleHandler {
            exec: Some(ExecAction {
                command: Some(a.value.clone()),
            }),
            ..Default::default()
        })
    };
    let (post_start, pre_stop) = (handler(&c.post_start), handler(&c.pre_stop));
    (post_start.is_some() || pre_stop.is_some()).then(|| core::Lifecycle {
        post_start,
        pre_stop,
        ..Default::default()
    })
}

fn resources(r: &Resources) -> Option<ResourceRequirements> {
    if r.is_empty() {
        return None;
    }
    let mut requests: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut limits: BTreeMap<String, Quantity> = BTreeMap::new();
    if let Some(m) = r.cpu_request_millis {
        requests.insert("cpu".into(), quantity::cpu(m));
    }
    if let Some(m) = r.cpu_limit_millis {
        limits.insert("cpu".into(), quantity::cpu(m));
    }
    if let Some(b) = r.memory_request_bytes {
        requests.insert("memory".into(), quantity::bytes(b));
    }
    if let Some(b) = r.memory_limit_bytes {
        limits.insert("memory".into(), quantity::bytes(b));
    }
    for (name, n) in &r.extended {
        requests.insert(name.clone(), quantity::count(*n));
        limits.insert(name.clone(), quantity::count(*n));
    }
    Some(ResourceRequirements {
        requests: (!requests.is_empty()).then_some(requests),
        limits: (!limits.is_empty()).then_some(limits),
        ..Default::default()
    })
}

fn security(s: &Security) -> Option<SecurityContext> {
    if s.is_empty() {
        return None;
    }
    let capabilities =
        (!s.capabilities_add.is_empty() || !s.capabilities_drop.is_empty()).then(|| Capabilities {
            add: non_empty(s.capabilities_add.clone()),
            drop: non_empty(s.capabilities_drop.clone()),
        });
    Some(SecurityContext {
        run_as_user: s.run_as_user,
        run_as_group: s.run_as_group,
        privileged: s.privileged,
        read_only_root_filesystem: s.read_only_root_filesystem,
        capabilities,
        allow_privilege_escalation: s.allow_privilege_escalation,
        seccomp_profile: s.seccomp.as_ref().map(|p| core::SeccompProfile {
            type_: p.type_.clone(),
            localhost_profile: p.localhost.clone(),
        }),
        app_armor_profile: s.app_armor.as_ref().map(|p| core::AppArmorProfile {
            type_: p.type_.clone(),
            localhost_profile: p.localhost.clone(),
        }),
        se_linux_options: s.se_linux.as_ref().map(|l| core::SELinuxOptions {
            user: l.user.clone(),
            role: l.role.clone(),
            type_: l.type_.clone(),
            level: l.level.clone(),
        }),
        ..Default::default()
    })
}

fn probe(p: &Probe) -> core::Probe {
    let mut probe = core::Probe {
        period_seconds: Some(p.period_seconds),
        timeout_seconds: Some(p.timeout_seconds),
        failure_threshold: Some(p.failure_threshold),
        initial_delay_seconds: p.initial_delay_seconds,
        ..Default::default()
    };
    match &p.action {
        ProbeAction::Exec(cmd) => {
            probe.exec = Some(ExecAction {
                command: Some(cmd.clone()),
            })
        }
        ProbeAction::HttpGet { path, port, scheme } => {
            probe.http_get = Some(core::HTTPGetAction {
                path: Some(path.clone()),
                port: IntOrString::Int(i32::from(*port)),
                scheme: scheme.clone(),
                ..Default::default()
            })
        }
        ProbeAction::TcpSocket { port } => {
            probe.tcp_socket = Some(core::TCPSocketAction {
                port: IntOrString::Int(i32::from(*port)),
                host: None,
            })
        }
    }
    probe
}
