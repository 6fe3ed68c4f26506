//! The Tantivy index: schema and analysers, opening (version check, read-only),
//! incremental crash-safe writing, and verification.

pub mod analyzers;
pub mod schema;

pub use analyzers::register_analyzers;
pub use schema::{document, Fields, FileStamp};
