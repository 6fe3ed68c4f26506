//! The manifest: which files the index holds, in what state, under which extraction.
//!
//! It lives in the index itself so that it can never disagree with the documents:
//! every document carries its file's source, size, mtime, content hash and extraction
//! version as fast fields, and the commit payload records the files that yielded no
//! records (which have no document to carry them) plus totals for `dossier check`.
//!
//! A file touched without a change keeps its documents, and with them the stat they
//! were stamped with; its new stat goes to a [`StatCache`] beside the index, so that
//! the next run does not hash it again. The cache names the commit it belongs to and
//! is ignored by any other: at worst a file is hashed once more, never trusted wrongly.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use tantivy::columnar::StrColumn;
use tantivy::{Index, IndexMeta, Searcher};

/// What the index knows about one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub size: u64,
    pub mtime: u64,
    pub hash: u64,
    pub extraction: String,
    /// Record ids of the file's documents; empty for a file without records.
    #[serde(skip)]
    pub ids: Vec<String>,
}

/// The commit payload, JSON.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Payload {
    pub dossier: String,
    pub extraction: String,
    pub docs: u64,
    /// Files that parsed into no records, by source.
    #[serde(default)]
    pub empty: BTreeMap<String, FileEntry>,
    /// `actors.toml` as `extraction` read it: the next run compares it with its own
    /// to find the documents an edit can change (`index::recheck`).
    #[serde(default)]
    pub actors: Option<String>,
    /// `recheck::others_version` of `extraction`.
    #[serde(default)]
    pub others: Option<String>,
    /// Older extraction versions whose documents were tested against every edit of
    /// `actors.toml` since, and found unchanged by them: as current as `extraction`.
    #[serde(default)]
    pub current: Vec<String>,
}

impl Payload {
    /// The payload of the last commit; default for a new index or a foreign one.
    pub fn load(index: &Index) -> Result<Payload> {
        let metas = index
            .load_metas()
            .context("cannot read the index's meta.json")?;
        Ok(Payload::of(&metas))
    }

    /// The payload of a commit's metas.
    pub fn of(metas: &IndexMeta) -> Payload {
        metas
            .payload
            .as_deref()
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_default()
    }
}

/// source → entry, for every file with documents in the committed index.
pub type Manifest = HashMap<String, FileEntry>;

/// Reads the manifest from the fast fields of the committed documents: each
/// dictionary is read once, in order (looking terms up one ordinal at a time
/// decompressed a block per document and made a no-change run 6% of a full build).
pub fn load(searcher: &Searcher) -> Result<Manifest> {
    let mut manifest = Manifest::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let str_column = |name: &str| -> Result<_> {
            fast.str(name)?
                .with_context(|| format!("index has no fast field {name}: rebuild it"))
        };
        let sources = str_column("source")?;
        let ids = str_column("id")?;
        let extractions = str_column("extraction")?;
        let (source_terms, id_terms, extraction_terms) =
            (terms(&sources)?, terms(&ids)?, terms(&extractions)?);
        let term = |terms: &[String], ord: Option<u64>| -> String {
            ord.and_then(|o| terms.get(o as usize))
                .cloned()
                .unwrap_or_default()
        };
        let sizes = fast.u64("size")?;
        let mtimes = fast.u64("mtime")?;
        let hashes = fast.u64("content_hash")?;
        for doc in segment.doc_ids_alive() {
            let Some(source) = sources
                .term_ords(doc)
                .next()
                .and_then(|o| source_terms.get(o as usize))
            else {
                continue;
            };
            let id = term(&id_terms, ids.term_ords(doc).next());
            let entry = manifest.entry(source.clone()).or_insert_with(|| FileEntry {
                size: sizes.first(doc).unwrap_or(0),
                mtime: mtimes.first(doc).unwrap_or(0),
                hash: hashes.first(doc).unwrap_or(0),
                // An unreadable extraction reads as stale, which re-extracts.
                extraction: term(&extraction_terms, extractions.term_ords(doc).next()),
                ids: Vec::new(),
            });
            entry.ids.push(id);
        }
    }
    Ok(manifest)
}

/// Every term of a string column, by ordinal.
fn terms(column: &StrColumn) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(column.num_terms());
    let mut stream = column
        .dictionary()
        .stream()
        .context("cannot read a term dictionary of the manifest")?;
    while stream.advance() {
        out.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(out)
}

/// The current stat (size, mtime) of files whose documents carry an older one,
/// valid for one commit of the index.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct StatCache {
    pub opstamp: u64,
    pub stats: BTreeMap<String, (u64, u64)>,
}

impl StatCache {
    /// The file of the cache inside a generation directory.
    pub const FILE: &'static str = "dossier-stat.json";

    /// The cache of commit `opstamp`; empty when it is missing, unreadable or of
    /// another commit.
    pub fn load(gen_dir: &Path, opstamp: u64) -> BTreeMap<String, (u64, u64)> {
        std::fs::read(gen_dir.join(Self::FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<StatCache>(&bytes).ok())
            .filter(|cache| cache.opstamp == opstamp)
            .map(|cache| cache.stats)
            .unwrap_or_default()
    }

    /// Writes the cache of commit `opstamp` (replacing the old one atomically), or
    /// removes it when there is nothing to remember.
    pub fn save(gen_dir: &Path, opstamp: u64, stats: BTreeMap<String, (u64, u64)>) -> Result<()> {
        let path = gen_dir.join(Self::FILE);
        if stats.is_empty() {
            return match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(e).with_context(|| format!("cannot remove {}", path.display()))
                }
                _ => Ok(()),
            };
        }
        let text = serde_json::to_vec(&StatCache { opstamp, stats })?;
        super::open::replace_file(gen_dir, Self::FILE, &text)
    }
}
