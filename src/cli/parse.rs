//! `dossier parse FILE...`: records without an index.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::SchemaLocation;

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Files to parse
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print one JSON record per line (NDJSON), without the body
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub schema: SchemaLocation,
}

pub fn run(_args: ParseArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("parse: not implemented yet")
}
