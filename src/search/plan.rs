//! From a parsed [`Expr`] to a Tantivy query, the highlight patterns and `--explain`.
//!
//! Every plain word searches `title` and `body` as analysed (stems) and their folded
//! shadows (skeletons), so any transliteration finds the others; the exact fields
//! carry more weight, so exact spellings rank first. Field clauses on facets go
//! through the [`Resolver`], so `outlet:mee` and `actor:"ali mamluk"` reach the
//! canonical values.
//!
//! Why one file of 600 lines: each clause kind's Tantivy query and its `--explain`
//! text are written side by side, so that what is searched and what is said to be
//! searched cannot drift apart.

use std::ops::Bound;

use anyhow::Result;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, ExistsQuery, FuzzyTermQuery,
    Occur, PhraseQuery, Query, RangeQuery, RegexQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::Term;

use super::date::period;
use super::query::{Clause, Expr, QueryError, Value};
use super::resolve::{levenshtein, Resolver};
use super::snippet::{Highlight, Pattern};
use crate::index::analyzers::{folded_analyzer, text_analyzer};
use crate::index::facet::{self, FACETS};
use crate::index::schema::tantivy_date;
use crate::index::Fields;
use crate::text::normalize::ascii_fold;

/// Weight of a title match relative to a body match.
const TITLE_BOOST: f32 = 2.0;
/// The shortest skeleton that variant spellings are searched by.
const MIN_SKELETON: usize = 3;

/// Weight of a folded (variant spelling) match relative to an exact one.
const FOLDED_BOOST: f32 = 0.5;

/// A query ready to run.
pub struct Plan {
    pub query: Box<dyn Query>,
    pub highlight: Highlight,
    /// How each clause was understood, for `--explain`.
    pub explain: Vec<String>,
    /// Things the user should know (a value no document has, a dropped clause).
    pub notes: Vec<String>,
}

/// What a query field name refers to.
#[derive(Debug, Clone, Copy)]
enum Target {
    Text { title: bool, body: bool },
    Facet(&'static str, Field),
    Key(Field),
    Date,
}

/// Field names a query may use, for error hints.
fn query_fields() -> String {
    let facets: Vec<&str> = FACETS.iter().map(|f| f.name).collect();
    format!("title body {} date id path", facets.join(" "))
}

/// The facet a user's word names (`orgs`, `level`, `country`), by its canonical name.
pub fn facet_name(name: &str) -> Option<&'static str> {
    facet::named(name).map(|f| f.name)
}

/// Turns expressions into Tantivy queries against one index.
pub struct Planner<'a> {
    fields: Fields,
    resolver: &'a Resolver<'a>,
    query: &'a str,
    text: TextAnalyzer,
    folded: TextAnalyzer,
    highlight: Highlight,
    explain: Vec<String>,
    notes: Vec<String>,
}

impl<'a> Planner<'a> {
    pub fn new(fields: Fields, resolver: &'a Resolver<'a>, query: &'a str) -> Planner<'a> {
        Planner {
            fields,
            resolver,
            query,
            text: text_analyzer(),
            folded: folded_analyzer(),
            highlight: Highlight::default(),
            explain: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Plans a whole query; a query with nothing searchable left is an error.
    pub fn plan(mut self, expr: &Expr) -> Result<Plan> {
        self.explain.push(format!("query: {expr}"));
        let query =
            match self.compile(expr, false)? {
                Some(query) => query,
                None => return Err(QueryError::new(
                    self.query,
                    0,
                    "nothing searchable in the query",
                )
                .hint("give words, \"phrases\" or field:value; punctuation alone is ignored")
                .into()),
            };
        Ok(Plan {
            query,
            highlight: self.highlight,
            explain: self.explain,
            notes: self.notes,
        })
    }

    /// `None` when the expression has nothing to search (punctuation only).
    fn compile(&mut self, expr: &Expr, negated: bool) -> Result<Option<Box<dyn Query>>> {
        Ok(match expr {
            Expr::All => Some(Box::new(AllQuery)),
            Expr::Clause(clause) => self.clause(clause, negated)?,
            Expr::Not(inner) => self
                .compile(inner, !negated)?
                .map(|q| all_but(q) as Box<dyn Query>),
            Expr::And(items) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for item in items {
                    let (occur, inner) = match item {
                        Expr::Not(inner) => (Occur::MustNot, self.compile(inner, !negated)?),
                        _ => (Occur::Must, self.compile(item, negated)?),
                    };
                    if let Some(q) = inner {
                        clauses.push((occur, q));
                    }
                }
                if clauses.is_empty() {
                    return Ok(None);
                }
                // A query of exclusions alone means "everything but".
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Some(Box::new(BooleanQuery::new(clauses)))
            }
            Expr::Or(items) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for item in items {
                    if let Some(q) = self.compile(item, negated)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                if clauses.is_empty() {
                    return Ok(None);
                }
                Some(Box::new(BooleanQuery::new(clauses)))
            }
        })
    }

    fn clause(&mut self, clause: &Clause, negated: bool) -> Result<Option<Box<dyn Query>>> {
        let target = match clause.field.as_deref() {
            None => Target::Text {
                title: true,
                body: true,
            },
            Some(name) => self.target(name, clause.offset)?,
        };
        let (query, description) = match target {
            Target::Text { title, body } => {
                match self.text_clause(&clause.value, title, body, negated, clause.offset)? {
                    Some(pair) => pair,
                    None => {
                        self.explain
                            .push(format!("  {clause}  →  (no words: ignored)"));
                        return Ok(None);
                    }
                }
            }
            Target::Facet(name, field) => self.facet_clause(name, field, &clause.value)?,
            Target::Key(field) => self.key_clause(field, &clause.value, clause.offset)?,
            Target::Date => self.date_clause(&clause.value, clause.offset)?,
        };
        self.explain.push(format!("  {clause}  →  {description}"));
        Ok(Some(query))
    }

    fn target(&self, name: &str, offset: usize) -> Result<Target> {
        let f = &self.fields;
        Ok(match name {
            "title" => Target::Text {
                title: true,
                body: false,
            },
            "body" | "text" => Target::Text {
                title: false,
                body: true,
            },
            "date" => Target::Date,
            "id" | "ref" => Target::Key(f.id),
            "path" => Target::Key(f.path),
            "file" => Target::Key(f.file),
            _ => match facet_name(name).and_then(|n| Some((n, f.facet(n)?))) {
                Some((n, field)) => Target::Facet(n, field),
                None => {
                    return Err(QueryError::new(
                        self.query,
                        offset,
                        format!("unknown field {name:?}"),
                    )
                    .hint(format!(
                        "fields are: {}; to search the words, quote them: \"{name}:...\"",
                        query_fields()
                    ))
                    .into())
                }
            },
        })
    }

    fn analyse(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    fn text_clause(
        &mut self,
        value: &Value,
        title: bool,
        body: bool,
        negated: bool,
        offset: usize,
    ) -> Result<Option<(Box<dyn Query>, String)>> {
        let f = self.fields;
        let pairs: Vec<(Field, Field, f32)> = [
            (title, f.title, f.title_folded, TITLE_BOOST),
            (body, f.body, f.body_folded, 1.0),
        ]
        .into_iter()
        .filter(|p| p.0)
        .map(|(_, exact, folded, boost)| (exact, folded, boost))
        .collect();
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut parts: Vec<String> = Vec::new();
        let pattern = match value {
            Value::Term(text) | Value::Phrase { text, .. } => {
                let slop = match value {
                    Value::Phrase { slop, .. } => *slop,
                    _ => 0,
                };
                let stems = Self::analyse(&mut self.text, text);
                let mut skeletons = Self::analyse(&mut self.folded, text);
                // `aoun` folds to `an`, as `AN`, `ON` and `ANA` do: a skeleton of two
                // letters or fewer tells no name from another, so only the exact
                // spelling is searched.
                if skeletons.iter().any(|s| s.len() < MIN_SKELETON) {
                    skeletons.clear();
                }
                if stems.is_empty() {
                    return Ok(None);
                }
                for &(exact, folded, boost) in &pairs {
                    should.push((
                        Occur::Should,
                        boosted(words_query(exact, &stems, slop), boost),
                    ));
                    parts.push(describe(&self.fields, exact, &stems, boost));
                    if !skeletons.is_empty() {
                        let fboost = boost * FOLDED_BOOST;
                        should.push((
                            Occur::Should,
                            boosted(words_query(folded, &skeletons, slop), fboost),
                        ));
                        parts.push(describe(&self.fields, folded, &skeletons, fboost));
                    }
                }
                Pattern::Words {
                    stems,
                    skeletons: (!skeletons.is_empty()).then_some(skeletons),
                }
            }
            Value::Prefix(prefix) => {
                let lower = ascii_fold(prefix);
                if lower.is_empty() || !lower.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(QueryError::new(
                        self.query,
                        offset,
                        "a prefix must be letters or digits of one word",
                    )
                    .hint("assa* finds Assad; quote other text: \"9/11\"")
                    .into());
                }
                let pattern = format!("{}.*", regex::escape(&lower));
                for &(exact, _, boost) in &pairs {
                    let query = RegexQuery::from_pattern(&pattern, exact)?;
                    should.push((Occur::Should, boosted(Box::new(query), boost)));
                    parts.push(format!("{}:{lower}*", self.name(exact)));
                }
                Pattern::Prefix(lower)
            }
            Value::Fuzzy { text, distance } => {
                let stems = Self::analyse(&mut self.text, text);
                let [stem] = stems.as_slice() else {
                    return Err(QueryError::new(
                        self.query,
                        offset,
                        "fuzzy matching applies to one word",
                    )
                    .hint("assad~1, not \"two words\"~1")
                    .into());
                };
                for &(exact, _, boost) in &pairs {
                    let term = Term::from_field_text(exact, stem);
                    let query = FuzzyTermQuery::new(term, *distance, true);
                    should.push((Occur::Should, boosted(Box::new(query), boost)));
                    parts.push(format!("{}:{stem}~{distance}", self.name(exact)));
                }
                Pattern::Fuzzy {
                    stem: stem.clone(),
                    distance: *distance,
                }
            }
            Value::Range { .. } | Value::Any => {
                return Err(
                    QueryError::new(self.query, offset, "ranges and * need a field")
                        .hint("date:[2018 TO 2019], year:[2015 TO 2018], outlet:*")
                        .into(),
                )
            }
        };
        if !negated {
            self.highlight.patterns.push(pattern);
        }
        Ok(Some((
            Box::new(BooleanQuery::new(should)),
            parts.join(" | "),
        )))
    }

    fn name(&self, field: Field) -> &'static str {
        field_name(&self.fields, field)
    }

    fn facet_clause(
        &mut self,
        name: &str,
        field: Field,
        value: &Value,
    ) -> Result<(Box<dyn Query>, String)> {
        let values = self.resolver.values(field)?;
        let chosen: Vec<String> = match value {
            Value::Term(text) | Value::Phrase { text, .. } => {
                match self.resolver.resolve(name, field, text) {
                    Ok(found) => found,
                    Err(err) => {
                        self.notes.push(err.to_string());
                        Vec::new()
                    }
                }
            }
            Value::Prefix(prefix) => {
                let lower = ascii_fold(prefix);
                values
                    .iter()
                    .filter(|v| ascii_fold(v).starts_with(&lower))
                    .cloned()
                    .collect()
            }
            Value::Fuzzy { text, distance } => {
                let lower = ascii_fold(text);
                values
                    .iter()
                    .filter(|v| levenshtein(&ascii_fold(v), &lower) <= usize::from(*distance))
                    .cloned()
                    .collect()
            }
            Value::Any => {
                let query = ExistsQuery::new(name.to_string(), false);
                return Ok((Box::new(query), format!("{name} has a value")));
            }
            Value::Range { lower, upper } => values
                .iter()
                .filter(|v| within(v, lower, upper))
                .cloned()
                .collect(),
        };
        let description = if chosen.is_empty() {
            format!("{name}: no such value (matches nothing)")
        } else {
            format!(
                "{name} = {}",
                chosen
                    .iter()
                    .map(|v| format!("{v:?}"))
                    .collect::<Vec<_>>()
                    .join(" OR ")
            )
        };
        Ok((facet_query(field, &chosen), description))
    }

    fn key_clause(
        &mut self,
        field: Field,
        value: &Value,
        offset: usize,
    ) -> Result<(Box<dyn Query>, String)> {
        let name = self.name(field);
        match value {
            Value::Term(text) | Value::Phrase { text, .. } => {
                let values = self.resolver.values(field)?;
                let mut chosen: Vec<String> = Vec::new();
                if values.binary_search(text).is_ok() {
                    chosen.push(text.clone());
                } else {
                    let lower = text.to_lowercase();
                    chosen.extend(values.iter().filter(|v| v.to_lowercase() == lower).cloned());
                }
                Ok((facet_query(field, &chosen), format!("{name} = {chosen:?}")))
            }
            Value::Prefix(prefix) => {
                let pattern = format!("{}.*", regex::escape(prefix));
                let query = RegexQuery::from_pattern(&pattern, field)?;
                Ok((
                    Box::new(ConstScoreQuery::new(Box::new(query), 1.0)),
                    format!("{name} starts with {prefix:?}"),
                ))
            }
            _ => Err(QueryError::new(
                self.query,
                offset,
                format!("{name}: takes a value or a prefix"),
            )
            .hint(format!("{name}:VALUE or {name}:PREFIX*"))
            .into()),
        }
    }

    fn date_clause(&mut self, value: &Value, offset: usize) -> Result<(Box<dyn Query>, String)> {
        let bad = |message: String| -> anyhow::Error {
            QueryError::new(self.query, offset, message)
                .hint("date:2018, date:2018-06, date:[2018-01 TO 2019-06], date:>=2010-02-24")
                .into()
        };
        let (lower, upper) = match value {
            Value::Term(text) | Value::Prefix(text) | Value::Phrase { text, .. } => {
                let p = period(text).map_err(bad)?;
                (Bound::Included(p.start), Bound::Excluded(p.end))
            }
            Value::Range { lower, upper } => {
                let lower = match lower {
                    Bound::Included(t) => Bound::Included(period(t).map_err(bad)?.start),
                    Bound::Excluded(t) => Bound::Included(period(t).map_err(bad)?.end),
                    Bound::Unbounded => Bound::Unbounded,
                };
                let upper = match upper {
                    Bound::Included(t) => Bound::Excluded(period(t).map_err(bad)?.end),
                    Bound::Excluded(t) => Bound::Excluded(period(t).map_err(bad)?.start),
                    Bound::Unbounded => Bound::Unbounded,
                };
                (lower, upper)
            }
            Value::Any => {
                return Ok((
                    Box::new(ExistsQuery::new("date".into(), false)),
                    "has a date".into(),
                ));
            }
            Value::Fuzzy { .. } => return Err(bad("a date cannot be fuzzy".into())),
        };
        let description = describe_days(&lower, &upper);
        Ok((date_range(self.fields.date, lower, upper), description))
    }
}

/// Documents dated in `[lower, upper)` days; everything when both are open.
pub fn date_range(
    field: Field,
    lower: Bound<chrono::NaiveDate>,
    upper: Bound<chrono::NaiveDate>,
) -> Box<dyn Query> {
    if matches!((&lower, &upper), (Bound::Unbounded, Bound::Unbounded)) {
        return Box::new(ExistsQuery::new("date".into(), false));
    }
    let term = |d: chrono::NaiveDate| Term::from_field_date(field, tantivy_date(d));
    let lower = match lower {
        Bound::Included(d) => Bound::Included(term(d)),
        Bound::Excluded(d) => Bound::Excluded(term(d)),
        Bound::Unbounded => Bound::Unbounded,
    };
    let upper = match upper {
        Bound::Included(d) => Bound::Included(term(d)),
        Bound::Excluded(d) => Bound::Excluded(term(d)),
        Bound::Unbounded => Bound::Unbounded,
    };
    Box::new(ConstScoreQuery::new(
        Box::new(RangeQuery::new(lower, upper)),
        1.0,
    ))
}

fn describe_days(lower: &Bound<chrono::NaiveDate>, upper: &Bound<chrono::NaiveDate>) -> String {
    let low = match lower {
        Bound::Included(d) => format!("from {d}"),
        _ => "from the start".into(),
    };
    let high = match upper {
        Bound::Excluded(d) => format!("before {d}"),
        _ => "on".into(),
    };
    format!("date {low} {high}")
}

/// Exact values of a raw field, any of them; matches nothing for no values.
pub fn facet_query(field: Field, values: &[String]) -> Box<dyn Query> {
    if values.is_empty() {
        return Box::new(EmptyQuery);
    }
    let terms = values.iter().map(|v| Term::from_field_text(field, v));
    Box::new(ConstScoreQuery::new(
        Box::new(TermSetQuery::new(terms)),
        1.0,
    ))
}

/// Every document except those of `query`.
fn all_but(query: Box<dyn Query>) -> Box<BooleanQuery> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(AllQuery)),
        (Occur::MustNot, query),
    ]))
}

/// A word (term query) or several words (phrase) in one analysed field.
fn words_query(field: Field, words: &[String], slop: u32) -> Box<dyn Query> {
    if let [word] = words {
        let term = Term::from_field_text(field, word);
        return Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
    }
    let terms = words
        .iter()
        .map(|w| Term::from_field_text(field, w))
        .collect();
    let mut phrase = PhraseQuery::new(terms);
    phrase.set_slop(slop);
    Box::new(phrase)
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

fn within(value: &str, lower: &Bound<String>, upper: &Bound<String>) -> bool {
    let above = match lower {
        Bound::Included(l) => value >= l.as_str(),
        Bound::Excluded(l) => value > l.as_str(),
        Bound::Unbounded => true,
    };
    let below = match upper {
        Bound::Included(u) => value <= u.as_str(),
        Bound::Excluded(u) => value < u.as_str(),
        Bound::Unbounded => true,
    };
    above && below
}

fn describe(fields: &Fields, field: Field, words: &[String], boost: f32) -> String {
    let name = field_name(fields, field);
    let text = if words.len() == 1 {
        words[0].clone()
    } else {
        format!("{:?}", words.join(" "))
    };
    if boost == 1.0 {
        format!("{name}:{text}")
    } else {
        format!("{name}:{text}^{boost}")
    }
}

fn field_name(fields: &Fields, field: Field) -> &'static str {
    let f = fields;
    [
        (f.title, "title"),
        (f.body, "body"),
        (f.title_folded, "title_folded"),
        (f.body_folded, "body_folded"),
        (f.id, "id"),
        (f.path, "path"),
        (f.file, "file"),
    ]
    .into_iter()
    .find(|(candidate, _)| *candidate == field)
    .map_or("field", |(_, name)| name)
}
