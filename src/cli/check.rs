//! `dossier check`: verify an index.

use std::process::ExitCode;

use clap::Args;

use super::IndexLocation;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub location: IndexLocation,
}

pub fn run(_args: CheckArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("check: not implemented yet")
}
