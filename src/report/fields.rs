//! Where each Compose key ends up in Kubernetes, in words, for the report. The planner decides what
//! happens; this table only describes its targets for a reviewer, so it is kept beside the report
//! rather than in the planner. A key it does not know is reported without a target.

/// The Kubernetes field(s) a translated key becomes. Nested keys are written `deploy.replicas`.
pub fn target(key: &str) -> Option<&'static str> {
    Some(match key {
        "annotations" | "labels" => "workload `metadata.annotations`",
        "build" => "container `image` (`<project>-<service>`)",
        "cap_add" | "cap_drop" => "container `securityContext.capabilities`",
        "command" => "container `args`",
        "configs" => "ConfigMap volume and `volumeMounts`",
        "cpus" | "mem_limit" | "mem_reservation" | "deploy.resources" => {
            "container `resources` (`requests`, `limits`)"
        }
        "depends_on" => "init container that waits (`service_healthy`), else nothing",
        "deploy.mode" => "workload kind (Deployment, DaemonSet or Job)",
        "deploy.replicas" | "scale" => "`spec.replicas`",
        "deploy.labels" => "workload `metadata.annotations`",
        "deploy.update_config" => "`spec.strategy.rollingUpdate`, `minReadySeconds`",
        "deploy.restart_policy" | "restart" => "workload kind (Deployment or Job), `backoffLimit`",
        "dns" | "dns_opt" | "dns_search" => "pod `dnsConfig`",
        "entrypoint" => "container `command`",
        "environment" => "container `env`",
        "expose" | "ports" => "container `ports`, Service `spec.ports`",
        "extra_hosts" => "pod `hostAliases`",
        "gpus" => "container `resources` (`nvidia.com/gpu`), pod `tolerations`",
        "group_add" => "pod `securityContext.supplementalGroups`",
        "healthcheck" => "container `readinessProbe`, `livenessProbe`, `startupProbe`",
        "healthcheck.test" => "probes' `exec.command`",
        "healthcheck.interval" => "probes' `periodSeconds`",
        "healthcheck.timeout" => "probes' `timeoutSeconds`",
        "healthcheck.retries" => "probes' `failureThreshold`",
        "healthcheck.start_period" => "`startupProbe`",
        "healthcheck.disable" => "no probes",
        "hostname" => "pod `hostname`",
        "image" => "container `image`",
        "ipc" => "pod `hostIPC`",
        "links" => "a Service per link alias",
        "network_mode" => "pod `hostNetwork`; with `--network-policies`, a NetworkPolicy",
        "networks" => {
            "a Service per alias; with `--network-policies`, pod labels and NetworkPolicies"
        }
        "pid" => "pod `hostPID`",
        "privileged" => "container `securityContext.privileged`",
        "profiles" => "whether the service is converted",
        "pull_policy" => "container `imagePullPolicy`",
        "read_only" => "container `securityContext.readOnlyRootFilesystem`",
        "secrets" => "Secret volume and `volumeMounts`",
        "stdin_open" => "container `stdin`",
        "stop_grace_period" => "pod `terminationGracePeriodSeconds`",
        "sysctls" => "pod `securityContext.sysctls`",
        "tmpfs" => "`emptyDir` volume (`medium: Memory`) and `volumeMounts`",
        "tty" => "container `tty`",
        "user" => "container `securityContext.runAsUser`, `runAsGroup`",
        "volumes" => "PersistentVolumeClaim, ConfigMap or `emptyDir` volumes and `volumeMounts`",
        "working_dir" => "container `workingDir`",
        "x-kubernetes" => "the Kubernetes settings it names",
        _ => return None,
    })
}
