//! `dossier search`, `facets` and `show`: reading the index.

use std::process::ExitCode;

use clap::Args;

use super::IndexLocation;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query (Lucene-style: AND OR NOT, "phrases", field:value, -term, * for all)
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// Field: outlet, actor, person, organization, classification, caveat, kind, year, tag, place, genre
    pub field: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Record id or path
    pub id: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run_search(_args: SearchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("search: not implemented yet")
}

pub fn run_facets(_args: FacetsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("facets: not implemented yet")
}

pub fn run_show(_args: ShowArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("show: not implemented yet")
}
