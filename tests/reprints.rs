//! Near-duplicates end to end: a generated corpus whose generator plants reprints
//! (a new headline, a paragraph trimmed or added, the end cut, another outlet's
//! chrome) and records which article each reprints; `dossier dupes` must find those
//! pairs (precision ≥ 0.97, recall ≥ 0.90), `search --collapse` must show one hit
//! per group, and `show` a document's copies.

#[path = "../benches/support/mod.rs"]
mod support;
mod util;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;

use support::corpus::{Format, Generator, Vocabulary};
use util::dossier;

/// `a0001234` of `articles/x/2015/a0001234.txt`.
fn stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split('.').next().unwrap_or(name).to_string()
}

/// The articles of a generated corpus written under a temporary root and indexed,
/// with the truth's reprint groups (file stems, each group sorted).
struct Planted {
    _dir: tempfile::TempDir,
    index: PathBuf,
    groups: Vec<BTreeSet<String>>,
    /// File stem to path under the root.
    paths: HashMap<String, String>,
}

fn planted(docs: u64) -> Planted {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("docs");
    let generator = Generator::new(
        3,
        Vocabulary::load(support::shared_corpus().as_deref(), 200),
    );
    let mut groups: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut paths = HashMap::new();
    for i in 0..docs {
        let doc = generator.document(i);
        if !matches!(doc.format, Format::ArticleText | Format::ArticleHtml) {
            continue;
        }
        let path = root.join(&doc.rel_path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
        std::fs::write(&path, &doc.bytes).expect("write");
        paths.insert(stem(&doc.rel_path), doc.rel_path.clone());
        if let Some(original) = doc.truth["reprint_of"].as_str() {
            let group = groups.entry(original.to_string()).or_default();
            group.insert(original.to_string());
            group.insert(stem(&doc.rel_path));
        }
    }
    let index = dir.path().join("index");
    dossier()
        .arg("index")
        .arg(&root)
        .arg("--index")
        .arg(&index)
        .assert()
        .success();
    Planted {
        _dir: dir,
        index,
        groups: groups.into_values().collect(),
        paths,
    }
}

fn pairs<'a>(groups: impl Iterator<Item = &'a BTreeSet<String>>) -> BTreeSet<(String, String)> {
    let mut pairs = BTreeSet::new();
    for group in groups {
        let members: Vec<&String> = group.iter().collect();
        for (k, a) in members.iter().enumerate() {
            for b in &members[k + 1..] {
                pairs.insert(((*a).clone(), (*b).clone()));
            }
        }
    }
    pairs
}

fn json(args: &[&str], index: &Path) -> Value {
    let output = dossier()
        .args(args)
        .arg("--index")
        .arg(index)
        .output()
        .expect("runs");
    assert!(
        output.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("json")
}

#[test]
fn planted_reprints_are_found_and_collapsed() {
    let planted = planted(2500);
    assert!(
        planted.groups.len() >= 40,
        "{} groups planted",
        planted.groups.len()
    );

    let dupes = json(&["dupes", "--json"], &planted.index);
    let found: Vec<BTreeSet<String>> = dupes["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            let documents = g["documents"].as_array().expect("documents");
            assert_eq!(g["size"].as_u64(), Some(documents.len() as u64));
            documents
                .iter()
                .map(|d| stem(d["path"].as_str().unwrap_or("")))
                .collect()
        })
        .collect();
    let (truth, predicted) = (pairs(planted.groups.iter()), pairs(found.iter()));
    let right = truth.intersection(&predicted).count() as f64;
    let precision = right / predicted.len().max(1) as f64;
    let recall = right / truth.len().max(1) as f64;
    println!(
        "{} truth pairs; precision {precision:.3}, recall {recall:.3}",
        truth.len()
    );
    assert!(
        precision >= 0.97,
        "precision {precision}: {:?}",
        predicted.difference(&truth).collect::<Vec<_>>()
    );
    assert!(
        recall >= 0.90,
        "recall {recall}: {:?}",
        truth.difference(&predicted).collect::<Vec<_>>()
    );

    // One hit per group on every page, and the pages do not overlap.
    let group_of: HashMap<&String, usize> = found
        .iter()
        .enumerate()
        .flat_map(|(g, members)| members.iter().map(move |m| (m, g)))
        .collect();
    let mut seen_groups = BTreeSet::new();
    let mut seen_hits = BTreeSet::new();
    for offset in ["0", "40"] {
        let page = json(
            &[
                "search",
                "*",
                "--collapse",
                "--limit",
                "40",
                "--offset",
                offset,
                "--sort",
                "date",
                "--json",
            ],
            &planted.index,
        );
        for hit in page["hits"].as_array().expect("hits") {
            let me = stem(hit["path"].as_str().unwrap_or(""));
            assert!(seen_hits.insert(me.clone()), "{me} on two pages");
            let copies = hit["copies"].as_array().expect("copies with --collapse");
            if let Some(g) = group_of.get(&me) {
                assert!(seen_groups.insert(*g), "two hits of one group: {me}");
                assert_eq!(copies.len() + 1, found[*g].len(), "{me}'s copies");
            } else {
                assert!(copies.is_empty(), "{me} has copies but no group");
            }
        }
    }

    // `show` lists the copies of a planted reprint's original.
    let group = found.iter().find(|g| g.len() == 2).expect("a pair");
    let first = group.iter().next().expect("member");
    let shown = json(&["show", &planted.paths[first], "--json"], &planted.index);
    let copies: Vec<String> = shown["copies"]
        .as_array()
        .expect("copies")
        .iter()
        .map(|c| stem(c["path"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(group.contains(&copies[0]) && &copies[0] != first);
}

/// On the real set, the groups are exactly the cables it holds twice, in two layouts
/// of two mirrors (text and HTML): the same telegram, re-published; no article and
/// no other cable is called a copy.
#[test]
fn the_real_set_s_copies_are_its_cables_in_two_layouts() {
    let Some(docs) = util::shared_corpus("real/docs") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("index");
    dossier()
        .arg("index")
        .arg(&docs)
        .arg("--index")
        .arg(&index)
        .assert()
        .success();
    let everything = json(&["search", "*", "--limit", "0", "--json"], &index);
    let mut by_id: HashMap<String, BTreeSet<String>> = HashMap::new();
    for hit in everything["hits"].as_array().expect("hits") {
        let (id, path) = (
            hit["id"].as_str().unwrap_or(""),
            hit["path"].as_str().unwrap_or(""),
        );
        by_id
            .entry(id.to_string())
            .or_default()
            .insert(path.to_string());
    }
    let mut expected: Vec<BTreeSet<String>> = by_id.into_values().filter(|p| p.len() > 1).collect();
    expected.sort();
    assert!(expected.len() >= 5, "{expected:?}");
    let dupes = json(&["dupes", "--json"], &index);
    let mut found: Vec<BTreeSet<String>> = dupes["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            g["documents"]
                .as_array()
                .expect("documents")
                .iter()
                .map(|d| d["path"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .collect();
    found.sort();
    assert_eq!(found, expected);
}
