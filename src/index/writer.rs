//! `dossier index`: the incremental, crash-safe build of an index from files.
//!
//! One run holds the index directory's lock, reads the manifest of the last commit,
//! walks the roots, and for each file decides from its stat, then its content hash,
//! then the extraction version whether it must be parsed again. Parsing runs on a
//! rayon pool while Tantivy's writer threads index; every upsert and deletion goes
//! into one commit, whose payload carries the manifest totals. A rebuild writes a new
//! generation and swaps `dossier.json` only when it is complete. The per-file work
//! is `build`'s; the generation, the lock and the commit are `generation`'s.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::Term;

use super::build::Run;
use super::generation::{new_writer, Target};
use super::manifest::{Payload, StatCache};
use super::queue::{Queue, QueuedDocument};
use super::recheck::{self, Recheck};
use super::schema::{document, extraction_version, Fields, FileStamp};
use crate::catalog::Catalog;
use crate::ingest::walk::{self, FoundFile};
use crate::parse::Parser;
use crate::record::Record;

/// Default writer memory budget, in MB.
pub const DEFAULT_MEMORY_MB: usize = 256;
/// Tantivy refuses less than 15 MB per indexing thread.
pub(super) const MIN_MB_PER_THREAD: usize = 15;

/// Tantivy's writer, given documents with their place in the [`Queue`].
pub(super) type IndexWriter = tantivy::IndexWriter<QueuedDocument>;

/// Files the walk may find ahead of the parsers.
const WALK_AHEAD: usize = 1024;

/// The share of `--memory` that documents waiting for an indexing thread may hold
/// (see `index::queue`): one part in this many.
pub(super) const QUEUE_SHARE: usize = 16;

/// What to index and how.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    pub dir: PathBuf,
    pub roots: Vec<PathBuf>,
    /// Parser threads; all cores when `None`.
    pub jobs: Option<usize>,
    /// Memory budget of the run in MB; see [`writer_mb`].
    pub memory_mb: usize,
    pub rebuild: bool,
}

/// A file that yielded no records, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FailedFile {
    pub path: String,
    pub error: String,
}

/// The outcome of a run, in documents (DESIGN's `index --json`), plus file counts
/// for the human summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexReport {
    pub added: u64,
    pub updated: u64,
    pub removed: u64,
    pub unchanged: u64,
    pub failed: Vec<FailedFile>,
    pub took_ms: u64,
    #[serde(skip)]
    pub files_parsed: u64,
    #[serde(skip)]
    pub files_unchanged: u64,
    #[serde(skip)]
    pub files_removed: u64,
    /// Files parsed again only because the schema files or the extraction code
    /// changed since they were indexed.
    #[serde(skip)]
    pub files_reextracted: u64,
    /// Files of an older extraction tested against an `actors.toml` edit and kept:
    /// the edit cannot change their records.
    #[serde(skip)]
    pub files_rechecked: u64,
    #[serde(skip)]
    pub rebuilt: bool,
    /// Documents in the index after the run.
    #[serde(skip)]
    pub total_docs: u64,
}

/// Receives progress; the CLI draws a bar with it, tests ignore it.
pub trait Observer: Sync {
    /// One more file found by the walk, which runs while files are parsed.
    fn found(&self) {}
    /// The walk is done: it found `files`, each looked at once (some already are).
    fn start(&self, _files: u64) {}
    /// One more file looked at (unchanged, parsed or failed).
    fn file_done(&self) {}
    /// Every file is done; committing and merging follow.
    fn committing(&self) {}
    /// The commit is durable and the indexing memory freed; the final merge follows.
    fn merging(&self) {}
}

/// An observer that ignores everything.
pub struct Silent;
impl Observer for Silent {}

/// Why a run stopped without changing the index; the CLI maps it to exit 2.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error(
        "another `dossier index` is writing to {0}; wait for it to finish (the lock is \
         released as soon as that process ends, even if it is killed)"
    )]
    Busy(PathBuf),
    #[error("interrupted: nothing was committed, the index holds its previous state")]
    Interrupted,
}

/// Builds or updates the index at `options.dir` from the files under the roots.
/// `stop` is polled between files (Ctrl-C): when set, the run ends without a commit.
pub fn index(
    options: &IndexOptions,
    catalog: &Catalog,
    observer: &dyn Observer,
    stop: &AtomicBool,
) -> Result<IndexReport> {
    let started = Instant::now();
    let dir = &options.dir;
    let roots = walk::roots(&options.roots)?;
    let target = Target::open(options)?;
    let (fields, fresh, gen_dir) = (&target.fields, target.fresh, &target.gen_dir);
    let extraction = extraction_version(catalog);
    let (old, old_payload) = (&target.old, &target.old_payload);
    let old_stats = if fresh {
        BTreeMap::new()
    } else {
        StatCache::load(gen_dir, target.opstamp)
    };

    let exclude = vec![dir.canonicalize().unwrap_or_else(|_| dir.clone())];

    let writer = new_writer(&target.index, options, fresh)?;
    let parser = Parser::new(catalog)?;
    let recheck = Recheck::plan(old_payload, catalog, &extraction, &parser);
    let run = Run {
        fields,
        writer: &writer,
        queue: Queue::new((options.memory_mb.max(MIN_MB_PER_THREAD) << 20) / QUEUE_SHARE),
        parser: &parser,
        extraction: &extraction,
        old,
        old_empty: &old_payload.empty,
        old_stats: &old_stats,
        recheck: &recheck,
        kept: Mutex::new(HashSet::new()),
        stop,
        observer,
        tally: Tally::default(),
        empty: Mutex::new(BTreeMap::new()),
        touched: Mutex::new(BTreeMap::new()),
        failed: Mutex::new(Vec::new()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .thread_name(|i| format!("dossier-parse-{i}"))
        .build()
        .context("cannot start the parser threads")?;
    // The files of the last commit this run found; those it did not, under its
    // roots, are gone. Keys of `old`, so a fresh build holds nothing per file.
    let seen: Mutex<HashSet<&str>> = Mutex::new(HashSet::new());
    let see = |source: &str| {
        let key = old.get_key_value(source).map(|(k, _)| k);
        let key = key.or_else(|| old_payload.empty.get_key_value(source).map(|(k, _)| k));
        if let Some(key) = key {
            seen.lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key.as_str());
        }
    };
    // Files are parsed as the walk finds them: no list of them is held, and parsing
    // does not wait for the walk.
    let walk_errors = std::thread::scope(|scope| {
        let (found, files) = std::sync::mpsc::sync_channel::<FoundFile>(WALK_AHEAD);
        let roots = &roots;
        let exclude = &exclude;
        let walker = scope.spawn(move || {
            let mut n = 0;
            let errors = walk::walk_each(roots, exclude, &mut |file| {
                n += 1;
                observer.found();
                // Fails only when the parsers are gone; the walk then just ends.
                let _ = found.send(file);
            });
            drop(found);
            observer.start(n);
            errors
        });
        pool.install(|| {
            files.into_iter().par_bridge().for_each(|file| {
                see(file.source());
                run.file(&file);
            })
        });
        walker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    if stop.load(Ordering::SeqCst) {
        // Dropping the writer without a commit discards everything since the last
        // commit; its uncommitted segment files are collected by the next run.
        drop(writer);
        return Err(IndexError::Interrupted.into());
    }

    let seen = seen.into_inner().unwrap_or_else(|e| e.into_inner());
    let covered = |source: &str| roots.iter().any(|r| r.covers(Path::new(source)));
    for (source, entry) in old {
        if !seen.contains(source.as_str()) && covered(source) {
            writer.delete_term(Term::from_field_text(fields.source, source));
            run.tally
                .removed
                .fetch_add(entry.ids.len() as u64, Ordering::Relaxed);
            run.tally.files_removed.fetch_add(1, Ordering::Relaxed);
        }
    }
    let mut empty = run.empty.into_inner().unwrap_or_else(|e| e.into_inner());
    for (source, entry) in &old_payload.empty {
        // Empty files outside the roots of this run are kept as they were.
        if !seen.contains(source.as_str()) && !covered(source) {
            empty.insert(source.clone(), entry.clone());
        }
    }
    // Versions of the documents this run did not look at: outside its roots.
    let untested: HashSet<String> = old
        .iter()
        .chain(&old_payload.empty)
        .filter(|(source, _)| !seen.contains(source.as_str()) && !covered(source))
        .map(|(_, entry)| entry.extraction.clone())
        .collect();
    let kept = run.kept.into_inner().unwrap_or_else(|e| e.into_inner());

    observer.committing();
    let tally = &run.tally;
    let mut failed = run.failed.into_inner().unwrap_or_else(|e| e.into_inner());
    failed.extend(walk_errors.into_iter().map(|e| FailedFile {
        path: e.path,
        error: e.error,
    }));
    failed.sort_by(|a, b| a.path.cmp(&b.path));
    let mut report = IndexReport {
        added: tally.added.load(Ordering::Relaxed),
        updated: tally.updated.load(Ordering::Relaxed),
        removed: tally.removed.load(Ordering::Relaxed),
        unchanged: tally.unchanged.load(Ordering::Relaxed),
        failed,
        files_parsed: tally.files_parsed.load(Ordering::Relaxed),
        files_unchanged: tally.files_unchanged.load(Ordering::Relaxed),
        files_removed: tally.files_removed.load(Ordering::Relaxed),
        files_reextracted: tally.files_reextracted.load(Ordering::Relaxed),
        files_rechecked: tally.files_rechecked.load(Ordering::Relaxed),
        rebuilt: options.rebuild,
        ..IndexReport::default()
    };
    let docs = tally.unchanged.load(Ordering::Relaxed) + tally.docs_written.load(Ordering::Relaxed);
    let touched = run.touched.into_inner().unwrap_or_else(|e| e.into_inner());
    let payload = Payload {
        dossier: env!("CARGO_PKG_VERSION").to_string(),
        extraction: extraction.clone(),
        docs,
        empty,
        actors: catalog.text("actors.toml").map(str::to_string),
        others: Some(recheck::others_version(catalog)),
        current: recheck.carried(kept, &untested, &extraction),
    };
    let (opstamp, total_docs) = target.finish(writer, &payload, observer)?;
    // Only a hint: if it cannot be written, touched files are hashed once more.
    let _ = StatCache::save(gen_dir, opstamp, touched);
    report.total_docs = total_docs;
    report.took_ms = started.elapsed().as_millis() as u64;
    Ok(report)
}

/// The document of `record`, once there is room for it on the way to the writer.
pub(super) fn queued(
    queue: &Arc<Queue>,
    fields: &Fields,
    record: Record,
    stamp: &FileStamp,
) -> QueuedDocument {
    // What the document holds: the body twice (exact and folded), the title twice,
    // the record's JSON and the keys.
    let bytes = 2 * record.body.len() + 2 * record.title.as_ref().map_or(0, String::len) + 2048;
    let ticket = queue.ticket(bytes);
    QueuedDocument {
        doc: document(fields, record, stamp),
        ticket,
    }
}

#[derive(Default)]
pub(super) struct Tally {
    pub(super) added: AtomicU64,
    pub(super) updated: AtomicU64,
    pub(super) removed: AtomicU64,
    pub(super) unchanged: AtomicU64,
    pub(super) files_parsed: AtomicU64,
    pub(super) files_unchanged: AtomicU64,
    pub(super) files_removed: AtomicU64,
    pub(super) files_reextracted: AtomicU64,
    pub(super) files_rechecked: AtomicU64,
    pub(super) docs_written: AtomicU64,
}
