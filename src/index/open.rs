//! Opening an index: the `dossier.json` pointer, the format check, and read-only
//! access for searches.
//!
//! An index directory holds `dossier.json` (format and live generation), a lock file,
//! and one Tantivy index per generation (`gen-…`). A rebuild writes a new generation
//! beside the live one and makes it live by renaming a new `dossier.json` over the
//! old: readers see the old generation or the new, never a half-built one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::directory::error::{DeleteError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Index, IndexReader, ReloadPolicy};

use super::analyzers::register_analyzers;
use super::schema::{format_id, Fields};

/// The pointer file naming the live generation.
pub const META_FILE: &str = "dossier.json";
/// Held (flock) by the one process writing to an index.
pub const LOCK_FILE: &str = "dossier.lock";
/// Prefix of the generation directories.
pub const GENERATION_PREFIX: &str = "gen-";

/// The content of `dossier.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Meta {
    /// `schema::format_id()` of the version that built the index.
    pub format: String,
    /// Directory name of the live generation.
    pub generation: String,
    /// Version of dossier that built it, for error messages.
    pub dossier: String,
}

impl Meta {
    pub fn new(generation: String) -> Meta {
        Meta {
            format: format_id(),
            generation,
            dossier: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// `dossier.json` of `dir`, or `None` when there is none (no index yet).
pub fn read_meta(dir: &Path) -> Result<Option<Meta>> {
    let path = dir.join(META_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let meta = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is damaged; run `dossier index --rebuild PATH` to rebuild the index",
            path.display()
        )
    })?;
    Ok(Some(meta))
}

/// Replaces `dossier.json` atomically (see [`replace_file`]).
pub fn write_meta(dir: &Path, meta: &Meta) -> Result<()> {
    let text = serde_json::to_string_pretty(meta).context("cannot encode dossier.json")?;
    replace_file(dir, META_FILE, text.as_bytes())
}

/// Replaces the file `name` of `dir` atomically: a temporary file, synced, renamed
/// over the old one, and the directory synced so the rename survives a power cut.
/// A reader sees the old file or the new one, never part of either.
pub(crate) fn replace_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp"));
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, &path)?;
        std::fs::File::open(dir)?.sync_all()
    };
    write().with_context(|| format!("cannot write {}", path.display()))
}

/// Fails with advice unless `meta` was written by a compatible version.
pub fn check_format(dir: &Path, meta: &Meta) -> Result<()> {
    if meta.format != format_id() {
        bail!(
            "the index at {} was built by an incompatible version (dossier {}, format {}; \
             this is dossier {}, format {}); run `dossier index --rebuild PATH` to rebuild it",
            dir.display(),
            meta.dossier,
            meta.format,
            env!("CARGO_PKG_VERSION"),
            format_id()
        );
    }
    Ok(())
}

/// The live generation's directory, after the format check; friendly errors when
/// there is no index.
pub fn live_generation(dir: &Path) -> Result<(Meta, PathBuf)> {
    let Some(meta) = read_meta(dir)? else {
        if dir.join("meta.json").exists() {
            bail!(
                "the index at {} was built by an incompatible version; \
                 run `dossier index --rebuild PATH` to rebuild it",
                dir.display()
            );
        }
        bail!(
            "no index at {}: run `dossier index PATH` to build one",
            dir.display()
        );
    };
    check_format(dir, &meta)?;
    let generation = dir.join(&meta.generation);
    Ok((meta, generation))
}

/// Deletes a generation that is no longer live, under its meta lock, so that a
/// reader that read the old pointer either finished opening it (and keeps its
/// mapped files) or finds it gone and retries on the new pointer.
pub fn remove_generation(path: &Path) {
    let lock = MmapDirectory::open(path)
        .ok()
        .and_then(|d| d.acquire_lock(&tantivy::directory::META_LOCK).ok());
    let _ = std::fs::remove_dir_all(path);
    drop(lock);
}

/// An index opened for reading, with its reader.
pub struct Opened {
    pub index: Index,
    pub fields: Fields,
    pub reader: IndexReader,
}

/// Opens the live index for searching, with a reader on the last commit: no writer
/// lock, no index file written, no reload thread, so it works while `dossier index`
/// writes and on a read-only copy. A writer may swap
/// generations or collect old segment files between our reading the pointer and
/// opening the files; that race resolves by trying again on the new state.
pub fn open_searchable(dir: &Path) -> Result<Opened> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match try_open(dir) {
            Ok(opened) => return Ok(opened),
            Err(err) if attempt < 5 && is_transient(&err) => {
                std::thread::sleep(Duration::from_millis(20 * attempt));
            }
            Err(err) => return Err(err),
        }
    }
}

/// Errors that mean "files moved under us" rather than "no or bad index".
fn is_transient(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<tantivy::TantivyError>(),
            Some(tantivy::TantivyError::OpenReadError(
                OpenReadError::FileDoesNotExist(_)
            )) | Some(tantivy::TantivyError::OpenDirectoryError(_))
        )
    })
}

fn try_open(dir: &Path) -> Result<Opened> {
    let (_, generation) = live_generation(dir)?;
    let directory = ReadOnlyDirectory::open(&generation)?;
    let index = Index::open(directory).with_context(|| {
        format!(
            "cannot open the index at {}; `dossier check` says what is wrong",
            dir.display()
        )
    })?;
    register_analyzers(&index);
    let fields = Fields::new(&index.schema())?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .with_context(|| format!("cannot read the index at {}", dir.display()))?;
    Ok(Opened {
        index,
        fields,
        reader,
    })
}

/// A memory-mapped directory that never writes an index file and never watches
/// (a search is a short process reading one commit). It still takes Tantivy's meta
/// lock while the reader opens segments, so that a writer's garbage collection
/// cannot delete them half-way; where the lock file cannot be created (a read-only
/// copy, which no writer touches) it goes without.
#[derive(Debug, Clone)]
pub struct ReadOnlyDirectory(MmapDirectory);

impl ReadOnlyDirectory {
    pub fn open(path: &Path) -> Result<ReadOnlyDirectory> {
        let inner = MmapDirectory::open(path)
            .map_err(tantivy::TantivyError::from)
            .with_context(|| format!("cannot open index directory {}", path.display()))?;
        Ok(ReadOnlyDirectory(inner))
    }
}

fn read_only(path: &Path) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::PermissionDenied,
        format!("{} is opened read-only", path.display()),
    )
}

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(read_only(path)),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(
            read_only(path),
            path.to_path_buf(),
        ))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, _data: &[u8]) -> std::io::Result<()> {
        Err(read_only(path))
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(_)) => Ok(DirectoryLock::from(Box::new(()))),
            other => other,
        }
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}
