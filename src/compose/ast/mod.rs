//! The typed Compose AST: one Rust type per construct of the Compose Specification, each value
//! with the span it was read from.
//!
//! Short and long syntaxes are normalised to one form each (a port string and a port mapping both
//! become a [`Port`]). Checks that need nothing but the value itself (a port out of range, a
//! duration without unit, an unknown `restart` policy) are made here, as located errors;
//! checks across the project (an undefined service in `depends_on`) are made later.
//!
//! [`read_project`] is the entry point.

mod attached;
mod blkio;
mod build;
mod byte_size;
pub(crate) mod choice;
mod command;
mod config;
mod credential_spec;
mod depends_on;
mod deploy;
mod develop;
mod device;
mod duration;
mod env_file;
mod environment;
mod extends;
mod external;
mod extra_hosts;
mod file_mode;
mod file_ref;
mod healthcheck;
mod hook;
mod include;
mod keys;
mod logging;
mod long_form;
mod mapping;
mod model;
mod network;
mod port;
mod project;
mod provider;
mod secret;
mod service;
mod service_network;
pub(crate) mod string_list;
mod ulimit;
mod volume;
mod volume_mount;

#[cfg(test)]
mod tests;

pub use attached::{
    Attached, BindSource, DirFile, DirLimits, FileContent, FromOutside, MissingEnvFile, DIR_LIMITS,
    MAX_ATTACHED_BYTES,
};
pub use blkio::{BlkioConfig, BlkioIops, BlkioRate, BlkioWeight};
pub use build::Build;
pub use byte_size::{ByteLimit, ByteSize};
pub use command::Command;
pub use config::Config;
pub use credential_spec::CredentialSpec;
pub use depends_on::{Dependency, DependsOn};
pub use deploy::{
    Deploy, DiscreteResourceSpec, GenericResource, Placement, PlacementPreference, ResourceLimits,
    ResourceReservations, Resources, RestartPolicy, UpdateConfig,
};
pub use develop::{Develop, Watch};
pub use device::{DeviceCount, DeviceMapping, DeviceRequest, Gpus};
pub use duration::Duration;
pub use env_file::EnvFile;
pub use environment::{EnvVar, Environment};
pub use extends::Extends;
pub use external::External;
pub use extra_hosts::ExtraHosts;
pub use file_mode::FileMode;
pub use file_ref::FileRef;
pub use healthcheck::{HealthTest, Healthcheck};
pub use hook::{PreStartHook, ServiceHook};
pub use include::Include;
pub use logging::Logging;
pub use long_form::read;
pub use mapping::Mapping;
pub use model::{Model, ServiceModel, ServiceModels};
pub use network::{Ipam, IpamPool, Network};
pub use port::{ExposedPort, Port};
pub use project::{is_valid_name, read_project, Project, TOP_LEVEL_KEYS};
pub use provider::{Provider, ProviderOption};
pub use secret::Secret;
pub use service::Service;
pub use service_network::{ServiceNetwork, ServiceNetworks};
pub use ulimit::{Ulimit, Ulimits};
pub use volume::Volume;
pub use volume_mount::{
    BindOptions, ImageOptions, MountKind, TmpfsOptions, VolumeMount, VolumeOptions,
};

use crate::diag::{Code, Diagnostic};

/// Give a read error of a kind this module recognises its own code and help. The messages come
/// from the parsers in this module, which all start with the phrases matched here. `key` is the
/// innermost key of the failing value, when there is one.
pub(crate) fn refine(mut d: Diagnostic, key: Option<&str>) -> Diagnostic {
    // The port help below describes `ports` short entries, which is wrong for `expose` and for
    // the fields of the long form.
    const PORT_HELPS: &[(&str, &str)] = &[
        (
            "expose",
            "write a container port or range, quoted: `\"8080\"`, `\"8000-8010\"` or `\"53/udp\"`; `expose` takes no host port",
        ),
        (
            "target",
            "`target` is the container port, a number from 1 to 65535",
        ),
        (
            "published",
            "`published` is the host port or range, e.g. `\"8080\"` or `\"8000-8010\"`",
        ),
    ];
    const KINDS: &[(&str, Code, &str)] = &[
        (
            "invalid port",
            Code::InvalidPort,
            "write `\"HOST:CONTAINER\"` (quoted), e.g. `\"8080:80\"`, `\"127.0.0.1:8080:80\"` or `\"53:53/udp\"`, or the long form with `target:`",
        ),
        (
            "invalid duration",
            Code::InvalidDuration,
            "write a number followed by a unit (`us`, `ms`, `s`, `m`, `h`), e.g. `30s` or `1m30s`",
        ),
        (
            "invalid byte size",
            Code::InvalidByteSize,
            "write a number with an optional unit (`b`, `k`, `m`, `g`), e.g. `512m` or `2g`",
        ),
        (
            "invalid volume",
            Code::InvalidVolumeMount,
            "write `SOURCE:TARGET[:MODE]` (e.g. `data:/var/lib/data` or `./conf:/etc/app:ro`), or the long form with `type`, `source` and `target`",
        ),
        (
            "invalid healthcheck test",
            Code::InvalidValue,
            "write `[\"CMD\", \"curl\", \"-f\", \"http://localhost\"]` (a program and its arguments), `[\"CMD-SHELL\", \"curl -f http://localhost || exit 1\"]` (a shell command line) or `[\"NONE\"]` (no check)",
        ),
    ];
    if let Some((_, code, help)) = KINDS.iter().find(|(p, _, _)| d.message.starts_with(p)) {
        d.code = *code;
        d.severity = code.severity();
        let special = PORT_HELPS
            .iter()
            .find(|(k, _)| *code == Code::InvalidPort && Some(*k) == key);
        d.help = Some(special.map_or(*help, |(_, h)| *h).to_string());
    }
    d
}
