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
