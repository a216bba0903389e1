//! The strictness policy: which diagnostics a project drops (`allow`), keeps as warnings (`warn`)
//! or turns into errors (`deny`). It is applied after the conversion, to its finished list of
//! diagnostics, so no stage needs to know about it.
//!
//! Rules come from several places (the command line, the Compose file's top-level
//! `x-kubernetes.diagnostics`, a service's `x-kubernetes.diagnostics.allow`); each place builds a
//! [`Policy`] and [`Policy::merge`] layers them. When several rules match one diagnostic, the
//! most specific wins, as with rustc's lint levels:
//!
//! 1. a rule naming the code beats `warnings`;
//! 2. a rule scoped to a span (a service) beats a project-wide one;
//! 3. a rule of a later layer beats one of an earlier layer;
//! 4. on a tie, the stricter wins (`deny` over `warn` over `allow`).
//!
//! Errors are never relaxed: an error stopped the conversion, and dropping it or calling it a
//! warning would not bring the manifests back. [`Policy::add`] refuses `allow` and `warn` for a
//! code whose registered severity is error, and [`Policy::apply`] leaves errors as they are.

use std::fmt;

use super::{Code, Diagnostic, Severity};
use crate::source::Span;

/// What a rule does to the diagnostics it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// Drop the diagnostic.
    Allow,
    /// Report it as a warning.
    Warn,
    /// Report it as an error: the command fails and writes nothing.
    Deny,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Allow => "allow",
            Action::Warn => "warn",
            Action::Deny => "deny",
        }
    }
}

/// Which diagnostics a rule matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Selector {
    Code(Code),
    /// Every diagnostic that is a warning by the time the policy sees it.
    Warnings,
}

impl Selector {
    /// A code (`C2K3003`), a rule name (`bind-mount`) or `warnings`.
    pub fn parse(text: &str) -> Result<Selector, PolicyError> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("warnings") {
            return Ok(Selector::Warnings);
        }
        Code::from_id(text)
            .map(Selector::Code)
            .ok_or_else(|| PolicyError::UnknownCode(text.to_string()))
    }

    fn matches(self, d: &Diagnostic) -> bool {
        match self {
            Selector::Code(code) => d.code == code,
            Selector::Warnings => d.severity == Severity::Warning,
        }
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::Code(code) => write!(f, "{}({})", code.id(), code.name()),
            Selector::Warnings => f.write_str("warnings"),
        }
    }
}

/// A rule the policy cannot take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyError {
    /// Neither a code, a rule name nor `warnings`.
    UnknownCode(String),
    /// `allow` or `warn` for a code that is always an error.
    CannotRelax { action: Action, code: Code },
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyError::UnknownCode(text) => write!(
                f,
                "no diagnostic with code or name `{text}` (and it is not `warnings`); `compose2k8s explain --all` lists them"
            ),
            PolicyError::CannotRelax { action, code } => write!(
                f,
                "cannot {action} {id}({name}): it is an error, which stops the conversion; only warnings and notes can be allowed or set to warn",
                action = action.as_str(),
                id = code.id(),
                name = code.name()
            ),
        }
    }
}

impl std::error::Error for PolicyError {}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Rule {
    selector: Selector,
    action: Action,
    /// Only diagnostics whose primary span lies inside this one (e.g. a service's mapping).
    scope: Option<Span>,
    /// Later layers win over earlier ones; see [`Policy::merge`].
    layer: u32,
}

impl Rule {
    fn matches(&self, d: &Diagnostic) -> bool {
        if !self.selector.matches(d) {
            return false;
        }
        match (self.scope, &d.primary) {
            (None, _) => true,
            (Some(scope), Some(label)) => {
                let span = label.span;
                span.file == scope.file && span.start >= scope.start && span.end <= scope.end
            }
            (Some(_), None) => false,
        }
    }

    /// The precedence order of the module documentation, highest last.
    fn rank(&self) -> (bool, bool, u32, Action) {
        (
            matches!(self.selector, Selector::Code(_)),
            self.scope.is_some(),
            self.layer,
            self.action,
        )
    }
}

/// A set of rules. Empty by default: every diagnostic keeps its registered severity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    rules: Vec<Rule>,
}

impl Policy {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Adds a project-wide rule.
    pub fn add(&mut self, action: Action, selector: Selector) -> Result<(), PolicyError> {
        self.push(action, selector, None)
    }

    /// Adds a rule for the diagnostics located inside `scope` only: a service's
    /// `x-kubernetes.diagnostics.allow` passes the span of the service's mapping.
    pub fn add_within(
        &mut self,
        action: Action,
        selector: Selector,
        scope: Span,
    ) -> Result<(), PolicyError> {
        self.push(action, selector, Some(scope))
    }

    /// Parses `text` (a code, a rule name or `warnings`) and adds a project-wide rule.
    pub fn add_text(&mut self, action: Action, text: &str) -> Result<(), PolicyError> {
        self.add(action, Selector::parse(text)?)
    }

    fn push(
        &mut self,
        action: Action,
        selector: Selector,
        scope: Option<Span>,
    ) -> Result<(), PolicyError> {
        if let Selector::Code(code) = selector {
            if action != Action::Deny && code.severity() == Severity::Error {
                return Err(PolicyError::CannotRelax { action, code });
            }
        }
        let layer = self.top_layer();
        self.rules.push(Rule {
            selector,
            action,
            scope,
            layer,
        });
        Ok(())
    }

    fn top_layer(&self) -> u32 {
        self.rules.iter().map(|r| r.layer).max().unwrap_or(0)
    }

    /// Layers `over` on top of `self`: where rules of both match a diagnostic equally
    /// specifically, those of `over` win. The command line is merged over the Compose file.
    pub fn merge(mut self, over: Policy) -> Policy {
        let base = if self.rules.is_empty() {
            0
        } else {
            self.top_layer() + 1
        };
        self.rules.extend(over.rules.into_iter().map(|mut r| {
            r.layer = r.layer.saturating_add(base);
            r
        }));
        self
    }

    /// What the policy decides for one diagnostic: `None` when no rule matches.
    pub fn decide(&self, d: &Diagnostic) -> Option<Action> {
        if d.severity == Severity::Error {
            return None;
        }
        self.rules
            .iter()
            .filter(|r| r.matches(d))
            .max_by_key(|r| r.rank())
            .map(|r| r.action)
    }

    /// The diagnostics as the policy wants them, in the same order: allowed ones dropped, the
    /// others at their new severity.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if self.rules.is_empty() {
            return diagnostics;
        }
        diagnostics
            .into_iter()
            .filter_map(|mut d| {
                match self.decide(&d) {
                    None => {}
                    Some(Action::Allow) => return None,
                    Some(Action::Warn) => d.severity = Severity::Warning,
                    Some(Action::Deny) => d.severity = Severity::Error,
                }
                Some(d)
            })
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn diag(code: Code, start: usize) -> Diagnostic {
        Diagnostic::new(code, "m").at(Span::new(FileId(0), start, start + 1), "l")
    }

    fn severities(p: &Policy, ds: Vec<Diagnostic>) -> Vec<(Code, Severity)> {
        p.apply(ds)
            .into_iter()
            .map(|d| (d.code, d.severity))
            .collect()
    }

    #[test]
    fn empty_policy_changes_nothing() {
        let ds = vec![diag(Code::BindMount, 1), diag(Code::DevelopOnly, 2)];
        assert_eq!(Policy::new().apply(ds.clone()), ds);
    }

    #[test]
    fn deny_warnings_raises_warnings_only() {
        let mut p = Policy::new();
        p.add_text(Action::Deny, "warnings").unwrap();
        let got = severities(
            &p,
            vec![diag(Code::BindMount, 1), diag(Code::DevelopOnly, 2)],
        );
        assert_eq!(
            got,
            vec![
                (Code::BindMount, Severity::Error),
                (Code::DevelopOnly, Severity::Info)
            ]
        );
    }

    #[test]
    fn a_named_code_beats_warnings() {
        let mut p = Policy::new();
        p.add_text(Action::Deny, "warnings").unwrap();
        p.add_text(Action::Allow, "bind-mount").unwrap();
        p.add_text(Action::Warn, "C2K3002").unwrap();
        let got = severities(
            &p,
            vec![
                diag(Code::BindMount, 1),
                diag(Code::DevelopOnly, 2),
                diag(Code::NotTranslated, 3),
            ],
        );
        assert_eq!(
            got,
            vec![
                (Code::DevelopOnly, Severity::Warning),
                (Code::NotTranslated, Severity::Error)
            ]
        );
    }

    #[test]
    fn stricter_wins_a_tie_and_later_layers_win_over_earlier() {
        let mut p = Policy::new();
        p.add_text(Action::Allow, "bind-mount").unwrap();
        p.add_text(Action::Deny, "bind-mount").unwrap();
        assert_eq!(
            severities(&p, vec![diag(Code::BindMount, 1)]),
            vec![(Code::BindMount, Severity::Error)]
        );
        let mut file = Policy::new();
        file.add_text(Action::Deny, "bind-mount").unwrap();
        let mut cli = Policy::new();
        cli.add_text(Action::Allow, "bind-mount").unwrap();
        let merged = file.merge(cli);
        assert!(merged.apply(vec![diag(Code::BindMount, 1)]).is_empty());
    }

    #[test]
    fn scoped_rules_apply_inside_their_span_and_win_there() {
        let mut cli = Policy::new();
        cli.add_text(Action::Deny, "warnings").unwrap();
        let mut service = Policy::new();
        service
            .add_within(
                Action::Allow,
                Selector::Code(Code::BindMount),
                Span::new(FileId(0), 10, 20),
            )
            .unwrap();
        let p = service.merge(cli);
        let got = severities(
            &p,
            vec![diag(Code::BindMount, 12), diag(Code::BindMount, 30)],
        );
        assert_eq!(got, vec![(Code::BindMount, Severity::Error)]);
    }

    #[test]
    fn errors_are_never_relaxed() {
        let mut p = Policy::new();
        assert_eq!(
            p.add_text(Action::Allow, "C2K2001"),
            Err(PolicyError::CannotRelax {
                action: Action::Allow,
                code: Code::UnknownKey
            })
        );
        assert!(p.add_text(Action::Warn, "unknown-key").is_err());
        p.add_text(Action::Deny, "unknown-key").unwrap();
        p.add_text(Action::Allow, "warnings").unwrap();
        let mut error = diag(Code::BindMount, 1);
        error.severity = Severity::Error;
        assert_eq!(p.apply(vec![error.clone()]), vec![error]);
    }

    #[test]
    fn unknown_selectors_are_refused() {
        assert_eq!(
            Selector::parse("C2K9999"),
            Err(PolicyError::UnknownCode("C2K9999".into()))
        );
        assert_eq!(Selector::parse(" WARNINGS "), Ok(Selector::Warnings));
        assert_eq!(
            Selector::parse("c2k3003"),
            Ok(Selector::Code(Code::BindMount))
        );
    }
}
