//! output (in progress)
pub mod records;
