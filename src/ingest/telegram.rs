//! The fields of a telegram's header and close, each read from its lines: the TO and
//! INFO routing, TAGS, SUBJECT, "Classified By", the signer, the message number, and
//! the post names of `FM` lines (`AMEMBASSY DAMASCUS` → `Embassy Damascus`).

use std::sync::LazyLock;

use regex::Regex;

use crate::catalog::Posts;
use crate::marking::Level;

use super::cable::{CAVEAT_WORD, PARAGRAPH_MARK, SPACED_LEVEL};

static ROUTING_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:(?:NIACT\s+)?IMMEDIATE|PRIORITY|ROUTINE|FLASH)?\s*\d*\s*$")
        .expect("static regex")
});

static ROUTING_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z]{4,8}/").expect("static regex"));

/// TO and INFO addressees, without routing indicators and precedence; returns where
/// the routing block ends.
pub(super) fn routing(lines: &[&str]) -> (Vec<String>, Vec<String>, usize) {
    let (mut to, mut info) = (Vec::new(), Vec::new());
    let mut current: Option<&mut Vec<String>> = None;
    let mut end = 0;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.is_empty() || SPACED_LEVEL.is_match(destutter(line)) || line.starts_with("BT") {
            if current.is_some() {
                end = i;
                break;
            }
            continue;
        }
        let rest = if let Some(r) = line.strip_prefix("TO ") {
            current = Some(&mut to);
            r
        } else if let Some(r) = line.strip_prefix("INFO ") {
            current = Some(&mut info);
            r
        } else if line.starts_with("FM ") {
            end = i + 1;
            continue;
        } else {
            line
        };
        if let Some(list) = current.as_deref_mut() {
            let name = ROUTING_PREFIX.replace(rest, "");
            let name = ROUTING_TAIL.replace(&name, "");
            if !name.trim().is_empty() {
                list.push(name.trim().to_string());
            }
            end = i + 1;
        }
    }
    (to, info, end)
}

/// Where the header (classification, caveats, EO, TAGS, SUBJECT, REF, Classified
/// By) ends and the text begins.
pub(super) fn header_block_end(lines: &[&str], from: usize) -> usize {
    let mut end = from + 1;
    let mut in_wrap = false;
    for (i, raw) in lines.iter().enumerate().skip(from) {
        let upper = raw.trim().to_uppercase();
        if upper.starts_with("SUBJECT")
            || upper.starts_with("SUBJ:")
            || upper.starts_with("CLASSIFIED BY")
            || upper.starts_with("TAGS")
            || upper.starts_with("REF")
            || upper.starts_with("E.O.")
            || upper.starts_with("EO ")
        {
            end = i + 1;
            in_wrap = true;
        } else if upper.is_empty() {
            in_wrap = false;
        } else if PARAGRAPH_MARK.is_match(raw) || opens_text(&upper) {
            // Pages that lost their blank lines put `¶1. (C) ...` right under
            // `Classified By`: a numbered paragraph is never a wrapped header line.
            break;
        } else if in_wrap {
            end = i + 1;
        }
        if i > from + 60 {
            break;
        }
    }
    end.min(lines.len())
}

/// `1. SUMMARY`, `¶2.`, `SUMMARY:`: the first line of the text proper, as opposed to
/// a wrapped header line such as `1.4 (b) and (d)`.
pub(super) fn opens_text(upper: &str) -> bool {
    let rest = upper.trim_start_matches('¶').trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let after = &rest[digits..];
        return after.starts_with(". ") || after.starts_with(".\t") || after == ".";
    }
    upper.starts_with("SUMMARY") || upper.starts_with("BEGIN SUMMARY")
}

pub(super) fn tags(lines: &[&str]) -> Vec<String> {
    let Some(start) = lines
        .iter()
        .position(|l| l.trim_start().to_uppercase().starts_with("TAGS"))
    else {
        return Vec::new();
    };
    let mut text = lines[start].trim_start()[4..].to_string();
    for next in &lines[start + 1..] {
        let t = next.trim();
        let upper = t.to_uppercase();
        if t.is_empty()
            || upper.starts_with("SUBJ")
            || upper.starts_with("REF")
            || upper.starts_with("CLASSIFIED")
        {
            break;
        }
        text.push(' ');
        text.push_str(t);
    }
    // "Tags: prel, pgov, tu Subject: ..." on one line in some partial extracts.
    if let Some(pos) = text.to_uppercase().find("SUBJECT") {
        text.truncate(pos);
    }
    text.trim_start_matches([':', ' '])
        .split(|c: char| c == ',' || c.is_whitespace())
        .map(|t| {
            t.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .to_uppercase()
        })
        .filter(|t| !t.is_empty() && t.len() <= 12)
        .collect()
}

pub(super) fn subject(lines: &[&str]) -> Option<String> {
    let start = lines.iter().position(|l| {
        let u = l.trim_start().to_uppercase();
        u.starts_with("SUBJECT") || u.starts_with("SUBJ:")
    });
    let (mut text, rest) = match start {
        Some(start) => {
            let line = lines[start].trim_start();
            let value = line.split_once(':').map(|(_, v)| v).unwrap_or(&line[7..]);
            (value.trim().to_string(), &lines[start + 1..])
        }
        None => {
            // "Tags: ... Subject: ..." on one line.
            let line = lines
                .iter()
                .find(|l| l.to_uppercase().contains(" SUBJECT:"))?;
            let pos = line.to_uppercase().find(" SUBJECT:")?;
            (line[pos + 9..].trim().to_string(), &[][..])
        }
    };
    for next in rest {
        let t = next.trim();
        let upper = t.to_uppercase();
        if t.is_empty()
            || upper.starts_with("REF")
            || upper.starts_with("CLASSIFIED BY")
            || PARAGRAPH_MARK.is_match(t)
            || upper.starts_with("1.")
        {
            break;
        }
        text.push(' ');
        text.push_str(t);
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

static CLASSIFIED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)classified\s+by:?\s*(.+?)(?:[,;.]?\s+(?:for\s+)?reasons?\b|[,;]?\s+for\s+|,?\s+e\.?\s?o\.?\s|\.\s*$|\n\s*\n|$)")
        .expect("static regex")
});

pub(super) fn classified_by(lines: &[&str]) -> Option<String> {
    let start = lines
        .iter()
        .position(|l| l.to_uppercase().contains("CLASSIFIED BY"))?;
    let text = lines[start..lines.len().min(start + 3)].join("\n");
    let c = CLASSIFIED_BY.captures(&text)?;
    let value = c[1].split_whitespace().collect::<Vec<_>>().join(" ");
    let value = value.trim_end_matches([',', '.', ';', ':']).to_string();
    (!value.is_empty() && value.len() < 120).then_some(value)
}

/// The drafter's name: the last line of one or two upper-case words before the
/// closing classification marking.
pub(super) fn signature(lines: &[&str]) -> Option<String> {
    let mut last = true;
    for raw in lines.iter().rev().take(12) {
        // `**** Visit Embassy Tel Aviv's Classified Website: ... **** CUNNINGHAM`:
        // pages that lost their line breaks keep the signer after the banner.
        let line = raw
            .rsplit("*****")
            .next()
            .unwrap_or(raw)
            .trim_start_matches('*');
        let line = line.trim();
        if line.is_empty() || line == "NNNN" || line.starts_with("BT") {
            continue;
        }
        let upper = line.to_uppercase();
        if SPACED_LEVEL.is_match(line)
            || Level::exactly(&upper).is_some()
            || CAVEAT_WORD.is_match(&upper)
        {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        // Mirrors that re-case the telegram sign it `Cunningham`: one capitalised
        // word closing the text.
        let signed_in_title_case = std::mem::take(&mut last)
            && words.len() == 1
            && line.len() >= 3
            && line.chars().next().is_some_and(char::is_uppercase)
            && line
                .chars()
                .skip(1)
                .all(|c| c.is_lowercase() || c == '-' || c == '\'');
        if signed_in_title_case {
            return Some(line.to_string());
        }
        let is_name = words.len() <= 2
            && words.iter().all(|w| {
                w.chars()
                    .all(|c| c.is_uppercase() || c == '-' || c == '.' || c == '\'')
                    && w.chars().any(char::is_alphabetic)
            });
        return is_name.then(|| line.to_string());
    }
    None
}

/// Garbled transmissions double the first letter: `SS E C R E T`, `UUNCLAS`.
pub(super) fn destutter(line: &str) -> &str {
    let t = line.trim_start();
    for (double, rest) in [
        ("SS", "S E C"),
        ("SE C", "E C R"),
        ("UUNCLAS", "UNCLAS"),
        ("CC O N", "C O N"),
    ] {
        if t.starts_with(double) && t[1..].starts_with(rest) {
            return &t[1..];
        }
    }
    line
}

/// The post as reference ids spell it: `AMEMBASSY TEL AVIV` → `TEL AVIV`,
/// `SECSTATE WASHDC` → `STATE`.
pub(super) fn reference_post(fm: &str) -> Option<String> {
    let fm = fm.trim().to_uppercase();
    if fm.starts_with("SECSTATE") {
        return Some("STATE".into());
    }
    let (prefix, city) = fm.split_once(' ')?;
    matches!(prefix, "AMEMBASSY" | "AMCONSUL" | "USMISSION" | "USINT").then(|| city.to_string())
}

/// The message number of the `DE RUEHTV #2502/01 3221434` line.
pub(super) fn message_number(lines: &[&str]) -> Option<String> {
    let line = lines.iter().find(|l| l.trim_start().starts_with("DE "))?;
    let number = line.split('#').nth(1)?.split(['/', ' ']).next()?;
    let number = number.trim_start_matches('0');
    (!number.is_empty() && number.chars().all(|c| c.is_ascii_digit())).then(|| number.to_string())
}

/// `AMEMBASSY DAMASCUS` → `Embassy Damascus`, per `schema/posts.toml`.
pub fn post_name(fm: &str, posts: &Posts) -> Option<String> {
    let fm = fm
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase();
    let fm = ROUTING_TAIL.replace(&fm, "").trim().to_string();
    if let Some(name) = posts.special.get(&fm) {
        return Some(name.clone());
    }
    let (prefix, city) = fm.split_once(' ')?;
    let kind = posts.prefixes.get(prefix)?;
    let city = posts.cities.get(city).map(String::as_str).unwrap_or(city);
    Some(format!("{kind} {}", title_case(city)))
}

/// A post named only by the serial line (`BRASILIA 004227`).
pub(super) fn serial_post_name(post: &str, posts: &Posts) -> Option<String> {
    if let Some(name) = posts.special.get(post) {
        return Some(name.clone());
    }
    let city = posts.cities.get(post).map(String::as_str).unwrap_or(post);
    let kind = if posts.consulates.iter().any(|c| c == city) {
        "Consulate"
    } else {
        "Embassy"
    };
    Some(format!("{kind} {}", title_case(city)))
}

pub(super) fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

pub(super) fn push_unique(list: &mut Vec<String>, item: &str) {
    if !item.is_empty() && !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}
