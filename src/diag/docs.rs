//! `docs/diagnostics.md`, generated from the registry so the reference cannot drift from the code.

use super::Code;

pub fn markdown() -> String {
    let mut out = String::from(
        "# Diagnostics reference\n\n\
         Generated from the registry in `src/diag/code.rs` by `compose2k8s explain --all`; do not edit.\n\
         `compose2k8s explain CODE` prints one entry.\n\n\
         | code | name | severity | summary |\n|---|---|---|---|\n",
    );
    for code in Code::ALL {
        out.push_str(&format!(
            "| [{id}](#{anchor}) | `{name}` | {sev} | {summary} |\n",
            id = code.id(),
            anchor = code.id().to_lowercase(),
            name = code.name(),
            sev = code.severity().as_str(),
            summary = code.summary(),
        ));
    }
    for code in Code::ALL {
        out.push('\n');
        out.push_str(&entry(*code));
    }
    out
}

/// One code's entry: heading, severity, and the explanation.
pub fn entry(code: Code) -> String {
    format!(
        "## {id}\n\n`{name}` · {sev}: {summary}\n\n{explanation}",
        id = code.id(),
        name = code.name(),
        sev = code.severity().as_str(),
        summary = code.summary(),
        explanation = code
            .explanation()
            .lines()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\n"),
    )
}
