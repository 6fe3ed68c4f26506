//! Fuzz target: the query front-end answers any string with a tree or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(query) = std::str::from_utf8(data) {
        let _ = dossier::search::query::parse(query);
    }
});
