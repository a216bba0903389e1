//! What a bind mount becomes when nothing says otherwise. Bind mounts serve very different ends
//! (a socket of the host, the source tree of a development loop, configuration, the data of a
//! database), and one rule for all of them is wrong either way: an empty claim over source code
//! the image already carries breaks the app, and leaving a data directory unmounted loses the
//! data with every restart. Each mount is decided on its own, by the first of these rules that
//! matches:
//!
//! 1. **Mapped**: `x-kubernetes.volumes` (or a `kompose.volume.type` label) names the source →
//!    what it says (`plan::bind_mounts`).
//! 2. **File**: a small file under the project → a ConfigMap (`plan::bind_file`; `binaryData`
//!    when it is not UTF-8). A file that cannot be one (too large, unreadable) is not mounted:
//!    a claim would put an empty directory where the container expects the file.
//! 3. **Host integration**: a socket, device, kernel interface or host identity file
//!    (`plan::host_paths`) → not mounted; `hostPath` is the alternative, since a claim cannot
//!    stand in for the host.
//! 4. **Source code**: the source is the service's `build` context, lies inside a context other
//!    than `.`, is a read-only directory inside the context `.`, or lies inside a
//!    `develop.watch` path → not mounted: the image carries it, and the mount only brought local
//!    edits in. A read-write directory inside the context `.` (`./user_data`) is more often
//!    where the app keeps its data than source, so it goes on, with a note that it may be source.
//! 5. **Configuration**: a directory under the project mounted read-only, at a target under
//!    `/etc`, `/usr/local/etc` or `/docker-entrypoint-initdb.d`, or one the service runs scripts
//!    from (its healthcheck, entrypoint or command runs a program beneath the target) → a
//!    ConfigMap of its regular files (subdirectories through `items`; scripts kept executable),
//!    mounted read-only. Services mounting the same directory share one ConfigMap named after
//!    it. When it cannot be one (too large, too many files, a symbolic link, unreadable, outside
//!    the project and not read) a read-only mount is not mounted, with help: an empty claim
//!    mounted read-only could never be filled (`kubectl cp` cannot write to it). A writable one
//!    falls to rule 6, saying why; a read-only or script directory that is not there is not
//!    mounted.
//! 6. **Data**: anything else → an empty PersistentVolumeClaim `<service>-<source base name>` of
//!    the default size, or `<source base name>` when several services mount the same source
//!    (one claim, as for a shared named volume). Never for a read-only mount: the rules above
//!    leave those unmounted instead.
//!
//! A file that looks like a credential (`compose::load::sensitive`), and a configuration
//! directory holding one, is never copied: it stays unmounted, naming the file and pointing at
//! Compose `secrets:`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::bind_file;
use super::host_paths;
use super::service::ServicePlan;
use super::shared::Shared;
use super::volumes::{Storage, DEFAULT_CLAIM_BYTES};
use crate::compose::ast::{
    BindSource, Command, DirFile, FileContent, HealthTest, MountKind, Project, Service,
    VolumeMount as Mount,
};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{Claim, ConfigData, Fact, KeyToPath, PodVolume, VolumeMount, VolumeSource};
use crate::k8s::names;
use crate::yaml::Spanned;

/// What rule decided a bind mount, with what the action needs.
#[derive(Debug, PartialEq)]
pub enum Decision<'a> {
    /// Rule 1: `x-kubernetes.volumes` decides.
    Mapped,
    /// Rule 2: a file → ConfigMap.
    File(&'a FileContent),
    /// Rule 3: why the source is the host's.
    Host(&'static str),
    /// Rule 4: the build context or watch path that holds the source.
    SourceCode(Carrier),
    /// A credential-like file, or a configuration directory holding one, by the file's path:
    /// not copied anywhere.
    Sensitive(&'a str),
    /// Rule 5: a configuration directory → ConfigMap; `runs` when the service runs files from it
    /// (they must stay executable).
    Config { files: &'a [DirFile], runs: bool },
    /// Rule 5: a read-only directory, or one the service runs files from, that is not there.
    NotShipped { runs: bool },
    /// A single file (by its name and its target's, or as read) that was not read or cannot be
    /// a ConfigMap: a claim would put an empty directory where the container expects the file.
    UnreadFile(String),
    /// Rule 5 failed for a read-only mount, for this reason: an empty claim mounted read-only
    /// could never be filled, so it is not mounted.
    ReadOnlyUnread(String),
    /// Rule 6: an empty claim; `why` says why it is not a ConfigMap, when one was tried;
    /// `context` is the build context `.` it lies in, when it may be source code after all.
    Data {
        why: Option<String>,
        context: Option<String>,
    },
    /// No source to decide on.
    Unknown,
}

#[derive(Debug, PartialEq)]
pub enum Carrier {
    Context(String),
    Watch(String),
}

/// What the rules look at for one mount.
pub struct Facts<'a> {
    pub source: &'a str,
    pub target: &'a str,
    pub read_only: bool,
    /// What the loader found at the source; `None` when it read no files (text input).
    pub attached: Option<&'a BindSource>,
    pub contexts: Vec<String>,
    pub watches: Vec<String>,
    pub mapped: bool,
    /// The service's healthcheck, entrypoint or command runs a program beneath the target: the
    /// directory holds scripts it runs (`/healthchecks/redis.sh`), which is configuration.
    pub runs: bool,
}

impl<'a> Facts<'a> {
    pub fn of(project: &'a Project, service: &'a Service, m: &'a Mount) -> Facts<'a> {
        let source = m.source.as_deref().unwrap_or("");
        let contexts = service
            .build
            .iter()
            .map(|b| {
                b.value
                    .context
                    .as_ref()
                    .map_or(".".to_string(), |c| c.value.clone())
            })
            .filter(|c| !is_remote(c))
            .collect();
        let watches = service
            .develop
            .iter()
            .flat_map(|d| d.value.watch.iter())
            .map(|w| w.value.path.value.clone())
            .collect();
        Facts {
            source,
            target: &m.target,
            read_only: m.read_only,
            attached: project.attached.bind_sources.get(source).map(Arc::as_ref),
            contexts,
            watches,
            mapped: mapped(service, source),
            runs: runs_from(service, &m.target),
        }
    }
}

/// Rules 1 to 6, in order; the first that matches wins.
pub fn decide<'a>(f: &Facts<'a>) -> Decision<'a> {
    if f.source.is_empty() {
        return Decision::Unknown;
    }
    if f.mapped {
        return Decision::Mapped;
    }
    if let Some(BindSource::File(content)) = f.attached {
        return Decision::File(content);
    }
    if let Some(why) = host_paths::host_integration(f.source, f.target) {
        return Decision::Host(why);
    }
    // A writable subdirectory of the context `.` may be source, but is more often data.
    let mut maybe_source = None;
    for c in f.contexts.iter().filter(|c| inside(f.source, c)) {
        let whole_project = normalise(c) == ".";
        if !whole_project || normalise(f.source) == normalise(c) || f.read_only {
            return Decision::SourceCode(Carrier::Context(c.clone()));
        }
        maybe_source = Some(c.clone());
    }
    if let Some(w) = f.watches.iter().find(|w| inside(f.source, w)) {
        return Decision::SourceCode(Carrier::Watch(w.clone()));
    }
    let config = f.read_only || f.runs || config_target(f.target).is_some();
    let data = |why: Option<String>| Decision::Data {
        why,
        context: maybe_source.clone(),
    };
    let unread = match f.attached {
        Some(BindSource::Missing) => Some("it is not in the project directory".to_string()),
        Some(BindSource::Outside) => {
            Some("it is outside the project directory and was not read".to_string())
        }
        Some(BindSource::Unusable(why)) => Some(why.clone()),
        None => Some("the project's files were not read".to_string()),
        _ => None,
    };
    let single_file = looks_like_file(f.source) && looks_like_file(f.target);
    if let Some(why) = unread.filter(|_| single_file) {
        return Decision::UnreadFile(why);
    }
    // Whatever else a read-only mount falls back to, an empty claim is not it.
    let fallback = |why: String| {
        if f.read_only {
            Decision::ReadOnlyUnread(why)
        } else {
            data(Some(why))
        }
    };
    match f.attached {
        Some(BindSource::Sensitive { why, dir }) if !dir || config => Decision::Sensitive(why),
        Some(BindSource::Directory(Ok(files))) if config => Decision::Config {
            files,
            runs: f.runs,
        },
        Some(BindSource::Directory(Err(why))) if config => fallback(why.clone()),
        Some(BindSource::Missing) if f.read_only || f.runs => Decision::NotShipped { runs: f.runs },
        Some(BindSource::Missing) if config => data(Some(
            "it is not in the project directory, so there is nothing to copy".into(),
        )),
        Some(BindSource::Outside) if config => fallback(if f.source.starts_with('~') {
            "it is in a home directory, which is not read".into()
        } else {
            "it is outside the project directory, which is not read without `--allow-outside-project`".into()
        }),
        None if config => fallback("the project's files were not read".into()),
        // A file that is too large or unreadable, even when its name does not say it is one.
        Some(BindSource::Unusable(why)) => Decision::UnreadFile(why.clone()),
        _ => data(None),
    }
}

/// A name with an extension (`logs.xml`, `nginx.log`) is taken for a file; `conf.d` is a
/// directory by convention.
fn looks_like_file(path: &str) -> bool {
    let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    if path.ends_with('/') {
        return false;
    }
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && ext != "d"
            && (1..=5).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
            && ext.chars().any(|c| c.is_ascii_alphabetic())
    })
}

/// The bind mount `mount` of the service being planned, decided and lowered.
pub fn bind(
    sp: &ServicePlan,
    shared: &mut Shared,
    storage: &mut Storage,
    mount: &Spanned<Mount>,
    diags: &mut Diagnostics,
) {
    let m = &mount.value;
    let facts = Facts::of(sp.project, sp.service, m);
    let source = facts.source;
    let service = &sp.service.name.value;
    let not_mounted = |label: String, help: String| {
        Diagnostic::new(
            Code::BindMount,
            format!(
                "bind mount `{source}` → `{}` of service `{service}` is not mounted",
                m.target
            ),
        )
        .at(mount.span, label)
        .help(help)
    };
    match decide(&facts) {
        Decision::File(content) => {
            let (key, data) = bind_file::data(source, content);
            let name = shared_config_map(sp, shared, mount, source, data);
            bind_file::mount(storage, mount, source, &name, key, diags);
        }
        // `plan::bind_mounts` replaces this once the mapping is applied; it stays when the
        // mapping cannot be.
        Decision::Mapped | Decision::Unknown => diags.push(not_mounted(
            "a cluster node does not have this host path".into(),
            format!(
                "choose where `{}` comes from with `x-kubernetes.volumes`: a PersistentVolumeClaim, a ConfigMap, a hostPath or an emptyDir",
                m.target
            ),
        )),
        Decision::Host(why) => {
            let state = if why.starts_with("the host's own configuration") {
                format!("; if the container keeps its state there, map it to a claim instead: `{}`", snippet(source, "{type: persistentVolumeClaim, size: 1Gi}"))
            } else {
                String::new()
            };
            diags.push(not_mounted(
                format!("it is {why}; a PersistentVolumeClaim cannot stand in for the host"),
                format!(
                    "if every node that may run `{service}` has `{source}` and the pod may reach into its node, map it to a hostPath: `{}`{state}",
                    snippet(source, &host_path_mapping(source))
                ),
            ));
        }
        Decision::SourceCode(carrier) => {
            let (label, baked) = match &carrier {
                Carrier::Context(c) => (
                    format!("inside the build context `{c}`"),
                    format!("the image built from `{c}` holds these files if its Dockerfile copies them (`COPY`)"),
                ),
                Carrier::Watch(w) => (
                    format!("the `develop.watch` path `{w}`"),
                    format!("`docker compose watch` syncs `{w}` into the container; the image must hold these files (`COPY` them in its Dockerfile)"),
                ),
            };
            diags.push(
                Diagnostic::new(
                    Code::BindMountSourceCode,
                    format!(
                        "bind mount `{source}` → `{}` of service `{service}` is not mounted: the image carries it",
                        m.target
                    ),
                )
                .at(mount.span, label)
                .help(format!(
                    "{baked}; the mount only brought local edits in during development. If `{}` must come from elsewhere, map it with `x-kubernetes.volumes`, e.g. `{}`",
                    m.target,
                    snippet(source, "{type: persistentVolumeClaim, size: 1Gi}")
                )),
            );
        }
        Decision::Sensitive(why) => {
            let dir = matches!(facts.attached, Some(BindSource::Sensitive { dir: true, .. }));
            let rest = if dir {
                "; keep the other files in a directory of their own to have them become a ConfigMap"
            } else {
                ""
            };
            diags.push(not_mounted(
                format!("{why}: its content is not put in a ConfigMap"),
                format!(
                    "give credentials to the service as a Compose `secrets:` entry (a Kubernetes Secret), or create a Secret yourself and map `{source}` to it with `x-kubernetes.volumes`{rest}"
                ),
            ));
        }
        Decision::NotShipped { runs: true } => diags.push(not_mounted(
            format!("`{service}` runs files from `{}`, but `{source}` is not in the project directory", m.target),
            format!(
                "add `{source}` to the project and it becomes a ConfigMap with its scripts kept executable, or map it to a ConfigMap you create: `{}`",
                snippet(source, "{type: configMap, name: NAME}")
            ),
        )),
        Decision::NotShipped { runs: false } => diags.push(not_mounted(
            format!("`{source}` is not in the project directory"),
            format!(
                "configuration: add `{source}` to the project and it becomes a ConfigMap; read-only data such as models: map it to a claim that holds it, `{}`, or use an image volume",
                snippet(source, "{type: persistentVolumeClaim, claimName: NAME}")
            ),
        )),
        Decision::UnreadFile(why) => {
            // A file that was read but cannot be a ConfigMap cannot be one made by hand either.
            let read = matches!(facts.attached, Some(BindSource::Unusable(_)));
            let help = if read {
                format!(
                    "put the file in the image (`COPY` in its Dockerfile), or in a claim that a Job fills first and map it with `x-kubernetes.volumes`: `{}` (an image volume, written by hand, also suits read-only data)",
                    snippet(source, "{type: persistentVolumeClaim, claimName: NAME}")
                )
            } else {
                format!(
                    "make the file a ConfigMap (`kubectl create configmap NAME --from-file={source}`) and map it with `x-kubernetes.volumes`: `{}`",
                    snippet(source, "{type: configMap, name: NAME}")
                )
            };
            let is = if read { "is" } else { "looks like" };
            diags.push(not_mounted(
                format!("`{source}` {is} a single file and {why}: a claim would put an empty directory at `{}`", m.target),
                help,
            ));
        }
        Decision::ReadOnlyUnread(why) => diags.push(not_mounted(
            format!("it is mounted read-only and cannot be a ConfigMap because {why}; an empty claim mounted read-only could never be filled"),
            format!(
                "map it with `x-kubernetes.volumes`: to a ConfigMap you create, `{}`, to a claim that a Job mounting it read-write fills first, `{}`, or to an image volume (by hand) for read-only data such as models",
                snippet(source, "{type: configMap, name: NAME}"),
                snippet(source, "{type: persistentVolumeClaim, claimName: NAME}")
            ),
        )),
        Decision::Config { files, runs } => {
            config_map(sp, shared, storage, mount, source, files, runs, diags);
            host_options(mount, source, diags);
        }
        Decision::Data { why, context } => {
            let why = Why {
                not_config: why.as_deref(),
                context: context.as_deref(),
            };
            claim(sp, shared, storage, mount, source, why, diags);
            host_options(mount, source, diags);
        }
    }
}

/// Options of a host mount, which a claim or a ConfigMap does not have.
fn host_options(mount: &Spanned<Mount>, source: &str, diags: &mut Diagnostics) {
    let Some(b) = &mount.value.bind else { return };
    let set = [
        ("propagation", b.propagation.is_some()),
        ("selinux", b.selinux.is_some()),
        ("recursive", b.recursive.is_some()),
    ];
    for (name, _) in set.iter().filter(|(_, on)| *on) {
        diags.push(super::not_translated(
            mount.span,
            &format!("the bind option `{name}` of `{source}`"),
            "it applies to a mount of a host path; the volume that replaces it has nothing to propagate or relabel",
        ));
    }
}

/// Rule 5: the directory's files as a ConfigMap, each by `items` at its relative path.
#[allow(clippy::too_many_arguments)]
fn config_map(
    sp: &ServicePlan,
    shared: &mut Shared,
    storage: &mut Storage,
    mount: &Spanned<Mount>,
    source: &str,
    files: &[DirFile],
    runs: bool,
    diags: &mut Diagnostics,
) {
    let m = &mount.value;
    let mut data = BTreeMap::new();
    let mut binary_data = BTreeMap::new();
    let mut items = Vec::new();
    let mut keys = BTreeSet::new();
    for f in files {
        let key = names::unused(&names::config_key(&f.path), |k| keys.contains(k));
        keys.insert(key.clone());
        match &f.content {
            FileContent::Text(text) => {
                data.insert(key.clone(), text.clone());
            }
            FileContent::Binary(bytes) => {
                binary_data.insert(key.clone(), bytes.clone());
            }
        }
        items.push(KeyToPath {
            key,
            path: f.path.clone(),
        });
    }
    let name = shared_config_map(sp, shared, mount, source, (data, binary_data));
    let volume = names::dns_label(&format!("dir-{name}"));
    storage.mount(
        PodVolume {
            name: volume.clone(),
            source: VolumeSource::ConfigMap {
                name: name.clone(),
                items,
                // Scripts the service runs keep the executable bit they had on the host.
                mode: runs.then_some(0o755),
            },
        },
        VolumeMount {
            volume,
            mount_path: m.target.clone(),
            read_only: true,
            sub_path: None,
        },
    );
    let why = match config_target(&m.target) {
        _ if m.read_only => "mounted read-only".to_string(),
        Some(dir) => format!("mounted under `{dir}`"),
        None => format!("`{}` runs files from it", sp.service.name.value),
    };
    let writable = if m.read_only {
        ""
    } else {
        "; ConfigMap mounts are read-only, so the container can no longer write there: map it with `x-kubernetes.volumes` to a claim if it must"
    };
    diags.push(
        Diagnostic::new(
            Code::BindDirConfigMap,
            format!(
                "bind-mounted directory `{source}` becomes ConfigMap `{name}` ({} file{}), mounted read-only at `{}`",
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                m.target
            ),
        )
        .at(mount.span, format!("{why}: configuration; its files are copied into the manifests"))
        .help(format!(
            "the ConfigMap is a snapshot: convert again after editing `{source}`; a pod sees new content after a restart{writable}"
        )),
    );
}

/// Which services mount each bind source as data (rule 6) or as a ConfigMap (rules 2 and 5),
/// and the claim names already taken: decided once per project, since every claim and
/// ConfigMap asks and deciding every mount again for each was quadratic.
#[derive(Default)]
pub struct BindUsers {
    /// Normalised source → the services that mount it as data.
    data: BTreeMap<String, BTreeSet<String>>,
    /// Normalised source → the services that mount it as a ConfigMap.
    config: BTreeMap<String, BTreeSet<String>>,
    /// Claim names of named volumes and mappings, and of the claims made so far.
    taken: BTreeSet<String>,
}

impl BindUsers {
    pub fn of(project: &Project) -> BindUsers {
        let mut users = BindUsers {
            taken: taken_claim_names(project),
            ..BindUsers::default()
        };
        for s in project.services.values() {
            let binds = s
                .volumes
                .iter()
                .flat_map(|v| v.value.iter())
                .filter(|m| m.value.kind == MountKind::Bind);
            for m in binds {
                let facts = Facts::of(project, s, &m.value);
                let by = match decide(&facts) {
                    Decision::Data { .. } => &mut users.data,
                    Decision::Config { .. } | Decision::File(_) => &mut users.config,
                    _ => continue,
                };
                by.entry(normalise(facts.source))
                    .or_default()
                    .insert(s.name.value.clone());
            }
        }
        users
    }

    fn several(by: &BTreeMap<String, BTreeSet<String>>, source: &str) -> bool {
        by.get(&normalise(source)).is_some_and(|s| s.len() > 1)
    }
}

fn users<'s>(sp: &ServicePlan, shared: &'s mut Shared) -> &'s mut BindUsers {
    shared
        .bind_users
        .get_or_insert_with(|| Box::new(BindUsers::of(sp.project)))
}

/// The ConfigMap of `source` with this content: `<service>-<base>`, or `<base>` when several
/// services mount the same source as configuration (one ConfigMap, as for a shared claim). A
/// name another content took gets a number; the same content again reuses its ConfigMap.
pub(super) fn shared_config_map(
    sp: &ServicePlan,
    shared: &mut Shared,
    mount: &Spanned<Mount>,
    source: &str,
    (data, binary_data): (BTreeMap<String, String>, BTreeMap<String, Vec<u8>>),
) -> String {
    let several = BindUsers::several(&users(sp, shared).config, source);
    let own = name_base(source);
    let wanted = if several {
        names::dns_subdomain(own)
    } else {
        names::dns_subdomain(&format!("{}-{own}", sp.name))
    };
    let mut name = wanted.clone();
    let mut n = 1;
    while let Some(other) = shared.config_maps.get(&name) {
        if other.value.data == data && other.value.binary_data == binary_data {
            return name;
        }
        n += 1;
        name = names::dns_subdomain(&format!("{wanted}-{n}"));
    }
    shared.config_maps.insert(
        name.clone(),
        Fact::new(
            mount.span,
            ConfigData {
                name: name.clone(),
                data,
                binary_data,
            },
        ),
    );
    name
}

/// Why a bind mount became a claim rather than something else.
#[derive(Clone, Copy)]
struct Why<'a> {
    /// Why it is not a ConfigMap, when one was tried.
    not_config: Option<&'a str>,
    /// The build context `.` it lies in: it may be source code after all.
    context: Option<&'a str>,
}

/// Rule 6: one claim per host source, shared by the services that mount it as data.
fn claim(
    sp: &ServicePlan,
    shared: &mut Shared,
    storage: &mut Storage,
    mount: &Spanned<Mount>,
    source: &str,
    why: Why,
    diags: &mut Diagnostics,
) {
    let m = &mount.value;
    let service = &sp.service.name.value;
    let key = claim_key(source);
    let claim_name = match shared.claims.get(&key) {
        Some(c) => c.value.name.clone(),
        None => {
            let users = users(sp, shared);
            let several = BindUsers::several(&users.data, source);
            let wanted = claim_name_for(sp.name, source, several);
            let name = free_name(&users.taken, &wanted);
            users.taken.insert(name.clone());
            diags.push(
                Diagnostic::new(
                    Code::DefaultVolumeSize,
                    format!("bind mount `{source}` becomes PersistentVolumeClaim `{name}` of 1Gi"),
                )
                .at(mount.span, "a host directory has no size")
                .help(format!(
                    "check the size before applying; edit `spec.resources.requests.storage` of `{name}`, or map `{source}` with `x-kubernetes.volumes` and a `size` (a claim cannot shrink later)"
                )),
            );
            shared.claims.insert(
                key.clone(),
                Fact::new(
                    mount.span,
                    Claim {
                        name: name.clone(),
                        size_bytes: DEFAULT_CLAIM_BYTES,
                        access_modes: vec!["ReadWriteOnce".to_string()],
                        storage_class: None,
                        annotations: BTreeMap::new(),
                    },
                ),
            );
            name
        }
    };
    let users = shared.volume_users.entry(key.clone()).or_default();
    if !users.contains(service) {
        users.push(service.clone());
        if users.len() == 2 {
            let first = users.first().cloned().unwrap_or_default();
            let mut d = Diagnostic::new(
                Code::SharedVolume,
                format!("bind mount `{source}` is mounted by `{first}` and `{service}`"),
            )
            .at(mount.span, "a second service mounts this host path");
            if let Some(c) = shared.claims.get(&key) {
                d = d.also(c.span, "a ReadWriteOnce claim attaches to one node");
            }
            diags.push(d.help(
                "use a storage class with ReadWriteMany (`x-kubernetes.volumes` with `accessModes: [ReadWriteMany]`), or give each service its own directory",
            ));
        }
    }
    storage.mount_claim(&claim_name, &m.target, m.read_only, None);
    let not_config = match why.not_config {
        Some(w) => format!("it is not a ConfigMap because {w}; "),
        None => String::new(),
    };
    let source_code = match why.context {
        Some(c) => format!(
            "; if it is source code the image built from `{c}` already holds, map it to an emptyDir, `{}`, or leave it out",
            snippet(source, "{type: emptyDir}")
        ),
        None => String::new(),
    };
    let label = match why.context {
        Some(c) => format!("a cluster node does not have this host path; it is inside the build context `{c}` but mounted read-write, so it is taken for data"),
        None => "a cluster node does not have this host path".to_string(),
    };
    diags.push(
        Diagnostic::new(
            Code::BindMountEmptyClaim,
            format!(
                "bind mount `{source}` → `{}` of service `{service}` becomes the empty PersistentVolumeClaim `{claim_name}`",
                m.target
            ),
        )
        .at(mount.span, label)
        .help(format!(
            "{not_config}copy the data in once (`kubectl cp {source} POD:{}`, or a Job that fetches it), or map it with `x-kubernetes.volumes` to a hostPath, emptyDir or ConfigMap: `{}` (an image volume, written by hand, suits read-only data such as models){source_code}",
            m.target,
            snippet(source, &host_path_mapping(source))
        )),
    );
}

/// `<service>-<base>`, or `<base>` alone when several services share the claim or the base
/// already names the service (`minecraft_data` of `minecraft` is `minecraft-data`, not
/// `minecraft-minecraft-data`).
fn claim_name_for(service: &str, source: &str, several: bool) -> String {
    let own = names::dns_label(name_base(source));
    if several || own == service || own.starts_with(&format!("{service}-")) {
        own
    } else {
        names::dns_label(&format!("{service}-{own}"))
    }
}

/// The `Shared::claims` key of a bind source's claim; Compose volume names cannot hold `:`, so it
/// never meets a named volume's.
fn claim_key(source: &str) -> String {
    format!("bind-source:{}", normalise(source))
}

/// The claim names that named volumes and `x-kubernetes.volumes` mappings take.
fn taken_claim_names(project: &Project) -> BTreeSet<String> {
    let mut taken = BTreeSet::new();
    for (name, v) in &project.volumes {
        let given = v.value.as_ref().and_then(|d| {
            d.name
                .as_ref()
                .map(|n| n.value.clone())
                .or_else(|| d.external.as_ref().and_then(|e| e.value.name.clone()))
        });
        taken.insert(names::dns_label(given.as_deref().unwrap_or(name)));
    }
    for s in project.services.values() {
        let mappings = s
            .x_kubernetes
            .as_ref()
            .and_then(|x| x.value.volumes.as_ref());
        for (host, b) in mappings.iter().flat_map(|m| m.value.iter()) {
            taken.insert(b.value.claim_name.as_ref().map_or_else(
                || {
                    names::dns_subdomain(&format!(
                        "{}-{}",
                        names::dns_label(&s.name.value),
                        base(host)
                    ))
                },
                |c| c.value.clone(),
            ));
        }
    }
    taken
}

/// `wanted`, or `wanted-N`, so that no taken name is reused.
fn free_name(taken: &BTreeSet<String>, wanted: &str) -> String {
    if !taken.contains(wanted) {
        return wanted.to_string();
    }
    (2..)
        .map(|i| names::dns_label(&format!("{wanted}-{i}")))
        .find(|n| !taken.contains(n))
        .unwrap_or_else(|| wanted.to_string())
}

/// Whether the service's `x-kubernetes.volumes`, or a `kompose.volume.type` label (which maps
/// every bind mount but the host's), decides this source.
fn mapped(service: &Service, source: &str) -> bool {
    let own = service
        .x_kubernetes
        .as_ref()
        .and_then(|x| x.value.volumes.as_ref());
    if let Some(v) = own {
        // The block's `volumes` replaces the label's whole mapping (`plan::kompose::effective`).
        let same = super::bind_mounts::normalise;
        return v.value.keys().any(|k| same(k) == same(source));
    }
    super::kompose::label_maps_bind(service, source)
}

/// Whether the service's healthcheck, command or entrypoint runs a program from beneath `target`
/// (a path merely passed as an argument, such as `--config.file=/etc/prometheus/x.yml`, is read,
/// not run).
fn runs_from(service: &Service, target: &str) -> bool {
    let dir = normalise(target);
    if dir == "/" || !dir.starts_with('/') {
        return false;
    }
    let prefix = format!("{dir}/");
    let mut programs: Vec<String> = Vec::new();
    // Compose runs `entrypoint` with `command` as its arguments, so only a set entrypoint's
    // program runs; without one, `command` names it.
    let run = service
        .entrypoint
        .as_ref()
        .or(service.command.as_ref())
        .map(|c| &c.value);
    match run {
        Some(Command::Shell(s)) => programs.extend(shell_programs(s)),
        Some(Command::Exec(v)) => programs.extend(exec_programs(v)),
        None => {}
    }
    let test = service
        .healthcheck
        .as_ref()
        .and_then(|h| h.value.test.as_ref());
    match test.map(|t| &t.value) {
        Some(HealthTest::Cmd(v)) => programs.extend(exec_programs(v)),
        Some(HealthTest::CmdShell(s)) => programs.extend(shell_programs(s)),
        _ => {}
    }
    programs.iter().any(|p| p.starts_with(&prefix))
}

const SHELLS: &[&str] = &["sh", "bash", "ash", "/bin/sh", "/bin/bash", "/bin/ash"];

/// The programs an argument vector runs: its first word, the script a shell is given, or the
/// commands of a `sh -c` string.
fn exec_programs(argv: &[String]) -> Vec<String> {
    let Some(first) = argv.first() else {
        return Vec::new();
    };
    if !SHELLS.contains(&first.as_str()) {
        return vec![first.clone()];
    }
    match argv.get(1).map(String::as_str) {
        Some("-c") => argv.get(2).map(|s| shell_programs(s)).unwrap_or_default(),
        Some(script) => vec![script.to_string()],
        None => Vec::new(),
    }
}

/// The first word of each command of a shell line (after a shell, the script it runs).
fn shell_programs(line: &str) -> Vec<String> {
    line.split(['&', '|', ';'])
        .filter_map(|segment| {
            let words: Vec<String> = segment.split_whitespace().map(str::to_string).collect();
            let programs = exec_programs(&words);
            (!programs.is_empty()).then_some(programs)
        })
        .flatten()
        .collect()
}

/// A Git URL or other remote context holds nothing of the project's directory.
fn is_remote(context: &str) -> bool {
    context.contains("://") || context.starts_with("git@") || context.ends_with(".git")
}

/// Where containers read configuration: `/etc` and `/usr/local/etc` (the system's and locally
/// installed software's), and the init-script directory of the official database images
/// (postgres, mysql, mariadb, mongo), which they run once on an empty data directory.
const CONFIG_TARGETS: &[&str] = &["/etc", "/usr/local/etc", "/docker-entrypoint-initdb.d"];

/// The configuration directory `target` lies in, if any.
fn config_target(target: &str) -> Option<&'static str> {
    let t = normalise(target);
    CONFIG_TARGETS
        .iter()
        .copied()
        .find(|c| t == *c || t.strip_prefix(c).is_some_and(|rest| rest.starts_with('/')))
}

/// A path with `.` and `..` resolved lexically, without a trailing `/`; `.` for the project
/// directory itself.
fn normalise(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    match (absolute, parts.is_empty()) {
        (true, _) => format!("/{}", parts.join("/")),
        (false, true) => ".".to_string(),
        (false, false) => parts.join("/"),
    }
}

/// Whether `path` is `dir` or lies beneath it (both as the Compose file writes them, relative to
/// the project directory or absolute).
fn inside(path: &str, dir: &str) -> bool {
    let (p, d) = (normalise(path), normalise(dir));
    if p.starts_with('/') != d.starts_with('/') {
        return false;
    }
    let split = |s: &str| -> Vec<String> {
        s.split('/')
            .filter(|c| !c.is_empty() && *c != ".")
            .map(str::to_string)
            .collect()
    };
    let (p, d) = (split(&p), split(&d));
    p.starts_with(&d) && p.get(d.len()).is_none_or(|next| next != "..")
}

/// The last component of a source without leading dots, for object names: `./.config` is
/// `config`, since a name part cannot start with a dot.
fn name_base(source: &str) -> &str {
    let b = base(source).trim_start_matches('.');
    if b.is_empty() {
        "files"
    } else {
        b
    }
}

/// The last component of a source.
fn base(source: &str) -> &str {
    source
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|b| !b.is_empty() && *b != "." && *b != ".." && *b != "~")
        .unwrap_or("files")
}

fn host_path_mapping(source: &str) -> String {
    if source.starts_with('/') {
        "{type: hostPath}".to_string()
    } else {
        format!("{{type: hostPath, path: /srv/{}}}", base(source))
    }
}

/// The `x-kubernetes` block that maps `source`, on one line.
fn snippet(source: &str, mapping: &str) -> String {
    format!("x-kubernetes: {{volumes: {{{source}: {mapping}}}}}")
}

#[cfg(test)]
#[path = "bind_defaults_tests.rs"]
mod tests;
