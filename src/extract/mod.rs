//! Extraction: fields of a record from a document's text.

pub mod normalize;
