//! Support shared by the criterion benches and the `gen_corpus` example: the synthetic
//! corpus generator and the entities it draws from.

// Each bench uses a different part of the generator; unused items are not dead code.
#![allow(dead_code)]

pub mod corpus;
pub mod entities;

use std::path::PathBuf;

/// `../shared/corpus` beside the checkout, when present (CI and the dev machine have it).
pub fn shared_corpus() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    root.is_dir().then_some(root)
}

/// Writes documents `0..docs` under `out` as `gen_corpus` does (CSV rows into one
/// `cables.csv`), without the truth files; returns the bytes written.
pub fn write_corpus(
    generator: &corpus::Generator,
    docs: u64,
    out: &std::path::Path,
) -> std::io::Result<u64> {
    let mut csv = Vec::new();
    let mut bytes = 0u64;
    for i in 0..docs {
        let doc = generator.document(i);
        bytes += doc.bytes.len() as u64;
        if doc.format == corpus::Format::CableCsv {
            csv.extend_from_slice(&doc.bytes);
            continue;
        }
        let path = out.join(&doc.rel_path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, &doc.bytes)?;
    }
    if !csv.is_empty() {
        std::fs::write(out.join("cables.csv"), csv)?;
    }
    Ok(bytes)
}
