//! The entries of `ports`, `volumes`, `secrets`, `configs` and `devices` that a merge matches by
//! their unique key (spec chapter 13, "Unique resources"), and the long form a short entry stands
//! for, since "merges apply to the expanded form" (chapter 3).
//!
//! The short syntaxes are parsed by the AST's own parsers, so the loader and the typed model never
//! disagree about what an entry means. An entry that does not parse has no key: it is appended
//! unmerged, and the AST reports it with its own span.

use crate::compose::ast::{DeviceMapping, Port, VolumeMount};
use crate::source::Span;
use crate::yaml::{Node, NodeKind, ScalarStyle};

/// Which list of a service the entries belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    Port,
    Volume,
    Secret,
    Config,
    Device,
}

/// The unique key of one entry, or `None` when the entry cannot be read.
pub fn unique_key(resource: Resource, entry: &Node) -> Option<String> {
    match (&entry.kind, resource) {
        (NodeKind::Scalar { text, .. }, _) if !entry.is_null() => short_key(resource, text),
        (NodeKind::Map(_), Resource::Port) => {
            let target = port_number(text_of(entry.get("target")?)?)?;
            let published = entry.get("published").and_then(text_of).unwrap_or("");
            let ip = entry.get("host_ip").and_then(text_of);
            let protocol = entry.get("protocol").and_then(text_of);
            Some(port_key(ip, published, &target.to_string(), protocol))
        }
        (NodeKind::Map(_), Resource::Volume) => {
            entry.get("target").and_then(text_of).map(clean_target)
        }
        (NodeKind::Map(_), Resource::Secret | Resource::Config) => {
            let target = entry.get("target").and_then(text_of);
            let source = entry.get("source").and_then(text_of);
            mount_target(resource, target.or(source)?)
        }
        (NodeKind::Map(_), Resource::Device) => entry
            .get("target")
            .or_else(|| entry.get("source"))
            .and_then(text_of)
            .map(str::to_string),
        _ => None,
    }
}

fn short_key(resource: Resource, text: &str) -> Option<String> {
    match resource {
        Resource::Port => {
            let port = Port::parse(text).ok()?;
            let target = match port.target_end {
                Some(end) => format!("{}-{end}", port.target),
                None => port.target.to_string(),
            };
            Some(port_key(
                port.host_ip.as_deref(),
                port.published.as_deref().unwrap_or(""),
                &target,
                port.protocol.as_deref(),
            ))
        }
        Resource::Volume => VolumeMount::parse(text)
            .ok()
            .map(|m| clean_target(&m.target)),
        Resource::Secret | Resource::Config => mount_target(resource, text),
        Resource::Device => DeviceMapping::parse(text)
            .ok()
            .map(|d| d.target.unwrap_or(d.source)),
    }
}

/// `{ip, target, published, protocol}` with Compose's defaults, so that `"8080:80"` and
/// `{target: 80, published: 8080, protocol: tcp}` are the same port.
fn port_key(ip: Option<&str>, published: &str, target: &str, protocol: Option<&str>) -> String {
    let ip = ip
        .map(|i| i.trim_start_matches('[').trim_end_matches(']'))
        .filter(|i| !i.is_empty())
        .unwrap_or("0.0.0.0");
    let protocol = protocol.unwrap_or("tcp").to_ascii_lowercase();
    format!("{ip}|{published}|{target}|{protocol}")
}

fn port_number(text: &str) -> Option<u16> {
    text.trim().parse().ok()
}

/// `/data/` and `/data` are one mount point.
fn clean_target(target: &str) -> String {
    let trimmed = target.trim_end_matches('/');
    if trimmed.is_empty() && target.starts_with('/') {
        "/".into()
    } else {
        trimmed.to_string()
    }
}

/// Where a secret or config lands: an absolute target as written, otherwise under the default
/// directory (`/run/secrets` for secrets, `/` for configs).
fn mount_target(resource: Resource, target: &str) -> Option<String> {
    if target.is_empty() {
        return None;
    }
    if target.starts_with('/') {
        return Some(clean_target(target));
    }
    let dir = if resource == Resource::Secret {
        "/run/secrets/"
    } else {
        "/"
    };
    Some(format!("{dir}{target}"))
}

fn text_of(node: &Node) -> Option<&str> {
    if node.is_null() {
        None
    } else {
        node.as_str()
    }
}

/// The long form of `entry`: a mapping as it is, a short entry expanded into the mapping it stands
/// for (every node spanning the short text). `None` for what has no single long form (a port
/// range, which Compose expands into several entries) or does not parse.
pub fn long_form(resource: Resource, entry: &Node) -> Option<Node> {
    let text = match &entry.kind {
        NodeKind::Map(_) => return Some(entry.clone()),
        NodeKind::Scalar { text, .. } if !entry.is_null() => text.as_str(),
        _ => return None,
    };
    let at = entry.span;
    let fields = match resource {
        Resource::Port => port_fields(text, at)?,
        Resource::Volume => volume_fields(text, at)?,
        Resource::Secret | Resource::Config => vec![("source", string(text, at))],
        Resource::Device => {
            let device = DeviceMapping::parse(text).ok()?;
            let mut fields = vec![("source", string(&device.source, at))];
            if let Some(target) = &device.target {
                fields.push(("target", string(target, at)));
            }
            if let Some(permissions) = &device.permissions {
                fields.push(("permissions", string(permissions, at)));
            }
            fields
        }
    };
    Some(mapping(fields, at))
}

fn port_fields(text: &str, at: Span) -> Option<Vec<(&'static str, Node)>> {
    let port = Port::parse(text).ok()?;
    if port.target_end.is_some() || port.published.as_deref().is_some_and(|p| p.contains('-')) {
        return None;
    }
    let mut fields = vec![("target", plain(&port.target.to_string(), at))];
    if let Some(published) = &port.published {
        fields.push(("published", string(published, at)));
    }
    if let Some(ip) = &port.host_ip {
        fields.push(("host_ip", string(ip, at)));
    }
    if let Some(protocol) = &port.protocol {
        fields.push(("protocol", string(protocol, at)));
    }
    Some(fields)
}

fn volume_fields(text: &str, at: Span) -> Option<Vec<(&'static str, Node)>> {
    let mount = VolumeMount::parse(text).ok()?;
    let mut fields = vec![("type", string(mount.kind.as_str(), at))];
    if let Some(source) = &mount.source {
        fields.push(("source", string(source, at)));
    }
    fields.push(("target", string(&mount.target, at)));
    // An explicit `rw` must reach the merge too, or it could not undo a `ro` from an earlier file.
    let explicit_rw = text
        .rsplit(':')
        .next()
        .is_some_and(|mode| text.contains(':') && mode.split(',').any(|o| o == "rw"));
    if mount.read_only || explicit_rw {
        fields.push(("read_only", plain(&mount.read_only.to_string(), at)));
    }
    if let Some(bind) = &mount.bind {
        let mut options = Vec::new();
        if let Some(create) = bind.create_host_path {
            options.push(("create_host_path", plain(&create.to_string(), at)));
        }
        if let Some(selinux) = &bind.selinux {
            options.push(("selinux", string(selinux, at)));
        }
        if let Some(propagation) = &bind.propagation {
            options.push(("propagation", string(propagation, at)));
        }
        fields.push(("bind", mapping(options, at)));
    }
    if let Some(nocopy) = mount.volume.as_ref().and_then(|v| v.nocopy) {
        let options = vec![("nocopy", plain(&nocopy.to_string(), at))];
        fields.push(("volume", mapping(options, at)));
    }
    if let Some(consistency) = &mount.consistency {
        fields.push(("consistency", string(consistency, at)));
    }
    Some(fields)
}

/// A scalar the AST reads as text whatever it looks like (a volume named `null` stays a name).
pub fn string(text: &str, span: Span) -> Node {
    Node {
        kind: NodeKind::Scalar {
            text: text.to_string(),
            style: ScalarStyle::DoubleQuoted,
        },
        span,
        tag: None,
        anchor_at: None,
    }
}

/// A scalar the AST reads for its YAML type (numbers, booleans).
pub fn plain(text: &str, span: Span) -> Node {
    Node::scalar(text, span)
}

pub fn mapping(fields: Vec<(&str, Node)>, span: Span) -> Node {
    Node {
        kind: NodeKind::Map(
            fields
                .into_iter()
                .map(|(k, v)| (plain(k, span), v))
                .collect(),
        ),
        span,
        tag: None,
        anchor_at: None,
    }
}
