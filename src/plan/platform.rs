//! Where and how the pod runs: `platform` → `kubernetes.io/os`/`kubernetes.io/arch` node
//! labels, `runtime` → `runtimeClassName`, `shm_size` → a memory-backed `/dev/shm`.

use std::collections::BTreeMap;

use super::service::ServicePlan;
use super::volumes::Storage;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{PodVolume, VolumeMount, VolumeSource};

/// Node labels `platform` selects, and the RuntimeClass `runtime` names.
#[derive(Default)]
pub struct Placement {
    pub node_selector: BTreeMap<String, String>,
    pub runtime_class_name: Option<String>,
}

pub fn placement(sp: &mut ServicePlan, diags: &mut Diagnostics) -> Placement {
    sp.consume("platform");
    sp.consume("runtime");
    let s = sp.service;
    let mut out = Placement::default();
    if let Some(platform) = &s.platform {
        // `os[/arch[/variant]]`; the well-known node labels carry os and arch only.
        let mut parts = platform.value.split('/');
        let os = parts.next().unwrap_or("").trim();
        let arch = parts.next().map(str::trim);
        let variant = parts.next().map(str::trim);
        if !os.is_empty() {
            out.node_selector
                .insert("kubernetes.io/os".into(), os.to_string());
        }
        if let Some(arch) = arch.filter(|a| !a.is_empty()) {
            out.node_selector
                .insert("kubernetes.io/arch".into(), arch.to_string());
        }
        if let Some(variant) = variant.filter(|v| !v.is_empty()) {
            diags.push(super::not_translated(
                platform.span,
                &format!("platform variant `{variant}`"),
                "nodes are labelled with os and architecture only; pick nodes of that variant with a node label of your own and `x-kubernetes.nodeSelector`",
            ));
        }
    }
    if let Some(runtime) = &s.runtime {
        out.runtime_class_name = Some(runtime.value.clone());
        diags.push(
            Diagnostic::new(
                Code::RuntimeClassRequired,
                format!(
                    "`runtime: {}` of service `{}` becomes `runtimeClassName: {}`",
                    runtime.value, s.name.value, runtime.value
                ),
            )
            .at(runtime.span, "a RuntimeClass of this name must exist")
            .help(format!(
                "check with `kubectl get runtimeclass {}`; the pod is rejected without it",
                runtime.value
            )),
        );
    }
    out
}

/// `shm_size` → an in-memory `emptyDir` at `/dev/shm`, the size its limit.
pub fn shm(sp: &mut ServicePlan, storage: &mut Storage) {
    sp.consume("shm_size");
    let Some(size) = &sp.service.shm_size else {
        return;
    };
    storage.mount(
        PodVolume {
            name: "dshm".into(),
            source: VolumeSource::EmptyDir {
                memory: true,
                size_limit_bytes: Some(size.value.bytes()),
            },
        },
        VolumeMount {
            volume: "dshm".into(),
            mount_path: "/dev/shm".into(),
            read_only: false,
            sub_path: None,
        },
    );
}
