//! The Mermaid `flowchart` that opens the Markdown report: services (rounded), their
//! `depends_on` edges, and the objects each became (dotted edges); a service left out by
//! `--profile` or `--services` is drawn dashed as staying on Compose. GitHub renders it as a
//! picture.

use std::collections::BTreeMap;

use super::{Report, ServiceStatus};

/// A label inside `"…"`: Mermaid reads `#quot;`-style entities there, and `<`/`>` as HTML.
fn label(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn condition(c: Option<&str>) -> Option<&'static str> {
    match c? {
        "service_healthy" => Some("healthy"),
        "service_completed_successfully" => Some("completed"),
        _ => None,
    }
}

/// The diagram's source, without the surrounding code fence.
pub fn flowchart(report: &Report) -> String {
    let mut out = String::from("flowchart LR\n");
    // Node ids are positions, never names: names may hold characters Mermaid reads as syntax.
    let ids: BTreeMap<&str, String> = report
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), format!("s{i}")))
        .collect();
    let mut objects: BTreeMap<(String, String), String> = BTreeMap::new();
    for s in &report.services {
        let id = ids.get(s.name.as_str()).cloned().unwrap_or_default();
        match s.status {
            ServiceStatus::Converted => {
                out.push_str(&format!("  {id}([\"{}\"])\n", label(&s.name)));
            }
            ServiceStatus::StaysOnCompose => {
                out.push_str(&format!(
                    "  {id}([\"{}<br/>stays on Compose\"]):::compose\n",
                    label(&s.name)
                ));
            }
            ServiceStatus::NotConverted => {
                out.push_str(&format!(
                    "  {id}([\"{}<br/>not converted\"]):::failed\n",
                    label(&s.name)
                ));
            }
        }
    }
    for s in &report.services {
        let from = ids.get(s.name.as_str()).cloned().unwrap_or_default();
        for d in &s.depends_on {
            let Some(to) = ids.get(d.service.as_str()) else {
                continue;
            };
            match condition(d.condition.as_deref()) {
                Some(c) => out.push_str(&format!("  {from} -->|{c}| {to}\n")),
                None => out.push_str(&format!("  {from} --> {to}\n")),
            }
        }
    }
    for s in &report.services {
        let from = ids.get(s.name.as_str()).cloned().unwrap_or_default();
        for o in &s.objects {
            let key = (o.kind.clone(), o.name.clone());
            let next = format!("o{}", objects.len());
            let id = objects.entry(key).or_insert_with(|| {
                out.push_str(&format!(
                    "  {next}[\"{} {}\"]:::k8s\n",
                    label(&o.kind),
                    label(&o.name)
                ));
                next.clone()
            });
            out.push_str(&format!("  {from} -.-> {id}\n"));
        }
    }
    out.push_str("  classDef k8s fill:#e8f0fe,stroke:#326ce5\n");
    out.push_str("  classDef compose stroke-dasharray:5 5\n");
    out.push_str("  classDef failed stroke:#d73a49\n");
    out
}
