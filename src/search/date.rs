//! Friendly dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, each meaning a whole period.

use chrono::NaiveDate;
use tantivy::DateTime;

/// A period of whole days: `start` inclusive, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Parses `2018`, `2018-06` or `2018-06-03` into the period it names.
pub fn period(text: &str) -> Result<Period, String> {
    let bad = || format!("{text:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = text.trim().split('-').collect();
    let number = |s: &str, len: usize| -> Result<u32, String> {
        if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        s.parse().map_err(|_| bad())
    };
    let year = number(parts.first().copied().unwrap_or(""), 4)? as i32;
    let (start, end) = match parts.len() {
        1 => (ymd(year, 1, 1), ymd(year + 1, 1, 1)),
        2 => {
            let month = number(parts[1], 2)?;
            let start = ymd(year, month, 1);
            let end = if month == 12 {
                ymd(year + 1, 1, 1)
            } else {
                ymd(year, month + 1, 1)
            };
            (start, end)
        }
        3 => {
            let start = ymd(year, number(parts[1], 2)?, number(parts[2], 2)?);
            (start, start.and_then(|d| d.succ_opt()))
        }
        _ => return Err(bad()),
    };
    match (start, end) {
        (Some(start), Some(end)) => Ok(Period { start, end }),
        _ => Err(bad()),
    }
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The day of a document's date, from the `date` fast column: what the views over a
/// search (timeline, graph) read instead of the stored record.
pub(crate) fn day_of(
    dates: &tantivy::columnar::Column<DateTime>,
    doc: tantivy::DocId,
) -> Option<NaiveDate> {
    let date = dates.first(doc)?;
    chrono::DateTime::from_timestamp(date.into_timestamp_secs(), 0).map(|d| d.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_cover_whole_years_months_and_days() {
        let p = period("2018").expect("year");
        assert_eq!(
            (p.start.to_string(), p.end.to_string()),
            ("2018-01-01".into(), "2019-01-01".into())
        );
        let p = period("2019-12").expect("month");
        assert_eq!(p.end.to_string(), "2020-01-01");
        let p = period("2010-02-24").expect("day");
        assert_eq!(p.end.to_string(), "2010-02-25");
        assert!(period("2010-02-30").is_err());
        assert!(period("18").is_err());
        assert!(period("2018-1").is_err());
    }
}
