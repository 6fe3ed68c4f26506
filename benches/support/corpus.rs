//! A deterministic generator of documents that look like the real corpus: press
//! articles in several outlets' text and HTML layouts, cables in the WikiLeaks text
//! layout, the cable-viewer HTML and the `cables.csv` dump — each with its truth record.
//!
//! Document `i` depends only on the seed and `i` (every document has its own PRNG
//! stream), so a bench can build any one document without generating the others and
//! two runs with one seed and one vocabulary write identical bytes.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::{json, Value};

use super::entities::{
    Layout, Outlet, Post, FAMILY, GIVEN, ORGANIZATIONS, OUTLETS, PERSONS, PLACES, POSTS, ROLES,
    SIGNERS, TAGS,
};

/// splitmix64: tiny, fast and good enough for text; no dependency to pin.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A stream for document `i` that does not depend on any other document.
    pub fn for_document(seed: u64, i: u64) -> Rng {
        let mut r = Rng(seed ^ i.wrapping_mul(0xA076_1D64_78BD_642F));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(1e-12);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// Built-in text for when `../shared/corpus` is absent, so the generator still works.
const BUILTIN_TEXT: &str = "the officials said the meeting was part of an ongoing dialogue \
about security and the fate of detainees held by the government. the two sides discussed \
border security, the return of refugees and the reopening of diplomatic missions, according \
to sources close to the talks. the visit was the highest ranking contact between the two \
countries since the start of the war, and it came after months of quiet negotiations over \
sanctions, trade and the withdrawal of foreign forces. the minister said cooperation would \
depend on progress on political issues and warned that the region faced a serious threat \
from foreign fighters crossing the border. analysts said the rapprochement reflected a \
broader effort to normalize relations, while human rights groups accused the security \
services of torture, enforced disappearances and crimes against humanity. the embassy \
assessed that the regime would continue to seek legitimacy through intelligence sharing, \
and the delegation stressed that any cooperation must be based on mutual respect. the \
report could not be independently verified, and a spokesman declined to comment on the \
details of the meeting or on the presence of troops in the northern province.";

/// A word-bigram model learnt from the real corpus: filler text with its vocabulary and
/// rhythm. Only all-lowercase words are learnt, so filler never names anybody and the
/// truth records list every name a document contains.
pub struct Vocabulary {
    words: Vec<String>,
    next: Vec<Vec<u32>>,
    starts: Vec<u32>,
    pub source: String,
}

impl Vocabulary {
    /// Learns from the seeds and up to `max_cables` cable-viewer pages under `corpus`
    /// (read in sorted order, for determinism), else from the built-in text.
    pub fn load(corpus: Option<&Path>, max_cables: usize) -> Vocabulary {
        let mut texts = Vec::new();
        if let Some(root) = corpus {
            let mut files = Vec::new();
            collect_files(&root.join("seeds"), &mut files);
            let mut cables = Vec::new();
            collect_files(&root.join("cablegate"), &mut cables);
            cables.sort();
            cables.truncate(max_cables);
            files.sort();
            files.extend(cables);
            for f in files {
                if let Ok(t) = std::fs::read_to_string(&f) {
                    texts.push(if f.extension().is_some_and(|e| e == "html") {
                        pre_text(&t)
                    } else {
                        t
                    });
                }
            }
        }
        let source = if texts.is_empty() {
            texts.push(BUILTIN_TEXT.to_string());
            "built-in word list".to_string()
        } else {
            format!(
                "{} files under {}",
                texts.len(),
                corpus.map(|p| p.display().to_string()).unwrap_or_default()
            )
        };
        let mut v = Vocabulary::learn(&texts);
        if v.words.len() < 50 {
            v = Vocabulary::learn(&[BUILTIN_TEXT.to_string()]);
        }
        v.source = source;
        v
    }

    fn learn(texts: &[String]) -> Vocabulary {
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        let mut next: Vec<Vec<u32>> = Vec::new();
        for text in texts {
            let mut prev: Option<u32> = None;
            for token in text.split_whitespace() {
                let core = token.trim_end_matches(['.', ';', ':', ')', '"']);
                let keep = !core.is_empty()
                    && core.len() <= 16
                    && core
                        .trim_end_matches(',')
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-')
                    && !core.starts_with('-');
                if !keep {
                    prev = None;
                    continue;
                }
                let id = *index.entry(core.to_string()).or_insert_with(|| {
                    words.push(core.to_string());
                    next.push(Vec::new());
                    (words.len() - 1) as u32
                });
                if let Some(p) = prev {
                    // Cap each successor list: frequent words keep their spread without
                    // the model growing with the corpus.
                    if next[p as usize].len() < 64 {
                        next[p as usize].push(id);
                    }
                }
                prev = if token.ends_with('.') { None } else { Some(id) };
            }
        }
        let starts = (0..words.len() as u32)
            .filter(|&w| !next[w as usize].is_empty() && !words[w as usize].ends_with(','))
            .collect();
        Vocabulary {
            words,
            next,
            starts,
            source: String::new(),
        }
    }

    /// `min..=max` words of lower-case filler, no final punctuation.
    pub fn fragment(&self, rng: &mut Rng, min: usize, max: usize) -> String {
        let n = rng.range(min, max);
        let mut out = String::new();
        let mut w = *rng.pick(&self.starts);
        for k in 0..n {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(&self.words[w as usize]);
            let succ = &self.next[w as usize];
            w = if succ.is_empty() || rng.chance(0.08) {
                *rng.pick(&self.starts)
            } else {
                *rng.pick(succ)
            };
        }
        out.trim_end_matches(',').to_string()
    }

    /// A capitalised filler sentence with its full stop.
    pub fn sentence(&self, rng: &mut Rng) -> String {
        let f = self.fragment(rng, 10, 28);
        format!("{}.", capitalise(&f))
    }
}

fn collect_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The telegram text of a cable-viewer page: the `<pre>` blocks, tags stripped.
fn pre_text(html: &str) -> String {
    let mut out = String::new();
    for part in html.split("<pre>").skip(1) {
        let body = part.split("</pre>").next().unwrap_or("");
        let mut in_tag = false;
        for c in body.replace("&#x000A;", "\n").chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.push('\n');
    }
    out
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The five shapes a generated document comes in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    ArticleText,
    ArticleHtml,
    CableText,
    CableHtml,
    /// One row of `cables.csv`; `Document::bytes` is the row.
    CableCsv,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::ArticleText,
        Format::ArticleHtml,
        Format::CableText,
        Format::CableHtml,
        Format::CableCsv,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::ArticleText => "article_text",
            Format::ArticleHtml => "article_html",
            Format::CableText => "cable_text",
            Format::CableHtml => "cable_html",
            Format::CableCsv => "cable_csv",
        }
    }
}

/// One generated document and what a perfect parser would say about it.
pub struct Document {
    pub format: Format,
    /// Path relative to the corpus root (`cables.csv` for a CSV row).
    pub rel_path: String,
    pub bytes: Vec<u8>,
    /// The truth record in `score.py`'s label format.
    pub truth: Value,
}

/// Who a document names, and how often each has been named so far.
struct Actor {
    canonical: String,
    full: Vec<String>,
    short: Vec<String>,
    role: String,
    mentions: u32,
}

struct Cast {
    persons: Vec<Actor>,
    orgs: Vec<(usize, u32)>,
    places: Vec<(&'static str, u32)>,
}

impl Cast {
    fn draw(rng: &mut Rng, near: Option<&'static str>) -> Cast {
        let mut persons: Vec<Actor> = Vec::new();
        let known = rng.range(1, 4);
        while persons.len() < known {
            let p = rng.pick(PERSONS);
            if persons.iter().all(|a| a.canonical != p.canonical) {
                persons.push(Actor {
                    canonical: p.canonical.into(),
                    full: p.full.iter().map(|s| s.to_string()).collect(),
                    short: p.short.iter().map(|s| s.to_string()).collect(),
                    role: p.role.into(),
                    mentions: 0,
                });
            }
        }
        for _ in 0..rng.range(0, 3) {
            let g = rng.pick(GIVEN);
            let f = rng.pick(FAMILY);
            // Nobody has told the reader that `Youssef Khouri` is `Yusuf Khoury`: a name
            // no list holds keeps the one spelling its document uses, and so does its label.
            let (given, family) = (rng.pick(g), rng.pick(f).to_string());
            let canonical = format!("{given} {family}");
            if persons
                .iter()
                .any(|a| a.canonical == canonical || a.short.contains(&family))
            {
                continue;
            }
            persons.push(Actor {
                canonical: canonical.clone(),
                full: vec![canonical],
                short: vec![family],
                role: rng.pick(ROLES).to_string(),
                mentions: 0,
            });
        }
        let mut orgs = Vec::new();
        for _ in 0..rng.range(1, 4) {
            let o = rng.below(ORGANIZATIONS.len());
            if !orgs.iter().any(|&(x, _)| x == o) {
                orgs.push((o, 0));
            }
        }
        let mut places: Vec<(&'static str, u32)> = near.map(|p| vec![(p, 0)]).unwrap_or_default();
        for _ in 0..rng.range(2, 5) {
            let p = *rng.pick(PLACES);
            if !places.iter().any(|&(x, _)| x == p) {
                places.push((p, 0));
            }
        }
        Cast {
            persons,
            orgs,
            places,
        }
    }

    /// Index of the next one to name: someone not named yet, else anyone.
    fn choose(counts: impl Iterator<Item = u32> + Clone, rng: &mut Rng, len: usize) -> usize {
        counts
            .clone()
            .position(|m| m == 0)
            .unwrap_or_else(|| rng.below(len))
    }

    fn person(&mut self, rng: &mut Rng) -> String {
        let i = Cast::choose(
            self.persons.iter().map(|a| a.mentions),
            rng,
            self.persons.len(),
        );
        let a = &mut self.persons[i];
        a.mentions += 1;
        if a.mentions == 1 || rng.chance(0.3) {
            rng.pick(&a.full).clone()
        } else {
            rng.pick(&a.short).clone()
        }
    }

    /// A first mention with the role, for the opening sentence.
    fn person_with_role(&mut self, rng: &mut Rng) -> String {
        let name = self.person(rng);
        let role = self
            .persons
            .iter()
            .find(|a| a.full.contains(&name) || a.short.contains(&name));
        match role {
            Some(a) => format!("{name}, {},", a.role),
            None => name,
        }
    }

    fn org(&mut self, rng: &mut Rng) -> String {
        let i = Cast::choose(self.orgs.iter().map(|o| o.1), rng, self.orgs.len());
        self.orgs[i].1 += 1;
        rng.pick(ORGANIZATIONS[self.orgs[i].0].names).to_string()
    }

    fn place(&mut self, rng: &mut Rng) -> &'static str {
        let i = Cast::choose(self.places.iter().map(|p| p.1), rng, self.places.len());
        self.places[i].1 += 1;
        self.places[i].0
    }

    fn all_named(&self) -> bool {
        self.persons.iter().all(|a| a.mentions > 0)
            && self.orgs.iter().all(|o| o.1 > 0)
            && self.places.iter().all(|p| p.1 > 0)
    }

    /// Whether `text` names the person or organization of canonical name `canonical`
    /// in any of the forms this cast writes it.
    fn named_in(&self, text: &str, canonical: &str) -> bool {
        let person = self.persons.iter().find(|a| a.canonical == canonical);
        if let Some(a) = person {
            return a.full.iter().chain(&a.short).any(|f| names_word(text, f));
        }
        ORGANIZATIONS
            .iter()
            .filter(|o| o.canonical == canonical)
            .any(|o| o.names.iter().any(|n| names_word(text, n)))
    }

    /// Truth lists: only who the text actually names.
    fn truth(&self) -> (Vec<String>, Vec<String>, Vec<String>) {
        let persons = self
            .persons
            .iter()
            .filter(|a| a.mentions > 0)
            .map(|a| a.canonical.clone())
            .collect();
        let orgs = self
            .orgs
            .iter()
            .filter(|o| o.1 > 0)
            .map(|o| ORGANIZATIONS[o.0].canonical.to_string())
            .collect();
        let places = self
            .places
            .iter()
            .filter(|p| p.1 > 0)
            .map(|p| p.0.to_string())
            .collect();
        (persons, orgs, places)
    }

    /// A sentence that names someone, something or somewhere.
    fn sentence(&mut self, rng: &mut Rng, vocab: &Vocabulary) -> String {
        let frag = vocab.fragment(rng, 5, 14);
        match rng.below(8) {
            0 => format!("{} said {frag}.", self.person_with_role(rng)),
            1 => {
                let (a, b, l) = (self.person(rng), self.person(rng), self.place(rng));
                format!("{a} met {b} in {l} to discuss {frag}.")
            }
            2 => format!(
                "According to {}, {frag} in {}.",
                self.org(rng),
                self.place(rng)
            ),
            3 => format!(
                "The {} said that {} had {frag}.",
                self.org(rng),
                self.person(rng)
            ),
            4 => format!(
                "Officials in {} said {frag}, {} told {}.",
                self.place(rng),
                self.person(rng),
                self.org(rng)
            ),
            5 => format!(
                "{} is said to have visited {} last month, {frag}.",
                self.person(rng),
                self.place(rng)
            ),
            6 => format!(
                "In {}, {frag}, according to {}.",
                self.place(rng),
                self.org(rng)
            ),
            _ => format!(
                "{} accused the {} of {frag}.",
                self.person(rng),
                self.org(rng)
            ),
        }
    }

    /// Paragraphs of about `target` bytes that name the whole cast at least once.
    fn paragraphs(&mut self, rng: &mut Rng, vocab: &Vocabulary, target: usize) -> Vec<String> {
        let mut paras = Vec::new();
        let mut len = 0;
        let mut first = true;
        while len < target || !self.all_named() {
            let mut p = String::new();
            for k in 0..rng.range(2, 5) {
                if k > 0 {
                    p.push(' ');
                }
                if first {
                    p.push_str(&format!(
                        "{} said {}.",
                        self.person_with_role(rng),
                        vocab.fragment(rng, 8, 16)
                    ));
                    first = false;
                } else if rng.chance(0.35) || (len >= target && !self.all_named()) {
                    p.push_str(&self.sentence(rng, vocab));
                } else {
                    p.push_str(&vocab.sentence(rng));
                }
            }
            len += p.len() + 2;
            paras.push(p);
        }
        paras
    }

    fn title(&mut self, rng: &mut Rng, vocab: &Vocabulary) -> String {
        match rng.below(4) {
            0 => format!(
                "{} meets {} in {}",
                self.person(rng),
                self.person(rng),
                self.place(rng)
            ),
            1 => format!(
                "{} accuses {} of {}",
                self.org(rng),
                self.person(rng),
                vocab.fragment(rng, 2, 5)
            ),
            2 => format!(
                "Officials held talks with {} in {}",
                self.person(rng),
                self.place(rng)
            ),
            _ => capitalise(&vocab.fragment(rng, 5, 10)),
        }
    }
}

/// Share of articles that reprint an earlier one.
const REPRINT_SHARE: f64 = 0.08;

/// What an article says: its story, before an outlet lays it out.
struct Story {
    date: NaiveDate,
    cast: Cast,
    title: String,
    standfirst: String,
    caption: String,
    paras: Vec<String>,
    read_also: String,
}

/// Whether `text` holds `word` as whole words (not inside a longer word).
fn names_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Body length in bytes: log-normal around a ~2.6 KB median (about 4 KB with chrome) with a few long documents
/// reaching 100 KB, as saved articles and cables do.
fn body_target(rng: &mut Rng) -> usize {
    if rng.chance(0.02) {
        return (20_000.0 * 4.5f64.powf(rng.unit())) as usize;
    }
    let x = (2_600f64.ln() + 0.7 * rng.normal()).exp();
    x.clamp(600.0, 100_000.0) as usize
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').chars().take(60).collect()
}

/// Wraps lines longer than `width` at spaces, as telegrams were.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for line in text.split('\n') {
        let mut col = 0;
        for (k, word) in line.split(' ').enumerate() {
            if k > 0 {
                if col + 1 + word.len() > width {
                    out.push('\n');
                    col = 0;
                } else {
                    out.push(' ');
                    col += 1;
                }
            }
            out.push_str(word);
            col += word.len();
        }
        out.push('\n');
    }
    out.pop();
    out
}

/// Builds documents; cheap to share across threads.
pub struct Generator {
    seed: u64,
    vocab: Vocabulary,
    viewer_chrome: String,
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

impl Generator {
    pub fn new(seed: u64, vocab: Vocabulary) -> Generator {
        Generator {
            seed,
            vocab,
            viewer_chrome: viewer_chrome(),
        }
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// The shape of document `i`: mostly text articles and text cables, as collections are.
    pub fn format_of(&self, i: u64) -> Format {
        let mut rng = Rng::for_document(self.seed ^ 0x5EED, i);
        match rng.below(100) {
            0..=39 => Format::ArticleText,
            40..=54 => Format::ArticleHtml,
            55..=79 => Format::CableText,
            80..=91 => Format::CableHtml,
            _ => Format::CableCsv,
        }
    }

    pub fn document(&self, i: u64) -> Document {
        self.document_as(i, self.format_of(i))
    }

    pub fn document_as(&self, i: u64, format: Format) -> Document {
        let mut rng = Rng::for_document(self.seed, i);
        match format {
            Format::ArticleText | Format::ArticleHtml => self.article(&mut rng, i, format),
            _ => self.cable(&mut rng, i, format),
        }
    }

    /// The earlier article that article `i` reprints, if it is a reprint: about one
    /// article in twelve is, of an original (never itself a reprint) among the 200
    /// documents before it, as wire stories run again in other outlets days later.
    pub fn reprint_of(&self, i: u64) -> Option<u64> {
        let is_article =
            |j: u64| matches!(self.format_of(j), Format::ArticleText | Format::ArticleHtml);
        if i == 0 || !is_article(i) {
            return None;
        }
        let mut rng = Rng::for_document(self.seed ^ 0x2E_921A7, i);
        if !rng.chance(REPRINT_SHARE) {
            return None;
        }
        (0..4)
            .map(|_| i - 1 - rng.below(i.min(200) as usize) as u64)
            .find(|&j| is_article(j) && self.reprint_of(j).is_none())
    }

    fn outlet_for(rng: &mut Rng, format: Format) -> &'static Outlet {
        loop {
            let o = rng.pick(OUTLETS);
            if (o.layout == Layout::Html) == (format == Format::ArticleHtml) {
                break o;
            }
        }
    }

    /// What an article says, before any outlet's layout.
    fn story(&self, rng: &mut Rng) -> Story {
        let v = &self.vocab;
        let date = NaiveDate::from_ymd_opt(2011, 1, 1).unwrap_or_default()
            + Duration::days(rng.below(5000) as i64);
        let mut cast = Cast::draw(rng, None);
        let title = cast.title(rng, v);
        let standfirst = v.sentence(rng);
        let caption = format!("{} in {}", cast.person(rng), cast.place(rng));
        let target = body_target(rng);
        let paras = cast.paragraphs(rng, v, target);
        let read_also = capitalise(&v.fragment(rng, 5, 10));
        Story {
            date,
            cast,
            title,
            standfirst,
            caption,
            paras,
            read_also,
        }
    }

    /// The story of `original` as another outlet reprints it: a new headline and
    /// standfirst, a day or three later, a paragraph trimmed, one added, or the end
    /// cut, as sub-editors do. (The outlet and its chrome are the reprint's own.)
    fn reprinted(&self, rng: &mut Rng, original: u64) -> Story {
        let v = &self.vocab;
        let mut original_rng = Rng::for_document(self.seed, original);
        Generator::outlet_for(&mut original_rng, self.format_of(original));
        let mut story = self.story(&mut original_rng);
        story.date += Duration::days(rng.below(4) as i64);
        story.title = story.cast.title(rng, v);
        story.standfirst = v.sentence(rng);
        let paras = &mut story.paras;
        if paras.len() > 3 && rng.chance(0.5) {
            paras.remove(rng.range(1, paras.len() - 1));
        }
        if rng.chance(0.4) {
            let added = (0..rng.range(2, 4))
                .map(|_| v.sentence(rng))
                .collect::<Vec<_>>()
                .join(" ");
            paras.insert(rng.range(1, paras.len()), added);
        }
        if paras.len() > 4 && rng.chance(0.3) {
            paras.truncate(paras.len() - 1);
        }
        story
    }

    fn article(&self, rng: &mut Rng, i: u64, format: Format) -> Document {
        let v = &self.vocab;
        let outlet = Generator::outlet_for(rng, format);
        let original = self.reprint_of(i);
        let Story {
            date,
            cast,
            title,
            standfirst,
            caption,
            paras,
            read_also,
        } = match original {
            Some(j) => self.reprinted(rng, j),
            None => self.story(rng),
        };
        let mut genre = "news";
        let mut has_date = true;
        let mut authors: Vec<String> = Vec::new();
        let mut out =
            String::with_capacity(paras.iter().map(|p| p.len() + 2).sum::<usize>() + 2048);
        let push_body = |out: &mut String, sep: &str, read: &str| {
            for (k, p) in paras.iter().enumerate() {
                out.push_str(p);
                out.push_str("\n\n");
                if k == 3 && !read.is_empty() {
                    out.push_str(read);
                    out.push_str(&read_also);
                    out.push_str(sep);
                }
            }
        };
        match outlet.layout {
            Layout::MonitorText => {
                let when = date
                    .and_hms_opt(rng.below(24) as u32, rng.below(60) as u32, 0)
                    .unwrap_or_default();
                let _ = write!(
                    out,
                    "Creating new perspectives since 2009\n\n{title}\n\n{} at {}\n\n{caption}\n\n",
                    date.format("%B %-d, %Y"),
                    when.format("%-I:%M %P")
                );
                push_body(&mut out, "\n\n", "Read: ");
                let _ = writeln!(out, "Read: {}", capitalise(&v.fragment(rng, 5, 10)));
            }
            Layout::NewArabText => {
                let _ = write!(
                    out,
                    "{title}\n\n{title}\n{standfirst}\n{} min read\n{}\n{caption} [Twitter]\n\n",
                    rng.range(2, 9),
                    date.format("%-d %B, %Y")
                );
                push_body(&mut out, "\n\n", "Read also: ");
                out.push_str("Agencies contributed to this report.\n");
            }
            Layout::EyeText => {
                has_date = false;
                let _ = write!(
                    out,
                    "Skip to main content\n\n{title}\n\n{standfirst}\n{caption} (AFP)\n\n"
                );
                push_body(&mut out, "\n\n", "");
                out.push_str("Stay informed with MEE's newsletters\n\nSign up to get the latest alerts, insights and analysis, starting with Turkey Unpacked\n\n \nMiddle East Eye delivers independent and unrivalled coverage and analysis of the Middle East, North Africa and beyond. To learn more about republishing this content and the associated fees, please fill out this form. More about MEE can be found here.\n");
            }
            Layout::CarnegieText => {
                genre = "commentary";
                let _ = write!(out, "Source: Getty\ncommentary\n\n{title}, {}, {}, {}\n\n{standfirst}\n\nPublished on {}\n\n",
                    date.format("%B"), date.day(), date.year(), date.format("%B %-d, %Y"));
                push_body(&mut out, "\n\n", "");
            }
            Layout::Html => {
                has_date = !rng.chance(0.1);
                if rng.chance(0.15) {
                    genre = "analysis";
                }
                let author = format!("{} {}", rng.pick(GIVEN)[0], rng.pick(FAMILY)[0]);
                authors.push(author.clone());
                out = self.article_html(
                    rng,
                    outlet,
                    &title,
                    &standfirst,
                    &caption,
                    &paras,
                    &read_also,
                    &author,
                    date,
                    has_date,
                    genre,
                );
            }
        }
        let (mut persons, mut orgs, mut places) = cast.truth();
        if original.is_some() {
            // A trimmed paragraph may have been the only one naming someone.
            persons.retain(|p| cast.named_in(&out, p));
            orgs.retain(|o| cast.named_in(&out, o));
            places.retain(|p| names_word(&out, p));
        }
        let ext = if format == Format::ArticleHtml {
            "html"
        } else {
            "txt"
        };
        let year = if has_date {
            date.year().to_string()
        } else {
            "undated".into()
        };
        let rel_path = format!("articles/{}/{year}/a{i:07}.{ext}", outlet.slug);
        let mut truth = json!({
            "file": rel_path.rsplit('/').next().unwrap_or(""),
            "path": rel_path,
            "kind": "article",
            "genre": genre,
            "title": title,
            "date": if has_date { Some(date.format("%Y-%m-%d").to_string()) } else { None },
            "outlet": outlet.name,
            "classification": "UNCLASSIFIED",
            "caveats": [],
            "persons": persons,
            "organizations": orgs,
            "places": places,
            "authors": authors,
        });
        if let Some(j) = original {
            // The file stem of the original (`a0001234`): the reprint group's key.
            truth["reprint_of"] = json!(format!("a{j:07}"));
        }
        Document {
            format,
            rel_path,
            bytes: out.into_bytes(),
            truth,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn article_html(
        &self,
        rng: &mut Rng,
        outlet: &Outlet,
        title: &str,
        standfirst: &str,
        caption: &str,
        paras: &[String],
        read_also: &str,
        author: &str,
        date: NaiveDate,
        has_date: bool,
        genre: &str,
    ) -> String {
        let mut h = String::with_capacity(paras.iter().map(|p| p.len() + 8).sum::<usize>() + 4096);
        let t = html_escape(title);
        let stamp = format!(
            "{}T{:02}:{:02}:00+00:00",
            date.format("%Y-%m-%d"),
            rng.below(24),
            rng.below(60)
        );
        let url = format!(
            "https://{}/{}/{}/{}",
            outlet.domain,
            if genre == "news" { "news" } else { "analysis" },
            date.format("%Y/%m"),
            slugify(title)
        );
        let _ = write!(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t} | {}</title>\n", outlet.name);
        let _ = write!(h, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta property=\"og:site_name\" content=\"{}\">\n<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"{t}\">\n<meta property=\"og:description\" content=\"{}\">\n", outlet.name, html_escape(standfirst));
        if has_date {
            let _ = writeln!(
                h,
                "<meta property=\"article:published_time\" content=\"{stamp}\">"
            );
        }
        if genre != "news" {
            let _ = writeln!(
                h,
                "<meta property=\"article:section\" content=\"{}\">",
                capitalise(genre)
            );
        }
        let _ = write!(h, "<meta name=\"author\" content=\"{author}\">\n<link rel=\"canonical\" href=\"{url}\">\n<link rel=\"stylesheet\" href=\"/static/css/main.css\">\n<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}} gtag('js', new Date());</script>\n</head>\n<body class=\"article-page\">\n");
        h.push_str("<header class=\"site-header\"><a class=\"skip\" href=\"#main\">Skip to main content</a><nav><ul>");
        for item in [
            "Home",
            "News",
            "Politics",
            "Middle East",
            "Opinion",
            "Analysis",
            "Video",
            "Podcasts",
            "Newsletters",
            "Subscribe",
        ] {
            let _ = write!(h, "<li><a href=\"/{}\">{item}</a></li>", slugify(item));
        }
        h.push_str("</ul></nav><form class=\"search\" action=\"/search\"><input name=\"q\" placeholder=\"Search\"></form></header>\n<main id=\"main\">\n<article>\n");
        let _ = write!(h, "<div class=\"breadcrumb\"><a href=\"/\">Home</a> &rsaquo; <a href=\"/news\">{}</a></div>\n<h1 class=\"headline\">{t}</h1>\n<p class=\"standfirst\">{}</p>\n", capitalise(genre), html_escape(standfirst));
        let _ = write!(
            h,
            "<div class=\"byline\">By <a href=\"/author/{}\">{author}</a>",
            slugify(author)
        );
        if has_date {
            let _ = write!(
                h,
                " &middot; <time datetime=\"{stamp}\">{}</time>",
                date.format("%-d %B %Y")
            );
        }
        let _ = write!(h, "</div>\n<figure><img src=\"/images/{}.jpg\" alt=\"\"><figcaption>{} (AFP)</figcaption></figure>\n<div class=\"article-body\">\n", slugify(title), html_escape(caption));
        for (k, p) in paras.iter().enumerate() {
            let _ = writeln!(h, "<p>{}</p>", html_escape(p));
            if k == 2 {
                let _ = writeln!(h, "<aside class=\"related\"><h3>Read more</h3><ul><li><a href=\"/news/{}\">{}</a></li></ul></aside>", slugify(read_also), html_escape(read_also));
            }
        }
        let _ = write!(h, "</div>\n</article>\n</main>\n<footer><ul><li><a href=\"/about\">About</a></li><li><a href=\"/contact\">Contact</a></li><li><a href=\"/privacy\">Privacy policy</a></li><li><a href=\"/terms\">Terms</a></li></ul><p>&copy; {} {}. All rights reserved.</p></footer>\n</body>\n</html>\n", date.year().max(2020), outlet.name);
        h
    }

    fn cable(&self, rng: &mut Rng, i: u64, format: Format) -> Document {
        let c = self.cable_draft(rng, i);
        let (rel_path, bytes) = match format {
            Format::CableText => (
                format!("cables/{}/{}.txt", c.created.format("%Y/%m"), c.reference),
                format!(
                    "{}\n{}\n{}\n{}\n{}\n\n{}\n\n{}\n",
                    c.reference,
                    c.created.format("%Y-%m-%d %H:%M"),
                    c.released,
                    c.plusd_class,
                    c.post.origin,
                    c.header,
                    c.body
                )
                .into_bytes(),
            ),
            Format::CableHtml => (
                format!(
                    "cablegate/{}/{}.html",
                    c.created.format("%Y/%m"),
                    c.reference
                ),
                self.viewer_page(&c).into_bytes(),
            ),
            _ => ("cables.csv".to_string(), csv_row(i + 1, &c).into_bytes()),
        };
        let file = if format == Format::CableCsv {
            format!("cables.csv#{}", i + 1)
        } else {
            rel_path.rsplit('/').next().unwrap_or("").to_string()
        };
        let truth = json!({
            "file": file,
            "path": rel_path,
            "kind": "cable",
            "title": c.subject,
            "date": c.created.format("%Y-%m-%d").to_string(),
            "outlet": c.post.origin,
            "classification": c.level,
            "caveats": c.caveats,
            "persons": c.persons,
            "organizations": c.orgs,
            "places": c.places,
            "cable": {
                "ref": c.reference,
                "released": c.released.get(..10),
                "origin": c.post.from,
                "dtg": c.dtg,
                "tags": c.tags,
                "classified_by": c.classified_by,
                "signature": c.signature,
            },
        });
        Document {
            format,
            rel_path,
            bytes,
            truth,
        }
    }

    fn cable_draft(&self, rng: &mut Rng, i: u64) -> CableDraft {
        let v = &self.vocab;
        let post: &'static Post = rng.pick(POSTS);
        let day = if rng.chance(0.9) {
            NaiveDate::from_ymd_opt(2004, 1, 1).unwrap_or_default()
                + Duration::days(rng.below(2250) as i64)
        } else {
            NaiveDate::from_ymd_opt(1966, 1, 1).unwrap_or_default()
                + Duration::days(rng.below(13_500) as i64)
        };
        let created = day
            .and_hms_opt(rng.below(24) as u32, rng.below(60) as u32, 0)
            .unwrap_or_default();
        let released = (NaiveDate::from_ymd_opt(2010, 11, 28).unwrap_or_default()
            + Duration::days(rng.below(280) as i64))
        .and_hms_opt(rng.below(24) as u32, rng.below(60) as u32, 0)
        .unwrap_or_default()
        .format("%Y-%m-%d %H:%M")
        .to_string();
        let serial = 100 + i;
        let reference = format!("{:02}{}{}", created.year() % 100, post.ref_name, serial);
        let level = match rng.below(100) {
            0..=34 => "UNCLASSIFIED",
            35..=79 => "CONFIDENTIAL",
            _ => "SECRET",
        };
        let unclass = level == "UNCLASSIFIED";
        let noforn = !unclass && rng.chance(0.3);
        let sipdis = created.year() >= 2006 && rng.chance(0.85);
        let exdis = level == "SECRET" && rng.chance(0.1);
        let sbu = unclass && rng.chance(0.4);
        let fouo = unclass && !sbu && rng.chance(0.1);
        let mut caveats: Vec<&str> = Vec::new();
        if noforn {
            caveats.push("NOFORN");
        }
        if sipdis {
            caveats.push("SIPDIS");
        }
        if exdis {
            caveats.push("EXDIS");
        }
        if sbu {
            caveats.push("SBU");
        }
        if fouo {
            caveats.push("FOUO");
        }
        let plusd_class = match (noforn, fouo) {
            (true, _) if rng.chance(0.5) => format!("{level}//NOFORN"),
            (_, true) => "UNCLASSIFIED//FOR OFFICIAL USE ONLY".to_string(),
            _ => level.to_string(),
        };
        let (title, signer) = *rng.pick(SIGNERS);
        let signature = signer.rsplit(' ').next().unwrap_or(signer).to_uppercase();
        let mut cast = Cast::draw(rng, Some(post.place));
        cast.persons.push(Actor {
            canonical: signer.into(),
            full: vec![signer.into()],
            short: vec![signer.into()],
            role: String::new(),
            mentions: 0,
        });
        let subject = match rng.below(3) {
            0 => format!("{} ON {}", cast.person(rng), v.fragment(rng, 3, 8)),
            1 => format!("{}: {}", cast.place(rng), v.fragment(rng, 4, 9)),
            _ => v.fragment(rng, 5, 11),
        }
        .to_uppercase();
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..rng.range(1, 4) {
            let t = rng.pick(TAGS).to_string();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        tags.push(post.country_tag.to_string());
        let dtg = format!(
            "{:02}{}Z {} {:02}",
            created.day(),
            created.format("%H%M"),
            MONTHS[created.month0() as usize],
            created.year() % 100
        );
        let marks: &[&str] = match (level, noforn) {
            ("SECRET", true) => &["S/NF", "S/NF", "C", "S"],
            ("SECRET", false) => &["S", "C", "U"],
            ("CONFIDENTIAL", true) => &["C/NF", "C/NF", "C", "SBU"],
            ("CONFIDENTIAL", false) => &["C", "C", "SBU", "U"],
            _ if sbu => &["SBU", "SBU", "U"],
            _ => &["U"],
        };
        let classified_by = (!unclass).then(|| format!("{title} {signer}"));
        let target = body_target(rng);
        let paras = cast.paragraphs(rng, v, target);
        // The signer is named in the participants paragraph, as the seed cable does.
        let signer_named = cast
            .persons
            .iter()
            .any(|a| a.canonical == signer && a.mentions > 0);
        let (mut persons, orgs, places) = cast.truth();
        if !signer_named {
            persons.push(signer.to_string());
        }

        let (prec, class_letters, spaced) = match level {
            "SECRET" => ("P", "SSSSS", "S E C R E T"),
            "CONFIDENTIAL" => ("R", "CCCCC", "C O N F I D E N T I A L"),
            _ => ("R", "UUUUU", "UNCLAS"),
        };
        let mut header = String::new();
        let _ = write!(header, "VZCZCXYZ{:04}\n{prec}{prec} RUEHWEB\n\nDE {} #{:04}/01 {:03}{}\nZNY {class_letters} ZZH\n{prec} {dtg}\nFM {}\nTO RUEHC/SECSTATE WASHDC {}{}\nINFO ",
            rng.below(10_000), post.routing, serial % 10_000, created.ordinal(), created.format("%H%M"), post.from,
            if prec == "P" { "PRIORITY " } else { "" }, rng.range(1000, 9999));
        for k in 0..rng.range(1, 6) {
            let p = rng.pick(POSTS);
            let _ = write!(
                header,
                "{}{}/{} {}",
                if k > 0 { "\n" } else { "" },
                p.routing,
                p.from,
                rng.range(1000, 9999)
            );
        }
        let mut body = String::new();
        let sections = 1 + target / 6000;
        let sect = if sections > 1 {
            format!(" SECTION 01 OF {sections:02}")
        } else {
            String::new()
        };
        let _ = write!(body, "{spaced}{sect} {} {:06} \n\n", post.ref_name, serial);
        if noforn && rng.chance(0.5) {
            body.push_str("NOFORN \n");
        }
        if sbu {
            body.push_str("SENSITIVE \n");
        }
        if fouo {
            body.push_str("FOR OFFICIAL USE ONLY \n");
        }
        if sipdis {
            body.push_str("SIPDIS \n");
        }
        if exdis {
            body.push_str("EXDIS \n");
        }
        body.push('\n');
        if rng.chance(0.5) {
            body.push_str("DEPARTMENT FOR NEA/ELA, S/CT, INR \n\n");
        }
        let decl = format!("{}/{}", created.format("%m/%d"), created.year() + 10);
        if rng.chance(0.5) {
            let _ = write!(
                body,
                "E.O. 12958: DECL: {decl} \nTAGS: {} \n",
                tags.join(", ")
            );
        } else {
            let _ = write!(body, "EO 12958 DECL: {decl} \nTAGS {} \n", tags.join(", "));
        }
        let _ = write!(
            body,
            "{} \n\n",
            wrap(&format!("SUBJECT: {subject}"), 60).replace('\n', " \n")
        );
        let mut refs = Vec::new();
        if rng.chance(0.4) {
            for _ in 0..rng.range(1, 3) {
                let p = rng.pick(POSTS);
                refs.push(format!(
                    "{:02}{}{}",
                    (created.year() - 1) % 100,
                    p.ref_name,
                    rng.range(100, 9999)
                ));
            }
            let letters = ["A", "B", "C"];
            let list: Vec<String> = refs
                .iter()
                .enumerate()
                .map(|(k, r)| format!("{}. {r}", letters[k]))
                .collect();
            let _ = write!(body, "REF: {} \n\n", list.join(" "));
        }
        if let Some(by) = &classified_by {
            let _ = write!(body, "Classified By: {by} for Reasons 1.4 (b) and (d).\n\n");
        }
        let upper = created.year() < 2000;
        let n = paras.len();
        for (k, p) in paras.iter().enumerate() {
            let mark = if k == 0 { marks[0] } else { *rng.pick(marks) };
            let text = if k == 0 {
                format!("SUMMARY: {p} End summary.")
            } else {
                p.clone()
            };
            let _ = write!(
                body,
                "{}. ({mark}) {}\n\n",
                k + 1,
                if upper { text.to_uppercase() } else { text }
            );
        }
        let _ = write!(
            body,
            "{}. ({}) U.S. participants: {title} {signer}\n\n{signature}\n",
            n + 1,
            marks[marks.len() - 1]
        );
        CableDraft {
            reference,
            created,
            released,
            level,
            caveats,
            plusd_class,
            post,
            header,
            body,
            subject,
            tags,
            dtg,
            classified_by,
            signature,
            persons,
            orgs,
            places,
            refs,
        }
    }

    fn viewer_page(&self, c: &CableDraft) -> String {
        let mut h = String::with_capacity(self.viewer_chrome.len() + c.body.len() * 11 / 10 + 2048);
        h.push_str("<?xml version='1.0' encoding='utf-8' ?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>\n<head>\n<title>Cable Viewer</title>\n<link href='/static/css/cables.css' rel='stylesheet' type='text/css' />\n</head>\n<body>\n<div class='main'>\n");
        h.push_str(&self.viewer_chrome);
        let _ = write!(
            h,
            "<div class='pane big'>\n<h3>Viewing cable {}, {}</h3>\n",
            c.reference,
            html_escape(&c.subject)
        );
        h.push_str("<div>\nIf you are new to these pages, please read an introduction on the <a href=\"#help_1\" onclick=\"return sh(1);\">structure of a cable</a> as well as how to <a href=\"#help_2\" onclick=\"return sh(2);\">discuss them</a> with others. See also the <a href=\"/static/html/faq.html\">FAQs</a>\n<br />\n</div>\n");
        let year_month = c.created.format("%Y/%m");
        let _ = write!(h, "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>\n<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n<td>\n<a href='/cable/{year_month}/{r}.html'>{r}</a>\n</td>\n<td>\n<a href='/date/{}_0.html'>{}</a>\n</td>\n<td>\n<a href='/reldate/{}_0.html'>{}</a>\n</td>\n<td>\n<a href='/classification/1_0.html' title='{}'>{}</a>\n</td>\n<td>\n<a href='/origin/52_0.html'>{}</a>\n</td>\n</tr>\n</table>\n",
            c.created.format("%Y-%m"), c.created.format("%Y-%m-%d %H:%M"), c.released.get(..10).unwrap_or(""), c.released,
            c.level.to_lowercase(), c.plusd_class, c.post.origin, r = c.reference);
        let _ = writeln!(
            h,
            "<code><pre>{}</pre></code>",
            html_escape(&c.header).replace('\n', "&#x000A;")
        );
        let mut body = String::with_capacity(c.body.len() * 11 / 10);
        for line in wrap(&c.body, 69).split('\n') {
            let line = html_escape(line);
            if let Some(rest) = line.strip_prefix("TAGS") {
                body.push_str("TAGS");
                let (sep, list) = rest.split_at(
                    rest.find(|ch: char| ch.is_ascii_uppercase())
                        .unwrap_or(rest.len()),
                );
                body.push_str(sep);
                let links: Vec<String> = list
                    .split([',', ' '])
                    .filter(|t| !t.is_empty())
                    .map(|t| format!("<a href='/tag/{t}_0.html'>{t}</a>"))
                    .collect();
                body.push_str(&links.join(" "));
            } else if let Some(num) = line
                .split_once(". (")
                .map(|(n, _)| n)
                .filter(|n| !n.is_empty() && n.len() < 4 && n.bytes().all(|b| b.is_ascii_digit()))
            {
                let _ = write!(body, "<a id='par{num}' href='#par{num}'>¶</a>{line}");
            } else {
                body.push_str(&line);
            }
            body.push_str("&#x000A;");
        }
        let _ = write!(h, "<code><pre>{body}</pre></code>\n</div>\n</div>\n<script src='/static/js/js.js' type='text/javascript'></script>\n</body>\n</html>\n");
        h
    }
}

/// A cable before it is laid out in one of its three formats.
struct CableDraft {
    reference: String,
    created: chrono::NaiveDateTime,
    released: String,
    level: &'static str,
    caveats: Vec<&'static str>,
    plusd_class: String,
    post: &'static Post,
    header: String,
    body: String,
    subject: String,
    tags: Vec<String>,
    dtg: String,
    classified_by: Option<String>,
    signature: String,
    persons: Vec<String>,
    orgs: Vec<String>,
    places: Vec<String>,
    refs: Vec<String>,
}

/// One row of the Cablegate dump: eight quoted fields, quotes escaped with a backslash
/// (as the published `cables.csv` does, not by doubling), line breaks kept in fields.
fn csv_row(seq: u64, c: &CableDraft) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let date = format!(
        "{}/{}/{} {}",
        c.created.month(),
        c.created.day(),
        c.created.year(),
        c.created.format("%H:%M")
    );
    format!(
        "{},{},{},{},{},{},{},{}\n",
        q(&seq.to_string()),
        q(&date),
        q(&c.reference),
        q(c.post.origin),
        q(&c.plusd_class),
        q(&c.refs.join("|")),
        q(&c.header),
        q(&wrap(&c.body, 69)),
    )
}

/// The cable viewer's navigation pane: the same on every page, a few KB, as on the site.
fn viewer_chrome() -> String {
    let mut h = String::from("<div class='pane small'>\n<a href='/support.html'>\n<img alt='Keep Us Strong' src='/img/ja-cg.jpg' />\n</a>\n<a href='/index.html'>\n<img alt='WikiLeaks logo' src='/static/gfx/WL_Hour_Glass_small.png' />\n<p>Currently released so far... 1295 / 251,287</p>\n</a>\n<div id='browse'>\n<h3>Browse latest releases</h3>\n<div class='sort'>\n");
    for d in 0..14 {
        let day = NaiveDate::from_ymd_opt(2010, 11, 28).unwrap_or_default() + Duration::days(d);
        let _ = writeln!(
            h,
            "<a href='/reldate/{}_0.html'>{}</a>",
            day.format("%Y-%m-%d"),
            day.format("%Y/%m/%d")
        );
    }
    h.push_str("</div>\n<h3>Browse by creation <a href='#year_1966' onclick='return sha(0);'>date</a></h3>\n<div class='pick'>\n");
    for y in [
        1966, 1972, 1975, 1979, 1986, 1988, 1989, 1990, 2000, 2001, 2002, 2003, 2004, 2005, 2006,
        2007, 2008, 2009, 2010,
    ] {
        let _ = writeln!(
            h,
            "<a class='sort' href='#year_{y}' onclick=\"return swap('year_{y}');\">{:02}</a>",
            y % 100
        );
    }
    h.push_str("</div>\n");
    for y in 2004..=2010 {
        let _ = writeln!(h, "<div class='sort' id='year_{y}'>");
        for m in 1..=12 {
            let _ = writeln!(h, "<a href='/date/{y}-{m:02}_0.html'>{y}/{m:02}</a>");
        }
        h.push_str("</div>\n");
    }
    h.push_str("<h3>Browse by <a href='#by_A' onclick='return sha(1);'>origin</a></h3>\n<div class='sort'>\n");
    for p in POSTS {
        let _ = writeln!(
            h,
            "<a href='/origin/{}_0.html'>{}</a>",
            p.ref_name.to_lowercase(),
            p.origin
        );
    }
    h.push_str("</div>\n<h3>Browse by <a href='#tag_A' onclick='return sha(2);'>tag</a></h3>\n<div class='sort'>\n");
    for t in TAGS {
        let _ = writeln!(h, "<a href='/tag/{t}_0.html'>{t}</a>");
    }
    h.push_str("</div>\n</div>\n<p>\n<i>\ncourage is contagious\n</i>\n</p>\n</div>\n");
    h
}
