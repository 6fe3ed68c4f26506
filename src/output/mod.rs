//! Printers: records and search results for a terminal, JSON, NDJSON or CSV.
//! Engines never print; these render what they return.

pub mod csv;
pub mod dupes;
pub mod graph;
pub mod json;
pub mod records;
pub mod terminal;
pub mod timeline;
