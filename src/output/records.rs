//! Printing parsed records: NDJSON for scripts, a short summary for people.

use std::io::{self, Write};

use crate::index::records::Versioned;
use crate::record::{ActorType, Record};

/// One record as a line of JSON, without the body (DESIGN's `parse --json`).
pub fn write_json_line(out: &mut impl Write, record: &Record) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &record.summary_json())?;
    out.write_all(b"\n")
}

/// One record as a line of JSON, body included, with the extraction that made it
/// (`parse --json --body`, what `index --records` reads).
pub fn write_json_line_with_body(
    out: &mut impl Write,
    record: &Record,
    extraction: &str,
) -> io::Result<()> {
    let versioned = Versioned {
        record,
        extraction: Some(extraction),
    };
    serde_json::to_writer(&mut *out, &versioned)?;
    out.write_all(b"\n")
}

/// A readable summary of a record for a terminal, with its body when asked.
pub fn write_summary(out: &mut impl Write, record: &Record, with_body: bool) -> io::Result<()> {
    // A document's escapes and bidi overrides are shown, not obeyed, as by every
    // other printer.
    let clean = |s: &str| crate::sanitize::for_terminal(s, false).into_owned();
    writeln!(out, "{}", clean(&record.path))?;
    let field = |out: &mut dyn Write, name: &str, value: &str| -> io::Result<()> {
        if value.is_empty() {
            Ok(())
        } else {
            writeln!(out, "  {name:<15}{}", clean(value))
        }
    };
    field(out, "id", &record.id)?;
    field(out, "kind", record.kind.as_str())?;
    field(out, "title", record.title.as_deref().unwrap_or(""))?;
    field(
        out,
        "date",
        record.date.as_deref().unwrap_or("(none stated)"),
    )?;
    field(
        out,
        "outlet",
        record.outlet.as_deref().unwrap_or("(unknown)"),
    )?;
    let mut classification = record.classification.clone();
    for caveat in &record.caveats {
        classification.push_str("//");
        classification.push_str(caveat);
    }
    field(out, "classification", &classification)?;
    if let Some(genre) = &record.genre {
        field(out, "genre", genre)?;
    }
    field(out, "authors", &record.authors.join(", "))?;
    for (label, kind) in [
        ("persons", ActorType::Person),
        ("organizations", ActorType::Organization),
    ] {
        let names: Vec<String> = record
            .actors
            .iter()
            .filter(|a| a.kind == kind)
            .map(|a| format!("{} ({})", a.name, a.mentions))
            .collect();
        field(out, label, &names.join(", "))?;
    }
    field(out, "places", &record.places.join(", "))?;
    if let Some(cable) = &record.cable {
        field(out, "ref", cable.reference.as_deref().unwrap_or(""))?;
        field(out, "dtg", cable.dtg.as_deref().unwrap_or(""))?;
        field(out, "tags", &cable.tags.join(" "))?;
        field(
            out,
            "classified by",
            cable.classified_by.as_deref().unwrap_or(""),
        )?;
    }
    writeln!(out, "  {:<15}{} bytes", "body", record.body.len())?;
    if with_body {
        writeln!(out)?;
        writeln!(out, "{}", crate::sanitize::for_terminal(&record.body, true))?;
    }
    writeln!(out)
}
