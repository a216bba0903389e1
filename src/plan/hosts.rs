//! Host names written into services' values (`environment`, `command`, `entrypoint`, the
//! healthcheck test). On Compose every service name resolves; in the cluster only Service names
//! do. A service reached by name only through such a value still needs its Service, and a name
//! that no Service can carry (`plausible_db`) or that only Docker provides
//! (`host.docker.internal`) is reported where it is written.

use std::collections::{BTreeSet, HashMap};

use crate::compose::ast::{Command, HealthTest, Project, Service};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::k8s::names;
use crate::source::Span;

/// The host Docker Desktop (and `host-gateway`) gives containers for the machine they run on.
const DOCKER_HOST: &str = "host.docker.internal";

/// One value a service writes, and where.
struct Value<'a> {
    /// `environment` variable name, or `None` for a command, entrypoint or healthcheck test.
    var: Option<&'a str>,
    /// `command`, `entrypoint`, … for messages.
    key: &'static str,
    text: &'a str,
    span: Span,
}

fn values(s: &Service) -> Vec<Value<'_>> {
    let mut out = Vec::new();
    for var in s.environment.iter().flat_map(|e| e.value.0.iter()) {
        if let Some(text) = &var.value {
            out.push(Value {
                var: Some(&var.name),
                key: "environment",
                text,
                span: var.span,
            });
        }
    }
    for (key, command) in [("command", &s.command), ("entrypoint", &s.entrypoint)] {
        let Some(command) = command else { continue };
        let texts: Vec<&str> = match &command.value {
            Command::Shell(line) => vec![line.as_str()],
            Command::Exec(args) => args.iter().map(String::as_str).collect(),
        };
        for text in texts {
            out.push(Value {
                var: None,
                key,
                text,
                span: command.span,
            });
        }
    }
    if let Some(test) = s.healthcheck.as_ref().and_then(|h| h.value.test.as_ref()) {
        let texts: Vec<&str> = match &test.value {
            HealthTest::None => Vec::new(),
            HealthTest::Cmd(args) => args.iter().map(String::as_str).collect(),
            HealthTest::CmdShell(line) => vec![line.as_str()],
        };
        for text in texts {
            out.push(Value {
                var: None,
                key: "healthcheck.test",
                text,
                span: test.span,
            });
        }
    }
    out
}

/// The hosts a value names: its words in a place [`names_host`] takes for a host. A command line
/// or a shell test holds many words; an `environment` value is one, as for `plan::partial`, so
/// prose in a value (`the db is up`) names no host.
fn hosts<'a>(v: &Value<'a>) -> Vec<&'a str> {
    if v.var.is_some() {
        return host_words(v.text);
    }
    v.text
        .split(|c: char| c.is_whitespace() || c == '"' || c == '\'')
        .flat_map(host_words)
        .collect()
}

/// The services other services name as a host in their `environment`: they are reached by name,
/// as a dependency is, so they need a Service (and a port to give it).
pub fn named_in_environment(project: &Project) -> BTreeSet<&str> {
    // Each value's host words once, looked up by name: testing every service name against every
    // value is quadratic, and projects of thousands of services exist.
    let mut named_by: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for s in project.services.values() {
        for var in s.environment.iter().flat_map(|e| e.value.0.iter()) {
            let Some(text) = var.value.as_deref() else {
                continue;
            };
            for host in host_words(text) {
                named_by.entry(host).or_default().insert(&s.name.value);
            }
        }
    }
    project
        .services
        .keys()
        .map(String::as_str)
        .filter(|target| {
            named_by
                .get(target)
                .is_some_and(|from| from.iter().any(|f| f != target))
        })
        .collect()
}

/// Whether `value` names `host` as a whole host: the whole value (`DB_HOST=db`), or after `//`,
/// `@`, `,` or `=` and before `:`, `/`, `,`, `?`, `#`, `;` or the end (`redis://cache:6379`,
/// `postgres://u:p@db/x`, `kafka-1:9092,kafka-2:9092`). A path (`/data/cache`) or a longer name
/// (`cache.internal`, `my-cache`) does not count.
///
/// One rule for the whole-project scan ([`host_words`]) and the references to services left on
/// Compose (`plan::partial`).
pub(super) fn names_host(value: &str, host: &str) -> bool {
    !host.is_empty() && host_words(value).contains(&host)
}

/// Every part of an `environment` value in a place [`names_host`] takes for a host: a service name
/// holds none of the characters that delimit one, so the part from each such start to the next
/// end delimiter is the only host that can match there.
fn host_words(word: &str) -> Vec<&str> {
    // The end delimiters once, searched from each start: a hostile value of thousands of `=`
    // must not be scanned once per start.
    let ends: Vec<usize> = word
        .match_indices([':', '/', ',', '?', '#', ';'])
        .map(|(i, _)| i)
        .collect();
    let starts = std::iter::once(0).chain(word.char_indices().filter_map(|(i, c)| {
        let next = i + c.len_utf8();
        let after_slashes = c == '/' && word.get(..next).is_some_and(|b| b.ends_with("//"));
        (matches!(c, '@' | ',' | '=') || after_slashes).then_some(next)
    }));
    starts
        .filter_map(|start| {
            let end = ends
                .get(ends.partition_point(|e| *e < start))
                .copied()
                .unwrap_or(word.len());
            word.get(start..end).filter(|h| !h.is_empty())
        })
        .collect()
}

/// Warns about each value naming a host that does not resolve in the cluster.
pub fn check(project: &Project, diags: &mut Diagnostics) {
    // DNS ignores case, so only names whose Service is spelt otherwise are lost.
    let renamed: Vec<(&str, String)> = project
        .services
        .keys()
        .map(|n| (n.as_str(), names::dns_label(n)))
        .filter(|(n, k8s)| n.to_ascii_lowercase() != *k8s)
        .collect();
    let renamed: HashMap<&str, String> = renamed.into_iter().collect();
    for s in project.services.values() {
        // An `extends`ed or listed command repeats its span: one warning per place and host.
        let mut warned: BTreeSet<(Span, &str)> = BTreeSet::new();
        for v in values(s) {
            let place = match v.var {
                Some(var) => format!("`{var}` of service `{}`", s.name.value),
                None => format!("`{}` of service `{}`", v.key, s.name.value),
            };
            let fix = match v.var {
                Some(var) => format!(
                    "give `{var}` another value (in an override file or an interpolated variable) "
                ),
                None => format!("change the `{}` ", v.key),
            };
            for host in hosts(&v) {
                if host == DOCKER_HOST && warned.insert((v.span, host)) {
                    diags.push(
                        Diagnostic::new(
                            Code::UnresolvedHost,
                            format!(
                                "{place} names `{DOCKER_HOST}`, which does not exist in a cluster"
                            ),
                        )
                        .at(v.span, "Docker's name for the machine it runs on")
                        .help(format!(
                            "{fix}to an address the pod can reach: a Service of type ExternalName pointing at the machine, or the node's address from the downward API (`valueFrom.fieldRef.fieldPath: status.hostIP`)"
                        )),
                    );
                }
                let Some(k8s) = renamed.get(host) else {
                    continue;
                };
                if !warned.insert((v.span, host)) {
                    continue;
                }
                diags.push(
                    Diagnostic::new(
                        Code::UnresolvedHost,
                        format!(
                            "{place} names the host `{host}`, which will not resolve in the cluster; the Service is `{k8s}`"
                        ),
                    )
                    .at(v.span, format!("`{host}` resolves on Compose only"))
                    .help(format!(
                        "{fix}to name `{k8s}`; Service names allow only lower-case letters, digits and `-`, so no Service can be called `{host}`"
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::super::networks::testing::{codes, run};
    use crate::k8s::Object;

    #[test]
    fn a_service_name_no_service_can_carry_is_reported_where_used() {
        let (_, diags) = run("services:\n  web:\n    image: w\n    environment:\n      DATABASE_PASSWORD_URL: postgres://u:hunter2@plausible_db:5432/x\n    command: [\"wait-for\", \"plausible_db:5432\"]\n  plausible_db:\n    image: postgres:16\n", false);
        let found: Vec<_> = diags.iter().filter(|d| d.code.id() == "C2K3046").collect();
        assert_eq!(found.len(), 2, "{:?}", codes(&diags));
        assert!(found[0].message.contains("`plausible-db`"));
        assert!(diags.iter().all(|d| !d.message.contains("hunter2")
            && !d.help.as_deref().unwrap_or_default().contains("hunter2")));
    }

    #[test]
    fn the_docker_host_is_reported() {
        let (_, diags) = run("services:\n  web:\n    image: w\n    environment:\n      - OLLAMA_BASE_URL=http://host.docker.internal:11434\n", false);
        assert!(codes(&diags).contains(&"C2K3046"), "{:?}", codes(&diags));
        assert!(!codes(&diags).is_empty());
    }

    #[test]
    fn a_service_named_in_environment_only_gets_a_service() {
        let (objects, _) = run("services:\n  web:\n    image: w\n    environment:\n      DB: db:3306\n  db:\n    image: mysql:8\n  other:\n    image: o\n    environment:\n      NOTE: the db is up\n", false);
        let services: Vec<&str> = objects
            .iter()
            .filter(|o| matches!(o, Object::Service(_)))
            .map(|o| o.name())
            .collect();
        assert_eq!(services, ["db"]);
    }

    #[test]
    fn whole_host_tokens() {
        for value in [
            "cache",
            "redis://cache:6379",
            "redis://cache",
            "http://cache:8000/x",
            "postgres://user:pw@cache:5432/db",
            "amqp://guest:guest@cache/",
            "kafka:9092,cache:9092",
            "host=cache",
        ] {
            assert!(super::names_host(value, "cache"), "{value}");
        }
        for value in [
            "",
            "my-cache",
            "cache.internal",
            "cache_size",
            "/data/cache/x",
            "use the cache now",
            "redis://cache-2:6379",
            "memcache:11211",
        ] {
            assert!(!super::names_host(value, "cache"), "{value}");
        }
    }

    #[test]
    fn words_of_a_command_are_hosts() {
        let command = |text| super::Value {
            var: None,
            key: "command",
            text,
            span: crate::source::Span::default(),
        };
        assert!(
            super::hosts(&command("sh -c 'nc -z es 9200 && curl http://es:9200'")).contains(&"es")
        );
        assert!(!super::hosts(&command("elasticsearch -Ees.enabled=true")).contains(&"es"));
        let env = super::Value {
            var: Some("NOTE"),
            ..command("the es is up")
        };
        assert!(!super::hosts(&env).contains(&"es"));
    }
}
