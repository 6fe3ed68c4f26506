//! Parsing: a file to records, composing [`ingest`](crate::ingest) (bytes to drafts)
//! with [`extract`](crate::extract) (drafts to records). It sits above both so that
//! neither imports the other.

use std::path::Path;

use crate::catalog::Catalog;
use crate::extract::Extractor;
use crate::ingest::{IngestError, Reader};
use crate::record::Record;

/// Parses files into records with the knowledge of one `Catalog`.
pub struct Parser {
    reader: Reader,
    extractor: Extractor,
}

impl Parser {
    pub fn new(catalog: &Catalog) -> anyhow::Result<Parser> {
        let extractor = Extractor::new(catalog)?;
        let reader = Reader::new(catalog.posts.clone(), extractor.signatures().clone());
        Ok(Parser { reader, extractor })
    }

    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    /// The reader alone: a file's drafts, before the catalog is applied to them.
    pub fn reader(&self) -> &Reader {
        &self.reader
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
        self.reader.read_file(path, rel_path, &mut |draft| {
            emit(self.extractor.complete(draft))
        })
    }

    /// As `parse_file`, from bytes already read.
    pub fn parse_bytes(
        &self,
        bytes: &[u8],
        rel_path: &str,
        emit: &mut dyn FnMut(Record),
    ) -> Result<usize, IngestError> {
        self.reader.read_bytes(bytes, rel_path, &mut |draft| {
            emit(self.extractor.complete(draft))
        })
    }
}
