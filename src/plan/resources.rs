use super::not_translated;
use super::service::ServicePlan;
use crate::compose::ast::{DeviceCount, DeviceRequest, Gpus};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{Resources, Toleration};
use crate::source::Span;

const NVIDIA_GPU: &str = "nvidia.com/gpu";

/// `deploy.resources` (and the older `cpus`, `mem_limit`, `mem_reservation`) → requests and
/// limits; GPU reservations and `gpus` → an extended resource, with the toleration GPU node
/// pools usually need. `deploy.resources` wins over the older keys, as in Compose.
pub fn resources(sp: &mut ServicePlan, diags: &mut Diagnostics) -> (Resources, Vec<Toleration>) {
    sp.consume("cpus");
    sp.consume("mem_limit");
    sp.consume("mem_reservation");
    sp.consume("gpus");
    let s = sp.service;
    let mut r = Resources {
        cpu_limit_millis: s.cpus.as_ref().map(|c| millis(c.value)),
        memory_limit_bytes: s.mem_limit.as_ref().map(|m| m.value.0),
        memory_request_bytes: s.mem_reservation.as_ref().map(|m| m.value.0),
        ..Resources::default()
    };
    let mut gpu_at: Option<Span> = None;
    let deploy_resources = s.deploy.as_ref().and_then(|d| d.value.resources.as_ref());
    // The older keys lose to `deploy.resources`, as in Compose; say so where they are dropped.
    let superseded = |old: Option<Span>, key: &str, by: &str, diags: &mut Diagnostics| {
        if let Some(span) = old {
            diags.push(not_translated(
                span,
                &format!("`{key}` (superseded by `deploy.resources.{by}`)"),
                &format!("keep one of the two; `deploy.resources.{by}` is the one converted"),
            ));
        }
    };
    if let Some(res) = deploy_resources {
        if let Some(limits) = &res.value.limits {
            if let Some(cpus) = &limits.value.cpus {
                r.cpu_limit_millis = Some(millis(cpus.value));
                superseded(
                    s.cpus.as_ref().map(|c| c.span),
                    "cpus",
                    "limits.cpus",
                    diags,
                );
            }
            if let Some(mem) = &limits.value.memory {
                r.memory_limit_bytes = Some(mem.value.0);
                superseded(
                    s.mem_limit.as_ref().map(|c| c.span),
                    "mem_limit",
                    "limits.memory",
                    diags,
                );
            }
            if let Some(pids) = &limits.value.pids {
                diags.push(not_translated(
                    pids.span,
                    "`deploy.resources.limits.pids`",
                    "the process limit of a pod is a kubelet setting (`podPidsLimit`), not part of the manifest",
                ));
            }
        }
        if let Some(reservations) = &res.value.reservations {
            if let Some(cpus) = &reservations.value.cpus {
                r.cpu_request_millis = Some(millis(cpus.value));
            }
            if let Some(mem) = &reservations.value.memory {
                r.memory_request_bytes = Some(mem.value.0);
                superseded(
                    s.mem_reservation.as_ref().map(|c| c.span),
                    "mem_reservation",
                    "reservations.memory",
                    diags,
                );
            }
            if let Some(generic) = &reservations.value.generic_resources {
                diags.push(not_translated(
                    generic.span,
                    "`generic_resources`",
                    "request the matching extended resource in `resources.limits` by hand",
                ));
            }
            for device in reservations
                .value
                .devices
                .iter()
                .flat_map(|d| d.value.iter())
            {
                if let Some((name, count)) = device_request(&device.value, device.span, sp, diags) {
                    *r.extended.entry(name).or_insert(0) += count;
                    gpu_at.get_or_insert(device.span);
                }
            }
        }
    }
    if let Some(gpus) = &s.gpus {
        match &gpus.value {
            Gpus::All => {
                let all = DeviceRequest {
                    capabilities: vec!["gpu".into()],
                    count: Some(DeviceCount::All),
                    ..DeviceRequest::default()
                };
                if let Some((name, count)) = device_request(&all, gpus.span, sp, diags) {
                    *r.extended.entry(name).or_insert(0) += count;
                    gpu_at.get_or_insert(gpus.span);
                }
            }
            Gpus::Devices(devices) => {
                for device in devices {
                    let mut d = device.value.clone();
                    if d.capabilities.is_empty() {
                        d.capabilities.push("gpu".into());
                    }
                    if let Some((name, count)) = device_request(&d, device.span, sp, diags) {
                        *r.extended.entry(name).or_insert(0) += count;
                        gpu_at.get_or_insert(device.span);
                    }
                }
            }
        }
    }
    if let (Some(req), Some(lim)) = (r.memory_request_bytes, r.memory_limit_bytes) {
        if req > lim {
            r.memory_request_bytes = Some(lim);
        }
    }
    let mut tolerations = Vec::new();
    if let Some(at) = gpu_at.filter(|_| r.extended.contains_key(NVIDIA_GPU)) {
        tolerations.push(Toleration {
            key: NVIDIA_GPU.to_string(),
            effect: "NoSchedule".to_string(),
        });
        diags.push(
            Diagnostic::new(
                Code::GpuToleration,
                format!("service `{}` tolerates the `{NVIDIA_GPU}` NoSchedule taint", s.name.value),
            )
            .at(at, "a GPU is requested here")
            .help("GPU node pools are commonly tainted so that only GPU pods land on them; without such a taint the toleration has no effect"),
        );
    }
    (r, tolerations)
}

/// CPUs as millicores, rounded up so a fractional request is never lost.
fn millis(cpus: f64) -> u64 {
    let m = (cpus * 1000.0).ceil();
    if m.is_finite() && m > 0.0 {
        m as u64
    } else {
        0
    }
}

/// The extended resource and count for one device request, or `None` (reported) when it is not
/// a GPU request Kubernetes can express.
fn device_request(
    d: &DeviceRequest,
    span: Span,
    sp: &ServicePlan,
    diags: &mut Diagnostics,
) -> Option<(String, u64)> {
    let service = &sp.service.name.value;
    // NVIDIA's driver capabilities (`compute`, `utility`, …) also ask for a GPU, as Docker
    // reads them with the nvidia driver.
    const GPU_CAPABILITIES: &[&str] =
        &["gpu", "compute", "utility", "graphics", "video", "display"];
    let gpu_driver = matches!(d.driver.as_deref(), Some("nvidia" | "amd" | "amdgpu"));
    if !gpu_driver
        && !d
            .capabilities
            .iter()
            .any(|c| GPU_CAPABILITIES.contains(&c.as_str()))
    {
        diags.push(not_translated(
            span,
            &format!("device reservation with capabilities [{}]", d.capabilities.join(", ")),
            "Kubernetes exposes devices through device plugins as extended resources; request the plugin's resource in `resources.limits` by hand",
        ));
        return None;
    }
    let resource = match d.driver.as_deref() {
        None | Some("nvidia") => NVIDIA_GPU.to_string(),
        Some("amd") | Some("amdgpu") => "amd.com/gpu".to_string(),
        Some(other) => {
            diags.push(
                Diagnostic::new(
                    Code::GpuApproximated,
                    format!("GPU driver `{other}` of service `{service}` has no known Kubernetes resource name; using `{NVIDIA_GPU}`"),
                )
                .at(span, "the device plugin decides the resource name")
                .help("change the resource name in `resources.limits` to the one your device plugin advertises"),
            );
            NVIDIA_GPU.to_string()
        }
    };
    let count = match d.count {
        Some(DeviceCount::Count(n)) => n,
        Some(DeviceCount::All) | None if d.device_ids.is_empty() => {
            diags.push(
                Diagnostic::new(
                    Code::GpuApproximated,
                    format!("service `{service}` reserves all GPUs of the host; requesting 1 `{resource}`"),
                )
                .at(span, "Kubernetes needs a number of GPUs, not `all`")
                .help("state the number the service needs: `count: 1` (or more) in this reservation"),
            );
            1
        }
        _ => {
            let n = d.device_ids.len() as u64;
            diags.push(
                Diagnostic::new(
                    Code::GpuApproximated,
                    format!("service `{service}` names GPU devices by id; requesting {n} `{resource}`"),
                )
                .at(span, "the device plugin chooses which GPUs a pod gets")
                .help("replace `device_ids` with `count:`; to pin a GPU model, select its nodes with a nodeSelector"),
            );
            n
        }
    };
    if !d.options.0.is_empty() {
        diags.push(not_translated(
            span,
            "device `options`",
            "driver options are set on the node's device plugin, not per pod",
        ));
    }
    (count > 0).then_some((resource, count))
}
