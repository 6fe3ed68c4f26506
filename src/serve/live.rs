//! The index as the server sees it: the last commit, picked up on the request after
//! `dossier index` makes it, with no restart.
//!
//! Each request reads the pointer file and the live generation's commit file's size
//! and time (two `stat`s and a small read); when either changed, the index is opened
//! again and the old view is dropped once the requests using it finish. A rebuild
//! that swaps generations mid-request cannot fail a search: the old view keeps its
//! mapped files until it is dropped, and opening retries across the swap.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use anyhow::{Context, Result};

use crate::catalog::LazyCatalog;
use crate::index::open::live_generation;
use crate::search::Engine;

/// Which commit a view was opened on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    generation: String,
    commit: Option<(SystemTime, u64)>,
}

impl Stamp {
    fn read(dir: &Path) -> Result<Stamp> {
        let (meta, generation) = live_generation(dir)?;
        let commit = std::fs::metadata(generation.join("meta.json"))
            .ok()
            .and_then(|m| Some((m.modified().ok()?, m.len())));
        Ok(Stamp {
            generation: meta.generation,
            commit,
        })
    }
}

/// The server's view of one index directory.
pub(crate) struct Live {
    dir: PathBuf,
    schema: Option<PathBuf>,
    current: Mutex<Option<(Stamp, u64, Arc<Engine>)>>,
}

impl Live {
    /// Opens the index now, so that a wrong directory fails at start, not at the
    /// first request.
    pub(crate) fn open(dir: &Path, schema: Option<&Path>) -> Result<Live> {
        let live = Live {
            dir: dir.to_path_buf(),
            schema: schema.map(Path::to_path_buf),
            current: Mutex::new(None),
        };
        live.engine()?;
        Ok(live)
    }

    /// A view of the last commit, and its number: each view opened gets the next,
    /// so answers computed on one are told from those of another.
    pub(crate) fn engine(&self) -> Result<(Arc<Engine>, u64)> {
        let stamp = Stamp::read(&self.dir)?;
        // One request reopens while the others wait for it, rather than all opening.
        let mut current = self
            .current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut view = 0;
        if let Some((seen, number, engine)) = current.as_ref() {
            if *seen == stamp {
                return Ok((Arc::clone(engine), *number));
            }
            view = number + 1;
        }
        let catalog = LazyCatalog::new(self.schema.as_deref());
        let engine = Arc::new(
            Engine::open_with(&self.dir, catalog)
                .with_context(|| format!("cannot open the index at {}", self.dir.display()))?,
        );
        *current = Some((stamp, view, Arc::clone(&engine)));
        Ok((engine, view))
    }
}
