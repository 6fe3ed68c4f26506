//! The ripgrep-like layout for people: title; date · outlet · classification · path;
//! snippet lines with the matches in bold colour. Plain text when piped.

use std::io::{self, IsTerminal, Write};

use crate::record::Record;
use crate::search::engine::Shown;
use crate::search::facets::FacetValue;
use crate::search::hit::Hit;
use crate::search::snippet::Snippet;
use crate::search::Response;

use crate::sanitize::for_terminal;

/// `--color auto|always|never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Auto means: stdout is a terminal, `NO_COLOR` is unset or empty, and the
    /// terminal is not `dumb`. An explicit `always` wins over `NO_COLOR`.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
                io::stdout().is_terminal() && !no_color && !dumb
            }
        }
    }
}

/// ANSI styles, or nothing when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

const RESET: &str = "\x1b[0m";
const TITLE: &str = "\x1b[1m";
const META: &str = "\x1b[36m";
const MARK: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";

impl Style {
    pub fn new(color: bool) -> Style {
        Style { color }
    }

    fn paint(&self, out: &mut impl Write, code: &str, text: &str) -> io::Result<()> {
        if self.color && !text.is_empty() {
            write!(out, "{code}{text}{RESET}")
        } else {
            out.write_all(text.as_bytes())
        }
    }

    /// A snippet with its marks in bold red, or `[...]`-free plain text.
    pub fn snippet(
        &self,
        out: &mut impl Write,
        snippet: &Snippet,
        keep_lines: bool,
    ) -> io::Result<()> {
        let mut at = 0;
        for mark in &snippet.marks {
            let before = for_terminal(&snippet.text[at..mark.start], keep_lines);
            out.write_all(before.as_bytes())?;
            self.paint(
                out,
                MARK,
                &for_terminal(&snippet.text[mark.clone()], keep_lines),
            )?;
            at = mark.end;
        }
        out.write_all(for_terminal(&snippet.text[at..], keep_lines).as_bytes())
    }
}

/// Hits, then facets, then a one-line summary.
pub fn write_response(
    out: &mut impl Write,
    response: &Response,
    more: impl Iterator<Item = anyhow::Result<Vec<Hit>>>,
    style: Style,
) -> anyhow::Result<()> {
    for hit in &response.hits {
        write_hit(out, hit, style)?;
    }
    let mut shown = response.hits.len();
    for batch in more {
        let batch = batch?;
        for hit in &batch {
            write_hit(out, hit, style)?;
        }
        shown += batch.len();
    }
    for (name, values) in &response.facets {
        write_facet(out, name, values, style)?;
    }
    let summary = if response.total == 0 {
        format!("no documents match ({} ms)", response.took_ms)
    } else {
        format!(
            "{} of {} documents ({} ms)",
            shown, response.total, response.took_ms
        )
    };
    style.paint(out, DIM, &summary)?;
    writeln!(out)?;
    Ok(())
}

fn write_hit(out: &mut impl Write, hit: &Hit, style: Style) -> io::Result<()> {
    let title = hit.title.as_deref().unwrap_or("(untitled)");
    style.paint(out, TITLE, &for_terminal(title, false))?;
    writeln!(out)?;
    style.paint(out, META, &meta_line(&hit.record))?;
    writeln!(out)?;
    if let Some(copies) = hit.copies.as_deref().filter(|c| !c.is_empty()) {
        style.paint(
            out,
            META,
            &format!("  {}", super::dupes::copies_summary(copies)),
        )?;
        writeln!(out)?;
    }
    for snippet in &hit.snippets {
        out.write_all(b"  ")?;
        style.snippet(out, snippet, false)?;
        writeln!(out)?;
    }
    writeln!(out)
}

/// `date · outlet · classification//caveats · path`, leaving out what is unknown.
pub fn meta_line(record: &Record) -> String {
    let mut marking = record.classification.clone();
    for caveat in &record.caveats {
        marking.push_str("//");
        marking.push_str(caveat);
    }
    let parts = [
        record.date.as_deref().unwrap_or("undated"),
        record.outlet.as_deref().unwrap_or(""),
        &marking,
        &record.path,
    ];
    let line: Vec<&str> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    for_terminal(&line.join(" · "), false).into_owned()
}

/// One facet: a heading and its values with counts, aligned.
pub fn write_facet(
    out: &mut impl Write,
    name: &str,
    values: &[FacetValue],
    style: Style,
) -> io::Result<()> {
    style.paint(out, TITLE, name)?;
    writeln!(out)?;
    let width = values.first().map_or(1, |v| v.count.to_string().len());
    for value in values {
        writeln!(
            out,
            "  {:>width$}  {}",
            value.count,
            for_terminal(&value.value, false)
        )?;
    }
    writeln!(out)
}

/// `dossier show`: the record's fields, then the whole body with matches marked.
pub fn write_shown(out: &mut impl Write, shown: &Shown, style: Style) -> io::Result<()> {
    let (record, body) = (&shown.record, &shown.body);
    let title = record.title.as_deref().unwrap_or("(untitled)");
    style.paint(out, TITLE, &for_terminal(title, false))?;
    writeln!(out)?;
    style.paint(out, META, &meta_line(record))?;
    writeln!(out)?;
    let actors: Vec<&str> = record.actors.iter().map(|a| a.name.as_str()).collect();
    let lists: [(&str, Vec<&str>); 4] = [
        ("id", vec![record.id.as_str()]),
        ("actors", actors),
        ("places", record.places.iter().map(String::as_str).collect()),
        ("tags", record.tags().iter().map(String::as_str).collect()),
    ];
    for (name, values) in lists {
        if !values.is_empty() {
            writeln!(out, "{name}: {}", for_terminal(&values.join(", "), false))?;
        }
    }
    if !shown.copies.is_empty() {
        writeln!(out, "copies:")?;
        for copy in &shown.copies {
            writeln!(out, "  {}", super::dupes::copy_line(copy))?;
        }
    }
    for (name, citations) in [("cites", &shown.cites), ("cited by", &shown.cited_by)] {
        if !citations.is_empty() {
            writeln!(out, "{name}:")?;
        }
        for citation in citations {
            let about = match (&citation.title, citation.indexed) {
                (_, false) => "(not indexed)".to_string(),
                (Some(title), true) => title.clone(),
                (None, true) => "(untitled)".to_string(),
            };
            let date = citation.date.as_deref().unwrap_or("");
            let line = format!("  {:<20} {date:<10}  {about}", citation.id);
            writeln!(out, "{}", for_terminal(line.trim_end(), false))?;
        }
    }
    writeln!(out)?;
    style.snippet(out, body, true)?;
    writeln!(out)
}
