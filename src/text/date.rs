//! Dates as people write them, to `YYYY-MM-DD`.
//!
//! Only whole datelines are dates: `March, 5, 2018`, `Published on March 5, 2018`,
//! `December 24, 2018 at 1:11 pm`, `14 January, 2020`, `2010-02-24 14:02`,
//! `24/02/2010`, ISO and RFC 2822 timestamps, cable DTGs. A year in a sentence or a
//! date inside a paragraph is not a publication date, and an ambiguous `03/05/2018`
//! is refused rather than guessed.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// Month names of `schema/months.toml`, folded, with their numbers.
static MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct File {
        month: Vec<Month>,
    }
    #[derive(serde::Deserialize)]
    struct Month {
        names: Vec<String>,
    }
    let file: File =
        toml::from_str(include_str!("../../schema/months.toml")).expect("schema/months.toml");
    let mut months = HashMap::new();
    for (i, month) in file.month.iter().enumerate() {
        for name in &month.names {
            months.insert(name.clone(), i as u32 + 1);
        }
    }
    months
});

/// Every month name as a regex alternation, longest first, with an optional dot.
static MONTH: LazyLock<String> = LazyLock::new(|| {
    let mut names: Vec<&String> = MONTHS.keys().collect();
    names.sort_by_key(|n| (std::cmp::Reverse(n.len()), n.as_str()));
    let names: Vec<String> = names
        .iter()
        .map(|n| {
            regex::escape(n)
                .replace(' ', r"\s+")
                .replace(r"\-", "[- ]?")
        })
        .collect();
    format!(r"({})\.?", names.join("|"))
});

static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:[a-z]+,?\s+)?{}\s*,?\s*(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(\d{{4}})$",
        *MONTH
    ))
    .expect("static regex")
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:[a-z]+,?\s+)?(\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?{}\s*,?\s*(\d{{4}})$",
        *MONTH
    ))
    .expect("static regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$")
        .expect("static regex")
});
static SLASHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$").expect("static regex"));
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|last\s+updated|updated(?:\s+on)?|date(?:d)?|on)\s*:?\s*")
        .expect("static regex")
});
static TIME_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\s*(?:at|-|–|,|\|)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC[+-]?\d*)?)$")
        .expect("static regex")
});
static TRAILING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = &*MONTH;
    Regex::new(&format!(r"(?i)^(.+?),\s*({month}\s*,?\s*\d{{1,2}}\s*,\s*\d{{4}}|\d{{1,2}}\s+{month}\s*,?\s*\d{{4}})$"))
        .expect("static regex")
});

/// Parses a line that is a date and nothing else (prefix words such as
/// `Published on` and a time of day allowed). `None` for anything else.
pub fn parse_dateline(line: &str) -> Option<String> {
    let line = line
        .trim()
        .trim_matches(|c: char| c == '|' || c == '·' || c == '•')
        .trim();
    // Every dateline has digits (a year at least): most lines of a page have none.
    if line.is_empty() || line.len() > 80 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let line = PREFIX.replace(line, "");
    if let Some(date) = parse_date_value(&line) {
        return Some(date);
    }
    let without_time = TIME_SUFFIX.replace(&line, "");
    let without_time = without_time.trim().trim_end_matches(',');
    parse_date_value(without_time)
}

/// A cable's date-time group: `241408Z FEB 10`, `031130Z JUN 2009`.
pub(crate) static DTG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(\d{2})(\d{4})Z\s+(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\s+(\d{2}|\d{4})(?-u:\b)")
        .expect("static regex")
});

/// Month abbreviations as telegrams write them, in order.
pub(crate) const MONTH_ABBREVIATIONS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// `241408Z FEB 10` → `2010-02-24`.
pub fn dtg_date(dtg: &str) -> Option<String> {
    let c = DTG.captures(dtg)?;
    let day: u32 = c[1].parse().ok()?;
    let month = MONTH_ABBREVIATIONS
        .iter()
        .position(|m| c[3].eq_ignore_ascii_case(m))?
        + 1;
    let year: i32 = match c[4].len() {
        2 => {
            let y: i32 = c[4].parse().ok()?;
            if y >= 50 {
                1900 + y
            } else {
                2000 + y
            }
        }
        _ => c[4].parse().ok()?,
    };
    chrono::NaiveDate::from_ymd_opt(year, month as u32, day)
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// Parses a date given explicitly in metadata (JSON, front matter, HTML meta): the
/// dateline forms plus RFC 2822 and RFC 3339 timestamps.
pub fn parse_explicit(value: &str) -> Option<String> {
    let value = value.trim();
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(value) {
        return Some(dt.date_naive().format("%Y-%m-%d").to_string());
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(value) {
        return Some(dt.date_naive().format("%Y-%m-%d").to_string());
    }
    if let Some(d) = dtg_date(value) {
        return Some(d);
    }
    parse_dateline(value)
}

/// A title line that ends in a date: `Dangerous Liaisons, March, 5, 2018`.
pub fn split_trailing_date(line: &str) -> Option<(String, String)> {
    if !line.bytes().rev().take(6).any(|b| b.is_ascii_digit()) {
        return None; // the year ends the line
    }
    let c = TRAILING_DATE.captures(line.trim())?;
    let date = parse_date_value(&c[2])?;
    Some((c[1].trim().to_string(), date))
}

fn parse_date_value(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(c) = ISO.captures(s) {
        return ymd(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    // Month names are matched folded: `Şubat`, `Kasım`, `août`.
    let folded = if s.is_ascii() {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(super::normalize::ascii_fold(s))
    };
    if let Some(c) = MONTH_FIRST.captures(&folded) {
        return ymd(c[3].parse().ok()?, month_number(&c[1])?, c[2].parse().ok()?);
    }
    if let Some(c) = DAY_FIRST.captures(&folded) {
        return ymd(c[3].parse().ok()?, month_number(&c[2])?, c[1].parse().ok()?);
    }
    if let Some(c) = SLASHED.captures(s) {
        let (a, b): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        let year = c[3].parse().ok()?;
        // `01.12.2019`: dotted dates are written day first wherever they are used
        // (German, Turkish, Russian and Arab sites); slashed ones both ways.
        let dotted = s.contains('.');
        return match (a > 12, b > 12) {
            (true, false) => ymd(year, b, a),
            (false, true) if !dotted => ymd(year, a, b),
            _ if a == b => ymd(year, a, b),
            (false, false) if dotted => ymd(year, b, a),
            _ => None, // 03/05/2018: day-first or month-first? Not a guess we make.
        };
    }
    None
}

/// A month's name or abbreviation in a language of `months.toml` (`Jan`,
/// `October`, `Ocak`): a word of a date, never of a name.
pub(crate) fn is_month(word: &str) -> bool {
    word.len() >= 3 && month_number(word).is_some()
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let lower = lower.trim_end_matches('.');
    let spaced = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    MONTHS.get(&spaced).copied().or_else(|| {
        // `kanun al thani`, `kanunal-thani`: the hyphen of the Arabic names is optional.
        MONTHS
            .iter()
            .find(|(n, _)| n.replace(['-', ' '], "") == spaced.replace(['-', ' '], ""))
            .map(|(_, m)| *m)
    })
}

fn ymd(year: i32, month: u32, day: u32) -> Option<String> {
    if !(1900..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day).map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_in_the_forms_outlets_print() {
        let cases = [
            ("March, 5, 2018", "2018-03-05"),
            ("Published on March 5, 2018", "2018-03-05"),
            ("December 24, 2018 at 1:11 pm", "2018-12-24"),
            ("14 January, 2020", "2020-01-14"),
            ("2010-02-24 14:02", "2010-02-24"),
            ("24/02/2010", "2010-02-24"),
            ("Sept. 5, 2018", "2018-09-05"),
            ("Monday 5 March 2018 10:42 GMT", "2018-03-05"),
            ("Updated: 2019-06-01T08:00:00Z", "2019-06-01"),
        ];
        for (line, want) in cases {
            assert_eq!(parse_dateline(line).as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn sentences_and_ambiguous_dates_are_not_datelines() {
        for line in [
            "In 2011, the US government imposed sanctions on Mamlouk",
            "03/05/2018",
            "February 30, 2018",
            "Creating new perspectives since 2009",
        ] {
            assert_eq!(parse_dateline(line), None, "{line}");
        }
    }

    #[test]
    fn explicit_timestamps() {
        assert_eq!(
            parse_explicit("2018-08-22T14:03:00+03:00").as_deref(),
            Some("2018-08-22")
        );
        assert_eq!(
            parse_explicit("Wed, 22 Aug 2018 14:03:00 GMT").as_deref(),
            Some("2018-08-22")
        );
        assert_eq!(
            parse_explicit("241408Z FEB 10").as_deref(),
            Some("2010-02-24")
        );
        assert_eq!(
            split_trailing_date("Dangerous Liaisons, March, 5, 2018"),
            Some(("Dangerous Liaisons".into(), "2018-03-05".into()))
        );
    }

    #[test]
    fn month_names_of_the_region_s_languages() {
        for (line, want) in [
            ("Kas 15, 2024", "2024-11-15"),
            ("15 Şubat 2023", "2023-02-15"),
            ("Published: 1 août 2019", "2019-08-01"),
            ("3. Oktober 2020", "2020-10-03"),
            ("12 Kanun al-Thani 2011", "2011-01-12"),
            ("Tishrin al-Awwal 5, 2009", "2009-10-05"),
            ("Published: APRIL 30, 2023 19:16", "2023-04-30"),
        ] {
            assert_eq!(parse_dateline(line).as_deref(), Some(want), "{line}");
        }
        // A month-like word in a sentence is still no dateline.
        assert_eq!(parse_dateline("Ara said 15 people came in 2024"), None);
    }
}
