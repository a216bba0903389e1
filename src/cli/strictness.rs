//! `--deny`, `--allow` and `--warn`: the command line's layer of the strictness policy.

use clap::Args;

use compose2k8s::diag::policy::{Action, Policy, PolicyError};

#[derive(Clone, Debug, Default, Args)]
pub struct PolicyArgs {
    /// Report a diagnostic as an error, failing the command: a code (`C2K3003`), a rule name
    /// (`bind-mount`) or `warnings` for every warning (repeatable, or comma-separated)
    #[arg(long = "deny", value_name = "CODE|warnings", value_delimiter = ',')]
    pub deny: Vec<String>,
    /// Drop a diagnostic (a warning or note; errors cannot be allowed)
    #[arg(long = "allow", value_name = "CODE", value_delimiter = ',')]
    pub allow: Vec<String>,
    /// Report a diagnostic as a warning (a note, or one that `--deny warnings` would raise)
    #[arg(long = "warn", value_name = "CODE", value_delimiter = ',')]
    pub warn: Vec<String>,
}

impl PolicyArgs {
    pub fn policy(&self) -> Result<Policy, PolicyError> {
        let mut policy = Policy::new();
        for (action, texts) in [
            (Action::Allow, &self.allow),
            (Action::Warn, &self.warn),
            (Action::Deny, &self.deny),
        ] {
            for text in texts.iter().filter(|t| !t.trim().is_empty()) {
                policy.add_text(action, text)?;
            }
        }
        Ok(policy)
    }
}
