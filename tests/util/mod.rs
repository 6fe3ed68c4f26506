//! What the integration tests share (ripgrep's `tests/util.rs` is the model): one
//! command builder, the real corpus or a skip that says so, `parse --json` read back,
//! one brute-force facet counter that index and search counts are held to, and a
//! `dossier serve` process with the index it is tested over.
//!
//! Each test binary compiles this module and uses part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// `dossier` with nothing of the caller's environment that changes its answers.
pub fn dossier() -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("the dossier binary is built");
    cmd.env_remove("DOSSIER_INDEX").env_remove("NO_COLOR");
    cmd
}

/// `../shared/corpus/REL` beside the checkout. When it is absent the test is skipped
/// with a line naming it, unless `DOSSIER_REQUIRE_SHARED` is set (CI sets it), where
/// an absent corpus fails the test instead of passing it unseen.
pub fn shared_corpus(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("DOSSIER_REQUIRE_SHARED").is_none(),
        "{} is required (DOSSIER_REQUIRE_SHARED) and absent",
        path.display()
    );
    eprintln!("skipped: {} not found", path.display());
    None
}

/// The records `dossier parse --json` gives for these files or folders, which must
/// all parse.
pub fn parse_json<S: AsRef<std::ffi::OsStr>>(paths: &[S]) -> Vec<Value> {
    let output = dossier()
        .arg("parse")
        .arg("--json")
        .args(paths)
        .output()
        .expect("dossier parse runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record"))
        .collect()
}

/// The values of one facet a record holds, each once, as the index counts them.
pub fn facet_values(record: &Value, facet: &str) -> Vec<String> {
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect()
    };
    let mut values: Vec<String> = match facet {
        "outlet" => record["outlet"]
            .as_str()
            .map(str::to_string)
            .into_iter()
            .collect(),
        "classification" => vec![record["classification"].as_str().unwrap_or("").to_string()],
        "kind" => vec![record["kind"].as_str().unwrap_or("").to_string()],
        "year" => record["date"]
            .as_str()
            .and_then(|d| d.get(..4))
            .map(str::to_string)
            .into_iter()
            .collect(),
        "actor" => record["actors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a["name"].as_str().map(str::to_string))
            .collect(),
        "caveat" => strings(&record["caveats"]),
        "place" => strings(&record["places"]),
        "tag" => strings(&record["cable"]["tags"]),
        "cites" => strings(&record["cable"]["refs"]),
        other => panic!("no brute-force count for facet {other:?}"),
    };
    values.sort();
    values.dedup();
    values.retain(|v| !v.is_empty());
    values
}

/// Brute-force counts of one facet over records: documents per value.
pub fn brute_counts<'a>(
    records: impl IntoIterator<Item = &'a Value>,
    facet: &str,
) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for record in records {
        for value in facet_values(record, facet) {
            *counts.entry(value).or_insert(0) += 1;
        }
    }
    counts
}

/// A `dossier serve` process on a free loopback port, stopped when dropped.
pub struct Server {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub url: String,
}

impl Server {
    /// Serves `index` with the extra arguments `args`; waits for the address line.
    pub fn start(index: &Path, args: &[&str]) -> Server {
        use std::io::{BufRead, BufReader};
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
            .arg("serve")
            .arg("--index")
            .arg(index)
            .args(["--bind", "127.0.0.1:0"])
            .args(args)
            .env_remove("DOSSIER_TOKEN")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("dossier serve starts");
        let stderr = child.stderr.take().expect("stderr piped");
        let mut lines = BufReader::new(stderr).lines();
        let line = lines
            .next()
            .expect("dossier serve says where it listens")
            .expect("stderr readable");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        // Keep draining stderr so the server never blocks writing to it.
        std::thread::spawn(move || lines.for_each(drop));
        Server { child, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An index, under `dir`, of the sample corpus, the search fixtures and a hostile
/// document (markup, `javascript:` URL, bidi override): what `dossier serve` is
/// tested over.
pub fn serve_fixture(dir: &Path) -> PathBuf {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let index = dir.join("index");
    index_into(
        &index,
        &[data.join("corpus"), data.join("search"), data.join("serve")],
    );
    index
}

/// `dossier index PATHS --index INDEX`, which must succeed.
pub fn index_into<P: AsRef<std::ffi::OsStr>>(index: &Path, paths: &[P]) {
    dossier()
        .arg("index")
        .args(paths)
        .arg("--index")
        .arg(index)
        .assert()
        .success();
}
