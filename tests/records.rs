//! Extraction quality on real documents: `../shared/corpus/real` (90 hand-labelled
//! articles and cables nobody tuned to) scored by `../shared/eval/score.py`, held to
//! floors that only go up. Skipped, saying so, where `../shared` or python3 is absent.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// The floors this build meets (see the README, "Records on real documents"); the
/// targets of DESIGN.md are higher.
const REAL_FLOORS: [(&str, f64); 11] = [
    ("persons_f1", 0.92),
    ("orgs_f1", 0.75),
    ("consistency", 0.95),
    ("date", 1.0),
    ("title", 0.97),
    ("classification", 1.0),
    ("caveats", 1.0),
    ("cable_ref", 1.0),
    ("cable_tags", 1.0),
    ("outlet", 0.87),
    ("outlet_precision", 0.97),
];

#[test]
fn the_real_set_scores_at_least_its_floors() {
    let real = shared().join("corpus/real");
    let score = shared().join("eval/score.py");
    if !real.join("labels.jsonl").exists() || !score.exists() {
        eprintln!("skipped: {} not found", real.display());
        return;
    }
    if Process::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 not found");
        return;
    }
    let mut docs: Vec<PathBuf> = std::fs::read_dir(real.join("docs"))
        .expect("docs")
        .map(|e| e.expect("entry").path())
        .collect();
    docs.sort();
    let out = Command::cargo_bin("dossier")
        .expect("binary")
        .arg("parse")
        .arg("--json")
        .args(&docs)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let predictions = dir.path().join("p.jsonl");
    std::fs::write(&predictions, &out.stdout).expect("write");
    let mut scoring = Process::new("python3");
    scoring
        .arg(&score)
        .arg(real.join("labels.jsonl"))
        .arg(&predictions);
    for (metric, floor) in REAL_FLOORS {
        scoring.arg("--min").arg(format!("{metric}={floor}"));
    }
    let scored = scoring.output().expect("score.py runs");
    let report = String::from_utf8_lossy(&scored.stdout);
    println!("{report}");
    assert!(scored.status.success(), "below a floor:\n{report}");
}
