//! The steps `convert` and `check` share: convert, apply the strictness policy, and lay out the
//! `-o DIR` files exactly alike, so `check` compares with what `convert` would write.

use std::path::Path;

use compose2k8s::convert::{convert, Conversion, Options};
use compose2k8s::diag::policy::Policy;
use compose2k8s::diag::Diagnostic;
use compose2k8s::output::files::{directory_files, relative_to, OutputFile};
use compose2k8s::output::OutputError;

use super::input::{current_dir, InputArgs};

pub struct Converted {
    pub options: Options,
    pub conversion: Conversion,
    /// The conversion's diagnostics as the policy leaves them.
    pub diagnostics: Vec<Diagnostic>,
}

/// Converts and applies the strictness policy: the Compose file's rules
/// (`x-kubernetes.diagnostics`) with `policy`, the command line's, layered over them, so that
/// where both name a diagnostic alike the command line wins. A service's own `allow` still
/// wins inside that service, being more specific (see `diag::policy`).
pub fn run(input: &InputArgs, policy: &Policy) -> Converted {
    let options = input.options();
    let conversion = convert(&options);
    let policy = conversion.policy.clone().merge(policy.clone());
    let diagnostics = policy.apply(conversion.diagnostics.clone());
    Converted {
        options,
        conversion,
        diagnostics,
    }
}

/// The Compose file the header names, as a path from `dir`. The source map holds the project's
/// env files first (read before the Compose files, as they may set `COMPOSE_FILE`), then the
/// Compose files: the first file that is not a project env file is the main Compose file.
fn compose_file(c: &Converted, dir: &Path) -> String {
    let cwd = current_dir();
    let env_files: Vec<_> = c
        .options
        .load
        .env_files
        .iter()
        .map(|f| cwd.join(f))
        .collect();
    let is_env_file = |path: &Path| {
        if env_files.is_empty() {
            path.file_name().is_some_and(|n| n == ".env")
        } else {
            env_files.iter().any(|e| e == path)
        }
    };
    c.conversion
        .sources
        .files()
        .map(|(_, f)| f)
        .find(|f| !is_env_file(&f.path))
        .map(|f| relative_to(dir, &f.path, &cwd))
        .unwrap_or_else(|| "compose.yaml".to_string())
}

/// The files of the `-o DIR` layout for this conversion.
pub fn layout(c: &Converted, dir: &Path) -> Result<Vec<OutputFile>, OutputError> {
    directory_files(&c.conversion.objects, &compose_file(c, dir))
}
