//! Bytes → YAML tree → typed Compose AST. Must never panic, whatever the bytes.
#![no_main]

use compose2k8s::compose::ast::read_project;
use compose2k8s::source::SourceMap;
use compose2k8s::yaml::{self, de::Context};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = SourceMap::new();
    let id = sources.add("compose.yaml", std::path::Path::new("compose.yaml"), text.to_string());
    let parsed = yaml::parse(id, text);
    if let Some(root) = parsed.documents.first() {
        let cx = Context::new();
        let _ = read_project(root, &cx);
        let _ = cx.take();
    }
});
