//! Search: the query front-end, filters, facet counts, snippets and hits.
//!
//! The engine returns data and never prints; `output` renders it.

pub mod citations;
pub mod date;
pub mod engine;
pub mod error;
pub mod facets;
pub mod filter;
pub mod graph;
pub mod hit;
mod lex;
pub mod paging;
pub mod plan;
pub mod query;
pub mod reprints;
pub mod resolve;
pub mod snippet;
pub mod timeline;

pub use engine::{Engine, Request, Response, Shown, Sort};
pub use filter::Filters;
