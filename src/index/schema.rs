//! The index schema: the fields of `schema/fields.toml`, the `Fields` handle that
//! names each of them, and the mapping from a `Record` to a Tantivy document.
//!
//! The code is the authority on how a kind of field is indexed; `fields.toml` is
//! the reviewed list of fields, and a test keeps the two in step.

use std::borrow::Cow;
use std::collections::HashSet;

use anyhow::{Context, Result};
use serde::Deserialize;
use tantivy::schema::{
    BytesOptions, DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, STORED,
};
use tantivy::{DateTime, TantivyDocument};

use super::analyzers;
use super::facet::FACETS;
use super::signature::Signature;
use crate::catalog::Catalog;
use crate::extract::EXTRACTION_VERSION;
use crate::record::{ActorType, Record};

/// Bumped when the meaning of a field or the analysers change in a way the field
/// list does not show; the field list itself is hashed into the format too.
pub const FORMAT_VERSION: u32 = 1;

/// How a field is indexed; see the header of `schema/fields.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Key,
    Facet,
    Text,
    Folded,
    Date,
    U64,
    Column,
    Bytes,
    Stored,
}

/// Every field, in the order of `fields.toml`.
pub const FIELDS: [(&str, FieldKind); 28] = [
    ("id", FieldKind::Key),
    ("source", FieldKind::Key),
    ("file", FieldKind::Key),
    ("path", FieldKind::Key),
    ("content_hash", FieldKind::U64),
    ("size", FieldKind::U64),
    ("mtime", FieldKind::U64),
    ("extraction", FieldKind::Key),
    ("kind", FieldKind::Facet),
    ("genre", FieldKind::Facet),
    ("outlet", FieldKind::Facet),
    ("classification", FieldKind::Facet),
    ("caveat", FieldKind::Facet),
    ("person", FieldKind::Facet),
    ("organization", FieldKind::Facet),
    ("actor", FieldKind::Facet),
    ("place", FieldKind::Facet),
    ("tag", FieldKind::Facet),
    ("year", FieldKind::Facet),
    ("cites", FieldKind::Facet),
    ("title", FieldKind::Text),
    ("body", FieldKind::Text),
    ("title_folded", FieldKind::Folded),
    ("body_folded", FieldKind::Folded),
    ("date", FieldKind::Date),
    ("reprint_band", FieldKind::Column),
    ("signature", FieldKind::Bytes),
    ("record", FieldKind::Stored),
];

/// The Tantivy schema of a dossier index.
pub fn schema() -> Schema {
    let mut builder = Schema::builder();
    for (name, kind) in FIELDS {
        match kind {
            FieldKind::Key | FieldKind::Facet => {
                let indexing = TextFieldIndexing::default()
                    .set_tokenizer("raw")
                    .set_index_option(IndexRecordOption::Basic)
                    .set_fieldnorms(false);
                let mut options = TextOptions::default()
                    .set_indexing_options(indexing)
                    .set_fast("raw");
                // Facet values are in the stored `record`: storing each of them again
                // (every actor three times) was a third of the document store.
                if kind == FieldKind::Key {
                    options = options.set_stored();
                }
                builder.add_text_field(name, options);
            }
            FieldKind::Text | FieldKind::Folded => {
                let tokenizer = if kind == FieldKind::Text {
                    analyzers::TEXT
                } else {
                    analyzers::FOLDED
                };
                let indexing = TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions);
                let mut options = TextOptions::default().set_indexing_options(indexing);
                if kind == FieldKind::Text {
                    options = options.set_stored();
                }
                builder.add_text_field(name, options);
            }
            FieldKind::Date => {
                let options = DateOptions::default()
                    .set_indexed()
                    .set_fast()
                    .set_precision(DateTimePrecision::Seconds);
                builder.add_date_field(name, options);
            }
            FieldKind::U64 => {
                let options = NumericOptions::default().set_indexed().set_fast();
                builder.add_u64_field(name, options);
            }
            FieldKind::Column => {
                builder.add_u64_field(name, NumericOptions::default().set_fast());
            }
            FieldKind::Bytes => {
                builder.add_bytes_field(name, BytesOptions::default().set_fast());
            }
            FieldKind::Stored => {
                builder.add_text_field(name, STORED);
            }
        }
    }
    builder.build()
}

/// A hash of the field list and `FORMAT_VERSION`: an index whose stored format
/// differs was built by an incompatible version.
pub fn format_id() -> String {
    let mut text = format!("v{FORMAT_VERSION}");
    for (name, kind) in FIELDS {
        text.push_str(&format!(";{name}:{kind:?}"));
    }
    format!(
        "{FORMAT_VERSION}-{:016x}",
        xxhash_rust::xxh3::xxh3_64(text.as_bytes())
    )
}

/// What produced a record: the crate version, the extraction rules' own version
/// ([`EXTRACTION_VERSION`], bumped with every rule change between releases) and the
/// schema files. A document whose `extraction` differs from the current one is stale
/// and is extracted again.
pub fn extraction_version(catalog: &Catalog) -> String {
    format!(
        "{}+x{}+{:016x}",
        env!("CARGO_PKG_VERSION"),
        EXTRACTION_VERSION,
        catalog.fingerprint()
    )
}

/// Each field of the schema by name, so that no one looks fields up by string at
/// query time.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub source: Field,
    pub file: Field,
    pub path: Field,
    pub content_hash: Field,
    pub size: Field,
    pub mtime: Field,
    pub extraction: Field,
    pub kind: Field,
    pub genre: Field,
    pub outlet: Field,
    pub classification: Field,
    pub caveat: Field,
    pub person: Field,
    pub organization: Field,
    pub actor: Field,
    pub place: Field,
    pub tag: Field,
    pub year: Field,
    pub cites: Field,
    pub title: Field,
    pub body: Field,
    pub title_folded: Field,
    pub body_folded: Field,
    pub date: Field,
    pub reprint_band: Field,
    pub signature: Field,
    pub record: Field,
    /// The fields of [`FACETS`], in its order.
    facets: [Field; FACETS.len()],
}

impl Fields {
    /// Resolves every field in `schema`; fails on an index of another format.
    pub fn new(schema: &Schema) -> Result<Fields> {
        let f = |name: &str| {
            schema.get_field(name).with_context(|| {
                format!("index has no field {name:?}: it was built by an incompatible version")
            })
        };
        Ok(Fields {
            id: f("id")?,
            source: f("source")?,
            file: f("file")?,
            path: f("path")?,
            content_hash: f("content_hash")?,
            size: f("size")?,
            mtime: f("mtime")?,
            extraction: f("extraction")?,
            kind: f("kind")?,
            genre: f("genre")?,
            outlet: f("outlet")?,
            classification: f("classification")?,
            caveat: f("caveat")?,
            person: f("person")?,
            organization: f("organization")?,
            actor: f("actor")?,
            place: f("place")?,
            tag: f("tag")?,
            year: f("year")?,
            cites: f("cites")?,
            title: f("title")?,
            body: f("body")?,
            title_folded: f("title_folded")?,
            body_folded: f("body_folded")?,
            date: f("date")?,
            reprint_band: f("reprint_band")?,
            signature: f("signature")?,
            record: f("record")?,
            facets: {
                let mut facets = [f("id")?; FACETS.len()];
                for (slot, facet) in facets.iter_mut().zip(&FACETS) {
                    *slot = f(facet.name)?;
                }
                facets
            },
        })
    }

    /// The facet field of that name (`"outlet"`, `"actor"`, ...), if it is one.
    pub fn facet(&self, name: &str) -> Option<Field> {
        let at = FACETS.iter().position(|f| f.name == name)?;
        Some(self.facets[at])
    }
}

/// Where a record's file was, and its state when it was read: the manifest entry
/// stored with every document of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    /// Absolute path of the file: the key that deletes all records of a file.
    pub source: String,
    /// Path relative to the indexed root, without `#N`.
    pub file: String,
    pub size: u64,
    /// Nanoseconds since the epoch.
    pub mtime: u64,
    /// xxh3 of the bytes.
    pub hash: u64,
    /// `extraction_version` of the catalog that produced the records.
    pub extraction: String,
}

/// `YYYY-MM-DD` as a Tantivy date at midnight UTC; `None` if it is not a real day.
pub fn day(date: &str) -> Option<DateTime> {
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    Some(tantivy_date(day))
}

/// A day at midnight UTC as Tantivy stores dates: the one conversion the index
/// and the search's date filters share.
pub fn tantivy_date(day: chrono::NaiveDate) -> DateTime {
    let secs = day
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp());
    DateTime::from_timestamp_secs(secs)
}

/// The Tantivy document of one record of a file.
/// The body as the folded fields read it. Those fields hold the skeletons of names,
/// and a name is a capitalised word; in a line of capitals every word is one, and
/// `CORE` would find `Cairo`. There, and in acronyms anywhere, only the words of the
/// record's actors and places stay in capitals: the others are put in lower case,
/// which the folded analyser leaves out. Only ASCII letters change, so every byte
/// stays in place.
fn names_in_capitals<'a>(body: &'a str, record: &Record) -> Cow<'a, str> {
    let shouted = |line: &str| {
        line.bytes().filter(u8::is_ascii_uppercase).count() >= 8
            && !line.bytes().any(|b| b.is_ascii_lowercase())
    };
    // An acronym in mixed case (`ANA`, `ANS`) is no transliterated name either.
    let acronym = |word: &str| word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase());
    // One pass; the copy and the record's names are made at the first word to change.
    let mut out = Cow::Borrowed(body);
    let mut names: Option<HashSet<String>> = None;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let shouting = shouted(line);
        let mut start = None;
        for (i, c) in line
            .char_indices()
            .chain(std::iter::once((line.len(), ' ')))
        {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    start = None;
                    let word = &line[s..i];
                    if !(shouting || acronym(word)) {
                        continue;
                    }
                    let names = names.get_or_insert_with(|| record_names(record));
                    if !names.contains(word) {
                        out.to_mut()[at + s..at + i].make_ascii_lowercase();
                    }
                }
                _ => {}
            }
        }
        at += line.len();
    }
    out
}

/// The words of a record's actors (every spelling) and places, in capitals.
fn record_names(record: &Record) -> HashSet<String> {
    record
        .actors
        .iter()
        .flat_map(|a| a.variants.iter().chain(std::iter::once(&a.name)))
        .chain(&record.places)
        .flat_map(|name| name.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect()
}

pub fn document(fields: &Fields, mut record: Record, stamp: &FileStamp) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &record.id);
    doc.add_text(fields.source, &stamp.source);
    doc.add_text(fields.file, &stamp.file);
    doc.add_text(fields.path, &record.path);
    doc.add_u64(fields.content_hash, stamp.hash);
    doc.add_u64(fields.size, stamp.size);
    doc.add_u64(fields.mtime, stamp.mtime);
    doc.add_text(fields.extraction, &stamp.extraction);

    doc.add_text(fields.kind, record.kind.as_str());
    let optional = [
        (fields.genre, &record.genre),
        (fields.outlet, &record.outlet),
    ];
    for (field, value) in optional {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            doc.add_text(field, value);
        }
    }
    if !record.classification.is_empty() {
        doc.add_text(fields.classification, &record.classification);
    }
    for caveat in &record.caveats {
        doc.add_text(fields.caveat, caveat);
    }
    for name in record.actor_names(ActorType::Person) {
        doc.add_text(fields.person, name);
    }
    for name in record.actor_names(ActorType::Organization) {
        doc.add_text(fields.organization, name);
    }
    for actor in &record.actors {
        doc.add_text(fields.actor, &actor.name);
    }
    for place in &record.places {
        doc.add_text(fields.place, place);
    }
    for tag in record.tags() {
        doc.add_text(fields.tag, tag);
    }
    if let Some(year) = record.year() {
        doc.add_text(fields.year, year.to_string());
    }
    for cited in record.cable.iter().flat_map(|c| &c.refs) {
        doc.add_text(fields.cites, cited);
    }

    if let Some(title) = record.title.as_deref() {
        doc.add_text(fields.title, title);
        doc.add_text(fields.title_folded, title);
    }
    if let Some(date) = record.date.as_deref().and_then(day) {
        doc.add_date(fields.date, date);
    }
    // The body has a stored field of its own; the record is stored without it
    // (`load_record` puts it back), serialized directly rather than through a tree.
    let body = std::mem::take(&mut record.body);
    if let Some(signature) = Signature::of(&body) {
        for band in signature.bands() {
            doc.add_u64(fields.reprint_band, band);
        }
        doc.add_bytes(fields.signature, &signature.to_bytes());
    }
    doc.add_text(fields.body, &body);
    doc.add_text(
        fields.body_folded,
        names_in_capitals(&body, &record).as_ref(),
    );
    doc.add_text(
        fields.record,
        serde_json::to_string(&record).unwrap_or_default(),
    );
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct FieldsFile {
        field: Vec<FieldEntry>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct FieldEntry {
        name: String,
        kind: FieldKind,
    }

    /// The fields declared by a `fields.toml` text, in order.
    pub fn declared_fields(fields_toml: &str) -> Result<Vec<(String, FieldKind)>> {
        let file: FieldsFile =
            toml::from_str(fields_toml).context("schema file fields.toml is not valid")?;
        Ok(file.field.into_iter().map(|f| (f.name, f.kind)).collect())
    }

    #[test]
    fn fields_toml_declares_exactly_the_fields_of_the_code() {
        // The embedded text, not `Catalog::builtin`, so that another schema file
        // being edited does not fail this test.
        let (_, text) = crate::catalog::SCHEMA_FILES
            .iter()
            .find(|(name, _)| *name == "fields.toml")
            .expect("fields.toml is embedded");
        let declared = declared_fields(text).expect("fields.toml parses");
        let code: Vec<(String, FieldKind)> =
            FIELDS.iter().map(|(n, k)| (n.to_string(), *k)).collect();
        assert_eq!(declared, code);
        Fields::new(&schema()).expect("every field resolves");
        for facet in FACETS {
            assert!(
                FIELDS.contains(&(facet.name, FieldKind::Facet)),
                "{}",
                facet.name
            );
        }
    }

    #[test]
    fn days_are_midnight_utc() {
        let date = day("2010-02-24").expect("valid day");
        assert_eq!(date.into_timestamp_secs(), 1_266_969_600);
        assert!(day("2010-02-30").is_none());
    }
}
