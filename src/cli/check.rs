//! `dossier check`: verify an index and say what is wrong.

use std::process::ExitCode;

use clap::Args;

use super::{exit, IndexLocation};

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let dir = args.location.dir();
    let report = crate::index::check::check(&dir)?;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        for problem in &report.problems {
            super::warn(format_args!("{}: {problem}", dir.display()));
        }
        if !report.leftovers.is_empty() {
            eprintln!(
                "{} leftover generation(s) of interrupted runs; the next `dossier index` removes them",
                report.leftovers.len()
            );
        }
        eprintln!(
            "{}: {} documents from {} files in {} segments{}",
            dir.display(),
            report.docs,
            report.files,
            report.segments,
            if report.problems.is_empty() {
                "; ok"
            } else {
                "; run `dossier index --rebuild PATH` to rebuild"
            }
        );
    }
    Ok(ExitCode::from(if report.problems.is_empty() {
        exit::OK
    } else {
        exit::FATAL
    }))
}
