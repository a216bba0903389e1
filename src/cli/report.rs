//! `report`: the migration report on stdout, for the pull request that moves a project.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use compose2k8s::convert::convert;
use compose2k8s::report;

use super::input::InputArgs;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown with a Mermaid diagram, as GitHub renders it
    #[default]
    Markdown,
    /// The same data as one JSON document
    Json,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The report's format
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,
}

/// Exit codes: 0 the project converts, 1 it does not (the report is printed all the same and
/// lists the errors), 2 usage error. The report shows every diagnostic as the registry defines
/// it: it documents the migration, so strictness flags do not apply to it.
pub fn run(args: &ReportArgs) -> ExitCode {
    let options = args.input.options();
    let conversion = convert(&options);
    let r = report::build(&options, &conversion);
    let text = match args.format {
        ReportFormat::Markdown => report::markdown(&r),
        ReportFormat::Json => report::json(&r),
    };
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
        || conversion.has_errors()
    {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
