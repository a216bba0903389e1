//! The variables interpolation reads: the process environment over the project's `.env` file, as
//! Compose gives them precedence.

use std::collections::BTreeMap;
use std::path::Path;

use super::dotenv::{self, DotenvErrorKind};
use super::read;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{SourceMap, Span};

/// `process` overlaid on `<project_dir>/.env` (when the file exists).
pub fn project_environment(
    project_dir: &Path,
    process: &BTreeMap<String, String>,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> BTreeMap<String, String> {
    let path = project_dir.join(".env");
    let mut vars = BTreeMap::new();
    if path.is_file() {
        let name = path.display().to_string();
        match read::read_file(&path, &name, sources) {
            Ok(id) => {
                let text = sources.get(id).map(|f| f.text.as_str()).unwrap_or("");
                match dotenv::parse_dotenv(text, process) {
                    Ok(entries) => {
                        for e in entries {
                            for unset in &e.unset {
                                diags.push(
                                    Diagnostic::new(
                                        Code::UnsetVariable,
                                        format!("variable `{}` is not set, using an empty string", unset.name),
                                    )
                                    .at(Span::new(id, unset.range.start, unset.range.end), "interpolated here")
                                    .help("set it in the environment, or give a default: `${NAME:-default}`"),
                                );
                            }
                            if let Some(v) = e.value {
                                vars.insert(e.name, v);
                            }
                        }
                    }
                    Err(e) => {
                        let code = match e.kind {
                            DotenvErrorKind::Syntax => Code::InvalidEnvFile,
                            DotenvErrorKind::Interpolation(_) => Code::InvalidInterpolation,
                        };
                        diags.push(
                            Diagnostic::new(code, format!("{name}: {}", e.message))
                                .at(Span::new(id, e.range.start, e.range.end), format!("line {}", e.line))
                                .help("write `KEY=value` statements; quote values that hold spaces or `#`"),
                        );
                    }
                }
            }
            Err(d) => diags.push(d),
        }
    }
    for (k, v) in process {
        vars.insert(k.clone(), v.clone());
    }
    vars
}
