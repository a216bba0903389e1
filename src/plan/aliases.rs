//! More names for a service: its network `aliases`, the aliases other services give it in
//! `links` (`db:database`) and its `container_name`. On Compose every one resolves to the
//! service's containers; in Kubernetes a name resolves to a Service, so each alias becomes a
//! Service of its own with the selector and ports of the service's Service. Runs once every workload exists: an alias may
//! collide with any service's name, and a link names another service's workload. The link
//! aliases of services left on Compose are ExternalName Services already (`plan::partial`); here
//! they are checked against the other names.

use std::collections::{BTreeMap, BTreeSet};

use super::not_translated;
use crate::compose::ast::Project;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::{ExternalName, Fact, Workload};
use crate::k8s::names;
use crate::source::Span;

/// One alias as written, and where.
struct Alias<'a> {
    /// The Compose service it names.
    service: &'a str,
    alias: &'a str,
    span: Span,
    /// `network `x`` or `links of `web``: where the alias comes from, for messages.
    via: String,
    /// A `container_name`: it is a name for the service only when the service has a Service, so
    /// without a port it is not reported here (C2K3019 covers it).
    container_name: bool,
}

/// Who holds a Kubernetes Service name already.
struct Holder {
    span: Span,
    what: String,
    /// The service whose alias it is; `None` for a service's own name.
    alias_of: Option<String>,
}

pub fn aliases(
    project: &Project,
    workloads: &mut [Workload],
    external_names: &mut Vec<ExternalName>,
    diags: &mut Diagnostics,
) {
    let mut taken: BTreeMap<String, Holder> = BTreeMap::new();
    for w in workloads.iter() {
        taken.insert(
            w.name.clone(),
            Holder {
                span: w.origin,
                what: format!("service `{}`", w.service),
                alias_of: None,
            },
        );
    }
    // A namespace holds one Service per name: an ExternalName Service that would take a name
    // already given is reported and not written.
    let mut kept = Vec::new();
    for e in external_names.drain(..) {
        let what = if names::dns_label(&e.service) == e.name {
            format!("service `{}` (left on Compose)", e.service)
        } else {
            format!(
                "link alias `{}` of service `{}` (left on Compose)",
                e.name, e.service
            )
        };
        if let Some(first) = taken.get(&e.name) {
            diags.push(
                Diagnostic::new(
                    Code::NameCollision,
                    format!("{what} and {} both become Service `{}`", first.what, e.name),
                )
                .at(
                    e.origin,
                    format!("{what} becomes ExternalName Service `{}`", e.name),
                )
                .also(
                    first.span,
                    format!("{} is `{}` already", first.what, e.name),
                )
                .help("a namespace holds one Service per name: rename one of them"),
            );
            continue;
        }
        taken.insert(
            e.name.clone(),
            Holder {
                span: e.origin,
                what,
                alias_of: None,
            },
        );
        kept.push(e);
    }
    *external_names = kept;
    let mut own: BTreeSet<(String, String)> = BTreeSet::new();
    for a in written(project, diags) {
        let Some(w) = workloads.iter_mut().find(|w| w.service == a.service) else {
            continue;
        };
        let k8s_name = names::dns_label(a.alias);
        // The service's own Service already answers to this name.
        if k8s_name == w.name || !own.insert((w.name.clone(), k8s_name.clone())) {
            continue;
        }
        if w.exposure.is_none() {
            if a.container_name {
                continue;
            }
            diags.push(
                Diagnostic::new(
                    Code::AliasWithoutPort,
                    format!(
                        "alias `{}` of service `{}` names no Service: the service declares no port",
                        a.alias, a.service
                    ),
                )
                .at(
                    a.span,
                    format!("`{}` in {} resolves to nothing", a.alias, a.via),
                )
                .help(format!(
                    "add `expose: [\"PORT\"]` to service `{}` with the port it listens on",
                    a.service
                )),
            );
            continue;
        }
        // DNS ignores case, but no lookup of `my_db` finds the Service `my-db`.
        if k8s_name != a.alias.to_ascii_lowercase() {
            diags.push(
                Diagnostic::new(
                    Code::NotTranslated,
                    format!(
                        "alias `{}` of service `{}` is not a valid Service name; the Service is `{k8s_name}`",
                        a.alias, a.service
                    ),
                )
                .at(a.span, format!("pods that look up `{}` find nothing", a.alias))
                .help(format!(
                    "Service names allow lower-case letters, digits and `-`: rename the alias to `{k8s_name}` where it is used"
                )),
            );
        }
        if let Some(first) = taken.get(&k8s_name) {
            // The name is another's already; on Compose too the container name only adds to it.
            if a.container_name {
                continue;
            }
            if let Some(owner) = &first.alias_of {
                diags.push(
                    Diagnostic::new(
                        Code::SharedAlias,
                        format!(
                            "services `{owner}` and `{}` share alias `{}`; Service `{k8s_name}` selects the pods of `{owner}` only",
                            a.service, a.alias
                        ),
                    )
                    .at(a.span, format!("alias `{}` in {}", a.alias, a.via))
                    .also(first.span, format!("{} becomes Service `{k8s_name}`", first.what))
                    .help(format!(
                        "remove the alias from service `{}`, or from the service that should not answer to it",
                        a.service
                    )),
                );
                continue;
            }
            diags.push(
                Diagnostic::new(
                    Code::NameCollision,
                    format!(
                        "alias `{}` of service `{}` and {} both become Service `{k8s_name}`",
                        a.alias, a.service, first.what
                    ),
                )
                .at(a.span, format!("alias `{}` in {}", a.alias, a.via))
                .also(first.span, format!("{} is `{k8s_name}` already", first.what))
                .help("a namespace holds one Service per name: rename the alias, or drop it and use the other name"),
            );
            continue;
        }
        taken.insert(
            k8s_name.clone(),
            Holder {
                span: a.span,
                what: format!("alias `{}` of service `{}`", a.alias, a.service),
                alias_of: Some(a.service.to_string()),
            },
        );
        w.aliases.push(Fact::new(a.span, k8s_name));
    }
}

/// Every alias the project writes: network aliases first, then link aliases, each in service
/// order. A link to a service that is not converted is reported here.
fn written<'a>(project: &'a Project, diags: &mut Diagnostics) -> Vec<Alias<'a>> {
    let mut out = Vec::new();
    for s in project.services.values() {
        for (network, attachment) in s.networks.iter().flat_map(|n| n.value.iter()) {
            let aliases = attachment
                .value
                .as_ref()
                .and_then(|a| a.aliases.as_ref())
                .into_iter()
                .flat_map(|a| a.value.iter());
            for alias in aliases {
                out.push(Alias {
                    service: &s.name.value,
                    alias: &alias.value,
                    span: alias.span,
                    via: format!("network `{network}`"),
                    container_name: false,
                });
            }
        }
    }
    for s in project.services.values() {
        for link in s.links.iter().flat_map(|l| l.value.iter()) {
            let (target, alias) = match link.value.split_once(':') {
                Some((target, alias)) => (target, Some(alias)),
                None => (link.value.as_str(), None),
            };
            let Some((key, _)) = project.services.get_key_value(target) else {
                diags.push(not_translated(
                    link.span,
                    &format!("link `{}` of service `{}` (no such service is converted)", link.value, s.name.value),
                    "link to a service of the project, or reach the container by a name an `ExternalName` Service gives it",
                ));
                continue;
            };
            // Without an alias the link names the service, which its Service answers to.
            if let Some(alias) = alias {
                out.push(Alias {
                    service: key,
                    alias,
                    span: link.span,
                    via: format!("`links` of service `{}`", s.name.value),
                    container_name: false,
                });
            }
        }
    }
    // On Compose the container name resolves to the container too (`es` for a service
    // `elasticsearch`). One that is no valid Service name stays reported by C2K3019 alone.
    for s in project.services.values() {
        let Some(c) = &s.container_name else { continue };
        if c.value != s.name.value && names::dns_label(&c.value) == c.value.to_ascii_lowercase() {
            out.push(Alias {
                service: &s.name.value,
                alias: &c.value,
                span: c.span,
                via: "`container_name`".to_string(),
                container_name: true,
            });
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::super::networks::testing::{codes, run};
    use crate::k8s::Object;

    fn services(objects: &[Object]) -> Vec<String> {
        let mut out: Vec<String> = objects
            .iter()
            .filter(|o| matches!(o, Object::Service(_)))
            .map(|o| o.name().to_string())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn network_and_link_aliases_become_services() {
        let (objects, _) = run("services:\n  web:\n    image: w\n    links: [\"db:database\", db]\n  db:\n    image: postgres\n    expose: [\"5432\"]\n    networks:\n      default:\n        aliases: [pg, db, pg]\n", false);
        assert_eq!(services(&objects), ["database", "db", "pg"]);
        let Some(Object::Service(pg)) = objects.iter().find(|o| o.name() == "pg") else {
            panic!("no Service pg");
        };
        let spec = pg.spec.as_ref().unwrap();
        assert_eq!(
            spec.selector.as_ref().unwrap()["app.kubernetes.io/name"],
            "db"
        );
        assert_eq!(spec.ports.as_ref().unwrap()[0].port, 5432);
        assert_eq!(
            pg.metadata.labels.as_ref().unwrap()["app.kubernetes.io/name"],
            "db"
        );
    }

    #[test]
    fn an_alias_of_a_service_without_port_is_reported() {
        let (objects, diags) = run("services:\n  worker:\n    image: w\n    networks:\n      default:\n        aliases: [jobs]\n", false);
        assert!(codes(&diags).contains(&"C2K3033"), "{:?}", codes(&diags));
        assert!(services(&objects).is_empty());
    }

    #[test]
    fn an_alias_naming_another_service_collides() {
        let (_, diags) = run("services:\n  web:\n    image: w\n    expose: [\"80\"]\n  api:\n    image: a\n    expose: [\"80\"]\n    networks:\n      default:\n        aliases: [Web]\n", false);
        let d = diags
            .iter()
            .find(|d| d.code.id() == "C2K2008")
            .expect("a collision");
        assert_eq!(d.secondary.len(), 1);
    }

    #[test]
    fn an_alias_two_services_share_names_the_first() {
        let (objects, diags) = run("services:\n  a:\n    image: w\n    expose: [\"80\"]\n    networks:\n      default:\n        aliases: [both]\n  b:\n    image: w\n    expose: [\"80\"]\n    networks:\n      default:\n        aliases: [both]\n", false);
        assert_eq!(codes(&diags), ["C2K3040"]);
        let Some(Object::Service(both)) = objects.iter().find(|o| o.name() == "both") else {
            panic!("no Service both");
        };
        assert_eq!(
            both.spec.as_ref().unwrap().selector.as_ref().unwrap()["app.kubernetes.io/name"],
            "a"
        );
    }

    #[test]
    fn a_container_name_becomes_a_service() {
        let (objects, diags) = run("services:\n  elasticsearch:\n    image: elasticsearch:8\n    container_name: es\n    expose: [\"9200\"]\n  worker:\n    image: w\n    container_name: Bad_Name\n  web:\n    image: w\n    container_name: web\n", false);
        assert_eq!(services(&objects), ["elasticsearch", "es"]);
        assert!(!codes(&diags).contains(&"C2K3033"), "{:?}", codes(&diags));
    }

    #[test]
    fn a_link_to_an_unknown_service_is_reported() {
        let (_, diags) = run(
            "services:\n  web:\n    image: w\n    links: [\"ghost:g\"]\n",
            false,
        );
        assert!(codes(&diags).contains(&"C2K3007"), "{:?}", codes(&diags));
    }
}
