use super::{Code, Severity};
use crate::source::Span;

/// A located message about the user's input. Plain data: rendering happens in `diag::render`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Where the problem is. `None` only for problems with no file behind them (e.g. no compose
    /// file found at all).
    pub primary: Option<Label>,
    pub secondary: Vec<Label>,
    pub help: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

impl Diagnostic {
    /// A diagnostic at the code's registered severity.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn at(mut self, span: Span, label: impl Into<String>) -> Self {
        self.primary = Some(Label {
            span,
            text: label.into(),
        });
        self
    }

    pub fn also(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            text: label.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Where every stage puts its diagnostics. Stages never stop on their own diagnostics; the caller
/// decides from `has_errors` whether to go on.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Errors first, then everything in reading order: by file, then position, then code. Stages push in the order
    /// they work, which is not the order a user reads a file in.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            // Errors first: they are why nothing was written, and notes about the translation
            // of a project that did not convert should not bury them.
            let key = |d: &Diagnostic| {
                (
                    !d.is_error(),
                    d.primary.as_ref().map(|l| (l.span.file, l.span.start)),
                )
            };
            key(a)
                .cmp(&key(b))
                .then(a.code.cmp(&b.code))
                .then(a.message.cmp(&b.message))
        });
        self.items.dedup();
        self.items
    }
}
