//! `kompose.hpa.*` → `x-kubernetes.autoscaling` (a HorizontalPodAutoscaler).

use super::service::Reader;
use super::{slot, whole, Label};
use crate::diag::{Code, Diagnostic};
use crate::extension::ResourceTarget;

/// Kompose's maximum when only some `kompose.hpa.*` labels are set.
const HPA_DEFAULT_MAX: i32 = 10;

impl Reader<'_> {
    pub(super) fn hpa(&mut self, l: Label) {
        let settled = self.settled(|e| e.autoscaling.is_some());
        let field = l.key.trim_start_matches("kompose.hpa.");
        match field {
            "cpu" | "memory" => {
                let Some(target) = target(field, l.value) else {
                    let expected = if field == "cpu" {
                        "a utilisation percentage (`80` or `80%`)"
                    } else {
                        "a utilisation percentage (`80` or `80%`) or an amount per pod (`512Mi`)"
                    };
                    return self.notes.invalid(l, expected);
                };
                let shown = match &target {
                    ResourceTarget::Utilization(p) => p.to_string(),
                    ResourceTarget::AverageValue(q) => q.clone(),
                };
                self.notes
                    .read(l, &format!("autoscaling.{field}: {shown}"), settled);
                let a = slot(&mut self.ext.autoscaling, l.at);
                let key = if field == "cpu" {
                    &mut a.cpu
                } else {
                    &mut a.memory
                };
                *key = Some(l.s(target));
            }
            "replicas.min" | "replicas.max" => {
                let is_min = field == "replicas.min";
                let Some(n) = whole::<i32>(l.value, i32::from(!is_min)) else {
                    return self.notes.invalid(l, "a whole number of replicas");
                };
                let name = if is_min { "minReplicas" } else { "maxReplicas" };
                self.notes
                    .read(l, &format!("autoscaling.{name}: {n}"), settled);
                let a = slot(&mut self.ext.autoscaling, l.at);
                let key = if is_min {
                    &mut a.min_replicas
                } else {
                    &mut a.max_replicas
                };
                *key = Some(l.s(n));
            }
            _ => self.notes.unknown(l),
        }
    }

    /// Kompose scales up to ten pods when no maximum is given.
    pub(super) fn hpa_defaults(&mut self) {
        let Some(a) = self.ext.autoscaling.as_mut() else {
            return;
        };
        if a.value.max_replicas.is_some() {
            return;
        }
        a.value.max_replicas = Some(crate::yaml::Spanned::new(a.span, HPA_DEFAULT_MAX));
        self.notes.items.push(
            Diagnostic::new(
                Code::KomposeLabel,
                format!("`kompose.hpa.replicas.max` is not set; Kompose's default {HPA_DEFAULT_MAX} is used"),
            )
            .at(a.span, "a Kompose label")
            .help("set `x-kubernetes.autoscaling.maxReplicas`"),
        );
    }
}

/// A percentage (`80`, `80%`) for either resource; memory may also be an amount per pod
/// (`512Mi`), as Kompose's label reference shows it. Kompose takes no CPU amount.
fn target(field: &str, value: &str) -> Option<ResourceTarget> {
    match ResourceTarget::parse(value)? {
        ResourceTarget::Utilization(p) if p > 0 => Some(ResourceTarget::Utilization(p)),
        ResourceTarget::AverageValue(q) if field == "memory" => {
            let bytes = crate::extension::quantity::parse(&q)?.whole()?;
            (bytes > 0).then_some(ResourceTarget::AverageValue(q))
        }
        _ => None,
    }
}
