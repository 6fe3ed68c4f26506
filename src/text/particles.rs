//! Name particles (`al-`, `bin`, `de`, `van`) as the one table of
//! `schema/names.toml` gives them, for the folds that the index and name keys
//! depend on. These read the compiled-in file, never a `--schema` override: an
//! index must be searched with the folds it was written with. (Actor finding reads
//! `joins` from the catalog, overrides included.)

use std::sync::LazyLock;

use crate::catalog::{Particle, SCHEMA_FILES};

/// The words of each flag, so that a lookup is a scan of a few short strings.
struct Table {
    /// Glued and keyless: the article, `al-` and `el-`.
    articles: Vec<String>,
    glued: Vec<String>,
    lower: Vec<String>,
    keyless: Vec<String>,
    indexed: Vec<String>,
    /// Longest indexed particle, in bytes: longer words are not looked up.
    longest_indexed: usize,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        particle: Vec<Particle>,
    }
    let text = SCHEMA_FILES
        .iter()
        .find(|(name, _)| *name == "names.toml")
        .map(|(_, text)| *text)
        .unwrap_or_default();
    let file: File = toml::from_str(text).expect("the compiled-in schema/names.toml parses");
    let words = |flag: fn(&Particle) -> bool| {
        let words: Vec<String> = file
            .particle
            .iter()
            .filter(|p| flag(p))
            .map(|p| p.word.clone())
            .collect();
        words
    };
    let indexed = words(|p| p.indexed);
    Table {
        articles: words(|p| p.glued && p.keyless),
        glued: words(|p| p.glued),
        lower: words(|p| p.lower),
        keyless: words(|p| p.keyless),
        longest_indexed: indexed.iter().map(String::len).max().unwrap_or(0),
        indexed,
    }
});

fn holds(words: &[String], word: &str) -> bool {
    words.iter().any(|w| w == word)
}

/// `al` of `al-Assad`: written lower-case and hyphened to the name.
pub(crate) fn is_glued(word: &str) -> bool {
    holds(&TABLE.glued, word)
}

/// `bin` of `Mohammed bin Zayed`: lower-case when a name in capitals is title-cased.
pub(crate) fn is_lower(word: &str) -> bool {
    holds(&TABLE.lower, word)
}

/// `al` of `al-Assad`: not part of a name's key, so `Assad` is the same person.
pub(crate) fn is_keyless(word: &str) -> bool {
    holds(&TABLE.keyless, word)
}

/// Kept in the index's folded name fields with the capitalised words.
pub(crate) fn is_indexed(word: &str) -> bool {
    word.len() <= TABLE.longest_indexed && holds(&TABLE.indexed, word)
}

/// The length of a leading article with its hyphen or space (`al-`, `el `) in
/// folded bytes, else 0: the word fold leaves it out.
pub(crate) fn article_len(folded: &[u8]) -> usize {
    TABLE
        .articles
        .iter()
        .find(|a| {
            folded.starts_with(a.as_bytes()) && matches!(folded.get(a.len()), Some(b'-' | b' '))
        })
        .map_or(0, |a| a.len() + 1)
}

/// `al-Assad`, `bin-Laden`: a glued particle, a hyphen and a capital.
pub(crate) fn starts_glued(word: &str) -> bool {
    let Some(hyphen) = word.find('-') else {
        return false;
    };
    is_glued(&word[..hyphen])
        && word[hyphen + 1..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_flag_reads_its_column_of_the_table() {
        assert!(is_glued("al") && is_glued("ash") && !is_glued("de") && !is_glued("Al"));
        assert!(is_lower("bin") && is_lower("von") && !is_lower("abu"));
        assert!(is_keyless("al") && is_keyless("the") && !is_keyless("bin"));
        assert!(is_indexed("bint") && is_indexed("ul") && !is_indexed("the"));
        assert!(!is_indexed("della") && !is_indexed("abd"));
    }

    #[test]
    fn the_article_is_cut_with_its_hyphen_or_space() {
        assert_eq!(article_len(b"al-assad"), 3);
        assert_eq!(article_len(b"el mamluk"), 3);
        assert_eq!(article_len(b"alassad"), 0);
        assert_eq!(article_len(b"ash-sharaa"), 0, "glued, not keyless");
        assert_eq!(article_len(b"al"), 0);
    }

    #[test]
    fn a_glued_particle_needs_its_hyphen_and_a_capital() {
        assert!(starts_glued("al-Assad") && starts_glued("ash-Sharaa"));
        assert!(starts_glued("bin-Laden") && starts_glued("abu-Bakr"));
        assert!(!starts_glued("al-qaeda") && !starts_glued("alAssad"));
        assert!(!starts_glued("de-Mistura") && !starts_glued("Al-Assad"));
        assert!(!starts_glued("al--Assad") && !starts_glued("al-"));
    }
}
