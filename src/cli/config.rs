//! `compose2k8s config`: the project as loaded (files merged, profiles applied, `extends`,
//! `include` and `env_file` resolved, variables interpolated), printed as YAML like
//! `docker compose config`, for users to see what was loaded and for tests.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use compose2k8s::compose::ast;
use compose2k8s::compose::load::{config_view, load_project, Input, LoadOptions};
use compose2k8s::diag::Diagnostics;
use compose2k8s::source::SourceMap;
use compose2k8s::yaml::de::Context;

use super::diagnostics::{self, has_errors};
use super::input::current_dir;
use super::DiagnosticsFormat;

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Compose file(s), merged in order; without it, the files of `COMPOSE_FILE`, else
    /// compose.yaml (or compose.yml, docker-compose.yml, docker-compose.yaml) and its override
    /// file in the project directory
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
    /// Do not interpolate variables: values keep `${VAR}` and `$$` as written
    #[arg(long)]
    no_interpolate: bool,
    /// Activate a profile (repeatable; `*` activates all; default: `COMPOSE_PROFILES`)
    #[arg(long = "profile", value_name = "NAME")]
    profiles: Vec<String>,
    /// Show only these services (comma-separated) and the services they need
    #[arg(long = "services", value_name = "NAME,...", value_delimiter = ',')]
    services: Vec<String>,
    /// Read `env_file`, `include` and `extends` files (and `.env`) even outside the project
    /// directory
    #[arg(long)]
    allow_outside_project: bool,
    /// How diagnostics are printed on stderr
    #[arg(long, value_enum, default_value_t = DiagnosticsFormat::Human)]
    diagnostics: DiagnosticsFormat,
}

/// Exit codes as `convert`: 0 printed (warnings allowed), 1 error diagnostics and nothing
/// printed, 2 usage error.
pub fn run(args: &ConfigArgs) -> ExitCode {
    let mut options = LoadOptions::new(Input::Files(args.files.clone()));
    options.project_name = args.project_name.clone();
    options.project_directory = args.project_directory.clone();
    options.env_files = args.env_files.clone();
    options.interpolate = !args.no_interpolate;
    options.profiles = args.profiles.clone();
    options.services = args
        .services
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    options.allow_outside_project = args.allow_outside_project;
    options.working_dir = current_dir();
    // As for `convert`: a variable that is not Unicode cannot be interpolated into YAML text.
    options.environment = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .collect();

    let mut sources = SourceMap::new();
    let mut diags = Diagnostics::new();
    let loaded = load_project(&options, &mut sources, &mut diags);
    if let Some(loaded) = &loaded {
        // `docker compose config` validates the model; the typed model's checks do that here.
        let cx = Context::new();
        let _ = ast::read_project(&loaded.root, &cx);
        diags.extend(cx.take());
    }
    let diags = diags.into_sorted();
    let text = match &loaded {
        Some(loaded) if !has_errors(&diags) => config_view::render(loaded),
        _ => {
            diagnostics::print(&diags, &sources, args.diagnostics, &[]);
            return ExitCode::from(1);
        }
    };
    diagnostics::print(&diags, &sources, args.diagnostics, &[]);
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: could not print the project: {e}");
            return ExitCode::from(1);
        }
    };
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
