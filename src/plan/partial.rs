//! Partial migration: the services `--services` left on Compose (`Project::left_out`, handed on
//! by the loader) and what the converted services still say about them. A reference that would
//! break in the cluster gets a warning with the two ways out; a left-out service that states its
//! address (`x-kubernetes.external`) gets an ExternalName Service instead, so the reference keeps
//! working.

use crate::compose::ast::Project;
use crate::compose::load::profiles::LeftOut;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ir::ExternalName;
use crate::k8s::names;
use crate::source::Span;

/// The ExternalName Services the converted services need; a warning for every left-out service
/// they refer to without a stated address.
pub fn external_names(project: &Project, diags: &mut Diagnostics) -> Vec<ExternalName> {
    let mut out = Vec::new();
    for left in &project.left_out {
        let refs = references(project, left);
        if refs.is_empty() {
            continue;
        }
        let Some(ext) = &left.external else {
            diags.push(warning(project, left, &refs));
            continue;
        };
        let external = |name: String, origin: Span| ExternalName {
            name,
            service: left.name.clone(),
            host: ext.value.host.value.clone(),
            port: ext.value.port.as_ref().map(|p| p.value),
            origin,
        };
        let first = out.len();
        out.push(external(names::dns_label(&left.name), left.key));
        // A link alias is one more name for the same place, as on Compose.
        for r in &left.references {
            let Some(alias) = &r.alias else { continue };
            let name = names::dns_label(alias);
            if out.iter().skip(first).all(|e| e.name != name) {
                out.push(external(name, r.span));
            }
        }
    }
    out
}

/// One place a converted service names a left-out one.
struct Reference<'a> {
    from: &'a str,
    span: Span,
    label: String,
}

/// Where converted services name `left`: the entries the loader took out, then `environment`.
fn references<'a>(project: &'a Project, left: &'a LeftOut) -> Vec<Reference<'a>> {
    let mut refs: Vec<Reference> = left
        .references
        .iter()
        .map(|r| Reference {
            from: &r.from,
            span: r.span,
            label: match &r.alias {
                Some(alias) => format!(
                    "`{}` and its alias `{alias}` in `{}`; dropped with `--no-deps`",
                    left.name, r.via
                ),
                None => format!("`{}` in `{}`; dropped with `--no-deps`", left.name, r.via),
            },
        })
        .collect();
    for service in project.services.values() {
        let Some(env) = &service.environment else {
            continue;
        };
        for var in env.value.iter() {
            if var
                .value
                .as_deref()
                .is_some_and(|v| super::hosts::names_host(v, &left.name))
            {
                refs.push(Reference {
                    from: &service.name.value,
                    span: var.span,
                    label: format!("`{}` names the host `{}`", var.name, left.name),
                });
            }
        }
    }
    refs
}

fn warning(project: &Project, left: &LeftOut, refs: &[Reference]) -> Diagnostic {
    let mut users: Vec<&str> = Vec::new();
    for r in refs {
        if !users.contains(&r.from) {
            users.push(r.from);
        }
    }
    let users = crate::diag::code_list(&users);
    let mut d = Diagnostic::new(
        Code::LeftOnCompose,
        format!(
            "{users} refer{} to `{}`, which is not converted: the name resolves to nothing in the cluster",
            if users.contains(", ") { "" } else { "s" },
            left.name
        ),
    );
    for (i, r) in refs.iter().enumerate() {
        d = if i == 0 {
            d.at(r.span, r.label.clone())
        } else {
            d.also(r.span, r.label.clone())
        };
    }
    let mut selected: Vec<&str> = project.services.keys().map(String::as_str).collect();
    selected.push(&left.name);
    let aliases = if left.references.iter().any(|r| r.alias.is_some()) {
        " (and one per link alias)"
    } else {
        ""
    };
    d.also(left.key, format!("`{}` stays on Compose", left.name))
        .help(format!(
            "convert it too with `--services {}`, or, if it keeps running on Compose, give its address as `x-kubernetes.external.host` of `{}` (a DNS name such as `compose-host.internal`; `port` optional): an ExternalName Service `{}`{aliases} will then point there",
            selected.join(","),
            left.name,
            names::dns_label(&left.name),
        ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {

    use crate::diag::{Code, Diagnostic};
    use crate::ir::Migration;

    /// Converts `web` alone, with `--no-deps`.
    fn web_alone(text: &str) -> (Migration, Vec<Diagnostic>) {
        let mut options = crate::plan::test_support::text_options(text);
        options.services = vec!["web".into()];
        options.no_deps = true;
        let (m, diags, _) = crate::plan::test_support::plan_loaded(&options);
        (m, diags)
    }

    const LINKED: &str = "services:\n  web:\n    image: w\n    links: [\"db:database\", \"db:web\"]\n  db:\n    image: d\n    x-kubernetes:\n      external: {host: db.example.com}\n";

    #[test]
    fn a_link_alias_of_a_service_left_on_compose_is_an_external_name_too() {
        let (m, diags) = web_alone(LINKED);
        let names: Vec<_> = m.external_names.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["db", "database"]);
        assert!(m.external_names.iter().all(|e| e.host == "db.example.com"));
        // `web` is the converted service's name already.
        let collision = diags
            .iter()
            .find(|d| d.code == Code::NameCollision)
            .expect("the alias naming `web` collides");
        assert_eq!(collision.secondary.len(), 1);
    }

    #[test]
    fn a_link_alias_of_a_service_without_address_is_named_in_the_warning() {
        let text = LINKED.replace(
            "    x-kubernetes:\n      external: {host: db.example.com}\n",
            "",
        );
        let (m, diags) = web_alone(&text);
        assert!(m.external_names.is_empty());
        let d = diags
            .iter()
            .find(|d| d.code == Code::LeftOnCompose)
            .expect("a warning");
        let label = &d.primary.as_ref().unwrap().text;
        assert!(label.contains("alias `database`"), "{label}");
        assert!(d
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("one per link alias"));
    }
}
