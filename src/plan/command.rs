use super::service::ServicePlan;
use crate::compose::ast::Command;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::Fact;
use crate::yaml::Spanned;

type Argv = Option<Fact<Vec<String>>>;

/// Compose `entrypoint` → Kubernetes `command`; Compose `command` → Kubernetes `args`. The string
/// forms are split with shell rules, as Compose does.
pub fn command_and_args(sp: &mut ServicePlan, diags: &mut Diagnostics) -> (Argv, Argv) {
    sp.consume("command");
    sp.consume("entrypoint");
    let s = sp.service;
    (
        s.entrypoint
            .as_ref()
            .and_then(|c| argv(c, "entrypoint", diags)),
        s.command.as_ref().and_then(|c| argv(c, "command", diags)),
    )
}

fn argv(c: &Spanned<Command>, key: &str, diags: &mut Diagnostics) -> Argv {
    match c.value.argv() {
        Ok(v) => Some(Fact::new(c.span, v)),
        Err(_) => {
            diags.push(
                Diagnostic::new(Code::InvalidValue, format!("`{key}` has an unclosed quote"))
                    .at(c.span, "cannot be split into words")
                    .help(format!(
                        "close the quote, or write `{key}` as a list: [\"prog\", \"arg\"]"
                    )),
            );
            None
        }
    }
}
