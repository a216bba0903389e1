//! IR → Kubernetes objects (k8s-openapi types, API 1.33). Reads only the IR.

mod cronjob;
mod deployment;
mod external_name;
mod hpa;
mod ingress;
pub mod keda;
mod labels;
mod metadata;
pub mod names;
mod network_policy;
mod object;
mod pod;
mod quantity;
mod service;
mod statefulset;
mod storage;

pub use object::Object;

use crate::ir::{Migration, Scaler};

/// Every object the migration produces, in no particular order (`output` orders them).
pub fn lower(migration: &Migration) -> Vec<Object> {
    let mut objects = Vec::new();
    for c in &migration.claims {
        objects.push(storage::claim(migration, &c.value));
    }
    for c in &migration.config_maps {
        objects.push(storage::config_map(migration, &c.value));
    }
    for s in &migration.secrets {
        objects.push(storage::secret(migration, &s.value));
    }
    for e in &migration.external_names {
        objects.push(external_name::service(migration, e));
    }
    for n in &migration.networks {
        objects.push(network_policy::network(migration, &n.value));
    }
    for w in &migration.workloads {
        let first = objects.len();
        objects.push(deployment::workload(migration, w));
        if let Some(s) = service::service(migration, w) {
            objects.push(s);
        }
        objects.extend(service::aliases(migration, w));
        objects.extend(network_policy::workload(migration, w));
        objects.extend(ingress::ingress(migration, w));
        if let Some(a) = &w.autoscaling {
            objects.push(match &a.value.scaler {
                Scaler::Hpa {
                    cpu,
                    memory,
                    behavior,
                } => hpa::hpa(
                    migration,
                    w,
                    &a.value,
                    cpu.as_ref(),
                    memory.as_ref(),
                    behavior.as_ref(),
                ),
                Scaler::Keda(k) => keda::scaled_object(migration, w, &a.value, k),
            });
        }
        if let Some(own) = objects.get_mut(first..) {
            metadata::workload(w, own);
        }
    }
    metadata::project(migration, &mut objects);
    objects
}
