//! Facet values as users type them → the canonical values in the index.
//!
//! `--actor "ali mamluk"`, `outlet:mee` and `classification:secret` all name values
//! that are stored in one canonical spelling. Resolution tries, in order: the exact
//! value, the value in any case, the catalog's aliases and transliteration keys
//! (`normalize::name_key`), and finally names whose key contains every word of the
//! input (`Mamluk` → `Ali Mamlouk`). What resolves to nothing is an error naming the
//! nearest values, because a filter that silently matches nothing reads as "no such
//! documents" when the truth is "no such spelling".

use crate::marking::{self, Level};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::rc::Rc;

use tantivy::schema::Field;
use tantivy::Searcher;

use crate::catalog::LazyCatalog;
use crate::index::facet::{self, Aliases, Facet};
use crate::text::normalize::{ascii_fold, name_key};

/// How many near values an "unknown value" error suggests.
const NEAREST: usize = 5;

/// A facet value that no document has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub field: String,
    pub value: String,
    pub nearest: Vec<String>,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no documents with {} {:?}", self.field, self.value)?;
        if self.nearest.is_empty() {
            write!(f, "; no document has any {} value", self.field)
        } else {
            write!(f, "; nearest values: {}", self.nearest.join(", "))?;
            write!(f, "\nhint: `dossier facets {}` lists them all", self.field)
        }
    }
}

impl std::error::Error for UnknownValue {}

/// Looks values up in the term dictionaries of one searcher, caching each field.
pub struct Resolver<'a> {
    searcher: &'a Searcher,
    catalog: &'a LazyCatalog,
    cache: RefCell<HashMap<Field, Rc<Vec<String>>>>,
}

impl<'a> Resolver<'a> {
    pub fn new(searcher: &'a Searcher, catalog: &'a LazyCatalog) -> Resolver<'a> {
        Resolver {
            searcher,
            catalog,
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// Every distinct value of a raw-tokenized field, sorted.
    pub fn values(&self, field: Field) -> tantivy::Result<Rc<Vec<String>>> {
        if let Some(values) = self.cache.borrow().get(&field) {
            return Ok(values.clone());
        }
        let mut set = BTreeSet::new();
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                if let Ok(text) = std::str::from_utf8(stream.key()) {
                    set.insert(text.to_string());
                }
            }
        }
        let values = Rc::new(set.into_iter().collect::<Vec<_>>());
        self.cache.borrow_mut().insert(field, values.clone());
        Ok(values)
    }

    /// The indexed values that `input` names in facet `name` (a field of `Fields::facet`).
    pub fn resolve(&self, name: &str, field: Field, input: &str) -> anyhow::Result<Vec<String>> {
        let values = self.values(field)?;
        let found = self.matches(name, &values, input.trim())?;
        if found.is_empty() {
            return Err(UnknownValue {
                field: name.to_string(),
                value: input.to_string(),
                nearest: nearest(&values, input),
            }
            .into());
        }
        Ok(found)
    }

    fn matches(&self, name: &str, values: &[String], input: &str) -> anyhow::Result<Vec<String>> {
        if values.binary_search_by(|v| v.as_str().cmp(input)).is_ok() {
            return Ok(vec![input.to_string()]);
        }
        let folded = ascii_fold(input);
        let same_case = pick(values, |v| ascii_fold(v) == folded);
        if !same_case.is_empty() {
            return Ok(same_case);
        }
        let wanted: Vec<String> = self.aliases(name, input)?;
        let by_alias = pick(values, |v| {
            wanted.iter().any(|w| ascii_fold(v) == ascii_fold(w))
        });
        if !by_alias.is_empty() {
            return Ok(by_alias);
        }
        Ok(self.by_key(name, values, input, &wanted))
    }

    /// Values whose transliteration key is the input's or an alias's, else (for
    /// names) those whose key holds every word of the input.
    fn by_key(&self, name: &str, values: &[String], input: &str, wanted: &[String]) -> Vec<String> {
        if !facet::of(name).is_some_and(Facet::names) {
            return Vec::new();
        }
        let key = name_key(input);
        if key.is_empty() {
            return Vec::new();
        }
        let wanted_keys: Vec<String> = wanted.iter().map(|w| name_key(w)).collect();
        let by_key = pick(values, |v| {
            let k = name_key(v);
            k == key || wanted_keys.contains(&k)
        });
        if !by_key.is_empty() {
            return by_key;
        }
        // `Mamluk` alone: every name whose key holds all the words of the input.
        let words: Vec<&str> = key.split(' ').collect();
        pick(values, |v| {
            let k = name_key(v);
            let have: Vec<&str> = k.split(' ').collect();
            words.iter().all(|w| have.contains(w))
        })
    }

    /// Canonical names the catalog gives for `input` in facet `name`.
    fn aliases(&self, name: &str, input: &str) -> anyhow::Result<Vec<String>> {
        let catalog = self.catalog.get()?;
        let key = name_key(input);
        let folded = ascii_fold(input);
        let same = |alias: &str| {
            ascii_fold(alias) == folded || (!key.is_empty() && name_key(alias) == key)
        };
        let mut out = Vec::new();
        let aliases = facet::of(name).map_or(Aliases::None, |f| f.aliases);
        match aliases {
            Aliases::Actors => {
                for actor in &catalog.actors {
                    if same(&actor.name) || actor.aliases.iter().any(|a| same(a)) {
                        out.push(actor.name.clone());
                    }
                }
            }
            Aliases::Outlets => {
                for outlet in &catalog.outlets {
                    let domain = outlet.domains.iter().any(|d| ascii_fold(d) == folded);
                    if domain || same(&outlet.name) || outlet.aliases.iter().any(|a| same(a)) {
                        out.push(outlet.name.clone());
                    }
                }
            }
            Aliases::Places => {
                for place in &catalog.places {
                    let names = place.aliases.iter().chain(&place.demonyms);
                    if same(&place.name) || names.into_iter().any(|a| same(a)) {
                        out.push(place.name.clone());
                    }
                }
            }
            Aliases::Levels => {
                if let Some(level) = Level::abbreviated(&folded) {
                    out.push(level.as_str().to_string());
                }
            }
            Aliases::Caveats => {
                if let Some(caveat) = marking::caveat_alias(&folded) {
                    out.push(caveat.to_string());
                }
            }
            Aliases::None => {}
        }
        Ok(out)
    }
}

fn pick(values: &[String], keep: impl Fn(&str) -> bool) -> Vec<String> {
    values.iter().filter(|v| keep(v)).cloned().collect()
}

/// The values closest to `input`: containing it first, then by edit distance.
pub fn nearest(values: &[String], input: &str) -> Vec<String> {
    let folded = ascii_fold(input);
    let mut scored: Vec<(usize, &String)> = values
        .iter()
        .map(|v| {
            let fv = ascii_fold(v);
            let distance = if fv.contains(&folded) || folded.contains(&fv) {
                0
            } else {
                levenshtein(&fv, &folded)
            };
            (distance, v)
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(NEAREST)
        .map(|(_, v)| v.clone())
        .collect()
}

/// Edit distance between two strings, by characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("assad", "asad"), 1);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
    }

    #[test]
    fn nearest_prefers_containing_values() {
        let values = vec!["Middle East Eye".to_string(), "Al-Monitor".to_string()];
        assert_eq!(nearest(&values, "east eye")[0], "Middle East Eye");
    }
}
