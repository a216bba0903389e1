//! Keys that configure the container runtime or the Docker host and have no field in a pod
//! spec. Each gets its own message and names the Kubernetes alternative, rather than the
//! generic "not translated".

use super::not_translated;
use super::service::ServicePlan;
use crate::diag::Diagnostics;

/// Compose key → (what is lost, the Kubernetes alternative).
const HOST_ONLY: &[(&str, &str, &str)] = &[
    ("attach", "log attachment", "`kubectl logs` reads every container's logs; nothing to translate"),
    ("blkio_config", "block-I/O weights and limits", "Kubernetes has no per-container block-I/O controls; use a storage class with provisioned IOPS"),
    ("cgroup", "the cgroup namespace mode", "the container runtime gives every container a private cgroup namespace"),
    ("cgroup_parent", "the parent cgroup", "the kubelet places pods in cgroups by QoS class; set requests and limits instead"),
    ("cpu_count", "the CPU count (Windows)", "set `deploy.resources.limits.cpus` (→ `resources.limits.cpu`)"),
    ("cpu_percent", "the CPU percentage (Windows)", "set `deploy.resources.limits.cpus` (→ `resources.limits.cpu`)"),
    ("cpu_period", "the CFS period", "the kubelet sets the CFS period node-wide (`cpuCFSQuotaPeriod`); express the share as `deploy.resources.limits.cpus`"),
    ("cpu_quota", "the CFS quota", "express quota/period as CPUs in `deploy.resources.limits.cpus` (→ `resources.limits.cpu`)"),
    ("cpu_rt_period", "the real-time CPU period", "Kubernetes does not schedule real-time CPU time; use a node configured for it and `x-kubernetes.nodeSelector`"),
    ("cpu_rt_runtime", "the real-time CPU runtime", "Kubernetes does not schedule real-time CPU time; use a node configured for it and `x-kubernetes.nodeSelector`"),
    ("cpu_shares", "the relative CPU weight", "a relative weight has no direct equivalent; the CPU request (`deploy.resources.reservations.cpus`) sets the pod's share under contention"),
    ("cpuset", "pinning to CPUs", "the kubelet's static CPU manager policy gives exclusive CPUs to Guaranteed pods with whole-CPU requests"),
    ("credential_spec", "the Windows gMSA credential spec", "use a GMSACredentialSpec resource and `securityContext.windowsOptions.gmsaCredentialSpecName`"),
    ("device_cgroup_rules", "device cgroup rules", "expose devices through a device plugin, or mount them with hostPath and `privileged: true`"),
    ("devices", "host devices", "expose devices through a device plugin (an extended resource), or mount them with a hostPath volume and `privileged: true`"),
    ("external_links", "links to containers outside the project", "reach them by a Service name; an `ExternalName` Service can alias an outside host"),
    ("isolation", "the isolation technology", "Windows nodes choose isolation through the RuntimeClass (`x-kubernetes.runtimeClassName`)"),
    ("label_file", "labels read from files", "write the labels in `labels` to have them become annotations"),
    ("logging", "the logging driver", "the container runtime writes logs to the node; collect them with a cluster-level logging agent (a DaemonSet such as Fluent Bit)"),
    ("mac_address", "the MAC address", "the CNI plugin assigns pod interfaces; few plugins can fix a MAC address"),
    ("mem_swappiness", "the swappiness", "swap is configured per node (`memorySwap.swapBehavior` of the kubelet)"),
    ("memswap_limit", "the swap limit", "swap is configured per node (`memorySwap.swapBehavior` of the kubelet); the memory limit is `deploy.resources.limits.memory`"),
    ("models", "AI models", "run the model server as a workload of its own and pass its URL in the environment"),
    ("oom_kill_disable", "turning the OOM killer off", "Kubernetes always lets the kernel kill a container over its memory limit; raise `deploy.resources.limits.memory`"),
    ("oom_score_adj", "the OOM score adjustment", "the kubelet sets it from the pod's QoS class; requests equal to limits make the pod Guaranteed and least likely to be killed"),
    ("pids_limit", "the process limit", "the kubelet limits processes per pod node-wide (`podPidsLimit`)"),
    ("provider", "the service provider", "create what the provider manages by other means (an operator, a managed service) and reach it by an `ExternalName` Service"),
    ("pull_refresh_after", "the pull refresh interval", "`imagePullPolicy: Always` pulls on every pod start"),
    ("storage_opt", "storage driver options", "the writable layer is ephemeral storage; limit it with `resources.limits.ephemeral-storage`"),
    ("ulimits", "process limits", "the pod inherits the container runtime's limits; set them node-wide in the runtime's configuration (containerd's `LimitNOFILE`, CRI-O's `default_ulimits`)"),
    ("use_api_socket", "access to the Docker API socket", "Kubernetes nodes run no Docker socket to share; give the pod a ServiceAccount with RBAC to talk to the Kubernetes API instead"),
    ("userns_mode", "the user namespace mode", "set `hostUsers: false` on the pod for a user namespace (beta in Kubernetes 1.33)"),
    ("uts", "the UTS namespace mode", "pods always have their own UTS namespace; `hostNetwork: true` shares the node's hostname"),
    ("volumes_from", "mounting another service's volumes", "mount the same PersistentVolumeClaim in both workloads (a named volume in Compose), or run both containers in one pod"),
];

pub fn report(sp: &mut ServicePlan, diags: &mut Diagnostics) {
    let service = sp.service;
    for (key, span) in service.present_keys() {
        let Some((_, what, help)) = HOST_ONLY.iter().find(|(k, _, _)| *k == key) else {
            continue;
        };
        sp.consume(key);
        diags.push(not_translated(
            span,
            &format!("`{key}` ({what}) of service `{}`", service.name.value),
            help,
        ));
    }
}
