//! `dossier index PATH...`: build or update the index.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{IndexLocation, SchemaLocation};

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders to index
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub schema: SchemaLocation,
    /// Parser threads [default: all cores]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Build a fresh index and make it live atomically when complete
    #[arg(long)]
    pub rebuild: bool,
    /// Print a JSON summary when done
    #[arg(long)]
    pub json: bool,
}

pub fn run(_args: IndexArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("index: not implemented yet")
}
