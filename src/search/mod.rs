//! Search: the query front-end, filters, facet counts, snippets and hits.
//!
//! The engine returns data and never prints; `output` renders it.

pub mod date;
pub mod error;
mod lex;
pub mod plan;
pub mod query;
pub mod resolve;
pub mod snippet;
