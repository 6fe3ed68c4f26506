//! The facets: every field a search counts and filters by, described once. The
//! schema, the query planner (`field:value`), the value resolver, the counter, the
//! engine and the command line's help all read [`FACETS`]; adding a facet is a line
//! here and a field in `schema/fields.toml`.

/// Where the other names of a facet's values come from, for filters and `field:value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aliases {
    /// Values are matched as written (any case).
    None,
    /// Known actors of `actors.toml`, and names in any transliteration.
    Actors,
    /// Outlets of `outlets.toml`: names, aliases and web domains.
    Outlets,
    /// Places of `places.toml`: names, aliases and demonyms.
    Places,
    /// Classification levels by their abbreviations (`S`, `TS`, `unclas`).
    Levels,
    /// Handling caveats by their long forms (`no foreign dissem`).
    Caveats,
}

/// One facet field.
#[derive(Debug, Clone, Copy)]
pub struct Facet {
    /// The field's name in the index and on the command line.
    pub name: &'static str,
    /// Other names users write for it in queries and `dossier facets`.
    pub synonyms: &'static [&'static str],
    /// At most one value per document. A filter on such a facet leaves its own
    /// counts whole (multi-select, as in Datashare and Algolia), so the
    /// alternatives stay visible; multi-valued facets count with every filter.
    pub single: bool,
    /// Counted by `search --facets`.
    pub default: bool,
    pub aliases: Aliases,
}

impl Facet {
    /// Whether values are names, matched in any spelling by transliteration key.
    pub fn names(&self) -> bool {
        matches!(
            self.aliases,
            Aliases::Actors | Aliases::Outlets | Aliases::Places
        )
    }
}

const fn facet(
    name: &'static str,
    synonyms: &'static [&'static str],
    single: bool,
    default: bool,
    aliases: Aliases,
) -> Facet {
    Facet {
        name,
        synonyms,
        single,
        default,
        aliases,
    }
}

/// Every facet; `search --facets` shows the default ones in this order.
pub const FACETS: [Facet; 12] = [
    facet(
        "outlet",
        &["outlets", "source", "post"],
        true,
        true,
        Aliases::Outlets,
    ),
    facet("actor", &["actors", "name"], false, true, Aliases::Actors),
    facet(
        "classification",
        &["class", "level"],
        true,
        true,
        Aliases::Levels,
    ),
    facet("kind", &["kinds", "type"], true, true, Aliases::None),
    facet("year", &["years"], true, true, Aliases::None),
    facet(
        "person",
        &["persons", "people"],
        false,
        false,
        Aliases::Actors,
    ),
    facet(
        "organization",
        &["organizations", "org", "orgs", "organisation"],
        false,
        false,
        Aliases::Actors,
    ),
    facet("caveat", &["caveats"], false, false, Aliases::Caveats),
    facet("tag", &["tags"], false, false, Aliases::None),
    facet(
        "place",
        &["places", "country"],
        false,
        false,
        Aliases::Places,
    ),
    facet("genre", &["genres"], true, false, Aliases::None),
    facet("cites", &["cite"], false, false, Aliases::None),
];

/// The facet a user's word names: its name or a synonym.
pub fn named(word: &str) -> Option<&'static Facet> {
    FACETS
        .iter()
        .find(|f| f.name == word || f.synonyms.contains(&word))
}

/// The facet of this exact name.
pub fn of(name: &str) -> Option<&'static Facet> {
    FACETS.iter().find(|f| f.name == name)
}

/// The facets a search counts: the default ones when `defaults` (`--facets`), then
/// each of `extra` (`--facet X`) not listed yet.
pub fn requested(defaults: bool, extra: &[String]) -> Vec<String> {
    let mut names: Vec<String> = FACETS
        .iter()
        .filter(|f| defaults && f.default)
        .map(|f| f.name.to_string())
        .collect();
    for name in extra {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    names
}

/// `outlet, actor, ...`: the facet names, for help and error messages.
pub fn listed() -> String {
    FACETS.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_synonyms_name_one_facet_each() {
        let mut words: Vec<&str> = FACETS
            .iter()
            .flat_map(|f| std::iter::once(f.name).chain(f.synonyms.iter().copied()))
            .collect();
        let all = words.len();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), all, "a word names two facets");
        assert_eq!(named("orgs").map(|f| f.name), Some("organization"));
        assert!(named("colour").is_none());
    }
}
