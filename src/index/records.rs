//! `dossier index --records`: an index built from record NDJSON (what `dossier parse
//! --json --body` prints, or what a cluster job wrote with it) without extracting
//! anything again.
//!
//! Each line is a record with its body and the `extraction` that produced it; a
//! record of another extraction is refused, run and all, since its fields would not
//! be what this version's search expects. A record is keyed by its path (its file and
//! `#N` for a row of a dump), not its id: ids repeat across files (one cable from two
//! mirrors). A record whose line is byte for byte the one indexed is kept; another is
//! replaced; a record the input no longer lists is deleted: the input is the whole
//! collection, as a folder is for `dossier index`. The run is one commit, with the
//! same lock, generations and crash safety as `index`; a bad line is reported by
//! file and line number and the rest indexed.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::Term;

use super::generation::{new_writer, Target};
use super::manifest::Payload;
use super::queue::Queue;
use super::recheck;
use super::schema::{extraction_version, FileStamp};
use super::writer::{
    queued, FailedFile, IndexError, IndexOptions, IndexReport, Observer, Tally, MIN_MB_PER_THREAD,
    QUEUE_SHARE,
};
use crate::catalog::Catalog;
use crate::record::Record;

/// Where index sources of records begin: `record:articles/a.txt`, beside the absolute
/// paths of files indexed from a folder.
const SOURCE_PREFIX: &str = "record:";

/// Lines read and indexed together.
const BATCH: usize = 512;

/// A record as `parse --json --body` prints it: the record and the extraction that
/// made it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Versioned<R, E> {
    #[serde(flatten)]
    pub record: R,
    pub extraction: Option<E>,
}

/// Builds or updates the index at `options.dir` from the records in `inputs`
/// (NDJSON files, gzip-compressed when they end in `.gz`, `-` for standard input).
pub fn index_records(
    options: &IndexOptions,
    inputs: &[PathBuf],
    catalog: &Catalog,
    observer: &dyn Observer,
    stop: &AtomicBool,
) -> Result<IndexReport> {
    let started = Instant::now();
    for input in inputs.iter().filter(|i| i.as_os_str() != "-") {
        if !input.is_file() {
            bail!("{}: no such records file", input.display());
        }
    }
    let target = Target::open(options)?;
    let extraction = extraction_version(catalog);
    let writer = new_writer(&target.index, options, target.fresh)?;
    let queue = Queue::new((options.memory_mb.max(MIN_MB_PER_THREAD) << 20) / QUEUE_SHARE);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .thread_name(|i| format!("dossier-records-{i}"))
        .build()
        .context("cannot start the indexing threads")?;
    observer.start(0);
    let tally = Tally::default();
    let seen: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
    let failed: Mutex<Vec<FailedFile>> = Mutex::new(Vec::new());
    let refused: Mutex<Option<String>> = Mutex::new(None);

    for input in inputs {
        let shown = input.display().to_string();
        let reader = open_input(input)?;
        let mut lines = reader.lines().enumerate();
        loop {
            let mut batch = Vec::with_capacity(BATCH);
            for (n, line) in lines.by_ref().take(BATCH) {
                let line = line.with_context(|| format!("{shown}: cannot read line {}", n + 1))?;
                batch.push((n + 1, line));
            }
            if batch.is_empty() {
                break;
            }
            pool.install(|| {
                batch.par_iter().for_each(|(n, line)| {
                    if line.trim().is_empty() || stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let at = format!("{shown}:{n}");
                    match one(line, &at, &extraction, &target, &seen) {
                        Ok(Some((record, stamp, old))) => {
                            if old {
                                writer.delete_term(Term::from_field_text(
                                    target.fields.source,
                                    &stamp.source,
                                ));
                            }
                            let doc = queued(&queue, &target.fields, record, &stamp);
                            if let Err(e) = writer.add_document(doc) {
                                lock(&failed).push(FailedFile {
                                    path: at,
                                    error: format!("cannot index: {e}"),
                                });
                                return;
                            }
                            let counter = if old { &tally.updated } else { &tally.added };
                            counter.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(None) => {
                            tally.unchanged.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(Problem::Bad(error)) => {
                            lock(&failed).push(FailedFile { path: at, error })
                        }
                        Err(Problem::Refused(why)) => {
                            lock(&refused).get_or_insert(why);
                        }
                    }
                    observer.file_done();
                });
            });
            if let Some(why) = lock(&refused).take() {
                bail!(why);
            }
            if stop.load(Ordering::SeqCst) {
                drop(writer);
                return Err(IndexError::Interrupted.into());
            }
        }
    }

    let seen = seen.into_inner().unwrap_or_else(|e| e.into_inner());
    for (source, entry) in &target.old {
        if !seen.contains(source) {
            writer.delete_term(Term::from_field_text(target.fields.source, source));
            tally
                .removed
                .fetch_add(entry.ids.len() as u64, Ordering::Relaxed);
        }
    }
    observer.committing();
    let (added, updated, unchanged) = (
        tally.added.load(Ordering::Relaxed),
        tally.updated.load(Ordering::Relaxed),
        tally.unchanged.load(Ordering::Relaxed),
    );
    let payload = Payload {
        dossier: env!("CARGO_PKG_VERSION").to_string(),
        extraction: extraction.clone(),
        docs: added + updated + unchanged,
        actors: catalog.text("actors.toml").map(str::to_string),
        others: Some(recheck::others_version(catalog)),
        ..Payload::default()
    };
    let (_, total_docs) = target.finish(writer, &payload, observer)?;
    let mut failed = failed.into_inner().unwrap_or_else(|e| e.into_inner());
    failed.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(IndexReport {
        added,
        updated,
        removed: tally.removed.load(Ordering::Relaxed),
        unchanged,
        failed,
        took_ms: started.elapsed().as_millis() as u64,
        rebuilt: options.rebuild,
        total_docs,
        ..IndexReport::default()
    })
}

/// Why a line was not indexed: a bad line (reported, the run goes on) or a record of
/// another extraction (the run stops).
enum Problem {
    Bad(String),
    Refused(String),
}

/// One line: the record and its stamp to index, with whether an older version of it
/// is indexed; `None` when the line is the one indexed already.
fn one(
    line: &str,
    at: &str,
    extraction: &str,
    target: &Target,
    seen: &Mutex<HashSet<String>>,
) -> Result<Option<(Record, FileStamp, bool)>, Problem> {
    let versioned: Versioned<Record, String> =
        serde_json::from_str(line).map_err(|e| Problem::Bad(format!("not a record: {e}")))?;
    match versioned.extraction.as_deref() {
        Some(theirs) if theirs == extraction => {}
        theirs => {
            return Err(Problem::Refused(format!(
                "{at}: the record was extracted by {}; this dossier extracts {extraction}: \
                 parse the documents again with this version (`dossier parse --json --body`) \
                 and index those records, or index the files",
                theirs.map_or(
                    "an unknown version (no `extraction` field)".to_string(),
                    |t| { format!("version {t}") }
                )
            )))
        }
    }
    let record = versioned.record;
    if record.path.is_empty() {
        return Err(Problem::Bad("the record has no path".into()));
    }
    let source = format!("{SOURCE_PREFIX}{}", record.path);
    if !lock(seen).insert(source.clone()) {
        return Err(Problem::Bad(format!(
            "a second record with path {:?}: the first is indexed",
            record.path
        )));
    }
    let hash = xxhash_rust::xxh3::xxh3_64(line.as_bytes());
    let old = target.old.get(&source);
    if old.is_some_and(|o| o.hash == hash && o.extraction == extraction) {
        return Ok(None);
    }
    let stamp = FileStamp {
        source,
        file: record.path.split('#').next().unwrap_or("").to_string(),
        size: line.len() as u64,
        mtime: 0,
        hash,
        extraction: extraction.to_string(),
    };
    Ok(Some((record, stamp, old.is_some())))
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The lines of a records file, decompressed when it ends in `.gz`; `-` is standard
/// input.
fn open_input(path: &Path) -> Result<Box<dyn BufRead>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open the records file {}", path.display()))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 20, reader)))
}
