//! The text analysers of the index, registered under the names the schema uses.
//!
//! Writer and reader must tokenize identically, so both call [`register_analyzers`]
//! right after opening an index; a query on a field whose analyser is missing would
//! otherwise fail at search time, far from the cause.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

use crate::text::normalize::skeleton;
use crate::text::particles;

/// Analyser of `title` and `body`: words, lower case, ASCII folding, English stems.
pub const TEXT: &str = "dossier_text";
/// Analyser of the `*_folded` shadows: as `TEXT` but each word reduced to its
/// transliteration skeleton instead of stemmed, so Mamluk finds Mamlouk.
pub const FOLDED: &str = "dossier_folded";

/// Tokens longer than this are base64 blobs or URLs, not words: dropping them keeps
/// the term dictionary small (Tantivy's default analyser does the same).
const MAX_TOKEN_LEN: usize = 40;

/// Distinct words whose terms an analyser remembers before it starts afresh.
const TERM_CACHE: usize = 200_000;

/// Registers `dossier_text` and `dossier_folded` on `index`. The folded fields are
/// indexed with [`folded_index_analyzer`] and queried with [`folded_analyzer`].
pub fn register_analyzers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(TEXT, text_analyzer());
    manager.register(FOLDED, folded_index_analyzer());
}

/// The analyser of `title` and `body`, also usable on its own (snippets, tests).
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(CachedAnalysis::stems())
        .build()
}

/// What the folded fields hold: the skeletons of names only — capitalised words and
/// name particles. Transliteration is a matter of names, and skeletons of every
/// common word were a fifth of the indexing work for matches nobody asks for.
/// Positions are the text's, so phrases of names still match.
pub fn folded_index_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(NamesOnly)
        .filter(CachedAnalysis::skeletons())
        .build()
}

/// Word boundaries as the analysers above cut them, without changing the words:
/// snippets find the words first and analyse only those a query could match.
pub fn span_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .build()
}

/// The analyser of queries on the folded fields: every word, since a user types
/// names in lower case.
pub fn folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(CachedAnalysis::skeletons())
        .build()
}

/// Replaces each token by `normalize::skeleton` of it, the same fold that merges
/// actor spellings at extraction time.
#[derive(Clone, Copy, Debug, Default)]
pub struct SkeletonFilter;

impl TokenFilter for SkeletonFilter {
    type Tokenizer<T: Tokenizer> = SkeletonTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SkeletonTokenizer<T> {
        SkeletonTokenizer(tokenizer)
    }
}

#[derive(Clone)]
pub struct SkeletonTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for SkeletonTokenizer<T> {
    type TokenStream<'a> = SkeletonTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SkeletonTokenStream(self.0.token_stream(text))
    }
}

pub struct SkeletonTokenStream<S>(S);

impl<S: TokenStream> TokenStream for SkeletonTokenStream<S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        let token = self.0.token_mut();
        let folded = skeleton(&token.text);
        // `skeleton` of a non-empty word is never empty; keep the word if it were.
        if !folded.is_empty() {
            token.text = folded;
        }
        true
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

/// A chain of per-word filters applied once per distinct word (as written) and
/// remembered: a corpus repeats a small vocabulary, and lower-casing, folding and
/// stemming every token in a chain were a fifth of the indexing threads' work.
#[derive(Clone)]
pub struct CachedAnalysis {
    /// A `RawTokenizer` and the filters: what one word becomes.
    analyzer: TextAnalyzer,
}

impl CachedAnalysis {
    /// Lower case, ASCII folding, English stems: the terms of `title` and `body`.
    pub fn stems() -> CachedAnalysis {
        CachedAnalysis {
            analyzer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }

    /// Lower case, ASCII folding, transliteration skeletons: the folded fields.
    pub fn skeletons() -> CachedAnalysis {
        CachedAnalysis {
            analyzer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(SkeletonFilter)
                .build(),
        }
    }
}

impl TokenFilter for CachedAnalysis {
    type Tokenizer<T: Tokenizer> = CachedTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedTokenizer<T> {
        CachedTokenizer {
            inner,
            terms: HashMap::default(),
            analyzer: self.analyzer,
        }
    }
}

#[derive(Clone)]
pub struct CachedTokenizer<T> {
    inner: T,
    /// Word as written → its term, for the words short enough to be held inline:
    /// a lookup reads one table slot, not two heap strings.
    terms: HashMap<InlineWord, InlineWord, FxBuildHasher>,
    analyzer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for CachedTokenizer<T> {
    type TokenStream<'a> = CachedStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.terms.len() > TERM_CACHE {
            self.terms.clear();
        }
        CachedStream {
            inner: self.inner.token_stream(text),
            terms: &mut self.terms,
            analyzer: &mut self.analyzer,
        }
    }
}

pub struct CachedStream<'a, S> {
    inner: S,
    terms: &'a mut HashMap<InlineWord, InlineWord, FxBuildHasher>,
    analyzer: &'a mut TextAnalyzer,
}

impl<S: TokenStream> TokenStream for CachedStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        let word = InlineWord::new(&token.text);
        if let Some(term) = word.and_then(|w| self.terms.get(&w)) {
            token.text.clear();
            token.text.push_str(term.as_str());
            return true;
        }
        let mut stream = self.analyzer.token_stream(&token.text);
        let term = if stream.advance() {
            std::mem::take(&mut stream.token_mut().text)
        } else {
            token.text.clone()
        };
        drop(stream);
        if let (Some(word), Some(inline)) = (word, InlineWord::new(&term)) {
            self.terms.insert(word, inline);
        }
        token.text = term;
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

/// A word of at most 23 bytes, stored in place with its length in the last byte.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct InlineWord([u8; 24]);

impl InlineWord {
    const CAPACITY: usize = 23;

    fn new(word: &str) -> Option<InlineWord> {
        if word.len() > Self::CAPACITY {
            return None;
        }
        let mut bytes = [0u8; 24];
        bytes[..word.len()].copy_from_slice(word.as_bytes());
        bytes[Self::CAPACITY] = word.len() as u8;
        Some(InlineWord(bytes))
    }

    fn as_str(&self) -> &str {
        let len = usize::from(self.0[Self::CAPACITY]).min(Self::CAPACITY);
        // The bytes were copied from a `str` whole, so they are valid UTF-8.
        std::str::from_utf8(&self.0[..len]).unwrap_or_default()
    }
}

/// Keeps the tokens that can be part of a name: capitalised, or a name particle.
#[derive(Clone, Copy, Debug, Default)]
pub struct NamesOnly;

impl TokenFilter for NamesOnly {
    type Tokenizer<T: Tokenizer> = NamesOnlyTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> NamesOnlyTokenizer<T> {
        NamesOnlyTokenizer(inner)
    }
}

#[derive(Clone)]
pub struct NamesOnlyTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for NamesOnlyTokenizer<T> {
    type TokenStream<'a> = NamesOnlyStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        NamesOnlyStream(self.0.token_stream(text))
    }
}

pub struct NamesOnlyStream<S>(S);

impl<S: TokenStream> TokenStream for NamesOnlyStream<S> {
    fn advance(&mut self) -> bool {
        while self.0.advance() {
            let text = &self.0.token().text;
            // Lower-case name particles are kept with the capitalised words, so
            // that `al-Asad` still meets `al-Assad` as a phrase.
            if text.chars().next().is_some_and(char::is_uppercase) || particles::is_indexed(text) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn folded_spellings_share_terms() {
        for (a, b) in [
            ("Mamluk", "Mamlouk"),
            ("Asad", "Assad"),
            ("Hizballah", "Hezbollah"),
            ("Erdoğan", "Erdogan"),
        ] {
            assert_eq!(terms(folded_analyzer(), a), terms(folded_analyzer(), b));
        }
    }

    #[test]
    fn folded_fields_index_names_at_their_positions() {
        let mut analyzer = folded_index_analyzer();
        let mut stream =
            analyzer.token_stream("the envoy met Ali Mamlouk and al-Assad in Damascus");
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        let expected = [("al", 3), ("mlk", 4), ("al", 6), ("asd", 7), ("dmscs", 9)];
        let expected: Vec<(String, usize)> =
            expected.iter().map(|(t, p)| (t.to_string(), *p)).collect();
        assert_eq!(out, expected);
    }

    /// The chain of Tantivy filters that `CachedAnalysis::stems` stands for.
    fn uncached_analyzer() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build()
    }

    #[test]
    fn cached_stems_are_the_stemmers() {
        let text = "ministries negotiated negotiations ministries Negotiated running runs \
                    Türkiye TÜRKIYE Erdoğan’s internationalizations counterrevolutionaries \
                    counterrevolutionaries ÉLYSÉE";
        let mut plain = uncached_analyzer();
        assert_eq!(terms(text_analyzer(), text), terms_of(&mut plain, text));
        // A second document through the same analyser, answered from the cache.
        let mut cached = text_analyzer();
        terms_of(&mut cached, text);
        assert_eq!(terms_of(&mut cached, text), terms_of(&mut plain, text));
    }

    proptest::proptest! {
        #[test]
        fn cached_analysis_equals_the_filter_chain(
            words in proptest::collection::vec("[A-Za-zéğüÉ’']{1,30}", 1..40)
        ) {
            // Each text twice through one analyser: misses, then hits.
            let text = words.join(" ");
            let mut cached = text_analyzer();
            let mut plain = uncached_analyzer();
            let expected = terms_of(&mut plain, &text);
            proptest::prop_assert_eq!(&terms_of(&mut cached, &text), &expected);
            proptest::prop_assert_eq!(&terms_of(&mut cached, &text), &expected);

            let chain = |names_only: bool| {
                let builder = TextAnalyzer::builder(SimpleTokenizer::default())
                    .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN));
                let folded = |b: tantivy::tokenizer::TextAnalyzerBuilder<_>| {
                    b.filter(LowerCaser).filter(AsciiFoldingFilter).filter(SkeletonFilter).build()
                };
                if names_only {
                    folded(builder.filter(NamesOnly).dynamic())
                } else {
                    folded(builder.dynamic())
                }
            };
            for (mut cached, names_only) in
                [(folded_index_analyzer(), true), (folded_analyzer(), false)]
            {
                let expected = terms_of(&mut chain(names_only), &text);
                proptest::prop_assert_eq!(&terms_of(&mut cached, &text), &expected);
                proptest::prop_assert_eq!(&terms_of(&mut cached, &text), &expected);
            }
        }
    }

    fn terms_of(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn text_is_stemmed_and_folded() {
        assert_eq!(
            terms(text_analyzer(), "Ministries Türkiye"),
            ["ministri", "turkiy"]
        );
    }
}
