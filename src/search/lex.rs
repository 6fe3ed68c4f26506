//! The query lexer: characters to tokens, and a word's `*` / `~` suffix read off.

use super::error::QueryError;

/// Largest edit distance of a fuzzy term (Tantivy's automata stop at 2).
pub(crate) const MAX_FUZZY: u8 = 2;

/// Largest phrase slop accepted: beyond it a phrase is just an AND.
const MAX_SLOP: u32 = 1000;

/// Tokens of the query language, with the byte offset where each starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Word(String),
    /// A quoted phrase and its slop (`"a b"~2`).
    Quoted(String, u32),
    /// `name:` just before a value.
    Field(String),
    LParen,
    RParen,
    /// `[` or `{`: inclusive or exclusive range start.
    RangeOpen(bool),
    /// `]` or `}`.
    RangeClose(bool),
    And,
    Or,
    Not,
    /// `+term`: required, the same as AND by default.
    Plus,
    /// `>`, `>=`, `<`, `<=` before a value.
    Compare(&'static str),
}

impl Tok {
    pub(crate) fn describe(&self) -> String {
        match self {
            Tok::Word(w) => format!("word {w:?}"),
            Tok::Quoted(..) => "phrase".to_string(),
            Tok::Field(f) => format!("field {f}:"),
            Tok::LParen => "'('".to_string(),
            Tok::RParen => "')'".to_string(),
            Tok::RangeOpen(_) => "range start '['".to_string(),
            Tok::RangeClose(_) => "range end ']'".to_string(),
            Tok::And => "AND".to_string(),
            Tok::Or => "OR".to_string(),
            Tok::Not => "NOT".to_string(),
            Tok::Plus => "'+'".to_string(),
            Tok::Compare(op) => format!("'{op}'"),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub kind: Tok,
    pub offset: usize,
}

/// What a word's last characters ask for: `assa*` a prefix, `assad~1` fuzzy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Suffix {
    None,
    Prefix,
    Fuzzy(u8),
}

/// Splits a query into tokens; the only lexical error is an unclosed quote.
pub(crate) fn lex(query: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let bytes = query.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let next = bytes.get(i + 1).copied();
        let single = match c {
            b'(' => Some(Tok::LParen),
            b')' => Some(Tok::RParen),
            b'[' => Some(Tok::RangeOpen(true)),
            b'{' => Some(Tok::RangeOpen(false)),
            b']' => Some(Tok::RangeClose(true)),
            b'}' => Some(Tok::RangeClose(false)),
            // A sign counts only when it sticks to what it negates: `a - b` keeps `-`.
            b'-' | b'!' if next.is_some_and(|n| !n.is_ascii_whitespace()) => Some(Tok::Not),
            b'+' if next.is_some_and(|n| !n.is_ascii_whitespace()) => Some(Tok::Plus),
            _ => None,
        };
        if let Some(kind) = single {
            tokens.push(Token {
                kind,
                offset: start,
            });
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if query[i..].starts_with("&&") || query[i..].starts_with("||") {
            let kind = if c == b'&' { Tok::And } else { Tok::Or };
            tokens.push(Token {
                kind,
                offset: start,
            });
            i += 2;
            continue;
        }
        if c == b'<' || c == b'>' {
            let op = match (c, next) {
                (b'>', Some(b'=')) => ">=",
                (b'<', Some(b'=')) => "<=",
                (b'>', _) => ">",
                _ => "<",
            };
            tokens.push(Token {
                kind: Tok::Compare(op),
                offset: start,
            });
            i += op.len();
            continue;
        }
        if c == b'"' {
            i = quoted(query, i, &mut tokens)?;
            continue;
        }
        i = word(query, i, &mut tokens);
    }
    Ok(tokens)
}

/// A quoted phrase starting at `open`; returns where lexing resumes.
fn quoted(query: &str, open: usize, tokens: &mut Vec<Token>) -> Result<usize, QueryError> {
    let bytes = query.as_bytes();
    let mut text = String::new();
    let mut i = open + 1;
    let mut closed = false;
    let mut chars = query[i..].char_indices();
    while let Some((at, ch)) = chars.next() {
        match ch {
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    text.push(escaped);
                }
            }
            '"' => {
                i = open + 1 + at + 1;
                closed = true;
                break;
            }
            _ => text.push(ch),
        }
    }
    if !closed {
        return Err(
            QueryError::new(query, open, "unbalanced quote: this '\"' is never closed")
                .hint("close the phrase with '\"', or escape a literal quote as \\\""),
        );
    }
    let mut slop = 0;
    if bytes.get(i) == Some(&b'~') {
        let digits: String = query[i + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        slop = digits.parse::<u32>().unwrap_or(MAX_SLOP).min(MAX_SLOP);
        if digits.is_empty() {
            slop = 2;
        }
        i += 1 + digits.len();
    }
    tokens.push(Token {
        kind: Tok::Quoted(text, slop),
        offset: open,
    });
    Ok(i)
}

/// A bare word starting at `start`, or `field:` before a value; returns where
/// lexing resumes.
fn word(query: &str, start: usize, tokens: &mut Vec<Token>) -> usize {
    let bytes = query.as_bytes();
    let mut i = start;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\\' {
            // Keep the escape for `word_value`; skip the whole escaped character.
            i += 1;
            i += query[i..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        if c.is_ascii_whitespace() || b"()\"[]{}".contains(&c) {
            break;
        }
        if c == b':' && is_field_name(&query[start..i]) {
            tokens.push(Token {
                kind: Tok::Field(query[start..i].to_ascii_lowercase()),
                offset: start,
            });
            return i + 1;
        }
        i += 1;
    }
    // `i` only stops at ASCII bytes or the end, so it is a char boundary.
    let text = &query[start..i];
    let kind = match text {
        "AND" => Tok::And,
        "OR" => Tok::Or,
        "NOT" => Tok::Not,
        _ => Tok::Word(text.to_string()),
    };
    tokens.push(Token {
        kind,
        offset: start,
    });
    i
}

fn is_field_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A word's text, unescaped, and its suffix. Errors carry the byte offset inside the
/// word.
pub(crate) fn word_suffix(raw: &str) -> Result<(String, Suffix), (usize, String)> {
    let mut text = String::new();
    let mut star_at = None;
    let mut tilde_at = None;
    let mut chars = raw.char_indices().peekable();
    while let Some((at, ch)) = chars.next() {
        match ch {
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    text.push(escaped);
                }
            }
            '*' | '?' if tilde_at.is_none() => {
                let rest_is_stars = raw[at..].chars().all(|c| c == '*');
                if ch == '?' || !rest_is_stars || star_at.is_some() {
                    return Err((
                        at,
                        "wildcards are supported only at the end of a word".into(),
                    ));
                }
                star_at = Some(at);
                break;
            }
            '~' if tilde_at.is_none() => {
                tilde_at = Some(at);
                break;
            }
            _ => text.push(ch),
        }
    }
    if let Some(at) = tilde_at {
        let digits = &raw[at + 1..];
        let distance = if digits.is_empty() {
            1
        } else {
            match digits.parse::<u8>() {
                Ok(d) if d <= MAX_FUZZY => d,
                _ => {
                    return Err((
                        at,
                        format!("fuzzy distance must be 0, 1 or {MAX_FUZZY}, not {digits:?}"),
                    ))
                }
            }
        };
        if text.is_empty() {
            return Err((at, "'~' needs a word before it".into()));
        }
        return Ok((text, Suffix::Fuzzy(distance)));
    }
    if star_at.is_some() {
        return Ok((text, Suffix::Prefix));
    }
    Ok((text, Suffix::None))
}
