//! Fuzz target: any bytes, under any file name, must parse or fail without panic.
#![no_main]

use std::sync::OnceLock;

use dossier::catalog::Catalog;
use dossier::ingest::Parser;
use libfuzzer_sys::fuzz_target;

fn parser() -> &'static Parser {
    static PARSER: OnceLock<Parser> = OnceLock::new();
    PARSER.get_or_init(|| Parser::new(&Catalog::builtin().expect("catalog")).expect("parser"))
}

fuzz_target!(|data: &[u8]| {
    for name in ["doc.txt", "doc.html", "doc.json", "cables.csv", "doc.jsonl", "doc.md"] {
        let _ = parser().parse_bytes(data, name, &mut |_| {});
    }
});
