//! CSV for spreadsheets: one row per hit, lists joined with `; `.

use std::io::Write;

use anyhow::Result;

use crate::search::hit::Hit;

/// Column names, in order.
pub const HEADER: [&str; 10] = [
    "id",
    "path",
    "score",
    "title",
    "date",
    "outlet",
    "classification",
    "kind",
    "actors",
    "snippet",
];

/// Writes a header and one row per hit, batch after batch.
pub fn write_hits(out: impl Write, batches: impl Iterator<Item = Result<Vec<Hit>>>) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for batch in batches {
        for hit in &batch? {
            let snippets: Vec<&str> = hit.snippets.iter().map(|s| s.text.as_str()).collect();
            let score = hit.score.map(|s| s.to_string()).unwrap_or_default();
            writer.write_record([
                hit.id.as_str(),
                &hit.path,
                &score,
                hit.title.as_deref().unwrap_or(""),
                hit.date.as_deref().unwrap_or(""),
                hit.outlet.as_deref().unwrap_or(""),
                &hit.classification,
                &hit.kind,
                &hit.actors.join("; "),
                &snippets.join(" "),
            ])?;
        }
    }
    writer.flush()?;
    Ok(())
}
