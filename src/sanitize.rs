//! Neutralising document text before it reaches a terminal: the one sanitiser of
//! everything dossier prints (titles, snippets, facet values, parse output, errors).
//!
//! A cable or web page can hold escape sequences that move the cursor, retitle the
//! window or hide text, and bidi overrides that reorder what is shown. Every title,
//! path and snippet printed to a terminal goes through [`for_terminal`], which
//! shows such characters as visible escapes instead of obeying them.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with control, bidi-override and other format characters made visible
/// (`\x1b`, `\u{202e}`); newlines and tabs kept only when `keep_lines`.
pub fn for_terminal(text: &str, keep_lines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hostile(c, keep_lines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_hostile(c, keep_lines) {
            out.push(c);
        } else if (c as u32) < 0x100 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

/// Whether `c` would act on a terminal rather than show: a control character (but
/// newline and tab when `keep_lines`), a bidi embedding, override or isolate.
pub fn is_hostile(c: char, keep_lines: bool) -> bool {
    if keep_lines && (c == '\n' || c == '\t') {
        return false;
    }
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_overrides_become_visible() {
        assert_eq!(for_terminal("a\x1b[2Jb", false), "a\\x1b[2Jb");
        assert_eq!(for_terminal("x\u{202e}y", false), "x\\u{202e}y");
        assert_eq!(for_terminal("line\nnext", true), "line\nnext");
        assert_eq!(for_terminal("line\nnext", false), "line\\x0anext");
        assert!(matches!(for_terminal("plain", false), Cow::Borrowed(_)));
    }
}
