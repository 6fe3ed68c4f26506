//! A search hit: the stored record of a matching document and its snippets.

use anyhow::{Context, Result};
use serde::Serialize;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::reprints::Copy;
use super::snippet::Snippet;
use crate::index::Fields;
use crate::record::Record;

/// One matching document as printers show it.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub path: String,
    /// BM25 relevance; `null` when sorted by date (no score is computed then).
    pub score: Option<f32>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub classification: String,
    pub kind: String,
    /// Canonical names of the actors, people and organizations alike.
    pub actors: Vec<String>,
    pub snippets: Vec<Snippet>,
    /// With `--collapse`: the documents whose bodies are nearly this one's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copies: Option<Vec<Copy>>,
    /// Everything else of the record, for printers that want more (not in JSON).
    #[serde(skip)]
    pub record: Record,
}

impl Hit {
    pub fn new(record: Record, score: Option<f32>, snippets: Vec<Snippet>) -> Hit {
        Hit {
            id: record.id.clone(),
            path: record.path.clone(),
            score,
            title: record.title.clone(),
            date: record.date.clone(),
            outlet: record.outlet.clone(),
            classification: record.classification.clone(),
            kind: record.kind.as_str().to_string(),
            actors: record.actors.iter().map(|a| a.name.clone()).collect(),
            snippets,
            copies: None,
            record,
        }
    }
}

/// The stored record of a document, body included.
pub fn load_record(searcher: &Searcher, fields: &Fields, address: DocAddress) -> Result<Record> {
    let doc: TantivyDocument = searcher
        .doc(address)
        .context("cannot read a stored document; `dossier check` says what is wrong")?;
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let json = text(fields.record);
    let mut record: Record = serde_json::from_str(&json)
        .with_context(|| format!("the stored record of {} is damaged", text(fields.path)))?;
    record.body = text(fields.body);
    Ok(record)
}
