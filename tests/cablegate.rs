//! The telegram parser against PlusD's metadata on every real cable of
//! `../shared/corpus/cablegate/`: given only the telegram text (the `<pre>` blocks),
//! it must recover the reference id, date, origin and classification level that the
//! page's metadata table states.

mod util;

use std::path::{Path, PathBuf};

use dossier::catalog::Catalog;
use dossier::ingest::cable::parse_cable;
use dossier::marking::Level;

fn pages(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            pages(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

/// Metadata table cells and telegram text of a cable-viewer page.
fn split_page(html: &str) -> (Vec<String>, String) {
    let doc = scraper::Html::parse_document(html);
    let td = scraper::Selector::parse("table.cable td").expect("selector");
    let pre = scraper::Selector::parse("pre").expect("selector");
    let cells = doc
        .select(&td)
        .map(|c| c.text().collect::<String>().trim().to_string())
        .collect();
    let text = doc
        .select(&pre)
        .map(|p| p.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    (cells, text)
}

#[test]
fn telegram_text_alone_agrees_with_the_metadata_table() {
    let Some(root) = util::shared_corpus("cablegate") else {
        return;
    };
    let mut files = Vec::new();
    pages(&root, &mut files);
    let catalog = Catalog::builtin().expect("catalog");
    let (mut agree, mut partial, mut total) = ([0usize; 4], 0usize, 0usize);
    let (mut repeats, mut conflicts, mut unnumbered_count) = (0usize, 0usize, 0usize);
    let mut disagreements = Vec::new();
    for file in &files {
        let html = std::fs::read_to_string(file).expect("readable page");
        let (cells, telegram) = split_page(&html);
        let [reference, created, _released, classification, origin, ..] = cells.as_slice() else {
            panic!("{}: no metadata table", file.display());
        };
        total += 1;
        // WikiLeaks published some cables as partial extracts without the routing
        // header: no DTG and no FM line, so neither the date nor the year of the
        // reference id is in the text. Those are counted apart.
        let is_partial = telegram.contains("partial extract of the original cable");
        let draft = parse_cable(&telegram, "x", &catalog.posts, None);
        let cable = draft.cable.clone().unwrap_or_default();
        let checks = [
            cable.reference.as_deref() == Some(reference.as_str()),
            draft.date.as_deref() == created.get(..10),
            draft.outlet.as_deref() == Some(origin.as_str()),
            draft.classification == Some(Level::of_marking(classification)),
        ];
        for (i, ok) in checks.iter().enumerate() {
            agree[i] += *ok as usize;
        }
        // Two other kinds of disagreement are the telegram's, not the parser's: a
        // telegram that repeats another post's cable carries that cable's serial line
        // (10MEXICO614 is ISLAMABAD 000416 forwarded), and some telegrams are marked
        // at another level than PlusD's table says (a SECRET paragraph in a cable
        // filed as CONFIDENTIAL).
        let digits = |r: &str| {
            r.trim_start_matches(char::is_numeric)
                .trim_end_matches(char::is_numeric)
                .to_string()
        };
        let repeat = cable
            .reference
            .as_deref()
            .is_some_and(|r| digits(r) != digits(reference));
        let marking_conflict = checks[..3].iter().all(|ok| *ok) && !checks[3];
        // A few telegrams state no message number at all: no serial line after the
        // classification and no DE line (09ULAANBAATAR234 has only its routing).
        let unnumbered = cable.reference.is_none()
            && !telegram.lines().any(|l| l.trim_start().starts_with("DE "));
        if is_partial {
            partial += 1;
        } else if repeat {
            repeats += 1;
        } else if marking_conflict {
            conflicts += 1;
        } else if unnumbered && checks[1..].iter().all(|ok| *ok) {
            unnumbered_count += 1;
        } else if checks.iter().any(|ok| !ok) {
            disagreements.push(format!(
                "{}: {checks:?} ref {:?} date {:?} origin {:?} level {:?}; table {reference} {created} {origin} {classification}",
                file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
                cable.reference,
                draft.date,
                draft.outlet,
                draft.classification
            ));
        }
    }
    eprintln!(
        "{total} cables: ref {} date {} origin {} level {} agree; {partial} partial extracts, \
         {repeats} repeats of another post's cable, {conflicts} marked otherwise than PlusD's table, \
         {unnumbered_count} with no message number",
        agree[0], agree[1], agree[2], agree[3]
    );
    for d in disagreements.iter().take(40) {
        eprintln!("  {d}");
    }
    assert!(
        disagreements.is_empty(),
        "{} full telegrams disagree",
        disagreements.len()
    );
}
