//! Snippets: the best passages of a document with every matched span marked.
//!
//! Tantivy's generator gives one fragment and marks term by term. Here the text is
//! tokenized with the index's own analysers, so a span is marked exactly when the
//! index matched it: a phrase whole, a variant spelling through its skeleton, a
//! prefix or a fuzzy neighbour. Terms under NOT never reach the [`Highlight`].
//!
//! Over 500 lines with its tests, which exercise the probes and the passage choice
//! together (466 without them).

use std::ops::Range;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::index::analyzers::{folded_analyzer, span_analyzer, text_analyzer};
use crate::text::normalize::ascii_fold;

use super::resolve::levenshtein;

/// Length of a fragment in bytes of source text, before whitespace is collapsed.
const FRAGMENT_LEN: usize = 200;
/// Context kept before the first match of a fragment.
const LEAD: usize = 60;
/// Fragments per hit.
pub const MAX_FRAGMENTS: usize = 3;

/// What to mark in a text: the positive clauses of a query.
#[derive(Debug, Clone, Default)]
pub struct Highlight {
    pub patterns: Vec<Pattern>,
}

/// One thing to mark, in the analysed forms the index compares.
#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
    /// A word or phrase: its stems, and its skeletons when variants count too.
    Words {
        stems: Vec<String>,
        skeletons: Option<Vec<String>>,
    },
    /// Words starting with this (lower-case ASCII).
    Prefix(String),
    /// Words within `distance` edits of this stem.
    Fuzzy { stem: String, distance: u8 },
}

impl Highlight {
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

/// A passage of text and the byte ranges in it to mark.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

impl Snippet {
    /// The text with each mark wrapped in `<mark>` and everything else escaped.
    pub fn html(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 16 * self.marks.len());
        let mut at = 0;
        for mark in &self.marks {
            escape_into(&self.text[at..mark.start], &mut out);
            out.push_str("<mark>");
            escape_into(&self.text[mark.clone()], &mut out);
            out.push_str("</mark>");
            at = mark.end;
        }
        escape_into(&self.text[at..], &mut out);
        out
    }
}

impl Serialize for Snippet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Snippet", 2)?;
        s.serialize_field("text", &self.text)?;
        s.serialize_field("html", &self.html())?;
        s.end()
    }
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Finds spans of texts; holds the analysers so they are built once per search.
pub struct Marker {
    /// Word boundaries only, with the long-token filter of the index analysers, so
    /// the words line up with the index's positions.
    spans: TextAnalyzer,
    text: TextAnalyzer,
    folded: TextAnalyzer,
}

impl Default for Marker {
    fn default() -> Self {
        Marker {
            spans: span_analyzer(),
            text: text_analyzer(),
            folded: folded_analyzer(),
        }
    }
}

/// A cheap test of whether a word could match some pattern, from its letters;
/// `None` when any word may (a fuzzy pattern). Stemming and folding every word of
/// ten whole documents was most of a search's time; a word that fails this test is
/// never analysed.
#[derive(Debug, Default)]
struct Probes {
    /// Stems: an English stem is its word's start, but for a final `y` made `i`
    /// (`happy`→`happi`, `dying`→`die`), so all but its last letter begin the word.
    stems: Vec<Vec<u8>>,
    /// Prefixes: the word starts with the prefix or its stem does; its first letter.
    prefixes: Vec<u8>,
    /// Skeletons: the word starts with the skeleton's head and holds its other
    /// letters in order, where `f` may be written `ph` and `k` as `q` or `c`.
    skeletons: Vec<Vec<u8>>,
}

impl Probes {
    fn new(highlight: &Highlight) -> Option<Probes> {
        let mut probes = Probes::default();
        for pattern in &highlight.patterns {
            match pattern {
                Pattern::Words { stems, skeletons } => {
                    probes
                        .stems
                        .extend(stems.iter().map(|s| s.as_bytes().to_vec()));
                    probes
                        .skeletons
                        .extend(skeletons.iter().flatten().map(|s| s.as_bytes().to_vec()));
                }
                Pattern::Prefix(prefix) => probes.prefixes.extend(prefix.bytes().next()),
                Pattern::Fuzzy { .. } => return None,
            }
        }
        Some(probes)
    }

    /// `word` is lower-case ASCII.
    fn admits(&self, word: &[u8]) -> bool {
        let Some(&first) = word.first() else {
            return false;
        };
        self.prefixes.contains(&first)
            || self.stems.iter().any(|stem| {
                let start = &stem[..stem.len().saturating_sub(1)];
                start.len() <= word.len()
                    && start
                        .iter()
                        .zip(word)
                        .all(|(&s, &w)| s == w || (s == b'i' && w == b'y'))
            })
            || self.skeletons.iter().any(|skeleton| {
                let Some((&head, rest)) = skeleton.split_first() else {
                    return false;
                };
                let head_fits = head == first
                    || (head == b'f' && word.starts_with(b"ph"))
                    || (head == b'k' && first == b'q');
                head_fits && in_order(rest, &word[1..])
            })
    }
}

/// Whether the skeleton letters appear in the word in order (`f` as `p` of `ph`,
/// `k` as `q` or `c`).
fn in_order(letters: &[u8], word: &[u8]) -> bool {
    let mut word = word.iter();
    letters.iter().all(|&letter| {
        word.any(|&w| {
            w == letter
                || (letter == b'f' && w == b'p')
                || (letter == b'k' && (w == b'q' || w == b'c'))
        })
    })
}

/// One word of the text in every form a pattern compares.
struct Word {
    /// Which word of the text it is: a phrase matches consecutive words only.
    index: usize,
    span: Range<usize>,
    stem: String,
    skeleton: String,
    lower: String,
}

/// A matched span and how much it says about relevance.
#[derive(Debug, Clone)]
struct Hit {
    span: Range<usize>,
    pattern: usize,
    weight: f32,
}

impl Marker {
    /// Up to `MAX_FRAGMENTS` passages around the best matches, in text order; the
    /// opening of the text when nothing matches (a `*` query, a facet-only query).
    pub fn snippets(&mut self, text: &str, highlight: &Highlight) -> Vec<Snippet> {
        let hits = self.hits(text, highlight);
        if hits.is_empty() {
            let end = cut(text, FRAGMENT_LEN.min(text.len()));
            let snippet = fragment(text, 0..end, &[]);
            return if snippet.text.is_empty() {
                Vec::new()
            } else {
                vec![snippet]
            };
        }
        let mut windows = choose(&hits, text);
        windows.sort_by_key(|w| w.start);
        windows
            .into_iter()
            .map(|window| fragment(text, window, &hits))
            .collect()
    }

    /// The whole text, whitespace kept, with every match marked (`dossier show`).
    pub fn whole(&mut self, text: &str, highlight: &Highlight) -> Snippet {
        let hits = self.hits(text, highlight);
        Snippet {
            text: text.to_string(),
            marks: merged(&hits, 0..text.len(), 0),
        }
    }

    /// The words some pattern could match, analysed; the others are skipped (a
    /// long document has tens of thousands).
    fn words(&mut self, text: &str, probes: Option<&Probes>) -> Vec<Word> {
        let mut words = Vec::new();
        let mut lower = Vec::new();
        let mut stream = self.spans.token_stream(text);
        let mut index = 0;
        while stream.advance() {
            let token = stream.token();
            let span = token.offset_from..token.offset_to;
            let raw = &text[span.clone()];
            let candidate = match probes {
                Some(probes) if raw.is_ascii() => {
                    lower.clear();
                    lower.extend(raw.bytes().map(|b| b.to_ascii_lowercase()));
                    probes.admits(&lower)
                }
                _ => true,
            };
            if candidate {
                words.push(Word {
                    index,
                    stem: first_token(&mut self.text, raw),
                    // Variants are of names: the index folds capitalised words only.
                    skeleton: if raw.chars().next().is_some_and(char::is_uppercase) {
                        first_token(&mut self.folded, raw)
                    } else {
                        String::new()
                    },
                    lower: ascii_fold(raw),
                    span,
                });
            }
            index += 1;
        }
        words
    }

    fn hits(&mut self, text: &str, highlight: &Highlight) -> Vec<Hit> {
        let probes = Probes::new(highlight);
        self.hits_among(text, highlight, probes.as_ref())
    }

    /// The hits among the words `probes` admits (all words without probes): the
    /// same either way, as the property test below holds.
    fn hits_among(
        &mut self,
        text: &str,
        highlight: &Highlight,
        probes: Option<&Probes>,
    ) -> Vec<Hit> {
        if highlight.is_empty() || text.is_empty() {
            return Vec::new();
        }
        let words = self.words(text, probes);
        let mut hits = Vec::new();
        for (p, pattern) in highlight.patterns.iter().enumerate() {
            for start in 0..words.len() {
                if let Some((end, weight)) = matches(pattern, &words, start) {
                    hits.push(Hit {
                        span: words[start].span.start..words[end].span.end,
                        pattern: p,
                        weight,
                    });
                }
            }
        }
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        hits
    }
}

/// The one token an analyser makes of one word (empty if it drops it).
fn first_token(analyzer: &mut TextAnalyzer, word: &str) -> String {
    let mut stream = analyzer.token_stream(word);
    if stream.advance() {
        std::mem::take(&mut stream.token_mut().text)
    } else {
        String::new()
    }
}

/// Whether `pattern` matches the words from `start`: the index of its last word and
/// a weight (exact spellings above variants, phrases above words).
fn matches(pattern: &Pattern, words: &[Word], start: usize) -> Option<(usize, f32)> {
    let word = &words[start];
    match pattern {
        Pattern::Words { stems, skeletons } => {
            let end = start + stems.len().checked_sub(1)?;
            if end >= words.len() || words[end].index - word.index != end - start {
                return None;
            }
            let exact = stems
                .iter()
                .zip(&words[start..=end])
                .all(|(s, w)| *s == w.stem);
            if exact {
                return Some((end, 1.0 + stems.len() as f32));
            }
            let skeletons = skeletons.as_ref()?;
            let folded = skeletons
                .iter()
                .zip(&words[start..=end])
                .all(|(s, w)| *s == w.skeleton);
            folded.then_some((end, 0.8 + stems.len() as f32))
        }
        Pattern::Prefix(prefix) => (word.lower.starts_with(prefix.as_str())
            || word.stem.starts_with(prefix.as_str()))
        .then_some((start, 1.0)),
        Pattern::Fuzzy { stem, distance } => {
            (levenshtein(&word.stem, stem) <= usize::from(*distance)).then_some((start, 0.9))
        }
    }
}

/// Picks the windows holding the most distinct patterns, then the most weight.
fn choose(hits: &[Hit], text: &str) -> Vec<Range<usize>> {
    let mut candidates: Vec<(f32, Range<usize>)> = Vec::new();
    for (i, first) in hits.iter().enumerate() {
        let start = cut(text, first.span.start.saturating_sub(LEAD));
        let start = word_start(text, start, first.span.start);
        let end = cut(text, (start + FRAGMENT_LEN).min(text.len())).max(first.span.end);
        let mut seen: Vec<usize> = Vec::new();
        let mut score = 0.0;
        for hit in hits[i..].iter().take_while(|h| h.span.end <= end) {
            if seen.contains(&hit.pattern) {
                score += 0.1 * hit.weight;
            } else {
                seen.push(hit.pattern);
                score += hit.weight * 2.0;
            }
        }
        candidates.push((score, start..end));
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.start.cmp(&b.1.start)));
    let mut chosen: Vec<Range<usize>> = Vec::new();
    for (_, window) in candidates {
        if chosen.len() == MAX_FRAGMENTS {
            break;
        }
        if chosen
            .iter()
            .all(|c| window.end <= c.start || window.start >= c.end)
        {
            chosen.push(window);
        }
    }
    chosen
}

/// Largest char boundary at or before `at`.
fn cut(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Moves a window start forward to the beginning of a word, not past `limit`.
fn word_start(text: &str, start: usize, limit: usize) -> usize {
    if start == 0 {
        return 0;
    }
    match text[start..limit].find(char::is_whitespace) {
        Some(at) => start + at + 1,
        None => start,
    }
}

/// The marks inside `window`, merged where they overlap, shifted by `-base`.
fn merged(hits: &[Hit], window: Range<usize>, base: usize) -> Vec<Range<usize>> {
    let mut marks: Vec<Range<usize>> = Vec::new();
    for hit in hits {
        if hit.span.start < window.start || hit.span.end > window.end {
            continue;
        }
        let span = hit.span.start - base..hit.span.end - base;
        match marks.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => marks.push(span),
        }
    }
    marks
}

/// The text of a window on one line, whitespace runs collapsed, with `…` where
/// the document goes on, and the marks moved to match.
fn fragment(text: &str, window: Range<usize>, hits: &[Hit]) -> Snippet {
    let marks = merged(hits, window.clone(), 0);
    let mut out = Snippet::default();
    if window.start > 0 {
        out.text.push('…');
    }
    let mut pieces: Vec<(Range<usize>, bool)> = Vec::new();
    let mut at = window.start;
    for mark in &marks {
        pieces.push((at..mark.start, false));
        pieces.push((mark.clone(), true));
        at = mark.end;
    }
    pieces.push((at..window.end, false));
    for (range, marked) in pieces {
        let start = out.text.len();
        for c in text[range].chars() {
            if c.is_whitespace() {
                if !out.text.ends_with(' ') && !out.text.is_empty() && out.text != "…" {
                    out.text.push(' ');
                }
            } else {
                out.text.push(c);
            }
        }
        if marked && out.text.len() > start {
            out.marks.push(start..out.text.len());
        }
    }
    let trimmed = out.text.trim_end().len();
    out.text.truncate(trimmed);
    if window.end < text.trim_end().len() {
        out.text.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(stems: &[&str], skeletons: Option<&[&str]>) -> Pattern {
        Pattern::Words {
            stems: stems.iter().map(|s| s.to_string()).collect(),
            skeletons: skeletons.map(|s| s.iter().map(|s| s.to_string()).collect()),
        }
    }

    fn marked(snippet: &Snippet) -> Vec<&str> {
        snippet
            .marks
            .iter()
            .map(|m| &snippet.text[m.clone()])
            .collect()
    }

    #[test]
    fn phrase_is_marked_whole_and_variants_through_skeletons() {
        let text = "Officials said General Ali Mamlouk met the envoy.\n\nMamluk denied it.";
        let highlight = Highlight {
            patterns: vec![
                words(&["ali", "mamlouk"], Some(&["al", "mmlk"])),
                words(&["mamluk"], Some(&["mmlk"])),
            ],
        };
        let snippets = Marker::default().snippets(text, &highlight);
        assert_eq!(snippets.len(), 1);
        assert_eq!(marked(&snippets[0]), ["Ali Mamlouk", "Mamluk"]);
        assert!(snippets[0].html().contains("<mark>Ali Mamlouk</mark>"));
    }

    #[test]
    fn html_escapes_everything_but_marks() {
        let snippet = Snippet {
            text: "<b>Assad</b> & co".into(),
            marks: std::iter::once(3..8).collect(),
        };
        assert_eq!(
            snippet.html(),
            "&lt;b&gt;<mark>Assad</mark>&lt;/b&gt; &amp; co"
        );
    }

    #[test]
    fn prefix_and_fuzzy_mark_words() {
        let text = "Bashar al-Asad spoke; Assad's aides listened.";
        let highlight = Highlight {
            patterns: vec![
                Pattern::Prefix("assa".into()),
                Pattern::Fuzzy {
                    stem: "asad".into(),
                    distance: 0,
                },
            ],
        };
        let snippet = &Marker::default().snippets(text, &highlight)[0];
        assert_eq!(marked(snippet), ["Asad", "Assad"]);
    }

    #[test]
    fn words_whose_first_letters_change_when_analysed_are_still_marked() {
        // `dying` stems to `die`; `Qaida` and `Phalange` fold to `kd` and `flng`.
        let text = "He was dying. Al-Qaida and the Phalange met the press.";
        let highlight = Highlight {
            patterns: vec![
                words(&["die"], None),
                words(&["kaida"], Some(&["kd"])),
                words(&["falang"], Some(&["flng"])),
            ],
        };
        let snippet = &Marker::default().snippets(text, &highlight)[0];
        assert_eq!(marked(snippet), ["dying", "Qaida", "Phalange"]);
    }

    #[test]
    fn far_apart_matches_give_several_fragments() {
        let filler = "word ".repeat(200);
        let text = format!("Hezbollah opened. {filler} Hezbollah again. {filler} and Hezbollah.");
        let highlight = Highlight {
            patterns: vec![words(&["hezbollah"], None)],
        };
        let snippets = Marker::default().snippets(&text, &highlight);
        assert_eq!(snippets.len(), 3);
        assert!(snippets[1].text.starts_with('…'));
    }

    /// Spellings of names and English words whose stems and skeletons differ from
    /// their letters (`dying`→`die`, `Phalange`→`flng`, `Qaida`→`kd`).
    const VOCABULARY: &[&str] = &[
        "Mamlouk",
        "Mamluk",
        "Hezbollah",
        "Hizballah",
        "Hizbullah",
        "Qaddafi",
        "Gaddafi",
        "Kadhafi",
        "Khadafy",
        "Philip",
        "Filip",
        "Phillips",
        "Phalange",
        "Falange",
        "happy",
        "happiness",
        "happily",
        "dying",
        "die",
        "dies",
        "Assad",
        "Asad",
        "Erdogan",
        "Yusuf",
        "Youssef",
        "Josef",
        "security",
        "secure",
        "Qusayr",
        "Kusair",
        "Qaida",
        "Kaida",
        "agency",
        "agencies",
        "crying",
        "cry",
        "Syria",
        "Syrian",
        "city",
        "cities",
    ];

    fn word() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            3 => proptest::sample::select(VOCABULARY).prop_map(str::to_string),
            1 => "[A-Za-z]{1,12}",
            1 => (proptest::sample::select(VOCABULARY), "[a-z]{0,3}")
                .prop_map(|(w, tail)| format!("{w}{tail}")),
        ]
    }

    proptest::proptest! {
        /// The probes only skip words: with or without them, a text's hits for
        /// patterns made as the planner makes them (stems and skeletons from the
        /// index's own analysers, phrases, prefixes) are the same.
        #[test]
        fn probes_never_hide_a_match(
            text in proptest::collection::vec(word(), 1..40),
            query in proptest::collection::vec(word(), 1..4),
            prefix in "[a-z]{1,3}",
        ) {
            let mut marker = Marker::default();
            let mut text_analyzer = text_analyzer();
            let mut folded_analyzer = folded_analyzer();
            let stems: Vec<String> = query.iter().map(|q| first_token(&mut text_analyzer, q)).collect();
            let skeletons: Vec<String> =
                query.iter().map(|q| first_token(&mut folded_analyzer, q)).collect();
            let mut patterns = vec![Pattern::Prefix(prefix)];
            for (stem, skeleton) in stems.iter().zip(&skeletons) {
                patterns.push(Pattern::Words {
                    stems: vec![stem.clone()],
                    skeletons: Some(vec![skeleton.clone()]),
                });
            }
            patterns.push(Pattern::Words { stems, skeletons: Some(skeletons) });
            let highlight = Highlight { patterns };
            let text = text.join(" ");
            let probes = Probes::new(&highlight);
            proptest::prop_assert!(probes.is_some());
            let spans = |hits: Vec<Hit>| -> Vec<(Range<usize>, usize)> {
                hits.into_iter().map(|h| (h.span, h.pattern)).collect()
            };
            let with = spans(marker.hits_among(&text, &highlight, probes.as_ref()));
            let without = spans(marker.hits_among(&text, &highlight, None));
            proptest::prop_assert_eq!(with, without, "{}", text);
        }
    }
}
