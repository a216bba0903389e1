//! The migration report: per service, each Compose key it sets and what became of it — mapped
//! (no diagnostic on it), approximated (a warning or note on it), dropped (a diagnostic that says
//! it has no effect) — with the diagnostic codes and the Kubernetes objects the service became.
//! It is the artefact a reviewer signs off in a migration pull request: Markdown (opening with a
//! Mermaid diagram) or JSON.
//!
//! The report is built beside the pipeline, not inside it: it reads the typed project again and
//! joins three things the pipeline already produces. A diagnostic belongs to a key when its
//! primary span lies inside the key's value span; an object belongs to a service through the
//! `app.kubernetes.io/name` label and the volumes its pods mount.

mod attribute;
mod fields;
mod markdown;
mod mermaid;
mod objects;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::compose::ast::Service;
use crate::convert::{load_and_read, Conversion, Options};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::k8s::names;
use crate::source::{FileId, SourceMap, Span};

pub use markdown::markdown;
pub use mermaid::flowchart;

/// The Kubernetes API version the manifests target.
pub const KUBERNETES_API: &str = "1.33";

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The Compose project name.
    pub project: String,
    /// `compose2k8s <version>`.
    pub generator: String,
    pub kubernetes_api: &'static str,
    /// Whether manifests were produced (no error diagnostics).
    pub converted: bool,
    pub summary: Summary,
    pub services: Vec<ServiceReport>,
    /// Diagnostics that belong to no service (top-level keys, files, the command line).
    pub project_diagnostics: Vec<DiagnosticRef>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub services: usize,
    pub services_converted: usize,
    pub services_left_on_compose: usize,
    pub objects: usize,
    pub keys_mapped: usize,
    pub keys_approximated: usize,
    pub keys_dropped: usize,
    pub keys_in_error: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceStatus {
    /// Became Kubernetes objects.
    Converted,
    /// Left out by `--profile` or `--services`: it stays on Compose.
    StaysOnCompose,
    /// The conversion stopped on errors.
    NotConverted,
}

#[derive(Clone, Debug, Serialize)]
pub struct ServiceReport {
    pub name: String,
    pub status: ServiceStatus,
    /// The services it `depends_on`, with the condition when one is given.
    pub depends_on: Vec<Dependency>,
    pub objects: Vec<ObjectRef>,
    pub keys: Vec<KeyReport>,
    /// Diagnostics on the service that lie in none of its keys (e.g. at its name).
    pub diagnostics: Vec<DiagnosticRef>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Dependency {
    pub service: String,
    pub condition: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ObjectRef {
    pub kind: String,
    pub name: String,
    /// Its file in the `-o DIR` layout.
    pub file: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Mapped,
    Approximated,
    Dropped,
    Error,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Mapped => "mapped",
            Outcome::Approximated => "approximated",
            Outcome::Dropped => "dropped",
            Outcome::Error => "error",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct KeyReport {
    /// The Compose key; keys of `deploy` and `healthcheck` are reported one by one
    /// (`deploy.replicas`).
    pub key: String,
    pub file: String,
    pub line: usize,
    pub outcome: Outcome,
    /// The Kubernetes field(s) it became, when it was translated and the report knows them.
    pub kubernetes: Option<&'static str>,
    pub diagnostics: Vec<DiagnosticRef>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DiagnosticRef {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
}

impl DiagnosticRef {
    fn new(d: &Diagnostic, sources: &SourceMap) -> Self {
        let at = d
            .primary
            .as_ref()
            .and_then(|l| sources.get(l.span.file).map(|f| (f, l.span.start)));
        DiagnosticRef {
            code: d.code.id(),
            name: d.code.name(),
            severity: d.severity,
            message: d.message.clone(),
            file: at.map(|(f, _)| f.name.clone()),
            line: at.map(|(f, start)| f.line_col(start).0),
        }
    }
}

/// One key of one service as the attribution sees it.
pub(crate) struct KeySpan {
    pub key: String,
    pub span: Span,
}

/// A service's spans in the conversion's source map (`None` for a file it did not read).
pub(crate) struct ServiceSpans {
    pub name: String,
    pub mapping: Option<Span>,
    pub name_span: Option<Span>,
}

/// Spans of a project loaded into `from` → the same places in `to`, matching files by path:
/// loads with other profiles may read files (e.g. a left-out service's `env_file`) that the
/// conversion did not, so file ids need not agree.
struct Remap(Vec<Option<FileId>>);

impl Remap {
    fn new(from: &SourceMap, to: &SourceMap) -> Self {
        Remap(
            from.files()
                .map(|(_, f)| {
                    to.files()
                        .find(|(_, g)| g.path == f.path && g.name == f.name)
                        .map(|(id, _)| id)
                })
                .collect(),
        )
    }

    fn span(&self, span: Span) -> Option<Span> {
        let file = (*self.0.get(span.file.0 as usize)?)?;
        Some(Span { file, ..span })
    }
}

/// The keys a service sets, in source order, with `deploy` and `healthcheck` opened into their own keys, whose
/// fates differ (`deploy.replicas` is mapped, `deploy.placement` dropped).
fn keys_of(service: &Service, remap: &Remap) -> Vec<KeySpan> {
    let mut keys = Vec::new();
    for (key, span) in service.present_keys() {
        let nested = match key {
            "deploy" => service.deploy.as_ref().map(|d| d.value.present_keys()),
            "healthcheck" => service.healthcheck.as_ref().map(|h| h.value.present_keys()),
            _ => None,
        };
        match nested {
            Some(inner) if !inner.is_empty() => {
                keys.extend(inner.into_iter().filter_map(|(k, s)| {
                    Some(KeySpan {
                        key: format!("{key}.{k}"),
                        span: remap.span(s)?,
                    })
                }))
            }
            _ => keys.extend(remap.span(span).map(|span| KeySpan {
                key: key.to_string(),
                span,
            })),
        }
    }
    // In the order the file has them, as a reviewer reads it beside the report.
    keys.sort_by_key(|k| (k.span.file, k.span.start));
    keys
}

/// Joins the conversion with the project it came from. `options` must be the ones the
/// conversion ran with: the project is loaded again with every profile active, to name the
/// services that stay on Compose; the conversion itself says which ones were selected.
pub fn build(options: &Options, conversion: &Conversion) -> Report {
    let mut all_options = options.load.clone();
    all_options.profiles = vec!["*".to_string()];
    all_options.services = Vec::new();
    let mut all_sources = SourceMap::new();
    let all = load_and_read(&all_options, &mut all_sources, &mut Diagnostics::new());
    // Only when the whole project does not load (a profile-only service breaks it, say) is the
    // selection loaded again, to have a model to attribute keys to.
    let mut selected_sources = SourceMap::new();
    let selected = match (&all, &conversion.project) {
        (None, Some(_)) => load_and_read(
            &options.load,
            &mut selected_sources,
            &mut Diagnostics::new(),
        ),
        _ => None,
    };
    let (project, remap) = match (&all, &selected) {
        (Some((p, _)), _) => (Some(p), Remap::new(&all_sources, &conversion.sources)),
        (None, Some((p, _))) => (Some(p), Remap::new(&selected_sources, &conversion.sources)),
        (None, None) => (None, Remap(Vec::new())),
    };
    let sources = &conversion.sources;
    let selected_names: BTreeSet<&str> = conversion
        .project
        .as_ref()
        .map(|p| p.services.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let name = conversion
        .project
        .as_ref()
        .map(|p| p.name.clone())
        .or_else(|| all.as_ref().map(|(_, n)| n.clone()))
        .unwrap_or_default();
    let converted = !conversion.has_errors();

    let services: Vec<&Service> = project
        .map(|p| p.services.values().collect())
        .unwrap_or_default();
    let keys: Vec<Vec<KeySpan>> = services.iter().map(|s| keys_of(s, &remap)).collect();
    let spans: Vec<ServiceSpans> = services
        .iter()
        .map(|s| ServiceSpans {
            name: s.name.value.clone(),
            mapping: remap.span(s.span),
            name_span: remap.span(s.name.span),
        })
        .collect();
    let assigned = attribute::assign(&conversion.diagnostics, &spans, &keys);
    let index = objects::Index::new(&conversion.objects);

    let mut reports = Vec::new();
    // `keys` and the attribution tables are built per service in the same order.
    let none: Vec<&Diagnostic> = Vec::new();
    for ((i, service), service_keys) in services.iter().enumerate().zip(&keys) {
        let status = if !selected_names.contains(service.name.value.as_str())
            && conversion.project.is_some()
        {
            ServiceStatus::StaysOnCompose
        } else if converted {
            ServiceStatus::Converted
        } else {
            ServiceStatus::NotConverted
        };
        let key_reports = service_keys
            .iter()
            .enumerate()
            .map(|(k, key)| {
                let diags = assigned
                    .keys
                    .get(i)
                    .and_then(|per_key| per_key.get(k))
                    .unwrap_or(&none);
                let outcome = attribute::outcome(key.span, diags, sources);
                let (file, line) = sources
                    .get(key.span.file)
                    .map(|f| (f.name.clone(), f.line_col(key.span.start).0))
                    .unwrap_or_default();
                KeyReport {
                    key: key.key.clone(),
                    file,
                    line,
                    outcome,
                    kubernetes: match outcome {
                        Outcome::Mapped | Outcome::Approximated => fields::target(&key.key),
                        Outcome::Dropped | Outcome::Error => None,
                    },
                    diagnostics: diags
                        .iter()
                        .map(|d| DiagnosticRef::new(d, &conversion.sources))
                        .collect(),
                }
            })
            .collect();
        reports.push(ServiceReport {
            name: service.name.value.clone(),
            status,
            depends_on: service
                .depends_on
                .iter()
                .flat_map(|d| d.value.iter())
                .map(|d| Dependency {
                    service: d.service.value.clone(),
                    condition: d.condition.as_ref().map(|c| c.value.clone()),
                })
                .collect(),
            objects: if status == ServiceStatus::Converted {
                index.of_service(&names::dns_label(&service.name.value))
            } else {
                Vec::new()
            },
            keys: key_reports,
            diagnostics: assigned
                .services
                .get(i)
                .unwrap_or(&none)
                .iter()
                .map(|d| DiagnosticRef::new(d, &conversion.sources))
                .collect(),
        });
    }
    let project_diagnostics: Vec<DiagnosticRef> = assigned
        .project
        .iter()
        .map(|d| DiagnosticRef::new(d, &conversion.sources))
        .collect();
    let summary = summarize(&reports, conversion);
    Report {
        project: name,
        generator: format!("compose2k8s {}", env!("CARGO_PKG_VERSION")),
        kubernetes_api: KUBERNETES_API,
        converted,
        summary,
        services: reports,
        project_diagnostics,
    }
}

fn summarize(services: &[ServiceReport], conversion: &Conversion) -> Summary {
    let keys = || services.iter().flat_map(|s| s.keys.iter());
    let outcomes = |o: Outcome| keys().filter(|k| k.outcome == o).count();
    let severities = |s: Severity| {
        conversion
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    Summary {
        services: services.len(),
        services_converted: services
            .iter()
            .filter(|s| s.status == ServiceStatus::Converted)
            .count(),
        services_left_on_compose: services
            .iter()
            .filter(|s| s.status == ServiceStatus::StaysOnCompose)
            .count(),
        objects: conversion.objects.len(),
        keys_mapped: outcomes(Outcome::Mapped),
        keys_approximated: outcomes(Outcome::Approximated),
        keys_dropped: outcomes(Outcome::Dropped),
        keys_in_error: outcomes(Outcome::Error),
        errors: severities(Severity::Error),
        warnings: severities(Severity::Warning),
        notes: severities(Severity::Info),
    }
}

/// The report as pretty-printed JSON, ending in a newline.
pub fn json(report: &Report) -> String {
    match serde_json::to_string_pretty(report) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        // Plain strings and numbers always serialise; keep the output valid JSON regardless.
        Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
    }
}
