//! The Compose project name: `-p`, else `COMPOSE_PROJECT_NAME`, else top-level `name:`, else the
//! project directory's name — normalised as Compose does (lower case; letters, digits, `-`, `_`;
//! starting with a letter or digit).

pub fn normalise(raw: &str) -> String {
    let lowered: String = raw
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_')
        .collect();
    lowered.trim_start_matches(['-', '_']).to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::normalise;

    #[test]
    fn normalises_like_compose() {
        assert_eq!(normalise("My App"), "myapp");
        assert_eq!(normalise("_seed-1"), "seed-1");
        assert_eq!(normalise("web.v2"), "webv2");
    }
}
