//! Which objects a service became: those labelled `app.kubernetes.io/name: <workload>` (its
//! workload and Service), and the claims and ConfigMaps its pods mount, which several services
//! may share.

use serde_json::Value;

use super::ObjectRef;
use crate::k8s::Object;
use crate::output::files::file_name;

fn reference(object: &Object) -> ObjectRef {
    ObjectRef {
        kind: object.kind().to_string(),
        name: object.name().to_string(),
        file: file_name(object),
    }
}

/// The names of the claims and ConfigMaps an object's pod template mounts.
fn mounted(object: &Value) -> Vec<(&'static str, String)> {
    // Workloads keep their pod template at `spec.template`; a CronJob one level down.
    let volumes = [
        "/spec/template/spec/volumes",
        "/spec/jobTemplate/spec/template/spec/volumes",
    ]
    .into_iter()
    .filter_map(|p| object.pointer(p).and_then(Value::as_array));
    let mut out = Vec::new();
    for v in volumes.flatten() {
        if let Some(name) = v
            .pointer("/persistentVolumeClaim/claimName")
            .and_then(Value::as_str)
        {
            out.push(("PersistentVolumeClaim", name.to_string()));
        }
        if let Some(name) = v.pointer("/configMap/name").and_then(Value::as_str) {
            out.push(("ConfigMap", name.to_string()));
        }
    }
    out
}

/// The objects, each with the labels and mounts the matching reads, computed once.
pub(crate) struct Index<'a> {
    objects: &'a [Object],
    workloads: Vec<Option<String>>,
    mounts: Vec<Vec<(&'static str, String)>>,
}

impl<'a> Index<'a> {
    pub(crate) fn new(objects: &'a [Object]) -> Self {
        let values: Vec<Value> = objects
            .iter()
            .map(|o| serde_json::to_value(o).unwrap_or(Value::Null))
            .collect();
        Index {
            objects,
            workloads: values
                .iter()
                .map(|v| {
                    v.pointer("/metadata/labels/app.kubernetes.io~1name")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                })
                .collect(),
            mounts: values.iter().map(mounted).collect(),
        }
    }

    /// The objects of the workload named `workload`, in output order.
    pub(crate) fn of_service(&self, workload: &str) -> Vec<ObjectRef> {
        let own = |i: usize| self.workloads.get(i).and_then(Option::as_deref) == Some(workload);
        let mounts: Vec<&(&str, String)> = (0..self.objects.len())
            .filter(|i| own(*i))
            .flat_map(|i| self.mounts.get(i).into_iter().flatten())
            .collect();
        self.objects
            .iter()
            .enumerate()
            .filter(|(i, o)| {
                own(*i)
                    || mounts
                        .iter()
                        .any(|(kind, name)| *kind == o.kind() && name == o.name())
            })
            .map(|(_, o)| reference(o))
            .collect()
    }
}
