//! The search engine: one read-only searcher answering searches (ranking, paging,
//! facet counts, hits with snippets); the other views it answers are in `views`. It
//! returns data; `output` prints it.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DateTime, DocAddress, Order, Searcher};

use super::citations::Citation;
use super::facets::{ranked as ranked_values, FacetCounts, FacetValue};
use super::filter::{FilterGroup, Filters};
use super::hit::{load_record, Hit};
use super::id_order::IdOrder;
use super::plan::{facet_name, Planner};
use super::query;
use super::reprints::{Copy, Signatures};
use super::resolve::Resolver;
use super::snippet::{Highlight, Marker, Snippet};
use crate::catalog::{Catalog, LazyCatalog};
use crate::index::open::open_searchable;
use crate::index::{facet, Fields};
use crate::record::Record;

/// Order of the hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    /// Oldest first.
    Date,
    /// Newest first.
    DateDesc,
}

/// One search, fully specified.
#[derive(Debug, Clone)]
pub struct Request {
    pub query: String,
    pub filters: Filters,
    pub sort: Sort,
    /// Hits per page; 0 = all.
    pub limit: usize,
    pub offset: usize,
    /// Facet fields to count, canonical names (`outlet`, `actor`, ...).
    pub facets: Vec<String>,
    /// Whether hits are wanted at all (`dossier facets` wants only counts).
    pub hits: bool,
    /// One hit per group of copies (`--collapse`), each with its copies.
    pub collapse: bool,
}

impl Default for Request {
    fn default() -> Self {
        Request {
            query: "*".into(),
            filters: Filters::default(),
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            facets: Vec::new(),
            hits: true,
            collapse: false,
        }
    }
}

/// What a search found.
#[derive(Debug, Clone)]
pub struct Response {
    pub query: String,
    /// Matching documents, all of them, not just this page.
    pub total: usize,
    pub took_ms: u64,
    pub hits: Vec<Hit>,
    /// Requested facets in request order, each counted over all matches.
    pub facets: Vec<(String, Vec<FacetValue>)>,
    pub explain: Vec<String>,
    pub notes: Vec<String>,
}

/// A document for `dossier show`.
#[derive(Debug, Clone)]
pub struct Shown {
    pub record: Record,
    /// The whole body with the query's matches marked.
    pub body: Snippet,
    /// The cables its REF block cites, and the indexed cables that cite it.
    pub cites: Vec<Citation>,
    pub cited_by: Vec<Citation>,
    /// Documents whose bodies are nearly this one's: reprints, re-sent cables.
    pub copies: Vec<Copy>,
}

/// The groups of copies among the documents matching a query.
#[derive(Debug, Clone)]
pub struct Dupes {
    pub query: String,
    /// Matching documents.
    pub total: usize,
    /// Largest first; each group oldest first.
    pub groups: Vec<Vec<Copy>>,
}

/// The last sort key of every order: ids ascending (see [`IdOrder`]).
fn by_id(searcher: &Searcher) -> IdOrder {
    IdOrder::new(searcher.segment_readers().len())
}

/// A hit's score (none when sorted by date) and address.
pub(super) type Ranked = (Option<f32>, DocAddress);

/// The total and a collapsed page: each hit with the addresses of its copies.
type CollapsedPage = (usize, Vec<(Ranked, Option<Vec<DocAddress>>)>);

/// A read-only view of one index commit.
pub struct Engine {
    pub(super) fields: Fields,
    pub(super) searcher: Searcher,
    pub(super) catalog: LazyCatalog,
}

impl Engine {
    /// Opens the index at `dir`: no lock, no reload thread, nothing written.
    pub fn open(dir: &Path, catalog: Catalog) -> Result<Engine> {
        Engine::open_with(dir, LazyCatalog::loaded(catalog))
    }

    /// Opens the index at `dir` with a catalog read only if a filter needs it.
    pub fn open_with(dir: &Path, catalog: LazyCatalog) -> Result<Engine> {
        let opened = open_searchable(dir)?;
        Ok(Engine {
            fields: opened.fields,
            searcher: opened.reader.searcher(),
            catalog,
        })
    }

    pub fn search(&self, request: &Request) -> Result<Response> {
        let started = Instant::now();
        let expr = query::parse(&request.query)?;
        let resolver = Resolver::new(&self.searcher, &self.catalog);
        let plan = Planner::new(self.fields, &resolver, &request.query).plan(&expr)?;
        let groups = request.filters.resolve(&self.fields, &resolver)?;
        let mut explain = plan.explain;
        explain.extend(groups.iter().map(|g| format!("filter {}", g.description)));
        let full = restrict(plan.query.box_clone(), &groups, None);

        let facets: Vec<&str> = request
            .facets
            .iter()
            .map(|f| facet_name(f).with_context(|| format!("{f:?} is not a facet")))
            .collect::<Result<_>>()?;

        // Facets are counted on a second thread while this one ranks the hits and
        // cuts their snippets: a search matching half the corpus spends as long
        // counting as ranking, and a search is a process of a few milliseconds.
        let (ranked, counted) = std::thread::scope(|scope| {
            let counting = (!facets.is_empty())
                .then(|| scope.spawn(|| self.count_facets(&facets, &*plan.query, &*full, &groups)));
            let ranked = if request.collapse {
                self.rank_collapsed(&*full, request)
            } else {
                self.rank(&*full, request)
                    .map(|(total, page)| (total, page.into_iter().map(|r| (r, None)).collect()))
            };
            let ranked = ranked.and_then(|(total, page)| {
                let hits = if request.hits {
                    self.hits(page, &plan.highlight)?
                } else {
                    Vec::new()
                };
                Ok((total, hits))
            });
            let counted = match counting {
                Some(handle) => handle
                    .join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("counting facets failed"))),
                None => Ok(HashMap::new()),
            };
            (ranked, counted)
        });
        let (total, mut hits) = ranked?;
        if request.sort == Sort::Relevance {
            // Equal scores in id order, whichever order the index holds them in.
            hits.sort_by(|a, b| {
                let score = |h: &Hit| h.score.unwrap_or(0.0);
                score(b).total_cmp(&score(a)).then_with(|| a.id.cmp(&b.id))
            });
        }
        paths_in_order(&mut hits);
        let mut counted = counted?;
        let facets = facets
            .iter()
            .map(|f| {
                (
                    f.to_string(),
                    ranked_values(counted.remove(*f).unwrap_or_default(), 0),
                )
            })
            .collect();
        Ok(Response {
            query: request.query.clone(),
            total,
            took_ms: started.elapsed().as_millis() as u64,
            hits,
            facets,
            explain,
            notes: plan.notes,
        })
    }

    /// How many documents match and the addresses (with scores) of the page asked for.
    fn rank(&self, query: &dyn Query, request: &Request) -> Result<(usize, Vec<Ranked>)> {
        let num_docs = self.searcher.num_docs() as usize;
        // A page is collected in a heap as large as offset and limit together: both
        // are held to the index's size, so any page asked for costs bounded memory
        // (an offset past the end gives no hits, and the total).
        let limit = match request.limit {
            0 => num_docs,
            n => n.min(num_docs),
        }
        .max(1);
        let offset = request.offset.min(num_docs);
        let page = TopDocs::with_limit(if request.hits { limit } else { 1 }).and_offset(offset);
        Ok(match request.sort {
            Sort::Relevance if request.hits => {
                // One hit past each end of the page shows whether equal scores
                // straddle it. Only then does the page depend on the tie-break, and
                // only then is it ranked with one: naming the id of every candidate
                // cost a search a tenth more. Ties inside the page are put in id
                // order once its records are read (see `search`).
                let probe = TopDocs::with_limit(offset + limit + 1).order_by_score();
                let (total, top) = self.run(query, (Count, probe))?;
                let tied = |i: usize| i > 0 && i < top.len() && top[i - 1].0 == top[i].0;
                if tied(offset) || tied(offset + limit) {
                    let by_score = page.order_by((SortBySimilarityScore, by_id(&self.searcher)));
                    let (total, top) = self.run(query, (Count, by_score))?;
                    let top = top.into_iter().map(|((score, _), a)| (Some(score), a));
                    return Ok((total, top.collect()));
                }
                let top = top.into_iter().skip(offset).take(limit);
                (total, top.map(|(score, a)| (Some(score), a)).collect())
            }
            Sort::Relevance => (self.run(query, Count)?, Vec::new()),
            Sort::Date | Sort::DateDesc => {
                let order = if request.sort == Sort::Date {
                    Order::Asc
                } else {
                    Order::Desc
                };
                let date = (SortByStaticFastValue::<DateTime>::for_field("date"), order);
                let (total, top) =
                    self.run(query, (Count, page.order_by((date, by_id(&self.searcher)))))?;
                let top = top.into_iter().map(|(_, a)| (None, a)).collect();
                (total, top)
            }
        })
    }

    /// Counts of each facet over the documents matching `query` and the filters.
    /// Facets that see the same documents as the hits share one pass over `full`
    /// (the query restricted by every filter); a single-valued facet with its own
    /// filter gets a pass without that filter.
    fn count_facets(
        &self,
        facets: &[&str],
        query: &dyn Query,
        full: &dyn Query,
        groups: &[FilterGroup],
    ) -> Result<HashMap<String, HashMap<String, u64>>> {
        let own_filter =
            |f: &str| facet::of(f).is_some_and(|f| f.single) && groups.iter().any(|g| g.facet == f);
        let shared: Vec<String> = facets
            .iter()
            .filter(|f| !own_filter(f))
            .map(|f| f.to_string())
            .collect();
        let mut counted = HashMap::new();
        if !shared.is_empty() {
            let counts = self.run(
                full,
                FacetCounts {
                    fields: shared.clone(),
                },
            )?;
            counted.extend(shared.into_iter().zip(counts));
        }
        for facet in facets.iter().filter(|f| own_filter(f)) {
            let query = restrict(query.box_clone(), groups, Some(facet));
            let counts = self.run(
                &*query,
                FacetCounts {
                    fields: vec![facet.to_string()],
                },
            )?;
            counted.insert(
                facet.to_string(),
                counts.into_iter().next().unwrap_or_default(),
            );
        }
        Ok(counted)
    }

    /// The addresses of a whole page in its final order, ranked once, and what to
    /// mark in its snippets: what the batches of a large page read (see `paging`).
    /// Equal scores are put in id order by the collector itself, so that any slice
    /// of the list is in the order a page of that slice would have.
    pub(super) fn ranked_page(&self, request: &Request) -> Result<(Vec<Ranked>, Highlight)> {
        let expr = query::parse(&request.query)?;
        let resolver = Resolver::new(&self.searcher, &self.catalog);
        let plan = Planner::new(self.fields, &resolver, &request.query).plan(&expr)?;
        let groups = request.filters.resolve(&self.fields, &resolver)?;
        let full = restrict(plan.query.box_clone(), &groups, None);
        let num_docs = self.searcher.num_docs() as usize;
        let limit = match request.limit {
            0 => num_docs,
            n => n.min(num_docs),
        }
        .max(1);
        let page = TopDocs::with_limit(limit).and_offset(request.offset.min(num_docs));
        let ranked = match request.sort {
            Sort::Relevance => {
                let by_score = page.order_by((SortBySimilarityScore, by_id(&self.searcher)));
                let top = self.run(&*full, by_score)?;
                top.into_iter()
                    .map(|((score, _), a)| (Some(score), a))
                    .collect()
            }
            Sort::Date | Sort::DateDesc => {
                let order = if request.sort == Sort::Date {
                    Order::Asc
                } else {
                    Order::Desc
                };
                let date = (SortByStaticFastValue::<DateTime>::for_field("date"), order);
                let top = self.run(&*full, page.order_by((date, by_id(&self.searcher))))?;
                top.into_iter().map(|(_, a)| (None, a)).collect()
            }
        };
        Ok((ranked, plan.highlight))
    }

    /// The hits of ranked addresses, in their order.
    pub(super) fn hits_of(&self, ranked: Vec<Ranked>, highlight: &Highlight) -> Result<Vec<Hit>> {
        let mut hits = self.hits(ranked.into_iter().map(|r| (r, None)).collect(), highlight)?;
        paths_in_order(&mut hits);
        Ok(hits)
    }

    pub(super) fn run<C: Collector>(&self, query: &dyn Query, collector: C) -> Result<C::Fruit> {
        self.searcher
            .search(query, &collector)
            .context("the search failed; `dossier check` verifies the index")
    }

    /// A collapsed page: the best-ranked document of each group of copies, in rank
    /// order, with the addresses of its copies. The ranking is read in a window
    /// that grows until it holds enough groups for the page.
    fn rank_collapsed(&self, query: &dyn Query, request: &Request) -> Result<CollapsedPage> {
        let num_docs = self.searcher.num_docs() as usize;
        let limit = match request.limit {
            0 => num_docs,
            n => n.min(num_docs),
        };
        let wanted = request.offset.saturating_add(limit).min(num_docs);
        let mut window = wanted.saturating_mul(2).max(20).min(num_docs.max(1));
        let mut signatures = Signatures::new(&self.searcher, self.fields);
        let mut known: HashMap<DocAddress, Vec<DocAddress>> = HashMap::new();
        loop {
            let widened = Request {
                offset: 0,
                limit: window,
                ..request.clone()
            };
            // Equal scores in id order, so the groups a page takes do not depend on
            // the order the index holds documents in.
            let (total, ranked) = match request.sort {
                Sort::Relevance => {
                    let by_score = TopDocs::with_limit(window.max(1))
                        .order_by((SortBySimilarityScore, by_id(&self.searcher)));
                    let (total, top) = self.run(query, (Count, by_score))?;
                    let top = top.into_iter().map(|((score, _), a)| (Some(score), a));
                    (total, top.collect::<Vec<_>>())
                }
                _ => self.rank(query, &widened)?,
            };
            let ranked = self.in_path_order(ranked)?;
            let unknown: Vec<DocAddress> = ranked
                .iter()
                .map(|r| r.1)
                .filter(|a| !known.contains_key(a))
                .collect();
            known.extend(signatures.copies_of_each(&unknown)?);
            let mut claimed = std::collections::HashSet::new();
            let mut kept = Vec::new();
            for (score, address) in &ranked {
                if kept.len() >= wanted {
                    break;
                }
                if !claimed.insert(*address) {
                    continue;
                }
                let copies = known.get(address).cloned().unwrap_or_default();
                claimed.extend(copies.iter().copied());
                kept.push(((*score, *address), Some(copies)));
            }
            if kept.len() >= wanted || ranked.len() < window || window >= num_docs {
                let page = kept.into_iter().skip(request.offset).take(limit).collect();
                return Ok((total, page));
            }
            window = window.saturating_mul(4).min(num_docs);
        }
    }

    /// Ranked documents with runs of one score and one id (a cable from two mirrors)
    /// put in path order, read from the fast columns: which of them heads a group of
    /// copies must not depend on the order the index holds them in.
    fn in_path_order(&self, mut ranked: Vec<Ranked>) -> Result<Vec<Ranked>> {
        // The id and path columns of each segment, opened once.
        let mut columns: HashMap<u32, [Option<StrColumn>; 2]> = HashMap::new();
        let mut keys: HashMap<DocAddress, (String, String)> = HashMap::new();
        for &(_, address) in &ranked {
            let segment = match columns.entry(address.segment_ord) {
                std::collections::hash_map::Entry::Occupied(open) => open.into_mut(),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    let fast = self
                        .searcher
                        .segment_reader(address.segment_ord)
                        .fast_fields();
                    slot.insert([fast.str("id")?, fast.str("path")?])
                }
            };
            let [mut id, mut path] = [String::new(), String::new()];
            for (column, value) in segment.iter().zip([&mut id, &mut path]) {
                if let Some(column) = column {
                    if let Some(ord) = column.term_ords(address.doc_id).next() {
                        column.ord_to_str(ord, value)?;
                    }
                }
            }
            keys.insert(address, (id, path));
        }
        for run in ranked.chunk_by_mut(|a, b| a.0 == b.0 && keys[&a.1].0 == keys[&b.1].0) {
            run.sort_by(|a, b| keys[&a.1].1.cmp(&keys[&b.1].1));
        }
        Ok(ranked)
    }

    fn hits(
        &self,
        page: Vec<(Ranked, Option<Vec<DocAddress>>)>,
        highlight: &Highlight,
    ) -> Result<Vec<Hit>> {
        let mut marker = Marker::default();
        let mut hits = Vec::with_capacity(page.len());
        for ((score, address), copies) in page {
            let mut record = load_record(&self.searcher, &self.fields, address)?;
            let snippets = marker.snippets(&record.body, highlight);
            record.body = String::new();
            let mut hit = Hit::new(record, score, snippets);
            if let Some(copies) = copies {
                hit.copies = Some(Signatures::new(&self.searcher, self.fields).read(copies)?);
            }
            hits.push(hit);
        }
        Ok(hits)
    }
}

/// One id in two files (a cable from two mirrors): those in path order.
fn paths_in_order(hits: &mut [Hit]) {
    for run in hits.chunk_by_mut(|a, b| a.id == b.id && a.score == b.score && a.date == b.date) {
        run.sort_by(|a, b| a.path.cmp(&b.path));
    }
}

/// The query restricted by every filter group but the one of facet `except`.
pub(super) fn restrict(
    query: Box<dyn Query>,
    groups: &[FilterGroup],
    except: Option<&str>,
) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    for group in groups.iter().filter(|g| Some(g.facet) != except) {
        clauses.push((Occur::Must, group.query.box_clone()));
    }
    if clauses.len() == 1 {
        return clauses.remove(0).1;
    }
    Box::new(BooleanQuery::new(clauses))
}
