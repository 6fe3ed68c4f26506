//! Runs: a paragraph's name-like words, split at punctuation, with the shapes of
//! words and paragraphs (capitals, particles, acronyms, headings, shouting) that
//! decide where a run starts and ends.

use super::*;

impl ActorFinder {
    /// Runs of name-like words in a paragraph, split at punctuation; `all` are the
    /// paragraph's words.
    /// `known_starts` remembers [`Self::is_known_start`] of the words of the
    /// document's paragraphs before: in capitals every word is asked, and a
    /// telegram's words come back again and again.
    pub(super) fn runs<'a>(
        &self,
        paragraph: &str,
        all: &[Word<'a>],
        shouting: bool,
        known_starts: &mut HashMap<&'a str, bool>,
    ) -> Vec<Vec<Word<'a>>> {
        let mut runs = Vec::new();
        let mut current: Vec<Word<'a>> = Vec::new();
        // After a nickname, the word that resumes the name: `Shalom "Charlie" Abutbul`.
        let mut resumes_at = None;
        let mut i = 0;
        while i < all.len() {
            let word = &all[i];
            i += 1;
            let gap = if i > 1 {
                &paragraph[all[i - 2].end..word.start]
            } else {
                ""
            };
            if let Some(after) = self.nickname_end(paragraph, all, i - 1, &current) {
                i = after;
                resumes_at = Some(after);
                continue;
            }
            // `Luis G. Moreno`: the dot of a middle initial does not end the name.
            let initial = i > 1 && is_initial(all[i - 2].text) && gap.trim() == ".";
            let resumed = resumes_at.take() == Some(i - 1);
            // `Society for the Handicapped -- Leila Ben Ali`: a dash between words
            // ends a name; a hyphen inside one does not.
            let dash = gap.contains("--") || (gap.contains('-') && gap.trim() != gap);
            let breaks = !initial
                && !resumed
                && (dash
                    || gap
                        .chars()
                        .any(|c| !c.is_whitespace() && c != '-' && c != '/' && c != '&'));
            if breaks
                || (gap.contains('\n') && !resumed && !is_wrap(paragraph, all[i - 2].end, gap))
            {
                flush(&mut current, &mut runs);
            }
            let capital = is_capitalised(word.text)
                && !(shouting
                    && !is_acronym(word.text)
                    && !*known_starts
                        .entry(word.text)
                        .or_insert_with(|| self.is_known_start(word.text)));
            // Connectors and (in capitals) further words only continue a run.
            // `Committee on Intelligence`, `Coalition to Defeat ISIS`, `Embassy in
            // Damascus`: after the head word of an organization, `on`, `to` and `in`
            // carry its name on to the capitalised words after them.
            let carries_name = !shouting
                && ORG_PREPOSITIONS.contains(&word.text)
                && current
                    .last()
                    .is_some_and(|w| self.org_words.contains(&ascii_fold(w.text)))
                && all.get(i).is_some_and(|next| is_capitalised(next.text));
            let continues = !current.is_empty()
                && (self.is_connector(word.text)
                    || carries_name
                    || (shouting && is_capitalised(word.text)));
            if capital || continues {
                current.push(word.clone());
                if is_possessive(word.text) {
                    flush(&mut current, &mut runs);
                }
            } else {
                flush(&mut current, &mut runs);
            }
        }
        flush(&mut current, &mut runs);
        runs
    }

    /// A nickname inside a name, quoted or in brackets, between a given name and
    /// the rest: `Wissam Mohammed “Abu Bakr” al-Saadi`, `Colonel Bjarne (Michael)
    /// Iverson`. Returns the index of the word that resumes the name, when `at` opens
    /// such a nickname; the nickname is left out of the name.
    pub(super) fn nickname_end(
        &self,
        paragraph: &str,
        all: &[Word],
        at: usize,
        current: &[Word],
    ) -> Option<usize> {
        let before = current.last()?;
        let opening = paragraph[before.end..all[at].start].trim();
        let closing = match opening {
            "“" => '”',
            "\"" => '"',
            "(" => ')',
            _ => return None,
        };
        let folded: Vec<String> = current.iter().map(|w| ascii_fold(w.text)).collect();
        let person = current.len() <= 3
            && folded.iter().any(|w| self.given_names.contains(w))
            && !folded.iter().any(|w| self.org_words.contains(w));
        if !person {
            return None;
        }
        for end in at..(at + 3).min(all.len()) {
            if !is_capitalised(all[end].text) {
                return None;
            }
            let next = all.get(end + 1)?;
            let gap = &paragraph[all[end].end..next.start];
            if gap.contains(closing) {
                let resumes = gap.trim() == closing.to_string()
                    && (is_capitalised(next.text) || starts_glued(next.text));
                return resumes.then_some(end + 1);
            }
            if !gap.trim().is_empty() {
                return None;
            }
        }
        None
    }

    /// Whether a word in capitals may begin a name: a catalogued name's first word,
    /// a one-word alias, or a given name (`RAINER BRUEDERLE`).
    pub(super) fn is_known_start(&self, word: &str) -> bool {
        with_word_fold(word, |fold| self.by_word.contains_key(fold))
            || self.first_words.contains_key(&name_key(word))
            || self
                .given_names
                .contains(&ascii_fold(strip_possessive(word)))
    }

    pub(super) fn is_connector(&self, word: &str) -> bool {
        ["of", "for", "and", "the"]
            .iter()
            .any(|c| word.eq_ignore_ascii_case(c))
            || (word.len() <= self.longest_particle
                && with_lowercase(word, |lower| self.particles.contains(lower)))
            || starts_glued(word)
    }

    /// A heading in title case (`Syria Keeps The Door Open`): as in capitals, its
    /// capitals say nothing of names. A line with a title or role in it (`Deputy
    /// Chief of Mission Luis G. Moreno`) names someone and is no heading.
    pub(super) fn is_heading(&self, paragraph: &str, headline: bool) -> bool {
        // `----` / `Doctor Asad:  Treat, Don't Condemn, the Illness` / `----`: a
        // cable's section heading, ruled above or below, whatever its words.
        let is_rule = |l: &str| {
            let l = l.trim();
            l.len() >= 5 && l.chars().all(|c| matches!(c, '-' | '_' | '=' | '*' | ' '))
        };
        if paragraph.lines().any(is_rule) {
            let mut content = paragraph
                .lines()
                .filter(|l| !l.trim().is_empty() && !is_rule(l));
            if let (Some(line), None) = (content.next(), content.next()) {
                let words = line.split_whitespace().count();
                return (2..=14).contains(&words) && !line.trim_end().ends_with('.');
            }
        }
        let line = paragraph.trim();
        if line.contains('\n') || line.ends_with(['.', ',', ';']) {
            return false;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        (3..=12).contains(&words.len())
            && words.iter().all(|w| {
                // Title case leaves short words low (`from`, `with` in a headline).
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                letters < if headline { 6 } else { 4 }
                    || w.chars()
                        .find(|c| c.is_alphabetic())
                        .is_some_and(char::is_uppercase)
            })
            && (headline || !words.iter().any(|w| self.titles.contains(&ascii_fold(w))))
    }
}

/// Whether the line break in `gap` (after a word ending at `end`) only wraps a
/// long line of running text, as telegrams and hard-wrapped pages do (`Sheikh
/// Mohammed bin` / `Zayed`), rather than ending a short line of a menu or list.
pub(super) fn is_wrap(paragraph: &str, end: usize, gap: &str) -> bool {
    let line_start = paragraph[..end].rfind('\n').map_or(0, |i| i + 1);
    gap.matches('\n').count() == 1 && end - line_start >= 45
}

/// A single capital letter: a middle initial once its dot is cut (`G`).
pub(super) fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

pub(super) fn flush<'a>(current: &mut Vec<Word<'a>>, runs: &mut Vec<Vec<Word<'a>>>) {
    if !current.is_empty() {
        runs.push(std::mem::take(current));
    }
}

/// The text of a run of words as written; a nickname the run skipped
/// (`Shalom "Charlie" Abutbul`) is left out.
pub(super) fn span<'a>(text: &'a str, words: &[Word]) -> Cow<'a, str> {
    let (Some(a), Some(b)) = (words.first(), words.last()) else {
        return Cow::Borrowed("");
    };
    let whole = &text[a.start..b.end];
    // Only a gap longer than a space or two can hold a skipped nickname; `“`
    // begins with the byte 0xE2 in UTF-8.
    let skipped = words.windows(2).any(|pair| {
        let gap = &text[pair[0].end..pair[1].start];
        gap.len() > 2 && gap.bytes().any(|b| matches!(b, b'"' | b'(' | 0xE2))
    });
    if !skipped {
        return Cow::Borrowed(whole);
    }
    let mut out = String::with_capacity(whole.len());
    for (k, word) in words.iter().enumerate() {
        if k > 0 {
            let gap = &text[words[k - 1].end..word.start];
            out.push_str(if gap.contains(['“', '"', '(']) {
                " "
            } else {
                gap
            });
        }
        out.push_str(word.text);
    }
    Cow::Owned(out)
}

pub(super) fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        // `al-Miqdad`, `el-Sisi`: a lower-case particle joined to a capitalised name.
        Some(_) => starts_glued(word),
        None => false,
    }
}

/// Two to six capital letters, dots aside: `CIA`, `U.S.`, `GID`.
pub(super) fn is_acronym(word: &str) -> bool {
    let mut letters = 0;
    for b in word.bytes().filter(|b| *b != b'.') {
        if !b.is_ascii_uppercase() || letters == 6 {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

pub(super) fn is_possessive(word: &str) -> bool {
    ["'s", "’s", "s'", "s’", "'S", "’S"]
        .iter()
        .any(|end| word.ends_with(end))
}

pub(crate) fn strip_possessive(word: &str) -> &str {
    ["'s", "’s", "'S", "’S"]
        .iter()
        .find_map(|end| word.strip_suffix(end))
        .unwrap_or(word)
}

/// The first characters of `text` in lower case, as many as the longest cue of
/// [`apposition_after`] needs: the rest of the paragraph is never read.
pub(super) fn lower_prefix(text: &str) -> String {
    text.chars().take(12).flat_map(char::to_lowercase).collect()
}

/// `Participants:` (any case) opens a cable's list of the people at a meeting.
pub(super) fn is_participant_list(paragraph: &str) -> bool {
    const CUE: &[u8] = b"participants";
    // From each colon back: colons are few, and every paragraph is asked.
    let bytes = paragraph.as_bytes();
    paragraph
        .match_indices(':')
        .any(|(at, _)| at >= CUE.len() && bytes[at - CUE.len()..at].eq_ignore_ascii_case(CUE))
}

/// A paragraph written in capitals (old telegrams): capitalisation says nothing.
pub(crate) fn is_shouting(paragraph: &str) -> bool {
    // Every paragraph of every document is asked: ASCII letters are counted without
    // decoding, and only the characters beyond ASCII are decoded.
    let bytes = paragraph.as_bytes();
    // Counts of one class each, which the compiler turns into vector code.
    let mut upper = bytes.iter().filter(|b| b.is_ascii_uppercase()).count();
    let mut letters = upper + bytes.iter().filter(|b| b.is_ascii_lowercase()).count();
    if !paragraph.is_ascii() {
        for (at, _) in bytes.iter().enumerate().filter(|(_, &b)| b >= 0xC0) {
            // A byte from 0xC0 up starts a character, so `at` is a boundary.
            if let Some(c) = paragraph[at..].chars().next() {
                letters += usize::from(c.is_alphabetic());
                upper += usize::from(c.is_uppercase());
            }
        }
    }
    letters > 40 && upper * 10 > letters * 8
}
