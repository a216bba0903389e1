//! Host paths a container mounts to reach the machine it runs on, not to keep data: a
//! PersistentVolumeClaim cannot stand in for them, so a bind mount of one stays unmounted and its
//! diagnostic points at `hostPath` (or the Kubernetes feature that replaces it).

/// How an entry matches a bind source (normalised: no trailing `/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    /// The path itself.
    Exact,
    /// The path and everything beneath it.
    Under,
    /// Any path with this file name suffix.
    Suffix,
}

pub struct HostPath {
    pub path: &'static str,
    pub how: Match,
    /// Why the mount is host integration, in words that follow "it is".
    pub why: &'static str,
}

pub const HOST_PATHS: &[HostPath] = &[
    // Docker's and other daemons' control sockets: the container drives the host, and a node of a
    // cluster may run containerd with no Docker socket at all.
    HostPath {
        path: ".sock",
        how: Match::Suffix,
        why: "a Unix socket of a daemon on the host",
    },
    // Devices belong to one machine; Kubernetes hands them out through device plugins.
    HostPath {
        path: "/dev",
        how: Match::Under,
        why: "a device of the host",
    },
    // Kernel interfaces: the node's, seen by monitoring agents and the like.
    HostPath {
        path: "/proc",
        how: Match::Under,
        why: "the host kernel's process information",
    },
    HostPath {
        path: "/sys",
        how: Match::Under,
        why: "the host kernel's device and cgroup tree",
    },
    // Runtime state of host daemons (sockets, pid files, locks): meaningless in a claim.
    HostPath {
        path: "/run",
        how: Match::Under,
        why: "runtime state of the host's daemons",
    },
    HostPath {
        path: "/var/run",
        how: Match::Under,
        why: "runtime state of the host's daemons",
    },
    // The host's clock zone; `TZ` in the environment says the same portably.
    HostPath {
        path: "/etc/localtime",
        how: Match::Exact,
        why: "the host's time zone (set `TZ` in the environment instead)",
    },
    HostPath {
        path: "/etc/timezone",
        how: Match::Exact,
        why: "the host's time zone (set `TZ` in the environment instead)",
    },
    // Modules of the node's running kernel, for containers that load them.
    HostPath {
        path: "/lib/modules",
        how: Match::Under,
        why: "the host kernel's modules",
    },
    // The identity of the machine, not of the application.
    HostPath {
        path: "/etc/machine-id",
        how: Match::Exact,
        why: "the host's machine identity",
    },
    // The kubelet writes the pod's own; `hostAliases` and `dnsConfig` change them.
    HostPath {
        path: "/etc/hosts",
        how: Match::Exact,
        why: "the host's name table (a pod's is set with `hostAliases`)",
    },
    HostPath {
        path: "/etc/resolv.conf",
        how: Match::Exact,
        why: "the host's resolver configuration (a pod's is set with `dnsConfig`)",
    },
];

/// Why `source` (a bind mount source) mounted at `target` is a host integration path, if it is.
pub fn host_integration(source: &str, target: &str) -> Option<&'static str> {
    let source = trim(source);
    let listed = HOST_PATHS.iter().find(|h| match h.how {
        Match::Exact => source == h.path,
        Match::Under => {
            source == h.path
                || source
                    .strip_prefix(h.path)
                    .is_some_and(|rest| rest.starts_with('/'))
        }
        Match::Suffix => source.ends_with(h.path),
    });
    if let Some(h) = listed {
        return Some(h.why);
    }
    // A host directory under `/etc` mounted at its own path is the configuration of something
    // installed on that host (`/etc/pihole:/etc/pihole`), kept in step with it.
    (source.starts_with("/etc/") && source == trim(target))
        .then_some("the host's own configuration, mounted at the same path")
}

fn trim(path: &str) -> &str {
    let t = path.trim_end_matches('/');
    if t.is_empty() {
        "/"
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::host_integration;

    #[test]
    fn table() {
        let cases: &[(&str, &str, bool)] = &[
            ("/var/run/docker.sock", "/var/run/docker.sock", true),
            (
                "/run/user/1000/podman/podman.sock",
                "/var/run/docker.sock",
                true,
            ),
            ("./agent.sock", "/tmp/agent.sock", true),
            ("/dev/dri", "/dev/dri", true),
            ("/dev", "/dev", true),
            ("/device-data", "/data", false),
            ("/proc", "/host/proc", true),
            ("/sys/fs/cgroup", "/sys/fs/cgroup", true),
            ("/run/udev", "/run/udev", true),
            ("/etc/localtime", "/etc/localtime", true),
            ("/etc/timezone", "/etc/timezone", true),
            ("/lib/modules", "/lib/modules", true),
            ("/etc/machine-id", "/etc/machine-id", true),
            ("/etc/hosts", "/etc/hosts", true),
            ("/etc/resolv.conf", "/etc/resolv.conf", true),
            ("/etc/pihole/", "/etc/pihole/", true),
            ("/etc/pihole", "/etc/pihole/", true),
            ("/etc/app", "/config", false),
            ("./etc/app", "/etc/app", false),
            ("/mnt/data", "/data", false),
            ("/var/lib/app", "/var/lib/app", false),
        ];
        for (source, target, host) in cases {
            assert_eq!(
                host_integration(source, target).is_some(),
                *host,
                "{source} → {target}"
            );
        }
    }
}
