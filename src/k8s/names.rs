//! Kubernetes names from Compose names. Compose allows `[a-zA-Z0-9._-]` in service names;
//! Kubernetes object names (DNS-1123 labels, and DNS-1035 for Services) allow `[a-z0-9-]`,
//! starting with a letter for Services, at most 63 characters.

/// A DNS-1035 label (valid for Services and therefore for every workload kind) from `name`.
pub fn dns_label(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::dns_label;

    #[test]
    fn sanitises_compose_names() {
        assert_eq!(dns_label("front_end"), "front-end");
        assert_eq!(dns_label("API.v2"), "api-v2");
        assert_eq!(dns_label("1web"), "svc-1web");
        assert_eq!(dns_label(&"a".repeat(80)).len(), 63);
        assert_eq!(dns_label("web_"), "web");
    }
}
