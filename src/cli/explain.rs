use std::process::ExitCode;

use clap::Args;

use compose2k8s::diag::{docs, Code};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The code (`C2K3003`) or name (`bind-mount`) to explain
    #[arg(required_unless_present = "all")]
    code: Option<String>,
    /// Print the whole reference (what `docs/diagnostics.md` holds)
    #[arg(long)]
    all: bool,
}

pub fn run(args: &ExplainArgs) -> ExitCode {
    if args.all {
        print!("{}", docs::markdown());
        return ExitCode::SUCCESS;
    }
    let wanted = args.code.as_deref().unwrap_or_default();
    match Code::from_id(wanted) {
        Some(code) => {
            print!("{}", docs::entry(code));
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("error: no diagnostic with code or name `{wanted}`; `compose2k8s explain --all` lists them");
            ExitCode::from(2)
        }
    }
}
