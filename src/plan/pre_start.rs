//! `pre_start` steps → init containers, in declared order after the init containers that wait
//! for dependencies (Compose runs the steps once the dependencies are up).
//!
//! A step runs in a copy of the service's container with the step's settings on top: the spec
//! has it share the service's environment, volume mounts and working directory, and, when it
//! names no image of its own, the service's image and user. The copy is taken once every
//! workload is final, because the `x-kubernetes` block may still change the container's image,
//! pull policy and mounts, and the waits are only added after all services are planned; the
//! service planner only marks the key consumed.

use super::container_names::unique;
use super::environment;
use super::security;
use super::service::ServicePlan;
use crate::compose::ast::{PreStartHook, Project, Service};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::extension as ext;
use crate::ir::{Container, EnvVar, Fact, Probes, Workload, WorkloadKind};
use crate::yaml::Spanned;

pub fn consume(sp: &mut ServicePlan) {
    sp.consume("pre_start");
}

/// Appends every service's steps to its workload's init containers.
pub fn add(project: &Project, workloads: &mut [Workload], diags: &mut Diagnostics) {
    let registry = project
        .x_kubernetes
        .as_ref()
        .and_then(|p| p.value.image_registry.as_ref())
        .map(|r| r.value.as_str());
    for w in workloads.iter_mut() {
        let Some(service) = project.services.get(&w.service) else {
            continue;
        };
        let Some(steps) = service.pre_start.as_ref().filter(|s| !s.value.is_empty()) else {
            continue;
        };
        let Some(main) = w.containers.first() else {
            continue;
        };
        let mut taken: Vec<String> = w
            .containers
            .iter()
            .chain(&w.init_containers)
            .map(|c| c.name.clone())
            .collect();
        let mut added = Vec::new();
        for (i, step) in steps.value.iter().enumerate() {
            let n = i + 1;
            let name = unique(&format!("pre-start-{n}"), &taken);
            let whose = format!("`pre_start` step {n} of service `{}`", service.name.value);
            let c = container(main, step, name, &whose, registry, diags);
            image_command(service, step, &whose, diags);
            match per_pod(w, step, &whose) {
                Some(d) => diags.push(d),
                None => diags.push(
                    Diagnostic::new(
                        Code::PreStartInitContainer,
                        format!("{whose} runs in the init container `{}`", c.name),
                    )
                    .at(step.span, "lowered to an init container")
                    .help("Kubernetes runs it again whenever a pod starts, where Compose skips a step that already succeeded: make its command safe to repeat"),
                ),
            }
            taken.push(c.name.clone());
            added.push(c);
        }
        w.init_containers.extend(added);
    }
}

/// The step's container: the service's, without what only a running service container has, and
/// with the step's settings applied.
fn container(
    main: &Container,
    step: &Spanned<PreStartHook>,
    name: String,
    whose: &str,
    registry: Option<&str>,
    diags: &mut Diagnostics,
) -> Container {
    let h = &step.value;
    // Copied whole rather than field by field, so that what the service's container gains
    // (`envFrom`, secret references) reaches its steps too. Resources stay: the pod's request is
    // the larger of the init and the app containers', so it is unchanged, and a namespace with a
    // ResourceQuota requires limits on every container.
    let mut c = Container {
        name,
        // The spec says the step runs "the chosen image's entrypoint": a step has no `entrypoint`
        // of its own and does not take the service's; `command` replaces the image's CMD, as a
        // service's `command` does. `image_command` reports where that may surprise.
        command: None,
        args: None,
        // Kubernetes rejects probes and lifecycle handlers on an init container; a step serves
        // no ports and reads no terminal.
        ports: Vec::new(),
        probes: Probes::default(),
        post_start: None,
        pre_stop: None,
        stdin: false,
        tty: false,
        ..main.clone()
    };
    if let Some(image) = &h.image {
        let value = match registry {
            Some(r) => ext::with_registry(r, &image.value),
            None => image.value.clone(),
        };
        c.image = Fact::new(image.span, value);
        // The service's `pull_policy` is about its own image; another one is pulled as
        // Kubernetes does by default.
        c.image_pull_policy = None;
        // "defaults to the user declared in `image`": the service's user is for its image.
        c.security.run_as_user = None;
        c.security.run_as_group = None;
    }
    if let Some(command) = &h.command {
        match command.value.argv() {
            Ok(argv) => c.args = Some(Fact::new(command.span, argv)),
            Err(_) => diags.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("the `command` of {whose} has an unclosed quote"),
                )
                .at(command.span, "cannot be split into words")
                .help("close the quote, or write `command` as a list: [\"prog\", \"arg\"]"),
            ),
        }
    }
    if let Some(user) = &h.user {
        (c.security.run_as_user, c.security.run_as_group) = security::run_as(user, whose, diags);
    }
    // Elevation is the step's own, as for a hook: a privileged service does not make its steps
    // privileged.
    c.security.privileged = h.privileged.as_ref().filter(|p| p.value).map(|_| true);
    if c.security.privileged == Some(true) {
        // The API rejects `allowPrivilegeEscalation: false` next to `privileged: true`.
        c.security.allow_privilege_escalation = None;
    }
    if let Some(dir) = &h.working_dir {
        c.working_dir = Some(Fact::new(dir.span, dir.value.clone()));
    }
    if let Some(environment) = &h.environment {
        for var in environment::vars(&environment.value, diags) {
            set_env(&mut c.env, var);
        }
    }
    c
}

/// Overrides `var` in place, keeping the order the service gave, or appends it. Of repeated
/// names Kubernetes takes the last, so that is the one replaced.
fn set_env(env: &mut Vec<Fact<EnvVar>>, var: Fact<EnvVar>) {
    match env
        .iter_mut()
        .rev()
        .find(|e| e.value.name == var.value.name)
    {
        Some(e) => *e = var,
        None => env.push(var),
    }
}

/// The warning for a step that Compose runs once for the service but Kubernetes runs in each of
/// several pods. A single replica without an autoscaler is one run either way, and a Job's pods
/// run one after another.
fn per_pod(w: &Workload, step: &Spanned<PreStartHook>, whose: &str) -> Option<Diagnostic> {
    if step.value.per_replica.as_ref().is_some_and(|p| p.value) {
        return None;
    }
    let d = Diagnostic::new(
        Code::PreStartPerPod,
        format!("{whose} runs in every pod, not once for the service"),
    )
    .at(step.span, "an init container of each pod");
    let d = match (&w.kind, &w.autoscaling, &w.replicas) {
        (WorkloadKind::DaemonSet, _, _) => d.also(w.origin, "a DaemonSet: one pod per node"),
        (WorkloadKind::Deployment | WorkloadKind::StatefulSet, Some(a), _) => {
            d.also(a.span, "the replica count follows load")
        }
        (WorkloadKind::Deployment | WorkloadKind::StatefulSet, None, Some(r)) if r.value > 1 => {
            d.also(r.span, format!("{} replicas", r.value))
        }
        _ => return None,
    };
    Some(d.help(
        "Kubernetes also runs it again whenever a pod starts, where Compose skips a step that already succeeded: run once-per-service work such as a migration as a Job (or a Helm hook, or an Argo CD PreSync hook) and make it safe to repeat; set `per_replica: true` if every pod needs the step",
    ))
}

/// Reports the step that runs what its image runs by default where the service may run
/// something else: the spec says the step runs its image's entrypoint, and leaves open whether a
/// step without `image` takes the service's `entrypoint`.
fn image_command(
    service: &Service,
    step: &Spanned<PreStartHook>,
    whose: &str,
    diags: &mut Diagnostics,
) {
    let h = &step.value;
    if h.image.is_some() {
        return;
    }
    if let Some(entrypoint) = &service.entrypoint {
        let at = h.command.as_ref().map_or(step.span, |c| c.span);
        diags.push(
            Diagnostic::new(
                Code::PreStartImageCommand,
                format!("{whose} runs the image's entrypoint, not the service's `entrypoint`"),
            )
            .at(at, "passed to the image's ENTRYPOINT, if it has one")
            .also(entrypoint.span, "not used by the step")
            .help("the Compose specification leaves open whether a step inherits `entrypoint`; if it needs it, start the step's `command` with the entrypoint's words (an image without an ENTRYPOINT then runs them as given)"),
        );
    }
    if h.command.is_none() {
        diags.push(
            Diagnostic::new(
                Code::PreStartImageCommand,
                format!("{whose} has no `command`, so it runs the service image's default command"),
            )
            .at(step.span, "an init container must exit before the service starts")
            .help("give the step a `command` that does its work and exits; the image's default is usually the service itself, which never exits"),
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {

    use crate::diag::{Code, Diagnostic};
    use crate::ir::{Container, Migration};

    fn convert(text: &str) -> (Migration, Vec<Diagnostic>) {
        let (m, diags, _) = crate::plan::test_support::plan_text(text);
        (m, diags)
    }

    fn init<'m>(m: &'m Migration, service: &str) -> &'m [Container] {
        &m.workloads
            .iter()
            .find(|w| w.service == service)
            .unwrap()
            .init_containers
    }

    fn codes(diags: &[Diagnostic]) -> Vec<Code> {
        diags.iter().map(|d| d.code).collect()
    }

    fn env(c: &Container) -> Vec<(&str, &str)> {
        c.env
            .iter()
            .map(|e| match &e.value.value {
                crate::ir::EnvValue::Literal(v) => (e.value.name.as_str(), v.as_str()),
                crate::ir::EnvValue::SecretKey { .. } => (e.value.name.as_str(), "<secret>"),
            })
            .collect()
    }

    #[test]
    fn steps_copy_the_service_container_and_apply_their_settings() {
        let (m, diags) = convert(
            r#"
services:
  app:
    image: app:1
    command: ["serve"]
    user: "1000:1000"
    working_dir: /srv
    pull_policy: always
    environment:
      A: service
      B: service
    ports: ["8000:8000"]
    healthcheck:
      test: ["CMD", "true"]
    volumes:
      - data:/data
    post_start:
      - command: ["warm"]
    pre_start:
      - command: ./manage.py migrate --noinput
        environment:
          B: step
          C: step
      - image: busybox:1.37.0
        command: ["chown", "-R", "1000:1000", "/data"]
        user: "0"
        privileged: true
        working_dir: /data
volumes:
  data:
"#,
        );
        let init = init(&m, "app");
        assert_eq!(init.len(), 2, "{diags:#?}");
        let (migrate, chown) = (&init[0], &init[1]);
        assert_eq!(migrate.name, "pre-start-1");
        assert_eq!(migrate.image.value, "app:1");
        assert_eq!(migrate.image_pull_policy.as_deref(), Some("Always"));
        assert_eq!(migrate.command, None);
        assert_eq!(
            migrate.args.as_ref().unwrap().value,
            ["./manage.py", "migrate", "--noinput"]
        );
        assert_eq!(
            env(migrate),
            [("A", "service"), ("B", "step"), ("C", "step")]
        );
        assert_eq!(migrate.security.run_as_user, Some(1000));
        assert_eq!(migrate.security.run_as_group, Some(1000));
        assert_eq!(migrate.working_dir.as_ref().unwrap().value, "/srv");
        assert_eq!(migrate.volume_mounts.len(), 1);
        assert_eq!(migrate.volume_mounts[0].mount_path, "/data");
        assert!(migrate.ports.is_empty());
        assert!(migrate.probes.readiness.is_none());
        assert!(migrate.post_start.is_none());

        assert_eq!(chown.name, "pre-start-2");
        assert_eq!(chown.image.value, "busybox:1.37.0");
        assert_eq!(chown.image_pull_policy, None);
        assert_eq!(chown.security.run_as_user, Some(0));
        assert_eq!(chown.security.run_as_group, None);
        assert_eq!(chown.security.privileged, Some(true));
        assert_eq!(chown.working_dir.as_ref().unwrap().value, "/data");
        assert_eq!(env(chown), [("A", "service"), ("B", "service")]);
        assert_eq!(chown.volume_mounts, migrate.volume_mounts);

        let infos = codes(&diags)
            .into_iter()
            .filter(|c| *c == Code::PreStartInitContainer)
            .count();
        assert_eq!(infos, 2);
        assert!(!codes(&diags).contains(&Code::PreStartPerPod));
        assert!(!codes(&diags).contains(&Code::NotTranslated), "{diags:#?}");
    }

    #[test]
    fn steps_come_after_the_dependency_waits() {
        let (m, _) = convert(
            r#"
services:
  app:
    image: app:1
    depends_on:
      db:
        condition: service_healthy
    pre_start:
      - command: migrate
  db:
    image: postgres:16
    expose: ["5432"]
"#,
        );
        let names: Vec<&str> = init(&m, "app").iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["wait-for-db", "pre-start-1"]);
    }

    #[test]
    fn a_step_of_a_scaled_service_runs_in_every_pod() {
        let (_, diags) = convert(
            r#"
services:
  app:
    image: app:1
    deploy:
      replicas: 3
    pre_start:
      - command: migrate
      - command: warm
        per_replica: true
  single:
    image: app:1
    pre_start:
      - command: migrate
        per_replica: false
  nodes:
    image: agent:1
    deploy:
      mode: global
    pre_start:
      - command: setup
"#,
        );
        let per_pod: Vec<&str> = diags
            .iter()
            .filter(|d| d.code == Code::PreStartPerPod)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(per_pod.len(), 2, "{per_pod:#?}");
        assert!(per_pod[0].contains("step 1 of service `app`"));
        assert!(per_pod[1].contains("service `nodes`"));
        let infos = diags
            .iter()
            .filter(|d| d.code == Code::PreStartInitContainer)
            .count();
        assert_eq!(infos, 2);
    }

    #[test]
    fn the_registry_applies_to_a_step_image_and_the_entrypoint_is_the_images() {
        let (m, diags) = convert(
            r#"
x-kubernetes:
  imageRegistry: registry.example.com/team
services:
  app:
    image: app:1
    entrypoint: ["/entry.sh"]
    pre_start:
      - command: migrate
      - image: busybox
        command: ["true"]
      - environment: [X=1]
"#,
        );
        let init = init(&m, "app");
        assert_eq!(init[0].image.value, "registry.example.com/team/app:1");
        assert_eq!(init[0].command, None);
        assert_eq!(init[1].image.value, "registry.example.com/team/busybox");
        let image_command: Vec<&str> = diags
            .iter()
            .filter(|d| d.code == Code::PreStartImageCommand)
            .map(|d| d.message.as_str())
            .collect();
        // Steps 1 and 3 use the service's image beside an `entrypoint`; step 3 has no command.
        assert_eq!(image_command.len(), 3, "{image_command:#?}");
    }

    #[test]
    fn a_user_name_is_reported_and_a_privileged_step_may_escalate() {
        let (m, diags) = convert(
            r#"
services:
  app:
    image: app:1
    user: "1000"
    security_opt: [no-new-privileges]
    pre_start:
      - command: fix
        user: root
        privileged: true
"#,
        );
        let step = &init(&m, "app")[0];
        assert_eq!(step.security.run_as_user, None);
        assert_eq!(step.security.privileged, Some(true));
        assert_eq!(step.security.allow_privilege_escalation, None);
        let user = diags
            .iter()
            .find(|d| d.code == Code::UserNotNumeric)
            .unwrap();
        assert!(user.message.contains("`pre_start` step 1 of service `app`"));
    }

    #[test]
    fn names_stay_unique_in_the_pod() {
        assert_eq!(super::unique("pre-start-1", &[]), "pre-start-1");
        let taken = ["pre-start-1".to_string(), "pre-start-1-2".to_string()];
        assert_eq!(super::unique("pre-start-1", &taken), "pre-start-1-3");
        let (m, _) = convert(
            r#"
services:
  pre-start-1:
    image: app:1
    pre_start:
      - command: migrate
"#,
        );
        assert_eq!(init(&m, "pre-start-1")[0].name, "pre-start-1-2");
    }
}
