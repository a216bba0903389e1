//! The pipeline as a library: load → AST → IR → objects. The CLI, tests and benches all call
//! [`convert`]; nothing here prints or exits.

use crate::compose::ast::{self, Project};
use crate::compose::load::{load_project, LoadOptions};
use crate::diag::policy::Policy;
use crate::diag::{Diagnostic, Diagnostics};
use crate::extension::file_policy;
use crate::k8s::{self, Object};
use crate::plan::PlanOptions;
use crate::source::SourceMap;
use crate::yaml::de::Context;
use crate::{output, plan};

pub use crate::compose::load::Input;

#[derive(Clone, Debug)]
pub struct Options {
    pub load: LoadOptions,
    pub plan: PlanOptions,
}

impl Options {
    pub fn new(input: Input) -> Self {
        Options {
            load: LoadOptions::new(input),
            plan: PlanOptions::default(),
        }
    }
}

/// Everything a conversion produced. `objects` is empty when any diagnostic is an error.
#[derive(Debug)]
pub struct Conversion {
    pub sources: SourceMap,
    /// Every diagnostic at its registered severity: the policy is not applied here, so that
    /// callers can layer their own rules over the file's (`Policy::merge`) or report them all.
    pub diagnostics: Vec<Diagnostic>,
    pub objects: Vec<Object>,
    /// The strictness policy the Compose file sets in `x-kubernetes.diagnostics` (empty when the
    /// project could not be read).
    pub policy: Policy,
    /// The project as it was read, when it was read without errors.
    pub project: Option<ProjectSummary>,
}

/// What later consumers (the migration report) need of the read project, without keeping the
/// typed model alive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectSummary {
    pub name: String,
    /// The services converted, after profiles and `--services`.
    pub services: Vec<String>,
}

impl Conversion {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

pub fn convert(options: &Options) -> Conversion {
    let mut sources = SourceMap::new();
    let mut diags = Diagnostics::new();
    let mut objects = Vec::new();
    let mut policy = Policy::new();
    let mut summary = None;
    let mut load = options.load.clone();
    // Secret files are opened only when their data is to be written.
    load.read_secrets |= options.plan.embed_secrets;
    if let Some((project, name)) = read(&load, &mut sources, &mut diags) {
        // Built even when reading failed, so that the file's rules still apply to the warnings
        // printed beside the errors.
        policy = file_policy(&project);
        if !diags.has_errors() {
            summary = Some(ProjectSummary {
                name: name.clone(),
                services: project.services.keys().cloned().collect(),
            });
            let migration = plan::plan(&project, &name, &options.plan, &mut diags);
            // The objects need only the plan: freeing the typed project first lowers the peak
            // memory of a large project by its size.
            drop(project);
            if !diags.has_errors() {
                objects = k8s::lower(&migration);
                output::order(&mut objects);
            }
        }
    }
    Conversion {
        sources,
        diagnostics: diags.into_sorted(),
        objects,
        policy,
        project: summary,
    }
}

/// Load and read the typed project with its name; `None` once an error makes going on pointless.
pub fn load_and_read(
    options: &LoadOptions,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Option<(Project, String)> {
    read(options, sources, diags).filter(|_| !diags.has_errors())
}

/// Load and read the typed project, also when reading it reported errors.
fn read(
    options: &LoadOptions,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Option<(Project, String)> {
    // Every caller converts (or reports on a conversion), so a missing required `env_file`
    // becomes a Secret reference in the plan; only `config` keeps Compose's error.
    let options = LoadOptions {
        defer_missing_env_files: true,
        ..options.clone()
    };
    let loaded = load_project(&options, sources, diags)?;
    let cx = Context::new();
    let mut project = ast::read_project(&loaded.root, &cx);
    project.attached = loaded.attached;
    project.left_out = loaded.left_out;
    diags.extend(cx.take());
    Some((project, loaded.name))
}
