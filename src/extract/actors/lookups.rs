//! The finder's lookup tables, built once from the catalog: known actors by key,
//! word and acronym, the word lists, the surnames; and what an `actors.toml` edit
//! changes in them.

use super::*;

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
        let joining: Vec<String> = names
            .particle
            .iter()
            .filter(|p| p.joins)
            .map(|p| p.word.clone())
            .collect();
        let longest_particle = joining.iter().map(String::len).max().unwrap_or(0);
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
            particles: lower(&joining),
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
    pub(super) fn add_surnames(&mut self, catalog: &Catalog) {
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
    pub(super) fn lookup(&self, name: &str) -> Option<&usize> {
        self.lookup_keyed(name, &name_key(name))
    }

    /// [`Self::lookup`] with the name's key already computed.
    pub(super) fn lookup_keyed(&self, name: &str, key: &str) -> Option<&usize> {
        if key.contains(' ') {
            self.by_key.get(key)
        } else {
            with_word_fold(name, |fold| self.by_word.get(fold))
        }
    }
}
