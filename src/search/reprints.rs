//! Reprints and near-duplicates: the documents whose bodies are nearly the same text,
//! found through the LSH bands of their MinHash signatures (`index::signature`).
//!
//! A document's copies are the documents sharing one of its bands (found by a scan
//! of the band column) whose signatures agree from [`SAME`] up. Groups (`dossier dupes`) join copies transitively: a
//! story reprinted twice, once trimmed at the top and once at the bottom, is one
//! group even when the two reprints are less alike than either is to the original.

use std::collections::HashMap;

use anyhow::Result;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{BytesColumn, Column};
use tantivy::query::Query;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::hit::load_record;
use crate::index::signature::{Signature, SAME};
use crate::index::Fields;
use crate::record::Record;

/// One document of a group of copies, as printers show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Copy {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
}

impl Copy {
    /// Oldest first, then by id, then by path (one id in two files).
    pub fn order(a: &Copy, b: &Copy) -> std::cmp::Ordering {
        (&a.date, &a.id, &a.path).cmp(&(&b.date, &b.id, &b.path))
    }

    pub fn of(record: &Record) -> Copy {
        Copy {
            id: record.id.clone(),
            path: record.path.clone(),
            title: record.title.clone(),
            date: record.date.clone(),
            outlet: record.outlet.clone(),
        }
    }
}

/// Reads signatures and bands of documents, a segment's columns opened once.
pub struct Signatures<'a> {
    searcher: &'a Searcher,
    fields: Fields,
    columns: HashMap<u32, (Option<BytesColumn>, Column<u64>)>,
}

impl<'a> Signatures<'a> {
    pub fn new(searcher: &'a Searcher, fields: Fields) -> Signatures<'a> {
        Signatures {
            searcher,
            fields,
            columns: HashMap::new(),
        }
    }

    fn columns(&mut self, segment: u32) -> Result<&(Option<BytesColumn>, Column<u64>)> {
        if !self.columns.contains_key(&segment) {
            let reader = self.searcher.segment_reader(segment);
            let fast = reader.fast_fields();
            let opened = (fast.bytes("signature")?, fast.u64("reprint_band")?);
            self.columns.insert(segment, opened);
        }
        Ok(&self.columns[&segment])
    }

    /// The signature of a document; `None` when its body was too short for one.
    pub fn signature(&mut self, address: DocAddress) -> Result<Option<Signature>> {
        let (bytes, _) = self.columns(address.segment_ord)?;
        let Some(bytes) = bytes else {
            return Ok(None);
        };
        let Some(ord) = bytes.term_ords(address.doc_id).next() else {
            return Ok(None);
        };
        let mut buffer = Vec::new();
        bytes.ord_to_bytes(ord, &mut buffer)?;
        Ok(Signature::from_bytes(&buffer))
    }

    /// The copies of each document of `addresses` (itself left out), most alike
    /// first, found in one scan of every live document's bands.
    pub fn copies_of_each(
        &mut self,
        addresses: &[DocAddress],
    ) -> Result<HashMap<DocAddress, Vec<DocAddress>>> {
        let mut wanted: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut signatures = Vec::with_capacity(addresses.len());
        for (k, address) in addresses.iter().enumerate() {
            let signature = self.signature(*address)?;
            for band in signature.iter().flat_map(Signature::bands) {
                wanted.entry(band).or_default().push(k);
            }
            signatures.push(signature);
        }
        let mut candidates: Vec<Vec<DocAddress>> = vec![Vec::new(); addresses.len()];
        if !wanted.is_empty() {
            for (segment, reader) in self.searcher.segment_readers().iter().enumerate() {
                let bands = reader.fast_fields().u64("reprint_band")?;
                let alive = reader.alive_bitset();
                for doc in 0..reader.max_doc() {
                    if alive.is_some_and(|a| !a.is_alive(doc)) {
                        continue;
                    }
                    for band in bands.values_for_doc(doc) {
                        for &k in wanted.get(&band).into_iter().flatten() {
                            candidates[k].push(DocAddress::new(segment as u32, doc));
                        }
                    }
                }
            }
        }
        let mut copies = HashMap::with_capacity(addresses.len());
        for ((address, signature), mut found) in addresses.iter().zip(&signatures).zip(candidates) {
            found.sort_unstable();
            found.dedup();
            let mut alike = Vec::new();
            if let Some(signature) = signature {
                for candidate in found.into_iter().filter(|c| c != address) {
                    if let Some(other) = self.signature(candidate)? {
                        let similarity = signature.similarity(&other);
                        if similarity >= SAME {
                            alike.push((similarity, candidate));
                        }
                    }
                }
            }
            alike.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            copies.insert(*address, alike.into_iter().map(|(_, a)| a).collect());
        }
        Ok(copies)
    }

    /// The copies of a document, read for printing, oldest first.
    pub fn copies(&mut self, address: DocAddress) -> Result<Vec<Copy>> {
        let found = self
            .copies_of_each(&[address])?
            .remove(&address)
            .unwrap_or_default();
        self.read(found)
    }

    /// The documents at these addresses as printers show copies, oldest first.
    pub fn read(&self, addresses: Vec<DocAddress>) -> Result<Vec<Copy>> {
        let mut copies = Vec::with_capacity(addresses.len());
        for address in addresses {
            copies.push(Copy::of(&load_record(
                self.searcher,
                &self.fields,
                address,
            )?));
        }
        copies.sort_by(Copy::order);
        Ok(copies)
    }

    /// The groups of copies among the documents matching `query`, largest first,
    /// each oldest first: what `dossier dupes` reports.
    pub fn groups(&mut self, query: &dyn Query) -> Result<Vec<Vec<Copy>>> {
        let mut banded = self.searcher.search(query, &Bands)?;
        banded.sort_unstable();
        let addresses: Vec<DocAddress> = {
            let mut all: Vec<DocAddress> = banded.iter().map(|b| b.1).collect();
            all.sort_unstable();
            all.dedup();
            all
        };
        let index_of: HashMap<DocAddress, usize> =
            addresses.iter().enumerate().map(|(i, a)| (*a, i)).collect();
        let mut parent: Vec<usize> = (0..addresses.len()).collect();
        let mut signatures: HashMap<DocAddress, Option<Signature>> = HashMap::new();
        // Within a run of one band, each document is compared with the run's first
        // and, failing that, with the one before it: a band many documents share
        // (a boilerplate body) costs its length, not its square.
        for run in banded.chunk_by(|a, b| a.0 == b.0) {
            for (k, &(_, address)) in run.iter().enumerate().skip(1) {
                for other in [run[0].1, run[k - 1].1] {
                    let (a, b) = (index_of[&address], index_of[&other]);
                    if find(&mut parent, a) == find(&mut parent, b) {
                        break;
                    }
                    if self.alike(&mut signatures, address, other)? {
                        union(&mut parent, a, b);
                        break;
                    }
                }
            }
        }
        let mut members: HashMap<usize, Vec<DocAddress>> = HashMap::new();
        for (i, address) in addresses.iter().enumerate() {
            let root = find(&mut parent, i);
            members.entry(root).or_default().push(*address);
        }
        let mut groups = Vec::new();
        for addresses in members.into_values().filter(|m| m.len() > 1) {
            groups.push(self.read(addresses)?);
        }
        groups.sort_by(|a, b| {
            b.len()
                .cmp(&a.len())
                .then_with(|| Copy::order(&a[0], &b[0]))
        });
        Ok(groups)
    }

    fn alike(
        &mut self,
        cache: &mut HashMap<DocAddress, Option<Signature>>,
        a: DocAddress,
        b: DocAddress,
    ) -> Result<bool> {
        for address in [a, b] {
            if let std::collections::hash_map::Entry::Vacant(entry) = cache.entry(address) {
                entry.insert(self.signature(address)?);
            }
        }
        Ok(match (&cache[&a], &cache[&b]) {
            (Some(x), Some(y)) => x.similarity(y) >= SAME,
            _ => false,
        })
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    parent[a.max(b)] = a.min(b);
}

/// Every (band, document) of the matching documents.
struct Bands;

impl Collector for Bands {
    type Fruit = Vec<(u64, DocAddress)>;
    type Child = SegmentBands;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentBands> {
        Ok(SegmentBands {
            segment,
            bands: reader.fast_fields().u64("reprint_band")?,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u64, DocAddress)>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.concat())
    }
}

struct SegmentBands {
    segment: SegmentOrdinal,
    bands: Column<u64>,
    found: Vec<(u64, DocAddress)>,
}

impl SegmentCollector for SegmentBands {
    type Fruit = Vec<(u64, DocAddress)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let address = DocAddress::new(self.segment, doc);
        self.found
            .extend(self.bands.values_for_doc(doc).map(|band| (band, address)));
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}
