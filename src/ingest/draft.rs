//! `Draft`: what a format reader knows about a document before extraction.
//!
//! Readers fill in what the format states explicitly (a JSON `date`, an HTML
//! `og:site_name`, a cable's TAGS); extractors infer the rest from the text and never
//! overwrite what was given.

use crate::record::{CableFields, Kind};

#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Path relative to the indexed root; `#N` appended for multi-record files.
    pub path: String,
    /// Stable id when the document has one (a cable reference id).
    pub id: Option<String>,
    pub kind: Kind,
    pub genre: Option<String>,
    pub title: Option<String>,
    /// A date as the source states it, in any format `extract::date` understands.
    pub date: Option<String>,
    /// An outlet named explicitly (JSON `source`, front matter, a cable's post).
    pub outlet: Option<String>,
    /// `og:site_name` or similar: an outlet name to be looked up in the catalog.
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub classification: Option<String>,
    pub caveats: Vec<String>,
    pub cable: Option<CableFields>,
    /// Lines that are not the story but say something about it: page chrome,
    /// taglines, datelines, image credits, "Read also" links. Evidence for the
    /// outlet and date, kept out of `body`.
    pub chrome: Vec<String>,
    /// Text that names actors but is not body text: a cable's TO/INFO routing.
    pub addressees: Vec<String>,
    /// The readable text.
    pub body: String,
}
