//! `check -o DIR`: regenerate in memory and compare with the directory, for pre-commit hooks and
//! CI jobs that fail when committed manifests drift from the Compose file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;

use compose2k8s::diag::render::github::escape_property;
use compose2k8s::output::drift::{self, Change, FileDrift};
use compose2k8s::output::OutputError;

use super::diagnostics::{self, has_errors};
use super::input::InputArgs;
use super::pipeline;
use super::strictness::PolicyArgs;
use super::DiagnosticsFormat;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// The directory `convert -o DIR` wrote
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: String,
    /// How diagnostics are printed on stderr
    #[arg(long, value_enum, default_value_t = DiagnosticsFormat::Human)]
    pub diagnostics: DiagnosticsFormat,
}

/// Exit codes: 0 in sync, 1 drift (the diff on stdout), 2 usage or input error — including a
/// conversion that ends in errors (or errors the policy raised), since there is then nothing to
/// compare with; the errors are printed as `convert` prints them.
pub fn run(args: &CheckArgs) -> ExitCode {
    let policy = match args.policy.policy() {
        Ok(policy) => policy,
        Err(e) => return usage(&e.to_string()),
    };
    if args.output == "-" {
        return usage("`check` compares with a directory: give the one `convert -o DIR` wrote");
    }
    let dir = Path::new(&args.output);
    let mut c = pipeline::run(&args.input, &policy);
    let sources = &c.conversion.sources;
    if has_errors(&c.diagnostics) {
        let status = [format!(
            "{}: not checked: the project does not convert",
            args.output.trim_end_matches('/')
        )];
        diagnostics::print(&c.diagnostics, sources, args.diagnostics, &status);
        return ExitCode::from(2);
    }
    let compared = pipeline::layout(&c, dir).and_then(|files| drift::compare(dir, &files));
    let drift = match compared {
        Ok(drift) => drift,
        Err(e) => {
            c.diagnostics.push(e.diagnostic());
            diagnostics::print(&c.diagnostics, &c.conversion.sources, args.diagnostics, &[]);
            return ExitCode::from(2);
        }
    };
    let display = args.output.trim_end_matches('/');
    if drift.is_empty() {
        let status = [format!("{display}: up to date")];
        diagnostics::print(&c.diagnostics, sources, args.diagnostics, &status);
        return ExitCode::SUCCESS;
    }
    let diff = drift::unified_diff(display, &drift);
    let mut out = std::io::stdout().lock();
    if out
        .write_all(diff.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        let e = OutputError::Io {
            path: "<stdout>".into(),
            action: "write",
            reason: "the diff could not be written".into(),
        };
        c.diagnostics.push(e.diagnostic());
    }
    diagnostics::print(
        &c.diagnostics,
        &c.conversion.sources,
        args.diagnostics,
        &status(display, &drift),
    );
    if args.diagnostics == DiagnosticsFormat::Github {
        annotate(display, &drift);
    }
    ExitCode::from(1)
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// The human summary of the drift, one line per kind of change.
fn status(display: &str, drift: &[FileDrift]) -> Vec<String> {
    let names = |change: Change| -> Vec<&str> {
        drift
            .iter()
            .filter(|d| d.change == change)
            .map(|d| d.name.as_str())
            .collect()
    };
    let mut lines = vec![format!(
        "{display}: out of date; run `compose2k8s convert` with the same flags to regenerate it"
    )];
    for (change, what) in [
        (Change::Changed, "changed"),
        (Change::Added, "to be added"),
        (Change::Removed, "to be removed"),
    ] {
        let files = names(change);
        if !files.is_empty() {
            lines.push(format!("  {what}: {}", files.join(", ")));
        }
    }
    lines
}

/// One `::error` annotation per drifted file, so the pull request shows which manifests are stale.
fn annotate(display: &str, drift: &[FileDrift]) {
    let mut err = std::io::stderr().lock();
    for d in drift {
        let what = match d.change {
            Change::Changed => "differs from what the Compose file generates",
            Change::Added => "is missing: the Compose file generates it",
            Change::Removed => "is stale: the Compose file no longer generates it",
        };
        let _ = writeln!(
            err,
            "::error file={},title=compose2k8s check::{} {what}",
            escape_property(&format!("{display}/{}", d.name)),
            d.name
        );
    }
}
