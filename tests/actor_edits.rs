//! An `actors.toml` edit re-extracts only the documents it can change: the test that
//! decides it must never pass over a document whose records the edit changes.

use dossier::catalog::Catalog;
use dossier::extract::Extractor;
use dossier::parse::Parser;
use dossier::record::Draft;
use proptest::prelude::*;

/// Words that make and break names: spellings of one name, particles, possessives,
/// apostrophes inside words, acronyms with and without dots, titles, connectors.
const WORDS: [&str; 48] = [
    "Mamlouk",
    "Mamluk",
    "Mamlouk's",
    "MAMLOUK",
    "Assad",
    "al-Assad",
    "Asad's",
    "Bashar",
    "Ali",
    "Qa'ida",
    "Qaeda",
    "al-Qaida's",
    "Zbrzezny",
    "Zbrzezni",
    "ZBRZEZNY",
    "Omar",
    "Abu",
    "al",
    "the",
    "The",
    "GID",
    "G.I.D.",
    "CIA",
    "Talib",
    "al-Talib",
    "Laith",
    "Hezbollah",
    "Hizballah",
    "Ministry",
    "of",
    "Interior",
    "President",
    "General",
    "met",
    "said",
    "in",
    "Damascus",
    "and",
    "Tuesday",
    ".",
    ",",
    "\n\n",
    "U/S",
    "Mr.",
    "Lebanese",
    "Hezbollah's",
    "Forces",
    "Hariri",
];

/// Names an edit adds or takes away, built from the same words.
const NAME_WORDS: [&str; 14] = [
    "Omar",
    "Zbrzezny",
    "Ali",
    "Mamluk",
    "Talib",
    "Laith",
    "al-Talib",
    "Qa'ida",
    "Abu",
    "Bashar",
    "Asad",
    "Hizballah",
    "Lebanese",
    "Forces",
];

fn actors_with(extra: &str) -> String {
    format!("{}\n{extra}", include_str!("../schema/actors.toml"))
}

fn entry(name: &[usize], alias: &[usize], one_word: usize, acronym: bool) -> String {
    let words = |ids: &[usize]| {
        ids.iter()
            .map(|&i| NAME_WORDS[i % NAME_WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut aliases = vec![
        words(alias),
        NAME_WORDS[one_word % NAME_WORDS.len()].to_string(),
    ];
    if acronym {
        aliases.push("GID".to_string());
    }
    let aliases: Vec<String> = aliases.iter().map(|a| format!("{a:?}")).collect();
    format!(
        "[[actor]]\nname = {:?}\ntype = \"person\"\naliases = [{}]\n",
        words(name),
        aliases.join(", ")
    )
}

fn drafts(parser: &Parser, text: &str) -> Vec<Draft> {
    let mut out = Vec::new();
    let _ = parser
        .reader()
        .read_bytes(text.as_bytes(), "doc.txt", &mut |d| out.push(d));
    out
}

fn record_json(extractor: &Extractor, draft: &Draft) -> String {
    serde_json::to_string(&extractor.complete(draft.clone())).expect("json")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn documents_the_edit_passes_over_extract_the_same(
        words in proptest::collection::vec(0..WORDS.len(), 1..60),
        shouting in any::<bool>(),
        name in proptest::collection::vec(0..14usize, 2..4),
        alias in proptest::collection::vec(0..14usize, 2..4),
        one_word in 0..14usize,
        acronym in any::<bool>(),
        removed in any::<bool>(),
    ) {
        let builtin = Catalog::builtin().expect("catalog");
        let edited = builtin
            .with_actors(&actors_with(&entry(&name, &alias, one_word, acronym)))
            .expect("edited catalog");
        // The edit adds the entry, or takes it away.
        let (before, after) = if removed { (edited, builtin) } else { (builtin, edited) };
        let (old, new) = (
            Extractor::new(&before).expect("extractor"),
            Extractor::new(&after).expect("extractor"),
        );
        let edit = new.actor_edit(&old);
        let mut text = format!(
            "Title line\n\n{}\n",
            words.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ")
        );
        if shouting {
            text = text.to_uppercase();
        }
        let parser = Parser::new(&after).expect("parser");
        for draft in drafts(&parser, &text) {
            if !edit.may_change(&draft) {
                prop_assert_eq!(record_json(&old, &draft), record_json(&new, &draft), "{}", text);
            }
        }
    }
}

#[test]
fn an_edit_reaches_the_documents_that_name_it_in_any_spelling() {
    let builtin = Catalog::builtin().expect("catalog");
    let entry =
        "[[actor]]\nname = \"Omar Zbrzezny\"\ntype = \"person\"\naliases = [\"Zbrzezny\"]\n";
    let edited = builtin.with_actors(&actors_with(entry)).expect("edited");
    let (old, new) = (
        Extractor::new(&builtin).expect("old"),
        Extractor::new(&edited).expect("new"),
    );
    let edit = new.actor_edit(&old);
    let parser = Parser::new(&edited).expect("parser");
    let reaches = |text: &str| drafts(&parser, text).iter().any(|d| edit.may_change(d));
    for text in [
        "Talks\n\nOmar Zbrzezny met envoys in Damascus.",
        "Talks\n\nZbrzezny's visit was cancelled.",
        "TALKS\n\nZBRZEZNY MET THE ENVOYS.",
        "Talks\n\nThe envoy, Zbrzezni, said so.",
        "Talks\n\nZbrzézny’s office declined.",
    ] {
        assert!(reaches(text), "{text}");
    }
    for text in [
        "Talks\n\nAli Mamlouk met envoys in Damascus.",
        "Talks\n\nA breezy zebra rezoned the bazaar.",
    ] {
        assert!(!reaches(text), "{text}");
    }
    // A new first word of a name starts runs in all-caps text, where other known
    // names are then read: the edit reaches a cable that has that word alone.
    let forces = "[[actor]]\nname = \"Druze Forces\"\ntype = \"organization\"\n";
    let edited = builtin.with_actors(&actors_with(forces)).expect("edited");
    let new = Extractor::new(&edited).expect("new");
    let edit = new.actor_edit(&old);
    let cable = "SUBJECT: BORDER\n\nDISCUSS THE BORDER. DRUZE HEZBOLLAH'S FIGHTERS HAVE CROSSED.";
    assert!(drafts(&parser, cable).iter().any(|d| edit.may_change(d)));

    // Moving nothing but a comment changes no lookup.
    let commented = builtin
        .with_actors(&actors_with("# a note\n"))
        .expect("commented");
    let same = Extractor::new(&commented).expect("same");
    assert!(same.actor_edit(&old).is_empty());
}
