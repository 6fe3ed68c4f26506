//! Links the `dossier` binary as a position-dependent executable on Linux.
//!
//! A search is a process of a few milliseconds, and a position-independent binary
//! of this size spends a tenth of that in the dynamic loader applying ~40,000
//! relocations (and faulting in the pages they touch). The libraries and tests are
//! built as usual; only the final link of the binary changes.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bin=dossier=-no-pie");
    }
}
