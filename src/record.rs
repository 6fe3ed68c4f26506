//! The record types: `Record`, which crosses from extraction to the index and
//! printers, and `Draft`, what a format reader hands to extraction.
//!
//! Parsers never see Tantivy and the index never sees HTML: everything a document
//! yields is expressed here, in the field vocabulary of the README's "Record" (the
//! twin of the project's design document).

use serde::{Deserialize, Serialize};

use crate::marking::{Level, Marking};

/// What a document is. Cables carry the `cable` block; everything else is an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Cable,
    #[default]
    Article,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Cable => "cable",
            Kind::Article => "article",
        }
    }
}

/// Whether an actor is a person or an organization; places are kept apart entirely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    Person,
    Organization,
}

impl ActorType {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorType::Person => "person",
            ActorType::Organization => "organization",
        }
    }
}

/// One person or organization named in a document, under its canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Canonical name: the facet value, the same string in every document.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ActorType,
    /// How many times the document names this actor, in any spelling.
    pub mentions: u32,
    /// The spellings seen in this document, as written.
    pub variants: Vec<String>,
}

/// Fields only a diplomatic cable has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CableFields {
    /// Reference id, `10DAMASCUS159`.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// Release date (`YYYY-MM-DD`) when the publication states it.
    pub released: Option<String>,
    /// Originating post as the telegram writes it (`AMEMBASSY DAMASCUS`).
    pub origin: Option<String>,
    /// Date-time group, `241408Z FEB 10`.
    pub dtg: Option<String>,
    /// TAGS codes, upper case, in order.
    pub tags: Vec<String>,
    pub to: Vec<String>,
    pub info: Vec<String>,
    pub classified_by: Option<String>,
    pub signature: Option<String>,
    /// Reference ids of the telegrams the REF block cites, in order
    /// (`09DAMASCUS192`).
    #[serde(default)]
    pub refs: Vec<String>,
}

/// The fielded record of one document (or one record of a multi-record file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Record {
    pub id: String,
    pub path: String,
    pub kind: Kind,
    pub genre: Option<String>,
    pub title: Option<String>,
    /// `YYYY-MM-DD`, or `None` when the text does not state a date.
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub classification: String,
    pub caveats: Vec<String>,
    pub actors: Vec<Actor>,
    pub places: Vec<String>,
    pub authors: Vec<String>,
    /// Canonical URL of an article, when the document gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cable: Option<CableFields>,
    #[serde(default)]
    pub body: String,
}

impl Record {
    /// The record as `parse --json` prints it: everything but `body`.
    pub fn summary_json(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(map) = value.as_object_mut() {
            map.remove("body");
        }
        value
    }

    /// Year of the date, for the `year` facet.
    pub fn year(&self) -> Option<i32> {
        self.date.as_deref()?.get(0..4)?.parse().ok()
    }

    /// Canonical names of the actors of one type.
    pub fn actor_names(&self, kind: ActorType) -> impl Iterator<Item = &str> {
        self.actors
            .iter()
            .filter(move |a| a.kind == kind)
            .map(|a| a.name.as_str())
    }

    /// TAGS of a cable, empty for articles.
    pub fn tags(&self) -> &[String] {
        self.cable
            .as_ref()
            .map(|c| c.tags.as_slice())
            .unwrap_or(&[])
    }
}

/// What a format reader knows about a document before extraction.
///
/// Readers fill in what the format states explicitly (a JSON `date`, an HTML
/// `og:site_name`, a cable's TAGS); extractors infer the rest from the text and never
/// overwrite what was given.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Path relative to the indexed root; `#N` appended for multi-record files.
    pub path: String,
    /// Stable id when the document has one (a cable reference id).
    pub id: Option<String>,
    pub kind: Kind,
    pub genre: Option<String>,
    pub title: Option<String>,
    /// A date as the source states it, in any format `text::date` understands.
    pub date: Option<String>,
    /// An outlet named explicitly (JSON `source`, front matter, a cable's post).
    pub outlet: Option<String>,
    /// `og:site_name` or similar: an outlet name to be looked up in the catalog.
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub classification: Option<Level>,
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

impl Draft {
    /// Takes a whole marking the format states: its level, and its caveats after
    /// those already read.
    pub fn mark(&mut self, marking: Marking) {
        self.classification = Some(marking.level);
        for caveat in marking.caveats {
            if !self.caveats.contains(&caveat) {
                self.caveats.push(caveat);
            }
        }
    }
}

/// The id of a record whose format gives none: a hash of its path.
pub fn default_id(path: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(path.as_bytes()))
}
