//! Which indexed documents are current under the catalog of this run.
//!
//! A document is stamped with the extraction version that produced it (the dossier
//! version and a hash of every schema file). When only `actors.toml` changed since
//! the last commit, re-extracting the whole corpus for one alias would cost most of a
//! full build; instead each document of the old version is read again (without
//! extraction) and tested against the lookups the edit changed
//! ([`ActorEdit`]). Those it cannot reach keep their records, and the commit payload
//! says that their version is as good as the current one, until the next edit.
//!
//! Equivalence is claimed for a version only when every file of that version was
//! tested in the run: documents under roots that a run did not cover are not.

use std::collections::HashSet;

use crate::catalog::Catalog;
use crate::extract::actor_edits::ActorEdit;
use crate::extract::Extractor;
use crate::parse::Parser;
use crate::record::Draft;

use super::manifest::Payload;

/// The dossier version and every schema file but `actors.toml`: when it is the same
/// for two extraction versions, they differ in known actors only.
pub fn others_version(catalog: &Catalog) -> String {
    format!(
        "{}+{:016x}",
        env!("CARGO_PKG_VERSION"),
        catalog.others_fingerprint()
    )
}

/// What this run does with documents of an extraction version other than its own.
pub struct Recheck {
    /// Versions whose documents are current as they are.
    current: HashSet<String>,
    /// Versions whose documents are current unless the `actors.toml` edit reaches
    /// them, with the test; `None` when there is no such edit.
    edited: Option<(HashSet<String>, ActorEdit)>,
}

impl Recheck {
    /// The plan for a run with `catalog` (whose version is `extraction`) over an
    /// index whose last commit says `old`.
    pub fn plan(old: &Payload, catalog: &Catalog, extraction: &str, parser: &Parser) -> Recheck {
        let mut prior: HashSet<String> = old.current.iter().cloned().collect();
        prior.insert(old.extraction.clone());
        let mut current = HashSet::from([extraction.to_string()]);
        if old.extraction == extraction {
            return Recheck {
                current: prior,
                edited: None,
            };
        }
        let same_others = old.others.as_deref() == Some(others_version(catalog).as_str());
        let older = match (&old.actors, same_others) {
            (Some(actors), true) => catalog
                .with_actors(actors)
                .and_then(|older| Extractor::new(&older)),
            _ => return Recheck::everything(extraction),
        };
        let Ok(older) = older else {
            return Recheck::everything(extraction);
        };
        let edit = parser.extractor().actor_edit(&older);
        if edit.is_empty() {
            current.extend(prior);
            return Recheck {
                current,
                edited: None,
            };
        }
        Recheck {
            current,
            edited: Some((prior, edit)),
        }
    }

    /// Every document not of `extraction` is extracted again.
    pub fn everything(extraction: &str) -> Recheck {
        Recheck {
            current: HashSet::from([extraction.to_string()]),
            edited: None,
        }
    }

    /// Documents of `version` are current as they are.
    pub fn is_current(&self, version: &str) -> bool {
        self.current.contains(version)
    }

    /// Documents of `version` are current unless the edit reaches them.
    pub fn is_edited(&self, version: &str) -> bool {
        self.edited
            .as_ref()
            .is_some_and(|(versions, _)| versions.contains(version))
    }

    /// Whether the edit can change the record of `draft` (true when there is no
    /// edit to test: everything is extracted again).
    pub fn may_change(&self, draft: &Draft) -> bool {
        match &self.edited {
            Some((_, edit)) => edit.may_change(draft),
            None => true,
        }
    }

    /// The versions the next commit may call current: those of the documents this
    /// run kept and, when nothing was edited, of those it did not look at. After an
    /// edit, a version that has documents this run did not test is not carried.
    pub fn carried(
        &self,
        kept: HashSet<String>,
        untested: &HashSet<String>,
        extraction: &str,
    ) -> Vec<String> {
        let mut versions = kept;
        if self.edited.is_none() {
            versions.extend(untested.iter().cloned());
        }
        let mut carried: Vec<String> = versions
            .into_iter()
            .filter(|v| v != extraction && (self.is_current(v) || self.is_edited(v)))
            .filter(|v| self.edited.is_none() || !untested.contains(v))
            .collect();
        carried.sort();
        carried
    }
}
