//! The text analysers of the index, registered under the names the schema uses.
//!
//! Writer and reader must tokenize identically, so both call [`register_analyzers`]
//! right after opening an index; a query on a field whose analyser is missing would
//! otherwise fail at search time, far from the cause.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

use crate::extract::normalize::skeleton;

/// Analyser of `title` and `body`: words, lower case, ASCII folding, English stems.
pub const TEXT: &str = "dossier_text";
/// Analyser of the `*_folded` shadows: as `TEXT` but each word reduced to its
/// transliteration skeleton instead of stemmed, so Mamluk finds Mamlouk.
pub const FOLDED: &str = "dossier_folded";

/// Tokens longer than this are base64 blobs or URLs, not words: dropping them keeps
/// the term dictionary small (Tantivy's default analyser does the same).
const MAX_TOKEN_LEN: usize = 40;

/// Registers `dossier_text` and `dossier_folded` on `index`.
pub fn register_analyzers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(TEXT, text_analyzer());
    manager.register(FOLDED, folded_analyzer());
}

/// The analyser of `title` and `body`, also usable on its own (snippets, tests).
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Word boundaries as the analysers above cut them, without changing the words:
/// snippets find the words first and analyse only those a query could match.
pub fn span_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .build()
}

/// The analyser of the folded shadow fields.
pub fn folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(SkeletonFilter)
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
    fn text_is_stemmed_and_folded() {
        assert_eq!(
            terms(text_analyzer(), "Ministries Türkiye"),
            ["ministri", "turkiy"]
        );
    }
}
