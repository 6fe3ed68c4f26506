//! Printers: records and search results for a terminal, JSON, NDJSON or CSV.
//! Engines never print; these render what they return.

pub(crate) mod csv;
pub(crate) mod dupes;
pub(crate) mod graph;
pub(crate) mod json;
pub(crate) mod records;
pub(crate) mod terminal;
pub(crate) mod timeline;
