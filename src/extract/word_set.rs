//! Sets of folded words held inside their table: the word lists the actor finder
//! asks of every capitalised word (English words, given names, titles).
//!
//! A `HashSet<String>` keeps each word behind a pointer: a hit reads the table, then
//! the word's own allocation somewhere else in memory, then compares bytes. With
//! tens of thousands of English words and given names, those reads miss the cache
//! on most lookups. Words of up to [`INLINE`] bytes (nearly all) are packed with
//! their length into one `u128` kept in the table itself: a lookup hashes two
//! machine words and compares one number.

use rustc_hash::FxHashSet;

/// The longest word packed inline; one byte of the sixteen holds the length.
const INLINE: usize = 15;

#[derive(Debug, Default, Clone)]
pub(crate) struct WordSet {
    inline: FxHashSet<u128>,
    /// Words too long to pack.
    long: FxHashSet<String>,
}

impl WordSet {
    pub(crate) fn contains(&self, word: &str) -> bool {
        match pack(word) {
            Some(key) => self.inline.contains(&key),
            None => self.long.contains(word),
        }
    }

    pub(crate) fn insert(&mut self, word: String) {
        match pack(&word) {
            Some(key) => self.inline.insert(key),
            None => self.long.insert(word),
        };
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> WordSet {
        let mut set = WordSet::default();
        for word in words {
            set.insert(word);
        }
        set
    }
}

/// The word's bytes, zero-padded, with its length in the last byte: words that
/// differ in length or in any byte pack differently.
fn pack(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > INLINE {
        return None;
    }
    let mut packed = [0u8; 16];
    packed[..bytes.len()].copy_from_slice(bytes);
    // At most INLINE (15): fits a byte.
    packed[INLINE] = bytes.len() as u8;
    Some(u128::from_le_bytes(packed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The set answers as a `HashSet<String>` of the same words does, for
        /// words around the inline length, with NULs and characters beyond ASCII.
        #[test]
        fn answers_as_a_set_of_strings(
            words in proptest::collection::vec("[a-c\\x00é]{0,17}", 0..20),
            asked in proptest::collection::vec("[a-c\\x00é]{0,17}", 0..20),
        ) {
            let set: WordSet = words.iter().cloned().collect();
            let reference: FxHashSet<String> = words.iter().cloned().collect();
            for word in words.iter().chain(&asked) {
                prop_assert_eq!(set.contains(word), reference.contains(word), "{:?}", word);
            }
        }
    }

    #[test]
    fn a_word_and_its_zero_padded_prefix_differ() {
        let set: WordSet = ["ab".to_string()].into_iter().collect();
        assert!(set.contains("ab"));
        assert!(!set.contains("ab\0"));
        assert!(!set.contains("a"));
        let long = "internationalisation".to_string();
        let set: WordSet = [long.clone()].into_iter().collect();
        assert!(set.contains(&long));
        assert!(!set.contains("internationalis"));
    }
}
