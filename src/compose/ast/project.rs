//! The whole Compose file: [`Project`] and [`read_project`].

use indexmap::IndexMap;

use super::config::Config;
use super::include::{Include, Includes};
use super::long_form::read;
use super::model::Model;
use super::network::Network;
use super::secret::Secret;
use super::service::Service;
use super::volume::Volume;
use crate::diag::{Code, Diagnostic};
use crate::source::Span;
use crate::yaml::de::{unknown_key, Context, Error};
use crate::yaml::{Node, NodeKind, Spanned};

/// The top-level keys of a Compose file (besides `x-…` extensions).
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "version", "name", "include", "services", "models", "networks", "volumes", "secrets", "configs",
];

/// One Compose file, read. The maps keep source order; in the named sections (`networks`,
/// `volumes`, `secrets`, `configs`, `models`) each span is that of the entry's key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Project {
    pub name: Option<Spanned<String>>,
    /// Obsolete and ignored by Compose; kept so a later stage can say so.
    pub version: Option<Spanned<String>>,
    pub services: IndexMap<String, Service>,
    /// `None` for `name:` with nothing after it (all defaults).
    pub networks: IndexMap<String, Spanned<Option<Network>>>,
    /// `None` for `name:` with nothing after it (all defaults).
    pub volumes: IndexMap<String, Spanned<Option<Volume>>>,
    pub secrets: IndexMap<String, Spanned<Secret>>,
    pub configs: IndexMap<String, Spanned<Config>>,
    pub include: Option<Spanned<Vec<Include>>>,
    pub models: IndexMap<String, Spanned<Model>>,
    /// The top-level `x-kubernetes` extension.
    pub x_kubernetes: Option<Spanned<crate::extension::ProjectExtension>>,
    /// The whole document.
    pub span: Span,
    /// What the loader read for the plan (bind-mounted files, embedded secrets).
    pub attached: super::Attached,
    /// The services `--services` left on Compose (`plan::partial` checks references to them).
    pub left_out: Vec<crate::compose::load::profiles::LeftOut>,
}

/// Read a parsed Compose document. Never fails: every problem becomes a diagnostic in `cx`, and
/// each service and each named resource is read on its own, so one bad entry neither hides the
/// errors of the others nor drops them. An entry that cannot be read is left out.
pub fn read_project(root: &Node, cx: &Context) -> Project {
    let mut project = Project {
        span: root.span,
        ..Project::default()
    };
    let Some(entries) = root.as_map() else {
        cx.push(
            Diagnostic::new(
                Code::NotAMapping,
                format!(
                    "a Compose file must be a mapping, found {}",
                    root.describe()
                ),
            )
            .at(root.span, "expected `services:` and other top-level keys")
            .help("start the file with `services:` and define each service under it"),
        );
        return project;
    };
    for (key, value) in entries {
        // The parser has already reported keys that are not strings.
        let Some(name) = key.as_str() else { continue };
        match name {
            "version" => project.version = read_value(value, key, cx),
            "name" => project.name = read_value(value, key, cx),
            "services" => {
                let entries = section(key, value, "service", cx);
                // Services are large: growing the map by doubling held up to three times the
                // memory of the services themselves while it copied (and `reserve` rounds up
                // to the hash table's capacity).
                project.services.reserve_exact(entries.len());
                for (k, v, service_name) in entries {
                    if !is_definition(v, false, "service", k, "image", cx) {
                        continue;
                    }
                    if let Some(mut service) = read_value::<Service>(v, k, cx) {
                        service.x_kubernetes =
                            crate::extension::read::service(v, cx).map(|x| x.map(Box::new));
                        service.name = Spanned::new(k.span, service_name);
                        service.span = v.span;
                        project.services.insert(service.name.value.clone(), service);
                    }
                }
            }
            "networks" => {
                for (k, v, network) in section(key, value, "network", cx) {
                    if !is_definition(v, true, "network", k, "driver", cx) {
                        continue;
                    }
                    let read = if v.is_null() {
                        Some(None)
                    } else {
                        read_value(v, k, cx).map(Some)
                    };
                    if let Some(definition) = read {
                        project
                            .networks
                            .insert(network, Spanned::new(k.span, definition));
                    }
                }
            }
            "volumes" => {
                for (k, v, volume) in section(key, value, "volume", cx) {
                    if !is_definition(v, true, "volume", k, "driver", cx) {
                        continue;
                    }
                    let read = if v.is_null() {
                        Some(None)
                    } else {
                        read_value::<Volume>(v, k, cx).map(|mut volume| {
                            volume.x_kubernetes = crate::extension::read::volume(v, cx);
                            Some(volume)
                        })
                    };
                    if let Some(definition) = read {
                        project
                            .volumes
                            .insert(volume, Spanned::new(k.span, definition));
                    }
                }
            }
            "secrets" => {
                for (k, v, secret) in section(key, value, "secret", cx) {
                    if !is_definition(v, false, "secret", k, "file", cx) {
                        continue;
                    }
                    if let Some(definition) = read_value(v, k, cx) {
                        project
                            .secrets
                            .insert(secret, Spanned::new(k.span, definition));
                    }
                }
            }
            "configs" => {
                for (k, v, config) in section(key, value, "config", cx) {
                    if !is_definition(v, false, "config", k, "file", cx) {
                        continue;
                    }
                    if let Some(definition) = read_value(v, k, cx) {
                        project
                            .configs
                            .insert(config, Spanned::new(k.span, definition));
                    }
                }
            }
            "models" => {
                for (k, v, model) in section(key, value, "model", cx) {
                    if !is_definition(v, false, "model", k, "model", cx) {
                        continue;
                    }
                    if let Some(definition) = read_value(v, k, cx) {
                        project
                            .models
                            .insert(model, Spanned::new(k.span, definition));
                    }
                }
            }
            "include" => {
                project.include = read_value::<Spanned<Includes>>(value, key, cx)
                    .map(|includes| includes.map(|i| i.0));
            }
            "x-kubernetes" => {
                project.x_kubernetes = crate::extension::read::project(key, value, cx)
            }
            extension if extension.starts_with("x-") => {}
            other => cx.push(unknown_key(other, key.span, TOP_LEVEL_KEYS)),
        }
    }
    project
}

/// Read one value; a failure becomes a diagnostic, pointed at `key` when the error has no useful
/// location of its own (e.g. an empty value).
fn read_value<'de, T: serde::Deserialize<'de>>(
    node: &'de Node,
    key: &Node,
    cx: &Context,
) -> Option<T> {
    match read::<T>(node, cx) {
        Ok(value) => Some(value),
        Err(err) => {
            cx.push(located(err, key));
            None
        }
    }
}

fn located(mut err: Error, key: &Node) -> Diagnostic {
    if err.span.is_some_and(|s| s.is_empty()) {
        err.span = None;
    }
    // Errors in a top-level value (`name: [x]`) have no inner key to name.
    if err.key.is_none() && TOP_LEVEL_KEYS.contains(&key.as_str().unwrap_or_default()) {
        err.key = key.as_str().map(str::to_string);
    }
    let inner = err.key.clone();
    super::refine(err.into_diagnostic(key.span), inner.as_deref())
}

/// Whether a named entry (`web:` under `services`, …) holds a mapping, reporting it if not:
/// serde's "expected a mapping" would not say what the mapping is for. `null_ok` for sections in
/// which `name:` alone means "all defaults"; `setting` is a typical key of a definition.
fn is_definition(
    value: &Node,
    null_ok: bool,
    kind: &str,
    key: &Node,
    setting: &str,
    cx: &Context,
) -> bool {
    if matches!(value.kind, NodeKind::Map(_)) || (null_ok && value.is_null()) {
        return true;
    }
    let name = key.as_str().unwrap_or_default();
    let help = match &value.kind {
        NodeKind::Seq(_) => format!(
            "a {kind} is a mapping of settings, not a list: remove the `- ` before the settings under `{name}:`"
        ),
        NodeKind::Scalar { text, .. } if !value.is_null() => format!(
            "put the settings of {kind} `{name}` on their own lines, indented below `{name}:`, e.g. `{setting}: {text}`"
        ),
        _ => format!(
            "write the settings of {kind} `{name}` as `key: value` lines indented below `{name}:`, e.g. `{setting}: …`"
        ),
    };
    let at = if value.is_null() {
        key.span
    } else {
        value.span
    };
    cx.push(
        Diagnostic::new(
            Code::InvalidValue,
            format!(
                "{kind} `{name}` must be a mapping of settings, found {}",
                value.describe()
            ),
        )
        .at(at, format!("expected `{setting}:` and other settings"))
        .help(help),
    );
    false
}

/// The entries of a named section (`services`, `volumes`, …) with their names, checking that the
/// section is a mapping and that each name is one Compose accepts. A null section is empty.
fn section<'a>(
    key: &'a Node,
    value: &'a Node,
    kind: &str,
    cx: &Context,
) -> Vec<(&'a Node, &'a Node, String)> {
    if value.is_null() {
        return Vec::new();
    }
    let Some(entries) = value.as_map() else {
        cx.push(
            Diagnostic::new(
                Code::InvalidValue,
                format!(
                    "`{}` must be a mapping of {kind} names to definitions, found {}",
                    key.as_str().unwrap_or_default(),
                    value.describe()
                ),
            )
            .at(value.span, "expected a mapping")
            .also(key.span, "in this section")
            .help(format!(
                "write one `name:` line per {kind}, with its definition indented below"
            )),
        );
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|(k, v)| {
            let name = k.as_str()?;
            if !is_valid_name(name) {
                cx.push(
                    Diagnostic::new(Code::InvalidName, format!("invalid {kind} name `{name}`"))
                        .at(k.span, "only letters, digits, `.`, `_` and `-` are allowed")
                        .help("rename it using only `a-z`, `A-Z`, `0-9`, `.`, `_` and `-`"),
                );
            }
            Some((k, v, name.to_string()))
        })
        .collect()
}

/// `^[a-zA-Z0-9._-]+$`, the spec's pattern for service and resource names.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}
