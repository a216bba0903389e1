//! `cargo bench`: parse-only vs whole conversion on generated projects of 10 to 10,000 services.
//! A plain harness (no criterion) to keep the build light; it prints the median of several runs.
//! Pass a number to limit the sizes, e.g. `cargo bench -- 1000`.
//!
//! Columns: `parse` reads the file into the typed project; `convert` runs the whole pipe and
//! renders the YAML stream (what `convert` prints); `check` runs the whole pipe and lays out the
//! `-o DIR` files (what `check` compares, short of reading the directory).

use std::hint::black_box;
use std::time::{Duration, Instant};

use compose2k8s::compose::ast::read_project;
use compose2k8s::convert::{convert, Input, Options};
use compose2k8s::output::files::directory_files;
use compose2k8s::source::SourceMap;
use compose2k8s::yaml::{self, de::Context};

/// A project whose services look like real ones: ports, env, a healthcheck, depends_on, an anchor.
fn generate(services: usize) -> String {
    let mut s = String::from("x-env: &env\n  LOG_LEVEL: info\n  REGION: eu-west-1\nservices:\n");
    for i in 0..services {
        let dep = if i > 0 {
            format!(
                "    depends_on:\n      svc{}:\n        condition: service_healthy\n",
                i - 1
            )
        } else {
            String::new()
        };
        s.push_str(&format!(
            "  svc{i}:\n    image: registry.example.com/team/svc{i}:1.{i}\n    command: [\"serve\", \"--port\", \"80{:02}\"]\n    ports:\n      - \"{}:8080\"\n    environment:\n      <<: *env\n      INDEX: \"{i}\"\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8080/health\"]\n      interval: 10s\n      retries: 3\n{dep}",
            i % 100,
            10000 + (i % 50000)
        ));
    }
    s
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn time(mut f: impl FnMut()) -> Duration {
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < 5 || (start.elapsed() < Duration::from_secs(2) && samples.len() < 50) {
        let t = Instant::now();
        f();
        samples.push(t.elapsed());
    }
    median(samples)
}

fn main() {
    let limit: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    println!(
        "{:>8} {:>10} {:>12} {:>12} {:>12} {:>8}",
        "services", "bytes", "parse", "convert", "check", "ratio"
    );
    for n in [10usize, 100, 1_000, 10_000] {
        if n > limit {
            break;
        }
        let text = generate(n);
        let parse = time(|| {
            let mut sources = SourceMap::new();
            let id = sources.add(
                "compose.yaml",
                std::path::Path::new("compose.yaml"),
                text.clone(),
            );
            let parsed = yaml::parse(id, &text);
            let cx = Context::new();
            if let Some(root) = parsed.documents.first() {
                black_box(read_project(root, &cx));
            }
        });
        let options = Options::new(Input::Text {
            name: "compose.yaml".into(),
            text: text.clone(),
        });
        let whole = time(|| {
            let c = convert(&options);
            assert!(!c.has_errors(), "generated project failed to convert");
            black_box(compose2k8s::output::yaml_stream(&c.objects).ok());
        });
        let check = time(|| {
            let c = convert(&options);
            assert!(!c.has_errors(), "generated project failed to convert");
            black_box(directory_files(&c.objects, "compose.yaml").ok());
        });
        println!(
            "{n:>8} {:>10} {:>12.3?} {:>12.3?} {:>12.3?} {:>8.2}",
            text.len(),
            parse,
            whole,
            check,
            whole.as_secs_f64() / parse.as_secs_f64().max(1e-9)
        );
    }
}
