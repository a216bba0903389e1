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
        if matches!(os, "wasi" | "wasm") || arch.is_some_and(|a| a.starts_with("wasm")) {
            // No node reports a Wasm os or arch: the kubelet labels nodes with the host's, and a
            // Wasm shim is chosen per pod by its RuntimeClass instead.
            diags.push(
                Diagnostic::new(
                    Code::WasmPlatform,
                    format!(
                        "`platform: {}` of service `{}` selects no node; it needs a Wasm runtime",
                        platform.value, s.name.value
                    ),
                )
                .at(platform.span, "no node is labelled with a Wasm os or architecture")
                .help(match &s.runtime {
                    Some(r) => format!("`runtime: {}` (→ `runtimeClassName`) picks the Wasm shim; the nodes that have it are the RuntimeClass's `scheduling.nodeSelector` to state", r.value),
                    None => "run it with a Wasm shim installed on the nodes (e.g. containerd's wasmedge or spin shim): name the RuntimeClass of that shim with `x-kubernetes.runtimeClassName` (or Compose's `runtime:`)".to_string(),
                }),
            );
        } else {
            if NODE_OS.contains(&os) {
                out.node_selector
                    .insert("kubernetes.io/os".into(), os.to_string());
            } else if !os.is_empty() {
                diags.push(unknown_label(platform.span, "os", os, NODE_OS));
            }
            if let Some(arch) = arch.filter(|a| !a.is_empty()) {
                if NODE_ARCH.contains(&arch) {
                    out.node_selector
                        .insert("kubernetes.io/arch".into(), arch.to_string());
                } else {
                    diags.push(unknown_label(platform.span, "arch", arch, NODE_ARCH));
                }
            }
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

/// The values the kubelet sets in `kubernetes.io/os`: Go's `GOOS` of the nodes Kubernetes runs on.
const NODE_OS: &[&str] = &["linux", "windows"];

/// The values the kubelet sets in `kubernetes.io/arch`: Go's `GOARCH` of the nodes Kubernetes
/// builds for.
const NODE_ARCH: &[&str] = &[
    "amd64", "arm64", "arm", "ppc64le", "s390x", "386", "riscv64", "loong64", "mips64le",
];

/// A selector on a value no node reports would leave the pod Pending forever, so none is written.
fn unknown_label(span: crate::source::Span, key: &str, value: &str, known: &[&str]) -> Diagnostic {
    super::not_translated(
        span,
        &format!("platform {key} `{value}`"),
        &format!(
            "nodes report `kubernetes.io/{key}` as one of {}; write one of them, or pick nodes with a label of your own and `x-kubernetes.nodeSelector`",
            known.join(", ")
        ),
    )
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::super::networks::testing::{codes, run};
    use crate::k8s::Object;

    fn node_selector(objects: &[Object]) -> Option<std::collections::BTreeMap<String, String>> {
        objects.iter().find_map(|o| match o {
            Object::Deployment(d) => d
                .spec
                .as_ref()?
                .template
                .spec
                .as_ref()?
                .node_selector
                .clone(),
            _ => None,
        })
    }

    #[test]
    fn node_platforms_select_nodes() {
        let (objects, diags) = run(
            "services:\n  web:\n    image: w\n    platform: linux/arm64/v8\n",
            false,
        );
        let sel = node_selector(&objects).unwrap();
        assert_eq!(sel["kubernetes.io/os"], "linux");
        assert_eq!(sel["kubernetes.io/arch"], "arm64");
        assert_eq!(codes(&diags), ["C2K3007"]);
    }

    #[test]
    fn a_wasm_platform_selects_no_node() {
        let (objects, diags) = run(
            "services:\n  web:\n    image: w\n    platform: wasi/wasm\n",
            false,
        );
        assert!(node_selector(&objects).is_none_or(|s| s.is_empty()));
        assert_eq!(codes(&diags), ["C2K3044"]);
        assert!(diags[0].help.as_deref().unwrap().contains("runtime"));
    }

    #[test]
    fn an_os_no_node_reports_is_not_selected() {
        let (objects, diags) = run(
            "services:\n  web:\n    image: w\n    platform: darwin/amd64\n",
            false,
        );
        let sel = node_selector(&objects).unwrap();
        assert!(!sel.contains_key("kubernetes.io/os"));
        assert_eq!(sel["kubernetes.io/arch"], "amd64");
        assert_eq!(codes(&diags), ["C2K3007"]);
    }
}
