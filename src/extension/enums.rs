//! The extension's closed sets of names (`kind`, service `type`, …). Each is read as a string and
//! checked against its names, so a misspelling gets a "did you mean" located at the value.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserialize, Deserializer};

use crate::compose::ast::choice::reject;

/// `name_enum!(Type, "what", "description", [Variant = "spelling", …])`: the enum, its
/// `Deserialize` (with the closest spelling on a mistake), its schema and `as_str`.
macro_rules! name_enum {
    ($(#[$attr:meta])* $name:ident, $what:literal, [$($variant:ident = $text:literal),* $(,)?]) => {
        $(#[$attr])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($variant,)*
        }

        impl $name {
            pub const NAMES: &'static [&'static str] = &[$($text),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                match text.as_str() {
                    $($text => Ok($name::$variant),)*
                    other => Err(de::Error::custom(
                        reject(other, $what, Self::NAMES).unwrap_or_default(),
                    )),
                }
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn inline_schema() -> bool {
                true
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({ "type": "string", "enum": [$($text),*] })
            }
        }
    };
}

name_enum!(
    /// The workload kind a service becomes.
    WorkloadKind,
    "workload kind",
    [
        Deployment = "Deployment",
        StatefulSet = "StatefulSet",
        DaemonSet = "DaemonSet",
        Job = "Job",
        CronJob = "CronJob",
    ]
);

name_enum!(
    /// The type of the Kubernetes Service; `None` is a headless Service (`clusterIP: None`).
    ServiceType,
    "service type",
    [
        ClusterIp = "ClusterIP",
        NodePort = "NodePort",
        LoadBalancer = "LoadBalancer",
        Headless = "None",
    ]
);

name_enum!(
    /// How an Ingress path matches.
    PathType,
    "path type",
    [
        Prefix = "Prefix",
        Exact = "Exact",
        ImplementationSpecific = "ImplementationSpecific",
    ]
);

name_enum!(
    /// The scheme of an HTTP probe.
    Scheme,
    "scheme",
    [Http = "HTTP", Https = "HTTPS"]
);

name_enum!(
    /// How a Deployment replaces its pods.
    StrategyType,
    "strategy type",
    [RollingUpdate = "RollingUpdate", Recreate = "Recreate"]
);

name_enum!(
    /// Which nodes route external traffic of a NodePort or LoadBalancer Service.
    ExternalTrafficPolicy,
    "external traffic policy",
    [Cluster = "Cluster", Local = "Local"]
);

name_enum!(
    /// What a CronJob does when a run is due while the last one still runs.
    ConcurrencyPolicy,
    "concurrency policy",
    [Allow = "Allow", Forbid = "Forbid", Replace = "Replace"]
);

name_enum!(
    /// What a bind mount becomes in the cluster.
    BindVolumeType,
    "volume type",
    [
        PersistentVolumeClaim = "persistentVolumeClaim",
        HostPath = "hostPath",
        EmptyDir = "emptyDir",
        ConfigMap = "configMap",
    ]
);

name_enum!(
    /// A PersistentVolumeClaim access mode.
    AccessMode,
    "access mode",
    [
        ReadWriteOnce = "ReadWriteOnce",
        ReadOnlyMany = "ReadOnlyMany",
        ReadWriteMany = "ReadWriteMany",
        ReadWriteOncePod = "ReadWriteOncePod",
    ]
);

name_enum!(
    /// The metric target type of a KEDA trigger.
    MetricType,
    "metric type",
    [
        AverageValue = "AverageValue",
        Value = "Value",
        Utilization = "Utilization",
    ]
);

name_enum!(
    /// The kind of object a KEDA trigger's `authenticationRef` names.
    AuthenticationKind,
    "authentication kind",
    [
        TriggerAuthentication = "TriggerAuthentication",
        ClusterTriggerAuthentication = "ClusterTriggerAuthentication",
    ]
);

name_enum!(
    /// What KEDA does when a scaler keeps failing.
    FallbackBehavior,
    "fallback behavior",
    [
        Static = "static",
        CurrentReplicas = "currentReplicas",
        CurrentReplicasIfHigher = "currentReplicasIfHigher",
        CurrentReplicasIfLower = "currentReplicasIfLower",
        ScalingModifiers = "scalingModifiers",
    ]
);
