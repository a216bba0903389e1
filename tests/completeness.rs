#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

//! Zero silent drops (issue 4, item 7): every property path of the Compose Specification's
//! service and top-level definitions (from the committed `schema/compose-spec.json`) is set in
//! `testdata/completeness/`, and after a conversion each one must be accounted for:
//!
//! - its value shows up in the manifests (the value as written, or the derived form listed in
//!   [`DERIVED`]), or
//! - a diagnostic's primary or secondary label lies within the path's node in the loaded tree
//!   (the key and its value), or covers exactly one of its ancestors (`develop` is skipped,
//!   network `x` is not translated), i.e. a diagnostic names it. A label over a whole service
//!   names nothing; one that merely contains the node (a larger, unrelated span) does not count.
//!
//! A path that is neither is dropped silently. The test prints every such path and fails unless
//! the set equals [`KNOWN_GAPS`] exactly, so fixing a gap fails the test until the gap is removed
//! from the list.
//!
//! Paths are leaves: an object is entered (`a.b`), a list of objects is entered per item (`a[]`),
//! a mapping whose values are objects per entry (`a.*`); free-form maps and lists of scalars
//! (`labels`, `driver_opts`, `command`) are leaves, and all of their keys and values must show.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use compose2k8s::compose::load::load_project;
use compose2k8s::convert::{convert, Input, Options};
use compose2k8s::diag::Diagnostics;
use compose2k8s::source::{SourceMap, Span};
use compose2k8s::yaml::{Node, NodeKind};
use serde_json::{Map, Value};

const SCHEMA: &str = include_str!("../schema/compose-spec.json");

/// Service properties the specification's text documents but the committed schema does not have
/// yet (`pre_start`, 05-services.md), walked as if the schema had them so they are held to the
/// same rule.
const SPEC_ONLY_SERVICE_PROPERTIES: &str = r##"{
  "pre_start": {
    "type": "array",
    "items": {
      "type": "object",
      "properties": {
        "command": {"$ref": "#/definitions/command"},
        "image": {"type": "string"},
        "user": {"type": "string"},
        "privileged": {"type": ["boolean", "string"]},
        "working_dir": {"type": "string"},
        "environment": {"$ref": "#/definitions/list_or_dict"},
        "per_replica": {"type": ["boolean", "string"]}
      }
    }
  }
}"##;

/// Values that reach the manifests in another spelling: (path, the value as written in
/// `testdata/completeness/compose.yaml` — for a list, its only item —, text the manifests
/// contain). Keyed by the value too, so
/// that a second occurrence of the path with another value is checked on its own.
const DERIVED: &[(&str, &str, &str)] = &[
    (
        "services.*.stop_grace_period",
        "1m37s",
        "terminationGracePeriodSeconds: 97",
    ),
    (
        "services.*.healthcheck.interval",
        "1m7s",
        "periodSeconds: 67",
    ),
    (
        "services.*.healthcheck.interval",
        "10s",
        "periodSeconds: 10",
    ),
    (
        "services.*.healthcheck.timeout",
        "13s",
        "timeoutSeconds: 13",
    ),
    (
        "services.*.healthcheck.retries",
        "11",
        "failureThreshold: 11",
    ),
    ("services.*.healthcheck.start_period", "41s", "startupProbe"),
    (
        "services.*.healthcheck.start_interval",
        "7s",
        "periodSeconds: 7",
    ),
    ("services.*.healthcheck.disable", "false", "readinessProbe"),
    ("services.*.cpus", "0.75", "cpu: 750m"),
    ("services.*.mem_limit", "1337m", "memory: 1337Mi"),
    ("services.*.mem_reservation", "211m", "memory: 211Mi"),
    ("services.*.shm_size", "67m", "sizeLimit: 67Mi"),
    (
        "services.*.deploy.resources.limits.cpus",
        "0.517",
        "cpu: 517m",
    ),
    (
        "services.*.deploy.resources.limits.memory",
        "53M",
        "memory: 53Mi",
    ),
    (
        "services.*.deploy.resources.reservations.cpus",
        "0.251",
        "cpu: 251m",
    ),
    (
        "services.*.deploy.resources.reservations.memory",
        "23M",
        "memory: 23Mi",
    ),
    (
        "services.*.deploy.resources.reservations.devices[].count",
        "3",
        "nvidia.com/gpu: \"3\"",
    ),
    (
        "services.*.deploy.resources.reservations.devices[].capabilities",
        "gpu",
        "nvidia.com/gpu",
    ),
    (
        "services.*.deploy.resources.reservations.devices[].driver",
        "nvidia",
        "nvidia.com/gpu",
    ),
    ("services.*.gpus[].count", "2", "nvidia.com/gpu: \"2\""),
    ("services.*.gpus[].capabilities", "gpu", "nvidia.com/gpu"),
    ("services.*.gpus[].driver", "nvidia", "nvidia.com/gpu"),
    ("services.*.deploy.replicas", "3", "replicas: 3"),
    ("services.*.scale", "3", "replicas: 3"),
    ("services.*.deploy.mode", "global", "kind: DaemonSet"),
    ("services.*.deploy.mode", "replicated", "kind: Deployment"),
    (
        "services.*.deploy.update_config.order",
        "start-first",
        "maxSurge",
    ),
    (
        "services.*.deploy.update_config.parallelism",
        "2",
        "maxUnavailable",
    ),
    (
        "services.*.deploy.update_config.delay",
        "19s",
        "minReadySeconds: 19",
    ),
    (
        "services.*.deploy.restart_policy.condition",
        "on-failure",
        "restartPolicy: OnFailure",
    ),
    (
        "services.*.deploy.restart_policy.condition",
        "any",
        "kind: Deployment",
    ),
    (
        "services.*.deploy.restart_policy.max_attempts",
        "4",
        "backoffLimit: 4",
    ),
    ("services.*.restart", "no", "kind: Job"),
    ("services.*.restart", "always", "kind: Deployment"),
    (
        "services.*.read_only",
        "true",
        "readOnlyRootFilesystem: true",
    ),
    ("services.*.privileged", "true", "privileged: true"),
    ("services.*.stdin_open", "true", "stdin: true"),
    ("services.*.tty", "true", "tty: true"),
    (
        "services.*.pull_policy",
        "always",
        "imagePullPolicy: Always",
    ),
    (
        "services.*.depends_on.*.condition",
        "service_healthy",
        "initContainers",
    ),
    ("services.*.depends_on.*.required", "true", "initContainers"),
    ("services.*.ports[].protocol", "udp", "protocol: UDP"),
    ("services.*.ports[].mode", "host", "containerPort: 8019"),
    ("services.*.volumes[].read_only", "true", "readOnly: true"),
    (
        "services.*.volumes[].type",
        "volume",
        "persistentVolumeClaim",
    ),
    ("services.*.volumes[].type", "tmpfs", "medium: Memory"),
    (
        "services.*.volumes[].tmpfs.size",
        "101m",
        "sizeLimit: 101Mi",
    ),
    (
        "services.*.volumes[].source",
        "compl-data",
        "claimName: compl-volume-name",
    ),
    ("services.*.network_mode", "host", "hostNetwork: true"),
    // The link alias is a Service of that name.
    (
        "services.*.links",
        "db:compl-db-alias",
        "name: compl-db-alias",
    ),
    ("services.*.pid", "host", "hostPID: true"),
    ("services.*.secrets[].mode", "0440", "defaultMode: 288"),
    ("services.*.configs[].mode", "0440", "defaultMode: 288"),
    ("services.*.user", "1017:1018", "runAsGroup: 1018"),
    ("volumes.*.driver", "local", "kind: PersistentVolumeClaim"),
    (
        "services.*.platform",
        "linux/compl64",
        "kubernetes.io/arch: compl64",
    ),
    (
        "services.*.security_opt",
        "label:user:COMPL_USER",
        "user: COMPL_USER",
    ),
];

/// Paths the loader resolves and removes from the tree before anything is converted: their
/// effect is the tree itself (`include`d services, the `extends` base, `env_file` entries read
/// into `environment`), which the other paths of the case cover.
const LOADER_RESOLVED: &[&str] = &[
    "include[].env_file",
    "include[].path",
    "include[].project_directory",
    "services.*.env_file[].format",
    "services.*.env_file[].path",
    "services.*.env_file[].required",
    "services.*.extends.file",
    "services.*.extends.service",
];

/// Paths the loader applies and leaves in the tree: `profiles` decide which services exist,
/// which is the tree the other paths are checked against.
const LOADER_APPLIED: &[&str] = &["services.*.profiles"];

/// Words of Compose's own syntax that carry no value of their own.
const SYNTAX: &[&str] = &["CMD", "CMD-SHELL"];

/// Paths that are dropped silently today, or prefixes of such paths (ending in `.`). Each is a
/// bug in `src/plan`; when one is fixed the test fails until it is removed here.
const KNOWN_GAPS: &[&str] = &[
    // Empty: every path of the schema is converted or named by a diagnostic. A silent drop found
    // later is listed here with a comment until it is fixed.
];

fn gap_of(path: &str) -> Option<&'static str> {
    KNOWN_GAPS
        .iter()
        .copied()
        .find(|g| path == *g || (g.ends_with('.') && path.starts_with(g)))
}

fn main_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every leaf path of the top-level properties.
fn schema_paths() -> BTreeSet<String> {
    let mut schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let service = schema["definitions"]["service"]["properties"]
        .as_object_mut()
        .unwrap();
    let spec_only: Map<String, Value> = serde_json::from_str(SPEC_ONLY_SERVICE_PROPERTIES).unwrap();
    for (key, value) in spec_only {
        // Once the schema catches up, this list must shrink.
        assert!(
            service.insert(key.clone(), value).is_none(),
            "the schema now defines `{key}`: remove it from SPEC_ONLY_SERVICE_PROPERTIES"
        );
    }
    let defs = schema["definitions"].as_object().unwrap();
    let mut walker = Walker {
        defs,
        out: BTreeSet::new(),
    };
    for (key, value) in schema["properties"].as_object().unwrap() {
        walker.walk(value, key, &mut Vec::new());
    }
    walker.out
}

struct Walker<'a> {
    defs: &'a Map<String, Value>,
    out: BTreeSet<String>,
}

impl<'a> Walker<'a> {
    fn def(&self, node: &Value) -> Option<(&'a Value, String)> {
        let name = node.get("$ref")?.as_str()?.rsplit('/').next()?.to_string();
        Some((self.defs.get(&name)?, name))
    }

    /// Records `path` as a leaf unless the schema has structure below it.
    fn walk(&mut self, node: &Value, path: &str, stack: &mut Vec<String>) {
        if !self.enter(node, path, stack) {
            self.out.insert(path.to_string());
        }
    }

    /// Walks the structure of `node` (through `$ref`s and alternatives); false when it has none.
    fn enter(&mut self, node: &Value, path: &str, stack: &mut Vec<String>) -> bool {
        if let Some((target, name)) = self.def(node) {
            if stack.contains(&name) {
                return false;
            }
            stack.push(name);
            let entered = self.enter(target, path, stack);
            stack.pop();
            return entered;
        }
        let mut entered = false;
        for key in ["oneOf", "anyOf", "allOf"] {
            for alt in node
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                entered |= self.enter(alt, path, stack);
            }
        }
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            for (key, value) in props {
                self.walk(value, &format!("{path}.{key}"), stack);
                entered = true;
            }
        }
        let mut values: Vec<&Value> = node
            .get("patternProperties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter(|(pattern, _)| !pattern.starts_with("^x-"))
            .map(|(_, v)| v)
            .collect();
        values.extend(node.get("additionalProperties").filter(|v| v.is_object()));
        for value in values {
            if self.structured(value, stack, 0) {
                self.walk(value, &format!("{path}.*"), stack);
                entered = true;
            }
        }
        if let Some(items) = node.get("items").filter(|v| v.is_object()) {
            if self.structured(items, stack, 0) {
                self.walk(items, &format!("{path}[]"), stack);
                entered = true;
            }
        }
        entered
    }

    /// Whether `node` has named properties somewhere below (free-form maps have none).
    fn structured(&self, node: &Value, stack: &[String], depth: usize) -> bool {
        if depth > 8 {
            return false;
        }
        if let Some((target, name)) = self.def(node) {
            return !stack.contains(&name) && self.structured(target, stack, depth + 1);
        }
        if node.get("properties").is_some() {
            return true;
        }
        let alts = ["oneOf", "anyOf", "allOf"]
            .iter()
            .flat_map(|k| node.get(*k).and_then(Value::as_array).into_iter().flatten());
        let items = node.get("items").filter(|v| v.is_object());
        let patterns = node
            .get("patternProperties")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|m| m.values());
        alts.chain(items)
            .chain(patterns)
            .any(|v| self.structured(v, stack, depth + 1))
    }
}

/// A node of the loaded tree at a path.
struct Found<'n> {
    /// The key and the value (the item, in a list).
    span: Span,
    /// The key's own span; `None` for a list item.
    key: Option<Span>,
    node: &'n Node,
    /// The entries and items above it (key, value): a diagnostic on one of them as a whole
    /// (`develop` is skipped; network `x` is not translated) names everything inside. The
    /// top-level sections and the services themselves are left out: those name no setting.
    ancestors: Vec<(Option<Span>, Span)>,
}

impl Found<'_> {
    /// Whether a diagnostic label names this node: it points inside it, or at one of its
    /// ancestors as a whole (its key, its value, or both). A label over a larger part of an
    /// ancestor (one that merely contains this node) does not count.
    fn named_by(&self, label: Span) -> bool {
        contains(self.span, label)
            || self.ancestors.iter().any(|(key, value)| {
                label == *value || key.is_some_and(|k| contains(k, label) || label == k.to(*value))
            })
    }
}

/// The nodes of the loaded tree at `path`.
fn find<'n>(root: &'n Node, path: &str) -> Vec<Found<'n>> {
    let mut segments = Vec::new();
    for part in path.split('.') {
        match part.strip_suffix("[]") {
            Some(key) => {
                segments.push(key.to_string());
                segments.push("[]".to_string());
            }
            None => segments.push(part.to_string()),
        }
    }
    let service_level = path.starts_with("services.");
    let mut current = vec![Found {
        span: root.span,
        key: None,
        node: root,
        ancestors: Vec::new(),
    }];
    for (depth, segment) in segments.iter().enumerate() {
        // The parent is a setting below a service (`services.x.deploy`) or a top-level element
        // (`networks.x`), not the root, a section or a service.
        let names_element = depth >= if service_level { 3 } else { 2 };
        let mut next = Vec::new();
        for found in current {
            let mut push = |key: Option<&Node>, value: &'n Node| {
                let mut ancestors = found.ancestors.clone();
                if names_element {
                    ancestors.push((found.key, found.node.span));
                }
                next.push(Found {
                    span: key.map_or(value.span, |k| k.span.to(value.span)),
                    key: key.map(|k| k.span),
                    node: value,
                    ancestors,
                });
            };
            match (segment.as_str(), &found.node.kind) {
                ("[]", NodeKind::Seq(items)) => items.iter().for_each(|i| push(None, i)),
                ("*", NodeKind::Map(entries)) => entries.iter().for_each(|(k, v)| push(Some(k), v)),
                (key, NodeKind::Map(entries)) => entries
                    .iter()
                    .filter(|(k, _)| k.as_str() == Some(key))
                    .for_each(|(k, v)| push(Some(k), v)),
                _ => {}
            }
        }
        current = next;
    }
    current
}

/// Every scalar of a subtree, keys included; nulls left out.
fn scalars(node: &Node, out: &mut Vec<String>) {
    match &node.kind {
        NodeKind::Scalar { text, .. } => {
            if !node.is_null() {
                out.push(text.clone());
            }
        }
        NodeKind::Seq(items) => items.iter().for_each(|i| scalars(i, out)),
        NodeKind::Map(entries) => entries.iter().for_each(|(k, v)| {
            scalars(k, out);
            scalars(v, out);
        }),
    }
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.file == inner.file && outer.start <= inner.start && inner.end <= outer.end
}

fn case_options(dir: &Path) -> Options {
    let mut options = Options::new(Input::Files(vec![dir.join("compose.yaml")]));
    options.load.working_dir = dir.to_path_buf();
    let env = std::fs::read_to_string(dir.join("env")).unwrap_or_default();
    options.load.environment = env
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect::<BTreeMap<_, _>>();
    options
}

#[test]
fn schema_walk_finds_nested_paths() {
    let paths = schema_paths();
    for expected in [
        "services.*.deploy.resources.limits.cpus",
        "services.*.healthcheck.test",
        "services.*.build.args",
        "services.*.ports[].published",
        "services.*.volumes[].bind.propagation",
        "services.*.develop.watch[].exec.command",
        "services.*.labels",
        "networks.*.ipam.config[].subnet",
        "services.*.pre_start[].per_replica",
        "services.*.pre_start[].environment",
    ] {
        assert!(paths.contains(expected), "{expected} missing from the walk");
    }
    assert!(!paths.iter().any(|p| p.starts_with("services.*.labels.")));
    assert!(paths.len() > 250, "only {} paths", paths.len());
}

#[test]
fn every_schema_path_is_converted_or_diagnosed() {
    let dir = main_dir().join("testdata/completeness");
    let options = case_options(&dir);

    let mut sources = SourceMap::new();
    let mut diags = Diagnostics::new();
    let loaded =
        load_project(&options.load, &mut sources, &mut diags).expect("the completeness case loads");
    let conversion = convert(&options);
    let errors: Vec<_> = conversion
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.code.id(), d.message))
        .collect();
    assert!(errors.is_empty(), "the case must convert: {errors:#?}");
    let manifests = compose2k8s::output::yaml_stream(&conversion.objects).unwrap();

    // A label over a whole service names none of its keys.
    let services: Vec<Span> = find(&loaded.root, "services.*")
        .into_iter()
        .map(|f| f.node.span)
        .collect();
    let labels: Vec<Span> = conversion
        .diagnostics
        .iter()
        .flat_map(|d| d.primary.iter().chain(&d.secondary))
        .map(|l| l.span)
        .filter(|s| !services.iter().any(|svc| contains(*s, *svc)))
        .collect();

    let mut unset = Vec::new();
    let mut indistinct = Vec::new();
    let mut used = BTreeSet::new();
    let mut silent = BTreeSet::new();
    for path in schema_paths() {
        let nodes = find(&loaded.root, &path);
        if LOADER_RESOLVED.contains(&path.as_str()) {
            assert!(
                nodes.is_empty(),
                "{path} is still in the loaded tree; account for it like the others"
            );
            continue;
        }
        if nodes.is_empty() {
            unset.push(path);
            continue;
        }
        if LOADER_APPLIED.contains(&path.as_str()) {
            continue;
        }
        for found in nodes {
            let named = labels.iter().any(|l| found.named_by(*l));
            let (span, node) = (found.span, found.node);
            let written = match node.as_seq() {
                Some([only]) => only.as_str().unwrap_or_default(),
                _ => node.as_str().unwrap_or_default(),
            };
            let derived = DERIVED.iter().find(|(p, w, _)| *p == path && *w == written);
            let shown = match derived {
                Some((p, w, text)) => {
                    used.insert((*p, *w));
                    manifests.contains(text)
                }
                None => {
                    let mut values = Vec::new();
                    scalars(node, &mut values);
                    values.retain(|v| !SYNTAX.contains(&v.as_str()));
                    // `true` or `3` shows up in any manifest; such a value proves nothing.
                    let weak: Vec<&String> = values
                        .iter()
                        .filter(|v| v.len() < 4 || matches!(v.as_str(), "true" | "false"))
                        .collect();
                    if !weak.is_empty() && !named && gap_of(&path).is_none() {
                        indistinct.push(format!("{path}: {weak:?}"));
                    }
                    !values.is_empty() && values.iter().all(|v| manifests.contains(v.as_str()))
                }
            };
            if !shown && !named {
                let file = conversion.sources.get(span.file).unwrap();
                let (line, col) = file.line_col(span.start);
                println!("silently dropped: {path} ({}:{line}:{col})", file.name);
                silent.insert(path.clone());
            }
        }
    }
    assert!(
        indistinct.is_empty(),
        "values too common to find in the manifests; make them distinctive or list their derived form in DERIVED: {indistinct:#?}"
    );
    assert!(
        unset.is_empty(),
        "testdata/completeness does not set these paths: {unset:#?}"
    );
    let new: Vec<_> = silent.iter().filter(|p| gap_of(p).is_none()).collect();
    let fixed: Vec<_> = KNOWN_GAPS
        .iter()
        .filter(|g| !silent.iter().any(|p| gap_of(p) == Some(**g)))
        .collect();
    assert!(
        new.is_empty() && fixed.is_empty(),
        "silently dropped and not in KNOWN_GAPS: {new:#?}\nin KNOWN_GAPS but accounted for now (remove them): {fixed:#?}"
    );
    let unused: Vec<_> = DERIVED
        .iter()
        .filter(|(p, w, _)| !used.contains(&(*p, *w)))
        .collect();
    assert!(
        unused.is_empty(),
        "DERIVED entries that match no value of the case (a value changed, or a diagnostic names the path now): {unused:#?}"
    );
}
