//! `dossier check`: is the index whole? Pointer, format, Tantivy checksums, and the
//! manifest against the documents.

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use super::manifest::{self, Payload};
use super::open::{self, GENERATION_PREFIX};

/// What `check` found; `problems` empty means the index is sound.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    pub generation: String,
    pub docs: u64,
    pub files: u64,
    pub segments: usize,
    /// Leftovers of interrupted runs, removed by the next `dossier index`.
    pub leftovers: Vec<String>,
    pub problems: Vec<String>,
}

/// Checks the index at `dir`. Errors only when there is no index to check.
pub fn check(dir: &Path) -> Result<CheckReport> {
    let (meta, generation) = open::live_generation(dir)?;
    let mut report = CheckReport {
        generation: meta.generation.clone(),
        ..CheckReport::default()
    };
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(GENERATION_PREFIX) && name != meta.generation {
                report.leftovers.push(name);
            }
        }
    }
    let opened = match open::open_searchable(dir) {
        Ok(opened) => opened,
        Err(e) => {
            report
                .problems
                .push(format!("cannot open {}: {e:#}", generation.display()));
            return Ok(report);
        }
    };
    match opened.index.validate_checksum() {
        Ok(damaged) => {
            for path in damaged {
                report
                    .problems
                    .push(format!("checksum mismatch in {}", path.display()));
            }
        }
        Err(e) => report
            .problems
            .push(format!("cannot verify checksums: {e}")),
    }
    let searcher = opened.reader.searcher();
    report.docs = searcher.num_docs();
    report.segments = searcher.segment_readers().len();
    match manifest::load(&searcher) {
        Ok(manifest) => {
            report.files = manifest.len() as u64;
            let in_manifest: u64 = manifest.values().map(|e| e.ids.len() as u64).sum();
            if in_manifest != report.docs {
                report.problems.push(format!(
                    "{} documents but the manifest accounts for {in_manifest}",
                    report.docs
                ));
            }
        }
        Err(e) => report
            .problems
            .push(format!("cannot read the manifest: {e:#}")),
    }
    match Payload::load(&opened.index) {
        Ok(payload) if payload.docs != report.docs && !payload.dossier.is_empty() => {
            report.problems.push(format!(
                "the last commit recorded {} documents, the index holds {}",
                payload.docs, report.docs
            ));
        }
        Ok(_) => {}
        Err(e) => report
            .problems
            .push(format!("cannot read the commit payload: {e:#}")),
    }
    Ok(report)
}
