//! Outlet signatures (`schema/outlets.toml`): which of many fixed phrases a text
//! holds, in one pass. Article reading uses them to tell page chrome from the story,
//! extraction to name the outlet.

use aho_corasick::{AhoCorasick, MatchKind};

/// Every outlet's signatures in one automaton: article parsing asks of each line
/// whether it holds any of them (a substring search per signature and line was a
/// twentieth of parsing).
#[derive(Clone)]
pub struct Signatures {
    /// Every match, overlapping ones included: which outlets a text names.
    automaton: Option<AhoCorasick>,
    /// Leftmost matches only, which the automaton scans for with SIMD instead of a
    /// byte at a time: whether a line holds any signature.
    any: Option<AhoCorasick>,
}

impl Signatures {
    pub fn new(signatures: &[String]) -> Signatures {
        let build = |kind| {
            (!signatures.is_empty())
                .then(|| {
                    AhoCorasick::builder()
                        .match_kind(kind)
                        .build(signatures)
                        .ok()
                })
                .flatten()
        };
        Signatures {
            automaton: build(MatchKind::Standard),
            any: build(MatchKind::LeftmostFirst),
        }
    }

    /// Whether `text` contains some outlet's signature.
    pub fn any_in(&self, text: &str) -> bool {
        self.any.as_ref().is_some_and(|a| a.is_match(text))
    }

    /// The signatures `text` contains, as indices into the list given to `new`: one
    /// pass over the text for all of them, after a fast one says there is any (most
    /// pages hold none).
    pub(crate) fn found_in<'a>(&'a self, text: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.automaton
            .iter()
            .filter(move |_| self.any_in(text))
            .flat_map(move |a| a.find_overlapping_iter(text))
            .map(|m| m.pattern().as_usize())
    }
}
