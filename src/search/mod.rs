//! Search: the query front-end, filters, facet counts, snippets and hits.
//!
//! The engine returns data and never prints; `output` renders it.

pub(crate) mod citations;
pub(crate) mod date;
pub(crate) mod engine;
pub(crate) mod error;
pub(crate) mod facets;
pub(crate) mod filter;
pub(crate) mod graph;
pub(crate) mod hit;
mod id_order;
mod lex;
pub(crate) mod paging;
pub(crate) mod plan;
pub mod query;
pub(crate) mod reprints;
pub(crate) mod resolve;
pub(crate) mod snippet;
pub(crate) mod timeline;
mod views;

pub use engine::{Engine, Request, Response, Shown, Sort};
pub use filter::Filters;
