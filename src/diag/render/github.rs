//! GitHub Actions workflow commands (`::error file=…,line=…::message`): printed by a step, each
//! becomes an annotation on the pull request's diff.

use crate::diag::{Diagnostic, Severity};
use crate::source::SourceMap;

/// The message part of a workflow command: GitHub reads `%`, CR and LF as escapes there.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value (`file=`, `title=`): `:` and `,` separate properties, so they are escaped too.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One workflow command line (without its newline).
pub fn github(d: &Diagnostic, sources: &SourceMap) -> String {
    let mut properties = Vec::new();
    if let Some(label) = &d.primary {
        if let Some(file) = sources.get(label.span.file) {
            let (line, col) = file.line_col(label.span.start);
            let (end_line, end_col) = file.line_col(label.span.end);
            let name = file.name.strip_prefix("./").unwrap_or(&file.name);
            properties.push(format!("file={}", escape_property(name)));
            properties.push(format!("line={line}"));
            properties.push(format!("col={col}"));
            properties.push(format!("endLine={end_line}"));
            properties.push(format!("endColumn={end_col}"));
        }
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("{} ({})", d.code.id(), d.code.name()))
    ));
    let mut message = d.message.clone();
    if let Some(label) = &d.primary {
        if !label.text.is_empty() {
            message.push_str(": ");
            message.push_str(&label.text);
        }
    }
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!(
        "::{} {}::{}",
        command(d.severity),
        properties.join(","),
        escape_data(&message)
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diag::Code;
    use crate::source::Span;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(escape_data("100%\r\nnext"), "100%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn a_located_warning_becomes_an_annotation() {
        let mut sources = SourceMap::new();
        let id = sources.add(
            "./compose.yaml",
            Path::new("compose.yaml"),
            "services:\n  a:\n    image: x\n".into(),
        );
        let d = Diagnostic::new(Code::NotTranslated, "50% done, a: b")
            .at(Span::new(id, 26, 27), "here")
            .help("line one\nline two");
        assert_eq!(
            github(&d, &sources),
            "::warning file=compose.yaml,line=3,col=12,endLine=3,endColumn=13,\
             title=C2K3007 (not-translated)::50%25 done, a: b: here%0Ahelp: line one%0Aline two"
        );
        let info = Diagnostic::new(Code::DevelopOnly, "m");
        assert_eq!(
            github(&info, &sources),
            "::notice title=C2K3002 (develop-only)::m"
        );
    }
}
