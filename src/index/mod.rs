//! The Tantivy index: schema and analysers, opening (version check, read-only),
//! incremental crash-safe writing, and verification.

pub mod analyzers;
mod build;
pub mod check;
pub mod facet;
pub mod manifest;
pub mod open;
pub mod queue;
pub mod recheck;
pub mod records;
pub mod resident;
pub mod schema;
pub mod signature;
pub mod writer;

pub use analyzers::register_analyzers;
pub use open::{open_searchable, Opened};
pub use schema::{document, Fields, FileStamp};
pub use writer::{index, FailedFile, IndexError, IndexOptions, IndexReport, Observer, Silent};
