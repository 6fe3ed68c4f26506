//! `dossier search`, `facets` and `show` end to end, through the binary, on an index
//! of the seeds and the fixtures under tests/data/search/. Expected counts come from
//! `dossier parse --json` by brute force, so they hold whatever extraction finds.

mod util;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;
use util::{brute_counts, dossier, facet_values};

struct Fixture {
    _dir: tempfile::TempDir,
    index: PathBuf,
    records: Vec<Value>,
}

/// One index for the whole test binary: building it is the slow part.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("docs");
        std::fs::create_dir_all(&root).expect("docs dir");
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let mut files = Vec::new();
        for sub in ["seeds", "search"] {
            for entry in std::fs::read_dir(data.join(sub)).expect("fixtures") {
                let path = entry.expect("entry").path();
                if path.extension().is_some_and(|e| e == "txt") {
                    let target = root.join(path.file_name().expect("name"));
                    std::fs::copy(&path, &target).expect("copy");
                    files.push(target);
                }
            }
        }
        let index = index_folder(&root, &dir.path().join("index"));
        let records = util::parse_json(&files);
        Fixture {
            _dir: dir,
            index,
            records,
        }
    })
}

/// `dossier index ROOT --index INDEX`, which must succeed; returns INDEX.
fn index_folder(root: &Path, index: &Path) -> PathBuf {
    dossier()
        .arg("index")
        .arg(root)
        .arg("--index")
        .arg(index)
        .assert()
        .success();
    index.to_path_buf()
}

/// `dossier search QUERY ARGS... --json --limit 0`, parsed, with its exit code.
fn search(query: &str, args: &[&str]) -> (Value, i32) {
    let mut cmd = dossier();
    cmd.args(["search", query, "--json", "--index"])
        .arg(&fixture().index);
    if !args.contains(&"--limit") {
        cmd.args(["--limit", "0"]);
    }
    let output = cmd.args(args).output().expect("runs");
    let code = output.status.code().unwrap_or(-1);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        code != 2,
        "search {query} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (serde_json::from_str(&text).expect("search json"), code)
}

fn ids(response: &Value) -> Vec<String> {
    let mut ids: Vec<String> = hits(response).iter().map(|h| name(&h["path"])).collect();
    ids.sort();
    ids
}

/// The file name of a record's path: ids of articles hash the path, which differs
/// between `parse` (as given) and the index (relative to the root).
fn name(path: &Value) -> String {
    let path = path.as_str().unwrap_or("");
    path.rsplit('/').next().unwrap_or(path).to_string()
}

fn hits(response: &Value) -> Vec<Value> {
    response["hits"].as_array().cloned().unwrap_or_default()
}

/// Ids of the records satisfying `keep`.
fn expected(keep: impl Fn(&Value) -> bool) -> Vec<String> {
    let mut ids: Vec<String> = fixture()
        .records
        .iter()
        .filter(|r| keep(r))
        .map(|r| name(&r["path"]))
        .collect();
    ids.sort();
    ids
}

fn has_actor(record: &Value, name: &str) -> bool {
    record["actors"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|a| a["name"] == name)
}

fn htmls(response: &Value) -> String {
    hits(response)
        .iter()
        .flat_map(|h| h["snippets"].as_array().cloned().unwrap_or_default())
        .map(|s| s["html"].as_str().unwrap_or("").to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_name_in_any_spelling_finds_every_document_naming_him() {
    let want = expected(|r| has_actor(r, "Ali Mamlouk"));
    assert!(want.len() >= 6, "fixtures name Ali Mamlouk: {want:?}");
    for spelling in ["Mamluk", "Mamlouk", "mamlouk", "MAMLUK"] {
        let (response, code) = search(spelling, &[]);
        assert_eq!(code, 0);
        assert_eq!(ids(&response), want, "{spelling}");
    }
    let (response, _) = search("Mamluk", &[]);
    let html = htmls(&response);
    assert!(html.contains("<mark>Mamlouk</mark>"), "{html}");
    assert!(html.contains("<mark>Mamluk</mark>"), "{html}");
    // Asad (2009 cable) and Hizballah find their other spellings too.
    let (response, _) = search("Hizballah", &[]);
    assert!(htmls(&response).contains("<mark>Hezbollah</mark>"));
    let (response, _) = search("Asad", &[]);
    assert!(htmls(&response).contains("<mark>Assad</mark>"));
}

#[test]
fn exact_spellings_rank_above_variants() {
    let (response, _) = search("Mamluk", &["--limit", "1"]);
    let first = &hits(&response)[0];
    let html = first["snippets"][0]["html"].as_str().unwrap_or("");
    assert!(html.contains("<mark>Mamluk</mark>"), "{html}");
}

#[test]
fn phrases_prefixes_and_fuzzy_terms_are_marked() {
    let (response, _) = search("\"Ali Mamlouk\"", &[]);
    assert!(htmls(&response).contains("<mark>Ali Mamlouk</mark>"));
    let (response, code) = search("Hezbo*", &[]);
    assert_eq!(code, 0);
    assert!(htmls(&response).contains("<mark>Hezbollah</mark>"));
    let (response, _) = search("Mamlouc~1", &[]);
    assert!(htmls(&response).contains("<mark>Mamlouk</mark>"));
}

#[test]
fn excluded_terms_exclude_and_are_not_marked() {
    let (response, _) = search("Mamlouk -Hezbollah", &[]);
    assert!(!hits(&response).is_empty());
    let html = htmls(&response);
    assert!(!html.to_lowercase().contains("<mark>hezbollah"), "{html}");
    let (with, _) = search("Mamlouk Hezbollah", &[]);
    for id in ids(&with) {
        assert!(!ids(&response).contains(&id));
    }
}

fn counts(facet: &Value) -> BTreeMap<String, u64> {
    facet
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| {
            (
                v["value"].as_str().unwrap_or("").to_string(),
                v["count"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn facet_counts_equal_brute_force_counts() {
    let (response, _) = search(
        "*",
        &[
            "--facets", "--facet", "caveat", "--facet", "tag", "--facet", "place",
        ],
    );
    let all: Vec<&Value> = fixture().records.iter().collect();
    assert_eq!(response["total"].as_u64(), Some(all.len() as u64));
    for facet in [
        "outlet",
        "actor",
        "classification",
        "kind",
        "year",
        "caveat",
        "tag",
        "place",
    ] {
        assert_eq!(
            counts(&response["facets"][facet]),
            brute_counts(all.iter().copied(), facet),
            "{facet}"
        );
    }
    // The same through `dossier facets`, every value, no cap.
    let output = dossier()
        .args(["facets", "actor", "--json", "--index"])
        .arg(&fixture().index)
        .output()
        .expect("runs");
    let listed: Value = serde_json::from_slice(&output.stdout).expect("facets json");
    assert_eq!(counts(&listed), brute_counts(all.iter().copied(), "actor"));
}

#[test]
fn a_facet_filter_does_not_shrink_its_own_counts() {
    let (all, _) = search("*", &["--facets"]);
    let (some, _) = search("*", &["--facets", "--outlet", "middle east eye"]);
    assert_eq!(
        counts(&some["facets"]["outlet"]),
        counts(&all["facets"]["outlet"])
    );
    let mee: Vec<&Value> = fixture()
        .records
        .iter()
        .filter(|r| r["outlet"] == "Middle East Eye")
        .collect();
    assert_eq!(some["total"].as_u64(), Some(mee.len() as u64));
    assert_eq!(
        counts(&some["facets"]["kind"]),
        brute_counts(mee.iter().copied(), "kind")
    );
    // Actors count what appears with the selection.
    let (with, _) = search("*", &["--facets", "--actor", "Ali Mamluk"]);
    let his: Vec<&Value> = fixture()
        .records
        .iter()
        .filter(|r| has_actor(r, "Ali Mamlouk"))
        .collect();
    assert_eq!(
        counts(&with["facets"]["actor"]),
        brute_counts(his.iter().copied(), "actor")
    );
}

/// A filter's arguments and the records it should keep.
type Case = (Vec<&'static str>, Box<dyn Fn(&Value) -> bool>);

#[test]
fn filters_alone_and_combined() {
    let cases: Vec<Case> = vec![
        (vec!["--kind", "cable"], Box::new(|r| r["kind"] == "cable")),
        (
            vec!["--classification", "secret"],
            Box::new(|r| r["classification"] == "SECRET"),
        ),
        (
            vec!["--classification", "SECRET//NOFORN"],
            Box::new(|r| {
                r["classification"] == "SECRET"
                    && facet_values(r, "caveat").contains(&"NOFORN".into())
            }),
        ),
        (
            vec![
                "--classification",
                "SECRET",
                "--classification",
                "CONFIDENTIAL",
            ],
            Box::new(|r| r["classification"] == "SECRET" || r["classification"] == "CONFIDENTIAL"),
        ),
        (
            vec!["--caveat", "NOFORN"],
            Box::new(|r| facet_values(r, "caveat").contains(&"NOFORN".into())),
        ),
        (
            vec!["--tag", "PTER"],
            Box::new(|r| facet_values(r, "tag").contains(&"PTER".into())),
        ),
        (
            vec!["--tag", "PTER", "--classification", "CONFIDENTIAL"],
            Box::new(|r| {
                facet_values(r, "tag").contains(&"PTER".into())
                    && r["classification"] == "CONFIDENTIAL"
            }),
        ),
        (
            vec!["--actor", "mamluk"],
            Box::new(|r| has_actor(r, "Ali Mamlouk")),
        ),
        (
            vec!["--actor", "Ali Mamlouk", "--actor", "Hakan Fidan"],
            Box::new(|r| has_actor(r, "Ali Mamlouk") || has_actor(r, "Hakan Fidan")),
        ),
        (
            vec!["--actor", "Ali Mamlouk", "--kind", "article"],
            Box::new(|r| has_actor(r, "Ali Mamlouk") && r["kind"] == "article"),
        ),
        (
            vec!["--outlet", "Middle East Eye"],
            Box::new(|r| r["outlet"] == "Middle East Eye"),
        ),
        (
            vec!["--place", "Syria"],
            Box::new(|r| facet_values(r, "place").contains(&"Syria".into())),
        ),
    ];
    for (args, keep) in cases {
        let want = expected(keep);
        assert!(!want.is_empty(), "fixtures should exercise {args:?}");
        let (response, _) = search("*", &args);
        assert_eq!(ids(&response), want, "{args:?}");
    }
}

#[test]
fn unknown_facet_values_are_errors_naming_the_nearest() {
    let output = dossier()
        .args(["search", "*", "--outlet", "Washington Post", "--index"])
        .arg(&fixture().index)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("no documents with outlet"), "{err}");
    assert!(err.contains("Middle East Eye"), "{err}");
}

fn dated(from: &str, to: &str) -> Vec<String> {
    expected(|r| r["date"].as_str().is_some_and(|d| d >= from && d <= to))
}

#[test]
fn date_ranges_in_every_form() {
    let cases: [(&str, &[&str], (&str, &str)); 8] = [
        (
            "*",
            &["--since", "2018", "--until", "2018"],
            ("2018-01-01", "2018-12-31"),
        ),
        ("*", &["--since", "2018-03"], ("2018-03-01", "9999")),
        ("*", &["--until", "2010-02-24"], ("0000", "2010-02-24")),
        (
            "*",
            &["--since", "2009-04-08", "--until", "2010-02"],
            ("2009-04-08", "2010-02-28"),
        ),
        ("date:2010", &[], ("2010-01-01", "2010-12-31")),
        ("date:2018-12", &[], ("2018-12-01", "2018-12-31")),
        (
            "date:[2018-01 TO 2019-06]",
            &[],
            ("2018-01-01", "2019-06-30"),
        ),
        ("date:{2009 TO 2019}", &[], ("2010-01-01", "2018-12-31")),
    ];
    for (query, args, (from, to)) in cases {
        let want = dated(from, to);
        assert!(!want.is_empty(), "{query} {args:?}");
        let (response, _) = search(query, args);
        assert_eq!(ids(&response), want, "{query} {args:?}");
    }
}

#[test]
fn sorts_by_date_both_ways() {
    for (sort, ascending) in [("date", true), ("-date", false)] {
        let (response, _) = search("*", &["--sort", sort]);
        let dates: Vec<String> = hits(&response)
            .iter()
            .filter_map(|h| h["date"].as_str().map(str::to_string))
            .collect();
        let mut sorted = dates.clone();
        sorted.sort();
        if !ascending {
            sorted.reverse();
        }
        assert!(dates.len() >= 5);
        assert_eq!(dates, sorted, "--sort {sort}");
    }
    let (response, _) = search("Mamlouk", &[]);
    let scores: Vec<f64> = hits(&response)
        .iter()
        .filter_map(|h| h["score"].as_f64())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn limit_and_offset_page_through_hits() {
    let (all, _) = search("*", &["--sort", "date"]);
    let (page, _) = search("*", &["--sort", "date", "--limit", "2", "--offset", "1"]);
    assert_eq!(hits(&page).len(), 2);
    assert_eq!(hits(&page)[0]["id"], hits(&all)[1]["id"]);
    assert_eq!(page["total"], all["total"]);
}

/// Offsets and limits far past the index (a script's off-by-a-billion) page in
/// bounded memory: no hits past the end, the total still counted, in every order.
#[test]
fn offsets_and_limits_past_the_index_give_empty_pages() {
    let (all, _) = search("*", &[]);
    let total = all["total"].as_u64().expect("total");
    for sort in ["relevance", "date", "-date"] {
        let (page, code) = search(
            "*",
            &["--sort", sort, "--offset", "99999999999", "--limit", "5"],
        );
        assert_eq!(code, 0, "--sort {sort}");
        assert!(hits(&page).is_empty(), "--sort {sort}");
        assert_eq!(page["total"].as_u64(), Some(total), "--sort {sort}");
        let (page, code) = search(
            "*",
            &[
                "--sort",
                sort,
                "--limit",
                &usize::MAX.to_string(),
                "--offset",
                &usize::MAX.to_string(),
            ],
        );
        assert_eq!(code, 0, "--sort {sort}");
        assert!(hits(&page).is_empty(), "--sort {sort}");
        let (page, _) = search("*", &["--sort", sort, "--limit", "99999999999"]);
        assert_eq!(hits(&page).len() as u64, total, "--sort {sort}");
    }
}

#[test]
fn csv_and_ndjson_parse_back() {
    let run = |format: &str| {
        dossier()
            .args([
                "search", "Mamlouk", "--limit", "0", "--format", format, "--index",
            ])
            .arg(&fixture().index)
            .output()
            .expect("runs")
    };
    let (json, _) = search("Mamlouk", &[]);
    let output = run("csv");
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header = reader.headers().expect("header").clone();
    assert_eq!(&header[0], "id");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), hits(&json).len());
    for (row, hit) in rows.iter().zip(hits(&json)) {
        assert_eq!(&row[0], hit["id"].as_str().unwrap_or(""));
    }
    let output = run("ndjson");
    let lines: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("ndjson line"))
        .collect();
    assert_eq!(lines.len(), hits(&json).len());
    assert!(lines.iter().all(|h| h["snippets"].is_array()));
}

#[test]
fn exit_codes_say_found_nothing_and_failure() {
    let (_, code) = search("zzyzzyxq", &[]);
    assert_eq!(code, 1);
    let bad = dossier()
        .args(["search", "ali \"mamlouk", "--index"])
        .arg(&fixture().index)
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("column 5") && err.contains('^'), "{err}");
    let deep = format!("{}a{}", "(".repeat(20_000), ")".repeat(20_000));
    let output = dossier()
        .args(["search", &deep, "--index"])
        .arg(&fixture().index)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    // The OS caps one argument near 128 KiB; tests/query.rs tries 1 MB directly.
    let huge = "a ".repeat(50_000);
    let output = dossier()
        .args(["search", &huge, "--index"])
        .arg(&fixture().index)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let empty = tempfile::tempdir().expect("dir");
    let output = dossier()
        .args(["search", "x", "--index"])
        .arg(empty.path().join("none"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("dossier index"));
}

#[test]
fn terminal_output_is_plain_when_piped_and_coloured_on_request() {
    let run = |color: &str| {
        dossier()
            .args(["search", "Mamluk", "--color", color, "--index"])
            .arg(&fixture().index)
            .output()
            .expect("runs")
    };
    let plain = String::from_utf8_lossy(&run("auto").stdout).to_string();
    assert!(!plain.contains('\x1b') && plain.contains("Mamlouk"));
    let coloured = String::from_utf8_lossy(&run("always").stdout).to_string();
    assert!(coloured.contains("\x1b[1;31mMamlouk\x1b[0m"));
}

#[test]
fn show_prints_the_whole_document_with_matches_marked() {
    let output = dossier()
        .args([
            "show",
            "10DAMASCUS159",
            "--query",
            "Mamluk",
            "--json",
            "--index",
        ])
        .arg(&fixture().index)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let shown: Value = serde_json::from_slice(&output.stdout).expect("show json");
    assert_eq!(shown["id"], "10DAMASCUS159");
    assert!(shown["html"]
        .as_str()
        .is_some_and(|h| h.contains("<mark>Mamlouk</mark>")));
    assert!(shown["body"].as_str().is_some_and(|b| b.len() > 1000));
    let output = dossier()
        .args(["show", "NOPE", "--index"])
        .arg(&fixture().index)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn equal_scores_and_dates_come_back_in_id_order() {
    // Wire copies: one dispatch reprinted under twelve file names, so every copy has
    // the same score and the same date. Their order must not depend on how the
    // indexing threads interleaved, or two builds of one folder would disagree.
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("wire");
    std::fs::create_dir_all(&root).expect("docs dir");
    let text = "Syria's security chief meets Turkish intelligence in Moscow\n\n\
                Published on 13 January 2020\n\n\
                Ali Mamlouk met Hakan Fidan in Moscow on Monday, the state news agency said, \
                in the first public meeting between the two intelligence chiefs.\n";
    for n in 0..12 {
        std::fs::write(root.join(format!("copy-{n:02}.txt")), text).expect("write");
    }
    let index = index_folder(&root, &dir.path().join("index"));
    let page = |args: &[&str]| -> Vec<Value> {
        let output = dossier()
            .args(["search", "Fidan", "--json", "--index"])
            .arg(&index)
            .args(args)
            .output()
            .expect("runs");
        let response: Value = serde_json::from_slice(&output.stdout).expect("search json");
        hits(&response)
    };
    let id_list = |hits: &[Value]| -> Vec<String> {
        hits.iter()
            .map(|h| h["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let all = page(&["--limit", "0"]);
    let mut sorted = id_list(&all);
    sorted.sort();
    assert_eq!(sorted.len(), 12);
    let scores: Vec<String> = all.iter().map(|h| h["score"].to_string()).collect();
    assert!(scores.windows(2).all(|w| w[0] == w[1]), "{scores:?}");
    for sort in ["relevance", "date", "-date"] {
        assert_eq!(
            id_list(&page(&["--sort", sort, "--limit", "0"])),
            sorted,
            "{sort}"
        );
        // Pages whose ends fall inside the run of equal scores hold the ids in order.
        for offset in [0, 3, 7, 10] {
            let (from, to) = (offset, (offset + 5).min(12));
            let got = page(&[
                "--sort",
                sort,
                "--limit",
                "5",
                "--offset",
                &offset.to_string(),
            ]);
            assert_eq!(id_list(&got), sorted[from..to], "{sort} from {offset}");
        }
    }
}

#[test]
fn words_of_capitals_and_acronyms_are_no_variants_of_names() {
    // `CORE` has the skeleton of `Cairo`, `AN` and `ANA` that of `Aoun`: in a
    // telegram in capitals neither is a name, and the search for one finds nothing.
    let caps = expected(|r| name(&r["path"]).starts_with("01KABUL555"));
    assert_eq!(caps.len(), 1, "the all-caps fixture is indexed");
    for query in ["cairo", "Kairo", "aoun"] {
        let (response, code) = search(query, &[]);
        assert!(code <= 1, "{query}: exit {code} (1 is no match, as grep's)");
        assert!(!ids(&response).contains(&caps[0]), "{query} found {caps:?}");
    }
    // Its words are still found as written, and its names in any spelling.
    let (response, _) = search("trust", &[]);
    assert!(ids(&response).contains(&caps[0]));
    let (response, _) = search("Smyth", &[]);
    assert!(
        ids(&response).contains(&caps[0]),
        "the signer SMITH as Smyth"
    );
}

/// `dossier timeline QUERY ARGS... --json`, parsed, with its exit code.
fn timeline(index: &Path, query: &str, args: &[&str]) -> (Value, i32) {
    let mut all = vec![query, "--json"];
    all.extend_from_slice(args);
    let (text, code) = view("timeline", index, &all);
    (serde_json::from_str(&text).expect("timeline json"), code)
}

/// `dossier COMMAND --index INDEX ARGS...`: standard output and exit code, which
/// must not be 2.
fn view(command: &str, index: &Path, args: &[&str]) -> (String, i32) {
    let output = dossier()
        .args([command, "--index"])
        .arg(index)
        .args(args)
        .output()
        .expect("runs");
    let code = output.status.code().unwrap_or(-1);
    assert!(
        code != 2,
        "{command} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (String::from_utf8_lossy(&output.stdout).into_owned(), code)
}

/// The periods of a timeline that hold documents, with their counts.
fn dated_bars(shown: &Value) -> BTreeMap<String, u64> {
    shown["bars"]
        .as_array()
        .expect("bars")
        .iter()
        .filter(|b| b["count"].as_u64() > Some(0))
        .map(|b| {
            let period = b["period"].as_str().unwrap_or("").to_string();
            (period, b["count"].as_u64().unwrap_or(0))
        })
        .collect()
}

/// Months and years of dated records, by brute force over `parse --json`.
fn periods_of(records: &[Value], width: usize) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for record in records {
        if let Some(date) = record["date"].as_str() {
            *counts.entry(date[..width].to_string()).or_insert(0) += 1;
        }
    }
    counts
}

/// The bars agree with a count over the parsed records, empty periods included,
/// and each bar with `search` restricted to its period.
#[test]
fn timeline_counts_every_period_as_search_does() {
    let fixture = fixture();
    let (shown, code) = timeline(&fixture.index, "*", &["--by", "month"]);
    assert_eq!(code, 0);
    let expected = periods_of(&fixture.records, 7);
    let bars = shown["bars"].as_array().expect("bars");
    let nonzero = dated_bars(&shown);
    assert_eq!(nonzero, expected);
    // Every month from the first to the last, once each.
    let first = expected.keys().next().expect("a dated record");
    let last = expected.keys().last().expect("a dated record");
    let months = |p: &str| -> i64 {
        let (y, m) = p.split_once('-').expect("YYYY-MM");
        y.parse::<i64>().expect("year") * 12 + m.parse::<i64>().expect("month")
    };
    assert_eq!(bars.len() as i64, months(last) - months(first) + 1);
    let undated = fixture
        .records
        .iter()
        .filter(|r| r["date"].is_null())
        .count() as u64;
    assert_eq!(shown["undated"].as_u64(), Some(undated));
    assert_eq!(shown["total"].as_u64(), Some(fixture.records.len() as u64));
    for (period, count) in expected.iter().take(5) {
        let (found, _) = search("*", &["--since", period, "--until", period]);
        assert_eq!(found["total"].as_u64(), Some(*count), "{period}");
    }
}

/// Split by kind, a bar's parts add up to it; a query and a filter narrow it as
/// they narrow `search`.
#[test]
fn timeline_splits_and_filters_like_search() {
    let fixture = fixture();
    let (shown, _) = timeline(&fixture.index, "*", &["--by", "year", "--split", "kind"]);
    for bar in shown["bars"].as_array().expect("bars") {
        let parts: u64 = bar["split"]
            .as_array()
            .map(|s| s.iter().filter_map(|p| p["count"].as_u64()).sum())
            .unwrap_or(0);
        assert_eq!(Some(parts), bar["count"].as_u64(), "{bar}");
    }
    let (cables, _) = timeline(
        &fixture.index,
        "Mamlouk",
        &["--by", "year", "--kind", "cable"],
    );
    let (found, _) = search("Mamlouk", &["--kind", "cable"]);
    assert_eq!(cables["total"], found["total"]);
    let dated: u64 = cables["bars"]
        .as_array()
        .expect("bars")
        .iter()
        .filter_map(|b| b["count"].as_u64())
        .sum();
    assert_eq!(
        Some(dated + cables["undated"].as_u64().unwrap_or(0)),
        found["total"].as_u64()
    );
}

/// Bad flags are refused with exit 2 and a line that says what to do.
#[test]
fn timeline_refuses_bad_flags_clearly() {
    let index = &fixture().index;
    for (args, says) in [
        (vec!["--split", "colour"], "not a facet"),
        (vec!["--plot", "chart.gif"], "SVG"),
        (vec!["--by", "fortnight"], "possible values"),
    ] {
        let output = dossier()
            .args(["timeline", "*", "--index"])
            .arg(index)
            .args(&args)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}

/// The chart is an SVG file with a bar per document-bearing period, its labels
/// escaped.
#[test]
fn timeline_draws_an_svg_chart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plot = dir.path().join("chart.svg");
    let (_, code) = timeline(
        &fixture().index,
        "*",
        &[
            "--by",
            "year",
            "--split",
            "outlet",
            "--plot",
            plot.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 0);
    let svg = std::fs::read_to_string(&plot).expect("the chart is written");
    assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(100)]);
    assert!(svg.contains("<rect") && svg.contains("</svg>"));
}

/// `--plot FILE.png` renders the same chart to a PNG of the SVG's size, its labels in
/// a system font; with no font installed it says so and exits 2.
#[test]
fn timeline_draws_a_png_chart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plot = dir.path().join("chart.PNG");
    let output = dossier()
        .args(["timeline", "*", "--by", "year", "--plot"])
        .arg(&plot)
        .arg("--index")
        .arg(&fixture().index)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.code() == Some(2) {
        assert!(stderr.contains("no font"), "{stderr}");
        return;
    }
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let png = std::fs::read(&plot).expect("the chart is written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    let height = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
    assert_eq!((width >= 640, height), (true, 420));
}

/// On the real documents of `../shared/corpus/real`: the bars by year are the
/// parsed records' years. Skipped, saying so, without `../shared`.
#[test]
fn timeline_of_real_documents_matches_their_records() {
    let Some(real) = util::shared_corpus("real/docs") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let index = index_folder(&real, &dir.path().join("index"));
    let records = util::parse_json(&[&real]);
    let (shown, _) = timeline(&index, "*", &["--by", "year"]);
    let bars = dated_bars(&shown);
    assert_eq!(bars, periods_of(&records, 4));
    assert_eq!(shown["total"].as_u64(), Some(records.len() as u64));
}

/// `dossier graph ARGS...` over the fixture's index.
fn graph(args: &[&str]) -> (String, i32) {
    view("graph", &fixture().index, args)
}

/// Pairs of actors named in one record, counted by brute force over `parse --json`.
fn pairs_of(records: &[Value]) -> BTreeMap<(String, String), u64> {
    let mut pairs = BTreeMap::new();
    for record in records {
        let mut names: Vec<String> = record["actors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x["name"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names.dedup();
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                *pairs.entry((a.clone(), b.clone())).or_insert(0) += 1;
            }
        }
    }
    pairs
}

/// The JSON export's edges are exactly the pairs a brute-force count over the
/// parsed records finds, weights included; nodes count documents.
#[test]
fn graph_weights_equal_a_brute_force_count() {
    let fixture = fixture();
    let (text, code) = graph(&["--format", "json"]);
    assert_eq!(code, 0);
    let shown: Value = serde_json::from_str(&text).expect("graph json");
    let edges: BTreeMap<(String, String), u64> = shown["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            let name = |k: &str| e[k].as_str().unwrap_or("").to_string();
            (
                (name("source"), name("target")),
                e["weight"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(edges, pairs_of(&fixture.records));
    let mamlouk = shown["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["name"] == "Ali Mamlouk")
        .expect("Ali Mamlouk is a node");
    let naming = fixture
        .records
        .iter()
        .filter(|r| {
            r["actors"]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x["name"] == "Ali Mamlouk"))
        })
        .count() as u64;
    assert_eq!(mamlouk["documents"].as_u64(), Some(naming));
    assert_eq!(mamlouk["type"], "person");
    // A cut keeps the heavy pairs only, among the top actors.
    let (text, _) = graph(&["--format", "json", "--min-weight", "3", "--top", "5"]);
    let cut: Value = serde_json::from_str(&text).expect("graph json");
    assert!(cut["nodes"].as_array().is_some_and(|n| n.len() <= 5));
    assert!(cut["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .all(|e| e["weight"].as_u64() >= Some(3)));
}

/// GEXF and GraphML exports are well-formed XML with one node element per actor
/// and one edge element per pair, names escaped.
#[test]
fn graph_exports_are_well_formed_xml() {
    let (json, _) = graph(&["--format", "json"]);
    let shown: Value = serde_json::from_str(&json).expect("graph json");
    let nodes = shown["nodes"].as_array().expect("nodes").len();
    let edges = shown["edges"].as_array().expect("edges").len();
    for format in ["gexf", "graphml"] {
        let (xml, code) = graph(&["--format", format]);
        assert_eq!(code, 0);
        let mut reader = quick_xml::Reader::from_str(&xml);
        let (mut seen_nodes, mut seen_edges) = (0, 0);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                    match e.name().as_ref() {
                        b"node" => seen_nodes += 1,
                        b"edge" => seen_edges += 1,
                        _ => {}
                    }
                }
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!(
                    "{format}: not well-formed at {}: {e}",
                    reader.buffer_position()
                ),
            }
        }
        assert_eq!((seen_nodes, seen_edges), (nodes, edges), "{format}");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("net");
    graph(&["--format", "csv", "--out", out.to_str().expect("utf-8")]);
    let read = |suffix: &str| {
        std::fs::read_to_string(dir.path().join(format!("net.{suffix}"))).expect("written")
    };
    assert_eq!(read("nodes.csv").lines().count(), nodes + 1);
    assert_eq!(read("edges.csv").lines().count(), edges + 1);
}

/// Two real viewer pages (09SANAA2230 cites 09SANAA1669, which cites 09SANAA1549,
/// not indexed) and a bare telegram citing both in another REF form, indexed.
fn citing_index() -> (tempfile::TempDir, PathBuf, Vec<Value>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("docs");
    std::fs::create_dir_all(&root).expect("docs dir");
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cable_refs/viewer");
    for entry in std::fs::read_dir(&pages).expect("pages") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, root.join(path.file_name().expect("name"))).expect("copy");
    }
    std::fs::write(
        root.join("10SANAA12.txt"),
        "R 051200Z JAN 10\nFM AMEMBASSY SANAA\nTO SECSTATE WASHDC 3001\nINFO ARABIAN PENINSULA COLLECTIVE\n\n\
         S E C R E T SANAA 000012\n\nSIPDIS\n\nE.O. 12958: DECL: 01/05/2020\nTAGS: PTER, YM\n\
         SUBJECT: FOLLOW-UP ON THE CT UNIT\n\nREF: A) 09 SANAA 2230 (NOTAL)\n     B) 09 SANAA 01669\n     \
         C) NEA/ARP E-MAIL OF 12/30\n\nClassified By: Ambassador Stephen Seche for reasons 1.4 (b) and (d)\n\n\
         1. (S) The unit described in reftels remains stretched.\n",
    )
    .expect("write telegram");
    let index = index_folder(&root, &dir.path().join("index"));
    let records = util::parse_json(&[&root]);
    (dir, index, records)
}

/// `show` lists what a cable cites, with the subjects of those indexed, and the
/// indexed cables citing it; `search --cites` keeps the citing cables, however the
/// reference is spaced.
#[test]
fn show_lists_citations_both_ways_and_search_filters_by_them() {
    let (_dir, index, records) = citing_index();
    let refs = |id: &str| -> Vec<String> {
        let record = records.iter().find(|r| r["id"] == id).expect("record");
        serde_json::from_value(record["cable"]["refs"].clone()).expect("refs")
    };
    assert_eq!(refs("10SANAA12"), ["09SANAA2230", "09SANAA1669"]);
    assert_eq!(refs("09SANAA1669"), ["09SANAA1549"]);

    let (text, _) = view("show", &index, &["09SANAA1669", "--json"]);
    let shown: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(shown["cites"][0]["id"], "09SANAA1549");
    assert_eq!(shown["cites"][0]["indexed"], false);
    let cited_by: Vec<&str> = shown["cited_by"]
        .as_array()
        .expect("cited_by")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(cited_by, ["09SANAA2230", "10SANAA12"], "oldest first");
    assert_eq!(
        shown["cited_by"][0]["title"],
        "YEMEN'S COUNTER TERRORISM UNIT STRETCHED THIN BY WAR AGAINST HOUTHIS"
    );
    let (text, _) = view("show", &index, &["10SANAA12"]);
    assert!(
        text.contains("cites:") && text.contains("09SANAA1669"),
        "{text}"
    );
    assert!(text.contains("BRENNAN-SALEH MEETING SEP 6, 2009"), "{text}");

    for spelled in ["09SANAA1669", "09 SANAA 1669", "09sanaa1669"] {
        let (text, code) = view("search", &index, &["*", "--cites", spelled, "--json"]);
        let found: Value = serde_json::from_str(&text).expect("json");
        let mut ids: Vec<&str> = found["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .filter_map(|h| h["id"].as_str())
            .collect();
        ids.sort();
        assert_eq!(
            (ids, code),
            (vec!["09SANAA2230", "10SANAA12"], 0),
            "{spelled}"
        );
    }
    let (text, code) = view("search", &index, &["cites:09SANAA2230", "--json"]);
    let found: Value = serde_json::from_str(&text).expect("json");
    assert_eq!((found["total"].as_u64(), code), (Some(1), 0));
}

/// `graph --cables`: one directed edge per (citing cable, cited id) that the parsed
/// records hold, cited cables outside the index marked so, and `--top` keeping the
/// most cited with their citations.
#[test]
fn the_citation_graph_is_every_ref_of_the_records() {
    let (_dir, index, records) = citing_index();
    let mut expected: Vec<(String, String)> = records
        .iter()
        .flat_map(|r| {
            let id = r["id"].as_str().unwrap_or("").to_string();
            r["cable"]["refs"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str())
                .map(move |cited| (id.clone(), cited.to_string()))
        })
        .collect();
    expected.sort();
    let (text, _) = view("graph", &index, &["--cables", "--format", "json"]);
    let graph: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(graph["directed"], true);
    let mut edges: Vec<(String, String)> = graph["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            (
                e["source"].as_str().unwrap_or("").into(),
                e["target"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    edges.sort();
    assert_eq!(edges, expected);
    let kind = |name: &str| {
        graph["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .find(|n| n["name"] == name)
            .map(|n| {
                (
                    n["type"].as_str().unwrap_or("").to_string(),
                    n["documents"].as_u64(),
                )
            })
    };
    assert_eq!(kind("09SANAA1669"), Some(("cable".into(), Some(2))));
    assert_eq!(kind("09SANAA1549"), Some(("cited".into(), Some(1))));

    let (text, _) = view(
        "graph",
        &index,
        &["--cables", "--format", "json", "--top", "1"],
    );
    let top: Value = serde_json::from_str(&text).expect("json");
    let targets: Vec<&str> = top["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter_map(|e| e["target"].as_str())
        .collect();
    assert_eq!(targets, ["09SANAA1669", "09SANAA1669"]);
    let (text, _) = view("graph", &index, &["--cables", "--format", "graphml"]);
    assert!(text.contains(r#"edgedefault="directed""#));
    let (text, _) = view("graph", &index, &["--cables"]);
    assert!(
        text.lines()
            .next()
            .is_some_and(|l| l.contains("09SANAA1669")),
        "{text}"
    );
}

/// `(id, path)` of each hit of a `search --json` or `--format ndjson` output, in order.
fn hit_keys(hits: &[Value]) -> Vec<(String, String)> {
    hits.iter()
        .map(|h| {
            (
                h["id"].as_str().unwrap_or("").into(),
                h["path"].as_str().unwrap_or("").into(),
            )
        })
        .collect()
}

/// A page larger than the engine reads at once (2,000 hits) is read in batches: it
/// must come out whole, each hit once, in the order pages of the same search give,
/// even where thousands of documents tie on score; and no offset or limit, however
/// large, may do more than give fewer hits.
#[test]
fn pages_larger_than_a_batch_are_whole_and_in_rank_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("notes");
    std::fs::create_dir_all(&root).expect("dir");
    let docs = 4_500;
    for i in 0..docs {
        // Most notes tie on score; every seventh says the word twice.
        let extra = if i % 7 == 0 { " Sanctions again." } else { "" };
        let text = format!("Note {i}\n\nThe committee discussed sanctions on {i}.{extra}\n");
        std::fs::write(root.join(format!("n{i:05}.txt")), text).expect("write");
    }
    let index = dir.path().join("index");
    dossier()
        .args(["index", "--index"])
        .arg(&index)
        .arg(&root)
        .assert()
        .success();
    let search = |args: &[&str]| -> Value {
        let out = dossier()
            .args(["search", "sanctions", "--json", "--index"])
            .arg(&index)
            .args(args)
            .output()
            .expect("search runs");
        assert!(
            out.status.success(),
            "search {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("search JSON")
    };

    let all = search(&["--limit", "0"]);
    assert_eq!(all["total"], docs);
    let keys = hit_keys(all["hits"].as_array().expect("hits"));
    assert_eq!(keys.len(), docs);
    let distinct: std::collections::HashSet<_> = keys.iter().collect();
    assert_eq!(distinct.len(), docs, "a hit repeated across batches");
    // The same hits, page by page, each page small enough to be read at once.
    let mut paged = Vec::new();
    for page in 0..5 {
        let offset = (page * 1000).to_string();
        let hits = search(&["--limit", "1000", "--offset", &offset]);
        paged.extend(hit_keys(hits["hits"].as_array().expect("hits")));
    }
    assert_eq!(keys, paged);
    // A page that starts inside one batch and ends in another.
    let middle = search(&["--limit", "2500", "--offset", "1700"]);
    assert_eq!(
        hit_keys(middle["hits"].as_array().expect("hits")),
        keys[1700..4200]
    );

    let ndjson = dossier()
        .args([
            "search",
            "sanctions",
            "--format",
            "ndjson",
            "--limit",
            "0",
            "--index",
        ])
        .arg(&index)
        .output()
        .expect("search runs");
    let lines: Vec<Value> = String::from_utf8_lossy(&ndjson.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("NDJSON line"))
        .collect();
    assert_eq!(hit_keys(&lines), keys);

    for (flag, expected) in [("--offset", 0), ("--limit", docs)] {
        let huge = search(&[flag, "99999999999"]);
        assert_eq!(huge["total"], docs, "{flag}");
        assert_eq!(
            huge["hits"].as_array().map(Vec::len),
            Some(expected),
            "{flag}"
        );
    }
    let tail = search(&["--limit", "99999999999", "--offset", "4400"]);
    assert_eq!(
        hit_keys(tail["hits"].as_array().expect("hits")),
        keys[4400..]
    );
}

/// A query error quotes the query: a bidi override or escape in it is blanked in the
/// quote, one column for one character, so the caret still points at the fault.
#[test]
fn query_errors_quote_hostile_characters_inert() {
    let bad = dossier()
        .args(["search", "ali\u{202e}\u{1b} \"mamlouk", "--index"])
        .arg(&fixture().index)
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        !err.contains('\u{202e}') && !err.contains('\u{1b}'),
        "{err}"
    );
    let lines: Vec<&str> = err.lines().collect();
    let quote = lines
        .iter()
        .position(|l| l.contains("mamlouk"))
        .expect("the query quoted");
    let caret = lines[quote + 1].find('^').expect("a caret under it");
    assert_eq!(lines[quote].chars().nth(caret), Some('"'), "{err}");
}

/// Equal scores and dates come in id order whether the index is one segment (a
/// fresh build, where ids are compared by their ordinals) or several (after an
/// incremental run, where they are compared as text), and a deep page is the slice
/// of the whole list.
#[test]
fn ties_are_in_id_order_in_one_segment_and_in_several() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("notes");
    std::fs::create_dir_all(&root).expect("dir");
    let write = |range: std::ops::Range<usize>| {
        for i in range {
            let text = format!(
                "Note\n\nThe embargo was discussed at length, item {}.\n",
                i % 10
            );
            std::fs::write(root.join(format!("n{i:04}.txt")), text).expect("write");
        }
    };
    let index = dir.path().join("index");
    let build = || {
        dossier()
            .args(["index", "--index"])
            .arg(&index)
            .arg(&root)
            .assert()
            .success();
    };
    let ids = |args: &[&str]| -> Vec<String> {
        let out = dossier()
            .args(["search", "embargo", "--format", "ndjson", "--index"])
            .arg(&index)
            .args(args)
            .output()
            .expect("search runs");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).expect("a hit")["id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    };
    write(0..300);
    build();
    write(300..600);
    build();
    let segments = std::fs::read_dir(&index)
        .expect("index dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .flat_map(|gen| {
            std::fs::read_dir(gen.path())
                .expect("generation")
                .filter_map(Result::ok)
        })
        .filter(|f| f.file_name().to_string_lossy().ends_with(".idx"))
        .count();
    for (label, rebuild) in [("several segments", false), ("one segment", true)] {
        if rebuild {
            dossier()
                .args(["index", "--rebuild", "--index"])
                .arg(&index)
                .arg(&root)
                .assert()
                .success();
        } else {
            assert!(
                segments > 1,
                "the incremental run left {segments} segment(s)"
            );
        }
        for sort in ["--sort=relevance", "--sort=date"] {
            let all = ids(&[sort, "--limit", "0"]);
            assert_eq!(all.len(), 600, "{label} {sort}");
            let mut sorted = all.clone();
            sorted.sort();
            assert_eq!(
                all, sorted,
                "{label} {sort}: every score and date ties, so ids ascend"
            );
            let page = ids(&[sort, "--offset", "437", "--limit", "25"]);
            assert_eq!(
                page,
                all[437..462],
                "{label} {sort}: a deep page is the slice"
            );
        }
    }
}
