//! Reading one file into the source map, with the checks that must come before parsing.

use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, SourceMap, Span};
use crate::yaml::limits::MAX_FILE_BYTES;

/// Reads `path` into `sources`. Every failure is a diagnostic; non-UTF-8 text is still added
/// (lossily) so the diagnostic can point at the first bad byte.
pub fn read_file(path: &Path, name: &str, sources: &mut SourceMap) -> Result<FileId, Diagnostic> {
    let unreadable = |why: String| {
        Diagnostic::new(Code::FileUnreadable, format!("cannot read `{name}`: {why}")).help(
            "check the path given with `-f`; relative paths resolve against the current directory",
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(unreadable("it is a directory".into()));
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(Diagnostic::new(
            Code::FileTooLarge,
            format!(
                "`{name}` is {} bytes, over the limit of {MAX_FILE_BYTES} bytes",
                meta.len()
            ),
        )
        .help("a Compose file is a few kilobytes; check that the right file is named"));
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(io_reason(&e)))?;
    add_bytes(path, name, bytes, sources)
}

/// Adds already-read bytes; shared by file reading and in-memory input.
pub fn add_bytes(
    path: &Path,
    name: &str,
    bytes: Vec<u8>,
    sources: &mut SourceMap,
) -> Result<FileId, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::new(
            Code::FileTooLarge,
            format!(
                "`{name}` is {} bytes, over the limit of {MAX_FILE_BYTES} bytes",
                bytes.len()
            ),
        )
        .help("a Compose file is a few kilobytes; check that the right file is named"));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(sources.add(name, path, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let id = sources.add(name, path, text);
            Err(
                Diagnostic::new(Code::NotUtf8, format!("`{name}` is not valid UTF-8"))
                    .at(Span::new(id, at, at + 1), "this byte is not UTF-8")
                    .help("save the file as UTF-8"),
            )
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
