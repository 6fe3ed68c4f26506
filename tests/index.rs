//! `dossier index` and `dossier check`: incremental runs against a folder that
//! changes, stale extraction, the writer lock, the JSON summary, old formats.

mod util;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use dossier::index::open_searchable;
use serde_json::Value;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

fn article(n: usize, extra: &str) -> String {
    format!(
        "Talks stall as envoys meet, part {n}\n\nBy Jane Doe\nMarch 3, 2018\n\n\
         DAMASCUS - Ali Mamlouk met Hezbollah officials on Tuesday, session {n}. {extra}\n"
    )
}

fn write_docs(dir: &Path, range: std::ops::Range<usize>) {
    std::fs::create_dir_all(dir.join("sub")).expect("mkdir");
    for n in range {
        let sub = if n % 2 == 0 { "" } else { "sub/" };
        std::fs::write(dir.join(format!("{sub}doc{n}.txt")), article(n, "")).expect("write");
    }
}

fn doc_path(dir: &Path, n: usize) -> PathBuf {
    let sub = if n % 2 == 0 { "" } else { "sub/" };
    dir.join(format!("{sub}doc{n}.txt"))
}

fn dossier(args: &[&str]) -> Output {
    util::dossier().args(args).output().expect("runs")
}

/// Runs `dossier index --json` and returns the exit code and the parsed summary.
fn index(docs: &Path, idx: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec![
        "index",
        docs.to_str().expect("utf-8"),
        "--index",
        idx.to_str().expect("utf-8"),
        "--json",
    ];
    args.extend_from_slice(extra);
    let out = dossier(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = serde_json::from_str(&stdout).unwrap_or_else(|_| {
        panic!(
            "no JSON summary; stdout {stdout:?} stderr {:?}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), summary)
}

fn counts(summary: &Value) -> [u64; 4] {
    ["added", "updated", "removed", "unchanged"].map(|k| summary[k].as_u64().expect(k))
}

fn docs_in(idx: &Path) -> u64 {
    open_searchable(idx)
        .expect("opens")
        .reader
        .searcher()
        .num_docs()
}

fn docs_with(idx: &Path, field: &str, value: &str) -> usize {
    let opened = open_searchable(idx).expect("opens");
    let field = opened.index.schema().get_field(field).expect("field");
    let query = TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    );
    opened
        .reader
        .searcher()
        .search(&query, &Count)
        .expect("search")
}

#[test]
fn incremental_runs_follow_the_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (docs, idx) = (tmp.path().join("docs"), tmp.path().join("idx"));
    write_docs(&docs, 0..20);

    let (code, s) = index(&docs, &idx, &[]);
    assert_eq!((code, counts(&s)), (0, [20, 0, 0, 0]));
    assert!(s["took_ms"].is_u64() && s["failed"].as_array().is_some_and(|f| f.is_empty()));
    assert_eq!(docs_in(&idx), 20);

    // Nothing changed.
    assert_eq!(counts(&index(&docs, &idx, &[]).1), [0, 0, 0, 20]);

    // Touch: new mtime, same bytes: nothing parsed again.
    for n in 0..20 {
        let file = std::fs::File::options()
            .append(true)
            .open(doc_path(&docs, n))
            .expect("open");
        file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
            .expect("touch");
    }
    assert_eq!(counts(&index(&docs, &idx, &[]).1), [0, 0, 0, 20]);
    // The touched files' new stat is remembered beside the index, so the next run
    // costs each of them a stat, not a hash; it is carried from run to run.
    assert_eq!(remembered_stats(&idx), 20);
    assert_eq!(counts(&index(&docs, &idx, &[]).1), [0, 0, 0, 20]);
    assert_eq!(remembered_stats(&idx), 20);
    // Proof that the hash is skipped: same size, same (touched) mtime, other bytes
    // reads as unchanged — the rule for every file whose stat matches the index.
    let touched = std::fs::metadata(doc_path(&docs, 7))
        .and_then(|m| m.modified())
        .expect("mtime");
    let original = std::fs::read_to_string(doc_path(&docs, 7)).expect("read");
    let edited = original.replace("Tuesday", "Fridays");
    assert!(edited != original && edited.len() == original.len());
    std::fs::write(doc_path(&docs, 7), edited).expect("edit");
    std::fs::File::options()
        .append(true)
        .open(doc_path(&docs, 7))
        .and_then(|f| f.set_modified(touched))
        .expect("reset mtime");
    assert_eq!(counts(&index(&docs, &idx, &[]).1), [0, 0, 0, 20]);
    std::fs::write(doc_path(&docs, 7), &original).expect("restore");

    // Add 3, change 2, delete 1, rename 1.
    write_docs(&docs, 20..23);
    std::fs::write(doc_path(&docs, 3), article(3, "Zanzibarian postscript.")).expect("edit");
    std::fs::write(doc_path(&docs, 4), article(4, "Second edit.")).expect("edit");
    std::fs::remove_file(doc_path(&docs, 5)).expect("delete");
    std::fs::rename(doc_path(&docs, 6), docs.join("renamed.txt")).expect("rename");
    let (_, s) = index(&docs, &idx, &[]);
    let [added, updated, removed, unchanged] = counts(&s);
    // Ids of articles are path hashes: the renamed file is one removal and one addition.
    assert_eq!((added, updated, removed), (4, 2, 2), "{s}");
    assert_eq!(unchanged, 16);
    assert_eq!(docs_in(&idx), 22);
    assert_eq!(docs_with(&idx, "body", "zanzibarian"), 1);

    let check = dossier(&["check", "--index", idx.to_str().expect("utf-8")]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // A rebuild holds the same documents, in a new generation.
    let (code, s) = index(&docs, &idx, &["--rebuild"]);
    assert_eq!((code, counts(&s)), (0, [22, 0, 0, 0]));
    assert_eq!(docs_in(&idx), 22);
    let generations = std::fs::read_dir(&idx)
        .expect("read_dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        })
        .count();
    assert_eq!(
        generations, 1,
        "the old generation is removed after the swap"
    );
}

/// Runs `dossier index` with a schema folder; returns its stderr (the summary).
fn index_quietly(docs: &Path, idx: &Path, schema: &Path) -> String {
    let out = dossier(&[
        "index",
        docs.to_str().expect("utf-8"),
        "--index",
        idx.to_str().expect("utf-8"),
        "--schema",
        schema.to_str().expect("utf-8"),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    stderr
}

#[test]
fn a_schema_change_reextracts_what_it_affects_and_says_so() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (docs, idx, schema) = (
        tmp.path().join("docs"),
        tmp.path().join("idx"),
        tmp.path().join("schema"),
    );
    write_docs(&docs, 0..6);
    // Two more documents name a man no list knows, once by his surname alone.
    std::fs::write(
        docs.join("new0.txt"),
        article(100, "Zbrzezny attended; Omar Zbrzezny spoke."),
    )
    .expect("write");
    std::fs::write(
        docs.join("new1.txt"),
        article(101, "Zbrzezny’s aides left."),
    )
    .expect("write");
    std::fs::create_dir_all(&schema).expect("mkdir");
    let actors = include_str!("../schema/actors.toml");
    std::fs::write(schema.join("actors.toml"), actors).expect("write");
    let schema_arg = ["--schema", schema.to_str().expect("utf-8")];
    assert_eq!(counts(&index(&docs, &idx, &schema_arg).1), [8, 0, 0, 0]);
    assert_eq!(counts(&index(&docs, &idx, &schema_arg).1), [0, 0, 0, 8]);
    assert_eq!(docs_with(&idx, "person", "Omar Zbrzezny"), 1);

    // An actor no document names: every file is checked, none extracted again.
    let unnamed =
        "[[actor]]\nname = \"Jane Roe Envoy\"\ntype = \"person\"\naliases = [\"Roe Envoy\"]\n";
    std::fs::write(schema.join("actors.toml"), format!("{actors}\n{unnamed}")).expect("write");
    let stderr = index_quietly(&docs, &idx, &schema);
    assert!(stderr.contains("checked 8 files"), "{stderr}");
    assert!(!stderr.contains("re-extracted"), "{stderr}");
    assert!(stderr.contains("8 unchanged"), "{stderr}");

    // His surname as an alias: the two documents that write it, in any spelling,
    // are extracted again and now name him; the six others are kept.
    let known =
        "[[actor]]\nname = \"Omar Zbrzezny\"\ntype = \"person\"\naliases = [\"Zbrzezny\"]\n";
    let edited = format!("{actors}\n{unnamed}\n{known}");
    std::fs::write(schema.join("actors.toml"), &edited).expect("write");
    let stderr = index_quietly(&docs, &idx, &schema);
    assert!(stderr.contains("checked 6 files"), "{stderr}");
    assert!(stderr.contains("re-extracted 2 files"), "{stderr}");
    assert!(stderr.contains("2 updated"), "{stderr}");
    assert_eq!(docs_with(&idx, "person", "Omar Zbrzezny"), 2);
    // The kept documents are current: the next run looks at nothing.
    assert_eq!(counts(&index(&docs, &idx, &schema_arg).1), [0, 0, 0, 8]);

    // The same as a fresh build with the edited schema.
    let fresh = tmp.path().join("fresh");
    index(&docs, &fresh, &schema_arg);
    for (field, value) in [("person", "Omar Zbrzezny"), ("person", "Ali Mamlouk")] {
        assert_eq!(
            docs_with(&idx, field, value),
            docs_with(&fresh, field, value)
        );
    }

    // Any other schema file: everything is extracted again.
    let names = include_str!("../schema/names.toml");
    std::fs::write(schema.join("names.toml"), format!("{names}\n# edited\n")).expect("write");
    let stderr = index_quietly(&docs, &idx, &schema);
    assert!(stderr.contains("re-extracted 8 files"), "{stderr}");
    assert_eq!(counts(&index(&docs, &idx, &schema_arg).1), [0, 0, 0, 8]);
}

#[test]
fn an_actors_edit_replaces_only_the_records_it_reaches_in_a_file_of_many() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (docs, idx, schema) = (
        tmp.path().join("docs"),
        tmp.path().join("idx"),
        tmp.path().join("schema"),
    );
    std::fs::create_dir_all(&docs).expect("mkdir");
    let lines: Vec<String> = (0..5)
        .map(|n| {
            let extra = if n == 3 { " Zbrzezny’s aides left." } else { "" };
            serde_json::json!({
                "id": format!("story-{n}"),
                "title": format!("Talks, part {n}"),
                "body": format!("DAMASCUS - Ali Mamlouk met Hezbollah officials, session {n}.{extra}"),
            })
            .to_string()
        })
        .collect();
    std::fs::write(docs.join("wire.jsonl"), lines.join("\n")).expect("write");
    write_docs(&docs, 0..2);
    std::fs::create_dir_all(&schema).expect("mkdir");
    let actors = include_str!("../schema/actors.toml");
    std::fs::write(schema.join("actors.toml"), actors).expect("write");
    let schema_arg = ["--schema", schema.to_str().expect("utf-8")];
    assert_eq!(counts(&index(&docs, &idx, &schema_arg).1), [7, 0, 0, 0]);

    let known =
        "[[actor]]\nname = \"Omar Zbrzezny\"\ntype = \"person\"\naliases = [\"Zbrzezny\"]\n";
    std::fs::write(schema.join("actors.toml"), format!("{actors}\n{known}")).expect("write");
    let (code, summary) = index(&docs, &idx, &schema_arg);
    // One record of the five in `wire.jsonl` names him: it alone is replaced.
    assert_eq!((code, counts(&summary)), (0, [0, 1, 0, 6]));
    assert_eq!(docs_in(&idx), 7);
    assert_eq!(docs_with(&idx, "person", "Omar Zbrzezny"), 1);
    assert_eq!(docs_with(&idx, "id", "story-3"), 1);
    assert_eq!(
        docs_with(
            &idx,
            "source",
            &std::fs::canonicalize(docs.join("wire.jsonl"))
                .expect("canonical")
                .to_string_lossy()
        ),
        5
    );
    // Its siblings are current: the next run looks at nothing.
    assert_eq!(counts(&index(&docs, &idx, &schema_arg).1), [0, 0, 0, 7]);
    // And the file is whole again after a change of another schema file.
    let names = include_str!("../schema/names.toml");
    std::fs::write(schema.join("names.toml"), format!("{names}\n# edited\n")).expect("write");
    assert_eq!(counts(&index(&docs, &idx, &schema_arg).1), [0, 7, 0, 0]);
    assert_eq!(docs_in(&idx), 7);
    assert_eq!(docs_with(&idx, "person", "Omar Zbrzezny"), 1);
}

#[test]
fn an_actors_edit_is_not_taken_as_checked_for_roots_a_run_left_out() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (a, b, idx, schema) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("idx"),
        tmp.path().join("schema"),
    );
    write_docs(&a, 0..3);
    write_docs(&b, 3..6);
    std::fs::create_dir_all(&schema).expect("mkdir");
    let actors = include_str!("../schema/actors.toml");
    std::fs::write(schema.join("actors.toml"), actors).expect("write");
    let both = |extra: &[&str]| {
        let mut args = vec![
            "index",
            a.to_str().expect("utf-8"),
            b.to_str().expect("utf-8"),
            "--index",
            idx.to_str().expect("utf-8"),
            "--schema",
            schema.to_str().expect("utf-8"),
        ];
        args.extend_from_slice(extra);
        let out = dossier(&args);
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    both(&[]);
    let unnamed = "[[actor]]\nname = \"Jane Roe Envoy\"\ntype = \"person\"\n";
    std::fs::write(schema.join("actors.toml"), format!("{actors}\n{unnamed}")).expect("write");
    // Only `a` is looked at: its files are checked and kept, `b`'s are not tested.
    let stderr = index_quietly(&a, &idx, &schema);
    assert!(stderr.contains("checked 3 files"), "{stderr}");
    // So that version is not carried as current: `b`'s documents were never tested.
    // The whole version is extracted again (`a`'s too: safe, if not minimal).
    let stderr = both(&[]);
    assert!(stderr.contains("re-extracted 6 files"), "{stderr}");
    assert!(!stderr.contains("checked"), "{stderr}");
    assert!(both(&[]).contains("6 unchanged"));
}

#[test]
fn a_second_writer_stops_with_exit_2() {
    use fs4::fs_std::FileExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let (docs, idx) = (tmp.path().join("docs"), tmp.path().join("idx"));
    write_docs(&docs, 0..3);
    assert_eq!(index(&docs, &idx, &[]).0, 0);
    let lock = std::fs::File::create(idx.join("dossier.lock")).expect("lock file");
    assert!(lock.try_lock_exclusive().expect("flock"));
    let out = dossier(&[
        "index",
        docs.to_str().expect("utf-8"),
        "--index",
        idx.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("another `dossier index` is writing"),
        "{stderr}"
    );
    assert!(!stderr.contains("LockBusy"), "{stderr}");
    drop(lock);
    assert_eq!(index(&docs, &idx, &[]).0, 0, "no stale lock");
}

#[test]
fn missing_and_incompatible_indexes_say_what_to_do() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = dossier(&[
        "check",
        "--index",
        tmp.path().join("none").to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("run `dossier index PATH`"));

    let old = tmp.path().join("old");
    copy_dir(Path::new("tests/data/index/old-format"), &old);
    let docs = tmp.path().join("docs");
    write_docs(&docs, 0..2);
    let out = dossier(&[
        "index",
        docs.to_str().expect("utf-8"),
        "--index",
        old.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("incompatible version"), "{stderr}");
    assert!(stderr.contains("--rebuild"), "{stderr}");
    let err = open_searchable(&old).err().expect("refused");
    assert!(format!("{err:#}").contains("incompatible"));

    let (code, s) = index(&docs, &old, &["--rebuild"]);
    assert_eq!((code, counts(&s)), (0, [2, 0, 0, 0]));
    assert!(
        !old.join("gen-0").exists(),
        "the old generation is cleaned up"
    );
}

#[test]
fn failed_files_are_reported_and_the_rest_committed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (docs, idx) = (tmp.path().join("docs"), tmp.path().join("idx"));
    write_docs(&docs, 0..3);
    std::fs::write(
        docs.join("blob.bin"),
        [0u8, 159, 146, 150, 0, 0, 1, 2, 0, 0],
    )
    .expect("write");
    let (code, s) = index(&docs, &idx, &[]);
    let failed = s["failed"].as_array().expect("failed");
    if failed.is_empty() {
        // The parser may accept the bytes; then there is nothing to assert here.
        assert_eq!(code, 0);
        return;
    }
    assert_eq!(code, 1);
    assert_eq!(failed[0]["path"], "blob.bin");
    assert!(failed[0]["error"].as_str().is_some_and(|e| !e.is_empty()));
    assert_eq!(docs_in(&idx), 3);
}

/// How many files the stat cache of the live generation remembers.
fn remembered_stats(idx: &Path) -> usize {
    let meta: Value = serde_json::from_str(
        &std::fs::read_to_string(idx.join("dossier.json")).expect("dossier.json"),
    )
    .expect("json");
    let generation = meta["generation"].as_str().expect("generation");
    std::fs::read_to_string(idx.join(generation).join("dossier-stat.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .and_then(|cache| cache["stats"].as_object().map(|stats| stats.len()))
        .unwrap_or(0)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn segments(idx: &Path) -> usize {
    open_searchable(idx)
        .expect("opens")
        .reader
        .searcher()
        .segment_readers()
        .len()
}

/// Facet counts of `dossier search '*' --facets` by value, per facet.
fn search_facets(idx: &Path) -> BTreeMap<String, BTreeMap<String, u64>> {
    search_facets_of(idx, "*")
}

/// Facet counts of `dossier search QUERY --facets` by value, per facet.
fn search_facets_of(idx: &Path, query: &str) -> BTreeMap<String, BTreeMap<String, u64>> {
    let out = dossier(&[
        "search",
        query,
        "--facets",
        "--json",
        "--index",
        idx.to_str().expect("utf-8"),
    ]);
    let response: Value = serde_json::from_slice(&out.stdout).expect("search json");
    let mut facets = BTreeMap::new();
    for (name, values) in response["facets"].as_object().expect("facets") {
        let counts = values
            .as_array()
            .expect("values")
            .iter()
            .map(|v| {
                let value = v["value"].as_str().expect("value").to_string();
                (value, v["count"].as_u64().expect("count"))
            })
            .collect();
        let counts: BTreeMap<String, u64> = counts;
        if !counts.is_empty() {
            facets.insert(name.clone(), counts);
        }
    }
    facets
}

/// Copies the `.txt` documents of a fixture folder (not its label files).
fn copy_texts(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        if entry.path().extension().is_some_and(|e| e == "txt") {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

/// The same counts from the records `dossier parse` gives for the files.
fn brute_facets(files: &[PathBuf]) -> BTreeMap<String, BTreeMap<String, u64>> {
    let records = util::parse_json(files);
    ["outlet", "classification", "kind", "year", "actor"]
        .into_iter()
        .map(|facet| (facet.to_string(), util::brute_counts(&records, facet)))
        .filter(|(_, counts)| !counts.is_empty())
        .collect()
}

#[test]
fn a_fresh_build_is_one_segment_and_facets_count_across_segments() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let docs = tmp.path().join("docs");
    let idx = tmp.path().join("idx");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    copy_texts(&data.join("seeds"), &docs);
    let (code, _) = index(&docs, &idx, &[]);
    assert_eq!(code, 0);
    assert_eq!(
        segments(&idx),
        1,
        "a fresh build is merged into one segment"
    );

    // An incremental run adds its documents as a segment of their own.
    copy_texts(&data.join("search"), &docs.join("more"));
    let (code, summary) = index(&docs, &idx, &[]);
    assert_eq!(code, 0);
    assert!(counts(&summary)[0] > 0, "{summary}");
    assert!(segments(&idx) >= 2, "the update is a second segment");

    let mut files: Vec<PathBuf> = std::fs::read_dir(&docs)
        .expect("docs")
        .chain(std::fs::read_dir(docs.join("more")).expect("more"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert_eq!(search_facets(&idx), brute_facets(&files));
}

#[test]
fn facet_counts_hold_for_sparse_and_dense_matches() {
    // 400 documents with a few actors each; every fifth names a rare word, so that
    // a search for it matches documents spread thinly over the segment, and `*`
    // matches them all.
    let tmp = tempfile::tempdir().expect("tempdir");
    let docs = tmp.path().join("docs");
    let idx = tmp.path().join("idx");
    std::fs::create_dir_all(&docs).expect("mkdir");
    let people = [
        "Ali Mamlouk",
        "Hassan Nasrallah",
        "Bashar al-Assad",
        "Walid Muallem",
    ];
    let mut files = Vec::new();
    for n in 0..400 {
        let a = people[n % people.len()];
        let b = people[(n / 3) % people.len()];
        let rare = if n % 5 == 0 {
            " The zebulon file was opened."
        } else {
            ""
        };
        let text = format!(
            "Envoys meet again, part {n}\n\nMarch 3, 2018\n\nDAMASCUS - General {a} met \
             President {b} on Tuesday, officials said.{rare}\n"
        );
        let path = docs.join(format!("doc{n:03}.txt"));
        std::fs::write(&path, text).expect("write");
        files.push(path);
    }
    let (code, _) = index(&docs, &idx, &[]);
    assert_eq!(code, 0);
    let all = brute_facets(&files);
    assert_eq!(search_facets_of(&idx, "*"), all);
    let rare: Vec<PathBuf> = files.iter().step_by(5).cloned().collect();
    assert_eq!(search_facets_of(&idx, "zebulon"), brute_facets(&rare));
}
