//! SARIF 2.1.0, the format GitHub code scanning (`upload-sarif`) and other CI systems read. One
//! document per invocation: one run, the whole registry as the tool's rules, one result per
//! diagnostic.

use serde::Serialize;

use crate::diag::{Code, Diagnostic, Severity};
use crate::source::{SourceMap, Span};

/// The tool as it introduces itself in `runs[0].tool.driver`.
#[derive(Clone, Copy, Debug)]
pub struct Tool<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub information_uri: &'a str,
}

impl Tool<'static> {
    /// This build of compose2k8s. A repository URL set in Cargo.toml wins over the crate page.
    pub const THIS: Tool<'static> = Tool {
        name: "compose2k8s",
        version: env!("CARGO_PKG_VERSION"),
        information_uri: match option_env!("CARGO_PKG_REPOSITORY") {
            Some(uri) if !uri.is_empty() => uri,
            _ => "https://crates.io/crates/compose2k8s",
        },
    };
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: ToolComponent<'a>,
    /// Our columns count characters, as `SourceFile::line_col` does.
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct ToolComponent<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    version: &'a str,
    semantic_version: &'a str,
    information_uri: &'a str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    /// Exclusive, as SARIF defines it: the column after the last character.
    end_column: usize,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(code: Code) -> Rule {
    let explanation = code
        .explanation()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n");
    // The first paragraph says what the rule is about; the rest says what to do.
    let first = explanation
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .replace('\n', " ");
    Rule {
        id: code.id(),
        name: code.name(),
        short_description: Text {
            text: code.summary().to_string(),
        },
        full_description: Text { text: first },
        help: Help {
            text: explanation.clone(),
            markdown: explanation,
        },
        default_configuration: Configuration {
            level: level(code.severity()),
        },
    }
}

/// A file name as the user wrote it → a URI reference: relative names stay relative (code
/// scanning resolves them against the checkout), absolute ones become `file://` URIs.
pub fn uri(name: &str) -> String {
    let slashed = name.replace('\\', "/");
    let mut path = slashed.as_str();
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    let mut out = String::new();
    let bytes = path.as_bytes();
    if path.starts_with('/') {
        out.push_str("file://");
    } else if let (Some(drive), Some(b':'), true) = (
        bytes.first().copied(),
        bytes.get(1).copied(),
        bytes.len() > 2,
    ) {
        if drive.is_ascii_alphabetic() {
            // A Windows drive path: the drive's colon stays as it is.
            out.push_str("file:///");
            out.push(char::from(drive));
            out.push(':');
            path = path.get(2..).unwrap_or("");
        }
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn location(
    span: Span,
    sources: &SourceMap,
    id: Option<usize>,
    text: Option<&str>,
) -> Option<Location> {
    let file = sources.get(span.file)?;
    let (start_line, start_column) = file.line_col(span.start);
    let (end_line, end_column) = file.line_col(span.end);
    Some(Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri(&file.name),
            },
            region: Region {
                start_line,
                start_column,
                end_line,
                end_column,
            },
        },
        message: text.map(|t| Text {
            text: t.to_string(),
        }),
    })
}

fn result(d: &Diagnostic, sources: &SourceMap) -> SarifResult {
    let mut text = d.message.clone();
    if let Some(label) = &d.primary {
        if !label.text.is_empty() {
            text.push_str(": ");
            text.push_str(&label.text);
        }
    }
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    SarifResult {
        rule_id: d.code.id(),
        rule_index: Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0),
        level: level(d.severity),
        message: Text { text },
        locations: d
            .primary
            .iter()
            .filter_map(|l| location(l.span, sources, None, None))
            .collect(),
        related_locations: d
            .secondary
            .iter()
            .enumerate()
            .filter_map(|(i, l)| location(l.span, sources, Some(i), Some(&l.text)))
            .collect(),
    }
}

/// The SARIF log of one invocation, pretty-printed, ending in a newline.
pub fn sarif(diags: &[Diagnostic], sources: &SourceMap, tool: Tool<'_>) -> String {
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: ToolComponent {
                driver: Driver {
                    name: tool.name,
                    version: tool.version,
                    semantic_version: tool.version,
                    information_uri: tool.information_uri,
                    rules: Code::ALL.iter().copied().map(rule).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results: diags.iter().map(|d| result(d, sources)).collect(),
        }],
    };
    match serde_json::to_string_pretty(&log) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        // Serialising plain structs of strings and numbers does not fail; an empty log is still
        // a valid document should it ever.
        Err(_) => String::from("{\"version\":\"2.1.0\",\"runs\":[]}\n"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references_or_file_uris() {
        assert_eq!(uri("compose.yaml"), "compose.yaml");
        assert_eq!(uri("./deploy/compose.yaml"), "deploy/compose.yaml");
        assert_eq!(uri("my app/compose.yaml"), "my%20app/compose.yaml");
        assert_eq!(uri("/srv/app/compose.yaml"), "file:///srv/app/compose.yaml");
        assert_eq!(uri("C:\\app\\compose.yaml"), "file:///C:/app/compose.yaml");
        assert_eq!(uri("a#b%.yaml"), "a%23b%25.yaml");
    }
}
