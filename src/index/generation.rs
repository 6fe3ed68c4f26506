//! The generation a run writes to: the index directory's lock, a fresh generation
//! (a rebuild, or no index yet) or the live one with the manifest of its last
//! commit, the writer's set-up, the commit with its payload and a fresh build's
//! merge into one segment, and the swap of `dossier.json` that makes a fresh
//! generation live. `index` and `index --records` both write through it.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use fs4::fs_std::FileExt;
use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::{Index, ReloadPolicy};

use super::manifest::{self, Manifest, Payload};
use super::open::{self, Meta, GENERATION_PREFIX, LOCK_FILE, META_FILE};
use super::resident::PageTrimmer;
use super::schema::{self, Fields};
use super::writer::{IndexError, IndexOptions, IndexWriter, Observer, MIN_MB_PER_THREAD};

/// The generation a run writes to, opened under the directory's lock, with what the
/// last commit holds: what `index` and `index --records` share.
pub(super) struct Target {
    _lock: File,
    dir: PathBuf,
    live: Option<Meta>,
    /// A new generation (a rebuild, or no index yet), swapped in when complete.
    pub(super) fresh: bool,
    generation: String,
    pub(super) gen_dir: PathBuf,
    pub(super) index: Index,
    pub(super) fields: Fields,
    /// The manifest and payload of the last commit (empty when fresh).
    pub(super) old: Manifest,
    pub(super) old_payload: Payload,
    pub(super) opstamp: u64,
}

impl Target {
    pub(super) fn open(options: &IndexOptions) -> Result<Target> {
        let dir = &options.dir;
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the index directory {}", dir.display()))?;
        let lock = lock(dir)?;
        let live = open::read_meta(dir)?;
        if let (Some(meta), false) = (&live, options.rebuild) {
            open::check_format(dir, meta)?;
        }
        clean_leftovers(dir, live.as_ref());
        let fresh = options.rebuild || live.is_none();
        let generation = match (&live, fresh) {
            (Some(meta), false) => meta.generation.clone(),
            _ => new_generation_name(),
        };
        let gen_dir = dir.join(&generation);
        let index = open_or_create(&gen_dir, fresh)?;
        let fields = Fields::new(&index.schema())?;
        let (old, old_payload, opstamp) = if fresh {
            (Manifest::new(), Payload::default(), 0)
        } else {
            let searcher = index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()
                .context("cannot read the index")?
                .searcher();
            let old = manifest::load(&searcher).context("cannot read the index manifest")?;
            let metas = index
                .load_metas()
                .context("cannot read the index's meta.json")?;
            (old, Payload::of(&metas), metas.opstamp)
        };
        Ok(Target {
            _lock: lock,
            dir: dir.clone(),
            live,
            fresh,
            generation,
            gen_dir,
            index,
            fields,
            old,
            old_payload,
            opstamp,
        })
    }

    /// Commits (merging a fresh build), makes a fresh generation live and removes the
    /// one it replaces; returns the commit's opstamp and the documents now indexed.
    pub(super) fn finish(
        &self,
        writer: IndexWriter,
        payload: &Payload,
        observer: &dyn Observer,
    ) -> Result<(u64, u64)> {
        let opstamp = commit(
            writer,
            &self.index,
            &self.gen_dir,
            payload,
            self.fresh,
            observer,
        )?;
        if self.fresh {
            open::write_meta(&self.dir, &Meta::new(self.generation.clone()))?;
            if let Some(old_meta) = &self.live {
                // Searches that already opened the old generation keep their mapped files.
                open::remove_generation(&self.dir.join(&old_meta.generation));
            }
        }
        let docs = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map(|r: tantivy::IndexReader| r.searcher().num_docs())
            .unwrap_or(0);
        Ok((opstamp, docs))
    }
}

/// Takes the index directory's writer lock without waiting. `flock` is released by
/// the kernel when the process ends, however it ends, so a crash leaves no stale lock.
fn lock(dir: &Path) -> Result<File> {
    let path = dir.join(LOCK_FILE);
    let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
    match file.try_lock_exclusive() {
        Ok(true) => Ok(file),
        Ok(false) => Err(IndexError::Busy(dir.to_path_buf()).into()),
        Err(e) => Err(e).with_context(|| format!("cannot lock {}", path.display())),
    }
}

/// Removes what interrupted runs left: generations that are not live, and a
/// half-written pointer. Failures are ignored: the next run tries again.
fn clean_leftovers(dir: &Path, live: Option<&Meta>) {
    let _ = std::fs::remove_file(dir.join(format!(".{META_FILE}.tmp")));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_live = live.is_some_and(|m| m.generation == name);
        if name.starts_with(GENERATION_PREFIX) && !is_live {
            open::remove_generation(&entry.path());
        }
    }
}

fn new_generation_name() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{GENERATION_PREFIX}{nanos:x}-{}", std::process::id())
}

fn open_or_create(gen_dir: &Path, fresh: bool) -> Result<Index> {
    let index = if fresh {
        std::fs::create_dir_all(gen_dir)
            .with_context(|| format!("cannot create {}", gen_dir.display()))?;
        Index::create_in_dir(gen_dir, schema::schema())
            .with_context(|| format!("cannot create an index in {}", gen_dir.display()))?
    } else {
        Index::open_in_dir(gen_dir).with_context(|| {
            format!(
                "cannot open the index in {}; run `dossier check` to see what is wrong, \
                 or `dossier index --rebuild PATH` to rebuild it",
                gen_dir.display()
            )
        })?
    };
    super::register_analyzers(&index);
    Ok(index)
}

/// Tantivy's writer gets half of `--memory` (at least 15 MB per thread): its arenas
/// are the part of the run that grows with the budget. A sixteenth goes to documents
/// on their way to it, and the rest to what does not: parser threads, the analysers'
/// term caches, the segment being written. With the writer given all of it, a
/// 100k-document build peaked at twice the budget.
fn writer_mb(memory_mb: usize) -> usize {
    (memory_mb / 2).max(MIN_MB_PER_THREAD)
}

/// A fresh build merges nothing while it indexes: its segments are merged once, into
/// one, after the commit (see [`commit`]); merging them level by level on the way
/// rewrote every posting twice more. Incremental runs keep a merge policy that
/// reclaims the deleted documents their updates leave behind.
pub(super) fn new_writer(
    index: &Index,
    options: &IndexOptions,
    fresh: bool,
) -> Result<IndexWriter> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let memory_mb = writer_mb(options.memory_mb);
    let threads = options
        .jobs
        .unwrap_or(cores)
        .clamp(1, 8)
        .min(memory_mb / MIN_MB_PER_THREAD);
    let writer: IndexWriter = index
        .writer_with_num_threads(threads, memory_mb << 20)
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => {
                anyhow::anyhow!("another process is writing to this index; wait for it to finish")
            }
            other => anyhow::Error::new(other).context("cannot start the index writer"),
        })?;
    if fresh {
        writer.set_merge_policy(Box::new(NoMergePolicy));
    } else {
        let mut policy = LogMergePolicy::default();
        // Updates leave deleted documents behind; merge them away sooner than the default.
        policy.set_del_docs_ratio_before_merge(0.2);
        writer.set_merge_policy(Box::new(policy));
    }
    Ok(writer)
}

/// Commits with the manifest payload, then lets merges finish; returns the commit's
/// opstamp, which merges keep. A fresh build is then
/// merged into one segment: a search pays per segment (opening its files, term
/// statistics, naming facet values), and a fresh build is when merging costs least
/// (no deletes, nothing else running); incremental runs leave merging to the policy.
pub(super) fn commit(
    mut writer: IndexWriter,
    index: &Index,
    gen_dir: &Path,
    payload: &Payload,
    merge_all: bool,
    observer: &dyn Observer,
) -> Result<u64> {
    let context = "cannot commit the index (is the disk full?); the previous commit is intact";
    let mut prepared = writer.prepare_commit().context(context)?;
    prepared.set_payload(&serde_json::to_string(payload).context("cannot encode payload")?);
    let opstamp = prepared.commit().context(context)?;
    if merge_all {
        observer.merging();
        // The merge reads every page of every segment; none of them is needed after.
        let _trimmer = PageTrimmer::start(gen_dir);
        let segments = index
            .searchable_segment_ids()
            .context("cannot list the segments to merge")?;
        if segments.len() > 1 {
            writer
                .merge(&segments)
                .wait()
                .context("merging segments failed; the commit is intact")?;
        }
    }
    writer
        .wait_merging_threads()
        .context("merging segments failed; the commit is intact")?;
    Ok(opstamp)
}
