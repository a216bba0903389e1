//! Reading one file into the source map, with the checks that must come before parsing.
//!
//! The file type is checked before the file is opened: opening a named pipe for reading blocks
//! until a writer appears, which in CI is never. Only regular files (or symlinks to them) are read.

use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, SourceMap, Span};
use crate::yaml::limits::MAX_FILE_BYTES;

/// Why a file could not be read, before any diagnostic is made of it: a file named on the command
/// line and a file a Compose file refers to are reported differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadFailure {
    NotFound,
    Directory,
    /// A FIFO, socket or device.
    NotRegular,
    TooLarge(u64),
    Other(String),
}

impl ReadFailure {
    /// Why, in words that follow "cannot read `name`: ".
    pub fn reason(&self) -> String {
        match self {
            ReadFailure::NotFound => "no such file".into(),
            ReadFailure::Directory => "it is a directory".into(),
            ReadFailure::NotRegular => "it is not a regular file (a pipe, socket or device)".into(),
            ReadFailure::TooLarge(n) => {
                format!("it is {n} bytes, over the limit of {MAX_FILE_BYTES} bytes")
            }
            ReadFailure::Other(why) => why.clone(),
        }
    }
}

/// The bytes of `path`, if it is a regular file within the size limit.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadFailure> {
    let meta = std::fs::metadata(path).map_err(|e| io_failure(&e))?;
    if meta.is_dir() {
        return Err(ReadFailure::Directory);
    }
    if !meta.is_file() {
        return Err(ReadFailure::NotRegular);
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(ReadFailure::TooLarge(meta.len()));
    }
    std::fs::read(path).map_err(|e| io_failure(&e))
}

/// Reads `path` into `sources`. Every failure is a diagnostic; non-UTF-8 text is still added
/// (lossily) so the diagnostic can point at the first bad byte.
pub fn read_file(path: &Path, name: &str, sources: &mut SourceMap) -> Result<FileId, Diagnostic> {
    let bytes = read_bytes(path).map_err(|failure| match failure {
        ReadFailure::TooLarge(n) => Diagnostic::new(
            Code::FileTooLarge,
            format!("`{name}` is {n} bytes, over the limit of {MAX_FILE_BYTES} bytes"),
        )
        .help("a Compose file is a few kilobytes; check that the right file is named"),
        _ => Diagnostic::new(
            Code::FileUnreadable,
            format!("cannot read `{name}`: {}", failure.reason()),
        )
        .help(
            "check the path given with `-f`; relative paths resolve against the current directory",
        ),
    })?;
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

fn io_failure(e: &std::io::Error) -> ReadFailure {
    match e.kind() {
        std::io::ErrorKind::NotFound => ReadFailure::NotFound,
        std::io::ErrorKind::PermissionDenied => ReadFailure::Other("permission denied".into()),
        _ => ReadFailure::Other(e.to_string()),
    }
}
