//! Articles saved from web pages as plain text: title, dateline, genre, page chrome.
//!
//! A page saved as text keeps its chrome: "Skip to main content", a site tagline,
//! "2 min read", image credits, "Read also:" links, newsletter blurbs. None of it is
//! the story, so it stays out of `body`, but it is the best evidence there is of
//! the outlet and the date, so it is kept in `Draft::chrome`.
//!
//! Why one file of 580 lines (670 with its tests): the rules of one layout (title,
//! byline, dateline, genre, chrome) run in one pass over the lines, each reading the
//! positions the others found; apart, each would need the others' state.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexSet};

use crate::record::Draft;
use crate::text::date::{parse_dateline, split_trailing_date};
use crate::text::signatures::Signatures;

/// Lines that are page furniture wherever they appear.
static CHROME: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        r"(?i)^skip to (main )?content$",
        r"(?i)^(menu|search|home|close|share|tweet|email|print|advertisement|subscribe|log ?in|sign ?in|register|sections)$",
        r"(?i)^\d+\s*(min|minute)s?\s+read$",
        r"(?i)^(read|see) (also|more)\b",
        r"(?i)^(also read|related|recommended|more on this|most read|trending)\b",
        r"(?i)^read:\s",
        r"(?i)^(source|photo|image|picture|credit|photograph)s?\s*(credit)?\s*:",
        r"(?i)^(stay informed|sign up|subscribe to|follow us|join our|get our|newsletter|download our)\b",
        r"(?i)^(share this|share on|click here|copyright|all rights reserved|©)",
        r"(?i)^(this article|this story) (is available|was originally published) in\b",
        r"(?i)^(by|written by)\s*$",
        r"(?i)^(you are here|zum inhalt springen|aller au contenu|ir al contenido|story code\s*:.*)$",
    ])
    .expect("static regexes")
});

/// Page furniture anywhere in a line, as whole words.
const CHROME_PHRASES: [&str; 6] = [
    "all rights reserved",
    "cookie policy",
    "privacy policy",
    "terms of use",
    "terms of service",
    "to learn more about republishing",
];

/// [`CHROME_PHRASES`], found in one automaton pass over the line in lower case and
/// confirmed as whole words by a regex: every line of every article is tried, and a
/// case-insensitive regex without a literal to look for read each line whole (so
/// did a case-insensitive automaton, which has no fast scan for rare bytes).
static CHROME_ANYWHERE: LazyLock<(AhoCorasick, Regex)> = LazyLock::new(|| {
    let phrases = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(CHROME_PHRASES)
        .expect("static phrases");
    let regex =
        Regex::new(&format!(r"(?i)\b({})\b", CHROME_PHRASES.join("|"))).expect("static regex");
    (phrases, regex)
});

/// Photo captions end with the agency in brackets: `... (AFP)`, `... [Twitter]`.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\((?i:AFP|AP|Reuters|Getty( Images)?|EPA|SANA|Anadolu( Agency)?|file photo|pictured)\)|\((?:[A-Z][\w.]*[ /:]*){1,6}\)|\((?i:photo|photograph|picture|image|credit)s?:[^()]{1,60}\)|\[[A-Za-z /&.-]{2,60}\]|(?i:\bphoto by|\bcourtesy:?|\bphotograph:)[^|]{0,60})\s*$")
        .expect("static regex")
});

static GENRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(news|commentary|analysis|opinion|op-ed|editorial|feature|interview|explainer|investigation|review|column|blog|report)$")
        .expect("static regex")
});

/// One word of a person's name as bylines print it: `Basheer`, `al-Baker`, `O’Neil`.
const NAME_WORD: &str =
    r"(?:(?:al|el|ad|as|bin|ibn|abu|de|da|di|van|von|der|du|le|la|zu)[- ])?\p{Lu}[\p{L}.'’-]*";

/// A byline: `By Jane Doe and Omar Said`, `By: Basheer al-Baker`,
/// `Report by: Ali Al Ibrahim, Mohammed Bassiki (Siraj)`.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:Written|Report|Reported|Reporting|Words|Text)\s+by|By|BY)\s*:?\s+({})\s*,?$",
        names_pattern()
    ))
    .expect("static regex")
});

/// A list of names as bylines print them: `A, B and C`, `A & B`, each of one to
/// four words and perhaps an affiliation in brackets (`Mohammad al-Skaff (Siraj)`).
fn names_pattern() -> String {
    let name = format!(r"{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}(?:\s*\([^()]{{1,40}}\))?");
    format!(r"{name}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*){name})*")
}

/// A byline wrapped over several lines: the first line opens it and ends in a comma.
static BYLINE_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:Written|Report|Reported|Reporting)\s+by|By|BY)\s*:?\s+\S.*(?:,|\band)$")
        .expect("static regex")
});

/// `Ian Black writes: The 30-year-old ...`, `Sevil Erkuş - ANKARA`: a name that
/// opens a standfirst, or stands before the place the story was filed from.
static NAMED_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^({NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})(?:\s+writes:\s|\s+[-–—|]\s+\p{{Lu}}{{3,}}(?:[ /]\p{{Lu}}+)*$)"
    ))
    .expect("static regex")
});

/// `Reporting by Agid Meshmesh; Editing by Tom Perry`: wire copy's closing credit.
static CLOSING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:Additional )?(?:Reporting|Writing) by\s+({})\s*(?:;|$)",
        names_pattern()
    ))
    .expect("static regex")
});

/// A line that is only a name, two to four words: under a headline and above the
/// date or the story's dateline, it is the byline.
static NAME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}}$")).expect("static regex")
});

/// `LONDON — The removal ...`: a story opening with the place it was filed from.
static FILED_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu}/ .'-]{2,30}(?:,[^—–]{0,30})?\s*[—–]\s").expect("static regex")
});

/// `DAMASCUS/WASHINGTON, 13 October 2005 — `: the place and date a story opens with.
static STORY_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][A-Z/ .'-]{2,40},\s*([^—–()]{6,30}?\d{4})\s*[—–-]").expect("static regex")
});

/// How many lines from the top may hold the title, dateline and standfirst.
const HEAD_LINES: usize = 14;

/// How many lines from the top are searched for the headline: pages saved with
/// their paywall or menu chrome put it far down.
const TITLE_LINES: usize = 45;

/// Splits a text article into title, dateline, chrome and body.
pub fn parse_text_article(text: &str, path: &str, signatures: &Signatures) -> Draft {
    let mut draft = Draft {
        path: path.to_string(),
        ..Draft::default()
    };
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    // What each line of the head is, asked once: the headline's score and the
    // pass below both read it.
    let head_end = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .nth(TITLE_LINES)
        .map_or(lines.len(), |(i, _)| i);
    let head = Head {
        chrome: lines.iter().map(|l| is_chrome(l, signatures)).collect(),
        datelines: lines[..head_end]
            .iter()
            .map(|l| parse_dateline(l))
            .collect(),
    };
    let title = pick_title(&lines, &head);
    if let Some((_, _, title)) = &title {
        draft.title = Some(title.clone());
    }
    let title_at = title.as_ref().map(|(i, _, _)| *i);
    let title_end = title.as_ref().map(|(_, end, _)| *end);
    // Datelines of the head, by line: the one nearest the headline is the story's;
    // a site header's "today" or a teaser's date stands further off.
    let mut datelines: Vec<(usize, String)> = Vec::new();
    let mut body: Vec<&str> = Vec::new();
    let mut in_head = true;
    let mut head_seen = 0;
    let mut boilerplate_tail = false;
    let mut wrapped_until = None;
    for (index, &line) in lines.iter().enumerate() {
        if line.is_empty() {
            if !body.last().is_some_and(|l| l.is_empty()) {
                body.push("");
            }
            continue;
        }
        if wrapped_until.is_some_and(|last| index <= last) {
            continue; // the rest of a wrapped byline, kept with its first line
        }
        head_seen += 1;
        if Some(index) == title_at {
            // The byline, date and standfirst follow the headline, however far
            // down the page's chrome pushed it.
            head_seen = 0;
        }
        let before_title = title_at.is_some_and(|t| index < t);
        if !before_title && (head_seen > HEAD_LINES || line.len() > 400) {
            in_head = false;
        }
        if head.chrome[index] || boilerplate_tail {
            // Newsletter blurbs after the story run to the end of the page; a
            // paywall's offer above the headline does not.
            let story_begun = body.iter().any(|l| !l.is_empty());
            if story_begun
                && (line.to_lowercase().starts_with("stay informed")
                    || line.to_lowercase().starts_with("sign up"))
            {
                boilerplate_tail = true;
            }
            draft.chrome.push(line.to_string());
            continue;
        }
        if title_at.is_some_and(|t| t < index) && title_end.is_some_and(|end| index <= end) {
            continue; // the second line of a wrapped headline
        }
        if Some(index) == title_at {
            if let Some((_, date)) = split_trailing_date(line) {
                datelines.push((index, date));
            } else if let Some((date, _)) = dated_parts(line) {
                datelines.push((index, date)); // `Headline | Section | DW | 01.12.2019`
            }
            if draft.title.as_deref() != Some(line) {
                // `Headline | Section | Outlet`: the rest names the site.
                draft.chrome.push(line.to_string());
            }
            continue;
        }
        if in_head {
            if draft.genre.is_none() && before_title && GENRE.is_match(line) {
                draft.genre = Some(line.to_lowercase());
                draft.chrome.push(line.to_string());
                continue;
            }
            if let Some(date) = head.dateline(index, line) {
                datelines.push((index, date));
                draft.chrome.push(line.to_string());
                continue;
            }
            let below_dateline = datelines
                .last()
                .is_some_and(|(at, _)| lines[at + 1..index].iter().all(|l| l.is_empty()));
            if below_dateline && is_site_line(line) {
                // `Updated 18 April 2019` / `Arab News`: the site's name under the date.
                draft.chrome.push(line.to_string());
                continue;
            }
            if let Some(date) = line
                .rsplit_once(" | ")
                .and_then(|(_, last)| parse_dateline(last))
            {
                // A page title's last segment: `Headline | Section | DW | 01.12.2019`.
                datelines.push((index, date));
                draft.chrome.push(line.to_string());
                continue;
            }
            if line.len() <= 120 {
                if let Some((date, byline)) =
                    dated_parts(line).filter(|(_, b)| b.map_or(true, is_byline))
                {
                    // `By JT - Feb 09,2019 - Last updated ...`, `October 11, 2019 - 18:3`.
                    datelines.push((index, date));
                    draft
                        .authors
                        .extend(byline.map(authors_of).unwrap_or_default());
                    draft.chrome.push(line.to_string());
                    continue;
                }
            }
            // The byline patterns are asked only of lines that can open one.
            let by = line.starts_with(['B', 'W', 'R', 'T']);
            if by && BYLINE_OPENING.is_match(line) {
                // A byline wrapped over lines that each end in a comma or `and`.
                let mut joined = line.to_string();
                let mut last = index;
                for (next, more) in lines.iter().enumerate().skip(index + 1).take(4) {
                    if more.is_empty() || !BYLINE_OPENING.is_match(&joined) {
                        break;
                    }
                    joined = format!("{joined} {more}");
                    last = next;
                }
                if let Some(c) = BYLINE.captures(&joined) {
                    draft.authors.extend(split_authors(&c[1]));
                    draft
                        .chrome
                        .extend(lines[index..=last].iter().map(|l| l.to_string()));
                    wrapped_until = Some(last);
                    continue;
                }
            }
            if let Some(c) = by.then(|| BYLINE.captures(line)).flatten() {
                draft.authors.extend(split_authors(&c[1]));
                draft.chrome.push(line.to_string());
                continue;
            }
            let named = line.len() < 300
                && (line.contains(" writes:")
                    || line.contains([' ', '|']) && line.contains(['-', '–', '—', '|']));
            if let Some(c) = named.then(|| NAMED_BYLINE.captures(line)).flatten() {
                draft.authors.push(c[1].to_string());
            } else if !before_title
                && NAME_LINE.is_match(line)
                && lines[index + 1..]
                    .iter()
                    .enumerate()
                    .find(|(_, l)| !l.is_empty())
                    .is_some_and(|(k, next)| {
                        head.dateline(index + 1 + k, next).is_some()
                            || carries_date(next)
                            || FILED_FROM.is_match(next)
                    })
            {
                // `Robert Fisk` above `Sunday 22 September 2013 09:47 EDT`.
                draft.authors.push(line.to_string());
                draft.chrome.push(line.to_string());
                continue;
            }
            if draft.title.as_deref() == Some(line) {
                continue; // the headline printed twice
            }
            if before_title {
                // Menus, breadcrumbs and section names above the headline.
                draft.chrome.push(line.to_string());
                continue;
            }
            if CAPTION.is_match(line) && line.len() < 300 {
                draft.chrome.push(line.to_string());
                continue;
            }
        }
        let credit = line.starts_with(['R', 'W', 'A']);
        if let Some(c) = credit.then(|| CLOSING_CREDIT.captures(line)).flatten() {
            // `Reporting by Agid Meshmesh; Editing by ...` closes wire copy.
            draft.authors.extend(split_authors(&c[1]));
            draft.chrome.push(line.to_string());
            continue;
        }
        body.push(line);
    }
    // A wire-style dateline opening the story: `DAMASCUS, 13 October 2005 — ...`.
    let opening = lines
        .iter()
        .enumerate()
        .take(TITLE_LINES)
        .find_map(|(i, l)| {
            let c = STORY_DATELINE.captures(l)?;
            Some((i, parse_dateline(&c[1])?))
        });
    datelines.extend(opening);
    let anchor = title_at.unwrap_or(0);
    draft.date = datelines
        .into_iter()
        .min_by_key(|(i, _)| (i.abs_diff(anchor), *i < anchor))
        .map(|(_, d)| d);
    draft.body = body.join("\n").trim().to_string();
    draft
}

/// Per line of the page: whether it is chrome, and (for the head) its dateline.
struct Head {
    chrome: Vec<bool>,
    datelines: Vec<Option<String>>,
}

impl Head {
    fn dateline(&self, index: usize, line: &str) -> Option<String> {
        match self.datelines.get(index) {
            Some(date) => date.clone(),
            None => parse_dateline(line),
        }
    }
}

/// The headline among the first lines: a line of words that the page prints twice
/// (its `<title>` and its `<h1>`, or the headline and a caption that repeats it),
/// that a dateline, byline or standfirst follows, and that does not read like a
/// menu, a breadcrumb, a tagline or a sentence.
/// A headline wrapped onto a second short line (text saved from a PDF) is joined:
/// the returned range covers both lines.
fn pick_title(lines: &[&str], known: &Head) -> Option<(usize, usize, String)> {
    let head: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .take(TITLE_LINES)
        .map(|(i, l)| (i, *l))
        .collect();
    // Each line is asked once whether it is a dateline or a byline: the scores of
    // the two lines before it read the answer again.
    let datelines: Vec<bool> = head
        .iter()
        .map(|(i, l)| known.dateline(*i, l).is_some())
        .collect();
    let bylines: Vec<bool> = head.iter().map(|(_, l)| BYLINE.is_match(l)).collect();
    let dated =
        |k: usize| k < head.len() && (datelines[k] || bylines[k] || carries_date(head[k].1));
    let mut best: Option<(i32, usize, String)> = None;
    // Once a paragraph of the story has been printed, the headline is behind: a
    // page stored from its dateline on has none, and what follows is the story
    // and its teasers.
    let story_at = head.iter().position(|&(index, line)| {
        line.len() >= 200 && !known.chrome[index] && line.ends_with(['.', '”', '"', ')'])
    });
    // `إقرأ هذا الخبر بالعربية`: on a page in Latin letters, a line in another
    // script is a link to a translation, not the headline.
    let latin = |line: &str| {
        let ascii = line.bytes().filter(u8::is_ascii_alphabetic).count();
        // A letter beyond ASCII takes two bytes or more: lines of Latin letters with
        // a curly quote or an accent are told without decoding them.
        let wide = line.bytes().filter(|b| !b.is_ascii()).count();
        ascii * 2 >= wide
            || ascii
                >= line
                    .chars()
                    .filter(|c| !c.is_ascii() && c.is_alphabetic())
                    .count()
    };
    let latin_page = head.iter().filter(|(_, l)| latin(l)).count() * 2 > head.len();
    for (k, &(index, line)) in head.iter().enumerate() {
        if story_at.is_some_and(|at| k > at) {
            break;
        }
        if latin_page && !latin(line) {
            continue;
        }
        if line.len() > 250
            || datelines[k]
            || bylines[k]
            || known.chrome[index]
            || GENRE.is_match(line)
            || CAPTION.is_match(line)
            || CLOSING_CREDIT.is_match(line)
        {
            continue;
        }
        let text = match split_trailing_date(line) {
            Some((title, _)) => title,
            None => headline_of(line).to_string(),
        };
        if !is_title_like(&text) {
            continue;
        }
        let words = text.split_whitespace().count();
        let mut score = 0;
        let repeated = head[k + 1..]
            .iter()
            .any(|(_, later)| *later == text || (later.starts_with(text.as_str()) && words >= 4));
        if repeated {
            score += 2;
        }
        // A dateline or byline right below the headline, or below its standfirst.
        if dated(k + 1) {
            score += 2;
        } else if dated(k + 2) {
            score += 1;
        }
        let next = head.get(k + 1).map(|(_, l)| *l).unwrap_or("");
        if next.len() > 80 && !next.ends_with(['.', '?', '!']) || next.len() > 120 {
            score += 1; // a standfirst or the lede
        }
        if words >= 5 {
            score += 1;
        }
        if text.ends_with('.') {
            score -= 3;
        }
        let capitalised = text
            .split_whitespace()
            .all(|w| !w.chars().next().is_some_and(char::is_lowercase));
        if words <= 4 && capitalised {
            score -= 2; // `Lebanon News`, `Türkiye, Middle East`
        }
        if best.as_ref().map_or(true, |(b, _, _)| score > *b) {
            best = Some((score, index, text));
        }
    }
    let (_, index, mut text) = best.filter(|(score, _, _)| *score >= 0)?;
    let k = head.iter().position(|(i, _)| *i == index)?;
    let wrapped = match (head.get(k + 1), head.get(k + 2)) {
        (Some(&(next_at, next)), Some(&(after_at, after))) => {
            next_at == index + 1
                && next.split_whitespace().count() <= 4
                && next.chars().next().is_some_and(char::is_uppercase)
                && !text.ends_with(['.', '?', '!', ':'])
                && (bylines[k + 2] || known.dateline(after_at, after).is_some())
        }
        _ => false,
    };
    if wrapped {
        text = format!("{text} {}", head[k + 1].1);
        return Some((index, index + 1, text));
    }
    Some((index, index, text))
}

/// A headline without the site's name after a separator: `Why Germany hasn't
/// banned Hezbollah outright | Germany | News ... | DW | 01.12.2019`.
fn headline_of(line: &str) -> &str {
    match line.split_once(" | ") {
        Some((first, _)) if first.split_whitespace().count() >= 3 => first.trim(),
        _ => line,
    }
}

/// `22.12.2024 - Update : ...`, `Esra Tekin | 22.12.2024`: a line with a date
/// between separators, as bylines with dates are.
fn carries_date(line: &str) -> bool {
    dated_parts(line).is_some()
}

/// `By JT`, `Esra Tekin`: the part of a dated line before its date names people.
fn is_byline(part: &str) -> bool {
    BYLINE.is_match(part) || few_capitalised_words(part, false)
}

/// One to four words, each opening with a capital (or a digit, when `digits`): a
/// name, a site's or a section's, not a sentence.
fn few_capitalised_words(line: &str, digits: bool) -> bool {
    let mut words = 0;
    line.split_whitespace().all(|w| {
        words += 1;
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || (digits && c.is_ascii_digit()))
    }) && (1..=4).contains(&words)
}

/// The first date of a line cut at its separators, and the part before it (a
/// byline, when there is one).
fn dated_parts(line: &str) -> Option<(String, Option<&str>)> {
    if !line.contains(['|', '-', '·', '–']) {
        return None;
    }
    let mut before = None;
    for part in line.split(['|', '-', '·', '–']) {
        if let Some(date) = parse_dateline(part.trim()) {
            return Some((date, before));
        }
        before = before.or(Some(part.trim()));
    }
    None
}

fn is_chrome(line: &str, signatures: &Signatures) -> bool {
    let (phrases, anywhere) = &*CHROME_ANYWHERE;
    CHROME.is_match(line)
        || (phrases.is_match(&line.to_ascii_lowercase()) && anywhere.is_match(line))
        || signatures.any_in(line)
}

/// A line of one to four capitalised words and no sentence: a site's or a
/// section's name.
fn is_site_line(line: &str) -> bool {
    line.len() <= 40 && !line.ends_with(['.', ':', '?', '!']) && few_capitalised_words(line, true)
}

/// A headline: a short line of words, not a sentence of the story.
fn is_title_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (2..=30).contains(&words)
        && line.len() <= 250
        && line.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// The people a dated line's first part names: `By JT`, `Esra Tekin`.
fn authors_of(part: &str) -> Vec<String> {
    match BYLINE.captures(part) {
        Some(c) => split_authors(&c[1]),
        None if NAME_LINE.is_match(part) => vec![part.to_string()],
        None => Vec::new(),
    }
}

/// The names of a byline, without the affiliations printed after them
/// (`Mohammad al-Skaff (Siraj)`).
fn split_authors(s: &str) -> Vec<String> {
    s.split([',', '&'])
        .flat_map(|part| part.split(" and "))
        .map(|name| name.split_once('(').map_or(name, |(name, _)| name).trim())
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_title_and_dateline_are_separated_from_the_body() {
        let text = "Skip to main content\n\nRegime insiders meet in Moscow\n\n3 min read\n\
                    Published on 14 January, 2020\nBy Jane Doe and Omar Said\n\n\
                    A photo of the meeting (AFP)\n\nThe heads of two agencies met on Monday.\n\n\
                    Read also: Another story\n\nThey discussed the ceasefire.\n";
        let d = parse_text_article(text, "a.txt", &Signatures::new(&[]));
        assert_eq!(d.title.as_deref(), Some("Regime insiders meet in Moscow"));
        assert_eq!(d.date.as_deref(), Some("2020-01-14"));
        assert_eq!(d.authors, vec!["Jane Doe", "Omar Said"]);
        assert_eq!(
            d.body,
            "The heads of two agencies met on Monday.\n\nThey discussed the ceasefire."
        );
        assert!(d.chrome.iter().any(|c| c.starts_with("Read also")));
    }

    fn authors(text: &str) -> Vec<String> {
        parse_text_article(text, "a.txt", &Signatures::new(&[])).authors
    }

    #[test]
    fn bylines_in_the_forms_pages_print_them() {
        // Wrapped over three lines, with affiliations after the names.
        let wrapped = "From factories in Europe to the army's\nLaboratories\n\
                       Report by: Ali Al Ibrahim, Mohammed Bassiki,\n\
                       Mohammad al-Skaff (Siraj), Ahmed Ashour (ARIJ),\n\
                       and Hala Nasreddine (Daraj)\n18 September 2025\n\
                       Four hundred drums were shipped to Syria.\n";
        let d = parse_text_article(wrapped, "a.txt", &Signatures::new(&[]));
        assert_eq!(
            d.title.as_deref(),
            Some("From factories in Europe to the army's Laboratories")
        );
        assert_eq!(
            d.authors,
            [
                "Ali Al Ibrahim",
                "Mohammed Bassiki",
                "Mohammad al-Skaff",
                "Ahmed Ashour",
                "Hala Nasreddine"
            ]
        );
        assert_eq!(d.body, "Four hundred drums were shipped to Syria.");
        assert_eq!(
            authors("Tales of a Spying State\n\nBy: Basheer al-Baker\n\nPublished Thursday, August 25, 2011\n\nText.\n"),
            ["Basheer al-Baker"]
        );
        assert_eq!(
            authors(
                "Turkey meets the new rulers\n\nSevil Erkuş - ANKARA\n\nThe minister met them.\n"
            ),
            ["Sevil Erkuş"]
        );
        assert_eq!(
            authors(
                "The axis lives on\n\nIan Black writes: The 30-year-old axis is alive.\n\nMore.\n"
            ),
            ["Ian Black"]
        );
        // Wire copy credits its reporter at the end, not its editor.
        assert_eq!(
            authors("SDF leaders meet\n\nThey met on Monday.\n\nReporting by Agid Meshmesh; Editing by Tom Perry\n"),
            ["Agid Meshmesh"]
        );
    }

    #[test]
    fn a_name_line_above_the_dateline_is_the_byline_however_deep_the_paywall() {
        let paywall: String = (0..16).map(|i| format!("Free Trial {i}\n\n")).collect();
        let text = format!(
            "{paywall}{}\n\nDismissal Of Iran Spy Chief Shows A Regime In Disarray\n\n\
             The recent departure of a top military intelligence chief, over security lapses and \
             bad decisions, reveals regime weakness\n\n\
             Roshanak Astaraki\n\nLONDON — The removal of the head of intelligence.\n",
            "x".repeat(450)
        );
        let d = parse_text_article(&text, "a.txt", &Signatures::new(&[]));
        assert_eq!(d.authors, ["Roshanak Astaraki"]);
        assert!(d.body.starts_with("The recent departure"), "{}", d.body);
        // A name line that no date follows is a subject, not a byline.
        assert!(
            authors("Spy chief dismissed\n\nHossein Taeb\n\nHe was dismissed in June.\n")
                .is_empty()
        );
    }
}
