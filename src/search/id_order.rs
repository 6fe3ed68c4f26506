//! The last sort key of every order: document ids ascending, so that equal scores or
//! dates come back in the same order from any build of the same documents.
//!
//! Tantivy's `SortByString` compares term ordinals within a segment and names every
//! document it keeps by its id, one dictionary lookup (a block decompressed) apiece:
//! a page 100,000 hits deep named 100,000 ids, two seconds at a million documents.
//! Within one segment the ordinals sort as the ids do, and a fresh build is merged
//! into one segment, so there the ordinals themselves are the key and no id is named;
//! across segments the ids are compared as `SortByString` compares them.

use std::cmp::Ordering;

use tantivy::collector::sort_key::Comparator;
use tantivy::collector::{SegmentSortKeyComputer, SortKeyComputer};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentReader};

/// Orders documents by id; see the module's comment.
#[derive(Debug, Clone, Copy)]
pub(super) struct IdOrder {
    /// The searcher has one segment: ordinals are comparable across all documents.
    one_segment: bool,
}

impl IdOrder {
    pub(super) fn new(segments: usize) -> IdOrder {
        IdOrder {
            one_segment: segments <= 1,
        }
    }
}

/// A document's place in id order: all keys of one search are of one kind.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum IdKey {
    Ordinal(Option<u64>),
    Id(Option<String>),
}

/// Smaller ids first, a document without one last. (A top-N collector keeps the
/// greatest keys, so the smaller id compares as the greater.)
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Ascending;

impl Comparator<Option<u64>> for Ascending {
    fn compare(&self, lhs: &Option<u64>, rhs: &Option<u64>) -> Ordering {
        ascending(lhs.as_ref(), rhs.as_ref())
    }
}

impl Comparator<IdKey> for Ascending {
    fn compare(&self, lhs: &IdKey, rhs: &IdKey) -> Ordering {
        match (lhs, rhs) {
            (IdKey::Ordinal(l), IdKey::Ordinal(r)) => ascending(l.as_ref(), r.as_ref()),
            (IdKey::Id(l), IdKey::Id(r)) => ascending(l.as_ref(), r.as_ref()),
            // Never within one search; any fixed answer keeps the order total.
            (IdKey::Ordinal(_), IdKey::Id(_)) => Ordering::Greater,
            (IdKey::Id(_), IdKey::Ordinal(_)) => Ordering::Less,
        }
    }
}

fn ascending<T: Ord>(lhs: Option<&T>, rhs: Option<&T>) -> Ordering {
    match (lhs, rhs) {
        (Some(l), Some(r)) => r.cmp(l),
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
    }
}

impl SortKeyComputer for IdOrder {
    type SortKey = IdKey;
    type Child = SegmentIdOrder;
    type Comparator = Ascending;

    fn segment_sort_key_computer(&self, reader: &SegmentReader) -> tantivy::Result<SegmentIdOrder> {
        Ok(SegmentIdOrder {
            column: reader.fast_fields().str("id")?,
            one_segment: self.one_segment,
        })
    }
}

pub(super) struct SegmentIdOrder {
    column: Option<StrColumn>,
    one_segment: bool,
}

impl SegmentSortKeyComputer for SegmentIdOrder {
    type SortKey = IdKey;
    type SegmentSortKey = Option<u64>;
    type SegmentComparator = Ascending;

    #[inline(always)]
    fn segment_sort_key(&mut self, doc: DocId, _score: Score) -> Option<u64> {
        self.column.as_ref()?.ords().first(doc)
    }

    fn convert_segment_sort_key(&self, ordinal: Option<u64>) -> IdKey {
        if self.one_segment {
            return IdKey::Ordinal(ordinal);
        }
        let id = ordinal.and_then(|ordinal| {
            let mut bytes = Vec::new();
            let column = self.column.as_ref()?;
            column.dictionary().ord_to_term(ordinal, &mut bytes).ok()?;
            String::from_utf8(bytes).ok()
        });
        IdKey::Id(id)
    }
}
