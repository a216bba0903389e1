//! The flags that say what to convert and how, shared by `convert`, `check` and `report` so that
//! `check` regenerates exactly what `convert` wrote.

use std::path::PathBuf;

use clap::Args;

use compose2k8s::convert::{Input, Options};

#[derive(Clone, Debug, Args)]
pub struct InputArgs {
    /// Compose file(s), merged in order; without it, the files of `COMPOSE_FILE`, else
    /// compose.yaml (or compose.yml, docker-compose.yml, docker-compose.yaml) and its override
    /// file (compose.override.yml, …) in the project directory
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Project name (default: `COMPOSE_PROJECT_NAME`, else top-level `name:`, else the project
    /// directory's name)
    #[arg(short = 'p', long = "project-name", value_name = "NAME")]
    pub project_name: Option<String>,
    /// Project directory: where `.env` is read and files are discovered (default: the directory
    /// of the first file)
    #[arg(long = "project-directory", value_name = "DIR")]
    pub project_directory: Option<PathBuf>,
    /// Env file for interpolation, instead of the project's `.env` (repeatable; later files win,
    /// the process environment wins over all)
    #[arg(long = "env-file", value_name = "FILE")]
    pub env_files: Vec<PathBuf>,
    /// Do not interpolate variables: values keep `${VAR}` and `$$` as written
    #[arg(long)]
    pub no_interpolate: bool,
    /// Activate a profile (repeatable; `*` activates all; default: `COMPOSE_PROFILES`)
    #[arg(long = "profile", value_name = "NAME")]
    pub profiles: Vec<String>,
    /// Convert only these services (comma-separated) and the services they need
    #[arg(long = "services", value_name = "NAME,...", value_delimiter = ',')]
    pub services: Vec<String>,
    /// With `--services`: convert only the named services, not the services they depend on
    /// (references to those get a warning, or an ExternalName Service with
    /// `x-kubernetes.external`)
    #[arg(long, requires = "services")]
    pub no_deps: bool,
    /// Namespace written into every object's metadata
    #[arg(short = 'n', long, value_name = "NAMESPACE")]
    pub namespace: Option<String>,
    /// Do not add init containers that wait for `service_healthy` dependencies
    #[arg(long)]
    pub no_dependency_waits: bool,
    /// Write Secret objects with the secrets' data (from `file:` or `environment:`); without
    /// this, Secrets are only referenced and must be created separately
    #[arg(long)]
    pub embed_secrets: bool,
    /// Keep the isolation of Compose networks with NetworkPolicies: pods accept traffic from
    /// pods on a network they share, and on published ports from anyone (also
    /// `x-kubernetes.networkPolicies: true`)
    #[arg(long)]
    pub network_policies: bool,
    /// Read `env_file`, `include` and `extends` files (and `.env`) even outside the project
    /// directory; this also lets bind-mounted files and directories outside it be read and
    /// copied into ConfigMaps
    #[arg(long)]
    pub allow_outside_project: bool,
}

impl InputArgs {
    /// The pipeline's options, read from these flags, the current directory and the process
    /// environment.
    pub fn options(&self) -> Options {
        let mut options = Options::new(Input::Files(self.files.clone()));
        options.plan.namespace = self.namespace.clone();
        options.plan.dependency_waits = !self.no_dependency_waits;
        options.plan.embed_secrets = self.embed_secrets;
        options.plan.network_policies = self.network_policies;
        options.load.project_name = self.project_name.clone();
        options.load.project_directory = self.project_directory.clone();
        options.load.env_files = self.env_files.clone();
        options.load.interpolate = !self.no_interpolate;
        options.load.profiles = self.profiles.clone();
        options.load.services = self
            .services
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        options.load.allow_outside_project = self.allow_outside_project;
        options.load.no_deps = self.no_deps;
        options.load.working_dir = current_dir();
        // `vars()` panics on a variable that is not Unicode; such a variable cannot be
        // interpolated into YAML text anyway, so it is left out.
        options.load.environment = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        options
    }
}

pub fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}
