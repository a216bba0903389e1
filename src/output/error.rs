//! What can go wrong when manifests meet the file system: plain data, turned into diagnostics
//! (`C2K5xxx`) by [`OutputError::diagnostic`] so every format reports them the same way.

use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputError {
    /// An operation on a path failed; `action` says which, `reason` is the system's message.
    Io {
        path: PathBuf,
        action: &'static str,
        reason: String,
    },
    /// A file the tool would write exists and does not carry the tool's header.
    NotOwned { path: PathBuf },
    /// Two objects would be written to one file name.
    Collision { name: String },
    /// An object could not be serialised.
    Serialize { reason: String },
}

impl OutputError {
    pub fn io(path: &Path, action: &'static str, e: &std::io::Error) -> Self {
        OutputError::Io {
            path: path.to_path_buf(),
            action,
            reason: e.to_string(),
        }
    }

    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            OutputError::Io {
                path,
                action,
                reason,
            } => Diagnostic::new(
                Code::OutputWriteFailed,
                format!("could not {action} `{}`: {reason}", path.display()),
            )
            .help("check the directory's permissions and free space, then run the command again"),
            OutputError::NotOwned { path } => Diagnostic::new(
                Code::OutputFileNotOwned,
                format!(
                    "`{}` exists and was not written by compose2k8s; nothing was written",
                    path.display()
                ),
            )
            .help("move the file away, or write the manifests to another directory"),
            OutputError::Collision { name } => Diagnostic::new(
                Code::OutputWriteFailed,
                format!("two objects would be written to `{name}`"),
            )
            .help("give the objects different names"),
            OutputError::Serialize { reason } => Diagnostic::new(
                Code::OutputWriteFailed,
                format!("could not serialise the manifests: {reason}"),
            ),
        }
    }
}
