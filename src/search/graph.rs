//! Who is named with whom: the actor network behind `dossier graph`.
//!
//! Two actors are joined when one document names both; the edge's weight is the
//! number of such documents, with the first and last of their dates. A collector
//! reads each matching document's actors (term ordinals of the `actor` fast
//! column) and date, and counts pairs of ordinals per segment; ordinals are named
//! once per segment at the end, so no stored document is read.

use std::collections::HashMap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

use super::date::day_of;
use super::facets::names_of;

/// One actor of the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    pub name: String,
    /// `person` or `organization`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Matching documents that name it.
    pub documents: u64,
}

/// Two actors named in the same documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// Names of the two actors, in alphabetical order.
    pub source: String,
    pub target: String,
    /// Documents naming both.
    pub weight: u64,
    /// The earliest and latest dates of those documents (`YYYY-MM-DD`), when any
    /// is dated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
}

/// The network of the documents matching a query.
#[derive(Debug, Clone, Serialize)]
pub struct Graph {
    pub query: String,
    /// Matching documents.
    pub total: u64,
    /// Most documents first, then by name.
    pub nodes: Vec<Node>,
    /// Heaviest first, then by names.
    pub edges: Vec<Edge>,
}

/// What to keep of the network.
#[derive(Debug, Clone, Copy)]
pub struct Cut {
    /// Edges of at least this many documents.
    pub min_weight: u64,
    /// The actors in most documents, this many (0: all); edges between them.
    pub top: usize,
}

/// Per actor: documents; per pair: documents and dates.
#[derive(Debug, Default)]
pub struct Tally {
    nodes: HashMap<String, (bool, u64)>,
    edges: HashMap<(String, String), Pair>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Pair {
    weight: u64,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
}

impl Pair {
    fn add(&mut self, weight: u64, first: Option<NaiveDate>, last: Option<NaiveDate>) {
        self.weight += weight;
        self.first = match (self.first, first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last = match (self.last, last) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
}

/// Counts actors and pairs of actors over the matching documents.
pub struct CoMentions;

impl Collector for CoMentions {
    type Fruit = Tally;
    type Child = SegmentCoMentions;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCoMentions> {
        Ok(SegmentCoMentions {
            actors: reader.fast_fields().str("actor")?,
            persons: reader.fast_fields().str("person")?,
            dates: reader.fast_fields().date("date")?,
            ords: Vec::new(),
            nodes: FxHashMap::default(),
            edges: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut fruits = fruits.into_iter();
        let mut merged = fruits.next().unwrap_or_default();
        for fruit in fruits {
            for (name, (person, documents)) in fruit.nodes {
                let node = merged.nodes.entry(name).or_insert((person, 0));
                node.0 |= person;
                node.1 += documents;
            }
            for (pair, edge) in fruit.edges {
                merged
                    .edges
                    .entry(pair)
                    .or_default()
                    .add(edge.weight, edge.first, edge.last);
            }
        }
        Ok(merged)
    }
}

pub struct SegmentCoMentions {
    actors: Option<StrColumn>,
    persons: Option<StrColumn>,
    dates: Column<DateTime>,
    /// Scratch: one document's actor ordinals.
    ords: Vec<u64>,
    // Every pair of every matching document is counted here: a fast hash.
    nodes: FxHashMap<u64, u64>,
    edges: FxHashMap<(u64, u64), Pair>,
}

impl SegmentCollector for SegmentCoMentions {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(actors) = &self.actors else {
            return;
        };
        self.ords.clear();
        self.ords.extend(actors.term_ords(doc));
        self.ords.sort_unstable();
        self.ords.dedup();
        if self.ords.is_empty() {
            return;
        }
        let date = day_of(&self.dates, doc);
        for (i, &a) in self.ords.iter().enumerate() {
            *self.nodes.entry(a).or_insert(0) += 1;
            for &b in &self.ords[i + 1..] {
                self.edges.entry((a, b)).or_default().add(1, date, date);
            }
        }
    }

    fn harvest(self) -> Tally {
        let Some(actors) = &self.actors else {
            return Tally::default();
        };
        let mut ords: Vec<u64> = self.nodes.keys().copied().collect();
        ords.sort_unstable();
        let names = names_of(actors, &ords);
        let persons = self.persons.as_ref().map(every_value).unwrap_or_default();
        let mut tally = Tally::default();
        for (ord, documents) in &self.nodes {
            if let Some(name) = names.get(ord) {
                tally
                    .nodes
                    .insert(name.clone(), (persons.contains(name), *documents));
            }
        }
        for ((a, b), pair) in self.edges {
            let (Some(a), Some(b)) = (names.get(&a), names.get(&b)) else {
                continue;
            };
            // Keyed by names in order, as other segments key the same pair.
            let key = if a <= b {
                (a.clone(), b.clone())
            } else {
                (b.clone(), a.clone())
            };
            tally
                .edges
                .entry(key)
                .or_default()
                .add(pair.weight, pair.first, pair.last);
        }
        tally
    }
}

/// Every value of a segment's string column, in one pass over its dictionary.
fn every_value(column: &StrColumn) -> std::collections::HashSet<String> {
    let mut values = std::collections::HashSet::new();
    if let Ok(mut stream) = column.dictionary().stream() {
        while stream.advance() {
            values.insert(String::from_utf8_lossy(stream.key()).into_owned());
        }
    }
    values
}

/// The network of a tally, cut as asked.
pub fn network(query: &str, total: u64, tally: Tally, cut: Cut) -> Graph {
    let mut nodes: Vec<Node> = tally
        .nodes
        .into_iter()
        .map(|(name, (person, documents))| Node {
            name,
            kind: if person { "person" } else { "organization" },
            documents,
        })
        .collect();
    nodes.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.name.cmp(&b.name)));
    if cut.top > 0 {
        nodes.truncate(cut.top);
    }
    let kept: std::collections::HashSet<&str> = nodes.iter().map(|n| n.name.as_str()).collect();
    let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let mut edges: Vec<Edge> = tally
        .edges
        .into_iter()
        .filter(|((a, b), pair)| {
            pair.weight >= cut.min_weight.max(1)
                && kept.contains(a.as_str())
                && kept.contains(b.as_str())
        })
        .map(|((source, target), pair)| Edge {
            source,
            target,
            weight: pair.weight,
            first: day(pair.first),
            last: day(pair.last),
        })
        .collect();
    edges.sort_by(|a, b| {
        b.weight
            .cmp(&a.weight)
            .then_with(|| a.source.cmp(&b.source))
            .then_with(|| a.target.cmp(&b.target))
    });
    Graph {
        query: query.to_string(),
        total,
        nodes,
        edges,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn edges_keep_their_first_and_last_dates_and_cuts_apply() {
        let mut tally = Tally::default();
        for (name, person, documents) in [
            ("Ali Mamlouk", true, 5),
            ("CIA", false, 3),
            ("Asma", true, 1),
        ] {
            tally.nodes.insert(name.to_string(), (person, documents));
        }
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        let edge = tally.edges.entry(pair("Ali Mamlouk", "CIA")).or_default();
        edge.add(1, day("2010-02-01"), day("2010-02-01"));
        edge.add(1, None, None);
        edge.add(1, day("2009-05-03"), day("2009-05-03"));
        tally
            .edges
            .entry(pair("Ali Mamlouk", "Asma"))
            .or_default()
            .add(1, None, None);
        let graph = network(
            "*",
            6,
            tally,
            Cut {
                min_weight: 2,
                top: 0,
            },
        );
        assert_eq!(graph.nodes[0].name, "Ali Mamlouk");
        assert_eq!(graph.nodes[1].kind, "organization");
        assert_eq!(graph.edges.len(), 1, "the edge of one document is cut");
        let edge = &graph.edges[0];
        assert_eq!(
            (edge.weight, edge.first.as_deref(), edge.last.as_deref()),
            (3, Some("2009-05-03"), Some("2010-02-01"))
        );
    }
}
