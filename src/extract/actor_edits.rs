//! Which documents an edit of `schema/actors.toml` can change.
//!
//! Analysts add an alias or a known actor every week; that must not cost a
//! re-extraction of the whole corpus. A known actor is found only through lookups of
//! what a document writes — a multi-word name by its name key, a one-word alias by its
//! `word_fold`, an acronym as written — so a document in which no changed lookup can
//! hit is extracted the same before and after the edit, and keeps its records.
//!
//! The test is coarse on purpose: it must never pass over a document the edit
//! changes, and may send a few it does not change to be extracted again. It compares
//! *consonant classes* ([`consonant_classes`]) of whole words: vowels, `y`, `w` and
//! `h` dropped, `p`/`f` and `c`/`k`/`q` merged, repeats collapsed. Every step of
//! `skeleton` and of `word_fold` keeps a word's classes, so:
//! - a span that folds to a changed multi-word key has, for each word of the key, a
//!   word (a run of letters and digits) with the classes of that key word;
//! - a span that folds to a changed one-word alias is one word with particles
//!   (`al`, `el`, `ul`, `the`) around it, so its word's classes are the alias's with
//!   at most some `l` and `t` classes cut from either end.

use aho_corasick::AhoCorasick;

use super::actors::{is_shouting, strip_possessive, ChangedLookups};
use super::full_text;
use super::places;
use crate::record::Draft;
use crate::text::normalize::ascii_fold_into;

/// The documents an `actors.toml` edit can change.
pub struct ActorEdit {
    /// Some changed lookup has no letters to look for: every document may change.
    everything: bool,
    /// Consonant classes of each word of each changed key, and of each changed fold.
    classes: Option<AhoCorasick>,
    /// For each changed key or fold, the patterns of `classes` that must all occur.
    needs: Vec<Vec<usize>>,
    /// Changed acronyms, matched in the text with its dots removed.
    acronyms: Option<AhoCorasick>,
    /// Classes of first words of names in one catalog only, matched in all-caps
    /// paragraphs.
    starts: Option<AhoCorasick>,
}

impl ActorEdit {
    /// The test for `changed`; `None` (an edit that reaches every lookup) makes every
    /// document a candidate.
    pub fn new(changed: Option<&ChangedLookups>) -> ActorEdit {
        let Some(changed) = changed else {
            return ActorEdit::everything();
        };
        let mut patterns: Vec<String> = Vec::new();
        let mut id_of = |classes: String| match patterns.iter().position(|p| *p == classes) {
            Some(id) => id,
            None => {
                patterns.push(classes);
                patterns.len() - 1
            }
        };
        // For each changed key or fold: the words whose classes must all occur.
        let mut needs: Vec<Vec<usize>> = Vec::new();
        for key in &changed.keys {
            let words: Vec<String> = key
                .split(' ')
                .map(consonant_classes)
                .filter(|c| !c.is_empty())
                .collect();
            if words.is_empty() {
                return ActorEdit::everything();
            }
            needs.push(words.into_iter().map(|w| id_of(format!("|{w}|"))).collect());
        }
        for fold in &changed.folds {
            for word in particle_trims(&consonant_classes(fold)) {
                if word.is_empty() {
                    return ActorEdit::everything();
                }
                needs.push(vec![id_of(format!("|{word}|"))]);
            }
        }
        let build = |patterns: &[String]| {
            if patterns.is_empty() {
                return Ok(None);
            }
            AhoCorasick::new(patterns).map(Some)
        };
        // First words of names matter in all-caps paragraphs only, where they start runs.
        let mut starts = Vec::new();
        for start in &changed.starts {
            let classes = consonant_classes(start);
            if classes.is_empty() {
                return ActorEdit::everything();
            }
            starts.push(format!("|{classes}|"));
        }
        // An empty acronym (an alias `"."`) matches an addressee line with nothing on it.
        if changed.acronyms.iter().any(String::is_empty) {
            return ActorEdit::everything();
        }
        let acronyms = changed.acronyms.clone();
        match (build(&patterns), build(&acronyms), build(&starts)) {
            (Ok(classes), Ok(acronyms), Ok(starts)) => ActorEdit {
                everything: false,
                classes,
                needs,
                acronyms,
                starts,
            },
            // Too many patterns for the automaton: no shortcut, extract everything.
            _ => ActorEdit::everything(),
        }
    }

    fn everything() -> ActorEdit {
        ActorEdit {
            everything: true,
            classes: None,
            needs: Vec::new(),
            acronyms: None,
            starts: None,
        }
    }

    /// Whether the edit changed no lookup at all (a comment, an entry moved).
    pub fn is_empty(&self) -> bool {
        !self.everything
            && self.needs.is_empty()
            && self.acronyms.is_none()
            && self.starts.is_none()
    }

    /// Whether extracting `draft` with the edited catalog can give another record
    /// than before the edit. False only when no changed lookup can hit.
    pub fn may_change(&self, draft: &Draft) -> bool {
        if self.everything {
            return true;
        }
        let mut text = full_text(draft);
        if let Some(acronyms) = &self.acronyms {
            for line in &draft.addressees {
                text.push_str("\n\n");
                text.push_str(line);
            }
            // `C.I.A.` is looked up as `CIA`.
            let undotted = text.replace('.', "");
            if acronyms.is_match(&undotted) {
                return true;
            }
        }
        if let Some(starts) = &self.starts {
            let shouting: String = text
                .split("\n\n")
                .filter(|paragraph| is_shouting(paragraph))
                .collect::<Vec<_>>()
                .join("\n\n");
            if !shouting.is_empty() && starts.is_match(&document_classes(&shouting, &[])) {
                return true;
            }
        }
        let Some(classes) = &self.classes else {
            return false;
        };
        let document = document_classes(&text, &draft.addressees);
        let mut found = vec![false; classes.patterns_len()];
        for m in classes.find_overlapping_iter(&document) {
            found[m.pattern().as_usize()] = true;
        }
        self.needs
            .iter()
            .any(|need| need.iter().all(|&id| found[id]))
    }
}

/// The word classes of what the actor finder reads: each word as `places::words` cuts
/// it, folded with and without its possessive (`Assad's` is looked up as `Assad`, and
/// as itself), and the addressee lines, which are looked up whole.
fn document_classes(text: &str, addressees: &[String]) -> String {
    let mut folded = String::with_capacity(text.len() + 64);
    for word in places::words(text) {
        ascii_fold_into(word.text, &mut folded);
        folded.push(' ');
        let stripped = strip_possessive(word.text);
        if stripped.len() != word.text.len() {
            ascii_fold_into(stripped, &mut folded);
            folded.push(' ');
        }
    }
    for line in addressees {
        folded.push('\n');
        ascii_fold_into(line, &mut folded);
    }
    word_classes(&folded)
}

/// The ways a one-word alias with consonant classes `classes` can be written as a
/// word with particles around it: `classes` with any `l`s and `t`s cut from its ends.
fn particle_trims(classes: &str) -> Vec<&str> {
    let trimmable = |b: u8| matches!(b, b'l' | b't');
    let bytes = classes.as_bytes();
    let starts = 1 + bytes.iter().take_while(|b| trimmable(**b)).count();
    let ends = 1 + bytes.iter().rev().take_while(|b| trimmable(**b)).count();
    let mut out = Vec::new();
    for start in 0..starts.min(bytes.len() + 1) {
        for cut in 0..ends {
            let end = bytes.len().saturating_sub(cut);
            if start <= end && !out.contains(&&classes[start..end]) {
                out.push(&classes[start..end]);
            }
        }
    }
    out
}

/// The consonant classes of each word (run of ASCII letters and digits) of
/// lower-case ASCII text, each between `|`s: `al-Asad met` → `|l|sd|mt|`.
fn word_classes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() / 2 + 1);
    out.push('|');
    let mut last = None;
    let mut in_word = false;
    for b in text.bytes() {
        if !b.is_ascii_alphanumeric() {
            if in_word {
                out.push('|');
                in_word = false;
                last = None;
            }
            continue;
        }
        in_word = true;
        if let Some(class) = class_of(b) {
            if last != Some(class) {
                out.push(char::from(class));
                last = Some(class);
            }
        }
    }
    if in_word {
        out.push('|');
    }
    out
}

/// The class of one letter or digit; `None` for those dropped.
fn class_of(b: u8) -> Option<u8> {
    match b.to_ascii_lowercase() {
        b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w' | b'h' => None,
        b'p' => Some(b'f'),
        b'c' | b'q' => Some(b'k'),
        c if c.is_ascii_alphanumeric() => Some(c),
        _ => None,
    }
}

/// The consonant classes of lower-case ASCII text: letters and digits only, without
/// vowels, `y`, `w` and `h`, with `p`→`f` and `c`/`q`→`k`, repeats collapsed.
/// `mamlouk`, `mamluk` and `mmlk` all give `mmlk`→`mlk`; `phalange` gives `flng`.
pub fn consonant_classes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() / 2);
    let mut last = None;
    for b in text.bytes() {
        let Some(class) = class_of(b) else {
            continue;
        };
        if last != Some(class) {
            out.push(char::from(class));
            last = Some(class);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::{ascii_fold, skeleton, word_fold};
    use proptest::prelude::*;

    #[test]
    fn words_are_read_as_classes_between_bars() {
        assert_eq!(word_classes("al-asad met 2 envoys"), "|l|sd|mt|2|nvs|");
        assert_eq!(word_classes("a, i"), "|||");
        assert_eq!(consonant_classes("mamlouk"), "mlk");
        assert_eq!(consonant_classes("phalange"), "flng");
        assert_eq!(
            document_classes("Assad's men met\n\nQa'ida™", &["CIA WASHDC".to_string()]),
            "|sds|sd|mn|mt|kd|k|sdk|"
        );
        assert_eq!(
            particle_trims("tlbt"),
            ["tlbt", "tlb", "lbt", "lb", "bt", "b"]
        );
        assert_eq!(particle_trims("mlk"), ["mlk"]);
    }

    proptest! {
        /// The two claims the test rests on: `skeleton` and `word_fold` keep the classes
        /// of what they fold (`word_fold` after its leading `al-` is cut).
        #[test]
        fn folding_keeps_consonant_classes(word in "[a-z0-9]{1,24}", text in "[A-Za-z0-9'’ .-]{1,24}") {
            prop_assert_eq!(consonant_classes(&skeleton(&word)), consonant_classes(&word));
            let folded = ascii_fold(&text);
            let rest = &folded[crate::text::particles::article_len(folded.as_bytes())..];
            prop_assert_eq!(consonant_classes(&word_fold(&text)), consonant_classes(rest));
        }
    }
}
