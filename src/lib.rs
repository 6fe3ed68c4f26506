//! dossier: a search engine for investigative document collections.
//!
//! The layers, bottom to top; each imports only from its own layer and those below
//! (the `layers` test holds it):
//!
//! 1. [`record`] (`Record`, and `Draft`, what a reader hands to extraction),
//!    [`marking`] (classification levels and caveats, which every cable layout and
//!    the search filters share) and the terminal sanitiser.
//! 2. [`Catalog`]: domain knowledge (outlets, aliases, places, posts, TAGS) loaded
//!    from `schema/`.
//! 3. `text`: folds, name keys and transliteration skeletons, dates as written,
//!    the outlet signature automaton — what every layer above reads text with.
//! 4. [`ingest`] finds files under the given roots, decodes their bytes (BOMs,
//!    UTF-16, Windows-1252, gzip) and recognises the format by content — a web page
//!    saved as text or HTML, a cable in any of the layouts it circulates in, the
//!    Cablegate CSV dump, JSON/JSON Lines, front-matter text — yielding drafts.
//! 5. [`extract`] turns a draft into a [`Record`]: date, outlet, classification,
//!    actors with transliteration-folded canonical names, places.
//! 6. [`parse`] composes the two: a file to records.
//! 7. [`index`] writes records into a Tantivy index, incrementally and crash-safely.
//! 8. [`search`] answers faceted queries with highlighted snippets, and the
//!    analysis views (timeline, graph, citations, reprints).
//! 9. `output` renders records and hits for a terminal, JSON, NDJSON or CSV;
//!    `serve` renders them as web pages and serves the JSON over HTTP; [`cli`] is
//!    the command line over all of it.

pub mod catalog;
pub mod cli;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod marking;
pub(crate) mod output;
pub mod parse;
pub mod record;
pub(crate) mod sanitize;
pub mod search;
pub(crate) mod serve;
pub(crate) mod text;

pub use catalog::Catalog;
pub use record::{Actor, ActorType, CableFields, Kind, Record};

#[cfg(test)]
mod layers {
    //! The layers of the overview above point one way: a module imports from its own
    //! layer or those below it, never from one above.

    use std::path::Path;

    /// Bottom to top; modules on one line share a layer.
    const LAYERS: &[&[&str]] = &[
        &["record", "marking", "sanitize"],
        &["catalog"],
        &["text"],
        &["ingest"],
        &["extract"],
        &["parse"],
        &["index"],
        &["search"],
        &["output"],
        &["serve"],
        &["cli"],
    ];

    /// The layer of a module, or of an item re-exported at the crate's root.
    fn layer(name: &str) -> Option<usize> {
        let module = match name {
            "Catalog" => "catalog",
            "Record" | "Actor" | "ActorType" | "CableFields" | "Kind" => "record",
            _ => name,
        };
        LAYERS.iter().position(|layer| layer.contains(&module))
    }

    /// `crate::name` paths in the code of `text`, comments left out.
    fn imports(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or("");
            for (at, _) in code.match_indices("crate::") {
                let name: String = code[at + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                found.push(name);
            }
        }
        found
    }

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn no_module_imports_from_a_layer_above_it() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let mut checked = 0;
        let mut upward = Vec::new();
        for file in &files {
            let rel = file.strip_prefix(&src).expect("under src");
            let top = rel
                .components()
                .next()
                .and_then(|c| c.as_os_str().to_str())
                .map(|c| c.trim_end_matches(".rs"))
                .unwrap_or("");
            if matches!(top, "lib" | "main") {
                continue;
            }
            let own = layer(top).unwrap_or_else(|| panic!("{top} is in no layer"));
            let text = std::fs::read_to_string(file).expect("readable source");
            for name in imports(&text) {
                let theirs = layer(&name).unwrap_or_else(|| panic!("{name} is in no layer"));
                checked += 1;
                if theirs > own {
                    upward.push(format!("{}: crate::{name}", rel.display()));
                }
            }
        }
        assert!(
            checked > 100,
            "only {checked} imports found: is the scan broken?"
        );
        assert!(upward.is_empty(), "imports from a layer above: {upward:#?}");
    }

    #[test]
    fn the_scan_sees_an_upward_import() {
        let names = imports("use crate::search::Engine; // crate::cli\nlet x = crate::text::f();");
        assert_eq!(names, ["search", "text"]);
        assert!(layer("search") > layer("ingest"));
    }
}
