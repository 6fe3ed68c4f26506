//! Cables in the telegram format: the WikiLeaks text layout (five metadata lines, then
//! the telegram) and bare telegrams with no header at all.
//!
//! A telegram states everything PlusD shows in its metadata table, in its own way:
//! the date in the date-time group (`241408Z FEB 10`), the post in the `FM` line
//! (`FM AMEMBASSY DAMASCUS`), the level in the spaced line (`S E C R E T`), which also
//! carries the post and serial number that make the reference id (`DAMASCUS 000159`
//! with the DTG's year → `10DAMASCUS159`).

use std::sync::LazyLock;

use regex::Regex;

use super::telegram::{
    classified_by, destutter, header_block_end, message_number, post_name, push_unique,
    reference_post, routing, serial_post_name, signature, subject, tags,
};
use crate::catalog::Posts;
use crate::marking::{caveat_code, Level, Marking};
use crate::record::Draft;
use crate::record::{CableFields, Kind};
use crate::text::date::{dtg_date, DTG, MONTH_ABBREVIATIONS as MONTHS};

pub(super) static SPACED_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(T\s?O\s?P\s+S\s?E\s?C\s?R\s?E\s?T|S\s?E\s?C\s?R\s?E\s?T|C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|U\s?N\s?C\s?L\s?A\s?S\s?S\s?I\s?F\s?I\s?E\s?D|UNCLAS)(?-u:\b)(.*)$",
    )
    .expect("static regex")
});
static SERIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\s)([A-Z][A-Z .'-]*?[A-Z])\s+0*(\d{1,7})\s*$").expect("static regex")
});
static SECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bSECTION\s+\d+\s+OF\s+\d+\b").expect("static regex"));
pub(super) static PARAGRAPH_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*(?:¶\s*)?(?:\d{1,2}\s*\.\s*)?\(\s*(TS|S|C|U|SBU)\s*(?:(/{1,2})\s*([A-Z/ ]+?))?\s*(?:-\s*ENTIRE TEXT\s*)?\)")
        .expect("static regex")
});
pub(super) static CAVEAT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(NOFORN|SIPDIS|EXDIS|NODIS|LIMDIS|STADIS|ORCON|FOR OFFICIAL USE ONLY|SENSITIVE BUT UNCLASSIFIED|SENSITIVE)\b")
        .expect("static regex")
});
static WIKILEAKS_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{2}[A-Z][A-Z0-9]+\d$").expect("static regex"));
static TIMESTAMP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}").expect("static regex"));
static RUBY_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) \d{2}:\d{2}:\d{2} [+-]\d{4} (\d{4})$")
        .expect("static regex")
});
/// A marking glued to the end of a routing line: the spaced forms anywhere, the
/// plain ones when a section or serial line follows them.
static GLUED_MARKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:T O P S E C R E T|S E C R E T|C O N F I D E N T I A L|U N C L A S S I F I E D|(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET) (?:SECTION \d|E F T O|[A-Z][A-Z ]+ \d{4,}\s*$))")
        .expect("static regex")
});
/// The header a telegram repeats at the top of each later page or section.
static PAGE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[A-Z][A-Z .'-]*[A-Z] \d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\s*$")
        .expect("static regex")
});
/// The stamp that the State Department's systematic review left on the pages of
/// the 1970s telegrams it released, across two lines:
/// `Declassified/Released US Department of State EO` / `Systematic Review 05 JUL 2006`.
static DECLASSIFIED_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:Declassified/Released US Department of State(?: EO)?|(?:EO )?Systematic Review \d{1,2} [A-Z]{3} \d{4})\s*$")
        .expect("static regex")
});
const PARTIAL_EXTRACT: &str = "The full text of the original cable is not available.";

/// True when the text looks like a telegram or the WikiLeaks cable text layout.
pub fn looks_like_cable(text: &str) -> bool {
    let head = super::head_chars(text, 6000);
    let mut cues = 0;
    if head
        .lines()
        .take(2)
        .any(|l| WIKILEAKS_REF.is_match(l.trim()))
    {
        cues += 2;
    }
    if head.lines().any(|l| l.trim_start().starts_with("FM ")) {
        cues += 1;
    }
    if head
        .lines()
        .any(|l| SPACED_LEVEL.is_match(l) && SERIAL.is_match(l))
    {
        cues += 2;
    }
    if DTG.is_match(head) {
        cues += 1;
    }
    let upper = head.to_ascii_uppercase();
    if upper.contains("TAGS") && upper.contains("SUBJECT") {
        cues += 1;
    }
    if upper.contains("E.O. 12958") || upper.contains("E.O. 12065") || upper.contains("EO 12958") {
        cues += 1;
    }
    cues >= 3
}

/// The five header lines WikiLeaks prints above a telegram in its text layout.
#[derive(Debug, Default)]
struct PublishedHeader {
    reference: Option<String>,
    created: Option<String>,
    released: Option<String>,
    classification: Option<String>,
    origin: Option<String>,
}

/// Parses a cable: the mirror's published header when there is one, then the
/// telegram's own lines. `published_id` is the reference id a publisher's metadata
/// gives (a viewer table, a dump's column): it wins over the telegram's and dates the
/// REF items that state no year. (The rest of such metadata is applied by the caller.)
pub fn parse_cable(text: &str, path: &str, posts: &Posts, published_id: Option<&str>) -> Draft {
    let text = unquote_csv_field(text);
    let lines: Vec<&str> = text.lines().collect();
    let (header, start) = published_header(&lines);
    let telegram = telegram_lines(&lines[start..]);
    let telegram = &telegram[..];
    let mut cable = CableFields::default();
    let mut draft = Draft {
        path: path.to_string(),
        kind: Kind::Cable,
        ..Draft::default()
    };

    let telegram_text = telegram.join("\n");
    if let Some(c) = DTG.captures(&telegram_text) {
        cable.dtg = Some(
            c[0].split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_uppercase(),
        );
    }
    let fm = telegram
        .iter()
        .find_map(|l| l.trim_start().strip_prefix("FM ").map(str::trim));
    cable.origin = fm.map(str::to_string);

    let (to, info, routing_end) = routing(telegram);
    cable.to = to;
    cable.info = info;

    // The spaced classification line with the post and serial number.
    let mut level_line = None;
    let mut serial = None;
    for (i, line) in telegram.iter().enumerate().skip(routing_end) {
        let line = destutter(line);
        if let Some(c) = SPACED_LEVEL.captures(line) {
            let rest = SECTION.replace(&c[2], " ");
            let rest = CAVEAT_WORD.replace_all(&rest, " ");
            if let Some(s) = SERIAL.captures(rest.trim_end()) {
                serial = Some((s[1].trim().to_uppercase(), s[2].to_string()));
            }
            level_line = Some((i, Level::spelled(&c[1]).unwrap_or_default()));
            break;
        }
    }

    let marking = header.classification.as_deref().map(Marking::read);
    let mut level = marking.as_ref().map(|m| m.level);
    let mut caveats = marking.map(|m| m.caveats).unwrap_or_default();
    if let Some((_, l)) = level_line {
        level = level.max(Some(l));
    }
    // Matches are found by the DFA and only their own text is read for groups: a
    // capture search over the whole telegram cost as much as the rest of the parse.
    let marks = PARAGRAPH_MARK.find_iter(&telegram_text);
    for c in marks.filter_map(|m| PARAGRAPH_MARK.captures(m.as_str())) {
        // `(SBU)` marks an unclassified paragraph with the SBU caveat.
        let l = Level::abbreviated(&c[1]).unwrap_or_default();
        level = level.max(Some(l));
        if c.get(3)
            .is_some_and(|m| m.as_str().split('/').any(|x| x.trim() == "NF"))
        {
            push_unique(&mut caveats, "NOFORN");
        }
        if &c[1] == "SBU" {
            push_unique(&mut caveats, "SBU");
        }
    }
    let header_end = header_block_end(telegram, level_line.map(|(i, _)| i).unwrap_or(routing_end));
    for line in &telegram[routing_end..header_end.min(telegram.len())] {
        for c in CAVEAT_WORD.captures_iter(&line.to_uppercase()) {
            push_unique(&mut caveats, caveat_code(&c[1]));
        }
    }
    draft.classification = level;
    draft.caveats = caveats;

    cable.tags = tags(telegram);
    draft.title = subject(telegram);
    cable.classified_by = classified_by(telegram);
    cable.signature = signature(telegram);

    // Reference id: the header's, else post + serial + the DTG's year.
    let year2 = cable.dtg.as_deref().and_then(|d| DTG.captures(d)).map(|c| {
        let y = &c[4];
        y[y.len() - 2..].to_string()
    });
    // A redacted post (`XXXXXXXXXXXX 000004`) or a telegram with no serial line
    // falls back on the FM line's post and the DE line's message number.
    let fm_post = fm.and_then(reference_post);
    let serial = match serial {
        Some((post, n)) if post.chars().all(|c| c == 'X') => fm_post.clone().map(|p| (p, n)),
        Some(s) => Some(s),
        None => fm_post.clone().zip(message_number(telegram)),
    };
    cable.reference = published_id
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .or_else(|| header.reference.clone())
        .or_else(|| {
            let (post, number) = serial.clone()?;
            Some(format!(
                "{}{}{}",
                year2.as_deref()?,
                post.replace([' ', '.', '\'', '-'], ""),
                number
            ))
        });
    cable.released = header.released.clone();
    let citing_year = cable
        .reference
        .as_deref()
        .and_then(|r| r.get(..2))
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
        .or(year2.as_deref());
    let header_lines = header_end.min(telegram.len()).saturating_sub(routing_end);
    cable.refs = super::references::cited(
        &telegram[routing_end.min(telegram.len())..],
        header_lines,
        citing_year,
        cable.reference.as_deref(),
    );
    draft.date = header
        .created
        .clone()
        .or_else(|| cable.dtg.as_deref().and_then(dtg_date));
    draft.outlet = header.origin.clone().or_else(|| {
        fm.and_then(|f| post_name(f, posts)).or_else(|| {
            serial
                .as_ref()
                .and_then(|(post, _)| serial_post_name(post, posts))
        })
    });
    draft.id = cable.reference.clone();
    draft.addressees = cable.to.iter().chain(cable.info.iter()).cloned().collect();
    draft.body = telegram[header_end.min(telegram.len())..]
        .join("\n")
        .trim()
        .to_string();
    draft.cable = Some(cable);
    draft
}

/// The published header of a cable, in either of the layouts mirrors print: the
/// WikiLeaks text layout (ref id, created, released, classification, origin) or the
/// mirror layout (ref id, a truncated subject, the creation time as Ruby prints it —
/// `Wed Dec 04 00:00:00 +0100 2002` — classification, origin).
fn published_header(lines: &[&str]) -> (PublishedHeader, usize) {
    let first = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let get = |i: usize| lines.get(first + i).map(|l| l.trim()).unwrap_or("");
    if !WIKILEAKS_REF.is_match(get(0)) {
        return (PublishedHeader::default(), 0);
    }
    let date = |s: &str| TIMESTAMP.captures(s).map(|c| c[1].to_string());
    let (created, released) = if TIMESTAMP.is_match(get(1)) {
        (date(get(1)), date(get(2)))
    } else if let Some(created) = ruby_time_date(get(2)) {
        (Some(created), None)
    } else {
        return (PublishedHeader::default(), 0);
    };
    let header = PublishedHeader {
        reference: Some(get(0).to_string()),
        created,
        released,
        classification: Some(get(3).to_string()).filter(|s| !s.is_empty()),
        origin: Some(get(4).to_string()).filter(|s| !s.is_empty()),
    };
    (header, (first + 5).min(lines.len()))
}

/// `Wed Dec 04 00:00:00 +0100 2002` → `2002-12-04`: the date as written, in the
/// zone it is written in.
fn ruby_time_date(line: &str) -> Option<String> {
    let c = RUBY_TIME.captures(line)?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(&c[1]))?;
    Some(format!("{}-{:02}-{}", &c[3], month + 1, &c[2]))
}

/// A cable exported as one CSV field keeps the field's outer quotes and doubles
/// the quotes inside: `"VZCZC ... ""ACT DECISIVELY"" ..."`.
fn unquote_csv_field(text: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = text.trim();
    match trimmed.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) if inner.contains("\"\"") || !inner.contains('"') => {
            std::borrow::Cow::Owned(inner.replace("\"\"", "\""))
        }
        _ => std::borrow::Cow::Borrowed(text),
    }
}

/// The telegram's lines as the text means them: the mirror's notice that the
/// record is a partial extract dropped, a marking line glued to the routing line
/// before it (`AMEMBASSY BONNS E C R E T SECTION 01 OF 05`) cut apart, and the
/// page headers of later sections (`DAMASCUS 00000880  002 OF 004`) left out.
fn telegram_lines<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let mut out = Vec::with_capacity(lines.len() + 2);
    for &line in lines {
        // The notice opens its line: only such lines are searched for its end.
        let line = if line.starts_with("This record is a partial extract") {
            line.find(PARTIAL_EXTRACT)
                .map_or(line, |at| &line[at + PARTIAL_EXTRACT.len()..])
        } else {
            line
        };
        if PAGE_HEADER.is_match(line) || DECLASSIFIED_STAMP.is_match(line) {
            continue;
        }
        match GLUED_MARKING.find(line) {
            Some(m) if m.start() > 0 => {
                let (routing, marking) = line.split_at(m.start());
                if !routing.trim().is_empty() {
                    out.push(routing);
                }
                out.push(marking);
            }
            _ => out.push(line),
        }
    }
    out
}
