//! What the engine answers besides a page of hits: one facet's values, the
//! timeline, the co-mention and citation graphs, a document shown whole, and the
//! groups of near-duplicates. Each reads the same searcher and filters as
//! [`Engine::search`].

use anyhow::{bail, Context, Result};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::citations::citations;
use super::facets::FacetValue;
use super::filter::Filters;
use super::graph::{network, Citations, CoMentions, Cut, Graph};
use super::hit::load_record;
use super::plan::{facet_name, Planner};
use super::query;
use super::reprints::Signatures;
use super::resolve::{nearest, Resolver};
use super::snippet::{Highlight, Marker};
use super::timeline::{bars as timeline_bars, DateBuckets, Period, Timeline};

use super::engine::{restrict, Dupes, Engine, Request, Shown};

impl Engine {
    /// Every value of one facet with its count over the documents matching `query`
    /// and `filters`; `limit` 0 lists them all.
    pub fn facet(
        &self,
        field: &str,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<Vec<FacetValue>> {
        let Some(name) = facet_name(field) else {
            bail!(
                "{field:?} is not a facet; facets are: outlet, actor, person, organization, \
                 classification, caveat, kind, genre, year, tag, place"
            );
        };
        let request = Request {
            query: query.to_string(),
            filters: filters.clone(),
            facets: vec![name.to_string()],
            hits: false,
            ..Request::default()
        };
        let response = self.search(&request)?;
        let mut values = response
            .facets
            .into_iter()
            .next()
            .map(|(_, v)| v)
            .unwrap_or_default();
        if limit > 0 {
            values.truncate(limit);
        }
        Ok(values)
    }

    /// Matching documents per period, split by the values of `split` (a facet)
    /// when given: what `dossier timeline` draws.
    pub fn timeline(
        &self,
        query: &str,
        filters: &Filters,
        period: Period,
        split: Option<&str>,
    ) -> Result<(Timeline, Vec<String>)> {
        let split = match split {
            Some(field) => Some(facet_name(field).with_context(|| {
                format!(
                    "{field:?} is not a facet to split by; facets are: outlet, kind, \
                     classification, genre, year, actor, person, organization, caveat, tag, place"
                )
            })?),
            None => None,
        };
        let (full, notes) = self.matching(query, filters)?;
        let buckets = DateBuckets {
            period,
            split: split.map(str::to_string),
        };
        let (total, tally) = self.run(&*full, (Count, buckets))?;
        let undated = tally.docs.get(&None).copied().unwrap_or(0);
        let (values, bars) = timeline_bars(&tally, period)?;
        let timeline = Timeline {
            query: query.to_string(),
            by: period,
            split: split.map(str::to_string),
            total: total as u64,
            undated,
            values,
            bars,
        };
        Ok((timeline, notes))
    }

    /// The actors of the documents matching `query` and `filters`, joined when a
    /// document names two of them: what `dossier graph` exports.
    pub fn graph(&self, query: &str, filters: &Filters, cut: Cut) -> Result<(Graph, Vec<String>)> {
        let (full, notes) = self.matching(query, filters)?;
        let (total, tally) = self.run(&*full, (Count, CoMentions))?;
        Ok((network(query, total as u64, tally, cut, false), notes))
    }

    /// The matching cables and the cables they cite, an edge per citation: what
    /// `dossier graph --cables` exports. A cited cable is marked `cable` when the
    /// index holds it, whether or not it matches.
    pub fn citation_graph(
        &self,
        query: &str,
        filters: &Filters,
        cut: Cut,
    ) -> Result<(Graph, Vec<String>)> {
        let (full, notes) = self.matching(query, filters)?;
        let (total, mut tally) = self.run(&*full, (Count, Citations))?;
        tally.mark_indexed(|id| {
            let term = Term::from_field_text(self.fields.id, id);
            let query = TermQuery::new(term, IndexRecordOption::Basic);
            self.searcher.search(&query, &Count).is_ok_and(|n| n > 0)
        });
        Ok((network(query, total as u64, tally, cut, true), notes))
    }

    /// The query matching what `query` and `filters` ask for, and the planner's
    /// notes to the user: what the views over a search (timeline, graph) count.
    fn matching(&self, query: &str, filters: &Filters) -> Result<(Box<dyn Query>, Vec<String>)> {
        let expr = query::parse(query)?;
        let resolver = Resolver::new(&self.searcher, &self.catalog);
        let plan = Planner::new(self.fields, &resolver, query).plan(&expr)?;
        let groups = filters.resolve(&self.fields, &resolver)?;
        Ok((restrict(plan.query.box_clone(), &groups, None), plan.notes))
    }

    /// The document with this id, else this path (relative to the indexed root).
    pub fn show(&self, key: &str, query: Option<&str>) -> Result<Shown> {
        let address = [self.fields.id, self.fields.path, self.fields.file]
            .into_iter()
            .find_map(|field| {
                let term = Term::from_field_text(field, key);
                let query = TermQuery::new(term, IndexRecordOption::Basic);
                let top = self
                    .searcher
                    .search(&query, &TopDocs::with_limit(1).order_by_score())
                    .ok()?;
                top.first().map(|(_, a)| *a)
            });
        let Some(address) = address else {
            let resolver = Resolver::new(&self.searcher, &self.catalog);
            let mut known: Vec<String> = resolver.values(self.fields.id)?.to_vec();
            known.extend(resolver.values(self.fields.path)?.iter().cloned());
            let near = nearest(&known, key);
            bail!(
                "no document with id or path {key:?}{}",
                if near.is_empty() {
                    String::new()
                } else {
                    format!("; nearest: {}", near.join(", "))
                }
            );
        };
        let mut record = load_record(&self.searcher, &self.fields, address)?;
        let highlight = match query {
            Some(q) => {
                let expr = query::parse(q)?;
                let resolver = Resolver::new(&self.searcher, &self.catalog);
                Planner::new(self.fields, &resolver, q)
                    .plan(&expr)?
                    .highlight
            }
            None => Highlight::default(),
        };
        let body = Marker::default().whole(&record.body, &highlight);
        record.body = String::new();
        let (cites, cited_by) = citations(&self.searcher, &self.fields, &record)?;
        let copies = Signatures::new(&self.searcher, self.fields).copies(address)?;
        Ok(Shown {
            record,
            body,
            cites,
            cited_by,
            copies,
        })
    }

    /// The groups of near-duplicates among the documents `query` and `filters` match.
    pub fn dupes(&self, query: &str, filters: &Filters) -> Result<(Dupes, Vec<String>)> {
        let (full, notes) = self.matching(query, filters)?;
        let total = self.run(&*full, Count)?;
        let groups = Signatures::new(&self.searcher, self.fields).groups(&*full)?;
        let dupes = Dupes {
            query: query.to_string(),
            total,
            groups,
        };
        Ok((dupes, notes))
    }
}
