//! The public Cablegate dump `cables.csv`: no header row; eight columns (sequence,
//! `m/d/Y H:M` date, reference id, origin, classification, `|`-separated references,
//! routing header, telegram body); quotes escaped with a backslash, not doubled;
//! fields span lines; bodies over 64 KiB. Hundreds of thousands of records in one
//! file, so they are streamed, one record at a time.

use crate::marking::Marking;
use std::io::Read;

use super::cable;
use crate::catalog::Posts;
use crate::record::Draft;

/// True when the first line looks like a dump row: `"1","12/28/1966 18:48","66BUENOSAIRES2481",...`.
pub fn looks_like_dump(head: &str) -> bool {
    let first = head.lines().next().unwrap_or("");
    let mut fields = first.split("\",\"");
    let seq = fields.next().unwrap_or("").trim_start_matches('"');
    let date = fields.next().unwrap_or("");
    let reference = fields.next().unwrap_or("");
    !seq.is_empty()
        && seq.chars().all(|c| c.is_ascii_digit())
        && date.contains('/')
        && reference.chars().take(2).all(|c| c.is_ascii_digit())
}

/// Streams the records of a dump, calling `emit` with each draft or a per-row error.
pub fn read_dump(
    reader: impl Read,
    path: &str,
    posts: &Posts,
    emit: &mut dyn FnMut(Result<Draft, String>),
) -> Result<(), String> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .escape(Some(b'\\'))
        .double_quote(false)
        .flexible(true)
        .buffer_capacity(1 << 20)
        .from_reader(reader);
    let mut row = csv::ByteRecord::new();
    let mut n = 0usize;
    loop {
        match csv.read_byte_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                emit(Err(format!("row {}: {e}", n + 1)));
                if e.is_io_error() {
                    return Err(e.to_string());
                }
                continue;
            }
        }
        n += 1;
        let field = |i: usize| String::from_utf8_lossy(row.get(i).unwrap_or(b"")).into_owned();
        if row.len() < 8 {
            emit(Err(format!("row {n}: {} columns, expected 8", row.len())));
            continue;
        }
        let telegram = format!("{}\n{}", field(6), field(7));
        let reference = field(2);
        let mut draft =
            cable::parse_cable(&telegram, &format!("{path}#{n}"), posts, Some(&reference));
        let cable_fields = draft.cable.get_or_insert_with(Default::default);
        cable_fields.reference = Some(reference.clone());
        draft.id = Some(reference);
        if let Some(date) = dump_date(&field(1)) {
            draft.date = Some(date);
        }
        let origin = field(3);
        if !origin.is_empty() {
            draft.outlet = Some(origin);
        }
        let classification = field(4);
        if !classification.is_empty() {
            draft.mark(Marking::read(&classification));
        }
        emit(Ok(draft));
    }
    Ok(())
}

/// `12/28/1966 18:48` → `1966-12-28`.
fn dump_date(s: &str) -> Option<String> {
    let date = s.split_whitespace().next()?;
    let mut parts = date.split('/');
    let (m, d, y) = (
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
    );
    chrono::NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string())
}
