//! Exact facet counts over every matching document, read from the fast columns.
//!
//! Tantivy's terms aggregation caps buckets and its `FacetCollector` wants facet
//! paths; facets here are plain strings, so one collector counts term ordinals per
//! segment and names them once at the end: no cap, no per-document string work.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::column_index::MultiValueIndex;
use tantivy::columnar::{Cardinality, Column, ColumnIndex, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// One value of a facet and how many matching documents have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
}

/// Counts the values of several string fast fields over the matching documents.
pub struct FacetCounts {
    pub fields: Vec<String>,
}

impl Collector for FacetCounts {
    type Fruit = Vec<HashMap<String, u64>>;
    type Child = SegmentFacetCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounts> {
        let mut columns = Vec::with_capacity(self.fields.len());
        for name in &self.fields {
            // A field no document of this segment has: its slot stays, empty, so
            // that fruits line up with `fields`.
            columns.push(reader.fast_fields().str(name)?.map(|column| {
                let terms = column.num_terms();
                // Only a multi-valued facet can repeat a value within a document.
                let repeats = column.ords().get_cardinality() == Cardinality::Multivalued;
                FacetColumn {
                    column,
                    counts: vec![0; terms],
                    last: if repeats { vec![0; terms] } else { Vec::new() },
                }
            }));
        }
        Ok(SegmentFacetCounts {
            columns,
            block: Vec::with_capacity(BLOCK),
            docs: Vec::new(),
            rows: Vec::new(),
            ords: Vec::new(),
            span: Span::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<HashMap<String, u64>>>,
    ) -> tantivy::Result<Vec<HashMap<String, u64>>> {
        let mut fruits = fruits.into_iter();
        // One segment (a fresh build is merged into one): its counts are the totals.
        let Some(mut merged) = fruits.next() else {
            return Ok(vec![HashMap::new(); self.fields.len()]);
        };
        for fruit in fruits {
            for (total, counts) in merged.iter_mut().zip(fruit) {
                add_counts(total, counts);
            }
        }
        Ok(merged)
    }
}

/// Matching documents are counted in blocks of this many.
const BLOCK: usize = 1024;

/// Counts one segment. Documents arrive one by one and are counted a block at a
/// time: the batched column reads cost a fraction of one lookup per document and
/// facet, which was most of a search matching half the corpus.
pub struct SegmentFacetCounts {
    columns: Vec<Option<FacetColumn>>,
    block: Vec<DocId>,
    /// Scratch for a block: each value's document and row, then its ordinal.
    docs: Vec<DocId>,
    rows: Vec<u32>,
    ords: Vec<u64>,
    span: Span,
}

/// Scratch of [`count_span`].
#[derive(Default)]
struct Span {
    docs: Vec<DocId>,
    ranks: Vec<u32>,
    starts: Vec<u32>,
    values: Vec<u64>,
}

/// Counts a block of a multi-valued facet by decoding, in bulk, every value of the
/// documents the block spans, when they are few enough (a dense block: most
/// documents of the span match). Per-value random reads of the column were most of a
/// search matching half the corpus. Returns false, having counted nothing, when the
/// block is too sparse for it to pay.
fn count_span(
    (counts, marks): (&mut Vec<u32>, &mut Vec<u32>),
    column: &Column<u64>,
    index: &MultiValueIndex,
    block: &[DocId],
    span: &mut Span,
) -> bool {
    // Each matching document's rank in the start-offset column.
    let (docs, ranks, starts_column): (&[DocId], &[u32], _) = match index {
        MultiValueIndex::MultiValueIndexV1(v1) => (block, block, &v1.start_index_column),
        MultiValueIndex::MultiValueIndexV2(v2) => {
            span.docs.clear();
            span.ranks.clear();
            v2.optional_index
                .rank_if_exists_batch(block, &mut span.docs, &mut span.ranks);
            (&span.docs, &span.ranks, &v2.start_index_column)
        }
    };
    let (Some(&first), Some(&last)) = (ranks.first(), ranks.last()) else {
        return true; // no matching document has a value
    };
    let width = (last - first) as usize + 2;
    if width > 2 * ranks.len() + 64 || last + 1 >= starts_column.num_vals() {
        return false;
    }
    span.starts.resize(width, 0);
    starts_column.get_range(u64::from(first), &mut span.starts);
    let (low, high) = (span.starts[0], span.starts[width - 1]);
    if high < low || u64::from(high) > u64::from(column.values.num_vals()) {
        return false;
    }
    span.values.resize((high - low) as usize, 0);
    column.values.get_range(u64::from(low), &mut span.values);
    for (&doc, &rank) in docs.iter().zip(ranks) {
        let at = (rank - first) as usize;
        // Offsets are ascending by construction; a damaged column counts nothing
        // rather than panicking.
        let start = span.starts[at].saturating_sub(low);
        let end = span.starts[at + 1].saturating_sub(low);
        let mark = doc + 1;
        for &ord in span
            .values
            .get(start as usize..end as usize)
            .unwrap_or_default()
        {
            let ord = ord as usize;
            if let (Some(count), Some(seen)) = (counts.get_mut(ord), marks.get_mut(ord)) {
                if *seen != mark {
                    *seen = mark;
                    *count += 1;
                }
            }
        }
    }
    true
}

impl SegmentFacetCounts {
    fn count_block(&mut self) {
        for facet in self.columns.iter_mut().flatten() {
            let column = facet.column.ords();
            let cardinality = column.get_cardinality();
            if let ColumnIndex::Multivalued(index) = &column.index {
                let tally = (&mut facet.counts, &mut facet.last);
                if count_span(tally, column, index, &self.block, &mut self.span) {
                    continue;
                }
            }
            // Every document has one value: its row is its id.
            let rows: &[u32] = if cardinality == Cardinality::Full {
                &self.block
            } else {
                self.docs.clear();
                self.rows.clear();
                column.row_ids_for_docs(&self.block, &mut self.docs, &mut self.rows);
                &self.rows
            };
            // Grown, never cleared: `get_vals` overwrites what it reads into.
            if self.ords.len() < rows.len() {
                self.ords.resize(rows.len(), 0);
            }
            let ords = &mut self.ords[..rows.len()];
            column.values.get_vals(rows, ords);
            if cardinality != Cardinality::Multivalued {
                // One value per document at most: nothing to count twice.
                for &ord in ords.iter() {
                    if let Some(count) = facet.counts.get_mut(ord as usize) {
                        *count += 1;
                    }
                }
                continue;
            }
            for (&doc, &ord) in self.docs.iter().zip(ords.iter()) {
                let mark = doc + 1;
                let ord = ord as usize;
                if let (Some(count), Some(last)) =
                    (facet.counts.get_mut(ord), facet.last.get_mut(ord))
                {
                    if *last != mark {
                        *last = mark;
                        *count += 1;
                    }
                }
            }
        }
        self.block.clear();
    }
}

/// One facet's column in one segment and its counts by term ordinal.
struct FacetColumn {
    column: StrColumn,
    counts: Vec<u32>,
    /// The document (plus one) that last counted each ordinal: a value repeated in
    /// one document counts once, without sorting the document's values.
    last: Vec<u32>,
}

impl SegmentCollector for SegmentFacetCounts {
    type Fruit = Vec<HashMap<String, u64>>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.block.push(doc);
        if self.block.len() == BLOCK {
            self.count_block();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.collect(doc, 0.0);
        }
    }

    /// Names the counted ordinals in one ordered pass over each dictionary: every
    /// sstable block is decompressed once, not once per value (on a 100k-document
    /// index, per-ordinal lookups made facets 90% of a search).
    fn harvest(mut self) -> Vec<HashMap<String, u64>> {
        self.count_block();
        let mut out = Vec::with_capacity(self.columns.len());
        for facet in self.columns {
            let Some(FacetColumn { column, counts, .. }) = facet else {
                out.push(HashMap::new());
                continue;
            };
            let ords: Vec<u64> = (0..counts.len() as u64)
                .filter(|&ord| counts[ord as usize] > 0)
                .collect();
            let named = names_of(&column, &ords)
                .into_iter()
                .map(|(ord, name)| (name, u64::from(counts[ord as usize])))
                .collect();
            out.push(named);
        }
        out
    }
}

/// Values by decreasing count, then alphabetically; `limit` 0 keeps them all.
pub fn ranked(counts: HashMap<String, u64>, limit: usize) -> Vec<FacetValue> {
    let mut values: Vec<FacetValue> = counts
        .into_iter()
        .map(|(value, count)| FacetValue { value, count })
        .collect();
    values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    if limit > 0 {
        values.truncate(limit);
    }
    values
}

/// The values of `ords` (sorted) in a string column, named in one ordered pass over
/// its dictionary: every sstable block is decompressed once, not once per ordinal
/// (per-ordinal lookups made facets 90% of a search on a 100k index). A dictionary
/// that cannot be read names nothing.
pub(crate) fn names_of(column: &StrColumn, ords: &[u64]) -> HashMap<u64, String> {
    let mut named = HashMap::with_capacity(ords.len());
    let mut next = ords.iter();
    let _ = column.dictionary().sorted_ords_to_term_cb(ords, |bytes| {
        if let Some(&ord) = next.next() {
            named.insert(ord, String::from_utf8_lossy(bytes).into_owned());
        }
    });
    named
}

/// Adds one segment's counts to the totals: how every collector of counts here
/// merges its segments.
pub(crate) fn add_counts<K: Eq + std::hash::Hash>(
    total: &mut HashMap<K, u64>,
    counts: HashMap<K, u64>,
) {
    for (key, count) in counts {
        *total.entry(key).or_insert(0) += count;
    }
}
