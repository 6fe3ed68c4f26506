//! `dossier index --records`: an index built from `parse --json --body` output
//! answers as one built from the files; re-runs upsert, keep and remove by the
//! records listed; records of another extraction are refused with nothing written.

mod util;

use std::path::Path;

use serde_json::Value;
use util::dossier;

/// `parse --json --body` of the sample corpus, run inside it so paths (and the ids
/// made from them) are relative to it, as `index` makes them.
fn records_of_sample() -> String {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus");
    let output = dossier()
        .current_dir(&corpus)
        .args(["parse", "--json", "--body", "articles", "cables"])
        .output()
        .expect("parse runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

/// `index --records ... --json`: exit code and summary.
fn index_records(inputs: &[&Path], index: &Path) -> (i32, Value, String) {
    let output = dossier()
        .args(["index", "--records", "--json", "--index"])
        .arg(index)
        .args(inputs)
        .output()
        .expect("runs");
    let summary = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code().unwrap_or(-1), summary, stderr)
}

/// A search's JSON without its timing.
fn answer(index: &Path, args: &[&str]) -> Value {
    let output = dossier()
        .arg("search")
        .args(args)
        .arg("--json")
        .arg("--index")
        .arg(index)
        .output()
        .expect("runs");
    let mut value: Value = serde_json::from_slice(&output.stdout).expect("json");
    value["took_ms"] = Value::Null;
    value
}

fn counts(summary: &Value) -> [u64; 4] {
    ["added", "updated", "removed", "unchanged"].map(|k| summary[k].as_u64().unwrap_or(u64::MAX))
}

#[test]
fn records_index_as_the_files_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let records = dir.path().join("records.ndjson");
    std::fs::write(&records, records_of_sample()).expect("write");
    let (from_records, from_files) = (dir.path().join("r"), dir.path().join("f"));
    let (code, summary, stderr) = index_records(&[&records], &from_records);
    assert_eq!((code, counts(&summary)), (0, [9, 0, 0, 0]), "{stderr}");
    dossier()
        .arg("index")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus"))
        .arg("--index")
        .arg(&from_files)
        .assert()
        .success();
    for args in [
        vec!["Mamluk", "--facets"],
        vec![
            "*", "--facets", "--facet", "place", "--facet", "cites", "--limit", "20",
        ],
        vec!["\"political umbrella\""],
        vec!["Hizballah", "--kind", "cable", "--sort", "-date"],
        vec!["*", "--collapse", "--limit", "3"],
    ] {
        assert_eq!(
            answer(&from_records, &args),
            answer(&from_files, &args),
            "{args:?}"
        );
    }
}

#[test]
fn reruns_upsert_keep_and_remove_by_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = dir.path().join("index");
    let text = records_of_sample();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let first = dir.path().join("a.ndjson");
    std::fs::write(&first, lines.join("\n")).expect("write");
    assert_eq!(counts(&index_records(&[&first], &index).1), [9, 0, 0, 0]);
    assert_eq!(counts(&index_records(&[&first], &index).1), [0, 0, 0, 9]);

    // One record retitled, one dropped; the rest split over two files, one gzipped.
    let mut retitled: Value = serde_json::from_str(&lines[0]).expect("record");
    retitled["title"] = Value::from("Zanzibar retitled");
    lines[0] = retitled.to_string();
    let dropped: Value = serde_json::from_str(&lines.remove(1)).expect("record");
    let (head, tail) = lines.split_at(4);
    let plain = dir.path().join("b.ndjson");
    std::fs::write(&plain, head.join("\n")).expect("write");
    let zipped = dir.path().join("c.ndjson.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut encoder, tail.join("\n").as_bytes()).expect("gzip");
    std::fs::write(&zipped, encoder.finish().expect("gzip")).expect("write");
    let (code, summary, stderr) = index_records(&[&plain, &zipped], &index);
    assert_eq!((code, counts(&summary)), (0, [0, 1, 1, 7]), "{stderr}");
    assert_eq!(answer(&index, &["Zanzibar"])["total"], 1);
    let gone = dropped["id"].as_str().expect("id");
    assert_eq!(answer(&index, &[&format!("id:{gone}")])["total"], 0);
}

#[test]
fn other_extractions_are_refused_and_bad_lines_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = dir.path().join("index");
    let text = records_of_sample();
    let good = dir.path().join("good.ndjson");
    std::fs::write(&good, &text).expect("write");
    assert_eq!(index_records(&[&good], &index).0, 0);

    let mut old: Value = serde_json::from_str(text.lines().nth(2).expect("line")).expect("record");
    old["extraction"] = Value::from("0.0.1+x1+0000000000000000");
    let stale = dir.path().join("stale.ndjson");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[2] = old.to_string();
    std::fs::write(&stale, lines.join("\n")).expect("write");
    let (code, _, stderr) = index_records(&[&stale], &index);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("stale.ndjson:3") && stderr.contains("0.0.1+x1"),
        "{stderr}"
    );
    assert_eq!(answer(&index, &["*"])["total"], 9, "nothing written");

    lines[2] = "{\"id\": \"broken".to_string();
    let broken = dir.path().join("broken.ndjson");
    std::fs::write(&broken, lines.join("\n")).expect("write");
    let (code, summary, stderr) = index_records(&[&broken], &index);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        summary["failed"][0]["path"]
            .as_str()
            .map(|p| p.ends_with("broken.ndjson:3")),
        Some(true)
    );
    assert_eq!(counts(&summary), [0, 0, 1, 8]);
}
