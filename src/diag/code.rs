//! The registry of every diagnostic the tool can emit. Each rule's doc comment is its long
//! explanation: `compose2k8s explain CODE` prints it and `docs/diagnostics.md` is generated from it.
//!
//! Numbering: C2K1xxx loading (files, YAML), C2K2xxx Compose semantics, C2K3xxx constructs that do
//! not translate (or not exactly), C2K4xxx misuse of the `x-kubernetes` extension, C2K5xxx
//! writing the output.
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

    /// A part of the Compose loading model that this version of compose2k8s does not implement:
    /// an `include` or `extends` file given as a remote location (`git@…`, `https://…`,
    /// `oci://…`), which Compose fetches. It stops with an error rather than produce manifests
    /// from a partly loaded project.
    ///
    /// Check the remote project out next to yours and refer to it by a local path.
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

    /// The project's `.env` file (or a file given with `--env-file`, or a service's `env_file`)
    /// is not in the format Compose reads: `KEY=value` lines, `export KEY=value`, `#` comments, single- or double-quoted values.
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

    /// Services extend each other in a circle: following `extends` from the service leads back
    /// to it, so no service of the circle has a definition to start from. Compose rejects the
    /// project. The message names the chain; the labels mark each `extends` of it.
    ///
    /// Remove the `extends` that closes the circle, or move the shared settings into a service
    /// that extends nothing.
    ExtendsCycle = 1026, Error, "extends-cycle", "`extends` entries form a cycle";

    /// `extends` names a service that the file it looks in does not define: the same file when
    /// `file` is not given, otherwise the file `file` names (only that file: services of other
    /// `-f` files or of included projects do not count, as in Compose).
    ///
    /// Check the spelling (the help names the closest service), or add `file:` to look in the
    /// file that defines it.
    ExtendsServiceNotFound = 1027, Error, "extends-service-not-found", "`extends` names a service that does not exist";

    /// A Compose file includes itself, directly or through other included files. Compose
    /// rejects the project (`include cycle detected`). The message names the chain of files.
    ///
    /// Remove the `include` entry that leads back to a file already on the chain. Including one
    /// file from two places (a diamond) is not a cycle and is allowed.
    IncludeCycle = 1028, Error, "include-cycle", "`include` entries form a cycle";

    /// A service, network, volume, secret, config or model defined by an included project is
    /// also defined, differently, by the project that includes it (or by another included
    /// project). Compose does not merge the two definitions and rejects the project
    /// (`services.NAME conflicts with imported resource`); identical definitions are accepted.
    ///
    /// Rename one of the two, remove the copy, or change the included definition from an
    /// override file (`-f compose.yaml -f override.yaml`), which merges with it instead.
    IncludeConflict = 1029, Error, "include-conflict", "an included resource conflicts with a local definition";

    /// The top-level `version` key is obsolete: Compose ignores it (and warns), and so does
    /// compose2k8s. Remove it.
    ObsoleteVersion = 1030, Warning, "obsolete-version", "the top-level `version` key is obsolete";

    /// A file that the Compose file refers to cannot be read: an `env_file` of a service, an
    /// `include` path or its `env_file`, or the `file` of an `extends`. It does not exist, is a
    /// directory, is not a regular file (a named pipe, socket or device is refused rather than
    /// waited on), is too large, or permissions forbid reading it.
    ///
    /// Relative paths resolve against the project directory (the directory of the first Compose
    /// file unless `--project-directory` says otherwise); in an included project, against that
    /// project's directory; in a file reached through `extends`, against that file's directory.
    /// An `env_file` entry that may be missing can say `required: false`. A required `env_file`
    /// that does not exist is this error only for `compose2k8s config`, which shows what Compose
    /// would run; the conversion references a Secret in its place (C2K1037).
    ReferencedFileUnreadable = 1031, Error, "referenced-file-unreadable", "a file the Compose file refers to could not be read";

    /// A path in the Compose file (an `env_file`, an `include` path or its `env_file`, the `file`
    /// of an `extends`) or the project's `.env` leads out of the project directory: it climbs out
    /// with `..`, is absolute, or is a symbolic link to a file elsewhere. compose2k8s runs in CI
    /// on files anyone can edit, so it reads only the project's own files unless told otherwise:
    /// an edited Compose file must not be able to copy `/etc/passwd` or a CI secret into
    /// generated manifests.
    ///
    /// Move the file into the project directory, or pass `--allow-outside-project` if reading it
    /// is intended (e.g. an include of `../shared/compose.yaml`).
    OutsideProject = 1032, Error, "path-outside-project", "a referenced path leads out of the project directory";

    /// An `env_file` entry marked `required: false` names a file that does not exist. As in
    /// Compose, it is skipped; the note says so in case the file was meant to be there.
    OptionalEnvFileMissing = 1033, Info, "optional-env-file-missing", "an optional `env_file` does not exist and is skipped";

    /// The project loads more Compose files through `include` (and `extends` with `file`) than
    /// the limit allows (256), or nests `include` deeper than the limit (32 levels). Real projects
    /// include a handful of files, one or two levels deep; the limits stop a file that includes
    /// another several times over, level after level, from loading exponentially many, and keep
    /// the nesting from exhausting the stack.
    ///
    /// Flatten the include graph, or include each shared file once.
    TooManyIncludedFiles = 1034, Error, "too-many-included-files", "the include graph loads more files, or nests deeper, than the limits";

    /// A service extends a service that extends another, and so on, for more levels than the
    /// limit allows. Real chains are two or three deep.
    ///
    /// Shorten the chain: let several services extend one common base.
    ExtendsTooDeep = 1035, Error, "extends-chain-too-long", "an `extends` chain is longer than the limit";

    /// `include` and `extends` would add more YAML nodes to the project than the limit allows
    /// (one million): the files they load, and the copy of the extended service that each
    /// `extends` makes. Real projects stay far below it; the limit stops a few lines (many
    /// services extending one large service, or one large file included over and over) from
    /// taking gigabytes of memory.
    ///
    /// Extend smaller services, or include large files once.
    CopyBudget = 1036, Error, "copy-budget-exceeded", "`include` and `extends` copy more than the limit";

    /// A service's `env_file` names a file that does not exist, and the entry does not say
    /// `required: false`. `docker compose` (and `compose2k8s config`) refuse such a project
    /// (C2K1031), but the file is usually a git-ignored `.env` full of credentials: exactly what
    /// generated manifests must not hold, and absent from the clean checkout a CI drift check runs
    /// on. So `convert`, `check` and `report` go on: the container takes the file's variables
    /// from a Secret (`envFrom: [{secretRef: {name: SERVICE-FILE}}]`, a Secret and not a
    /// ConfigMap because of what such files hold), and the help gives the command that creates
    /// it from the file:
    ///
    /// ```sh
    /// kubectl create secret generic textgen-env --from-env-file=.env
    /// ```
    ///
    /// Run it in the project directory, in the namespace of the manifests, before applying them:
    /// the pod does not start while the Secret is missing.
    ///
    /// Precedence follows Compose where Kubernetes allows: `environment` wins over every env
    /// file (`env` wins over `envFrom`), and of several missing files a later one wins (so does a
    /// later `envFrom` entry). An env file that exists is still read into `env`, so when it comes
    /// *before* a missing one its values win over the Secret's, the reverse of Compose; the
    /// diagnostic points at such files.
    ///
    /// `kubectl` reads `KEY=value` lines as written: it does not remove quotes or expand `${…}`
    /// as Compose does, so check quoted values in the file first. Kubernetes 1.33 also skips keys
    /// that are not C identifiers (letters, digits, `_`).
    EnvFileMissing = 1037, Warning, "env-file-missing", "a required `env_file` does not exist; the container reads it from a Secret";

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
    ///
    /// Aliases (a service's `networks.<net>.aliases` and `links: ["db:ALIAS"]`) become Services of
    /// their own, so an alias that names another service (or a service left on Compose with an
    /// ExternalName Service) collides too: that name is the other service's Service. An alias
    /// equal to the service's own name is left out, as it adds nothing; one that several
    /// services share is C2K3040. With
    /// `--network-policies`, the NetworkPolicies of networks (`network-NAME`) and of services
    /// (the service's name) must not collide either, nor two networks whose names sanitise alike.
    NameCollision = 2008, Error, "name-collision", "two services, aliases or networks map to the same Kubernetes name";

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

    /// A bind mount mounts a directory or file of the Docker host into the container, and this one
    /// is **not mounted** in the manifests. A cluster node does not have the project's files, and
    /// here no default fits (see `bind-mount-empty-claim` for the ones that do):
    ///
    /// - a host integration path (a `*.sock` socket, `/dev`, `/proc`, `/sys`, `/run`,
    ///   `/var/run`, `/etc/localtime`, `/etc/hosts`, `/lib/modules`, a host directory under
    ///   `/etc` mounted at its own path, …): a claim cannot stand in for the host; a `hostPath`
    ///   volume can, when every node has the path and the pod may reach into its node;
    /// - a read-only directory that is not in the project directory (nothing to copy);
    /// - a file that looks like it holds credentials (use a Compose `secrets:` entry);
    /// - a mount whose `x-kubernetes.volumes` mapping could not be applied.
    ///
    /// Map the source with `x-kubernetes.volumes` (a PersistentVolumeClaim, a hostPath, an
    /// emptyDir or a ConfigMap) to mount something there.
    BindMount = 3003, Warning, "bind-mount", "a bind mount of a host path has no exact translation";

    /// `depends_on` with a condition orders start-up in Compose. Kubernetes starts all pods at
    /// once. A `service_healthy` dependency becomes an init container that waits for the
    /// dependency's Service (C2K3023), unless waits are turned off, the dependency has no
    /// Service (no port), or, with NetworkPolicies, either side is `network_mode: none`: an init
    /// container shares its pod's policy, so a path for the wait would open the service too.
    /// Other conditions are not waited for. Where nothing waits, the application must retry its
    /// connections.
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
    /// every Service in the namespace. `--network-policies` (or the top-level
    /// `x-kubernetes: {networkPolicies: true}`) restores the isolation with NetworkPolicies
    /// (C2K3034); without it, this note stands for each network.
    NetworksFlattened = 3018, Info, "networks-flattened", "Compose networks are not translated";

    /// `container_name` fixes the Docker container's name. Pod names are generated by their
    /// controller; other pods reach the service through its Service name, which is the Compose
    /// service name. On Compose the container name resolves too, so one that is a valid Service
    /// name (and not another's) becomes one more Service of the service with a port, as a
    /// network alias does.
    ContainerNameIgnored = 3019, Info, "container-name-ignored", "`container_name` does not apply to pods";

    /// The sysctl is not in Kubernetes' safe set. It is kept in the pod's `securityContext`, but
    /// the kubelet refuses to start the pod unless the node allows it with
    /// `--allowed-unsafe-sysctls`.
    UnsafeSysctl = 3020, Warning, "unsafe-sysctl", "a sysctl outside Kubernetes' safe set";

    /// The service runs once and stops (`restart: "no"` or `on-failure`, or
    /// `deploy.restart_policy.condition` `none`/`on-failure`) and nothing connects to it (no ports,
    /// no `expose`, no dependant reaching it by name), so it became a Job rather than a
    /// Deployment, which would restart it forever. `backoffLimit` comes from `on-failure:N` or
    /// `max_attempts`. A service without `restart` that another waits for with
    /// `condition: service_completed_successfully` runs once on Compose (whose default is "no"),
    /// so it becomes a Job too. Set `restart: unless-stopped` to keep a Deployment.
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

    /// A `security_opt` entry became a seccomp profile that changes how the container is
    /// confined. `seccomp=unconfined` becomes `seccompProfile.type: Unconfined`, which removes the
    /// runtime's default system-call filter; Pod Security Admission's `restricted` level rejects
    /// it. `seccomp=PATH` becomes a `Localhost` profile: the profile file must be installed under
    /// the kubelet's seccomp directory (`/var/lib/kubelet/seccomp/`) on every node that may run the
    /// pod, at the relative path given.
    SeccompProfile = 3026, Warning, "seccomp-profile", "a `security_opt` seccomp setting needs attention on the cluster";

    /// `runtime` became the pod's `runtimeClassName`. A RuntimeClass object of that name must
    /// exist in the cluster (`kubectl get runtimeclass`), with a handler the nodes' container
    /// runtime knows; otherwise the pod is rejected when it is created.
    RuntimeClassRequired = 3027, Info, "runtime-class-required", "`runtime` needs a RuntimeClass of that name";

    /// An `environment` variable whose name looks like a credential (`PASSWORD`, `TOKEN`,
    /// `SECRET`, `API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`, `CREDENTIALS`, …) has a value written in
    /// the Compose file. The value is written into the workload's pod spec, where anyone who can
    /// read the Deployment can read it. Put it in a Secret and refer to it with
    /// `valueFrom.secretKeyRef` instead. The diagnostic never repeats the value.
    ///
    /// A value that comes from outside the Compose files (a `.env` file, the shell, an
    /// `env_file`) is not written at all: see `credential-withheld`.
    CredentialInEnvironment = 3028, Warning, "credential-in-environment", "a credential-like variable has a literal value";

    /// A bind mount of a single file under the project directory became a ConfigMap holding the
    /// file's content, mounted with `subPath` at the target. The ConfigMap is a copy: edit the
    /// Compose project's file and convert again to change it. A file that is not UTF-8 goes to
    /// `binaryData`. A ConfigMap holds at most 1 MiB; files that are larger, or look like
    /// credentials by name or content, are not mounted and keep the bind-mount warning. Services
    /// mounting the same file share one ConfigMap named after it.
    BindFileConfigMap = 3029, Info, "bind-file-configmap", "a bind-mounted file became a ConfigMap";

    /// `--embed-secrets` wrote a Secret object with the secret's data, read from its `file:` or
    /// taken from its `environment:` variable. The manifests now hold the secret's value (base64
    /// encoded, which is not encryption): keep them out of version control, or use a sealed or
    /// external secret instead.
    SecretEmbedded = 3030, Warning, "secret-embedded", "a Secret was written with its data";

    /// A converted service refers to a service that `--services` left on Compose: a `depends_on`
    /// or `links` entry, or an `environment` value that names it as a host (`cache`,
    /// `redis://cache:6379`, `http://api:8000/x`). In the cluster that name resolves to nothing,
    /// so the reference breaks; with `--no-deps` the `depends_on` entry is also dropped, so no
    /// init container waits for it.
    ///
    /// Two ways out: convert the service too (add it to `--services`), or say where it keeps
    /// running with `x-kubernetes: {external: {host: compose-host.internal, port: 6379}}` on the
    /// left-out service. compose2k8s then writes a Service of type ExternalName with the service's
    /// name, so the converted pods reach `cache` as before (DNS answers with a CNAME to the host;
    /// the port is not remapped).
    LeftOnCompose = 3031, Warning, "left-on-compose", "a converted service refers to a service left on Compose";

    /// The service has both `build` and `image`. The manifests use the image; the build settings
    /// only matter to `docker compose build`, which must run (and push the image to a registry the
    /// cluster can pull from) before the manifests are applied.
    BuildNotRun = 3032, Info, "build-not-run", "`build` is not run; the named image is used";

    /// A network alias (`networks.<net>.aliases`) or a link alias (`links: ["db:ALIAS"]`) becomes
    /// a Service of that name with the ports of the service's own Service. This service declares
    /// no port (`ports` or `expose`), so it has no Service, and the alias would name nothing: in
    /// Kubernetes, a name resolves to a Service, not to a pod.
    ///
    /// Add `expose: ["PORT"]` with the port the service listens on.
    AliasWithoutPort = 3033, Warning, "alias-without-port", "an alias names a service that declares no port";

    /// With `--network-policies` (or the top-level `x-kubernetes: {networkPolicies: true}`),
    /// Compose network isolation is kept with NetworkPolicies:
    ///
    /// - each pod is labelled `network.compose2k8s.io/NET: "true"` for every network its service
    ///   joins (`default` when the service names none);
    /// - one NetworkPolicy per network, `network-NET`, lets the pods on it accept traffic from
    ///   the other pods on it, as containers on a shared network reach each other;
    /// - a NetworkPolicy named after the service opens its published `ports` (and the ports a
    ///   NodePort or LoadBalancer Service or an Ingress routes to) to any client; `expose`-only
    ///   ports stay reachable from network peers alone. Ports published on a loopback `host_ip`
    ///   reach no other machine, so they stay closed too;
    /// - a service whose networks are all `internal: true` may only connect to its peers and to
    ///   the cluster DNS, and its `ports` stay closed to the world, as Docker publishes none on
    ///   an internal network. A NodePort or LoadBalancer Service or an Ingress asked for in
    ///   `x-kubernetes` still opens the port it routes to, and says so;
    /// - `network_mode: none` denies all traffic in and out; `network_mode: service:NAME` joins
    ///   the networks of that service (its `localhost` is not shared);
    /// - a dependency wait (`depends_on` with `condition: service_healthy`) between services
    ///   that share no network gets the one path it needs: the dependency lets the waiter's pods
    ///   in on the port the wait connects to, and an internal-only waiter may connect there.
    ///   The init container shares the pod's policy, so the service's container may use that
    ///   path too. A wait into or out of a `network_mode: none` pod is not made (C2K3004).
    ///
    /// The DNS rule of internal-only services allows UDP and TCP port 53 to pods labelled
    /// `k8s-app: kube-dns` in any namespace, which is what kube-dns and CoreDNS run as on most
    /// clusters. Where pods resolve through another server, edit that rule: NodeLocal DNSCache
    /// answers on a node-local address (`169.254.20.10`, an `ipBlock` rule), and OpenShift's DNS
    /// pods (`dns.operator.openshift.io/daemonset-dns: default` in `openshift-dns`) listen on
    /// port 5353.
    ///
    /// NetworkPolicies only take effect with a network plugin that enforces them (Calico,
    /// Cilium, …); on other clusters they are accepted and do nothing. Traffic from outside the
    /// namespace (an ingress controller, monitoring) to a port that is not published is denied:
    /// publish the port or add a policy by hand.
    NetworkPolicy = 3034, Info, "network-policy", "a Compose network became a NetworkPolicy";

    /// With `--network-policies`, some pods are not isolated: pods on the node's network
    /// (`network_mode: host`) are outside NetworkPolicies' reach, and pods whose network mode
    /// names something outside the project (`container:NAME`, `bridge`) get no network label,
    /// so no policy selects them and they accept any traffic, as pods without policies do.
    NotIsolated = 3035, Info, "not-isolated", "a service's pods are not isolated by NetworkPolicies";

    /// A network marked `external: true` is shared with containers of other projects, which the
    /// manifests cannot name: they live in other namespaces, or outside the cluster. The
    /// project's own services on it get its label and a NetworkPolicy `network-NET` as for any
    /// network, so they keep reaching each other; its members outside the project (another
    /// Compose project's reverse proxy, say) are not let in. Where they must be, add an ingress
    /// rule with a `namespaceSelector` (and a `podSelector`) to `network-NET` by hand.
    ExternalNetwork = 3036, Warning, "external-network", "an external network's members outside the project are not let in";

    /// A `pre_start` step became an init container of the service's pods, run after the init
    /// containers that wait for dependencies and before the service's container starts. It
    /// shares the container's environment (its own `environment` appends and overrides), volume
    /// mounts and working directory; without an `image` of its own it also runs the service's
    /// image (with the service's pull policy) as the service's `user`. Its `command` replaces
    /// the image's CMD, as a service's `command` does.
    ///
    /// Compose does not run a step again once it succeeded for the same definition; Kubernetes
    /// runs init containers every time a pod starts: on every rollout, rescheduling and node
    /// restart. Make the command safe to repeat (a migration tool that skips applied
    /// migrations, a `chown` that is a no-op the second time).
    PreStartInitContainer = 3037, Info, "pre-start-init-container", "a `pre_start` step became an init container";

    /// A `pre_start` step without `per_replica: true` runs once for the service in Compose,
    /// before any replica starts. An init container runs in every pod instead: in each of the
    /// replicas of a scaled service, in every pod an autoscaler adds, on every node of a
    /// DaemonSet, and again whenever a pod starts (Compose skips a step that already succeeded).
    /// The pods also run their steps at the same time, so two replicas may migrate one database
    /// at once.
    ///
    /// Work that must happen once per service, such as a database migration, belongs in a Job
    /// applied before the workload (or a Helm `pre-install,pre-upgrade` hook, or an Argo CD
    /// `PreSync` hook); whichever runs it, make it idempotent and safe to run concurrently (take
    /// a lock in the database). A step that every pod needs (warming a cache, fixing the
    /// ownership of a per-pod volume) should say `per_replica: true`. With one replica and no
    /// autoscaler the two are the same, and nothing is reported.
    PreStartPerPod = 3038, Warning, "pre-start-per-pod", "a `pre_start` step runs in every pod, not once for the service";

    /// A `pre_start` step without an `image` of its own runs the service's image with the
    /// image's own ENTRYPOINT: the step's `command` replaces the image's CMD only. The Compose
    /// specification says a step runs "the chosen image's entrypoint" and does not say whether
    /// a step takes the service's `entrypoint`, so when the service sets one, the step may not
    /// run what it runs under Compose. A step without `command` runs the image's default
    /// command, which for the service's own image is usually the service itself: it never
    /// exits, and the pod never starts.
    ///
    /// Give the step a `command` that does its work and exits; where it needs the service's
    /// entrypoint, start the command with the entrypoint's words.
    PreStartImageCommand = 3039, Warning, "pre-start-image-command", "a `pre_start` step runs its image's own entrypoint or command";

    /// Several services give themselves the same network or link alias, often through
    /// `extends` or a shared YAML anchor. On Compose the name then resolves to the containers of
    /// any of them ("which container the name resolves to is not guaranteed"). A namespace holds
    /// one Service per name: the Service of the alias selects the pods of the first service that
    /// declares it, in file order, and the other services' claim to it is dropped.
    ///
    /// Remove the alias from the services that should not answer to it, or give it to one
    /// service only.
    SharedAlias = 3040, Warning, "shared-alias", "an alias several services share names the first one's pods only";

    /// A bind mount of the service's own source code is not mounted: its host path is the
    /// service's `build` context, lies inside a context other than `.`, is mounted read-only
    /// inside the context `.`, or lies inside a `develop.watch` path (a read-write subdirectory
    /// of the context `.` is taken for data, with a note). The image built from that context carries the files when its
    /// Dockerfile copies them in; the mount only brought local edits into a development
    /// container. An empty claim mounted there instead would hide the image's files and break the
    /// app.
    ///
    /// Make sure the Dockerfile copies the files (`COPY . /usr/local/app`). If the directory holds
    /// something the image does not (data, downloads), map it with `x-kubernetes.volumes`.
    BindMountSourceCode = 3041, Info, "bind-mount-source-code", "a bind mount of source code the image carries is not mounted";

    /// A bind mount became an empty PersistentVolumeClaim, of the default size, mounted where the
    /// host directory was. This is the default for a host path that
    /// holds data (`./data:/data`, `/mnt/volumes/app:/var/lib/app`): without a claim the data
    /// would be lost with every restart. The claim is named `<service>-<base name of the source>`,
    /// or after the base name alone when several services mount the same source: they then share
    /// one claim, as with a shared named volume (`shared-volume`).
    ///
    /// The claim starts empty: copy the data in once (`kubectl cp`, or a Job that fetches it), or
    /// map the source with `x-kubernetes.volumes` to a hostPath, an emptyDir, a ConfigMap or a
    /// claim of the right size. When a configuration directory (mounted under `/etc`, or run
    /// from) could not become a ConfigMap, the help says why. A read-only mount never becomes an
    /// empty claim, which could not be filled through it: it is not mounted (`bind-mount`).
    BindMountEmptyClaim = 3042, Warning, "bind-mount-empty-claim", "a bind mount became an empty PersistentVolumeClaim";

    /// A bind-mounted directory under the project became a ConfigMap of its regular files,
    /// mounted read-only at the target. It is taken for configuration because the mount is
    /// read-only, its target is under `/etc`, `/usr/local/etc` or `/docker-entrypoint-initdb.d`
    /// (the init scripts of the official database images), or the service's healthcheck, command
    /// or entrypoint runs a file from it (the ConfigMap's files are then mode 0755). Files in subdirectories are placed at their paths
    /// with `items`; files that are not UTF-8 go to `binaryData`. The ConfigMap is a copy: convert
    /// again after editing the files. Services mounting the same directory share one ConfigMap
    /// named after it. A directory that is too large for a ConfigMap, holds too many files or a
    /// symbolic link is not mounted when the mount is read-only (`bind-mount`), and otherwise
    /// becomes an empty claim (`bind-mount-empty-claim`); either says why. One holding a
    /// credential-like file is not mounted, naming the file.
    BindDirConfigMap = 3043, Info, "bind-dir-configmap", "a bind-mounted configuration directory became a ConfigMap";

    /// `platform: wasi/wasm` names a WebAssembly target. No node reports a Wasm os or
    /// architecture in its `kubernetes.io/os`/`kubernetes.io/arch` labels, so no node selector is
    /// written; such a pod runs through a containerd Wasm shim (WasmEdge, Spin, …) that a
    /// RuntimeClass names. Name that RuntimeClass with `x-kubernetes.runtimeClassName` (or
    /// Compose's `runtime:`, which becomes `runtimeClassName` too).
    WasmPlatform = 3044, Warning, "wasm-platform", "a WebAssembly platform needs a RuntimeClass, not a node selector";

    /// Other services wait for this one with `condition: service_completed_successfully`, but its
    /// `restart` policy (`always`, `unless-stopped`) keeps it running, so it stays a Deployment
    /// and never completes: the dependants would wait forever on Compose too. Without a
    /// `restart`, such a service runs once and becomes a Job (C2K3021). Remove the `restart`, or
    /// change the dependants' condition.
    AwaitedServiceRestarts = 3045, Warning, "awaited-service-restarts", "a service others wait to complete is restarted forever";

    /// A host name in a service's `environment`, `command`, `entrypoint` or healthcheck test
    /// resolves on Compose but not in the cluster: a service name that is not a valid DNS label
    /// (`plausible_db` → Service `plausible-db`), or `host.docker.internal`, which only Docker
    /// Desktop and Docker's `host-gateway` provide. Change the value (through an interpolated
    /// variable, an override file or `x-kubernetes`), or, for the host, point an ExternalName
    /// Service at it or read the node's address from the downward API (`status.hostIP`).
    /// Values of credential-like variables are never quoted: the message names the variable.
    UnresolvedHost = 3046, Warning, "unresolved-host", "a host name in a value does not resolve in the cluster";

    /// Container variables that hold credentials took their values from outside the Compose
    /// files: a `${VAR}` set in the shell or the `.env` file, an `env_file`, a value-less
    /// `environment` entry. A variable holds a credential when its name looks like one
    /// (`DB_PASSWORD`) or when such a variable is interpolated into it
    /// (`DATABASE_URL: postgres://app:${DB_PASS}@db/app`). Such values are usually kept out of
    /// version control, and the manifests usually are not, so they are not written: each
    /// variable becomes `valueFrom.secretKeyRef` on a key of the workload's Secret
    /// `<workload>-credentials`, and the help gives the `kubectl create secret generic` command
    /// that creates it. One Secret per workload: what it holds does not depend on which other
    /// services are converted.
    ///
    /// A value that is one variable whole (`${DB_PASS}`, a value-less `DB_PASS`, the project
    /// `.env`'s `DB_PASS=…` read as an `env_file`) is under that variable's name, the one the
    /// user sets; another env file's entry is under its path and name
    /// (`config_app.env.API_TOKEN`); a value built around variables is under the container
    /// variable's name (`DATABASE_URL`). Only when one key would hold two values (the shell
    /// overriding a `.env` variable that is also read as an env file) does the later one go
    /// under the next candidate (the container variable's name, then the init container's,
    /// then numbered); the labels say which variable reads which key.
    ///
    /// With `--embed-secrets` the Secret is written with the values instead (reported as
    /// `secret-embedded`). A value written in the Compose file itself stays in the pod spec, with
    /// `credential-in-environment`.
    CredentialWithheld = 3047, Warning, "credential-withheld", "credentials from outside the Compose files are read from a Secret that is not generated";

    /// A variable whose name looks like a credential was interpolated from outside the Compose
    /// files (the shell, `.env`) into a `command`, `entrypoint`, healthcheck test or hook
    /// command, as in `test: pg_isready --password=${DB_PASS}`. A command is written into the pod
    /// spec as it stands, so the value is there in clear text; Kubernetes cannot take part of an
    /// argument from a Secret. Let the container's shell expand it at run time instead: write
    /// `$$DB_PASS` (Compose's escape for a literal `$`) in a shell-form command and give the
    /// container a `DB_PASS` variable, which is then read from the credentials Secret.
    CredentialInCommand = 3048, Warning, "credential-in-command", "a credential from outside the Compose files is interpolated into a command";

    /// A key inside an `x-kubernetes` block that the extension does not define at that level. The
    /// help names the closest key when one is close; `compose2k8s schema` prints every key, and
    /// `schema/compose-with-x-kubernetes.schema.json` gives an editor completion for them.
    ///
    /// Keys of your own inside the extension must start with `x-`, as elsewhere in Compose.
    ExtensionUnknownKey = 4001, Error, "unknown-extension-key", "a key the `x-kubernetes` extension does not define here";

    /// A value inside an `x-kubernetes` block has the wrong type or form: a list where a mapping
    /// is expected, a word where a number is, a `kind` or service `type` that is not one of the
    /// allowed names, a label key Kubernetes would reject, a resource quantity that does not
    /// parse, a node port outside 30000–32767. The message says what the key takes.
    ExtensionInvalidValue = 4002, Error, "invalid-extension-value", "an `x-kubernetes` value has the wrong type or form";

    /// Two settings of the extension contradict each other, or one needs another that is missing:
    /// `schedule` without `kind: CronJob` (or a CronJob without `schedule`), `replicas` together
    /// with `autoscaling`, a probe with two actions, `strategy.type: Recreate` with `maxSurge`,
    /// KEDA-only autoscaling settings without `triggers`. Remove one of them.
    ExtensionConflict = 4003, Error, "conflicting-extension-settings", "two `x-kubernetes` settings contradict each other";

    /// An extension setting does not apply to what the service becomes, so it would have no
    /// effect: `strategy` on a workload that is not a Deployment, `job` settings on a long-running
    /// workload, `autoscaling` or `replicas` on a DaemonSet or Job, `service` or `ingress` settings
    /// on a service that declares no ports (so no Kubernetes Service is generated).
    ///
    /// Remove the setting, or change the service so that it applies (add `ports`/`expose`, set
    /// `kind`).
    ExtensionNotApplicable = 4004, Error, "extension-not-applicable", "an `x-kubernetes` setting has no effect on this workload";

    /// A trigger of `x-kubernetes.autoscaling` lacks metadata its scaler requires, or a value that
    /// must be a number is not one. KEDA's admission webhook would reject the ScaledObject, or the
    /// scaler would fail at run time. Checked per scaler type:
    ///
    /// - `prometheus`: `serverAddress`, `query`, `threshold` (a number; `activationThreshold`
    ///   optional, a number);
    /// - `cpu`, `memory`: the trigger's `metricType` (`Utilization` or `AverageValue`) and
    ///   `metadata.value`;
    /// - `redis`: `address` (or `host` and `port`, or their `…FromEnv` forms), `listName`,
    ///   `listLength`;
    /// - `rabbitmq`: `queueName`, `mode` (`QueueLength` or `MessageRate`) with `value`, or the older
    ///   `queueLength`; `host` or `hostFromEnv` unless an `authenticationRef` provides it;
    /// - `cron`: `timezone`, `start`, `end`, `desiredReplicas`.
    ///
    /// Other trigger types are passed to KEDA as written.
    InvalidTrigger = 4005, Error, "invalid-scaler-trigger", "an autoscaling trigger lacks required metadata";

    /// `minReplicas` is larger than `maxReplicas` in `x-kubernetes.autoscaling`. Both the
    /// HorizontalPodAutoscaler and KEDA reject such an object.
    ReplicaRange = 4006, Error, "min-replicas-above-max", "`minReplicas` is larger than `maxReplicas`";

    /// The service sets `deploy.replicas` (or `scale`) and `x-kubernetes.autoscaling`, and the
    /// replica count differs from `minReplicas`. With autoscaling the workload's `replicas` field
    /// is left out so that the scaler alone decides (a fixed count would fight the scaler on every
    /// `kubectl apply`); the scaler starts from `minReplicas`. Make the two agree, or remove
    /// `deploy.replicas`.
    ReplicasLeftToScaler = 4007, Warning, "replicas-left-to-scaler", "`deploy.replicas` disagrees with the autoscaler's minimum";

    /// Autoscaling on CPU or memory utilisation compares usage with the container's resource
    /// requests; without a request for that resource the HorizontalPodAutoscaler (or KEDA's
    /// cpu/memory scaler) cannot compute a utilisation and never scales. Set
    /// `deploy.resources.reservations` or `x-kubernetes.resources.requests`.
    UtilizationWithoutRequests = 4008, Warning, "utilization-without-requests", "utilisation autoscaling without resource requests";

    /// `x-kubernetes.volumes` maps a host path that the service does not bind-mount, so the
    /// mapping would do nothing. The keys are the host paths as written in the service's
    /// `volumes` (e.g. `./models`). The help names the closest bind mount.
    UnmatchedVolumeMapping = 4009, Error, "unmatched-volume-mapping", "a volume mapping names no bind mount of the service";

    /// An extension setting replaces what the Compose file says: `replicas` over
    /// `deploy.replicas`, `kind` over the kind the `restart` policy implies, `strategy` over
    /// `deploy.update_config`, `gpu` over GPU reservations, `resources` over `deploy.resources`,
    /// `probes` over `healthcheck`. The extension wins in the manifests, while `docker compose`
    /// keeps using the Compose setting; this notes it so the Compose value is not mistaken for the
    /// one in the manifests.
    ExtensionOverride = 4010, Info, "extension-overrides-compose", "an `x-kubernetes` setting replaces a Compose setting";

    /// A bind mount mapped by `x-kubernetes.volumes` became the chosen volume. What is left to do
    /// depends on the type: a new PersistentVolumeClaim starts empty (fill it once, e.g. with a
    /// Job or `kubectl cp`); an existing claim (`claimName` without `size`) or ConfigMap is
    /// referenced and must exist in the namespace; a `hostPath` needs the files at that path on
    /// every node that may run the pod; an `emptyDir` starts empty with each pod.
    BindMountMapped = 4011, Info, "bind-mount-mapped", "a bind mount became the volume `x-kubernetes.volumes` chose";

    /// A `kompose.*` label of a service or of a top-level volume, which Kompose reads to configure
    /// its output, was honoured: it has the same effect as the `x-kubernetes` setting the message
    /// names (of the service, or of the volume). When both are set, `x-kubernetes` wins. Kompose
    /// labels are not copied to the manifests as annotations.
    ///
    /// Move the setting into `x-kubernetes` when Kompose is no longer used.
    KomposeLabel = 4012, Info, "kompose-label", "a Kompose label was translated to its `x-kubernetes` equivalent";

    /// A `kompose.*` label that Kompose does not document, that has no equivalent here (e.g.
    /// `kompose.service.group`), or whose value it does not accept (e.g.
    /// `kompose.service.type: internal`). It has no effect on the manifests. The message says
    /// which; check the spelling against Kompose's label reference, or use `x-kubernetes`.
    ///
    /// A `kompose.init.containers.name` that another container of the pod has (the service's
    /// own, or a wait for a dependency) is reported here too: Kubernetes requires unique names in
    /// a pod, so the init container is renamed (`wait-for-db-2`); choose another name.
    UnknownKomposeLabel = 4013, Warning, "unknown-kompose-label", "a `kompose.*` label that is not known or not valid";

    /// An entry of `x-kubernetes.diagnostics` (`deny`, `allow` or `warn` at the top level, `allow`
    /// in a service) is neither a diagnostic code (`C2K3003`), a rule name (`bind-mount`) nor
    /// `warnings`. The help names the closest rule name; `compose2k8s explain --all` lists them.
    UnknownDiagnosticCode = 4014, Error, "unknown-diagnostic-code", "an `x-kubernetes.diagnostics` entry names no diagnostic";

    /// `x-kubernetes.diagnostics` allows (or sets to warn) a diagnostic that is always an error.
    /// An error stops the conversion: dropping it or calling it a warning would not bring the
    /// manifests back, so the strictness policy only relaxes warnings and notes. Fix what the
    /// error reports, and remove the entry.
    ErrorNotRelaxable = 4015, Error, "error-not-relaxable", "an error named in `allow` or `warn`";

    /// The manifests could not be written to the output directory (`-o DIR`), or the directory
    /// could not be read: it could not be created, a file could not be written, renamed into place
    /// or removed, or the path is not a directory. The message names the file and the operating
    /// system's reason. Files are written to a temporary name and renamed, so a file is either
    /// the old version or the new one, never half written; files written before the failure stay.
    ///
    /// Check the directory's permissions and free space, and run the command again.
    OutputWriteFailed = 5001, Error, "output-write-failed", "the output directory could not be written";

    /// A file the tool would write (`<kind>-<name>.yaml` or `kustomization.yaml`) already exists
    /// in the output directory and was not written by compose2k8s: its first line is not the
    /// `# Generated by compose2k8s` header. The tool overwrites and removes only the files it
    /// wrote, so nothing was written.
    ///
    /// Move the file away, or write the manifests to another directory.
    OutputFileNotOwned = 5002, Error, "output-file-not-owned", "a file in the output directory was not written by compose2k8s";
}
