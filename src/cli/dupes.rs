//! `dossier dupes`: the groups of near-duplicates (reprints, re-sent cables) among
//! the matching documents.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use super::exit;
use super::search::MatchArgs;
use crate::output::dupes as print;

#[derive(Debug, Args)]
pub struct DupesArgs {
    #[command(flatten)]
    pub matching: MatchArgs,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
    /// Groups listed on a terminal
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
}

pub fn run(args: DupesArgs) -> Result<ExitCode> {
    let engine = args.matching.open()?;
    let (dupes, notes) = engine.dupes(&args.matching.query, &args.matching.filters.filters())?;
    for note in &notes {
        super::warn(note);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        print::write_json(&mut out, &dupes)?;
    } else {
        print::write_groups(&mut out, &dupes, args.limit)?;
    }
    out.flush()?;
    std::mem::forget(engine);
    Ok(exit::of_search(dupes.groups.len() as u64))
}
