//! The text layer: what ingest, extraction, the index's analysers and the search all
//! read text with. Folds and name keys ([`normalize`]), name particles
//! ([`particles`]), dates as people and
//! telegrams write them ([`date`]), and the outlet signature automaton
//! ([`signatures`]). It knows nothing of documents or records.

pub(crate) mod date;
pub(crate) mod normalize;
pub(crate) mod particles;
pub(crate) mod signatures;
