//! Who is named with whom, and which cable cites which: the networks behind
//! `dossier graph` and `dossier graph --cables`.
//!
//! Two actors are joined when one document names both; the edge's weight is the
//! number of such documents, with the first and last of their dates. A collector
//! reads each matching document's actors (term ordinals of the `actor` fast
//! column) and date, and counts pairs of ordinals per segment; ordinals are named
//! once per segment at the end, so no stored document is read. The citation network
//! is read the same way from the `id` and `cites` columns: an edge runs from each
//! matching cable to each cable its REF block cites.

use std::collections::HashMap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

use super::date::day_of;
use super::facets::names_of;

/// What a node is. Where segments disagree the greater wins: an actor that is a
/// person anywhere is a person; a cable in the index is a cable wherever it is cited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Organization,
    Person,
    /// A cited cable that is not in the index.
    Cited,
    /// A cable in the index.
    Cable,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Organization => "organization",
            NodeKind::Person => "person",
            NodeKind::Cited => "cited",
            NodeKind::Cable => "cable",
        }
    }
}

/// One actor, or one cable, of the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    /// The actor's name; the cable's reference id.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: NodeKind,
    /// Matching documents that name the actor; matching cables that cite the cable.
    pub documents: u64,
}

/// Two actors named in the same documents, or a cable citing another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// Names of the two actors, in alphabetical order; the citing cable and the
    /// cited one.
    pub source: String,
    pub target: String,
    /// Documents naming both; matching documents of the citing id (1 unless a cable
    /// is indexed twice).
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
    /// Whether edges point from citing to cited cable (`--cables`), else they join
    /// two actors either way.
    pub directed: bool,
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

/// Per node: kind and documents; per edge: documents and dates.
#[derive(Debug, Default)]
pub struct Tally {
    nodes: HashMap<String, (NodeKind, u64)>,
    edges: HashMap<(String, String), Pair>,
}

impl Tally {
    fn add_node(&mut self, name: String, kind: NodeKind, documents: u64) {
        let node = self.nodes.entry(name).or_insert((kind, 0));
        node.0 = node.0.max(kind);
        node.1 += documents;
    }

    /// Marks the cited cables that `indexed` says the index holds.
    pub(crate) fn mark_indexed(&mut self, indexed: impl Fn(&str) -> bool) {
        for (id, (kind, _)) in &mut self.nodes {
            if *kind == NodeKind::Cited && indexed(id) {
                *kind = NodeKind::Cable;
            }
        }
    }

    /// Merges the tallies of segments.
    fn merged(fruits: Vec<Tally>) -> Tally {
        let mut fruits = fruits.into_iter();
        let mut merged = fruits.next().unwrap_or_default();
        for fruit in fruits {
            for (name, (kind, documents)) in fruit.nodes {
                merged.add_node(name, kind, documents);
            }
            for (pair, edge) in fruit.edges {
                merged
                    .edges
                    .entry(pair)
                    .or_default()
                    .add(edge.weight, edge.first, edge.last);
            }
        }
        merged
    }
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
        Ok(Tally::merged(fruits))
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
                let kind = if persons.contains(name) {
                    NodeKind::Person
                } else {
                    NodeKind::Organization
                };
                tally.add_node(name.clone(), kind, *documents);
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

/// Counts, over the matching cables, the cables each cites: an edge per citation,
/// and per cable the matching cables that cite it.
pub struct Citations;

impl Collector for Citations {
    type Fruit = Tally;
    type Child = SegmentCitations;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCitations> {
        Ok(SegmentCitations {
            ids: reader.fast_fields().str("id")?,
            cites: reader.fast_fields().str("cites")?,
            dates: reader.fast_fields().date("date")?,
            citing: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        Ok(Tally::merged(fruits))
    }
}

pub struct SegmentCitations {
    ids: Option<StrColumn>,
    cites: Option<StrColumn>,
    dates: Column<DateTime>,
    /// Per matching cable: its id's ordinal, its date and the ordinals it cites.
    citing: Vec<(u64, Option<NaiveDate>, Vec<u64>)>,
}

impl SegmentCollector for SegmentCitations {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let (Some(ids), Some(cites)) = (&self.ids, &self.cites) else {
            return;
        };
        let Some(id) = ids.term_ords(doc).next() else {
            return;
        };
        let cited: Vec<u64> = cites.term_ords(doc).collect();
        if !cited.is_empty() {
            self.citing.push((id, day_of(&self.dates, doc), cited));
        }
    }

    fn harvest(self) -> Tally {
        let (Some(ids), Some(cites)) = (&self.ids, &self.cites) else {
            return Tally::default();
        };
        let mut id_ords: Vec<u64> = self.citing.iter().map(|c| c.0).collect();
        id_ords.sort_unstable();
        id_ords.dedup();
        let mut cited_ords: Vec<u64> = self
            .citing
            .iter()
            .flat_map(|c| c.2.iter().copied())
            .collect();
        cited_ords.sort_unstable();
        cited_ords.dedup();
        let (id_names, cited_names) = (names_of(ids, &id_ords), names_of(cites, &cited_ords));
        let mut tally = Tally::default();
        for (id, date, cited) in &self.citing {
            let Some(citing) = id_names.get(id) else {
                continue;
            };
            tally.add_node(citing.clone(), NodeKind::Cable, 0);
            for ord in cited {
                let Some(cited) = cited_names.get(ord) else {
                    continue;
                };
                tally.add_node(cited.clone(), NodeKind::Cited, 1);
                tally
                    .edges
                    .entry((citing.clone(), cited.clone()))
                    .or_default()
                    .add(1, *date, *date);
            }
        }
        tally
    }
}

/// The network of a tally, cut as asked. `--top N` keeps the N actors in most
/// documents and the pairs among them; of a citation network (`directed`), the N
/// most cited cables, every citation of them, and the cables making those.
pub fn network(query: &str, total: u64, tally: Tally, cut: Cut, directed: bool) -> Graph {
    use std::collections::HashSet;
    let mut nodes: Vec<Node> = tally
        .nodes
        .into_iter()
        .map(|(name, (kind, documents))| Node {
            name,
            kind,
            documents,
        })
        .collect();
    nodes.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.name.cmp(&b.name)));
    let top: HashSet<String> = match cut.top {
        0 => nodes.iter().map(|n| n.name.clone()).collect(),
        n => nodes.iter().take(n).map(|n| n.name.clone()).collect(),
    };
    let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let mut edges: Vec<Edge> = tally
        .edges
        .into_iter()
        .filter(|((a, b), pair)| {
            pair.weight >= cut.min_weight.max(1) && top.contains(b) && (directed || top.contains(a))
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
    let citing: HashSet<&str> = edges.iter().map(|e| e.source.as_str()).collect();
    nodes.retain(|n| top.contains(&n.name) || directed && citing.contains(n.name.as_str()));
    Graph {
        query: query.to_string(),
        directed,
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
            ("Ali Mamlouk", NodeKind::Person, 5),
            ("CIA", NodeKind::Organization, 3),
            ("Asma", NodeKind::Person, 1),
        ] {
            tally.add_node(name.to_string(), person, documents);
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
            false,
        );
        assert_eq!(graph.nodes[0].name, "Ali Mamlouk");
        assert_eq!(graph.nodes[1].kind, NodeKind::Organization);
        assert_eq!(graph.edges.len(), 1, "the edge of one document is cut");
        let edge = &graph.edges[0];
        assert_eq!(
            (edge.weight, edge.first.as_deref(), edge.last.as_deref()),
            (3, Some("2009-05-03"), Some("2010-02-01"))
        );
    }
}
