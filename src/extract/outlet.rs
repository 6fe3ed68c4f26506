//! The outlet: explicit metadata, then HTML metadata, then the URL's domain, then a
//! text signature or layout listed in `schema/outlets.toml`; else none.

use aho_corasick::AhoCorasick;
use anyhow::Result;
use regex::Regex;

use crate::catalog::Outlet;
use crate::extract::normalize::ascii_fold;
use crate::ingest::draft::Draft;
use crate::record::Kind;

pub struct OutletFinder {
    outlets: Vec<Outlet>,
    signatures: Signatures,
    /// The outlet (index into `outlets`) of each signature, in `signatures`' order.
    signature_owners: Vec<usize>,
    /// Folded name or alias → index into `outlets`, built once.
    by_folded: rustc_hash::FxHashMap<String, usize>,
    layouts: Vec<(usize, Vec<Regex>)>,
}

/// Every outlet's signatures in one automaton: article parsing asks of each line
/// whether it holds any of them (a substring search per signature and line was a
/// twentieth of parsing).
pub struct Signatures {
    automaton: Option<AhoCorasick>,
}

impl Signatures {
    pub fn new(signatures: &[String]) -> Signatures {
        Signatures {
            automaton: (!signatures.is_empty())
                .then(|| AhoCorasick::new(signatures).ok())
                .flatten(),
        }
    }

    /// Whether `line` contains some outlet's signature.
    pub fn in_line(&self, line: &str) -> bool {
        self.automaton.as_ref().is_some_and(|a| a.is_match(line))
    }

    /// The signatures `text` contains, as indices into the list given to `new`: one
    /// pass over the text for all of them.
    fn found_in<'a>(&'a self, text: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.automaton
            .iter()
            .flat_map(move |a| a.find_overlapping_iter(text))
            .map(|m| m.pattern().as_usize())
    }
}

impl OutletFinder {
    pub fn new(outlets: &[Outlet]) -> Result<OutletFinder> {
        let mut layouts = Vec::new();
        for (i, outlet) in outlets.iter().enumerate() {
            for layout in &outlet.layouts {
                let compiled = layout
                    .iter()
                    .map(|p| Regex::new(&format!("(?m){p}")))
                    .collect::<Result<Vec<_>, _>>()?;
                layouts.push((i, compiled));
            }
        }
        let (signature_owners, signatures): (Vec<usize>, Vec<String>) = outlets
            .iter()
            .enumerate()
            .flat_map(|(i, o)| o.signatures.iter().map(move |s| (i, s.clone())))
            .unzip();
        let signatures = Signatures::new(&signatures);
        let mut by_folded = rustc_hash::FxHashMap::default();
        for (i, outlet) in outlets.iter().enumerate() {
            for name in std::iter::once(&outlet.name).chain(&outlet.aliases) {
                by_folded.entry(outlet_key(name)).or_insert(i);
            }
        }
        Ok(OutletFinder {
            outlets: outlets.to_vec(),
            by_folded,
            layouts,
            signatures,
            signature_owners,
        })
    }

    pub fn signatures(&self) -> &Signatures {
        &self.signatures
    }

    /// The catalog outlet with this name or alias (case- and accent-insensitive).
    pub fn by_name(&self, name: &str) -> Option<&Outlet> {
        self.by_folded
            .get(&outlet_key(name))
            .map(|&i| &self.outlets[i])
    }

    /// True when a name is an outlet's name or alias (outlets cited as sources are
    /// organizations).
    pub fn is_outlet_name(&self, name: &str) -> bool {
        self.by_name(name).is_some()
    }

    pub fn identify(&self, draft: &Draft) -> Option<String> {
        if let Some(given) = &draft.outlet {
            if draft.kind == Kind::Cable {
                return Some(given.clone());
            }
            return Some(
                self.by_name(given)
                    .map(|o| o.name.clone())
                    .unwrap_or_else(|| given.clone()),
            );
        }
        if let Some(site) = &draft.site_name {
            return Some(
                self.by_name(site)
                    .map(|o| o.name.clone())
                    .unwrap_or_else(|| site.clone()),
            );
        }
        if let Some(outlet) = draft.url.as_deref().and_then(|u| self.by_url(u)) {
            return Some(outlet.name.clone());
        }
        if draft.kind == Kind::Cable {
            return None;
        }
        let chrome = draft.chrome.join("\n");
        let text = format!("{chrome}\n{}", draft.body);
        // The first outlet of the catalog with a signature in the text.
        let by_signature = self
            .signatures
            .found_in(&text)
            .map(|p| self.signature_owners[p])
            .min();
        if let Some(i) = by_signature {
            return Some(self.outlets[i].name.clone());
        }
        self.layouts
            .iter()
            .find(|(_, patterns)| patterns.iter().all(|p| p.is_match(&text)))
            .map(|(i, _)| self.outlets[*i].name.clone())
    }

    fn by_url(&self, url: &str) -> Option<&Outlet> {
        let host = url
            .split("://")
            .nth(1)
            .unwrap_or(url)
            .split(['/', '?', '#'])
            .next()?;
        let host = host.to_ascii_lowercase();
        let host = host.trim_start_matches("www.");
        self.outlets.iter().find(|o| {
            o.domains
                .iter()
                .any(|d| host == d.as_str() || host.ends_with(&format!(".{d}")))
        })
    }
}

/// Case-, accent- and article-insensitive key of an outlet name.
fn outlet_key(name: &str) -> String {
    let folded = ascii_fold(name.trim());
    folded.trim_start_matches("the ").to_string()
}
