//! Printing diagnostics on stderr in the format `--diagnostics` asks for. Machine formats get
//! stderr to themselves (the SARIF log is one document), so the commands print their own status
//! lines only in the human format.

use std::io::{IsTerminal, Write};

use compose2k8s::diag::render::{self, HumanStyle, Tool};
use compose2k8s::diag::{Diagnostic, Severity};
use compose2k8s::source::SourceMap;

use super::DiagnosticsFormat;

pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

/// Prints the diagnostics; in the human format, `status` lines follow them and the summary
/// line ends the output.
pub fn print(
    diags: &[Diagnostic],
    sources: &SourceMap,
    format: DiagnosticsFormat,
    status: &[String],
) {
    let mut err = std::io::stderr().lock();
    // A closed stderr leaves nothing to report the failure on; the exit code still tells.
    let _ = match format {
        DiagnosticsFormat::Json => diags
            .iter()
            .try_for_each(|d| writeln!(err, "{}", render::json_line(d, sources))),
        DiagnosticsFormat::Sarif => write!(err, "{}", render::sarif(diags, sources, Tool::THIS)),
        DiagnosticsFormat::Github => diags
            .iter()
            .try_for_each(|d| writeln!(err, "{}", render::github(d, sources))),
        DiagnosticsFormat::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let style = HumanStyle {
                color,
                ..HumanStyle::PLAIN
            };
            diags
                .iter()
                .try_for_each(|d| writeln!(err, "{}", render::human(d, sources, style)))
                .and_then(|_| status.iter().try_for_each(|s| writeln!(err, "{s}")))
                .and_then(|_| {
                    if diags.is_empty() {
                        Ok(())
                    } else {
                        writeln!(err, "{}", render::summary(diags))
                    }
                })
        }
    };
}
