//! `dossier timeline`: matching documents per period.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::{Args, ValueEnum};

use super::exit;
use super::search::MatchArgs;
use crate::output::timeline as print;
use crate::search::timeline::Period;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    Year,
    Month,
    Week,
    Day,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub matching: MatchArgs,
    /// Length of a bar
    #[arg(long, value_enum, default_value = "month")]
    pub by: By,
    #[arg(long, value_name = "FACET", help = format!(
        "Stack each bar by the values of a facet: {}",
        crate::index::facet::listed()
    ))]
    pub split: Option<String>,
    /// Print one JSON object
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV: period,start,count (with --split: period,start,value,count)
    #[arg(long)]
    pub csv: bool,
    /// Also draw the chart into this file: FILE.svg or FILE.png
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
}

pub fn run(args: TimelineArgs) -> Result<ExitCode> {
    if let Some(plot) = &args.plot {
        let extension = plot.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !extension.eq_ignore_ascii_case("svg") && !extension.eq_ignore_ascii_case("png") {
            bail!(
                "--plot {}: charts are drawn as SVG (FILE.svg, for any browser or editor) \
                 or PNG (FILE.png)",
                plot.display()
            );
        }
    }
    let period = match args.by {
        By::Year => Period::Year,
        By::Month => Period::Month,
        By::Week => Period::Week,
        By::Day => Period::Day,
    };
    let engine = args.matching.open()?;
    let (timeline, notes) = engine.timeline(
        &args.matching.query,
        &args.matching.filters.filters(),
        period,
        args.split.as_deref(),
    )?;
    for note in &notes {
        super::warn(note);
    }
    if let Some(plot) = &args.plot {
        print::write_plot(plot, &timeline)?;
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        print::write_json(&mut out, &timeline)?;
    } else if args.csv {
        print::write_csv(&mut out, &timeline)?;
    } else {
        print::write_bars(&mut out, &timeline)?;
    }
    out.flush()?;
    // A short process: the kernel unmaps the index faster than the drop would.
    std::mem::forget(engine);
    Ok(exit::of_search(timeline.total))
}
