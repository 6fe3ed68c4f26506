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
//!
//! The finder is written in stages, each a file adding to `ActorFinder`'s methods:
//! `lookups` (the tables built from the catalog), `runs` (a paragraph's candidate
//! runs and the shapes of words), `read` (one run read in the order above), `names`
//! and `organizations` (the cues), `merge` (mentions to actors). Each sees this
//! module's items through `use super::*`.

mod lookups;
mod merge;
mod names;
mod organizations;
mod read;
mod runs;

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
use crate::text::particles::starts_glued;

use merge::*;
use names::*;
use organizations::*;
use runs::*;
pub(crate) use runs::{is_shouting, strip_possessive};

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

/// A blank line between paragraphs, spaces on it or not (telegrams keep them).
static BLANK_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\n[ \t\r\u{a0}]*\n").expect("static regex"));

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

    /// The rules, on documents written as the real ones are; the catalog is the
    /// built-in one.
    mod rules {
        use crate::catalog::Catalog;
        use crate::extract::Extractor;
        use crate::ingest::cable::parse_cable;
        use crate::record::{Actor, ActorType, Draft};

        fn extractor() -> (Extractor, Catalog) {
            let catalog = Catalog::builtin().expect("built-in catalog");
            (Extractor::new(&catalog).expect("extractor"), catalog)
        }

        fn article(body: &str) -> Vec<Actor> {
            let draft = Draft {
                path: "a.txt".into(),
                title: Some("Syria's spy chief meets Saudi officials".into()),
                body: body.into(),
                ..Draft::default()
            };
            extractor().0.complete(draft).actors
        }

        fn named<'a>(actors: &'a [Actor], name: &str) -> &'a Actor {
            actors
                .iter()
                .find(|a| a.name == name)
                .unwrap_or_else(|| panic!("no actor {name} in {actors:#?}"))
        }

        #[test]
        fn a_title_makes_a_person_and_the_surname_alone_joins_the_full_name() {
            let actors = article(
                "Deputy Foreign Minister Karim Tabbara said on Monday that the talks would \
                 continue. Tabbara's office later denied the report.",
            );
            let tabbara = named(&actors, "Karim Tabbara");
            assert_eq!(tabbara.kind, ActorType::Person);
            assert_eq!(tabbara.mentions, 2);
            assert_eq!(tabbara.variants, ["Karim Tabbara", "Tabbara"]);
            assert_eq!(actors.len(), 1, "{actors:#?}");
        }

        #[test]
        fn transliterations_of_one_name_are_one_actor() {
            let actors = article(
                "General Rustum Ghazali met the delegation in Beirut. Rustom Ghazaleh had \
                 earlier visited Amman.",
            );
            let people: Vec<&Actor> = actors
                .iter()
                .filter(|a| a.kind == ActorType::Person)
                .collect();
            assert_eq!(people.len(), 1, "{actors:#?}");
            assert_eq!(people[0].mentions, 2);
            assert_eq!(people[0].variants, ["Rustum Ghazali", "Rustom Ghazaleh"]);
        }

        #[test]
        fn catalog_spellings_give_the_catalog_name_and_kind() {
            let actors =
                article("Ali Mamluk met Hizballah leader Hassan Nasrallah in Beirut on Monday.");
            assert_eq!(named(&actors, "Ali Mamlouk").variants, ["Ali Mamluk"]);
            assert_eq!(named(&actors, "Hezbollah").kind, ActorType::Organization);
            assert_eq!(named(&actors, "Hassan Nasrallah").kind, ActorType::Person);
            assert!(actors
                .iter()
                .all(|a| a.name != "Beirut" && a.name != "Monday"));
        }

        #[test]
        fn head_words_make_organizations_and_a_nationality_names_the_country() {
            let actors = article(
                "He was questioned by the Political Security Directorate before he visited \
                 the Syrian Ministry of Defence.",
            );
            let directorate = named(&actors, "Political Security Directorate");
            assert_eq!(directorate.kind, ActorType::Organization);
            let ministry = named(&actors, "Ministry of Defence of Syria");
            assert_eq!(ministry.variants, ["Ministry of Defence"]);
        }

        #[test]
        fn a_telegram_in_capitals_gives_names_as_english_prints_them() {
            let (extractor, catalog) = extractor();
            let telegram = "VZCZC\nO 241408Z FEB 10\nFM AMEMBASSY DAMASCUS\n\
                TO SECSTATE WASHDC IMMEDIATE 7000\nS E C R E T DAMASCUS 000159\n\n\
                SUBJECT: FM MUALLEM ON LEBANON\n\n\
                1. (S) FOREIGN MINISTER WALID MUALLEM TOLD THE CHARGE ON FEBRUARY 23 THAT \
                PRESIDENT BASHAR AL-ASAD WOULD RECEIVE THE DELEGATION. MUALLEM SAID THE \
                TALKS IN BEIRUT WOULD RESUME.\nHUNTER\n";
            let draft = parse_cable(telegram, "c.txt", &catalog.posts, None);
            let actors = extractor.complete(draft).actors;
            let muallem = named(&actors, "Walid al-Muallem");
            assert_eq!(
                muallem.mentions, 3,
                "the subject line, the full name, the surname"
            );
            assert_eq!(
                named(&actors, "Bashar al-Assad").variants,
                ["BASHAR AL-ASAD"]
            );
            // The signer: a person of the surname, title-cased.
            assert_eq!(named(&actors, "Hunter").kind, ActorType::Person);
            let names: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();
            assert_eq!(names.len(), 3, "{names:?}");
        }
    }
}
