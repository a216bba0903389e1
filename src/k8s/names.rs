//! Kubernetes names from Compose names. Compose allows `[a-zA-Z0-9._-]` in service names;
//! Kubernetes object names (DNS-1123 labels, and DNS-1035 for Services) allow `[a-z0-9-]`,
//! starting with a letter for Services, at most 63 characters.

/// `name` lower-cased, with every character a label does not allow replaced by `-`.
fn label_chars(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect()
}

/// A DNS-1035 label (valid for Services and therefore for every workload kind) from `name`.
pub fn dns_label(name: &str) -> String {
    let mut out = label_chars(name);
    if !out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.insert_str(0, "svc-");
    }
    out.truncate(63);
    let trimmed = out.trim_end_matches('-').len();
    out.truncate(trimmed);
    if out.is_empty() {
        out.push_str("svc");
    }
    out
}

/// A DNS-1123 label from `name`: like [`dns_label`], but it may start with a digit, so that
/// `1net` stays `1net`. Valid as the name part of a label key too.
pub fn dns1123_label(name: &str) -> String {
    let mut out = label_chars(name);
    out.truncate(63);
    let out = out.trim_matches('-');
    if out.is_empty() {
        "unnamed".to_string()
    } else {
        out.to_string()
    }
}

/// The NetworkPolicy of a network (a [`dns1123_label`]). A workload's own policy takes the
/// workload's name; the plan reports a workload named like a network's policy.
pub fn network_policy(network: &str) -> String {
    format!("network-{network}")
}

/// A DNS-1123 subdomain (ConfigMap, Secret and PVC names): lower case, digits, `-` and `.`.
pub fn dns_subdomain(name: &str) -> String {
    let out: String = name
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '.' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    // Each dot-separated part must start and end alphanumeric: `app-.config` is invalid, so
    // `-` next to a dot goes and empty parts (`..`, a leading `.`) are dropped.
    let mut joined = String::new();
    for part in out.split('.') {
        let part = part.trim_matches('-');
        if part.is_empty() {
            continue;
        }
        if !joined.is_empty() {
            joined.push('.');
        }
        joined.push_str(part);
    }
    joined.truncate(253);
    let trimmed: &str = joined.trim_end_matches(['-', '.']);
    if trimmed.is_empty() {
        "unnamed".to_string()
    } else {
        trimmed.to_string()
    }
}

/// A ConfigMap/Secret data key: letters, digits, `-`, `_` and `.`.
pub fn config_key(name: &str) -> String {
    let out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out == "." || out == ".." {
        "data".to_string()
    } else {
        out
    }
}

/// A label or annotation key: an optional DNS-subdomain prefix and `/`, then a name of at most 63
/// characters of letters, digits, `-`, `_`, `.`, starting and ending alphanumeric.
pub fn is_qualified_name(key: &str) -> bool {
    let (prefix, name) = match key.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, key),
    };
    let name_ok = !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    let prefix_ok = prefix.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 253
            && p.split('.').all(|part| {
                !part.is_empty()
                    && part.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
                    && part.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            })
    });
    name_ok && prefix_ok
}

/// `base`, or `base-2`, `base-3`, … : the first that `taken` does not hold. Objects, keys and
/// containers that would share a name get one of their own this way.
pub fn unused(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|name| !taken(name))
        .unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn sanitises_compose_names() {
        assert_eq!(dns_label("front_end"), "front-end");
        assert_eq!(dns_label("API.v2"), "api-v2");
        assert_eq!(dns_label("1web"), "svc-1web");
        assert_eq!(dns_label(&"a".repeat(80)).len(), 63);
        assert_eq!(dns_label("web_"), "web");
        assert_eq!(dns1123_label("1net"), "1net");
        assert_eq!(dns1123_label("_Back.End_"), "back-end");
        assert_eq!(dns1123_label("__"), "unnamed");
        assert_eq!(dns1123_label(&"n".repeat(80)).len(), 63);
    }

    #[test]
    fn subdomains_keys_and_qualified_names() {
        assert_eq!(dns_subdomain("DB_Password"), "db-password");
        assert_eq!(dns_subdomain("_"), "unnamed");
        assert_eq!(dns_subdomain("app-.config"), "app.config");
        assert_eq!(dns_subdomain(".env.-x-"), "env.x");
        assert_eq!(dns_subdomain("a..b"), "a.b");
        let long = dns_subdomain(&format!("{}.-b", "a".repeat(252)));
        assert!(long.len() <= 253 && !long.ends_with(['.', '-']), "{long}");
        assert_eq!(config_key("app env"), "app_env");
        assert!(is_qualified_name("com.example.team"));
        assert!(is_qualified_name("example.com/team"));
        assert!(!is_qualified_name("not a key"));
        assert!(!is_qualified_name("Example.com/team"));
        assert!(!is_qualified_name(&"a".repeat(64)));
    }

    #[test]
    fn unused_numbers_from_two() {
        let taken = ["a", "a-2"];
        assert_eq!(unused("b", |n| taken.contains(&n)), "b");
        assert_eq!(unused("a", |n| taken.contains(&n)), "a-3");
    }
}
