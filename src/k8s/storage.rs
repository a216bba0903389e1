use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    ConfigMap, PersistentVolumeClaim, PersistentVolumeClaimSpec, Secret, VolumeResourceRequirements,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::ByteString;

use super::{quantity, Object};
use crate::ir::{Claim, ConfigData, Migration, SecretData};

fn labels(m: &Migration) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("app.kubernetes.io/part-of".to_string(), m.project.clone()),
        (
            "app.kubernetes.io/managed-by".to_string(),
            "compose2k8s".to_string(),
        ),
    ])
}

pub fn claim(m: &Migration, c: &Claim) -> Object {
    Object::PersistentVolumeClaim(Box::new(PersistentVolumeClaim {
        metadata: ObjectMeta {
            name: Some(c.name.clone()),
            namespace: m.namespace.clone(),
            labels: Some(labels(m)),
            annotations: (!c.annotations.is_empty()).then(|| c.annotations.clone()),
            ..Default::default()
        },
        spec: Some(claim_spec(c)),
        status: None,
    }))
}

/// The spec of a claim, shared by standalone claims and StatefulSet claim templates.
pub fn claim_spec(c: &Claim) -> PersistentVolumeClaimSpec {
    PersistentVolumeClaimSpec {
        access_modes: Some(c.access_modes.clone()),
        storage_class_name: c.storage_class.clone(),
        resources: Some(VolumeResourceRequirements {
            requests: Some(BTreeMap::from([(
                "storage".to_string(),
                quantity::bytes(c.size_bytes),
            )])),
            limits: None,
        }),
        ..Default::default()
    }
}

pub fn config_map(m: &Migration, c: &ConfigData) -> Object {
    Object::ConfigMap(Box::new(ConfigMap {
        metadata: ObjectMeta {
            name: Some(c.name.clone()),
            namespace: m.namespace.clone(),
            labels: Some(labels(m)),
            ..Default::default()
        },
        // A binary file's ConfigMap has only `binaryData`; an empty `data: {}` beside it is noise.
        data: (!c.data.is_empty() || c.binary_data.is_empty()).then(|| c.data.clone()),
        binary_data: (!c.binary_data.is_empty()).then(|| {
            c.binary_data
                .iter()
                .map(|(k, v)| (k.clone(), ByteString(v.clone())))
                .collect()
        }),
        ..Default::default()
    }))
}

/// A Secret with its data: written only with `--embed-secrets`.
pub fn secret(m: &Migration, s: &SecretData) -> Object {
    Object::Secret(Box::new(Secret {
        metadata: ObjectMeta {
            name: Some(s.name.clone()),
            namespace: m.namespace.clone(),
            labels: Some(labels(m)),
            ..Default::default()
        },
        type_: Some("Opaque".into()),
        data: Some(
            s.data
                .iter()
                .map(|(k, v)| (k.clone(), ByteString(v.clone())))
                .collect(),
        ),
        ..Default::default()
    }))
}
