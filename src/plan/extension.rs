//! A service's `x-kubernetes` block applied to the workload the Compose keys made. The block
//! wins over what Compose says; where it replaces a Compose setting an info says so, and the
//! diagnostics the Compose lowering made about what the block now settles (a bind mount that is
//! mapped, a GPU count that is stated) are dropped rather than left to mislead.
//!
//! Settings that do not apply to what the service becomes are errors: nothing in the block is
//! dropped in silence.

use std::collections::BTreeMap;

use super::service::Context;
use super::{autoscaling, bind_mounts, kompose, probe_overrides, publishing, resource_overrides};
use crate::compose::ast::Service;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::extension::{self as ext, ServiceExtension, StrategyType};
use crate::ir::{Fact, JobSettings, Rollout, Workload, WorkloadKind};
use crate::source::Span;

/// Labels compose2k8s sets itself; a block may not change them (they are selectors).
const OWN_LABELS: &[&str] = &[
    "app.kubernetes.io/name",
    "app.kubernetes.io/part-of",
    "app.kubernetes.io/managed-by",
];

/// The service's diagnostics while the block is applied: the ones it supersedes are dropped.
pub struct Findings {
    items: Vec<Diagnostic>,
}

impl Findings {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Drops the diagnostics of `code` (at `span`, when given) that the block makes moot.
    pub fn supersede(&mut self, code: Code, span: Option<Span>) {
        self.items.retain(|d| {
            d.code != code || span.is_some_and(|s| d.primary.as_ref().map(|l| l.span) != Some(s))
        });
    }

    /// Drops the diagnostics of `code` that `moot` says the block settles.
    pub fn supersede_where(&mut self, code: Code, moot: impl Fn(&Diagnostic) -> bool) {
        self.items.retain(|d| d.code != code || !moot(d));
    }

    /// Rewrites the messages of `code`'s diagnostics.
    pub fn reword(&mut self, code: Code, from: &str, to: &str) {
        for d in self.items.iter_mut().filter(|d| d.code == code) {
            d.message = d.message.replace(from, to);
        }
    }
}

pub(crate) fn not_applicable(at: Span, message: String, help: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Code::ExtensionNotApplicable, message)
        .at(at, "no effect on this workload")
        .help(help)
}

pub(crate) fn overrides(at: Span, message: String, compose: Option<Span>) -> Diagnostic {
    let mut d = Diagnostic::new(Code::ExtensionOverride, message).at(at, "the extension wins");
    if let Some(span) = compose {
        d = d.also(span, "the Compose setting it replaces");
    }
    d.help("`docker compose` keeps using the Compose setting; the manifests use the extension's")
}

/// Applies the top-level block and the service's block to `w`; `own` holds the diagnostics the
/// Compose lowering made for this service.
pub fn apply(
    cx: &mut Context,
    service: &Service,
    w: &mut Workload,
    own: Diagnostics,
    diags: &mut Diagnostics,
) {
    let mut found = Findings {
        items: own.into_sorted(),
    };
    let project = cx.project.x_kubernetes.as_ref().map(|p| &p.value);
    if let Some(registry) = project.and_then(|p| p.image_registry.as_ref()) {
        for c in &mut w.containers {
            let image = ext::with_registry(&registry.value, &c.image.value);
            // The warning about a built image names the image the manifest uses.
            found.reword(
                Code::BuildWithoutImage,
                &format!("`{}`", c.image.value),
                &format!("`{image}`"),
            );
            c.image.value = image;
        }
    }
    for (name, x) in &cx.shared.volume_blocks {
        let Some(volume) = cx.project.volumes.get(name) else {
            continue;
        };
        let x = &x.value;
        // A sized volume is no longer "of the default size".
        if x.size.is_some() {
            found.supersede(Code::DefaultVolumeSize, Some(volume.span));
        }
        // Nor is a ReadWriteMany claim limited to one node.
        let many = x
            .access_modes
            .as_ref()
            .is_some_and(|m| m.value.contains(&ext::AccessMode::ReadWriteMany));
        if many {
            found.supersede_where(Code::SharedVolume, |d| {
                d.secondary.iter().any(|l| l.span == volume.span)
            });
        }
    }
    // Kompose labels read as an extension block, under the service's own block.
    match kompose::effective(service, w, cx.shared, &mut found) {
        Some(block) => apply_block(cx, service, &block, w, &mut found),
        None => {
            if let Some(block) = &service.x_kubernetes {
                apply_block(cx, service, &block.value, w, &mut found);
            }
        }
    }
    diags.extend(found.items);
}

fn apply_block(
    cx: &mut Context,
    service: &Service,
    e: &ServiceExtension,
    w: &mut Workload,
    found: &mut Findings,
) {
    let name = &service.name.value;
    // `external` names where a service left on Compose lives; on a converted one it means nothing.
    if let Some(x) = &e.external {
        found.push(super::not_translated(
            x.span,
            &format!("`x-kubernetes.external` of `{name}`, which is converted,"),
            "`external` applies to a service left on Compose (`--services … --no-deps`); remove it here",
        ));
    }
    kind(service, e, w, found);
    if let Some(r) = &e.replicas {
        if matches!(w.kind, WorkloadKind::Deployment | WorkloadKind::StatefulSet) {
            if let Some(old) = w.replicas.as_ref().filter(|old| old.value != r.value) {
                found.push(overrides(
                    r.span,
                    format!(
                        "`x-kubernetes.replicas` ({}) replaces `{name}`'s replica count ({})",
                        r.value, old.value
                    ),
                    Some(old.span),
                ));
            }
            w.replicas = Some(Fact::new(r.span, r.value));
        } else {
            found.push(not_applicable(
                r.span,
                format!(
                    "`replicas` does not apply to `{name}`, a {}",
                    kind_name(&w.kind)
                ),
                "remove `replicas`; only Deployments and StatefulSets have a replica count",
            ));
        }
    }
    publishing::apply(cx, service, e, w, found);
    probe_overrides::apply(service, e, w, found);
    resource_overrides::apply(service, e, w, found);
    scheduling(e, w, found);
    metadata(e, w, found);
    strategy(service, e, w, found);
    job(service, e, w, found);
    bind_mounts::apply(cx, service, e, w, found);
    autoscaling::apply(service, e, w, found);
    if let Some(wait) = &e.wait_for_dependencies {
        // The wait itself is added (or not) by `dependency_waits`; a warning that the order is
        // not enforced is wrong once the block asks for the wait.
        if wait.value && !cx.options.dependency_waits {
            let healthy = service
                .depends_on
                .iter()
                .flat_map(|d| d.value.0.iter())
                .filter_map(|dep| dep.condition.as_ref())
                .filter(|c| c.value == "service_healthy");
            for condition in healthy {
                found.supersede(Code::DependsOnCondition, Some(condition.span));
            }
        }
    }
}

pub(crate) fn kind_name(kind: &WorkloadKind) -> &'static str {
    match kind {
        WorkloadKind::Deployment => "Deployment",
        WorkloadKind::DaemonSet => "DaemonSet",
        WorkloadKind::Job { .. } => "Job",
        WorkloadKind::StatefulSet => "StatefulSet",
        WorkloadKind::CronJob { .. } => "CronJob",
    }
}

fn kind(service: &Service, e: &ServiceExtension, w: &mut Workload, found: &mut Findings) {
    let Some(k) = &e.kind else { return };
    let derived = w.kind.clone();
    let retries = |default: i32| match &derived {
        WorkloadKind::Job { backoff_limit } | WorkloadKind::CronJob { backoff_limit, .. } => {
            *backoff_limit
        }
        _ => default,
    };
    // Kubernetes' own default when nothing says how often to retry.
    const DEFAULT_BACKOFF: i32 = 6;
    w.kind = match k.value {
        ext::WorkloadKind::Deployment => WorkloadKind::Deployment,
        ext::WorkloadKind::StatefulSet => WorkloadKind::StatefulSet,
        ext::WorkloadKind::DaemonSet => WorkloadKind::DaemonSet,
        ext::WorkloadKind::Job => WorkloadKind::Job {
            backoff_limit: retries(DEFAULT_BACKOFF),
        },
        ext::WorkloadKind::CronJob => WorkloadKind::CronJob {
            schedule: e
                .schedule
                .as_ref()
                .map(|s| s.value.clone())
                .unwrap_or_default(),
            backoff_limit: retries(DEFAULT_BACKOFF),
        },
    };
    let name = &service.name.value;
    if kind_name(&derived) != kind_name(&w.kind) {
        found.supersede(Code::OneShotJob, None);
        found.supersede(Code::RestartAlways, None);
        // A one-shot service run on a schedule is what Compose's settings say, repeated.
        let compatible = matches!(
            (&derived, &w.kind),
            (WorkloadKind::Job { .. }, WorkloadKind::CronJob { .. })
        );
        if derived != WorkloadKind::Deployment && !compatible {
            found.push(overrides(
                k.span,
                format!(
                    "`x-kubernetes.kind` makes `{name}` a {}; its Compose settings make it a {}",
                    kind_name(&w.kind),
                    kind_name(&derived)
                ),
                None,
            ));
        }
    }
    if w.kind != WorkloadKind::Deployment {
        w.rollout = None;
        if let Some(update) = service
            .deploy
            .as_ref()
            .and_then(|d| d.value.update_config.as_ref())
        {
            found.supersede(Code::RolloutApproximated, None);
            found.push(super::not_translated(
                update.span,
                &format!("`deploy.update_config` of `{name}` (a {})", kind_name(&w.kind)),
                "only a Deployment's rollout is lowered from `update_config`; set the update strategy by hand",
            ));
        }
    } else if derived != WorkloadKind::Deployment {
        if let Some(update) = service
            .deploy
            .as_ref()
            .and_then(|d| d.value.update_config.as_ref())
        {
            found.push(super::not_translated(
                update.span,
                &format!("`deploy.update_config` of `{name}`"),
                "state the rollout with `x-kubernetes.strategy`",
            ));
        }
    }
    let fixed = matches!(
        w.kind,
        WorkloadKind::DaemonSet | WorkloadKind::Job { .. } | WorkloadKind::CronJob { .. }
    );
    if let Some(r) = w
        .replicas
        .as_ref()
        .filter(|_| fixed && e.replicas.is_none())
    {
        found.push(super::not_translated(
            r.span,
            &format!("the replica count of `{name}` (a {})", kind_name(&w.kind)),
            "a DaemonSet runs one pod per node and a Job runs to completion; remove the count or choose another `kind`",
        ));
        w.replicas = None;
    }
}

fn scheduling(e: &ServiceExtension, w: &mut Workload, found: &mut Findings) {
    let s = &mut w.scheduling;
    // The block's node labels win over the ones `platform` selects; the others stay.
    if let Some(n) = &e.node_selector {
        s.node_selector.extend(n.value.clone());
    }
    if let Some(t) = &e.tolerations {
        s.tolerations = t.value.iter().map(|t| t.value.0.clone()).collect();
        let gpu_key = |key: Option<&str>| key == Some("nvidia.com/gpu");
        if s.tolerations.iter().any(|t| gpu_key(t.key.as_deref())) {
            // The block states its own GPU toleration: the default one goes.
            w.pod.tolerations.retain(|t| !gpu_key(Some(&t.key)));
            found.supersede(Code::GpuToleration, None);
        }
    }
    if let Some(a) = &e.affinity {
        s.affinity = Some(a.value.0.clone());
    }
    if let Some(r) = &e.runtime_class_name {
        found.supersede(Code::RuntimeClassRequired, None);
        s.runtime_class_name = Some(r.value.clone());
    }
    s.service_account_name = e.service_account_name.as_ref().map(|r| r.value.clone());
    if let Some(secrets) = &e.image_pull_secrets {
        s.image_pull_secrets = secrets.value.iter().map(|s| s.value.clone()).collect();
    }
}

fn metadata(e: &ServiceExtension, w: &mut Workload, found: &mut Findings) {
    if let Some(a) = &e.annotations {
        for (k, v) in &a.value {
            w.annotations.insert(k.clone(), v.clone());
            w.pod_annotations.insert(k.clone(), v.clone());
        }
    }
    if let Some(l) = &e.labels {
        for (k, v) in &l.value {
            if OWN_LABELS.contains(&k.as_str()) {
                found.push(
                    Diagnostic::new(
                        Code::ExtensionInvalidValue,
                        format!("label `{k}` is set by compose2k8s"),
                    )
                    .at(l.span, "selects the workload's pods")
                    .help("choose another key; this one identifies the pods of the workload and cannot change"),
                );
                continue;
            }
            w.labels.insert(k.clone(), v.clone());
        }
    }
}

fn strategy(service: &Service, e: &ServiceExtension, w: &mut Workload, found: &mut Findings) {
    let Some(strategy) = &e.strategy else { return };
    let name = &service.name.value;
    if w.kind != WorkloadKind::Deployment {
        found.push(not_applicable(
            strategy.span,
            format!(
                "`strategy` does not apply to `{name}`, a {}",
                kind_name(&w.kind)
            ),
            "remove `strategy`; it sets how a Deployment replaces its pods",
        ));
        return;
    }
    let s = &strategy.value;
    let rollout = match s.type_.as_ref().map(|t| t.value) {
        Some(StrategyType::Recreate) => {
            if let Some(m) = &s.min_ready_seconds {
                found.push(not_applicable(
                    m.span,
                    "`minReadySeconds` with `type: Recreate` is not supported".into(),
                    "remove it, or use a rolling update",
                ));
            }
            Rollout::Recreate
        }
        _ => {
            let surge = s.max_surge.as_ref().map(|v| v.value);
            let unavailable = s.max_unavailable.as_ref().map(|v| v.value);
            // Whole pods only: one extra pod at a time unless the block allows pods to go first.
            let max_surge = surge.unwrap_or(if unavailable.unwrap_or(0) > 0 { 0 } else { 1 });
            let max_unavailable = unavailable.unwrap_or(if max_surge > 0 { 0 } else { 1 });
            Rollout::RollingUpdate {
                max_surge,
                max_unavailable,
                min_ready_seconds: s.min_ready_seconds.as_ref().map(|m| m.value),
            }
        }
    };
    if let Some(old) = &w.rollout {
        found.supersede(Code::RolloutApproximated, None);
        found.push(overrides(
            strategy.span,
            format!("`x-kubernetes.strategy` replaces the rollout of `{name}` from `deploy.update_config`"),
            Some(old.span),
        ));
    }
    w.rollout = Some(Fact::new(strategy.span, rollout));
}

fn job(service: &Service, e: &ServiceExtension, w: &mut Workload, found: &mut Findings) {
    let Some(job) = &e.job else { return };
    let j = &job.value;
    let cron = matches!(w.kind, WorkloadKind::CronJob { .. });
    match &mut w.kind {
        WorkloadKind::Job { backoff_limit } | WorkloadKind::CronJob { backoff_limit, .. } => {
            if let Some(b) = &j.backoff_limit {
                *backoff_limit = b.value;
            }
            let policy = j.concurrency_policy.as_ref();
            if let Some(p) = policy.filter(|_| !cron) {
                found.push(not_applicable(
                    p.span,
                    format!(
                        "`job.concurrencyPolicy` does not apply to `{}`, a Job",
                        service.name.value
                    ),
                    "only a CronJob starts runs that may overlap; remove it, or add a `schedule`",
                ));
            }
            w.job = JobSettings {
                ttl_seconds_after_finished: j.ttl_seconds_after_finished.as_ref().map(|t| t.value),
                active_deadline_seconds: j.active_deadline_seconds.as_ref().map(|t| t.value),
                concurrency_policy: policy
                    .filter(|_| cron)
                    .map(|p| p.value.as_str().to_string()),
            };
        }
        other => found.push(not_applicable(
            job.span,
            format!(
                "`job` does not apply to `{}`, a {}",
                service.name.value,
                kind_name(other)
            ),
            "set `kind: Job` (or `CronJob`) to run the service to completion, or remove `job`",
        )),
    }
}

/// The waits for `service_healthy` dependencies, per service: the block's
/// `waitForDependencies` wins over the command line. `found` holds what `add_waits` reported.
pub fn dependency_waits(
    project: &crate::compose::ast::Project,
    default: bool,
    workloads: &mut [Workload],
    found: Diagnostics,
    diags: &mut Diagnostics,
) {
    let wait_image = project
        .x_kubernetes
        .as_ref()
        .and_then(|p| p.value.dependency_wait_image.as_ref());
    let mut found = found.into_sorted();
    for w in workloads.iter_mut() {
        let Some(service) = project.services.get(&w.service) else {
            continue;
        };
        let setting = service
            .x_kubernetes
            .as_ref()
            .and_then(|x| x.value.wait_for_dependencies.as_ref());
        if setting.map_or(default, |s| s.value) {
            if let Some(image) = wait_image {
                for c in &mut w.init_containers {
                    if c.image.value == super::depends_on::WAIT_IMAGE {
                        c.image = Fact::new(image.span, image.value.clone());
                    }
                }
            }
            continue;
        }
        let waits: Vec<Span> = service
            .depends_on
            .iter()
            .flat_map(|d| d.value.0.iter())
            .filter_map(|dep| dep.condition.as_ref())
            .filter(|c| c.value == "service_healthy")
            .map(|c| c.span)
            .collect();
        w.init_containers.retain(|c| c.waits_for.is_none());
        // Why a wait could not be made is moot once no wait is wanted.
        found.retain(|d| {
            !matches!(d.code, Code::WaitForDependency | Code::DependsOnCondition)
                || !d.primary.as_ref().is_some_and(|l| waits.contains(&l.span))
        });
        // The command line already reported these when it turned waits off.
        if let Some(setting) = setting.filter(|_| default) {
            for at in &waits {
                diags.push(
                    Diagnostic::new(
                        Code::DependsOnCondition,
                        format!("`{}` does not wait for its healthy dependencies", w.service),
                    )
                    .at(*at, "not enforced in Kubernetes")
                    .also(setting.span, "waits are turned off here")
                    .help("the service must retry its connections until the dependency is ready; remove `waitForDependencies: false` to get an init container that waits"),
                );
            }
        }
    }
    diags.extend(found);
}

/// The top-level block's namespace (unless `-n` gave one), labels and annotations.
pub fn project_settings(
    project: &crate::compose::ast::Project,
    namespace: &mut Option<String>,
    labels: &mut BTreeMap<String, String>,
    annotations: &mut BTreeMap<String, String>,
    diags: &mut Diagnostics,
) {
    let Some(p) = project.x_kubernetes.as_ref().map(|p| &p.value) else {
        return;
    };
    if namespace.is_none() {
        *namespace = p.namespace.as_ref().map(|n| n.value.clone());
    }
    if let Some(l) = &p.labels {
        for (k, v) in &l.value {
            if OWN_LABELS.contains(&k.as_str()) {
                diags.push(
                    Diagnostic::new(
                        Code::ExtensionInvalidValue,
                        format!("label `{k}` is set by compose2k8s"),
                    )
                    .at(l.span, "compose2k8s sets this label itself")
                    .help("choose another key"),
                );
            } else {
                labels.insert(k.clone(), v.clone());
            }
        }
    }
    if let Some(a) = &p.annotations {
        annotations.extend(a.value.clone());
    }
}
