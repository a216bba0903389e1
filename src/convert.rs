//! The pipeline as a library: load → AST → IR → objects. The CLI, tests and benches all call
//! [`convert`]; nothing here prints or exits.

use crate::compose::ast::{self, Project};
use crate::compose::load::{load_project, LoadOptions};
use crate::diag::{Diagnostic, Diagnostics};
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
    pub diagnostics: Vec<Diagnostic>,
    pub objects: Vec<Object>,
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
    if let Some((project, name)) = load_and_read(&options.load, &mut sources, &mut diags) {
        let migration = plan::plan(&project, &name, &options.plan, &mut diags);
        if !diags.has_errors() {
            objects = k8s::lower(&migration);
            output::order(&mut objects);
        }
    }
    Conversion {
        sources,
        diagnostics: diags.into_sorted(),
        objects,
    }
}

/// Load and read the typed project with its name; `None` once an error makes going on pointless.
pub fn load_and_read(
    options: &LoadOptions,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Option<(Project, String)> {
    let loaded = load_project(options, sources, diags)?;
    let cx = Context::new();
    let project = ast::read_project(&loaded.root, &cx);
    diags.extend(cx.take());
    if diags.has_errors() {
        return None;
    }
    Some((project, loaded.name))
}
