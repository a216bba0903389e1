//! `x-kubernetes.resources` and `x-kubernetes.gpu`: requests, limits and GPUs that replace what
//! `deploy.resources`, `cpus`, `mem_*`, GPU reservations and `gpus` give.

use super::extension::{overrides, Findings};
use crate::compose::ast::Service;
use crate::diag::{Code, Diagnostic};
use crate::extension::{quantity, ServiceExtension};
use crate::ir::{Toleration, Workload};
use crate::source::Span;

const NVIDIA_GPU: &str = "nvidia.com/gpu";
/// The resources the Compose lowering may have set for GPUs.
const GPU_RESOURCES: &[&str] = &[NVIDIA_GPU, "amd.com/gpu"];

pub fn apply(service: &Service, e: &ServiceExtension, w: &mut Workload, found: &mut Findings) {
    let name = &service.name.value;
    let Some(container) = w.containers.first_mut() else {
        return;
    };
    let r = &mut container.resources;
    let compose_resources = service
        .deploy
        .as_ref()
        .and_then(|d| d.value.resources.as_ref())
        .map(|r| r.span)
        .or(service.cpus.as_ref().map(|c| c.span))
        .or(service.mem_limit.as_ref().map(|c| c.span))
        .or(service.mem_reservation.as_ref().map(|c| c.span));
    if let Some(res) = &e.resources {
        let before = r.clone();
        for (limit, map) in [(false, &res.value.requests), (true, &res.value.limits)] {
            for (resource, value) in map.iter().flat_map(|m| m.value.iter()) {
                // Unparsable quantities were reported when the block was read.
                let Some(q) = quantity::parse(&value.value) else {
                    continue;
                };
                match (resource.as_str(), limit) {
                    ("cpu", false) => r.cpu_request_millis = q.millis(),
                    ("cpu", true) => r.cpu_limit_millis = q.millis(),
                    ("memory", false) => r.memory_request_bytes = q.whole(),
                    ("memory", true) => r.memory_limit_bytes = q.whole(),
                    (other, _) => {
                        if let Some(n) = q.whole() {
                            r.extended.insert(other.to_string(), n);
                        }
                    }
                }
            }
        }
        let changed = |a: Option<u64>, b: Option<u64>| a.is_some() && a != b;
        let replaced = changed(before.cpu_request_millis, r.cpu_request_millis)
            || changed(before.cpu_limit_millis, r.cpu_limit_millis)
            || changed(before.memory_request_bytes, r.memory_request_bytes)
            || changed(before.memory_limit_bytes, r.memory_limit_bytes);
        if replaced {
            found.push(overrides(
                res.span,
                format!("`x-kubernetes.resources` replaces resources of `{name}` from its Compose settings"),
                compose_resources,
            ));
        }
        for (what, request, limit) in [
            ("cpu", r.cpu_request_millis, r.cpu_limit_millis),
            ("memory", r.memory_request_bytes, r.memory_limit_bytes),
        ] {
            if let (Some(request), Some(limit)) = (request, limit) {
                if request > limit {
                    found.push(
                        Diagnostic::new(
                            Code::ExtensionConflict,
                            format!("the {what} request of `{name}` is above its limit"),
                        )
                        .at(res.span, "one of the two comes from here")
                        .help("a request may not exceed the limit; state both in `x-kubernetes.resources`"),
                    );
                }
            }
        }
    }
    let Some(gpu) = &e.gpu else { return };
    let resource = gpu
        .value
        .resource
        .as_ref()
        .map_or(NVIDIA_GPU, |r| r.value.as_str())
        .to_string();
    let compose_count: u64 = r
        .extended
        .iter()
        .filter(|(k, _)| GPU_RESOURCES.contains(&k.as_str()))
        .map(|(_, n)| *n)
        .sum();
    // Without a count, the reservation's stands (or one GPU when Compose reserves none).
    let count = gpu
        .value
        .count
        .as_ref()
        .map_or(compose_count.max(1), |c| u64::from(c.value));
    if e.resources
        .iter()
        .flat_map(|r| [&r.value.requests, &r.value.limits])
        .flatten()
        .any(|m| m.value.contains_key(&resource))
    {
        found.push(
            Diagnostic::new(
                Code::ExtensionConflict,
                format!("`{resource}` is set in both `gpu` and `resources`"),
            )
            .at(gpu.span, "the GPU count")
            .help("state GPUs once, in `gpu`"),
        );
    }
    let compose_gpus: Vec<String> = r
        .extended
        .keys()
        .filter(|k| GPU_RESOURCES.contains(&k.as_str()))
        .cloned()
        .collect();
    if !compose_gpus.is_empty() {
        found.push(overrides(
            gpu.span,
            format!("`x-kubernetes.gpu` replaces the GPU reservation of `{name}`"),
            None,
        ));
    }
    for k in compose_gpus {
        r.extended.remove(&k);
    }
    // A stated count settles what the reservation left open (`count: all`, `device_ids`).
    if gpu.value.count.is_some() {
        found.supersede(Code::GpuApproximated, None);
    }
    found.supersede(Code::GpuToleration, None);
    r.extended.insert(resource.clone(), count);
    w.pod.tolerations.retain(|t| t.key != NVIDIA_GPU);
    let stated = w
        .scheduling
        .tolerations
        .iter()
        .chain(
            e.tolerations
                .iter()
                .flat_map(|t| t.value.iter())
                .map(|t| &t.value.0),
        )
        .any(|t| t.key.as_deref() == Some(NVIDIA_GPU));
    if resource == NVIDIA_GPU && !stated {
        w.pod.tolerations.push(Toleration {
            key: NVIDIA_GPU.to_string(),
            effect: "NoSchedule".to_string(),
        });
        found.push(gpu_toleration(name, gpu.span));
    }
}

fn gpu_toleration(name: &str, at: Span) -> Diagnostic {
    Diagnostic::new(
        Code::GpuToleration,
        format!("service `{name}` tolerates the `{NVIDIA_GPU}` NoSchedule taint"),
    )
    .at(at, "a GPU is requested here")
    .help("GPU node pools are commonly tainted so that only GPU pods land on them; without such a taint the toleration has no effect; state your own in `x-kubernetes.tolerations`")
}
