//! Failure tests: SIGKILL `dossier index` (and `--rebuild`) at random instants and
//! check that the index always opens and holds one complete state; searches in a
//! loop meanwhile never fail; a full disk leaves the previous index searchable.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dossier::index::{check::check, open_searchable};
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

const ALPHA: usize = 300;
const BRAVO: usize = 200;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("dossier")
}

/// Two states of one folder: `alpha` with ALPHA files, `bravo` with BRAVO files of
/// the same names and other words. The index must hold all of one or all of the other.
fn write_state(dir: &Path, bravo: bool) {
    let (count, word) = if bravo {
        (BRAVO, "bravo")
    } else {
        (ALPHA, "alpha")
    };
    std::fs::create_dir_all(dir).expect("mkdir");
    for n in 0..ALPHA {
        let path = dir.join(format!("doc{n}.txt"));
        if n < count {
            let text = format!(
                "Envoys meet, {word} part {n}\n\nMarch 3, 2018\n\nDAMASCUS - Ali Mamlouk \
                 met officials, {word} session {n}.\n"
            );
            std::fs::write(path, text).expect("write");
        } else {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn count(opened: &dossier::index::Opened, word: &str) -> usize {
    let query = TermQuery::new(
        Term::from_field_text(opened.fields.body, word),
        IndexRecordOption::Basic,
    );
    opened
        .reader
        .searcher()
        .search(&query, &Count)
        .expect("search")
}

/// The index opens, checks clean, and holds exactly one of the two states.
fn assert_complete(idx: &Path) -> &'static str {
    let opened = open_searchable(idx).expect("index opens after a kill");
    let docs = opened.reader.searcher().num_docs() as usize;
    let (alpha, bravo) = (count(&opened, "alpha"), count(&opened, "bravo"));
    let report = check(idx).expect("check runs");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    match (docs, alpha, bravo) {
        (ALPHA, ALPHA, 0) => "alpha",
        (BRAVO, 0, BRAVO) => "bravo",
        other => panic!("incomplete state (docs, alpha, bravo) = {other:?}"),
    }
}

/// xorshift: enough randomness for kill instants, reproducible from the printed seed.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

fn run_index(docs: &Path, idx: &Path, rebuild: bool) -> std::process::Child {
    let mut cmd = Command::new(bin());
    cmd.arg("index")
        .arg(docs)
        .arg("--index")
        .arg(idx)
        .arg("--json");
    if rebuild {
        cmd.arg("--rebuild");
    }
    cmd.stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn")
}

#[test]
fn sigkill_at_random_instants_leaves_a_complete_index() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (docs, idx) = (tmp.path().join("docs"), tmp.path().join("idx"));
    write_state(&docs, false);
    let started = Instant::now();
    let status = run_index(&docs, &idx, false).wait().expect("wait");
    assert!(status.success());
    let full_run = started.elapsed();
    assert_eq!(assert_complete(&idx), "alpha");

    // Searches in a loop while the index is written and killed.
    let done = Arc::new(AtomicBool::new(false));
    let (searches, errors) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let searcher = {
        let (done, searches, errors, idx) =
            (done.clone(), searches.clone(), errors.clone(), idx.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                match open_searchable(&idx) {
                    Ok(opened) => {
                        count(&opened, "mamlouk");
                    }
                    Err(e) => {
                        eprintln!("search failed: {e:#}");
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
                searches.fetch_add(1, Ordering::Relaxed);
            }
        })
    };

    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1;
    eprintln!("seed {seed}, full run {full_run:?}");
    let window = full_run.as_millis() as u64 + 200;
    let mut seen = std::collections::BTreeMap::new();
    for round in 0..24 {
        let bravo = round % 2 == 0;
        write_state(&docs, bravo);
        let rebuild = round % 4 >= 2;
        let mut child = run_index(&docs, &idx, rebuild);
        std::thread::sleep(Duration::from_millis(next(&mut seed) % window));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let state = assert_complete(&idx);
        *seen
            .entry((rebuild, state == if bravo { "bravo" } else { "alpha" }))
            .or_insert(0) += 1;
    }
    done.store(true, Ordering::Relaxed);
    searcher.join().expect("search thread");
    eprintln!("(rebuild, reached the new state) → rounds: {seen:?}");
    assert_eq!(
        errors.load(Ordering::Relaxed),
        0,
        "searches failed during writes"
    );
    assert!(searches.load(Ordering::Relaxed) > 0);

    // Whatever the kills left, a run completes, cleans up, and the next one is a no-op.
    write_state(&docs, false);
    // Its error, if any, is printed: a failure here is rare and timing-bound.
    let out = Command::new(bin())
        .arg("index")
        .arg(&docs)
        .arg("--index")
        .arg(&idx)
        .arg("--json")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "the run after the kills failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(assert_complete(&idx), "alpha");
    let leftovers = check(&idx).expect("check").leftovers;
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Unmounts the tmpfs even when the test fails.
struct Mount(PathBuf);
impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_leaves_the_previous_index_searchable() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (docs, disk) = (tmp.path().join("docs"), tmp.path().join("disk"));
    std::fs::create_dir_all(&disk).expect("mkdir");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&disk)
        .stderr(Stdio::null())
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        eprintln!("skipped: cannot mount a tmpfs here (needs root and mount rights)");
        return;
    }
    let _mount = Mount(disk.clone());
    let idx = disk.join("idx");
    write_state(&docs, false);
    let status = run_index(&docs, &idx, false).wait().expect("wait");
    assert!(status.success());
    assert_eq!(assert_complete(&idx), "alpha");

    // Enough distinct words to outgrow 2 MB of index.
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for n in 0..200 {
        let words: Vec<String> = (0..2000)
            .map(|_| format!("w{:x}", next(&mut seed) % 1_000_000_000))
            .collect();
        std::fs::write(docs.join(format!("big{n}.txt")), words.join(" ")).expect("write");
    }
    for rebuild in [false, true] {
        let out = Command::new(bin())
            .arg("index")
            .arg(&docs)
            .arg("--index")
            .arg(&idx)
            .args(if rebuild { &["--rebuild"][..] } else { &[][..] })
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "rebuild {rebuild}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        eprintln!("full disk, rebuild {rebuild}: {stderr}");
        assert_eq!(assert_complete(&idx), "alpha");
    }
}
