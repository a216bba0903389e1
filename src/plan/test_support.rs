#![allow(clippy::expect_used)]

//! What the planner's unit tests share: loading a Compose text or directory the way `convert`
//! does and planning it, so each test states only its input and its expectations.

use crate::compose::load::{Input, LoadOptions};
use crate::convert::load_and_read;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::Migration;
use crate::plan::{plan, PlanOptions};
use crate::source::SourceMap;

/// Load options for one Compose text named `compose.yaml`.
pub fn text_options(text: &str) -> LoadOptions {
    LoadOptions::new(Input::Text {
        name: "compose.yaml".into(),
        text: text.into(),
    })
}

/// Loads with `options` and plans with the default plan options; the diagnostics are sorted.
pub fn plan_loaded(options: &LoadOptions) -> (Migration, Vec<Diagnostic>, SourceMap) {
    let mut sources = SourceMap::new();
    let mut diags = Diagnostics::new();
    let (project, name) =
        load_and_read(options, &mut sources, &mut diags).expect("the test project loads");
    let migration = plan(&project, &name, &PlanOptions::default(), &mut diags);
    (migration, diags.into_sorted(), sources)
}

/// Plans one Compose text.
pub fn plan_text(text: &str) -> (Migration, Vec<Diagnostic>, SourceMap) {
    plan_loaded(&text_options(text))
}
