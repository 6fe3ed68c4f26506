//! HTML pages: web articles (cable-viewer pages are read by `viewer`).
//!
//! The page's own metadata comes first (`og:title`, `og:site_name`,
//! `article:published_time`, the canonical URL, JSON-LD is left to a later day), and
//! the text is taken from `<article>` or `<main>` when the page has one, else from
//! the body without navigation, headers, footers, scripts and forms.

use std::collections::HashMap;
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Node, Selector};

use crate::record::Draft;

fn selector(css: &str) -> Selector {
    // The selectors below are static and valid; a failure here is a programming error
    // caught by the tests, never by a document.
    Selector::parse(css).unwrap_or_else(|_| panic!("invalid static selector {css}"))
}

/// The selectors a page is read with, parsed once.
struct Selectors {
    meta: Selector,
    title: Selector,
    h1: Selector,
    canonical: Selector,
    time: Selector,
    /// Where the story is, first found first: `article`, `main`, `[role=main]`, `body`.
    roots: [Selector; 4],
}

static SELECTORS: LazyLock<Selectors> = LazyLock::new(|| Selectors {
    meta: selector("meta"),
    title: selector("title"),
    h1: selector("h1"),
    canonical: selector("link[rel=\"canonical\"]"),
    time: selector("time[datetime]"),
    roots: ["article", "main", "[role=\"main\"]", "body"].map(selector),
});

/// Deeper nesting than this is not a real page. The HTML5 tree builder checks
/// element scope against the stack of open elements, which is quadratic in depth, so
/// such pages are read by stripping tags instead: bounded time on hostile input.
const MAX_NESTING: usize = 512;

/// The deepest element nesting of a page, counted from its tags without parsing.
fn nesting_depth(html: &str) -> usize {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let (mut depth, mut deepest) = (0usize, 0usize);
    let bytes = html.as_bytes();
    for (i, _) in html.match_indices('<') {
        let rest = &html[i + 1..];
        if rest.starts_with('/') {
            depth = depth.saturating_sub(1);
        } else if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let self_closing = rest
                .find('>')
                .is_some_and(|end| end > 0 && bytes.get(i + end) == Some(&b'/'));
            if !VOID.contains(&name.to_ascii_lowercase().as_str()) && !self_closing {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    deepest
}

/// Text of a page by removing its tags: the fallback for pathological nesting.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Parses a web article.
pub fn parse_article(html: &str, path: &str) -> Draft {
    if nesting_depth(html) > MAX_NESTING {
        return Draft {
            path: path.to_string(),
            body: tidy(&strip_tags(html)),
            ..Draft::default()
        };
    }
    let doc = Html::parse_document(html);
    // Every `<meta>` read once, by its property, name or itemprop: the first
    // content of each (selectors parsed per page cost more than the page).
    let mut metas: HashMap<&str, &str> = HashMap::new();
    for m in doc.select(&SELECTORS.meta) {
        let element = m.value();
        let Some(content) = element.attr("content") else {
            continue;
        };
        for key in ["property", "name", "itemprop"] {
            if let Some(name) = element.attr(key) {
                metas.entry(name).or_insert(content);
            }
        }
    }
    let meta = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|name| {
            let content = collapse(metas.get(name)?);
            (!content.is_empty()).then_some(content)
        })
    };
    let title_tag = doc
        .select(&SELECTORS.title)
        .next()
        .map(|t| collapse(&t.text().collect::<String>()));
    let h1 = doc
        .select(&SELECTORS.h1)
        .next()
        .map(|t| collapse(&t.text().collect::<String>()));
    let canonical = doc
        .select(&SELECTORS.canonical)
        .find_map(|l| l.value().attr("href"))
        .map(str::to_string);
    let time = doc
        .select(&SELECTORS.time)
        .find_map(|t| t.value().attr("datetime"))
        .map(str::to_string);

    let mut draft = Draft {
        path: path.to_string(),
        title: meta(&["og:title", "twitter:title"])
            .or(h1)
            .or(title_tag.clone()),
        site_name: meta(&["og:site_name", "application-name"]),
        url: canonical.or_else(|| meta(&["og:url"])),
        date: meta(&[
            "article:published_time",
            "datePublished",
            "date",
            "pubdate",
            "dc.date",
            "DC.date.issued",
        ])
        .or(time),
        genre: meta(&["article:section"])
            .map(|s| s.to_lowercase())
            .filter(|s| is_genre(s)),
        ..Draft::default()
    };
    if let Some(author) = meta(&["author", "article:author"]).filter(|a| !a.starts_with("http")) {
        draft.authors.push(author);
    }
    if let Some(t) = title_tag {
        draft.chrome.push(t);
    }
    let root = SELECTORS
        .roots
        .iter()
        .find_map(|selector| doc.select(selector).next());
    let mut text = String::new();
    if let Some(root) = root {
        readable_text(root, &mut text);
    }
    draft.body = tidy(&text);
    draft
}

fn is_genre(s: &str) -> bool {
    matches!(
        s,
        "news" | "commentary" | "analysis" | "opinion" | "feature" | "interview" | "editorial"
    )
}

/// Text of an element without navigation and other page furniture. Iterative, so a
/// page of 100,000 nested elements cannot exhaust the stack.
fn readable_text(root: ElementRef, out: &mut String) {
    const SKIP: [&str; 12] = [
        "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "button",
        "iframe", "template",
    ];
    const BLOCK: [&str; 14] = [
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "blockquote",
        "section",
        "pre",
    ];
    let mut stack = vec![(*root, false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) if !closing => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if closing {
                    if BLOCK.contains(&name) {
                        out.push('\n');
                    }
                    continue;
                }
                if SKIP.contains(&name) {
                    continue;
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                for child in children.into_iter().rev() {
                    stack.push((child, false));
                }
            }
            _ => {}
        }
    }
}

/// Runs of blank space as one space, none at the ends.
pub(super) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    collapse_into(s, &mut out);
    out
}

/// [`collapse`] appended to `out`, without a vector of words per line.
fn collapse_into(s: &str, out: &mut String) {
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Collapses runs of blank space inside lines and of blank lines between them.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        collapse_into(line, &mut out);
        blank = false;
    }
    out
}
