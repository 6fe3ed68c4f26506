//! The query front-end: DESIGN's Lucene-style syntax parsed into an [`Expr`] tree.
//!
//! Tantivy's own parser turns `assa*` into `assa`, `assad~1` into a phrase, wants
//! RFC 3339 dates, gives no error position and recurses without a limit. This parser
//! runs first and owns the syntax; `plan` turns its tree into Tantivy queries.
//!
//! Grammar (AND binds tighter than OR; juxtaposition means AND):
//!
//! ```text
//! query   := or EOF
//! or      := and (("OR" | "||") and)*
//! and     := unary (("AND" | "&&")? unary)*
//! unary   := ("NOT" | "!" | "-" | "+")* primary
//! primary := "(" or ")" | FIELD ":" value | value
//! value   := "*" | WORD | WORD "*" | WORD "~" N? | '"' PHRASE '"' ("~" N)?
//!          | ("[" | "{") BOUND "TO" BOUND ("]" | "}") | (">" | ">=" | "<" | "<=") WORD
//!          | "(" or ")"            -- a group under one field: outlet:(A OR B)
//! ```

use std::fmt;
use std::ops::Bound;

use super::lex::{lex, word_suffix, Suffix, Tok, Token};

pub use super::error::QueryError;

/// Longest query accepted, in bytes: far above anything typed, far below what
/// could exhaust memory or time.
pub const MAX_QUERY_BYTES: usize = 64 * 1024;
/// Deepest nesting of parentheses: recursion is bounded, so no stack overflow.
pub const MAX_DEPTH: usize = 64;
/// Most leaf clauses in one query; each becomes several Tantivy clauses.
pub const MAX_CLAUSES: usize = 1024;

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `*`: every document.
    All,
    Clause(Clause),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

/// One leaf: a value, optionally under a field, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// Field name as the user wrote it, lower-cased; `None` = the text.
    pub field: Option<String>,
    pub value: Value,
    /// Byte offset of the clause in the query, for error messages.
    pub offset: usize,
}

/// What a clause matches.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Term(String),
    Phrase {
        text: String,
        slop: u32,
    },
    Prefix(String),
    Fuzzy {
        text: String,
        distance: u8,
    },
    Range {
        lower: Bound<String>,
        upper: Bound<String>,
    },
    /// `field:*`: documents with any value in the field.
    Any,
}

/// Parses a query string into an expression tree.
pub fn parse(query: &str) -> Result<Expr, QueryError> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(QueryError::new(
            query,
            MAX_QUERY_BYTES,
            format!(
                "query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
                query.len()
            ),
        )
        .hint("search for fewer terms at once, or use filters such as --outlet and --actor"));
    }
    let tokens = lex(query)?;
    let mut parser = Parser {
        query,
        tokens,
        pos: 0,
        clauses: 0,
    };
    if parser.tokens.is_empty() {
        return Err(QueryError::new(query, 0, "empty query")
            .hint("give some words to search for, or * for every document"));
    }
    let expr = parser.or(None, 0)?;
    if let Some(token) = parser.peek() {
        let offset = token.offset;
        let message = match token.kind {
            Tok::RParen => "unbalanced ')': no '(' opens it".to_string(),
            _ => format!("unexpected {}", token.kind.describe()),
        };
        return Err(QueryError::new(query, offset, message));
    }
    Ok(expr)
}

struct Parser<'q> {
    query: &'q str,
    tokens: Vec<Token>,
    pos: usize,
    clauses: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        token
    }

    /// Offset for "expected ... here" errors: the next token or the end.
    fn here(&self) -> usize {
        self.peek().map_or(self.query.len(), |t| t.offset)
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> QueryError {
        QueryError::new(self.query, offset, message)
    }

    fn or(&mut self, field: Option<&str>, depth: usize) -> Result<Expr, QueryError> {
        let mut alternatives = vec![self.and(field, depth)?];
        while let Some(Tok::Or) = self.peek().map(|t| &t.kind) {
            self.pos += 1;
            alternatives.push(self.and(field, depth)?);
        }
        Ok(flatten(alternatives, Expr::Or))
    }

    fn and(&mut self, field: Option<&str>, depth: usize) -> Result<Expr, QueryError> {
        let mut required = vec![self.unary(field, depth)?];
        loop {
            match self.peek().map(|t| &t.kind) {
                None | Some(Tok::Or) | Some(Tok::RParen) => break,
                Some(Tok::And) => {
                    self.pos += 1;
                }
                _ => {}
            }
            required.push(self.unary(field, depth)?);
        }
        Ok(flatten(required, Expr::And))
    }

    /// Negations are counted in a loop, not recursed into: `NOT NOT ... x` cannot
    /// overflow the stack either.
    fn unary(&mut self, field: Option<&str>, depth: usize) -> Result<Expr, QueryError> {
        let mut negations = 0usize;
        while let Some(kind) = self.peek().map(|t| &t.kind) {
            match kind {
                Tok::Not => negations += 1,
                Tok::Plus => {}
                _ => break,
            }
            self.pos += 1;
        }
        let expr = self.primary(field, depth)?;
        Ok(if negations % 2 == 1 {
            Expr::Not(Box::new(expr))
        } else {
            expr
        })
    }

    fn primary(&mut self, field: Option<&str>, depth: usize) -> Result<Expr, QueryError> {
        let Some(token) = self.next() else {
            return Err(self.error(self.query.len(), "the query ends where a term was expected"));
        };
        match token.kind {
            Tok::LParen => self.group(field, depth, token.offset),
            Tok::Field(name) => {
                if field.is_some() {
                    return Err(self
                        .error(token.offset, format!("field {name}: inside a field group"))
                        .hint("write outlet:(A OR B), not outlet:(kind:B)"));
                }
                if self.peek().is_none() {
                    return Err(self
                        .error(self.query.len(), format!("nothing after {name}:"))
                        .hint(format!(
                            "give a value: {name}:VALUE or {name}:\"two words\""
                        )));
                }
                self.value(&name, token.offset, depth)
            }
            Tok::Word(word) => self.word(field, word, token.offset),
            Tok::Quoted(text, slop) => self.leaf(field, Value::Phrase { text, slop }, token.offset),
            Tok::Compare(op) => self.compare(field, op, token.offset),
            Tok::RangeOpen(inclusive) => self.range(field, inclusive, token.offset),
            Tok::RParen => Err(self.error(token.offset, "unbalanced ')': no '(' opens it")),
            other => Err(self
                .error(
                    token.offset,
                    format!("expected a term, found {}", other.describe()),
                )
                .hint("quote operators to search them as words: \"and\"")),
        }
    }

    fn group(
        &mut self,
        field: Option<&str>,
        depth: usize,
        open: usize,
    ) -> Result<Expr, QueryError> {
        if depth + 1 > MAX_DEPTH {
            return Err(self
                .error(
                    open,
                    format!("parentheses nested deeper than {MAX_DEPTH} levels"),
                )
                .hint("flatten the query: (a OR b OR c) needs no inner parentheses"));
        }
        if matches!(self.peek().map(|t| &t.kind), Some(Tok::RParen)) {
            return Err(self.error(open, "empty parentheses"));
        }
        let inner = self.or(field, depth + 1)?;
        match self.next() {
            Some(Token {
                kind: Tok::RParen, ..
            }) => Ok(inner),
            _ => Err(self
                .error(open, "unbalanced '(': no ')' closes it")
                .hint("add the missing ')' or quote the text: \"(\"")),
        }
    }

    fn value(&mut self, field: &str, offset: usize, depth: usize) -> Result<Expr, QueryError> {
        match self.peek().map(|t| t.kind.clone()) {
            Some(Tok::LParen) => {
                let open = self.here();
                self.pos += 1;
                self.group(Some(field), depth, open)
            }
            Some(Tok::Word(_) | Tok::Quoted(..) | Tok::Compare(_) | Tok::RangeOpen(_)) => {
                let mut expr = self.primary(Some(field), depth)?;
                if let Expr::Clause(clause) = &mut expr {
                    clause.offset = offset;
                }
                Ok(expr)
            }
            _ => Err(self
                .error(self.here(), format!("expected a value after {field}:"))
                .hint(format!(
                    "{field}:VALUE, {field}:\"two words\" or {field}:(A OR B)"
                ))),
        }
    }

    fn word(
        &mut self,
        field: Option<&str>,
        word: String,
        offset: usize,
    ) -> Result<Expr, QueryError> {
        if word.chars().all(|c| c == '*') {
            return match field {
                None => Ok(Expr::All),
                Some(_) => self.leaf(field, Value::Any, offset),
            };
        }
        let (text, suffix) = word_suffix(&word).map_err(|(at, message)| {
            self.error(offset + at, message)
                .hint("prefix: assa*  fuzzy: assad~1  (wildcards only at the end of a word)")
        })?;
        let value = match suffix {
            Suffix::None => Value::Term(text),
            Suffix::Prefix => Value::Prefix(text),
            Suffix::Fuzzy(distance) => Value::Fuzzy { text, distance },
        };
        self.leaf(field, value, offset)
    }

    fn compare(
        &mut self,
        field: Option<&str>,
        op: &'static str,
        offset: usize,
    ) -> Result<Expr, QueryError> {
        let Some(Token {
            kind: Tok::Word(bound),
            ..
        }) = self.next()
        else {
            return Err(self.error(self.here(), format!("expected a value after '{op}'")));
        };
        let (lower, upper) = match op {
            ">" => (Bound::Excluded(bound), Bound::Unbounded),
            ">=" => (Bound::Included(bound), Bound::Unbounded),
            "<" => (Bound::Unbounded, Bound::Excluded(bound)),
            _ => (Bound::Unbounded, Bound::Included(bound)),
        };
        self.leaf(field, Value::Range { lower, upper }, offset)
    }

    fn range(
        &mut self,
        field: Option<&str>,
        inclusive: bool,
        offset: usize,
    ) -> Result<Expr, QueryError> {
        let syntax = "a range is written [2018 TO 2019-06], with * for an open end";
        let lower = self.range_bound(inclusive, syntax)?;
        match self.next() {
            Some(Token {
                kind: Tok::Word(w), ..
            }) if w == "TO" => {}
            other => {
                let at = other.map_or(self.query.len(), |t| t.offset);
                return Err(self.error(at, "expected TO in the range").hint(syntax));
            }
        }
        let upper_token = self.peek().cloned();
        let upper_word = match upper_token.as_ref().map(|t| &t.kind) {
            Some(Tok::Word(w)) => w.clone(),
            _ => {
                return Err(self
                    .error(self.here(), "expected the end of the range")
                    .hint(syntax))
            }
        };
        self.pos += 1;
        let close_inclusive = match self.next() {
            Some(Token {
                kind: Tok::RangeClose(inc),
                ..
            }) => inc,
            _ => {
                return Err(self
                    .error(offset, "unclosed range: no ']' or '}'")
                    .hint(syntax))
            }
        };
        let upper = bound(upper_word, close_inclusive);
        if field.is_none() {
            return Err(self
                .error(offset, "a range needs a field")
                .hint("date:[2018-01 TO 2019-06] or year:[2015 TO 2018]"));
        }
        self.leaf(field, Value::Range { lower, upper }, offset)
    }

    fn range_bound(&mut self, inclusive: bool, syntax: &str) -> Result<Bound<String>, QueryError> {
        match self.next() {
            Some(Token {
                kind: Tok::Word(w), ..
            }) if w != "TO" => Ok(bound(w, inclusive)),
            other => {
                let at = other.map_or(self.query.len(), |t| t.offset);
                Err(self
                    .error(at, "expected the start of the range")
                    .hint(syntax))
            }
        }
    }

    fn leaf(
        &mut self,
        field: Option<&str>,
        value: Value,
        offset: usize,
    ) -> Result<Expr, QueryError> {
        self.clauses += 1;
        if self.clauses > MAX_CLAUSES {
            return Err(self
                .error(
                    offset,
                    format!("more than {MAX_CLAUSES} terms in one query"),
                )
                .hint("narrow the search with filters (--outlet, --actor, --since) instead"));
        }
        Ok(Expr::Clause(Clause {
            field: field.map(str::to_string),
            value,
            offset,
        }))
    }
}

fn bound(word: String, inclusive: bool) -> Bound<String> {
    if word == "*" {
        Bound::Unbounded
    } else if inclusive {
        Bound::Included(word)
    } else {
        Bound::Excluded(word)
    }
}

fn flatten(mut items: Vec<Expr>, make: fn(Vec<Expr>) -> Expr) -> Expr {
    if items.len() == 1 {
        items.remove(0)
    } else {
        make(items)
    }
}

/// The canonical, fully bracketed form shown by `--explain`.
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::All => f.write_str("*"),
            Expr::Clause(clause) => clause.fmt(f),
            Expr::Not(inner) => write!(f, "NOT {inner}"),
            Expr::And(items) | Expr::Or(items) => {
                let op = if matches!(self, Expr::And(_)) {
                    " AND "
                } else {
                    " OR "
                };
                f.write_str("(")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(op)?;
                    }
                    item.fmt(f)?;
                }
                f.write_str(")")
            }
        }
    }
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(field) = &self.field {
            write!(f, "{field}:")?;
        }
        match &self.value {
            Value::Term(t) => write!(f, "{t}"),
            Value::Phrase { text, slop: 0 } => write!(f, "{text:?}"),
            Value::Phrase { text, slop } => write!(f, "{text:?}~{slop}"),
            Value::Prefix(p) => write!(f, "{p}*"),
            Value::Fuzzy { text, distance } => write!(f, "{text}~{distance}"),
            Value::Any => f.write_str("*"),
            Value::Range { lower, upper } => {
                let (open, low) = match lower {
                    Bound::Included(v) => ('[', v.as_str()),
                    Bound::Excluded(v) => ('{', v.as_str()),
                    Bound::Unbounded => ('[', "*"),
                };
                let (close, high) = match upper {
                    Bound::Included(v) => (']', v.as_str()),
                    Bound::Excluded(v) => ('}', v.as_str()),
                    Bound::Unbounded => (']', "*"),
                };
                write!(f, "{open}{low} TO {high}{close}")
            }
        }
    }
}
