//! Actors: the people and organizations a document names, one canonical name each.
//!
//! Candidates are runs of capitalised words (with name particles such as al-, bin,
//! abu, de, van, and `of`/`for`/`and` inside organization names). Each run is
//! matched against the known actors of `schema/actors.toml`, then read as an
//! organization when it ends (or starts) with an organization head word, then as a
//! person when a cue says so: a title or role before it (`Vice Foreign Minister`,
//! `U/S`, `intelligence chief`), a known given name, or a cable participant list.
//! Surname-only mentions (`Mamlouk`) join the full name used in the same document;
//! spellings are merged by their transliteration key, and the canonical name is the
//! catalog's, else the fullest spelling the document uses.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::outlet::OutletFinder;
use super::places::{Gazetteer, Word};
use super::word_set::WordSet;
use crate::catalog::{Catalog, KnownActor};
use crate::record::Draft;
use crate::record::{Actor, ActorType};
use crate::text::normalize::{
    ascii_fold, ascii_fold_into, name_key, with_lowercase, with_word_fold, word_fold,
};

pub struct ActorFinder {
    known: Vec<KnownActor>,
    /// name key of a name or alias of two or more words → index into `known`.
    by_key: HashMap<String, usize>,
    /// `word_fold` of a one-word alias (`Mamlouk`, `Hizballah`) → index into `known`.
    by_word: HashMap<String, usize>,
    /// Consonant skeleton of a one-word alias or surname of one person only
    /// (`mlm` → Walid Muallem): a word right after a title (`FM Muallim`) is read
    /// through it when its spelling is in no list.
    by_skeleton: HashMap<String, (usize, String)>,
    /// `word_fold` of the surname of one catalogued person only, read after an
    /// office or honorific.
    by_surname: HashMap<String, usize>,
    /// Surnames two catalogued persons or more bear (`Bush`): no one is guessed.
    shared_surnames: HashSet<String>,
    /// Upper-case acronym alias → index into `known` (`CIA`, `GID`).
    by_acronym: HashMap<String, usize>,
    given_names: WordSet,
    /// Given names that are English words too (`Martin`, `Slim`): a name only
    /// before a surname that is no English word.
    given_english: WordSet,
    titles: WordSet,
    /// Offices and honorifics after which a lone surname names a person.
    honorifics: WordSet,
    org_words: WordSet,
    particles: WordSet,
    not_names: WordSet,
    thing_words: WordSet,
    english: WordSet,
    /// Folded demonym → its country (`syrian` → Syria).
    demonyms: HashMap<String, String>,
    /// The countries of the gazetteer: the places with demonyms.
    countries: HashSet<String>,
    longest_alias: usize,
    /// First word keys of the multi-word names, to start runs in all-caps text,
    /// each with the most words a name starting with it has: how far a run
    /// starting there is looked up (most runs need one lookup, not eleven).
    first_words: HashMap<String, usize>,
    /// `word_fold` of every alias of each known actor, by index into `known`: a
    /// surname alone (`Mamlouk`) joins the known actor it is an alias of.
    alias_folds: Vec<HashSet<String>>,
    /// Longest particle, in bytes: longer words are not lower-cased to be looked up.
    longest_particle: usize,
}

/// What an `actors.toml` edit changed, as the lookups of [`ActorFinder`] see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedLookups {
    /// Name keys of multi-word names (`bshr asd`).
    pub keys: Vec<String>,
    /// `word_fold` of one-word aliases (`mamluk`).
    pub folds: Vec<String>,
    /// Acronyms, without dots (`GID`).
    pub acronyms: Vec<String>,
    /// First words of multi-word names (their skeletons), in one catalog only.
    pub starts: Vec<String>,
}

impl ChangedLookups {
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
            && self.folds.is_empty()
            && self.acronyms.is_empty()
            && self.starts.is_empty()
    }
}

/// One mention found in the text.
#[derive(Debug, Clone)]
struct Mention {
    name: String,
    kind: ActorType,
    known: Option<usize>,
}

impl Mention {
    /// A mention of the catalog's actor `index`.
    fn known(actor: &KnownActor, index: usize) -> Mention {
        Mention {
            name: actor.name.clone(),
            kind: actor.kind,
            known: Some(index),
        }
    }

    /// A name no catalog entry holds.
    fn found(name: String, kind: ActorType) -> Mention {
        Mention {
            name,
            kind,
            known: None,
        }
    }
}

impl ActorFinder {
    pub fn new(catalog: &Catalog) -> ActorFinder {
        let lower = |v: &[String]| v.iter().map(|s| ascii_fold(s)).collect::<WordSet>();
        let mut by_key = HashMap::default();
        let mut by_word = HashMap::default();
        let mut by_acronym = HashMap::default();
        let mut longest_alias = 1;
        for (i, actor) in catalog.actors.iter().enumerate() {
            for name in std::iter::once(&actor.name).chain(&actor.aliases) {
                let is_acronym =
                    name.len() <= 6 && name.chars().all(|c| c.is_ascii_uppercase() || c == '.');
                let key = name_key(name);
                if is_acronym {
                    by_acronym.insert(name.replace('.', ""), i);
                } else if key.contains(' ') {
                    by_key.entry(key).or_insert(i);
                } else {
                    by_word.entry(word_fold(name)).or_insert(i);
                }
                longest_alias = longest_alias.max(name.split_whitespace().count());
            }
        }
        let names = &catalog.names;
        let mut first_words: HashMap<String, usize> = HashMap::default();
        for actor in &catalog.actors {
            for name in std::iter::once(&actor.name).chain(&actor.aliases) {
                let key = name_key(name);
                if let Some((head, _)) = key.split_once(' ') {
                    let words = first_words.entry(head.to_string()).or_insert(1);
                    *words = (*words).max(name.split_whitespace().count());
                }
            }
        }
        let alias_folds = catalog
            .actors
            .iter()
            .map(|a| a.aliases.iter().map(|alias| word_fold(alias)).collect())
            .collect();
        let longest_particle = names.particles.iter().map(String::len).max().unwrap_or(0);
        let mut finder = ActorFinder {
            first_words,
            alias_folds,
            longest_particle,
            known: catalog.actors.clone(),
            by_key,
            by_word,
            by_skeleton: HashMap::default(),
            by_surname: HashMap::default(),
            shared_surnames: HashSet::default(),
            by_acronym,
            given_names: names
                .given_names
                .iter()
                .map(|s| ascii_fold(s))
                .chain(catalog.word_list("given_names.txt").map(folded))
                .collect(),
            given_english: catalog
                .word_list("given_names_english.txt")
                .map(folded)
                .collect(),
            titles: lower(&names.titles),
            honorifics: lower(&names.honorifics),
            org_words: lower(&names.organization_words),
            particles: lower(&names.particles),
            not_names: lower(&names.not_names),
            thing_words: lower(&names.thing_words),
            english: catalog.word_list("english_words.txt").map(folded).collect(),
            demonyms: catalog
                .places
                .iter()
                .flat_map(|p| p.demonyms.iter().map(|d| (ascii_fold(d), p.name.clone())))
                .collect(),
            countries: catalog
                .places
                .iter()
                .filter(|p| !p.demonyms.is_empty())
                .map(|p| p.name.clone())
                .collect(),
            longest_alias,
        };
        finder.add_surnames(catalog);
        finder
    }

    /// A surname alone names the one person of the catalog who bears it (`MBEKI`,
    /// `Mitchell`), when no other entry shares it and it is no English word, given
    /// name, place or title: the catalog's full names give their surnames as
    /// one-word aliases, as if listed.
    fn add_surnames(&mut self, catalog: &Catalog) {
        let places: HashSet<String> = catalog
            .places
            .iter()
            .flat_map(|p| {
                std::iter::once(&p.name)
                    .chain(&p.aliases)
                    .chain(&p.demonyms)
            })
            .map(|n| ascii_fold(n))
            .collect();
        let mut bearers: HashMap<String, Option<usize>> = HashMap::default();
        for (i, actor) in self.known.iter().enumerate() {
            if actor.kind != ActorType::Person {
                continue;
            }
            let Some(surname) = actor.name.split_whitespace().last() else {
                continue;
            };
            let plain = ascii_fold(surname);
            // `al-Hassan` is read as `Hassan`: a given name, so no surname alone.
            let plain = match plain.split_once('-') {
                Some((particle, rest)) if self.particles.contains(particle) => rest.to_string(),
                _ => plain,
            };
            if actor.name.split_whitespace().count() < 2
                || plain.len() < 4
                || !plain.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
                || self.english.contains(&plain)
                || self.given_names.contains(&plain)
                || self.not_names.contains(&plain)
                || self.titles.contains(&plain)
                || places.contains(&plain)
            {
                continue;
            }
            bearers
                .entry(word_fold(surname))
                .and_modify(|b| {
                    if *b != Some(i) {
                        *b = None;
                    }
                })
                .or_insert(Some(i));
        }
        let mut skeletons: HashMap<String, Option<(usize, String)>> = HashMap::default();
        let mut bear = |key: String, i: usize, fold: String| {
            skeletons
                .entry(key)
                .and_modify(|b| {
                    if b.as_ref().is_some_and(|(j, _)| *j != i) {
                        *b = None;
                    }
                })
                .or_insert(Some((i, fold)));
        };
        for (i, actor) in self.known.iter().enumerate() {
            if actor.kind != ActorType::Person {
                continue;
            }
            for alias in &actor.aliases {
                let key = name_key(alias);
                if !key.is_empty() && !key.contains(' ') && key.len() >= 3 {
                    bear(key, i, word_fold(alias));
                }
            }
        }
        for (fold, bearer) in bearers {
            if let Some(i) = bearer {
                bear(name_key(&fold), i, fold.clone());
                self.by_word.entry(fold).or_insert(i);
            }
        }
        self.by_skeleton = skeletons
            .into_iter()
            .filter_map(|(k, b)| b.map(|i| (k, i)))
            .collect();
        // After an office any catalogued surname is read, common word or not
        // (`President Carter`, `FM Gul`), when one person alone bears it.
        // A word that begins a catalogued name is a given name (`Sheikh Mohammed`
        // is no Khalid Sheikh Mohammed).
        let first_names: HashSet<String> = self
            .known
            .iter()
            .filter(|a| a.kind == ActorType::Person)
            .filter_map(|a| a.name.split_whitespace().next().map(word_fold))
            .collect();
        let mut surnames: HashMap<String, Option<usize>> = HashMap::default();
        for (i, actor) in self.known.iter().enumerate() {
            let words: Vec<&str> = actor.name.split_whitespace().collect();
            if actor.kind != ActorType::Person || words.len() < 2 {
                continue;
            }
            let fold = word_fold(words[words.len() - 1]);
            if fold.len() >= 3 && !first_names.contains(&fold) {
                surnames
                    .entry(fold)
                    .and_modify(|b| {
                        if *b != Some(i) {
                            *b = None;
                        }
                    })
                    .or_insert(Some(i));
            }
        }
        self.shared_surnames = surnames
            .iter()
            .filter(|(_, b)| b.is_none())
            .map(|(k, _)| k.clone())
            .collect();
        self.by_surname = surnames
            .into_iter()
            .filter_map(|(k, b)| b.map(|i| (k, i)))
            .collect();
    }

    /// The lookups whose answer differs between `self` and `other` (built from an
    /// older `actors.toml`): a document where none of them can hit is extracted
    /// the same by both. `None` when the edit reaches every document: the longest
    /// alias changed, which changes how far every name is looked up.
    pub fn changed_lookups(&self, other: &ActorFinder) -> Option<ChangedLookups> {
        if self.longest_alias != other.longest_alias {
            return None;
        }
        // A key changed if its actor did, compared by content: an entry moved in the
        // file is the same actor, but an alias added to it changes every document
        // that names it (surnames join it by its aliases).
        fn changed(
            a: (&HashMap<String, usize>, &[KnownActor]),
            b: (&HashMap<String, usize>, &[KnownActor]),
        ) -> Vec<String> {
            let mut keys: Vec<String> =
                a.0.keys()
                    .chain(b.0.keys())
                    .filter(|k| a.0.get(*k).map(|&i| &a.1[i]) != b.0.get(*k).map(|&i| &b.1[i]))
                    .cloned()
                    .collect();
            keys.sort();
            keys.dedup();
            keys
        }
        let (mine, theirs) = (self.known.as_slice(), other.known.as_slice());
        // A new first word starts runs in all-caps text (`is_known_start`), which
        // changes what else a paragraph is read to say.
        let mut starts: Vec<String> = self
            .first_words
            .keys()
            .filter(|k| !other.first_words.contains_key(*k))
            .chain(
                other
                    .first_words
                    .keys()
                    .filter(|k| !self.first_words.contains_key(*k)),
            )
            .cloned()
            .collect();
        starts.sort();
        Some(ChangedLookups {
            keys: {
                // One-word skeletons are keys of one word: found the same way.
                let mut keys = changed((&self.by_key, mine), (&other.by_key, theirs));
                let skeletons = |f: &ActorFinder| -> HashMap<String, usize> {
                    f.by_skeleton
                        .iter()
                        .map(|(k, (i, _))| (k.clone(), *i))
                        .collect()
                };
                keys.extend(changed(
                    (&skeletons(self), mine),
                    (&skeletons(other), theirs),
                ));
                keys
            },
            folds: {
                let mut folds = changed((&self.by_word, mine), (&other.by_word, theirs));
                folds.extend(changed(
                    (&self.by_surname, mine),
                    (&other.by_surname, theirs),
                ));
                folds.extend(
                    self.shared_surnames
                        .symmetric_difference(&other.shared_surnames)
                        .cloned(),
                );
                folds
            },
            acronyms: changed((&self.by_acronym, mine), (&other.by_acronym, theirs)),
            starts,
        })
    }

    /// A known actor by any spelling: multi-word names by their transliteration key,
    /// single words by the lighter `word_fold`.
    fn lookup(&self, name: &str) -> Option<&usize> {
        self.lookup_keyed(name, &name_key(name))
    }

    /// [`Self::lookup`] with the name's key already computed.
    fn lookup_keyed(&self, name: &str, key: &str) -> Option<&usize> {
        if key.contains(' ') {
            self.by_key.get(key)
        } else {
            with_word_fold(name, |fold| self.by_word.get(fold))
        }
    }

    /// Finds the actors of a document; `words` are [`super::places::words`] of `text`.
    pub fn find(
        &self,
        text: &str,
        words: &[Word],
        draft: &Draft,
        places: &Gazetteer,
        outlets: &OutletFinder,
    ) -> Vec<Actor> {
        let mut found = Found::default();
        let mut known_starts = HashMap::default();
        // Routing lines (`TO`/`INFO`, `CIA WASHDC`) address a telegram; they do not
        // name the actors of its story.
        let mut rest = words;
        // One buffer for the words of every paragraph.
        let mut own: Vec<Word> = Vec::new();
        for paragraph in BLANK_LINE.split(text) {
            // A word never spans the blank line between paragraphs, so the words of
            // a paragraph are the document's words inside it, shifted.
            let start = paragraph.as_ptr() as usize - text.as_ptr() as usize;
            let end = start + paragraph.len();
            let inside = rest.iter().take_while(|w| w.end <= end).count();
            own.clear();
            own.extend(rest[..inside].iter().map(|w| Word {
                text: w.text,
                start: w.start - start,
                end: w.end - start,
            }));
            rest = &rest[inside..];
            // The document's own headline is a heading whatever words it holds.
            let headline = draft.title.as_deref() == Some(paragraph.trim());
            let shouting = is_shouting(paragraph) || self.is_heading(paragraph, headline);
            let participant_list = is_participant_list(paragraph);
            for run in self.runs(paragraph, &own, shouting, &mut known_starts) {
                let context = RunContext {
                    paragraph,
                    participant_list,
                    shouting,
                };
                self.read_run(&context, &run, places, outlets, &mut found);
            }
        }
        let mut actors = self.merge(found.mentions, found.singles);
        if let Some(signer) = draft.cable.as_ref().and_then(|c| c.signature.as_deref()) {
            self.add_signer(signer, &mut actors);
        }
        actors
    }

    /// The signer of a cable (`CUNNINGHAM`) is the person of that surname the
    /// cable names in full, else a person known by the surname alone.
    fn add_signer(&self, signer: &str, actors: &mut Vec<Actor>) {
        let name = title_case(signer.trim());
        let folded = word_fold(name.rsplit(' ').next().unwrap_or(&name));
        if folded.len() < 3 || self.not_names.contains(&ascii_fold(&name)) {
            return;
        }
        let same = |a: &Actor| {
            a.kind == ActorType::Person
                && (a.name.rsplit(' ').next().map(word_fold).as_deref() == Some(&folded)
                    || a.variants.iter().any(|v| word_fold(v) == folded))
        };
        match actors.iter_mut().find(|a| same(a)) {
            Some(actor) => actor.mentions += 1,
            None => actors.push(Actor {
                name,
                kind: ActorType::Person,
                mentions: 1,
                variants: vec![signer.trim().to_string()],
            }),
        }
    }

    /// Runs of name-like words in a paragraph, split at punctuation; `all` are the
    /// paragraph's words.
    /// `known_starts` remembers [`Self::is_known_start`] of the words of the
    /// document's paragraphs before: in capitals every word is asked, and a
    /// telegram's words come back again and again.
    fn runs<'a>(
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
    fn nickname_end(
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
                    && (is_capitalised(next.text) || is_lower_particle(next.text));
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
    fn is_known_start(&self, word: &str) -> bool {
        with_word_fold(word, |fold| self.by_word.contains_key(fold))
            || self.first_words.contains_key(&name_key(word))
            || self
                .given_names
                .contains(&ascii_fold(strip_possessive(word)))
    }

    fn is_connector(&self, word: &str) -> bool {
        ["of", "for", "and", "the"]
            .iter()
            .any(|c| word.eq_ignore_ascii_case(c))
            || (word.len() <= self.longest_particle
                && with_lowercase(word, |lower| self.particles.contains(lower)))
            || is_lower_particle(word)
    }

    fn read_run<'t>(
        &self,
        context: &RunContext,
        run: &[Word<'t>],
        places: &Gazetteer,
        outlets: &OutletFinder,
        found: &mut Found<'t>,
    ) {
        let Found {
            mentions,
            singles,
            folded,
            first_words,
        } = found;
        // `Le Monde`, `Al Arabiya`: an outlet's name may open with what is elsewhere
        // a particle, which the trimming below would cut.
        let particle_first = run.first().is_some_and(|w| self.is_connector(w.text));
        if let Some((n, outlet)) = particle_first
            .then(|| outlet_at(context.paragraph, run, None, outlets))
            .flatten()
        {
            if n == run.len() {
                let written = span(context.paragraph, run).into_owned();
                mentions.push((
                    Mention::found(outlet.to_string(), ActorType::Organization),
                    written,
                ));
                return;
            }
        }
        // Trim connectors from both ends.
        let mut run: &[Word] = run;
        while run
            .first()
            .is_some_and(|w| self.is_connector(w.text) && !is_lower_particle(w.text))
        {
            run = &run[1..];
        }
        while run
            .last()
            .is_some_and(|w| self.is_connector(w.text) && !is_lower_particle(w.text))
        {
            run = &run[..run.len() - 1];
        }
        if run.is_empty() {
            return;
        }
        // Each word folded once for the whole run, not once per position tried, in
        // the strings of the runs before.
        if folded.len() < run.len() {
            folded.resize_with(run.len(), String::new);
        }
        for (fold, word) in folded.iter_mut().zip(run) {
            fold.clear();
            ascii_fold_into(strip_possessive(word.text), fold);
        }
        let folded_run = &folded[..run.len()];
        let paragraph = context.paragraph;
        let before = &paragraph[..run[0].start];
        let cue_before = self.title_before(before);
        let mut i = 0;
        let mut title_pending = cue_before;
        // The country a demonym or a country's name just before says an institution
        // belongs to: `Turkish Foreign Ministry`, `Iran's Intelligence Ministry`.
        let mut country: Option<&str> = None;
        while i < run.len() {
            // An outlet of the catalogue named in the story, before the place its
            // name holds: `The New York Times`, `Le Monde`, `Dong-A Ilbo`.
            // The name must be the whole rest of the run, not the tail of an office
            // (`Minister of Foreign Affairs`) nor the head of a longer name (`The
            // National Party`).
            let outlet = outlet_at(paragraph, &run[i..], Some(&folded_run[i..]), outlets).filter(
                |&(n, _)| {
                    // `Foreign Affairs` in a list of ministries is no magazine: a name of
                    // two English words is an outlet's when written with its article.
                    let distinctive = n >= 3
                        || folded_run[i] == "the"
                        || folded_run[i..i + n]
                            .iter()
                            .any(|w| !self.english.contains(w));
                    distinctive
                        && i + n == run.len()
                        && (i == 0 || !self.is_connector(run[i - 1].text))
                        && (i > 0
                            || !self.title_before(before) && !before.trim_end().ends_with(" of"))
                },
            );
            if let Some((n, outlet)) = outlet {
                mentions.push((
                    Mention::found(outlet.to_string(), ActorType::Organization),
                    span(paragraph, &run[i..i + n]).into_owned(),
                ));
                i += n;
                title_pending = false;
                continue;
            }
            // Known actors, longest first.
            if let Some((n, idx)) = self.known_at(paragraph, &run[i..], first_words) {
                let actor = &self.known[idx];
                let written = span(paragraph, &run[i..i + n]);
                let mention = match country.take() {
                    Some(c)
                        if actor.kind == ActorType::Organization
                            && super::institutions::is_national_institution(&actor.name) =>
                    {
                        Mention::found(format!("{} of {c}", actor.name), ActorType::Organization)
                    }
                    _ => Mention::known(actor, idx),
                };
                mentions.push((mention, strip_possessive(&written).to_string()));
                i += n;
                title_pending = false;
                continue;
            }
            if context.shouting
                && !self.by_acronym.contains_key(strip_possessive(run[i].text))
                && !super::institutions::is_government_acronym(strip_possessive(run[i].text))
                && !place_at(paragraph, &run[i..], &folded_run[i], places).is_some_and(|n| {
                    let after = &paragraph[run[i + n - 1].end..];
                    GOVERNMENT.iter().any(|g| after.starts_with(g))
                })
            {
                // Capitals say little in an all-caps telegram: known names, and a
                // given name with the surname after it (`THABO MBEKI`).
                let honoured = i > 0 && self.honorifics.contains(&folded_run[i - 1]);
                let surname = strip_possessive(run[i].text);
                if let Some(&idx) = honoured
                    .then(|| self.by_surname.get(&word_fold(surname)))
                    .flatten()
                {
                    mentions.push((Mention::known(&self.known[idx], idx), surname.to_string()));
                    i += 1;
                    continue;
                }
                let n = self
                    .shouted_person(&run[i..], &folded_run[i..], places, honoured)
                    .or_else(|| {
                        // `PRESIDENT MBEKI`: a surname alone after an office.
                        // `LTG JAFFARQOLI SADRI`: two name words or more, or one
                        // that is no given name.
                        let names = (i..run.len().min(i + 3))
                            .take_while(|&k| {
                                !self.english.contains(&folded_run[k])
                                    && self.name_word(&run[k], &folded_run[k], places)
                            })
                            .count();
                        let named = names >= 2
                            || (names == 1
                                && self.surname_alone(&run[i], &folded_run[i], places, false));
                        (honoured && named).then_some(names)
                    });
                match n {
                    Some(n) => {
                        let spanned = span(paragraph, &run[i..i + n]);
                        let written = strip_possessive(&spanned);
                        mentions.push((
                            Mention::found(title_case(written), ActorType::Person),
                            written.to_string(),
                        ));
                        i += n;
                    }
                    None => i += 1,
                }
                continue;
            }
            // Organizations: a span ending with a head word, or `Ministry of ...`. In
            // capitals only what is known is read (`GOS EMBASSY` is no name).
            let organization = if context.shouting {
                None
            } else {
                self.organization_at(&run[i..], &folded_run[i..], places)
            };
            if let Some(n) = organization {
                let written = strip_possessive(&span(paragraph, &run[i..i + n])).to_string();
                // `the Bush Administration` names a president, not an organization;
                // when two catalogued presidents bear the name, neither is guessed.
                let administration = n == 2 && folded_run[i + 1] == "administration";
                let surname = word_fold(strip_possessive(run[i].text));
                let president = administration
                    .then(|| self.by_surname.get(&surname))
                    .flatten();
                if administration && president.is_none() && self.shared_surnames.contains(&surname)
                {
                    i += n;
                    continue;
                }
                let mention = match president {
                    Some(&idx) => Mention::known(&self.known[idx], idx),
                    None => {
                        // `Defense Ministry` is the `Ministry of Defense`; after a
                        // demonym, that country's (`Egyptian Defense Ministry`).
                        let name = ministry_of(&written).unwrap_or_else(|| written.clone());
                        let name = match country.take() {
                            Some(c) if super::institutions::is_national_institution(&name) => {
                                format!("{name} of {c}")
                            }
                            _ => name,
                        };
                        Mention::found(name, ActorType::Organization)
                    }
                };
                mentions.push((mention, written));
                i += n;
                title_pending = false;
                continue;
            }
            let word = strip_possessive(run[i].text);
            let folded = folded_run[i].as_str();
            if let Some(n) = place_at(paragraph, &run[i..], folded, places) {
                let spanned = span(paragraph, &run[i..i + n]);
                let written = strip_possessive(&spanned);
                country = self
                    .demonyms
                    .get(&ascii_fold(written))
                    .map(String::as_str)
                    .or_else(|| {
                        places
                            .lookup(written)
                            .filter(|p| self.countries.contains(*p))
                    });
                // `the Syrian government`: a demonym before a lower-case government.
                let after = &paragraph[run[i + n - 1].end..];
                if (i + n == run.len() || context.shouting)
                    && GOVERNMENT.iter().any(|g| after.starts_with(g))
                {
                    let demonym = ascii_fold(&span(paragraph, &run[i..i + n]));
                    if let Some(country) = self.demonyms.get(&demonym) {
                        mentions.push((
                            Mention::found(
                                super::institutions::government_of(country),
                                ActorType::Organization,
                            ),
                            format!("{} government", span(paragraph, &run[i..i + n])),
                        ));
                    }
                }
                i += n;
                continue;
            }
            if self.not_names.contains(folded) && !self.titles.contains(folded) {
                i += 1;
                continue;
            }
            if self.titles.contains(folded) || word.contains('/') {
                title_pending = true;
                i += 1;
                continue;
            }
            if is_acronym(word) {
                if let Some(&idx) = self.by_acronym.get(&word.replace('.', "")) {
                    let actor = &self.known[idx];
                    mentions.push((Mention::known(actor, idx), word.to_string()));
                } else if super::institutions::is_government_acronym(word) {
                    let name = super::institutions::government_placeholder(word);
                    mentions.push((
                        Mention::found(name, ActorType::Organization),
                        word.to_string(),
                    ));
                } else if let Some(outlet) = outlets.by_name(word) {
                    mentions.push((
                        Mention::found(outlet.name.clone(), ActorType::Organization),
                        word.to_string(),
                    ));
                }
                title_pending = true; // `DHS A/S David Heyman`, `CDA Charles Hunter`
                i += 1;
                continue;
            }
            // `Aviv and Adam Abutbul`, `Mazen and Patrick Dabbagh`: two given names
            // sharing the surname after the second.
            if let Some(surname) = self.shared_surname(paragraph, &run[i..], &folded_run[i..]) {
                let written = format!("{} {surname}", strip_possessive(run[i].text));
                mentions.push((Mention::found(written.clone(), ActorType::Person), written));
                i += 2; // the second person is read from its own given name on
                title_pending = false;
                continue;
            }
            // A person: consecutive name words.
            let mut n = 0;
            while i + n < run.len() && n < 5 {
                let w = strip_possessive(run[i + n].text);
                let f = folded_run[i + n].as_str();
                // `Joan A. Polaschik`: a middle initial, dotted, goes on with the name.
                let initial = n > 0
                    && is_initial(w)
                    && paragraph[run[i + n].end..].starts_with('.')
                    && i + n + 1 < run.len();
                let stop = !initial
                    && (self.titles.contains(f)
                    || is_acronym(w)
                    || self.org_words.contains(f)
                    || self.not_names.contains(f)
                    || w.contains('/')
                    || matches!(f, "of" | "for" | "and" | "the")
                    || (n > 0 && places.lookup(w).is_some())
                    // `... Mamlouk`: a known surname ends the run, unless it follows
                    // a given name (`Salah al-Bashir` is not Omar al-Bashir).
                    || (n > 0
                        && with_word_fold(w, |fold| self.by_word.contains_key(fold))
                        && !(self.given_names.contains(&folded_run[i])
                            && run[i + 1..i + n].iter().all(|w| self.is_connector(w.text))))
                    // `... Affairs Bouthaina Shaaban`: a known name begins here, unless
                    // given names lead to it (`Youssef Boutros Ghali`).
                    || (n > 0
                        && !folded_run[i..i + n].iter().all(|g| self.given_names.contains(g))
                        && self.first_words.contains_key(&name_key(w))
                        && self
                            .known_at(paragraph, &run[i + n..], first_words)
                            .is_some_and(|(m, _)| m >= 2)));
                if stop {
                    break;
                }
                n += 1;
                if is_possessive(run[i + n - 1].text) {
                    break;
                }
            }
            if n == 0 {
                i += 1;
                title_pending = false;
                continue;
            }
            let tokens = &run[i..i + n];
            let written = strip_possessive(&span(paragraph, tokens)).to_string();
            let first = ascii_fold(tokens[0].text);
            let after = &paragraph[tokens[n - 1].end..];
            let is_place = places.lookup(&written).is_some();
            if let Some(outlet) = outlets.by_name(&written) {
                mentions.push((
                    Mention::found(outlet.name.clone(), ActorType::Organization),
                    written,
                ));
            } else if n == 1 {
                // `FM Muallim` for `Muallem`: one letter apart, after a title.
                let by_skeleton = title_pending
                    .then(|| self.by_skeleton.get(&name_key(&written)))
                    .flatten()
                    .filter(|(_, fold)| {
                        fold.len() >= 5 && one_edit_apart(fold, &word_fold(&written))
                    });
                let office = if i > 0 {
                    Some(run[i - 1].text)
                } else {
                    before.trim_end().rsplit(char::is_whitespace).next()
                };
                let honoured = office.is_some_and(|w| self.honorifics.contains(&ascii_fold(w)));
                // `A/S Welch`, `Gen. Rice`: an abbreviated office is only ever written
                // before a surname, so the surname may be an English word too.
                let abbreviated = honoured && office.is_some_and(is_abbreviated_office);
                let by_surname = honoured
                    .then(|| self.by_surname.get(&word_fold(&written)))
                    .flatten();
                if let Some(&idx) = by_surname.filter(|_| !is_place) {
                    mentions.push((Mention::known(&self.known[idx], idx), written));
                } else if let Some(&(idx, _)) = by_skeleton.filter(|_| !is_place) {
                    mentions.push((Mention::known(&self.known[idx], idx), written));
                } else if honoured
                    && self.surname_alone(&tokens[0], &folded_run[i], places, abbreviated)
                {
                    // `Ambassador Scobey`: a person the text may know by surname only.
                    mentions.push((Mention::found(written.clone(), ActorType::Person), written));
                } else if let Some(full) =
                    self.relative_of(&written, &paragraph[..tokens[0].start], mentions)
                {
                    mentions.push((Mention::found(full, ActorType::Person), written));
                } else if let Some(idx) = self.followers_of(&written) {
                    // `the Gulenists`, `the Khatami-ist current`: a person's name
                    // inside the name of his followers.
                    mentions.push((Mention::known(&self.known[idx], idx), written));
                } else if !is_place && !self.not_names.contains(&first) {
                    singles.push(written);
                }
            } else if !is_place {
                let last = ascii_fold(strip_possessive(tokens[n - 1].text));
                let cue = !self.thing_words.contains(&last)
                    && !self.thing_words.contains(&first)
                    && (title_pending
                        || context.participant_list
                        || self.given_names.contains(&first)
                        // `Karl-Theodor`, `Jean-Marc`: a given name of two.
                        || (first.contains('-')
                            && first.split('-').all(|part| self.given_names.contains(part)))
                        || self.role_apposition(&paragraph[..tokens[0].start], after)
                        || (self.given_english.contains(&first)
                            && tokens[1..].iter().all(|t| {
                                !self.english.contains(&ascii_fold(strip_possessive(t.text)))
                            }))
                        || apposition_after(after));
                if cue && n <= 4 && !self.not_names.contains(&first) {
                    mentions.push((Mention::found(written.clone(), ActorType::Person), written));
                } else if n >= 3
                    && self.given_names.contains(&folded_run[i + 1])
                    && !self.particles.contains(&folded_run[i])
                    && !self.particles.contains(&folded_run[i + 1])
                {
                    // `French-Syrians Mazen Dabbagh`: the name may begin one word on.
                    i += 1;
                    title_pending = false;
                    continue;
                }
            }
            i += n;
            title_pending = false;
        }
    }

    /// A word that can be a surname standing alone: no given name, English word,
    /// title, head word, place or common capitalised word.
    /// `english`: whether an English word may be a surname here (after an
    /// abbreviated office).
    fn surname_alone(&self, word: &Word, folded: &str, places: &Gazetteer, english: bool) -> bool {
        !self.given_names.contains(folded)
            && (english || !self.english.contains(folded))
            && self.name_word(word, folded, places)
    }

    /// A word that can be part of a person's name after an office: no title, head
    /// word, place or common capitalised word.
    fn name_word(&self, word: &Word, folded: &str, places: &Gazetteer) -> bool {
        folded.len() >= 3
            && word.text.chars().any(char::is_alphabetic)
            && !self.titles.contains(folded)
            && !self.org_words.contains(folded)
            && !self.not_names.contains(folded)
            && !self.thing_words.contains(folded)
            && places.lookup(strip_possessive(word.text)).is_none()
    }

    /// A heading in title case (`Syria Keeps The Door Open`): as in capitals, its
    /// capitals say nothing of names. A line with a title or role in it (`Deputy
    /// Chief of Mission Luis G. Moreno`) names someone and is no heading.
    fn is_heading(&self, paragraph: &str, headline: bool) -> bool {
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

    /// In capitals, a person is a given name and one or two more words that are
    /// not titles, head words, places or common words: how many words, if any.
    /// After an office (`GENERAL SAID TAHERI`) the given name may be an English word.
    fn shouted_person(
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
    fn known_at<'t>(
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
                        is_lower_particle(next.text)
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
    fn first_word(&self, word: &str) -> FirstWord {
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

    /// An organization name at the start of `run`: how many words it spans.
    /// `folded` holds `ascii_fold` of each word of `run`, possessive stripped.
    fn organization_at(
        &self,
        run: &[Word],
        folded: &[String],
        places: &Gazetteer,
    ) -> Option<usize> {
        let is_connector = |f: &str| matches!(f, "of" | "for" | "and" | "the");
        if self.not_names.contains(&folded[0])
            && !self.org_words.contains(&folded[0])
            && folded[0] != "national"
            && folded[0] != "international"
            && folded[0] != "united"
            && folded[0] != "central"
        {
            return None;
        }
        // `Embassy Damascus`: the mission of the post, as cables call it.
        if matches!(folded[0].as_str(), "embassy" | "consulate") {
            let n = self.name_continued(run, folded, 1, places);
            if n == 2 && !is_connector(&folded[1]) {
                return Some(n);
            }
        }
        // Head word first: `Ministry of Foreign Affairs`, `Agency for Information ...`.
        if self.org_words.contains(&folded[0]) && folded.len() > 2 && is_connector(&folded[1]) {
            let mut n = 2;
            // `Office of Defense Cooperation Chief Colonel ...`: a title after the
            // name begins a person's role.
            while n < run.len()
                && !is_possessive(run[n - 1].text)
                && !self.honorifics.contains(&folded[n])
            {
                n += 1;
            }
            if n < run.len() && self.honorifics.contains(&folded[n]) {
                while n > 2 && self.titles.contains(&folded[n - 1]) {
                    n -= 1; // `... Cooperation Chief`
                }
            }
            while n > 2 && is_connector(&folded[n - 1]) {
                n -= 1;
            }
            // `Branch of Lebanon` is a place's branch, not a name.
            let rest: Vec<&str> = run[2..n].iter().map(|w| strip_possessive(w.text)).collect();
            if n > 2 && places.lookup(&rest.join(" ")).is_none() {
                return Some(n);
            }
        }
        // Head word last: `National Security Bureau`, `Human Rights Watch`.
        let mut end = None;
        for (k, f) in folded.iter().enumerate().take(8) {
            if k > 0 && self.org_words.contains(f) {
                end = Some(k + 1);
            }
            if is_possessive(run[k].text) || (k > 0 && is_connector(f) && end.is_some()) {
                break;
            }
        }
        let end = end?;
        // A leading place or demonym is not part of the name: `Syrian National Security Bureau`.
        if places.lookup(run[0].text).is_some() && end > 2 {
            return None;
        }
        if folded[..end].iter().any(|f| is_connector(f)) {
            return None;
        }
        Some(self.name_continued(run, folded, end, places))
    }

    /// How far an organization's name ending with its head word at `end` goes on:
    /// `Higher Regional Court of Koblenz`, `Central Bank of the Republic of Turkey`,
    /// `Washington Institute for Near East Policy`, `Senate Select Committee on
    /// Intelligence`, `Global Coalition to Defeat ISIS`, `Embassy in Damascus`.
    fn name_continued(
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
    fn shared_surname<'a>(
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
    fn relative_of(
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
    fn followers_of(&self, word: &str) -> Option<usize> {
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
    fn role_apposition(&self, before: &str, after: &str) -> bool {
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
    fn title_before(&self, before: &str) -> bool {
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

    /// Merges mentions into actors: same catalog entry, same key, or a surname of a
    /// full name found in the document.
    fn merge(&self, mentions: Vec<(Mention, String)>, singles: Vec<String>) -> Vec<Actor> {
        struct Group {
            kind: ActorType,
            known: Option<usize>,
            key: String,
            /// The name key of the group's name (a catalogued one's too): what a
            /// surname alone is the end of.
            name_key: String,
            spellings: Vec<(String, u32)>,
            written: Vec<String>,
            mentions: u32,
        }
        let mut groups: Vec<Group> = Vec::new();
        // `Congressman Mike Turner` ... `Congressman Turner`: a surname alone is the
        // person the document names in full, before any catalogued bearer of it.
        let named_in_full: HashMap<String, String> = mentions
            .iter()
            .filter(|(m, w)| m.known.is_none() && m.kind == ActorType::Person && w.contains(' '))
            .filter_map(|(m, w)| Some((word_fold(w.rsplit(' ').next()?), name_key(&m.name))))
            .collect();
        for (mention, written) in mentions {
            let in_full = mention
                .known
                .filter(|_| mention.kind == ActorType::Person && !written.contains(' '))
                .and_then(|_| named_in_full.get(&word_fold(&written)));
            let key = match (mention.known, in_full) {
                (_, Some(full)) => full.clone(),
                (Some(i), None) => format!("#{i}"),
                (None, None) => name_key(&mention.name),
            };
            let mention = match in_full {
                Some(_) => Mention::found(written.clone(), ActorType::Person),
                None => mention,
            };
            if key.is_empty() {
                continue;
            }
            // `Abdul Mahdi` after `Adel Abdul Mahdi`: the end of a name, catalogued or
            // not, is the same person.
            let pos = groups.iter().position(|g| {
                g.key == key
                    || (mention.known.is_none()
                        && g.kind == mention.kind
                        && surname_match(&g.name_key, &key))
            });
            let group = match pos {
                Some(p) => &mut groups[p],
                None => {
                    let full = match mention.known {
                        Some(i) => name_key(&self.known[i].name),
                        None => key.clone(),
                    };
                    groups.push(Group {
                        kind: mention.kind,
                        known: mention.known,
                        key,
                        name_key: full,
                        spellings: Vec::new(),
                        written: Vec::new(),
                        mentions: 0,
                    });
                    let last = groups.len() - 1;
                    &mut groups[last]
                }
            };
            group.mentions += 1;
            match group.spellings.iter_mut().find(|(s, _)| *s == mention.name) {
                Some((_, n)) => *n += 1,
                None => group.spellings.push((mention.name.clone(), 1)),
            }
            if !group.written.contains(&written) {
                group.written.push(written);
            }
        }
        // Surnames: `Mamlouk` joins `Ali Mamlouk`. Each distinct spelling is folded
        // once, and each group's surnames once.
        let surnames: Vec<HashSet<String>> = groups
            .iter()
            .map(|g| {
                g.written
                    .iter()
                    .filter(|w| w.contains(' '))
                    .filter_map(|w| w.rsplit(' ').next().map(word_fold))
                    .collect()
            })
            .collect();
        // Given names, the same way: the groups of persons each first word begins.
        let mut given_names: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, g) in groups.iter().enumerate() {
            if g.kind != ActorType::Person {
                continue;
            }
            for first in g
                .written
                .iter()
                .filter_map(|w| w.split_once(' '))
                .map(|(f, _)| word_fold(f))
            {
                let bearers = given_names.entry(first).or_default();
                if !bearers.contains(&i) {
                    bearers.push(i);
                }
            }
        }
        let mut distinct: Vec<(String, u32)> = Vec::new();
        let mut position: HashMap<String, usize> = HashMap::default();
        for single in singles {
            match position.get(&single) {
                Some(&i) => distinct[i].1 += 1,
                None => {
                    position.insert(single.clone(), distinct.len());
                    distinct.push((single, 1));
                }
            }
        }
        for (single, count) in distinct {
            if name_key(&single).is_empty() {
                continue;
            }
            let folded = word_fold(&single);
            let by_surname = groups.iter().zip(&surnames).position(|(g, surnames)| {
                g.kind == ActorType::Person
                    && (surnames.contains(&folded)
                        || g.known
                            .is_some_and(|i| self.alias_folds[i].contains(&folded)))
            });
            // `Bashar` is `Bashar al-Assad` when he is the document's only person of
            // that given name.
            let by_given_name = || match given_names.get(&folded).map(Vec::as_slice) {
                Some(&[i]) => Some(i),
                _ => None,
            };
            let target = by_surname.or_else(by_given_name).map(|i| &mut groups[i]);
            if let Some(g) = target {
                g.mentions += count;
                if !g.written.contains(&single) {
                    g.written.push(single);
                }
            }
        }
        // `Nayif` (after `Prince`) is `Nayef bin Abdulaziz` when he is the document's
        // only person of that given name.
        let mut k = 0;
        while k < groups.len() {
            let g = &groups[k];
            let one_word = g.kind == ActorType::Person
                && g.known.is_none()
                && !g.key.contains(' ')
                && g.written.iter().all(|w| !w.contains(' '));
            if !one_word {
                k += 1;
                continue;
            }
            let given = g.written.first().map(|w| word_fold(w)).unwrap_or_default();
            let same_given = |first: &str| {
                let first = word_fold(first);
                first == given || (given.len() >= 5 && one_edit_apart(&first, &given))
            };
            let mut bearers = groups.iter().enumerate().filter(|(j, other)| {
                *j != k
                    && other.kind == ActorType::Person
                    && other.written.iter().any(|w| {
                        w.split_once(' ')
                            .is_some_and(|(first, _)| same_given(first))
                    })
            });
            match (bearers.next().map(|(j, _)| j), bearers.next()) {
                (Some(j), None) => {
                    let single = groups.remove(k);
                    let j = if j > k { j - 1 } else { j };
                    groups[j].mentions += single.mentions;
                    for w in single.written {
                        if !groups[j].written.contains(&w) {
                            groups[j].written.push(w);
                        }
                    }
                }
                _ => k += 1,
            }
        }
        groups
            .into_iter()
            .map(|g| {
                let name = match g.known {
                    Some(i) => self.known[i].name.clone(),
                    None => canonical_spelling(&g.spellings),
                };
                Actor {
                    name,
                    kind: g.kind,
                    mentions: g.mentions,
                    variants: g.written,
                }
            })
            .collect()
    }
}

/// A word of a generated word list, folded as lookups are: the lists are written
/// folded, so most words are taken as they are.
fn folded(word: &str) -> String {
    if word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        word.to_string()
    } else {
        ascii_fold(word)
    }
}

/// What the runs of a document are read into.
#[derive(Default)]
struct Found<'t> {
    /// Names and the words that wrote them.
    mentions: Vec<(Mention, String)>,
    /// Single capitalised words that may be surnames of names found elsewhere.
    singles: Vec<String>,
    /// The folds of a run's words, one string each, reused from run to run.
    folded: Vec<String>,
    /// What the catalogue says of each word as a name's first word, asked once per
    /// distinct word of the document: names recur, and each asking folds the word
    /// twice, a character at a time.
    first_words: HashMap<&'t str, FirstWord>,
}

/// A word as the first word of a catalogued name.
#[derive(Debug, Clone, Copy)]
struct FirstWord {
    /// The most words a catalogued name starting with it has (1 when none has more).
    longest: usize,
    /// The catalogued actor the word alone names, if any (never for an acronym,
    /// matched exactly elsewhere).
    single: Option<usize>,
}

/// Where a run is read: its paragraph and what the paragraph says about names.
struct RunContext<'a> {
    paragraph: &'a str,
    participant_list: bool,
    shouting: bool,
}

/// A place of one to four words at the start of `run`: how many words. `folded` is
/// the first word's fold.
fn place_at(paragraph: &str, run: &[Word], folded: &str, places: &Gazetteer) -> Option<usize> {
    let longest = places.longest_from(folded).min(run.len()).min(4);
    (1..=longest).rev().find(|&n| {
        places
            .lookup(strip_possessive(&span(paragraph, &run[..n])))
            .is_some()
    })
}

/// `bashar asd` and `asd`: the shorter key is the surname of the longer.
fn surname_match(group_key: &str, key: &str) -> bool {
    let (long, short) = if group_key.len() >= key.len() {
        (group_key, key)
    } else {
        (key, group_key)
    };
    // `Leutheusser-Schnarrenberger` keys as two words: a surname is the end of the
    // longer key, word for word.
    long.len() > short.len()
        && long.ends_with(short)
        && long.as_bytes()[long.len() - short.len() - 1] == b' '
}

/// The fullest spelling, then the most frequent, in the Latin letters English
/// prints: Turkish dotless `ı` becomes `i` (`Binali Yıldırım` is `Binali Yildirim`
/// in English), as accents are kept (`Schäuble`).
fn canonical_spelling(spellings: &[(String, u32)]) -> String {
    let Some((spelling, _)) = spellings
        .iter()
        .max_by_key(|(s, n)| (s.split_whitespace().count(), *n))
    else {
        return String::new();
    };
    // One way to write the name wherever it is read: words on one line, an
    // article inside the name lower-case (`Khalid Al-Humaidan` is `Khalid
    // al-Humaidan`, as `Al-Sabah` is `al-Sabah`).
    let mut out = String::with_capacity(spelling.len());
    for (k, word) in spelling.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
            for particle in ["Al-", "El-"] {
                if let Some(rest) = word.strip_prefix(particle) {
                    out.push_str(&particle.to_lowercase());
                    out.push_str(rest);
                    break;
                }
            }
            if out.ends_with(' ') {
                out.push_str(word);
            }
        } else {
            out.push_str(word);
        }
    }
    out.replace('ı', "i").replace('İ', "I")
}

/// `SAMIR JA'JA` → `Samir Ja'ja`, `AL-ASSAD` → `al-Assad`: a name from an all-caps
/// telegram as English prints it.
fn title_case(name: &str) -> String {
    fn push_word(word: &str, out: &mut String) {
        let lower = word.to_lowercase();
        let particle = matches!(
            lower.as_str(),
            "al" | "el" | "bin" | "ibn" | "bint" | "de" | "von"
        );
        let mut chars = lower.chars();
        match chars.next() {
            Some(first) if !particle || out.is_empty() => {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
            _ => out.push_str(&lower),
        }
    }
    let mut out = String::with_capacity(name.len());
    let mut word_start = None;
    for (i, c) in name.char_indices() {
        let inside = c.is_alphabetic() || (word_start.is_some() && (c == '\'' || c == '’'));
        match (inside, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(start)) => {
                push_word(&name[start..i], &mut out);
                word_start = None;
                out.push(c);
            }
            (false, None) => out.push(c),
            (true, Some(_)) => {}
        }
    }
    if let Some(start) = word_start {
        push_word(&name[start..], &mut out);
    }
    out
}

/// Whether the line break in `gap` (after a word ending at `end`) only wraps a
/// long line of running text, as telegrams and hard-wrapped pages do (`Sheikh
/// Mohammed bin` / `Zayed`), rather than ending a short line of a menu or list.
fn is_wrap(paragraph: &str, end: usize, gap: &str) -> bool {
    let line_start = paragraph[..end].rfind('\n').map_or(0, |i| i + 1);
    gap.matches('\n').count() == 1 && end - line_start >= 45
}

/// At most one letter substituted, added or dropped between `a` and `b`.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    if short.len() == long.len() {
        return short.iter().zip(long).filter(|(x, y)| x != y).count() <= 1;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    short[head..] == long[head + 1..]
}

/// A single capital letter: a middle initial once its dot is cut (`G`).
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

fn flush<'a>(current: &mut Vec<Word<'a>>, runs: &mut Vec<Vec<Word<'a>>>) {
    if !current.is_empty() {
        runs.push(std::mem::take(current));
    }
}

/// The text of a run of words as written; a nickname the run skipped
/// (`Shalom "Charlie" Abutbul`) is left out.
fn span<'a>(text: &'a str, words: &[Word]) -> Cow<'a, str> {
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

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        // `al-Miqdad`, `el-Sisi`: a lower-case particle joined to a capitalised name.
        Some(_) => is_lower_particle(word),
        None => false,
    }
}

fn is_lower_particle(word: &str) -> bool {
    // Every particle is two or three letters and a hyphen.
    let bytes = word.as_bytes();
    if bytes.get(2) != Some(&b'-') && bytes.get(3) != Some(&b'-') {
        return false;
    }
    ["al-", "el-", "ad-", "as-", "ash-", "bin-", "abu-"]
        .iter()
        .any(|p| {
            word.starts_with(p)
                && word[p.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
}

/// Two to six capital letters, dots aside: `CIA`, `U.S.`, `GID`.
fn is_acronym(word: &str) -> bool {
    let mut letters = 0;
    for b in word.bytes().filter(|b| *b != b'.') {
        if !b.is_ascii_uppercase() || letters == 6 {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

fn is_possessive(word: &str) -> bool {
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

/// `the Syrian government`, `IRANIAN GOVERNMENT`: what follows a demonym that
/// names a country's government.
const GOVERNMENT: [&str; 3] = [" government", " GOVERNMENT", " Government"];

/// Verbs of speech: a capitalised run before one is said by a person.
const SPEECH: [&str; 8] = [
    "said",
    "says",
    "told",
    "added",
    "stated",
    "declared",
    "noted",
    "explained",
];

/// `Ali Mamlouk, the head of`: an apposition or a speech verb names a person.
/// The catalogue outlet whose name (two words or more, `The` included or not)
/// the run starts with: the most words it takes, and the outlet's name.
/// `folded`: the run's words folded, when the caller has them.
fn outlet_at<'a>(
    paragraph: &str,
    run: &[Word],
    folded: Option<&[String]>,
    outlets: &'a OutletFinder,
) -> Option<(usize, &'a str)> {
    let article = usize::from(run.first()?.text.eq_ignore_ascii_case("the"));
    if run.len() < 2 + article {
        return None;
    }
    let first = match folded {
        Some(folded) => Cow::Borrowed(folded[article].as_str()),
        None => Cow::Owned(ascii_fold(strip_possessive(run[article].text))),
    };
    if !outlets.may_start_name(&first) {
        return None;
    }
    (2..=run.len().min(5)).rev().find_map(|n| {
        let written = span(paragraph, &run[..n]);
        let outlet = outlets.by_name(strip_possessive(&written))?;
        Some((n, outlet.name.as_str()))
    })
}

/// `Information Ministry` → `Ministry of Information`: the form a ministry's
/// name takes in English whichever way the text puts it. The `Prime Ministry` is
/// the prime minister's office, and keeps its name.
fn ministry_of(written: &str) -> Option<String> {
    let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
    let field = written
        .strip_suffix(" Ministry")
        .filter(|f| !f.is_empty() && *f != "Prime" && f.split_whitespace().count() <= 3)?;
    let field = field.strip_prefix("the ").unwrap_or(field);
    Some(format!("Ministry of {field}"))
}

/// `Alperon's brother, `, `his younger son `: a kinship that a given name
/// after it completes with the family's surname (the possessor's, if named).
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\b(\p{Lu}[\p{L}-]+)['’]s|\b(?:his|her|His|Her))\s+(?:[a-z]+\s+){0,2}?(?:brother|son|sister|daughter|father|nephew|cousin|uncle)s?,?\s*$")
        .expect("static regex")
});

/// A blank line between paragraphs, spaces on it or not (telegrams keep them).
static BLANK_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\n[ \t\r\u{a0}]*\n").expect("static regex"));

/// Words that open a role set before a name in apposition (`the head of the
/// department, X,`).
const ROLES: [&str; 10] = [
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

/// Prepositions that carry an organization's name on after its head word.
const ORG_PREPOSITIONS: [&str; 3] = ["on", "to", "in"];

/// Head words after which `in` and a place still name the organization (`U.S.
/// Embassy in Baghdad`); after others it says where the organization acts.
const IN_PLACE_HEADS: [&str; 5] = ["embassy", "consulate", "mission", "office", "bureau"];

/// `A/S`, `U/S`, `Gen.`, `LTG`, `CHOD`: an office written short, with a slash, a
/// dot or in capitals.
fn is_abbreviated_office(word: &str) -> bool {
    word.contains(['/', '.'])
        || ((2..=5).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase()))
}

fn apposition_after(after: &str) -> bool {
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

/// The first characters of `text` in lower case, as many as the longest cue of
/// [`apposition_after`] needs: the rest of the paragraph is never read.
fn lower_prefix(text: &str) -> String {
    text.chars().take(12).flat_map(char::to_lowercase).collect()
}

/// `Participants:` (any case) opens a cable's list of the people at a meeting.
fn is_participant_list(paragraph: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The early exit gives up on prose, never on a paragraph in capitals.
        #[test]
        fn shouting_is_four_capitals_in_five_letters(paragraph in "[A-Z ,.'ÉÖÇ]{0,80}[a-zçéı ]{0,30}\\PC{0,40}|[A-Za-zé ]{30,120}") {
            let letters = paragraph.chars().filter(|c| c.is_alphabetic()).count();
            let upper = paragraph.chars().filter(|c| c.is_uppercase()).count();
            prop_assert_eq!(is_shouting(&paragraph), letters > 40 && upper * 10 > letters * 8);
        }

        #[test]
        fn a_participant_list_is_cued_in_any_case(head in "\\PC{0,30}", cue in "(?i)participants", tail in ":? ?\\PC{0,20}") {
            let paragraph = format!("{head}{cue}{tail}");
            let expected = paragraph.to_ascii_lowercase().contains("participants:");
            prop_assert_eq!(is_participant_list(&paragraph), expected);
        }
    }

    #[test]
    fn capitals_with_accents_shout_and_prose_after_a_capital_heading_does_not() {
        assert!(is_shouting(
            "DAMASCUS 00000880 001.2 OF 004: FM MUALLEM TOLD THE CHARGÉ THAT SYRIA WOULD ATTEND"
        ));
        assert!(!is_shouting(
            "SUMMARY AND COMMENT: Muallem told the Chargé that Syria would attend the talks."
        ));
    }

    #[test]
    fn one_edit_apart_counts_one_substitution_insertion_or_deletion() {
        assert!(one_edit_apart("muallem", "muallim"));
        assert!(one_edit_apart("muallem", "mualem"));
        assert!(one_edit_apart("mualem", "muallem"));
        assert!(!one_edit_apart("suleiman", "soleimani"));
        assert!(!one_edit_apart("gul", "gulen"));
    }

    #[test]
    fn names_from_capitals_read_as_english_prints_them() {
        assert_eq!(title_case("SAMIR JA'JA"), "Samir Ja'ja");
        assert_eq!(title_case("BASHAR AL-ASSAD"), "Bashar al-Assad");
        assert_eq!(title_case("AL-MALKI"), "Al-Malki");
        assert_eq!(title_case("MOHAMMED BIN ZAYED"), "Mohammed bin Zayed");
    }
}
