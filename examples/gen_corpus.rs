//! Writes a synthetic corpus for benchmarks and extraction scoring at scale.
//!
//! `cargo run --release --example gen_corpus -- --docs 100000 --seed 1 --out DIR`
//! writes articles (text and HTML), cables (WikiLeaks text and cable-viewer HTML) and one
//! `cables.csv` dump under DIR, plus `truth.jsonl` (one label per file, the format of
//! `../shared/eval/score.py`) and `truth.csv.jsonl` (one label per row of the dump).
//! The same seed and vocabulary give byte-identical output.

#[path = "../benches/support/mod.rs"]
mod support;

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use clap::Parser as _;
use rayon::prelude::*;

use support::corpus::{Format, Generator, Vocabulary};

/// Generate a synthetic corpus of articles and cables with ground-truth labels.
#[derive(clap::Parser)]
struct Args {
    /// Number of documents (each row of cables.csv counts as one)
    #[arg(long, default_value_t = 1000)]
    docs: u64,
    /// Seed of the generator
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output directory (created; existing files with the same names are overwritten)
    #[arg(long)]
    out: PathBuf,
    /// Real corpus to learn vocabulary from [default: ../shared/corpus if present]
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Also write every document as one JSON line {title, body, date, outlet} for
    /// `tantivy index`; body is the document's raw text, so both engines see the same bytes
    #[arg(long, value_name = "FILE")]
    tantivy_json: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    let corpus = args.corpus.clone().or_else(support::shared_corpus);
    let vocab = Vocabulary::load(corpus.as_deref(), 400);
    eprintln!("vocabulary: {}", vocab.source);
    let generator = Generator::new(args.seed, vocab);
    fs::create_dir_all(&args.out)?;
    let mut truth = BufWriter::new(File::create(args.out.join("truth.jsonl"))?);
    let mut csv_truth = BufWriter::new(File::create(args.out.join("truth.csv.jsonl"))?);
    let mut csv = BufWriter::new(File::create(args.out.join("cables.csv"))?);
    let mut export = match &args.tantivy_json {
        Some(p) => Some(BufWriter::new(File::create(p)?)),
        None => None,
    };
    let mut dirs: HashSet<PathBuf> = HashSet::new();
    let (mut files, mut rows, mut bytes) = (0u64, 0u64, 0u64);
    // Documents are built in parallel chunks and written in order, so the output does
    // not depend on the thread count.
    let chunk = 2048u64;
    let mut start = 0;
    while start < args.docs {
        let end = (start + chunk).min(args.docs);
        let docs: Vec<_> = (start..end)
            .into_par_iter()
            .map(|i| generator.document(i))
            .collect();
        for doc in docs {
            bytes += doc.bytes.len() as u64;
            if let Some(out) = export.as_mut() {
                let t = &doc.truth;
                let line = serde_json::json!({
                    "title": t["title"],
                    "body": String::from_utf8_lossy(&doc.bytes),
                    "date": t["date"],
                    "outlet": t["outlet"],
                });
                serde_json::to_writer(&mut *out, &line)?;
                out.write_all(b"\n")?;
            }
            if doc.format == Format::CableCsv {
                csv.write_all(&doc.bytes)?;
                serde_json::to_writer(&mut csv_truth, &doc.truth)?;
                csv_truth.write_all(b"\n")?;
                rows += 1;
                continue;
            }
            let path = args.out.join(&doc.rel_path);
            if let Some(dir) = path.parent() {
                if dirs.insert(dir.to_path_buf()) {
                    fs::create_dir_all(dir)?;
                }
            }
            fs::write(&path, &doc.bytes)?;
            serde_json::to_writer(&mut truth, &doc.truth)?;
            truth.write_all(b"\n")?;
            files += 1;
        }
        start = end;
    }
    truth.flush()?;
    csv_truth.flush()?;
    csv.flush()?;
    if let Some(mut out) = export {
        out.flush()?;
    }
    eprintln!(
        "wrote {files} files and {rows} cables.csv rows ({:.1} MB) to {} in {:.1}s",
        bytes as f64 / 1e6,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
