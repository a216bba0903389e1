//! The command line, shaped like `docker compose` and `kubectl`. One file per subcommand; this
//! file only dispatches. The exit code is decided here and nowhere else.

mod convert;
mod explain;

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
    /// Explain a diagnostic code (e.g. `compose2k8s explain C2K3003`)
    Explain(explain::ExplainArgs),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticsFormat {
    /// Graphical reports on stderr
    #[default]
    Human,
    /// One JSON object per diagnostic per line on stderr
    Json,
}

/// Exit codes: 0 converted (warnings allowed), 1 error diagnostics, 2 usage error (clap's own).
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Convert(args) => convert::run(&args),
        Command::Explain(args) => explain::run(&args),
    }
}
