//! Structure-aware: arbitrary Compose-shaped projects rendered to YAML, so inputs get past the
//! parser and the typed model and exercise the planner and the Kubernetes lowering.
#![no_main]

use arbitrary::Arbitrary;
use compose2k8s::convert::{convert, Input, Options};
use compose2k8s::output;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Project {
    services: Vec<Service>,
    volumes: Vec<Word>,
    secrets: Vec<Word>,
}

#[derive(Arbitrary, Debug)]
struct Service {
    name: Word,
    image: Option<Text>,
    build: bool,
    ports: Vec<Port>,
    expose: Vec<u16>,
    environment: Vec<(Word, Text)>,
    command: Option<Vec<Text>>,
    healthcheck: Option<Health>,
    depends_on: Vec<(u8, Condition)>,
    volumes: Vec<Mount>,
    secrets: Vec<u8>,
    restart: Option<Restart>,
    replicas: Option<u8>,
    cpus: Option<u16>,
    memory_mib: Option<u16>,
    gpus: Option<u8>,
    user: Option<Text>,
    global: bool,
}

#[derive(Arbitrary, Debug)]
struct Port {
    published: Option<u16>,
    target: u16,
    udp: bool,
    range: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct Health {
    test: Vec<Text>,
    shell: bool,
    interval_ms: Option<u32>,
    retries: Option<u8>,
    start_period_s: Option<u16>,
}

#[derive(Arbitrary, Debug)]
enum Condition {
    Started,
    Healthy,
    Completed,
}

#[derive(Arbitrary, Debug)]
enum Restart {
    No,
    Always,
    OnFailure(u8),
    UnlessStopped,
}

#[derive(Arbitrary, Debug)]
struct Mount {
    kind: u8,
    source: u8,
    target: Word,
    read_only: bool,
}

/// A short name from a small alphabet (so names collide sometimes, as in real files).
#[derive(Debug)]
struct Word(String);

impl<'a> Arbitrary<'a> for Word {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        const ALPHABET: &[u8] = b"abcAB_-.0";
        let len = u.int_in_range(1..=6)?;
        let mut s = String::new();
        for _ in 0..len {
            s.push(char::from(*u.choose(ALPHABET)?));
        }
        Ok(Word(s))
    }
}

/// Any text, quoted as a YAML double-quoted string.
#[derive(Debug)]
struct Text(String);

impl<'a> Arbitrary<'a> for Text {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let s: String = u.arbitrary()?;
        Ok(Text(s))
    }
}

fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn render(p: &Project) -> String {
    let mut y = String::from("services:\n");
    let names: Vec<&str> = p.services.iter().map(|s| s.name.0.as_str()).collect();
    for s in &p.services {
        y.push_str(&format!("  {}:\n", q(&s.name.0)));
        if let Some(i) = &s.image {
            y.push_str(&format!("    image: {}\n", q(&i.0)));
        }
        if s.build {
            y.push_str("    build: .\n");
        }
        if !s.ports.is_empty() {
            y.push_str("    ports:\n");
            for port in &s.ports {
                let proto = if port.udp { "/udp" } else { "" };
                let target = match port.range {
                    Some(r) => format!("{}-{}", port.target, u32::from(port.target) + u32::from(r)),
                    None => port.target.to_string(),
                };
                match port.published {
                    Some(p) => y.push_str(&format!("      - \"{p}:{target}{proto}\"\n")),
                    None => y.push_str(&format!("      - \"{target}{proto}\"\n")),
                }
            }
        }
        if !s.expose.is_empty() {
            y.push_str("    expose:\n");
            for e in &s.expose {
                y.push_str(&format!("      - \"{e}\"\n"));
            }
        }
        if !s.environment.is_empty() {
            y.push_str("    environment:\n");
            for (k, v) in &s.environment {
                y.push_str(&format!("      {}: {}\n", q(&k.0), q(&v.0)));
            }
        }
        if let Some(cmd) = &s.command {
            let items: Vec<String> = cmd.iter().map(|c| q(&c.0)).collect();
            y.push_str(&format!("    command: [{}]\n", items.join(", ")));
        }
        if let Some(h) = &s.healthcheck {
            y.push_str("    healthcheck:\n");
            if h.shell {
                let line: Vec<&str> = h.test.iter().map(|t| t.0.as_str()).collect();
                y.push_str(&format!("      test: {}\n", q(&line.join(" "))));
            } else {
                let mut items = vec![q("CMD")];
                items.extend(h.test.iter().map(|t| q(&t.0)));
                y.push_str(&format!("      test: [{}]\n", items.join(", ")));
            }
            if let Some(ms) = h.interval_ms {
                y.push_str(&format!("      interval: {ms}ms\n"));
            }
            if let Some(r) = h.retries {
                y.push_str(&format!("      retries: {r}\n"));
            }
            if let Some(sp) = h.start_period_s {
                y.push_str(&format!("      start_period: {sp}s\n"));
            }
        }
        if !s.depends_on.is_empty() && !names.is_empty() {
            y.push_str("    depends_on:\n");
            for (i, c) in &s.depends_on {
                let target = names[usize::from(*i) % names.len()];
                let condition = match c {
                    Condition::Started => "service_started",
                    Condition::Healthy => "service_healthy",
                    Condition::Completed => "service_completed_successfully",
                };
                y.push_str(&format!("      {}:\n        condition: {condition}\n", q(target)));
            }
        }
        if !s.volumes.is_empty() {
            y.push_str("    volumes:\n");
            for m in &s.volumes {
                let source = match (m.kind % 3, p.volumes.is_empty()) {
                    (0, false) => p.volumes[usize::from(m.source) % p.volumes.len()].0.clone(),
                    (1, _) => format!("./dir{}", m.source),
                    _ => String::new(),
                };
                let ro = if m.read_only { ":ro" } else { "" };
                if source.is_empty() {
                    y.push_str(&format!("      - {}\n", q(&format!("/{}", m.target.0))));
                } else {
                    y.push_str(&format!("      - {}\n", q(&format!("{source}:/{}{ro}", m.target.0))));
                }
            }
        }
        if !s.secrets.is_empty() && !p.secrets.is_empty() {
            y.push_str("    secrets:\n");
            for i in &s.secrets {
                y.push_str(&format!("      - {}\n", q(&p.secrets[usize::from(*i) % p.secrets.len()].0)));
            }
        }
        if let Some(r) = &s.restart {
            let r = match r {
                Restart::No => "\"no\"".to_string(),
                Restart::Always => "always".to_string(),
                Restart::OnFailure(n) => format!("on-failure:{n}"),
                Restart::UnlessStopped => "unless-stopped".to_string(),
            };
            y.push_str(&format!("    restart: {r}\n"));
        }
        if let Some(u) = &s.user {
            y.push_str(&format!("    user: {}\n", q(&u.0)));
        }
        let mut deploy = String::new();
        if s.global {
            deploy.push_str("      mode: global\n");
        }
        if let Some(r) = s.replicas {
            deploy.push_str(&format!("      replicas: {r}\n"));
        }
        if s.cpus.is_some() || s.memory_mib.is_some() || s.gpus.is_some() {
            deploy.push_str("      resources:\n");
            if s.cpus.is_some() || s.memory_mib.is_some() {
                deploy.push_str("        limits:\n");
                if let Some(c) = s.cpus {
                    deploy.push_str(&format!("          cpus: \"{}.{}\"\n", c / 100, c % 100));
                }
                if let Some(m) = s.memory_mib {
                    deploy.push_str(&format!("          memory: {m}m\n"));
                }
            }
            if let Some(g) = s.gpus {
                deploy.push_str(&format!(
                    "        reservations:\n          devices:\n            - capabilities: [gpu]\n              count: {g}\n"
                ));
            }
        }
        if !deploy.is_empty() {
            y.push_str("    deploy:\n");
            y.push_str(&deploy);
        }
    }
    if !p.volumes.is_empty() {
        y.push_str("volumes:\n");
        for v in &p.volumes {
            y.push_str(&format!("  {}: {{}}\n", q(&v.0)));
        }
    }
    if !p.secrets.is_empty() {
        y.push_str("secrets:\n");
        for s in &p.secrets {
            y.push_str(&format!("  {}:\n    file: ./secret.txt\n", q(&s.0)));
        }
    }
    y
}

fuzz_target!(|project: Project| {
    let text = render(&project);
    let options = Options::new(Input::Text {
        name: "compose.yaml".into(),
        text,
    });
    let conversion = convert(&options);
    if !conversion.has_errors() {
        let _ = output::yaml_stream(&conversion.objects);
    }
});
