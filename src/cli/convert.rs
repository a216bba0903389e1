use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use compose2k8s::output::{self, dir, OutputError};
use compose2k8s::report;

use super::diagnostics::{self, has_errors};
use super::input::InputArgs;
use super::pipeline::{self, Converted};
use super::strictness::PolicyArgs;
use super::DiagnosticsFormat;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A multi-document YAML stream (in a directory: one YAML file per object)
    #[default]
    Yaml,
    /// One `v1` `List`, as `kubectl get -o json` prints it (stdout only)
    Json,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Where manifests go: `-` for stdout, or a directory that gets one file per object
    /// (`<kind>-<name>.yaml`) and a `kustomization.yaml`
    #[arg(
        short = 'o',
        long = "output",
        value_name = "DIR|-",
        default_value = "-"
    )]
    pub output: String,
    /// The manifests' format
    #[arg(long, value_enum, default_value_t = Format::Yaml)]
    pub format: Format,
    /// Also write the migration report to FILE (JSON if it ends in `.json`, else Markdown)
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// How diagnostics are printed on stderr
    #[arg(long, value_enum, default_value_t = DiagnosticsFormat::Human)]
    pub diagnostics: DiagnosticsFormat,
}

/// Exit codes: 0 written (warnings allowed), 1 error diagnostics — from the conversion or the
/// policy (then nothing is written), or from writing — 2 usage error.
pub fn run(args: &ConvertArgs) -> ExitCode {
    let policy = match args.policy.policy() {
        Ok(policy) => policy,
        Err(e) => return usage(&e.to_string()),
    };
    if args.output != "-" && args.format == Format::Json {
        return usage("`--format json` writes one `List` to stdout; `-o DIR` writes YAML files");
    }
    let mut c = pipeline::run(&args.input, &policy);
    if has_errors(&c.diagnostics) {
        diagnostics::print(&c.diagnostics, &c.conversion.sources, args.diagnostics, &[]);
        return ExitCode::from(1);
    }
    let mut status = Vec::new();
    let written = if args.output == "-" {
        stdout(&c, args.format)
    } else {
        directory(&c, Path::new(&args.output)).map(|line| status.push(line))
    };
    let written = written.and_then(|()| match &args.report {
        Some(path) => write_report(&c, path),
        None => Ok(()),
    });
    if let Err(errors) = written {
        c.diagnostics
            .extend(errors.iter().map(OutputError::diagnostic));
    }
    diagnostics::print(
        &c.diagnostics,
        &c.conversion.sources,
        args.diagnostics,
        &status,
    );
    if has_errors(&c.diagnostics) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

fn stdout(c: &Converted, format: Format) -> Result<(), Vec<OutputError>> {
    let objects = &c.conversion.objects;
    let text = match format {
        Format::Yaml => output::yaml_stream(objects),
        Format::Json => output::json_list(objects),
    }
    .map_err(|reason| vec![OutputError::Serialize { reason }])?;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| vec![OutputError::io(Path::new("<stdout>"), "write", &e)])
}

/// Writes the layout; the line says what changed on disk.
fn directory(c: &Converted, path: &Path) -> Result<String, Vec<OutputError>> {
    let files = pipeline::layout(c, path).map_err(|e| vec![e])?;
    let done = dir::write(path, &files)?;
    Ok(format!(
        "{}: {} written, {} unchanged, {} removed",
        path.display(),
        done.written.len(),
        done.unchanged.len(),
        done.removed.len()
    ))
}

fn write_report(c: &Converted, path: &Path) -> Result<(), Vec<OutputError>> {
    let r = report::build(&c.options, &c.conversion);
    let text = if path.extension().is_some_and(|e| e == "json") {
        report::json(&r)
    } else {
        report::markdown(&r)
    };
    dir::replace(path, text.as_bytes()).map_err(|e| vec![e])
}
