//! `build`: the Compose Build Specification. The string form is the context.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::byte_size::ByteSize;
use super::environment::Environment;
use super::extra_hosts::ExtraHosts;
use super::file_ref::FileRef;
use super::keys::section_keys;
use super::long_form::struct_from_map;
use super::mapping::Mapping;
use super::ulimit::Ulimits;
use crate::yaml::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Build {
    /// A directory or a Git URL; the project directory (`.`) when not set.
    pub context: Option<Spanned<String>>,
    pub dockerfile: Option<Spanned<String>>,
    pub dockerfile_inline: Option<Spanned<String>>,
    pub entitlements: Option<Spanned<Vec<Spanned<String>>>>,
    /// Build arguments; a name without a value is taken from the environment.
    pub args: Option<Spanned<Environment>>,
    /// `default` or `ID=path` entries; a mapping `ID: path` is accepted too.
    pub ssh: Option<Spanned<Mapping>>,
    pub labels: Option<Spanned<Mapping>>,
    pub cache_from: Option<Spanned<Vec<Spanned<String>>>>,
    pub cache_to: Option<Spanned<Vec<Spanned<String>>>>,
    pub no_cache: Option<Spanned<bool>>,
    pub additional_contexts: Option<Spanned<Mapping>>,
    pub network: Option<Spanned<String>>,
    /// `true`, `false`, or a configuration such as `mode=max`, as written.
    pub provenance: Option<Spanned<String>>,
    /// `true`, `false`, or a generator configuration, as written.
    pub sbom: Option<Spanned<String>>,
    pub pull: Option<Spanned<bool>>,
    pub target: Option<Spanned<String>>,
    pub shm_size: Option<Spanned<ByteSize>>,
    pub extra_hosts: Option<Spanned<ExtraHosts>>,
    pub isolation: Option<Spanned<String>>,
    pub privileged: Option<Spanned<bool>>,
    pub secrets: Option<Spanned<Vec<Spanned<FileRef>>>>,
    pub tags: Option<Spanned<Vec<Spanned<String>>>>,
    pub ulimits: Option<Spanned<Ulimits>>,
    pub platforms: Option<Spanned<Vec<Spanned<String>>>>,
}

section_keys!(Build {
    context = "context",
    dockerfile = "dockerfile",
    dockerfile_inline = "dockerfile_inline",
    entitlements = "entitlements",
    args = "args",
    ssh = "ssh",
    labels = "labels",
    cache_from = "cache_from",
    cache_to = "cache_to",
    no_cache = "no_cache",
    additional_contexts = "additional_contexts",
    network = "network",
    provenance = "provenance",
    sbom = "sbom",
    pull = "pull",
    target = "target",
    shm_size = "shm_size",
    extra_hosts = "extra_hosts",
    isolation = "isolation",
    privileged = "privileged",
    secrets = "secrets",
    tags = "tags",
    ulimits = "ulimits",
    platforms = "platforms",
});

/// `build` as written: the context alone, or the full mapping.
enum Form {
    Context(String),
    Full(Box<Build>),
}

impl<'de> Deserialize<'de> for Form {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Form;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a build context path or a mapping")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Form, E> {
                Ok(Form::Context(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Form, A::Error> {
                struct_from_map(map, Build::deserialize).map(|b| Form::Full(Box::new(b)))
            }
        }
        d.deserialize_any(V)
    }
}

/// `deserialize_with` for `build`: the string form becomes a `Build` whose `context` has the
/// span of the string. Boxed, as the service keeps it (see `Service`).
pub(crate) fn build<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Spanned<Box<Build>>>, D::Error> {
    let form = Option::<Spanned<Form>>::deserialize(d)?;
    Ok(form.map(|f| {
        let span = f.span;
        Spanned::new(
            span,
            match f.value {
                Form::Context(context) => Box::new(Build {
                    context: Some(Spanned::new(span, context)),
                    ..Build::default()
                }),
                Form::Full(build) => build,
            },
        )
    }))
}
