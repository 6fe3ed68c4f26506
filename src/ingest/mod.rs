//! Ingest: from bytes on disk to drafts.
//!
//! `Reader` is the entry point: it decodes a file (BOM, UTF-16, Windows-1252, gzip),
//! recognises its format by content as well as by name and runs the format's reader.
//! A file may yield many drafts (JSON Lines, the Cablegate CSV dump); they are
//! emitted one at a time so that memory stays bounded. Extraction is not ingest's:
//! `parse::Parser` composes the two.

pub(crate) mod article;
pub mod cable;
pub(crate) mod csv_dump;
pub(crate) mod decode;
pub(crate) mod html;
pub(crate) mod references;
pub(crate) mod structured;
pub(crate) mod telegram;
pub(crate) mod viewer;
pub(crate) mod walk;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::catalog::Posts;
use crate::record::Draft;
use crate::text::signatures::Signatures;

/// A single-document file larger than this is refused rather than read whole.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file yielded no records. Always names the file.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct IngestError {
    pub path: String,
    pub reason: String,
}

impl IngestError {
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> IngestError {
        IngestError {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// The formats a file is recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    CableDump,
    CableViewer,
    Html,
    Json,
    JsonLines,
    FrontMatter,
    Cable,
    Text,
}

/// Reads files into drafts: decoding, format recognition and the format's reader,
/// with the catalog facts reading needs (telegram posts, outlet signatures).
pub struct Reader {
    posts: Posts,
    signatures: Signatures,
}

impl Reader {
    pub fn new(posts: Posts, signatures: Signatures) -> Reader {
        Reader { posts, signatures }
    }

    /// Reads the file at `path` into drafts, calling `emit` once per draft, and
    /// returns how many there were: what a document says before extraction.
    /// `rel_path` is its path relative to the indexed root.
    pub fn read_file(
        &self,
        path: &Path,
        rel_path: &str,
        emit: &mut dyn FnMut(Draft),
    ) -> Result<usize, IngestError> {
        let fail = |reason: String| IngestError::new(rel_path, reason);
        let mut file = File::open(path).map_err(|e| fail(format!("cannot open: {e}")))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut head = vec![0u8; 4096];
        let n = read_up_to(&mut file, &mut head).map_err(|e| fail(format!("cannot read: {e}")))?;
        head.truncate(n);
        let head_text = String::from_utf8_lossy(&head);
        let rest = std::io::Cursor::new(head.clone()).chain(file);
        // Streamed formats never hold the whole file.
        if !decode::is_gzip(&head) && csv_dump::looks_like_dump(&head_text) {
            return self.parse_dump(rest, rel_path, emit);
        }
        if !decode::is_gzip(&head) && looks_like_json_lines(&head_text, rel_path) {
            return self.parse_json_lines(BufReader::new(rest), rel_path, emit);
        }
        if size > MAX_DOCUMENT_BYTES && !decode::is_gzip(&head) {
            return Err(fail(format!(
                "{} MB is too large for one document (limit {} MB); split it or convert it to JSON Lines",
                size >> 20,
                MAX_DOCUMENT_BYTES >> 20
            )));
        }
        let mut bytes = Vec::with_capacity(size as usize);
        rest.take(MAX_DOCUMENT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(format!("cannot read: {e}")))?;
        self.read_bytes(&bytes, rel_path, emit)
    }

    /// As `read_file`, from bytes already read.
    pub fn read_bytes(
        &self,
        bytes: &[u8],
        rel_path: &str,
        emit: &mut dyn FnMut(Draft),
    ) -> Result<usize, IngestError> {
        let fail = |reason: String| IngestError::new(rel_path, reason);
        if decode::is_gzip(bytes) {
            let inflated = decode::gunzip(bytes, decode::MAX_INFLATED_BYTES)
                .map_err(|e| fail(e.to_string()))?;
            if decode::is_gzip(&inflated) {
                return Err(fail("gzip inside gzip, skipped".into()));
            }
            let inner = rel_path.strip_suffix(".gz").unwrap_or(rel_path);
            let mut n = 0;
            let result = self.read_bytes(&inflated, inner, &mut |mut draft| {
                // The id stays that of the inner path, as a record shows the outer one.
                draft
                    .id
                    .get_or_insert_with(|| crate::record::default_id(&draft.path));
                draft.path = draft.path.replacen(inner, rel_path, 1);
                n += 1;
                emit(draft)
            });
            return result.map(|_| n);
        }
        if bytes.is_empty() || bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(fail("empty file, nothing to index".into()));
        }
        let text = decode::decode(bytes).map_err(|e| fail(e.to_string()))?;
        let head = head_chars(&text, 4096);
        if csv_dump::looks_like_dump(head) {
            return self.parse_dump(text.as_bytes(), rel_path, emit);
        }
        if looks_like_json_lines(head, rel_path) {
            return self.parse_json_lines(BufReader::new(text.as_bytes()), rel_path, emit);
        }
        let drafts = self.read_document(&text, rel_path).map_err(fail)?;
        let n = drafts.len();
        for draft in drafts {
            emit(draft);
        }
        Ok(n)
    }

    /// Recognises the format of one decoded document.
    pub fn sniff(text: &str, rel_path: &str) -> Format {
        let head = head_chars(text, 4096);
        let trimmed = head.trim_start_matches('\u{feff}').trim_start();
        let lower = trimmed.to_ascii_lowercase();
        let ext = rel_path
            .rsplit('.')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if viewer::is_cable_viewer(text) {
            Format::CableViewer
        } else if lower.starts_with("<!doctype html")
            || lower.starts_with("<html")
            || lower.contains("<html")
            || matches!(ext.as_str(), "html" | "htm" | "xhtml")
        {
            Format::Html
        } else if trimmed.starts_with('{') || trimmed.starts_with('[') {
            Format::Json
        } else if trimmed.starts_with("---") {
            Format::FrontMatter
        } else if cable::looks_like_cable(text) {
            Format::Cable
        } else {
            Format::Text
        }
    }

    fn read_document(&self, text: &str, rel_path: &str) -> Result<Vec<Draft>, String> {
        let posts = &self.posts;
        Ok(match Reader::sniff(text, rel_path) {
            Format::CableViewer => vec![viewer::parse_cable_viewer(text, rel_path, posts)],
            Format::Html => vec![html::parse_article(text, rel_path)],
            Format::Json => structured::parse_json(text, rel_path)?,
            Format::FrontMatter => match structured::split_front_matter(text) {
                Some((fields, rest)) => {
                    let mut draft = self
                        .read_document(rest, rel_path)?
                        .into_iter()
                        .next()
                        .unwrap_or_default();
                    apply_front_matter(&mut draft, &fields);
                    vec![draft]
                }
                None => vec![article::parse_text_article(
                    text,
                    rel_path,
                    &self.signatures,
                )],
            },
            Format::Cable => vec![cable::parse_cable(text, rel_path, posts, None)],
            Format::Text | Format::CableDump | Format::JsonLines => {
                vec![article::parse_text_article(
                    text,
                    rel_path,
                    &self.signatures,
                )]
            }
        })
    }

    fn parse_dump(
        &self,
        reader: impl Read,
        rel_path: &str,
        emit: &mut dyn FnMut(Draft),
    ) -> Result<usize, IngestError> {
        let mut n = 0;
        let mut errors = Vec::new();
        csv_dump::read_dump(reader, rel_path, &self.posts, &mut |draft| match draft {
            Ok(draft) => {
                n += 1;
                emit(draft);
            }
            Err(e) => errors.push(e),
        })
        .map_err(|e| IngestError::new(rel_path, e))?;
        if n == 0 {
            let why = errors.first().cloned().unwrap_or_else(|| "no rows".into());
            return Err(IngestError::new(
                rel_path,
                format!("no cable records: {why}"),
            ));
        }
        Ok(n)
    }

    fn parse_json_lines(
        &self,
        reader: impl BufRead,
        rel_path: &str,
        emit: &mut dyn FnMut(Draft),
    ) -> Result<usize, IngestError> {
        let mut n = 0;
        let mut first_error = None;
        for (i, line) in reader.lines().enumerate() {
            let line =
                line.map_err(|e| IngestError::new(rel_path, format!("line {}: {e}", i + 1)))?;
            if line.trim().is_empty() {
                continue;
            }
            let path = format!("{rel_path}#{}", i + 1);
            match serde_json::from_str::<serde_json::Value>(&line) {
                Ok(serde_json::Value::Object(o)) => {
                    if let Some(draft) = structured::draft_from_json(&o, &path) {
                        n += 1;
                        emit(draft);
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    first_error.get_or_insert(format!("line {}: invalid JSON: {e}", i + 1));
                }
            }
        }
        if n == 0 {
            let why =
                first_error.unwrap_or_else(|| "no object with a body/text/content field".into());
            return Err(IngestError::new(rel_path, why));
        }
        Ok(n)
    }
}

fn apply_front_matter(draft: &mut Draft, fields: &serde_json::Map<String, serde_json::Value>) {
    let mut object = fields.clone();
    object.insert("body".into(), serde_json::Value::String(draft.body.clone()));
    if let Some(given) = structured::draft_from_json(&object, &draft.path) {
        draft.title = given.title.or(draft.title.take());
        draft.date = given.date.or(draft.date.take());
        draft.outlet = given.outlet.or(draft.outlet.take());
        draft.url = given.url.or(draft.url.take());
        draft.genre = given.genre.or(draft.genre.take());
        draft.id = given.id.or(draft.id.take());
        draft.classification = given.classification.or(draft.classification.take());
        if !given.authors.is_empty() {
            draft.authors = given.authors;
        }
    }
}

/// JSON Lines: `.jsonl`/`.ndjson`, or two or more lines that each hold an object.
fn looks_like_json_lines(head: &str, rel_path: &str) -> bool {
    let name = rel_path.to_ascii_lowercase();
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        return true;
    }
    let mut lines = head.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("").trim();
    let second = lines.next().unwrap_or("").trim();
    first.starts_with('{') && first.ends_with('}') && second.starts_with('{')
}

fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// The first `n` characters of `text`, borrowed (sniffing looks at the head of every
/// document; copying it out a character at a time showed in the profile).
pub fn head_chars(text: &str, n: usize) -> &str {
    let bytes = text.as_bytes();
    // No more bytes than `n` is no more characters; `n` ASCII bytes are `n` of them.
    if bytes.len() <= n {
        return text;
    }
    if bytes[..n].is_ascii() {
        return &text[..n];
    }
    let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    &text[..end]
}
