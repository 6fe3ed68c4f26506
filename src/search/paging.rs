//! Pages of any size in bounded memory: a large page is read a batch at a time.
//!
//! The engine reads a page whole — every record, every snippet — before anything is
//! printed, so `--limit 0` over a million documents would hold a million records,
//! gigabytes. A search therefore asks for at most [`BATCH`] hits at once and reads the
//! rest of its page as further batches, each a search of the same snapshot at the next
//! offset. Memory is one batch whatever the page; the order is the engine's, since
//! every batch ranks with the same tie-break.

use anyhow::Result;

use super::hit::Hit;
use super::{Engine, Request, Response};

/// Hits read at once: a few megabytes of records and snippets.
pub const BATCH: usize = 2_000;

/// The batches of a page after its first, lazily, in order.
pub struct Batches<'e> {
    engine: &'e Engine,
    request: Request,
    /// Hits of the page still to read.
    remaining: usize,
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
        let batches = Batches {
            engine: self,
            request: rest,
            remaining,
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
        let hits = match self.engine.search(&self.request) {
            Ok(response) => response.hits,
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
