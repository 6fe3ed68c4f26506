//! dossier: a search engine for investigative document collections.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`ingest`] finds files under the given roots, decodes their bytes (BOMs,
//!    UTF-16, Windows-1252, gzip) and recognises the format by content — a web page
//!    saved as text or HTML, a cable in any of the layouts it circulates in, the
//!    Cablegate CSV dump, JSON/JSON Lines, front-matter text — yielding drafts.
//! 2. [`extract`] turns a draft into a [`Record`]: date, outlet, classification,
//!    actors with transliteration-folded canonical names, places.
//! 3. [`index`] writes records into a Tantivy index, incrementally and crash-safely.
//! 4. [`search`] answers faceted queries with highlighted snippets.
//! 5. [`output`] renders records and hits for a terminal, JSON, NDJSON or CSV;
//!    [`serve`] renders them as web pages and serves the JSON over HTTP.
//!
//! Domain knowledge (outlets, aliases, places, posts, TAGS) lives in `schema/` and is
//! loaded as a [`Catalog`]; classification levels and caveats, which every cable
//! layout and the search filters share, are [`marking`].

pub mod catalog;
pub mod cli;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod marking;
pub(crate) mod output;
pub mod record;
pub(crate) mod sanitize;
pub mod search;
pub(crate) mod serve;

pub use catalog::Catalog;
pub use record::{Actor, ActorType, CableFields, Kind, Record};
