//! The Tantivy index: schema and analysers, opening (version check, read-only),
//! incremental crash-safe writing, and verification.

pub(crate) mod analyzers;
mod build;
pub mod check;
pub(crate) mod facet;
mod generation;
pub(crate) mod manifest;
pub mod open;
pub(crate) mod queue;
pub(crate) mod recheck;
pub(crate) mod records;
pub(crate) mod resident;
pub(crate) mod schema;
pub(crate) mod signature;
pub(crate) mod writer;

pub use analyzers::register_analyzers;
pub use open::{open_searchable, Opened};
pub use schema::{document, Fields, FileStamp};
pub use writer::{index, FailedFile, IndexError, IndexOptions, IndexReport, Observer, Silent};
