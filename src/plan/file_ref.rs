//! What service `secrets` and `configs` entries share: where a reference to a top-level secret or
//! config lands in the pod, and the ownership settings Kubernetes cannot carry per file.

use crate::compose::ast::{External, FileRef};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::k8s::names;
use crate::yaml::Spanned;

/// The object a reference mounts, the key inside it, and the file path in the container.
pub struct Placement {
    pub object: String,
    pub key: String,
    pub target: String,
}

/// `name:` wins over `external.name`, then the Compose name; a relative `target` (or none) lands
/// in `dir` (`/run/secrets` for secrets, `/` for configs), as Compose places them.
pub fn placement(
    r: &FileRef,
    name: Option<&Spanned<String>>,
    external: Option<&Spanned<External>>,
    dir: &str,
) -> Placement {
    let source = r.source.as_str();
    let external_name = external.and_then(|e| e.value.name.as_deref());
    let object = names::dns_subdomain(
        name.map(|n| n.value.as_str())
            .or(external_name)
            .unwrap_or(source),
    );
    let dir = dir.trim_end_matches('/');
    let target = match r.target.as_deref() {
        Some(t) if t.starts_with('/') => t.to_string(),
        Some(t) => format!("{dir}/{t}"),
        None => format!("{dir}/{source}"),
    };
    Placement {
        object,
        key: names::config_key(source),
        target,
    }
}

/// `uid`/`gid` on one mounted file: Kubernetes sets ownership only for the whole pod.
pub fn report_ownership(r: &Spanned<FileRef>, what: &str, diags: &mut Diagnostics) {
    if r.value.uid.is_some() || r.value.gid.is_some() {
        diags.push(
            Diagnostic::new(
                Code::NotTranslated,
                format!("`uid`/`gid` of {what} `{}` are not translated", r.value.source),
            )
            .at(r.span, "Kubernetes sets file ownership only pod-wide")
            .help("set `securityContext.fsGroup` on the pod by hand if the process needs group access"),
        );
    }
}
