use std::process::ExitCode;

use clap::Args;

use compose2k8s::extension::schema;

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Print the Compose Specification's schema with `x-kubernetes` wired in (what
    /// `schema/compose-with-x-kubernetes.schema.json` holds) instead of the extension's alone
    #[arg(long)]
    compose: bool,
}

pub fn run(args: &SchemaArgs) -> ExitCode {
    match schema::files() {
        Ok([(_, extension), (_, compose)]) => {
            print!("{}", if args.compose { compose } else { extension });
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
