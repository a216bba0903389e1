//! The command line, shaped like `docker compose` and `kubectl`. One file per subcommand; this
//! file only dispatches. The exit code is decided here and nowhere else.

mod check;
mod completions;
mod config;
mod convert;
mod diagnostics;
mod explain;
mod input;
mod pipeline;
mod report;
mod schema;
mod strictness;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "compose2k8s",
    version = concat!(env!("CARGO_PKG_VERSION"), " (Kubernetes API 1.33)"),
    about = "Compile Docker Compose projects into Kubernetes manifests",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Convert a Compose project to Kubernetes manifests
    Convert(convert::ConvertArgs),
    /// Print the project as loaded (merged, interpolated, `extends`, `include` and `env_file`
    /// resolved), like `docker compose config`
    Config(config::ConfigArgs),
    /// Explain a diagnostic code (e.g. `compose2k8s explain C2K3003`)
    Explain(explain::ExplainArgs),
    /// Regenerate in memory and compare with a `convert -o DIR` directory: exit 1 and a diff
    /// when it drifted
    Check(check::CheckArgs),
    /// Print the migration report: each service's Compose keys and what became of them
    Report(report::ReportArgs),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
    /// Print the JSON Schema of the `x-kubernetes` extension
    Schema(schema::SchemaArgs),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticsFormat {
    /// Graphical reports on stderr, then a summary line
    #[default]
    Human,
    /// One JSON object per diagnostic per line on stderr
    Json,
    /// One SARIF 2.1.0 log on stderr, for code scanning
    Sarif,
    /// GitHub Actions workflow commands (`::warning file=…::…`) on stderr
    Github,
}

/// Exit codes: 0 converted (warnings allowed), 1 error diagnostics, 2 usage error (clap's own).
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Convert(args) => convert::run(&args),
        Command::Config(args) => config::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Schema(args) => schema::run(&args),
    }
}
