//! Service `volumes`: the short `SRC:DST[:MODE]` strings and the long mappings, read into one form.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::byte_size::ByteSize;
use super::choice::reject;
use super::file_mode::FileMode;
use super::long_form::struct_from_map;
use super::mapping::Mapping;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MountKind {
    /// A named volume, or an anonymous one when there is no source.
    #[default]
    Volume,
    /// A path of the host.
    Bind,
    Tmpfs,
    /// A Windows named pipe.
    Npipe,
    Cluster,
    /// The content of an image (`source` is the image reference).
    Image,
}

impl MountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MountKind::Volume => "volume",
            MountKind::Bind => "bind",
            MountKind::Tmpfs => "tmpfs",
            MountKind::Npipe => "npipe",
            MountKind::Cluster => "cluster",
            MountKind::Image => "image",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VolumeMount {
    pub kind: MountKind,
    /// The host path, volume name or image; `None` for an anonymous volume and for tmpfs.
    pub source: Option<String>,
    pub target: String,
    pub read_only: bool,
    pub bind: Option<BindOptions>,
    pub volume: Option<VolumeOptions>,
    pub tmpfs: Option<TmpfsOptions>,
    pub image: Option<ImageOptions>,
    pub consistency: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct BindOptions {
    /// `shared`, `slave`, `private`, `rshared`, `rslave` or `rprivate`.
    #[serde(deserialize_with = "propagation")]
    pub propagation: Option<String>,
    /// Short syntax implies `true`, as in Docker Compose.
    pub create_host_path: Option<bool>,
    /// `enabled`, `disabled`, `writable` or `readonly`.
    #[serde(deserialize_with = "recursive")]
    pub recursive: Option<String>,
    /// `z` or `Z`.
    #[serde(deserialize_with = "selinux")]
    pub selinux: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct VolumeOptions {
    pub labels: Option<Mapping>,
    pub nocopy: Option<bool>,
    pub subpath: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct TmpfsOptions {
    pub size: Option<ByteSize>,
    pub mode: Option<FileMode>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ImageOptions {
    pub subpath: Option<String>,
}

const PROPAGATIONS: &[&str] = &[
    "shared", "slave", "private", "rshared", "rslave", "rprivate",
];
const RECURSIVE: &[&str] = &["enabled", "disabled", "writable", "readonly"];
const SELINUX: &[&str] = &["z", "Z"];
const CONSISTENCIES: &[&str] = &["consistent", "cached", "delegated"];

fn plain_choice<'de, D: Deserializer<'de>>(
    d: D,
    what: &str,
    allowed: &[&str],
) -> Result<Option<String>, D::Error> {
    let value = Option::<String>::deserialize(d)?;
    if let Some(message) = value.as_deref().and_then(|v| reject(v, what, allowed)) {
        return Err(de::Error::custom(message));
    }
    Ok(value)
}

fn propagation<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    plain_choice(d, "bind propagation", PROPAGATIONS)
}

fn recursive<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    plain_choice(d, "`recursive` value", RECURSIVE)
}

fn selinux<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    plain_choice(d, "SELinux label option", SELINUX)
}

/// Whether a short-syntax source names a host path rather than a volume (as Docker Compose
/// decides): `.`, `/`, `~`, a UNC or named-pipe path, or a Windows drive.
fn is_host_path(source: &str) -> bool {
    source.starts_with(['.', '/', '~']) || source.starts_with("\\\\") || has_drive(source)
}

/// `C:\…` or `C:/…`.
fn has_drive(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(letter), Some(':'), Some('\\' | '/')) if letter.is_ascii_alphabetic()
    )
}

/// The `:`-separated sections of a short spec; a colon that ends a Windows drive letter does not
/// separate.
fn sections(spec: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in spec.char_indices() {
        if c != ':' {
            continue;
        }
        let section = spec.get(start..i).unwrap_or("");
        let next = spec.get(i + 1..).and_then(|r| r.chars().next());
        let is_drive = section.len() == 1
            && section.chars().all(|l| l.is_ascii_alphabetic())
            && matches!(next, Some('\\' | '/'));
        if !is_drive {
            out.push(section);
            start = i + 1;
        }
    }
    out.push(spec.get(start..).unwrap_or(""));
    out
}

impl VolumeMount {
    /// Parse the short syntax. Errors read `invalid volume `SPEC`: reason`.
    pub fn parse(spec: &str) -> Result<VolumeMount, String> {
        VolumeMount::parse_inner(spec).map_err(|why| format!("invalid volume `{spec}`: {why}"))
    }

    fn parse_inner(spec: &str) -> Result<VolumeMount, String> {
        let parts = sections(spec);
        if parts.iter().any(|p| p.is_empty()) {
            return Err(if spec.is_empty() {
                "the mount is empty".into()
            } else {
                "empty section between colons".into()
            });
        }
        let (source, target, mode) = match parts.as_slice() {
            [target] => (None, *target, None),
            [source, target] => (Some(*source), *target, None),
            [source, target, mode] => (Some(*source), *target, Some(*mode)),
            _ => return Err("too many colons: expected `SOURCE:TARGET[:MODE]`".into()),
        };
        let kind = match source {
            Some(s) if is_host_path(s) => MountKind::Bind,
            _ => MountKind::Volume,
        };
        let mut mount = VolumeMount {
            kind,
            source: source.map(str::to_string),
            target: target.to_string(),
            bind: (kind == MountKind::Bind).then(|| BindOptions {
                create_host_path: Some(true),
                ..BindOptions::default()
            }),
            ..VolumeMount::default()
        };
        for option in mode.into_iter().flat_map(|m| m.split(',')) {
            match option {
                "ro" => mount.read_only = true,
                "rw" => mount.read_only = false,
                "nocopy" => {
                    mount.volume.get_or_insert_with(VolumeOptions::default).nocopy = Some(true)
                }
                o if SELINUX.contains(&o) => {
                    mount.bind.get_or_insert_with(BindOptions::default).selinux = Some(o.into())
                }
                o if PROPAGATIONS.contains(&o) => {
                    mount.bind.get_or_insert_with(BindOptions::default).propagation =
                        Some(o.into())
                }
                o if CONSISTENCIES.contains(&o) => mount.consistency = Some(o.into()),
                other => {
                    return Err(format!(
                        "unknown mode `{other}` (modes: ro, rw, z, Z, nocopy, a propagation such as rprivate, or a consistency such as cached)"
                    ))
                }
            }
        }
        Ok(mount)
    }
}

#[derive(Deserialize)]
struct MountLong {
    #[serde(rename = "type")]
    kind: MountKind,
    source: Option<String>,
    target: String,
    read_only: Option<bool>,
    consistency: Option<String>,
    bind: Option<BindOptions>,
    volume: Option<VolumeOptions>,
    tmpfs: Option<TmpfsOptions>,
    image: Option<ImageOptions>,
}

impl<'de> Deserialize<'de> for VolumeMount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = VolumeMount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mount (`data:/data`, `./src:/src:ro`) or a mapping with `type`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<VolumeMount, E> {
                VolumeMount::parse(s).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<VolumeMount, A::Error> {
                let long = struct_from_map(map, MountLong::deserialize)?;
                let needs_source = matches!(
                    long.kind,
                    MountKind::Bind | MountKind::Npipe | MountKind::Image
                );
                if needs_source && long.source.as_deref().is_none_or(str::is_empty) {
                    return Err(de::Error::custom(format_args!(
                        "invalid volume: a `{}` mount needs a `source`",
                        long.kind.as_str()
                    )));
                }
                if long.target.is_empty() {
                    return Err(de::Error::custom("invalid volume: `target` is empty"));
                }
                Ok(VolumeMount {
                    kind: long.kind,
                    source: long.source,
                    target: long.target,
                    read_only: long.read_only.unwrap_or(false),
                    bind: long.bind,
                    volume: long.volume,
                    tmpfs: long.tmpfs,
                    image: long.image,
                    consistency: long.consistency,
                })
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    fn v(spec: &str) -> VolumeMount {
        VolumeMount::parse(spec).unwrap()
    }

    #[test]
    fn short_forms() {
        let anon = v("/var/lib/data");
        assert_eq!(
            (anon.kind, anon.source, anon.target.as_str()),
            (MountKind::Volume, None, "/var/lib/data")
        );
        let named = v("db-data:/var/lib/postgresql/data");
        assert_eq!(
            (named.kind, named.source.as_deref()),
            (MountKind::Volume, Some("db-data"))
        );
        let bind = v("./src:/app/src:ro");
        assert_eq!((bind.kind, bind.read_only), (MountKind::Bind, true));
        assert_eq!(bind.bind.unwrap().create_host_path, Some(true));
        assert_eq!(v("/etc/ssl:/ssl").kind, MountKind::Bind);
        assert_eq!(v("~/configs:/etc/configs:rw").kind, MountKind::Bind);
        let z = v("../data:/data:ro,Z");
        assert!(z.read_only);
        assert_eq!(z.bind.unwrap().selinux.as_deref(), Some("Z"));
        let win = v("C:\\Users\\me\\data:/data");
        assert_eq!(
            (win.kind, win.source.as_deref()),
            (MountKind::Bind, Some("C:\\Users\\me\\data"))
        );
        let win2 = v("d:/data:/data:ro");
        assert_eq!(
            (win2.source.as_deref(), win2.target.as_str(), win2.read_only),
            (Some("d:/data"), "/data", true)
        );
        let nocopy = v("vol:/data:nocopy");
        assert_eq!(nocopy.volume.unwrap().nocopy, Some(true));
        assert_eq!(v("./a:/a:cached").consistency.as_deref(), Some("cached"));
        assert_eq!(
            v("./a:/a:rslave").bind.unwrap().propagation.as_deref(),
            Some("rslave")
        );
    }

    #[test]
    fn short_form_errors() {
        for bad in ["", ":/data", "data:", "a:b:c:d", "./a:/a:readonly", "a::ro"] {
            let err = VolumeMount::parse(bad).unwrap_err();
            assert!(err.starts_with("invalid volume"), "{bad}: {err}");
        }
    }
}
