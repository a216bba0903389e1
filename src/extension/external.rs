//! `services.<name>.x-kubernetes.external`: where a service that stays on Compose is reached from
//! the cluster during a partial migration (`convert --services … --no-deps`). The converted
//! services keep using the Compose name (`cache`); an ExternalName Service of that name points it
//! at the stated host.

use schemars::JsonSchema;
use serde::Deserialize;

use super::check::invalid;
use crate::yaml::de::Context;
use crate::yaml::Spanned;

/// The address of this service outside the cluster, used only when the service is left out of
/// the conversion and a converted service refers to it: an ExternalName Service named after the
/// service then resolves to `host`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct External {
    /// The DNS name the service is reached at from the cluster (`compose-host.internal`); no
    /// scheme, port or path.
    pub host: Spanned<String>,
    /// The port it listens on there, listed on the Service. DNS does not remap ports: this must
    /// be the port the converted services already use.
    #[serde(default)]
    #[schemars(range(min = 1, max = 65535))]
    pub port: Option<Spanned<u16>>,
}

pub(super) fn check(ext: &Spanned<External>, cx: &Context) {
    let host = &ext.value.host;
    if let Some(problem) = host_problem(&host.value) {
        cx.push(invalid(
            host.span,
            format!("`external.host` `{}` {problem}", host.value),
            "write the DNS name only, e.g. `compose-host.internal`; an ExternalName Service is a DNS alias (CNAME) and cannot carry a scheme, a port or an IP address",
        ));
    }
    if let Some(port) = &ext.value.port {
        if port.value == 0 {
            cx.push(invalid(
                port.span,
                "`external.port` 0 is not a port".into(),
                "write the port the service listens on, 1–65535",
            ));
        }
    }
}

/// Why `host` cannot be an ExternalName, if it cannot.
fn host_problem(host: &str) -> Option<&'static str> {
    if host.is_empty() {
        return Some("is empty");
    }
    if host.contains("://") || host.contains('/') {
        return Some("is a URL, not a host name");
    }
    if host.contains(':') {
        return Some("has a port or is an IPv6 address");
    }
    if host
        .split('.')
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some("is an IP address; Kubernetes would look it up as a DNS name");
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let trimmed = host.strip_suffix('.').unwrap_or(host);
    if trimmed.len() > 253 || !trimmed.split('.').all(label_ok) {
        return Some("is not a DNS name (lower-case letters, digits, `-` and `.`)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::host_problem;

    #[test]
    fn hosts() {
        assert_eq!(host_problem("compose-host.internal"), None);
        assert_eq!(host_problem("db.example.com."), None);
        assert!(host_problem("").is_some());
        assert!(host_problem("redis://cache:6379").is_some());
        assert!(host_problem("cache:6379").is_some());
        assert!(host_problem("10.0.0.5").is_some());
        assert!(host_problem("Cache_Host").is_some());
        assert!(host_problem("-bad.example").is_some());
    }
}
