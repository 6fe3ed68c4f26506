//! Printers of near-duplicates: the groups of `dossier dupes`, and the copies line
//! of a collapsed hit or a shown document.

use std::io::{self, Write};

use serde_json::json;

use crate::sanitize::for_terminal;
use crate::search::engine::Dupes;
use crate::search::reprints::Copy;

/// `{"query","total","groups":[{"size","documents":[{id,path,title,date,outlet}]}]}`.
pub fn write_json(out: &mut impl Write, dupes: &Dupes) -> io::Result<()> {
    let groups: Vec<_> = dupes
        .groups
        .iter()
        .map(|g| json!({"size": g.len(), "documents": g}))
        .collect();
    let value = json!({"query": dupes.query, "total": dupes.total, "groups": groups});
    serde_json::to_writer(&mut *out, &value)?;
    writeln!(out)
}

/// Each group: its size and first title, then one line per document.
pub fn write_groups(out: &mut impl Write, dupes: &Dupes, limit: usize) -> io::Result<()> {
    for group in dupes.groups.iter().take(limit) {
        let title = group
            .iter()
            .find_map(|c| c.title.as_deref())
            .unwrap_or("(untitled)");
        writeln!(
            out,
            "{} copies: {}",
            group.len(),
            for_terminal(title, false)
        )?;
        for copy in group {
            writeln!(out, "  {}", copy_line(copy))?;
        }
        writeln!(out)?;
    }
    let copies: usize = dupes.groups.iter().map(Vec::len).sum();
    writeln!(
        out,
        "{} of {} groups; {copies} of {} matching documents have a copy",
        dupes.groups.len().min(limit),
        dupes.groups.len(),
        dupes.total
    )
}

/// `date · outlet · path · title` of one copy, what is unknown left out.
pub fn copy_line(copy: &Copy) -> String {
    let parts = [
        copy.date.as_deref().unwrap_or("undated"),
        copy.outlet.as_deref().unwrap_or(""),
        &copy.path,
        copy.title.as_deref().unwrap_or(""),
    ];
    let line: Vec<&str> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    for_terminal(&line.join(" · "), false).into_owned()
}

/// `3 copies: Reuters, Al Jazeera, Asharq Al-Awsat`: a collapsed hit's copies, their
/// outlets each once (a document with none is counted by its path).
pub fn copies_summary(copies: &[Copy]) -> String {
    let mut outlets: Vec<&str> = Vec::new();
    for copy in copies {
        let name = copy.outlet.as_deref().unwrap_or(copy.path.as_str());
        if !outlets.contains(&name) {
            outlets.push(name);
        }
    }
    let noun = if copies.len() == 1 { "copy" } else { "copies" };
    for_terminal(
        &format!("{} {noun}: {}", copies.len(), outlets.join(", ")),
        false,
    )
    .into_owned()
}
