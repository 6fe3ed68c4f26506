//! `dossier search`, `facets` and `show`: reading the index.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::{Args, ValueEnum};

use super::{exit, IndexLocation, SchemaLocation};
use crate::index::facet::{self, FACETS};
use crate::output::terminal::{self, ColorChoice, Style};
use crate::output::{csv as csv_out, json};
use crate::search::{Engine, Filters, Request, Sort};

/// Filters shared by `search` and `facets`.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only this outlet (canonical name or alias, any case); repeat for any of several
    #[arg(long, value_name = "X")]
    pub outlet: Vec<String>,
    /// Only documents naming this actor (any spelling or alias); repeat for any of several
    #[arg(long, value_name = "X")]
    pub actor: Vec<String>,
    /// Level (SECRET) or full marking (SECRET//NOFORN: level and every caveat)
    #[arg(long, value_name = "X")]
    pub classification: Vec<String>,
    /// Handling caveat: NOFORN, SIPDIS, EXDIS, FOUO, ...
    #[arg(long, value_name = "X")]
    pub caveat: Vec<String>,
    /// Cable TAGS code: PTER, PREL, SY, ...
    #[arg(long, value_name = "X")]
    pub tag: Vec<String>,
    /// Country or city named
    #[arg(long, value_name = "X")]
    pub place: Vec<String>,
    /// cable or article
    #[arg(long, value_name = "K")]
    pub kind: Vec<String>,
    /// Only cables whose REF block cites this cable (reference id: 09DAMASCUS192)
    #[arg(long, value_name = "REF")]
    pub cites: Vec<String>,
    /// On or after: YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// On or before (the whole year, month or day): YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

/// What the views over a search read: an index, and the documents a query and
/// filters match there.
#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Query, as for `search` (`*`: every document)
    #[arg(default_value = "*", allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub schema: SchemaLocation,
    #[command(flatten)]
    pub filters: FilterArgs,
}

impl MatchArgs {
    pub(crate) fn open(&self) -> Result<Engine> {
        open(&self.location, &self.schema)
    }
}

impl FilterArgs {
    pub(crate) fn filters(&self) -> Filters {
        Filters {
            outlet: self.outlet.clone(),
            actor: self.actor.clone(),
            classification: self.classification.clone(),
            caveat: self.caveat.clone(),
            tag: self.tag.clone(),
            place: self.place.clone(),
            kind: self.kind.clone(),
            cites: self.cites.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Relevance,
    /// Oldest first
    Date,
    /// Newest first
    #[value(name = "-date")]
    DateDesc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Ndjson,
    Csv,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query (Lucene-style: AND OR NOT, "phrases", field:value, -term, prefix*, fuzzy~1, * for all)
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub schema: SchemaLocation,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Order of the hits
    #[arg(
        long,
        value_enum,
        default_value = "relevance",
        allow_hyphen_values = true
    )]
    pub sort: SortArg,
    /// Hits to show; 0 for all
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long, help = facets_help(true))]
    pub facets: bool,
    #[arg(long, value_name = "FIELD", help = facets_help(false))]
    pub facet: Vec<String>,
    /// Print one JSON object (same as --format json)
    #[arg(long)]
    pub json: bool,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Print how the query and filters were understood
    #[arg(long)]
    pub explain: bool,
    /// One hit per group of near-duplicates (reprints, re-sent cables), with its copies
    #[arg(long)]
    pub collapse: bool,
}

/// Help for `--facets` (the default facets) and `--facet` (the others).
fn facets_help(default: bool) -> String {
    let names: Vec<&str> = FACETS
        .iter()
        .filter(|f| f.default == default)
        .map(|f| f.name)
        .collect();
    if default {
        format!("Count {} over all matching documents", names.join(", "))
    } else {
        format!("Also count this facet ({}); repeatable", names.join(", "))
    }
}

#[derive(Debug, Args)]
pub struct FacetsArgs {
    #[arg(help = format!("Field: {}", facet::listed()))]
    pub field: String,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub schema: SchemaLocation,
    /// Count over the documents matching this query [default: all]
    #[arg(long, short, default_value = "*", allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Values to list, most frequent first; 0 for all
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    /// Print JSON: [{"value","count"}]
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Record id or path
    pub id: String,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub schema: SchemaLocation,
    /// Highlight the matches of this query
    #[arg(long, short, allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Print JSON: the record with its body and an `html` rendering of the marks
    #[arg(long)]
    pub json: bool,
    /// Colour: auto, always, never
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
}

fn open(location: &IndexLocation, schema: &SchemaLocation) -> Result<Engine> {
    Engine::open_with(&location.dir(), schema.lazy_catalog())
}

pub fn run_search(args: SearchArgs) -> Result<ExitCode> {
    let format = if args.json { Format::Json } else { args.format };
    let facets = facet::requested(args.facets, &args.facet);
    let request = Request {
        query: args.query.clone(),
        filters: args.filters.filters(),
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
            SortArg::DateDesc => Sort::DateDesc,
        },
        limit: args.limit,
        offset: args.offset,
        facets,
        hits: true,
        collapse: args.collapse,
    };
    let engine = open(&args.location, &args.schema)?;
    let (mut response, more) = engine.search_in_batches(&request)?;
    for note in &response.notes {
        super::warn(note);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.explain && format != Format::Json {
        let mut err = io::stderr().lock();
        let target: &mut dyn Write = if format == Format::Text {
            &mut out
        } else {
            &mut err
        };
        for line in &response.explain {
            writeln!(target, "{line}")?;
        }
        writeln!(target)?;
    }
    match format {
        Format::Text => {
            let style = Style::new(args.color.enabled());
            terminal::write_response(&mut out, &response, more, style)?
        }
        Format::Json => json::write_response(&mut out, &response, more, args.explain)?,
        Format::Ndjson => {
            let first = std::iter::once(Ok(std::mem::take(&mut response.hits)));
            json::write_ndjson(&mut out, first.chain(more))?
        }
        Format::Csv => {
            let first = std::iter::once(Ok(std::mem::take(&mut response.hits)));
            csv_out::write_hits(&mut out, first.chain(more))?
        }
    }
    out.flush()?;
    // A search is a short process: the kernel unmaps the index at exit faster than
    // dropping every segment reader one by one (a twentieth of a search).
    std::mem::forget(engine);
    Ok(exit::of_search(response.total as u64))
}

pub fn run_facets(args: FacetsArgs) -> Result<ExitCode> {
    let engine = open(&args.location, &args.schema)?;
    let values = engine.facet(
        &args.field,
        &args.query,
        &args.filters.filters(),
        args.limit,
    )?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        json::write_facet(&mut out, &values)?;
    } else {
        let width = values.first().map_or(1, |v| v.count.to_string().len());
        for value in &values {
            let shown = crate::sanitize::for_terminal(&value.value, false);
            writeln!(out, "{:>width$}  {shown}", value.count)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::from(exit::OK))
}

pub fn run_show(args: ShowArgs) -> Result<ExitCode> {
    if args.id.trim().is_empty() {
        bail!("give a record id or path: dossier show 10DAMASCUS159");
    }
    let engine = open(&args.location, &args.schema)?;
    let shown = engine.show(&args.id, args.query.as_deref())?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        json::write_shown(&mut out, &shown)?;
    } else {
        let style = Style::new(args.color.enabled());
        terminal::write_shown(&mut out, &shown, style)?;
    }
    out.flush()?;
    Ok(ExitCode::from(exit::OK))
}
