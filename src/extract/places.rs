//! Places: countries, regions and cities named in a document, with demonyms
//! (`Syrian` → Syria) and addressee posts (`AMEMBASSY AMMAN` → Amman).

use rustc_hash::FxHashMap as HashMap;

use crate::catalog::Place;
use crate::text::normalize::ascii_fold;

/// Longest place name, in words.
const MAX_WORDS: usize = 4;

pub struct Gazetteer {
    /// Folded name, alias or demonym → canonical name.
    names: HashMap<String, String>,
    /// Folded first word of a name of several words → the most words such a name
    /// has: a word that begins none is looked up alone, not as four spans.
    first_words: HashMap<String, usize>,
}

/// A capitalised word of the text and where it starts and ends.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Words of the text: runs of letters, digits, apostrophes, dots inside
/// abbreviations (`U.S.`) and hyphens.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut start = None;
    // Whether the current word has a hyphen: only those need the prefix and suffix
    // checks of `push_word`, and extraction tokenizes every document twice.
    let mut hyphen = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII bytes are classified as they are; other characters are decoded.
        let (alphanumeric, inside, width) = match bytes[i] {
            b if b.is_ascii() => {
                let alphanumeric = b.is_ascii_alphanumeric();
                // `U/S`, `S/CT`, `POL/ECON`: cable role abbreviations are one word.
                let inside = alphanumeric || matches!(b, b'\'' | b'-' | b'.' | b'/');
                (alphanumeric, inside, 1)
            }
            _ => match text[i..].chars().next() {
                Some(c) => {
                    let alphanumeric = c.is_alphanumeric();
                    (alphanumeric, alphanumeric || c == '’', c.len_utf8())
                }
                None => break,
            },
        };
        match (inside, start) {
            (true, None) if alphanumeric => {
                start = Some(i);
                hyphen = false;
            }
            (true, Some(_)) if bytes[i] == b'-' => hyphen = true,
            (false, Some(s)) => {
                push_word(text, s, i, hyphen, &mut out);
                start = None;
            }
            _ => {}
        }
        i += width;
    }
    if let Some(s) = start {
        push_word(text, s, text.len(), hyphen, &mut out);
    }
    out
}

fn push_word<'a>(text: &'a str, start: usize, end: usize, hyphen: bool, out: &mut Vec<Word<'a>>) {
    let mut word = &text[start..end];
    // A sentence-final dot is not part of the word, except in `U.S.`-style abbreviations.
    while let Some(stripped) = word.strip_suffix(['.', '-', '\'', '’', '/']) {
        if word.ends_with('.') && stripped.contains('.') && stripped.len() <= 6 {
            break;
        }
        word = stripped;
    }
    let mut start = start;
    if hyphen {
        // `CIA-run`, `United Nations-led`: the name without its suffix; `pro-Assad`:
        // the name without its prefix.
        if let Some((head, tail)) = word.rsplit_once('-') {
            if is_english_suffix(tail) && head.chars().next().is_some_and(char::is_uppercase) {
                word = head;
            }
        }
        if let Some((head, tail)) = word.split_once('-') {
            let particle = crate::text::particles::is_glued(head);
            if !particle
                && head.chars().all(char::is_lowercase)
                && tail.chars().next().is_some_and(char::is_uppercase)
            {
                start += head.len() + 1;
                word = tail;
            }
        }
    }
    if !word.is_empty() {
        out.push(Word {
            text: word,
            start,
            end: start + word.len(),
        });
    }
}

/// `-run`, `-led`, `-backed`, `-style`: an English word that makes a name an
/// adjective. Other lower-case tails belong to the name (`Lee Jong-seok`, `Kim Jong-il`).
fn is_english_suffix(tail: &str) -> bool {
    const WORDS: [&str; 14] = [
        "run", "led", "held", "born", "made", "style", "era", "like", "type", "wide", "free",
        "level", "friendly", "majority",
    ];
    tail.chars().all(char::is_lowercase)
        && (tail.ends_with("ed") || tail.ends_with("ing") || WORDS.contains(&tail))
}

impl Gazetteer {
    pub fn new(places: &[Place]) -> Gazetteer {
        let mut names = HashMap::default();
        let mut first_words: HashMap<String, usize> = HashMap::default();
        for place in places {
            for name in std::iter::once(&place.name)
                .chain(&place.aliases)
                .chain(&place.demonyms)
            {
                let key = key(name);
                let n = key.split(' ').count();
                if n > 1 {
                    let longest = first_words.entry(head_of(&key).to_string()).or_insert(1);
                    *longest = (*longest).max(n);
                }
                names.insert(key, place.name.clone());
            }
        }
        Gazetteer { names, first_words }
    }

    /// The canonical place a name refers to, if any.
    pub fn lookup(&self, name: &str) -> Option<&str> {
        let stripped = name
            .strip_suffix("'s")
            .or_else(|| name.strip_suffix("’s"))
            .unwrap_or(name);
        // Most lookups are of one plain ASCII word, whose key is its lower case:
        // folded on the stack, as every word of a run is looked up.
        const SHORT: usize = 32;
        let plain = |b: u8| b.is_ascii() && !b.is_ascii_whitespace() && b != b'\'' && b != b'`';
        if stripped.len() <= SHORT && stripped.bytes().all(plain) {
            let mut buffer = [0u8; SHORT];
            let folded = &mut buffer[..stripped.len()];
            folded.copy_from_slice(stripped.as_bytes());
            folded.make_ascii_lowercase();
            let folded = std::str::from_utf8(folded).ok()?;
            return self.names.get(folded).map(String::as_str);
        }
        self.names.get(&key(name)).map(String::as_str)
    }

    /// How many words a place name starting with `word` (as written, or folded) may
    /// have: 1 unless some name of two words or more starts with it. Names are
    /// looked up longest first, and most capitalised words start no such name.
    pub fn longest_from(&self, word: &str) -> usize {
        const SHORT: usize = 32;
        if word.is_ascii() && word.len() <= SHORT {
            // The head of the word's fold, on the stack: every capitalised word of
            // a document is asked.
            let mut buffer = [0u8; SHORT];
            let mut len = 0;
            for b in word.bytes() {
                match b {
                    b'\'' | b'`' => {}
                    b if b.is_ascii_alphanumeric() => {
                        buffer[len] = b.to_ascii_lowercase();
                        len += 1;
                    }
                    _ => break,
                }
            }
            let head = std::str::from_utf8(&buffer[..len]).unwrap_or_default();
            return self.first_words.get(head).copied().unwrap_or(1);
        }
        let folded = ascii_fold(word);
        if folded.contains(char::is_whitespace) {
            MAX_WORDS
        } else {
            self.first_words.get(head_of(&folded)).copied().unwrap_or(1)
        }
    }

    /// Places named in the text (capitalised words only) and in addressee lines.
    /// `words` are [`words`] of `text`, which the actor finder reads too.
    pub fn find(&self, text: &str, words: &[Word], addressees: &[String]) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        let mut add = |name: &str| {
            if !found.iter().any(|f| f == name) {
                found.push(name.to_string());
            }
        };
        for (_, _, place) in self.matches(text, words) {
            add(place);
        }
        for line in addressees {
            // `AMEMBASSY AMMAN`, `SECSTATE WASHDC`: the city is the rest of the line.
            let city = line.split_once(' ').map(|(_, c)| c).unwrap_or(line);
            let city = if city.eq_ignore_ascii_case("WASHDC") {
                "Washington"
            } else {
                city
            };
            if let Some(place) = self.lookup(city) {
                add(place);
            }
        }
        found
    }

    /// Every place mention: (start, end) byte span and canonical name, from the
    /// [`words`] of `text`.
    pub fn matches<'a>(&'a self, text: &str, words: &[Word]) -> Vec<(usize, usize, &'a str)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if !starts_upper(words[i].text) {
                i += 1;
                continue;
            }
            let longest = self.longest_from(words[i].text);
            let mut matched = None;
            for n in (1..=longest.min(words.len() - i)).rev() {
                let span = &text[words[i].start..words[i + n - 1].end];
                if n > 1 && span.contains(['\n', ',', ';', '(', ')']) {
                    continue;
                }
                if let Some(place) = self.lookup(span) {
                    matched = Some((n, span, place));
                    break;
                }
            }
            match matched {
                Some((n, _, place)) => {
                    out.push((words[i].start, words[i + n - 1].end, place));
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// The leading letters and digits of a folded name: `st. petersburg` → `st`.
fn head_of(folded: &str) -> &str {
    let end = folded
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(folded.len());
    &folded[..end]
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn key(name: &str) -> String {
    let name = name
        .strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .unwrap_or(name);
    let folded = ascii_fold(name);
    if !folded.contains(char::is_whitespace) {
        return folded;
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn gazetteer() -> Gazetteer {
        let place = |name: &str, aliases: &[&str], demonyms: &[&str]| Place {
            name: name.to_string(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            demonyms: demonyms.iter().map(|s| s.to_string()).collect(),
        };
        Gazetteer::new(&[
            place("Syria", &["Syrian Arab Republic"], &["Syrian"]),
            place("Türkiye", &["Turkey"], &["Turkish"]),
            place("Côte d'Ivoire", &["Ivory Coast"], &[]),
        ])
    }

    #[test]
    fn names_aliases_and_demonyms_are_found_in_any_case() {
        let places = gazetteer();
        for (name, place) in [
            ("syria", "Syria"),
            ("SYRIAN", "Syria"),
            ("Syria's", "Syria"),
            ("Syria’s", "Syria"),
            ("Syrian  Arab\nRepublic", "Syria"),
            ("Turkiye", "Türkiye"),
            ("Cote d'Ivoire", "Côte d'Ivoire"),
        ] {
            assert_eq!(places.lookup(name), Some(place), "{name}");
        }
        assert_eq!(places.lookup("Syrians"), None);
    }

    proptest! {
        /// The stack-folded lookup of plain words answers as the general key does.
        #[test]
        fn lookups_equal_the_general_key(name in "[A-Za-z' ’`-]{0,20}(s|'s|’s)?|\\PC{0,12}") {
            let places = gazetteer();
            prop_assert_eq!(places.lookup(&name), places.names.get(&key(&name)).map(String::as_str));
        }

        /// The stack-folded head of a plain word is the head of its fold.
        #[test]
        fn longest_names_are_found_from_the_fold_of_the_first_word(word in "(Syrian|Cote|C[oô]te|Tel|d'Ivoire|[A-Za-z'`.-]{0,40}|\\PC{0,12})") {
            let places = gazetteer();
            let folded = ascii_fold(&word);
            let expected = if folded.contains(char::is_whitespace) {
                MAX_WORDS
            } else {
                places.first_words.get(head_of(&folded)).copied().unwrap_or(1)
            };
            prop_assert_eq!(places.longest_from(&word), expected);
        }
    }
}
