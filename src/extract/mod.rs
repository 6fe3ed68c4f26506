//! Extraction: from a `Draft` to a `Record`.
//!
//! What a format stated explicitly is kept; what it did not is inferred from the
//! text — the date from a dateline, the outlet from metadata, the URL or a
//! signature, the actors and places from the words — and left empty when the text
//! does not say. A wrong outlet or date is worse than none.

pub(crate) mod actor_edits;
pub(crate) mod actors;
mod institutions;
pub(crate) mod outlet;
pub(crate) mod places;
mod word_set;

use std::sync::LazyLock;

use anyhow::Result;
use regex::Regex;

use crate::catalog::Catalog;
use crate::record::{default_id, Draft, Kind, Record};
use crate::text::{date, normalize};

/// Bumped whenever extraction rules change, so that indexes re-extract: it is part
/// of every record's `extraction` stamp (`index::schema::extraction_version`).
pub const EXTRACTION_VERSION: u32 = 2;

/// The extractors, compiled once from a catalog and shared by all parser threads.
pub struct Extractor {
    catalog: Catalog,
    outlets: outlet::OutletFinder,
    places: places::Gazetteer,
    actors: actors::ActorFinder,
}

impl Extractor {
    pub fn new(catalog: &Catalog) -> Result<Extractor> {
        Ok(Extractor {
            catalog: catalog.clone(),
            outlets: outlet::OutletFinder::new(&catalog.outlets)?,
            places: places::Gazetteer::new(&catalog.places),
            actors: actors::ActorFinder::new(catalog),
        })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Outlet signatures: lines that contain one are page chrome.
    pub fn signatures(&self) -> &crate::text::signatures::Signatures {
        self.outlets.signatures()
    }

    /// Which documents extracted with `older` (a catalog that differs from this
    /// one in `actors.toml` only) this one can extract differently.
    pub fn actor_edit(&self, older: &Extractor) -> actor_edits::ActorEdit {
        actor_edits::ActorEdit::new(self.actors.changed_lookups(&older.actors).as_ref())
    }

    /// The country of the post that wrote a cable (`Embassy Tel Aviv` → Israel), or
    /// of the city an article was filed from (`KUWAIT: National Assembly Speaker
    /// ...`, `TEHRAN, Sep. 26 (MNA) –`): whose `the Cabinet` and `the Foreign
    /// Ministry` are.
    fn host_country(&self, draft: &Draft) -> Option<&str> {
        if draft.kind != Kind::Cable {
            let head = draft.body.get(..draft.body.len().min(40)).unwrap_or("");
            let city = head.split([':', ',', '—', '–', '(']).next()?.trim();
            let filed = city.len() >= 3 && !city.bytes().any(|b| b.is_ascii_lowercase());
            return filed
                .then(|| {
                    self.catalog
                        .posts
                        .countries
                        .iter()
                        .find(|(c, _)| c.eq_ignore_ascii_case(city))
                })
                .flatten()
                .map(|(_, country)| country.as_str());
        }
        let origin = draft.outlet.as_deref()?;
        let city = origin.split_once(' ').map(|(_, c)| c).unwrap_or(origin);
        self.catalog.posts.countries.get(city).map(String::as_str)
    }

    /// Fills in every field of the record.
    pub fn complete(&self, draft: Draft) -> Record {
        let date = draft.date.as_deref().and_then(date::parse_explicit);
        let outlet = self.outlets.identify(&draft);
        let classification = draft
            .classification
            .unwrap_or_default()
            .as_str()
            .to_string();
        let mut caveats = draft.caveats.clone();
        caveats.sort();
        caveats.dedup();
        let full_text = full_text(&draft);
        // One pass cuts the words that both places and actors are read from.
        let words = places::words(&full_text);
        let places = self.places.find(&full_text, &words, &draft.addressees);
        let actors = self
            .actors
            .find(&full_text, &words, &draft, &self.places, &self.outlets);
        let mut actors = institutions::qualify(actors, self.host_country(&draft), &places);
        // A byline naming an agency (`By JT`) credits the outlet, not a reporter.
        let authors: Vec<String> = draft
            .authors
            .iter()
            .filter(|a| !self.outlets.is_outlet_name(a))
            .cloned()
            .collect();
        // A reporter is not an actor of the story (the record's `authors`, README).
        let bylined: Vec<String> = authors.iter().map(|a| normalize::name_key(a)).collect();
        actors.retain(|a| {
            a.kind != crate::record::ActorType::Person
                || !bylined.contains(&normalize::name_key(&a.name))
        });
        let outlet = match outlet {
            None if draft.kind == Kind::Article => self.outlets.named_throughout(&actors),
            found => found,
        };
        if draft.kind == Kind::Article {
            if let Some(own) = &outlet {
                actors.retain(|a| &a.name != own || named_in_story(&draft.body, &a.variants));
            }
        }
        let id = draft.id.clone().unwrap_or_else(|| default_id(&draft.path));
        Record {
            id,
            path: draft.path,
            kind: draft.kind,
            genre: if draft.kind == Kind::Article {
                draft.genre
            } else {
                None
            },
            title: draft.title,
            date,
            outlet,
            classification,
            caveats,
            actors,
            places,
            authors,
            url: draft.url,
            cable: draft.cable,
            body: draft.body,
        }
    }
}

/// Whether the story itself names its outlet (`told The Daily Star`), not only
/// its page chrome or the credit of its dateline (`ALBAWABA - `, `TEHRAN, Sep. 26
/// (MNA) –`): the outlet is an actor of the story only then.
fn named_in_story(body: &str, variants: &[String]) -> bool {
    let head = body.char_indices().nth(100).map_or(body.len(), |(i, _)| i);
    let story = [" – ", " — ", " - ", ": "]
        .iter()
        .filter_map(|dash| body[..head].find(dash).map(|at| at + dash.len()))
        .min()
        .map_or(body, |start| &body[start..]);
    variants.iter().any(|v| story.contains(v.as_str()))
}

/// Everything that names actors: title, chrome, routing, body.
pub(crate) fn full_text(draft: &Draft) -> String {
    let mut text = String::with_capacity(draft.body.len() + 512);
    if let Some(t) = &draft.title {
        text.push_str(t);
        text.push_str("\n\n");
    }
    for line in &draft.chrome {
        text.push_str(line);
        text.push_str("\n\n");
    }
    // `Classified By: Ambassador David Hale`: the classifier is named in the header.
    if let Some(by) = draft
        .cable
        .as_ref()
        .and_then(|c| c.classified_by.as_deref())
    {
        text.push_str(by);
        text.push_str("\n\n");
    }
    text.push_str(&draft.body);
    // `(Photo: Haytham al-Moussawi)`, `Foto: Juma Mohammad / ZUMA Wire`, a
    // caption's closing `(AFP)` or `(AP Photo/Bilal Hussein)`: whoever took or sold
    // a picture is not an actor of the story. Blanked, not cut, so that the words
    // around keep their places.
    // Asked line by line: the text is long, credits are rare. A line that is a
    // credit and the brackets that close a caption are decided by their words; only
    // `Photo: ...` and `(AP Photo/...)` need the pattern.
    let mut credits: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        let closing = trimmed.trim_end_matches(['.', ' ']);
        let opened = closing.strip_suffix(')').and_then(|c| c.rfind('('));
        if let Some(open) =
            opened.filter(|&o| capitalised_words(&closing[o + 1..closing.len() - 1], 6))
        {
            credits.push((at + open, at + closing.len()));
        } else if trimmed.len() <= 90
            && trimmed.matches('/').count() == 1
            && !trimmed.contains(|c: char| c.is_ascii_digit() || c == '(' || c == ')')
            && capitalised_words(trimmed, usize::MAX)
        {
            credits.push((at, at + trimmed.len()));
        } else if trimmed.contains("Photo/")
            || (trimmed.contains(':') && CREDIT_WORDS.iter().any(|w| trimmed.contains(w)))
        {
            credits.extend(
                PHOTO_CREDIT
                    .find_iter(trimmed)
                    .map(|m| (at + m.start(), at + m.end())),
            );
        }
        at += line.len();
    }
    for (start, end) in credits.into_iter().rev() {
        text.replace_range(start..end, &" ".repeat(end - start));
    }
    text
}

/// Whether `words` (split at spaces and slashes) are one to `most` words, each
/// capitalised: `SPA`, `Reuters/Omar Sanadiki`, `ROYAL COUNCIL/Anadolu Agency`.
fn capitalised_words(words: &str, most: usize) -> bool {
    let mut count = 0;
    words.split([' ', '/']).filter(|w| !w.is_empty()).all(|w| {
        count += 1;
        w.starts_with(|c: char| c.is_uppercase())
    }) && (1..=most).contains(&count)
}

/// The words a photo credit opens with (`Photograph` and plurals follow from them).
const CREDIT_WORDS: [&str; 7] = [
    "Photo", "PHOTO", "Foto", "FOTO", "Picture", "Image", "Credit",
];

/// `Photo: Haytham al-Moussawi`, `(AP Photo/Emrah Gurel)`: a credit inside a line.
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    // Asked of one line at a time, so the spans need no bounds: bounded repeats of
    // wide classes cost milliseconds to compile.
    Regex::new(&format!(
        r"(?-u:\b)(?:{})(?:graph)?s?(?: by)?[ \t]*:[ \t]*[^()]+|\([^()]*Photo/[^()]+\)",
        CREDIT_WORDS.join("|")
    ))
    .expect("static regex")
});
