//! Reading one run: the known actors, organizations, persons and places it holds,
//! in the order the rules of the module above give.

use super::*;

impl ActorFinder {
    pub(super) fn read_run<'t>(
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
            .is_some_and(|w| self.is_connector(w.text) && !starts_glued(w.text))
        {
            run = &run[1..];
        }
        while run
            .last()
            .is_some_and(|w| self.is_connector(w.text) && !starts_glued(w.text))
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
                            && crate::extract::institutions::is_national_institution(
                                &actor.name,
                            ) =>
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
                && !crate::extract::institutions::is_government_acronym(strip_possessive(
                    run[i].text,
                ))
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
                            Some(c)
                                if crate::extract::institutions::is_national_institution(&name) =>
                            {
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
                                crate::extract::institutions::government_of(country),
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
                } else if crate::extract::institutions::is_government_acronym(word) {
                    let name = crate::extract::institutions::government_placeholder(word);
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
}

/// A place of one to four words at the start of `run`: how many words. `folded` is
/// the first word's fold.
pub(super) fn place_at(
    paragraph: &str,
    run: &[Word],
    folded: &str,
    places: &Gazetteer,
) -> Option<usize> {
    let longest = places.longest_from(folded).min(run.len()).min(4);
    (1..=longest).rev().find(|&n| {
        places
            .lookup(strip_possessive(&span(paragraph, &run[..n])))
            .is_some()
    })
}
