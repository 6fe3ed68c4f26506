//! The command line: clap argument structs (their doc comments are the help text)
//! and the dispatch to one module per command. Commands turn raw arguments into a
//! checked configuration, call the library and hand results to `output` printers.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser as ClapParser, Subcommand};

pub(crate) mod check;
pub(crate) mod dupes;
pub(crate) mod graph;
pub(crate) mod index;
pub(crate) mod parse;
pub(crate) mod search;
pub(crate) mod serve;
pub(crate) mod timeline;

/// Search engine for investigative document collections: press articles and
/// diplomatic cables, parsed into fielded records and searched from the shell.
#[derive(Debug, ClapParser)]
#[command(name = "dossier", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index documents under PATH... (incremental: only new and changed files are parsed)
    Index(index::IndexArgs),
    /// Search the index
    Search(search::SearchArgs),
    /// List every value of a facet field with its count
    Facets(search::FacetsArgs),
    /// Show one document, by id or path, with its record
    Show(search::ShowArgs),
    /// Count the documents matching a query per year, month, week or day
    Timeline(timeline::TimelineArgs),
    /// Export who is named with whom in the matching documents (GEXF, GraphML, CSV, JSON)
    Graph(graph::GraphArgs),
    /// Group the matching documents that are copies of one text (reprints, re-sent cables)
    Dupes(dupes::DupesArgs),
    /// Parse files and print their records (NDJSON with --json), without indexing
    Parse(parse::ParseArgs),
    /// Verify an index: checksums, manifest, version
    Check(check::CheckArgs),
    /// Serve the index as a web page and a JSON API (loopback only, unless --token)
    Serve(serve::ServeArgs),
}

/// Options shared by the commands that read or write an index.
#[derive(Debug, Clone, Args)]
pub struct IndexLocation {
    /// Index directory [default: $DOSSIER_INDEX, else .dossier]
    #[arg(long, value_name = "DIR", env = "DOSSIER_INDEX")]
    pub index: Option<PathBuf>,
}

impl IndexLocation {
    pub fn dir(&self) -> PathBuf {
        self.index
            .clone()
            .unwrap_or_else(|| PathBuf::from(".dossier"))
    }
}

/// Options shared by the commands that parse documents.
#[derive(Debug, Clone, Args)]
pub struct SchemaLocation {
    /// Directory of schema files (outlets.toml, actors.toml, ...) overriding the built-in ones
    #[arg(long, value_name = "DIR")]
    pub schema: Option<PathBuf>,
}

impl SchemaLocation {
    pub fn catalog(&self) -> anyhow::Result<crate::Catalog> {
        crate::Catalog::load(self.schema.as_deref())
    }

    /// The catalog, read when first needed (searches rarely need it).
    pub fn lazy_catalog(&self) -> crate::catalog::LazyCatalog {
        crate::catalog::LazyCatalog::new(self.schema.as_deref())
    }
}

/// Exit codes, as the README's "Commands" states them.
pub mod exit {
    /// Success; for search, at least one hit.
    pub const OK: u8 = 0;
    /// Search found nothing, or some files failed while the rest were committed.
    pub const PARTIAL: u8 = 1;
    /// Usage or fatal error; nothing changed.
    pub const FATAL: u8 = 2;

    /// The exit of a search, or of a view over one: 0 when it matched something.
    pub fn of_search(total: u64) -> std::process::ExitCode {
        std::process::ExitCode::from(if total > 0 { OK } else { PARTIAL })
    }
}

/// Runs the command; errors are reported by `main` with exit code 2.
/// Prints `dossier: MESSAGE` on standard error. Messages name files and quote
/// queries and documents, any of which can carry escape sequences or bidi overrides,
/// so they pass through the sanitiser that guards everything else printed.
pub fn warn(message: impl std::fmt::Display) {
    let text = message.to_string();
    eprintln!("dossier: {}", crate::sanitize::for_terminal(&text, true));
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run_search(args),
        Command::Facets(args) => search::run_facets(args),
        Command::Show(args) => search::run_show(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Dupes(args) => dupes::run(args),
        Command::Parse(args) => parse::run(args),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
    }
}
