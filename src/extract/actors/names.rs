//! The cues that make a run a person: a known first word, a title or role before
//! it or in apposition, a relative of a named person, a surname the document
//! already gave in full, a name continued across a line.

use super::*;

impl ActorFinder {
    /// A word that can be a surname standing alone: no given name, English word,
    /// title, head word, place or common capitalised word.
    /// `english`: whether an English word may be a surname here (after an
    /// abbreviated office).
    pub(super) fn surname_alone(
        &self,
        word: &Word,
        folded: &str,
        places: &Gazetteer,
        english: bool,
    ) -> bool {
        !self.given_names.contains(folded)
            && (english || !self.english.contains(folded))
            && self.name_word(word, folded, places)
    }

    /// A word that can be part of a person's name after an office: no title, head
    /// word, place or common capitalised word.
    pub(super) fn name_word(&self, word: &Word, folded: &str, places: &Gazetteer) -> bool {
        folded.len() >= 3
            && word.text.chars().any(char::is_alphabetic)
            && !self.titles.contains(folded)
            && !self.org_words.contains(folded)
            && !self.not_names.contains(folded)
            && !self.thing_words.contains(folded)
            && places.lookup(strip_possessive(word.text)).is_none()
    }

    /// In capitals, a person is a given name and one or two more words that are
    /// not titles, head words, places or common words: how many words, if any.
    /// After an office (`GENERAL SAID TAHERI`) the given name may be an English word.
    pub(super) fn shouted_person(
        &self,
        run: &[Word],
        folded: &[String],
        places: &Gazetteer,
        after_office: bool,
    ) -> Option<usize> {
        let plain = |k: usize| {
            let f = folded[k].as_str();
            !self.titles.contains(f)
                && !self.org_words.contains(f)
                && !self.not_names.contains(f)
                && !SPEECH.contains(&f)
                && !matches!(f, "of" | "for" | "and" | "the")
                && (k == 0 || !self.english.contains(f))
                && !self.thing_words.contains(f)
                && places.lookup(strip_possessive(run[k].text)).is_none()
                && run[k].text.chars().any(char::is_alphabetic)
                && !run[k].text.contains('/')
        };
        let given = (self.given_names.contains(&folded[0]) && plain(0))
            || (after_office && self.given_english.contains(&folded[0]));
        if run.len() < 2 || !given {
            return None;
        }
        let mut n = 1;
        while n < run.len() && n < 4 && plain(n) {
            n += 1;
            if is_possessive(run[n - 1].text) {
                break;
            }
        }
        (n >= 2).then_some(n)
    }

    /// A known actor starting at the first word of `run`: (words, index).
    pub(super) fn known_at<'t>(
        &self,
        paragraph: &str,
        run: &[Word<'t>],
        first_words: &mut HashMap<&'t str, FirstWord>,
    ) -> Option<(usize, usize)> {
        let first = *first_words
            .entry(run[0].text)
            .or_insert_with(|| self.first_word(run[0].text));
        for n in (1..=first.longest.min(run.len())).rev() {
            let found = if n == 1 {
                first.single.as_ref()
            } else {
                self.lookup(strip_possessive(&span(paragraph, &run[..n])))
            };
            if let Some(&idx) = found {
                // `Foreign Minister` folds as `Foreign Ministry` does: a title ends
                // a person's role, never an organization's name.
                // So does `Minister of Foreign Affairs`, at the other end.
                let actor = &self.known[idx];
                let names = || std::iter::once(&actor.name).chain(&actor.aliases);
                let is_role = |word: &str, edge: fn(&str) -> Option<&str>| {
                    let word = ascii_fold(strip_possessive(word));
                    self.titles.contains(&word)
                        && !self.org_words.contains(&word)
                        && !names().any(|a| edge(a).map(ascii_fold).as_deref() == Some(&word))
                };
                let role = actor.kind == ActorType::Organization
                    && (is_role(run[n - 1].text, |a| a.rsplit(' ').next())
                        || is_role(run[0].text, |a| a.split(' ').next()));
                // `Mubarak al-Bathali`: a one-word alias with a name after it is
                // someone else's given name.
                let given = n == 1
                    && actor.kind == ActorType::Person
                    && run.get(1).is_some_and(|next| {
                        let f = ascii_fold(strip_possessive(next.text));
                        starts_glued(next.text)
                            || (!self.titles.contains(&f)
                                && !self.org_words.contains(&f)
                                && !self.not_names.contains(&f)
                                && !self.english.contains(&f)
                                && !is_acronym(next.text)
                                && !matches!(f.as_str(), "of" | "for" | "and" | "the"))
                    });
                if !role && !given {
                    return Some((n, idx));
                }
            }
        }
        None
    }

    /// What the catalogue says of `word` as the first word of a name.
    pub(super) fn first_word(&self, word: &str) -> FirstWord {
        // A multi-word key starts with the first word's key (particles fold away, so
        // a particle first word says nothing): most runs need one lookup, not five.
        let text = strip_possessive(word);
        let key = name_key(text);
        let longest = match key.split(' ').next() {
            Some(head) if !head.is_empty() => self.first_words.get(head).copied().unwrap_or(1),
            _ => self.longest_alias,
        };
        // Acronyms are matched exactly, elsewhere.
        let single = (!is_acronym(text))
            .then(|| self.lookup_keyed(text, &key).copied())
            .flatten();
        FirstWord { longest, single }
    }

    /// How far an organization's name ending with its head word at `end` goes on:
    /// `Higher Regional Court of Koblenz`, `Central Bank of the Republic of Turkey`,
    /// `Washington Institute for Near East Policy`, `Senate Select Committee on
    /// Intelligence`, `Global Coalition to Defeat ISIS`, `Embassy in Damascus`.
    pub(super) fn name_continued(
        &self,
        run: &[Word],
        folded: &[String],
        end: usize,
        places: &Gazetteer,
    ) -> usize {
        let head = folded[end - 1].as_str();
        // `Embassy Damascus`, `U.S. Embassy Tripoli`: a mission named by its post.
        if matches!(head, "embassy" | "consulate")
            && !is_possessive(run[end - 1].text)
            && run
                .get(end)
                .is_some_and(|w| places.lookup(strip_possessive(w.text)).is_some())
        {
            return end + 1;
        }
        let carries = |f: &str| match f {
            "of" | "for" | "on" => true,
            "to" => matches!(head, "coalition" | "mission" | "delegation" | "alliance"),
            "in" => IN_PLACE_HEADS.contains(&head),
            _ => false,
        };
        if end >= run.len() || is_possessive(run[end - 1].text) || !carries(&folded[end]) {
            return end;
        }
        let mut n = end + 1;
        let mut last_name_word = end;
        while n < run.len() && n < end + 10 {
            let f = folded[n].as_str();
            // `... of Koblenz and the Washington Institute`: two names.
            if f == "and" && folded.get(n + 1).is_some_and(|next| next == "the") {
                break;
            }
            if matches!(f, "of" | "and" | "the" | "for") {
                n += 1;
                continue;
            }
            // `Fourth Division of Assad`: whose it is, not its name; `Court on
            // Friday`: when.
            let person = self.given_names.contains(f)
                || self
                    .by_word
                    .get(&word_fold(strip_possessive(run[n].text)))
                    .is_some_and(|&i| self.known[i].kind == ActorType::Person);
            let weekday = f.len() > 6 && f.ends_with("day") && self.not_names.contains(f);
            if !is_capitalised(run[n].text)
                || self.honorifics.contains(f)
                || crate::text::date::is_month(f)
                || weekday
                || person
            {
                break;
            }
            if is_possessive(run[n].text) {
                // `Information Branch of Lebanon's Internal Security Forces`: the
                // branch belongs to what follows; its own name ends at its head.
                return end;
            }
            last_name_word = n + 1;
            n += 1;
        }
        last_name_word.max(end)
    }

    /// The surname a given name shares with the next one: `Aviv` in `Aviv and Adam
    /// Abutbul` is Aviv Abutbul. Both must be given names, and what follows the
    /// second one or two words that are no English words.
    pub(super) fn shared_surname<'a>(
        &self,
        paragraph: &'a str,
        run: &[Word],
        folded: &[String],
    ) -> Option<&'a str> {
        if run.len() < 4
            || folded[1] != "and"
            || !self.given_names.contains(&folded[0])
            || !self.given_names.contains(&folded[2])
        {
            return None;
        }
        let words = (3..run.len().min(5))
            .take_while(|&k| {
                !self.english.contains(&folded[k])
                    && !self.given_names.contains(&folded[k])
                    && !self.org_words.contains(&folded[k])
                    && !self.titles.contains(&folded[k])
                    && is_capitalised(run[k].text)
            })
            .count();
        (words > 0).then(|| {
            let end = run[2 + words].end;
            strip_possessive(&paragraph[run[3].start..end])
        })
    }

    /// A relative named by a given name after the person whose family it is:
    /// `Alperon's brother, Nissim` is Nissim Alperon, `Mazen Dabbagh and his son
    /// Patrick` is Patrick Dabbagh (the person the text last named in full).
    pub(super) fn relative_of(
        &self,
        given: &str,
        before: &str,
        mentions: &[(Mention, String)],
    ) -> Option<String> {
        if !self.given_names.contains(&ascii_fold(given)) {
            return None;
        }
        // The kinship stands right before the name: its last few words are read,
        // not the whole paragraph before it.
        let tail = before
            .char_indices()
            .rev()
            .nth(60)
            .map_or(before, |(at, _)| &before[at..]);
        let c = RELATIVE.captures(tail)?;
        let surname = match c.get(1) {
            Some(whose) => whose.as_str().to_string(),
            None => {
                // `his`: the person last named in full, just before.
                let (last, written) = mentions
                    .iter()
                    .rev()
                    .find(|(m, _)| m.kind == ActorType::Person && m.name.contains(' '))?;
                let near = before
                    .char_indices()
                    .rev()
                    .nth(250)
                    .map_or(before, |(at, _)| &before[at..]);
                if !near.contains(written.as_str()) {
                    return None;
                }
                last.name.rsplit(' ').next()?.to_string()
            }
        };
        let folded = ascii_fold(&surname);
        let plain = !self.given_names.contains(&folded)
            && !self.titles.contains(&folded)
            && !self.english.contains(&folded);
        plain.then(|| format!("{given} {surname}"))
    }

    /// The catalogued person whose followers a word names: `Gulenists`,
    /// `Khatami-ist`, `Sadrists`.
    pub(super) fn followers_of(&self, word: &str) -> Option<usize> {
        let word = word.trim_end_matches(['\'', '’']);
        let stem = [
            "-ists", "-ist", "-ites", "-ite", "ists", "ist", "ites", "ite",
        ]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .filter(|stem| stem.len() >= 4)?;
        let &idx = self.by_word.get(&word_fold(stem))?;
        (self.known[idx].kind == ActorType::Person).then_some(idx)
    }

    /// `Deputy Director of the Middle East Affairs Department, Muwaffaq Ajlouni,
    /// put it`: a name set off by commas right after a role.
    pub(super) fn role_apposition(&self, before: &str, after: &str) -> bool {
        let Some(clause) = before.trim_end().strip_suffix(',') else {
            return false;
        };
        if !after.trim_start().starts_with([',', '(', ';']) {
            return false;
        }
        let clause = clause
            .rsplit(['.', ';', ':', '(', ')', '"', '“', '”'])
            .next()
            .unwrap_or(clause);
        // The role opens the clause: `..., the head of Y, Name,` not `in X, Name`.
        let words: Vec<&str> = clause.split_whitespace().collect();
        words.len() <= 12
            && words.iter().take(4).any(|w| {
                self.honorifics.contains(&ascii_fold(w)) || ROLES.contains(&ascii_fold(w).as_str())
            })
    }

    /// True when the text before a run ends with a title or role word (`chief`,
    /// `minister`, `President`).
    pub(super) fn title_before(&self, before: &str) -> bool {
        let tail = before.trim_end();
        // `Maj. Gen. Abdulfattah Qudsiya`: the dot of an abbreviated title ends no
        // sentence.
        let abbreviation = tail.ends_with('.')
            && tail.rsplit(char::is_whitespace).next().is_some_and(|w| {
                w.len() <= 5 && self.titles.contains(&ascii_fold(w.trim_end_matches('.')))
            });
        if abbreviation {
            return true;
        }
        if tail.ends_with([',', '.', ';', ':', ')', '"', '”']) {
            return false;
        }
        tail.rsplit(|c: char| c.is_whitespace())
            .next()
            .map(|w| self.titles.contains(&ascii_fold(w)))
            .unwrap_or(false)
    }
}

/// Verbs of speech: a capitalised run before one is said by a person.
pub(super) const SPEECH: [&str; 8] = [
    "said",
    "says",
    "told",
    "added",
    "stated",
    "declared",
    "noted",
    "explained",
];

/// `Alperon's brother, `, `his younger son `: a kinship that a given name
/// after it completes with the family's surname (the possessor's, if named).
pub(super) static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\b(\p{Lu}[\p{L}-]+)['’]s|\b(?:his|her|His|Her))\s+(?:[a-z]+\s+){0,2}?(?:brother|son|sister|daughter|father|nephew|cousin|uncle)s?,?\s*$")
        .expect("static regex")
});

/// Words that open a role set before a name in apposition (`the head of the
/// department, X,`).
pub(super) const ROLES: [&str; 10] = [
    "director",
    "head",
    "chief",
    "deputy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "commander",
    "chairman",
];

pub(super) fn apposition_after(after: &str) -> bool {
    const APPOSITIONS: [&str; 11] = [
        "the ",
        "a ",
        "an ",
        "who ",
        "former ",
        "then ",
        "head ",
        "chief ",
        "director ",
        "an advisor",
        "president ",
    ];
    let after = after.trim_start();
    if let Some(rest) = after.strip_prefix(',') {
        let head = lower_prefix(rest.trim_start());
        if APPOSITIONS.iter().any(|cue| head.starts_with(cue)) {
            return true;
        }
    }
    let head = lower_prefix(after);
    SPEECH.iter().any(|verb| head.starts_with(verb))
}
