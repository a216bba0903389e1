//! How the container starts and stops: `post_start`/`pre_stop` hooks → `lifecycle` exec
//! handlers, and the keys with no pod-level equivalent (`init`, `stop_signal`) diagnosed.

use super::not_translated;
use super::service::ServicePlan;
use crate::compose::ast::ServiceHook;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::Fact;
use crate::yaml::Spanned;

/// The container's `lifecycle.postStart` and `lifecycle.preStop` commands.
#[derive(Default)]
pub struct Hooks {
    pub post_start: Option<Fact<Vec<String>>>,
    pub pre_stop: Option<Fact<Vec<String>>>,
}

pub fn lifecycle(sp: &mut ServicePlan, diags: &mut Diagnostics) -> Hooks {
    for key in ["post_start", "pre_stop", "stop_signal", "init"] {
        sp.consume(key);
    }
    let s = sp.service;
    let name = &s.name.value;
    if let Some(init) = s.init.as_ref().filter(|i| i.value) {
        diags.push(not_translated(
            init.span,
            &format!("`init: true` of service `{name}`"),
            "Kubernetes runs no init process in the container; use an image whose entrypoint is `tini` (or `dumb-init`), or set `shareProcessNamespace: true` on the pod so the pause container reaps zombies",
        ));
    }
    if let Some(signal) = &s.stop_signal {
        diags.push(not_translated(
            signal.span,
            &format!("`stop_signal: {}` of service `{name}`", signal.value),
            "Kubernetes 1.33 sends the image's STOPSIGNAL (SIGTERM by default); `lifecycle.stopSignal` exists only behind the alpha `ContainerStopSignals` feature gate. Set `STOPSIGNAL` in the Dockerfile, or add a `pre_stop` hook that signals the process",
        ));
    }
    Hooks {
        post_start: hook(
            s.post_start.as_ref(),
            name,
            "post_start",
            "postStart",
            diags,
        ),
        pre_stop: hook(s.pre_stop.as_ref(), name, "pre_stop", "preStop", diags),
    }
}

/// The first hook becomes the handler; Kubernetes has one handler per event.
fn hook(
    hooks: Option<&Spanned<Vec<Spanned<ServiceHook>>>>,
    service: &str,
    key: &str,
    field: &str,
    diags: &mut Diagnostics,
) -> Option<Fact<Vec<String>>> {
    let hooks = hooks?;
    let mut out = None;
    for (i, h) in hooks.value.iter().enumerate() {
        if i > 0 {
            diags.push(not_translated(
                h.span,
                &format!("a second `{key}` hook of service `{service}`"),
                &format!("Kubernetes runs one `lifecycle.{field}` handler; join the commands into one (`sh -c 'first && second'`)"),
            ));
            continue;
        }
        let Some(command) = &h.value.command else {
            continue;
        };
        match command.value.argv() {
            Ok(argv) if !argv.is_empty() => out = Some(Fact::new(command.span, argv)),
            _ => {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        format!("the `{key}` command cannot be split into words"),
                    )
                    .at(command.span, "an unclosed quote, or empty")
                    .help("write the command as a list: [\"prog\", \"arg\"]"),
                );
                continue;
            }
        }
        let h = &h.value;
        let extras: [(&str, Option<crate::source::Span>, &str); 4] = [
            ("user", h.user.as_ref().map(|v| v.span), "the handler runs as the container's user; prefix the command with a tool that changes user"),
            ("privileged", h.privileged.as_ref().filter(|v| v.value).map(|v| v.span), "the handler has the container's privileges; set `privileged` on the service if it needs them"),
            ("working_dir", h.working_dir.as_ref().map(|v| v.span), "the handler runs in the container's working directory; wrap it: `sh -c 'cd DIR && …'`"),
            ("environment", h.environment.as_ref().map(|v| v.span), "the handler sees the container's environment; set the variables in the command (`env NAME=value …`)"),
        ];
        for (what, span, help) in extras {
            if let Some(span) = span {
                diags.push(not_translated(
                    span,
                    &format!("`{what}` of the `{key}` hook of service `{service}`"),
                    help,
                ));
            }
        }
    }
    out
}
