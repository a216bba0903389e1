#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

use super::*;
use crate::diag::{Code, Diagnostic};
use crate::source::{SourceMap, Span};
use crate::yaml::de::Context;
use crate::yaml::{parse, Spanned};

struct Read {
    map: SourceMap,
    project: Project,
    diags: Vec<Diagnostic>,
}

impl Read {
    fn slice(&self, span: Span) -> &str {
        self.map.get(span.file).unwrap().slice(span)
    }

    fn service(&self, name: &str) -> &Service {
        self.project
            .services
            .get(name)
            .unwrap_or_else(|| panic!("no service `{name}`; diagnostics: {:#?}", self.diags))
    }

    fn app(&self) -> &Service {
        self.service("app")
    }

    /// The only diagnostic: its code and the text its primary label points at.
    fn only(&self) -> (Code, &str, &str) {
        assert_eq!(self.diags.len(), 1, "{:#?}", self.diags);
        let d = &self.diags[0];
        let span = d.primary.as_ref().unwrap().span;
        (d.code, self.slice(span), d.message.as_str())
    }

    fn assert_clean(&self) {
        assert!(self.diags.is_empty(), "{:#?}", self.diags);
    }
}

fn load(text: &str) -> Read {
    let mut map = SourceMap::new();
    let id = map.add("compose.yaml", Path::new("compose.yaml"), text.to_string());
    let parsed = parse(id, text);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let cx = Context::new();
    let project = read_project(&parsed.documents[0], &cx);
    Read {
        map,
        project,
        diags: cx.take(),
    }
}

/// A project with one service `app` whose body is `body` (written at column 0).
fn app(body: &str) -> Read {
    let mut text = String::from("services:\n  app:\n");
    for line in body.lines() {
        text.push_str("    ");
        text.push_str(line);
        text.push('\n');
    }
    load(&text)
}

fn texts(items: &[Spanned<String>]) -> Vec<&str> {
    items.iter().map(|s| s.value.as_str()).collect()
}

// --- project level -------------------------------------------------------------------------

#[test]
fn service_name_and_span() {
    let r = load("services:\n  web:\n    image: nginx\n    restart: always\n");
    r.assert_clean();
    let web = r.service("web");
    assert_eq!(r.slice(web.name.span), "web");
    assert_eq!(web.name.value, "web");
    assert_eq!(r.slice(web.span), "image: nginx\n    restart: always");
    assert_eq!(web.image.as_ref().unwrap().value, "nginx");
    assert_eq!(r.slice(web.image.as_ref().unwrap().span), "nginx");
}

#[test]
fn top_level_must_be_a_mapping() {
    let r = load("- a\n- b\n");
    assert_eq!(r.only().0, Code::NotAMapping);
    assert!(r.project.services.is_empty());
}

#[test]
fn version_is_accepted_and_kept() {
    let r = load("version: '3.8'\nname: demo\nservices:\n  a:\n    image: x\n");
    r.assert_clean();
    assert_eq!(r.project.version.as_ref().unwrap().value, "3.8");
    assert_eq!(r.project.name.as_ref().unwrap().value, "demo");
}

#[test]
fn unknown_top_level_key_with_suggestion_and_extensions_allowed() {
    let r = load("x-anything: {a: 1}\nservice:\n  a:\n    image: x\n");
    let (code, at, _) = r.only();
    assert_eq!((code, at), (Code::UnknownKey, "service"));
    assert!(r.diags[0].help.as_deref().unwrap().contains("`services`"));
}

#[test]
fn unknown_service_key_is_reported_and_service_kept() {
    let r = app("image: x\nimgae: y\nx-note: fine\n");
    let (code, at, _) = r.only();
    assert_eq!((code, at), (Code::UnknownKey, "imgae"));
    assert!(r.diags[0].help.as_deref().unwrap().contains("`image`"));
    assert_eq!(r.app().image.as_ref().unwrap().value, "x");
}

#[test]
fn unknown_key_inside_a_long_form_is_reported_and_skipped() {
    let r = app("image: x\nports:\n  - target: 80\n    publshed: 8080\n");
    let (code, at, _) = r.only();
    assert_eq!((code, at), (Code::UnknownKey, "publshed"));
    assert!(r.diags[0].help.as_deref().unwrap().contains("`published`"));
    let ports = &r.app().ports.as_ref().unwrap().value;
    assert_eq!(ports[0].value.target, 80);
}

#[test]
fn unknown_keys_in_every_long_form_are_reported() {
    let r = app(concat!(
        "build: {context: ., dockerfil: x}\n",
        "volumes: [{type: bind, source: ., target: /a, readonly: true}]\n",
        "env_file: [{path: a.env, requird: false}]\n",
        "secrets: [{source: s, targt: /x}]\n",
        "ulimits: {nofile: {soft: 1, hard: 2, hrad: 3}}\n",
        "extends: {service: a, fle: b}\n",
        "devices: [{source: /dev/a, tagret: /dev/b}]\n",
        "depends_on: {db: {conditon: service_started}}\n",
    ));
    // Keys in long forms are reported after the service is read; output is sorted later.
    let mut spans: Vec<Span> = r
        .diags
        .iter()
        .map(|d| {
            assert_eq!(d.code, Code::UnknownKey);
            d.primary.as_ref().unwrap().span
        })
        .collect();
    spans.sort();
    let keys: Vec<&str> = spans.iter().map(|s| r.slice(*s)).collect();
    assert_eq!(
        keys,
        [
            "dockerfil",
            "readonly",
            "requird",
            "targt",
            "hrad",
            "fle",
            "tagret",
            "conditon"
        ]
    );
    let svc = r.app();
    assert!(svc.build.is_some() && svc.volumes.is_some() && svc.extends.is_some());
}

#[test]
fn unknown_key_in_long_form_is_a_hard_error_without_read() {
    let text = "target: 80\nbogus: 1\n";
    let mut map = SourceMap::new();
    let id = map.add("c.yaml", Path::new("c.yaml"), text.to_string());
    let parsed = parse(id, text);
    let cx = Context::new();
    let err = crate::yaml::de::from_node::<Port>(&parsed.documents[0], &cx).unwrap_err();
    assert!(
        err.message.contains("unknown key `bogus`"),
        "{}",
        err.message
    );
    assert_eq!(map.get(id).unwrap().slice(err.span.unwrap()), "bogus");
    // Through `read` it is a diagnostic instead, and the port is read.
    let port: Port = read(&parsed.documents[0], &cx).unwrap();
    assert_eq!(port.target, 80);
    assert_eq!(cx.take().len(), 1);
}

#[test]
fn one_bad_service_does_not_hide_the_others() {
    let r = load(concat!(
        "services:\n",
        "  a:\n    image: x\n    ports: [\"99999\"]\n",
        "  b:\n    image: y\n    healthcheck: {interval: 5x}\n",
        "  c:\n    image: z\n",
    ));
    let codes: Vec<Code> = r.diags.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::InvalidPort, Code::InvalidDuration]);
    assert_eq!(
        r.project.services.keys().collect::<Vec<_>>(),
        ["c"],
        "services that fail to read are left out"
    );
}

#[test]
fn null_service_points_at_its_name() {
    let r = load("services:\n  web:\n  db:\n    image: x\n");
    let (code, at, _) = r.only();
    assert_eq!((code, at), (Code::InvalidValue, "web"));
    assert!(r.project.services.contains_key("db"));
}

#[test]
fn services_must_be_a_mapping() {
    let r = load("services:\n  - web\n");
    assert_eq!(r.only().0, Code::InvalidValue);
}

#[test]
fn invalid_names_are_reported_but_kept() {
    let r = load("services:\n  'my app':\n    image: x\nvolumes:\n  'd@ta':\n");
    let codes: Vec<(Code, &str)> = r
        .diags
        .iter()
        .map(|d| (d.code, r.slice(d.primary.as_ref().unwrap().span)))
        .collect();
    assert_eq!(
        codes,
        [
            (Code::InvalidName, "'my app'"),
            (Code::InvalidName, "'d@ta'")
        ]
    );
    assert!(r.project.services.contains_key("my app"));
}

#[test]
fn top_level_resources() {
    let r = load(concat!(
        "services:\n  a:\n    image: x\n",
        "networks:\n  front:\n  back:\n    driver: overlay\n    external: {name: real}\n",
        "volumes:\n  data:\n  logs: {external: true}\n",
        "secrets:\n  s: {file: ./s.txt}\n",
        "configs:\n  c: {content: hello}\n",
        "models:\n  m: {model: ai/m}\n",
        "x-kubernetes:\n  namespace: demo\n",
    ));
    r.assert_clean();
    let p = &r.project;
    let front = &p.networks["front"];
    assert!(front.value.is_none());
    assert_eq!(r.slice(front.span), "front");
    let back = p.networks["back"].value.as_ref().unwrap();
    assert_eq!(
        back.external.as_ref().unwrap().value,
        External {
            external: true,
            name: Some("real".into())
        }
    );
    assert!(p.volumes["data"].value.is_none());
    assert!(
        p.volumes["logs"]
            .value
            .as_ref()
            .unwrap()
            .external
            .as_ref()
            .unwrap()
            .external
    );
    assert_eq!(p.secrets["s"].value.file.as_ref().unwrap().value, "./s.txt");
    assert_eq!(
        p.configs["c"].value.content.as_ref().unwrap().value,
        "hello"
    );
    assert_eq!(p.models["m"].value.model.value, "ai/m");
    assert_eq!(
        p.x_kubernetes
            .as_ref()
            .unwrap()
            .value
            .namespace
            .as_ref()
            .unwrap()
            .value,
        "demo"
    );
}

#[test]
fn one_bad_resource_does_not_hide_the_others() {
    let r = load(concat!(
        "services:\n  a:\n    image: x\n",
        "volumes:\n  a: {driver: [x]}\n  b: {driver: local}\n",
        "secrets:\n  s: {file: [x]}\n  t: {file: ./t}\n",
    ));
    assert_eq!(r.diags.len(), 2, "{:#?}", r.diags);
    assert!(!r.project.volumes.contains_key("a"));
    assert!(r.project.volumes.contains_key("b"));
    assert!(r.project.secrets.contains_key("t"));
}

#[test]
fn include_forms() {
    let r = load(concat!(
        "include:\n",
        "  - ../commons/compose.yaml\n",
        "  - path: [a.yaml, b.yaml]\n    project_directory: ..\n    env_file: ../.env\n",
    ));
    r.assert_clean();
    let includes = &r.project.include.as_ref().unwrap().value;
    assert_eq!(texts(&includes[0].path), ["../commons/compose.yaml"]);
    assert_eq!(r.slice(includes[0].path[0].span), "../commons/compose.yaml");
    assert_eq!(texts(&includes[1].path), ["a.yaml", "b.yaml"]);
    assert_eq!(includes[1].project_directory.as_ref().unwrap().value, "..");
    assert_eq!(texts(&includes[1].env_file), ["../.env"]);
    assert_eq!(r.slice(includes[1].env_file[0].span), "../.env");
}

// --- command, environment -------------------------------------------------------------------

#[test]
fn command_forms() {
    let r = app("command: bundle exec thin -p 3000\nentrypoint: [\"php\", \"-d\", 1]\n");
    r.assert_clean();
    let svc = r.app();
    let cmd = &svc.command.as_ref().unwrap().value;
    assert_eq!(cmd, &Command::Shell("bundle exec thin -p 3000".into()));
    assert_eq!(
        cmd.argv().unwrap(),
        ["bundle", "exec", "thin", "-p", "3000"]
    );
    assert_eq!(
        svc.entrypoint.as_ref().unwrap().value,
        Command::Exec(vec!["php".into(), "-d".into(), "1".into()])
    );

    let r = app("command: null\nentrypoint: ''\n");
    assert!(r.app().command.is_none());
    assert_eq!(
        r.app().entrypoint.as_ref().unwrap().value,
        Command::Shell(String::new())
    );
    let r = app("command: []\n");
    assert_eq!(
        r.app().command.as_ref().unwrap().value,
        Command::Exec(vec![])
    );
    let r = app("command: {a: b}\n");
    assert_eq!(r.only().0, Code::InvalidValue);
}

#[test]
fn shell_command_quoting() {
    let cmd = Command::Shell(r#"/bin/sh -c 'echo "hello $$HOSTNAME"'"#.into());
    assert_eq!(
        cmd.argv().unwrap(),
        ["/bin/sh", "-c", r#"echo "hello $$HOSTNAME""#]
    );
    assert!(Command::Shell("echo 'unclosed".into()).argv().is_err());
}

#[test]
fn environment_list_form() {
    let r = app("environment:\n  - RACK_ENV=development\n  - SHOW=true\n  - USER_INPUT\n  - EMPTY=\n  - EQ=a=b\n");
    r.assert_clean();
    let env = &r.app().environment.as_ref().unwrap().value;
    let pairs: Vec<(&str, Option<&str>)> = env
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_deref()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("RACK_ENV", Some("development")),
            ("SHOW", Some("true")),
            ("USER_INPUT", None),
            ("EMPTY", Some("")),
            ("EQ", Some("a=b")),
        ]
    );
    assert_eq!(r.slice(env.0[0].span), "RACK_ENV=development");
}

#[test]
fn environment_map_form_keeps_text_and_order() {
    let r = app("environment:\n  B: 1\n  A: true\n  V: 1.10\n  Q: \"quoted\"\n  U:\n  Y: yes\n");
    r.assert_clean();
    let env = &r.app().environment.as_ref().unwrap().value;
    let pairs: Vec<(&str, Option<&str>)> = env
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_deref()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("B", Some("1")),
            ("A", Some("true")),
            ("V", Some("1.10")),
            ("Q", Some("quoted")),
            ("U", None),
            ("Y", Some("yes")),
        ]
    );
    assert_eq!(r.slice(env.0[0].span), "B: 1");
    assert_eq!(r.slice(env.0[4].span), "U");
    assert_eq!(env.get("A").unwrap().value.as_deref(), Some("true"));
}

#[test]
fn environment_errors_are_located() {
    let r = app("environment:\n  - OK=1\n  - =nope\n");
    let (code, at, msg) = r.only();
    assert_eq!((code, at), (Code::InvalidValue, "=nope"));
    assert!(msg.contains("empty variable name"), "{msg}");
    let r = app("environment:\n  A: {nested: map}\n");
    let (_, at, _) = r.only();
    assert_eq!(at, "{nested: map}");
}

#[test]
fn env_file_forms() {
    let r = app("env_file: .env\n");
    r.assert_clean();
    let files = &r.app().env_file.as_ref().unwrap().value;
    assert_eq!(
        files[0].value,
        EnvFile {
            path: ".env".into(),
            required: true,
            format: None
        }
    );
    assert_eq!(r.slice(files[0].span), ".env");

    let r =
        app("env_file:\n  - ./a.env\n  - path: ./b.env\n    required: false\n    format: raw\n");
    r.assert_clean();
    let files = &r.app().env_file.as_ref().unwrap().value;
    assert_eq!(files[0].value.path, "./a.env");
    assert_eq!(
        files[1].value,
        EnvFile {
            path: "./b.env".into(),
            required: false,
            format: Some("raw".into())
        }
    );
    let r = app("env_file:\n  - required: false\n");
    assert!(r.only().2.contains("path"), "{:?}", r.diags);
}

// --- ports ---------------------------------------------------------------------------------

#[test]
fn ports_short_and_long_forms() {
    let r = app(concat!(
        "ports:\n",
        "  - \"3000\"\n  - \"3000-3005\"\n  - \"8000:8000\"\n  - \"9090-9091:8080-8081\"\n",
        "  - \"49100:22\"\n  - \"127.0.0.1:8001:8001\"\n  - \"127.0.0.1:5000-5010:5000-5010\"\n",
        "  - \"::1:6000:6000\"\n  - \"[::1]:6001:6001\"\n  - \"6060:6060/udp\"\n  - 80\n",
        "  - 8080:80\n",
        "  - name: web\n    target: 80\n    host_ip: 127.0.0.1\n    published: \"8080\"\n",
        "    protocol: tcp\n    app_protocol: http\n    mode: host\n",
        "  - target: \"443\"\n    published: 8083-9000\n",
    ));
    r.assert_clean();
    let ports: Vec<&Port> = r
        .app()
        .ports
        .as_ref()
        .unwrap()
        .value
        .iter()
        .map(|p| &p.value)
        .collect();
    type Row<'a> = (
        u16,
        Option<u16>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
    );
    let summary: Vec<Row> = ports
        .iter()
        .map(|p| {
            (
                p.target,
                p.target_end,
                p.published.as_deref(),
                p.host_ip.as_deref(),
                p.protocol.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (3000, None, None, None, None),
            (3000, Some(3005), None, None, None),
            (8000, None, Some("8000"), None, None),
            (8080, Some(8081), Some("9090-9091"), None, None),
            (22, None, Some("49100"), None, None),
            (8001, None, Some("8001"), Some("127.0.0.1"), None),
            (5000, Some(5010), Some("5000-5010"), Some("127.0.0.1"), None),
            (6000, None, Some("6000"), Some("::1"), None),
            (6001, None, Some("6001"), Some("::1"), None),
            (6060, None, Some("6060"), None, Some("udp")),
            (80, None, None, None, None),
            (80, None, Some("8080"), None, None),
            (80, None, Some("8080"), Some("127.0.0.1"), Some("tcp")),
            (443, None, Some("8083-9000"), None, None),
        ]
    );
    let web = ports[12];
    assert_eq!(
        (
            web.name.as_deref(),
            web.app_protocol.as_deref(),
            web.mode.as_deref()
        ),
        (Some("web"), Some("http"), Some("host"))
    );
}

#[test]
fn port_errors_are_located_with_their_code() {
    for (entry, needle) in [
        ("\"70000\"", "out of range"),
        ("\"8080:80-81\"", "differ in length"),
        ("\"abc\"", "not a port number"),
        ("\"1.2.3.4.5:80:80\"", "not an IP address"),
        ("-1", "not a port number"),
    ] {
        let r = app(&format!("ports:\n  - \"1\"\n  - {entry}\n"));
        let (code, at, msg) = r.only();
        assert_eq!(code, Code::InvalidPort, "{entry}: {msg}");
        assert_eq!(at, entry);
        assert!(msg.contains(needle), "{entry}: {msg}");
        assert!(r.diags[0].help.as_deref().unwrap().contains("8080:80"));
    }
    let r = app("ports:\n  - target: 0\n");
    let (code, at, _) = r.only();
    assert_eq!((code, at), (Code::InvalidPort, "0"));
    let r = app("ports:\n  - target: 80\n    mode: ingres\n");
    let (code, at, msg) = r.only();
    assert_eq!((code, at), (Code::InvalidValue, "ingres"));
    assert!(msg.contains("did you mean `ingress`"), "{msg}");
    let r = app("ports:\n  - published: 80\n");
    assert!(r.only().2.contains("target"));
}

#[test]
fn expose_forms_and_errors() {
    let r = app("expose:\n  - \"3000\"\n  - 8000\n  - \"8080-8085/tcp\"\n");
    r.assert_clean();
    let expose = &r.app().expose.as_ref().unwrap().value;
    assert_eq!(texts(expose), ["3000", "8000", "8080-8085/tcp"]);
    assert_eq!(r.slice(expose[1].span), "8000");
    let r = app("expose:\n  - \"3000\"\n  - http\n");
    let (code, at, _) = r.only();
    assert_eq!((code, at), (Code::InvalidPort, "http"));
}

// --- volumes -------------------------------------------------------------------------------

#[test]
fn volume_short_and_long_forms() {
    let r = app(concat!(
        "volumes:\n",
        "  - /anonymous\n",
        "  - data:/var/lib/data\n",
        "  - ./conf:/etc/app:ro,z\n",
        "  - type: volume\n    source: db\n    target: /db\n    volume: {nocopy: true, subpath: sub}\n",
        "  - type: bind\n    source: /sock\n    target: /sock\n    read_only: true\n",
        "    bind: {create_host_path: false, propagation: rshared}\n",
        "  - type: tmpfs\n    target: /cache\n    tmpfs: {size: 100m, mode: 01777}\n",
        "  - type: image\n    source: img:1\n    target: /img\n    image: {subpath: s}\n",
        "  - type: npipe\n    source: \\\\.\\pipe\\docker\n    target: \\\\.\\pipe\\docker\n",
        "  - {type: cluster, source: c, target: /c}\n",
    ));
    r.assert_clean();
    let mounts: Vec<&VolumeMount> = r
        .app()
        .volumes
        .as_ref()
        .unwrap()
        .value
        .iter()
        .map(|m| &m.value)
        .collect();
    let kinds: Vec<(MountKind, Option<&str>, &str, bool)> = mounts
        .iter()
        .map(|m| (m.kind, m.source.as_deref(), m.target.as_str(), m.read_only))
        .collect();
    assert_eq!(
        kinds,
        [
            (MountKind::Volume, None, "/anonymous", false),
            (MountKind::Volume, Some("data"), "/var/lib/data", false),
            (MountKind::Bind, Some("./conf"), "/etc/app", true),
            (MountKind::Volume, Some("db"), "/db", false),
            (MountKind::Bind, Some("/sock"), "/sock", true),
            (MountKind::Tmpfs, None, "/cache", false),
            (MountKind::Image, Some("img:1"), "/img", false),
            (
                MountKind::Npipe,
                Some("\\\\.\\pipe\\docker"),
                "\\\\.\\pipe\\docker",
                false
            ),
            (MountKind::Cluster, Some("c"), "/c", false),
        ]
    );
    assert_eq!(
        mounts[2].bind.as_ref().unwrap().selinux.as_deref(),
        Some("z")
    );
    assert_eq!(
        mounts[3].volume.as_ref().unwrap(),
        &VolumeOptions {
            labels: None,
            nocopy: Some(true),
            subpath: Some("sub".into())
        }
    );
    assert_eq!(
        mounts[4].bind.as_ref().unwrap(),
        &BindOptions {
            propagation: Some("rshared".into()),
            create_host_path: Some(false),
            recursive: None,
            selinux: None
        }
    );
    assert_eq!(
        mounts[5].tmpfs.as_ref().unwrap(),
        &TmpfsOptions {
            size: Some(ByteSize(100 << 20)),
            mode: Some(FileMode(0o1777))
        }
    );
    assert_eq!(
        mounts[6].image.as_ref().unwrap().subpath.as_deref(),
        Some("s")
    );
}

#[test]
fn volume_errors_are_located_with_their_code() {
    let r = app("volumes:\n  - ./a:/a\n  - ./b:/b:readonly\n");
    let (code, at, msg) = r.only();
    assert_eq!((code, at), (Code::InvalidVolumeMount, "./b:/b:readonly"));
    assert!(msg.contains("unknown mode `readonly`"), "{msg}");
    let r = app("volumes:\n  - {type: bind, target: /a}\n");
    let (code, _, msg) = r.only();
    assert_eq!(code, Code::InvalidVolumeMount);
    assert!(msg.contains("needs a `source`"), "{msg}");
    let r = app("volumes:\n  - {type: blob, source: a, target: /a}\n");
    let (code, at, msg) = r.only();
    assert_eq!((code, at), (Code::InvalidValue, "blob"));
    assert!(msg.contains("unknown variant"), "{msg}");
    let r =
        app("volumes:\n  - type: bind\n    source: .\n    target: /a\n    bind: {selinux: x}\n");
    let (_, at, _) = r.only();
    assert_eq!(at, "x");
}

// --- healthcheck, durations, sizes ---------------------------------------------------------

#[test]
fn healthcheck_forms() {
    let r = app(concat!(
        "healthcheck:\n",
        "  test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\n",
        "  interval: 1m30s\n  timeout: 10s\n  retries: 3\n  start_period: 40s\n",
        "  start_interval: 500ms\n  disable: false\n",
    ));
    r.assert_clean();
    let hc = &r.app().healthcheck.as_ref().unwrap().value;
    assert_eq!(
        hc.test.as_ref().unwrap().value,
        HealthTest::Cmd(vec!["curl".into(), "-f".into(), "http://localhost".into()])
    );
    let interval = hc.interval.as_ref().unwrap();
    assert_eq!(interval.as_secs(), 90);
    assert_eq!(interval.value.text, "1m30s");
    assert_eq!(r.slice(interval.span), "1m30s");
    assert_eq!(
        hc.start_interval.as_ref().unwrap().duration,
        std::time::Duration::from_millis(500)
    );
    assert_eq!(hc.retries.as_ref().unwrap().value, 3);
    assert!(!hc.disable.as_ref().unwrap().value);

    for (test, expected) in [
        (
            "[\"CMD-SHELL\", \"curl -f http://localhost || exit 1\"]",
            HealthTest::CmdShell("curl -f http://localhost || exit 1".into()),
        ),
        (
            "curl -f http://localhost || exit 1",
            HealthTest::CmdShell("curl -f http://localhost || exit 1".into()),
        ),
        ("[\"NONE\"]", HealthTest::None),
    ] {
        let r = app(&format!("healthcheck:\n  test: {test}\n"));
        r.assert_clean();
        let hc = &r.app().healthcheck.as_ref().unwrap().value;
        assert_eq!(hc.test.as_ref().unwrap().value, expected);
    }
}

#[test]
fn healthcheck_errors() {
    let r = app("healthcheck:\n  test: [\"RUN\", \"x\"]\n");
    let (_, at, msg) = r.only();
    assert_eq!(at, "\"RUN\"");
    assert!(msg.contains("`CMD`, `CMD-SHELL` or `NONE`"), "{msg}");
    let r = app("healthcheck:\n  test: [\"CMD\"]\n");
    assert!(r.only().2.contains("must be followed"));
    let r = app("healthcheck:\n  test: [\"CMD-SHELL\", \"a\", \"b\"]\n");
    assert!(r.only().2.contains("exactly one"));
    let r = app("healthcheck:\n  test: []\n");
    assert!(r.only().2.contains("empty"));
    let r = app("healthcheck:\n  retries: many\n");
    let (code, at, _) = r.only();
    assert_eq!((code, at), (Code::InvalidValue, "many"));
}

#[test]
fn duration_errors_are_located_with_their_code() {
    let r = app("healthcheck:\n  interval: 5x\n");
    let (code, at, msg) = r.only();
    assert_eq!((code, at), (Code::InvalidDuration, "5x"));
    assert!(msg.contains("unknown unit `x`"), "{msg}");
    let r = app("stop_grace_period: 30\n");
    let (code, at, msg) = r.only();
    assert_eq!((code, at), (Code::InvalidDuration, "30"));
    assert!(msg.contains("unit is required"), "{msg}");
    let r = app("stop_grace_period: 0\ncpu_rt_runtime: 95000\ncpu_rt_period: 1400us\n");
    r.assert_clean();
    let svc = r.app();
    assert_eq!(
        svc.cpu_rt_runtime.as_ref().unwrap().duration,
        std::time::Duration::from_micros(95_000)
    );
    assert_eq!(
        svc.cpu_rt_period.as_ref().unwrap().duration,
        std::time::Duration::from_micros(1400)
    );
}

#[test]
fn byte_sizes() {
    let r = app(concat!(
        "mem_limit: 512m\nmem_reservation: 1073741824\nshm_size: 1.5g\nmemswap_limit: -1\n",
        "deploy: {resources: {limits: {memory: 2gb, cpus: '0.5'}}}\n",
    ));
    r.assert_clean();
    let svc = r.app();
    assert_eq!(svc.mem_limit.as_ref().unwrap().value, ByteSize(512 << 20));
    assert_eq!(svc.mem_reservation.as_ref().unwrap().value.bytes(), 1 << 30);
    assert_eq!(svc.shm_size.as_ref().unwrap().value, ByteSize(3 << 29));
    assert_eq!(
        svc.memswap_limit.as_ref().unwrap().value,
        ByteLimit::Unlimited
    );
    let limits = &svc
        .deploy
        .as_ref()
        .unwrap()
        .resources
        .as_ref()
        .unwrap()
        .limits;
    let limits = &limits.as_ref().unwrap().value;
    assert_eq!(limits.memory.as_ref().unwrap().value, ByteSize(2 << 30));
    assert_eq!(limits.cpus.as_ref().unwrap().value, 0.5);

    let r = app("mem_limit: 12zb\n");
    let (code, at, _) = r.only();
    assert_eq!((code, at), (Code::InvalidByteSize, "12zb"));
    let r = app("memswap_limit: -2\n");
    assert_eq!(r.only().0, Code::InvalidByteSize);
    let r = app("cpus: -1\n");
    assert!(r.only().2.contains("CPU"));
}

// --- references ----------------------------------------------------------------------------

#[test]
fn depends_on_forms() {
    let r = app("depends_on:\n  - db\n  - redis\n");
    r.assert_clean();
    let deps = &r.app().depends_on.as_ref().unwrap().value;
    assert_eq!(deps.0.len(), 2);
    assert_eq!(deps.0[0].service.value, "db");
    assert_eq!(r.slice(deps.0[1].service.span), "redis");
    assert!(deps.0[0].condition.is_none());

    let r = app(concat!(
        "depends_on:\n",
        "  db:\n    condition: service_healthy\n    restart: true\n",
        "  redis:\n    condition: service_started\n    required: false\n",
        "  migrate:\n",
    ));
    r.assert_clean();
    let deps = &r.app().depends_on.as_ref().unwrap().value;
    let db = &deps.0[0];
    assert_eq!(r.slice(db.service.span), "db");
    assert_eq!(db.condition.as_ref().unwrap().value, "service_healthy");
    assert_eq!(db.restart, Some(true));
    assert_eq!(deps.0[1].required, Some(false));
    assert_eq!(deps.0[2].service.value, "migrate");
    assert!(deps.0[2].condition.is_none());
}

#[test]
fn depends_on_bad_condition_is_located() {
    let r = app("depends_on:\n  db:\n    condition: service_healty\n");
    let (code, at, msg) = r.only();
    assert_eq!((code, at), (Code::InvalidValue, "service_healty"));
    assert!(msg.contains("did you mean `service_healthy`"), "{msg}");
}

#[test]
fn restart_and_pull_policy_are_checked() {
    for ok in [
        "\"no\"",
        "no",
        "always",
        "on-failure",
        "on-failure:3",
        "unless-stopped",
    ] {
        app(&format!("restart: {ok}\n")).assert_clean();
    }
    let r = app("restart: alwyas\n");
    let (code, at, msg) = r.only();
    assert_eq!((code, at), (Code::InvalidValue, "alwyas"));
    assert!(msg.contains("did you mean `always`"), "{msg}");
    assert!(app("restart: on-failure:x\n").diags.len() == 1);
    for ok in [
        "always",
        "missing",
        "if_not_present",
        "every_12h",
        "every_1w2d",
    ] {
        app(&format!("pull_policy: {ok}\n")).assert_clean();
    }
    let r = app("pull_policy: sometimes\n");
    assert_eq!(r.only().1, "sometimes");
}

#[test]
fn secrets_configs_networks_models_of_a_service() {
    let r = app(concat!(
        "secrets:\n  - server-certificate\n",
        "  - source: token\n    target: /run/token\n    uid: \"103\"\n    gid: 103\n    mode: 0440\n",
        "configs: [my_config, {source: other, mode: \"0444\"}]\n",
        "networks:\n  front:\n  back:\n    aliases: [db]\n    ipv4_address: 172.16.238.10\n    priority: 10\n",
        "models: [m1]\n",
    ));
    r.assert_clean();
    let svc = r.app();
    let secrets = &svc.secrets.as_ref().unwrap().value;
    assert_eq!(secrets[0].value.source, "server-certificate");
    assert_eq!(r.slice(secrets[0].span), "server-certificate");
    assert_eq!(
        secrets[1].value,
        FileRef {
            source: "token".into(),
            target: Some("/run/token".into()),
            uid: Some("103".into()),
            gid: Some("103".into()),
            mode: Some(FileMode(0o440)),
        }
    );
    let configs = &svc.configs.as_ref().unwrap().value;
    assert_eq!(configs[1].value.mode, Some(FileMode(0o444)));
    let networks = &svc.networks.as_ref().unwrap().value;
    assert!(networks.0["front"].value.is_none());
    assert_eq!(r.slice(networks.0["front"].span), "front");
    let back = networks.0["back"].value.as_ref().unwrap();
    assert_eq!(texts(&back.aliases.as_ref().unwrap().value), ["db"]);
    assert_eq!(back.priority.as_ref().unwrap().value, 10);
    let models = &svc.models.as_ref().unwrap().value;
    assert!(models.0["m1"].value.is_none());

    let r = app("networks: [a, b]\n");
    let networks = &r.app().networks.as_ref().unwrap().value;
    assert_eq!(networks.0.keys().collect::<Vec<_>>(), ["a", "b"]);
}

#[test]
fn service_models_long_form() {
    let r = app("models:\n  my_model:\n    endpoint_var: URL\n    model_var: NAME\n");
    r.assert_clean();
    let m = &r.app().models.as_ref().unwrap().value.0["my_model"];
    let m = m.value.as_ref().unwrap();
    assert_eq!(m.endpoint_var.as_ref().unwrap().value, "URL");
    assert_eq!(m.model_var.as_ref().unwrap().value, "NAME");
}

// --- maps ----------------------------------------------------------------------------------

#[test]
fn list_or_dict_fields() {
    let r = app(concat!(
        "labels:\n  - com.example.a=1\n  - com.example.empty\n",
        "annotations:\n  com.example.foo: bar\n  n: 3\n  nil:\n",
        "sysctls:\n  - net.core.somaxconn=1024\n",
        "storage_opt: {size: 1G}\n",
    ));
    r.assert_clean();
    let svc = r.app();
    let labels = &svc.labels.as_ref().unwrap().value;
    assert_eq!(
        labels.iter().collect::<Vec<_>>(),
        [("com.example.a", "1"), ("com.example.empty", "")]
    );
    let annotations = &svc.annotations.as_ref().unwrap().value;
    assert_eq!(
        annotations.iter().collect::<Vec<_>>(),
        [("com.example.foo", "bar"), ("n", "3"), ("nil", "")]
    );
    assert_eq!(
        svc.sysctls
            .as_ref()
            .unwrap()
            .value
            .get("net.core.somaxconn"),
        Some("1024")
    );
    let r = app("labels:\n  - ok=1\n  - =bad\n");
    assert_eq!(r.only().1, "=bad");
}

#[test]
fn extra_hosts_forms() {
    let r = app(concat!(
        "extra_hosts:\n",
        "  - \"somehost=162.242.195.82\"\n  - \"otherhost:50.31.209.229\"\n",
        "  - \"myhostv6=::1\"\n  - \"bracketed=[::1]\"\n  - \"oldv6:::1\"\n",
    ));
    r.assert_clean();
    let hosts = &r.app().extra_hosts.as_ref().unwrap().value;
    assert_eq!(
        hosts.iter().collect::<Vec<_>>(),
        [
            ("somehost", "162.242.195.82"),
            ("otherhost", "50.31.209.229"),
            ("myhostv6", "::1"),
            ("bracketed", "::1"),
            ("oldv6", "::1"),
        ]
    );
    let r = app("extra_hosts:\n  a: 10.0.0.1\n  b: [\"::1\", \"10.0.0.2\"]\n");
    r.assert_clean();
    let hosts = &r.app().extra_hosts.as_ref().unwrap().value;
    assert_eq!(hosts.0["b"], ["::1", "10.0.0.2"]);
    let r = app("extra_hosts:\n  - nohost\n");
    assert_eq!(r.only().1, "nohost");
}

#[test]
fn string_or_list_fields() {
    let r = app("dns: 8.8.8.8\ndns_search: [a.example, b.example]\ntmpfs: /run\nlabel_file: ./l\n");
    r.assert_clean();
    let svc = r.app();
    let dns = &svc.dns.as_ref().unwrap().value;
    assert_eq!(texts(dns), ["8.8.8.8"]);
    assert_eq!(r.slice(dns[0].span), "8.8.8.8");
    assert_eq!(
        texts(&svc.dns_search.as_ref().unwrap().value),
        ["a.example", "b.example"]
    );
    assert_eq!(texts(&svc.tmpfs.as_ref().unwrap().value), ["/run"]);
}

#[test]
fn ulimits_forms() {
    let r = app(
        "ulimits:\n  nproc: 65535\n  core: \"-1\"\n  nofile:\n    soft: 20000\n    hard: 40000\n",
    );
    r.assert_clean();
    let ulimits = &r.app().ulimits.as_ref().unwrap().value;
    assert_eq!(
        ulimits.0["nproc"].value,
        Ulimit {
            soft: 65535,
            hard: 65535
        }
    );
    assert_eq!(ulimits.0["core"].value.soft, -1);
    assert_eq!(
        ulimits.0["nofile"].value,
        Ulimit {
            soft: 20000,
            hard: 40000
        }
    );
    let r = app("ulimits:\n  nofile: {soft: 1}\n");
    assert!(r.only().2.contains("hard"));
    let r = app("ulimits:\n  nofile: {soft: 5, hard: 1}\n");
    assert!(r.only().2.contains("above"));
}

// --- deploy, develop, build ----------------------------------------------------------------

#[test]
fn deploy_full() {
    let r = app(concat!(
        "deploy:\n",
        "  mode: replicated\n  replicas: \"3\"\n  endpoint_mode: dnsrr\n",
        "  labels: [a=b]\n",
        "  update_config: {parallelism: 2, delay: 10s, order: start-first, max_failure_ratio: 0.2}\n",
        "  rollback_config: {parallelism: 1, failure_action: pause}\n",
        "  restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 2m}\n",
        "  placement:\n    constraints: [node.role==manager]\n    preferences: [{spread: node.labels.zone}]\n",
        "    max_replicas_per_node: 1\n",
        "  resources:\n",
        "    limits: {cpus: 0.5, memory: 50M, pids: 10}\n",
        "    reservations:\n      cpus: '0.25'\n      memory: 20M\n",
        "      generic_resources: [{discrete_resource_spec: {kind: SSD, value: 2}}]\n",
        "      devices:\n",
        "        - {capabilities: [gpu], count: all, driver: nvidia}\n",
        "        - {capabilities: [tpu], count: 2, device_ids: [a]}\n",
        "        - {capabilities: [gpu], options: {virtualization: false}}\n",
    ));
    r.assert_clean();
    let deploy = &r.app().deploy.as_ref().unwrap().value;
    assert_eq!(deploy.replicas.as_ref().unwrap().value, 3);
    assert_eq!(deploy.mode.as_ref().unwrap().value, "replicated");
    let update = &deploy.update_config.as_ref().unwrap().value;
    assert_eq!(update.delay.as_ref().unwrap().as_secs(), 10);
    assert_eq!(update.order.as_ref().unwrap().value, "start-first");
    let restart = &deploy.restart_policy.as_ref().unwrap().value;
    assert_eq!(restart.window.as_ref().unwrap().as_secs(), 120);
    let placement = &deploy.placement.as_ref().unwrap().value;
    assert_eq!(
        placement.preferences.as_ref().unwrap().value[0]
            .value
            .spread
            .as_ref()
            .unwrap()
            .value,
        "node.labels.zone"
    );
    let res = &deploy.resources.as_ref().unwrap().value;
    let reservations = &res.reservations.as_ref().unwrap().value;
    let devices = &reservations.devices.as_ref().unwrap().value;
    assert_eq!(devices[0].value.count, Some(DeviceCount::All));
    assert_eq!(devices[1].value.count, Some(DeviceCount::Count(2)));
    assert_eq!(devices[1].value.device_ids, ["a"]);
    assert_eq!(devices[2].value.count, None);
    assert_eq!(
        devices[2].value.options.get("virtualization"),
        Some("false")
    );
    let generic = &reservations.generic_resources.as_ref().unwrap().value[0].value;
    let spec = &generic.discrete_resource_spec.as_ref().unwrap().value;
    assert_eq!(spec.value.as_ref().unwrap().value, 2);
}

#[test]
fn deploy_errors_are_located() {
    let r = app("deploy:\n  update_config:\n    order: start-frist\n");
    let (_, at, msg) = r.only();
    assert_eq!(at, "start-frist");
    assert!(msg.contains("did you mean `start-first`"), "{msg}");
    let r = app("deploy:\n  resources:\n    reservations:\n      devices: [{count: some}]\n");
    assert_eq!(r.only().1, "some");
    let r = app("deploy:\n  replicas: three\n");
    assert_eq!(r.only().1, "three");
    let r = app("deploy:\n  resources:\n    limit: {cpus: 1}\n");
    let (code, at, _) = r.only();
    assert_eq!((code, at), (Code::UnknownKey, "limit"));
}

#[test]
fn gpus_forms() {
    let r = app("gpus: all\n");
    assert_eq!(r.app().gpus.as_ref().unwrap().value, Gpus::All);
    let r = app("gpus:\n  - driver: 3dfx\n    count: 2\n");
    r.assert_clean();
    let Gpus::Devices(devices) = &r.app().gpus.as_ref().unwrap().value else {
        panic!("expected devices");
    };
    assert_eq!(devices[0].value.driver.as_deref(), Some("3dfx"));
    let r = app("gpus: some\n");
    assert_eq!(r.only().1, "some");
}

#[test]
fn devices_forms() {
    let r = app(concat!(
        "devices:\n  - /dev/ttyUSB0\n  - \"/dev/sda:/dev/xvda:rwm\"\n  - /dev/fuse:rw\n",
        "  - vendor1.com/device=gpu\n  - {source: /dev/a, target: /dev/b, permissions: r}\n",
    ));
    r.assert_clean();
    let devices: Vec<&DeviceMapping> = r
        .app()
        .devices
        .as_ref()
        .unwrap()
        .value
        .iter()
        .map(|d| &d.value)
        .collect();
    assert_eq!(devices[0].target, None);
    assert_eq!(devices[1].target.as_deref(), Some("/dev/xvda"));
    assert_eq!(devices[1].permissions.as_deref(), Some("rwm"));
    assert_eq!(
        (
            devices[2].target.as_deref(),
            devices[2].permissions.as_deref()
        ),
        (None, Some("rw"))
    );
    assert_eq!(devices[3].source, "vendor1.com/device=gpu");
    assert_eq!(devices[4].target.as_deref(), Some("/dev/b"));
    let r = app("devices:\n  - /dev/a:/dev/b:xyz\n");
    assert_eq!(r.only().1, "/dev/a:/dev/b:xyz");
}

#[test]
fn develop_watch() {
    let r = app(concat!(
        "develop:\n  watch:\n",
        "    - path: ./src\n      action: rebuild\n      include: \"*.go\"\n",
        "    - path: ./html\n      action: sync+exec\n      target: /var/www\n",
        "      ignore: [node_modules/]\n      initial_sync: true\n",
        "      exec: {command: app reload, user: root}\n",
    ));
    r.assert_clean();
    let watch = &r.app().develop.as_ref().unwrap().value.watch;
    assert_eq!(watch[0].value.action.value, "rebuild");
    assert_eq!(
        texts(&watch[0].value.include.as_ref().unwrap().value),
        ["*.go"]
    );
    let exec = &watch[1].value.exec.as_ref().unwrap().value;
    assert_eq!(
        exec.command.as_ref().unwrap().value,
        Command::Shell("app reload".into())
    );
    let r = app("develop:\n  watch:\n    - path: .\n      action: reload\n");
    assert_eq!(r.only().1, "reload");
    let r = app("develop:\n  watch:\n    - path: .\n");
    assert!(r.only().2.contains("action"));
}

#[test]
fn build_forms() {
    let r = app("build: ./dir\n");
    r.assert_clean();
    let build = r.app().build.as_ref().unwrap();
    let context = build.value.context.as_ref().unwrap();
    assert_eq!(context.value, "./dir");
    assert_eq!(r.slice(context.span), "./dir");
    assert_eq!(r.slice(build.span), "./dir");

    let r = app(concat!(
        "build:\n  context: .\n  dockerfile: web.Dockerfile\n",
        "  args: [GIT_COMMIT=cdc3b19, INTERACTIVE]\n  ssh: [default, id=~/.ssh/key]\n",
        "  secrets: [s]\n  ulimits: {nofile: 1}\n  shm_size: 10000000\n  no_cache: true\n",
        "  provenance: true\n  sbom: generator=x\n",
    ));
    r.assert_clean();
    let build = &r.app().build.as_ref().unwrap().value;
    assert_eq!(build.dockerfile.as_ref().unwrap().value, "web.Dockerfile");
    let args = &build.args.as_ref().unwrap().value;
    assert_eq!(args.get("INTERACTIVE").unwrap().value, None);
    assert_eq!(
        build.ssh.as_ref().unwrap().value.get("id"),
        Some("~/.ssh/key")
    );
    assert_eq!(build.ssh.as_ref().unwrap().value.get("default"), Some(""));
    assert_eq!(build.shm_size.as_ref().unwrap().value.bytes(), 10_000_000);
    assert_eq!(build.provenance.as_ref().unwrap().value, "true");
    let r = app("build: [a]\n");
    assert_eq!(r.only().0, Code::InvalidValue);
}

#[test]
fn extends_and_provider_and_logging() {
    let r = app(concat!(
        "extends: base\n",
        "provider: {type: awesomecloud, options: {type: mysql, n: 2, zones: [a, b]}}\n",
        "logging: {driver: syslog, options: {syslog-address: 'tcp://x:1', max-file: 3}}\n",
    ));
    r.assert_clean();
    let svc = r.app();
    assert_eq!(
        svc.extends.as_ref().unwrap().value,
        Extends {
            service: "base".into(),
            file: None
        }
    );
    let provider = &svc.provider.as_ref().unwrap().value;
    assert_eq!(provider.kind.value, "awesomecloud");
    assert_eq!(provider.options["zones"].0, ["a", "b"]);
    assert_eq!(provider.options["n"].0, ["2"]);
    let logging = &svc.logging.as_ref().unwrap().value;
    assert_eq!(
        logging.options.as_ref().unwrap().value.get("max-file"),
        Some("3")
    );
    let r = app("extends: {file: x.yaml}\n");
    assert!(r.only().2.contains("service"));
}

#[test]
fn range_checked_numbers() {
    app("oom_score_adj: -1000\ncpu_percent: 100\nmem_swappiness: 0\n").assert_clean();
    let r = app("oom_score_adj: 2000\n");
    assert_eq!(r.only().1, "2000");
    let r = app("mem_swappiness: 101\n");
    assert_eq!(r.only().1, "101");
    let r = app("cgroup: shared\n");
    assert_eq!(r.only().1, "shared");
}

#[test]
fn legacy_booleans_warn_but_read() {
    let r = app("tty: yes\n");
    assert_eq!(r.only().0, Code::Yaml11Boolean);
    assert!(r.app().tty.as_ref().unwrap().value);
}

#[test]
fn x_kubernetes_on_a_service() {
    let r = app("x-kubernetes:\n  service: {type: LoadBalancer}\n  replicas: 2\n");
    r.assert_clean();
    let ext = &r.app().x_kubernetes.as_ref().unwrap().value;
    assert_eq!(ext.replicas.as_ref().unwrap().value, 2);
    assert_eq!(
        ext.service
            .as_ref()
            .unwrap()
            .value
            .type_
            .as_ref()
            .unwrap()
            .value,
        crate::extension::ServiceType::LoadBalancer
    );
    assert_eq!(
        r.app().present_keys(),
        [("x-kubernetes", r.app().x_kubernetes.as_ref().unwrap().span)]
    );
}

// --- present_keys and the all-keys project -------------------------------------------------

#[test]
fn present_keys_in_field_order() {
    let r = app("ports: [\"80\"]\nimage: x\ncommand: run\n");
    let keys: Vec<(&str, &str)> = r
        .app()
        .present_keys()
        .into_iter()
        .map(|(k, span)| (k, r.slice(span)))
        .collect();
    assert_eq!(
        keys,
        [("command", "run"), ("image", "x"), ("ports", "[\"80\"]")]
    );
}

#[test]
fn all_keys_project_reads_cleanly_and_sets_every_key() {
    let r = load(include_str!("../../../testdata/ast-all-keys/compose.yaml"));
    r.assert_clean();
    let p = &r.project;
    assert_eq!(
        p.services.keys().collect::<Vec<_>>(),
        ["everything", "short", "db", "disabled"]
    );
    let everything = r.service("everything");
    let present: Vec<&str> = everything.present_keys().iter().map(|(k, _)| *k).collect();
    let missing: Vec<&&str> = Service::KEYS
        .iter()
        .filter(|k| !present.contains(k))
        .collect();
    assert!(missing.is_empty(), "not set in testdata: {missing:?}");
    assert_eq!(everything.present_keys().len(), Service::KEYS.len());
    // Every top-level key, plus the extension.
    assert!(p.version.is_some() && p.name.is_some() && p.include.is_some());
    assert!(p.x_kubernetes.is_some());
    for (section, len) in [
        ("networks", p.networks.len()),
        ("volumes", p.volumes.len()),
        ("secrets", p.secrets.len()),
        ("configs", p.configs.len()),
        ("models", p.models.len()),
    ] {
        assert!(len > 0, "{section} is empty");
    }
    // The merge key brought `restart`, overridden by the service's own value.
    assert_eq!(everything.restart.as_ref().unwrap().value, "on-failure:3");
    let short = r.service("short");
    assert_eq!(short.ports.as_ref().unwrap().value.len(), 11);
    assert_eq!(
        short
            .healthcheck
            .as_ref()
            .unwrap()
            .value
            .test
            .as_ref()
            .unwrap()
            .value,
        HealthTest::CmdShell("curl -f http://localhost || exit 1".into())
    );
}

/// The keys serde's derive knows for `T`: what it passes to `deserialize_struct`.
fn serde_fields<'de, T: serde::Deserialize<'de>>() -> &'static [&'static str] {
    use serde::de::{self, Visitor};
    struct Capture<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Capture<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("captured"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Capture(&mut fields));
    fields
}

#[test]
fn key_lists_match_what_serde_reads() {
    // `x-kubernetes` is read on its own by `extension::read`, not by the derived reader.
    let derived: Vec<&str> = Service::KEYS
        .iter()
        .copied()
        .filter(|k| *k != "x-kubernetes")
        .collect();
    assert_eq!(derived, serde_fields::<Service>());
    assert_eq!(Deploy::KEYS, serde_fields::<Deploy>());
    assert_eq!(Build::KEYS, serde_fields::<Build>());
    assert_eq!(Healthcheck::KEYS, serde_fields::<Healthcheck>());
}

#[test]
fn nested_present_keys() {
    let r = load(include_str!("../../../testdata/ast-all-keys/compose.yaml"));
    let everything = r.service("everything");
    let deploy = &everything.deploy.as_ref().unwrap().value;
    assert_eq!(deploy.present_keys().len(), Deploy::KEYS.len());
    let build = &everything.build.as_ref().unwrap().value;
    assert_eq!(build.present_keys().len(), Build::KEYS.len());
    let hc = &everything.healthcheck.as_ref().unwrap().value;
    assert_eq!(hc.present_keys().len(), Healthcheck::KEYS.len());
    let r = app("deploy: {replicas: 2, mode: global}\n");
    let keys: Vec<&str> = r
        .app()
        .deploy
        .as_ref()
        .unwrap()
        .value
        .present_keys()
        .iter()
        .map(|k| k.0)
        .collect();
    assert_eq!(keys, ["mode", "replicas"]);
}
