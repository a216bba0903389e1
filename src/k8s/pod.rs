use k8s_openapi::api::core::v1::{self as core, ExecAction, PodSpec};

use crate::ir::{Container, Probe, ProbeAction, Workload};

pub fn pod_spec(w: &Workload) -> PodSpec {
    PodSpec {
        containers: w.containers.iter().map(container).collect(),
        ..Default::default()
    }
}

fn container(c: &Container) -> core::Container {
    let env: Vec<core::EnvVar> = c
        .env
        .iter()
        .map(|e| core::EnvVar {
            name: e.value.name.clone(),
            value: Some(e.value.value.clone()),
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
    core::Container {
        name: c.name.clone(),
        image: Some(c.image.value.clone()),
        command: c.command.as_ref().map(|f| f.value.clone()),
        args: c.args.as_ref().map(|f| f.value.clone()),
        env: (!env.is_empty()).then_some(env),
        ports: (!ports.is_empty()).then_some(ports),
        working_dir: c.working_dir.as_ref().map(|f| f.value.clone()),
        readiness_probe: c.probes.readiness.as_ref().map(|p| probe(&p.value)),
        liveness_probe: c.probes.liveness.as_ref().map(|p| probe(&p.value)),
        startup_probe: c.probes.startup.as_ref().map(|p| probe(&p.value)),
        ..Default::default()
    }
}

fn probe(p: &Probe) -> core::Probe {
    let exec = match &p.action {
        ProbeAction::Exec(cmd) => Some(ExecAction {
            command: Some(cmd.clone()),
        }),
    };
    core::Probe {
        exec,
        period_seconds: Some(p.period_seconds),
        timeout_seconds: Some(p.timeout_seconds),
        failure_threshold: Some(p.failure_threshold),
        initial_delay_seconds: p.initial_delay_seconds,
        ..Default::default()
    }
}
