//! The domain knowledge under `schema/`: outlets, known actors, places, cable posts
//! and TAGS codes.
//!
//! These are reviewed data files, not code, so that a user adds an outlet or an alias
//! by editing a file. The defaults are compiled in; `--schema DIR` overrides any of
//! them file by file. `Catalog::fingerprint` changes whenever any of them does, which
//! is how the indexer knows extraction is stale.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::record::ActorType;

/// The files under `schema/`, by name, with their compiled-in defaults.
pub const SCHEMA_FILES: [(&str, &str); 11] = [
    ("names.toml", include_str!("../schema/names.toml")),
    ("given_names.txt", include_str!("../schema/given_names.txt")),
    (
        "given_names_english.txt",
        include_str!("../schema/given_names_english.txt"),
    ),
    (
        "english_words.txt",
        include_str!("../schema/english_words.txt"),
    ),
    ("outlets.toml", include_str!("../schema/outlets.toml")),
    ("actors.toml", include_str!("../schema/actors.toml")),
    ("places.toml", include_str!("../schema/places.toml")),
    ("posts.toml", include_str!("../schema/posts.toml")),
    ("tags.toml", include_str!("../schema/tags.toml")),
    ("fields.toml", include_str!("../schema/fields.toml")),
    // Read by `extract::date` as compiled in (datelines are parsed where no catalog
    // is at hand); listed here so that an edit counts in the extraction version.
    ("months.toml", include_str!("../schema/months.toml")),
];

/// A news outlet and every way a document can betray it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Web domains, without `www.` (`middleeasteye.net`).
    #[serde(default)]
    pub domains: Vec<String>,
    /// Phrases only this outlet prints: taglines, boilerplate naming the site.
    #[serde(default)]
    pub signatures: Vec<String>,
    /// Layouts: each a set of line patterns (regular expressions) that must all
    /// match some line of the document for the layout to identify the outlet.
    #[serde(default)]
    pub layouts: Vec<Vec<String>>,
    /// A news agency whose copy every outlet quotes: naming it as a source says
    /// nothing of a story's own outlet.
    #[serde(default)]
    pub wire: bool,
    /// Where the entry's facts come from (documentation only).
    #[serde(default)]
    pub source: Option<String>,
}

/// A known actor with the aliases a document may use for it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownActor {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ActorType,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Word lists that find names no list holds: given names, titles and roles that
/// announce a person, head words that make a phrase an organization, and the
/// capitalised words that begin sentences but never names.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct NameLexicon {
    #[serde(default)]
    pub given_names: Vec<String>,
    #[serde(default)]
    pub titles: Vec<String>,
    /// Offices and honorifics after which a surname alone names a person
    /// (`Ambassador Scobey`, `PRESIDENT MBEKI`); stricter than `titles`.
    #[serde(default)]
    pub honorifics: Vec<String>,
    #[serde(default)]
    pub organization_words: Vec<String>,
    #[serde(default)]
    pub particle: Vec<Particle>,
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Last words that make a capitalised phrase a thing, not a person
    /// (`Taif Agreement`, `Eid al-Fitr` is a feast): never a person's name.
    #[serde(default)]
    pub thing_words: Vec<String>,
}

/// A name particle (`al-`, `bin`, `de`) and what it does: `schema/names.toml` says
/// what each flag means.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Particle {
    pub word: String,
    #[serde(default)]
    pub joins: bool,
    #[serde(default)]
    pub glued: bool,
    #[serde(default)]
    pub lower: bool,
    #[serde(default)]
    pub keyless: bool,
    #[serde(default)]
    pub indexed: bool,
}

/// A country, region or city, with aliases and demonyms (`Syrian` → Syria).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
}

/// How telegram `FM` lines map to the post names PlusD prints.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Posts {
    /// Prefix of the FM line → kind of post (`AMEMBASSY` → `Embassy`).
    #[serde(default)]
    pub prefixes: HashMap<String, String>,
    /// Whole FM lines (after the prefix is tried) with a name of their own.
    #[serde(default)]
    pub special: HashMap<String, String>,
    /// Old or variant city spellings → the one PlusD uses (`KIEV` → `KYIV`).
    #[serde(default)]
    pub cities: HashMap<String, String>,
    /// Cities whose post is a consulate rather than an embassy, for telegrams that
    /// name the post only in their serial line (`JEDDAH 000123`).
    #[serde(default)]
    pub consulates: Vec<String>,
    /// City of a post → the host country (`Tel Aviv` → `Israel`).
    #[serde(default)]
    pub countries: HashMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct OutletsFile {
    #[serde(default)]
    outlet: Vec<Outlet>,
}
#[derive(Debug, Deserialize)]
struct ActorsFile {
    #[serde(default)]
    actor: Vec<KnownActor>,
}
#[derive(Debug, Deserialize)]
struct PlacesFile {
    #[serde(default)]
    place: Vec<Place>,
}
#[derive(Debug, Deserialize)]
struct TagsFile {
    #[serde(default)]
    tags: HashMap<String, String>,
}

/// Everything under `schema/`, parsed and checked.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub outlets: Vec<Outlet>,
    pub actors: Vec<KnownActor>,
    pub places: Vec<Place>,
    pub posts: Posts,
    pub names: NameLexicon,
    /// TAGS code → meaning.
    pub tags: HashMap<String, String>,
    /// The text of each schema file, in the order of `SCHEMA_FILES`: an index keeps
    /// `actors.toml`'s, so that the next run can tell which known actors an edit
    /// changed (see `index::recheck`).
    texts: Vec<(&'static str, String)>,
    fingerprint: u64,
}

/// A catalog read the first time something needs it. A search consults the catalog
/// only to resolve an alias in a filter, and parsing the schema files was a third of
/// the start-up of every search; a bad `--schema` file is still reported, by the
/// search that needs it.
#[derive(Debug)]
pub struct LazyCatalog {
    dir: Option<PathBuf>,
    cell: OnceLock<Catalog>,
}

impl LazyCatalog {
    /// The catalog of `dir` (the defaults when `None`), not read yet.
    pub fn new(dir: Option<&Path>) -> LazyCatalog {
        LazyCatalog {
            dir: dir.map(Path::to_path_buf),
            cell: OnceLock::new(),
        }
    }

    /// A catalog already read.
    pub fn loaded(catalog: Catalog) -> LazyCatalog {
        LazyCatalog {
            dir: None,
            cell: OnceLock::from(catalog),
        }
    }

    pub fn get(&self) -> Result<&Catalog> {
        if let Some(catalog) = self.cell.get() {
            return Ok(catalog);
        }
        let catalog = Catalog::load(self.dir.as_deref())?;
        Ok(self.cell.get_or_init(|| catalog))
    }
}

impl Catalog {
    /// The compiled-in defaults.
    pub fn builtin() -> Result<Catalog> {
        Catalog::load(None)
    }

    /// Defaults, overridden file by file by those present in `dir`.
    pub fn load(dir: Option<&Path>) -> Result<Catalog> {
        let mut texts: HashMap<&str, String> = HashMap::new();
        for (name, default) in SCHEMA_FILES {
            let text = match dir.map(|d| d.join(name)) {
                Some(path) if path.exists() => std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?,
                _ => default.to_string(),
            };
            texts.insert(name, text);
        }
        let parse_err = |name: &str| format!("schema file {name} is not valid");
        let outlets: OutletsFile =
            toml::from_str(&texts["outlets.toml"]).with_context(|| parse_err("outlets.toml"))?;
        let actors: ActorsFile =
            toml::from_str(&texts["actors.toml"]).with_context(|| parse_err("actors.toml"))?;
        let places: PlacesFile =
            toml::from_str(&texts["places.toml"]).with_context(|| parse_err("places.toml"))?;
        let posts: Posts =
            toml::from_str(&texts["posts.toml"]).with_context(|| parse_err("posts.toml"))?;
        let names: NameLexicon =
            toml::from_str(&texts["names.toml"]).with_context(|| parse_err("names.toml"))?;
        let tags: TagsFile =
            toml::from_str(&texts["tags.toml"]).with_context(|| parse_err("tags.toml"))?;
        for outlet in &outlets.outlet {
            for layout in &outlet.layouts {
                for pattern in layout {
                    regex::Regex::new(pattern).with_context(|| {
                        format!(
                            "outlets.toml: layout pattern {pattern:?} of {} is not a valid regex",
                            outlet.name
                        )
                    })?;
                }
            }
        }
        let kept: Vec<(&'static str, String)> = SCHEMA_FILES
            .iter()
            .map(|(name, _)| (*name, texts[name].clone()))
            .collect();
        Ok(Catalog {
            outlets: outlets.outlet,
            actors: actors.actor,
            places: places.place,
            posts,
            names,
            tags: tags.tags,
            fingerprint: fingerprint_of(&kept, None),
            texts: kept,
        })
    }

    /// This catalog with the known actors of another `actors.toml` text: the
    /// catalog an index was extracted with, when only that file has changed since.
    pub fn with_actors(&self, actors_toml: &str) -> Result<Catalog> {
        let actors: ActorsFile = toml::from_str(actors_toml)
            .context("the actors.toml kept in the index is not valid")?;
        let mut catalog = self.clone();
        catalog.actors = actors.actor;
        for (name, text) in &mut catalog.texts {
            if *name == "actors.toml" {
                *text = actors_toml.to_string();
            }
        }
        catalog.fingerprint = fingerprint_of(&catalog.texts, None);
        Ok(catalog)
    }

    /// The text of a schema file, by name (`"actors.toml"`).
    /// The words of a word-list file (`given_names.txt`): one a line, `#` comments.
    pub fn word_list(&self, name: &str) -> impl Iterator<Item = &str> {
        self.text(name)
            .unwrap_or("")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.texts
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| text.as_str())
    }

    /// Changes whenever a schema file other than `actors.toml` does.
    pub fn others_fingerprint(&self) -> u64 {
        fingerprint_of(&self.texts, Some("actors.toml"))
    }

    /// Changes whenever any schema file does: part of the extraction version.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }
}

/// xxh3 of the schema files' names and texts, leaving out `except`.
fn fingerprint_of(texts: &[(&'static str, String)], except: Option<&str>) -> u64 {
    let mut all = String::new();
    for (name, text) in texts {
        if Some(*name) != except {
            all.push_str(name);
            all.push_str(text);
        }
    }
    xxhash_rust::xxh3::xxh3_64(all.as_bytes())
}
