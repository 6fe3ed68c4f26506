//! Transliteration folding: one key for every spelling of a name.
//!
//! Arabic, Turkish and Persian names reach English in many transliterations
//! (Mamlouk/Mamluk, Asad/Assad, Hizballah/Hezbollah, Qaida/Qaeda, Miqdad/Mekdad,
//! Erdoğan/Erdogan). The fold keeps a word's first letter and its consonant skeleton:
//! vowels after the first letter carry most of the variation, doubled consonants and
//! digraphs (q/k, ph/f, gh/g) the rest. The same fold drives actor merging at
//! extraction time and the folded shadow field of the index, so a spelling that
//! merges two actors also finds both in search.

use deunicode::deunicode;

/// Lower-case ASCII with diacritics and apostrophes removed: `Erdoğan` → `erdogan`,
/// `Husam Al’aa` → `husam alaa`.
pub fn ascii_fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    ascii_fold_into(text, &mut out);
    out
}

/// [`ascii_fold`] appended to `out`: extraction folds every capitalised word of a
/// document, so the common all-ASCII case is one pass with no intermediate string.
pub fn ascii_fold_into(text: &str, out: &mut String) {
    let push = |out: &mut String, ascii: &str| {
        // Most words need nothing but lower-casing, a byte at a time.
        let plain = !ascii.bytes().any(|b| matches!(b, b'\'' | b'`'));
        let start = out.len();
        if plain {
            out.push_str(ascii);
            out[start..].make_ascii_lowercase();
        } else {
            out.extend(
                ascii
                    .bytes()
                    .filter(|b| !matches!(b, b'\'' | b'`'))
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
        }
    };
    if text.is_ascii() {
        push(out, text);
    } else {
        push(out, &deunicode(text));
    }
}

/// `text` copied to `stack` in lower case, when it is ASCII short enough to fit:
/// the words of a run are folded to be looked up many times over, and each fold is
/// wanted only for its lookup.
fn lowered_on<'b>(text: &str, stack: &'b mut [u8; STACK_WORD]) -> Option<&'b mut [u8]> {
    if text.len() > STACK_WORD || !text.is_ascii() {
        return None;
    }
    let lowered = &mut stack[..text.len()];
    lowered.copy_from_slice(text.as_bytes());
    lowered.make_ascii_lowercase();
    Some(lowered)
}

/// [`ascii_fold`] of `text` in `stack`, when it is only lower case (short ASCII
/// without the apostrophes the fold drops).
fn folded_on<'b>(text: &str, stack: &'b mut [u8; STACK_WORD]) -> Option<&'b mut [u8]> {
    let apostrophe = text.bytes().any(|b| b == b'\'' || b == b'`');
    lowered_on(text, stack).filter(|_| !apostrophe)
}

/// `f` of [`ascii_fold`] of `text`, on the stack when the fold is only lower case.
pub fn with_ascii_fold<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut stack = [0u8; STACK_WORD];
    match folded_on(text, &mut stack) {
        // ASCII stays valid UTF-8 when lowered.
        Some(lowered) => f(std::str::from_utf8(lowered).unwrap_or_default()),
        None => f(&ascii_fold(text)),
    }
}

/// `f` of `word` in lower case, on the stack when it is short ASCII.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut stack = [0u8; STACK_WORD];
    match lowered_on(word, &mut stack) {
        Some(lowered) => f(std::str::from_utf8(lowered).unwrap_or_default()),
        None => f(&word.to_lowercase()),
    }
}

/// Replaces every non-overlapping `from` (two bytes) by `to`, left to right, in
/// place: what `str::replace` does, without allocating. Returns the new length.
/// `from` and `to` are ASCII, so UTF-8 stays valid.
fn replace_pair(bytes: &mut [u8], from: [u8; 2], to: u8) -> usize {
    let (mut read, mut write) = (0, 0);
    while read < bytes.len() {
        if bytes[read] == from[0] && bytes.get(read + 1) == Some(&from[1]) {
            bytes[write] = to;
            read += 2;
        } else {
            bytes[write] = bytes[read];
            read += 1;
        }
        write += 1;
    }
    write
}

fn replace_byte(bytes: &mut [u8], from: u8, to: u8) {
    for b in bytes.iter_mut().filter(|b| **b == from) {
        *b = to;
    }
}

/// Words up to this many bytes are folded in a buffer on the stack.
const STACK_WORD: usize = 48;

/// The consonant skeleton of one word (already lower-case ASCII letters):
/// `mamlouk` and `mamluk` → `mmlk`... precisely: first letter, then the consonants,
/// with q→k, ph→f, gh→g, kh→k, doubled letters collapsed and a final `h` dropped.
pub fn skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    skeleton_into(word, &mut out);
    out
}

/// [`skeleton`] appended to `out`: a name key is built from several of them.
fn skeleton_into(word: &str, out: &mut String) {
    let mut stack = [0u8; STACK_WORD];
    let mut heap = Vec::new();
    let bytes: &mut [u8] = if word.len() <= STACK_WORD {
        stack[..word.len()].copy_from_slice(word.as_bytes());
        &mut stack[..word.len()]
    } else {
        heap.extend_from_slice(word.as_bytes());
        &mut heap
    };
    // Each pass only where its letters occur: most words have no `q` or `c`.
    let mut len = bytes.len();
    if bytes.contains(&b'h') {
        len = replace_pair(&mut bytes[..len], *b"ph", b'f');
        len = replace_pair(&mut bytes[..len], *b"gh", b'g');
        len = replace_pair(&mut bytes[..len], *b"kh", b'k');
    }
    replace_byte(&mut bytes[..len], b'q', b'k');
    if bytes[..len].contains(&b'c') {
        len = replace_pair(&mut bytes[..len], *b"ck", b'k');
    }
    let bytes = &bytes[..len];
    let Ok(word) = std::str::from_utf8(bytes) else {
        return;
    };
    let mut chars = word.chars();
    let Some(head) = chars.next() else {
        return;
    };
    let start = out.len();
    out.push(head);
    let mut last = head;
    for c in chars {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w') || c == last {
            continue;
        }
        out.push(c);
        last = c;
    }
    if out.len() - start > 2 && out.ends_with('h') {
        out.pop();
    }
}

/// A lighter fold for a single word, where the consonant skeleton is too coarse
/// (`Bashar` and `Bashir` share one): vowels are kept, but `ou`→`u`, `ee`→`i`, q→k,
/// ph→f, doubled letters, a leading `al-`/`el-` and a final `h` fold away, so
/// `Mamlouk`/`Mamluk`, `Asad`/`Assad`, `al-Qaeda`/`Qaeda` still meet.
pub fn word_fold(word: &str) -> String {
    // Folded in place in the one buffer `ascii_fold` allocates.
    let mut bytes = ascii_fold(word).into_bytes();
    let len = word_fold_in_place(&mut bytes);
    bytes.truncate(len);
    // Only ASCII letters and digits are left.
    String::from_utf8(bytes).unwrap_or_default()
}

/// `f` of [`word_fold`] of `word`, folded on the stack when the word is short plain
/// ASCII: every capitalised word of a document is folded to be looked up.
pub fn with_word_fold<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut stack = [0u8; STACK_WORD];
    match folded_on(word, &mut stack) {
        Some(bytes) => {
            let len = word_fold_in_place(bytes);
            f(std::str::from_utf8(&bytes[..len]).unwrap_or_default())
        }
        None => f(&word_fold(word)),
    }
}

/// [`word_fold`] of bytes already [`ascii_fold`]ed, in place: their new length.
/// One pass: no replacement makes a pair another one replaces (`ou`, `ee` and `ph`
/// share no letter), so left to right at once is each in turn over the word.
fn word_fold_in_place(bytes: &mut [u8]) -> usize {
    let skip = super::particles::article_len(bytes);
    // Written from the front: the write position never passes the read position.
    let (mut read, mut write, mut last) = (skip, 0, None);
    while read < bytes.len() {
        let (c, width) = match (bytes[read], bytes.get(read + 1)) {
            (b'o', Some(b'u')) => (b'u', 2),
            (b'e', Some(b'e')) => (b'i', 2),
            (b'p', Some(b'h')) => (b'f', 2),
            (b'q', _) => (b'k', 1),
            (c, _) => (c, 1),
        };
        read += width;
        // `-` is dropped with every other non-alphanumeric byte: `al-Asad` inside a
        // word; doubled letters collapse.
        if c.is_ascii_alphanumeric() && last != Some(c) {
            bytes[write] = c;
            write += 1;
            last = Some(c);
        }
    }
    if write > 3 && bytes[write - 1] == b'h' {
        write -= 1;
    }
    write
}

/// The folded key of a name: skeletons of its words without particles, joined by
/// spaces. `General Ali Mamlouk`'s title must be stripped by the caller; particles
/// are stripped here (`Bashar al-Assad` and `Bashar Assad` share a key).
///
/// `Abd al-Aziz`, `Abdul Aziz`, `Abdel-Aziz` and `Abdulaziz` are one name ("servant
/// of the Mighty"), written as one word or two: each keys as `abd` joined to what
/// follows.
pub fn name_key(name: &str) -> String {
    with_ascii_fold(name, key_of_folded)
}

/// [`name_key`] of a name already [`ascii_fold`]ed.
fn key_of_folded(folded: &str) -> String {
    let mut key = String::with_capacity(folded.len());
    let mut words = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !super::particles::is_keyless(w));
    while let Some(word) = words.next() {
        // `al-Assad` written as one word `alassad` is rare; `Al-Assad` splits on '-'.
        if !key.is_empty() {
            key.push(' ');
        }
        match servant_of(word) {
            Some("") => match words.next() {
                Some(next) => skeleton_into(&format!("abd{next}"), &mut key),
                None => skeleton_into(word, &mut key),
            },
            Some(rest) => skeleton_into(&format!("abd{rest}"), &mut key),
            None => skeleton_into(word, &mut key),
        }
    }
    key
}

/// The ways `Abd al-` opens a name: longest first.
const SERVANT_OF: [&str; 8] = [
    "abdoul", "abdul", "abdel", "abdal", "abdol", "abdou", "abdu", "abd",
];

/// For a word that opens with `Abd al-` in some spelling, the rest of it (empty when
/// the word is only that: `Abd`, `Abdul`); `None` for other words, and for `Abdi`.
fn servant_of(word: &str) -> Option<&str> {
    if !word.starts_with("abd") {
        return None;
    }
    let prefix = SERVANT_OF.iter().find(|p| word.starts_with(*p))?;
    let rest = &word[prefix.len()..];
    (rest.is_empty() || (prefix.len() > 3 && rest.len() >= 2)).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The first, allocating versions: the fast ones must give the same keys, or
    /// indexes built before them would stop matching their own queries.
    mod reference {
        pub fn skeleton(word: &str) -> String {
            let word = word
                .replace("ph", "f")
                .replace("gh", "g")
                .replace("kh", "k")
                .replace('q', "k")
                .replace("ck", "k");
            let mut chars = word.chars();
            let Some(head) = chars.next() else {
                return String::new();
            };
            let mut out = String::new();
            out.push(head);
            for c in chars {
                if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w') || out.ends_with(c) {
                    continue;
                }
                out.push(c);
            }
            if out.len() > 2 && out.ends_with('h') {
                out.pop();
            }
            out
        }

        pub fn word_fold(word: &str) -> String {
            let folded = super::ascii_fold(word);
            let folded = folded[crate::text::particles::article_len(folded.as_bytes())..]
                .replace("ou", "u")
                .replace("ee", "i")
                .replace("ph", "f")
                .replace('q', "k")
                .replace('-', "");
            let mut out = String::new();
            for c in folded.chars().filter(|c| c.is_ascii_alphanumeric()) {
                if !out.ends_with(c) {
                    out.push(c);
                }
            }
            if out.len() > 3 && out.ends_with('h') {
                out.pop();
            }
            out
        }
    }

    /// `name_key` as it was first written, on the reference skeleton.
    fn reference_name_key(name: &str) -> String {
        let folded = ascii_fold(name);
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && !crate::text::particles::is_keyless(w))
            .collect();
        let mut keys = Vec::new();
        let mut k = 0;
        while k < words.len() {
            let word = words[k];
            k += 1;
            let joined = match servant_of(word) {
                Some("") if k < words.len() => {
                    k += 1;
                    format!("abd{}", words[k - 1])
                }
                Some(rest) if !rest.is_empty() => format!("abd{rest}"),
                _ => word.to_string(),
            };
            keys.push(reference::skeleton(&joined));
        }
        keys.join(" ")
    }

    proptest! {
        #[test]
        fn fast_folds_equal_the_reference(word in "[a-zA-Z' -]{0,12}|\\PC{0,8}") {
            prop_assert_eq!(skeleton(&word), reference::skeleton(&word));
            prop_assert_eq!(word_fold(&word), reference::word_fold(&word));
        }

        /// Folds on the stack give what the allocating ones give, short or long.
        #[test]
        fn stack_folds_equal_the_allocating_ones(word in "[a-zA-Z'`. -]{0,60}|\\PC{0,20}") {
            prop_assert_eq!(with_word_fold(&word, str::to_string), word_fold(&word));
            prop_assert_eq!(with_ascii_fold(&word, str::to_string), ascii_fold(&word));
            prop_assert_eq!(with_lowercase(&word, str::to_string), word.to_lowercase());
        }

        #[test]
        fn name_keys_equal_the_reference(name in "[a-zA-Z' .-]{0,70}|\\PC{0,30}") {
            prop_assert_eq!(name_key(&name), reference_name_key(&name));
        }

        #[test]
        fn folds_of_digraph_soup(word in "[phgkqcoueaw -]{0,16}") {
            prop_assert_eq!(skeleton(&word), reference::skeleton(&word));
            prop_assert_eq!(word_fold(&word), reference::word_fold(&word));
        }
    }

    #[test]
    fn transliteration_variants_share_a_skeleton() {
        let pairs = [
            ("mamlouk", "mamluk"),
            ("asad", "assad"),
            ("hizballah", "hezbollah"),
            ("qaida", "qaeda"),
            ("miqdad", "mekdad"),
            ("mughniyeh", "mugniyah"),
            ("turkiye", "turkey"),
        ];
        for (a, b) in pairs {
            assert_eq!(skeleton(a), skeleton(b), "{a} vs {b}");
        }
        assert_ne!(skeleton("assad"), skeleton("saad"));
    }

    #[test]
    fn name_keys_fold_particles_case_and_diacritics() {
        assert_eq!(name_key("Bashar Al-Assad"), name_key("bashar al-Asad"));
        assert_eq!(
            name_key("Recep Tayyip Erdoğan"),
            name_key("Recep Tayyip Erdogan")
        );
        assert_eq!(name_key("Husam Al’aa"), name_key("Husam Alaa"));
        assert_ne!(name_key("Ali Mamlouk"), name_key("Ali Larijani"));
    }

    #[test]
    fn abd_al_names_key_alike_in_one_word_or_two() {
        let key = name_key("Abdullah bin Abdulaziz");
        for spelling in [
            "Abdullah bin Abd al-Aziz",
            "Abdallah bin Abdul Aziz",
            "Abdullah bin Abdel-Aziz",
            "Abdullah bin Abd ul-Aziz",
        ] {
            assert_eq!(name_key(spelling), key, "{spelling}");
        }
        assert_eq!(
            name_key("Abdel Fattah al-Sisi"),
            name_key("Abdelfattah el-Sisi")
        );
        assert_ne!(name_key("Abdi Aziz"), name_key("Abdulaziz"));
        assert_ne!(name_key("Abdul Mahdi"), name_key("Abdul Aziz"));
    }
}
