//! `dossier graph`: the actors of the matching documents, joined when a document
//! names two of them.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};

use super::exit;
use super::search::MatchArgs;
use crate::output::graph as print;
use crate::search::graph::Cut;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// GEXF 1.3, for Gephi
    Gexf,
    /// GraphML, for yEd, Cytoscape and Gephi
    Graphml,
    /// Gephi's nodes and edges tables (two files with --out, else the edges)
    Csv,
    /// One JSON object
    Json,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    #[command(flatten)]
    pub matching: MatchArgs,
    /// Only pairs named together in at least this many documents
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_weight: u64,
    /// Only the N actors in most documents, and the pairs among them (0: all)
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub top: usize,
    /// Export format [default: on a terminal, the strongest pairs as a list]
    #[arg(long, value_enum)]
    pub format: Option<GraphFormat>,
    /// Write here instead of standard output (csv: PATH.nodes.csv and PATH.edges.csv)
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Pairs (with --cables: cited cables) listed on a terminal
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// The citation network instead: each matching cable to the cables its REF block
    /// cites (directed; --top keeps the most cited)
    #[arg(long)]
    pub cables: bool,
}

pub fn run(args: GraphArgs) -> Result<ExitCode> {
    let engine = args.matching.open()?;
    let cut = Cut {
        min_weight: args.min_weight,
        top: args.top,
    };
    let (query, filters) = (&args.matching.query, args.matching.filters.filters());
    let (graph, notes) = if args.cables {
        engine.citation_graph(query, &filters, cut)?
    } else {
        engine.graph(query, &filters, cut)?
    };
    for note in &notes {
        super::warn(note);
    }
    let create = |path: &PathBuf| -> Result<BufWriter<File>> {
        let file =
            File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(BufWriter::new(file))
    };
    match (&args.out, args.format) {
        (Some(_), None) => {
            bail!("--out writes an export: give --format gexf, graphml, csv or json")
        }
        (Some(out), Some(GraphFormat::Csv)) => {
            let mut nodes = create(&suffixed(out, "nodes.csv"))?;
            print::write_nodes_csv(&mut nodes, &graph)?;
            nodes.flush()?;
            let mut edges = create(&suffixed(out, "edges.csv"))?;
            print::write_edges_csv(&mut edges, &graph)?;
            edges.flush()?;
        }
        (Some(out), Some(format)) => {
            let mut file = create(out)?;
            write_format(&mut file, &graph, format)?;
            file.flush()?;
        }
        (None, format) => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            match format {
                Some(format) => write_format(&mut out, &graph, format)?,
                None if graph.directed => print::write_most_cited(&mut out, &graph, args.limit)?,
                None => print::write_pairs(&mut out, &graph, args.limit)?,
            }
            out.flush()?;
        }
    }
    // A short process: the kernel unmaps the index faster than the drop would.
    std::mem::forget(engine);
    Ok(exit::of_search(graph.total))
}

fn write_format(
    out: &mut impl Write,
    graph: &crate::search::graph::Graph,
    format: GraphFormat,
) -> Result<()> {
    match format {
        GraphFormat::Gexf => print::write_gexf(out, graph)?,
        GraphFormat::Graphml => print::write_graphml(out, graph)?,
        GraphFormat::Csv => print::write_edges_csv(out, graph)?,
        GraphFormat::Json => print::write_json(out, graph)?,
    }
    Ok(())
}

/// `net` → `net.nodes.csv`; `net.csv` → `net.nodes.csv`.
fn suffixed(path: &std::path::Path, suffix: &str) -> PathBuf {
    let stem = match path.extension() {
        Some(e) if e.eq_ignore_ascii_case("csv") => path.with_extension(""),
        _ => path.to_path_buf(),
    };
    let mut name = stem.into_os_string();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}
