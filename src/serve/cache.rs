//! Answers kept for the commit they were computed on.
//!
//! A search matching most of a large collection spends milliseconds counting its
//! facets; a newsroom asks the same search many times (a shared link, a colleague's
//! bookmark, the back button). Each finished page or JSON body is kept under its
//! route, its URL and the index view it came from: a new commit is a new view, so a
//! kept answer is never served for an index that changed, and the old answers age
//! out. The cache is bounded in bytes (`--cache MB`); errors are never kept.

use axum::body::Bytes;
use quick_cache::sync::Cache;
use quick_cache::Weighter;

/// A finished body: its content type and the bytes sent (shared, not copied, by
/// each response that sends them).
pub(crate) type Answer = (&'static str, Bytes);

/// Bytes held by an entry: its key and its body.
#[derive(Clone)]
struct Size;

impl Weighter<String, Answer> for Size {
    fn weight(&self, key: &String, answer: &Answer) -> u64 {
        (key.len() + answer.1.len()) as u64
    }
}

/// The kept answers; none when the cache is off.
pub(crate) struct Answers {
    cache: Option<Cache<String, Answer, Size>>,
    /// An answer larger than this is not kept: it would push out many others.
    largest: usize,
}

impl Answers {
    /// A cache of at most `bytes` (0: off).
    pub(crate) fn new(bytes: usize) -> Answers {
        // Pages are some tens of KiB: an estimate of the entries sizes the table.
        let cache =
            (bytes > 0).then(|| Cache::with_weighter(bytes / 32_768 + 16, bytes as u64, Size));
        Answers {
            cache,
            largest: bytes / 16,
        }
    }

    /// The key of `route` with `query` on the index view `view`.
    pub(crate) fn key(view: u64, route: &str, query: &str) -> String {
        format!("{view} {route}?{query}")
    }

    pub(crate) fn get(&self, key: &str) -> Option<Answer> {
        self.cache.as_ref()?.get(key)
    }

    pub(crate) fn keep(&self, key: String, answer: &Answer) {
        if let Some(cache) = &self.cache {
            if key.len() + answer.1.len() <= self.largest {
                cache.insert(key, answer.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_kept_per_view_within_the_bound() {
        let answers = Answers::new(64 * 1024);
        let body: Answer = ("text/html", Bytes::from(vec![b'x'; 1_000]));
        answers.keep(Answers::key(1, "/", "q=a"), &body);
        assert!(answers.get(&Answers::key(1, "/", "q=a")).is_some());
        assert!(
            answers.get(&Answers::key(2, "/", "q=a")).is_none(),
            "another view"
        );
        let huge: Answer = ("text/html", Bytes::from(vec![b'x'; 5_000]));
        answers.keep(Answers::key(1, "/", "q=b"), &huge);
        assert!(
            answers.get(&Answers::key(1, "/", "q=b")).is_none(),
            "too large to keep"
        );
        for n in 0..500 {
            answers.keep(Answers::key(1, "/", &format!("q={n}")), &body);
        }
        let kept = (0..500)
            .filter(|n| {
                answers
                    .get(&Answers::key(1, "/", &format!("q={n}")))
                    .is_some()
            })
            .count();
        assert!(
            kept > 0 && kept <= 64,
            "{kept} kept of 500 bodies of 1 KB in 64 KiB"
        );
        let off = Answers::new(0);
        off.keep(Answers::key(1, "/", "q=a"), &body);
        assert!(off.get(&Answers::key(1, "/", "q=a")).is_none());
    }
}
