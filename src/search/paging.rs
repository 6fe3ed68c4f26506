//! Pages of any size in bounded memory: a large page is read a batch at a time.
//!
//! The engine reads a page whole — every record, every snippet — before anything is
//! printed, so `--limit 0` over a million documents would hold a million records,
//! gigabytes. A search therefore reads at most [`BATCH`] hits at once. The rest of a
//! large page is ranked once, as a list of addresses (16 bytes a hit), and read a
//! batch at a time from it: ranking each batch at its offset instead cost a ranking
//! of every hit before it, quadratic in the page. A collapsed page (one hit per group
//! of copies) is still read as a search per batch, each at the next offset.

use anyhow::Result;

use super::engine::Ranked;
use super::hit::Hit;
use super::snippet::Highlight;
use super::{Engine, Request, Response};

/// Hits read at once: a few megabytes of records and snippets.
pub const BATCH: usize = 2_000;

/// The batches of a page after its first, lazily, in order.
pub struct Batches<'e> {
    engine: &'e Engine,
    request: Request,
    /// Hits of the page still to read.
    remaining: usize,
    /// The rest of the page, ranked once, and what its snippets mark; `None` for a
    /// collapsed page.
    ranked: Option<(std::vec::IntoIter<Ranked>, Highlight)>,
}

impl Engine {
    /// Searches as [`Engine::search`] does, but the response holds at most [`BATCH`]
    /// hits; the rest of the page comes from the returned batches.
    pub fn search_in_batches(&self, request: &Request) -> Result<(Response, Batches<'_>)> {
        let wanted = match request.limit {
            0 => usize::MAX,
            n => n,
        };
        let mut first = request.clone();
        first.limit = wanted.min(BATCH);
        let response = self.search(&first)?;
        let page = wanted.min(response.total.saturating_sub(request.offset));
        let read = response.hits.len();
        let mut rest = request.clone();
        rest.facets.clear();
        rest.offset = request.offset.saturating_add(read);
        let remaining = if read < first.limit {
            0
        } else {
            page.saturating_sub(read)
        };
        let ranked = if remaining > 0 && !request.collapse {
            let mut whole = rest.clone();
            whole.limit = remaining;
            let (ranked, highlight) = self.ranked_page(&whole)?;
            Some((ranked.into_iter(), highlight))
        } else {
            None
        };
        let batches = Batches {
            engine: self,
            request: rest,
            remaining,
            ranked,
        };
        Ok((response, batches))
    }
}

impl Iterator for Batches<'_> {
    type Item = Result<Vec<Hit>>;

    fn next(&mut self) -> Option<Result<Vec<Hit>>> {
        if self.remaining == 0 {
            return None;
        }
        self.request.limit = self.remaining.min(BATCH);
        let hits = match &mut self.ranked {
            Some((ranked, highlight)) => {
                let batch: Vec<Ranked> = ranked.by_ref().take(self.request.limit).collect();
                self.engine.hits_of(batch, highlight)
            }
            None => self.engine.search(&self.request).map(|r| r.hits),
        };
        let hits = match hits {
            Ok(hits) => hits,
            Err(e) => {
                self.remaining = 0;
                return Some(Err(e));
            }
        };
        if hits.len() < self.request.limit {
            self.remaining = 0;
        } else {
            self.remaining -= hits.len();
        }
        self.request.offset = self.request.offset.saturating_add(hits.len());
        (!hits.is_empty()).then_some(Ok(hits))
    }
}
