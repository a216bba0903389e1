use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::DiagnosticsFormat;
use compose2k8s::convert::{convert, Conversion, Input, Options};
use compose2k8s::diag::render::{self, HumanStyle};
use compose2k8s::output;

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Compose file(s), merged in order; without it, the files of `COMPOSE_FILE`, else
    /// compose.yaml (or compose.yml, docker-compose.yml, docker-compose.yaml) and its override
    /// file (compose.override.yml, …) in the project directory
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Project name (default: `COMPOSE_PROJECT_NAME`, else top-level `name:`, else the project
    /// directory's name)
    #[arg(short = 'p', long = "project-name", value_name = "NAME")]
    project_name: Option<String>,
    /// Project directory: where `.env` is read and files are discovered (default: the directory
    /// of the first file)
    #[arg(long = "project-directory", value_name = "DIR")]
    project_directory: Option<PathBuf>,
    /// Env file for interpolation, instead of the project's `.env` (repeatable; later files win,
    /// the process environment wins over all)
    #[arg(long = "env-file", value_name = "FILE")]
    env_files: Vec<PathBuf>,
    /// Activate a profile (repeatable; `*` activates all; default: `COMPOSE_PROFILES`)
    #[arg(long = "profile", value_name = "NAME")]
    profiles: Vec<String>,
    /// Convert only these services (comma-separated) and the services they need
    #[arg(long = "services", value_name = "NAME,...", value_delimiter = ',')]
    services: Vec<String>,
    /// Namespace written into every object's metadata
    #[arg(short = 'n', long, value_name = "NAMESPACE")]
    namespace: Option<String>,
    /// Where manifests go: `-` for stdout (the only layout so far)
    #[arg(
        short = 'o',
        long = "output",
        value_name = "DIR|-",
        default_value = "-"
    )]
    output: String,
    /// Do not add init containers that wait for `service_healthy` dependencies
    #[arg(long)]
    no_dependency_waits: bool,
    /// How diagnostics are printed on stderr
    #[arg(long, value_enum, default_value_t = DiagnosticsFormat::Human)]
    diagnostics: DiagnosticsFormat,
}

pub fn run(args: &ConvertArgs) -> ExitCode {
    if args.output != "-" {
        eprintln!("error: `-o DIR` is not supported yet; use `-o -` (stdout) and redirect");
        return ExitCode::from(2);
    }
    let mut options = Options::new(Input::Files(args.files.clone()));
    options.plan.namespace = args.namespace.clone();
    options.plan.dependency_waits = !args.no_dependency_waits;
    options.load.project_name = args.project_name.clone();
    options.load.project_directory = args.project_directory.clone();
    options.load.env_files = args.env_files.clone();
    options.load.profiles = args.profiles.clone();
    options.load.services = args
        .services
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    options.load.working_dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    // `vars()` panics on a variable that is not Unicode; such a variable cannot be interpolated
    // into YAML text anyway, so it is left out.
    options.load.environment = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .collect();
    let conversion = convert(&options);
    report(&conversion, args.diagnostics);
    if conversion.has_errors() {
        return ExitCode::from(1);
    }
    match output::yaml_stream(&conversion.objects) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            if out
                .write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .is_err()
            {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: could not write manifests: {e}");
            ExitCode::from(1)
        }
    }
}

fn report(c: &Conversion, format: DiagnosticsFormat) {
    let mut err = std::io::stderr().lock();
    match format {
        DiagnosticsFormat::Json => {
            for d in &c.diagnostics {
                let _ = writeln!(err, "{}", render::json_line(d, &c.sources));
            }
        }
        DiagnosticsFormat::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let style = HumanStyle {
                color,
                ..HumanStyle::PLAIN
            };
            for d in &c.diagnostics {
                let _ = writeln!(err, "{}", render::human(d, &c.sources, style));
            }
            if !c.diagnostics.is_empty() {
                let _ = writeln!(err, "{}", render::summary(&c.diagnostics));
            }
        }
    }
}
