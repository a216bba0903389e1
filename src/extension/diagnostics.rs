//! `x-kubernetes.diagnostics`: the Compose file's layer of the strictness policy. The top level
//! sets project-wide rules (`deny`, `allow`, `warn`); a service may only `allow`, and only for the
//! diagnostics located inside its own definition. The command line's `--deny`/`--allow`/`--warn`
//! are layered over these (see `diag::policy`).

use schemars::JsonSchema;
use serde::Deserialize;

use crate::compose::ast::Project;
use crate::diag::policy::{Action, Policy, PolicyError, Selector};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;
use crate::yaml::de::{closest, Context};
use crate::yaml::Spanned;

type Entries = Option<Spanned<Vec<Spanned<String>>>>;

/// Project-wide strictness rules. Each entry is a diagnostic code (`C2K3003`), its rule name
/// (`bind-mount`) or `warnings` (every warning). The command line's `--deny`, `--allow` and
/// `--warn` win over these.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct ProjectDiagnostics {
    /// Report these diagnostics as errors: the conversion fails and writes nothing.
    pub deny: Entries,
    /// Drop these diagnostics (warnings and notes only; errors cannot be allowed).
    pub allow: Entries,
    /// Report these diagnostics as warnings (notes, or warnings `deny: [warnings]` would raise).
    pub warn: Entries,
}

/// Strictness rules for the diagnostics inside one service's definition.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
#[schemars(deny_unknown_fields)]
pub struct ServiceDiagnostics {
    /// Drop these diagnostics where they point into this service (warnings and notes only): a
    /// code (`C2K3003`), a rule name (`bind-mount`) or `warnings`. They beat project-wide rules,
    /// including the command line's.
    pub allow: Entries,
}

/// Reports the entries of the top-level block that the policy cannot take.
pub(super) fn check_project(d: &ProjectDiagnostics, cx: &Context) {
    let mut scratch = Policy::new();
    for e in add_project(d, &mut scratch) {
        cx.push(e);
    }
}

/// Reports the entries of a service's block that the policy cannot take.
pub(super) fn check_service(d: &ServiceDiagnostics, cx: &Context) {
    let mut scratch = Policy::new();
    for e in add_service(d, Span::default(), &mut scratch) {
        cx.push(e);
    }
}

/// The file's policy: the top-level rules, and each service's `allow` scoped to the service
/// (from its name to the end of its definition). Entries the policy cannot take were reported
/// when the blocks were read and are left out here.
pub fn file_policy(project: &Project) -> Policy {
    let mut policy = Policy::new();
    if let Some(d) = project
        .x_kubernetes
        .as_ref()
        .and_then(|x| x.value.diagnostics.as_ref())
    {
        add_project(&d.value, &mut policy);
    }
    for service in project.services.values() {
        let Some(d) = service
            .x_kubernetes
            .as_ref()
            .and_then(|x| x.value.diagnostics.as_ref())
        else {
            continue;
        };
        // Diagnostics about a service point at its name as often as into its mapping.
        let scope = service.name.span.to(service.span);
        add_service(&d.value, scope, &mut policy);
    }
    policy
}

fn add_project(d: &ProjectDiagnostics, policy: &mut Policy) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    // The order within one layer does not matter: ties go to the stricter action.
    for (action, entries) in [
        (Action::Allow, &d.allow),
        (Action::Warn, &d.warn),
        (Action::Deny, &d.deny),
    ] {
        for entry in entries.iter().flat_map(|e| &e.value) {
            let added = Selector::parse(&entry.value).and_then(|s| policy.add(action, s));
            if let Err(e) = added {
                errors.push(error(entry, &e));
            }
        }
    }
    errors
}

fn add_service(d: &ServiceDiagnostics, scope: Span, policy: &mut Policy) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for entry in d.allow.iter().flat_map(|e| &e.value) {
        let added =
            Selector::parse(&entry.value).and_then(|s| policy.add_within(Action::Allow, s, scope));
        if let Err(e) = added {
            errors.push(error(entry, &e));
        }
    }
    errors
}

fn error(entry: &Spanned<String>, e: &PolicyError) -> Diagnostic {
    match e {
        PolicyError::UnknownCode(text) => {
            let d = Diagnostic::new(
                Code::UnknownDiagnosticCode,
                format!("`{text}` names no diagnostic"),
            )
            .at(entry.span, "not a code, a rule name or `warnings`");
            match closest_rule(text) {
                Some(name) => d.help(format!(
                    "did you mean `{name}`? `compose2k8s explain --all` lists the codes and names"
                )),
                None => d.help("`compose2k8s explain --all` lists the codes and rule names"),
            }
        }
        PolicyError::CannotRelax { action, code } => Diagnostic::new(
            Code::ErrorNotRelaxable,
            format!(
                "`{}` cannot be {}: {}({}) is an error",
                entry.value,
                match action {
                    Action::Allow => "allowed",
                    Action::Warn | Action::Deny => "set to warn",
                },
                code.id(),
                code.name()
            ),
        )
        .at(entry.span, "always an error")
        .help("an error stops the conversion, so it cannot be dropped or lowered; fix what it reports, or remove this entry"),
    }
}

/// The rule name closest to a misspelt one, when one is close enough to be meant.
fn closest_rule(text: &str) -> Option<&'static str> {
    let names: Vec<&'static str> = Code::ALL.iter().map(|c| c.name()).collect();
    closest(&text.trim().to_ascii_lowercase(), &names)
}
