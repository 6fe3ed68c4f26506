//! The telegrams a cable cites: its `REF:` block read into reference ids.
//!
//! A 2009 Damascus cable that says `REF: A. DAMASCUS 192 B. 08 STATE 12345 C. PARIS
//! POINTS NOV 22` cites `09DAMASCUS192` and `08STATE12345`; the third item is not a
//! telegram. The block comes in every form the corpus has: lettered lists (`A.`,
//! `A)`, `(A)`, `¶B.`, doubled as `A. A)`), items on one line or wrapped over many,
//! separated by commas, semicolons or colons, years written (`08`, `2005`, `10SHENYANG`)
//! or implied (the citing cable's year), numbers zero-padded, qualifiers (`(NOTAL)`,
//! `AND PREVIOUS`), page-break serial lines (`MADRID 00001914 001.2 OF 002`) inside
//! the block, and `Classified By` run on after it.
//!
//! An item is read as a run of citations `[YEAR] POST NUMBER`; reading stops at the
//! first word that fits none, so `EMBASSY LONDON DAILY REPORT 9/16/2009`, `7 FAM 180`
//! and `MAIER - QUINN EMAIL OF 06 MARCH` give nothing. The post is kept as written,
//! without spaces (`BUENOS AIRES` → `BUENOSAIRES`), as PlusD spells reference ids.

use std::sync::LazyLock;

use regex::Regex;

/// `REF:`, `REFS:`, `REFTEL:`, `REF A:`: the line that opens the block.
static REF_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*REF(?:S|TELS?)?(?-u:\b)\s*:?(.*)$").expect("static regex")
});

/// A page break's serial line: `MADRID 00001914 001.2 OF 002`.
static SERIAL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[A-Z][A-Z .'-]*\s+\d{5,}\s+\d{3}(?:\.\d+)?\s+OF\s+\d{3}")
        .expect("static regex")
});

/// Where the block ends at the latest, even on its own line.
static BLOCK_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)CLASSIFIED\s+BY|\bSUBJECT\s*:|\bE\.\s?O\.\s|\bTAGS\s*:|\bSUMMARY\b")
        .expect("static regex")
});

/// A line that goes on with the block: an item marker, a qualifier or a citation.
static GOES_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:¶\s*)?(?:(?i:\(?[A-Z]\)|[A-Z]\.\s|\((?:ALL\s+)?NOTAL\)|\((?:EX|NO|LIM)DIS\)|AND\s+PREVIOUS|AND\s+PRIOR)|(?:\d{2}|\d{4})\s+[A-Z]+(?:\s+[A-Z]+){0,3}\s+\d|[A-Z]+(?:\s+[A-Z]+){0,3}\s+\d+\s*(?:$|[.,;(]|[A-Z]\.))",
    )
        .expect("static regex")
});

/// A marker with no space before the item: `(A)STATE`.
static GLUED_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\([A-Za-z]\))([A-Za-z0-9])").expect("static regex"));

/// Words that end a post name: what a reference to something other than a telegram
/// has where a post would be (`PARIS POINTS`, `IIR 6 809`, `7 FAM 180`, `EMAIL OF`).
const NOT_POST: [&str; 27] = [
    "AND",
    "AT",
    "BY",
    "DATED",
    "EMAIL",
    "FAH",
    "FAM",
    "FOR",
    "FROM",
    "IIR",
    "IN",
    "LETTER",
    "MAIL",
    "MEMCON",
    "MEMO",
    "NOTAL",
    "NOTE",
    "OF",
    "ON",
    "PARA",
    "PARAGRAPH",
    "PARAS",
    "POINTS",
    "REPORT",
    "TD",
    "TELCON",
    "TO",
];

/// Words written before a post that its reference id leaves out.
const POST_PREFIXES: [&str; 5] = ["AMEMBASSY", "AMCONSUL", "AMCONGEN", "EMBASSY", "USMISSION"];

/// The ids of the telegrams cited by the REF block that opens among the first
/// `header` of `lines` (a telegram after its routing), in order, each once. `year` is
/// the citing cable's two-digit year, for items that do not state one; without it
/// such items give nothing.
pub(crate) fn cited(
    lines: &[&str],
    header: usize,
    year: Option<&str>,
    own_id: Option<&str>,
) -> Vec<String> {
    let block = block(lines, header);
    let mut ids: Vec<String> = Vec::new();
    for item in items(&block) {
        for id in citations(&item, year) {
            if Some(id.as_str()) != own_id && !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

/// The text of the REF block, its lines joined, serial lines taken out and cut
/// where the telegram goes on.
fn block(lines: &[&str], header: usize) -> String {
    let Some(start) = lines.iter().take(header).position(|l| REF_LINE.is_match(l)) else {
        return String::new();
    };
    let mut text = String::new();
    let mut blank = false;
    for line in lines.iter().skip(start).take(40) {
        let line = SERIAL_LINE.replace_all(line, " ");
        let line = line.trim();
        if line.is_empty() {
            blank = true;
            continue;
        }
        let rest = match REF_LINE.captures(line) {
            Some(c) => c.get(1).map_or("", |m| m.as_str()),
            None if goes_on(line, blank, &text) => line,
            None => break,
        };
        blank = false;
        match BLOCK_END.find(rest) {
            Some(end) => {
                text.push_str(&rest[..end.start()]);
                break;
            }
            None => {
                text.push_str(rest);
                text.push(' ');
            }
        }
    }
    text
}

/// Whether a line after the REF line is still the block: after a blank line only a
/// new lettered item is; otherwise an item, a qualifier, a citation, or the number
/// of an item the line break cut after its post.
fn goes_on(line: &str, after_blank: bool, so_far: &str) -> bool {
    if BLOCK_END.is_match(line.get(..20).unwrap_or(line)) {
        return false;
    }
    let first = line.split_whitespace().next().unwrap_or("");
    if after_blank {
        return is_marker(first);
    }
    let cut_after_post = so_far
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic()));
    GOES_ON.is_match(line) || cut_after_post && first.bytes().all(|b| b.is_ascii_digit())
}

/// `A.`, `A)`, `(A)`, `¶B.`, `a)`: a letter that opens an item.
fn is_marker(token: &str) -> bool {
    let t = token.trim_start_matches('¶');
    let t = t.strip_prefix('(').unwrap_or(t);
    let t = t
        .strip_suffix(')')
        .or_else(|| t.strip_suffix('.'))
        .unwrap_or(t);
    t.len() == 1 && t.bytes().all(|b| b.is_ascii_alphabetic())
}

/// The block's items: runs of words between markers and separators.
fn items(block: &str) -> Vec<Vec<String>> {
    // `08 KIGALI 00830--05/DEC/2008`, `(A)STATE 071143`: apart, the number and the
    // marker read as they do elsewhere.
    let spaced = GLUED_MARKER.replace_all(block, "${1} ${2}");
    let spaced = spaced.replace("--", " -- ").replace([',', ';', ':'], " ; ");
    let mut items = vec![Vec::new()];
    for token in spaced.split_whitespace() {
        if token == ";" || is_marker(token) {
            if items.last().is_some_and(|i| !i.is_empty()) {
                items.push(Vec::new());
            }
            continue;
        }
        if let Some(item) = items.last_mut() {
            item.push(token.to_uppercase());
        }
    }
    items
}

/// The citations an item opens with, as reference ids.
fn citations(item: &[String], year: Option<&str>) -> Vec<String> {
    let mut ids = Vec::new();
    let mut at = 0;
    while at < item.len() {
        let Some((id, next)) = citation(item, at, year) else {
            break;
        };
        ids.extend(id);
        at = skip_qualifiers(item, next);
    }
    ids
}

/// One `[YEAR] POST NUMBER` at `at`: the id (none when no year is known) and where
/// the next one may start.
fn citation(item: &[String], mut at: usize, year: Option<&str>) -> Option<(Option<String>, usize)> {
    let mut stated = None;
    let mut post = String::new();
    let first = item.get(at)?;
    let digits = first.bytes().take_while(u8::is_ascii_digit).count();
    if digits == first.len() && (digits == 2 || digits == 4) {
        stated = Some(first[digits - 2..].to_string());
        at += 1;
    } else if digits == 2 && first[2..].bytes().all(|b| b.is_ascii_alphabetic()) {
        // `10SHENYANG 003`: year and post run together.
        stated = Some(first[..2].to_string());
        post.push_str(&first[2..]);
        at += 1;
    }
    while let Some(word) = item.get(at) {
        if !post_word(word) {
            break;
        }
        if post.is_empty() && POST_PREFIXES.contains(&word.as_str()) {
            at += 1;
            continue;
        }
        post.push_str(word);
        at += 1;
        if post.len() > 24 {
            return None;
        }
    }
    if post.is_empty() {
        return None;
    }
    let number = item.get(at)?.trim_end_matches('.');
    if number.is_empty() || number.len() > 7 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = number.trim_start_matches('0');
    if number.is_empty() {
        return None;
    }
    if post == "SECSTATE" || post == "SECSTATEWASHDC" {
        post = "STATE".into();
    }
    at += 1;
    // `DOHA 152 (08)`: the year after the number.
    if let Some(after) = item
        .get(at)
        .and_then(|w| w.strip_prefix('(')?.strip_suffix(')'))
    {
        if (after.len() == 2 || after.len() == 4) && after.bytes().all(|b| b.is_ascii_digit()) {
            stated = Some(after[after.len() - 2..].to_string());
            at += 1;
        }
    }
    let year = stated.as_deref().or(year);
    Some((year.map(|y| format!("{y}{post}{number}")), at))
}

/// A word of a post's name: letters only, and not a word that shows the item is no
/// telegram.
fn post_word(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_alphabetic())
        && !NOT_POST.contains(&word)
        && !crate::text::date::is_month(word)
}

/// `(NOTAL)`, `(EXDIS)`, `AND PREVIOUS`, `AND` before another citation.
fn skip_qualifiers(item: &[String], mut at: usize) -> usize {
    while let Some(word) = item.get(at) {
        let bare = word.trim_matches(|c| c == '(' || c == ')' || c == '.');
        let next = item.get(at + 1).map(String::as_str);
        let marking = word.starts_with('(')
            && word.ends_with(')')
            && bare.bytes().all(|b| b.is_ascii_alphabetic());
        let notal = bare == "NOTAL" || bare == "ALL" && next.is_some_and(|n| n.contains("NOTAL"));
        if marking || notal {
            at += 1;
        } else if bare == "AND"
            && matches!(next, Some("PREVIOUS" | "PRIOR" | "PREVIOUS." | "PRIOR."))
        {
            at += 2;
        } else if bare == "AND" {
            at += 1;
        } else {
            break;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::cited;

    fn refs(text: &str, year: &str) -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        cited(&lines, lines.len(), Some(year), None)
    }

    #[test]
    fn lettered_lists_with_years_and_qualifiers() {
        let text = "REF: A. 05 ABU DHABI 3243\n\u{b6}B. ABU DHABI 248 (NOTAL)\n\u{b6}C. USDEL 00007\n\nClassified By: Amb. X";
        assert_eq!(
            refs(text, "06"),
            ["05ABUDHABI3243", "06ABUDHABI248", "06USDEL7"]
        );
    }

    #[test]
    fn items_that_are_not_telegrams_give_nothing() {
        let text = "REF: A. PARIS 3178\n\u{b6}B. PARIS POINTS OF 5/16\nC. EMBASSY LONDON DAILY REPORT 9/16/2009 (NOTAL)\nD. 7 FAM 180\nE. IIR 6 809 0087 10\nF. MAIER - QUINN EMAIL MAIL 06 MARCH 06";
        assert_eq!(refs(text, "06"), ["06PARIS3178"]);
    }

    #[test]
    fn unlettered_runs_serial_lines_and_run_on_text() {
        let text = "REF: 09 CARACAS 1553; 09 CARACAS 1537; 2007 HARARE 319 AND PREVIOUS 03 RANGOON 1427\n\nCARACAS 00001401  001.2 OF 002\n\n\nClassified By: Ambassador";
        assert_eq!(
            refs(text, "10"),
            [
                "09CARACAS1553",
                "09CARACAS1537",
                "07HARARE319",
                "03RANGOON1427"
            ]
        );
        let text = "REF: TEHRAN 1091: TEHRAN 263: MOSCOW 1603\nCOUNTRY TEAM. MESSAGE\nBEGIN SUMMARY GENERAL AZIMI";
        assert_eq!(
            refs(text, "72"),
            ["72TEHRAN1091", "72TEHRAN263", "72MOSCOW1603"]
        );
    }

    #[test]
    fn doubled_markers_joined_years_and_secstate() {
        let text = "REF: A. A) BAGHDAD 3334\n\u{b6}B. B) 2006 BAGHDAD 0028\nC. 10SHENYANG 003\nREF D SECSTATE 76108\n(E)State 97802 E. DOHA 152 (08)\nF. 08 KIGALI 00830--05/DEC/2008";
        assert_eq!(
            refs(text, "07"),
            [
                "07BAGHDAD3334",
                "06BAGHDAD28",
                "10SHENYANG3",
                "07STATE76108",
                "07STATE97802",
                "08DOHA152",
                "08KIGALI830"
            ]
        );
    }

    #[test]
    fn no_block_or_no_year_gives_nothing() {
        assert!(refs("SUBJECT: A REFERENDUM\n\n1. (C) TEXT 123", "09").is_empty());
        let lines = ["REF: STATE 1234"];
        assert!(super::cited(&lines, 1, None, None).is_empty());
        assert_eq!(
            super::cited(&lines, 0, Some("09"), None),
            Vec::<String>::new()
        );
    }
}
