//! Which cables a cable cites and which indexed cables cite it: the two lists of
//! `dossier show`, read from the `cites` field (`cable.refs` of every record).

use anyhow::Result;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use super::hit::load_record;
use crate::index::Fields;
use crate::record::Record;

/// A cable at one end of a citation, with what the index knows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Reference id, `09DAMASCUS192`.
    pub id: String,
    /// The cable's subject, when it is indexed and has one.
    pub title: Option<String>,
    pub date: Option<String>,
    /// Whether the cable is in the index (a cited cable often is not).
    pub indexed: bool,
}

impl Citation {
    fn of(record: &Record) -> Citation {
        Citation {
            id: record.id.clone(),
            title: record.title.clone(),
            date: record.date.clone(),
            indexed: true,
        }
    }
}

/// What `record` cites, in its REF block's order, and the indexed cables that cite
/// it, oldest first.
pub fn citations(
    searcher: &Searcher,
    fields: &Fields,
    record: &Record,
) -> Result<(Vec<Citation>, Vec<Citation>)> {
    let mut cites = Vec::new();
    for id in record.cable.iter().flat_map(|c| &c.refs) {
        let query = TermQuery::new(
            Term::from_field_text(fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        cites.push(match top.first() {
            Some((_, address)) => Citation::of(&load_record(searcher, fields, *address)?),
            None => Citation {
                id: id.clone(),
                title: None,
                date: None,
                indexed: false,
            },
        });
    }
    let query = TermQuery::new(
        Term::from_field_text(fields.cites, &record.id),
        IndexRecordOption::Basic,
    );
    let mut addresses: Vec<DocAddress> = searcher
        .search(&query, &DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort();
    let mut cited_by = Vec::with_capacity(addresses.len());
    for address in addresses {
        cited_by.push(Citation::of(&load_record(searcher, fields, address)?));
    }
    cited_by.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    cited_by.dedup_by(|a, b| a.id == b.id);
    Ok((cites, cited_by))
}
