//! The outlet: explicit metadata, then HTML metadata, then the URL's domain, then a
//! text signature or layout listed in `schema/outlets.toml`; else none.

use std::sync::LazyLock;

use anyhow::Result;
use regex::Regex;

use crate::catalog::Outlet;
use crate::record::Draft;
use crate::record::Kind;
use crate::text::normalize::{ascii_fold, with_ascii_fold};
use crate::text::signatures::Signatures;

/// Photo and image credits, captions and teasers of other stories: the outlets they
/// name are not the page's.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(photo|photograph|image|picture|credit|source|file|read|see|also|related|more on|via)\b|\((afp|ap|reuters|getty|epa|anadolu)[^)]*\)\s*$|\[[^\]]+\]\s*$")
        .expect("static regex")
});
/// Copyright marks, years and rights phrases around an outlet's name.
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)©|\(c\)|copyright|\b(19|20)\d{2}\b|all rights reserved|\bltd\b|\binc\b")
        .expect("static regex")
});
/// Separators between a page's title and its site name, or between menu items.
static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[|\-–—•·:]+\s+|\s*[|•·]\s*").expect("static regex"));
/// `Subscribe to Worldcrunch`, `More from The Intercept`, `Follow DW on`.
static TEASER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:subscribe to|get unlimited access to|more from|follow|support|donate to|about|contact|welcome to)\s+(.{2,40}?)(?:\s+on\b.*|[.!]?\s*)$")
        .expect("static regex")
});
/// Credits that name the story's own outlet.
static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?m)(?:\b(?:[Tt]ranslated|[Ee]dited|[Pp]ublished|[Pp]roduced) (?:and (?:edited|translated) )?by ([A-Z][^\n.,;]{1,60})",
        r"|\b[Aa]n? ([A-Z][^\n.,;]{1,40}?) (?:correspondent|reporter)s?\b",
        r"|^\s*SOURCE\s*:\s*([^\n]{2,60})$",
        // A dateline credit: `HASAKAH, Syria (North Press) –`, `ALBAWABA - `.
        r"|^[A-Z][\p{L}\d ,.'-]{1,40}\(([^)\n]{2,40})\)\s*[-–—]",
        r"|^([A-Z][A-Z0-9]{2,20}(?: [A-Z0-9]{2,20}){0,3})\s+[-–—]\s",
        r"|^([A-Z][^\n.,;]{1,40}?) website (?:contains|is|uses)\b)",
    ))
        .expect("static regex")
});
/// The story talking to an outlet or reporting for it.
static REPORTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?:told|statement to|[Ii]nterview with|[Ss]peaking to|according to information obtained by) ((?:[Tt]he )?[A-Z][^\n.,;:]{1,40})",
        r"|\b((?:The )?[A-Z][\p{L}\d-]+(?: [A-Z][\p{L}\d-]+){0,3}) (?:reported|has learned|learned|understands)\b",
    ))
    .expect("static regex")
});
/// A web domain written in the chrome: `www.aljazeera.com`, `jpost.com`.
static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|co\.uk|de|fr|ir|tr|il|eg|sa|ae|qa|kw|jo|lb|sy|iq|info|news|media|tv)\b")
        .expect("static regex")
});

pub struct OutletFinder {
    outlets: Vec<Outlet>,
    signatures: Signatures,
    /// The outlet (index into `outlets`) of each signature, in `signatures`' order.
    signature_owners: Vec<usize>,
    /// Folded name or alias → index into `outlets`, built once.
    by_folded: rustc_hash::FxHashMap<String, usize>,
    /// First words of the names of two words or more, folded, without `the`: a run
    /// of the text is looked up only when it starts with one.
    first_words: rustc_hash::FxHashSet<String>,
    /// The same keys without spaces and hyphens, for names written as one word
    /// (`TRTWorld`, `Kurdistan 24`), when they are long enough to say something.
    by_squashed: rustc_hash::FxHashMap<String, usize>,
    layouts: Vec<(usize, Vec<Regex>)>,
}

impl OutletFinder {
    pub fn new(outlets: &[Outlet]) -> Result<OutletFinder> {
        let mut layouts = Vec::new();
        for (i, outlet) in outlets.iter().enumerate() {
            for layout in &outlet.layouts {
                let compiled = layout
                    .iter()
                    .map(|p| Regex::new(&format!("(?m){p}")))
                    .collect::<Result<Vec<_>, _>>()?;
                layouts.push((i, compiled));
            }
        }
        let (signature_owners, signatures): (Vec<usize>, Vec<String>) = outlets
            .iter()
            .enumerate()
            .flat_map(|(i, o)| o.signatures.iter().map(move |s| (i, s.clone())))
            .unzip();
        let signatures = Signatures::new(&signatures);
        let mut by_folded = rustc_hash::FxHashMap::default();
        let mut by_squashed = rustc_hash::FxHashMap::default();
        let mut first_words = rustc_hash::FxHashSet::default();
        for (i, outlet) in outlets.iter().enumerate() {
            for name in std::iter::once(&outlet.name).chain(&outlet.aliases) {
                let key = outlet_key(name);
                let squashed = key.replace([' ', '-'], "");
                if squashed.len() >= 6 {
                    by_squashed.entry(squashed).or_insert(i);
                }
                if let Some((first, _)) = key.split_once(' ') {
                    first_words.insert(first.to_string());
                }
                by_folded.entry(key).or_insert(i);
            }
        }
        Ok(OutletFinder {
            outlets: outlets.to_vec(),
            by_folded,
            first_words,
            by_squashed,
            layouts,
            signatures,
            signature_owners,
        })
    }

    pub fn signatures(&self) -> &Signatures {
        &self.signatures
    }

    /// The catalog outlet with this name or alias (case- and accent-insensitive).
    pub fn by_name(&self, name: &str) -> Option<&Outlet> {
        // A lookup per capitalised name of a document: folded on the stack.
        with_ascii_fold(name.trim(), |folded| {
            self.by_folded.get(without_article(folded))
        })
        .map(|&i| &self.outlets[i])
    }

    /// Whether an outlet's name of two words or more can start with this word
    /// (folded by `ascii_fold`).
    pub(crate) fn may_start_name(&self, folded: &str) -> bool {
        self.first_words.contains(folded)
    }

    /// True when a name is an outlet's name or alias (outlets cited as sources are
    /// organizations).
    pub fn is_outlet_name(&self, name: &str) -> bool {
        self.by_name(name).is_some()
    }

    pub fn identify(&self, draft: &Draft) -> Option<String> {
        if let Some(given) = &draft.outlet {
            if draft.kind == Kind::Cable {
                return Some(given.clone());
            }
            return Some(
                self.by_name(given)
                    .map(|o| o.name.clone())
                    .unwrap_or_else(|| given.clone()),
            );
        }
        if let Some(site) = &draft.site_name {
            return Some(
                self.by_name(site)
                    .map(|o| o.name.clone())
                    .unwrap_or_else(|| site.clone()),
            );
        }
        if let Some(outlet) = draft.url.as_deref().and_then(|u| self.by_url(u)) {
            return Some(outlet.name.clone());
        }
        if draft.kind == Kind::Cable {
            return None;
        }
        let chrome = draft.chrome.join("\n");
        let text = format!("{chrome}\n{}", draft.body);
        // The first outlet of the catalog with a signature in the text.
        let by_signature = self
            .signatures
            .found_in(&text)
            .map(|p| self.signature_owners[p])
            .min();
        if let Some(i) = by_signature {
            return Some(self.outlets[i].name.clone());
        }
        let by_layout = self
            .layouts
            .iter()
            .find(|(_, patterns)| patterns.iter().all(|p| p.is_match(&text)))
            .map(|(i, _)| self.outlets[*i].name.clone());
        by_layout
            .or_else(|| self.by_cues(&draft.chrome))
            .or_else(|| self.by_credit(&draft.body))
            .or_else(|| self.by_credit(&chrome))
            .or_else(|| self.by_byline_or_permalink(draft))
            .or_else(|| self.by_reporting(&draft.body))
    }

    /// The outlet the story credits itself to: `An Enab Baladi correspondent in
    /// Daraa`, `This article was translated and edited by The Syrian Observer`,
    /// a closing `SOURCE: TRTWorld`. Only outlets of the catalog.
    fn by_credit(&self, body: &str) -> Option<String> {
        CREDIT_LINE
            .captures_iter(body)
            .filter_map(|c| c.iter().skip(1).flatten().next().map(|m| m.as_str()))
            .find_map(|name| self.longest_outlet_prefix(name))
            .map(|i| self.outlets[i].name.clone())
    }

    /// The outlet that the page chrome names as the site: a line or a segment of a
    /// line (`... | DW | 01.12.2019`, `The Jerusalem Post - Israel News`) that is an
    /// outlet's name, a copyright or credit line, a "Subscribe to X" teaser, or the
    /// site's domain. Photo credits and "Read also" teasers name other outlets and
    /// are not read. The outlet named most often wins; none when nothing is named.
    fn by_cues(&self, chrome: &[String]) -> Option<String> {
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for line in chrome {
            if CREDIT.is_match(line) {
                continue;
            }
            let mut found = None;
            let cleaned = COPYRIGHT.replace_all(line, " ");
            for segment in SEPARATOR.split(cleaned.trim()) {
                let segment = segment
                    .trim()
                    .trim_matches(|c: char| c == '.' || c == ',' || c == ':');
                if segment.is_empty() {
                    continue;
                }
                found = found
                    .or_else(|| self.index_of(segment))
                    .or_else(|| self.at_either_end(segment));
            }
            if found.is_none() {
                found = TEASER
                    .captures(line)
                    .and_then(|c| self.index_of(c[1].trim_end_matches(['.', '!'])))
                    .or_else(|| {
                        DOMAIN
                            .find_iter(line)
                            .find_map(|m| self.by_url(m.as_str()))
                            .and_then(|o| self.index_of(&o.name))
                    });
            }
            if let Some(i) = found {
                match counts.iter_mut().find(|(j, _)| *j == i) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((i, 1)),
                }
            }
        }
        // The most named; on a tie, the first named.
        let best = counts.iter().map(|(_, n)| *n).max()?;
        let (i, _) = counts.iter().find(|(_, n)| *n == best)?;
        Some(self.outlets[*i].name.clone())
    }

    /// An outlet whose name opens or closes a chrome segment: the logo beside a
    /// menu (`Süddeutsche Zeitung Panama Papers`, `Quantcast i24NEWS`). Names
    /// shorter than five letters say too little this way.
    fn at_either_end(&self, segment: &str) -> Option<usize> {
        let words: Vec<&str> = segment.split_whitespace().collect();
        (1..words.len().min(5)).rev().find_map(|n| {
            [words[..n].join(" "), words[words.len() - n..].join(" ")]
                .iter()
                .filter(|name| name.chars().filter(|c| c.is_alphanumeric()).count() >= 5)
                .find_map(|name| self.index_of(name))
        })
    }

    /// A byline that names an outlet (`By JT`, `By AFP`), or a line of the text
    /// that is nothing but a link to the outlet's own site (a permalink).
    fn by_byline_or_permalink(&self, draft: &Draft) -> Option<String> {
        draft
            .authors
            .iter()
            .find_map(|a| self.index_of(a))
            .or_else(|| {
                draft
                    .body
                    .lines()
                    .map(str::trim)
                    .filter(|l| l.starts_with("http") && !l.contains(char::is_whitespace))
                    .find_map(|l| self.by_url(l).and_then(|o| self.index_of(&o.name)))
            })
            .map(|i| self.outlets[i].name.clone())
    }

    /// The one outlet the story talks to or reports for: `told The Daily Star`,
    /// `in a statement to Al Arabiya`, `Al Arabiya reported`. News agencies
    /// (`wire = true`) are quoted by everyone and say nothing; two outlets named
    /// this way say nothing either.
    fn by_reporting(&self, body: &str) -> Option<String> {
        let mut found: Option<usize> = None;
        for c in REPORTING.captures_iter(body) {
            let Some(name) = c.iter().skip(1).flatten().next() else {
                continue;
            };
            let Some(i) = self.longest_outlet_prefix(name.as_str()) else {
                continue;
            };
            if self.outlets[i].wire {
                continue;
            }
            match found {
                Some(j) if j != i => return None,
                _ => found = Some(i),
            }
        }
        found.map(|i| self.outlets[i].name.clone())
    }

    /// The longest run of words at the start of `text` that is an outlet's name:
    /// a captured name runs on into the sentence (`The Syrian Observer's`).
    fn longest_outlet_prefix(&self, text: &str) -> Option<usize> {
        let words: Vec<&str> = text.split_whitespace().collect();
        (1..=words.len().min(6)).rev().find_map(|n| {
            let candidate = words[..n].join(" ");
            let candidate = candidate.trim_end_matches(|c: char| !c.is_alphanumeric());
            let candidate = candidate
                .strip_suffix("'s")
                .or_else(|| candidate.strip_suffix("’s"))
                .unwrap_or(candidate);
            self.index_of(candidate)
        })
    }

    /// The outlet a page names throughout, when nothing else named it: an
    /// organization of the text that is an outlet, no news agency, named three
    /// times or more, with no other outlet named more than once (`Human Rights
    /// Watch documented ... said Ole Solvang ... at Human Rights Watch`).
    pub fn named_throughout(&self, actors: &[crate::record::Actor]) -> Option<String> {
        let outlets: Vec<(usize, u32)> = actors
            .iter()
            .filter(|a| a.kind == crate::record::ActorType::Organization)
            .filter_map(|a| self.index_of(&a.name).map(|i| (i, a.mentions)))
            .collect();
        let (best, mentions) = *outlets.iter().max_by_key(|(_, m)| *m)?;
        let rivals = outlets.iter().filter(|(i, m)| *i != best && *m > 1).count();
        (mentions >= 3 && rivals == 0 && !self.outlets[best].wire)
            .then(|| self.outlets[best].name.clone())
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        let key = outlet_key(name);
        self.by_folded
            .get(&key)
            .or_else(|| self.by_squashed.get(&key.replace([' ', '-'], "")))
            .copied()
    }

    fn by_url(&self, url: &str) -> Option<&Outlet> {
        let host = url
            .split("://")
            .nth(1)
            .unwrap_or(url)
            .split(['/', '?', '#'])
            .next()?;
        let host = host.to_ascii_lowercase();
        let host = host.trim_start_matches("www.");
        self.outlets.iter().find(|o| {
            o.domains
                .iter()
                .any(|d| host == d.as_str() || host.ends_with(&format!(".{d}")))
        })
    }
}

/// Case-, accent- and article-insensitive key of an outlet name.
fn outlet_key(name: &str) -> String {
    without_article(&ascii_fold(name.trim())).to_string()
}

/// A folded outlet name without its leading `the`s.
fn without_article(folded: &str) -> &str {
    folded.trim_start_matches("the ")
}
