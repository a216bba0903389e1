//! IR → Kubernetes objects (k8s-openapi types, API 1.33). Reads only the IR.

mod deployment;
mod labels;
pub mod names;
mod object;
mod pod;
mod quantity;
mod service;
mod storage;

pub use object::Object;

use crate::ir::Migration;

/// Every object the migration produces, in no particular order (`output` orders them).
pub fn lower(migration: &Migration) -> Vec<Object> {
    let mut objects = Vec::new();
    for c in &migration.claims {
        objects.push(storage::claim(migration, &c.value));
    }
    for c in &migration.config_maps {
        objects.push(storage::config_map(migration, &c.value));
    }
    for w in &migration.workloads {
        objects.push(deployment::workload(migration, w));
        if let Some(s) = service::service(migration, w) {
            objects.push(s);
        }
    }
    objects
}
