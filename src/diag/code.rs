//! The registry of every diagnostic the tool can emit. Each rule's doc comment is its long
//! explanation: `compose2k8s explain CODE` prints it and `docs/diagnostics.md` is generated from it.
//!
//! Numbering: C2K1xxx loading (files, YAML), C2K2xxx Compose semantics, C2K3xxx constructs that do
//! not translate (or not exactly), C2K4xxx misuse of the `x-kubernetes` extension.
//! Codes are stable: a retired code is never reused.

use super::Severity;

macro_rules! registry {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $num:literal, $severity:ident, $name:literal, $summary:literal;
    )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable identifier, e.g. `C2K1001`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => concat!("C2K", stringify!($num)),)* }
            }

            /// A kebab-case name that says what the rule is about.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity a diagnostic of this code gets by default.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line for tables and listings.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// The long explanation (Markdown).
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => concat!($($doc, "\n",)*),)* }
            }
        }
    };
}

impl Code {
    pub fn from_id(id: &str) -> Option<Code> {
        let id = id.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.id().eq_ignore_ascii_case(id) || c.name() == id)
    }
}

registry! {
    /// A file named on the command line (`-f`, `--env-file`, the files of `COMPOSE_FILE`) or found
    /// by discovery could not be read: it does not exist, is a directory, or permissions forbid
    /// reading it. A `--project-directory` that is not a directory is reported the same way.
    ///
    /// Check the path; relative paths resolve against the current directory.
    FileUnreadable = 1001, Error, "file-unreadable", "a file named on the command line could not be read";

    /// No Compose file was given with `-f` and none of `compose.yaml`, `compose.yml`,
    /// `docker-compose.yaml` or `docker-compose.yml` exists in the current directory.
    ///
    /// Run the command in the project directory, or name the file with `-f`.
    NoComposeFile = 1002, Error, "no-compose-file", "no Compose file was found";

    /// The file is not well-formed YAML. The label points at the place where the YAML parser
    /// stopped; the mistake is often just before it (a tab used for indentation, an unclosed
    /// quote or bracket, a key indented differently from its siblings).
    YamlSyntax = 1003, Error, "yaml-syntax", "the file is not valid YAML";

    /// The file is not valid UTF-8. Compose files are text in UTF-8 (a byte-order mark is
    /// accepted and ignored).
    NotUtf8 = 1004, Error, "not-utf8", "the file is not UTF-8 text";

    /// The file is larger than the tool reads. Compose files are small; a file this large is
    /// almost certainly not one, and reading it would cost memory for nothing.
    FileTooLarge = 1005, Error, "file-too-large", "the file exceeds the input size limit";

    /// Expanding YAML aliases (`*name`) would create more nodes than the alias budget allows.
    /// This guards against "billion laughs" files, in which a few lines of nested aliases expand
    /// to billions of nodes. When a file uses aliases, each anchored value (`&name`) is also kept
    /// as a copy for them, and those copies count too: anchors nested inside anchored values
    /// would otherwise be copied over and over.
    ///
    /// Real Compose files stay far below the budget; if yours does not, inline some of the
    /// repeated blocks, anchor only small ones, or use `extends`.
    AliasBudget = 1006, Error, "alias-budget-exceeded", "alias expansion exceeds the budget";

    /// The YAML is nested deeper than the tool accepts. Compose files are rarely deeper than ten
    /// levels; the limit protects against stack and memory exhaustion on hostile input.
    NestingTooDeep = 1007, Error, "nesting-too-deep", "the YAML is nested too deeply";

    /// The same key appears twice in one mapping. YAML forbids it, and Compose rejects it
    /// (`mapping key already defined`). Remove one of the two entries.
    DuplicateKey = 1008, Error, "duplicate-key", "a mapping key is defined twice";

    /// An alias (`*name`) refers to an anchor (`&name`) that is not defined before it.
    UndefinedAlias = 1009, Error, "undefined-alias", "an alias names an unknown anchor";

    /// A merge key (`<<`) must be given a mapping or a list of mappings, usually aliases of
    /// anchored mappings: `<<: *defaults` or `<<: [*a, *b]`.
    InvalidMergeKey = 1010, Error, "invalid-merge-key", "a merge key `<<` is given something other than mappings";

    /// A Compose file must be a single YAML mapping at the top level (with keys such as
    /// `services`, `volumes`, `networks`). This file is empty, is a list or a scalar, or holds
    /// more than one YAML document.
    NotAMapping = 1011, Error, "top-level-not-a-mapping", "the file is not a single YAML mapping";

    /// A mapping key is not a plain string (for example a list or mapping used as a key). Compose
    /// keys are always strings.
    ComplexKey = 1012, Error, "complex-key", "a mapping key is not a string";

    /// A part of the Compose loading model (`include`, `extends`) that this
    /// version of compose2k8s does not implement yet. It stops with an error rather than produce
    /// manifests from a partly loaded project.
    UnsupportedLoading = 1013, Error, "unsupported-loading-feature", "a Compose loading feature that is not supported yet";

    /// A value refers to a variable (`$VAR` or `${VAR}`) that is set neither in the environment
    /// nor in the project's `.env` file, and gives no default. As Compose does, the reference is
    /// replaced by an empty string, which is rarely what was meant (an image tag, a port or a
    /// password that is silently empty).
    ///
    /// Set the variable in the environment or in `.env`, or give a default in the file:
    /// `${VAR:-default}` (used when unset or empty) or `${VAR-default}` (used only when unset).
    /// `$$` writes a literal `$`.
    UnsetVariable = 1014, Warning, "unset-variable", "an interpolated variable is not set";

    /// `${VAR:?message}` or `${VAR?message}` marks a variable as required: `:?` rejects a
    /// variable that is unset or empty, `?` only one that is unset. Compose stops with the
    /// file's message, and so does compose2k8s.
    ///
    /// Set the variable in the environment or in the project's `.env` file.
    RequiredVariable = 1015, Error, "required-variable-missing", "a required variable is not set";

    /// A `${` that is not a valid reference: it is not closed by `}` on the same line, is not
    /// followed by a variable name (`${}`, `${ VAR}`, `${1}`), or the name is followed by
    /// something other than `}` or one of `:-`, `-`, `:?`, `?`, `:+`, `+` (shell forms such as
    /// `${VAR/a/b}` or `${#VAR}` are not supported by Compose). Compose rejects the file.
    ///
    /// Write `$$` where a literal `$` is meant, e.g. `$${HOME}` to pass `${HOME}` to the
    /// container's shell.
    InvalidInterpolation = 1016, Error, "invalid-interpolation", "malformed `${…}` interpolation";

    /// The project's `.env` file (or a file given with `--env-file`) is not in the format Compose
    /// reads: `KEY=value` lines, `export KEY=value`, `#` comments, single- or double-quoted values.
    /// The label points at the offending statement; values are never shown, as they may be secrets.
    InvalidEnvFile = 1017, Error, "invalid-env-file", "an env file is not in the `.env` format";

    /// Two Compose files merged with `-f` (or an override file) give one attribute values of
    /// different forms that cannot merge: a mapping and a list, or a mapping and a single value.
    /// Mappings merge key by key and lists append, so the two must have the same form. Where the
    /// specification lets an attribute take either form (`environment`, `labels`, `depends_on`,
    /// `build`, `dns`, `ulimits`, …), the forms are converted before merging and this does not
    /// arise.
    ///
    /// The label points at the later file's value, the note at the earlier one. Write both in
    /// the same form, or tag the later value `!override` to replace the earlier one outright.
    MergeTypeMismatch = 1018, Error, "merge-type-mismatch", "values of different forms cannot be merged";

    /// Several default Compose files (or override files) exist in the project directory, e.g.
    /// both `compose.yaml` and `docker-compose.yml`. As Compose does, the first in the order
    /// `compose.yaml`, `compose.yml`, `docker-compose.yml`, `docker-compose.yaml` is used (for
    /// override files: `compose.override.yml`, `compose.override.yaml`,
    /// `docker-compose.override.yml`, `docker-compose.override.yaml`) and the others are ignored.
    ///
    /// Remove the files that are not used, or name the files to load with `-f`.
    SeveralComposeFiles = 1019, Warning, "several-default-files", "several default Compose files exist; one is used";

    /// The project name given with `-p` has nothing left once normalised. Project names are lower
    /// case and made of letters, digits, `-` and `_`, starting with a letter or digit; other
    /// characters are dropped and upper case is lowered, as Compose does.
    InvalidProjectName = 1020, Error, "invalid-project-name", "the project name is not valid";

    /// The service lists `profiles`, and none of them is active, so the service is not part of
    /// the converted project (spec: a service is ignored "when none of the listed `profiles`
    /// match the active ones"). Services without `profiles` are always converted.
    ///
    /// Activate a profile with `--profile NAME` (repeatable) or `COMPOSE_PROFILES=a,b`; `*`
    /// activates them all. Naming the service in `--services` activates its profiles too.
    ServiceNotInActiveProfiles = 1021, Info, "service-not-in-active-profiles", "a service is left out because none of its profiles is active";

    /// A profile named with `--profile` or in `COMPOSE_PROFILES` is not listed in the
    /// `profiles` of any service, which is usually a misspelling. The help lists the profiles the
    /// project uses.
    UnknownProfile = 1022, Error, "unknown-profile", "an active profile is used by no service";

    /// `--services` names a service the project does not define. The help suggests the closest
    /// name.
    UnknownSelectedService = 1023, Error, "unknown-selected-service", "`--services` names an undefined service";

    /// `--services` selects services that need others: through `depends_on`, `links`,
    /// `volumes_from` or `network_mode`/`ipc`/`pid: service:NAME`. Those are converted too,
    /// as Compose starts them with the selected ones; this lists them.
    DependenciesPulledIn = 1024, Info, "dependencies-pulled-in", "services needed by the selection are converted too";

    /// An enabled service needs (through `depends_on`, `links`, `volumes_from` or a
    /// `service:NAME` mode) a service whose profiles are all inactive. The specification calls
    /// such a model invalid: a dependency is not enabled just because another service needs it.
    ///
    /// Activate one of the dependency's profiles, give both services a common profile, or mark
    /// the `depends_on` entry `required: false` if the service can run without it.
    DependencyNotEnabled = 1025, Error, "dependency-not-enabled", "a service needs a service that no active profile enables";

    /// The top-level `version` key is obsolete: Compose ignores it (and warns), and so does
    /// compose2k8s. Remove it.
    ObsoleteVersion = 1030, Warning, "obsolete-version", "the top-level `version` key is obsolete";

    /// The key is not part of the Compose specification at this place. It may be misspelled
    /// (the help names the closest known key), belong at another level, or be an extension that
    /// should start with `x-`.
    UnknownKey = 2001, Error, "unknown-key", "a key the Compose specification does not define here";

    /// A value has the wrong type or form for its key, e.g. `ports: 80` where a list is
    /// expected, or `retries: five`.
    InvalidValue = 2002, Error, "invalid-value", "a value has the wrong type or form";

    /// A boolean field holds a YAML 1.1 spelling (`yes`, `no`, `on`, `off`, `y`, `n`). Compose
    /// accepts it, but YAML 1.2 tools (and many editors) read it as a string. Write `true` or
    /// `false`.
    Yaml11Boolean = 2003, Warning, "yaml11-boolean", "a YAML 1.1 boolean spelling";

    /// A service has neither `image` nor `build`, so there is nothing to run.
    NoImage = 2004, Error, "service-without-image", "a service has neither `image` nor `build`";

    /// `depends_on` names a service that the project does not define.
    UndefinedService = 2005, Error, "undefined-service", "a reference to a service that is not defined";

    /// A service refers to a volume, network, secret or config that the top-level section does not
    /// define.
    UndefinedResource = 2006, Error, "undefined-resource", "a reference to an undefined volume, network, secret or config";

    /// The project defines no services. Compose requires at least one service (or an `include`).
    NoServices = 2007, Error, "no-services", "the project defines no services";

    /// Two Compose services become the same Kubernetes name once sanitised (Kubernetes names allow
    /// only lower-case letters, digits and `-`, so `front_end` and `front-end` collide).
    NameCollision = 2008, Error, "name-collision", "two services map to the same Kubernetes name";

    /// A `ports` entry is not a valid port mapping. The short syntax is
    /// `[[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, where a port may be a range `start-end`:
    /// `"80"`, `"8080:80"`, `"127.0.0.1:8080:80"`, `"[::1]:6001:6001"`, `"9090-9091:8080-8081"`,
    /// `"53:53/udp"`. Ports are 1 to 65535, and a host range must be as long as the container range
    /// (or feed a single container port). The long syntax is a mapping with `target` (required),
    /// `published`, `host_ip`, `protocol`, `app_protocol`, `mode` and `name`.
    ///
    /// Quote short entries: YAML 1.1 tools read an unquoted `56:56` as a base-60 number.
    InvalidPort = 2009, Error, "invalid-port", "a port mapping is not valid";

    /// A duration is not in the Compose form `{value}{unit}`, where the unit is `us`, `ms`, `s`,
    /// `m` or `h` (Docker Compose also takes `ns`, `d` and `w`), and parts combine without a
    /// separator: `10s`, `1m30s`, `1h5m30s20ms`, `1.5s`. A bare number other than `0` is an error
    /// because its unit is ambiguous: write `30s`, not `30`.
    InvalidDuration = 2010, Error, "invalid-duration", "a duration is not valid";

    /// A byte value is not a number with an optional unit: `b`, `k` or `kb`, `m` or `mb`, `g` or
    /// `gb` (also `t` and `p`, and `kib`-style spellings). Units are binary as in Docker, so `1m`
    /// is 1,048,576 bytes. A bare number is a number of bytes.
    InvalidByteSize = 2011, Error, "invalid-byte-size", "a byte value is not valid";

    /// A service `volumes` entry is not a valid mount. The short syntax is
    /// `SOURCE:TARGET[:MODE]`, or `TARGET` alone for an anonymous volume. A source starting with
    /// `.`, `/` or `~` (or a Windows drive) is a host path (bind mount); anything else names a
    /// volume. The mode is a comma-separated list of `ro`, `rw`, `z`, `Z`, `nocopy`, a propagation
    /// (`rprivate`, `shared`, …) or a consistency (`cached`, `delegated`). The long syntax is a
    /// mapping with `type` (`volume`, `bind`, `tmpfs`, `image`, `npipe` or `cluster`), `source`
    /// and `target`.
    InvalidVolumeMount = 2012, Error, "invalid-volume-mount", "a volume mount is not valid";

    /// A service, network, volume, secret, config or model name uses characters the Compose
    /// specification does not allow. Names match `[a-zA-Z0-9._-]+`.
    InvalidName = 2013, Error, "invalid-name", "a service or resource name has characters Compose does not allow";

    /// `depends_on` entries form a cycle: a service waits, directly or through other services, for
    /// itself. Compose refuses to start such a project (`dependency cycle detected`), since no
    /// service of the cycle can start first.
    ///
    /// The labels mark every `depends_on` entry of the cycle. Remove one of them; often one of the
    /// two services only needs the other at run time, and retries its connection instead.
    DependencyCycle = 2014, Error, "dependency-cycle", "`depends_on` entries form a cycle";

    /// The service has `build:` but no `image:`. Kubernetes cannot build images: the image must be
    /// built and pushed to a registry the cluster can pull from. The manifest uses the name Compose
    /// gives the built image, `<project>-<service>`, which exists only on the machine that built it.
    ///
    /// Add `image: registry.example.com/team/app:tag` beside `build:`, so that
    /// `docker compose build && docker compose push` publishes the image the manifest names.
    BuildWithoutImage = 3001, Warning, "build-without-image", "`build` without `image`: the image must be pushed to a registry";

    /// `develop` (and `develop.watch`) configures `docker compose watch`, a development loop that
    /// syncs files into running containers. It has no place in cluster manifests and is skipped.
    ///
    /// Tools such as Skaffold or Tilt give the same loop against a cluster.
    DevelopOnly = 3002, Info, "develop-only", "`develop` is a development-only feature and is skipped";

    /// A bind mount mounts a directory or file of the Docker host into the container. A cluster
    /// node does not have the project's files, so there is no exact translation. The choices:
    ///
    /// - a PersistentVolumeClaim, filled once by a Job or an init container;
    /// - a ConfigMap, for a few small read-only configuration files;
    /// - an image volume or baking the files into the image, for read-only data such as models;
    /// - a `hostPath` volume, only when every node has the files at the same path.
    ///
    /// The converted workload mounts an `emptyDir` in its place so the pod starts; choose one of the
    /// above to put the data there.
    BindMount = 3003, Warning, "bind-mount", "a bind mount of a host path has no exact translation";

    /// `depends_on` with a condition orders start-up in Compose. Kubernetes starts all pods at
    /// once; a later version will lower `service_healthy` to an init container that waits for
    /// the dependency's Service. Until then, the application must retry its connections.
    DependsOnCondition = 3004, Warning, "depends-on-not-enforced", "`depends_on` start-up order is not enforced in Kubernetes";

    /// The service declares no `ports` or `expose`, yet another service reaches it by name. The
    /// port was taken from the default port of its official image, so a Service can be generated.
    ///
    /// Add `expose: ["PORT"]` to the service to state it and silence this note.
    PortFromImage = 3005, Info, "port-from-image-default", "a Service port was taken from the image's well-known default";

    /// Another service depends on this one, so other pods need to reach it by name, but it declares
    /// no `ports` or `expose` and its image has no known default port. No Service is generated, so
    /// its name will not resolve in the cluster.
    ///
    /// Add `expose: ["PORT"]` with the port the service listens on.
    NoPortForService = 3006, Warning, "no-port-for-service", "a depended-on service has no port, so no Service is generated";

    /// A Compose key that this version of compose2k8s reads but does not yet translate. It is
    /// reported rather than dropped in silence; the generated manifests lack its effect.
    NotTranslated = 3007, Warning, "not-translated", "a Compose key that is not translated";

    /// `ports` publishes a port on the Docker host. In Kubernetes the Service exposes the container
    /// port inside the cluster; reaching it from outside needs a Service of type NodePort or
    /// LoadBalancer, or an Ingress. The host port and host IP are not carried over.
    HostPortDropped = 3008, Info, "host-port-not-published", "a published host port becomes a cluster-internal Service port";

    /// The healthcheck duration is not a whole number of seconds. Kubernetes probe timings are whole
    /// seconds; the value was rounded up.
    SubSecondDuration = 3009, Info, "sub-second-duration-rounded", "a sub-second duration was rounded up to whole seconds";

    /// A named volume became a PersistentVolumeClaim. Compose volumes have no size, so the claim
    /// requests a default of 1Gi with the cluster's default storage class and access mode
    /// ReadWriteOnce. Check the size before applying: a claim cannot shrink later.
    DefaultVolumeSize = 3010, Info, "default-volume-size", "a PersistentVolumeClaim got the default size";

    /// Several services mount the same named volume. On one Docker host that just works; in a
    /// cluster a ReadWriteOnce claim attaches to one node, so pods of the other services cannot
    /// start elsewhere. Use a storage class that offers ReadWriteMany (NFS, CephFS, a cloud file
    /// service), or give each service its own volume.
    SharedVolume = 3011, Warning, "shared-volume", "a named volume is shared by several services";

    /// An anonymous volume (a mount with a target but no source) became an `emptyDir`: scratch
    /// space that lives as long as the pod. Compose keeps anonymous volumes across container
    /// restarts; name the volume to keep its data in a PersistentVolumeClaim.
    AnonymousVolume = 3012, Info, "anonymous-volume", "an anonymous volume became an emptyDir";

    /// A Compose secret is mounted from a Kubernetes Secret of the same name, which the
    /// manifests reference but do not contain: secret values are never written into the output.
    /// Create the Secret once per namespace with the `kubectl create secret` command in the help.
    SecretReference = 3013, Info, "secret-referenced", "a secret is referenced, not embedded";

    /// A Compose config whose content comes from a file or the environment. Its ConfigMap is
    /// referenced by name but not generated; create it with the `kubectl create configmap` command
    /// in the help.
    ConfigReference = 3014, Info, "config-referenced", "a config is referenced, not generated";

    /// A GPU reservation that Kubernetes cannot express exactly: `count: all` (Kubernetes needs a
    /// number), `device_ids` (the device plugin chooses devices), or a driver other than NVIDIA's.
    /// The container requests one GPU (or the stated count); check it.
    GpuApproximated = 3015, Warning, "gpu-approximated", "a GPU reservation was approximated";

    /// A GPU was requested, so the pod tolerates the `nvidia.com/gpu` NoSchedule taint that GPU
    /// node pools commonly carry. Without a taint on the GPU nodes the toleration does nothing.
    GpuToleration = 3016, Info, "gpu-toleration", "a GPU toleration was added";

    /// `user` names a user rather than a numeric id. Kubernetes' `runAsUser` needs a number; the
    /// name is resolved inside the image, which the manifests cannot see.
    UserNotNumeric = 3017, Warning, "user-not-numeric", "`user` is a name, not a numeric id";

    /// Compose networks isolate groups of services. A cluster network is flat: every pod reaches
    /// every Service in the namespace. NetworkPolicies can restore isolation; they are not
    /// generated yet.
    NetworksFlattened = 3018, Info, "networks-flattened", "Compose networks are not translated";

    /// `container_name` fixes the Docker container's name. Pod names are generated by their
    /// controller; other pods reach the service through its Service name, which is the Compose
    /// service name.
    ContainerNameIgnored = 3019, Info, "container-name-ignored", "`container_name` does not apply to pods";

    /// The sysctl is not in Kubernetes' safe set. It is kept in the pod's `securityContext`, but
    /// the kubelet refuses to start the pod unless the node allows it with
    /// `--allowed-unsafe-sysctls`.
    UnsafeSysctl = 3020, Warning, "unsafe-sysctl", "a sysctl outside Kubernetes' safe set";

    /// The service runs once and stops (`restart: "no"` or `on-failure`, or
    /// `deploy.restart_policy.condition` `none`/`on-failure`) and nothing connects to it (no ports,
    /// no `expose`, no dependant reaching it by name), so it became a Job rather than a
    /// Deployment, which would restart it forever. `backoffLimit` comes from `on-failure:N` or
    /// `max_attempts`. Set `restart: unless-stopped` to keep a Deployment.
    OneShotJob = 3021, Info, "one-shot-job", "a run-to-completion service became a Job";

    /// The service asks not to be restarted (`restart: "no"` or `on-failure`) but listens on
    /// ports, so it stays a Deployment; Deployments always restart their pods.
    RestartAlways = 3022, Info, "restart-always", "a Deployment restarts pods whatever `restart` says";

    /// `depends_on` with `condition: service_healthy` became an init container that waits until
    /// the dependency's Service accepts connections. A Service only routes to pods whose
    /// readiness probe passes, so this is the Kubernetes form of "healthy". The init container
    /// uses a small pinned `busybox` image.
    WaitForDependency = 3023, Info, "wait-for-dependency", "a `service_healthy` dependency became an init container";

    /// `deploy.update_config` became a rolling-update strategy; some of its settings have no
    /// Kubernetes equivalent (`delay` is approximated by `minReadySeconds`; `failure_action`,
    /// `monitor` and `max_failure_ratio` are left out: a Deployment stops progressing on failed
    /// readiness and `kubectl rollout undo` rolls back).
    RolloutApproximated = 3024, Info, "rollout-approximated", "parts of `update_config` have no Kubernetes equivalent";

    /// `depends_on` without a condition (or with `service_started`) only orders start-up in
    /// Compose. Kubernetes starts all pods at once and has no such order; the dependant must
    /// retry its connections, as it would after any restart of the dependency. Use
    /// `condition: service_healthy` to get an init container that waits.
    StartOrderOnly = 3025, Info, "start-order-only", "`depends_on` start order has no Kubernetes equivalent";
}
