use std::time::Duration;

use super::service::ServicePlan;
use crate::compose::ast::HealthTest;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{Fact, Probe, ProbeAction, Probes};
use crate::source::Span;
use crate::yaml::Spanned;

// Docker's defaults when a healthcheck leaves a field out.
const DEFAULT_INTERVAL: Duration = Duration::from_secs(30);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_RETRIES: u64 = 3;
const DEFAULT_START_INTERVAL: Duration = Duration::from_secs(5);

/// `healthcheck` → readiness and liveness probes with the same command and timing, and a startup
/// probe covering `start_period` (during which Docker does not count failures).
pub fn probes(sp: &mut ServicePlan, diags: &mut Diagnostics) -> Option<Probes> {
    sp.consume("healthcheck");
    let s = sp.service;
    let hc = s.healthcheck.as_ref()?;
    if hc.value.disable.as_ref().is_some_and(|d| d.value) {
        return None;
    }
    let Some(test) = &hc.value.test else {
        diags.push(
            Diagnostic::new(
                Code::NotTranslated,
                format!(
                    "the healthcheck of service `{}` has no `test`, so it inherits the image's HEALTHCHECK",
                    s.name.value
                ),
            )
            .at(hc.span, "the image's check cannot be read from here")
            .help("state the check: `test: [\"CMD\", \"...\"]`"),
        );
        return None;
    };
    let command = match &test.value {
        HealthTest::None => return None,
        HealthTest::Cmd(args) => args.clone(),
        HealthTest::CmdShell(line) => vec!["/bin/sh".into(), "-c".into(), line.clone()],
    };
    let seconds = |what: &str,
                   d: &Option<Spanned<crate::compose::ast::Duration>>,
                   default: Duration,
                   diags: &mut Diagnostics| {
        match d {
            Some(d) => whole_seconds(what, d.value.as_std(), d.span, diags),
            None => whole_seconds(what, default, hc.span, diags),
        }
    };
    let period = seconds(
        "healthcheck `interval`",
        &hc.value.interval,
        DEFAULT_INTERVAL,
        diags,
    );
    let timeout = seconds(
        "healthcheck `timeout`",
        &hc.value.timeout,
        DEFAULT_TIMEOUT,
        diags,
    );
    let retries = hc
        .value
        .retries
        .as_ref()
        .map(|r| r.value)
        .unwrap_or(DEFAULT_RETRIES);
    let probe = Probe {
        action: ProbeAction::Exec(command.clone()),
        period_seconds: period,
        timeout_seconds: timeout,
        failure_threshold: i32::try_from(retries.max(1)).unwrap_or(i32::MAX),
        initial_delay_seconds: None,
    };
    let startup = hc.value.start_period.as_ref().and_then(|sp_| {
        let window = whole_seconds(
            "healthcheck `start_period`",
            sp_.value.as_std(),
            sp_.span,
            diags,
        );
        if window == 0 {
            return None;
        }
        let every = seconds(
            "healthcheck `start_interval`",
            &hc.value.start_interval,
            DEFAULT_START_INTERVAL,
            diags,
        )
        .max(1);
        Some(Fact::new(
            sp_.span,
            Probe {
                action: ProbeAction::Exec(command.clone()),
                period_seconds: every,
                timeout_seconds: timeout,
                // Enough attempts to cover the whole start period.
                failure_threshold: (window + every - 1) / every,
                initial_delay_seconds: None,
            },
        ))
    });
    Some(Probes {
        readiness: Some(Fact::new(test.span, probe.clone())),
        liveness: Some(Fact::new(test.span, probe)),
        startup,
    })
}

/// Kubernetes probe timings are whole seconds: round up, and say so when that changes the value.
fn whole_seconds(what: &str, d: Duration, span: Span, diags: &mut Diagnostics) -> i32 {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    if d.subsec_nanos() > 0 {
        diags.push(
            Diagnostic::new(
                Code::SubSecondDuration,
                format!("{what} {d:?} rounded up to {secs}s"),
            )
            .at(span, "Kubernetes probe timings are whole seconds")
            .help("write a whole number of seconds to make the value exact"),
        );
    }
    i32::try_from(secs).unwrap_or(i32::MAX)
}
