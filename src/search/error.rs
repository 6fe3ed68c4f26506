//! Query errors that point at the column where the query went wrong.

use std::fmt;

/// How many characters of the query are shown on each side of the caret.
const CONTEXT_CHARS: usize = 40;

/// A bad query: what is wrong, where (a caret under the column), and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub message: String,
    /// 1-based character column in the query.
    pub column: usize,
    pub hint: Option<String>,
    /// The part of the query shown above the caret (control characters neutralised).
    excerpt: String,
    /// Characters of `excerpt` before the caret.
    caret: usize,
}

impl QueryError {
    /// An error at byte `offset` of `query` (clamped to the query's length).
    pub fn new(query: &str, offset: usize, message: impl Into<String>) -> QueryError {
        let mut offset = offset.min(query.len());
        while !query.is_char_boundary(offset) {
            offset -= 1;
        }
        let before: Vec<char> = query[..offset].chars().collect();
        let column = before.len() + 1;
        let shown_before = before.len().min(CONTEXT_CHARS);
        let mut excerpt = String::new();
        if shown_before < before.len() {
            excerpt.push('…');
        }
        excerpt.extend(
            before[before.len() - shown_before..]
                .iter()
                .map(|&c| visible(c)),
        );
        let caret = excerpt.chars().count();
        let mut after = query[offset..].chars();
        excerpt.extend(after.by_ref().take(CONTEXT_CHARS).map(visible));
        if after.next().is_some() {
            excerpt.push('…');
        }
        QueryError {
            message: message.into(),
            column,
            hint: None,
            excerpt,
            caret,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> QueryError {
        self.hint = Some(hint.into());
        self
    }
}

/// One visible character per query character, so the caret stays aligned.
fn visible(c: char) -> char {
    if crate::sanitize::is_hostile(c, false) {
        ' '
    } else {
        c
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "bad query at column {}: {}", self.column, self.message)?;
        writeln!(f, "  {}", self.excerpt)?;
        write!(f, "  {}^", " ".repeat(self.caret))?;
        if let Some(hint) = &self.hint {
            write!(f, "\nhint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for QueryError {}
