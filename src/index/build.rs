//! The per-file work of a run: what to do with each file walked, decided by a pure
//! function of what is known of it, and doing it (keep its documents, replace the
//! records an `actors.toml` edit may change, or parse it and upsert its records).
//! Generations, locking and the commit are `generation`'s.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tantivy::query::{BooleanQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::manifest::{FileEntry, Manifest};
use super::queue::{Queue, QueuedDocument};
use super::recheck::Recheck;
use super::schema::{Fields, FileStamp};
use super::writer::{queued, FailedFile, IndexWriter, Observer, Tally};
use crate::ingest::walk::FoundFile;
use crate::parse::Parser;
use crate::record::Record;

/// How a file's indexed documents stand against this run's extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Extraction {
    /// Extracted by this version with this catalog.
    Current,
    /// Extracted by this version before an `actors.toml` edit: only the records
    /// the edit can change need extracting again.
    Edited,
    /// Extracted by another version or catalog: every record is redone.
    Stale,
}

/// What is known of a file the last commit indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Last {
    pub(super) extraction: Extraction,
    /// Its size and modification time are those it had when last seen unchanged.
    pub(super) same_stat: bool,
    /// Whether its bytes hash as they did: `None` until hashed.
    pub(super) same_hash: Option<bool>,
}

/// What to do with one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Action {
    /// New, or its bytes changed: parse it and replace its documents.
    Parse,
    /// Same bytes, stale extraction: parse it again (counted as re-extracted).
    Reextract,
    /// Same bytes, current extraction: its documents stay as they are.
    Keep,
    /// Same bytes under an `actors.toml` edit: replace only the records the edit
    /// may change (the whole file when that cannot be done record by record).
    Refresh,
    /// Its stat changed: hash its bytes, then decide again.
    Hash,
}

/// The decision for a file, from what the last commit says of it (`None`: it was
/// not indexed). Stat first, then the hash, so an untouched file is never read; a
/// stale extraction needs no comparison at all.
pub(super) fn decide(last: Option<&Last>) -> Action {
    let Some(last) = last else {
        return Action::Parse;
    };
    if last.extraction == Extraction::Stale {
        return Action::Reextract;
    }
    let same_bytes = match (last.same_stat, last.same_hash) {
        (true, _) => true,
        (false, None) => return Action::Hash,
        (false, Some(same)) => same,
    };
    match (same_bytes, last.extraction) {
        (false, _) => Action::Parse,
        (true, Extraction::Edited) => Action::Refresh,
        (true, _) => Action::Keep,
    }
}

/// Shared state of one run's per-file work.
pub(super) struct Run<'a> {
    pub(super) fields: &'a Fields,
    pub(super) writer: &'a IndexWriter,
    pub(super) queue: Arc<Queue>,
    pub(super) parser: &'a Parser,
    pub(super) extraction: &'a str,
    pub(super) old: &'a Manifest,
    pub(super) old_empty: &'a BTreeMap<String, FileEntry>,
    /// The stat files had when last seen unchanged, where it is not their
    /// documents' (see [`StatCache`]).
    pub(super) old_stats: &'a BTreeMap<String, (u64, u64)>,
    pub(super) stop: &'a AtomicBool,
    pub(super) observer: &'a dyn Observer,
    pub(super) tally: Tally,
    pub(super) empty: Mutex<BTreeMap<String, FileEntry>>,
    pub(super) recheck: &'a Recheck,
    /// Extraction versions of the files kept as they were.
    pub(super) kept: Mutex<HashSet<String>>,
    /// The new [`StatCache`]: unchanged files whose stat is not their documents'.
    pub(super) touched: Mutex<BTreeMap<String, (u64, u64)>>,
    pub(super) failed: Mutex<Vec<FailedFile>>,
}

impl Run<'_> {
    fn queued(&self, record: Record, stamp: &FileStamp) -> QueuedDocument {
        queued(&self.queue, self.fields, record, stamp)
    }

    pub(super) fn file(&self, file: &FoundFile) {
        if self.stop.load(Ordering::Relaxed) {
            return;
        }
        if let Err(error) = self.try_file(file) {
            self.fail(file, error);
        }
        self.observer.file_done();
    }

    fn fail(&self, file: &FoundFile, error: String) {
        // A file that fails now loses its old documents: the index holds what the
        // folder holds, and the next run tries the file again.
        if let Some(old) = self.old.get(file.source()) {
            self.writer
                .delete_term(Term::from_field_text(self.fields.source, file.source()));
            self.tally
                .removed
                .fetch_add(old.ids.len() as u64, Ordering::Relaxed);
        }
        let mut failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
        failed.push(FailedFile {
            path: file.rel().to_string(),
            error,
        });
    }

    fn try_file(&self, file: &FoundFile) -> Result<(), String> {
        let old = self
            .old
            .get(file.source())
            .or_else(|| self.old_empty.get(file.source()));
        let mut last = old.map(|old| Last {
            extraction: if self.recheck.is_current(&old.extraction) {
                Extraction::Current
            } else if self.recheck.is_edited(&old.extraction) {
                Extraction::Edited
            } else {
                Extraction::Stale
            },
            same_stat: {
                let stat = (file.size, file.mtime);
                (old.size, old.mtime) == stat || self.old_stats.get(file.source()) == Some(&stat)
            },
            same_hash: None,
        });
        let mut hash = None;
        let action = loop {
            match decide(last.as_ref()) {
                Action::Hash => {
                    // `decide` asks for a hash only of a file indexed before.
                    let (Some(last), Some(old)) = (last.as_mut(), old) else {
                        break Action::Parse;
                    };
                    let bytes = hash_file(file.path())?;
                    hash = Some(bytes);
                    last.same_hash = Some(bytes == old.hash);
                }
                action => break action,
            }
        };
        match (action, old) {
            (Action::Keep, Some(old)) => {
                self.keep(file, old);
                return Ok(());
            }
            (Action::Refresh, Some(old)) => {
                if let Some(done) = self.refresh_records(file, old, hash) {
                    return done;
                }
                // Not record by record: the whole file is extracted again.
                self.tally.files_reextracted.fetch_add(1, Ordering::Relaxed);
            }
            (Action::Reextract, _) => {
                self.tally.files_reextracted.fetch_add(1, Ordering::Relaxed);
            }
            _ => {}
        }
        let hash = match hash {
            Some(hash) => hash,
            None => hash_file(file.path())?,
        };
        self.parse(file, hash, old.map(|o| o.ids.as_slice()).unwrap_or(&[]))
    }

    /// A file whose bytes did not change, under an `actors.toml` edit: it is read
    /// once, and only the records the edit can change are extracted, each replaced by
    /// source and id; one row naming an actor must not re-extract a dump of 250,000
    /// cables. `None` when that cannot be done record by record (ids not unique in
    /// the file, not the records it had, unreadable): the file is extracted whole.
    fn refresh_records(
        &self,
        file: &FoundFile,
        old: &FileEntry,
        hash: Option<u64>,
    ) -> Option<Result<(), String>> {
        let ids: HashSet<&str> = old.ids.iter().map(String::as_str).collect();
        if ids.len() != old.ids.len() {
            return None;
        }
        let stamp = FileStamp {
            source: file.source().to_string(),
            file: file.rel().to_string(),
            size: old.size,
            mtime: old.mtime,
            hash: hash.unwrap_or(old.hash),
            extraction: self.extraction.to_string(),
        };
        let source = Term::from_field_text(self.fields.source, file.source());
        let (mut updated, mut error, mut foreign) = (0u64, None, false);
        let read = self
            .parser
            .reader()
            .read_file(file.path(), file.rel(), &mut |draft| {
                if error.is_some() || foreign || !self.recheck.may_change(&draft) {
                    return;
                }
                let record = self.parser.extractor().complete(draft);
                if !ids.contains(record.id.as_str()) {
                    // Its delete would miss the old record; the whole file is redone.
                    foreign = true;
                    return;
                }
                let this = BooleanQuery::intersection(vec![
                    Box::new(TermQuery::new(source.clone(), IndexRecordOption::Basic)),
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.id, &record.id),
                        IndexRecordOption::Basic,
                    )),
                ]);
                let result = self
                    .writer
                    .delete_query(Box::new(this))
                    .and_then(|_| self.writer.add_document(self.queued(record, &stamp)));
                match result {
                    Ok(_) => updated += 1,
                    Err(e) => error = Some(format!("cannot index: {e}")),
                }
            });
        if let Some(e) = error {
            return Some(Err(e));
        }
        match read {
            // Read whole: its other records are current as they are.
            Ok(records) if records == old.ids.len() && !foreign => {}
            // Whatever was replaced goes with the delete by source that follows.
            _ => return None,
        }
        if updated == 0 {
            self.tally.files_rechecked.fetch_add(1, Ordering::Relaxed);
        } else {
            self.tally.files_reextracted.fetch_add(1, Ordering::Relaxed);
        }
        self.keep(file, old);
        // `keep` counted every record unchanged; the replaced ones were updated.
        self.tally.unchanged.fetch_sub(updated, Ordering::Relaxed);
        self.tally.updated.fetch_add(updated, Ordering::Relaxed);
        self.tally
            .docs_written
            .fetch_add(updated, Ordering::Relaxed);
        Some(Ok(()))
    }

    /// An unchanged file: its documents stay as they are, and its current stat is
    /// remembered so that the next run need not hash it.
    fn keep(&self, file: &FoundFile, old: &FileEntry) {
        self.tally.files_unchanged.fetch_add(1, Ordering::Relaxed);
        if old.extraction != self.extraction {
            let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
            if !kept.contains(&old.extraction) {
                kept.insert(old.extraction.clone());
            }
        }
        self.tally
            .unchanged
            .fetch_add(old.ids.len() as u64, Ordering::Relaxed);
        if old.ids.is_empty() {
            // A file without documents is all in the payload, stat included.
            let entry = FileEntry {
                size: file.size,
                mtime: file.mtime,
                ..old.clone()
            };
            let mut empty = self.empty.lock().unwrap_or_else(|e| e.into_inner());
            empty.insert(file.source().to_string(), entry);
        } else if (old.size, old.mtime) != (file.size, file.mtime) {
            let mut touched = self.touched.lock().unwrap_or_else(|e| e.into_inner());
            touched.insert(file.source().to_string(), (file.size, file.mtime));
        }
    }

    /// Parses a new or changed file and upserts its records: the delete of its old
    /// documents comes first, so that it spares the documents added after it.
    fn parse(&self, file: &FoundFile, hash: u64, old_ids: &[String]) -> Result<(), String> {
        let stamp = FileStamp {
            source: file.source().to_string(),
            file: file.rel().to_string(),
            size: file.size,
            mtime: file.mtime,
            hash,
            extraction: self.extraction.to_string(),
        };
        // The manifest is read from the index's own documents, so a file it does not
        // list has none to delete: a fresh build queues no deletes at all.
        if self.old.contains_key(file.source()) {
            self.writer
                .delete_term(Term::from_field_text(self.fields.source, file.source()));
        }
        let old_ids: HashSet<&str> = old_ids.iter().map(String::as_str).collect();
        let mut new_ids: HashSet<String> = HashSet::new();
        let mut write_error = None;
        let mut written = 0;
        let parsed = self
            .parser
            .parse_file(file.path(), file.rel(), &mut |record| {
                if write_error.is_some() {
                    return;
                }
                let id = record.id.clone();
                if let Err(e) = self.writer.add_document(self.queued(record, &stamp)) {
                    write_error = Some(e.to_string());
                }
                written += 1;
                new_ids.insert(id);
            });
        if let Some(e) = write_error {
            return Err(format!("cannot index: {e}"));
        }
        parsed.map_err(|e| e.reason)?;
        self.tally.files_parsed.fetch_add(1, Ordering::Relaxed);
        self.tally
            .docs_written
            .fetch_add(written, Ordering::Relaxed);
        let updated = new_ids
            .iter()
            .filter(|id| old_ids.contains(id.as_str()))
            .count() as u64;
        let added = new_ids.len() as u64 - updated;
        let removed = old_ids.iter().filter(|id| !new_ids.contains(**id)).count() as u64;
        self.tally.added.fetch_add(added, Ordering::Relaxed);
        self.tally.updated.fetch_add(updated, Ordering::Relaxed);
        self.tally.removed.fetch_add(removed, Ordering::Relaxed);
        if new_ids.is_empty() {
            let mut empty = self.empty.lock().unwrap_or_else(|e| e.into_inner());
            empty.insert(
                file.source().to_string(),
                FileEntry {
                    size: stamp.size,
                    mtime: stamp.mtime,
                    hash,
                    extraction: stamp.extraction,
                    ids: Vec::new(),
                },
            );
        }
        Ok(())
    }
}

/// xxh3 of a file's bytes, streamed so that a huge file costs no memory.
fn hash_file(path: &Path) -> Result<u64, String> {
    use std::io::Read;
    let mut file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("cannot read: {e}")),
        }
    }
    Ok(hasher.digest())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every state a file indexed before can be in, and the one action each calls for.
    #[test]
    fn every_state_of_a_file_has_one_action() {
        use Action::*;
        use Extraction::*;
        assert_eq!(decide(None), Parse, "a new file");
        let cases = [
            // extraction, same stat, same hash → action
            (Current, true, None, Keep),
            (Current, true, Some(false), Keep), // the stat is trusted: never hashed
            (Current, false, None, Hash),
            (Current, false, Some(true), Keep), // touched, same bytes
            (Current, false, Some(false), Parse),
            (Edited, true, None, Refresh),
            (Edited, false, None, Hash),
            (Edited, false, Some(true), Refresh),
            (Edited, false, Some(false), Parse), // changed bytes: parsed whole anyway
            (Stale, true, None, Reextract),
            (Stale, false, None, Reextract), // no need to compare: redone either way
            (Stale, false, Some(false), Reextract),
        ];
        for (extraction, same_stat, same_hash, action) in cases {
            let last = Last {
                extraction,
                same_stat,
                same_hash,
            };
            assert_eq!(decide(Some(&last)), action, "{last:?}");
        }
    }

    /// Hashing always ends in a decision that needs no more hashing.
    #[test]
    fn a_hash_settles_the_decision() {
        for extraction in [Extraction::Current, Extraction::Edited, Extraction::Stale] {
            for same in [true, false] {
                let last = Last {
                    extraction,
                    same_stat: false,
                    same_hash: Some(same),
                };
                assert_ne!(decide(Some(&last)), Action::Hash);
            }
        }
    }
}
