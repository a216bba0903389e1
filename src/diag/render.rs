//! Renderings of diagnostics: miette's graphical report for people, one JSON object per line for
//! machines, a SARIF log for code scanning and GitHub workflow commands for annotations. All read
//! the same plain [`Diagnostic`] data.

pub mod github;
pub mod sarif;

pub use github::github;
pub use sarif::{sarif, uri, Tool};

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceSpan, SpanContents,
};
use serde::Serialize;

use super::{Diagnostic, Severity};
use crate::source::{SourceFile, SourceMap, Span};

/// How the human report looks. Tests fix theme and width so snapshots do not depend on the terminal.
#[derive(Clone, Copy, Debug)]
pub struct HumanStyle {
    pub color: bool,
    pub width: usize,
}

impl HumanStyle {
    pub const PLAIN: HumanStyle = HumanStyle {
        color: false,
        width: 100,
    };
}

/// A diagnostic joined with the source text it points into, as miette wants it.
struct Report {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<Snippet>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

/// The lines of a file around a report's labels, as miette reads them. Given the whole file,
/// miette counts lines from its start for every label, and each report held a copy of the file:
/// thousands of notes on a large file took seconds to print, quadratic in its size.
struct Snippet {
    name: String,
    /// Whole lines of the file, starting at byte `base`.
    text: String,
    base: usize,
    /// The 0-based line number of the first line of `text`.
    first_line: usize,
}

impl Snippet {
    /// Lines shown around the labels: more than the handler's context lines, so the window never
    /// cuts what the whole file would show.
    const MARGIN: usize = 3;

    fn new(file: &SourceFile, spans: &[Span]) -> Snippet {
        let text = file.text.as_str();
        let len = text.len();
        let start = spans
            .iter()
            .map(|s| s.start as usize)
            .min()
            .unwrap_or(0)
            .min(len);
        let end = spans
            .iter()
            .map(|s| s.end as usize)
            .max()
            .unwrap_or(0)
            .clamp(start, len);
        let line_start = |at: usize| {
            text.get(..at)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |i| i + 1)
        };
        let line_end = |at: usize| {
            text.get(at..)
                .and_then(|t| t.find('\n'))
                .map_or(len, |i| at + i)
        };
        let mut from = line_start(start);
        for _ in 0..Self::MARGIN {
            if from == 0 {
                break;
            }
            from = line_start(from - 1);
        }
        let mut to = line_end(end);
        for _ in 0..Self::MARGIN {
            if to >= len {
                break;
            }
            to = line_end(to + 1);
        }
        // Offsets that are not on a character boundary (never from the parser) fall back to the
        // whole file.
        let (base, window) = match text.get(from..to) {
            Some(w) => (from, w),
            None => (0, text),
        };
        Snippet {
            name: file.name.clone(),
            text: window.to_string(),
            base,
            first_line: file.line_col(base as u32).0.saturating_sub(1),
        }
    }
}

impl miette::SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let local = SourceSpan::new(span.offset().saturating_sub(self.base).into(), span.len());
        let inner = self
            .text
            .read_span(&local, context_lines_before, context_lines_after)?;
        let found = SourceSpan::new(
            (inner.span().offset() + self.base).into(),
            inner.span().len(),
        );
        let contents = MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            found,
            inner.line() + self.first_line,
            inner.column(),
            inner.line_count(),
        )
        .with_language("yaml");
        Ok(Box::new(contents))
    }
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Info => miette::Severity::Advice,
        Severity::Warning => miette::Severity::Warning,
        Severity::Error => miette::Severity::Error,
    }
}

fn source_span(span: crate::source::Span) -> SourceSpan {
    SourceSpan::new((span.start as usize).into(), span.len())
}

/// `FILE:LINE:COL` of a span, for files whose text is not shown.
fn place(span: crate::source::Span, sources: &SourceMap) -> String {
    match sources.get(span.file) {
        Some(f) => {
            let (line, col) = f.line_col(span.start);
            // This place is part of the message text, which wraps: a path under the current
            // directory is shown relative, so the text is the same in every checkout.
            let name = std::env::current_dir()
                .ok()
                .and_then(|cwd| {
                    std::path::Path::new(&f.name)
                        .strip_prefix(cwd)
                        .ok()
                        .map(|p| p.display().to_string())
                })
                .unwrap_or_else(|| f.name.clone());
            format!("{name}:{line}:{col}")
        }
        None => String::from("?"),
    }
}

fn is_sensitive(span: crate::source::Span, sources: &SourceMap) -> bool {
    sources.get(span.file).is_some_and(|f| f.sensitive)
}

fn report(d: &Diagnostic, sources: &SourceMap) -> Report {
    let mut labels = Vec::new();
    let mut related = Vec::new();
    let mut source = None;
    let mut message = d.message.clone();
    if let Some(primary) = &d.primary {
        // A credential warning points at a line that holds the credential: never quote it.
        let redact = d.code == super::Code::CredentialInEnvironment;
        if redact || is_sensitive(primary.span, sources) {
            // An env file's lines hold secrets: name the place, never show the text.
            message = format!(
                "{message}\n  at {}: {}",
                place(primary.span, sources),
                primary.text
            );
        } else {
            if let Some(file) = sources.get(primary.span.file) {
                let spans: Vec<Span> = std::iter::once(primary.span)
                    .chain(
                        d.secondary
                            .iter()
                            .map(|l| l.span)
                            .filter(|s| s.file == primary.span.file),
                    )
                    .collect();
                source = Some(Snippet::new(file, &spans));
            }
            labels.push(LabeledSpan::new_primary_with_span(
                Some(primary.text.clone()),
                source_span(primary.span),
            ));
        }
        for l in &d.secondary {
            let same_file = l.span.file == primary.span.file;
            if is_sensitive(l.span, sources) {
                related.push(Report {
                    message: format!("{} (at {})", l.text, place(l.span, sources)),
                    code: String::new(),
                    severity: miette::Severity::Advice,
                    help: None,
                    source: None,
                    labels: Vec::new(),
                    related: Vec::new(),
                });
            } else if same_file && source.is_some() {
                labels.push(LabeledSpan::new_with_span(
                    Some(l.text.clone()),
                    source_span(l.span),
                ));
            } else if let Some(file) = sources.get(l.span.file) {
                // miette shows one file per report; a label in another file becomes a note of its own.
                related.push(Report {
                    message: l.text.clone(),
                    code: String::new(),
                    severity: miette::Severity::Advice,
                    help: None,
                    source: Some(Snippet::new(file, &[l.span])),
                    labels: vec![LabeledSpan::new_primary_with_span(
                        Some("here".into()),
                        source_span(l.span),
                    )],
                    related: Vec::new(),
                });
            }
        }
    }
    Report {
        message,
        code: format!("{}({})", d.code.id(), d.code.name()),
        severity: miette_severity(d.severity),
        help: d.help.clone(),
        source,
        labels,
        related,
    }
}

/// The graphical report of one diagnostic, as printed on stderr.
pub fn human(d: &Diagnostic, sources: &SourceMap, style: HumanStyle) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_break_words(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_context_lines(2);
    let mut out = String::new();
    if handler
        .render_report(&mut out, &report(d, sources))
        .is_err()
    {
        // Rendering into a String only fails on a formatter error; fall back to one plain line.
        out = format!("{}: {} [{}]\n", d.severity.as_str(), d.message, d.code.id());
    }
    out
}

/// One diagnostic as a machine-readable record (`--diagnostics json`, one per line).
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: &'a str,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub byte_start: Option<u32>,
    pub byte_end: Option<u32>,
    pub label: Option<&'a str>,
    pub help: Option<&'a str>,
}

pub fn json_record<'a>(d: &'a Diagnostic, sources: &'a SourceMap) -> JsonDiagnostic<'a> {
    let located = d
        .primary
        .as_ref()
        .and_then(|l| sources.get(l.span.file).map(|f| (l, f)));
    let start = located.map(|(l, f)| f.line_col(l.span.start));
    let end = located.map(|(l, f)| f.line_col(l.span.end));
    JsonDiagnostic {
        code: d.code.id(),
        name: d.code.name(),
        severity: d.severity,
        message: &d.message,
        file: located.map(|(_, f)| f.name.as_str()),
        line: start.map(|p| p.0),
        column: start.map(|p| p.1),
        end_line: end.map(|p| p.0),
        end_column: end.map(|p| p.1),
        byte_start: located.map(|(l, _)| l.span.start),
        byte_end: located.map(|(l, _)| l.span.end),
        label: located.map(|(l, _)| l.text.as_str()),
        help: d.help.as_deref(),
    }
}

pub fn json_line(d: &Diagnostic, sources: &SourceMap) -> String {
    serde_json::to_string(&json_record(d, sources)).unwrap_or_else(|_| String::from("{}"))
}

/// `N errors, N warnings` for the end of human output.
pub fn summary(diags: &[Diagnostic]) -> String {
    let count = |s| diags.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Info), "note")
    )
}
