//! WikiLeaks cable-viewer pages: PlusD's metadata table and the telegram in `<pre>`
//! blocks, read in one pass of the HTML tokenizer.
//!
//! All a viewer page gives is the text of the cells of `table.cable` and of every
//! `<pre>`, so no tree is built: building and querying the DOM of each page cost 6%
//! of all parsing. The tokenizer still decodes character references and normalises
//! line breaks as the HTML standard says, and the tree builder's rules that change
//! this text are kept: a line break right after `<pre>` is dropped, a `<td>`, `<th>` or
//! `<tr>` closes an open cell, `</table>` or the end of the page closes everything,
//! and the contents of `<script>`, `<style>` and the like are never markup.

use crate::marking::Marking;
use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{local_name, LocalName};

use super::cable;
use super::html::collapse;
use crate::catalog::Posts;
use crate::record::Draft;

/// True for a WikiLeaks cable-viewer page.
pub fn is_cable_viewer(text: &str) -> bool {
    text.contains("<table class='cable'>") || text.contains("<table class=\"cable\">")
}

/// Parses a cable-viewer page: the metadata table wins, the telegram gives the rest.
pub fn parse_cable_viewer(html: &str, path: &str, posts: &Posts) -> Draft {
    let page = ViewerText::read(html);
    let cells: Vec<String> = page.cells.iter().map(|c| collapse(c)).collect();
    let published_id = cells.first().map(String::as_str);
    let mut draft = cable::parse_cable(&page.telegrams.join("\n"), path, posts, published_id);
    if let [reference, created, released, classification, origin, ..] = cells.as_slice() {
        let cable = draft.cable.get_or_insert_with(Default::default);
        cable.reference = Some(reference.clone()).filter(|r| !r.is_empty());
        cable.released = released.get(..10).map(str::to_string);
        draft.id = cable.reference.clone();
        if let Some(date) = created.get(..10) {
            draft.date = Some(date.to_string());
        }
        if !origin.is_empty() {
            draft.outlet = Some(origin.clone());
        }
        if !classification.is_empty() {
            draft.mark(Marking::read(classification));
        }
    }
    draft
}

/// The text a viewer page holds, in document order.
#[derive(Debug, Default, PartialEq, Eq)]
struct ViewerText {
    /// The text of each `<td>` inside a `table.cable`.
    cells: Vec<String>,
    /// The text of each outermost `<pre>`.
    telegrams: Vec<String>,
}

impl ViewerText {
    fn read(html: &str) -> ViewerText {
        let tokenizer = Tokenizer::new(Reader::default(), TokenizerOpts::default());
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice(html));
        // The reader never asks to run a script, so one call consumes the input.
        let _ = tokenizer.feed(&input);
        tokenizer.end();
        let mut state = tokenizer.sink.state.into_inner();
        state.close_cell();
        if state.pre_depth > 0 {
            let telegram = std::mem::take(&mut state.pre);
            state.text.telegrams.push(telegram);
        }
        state.text
    }
}

#[derive(Default)]
struct Reader {
    state: RefCell<ReaderState>,
}

#[derive(Default)]
struct ReaderState {
    text: ViewerText,
    /// Tables open since a `table.cable` opened (nested ones included); 0 outside.
    table_depth: usize,
    cell: Option<String>,
    pre_depth: usize,
    pre: String,
    /// Right after `<pre>`: a leading line break of the next text is not content.
    after_pre: bool,
}

impl ReaderState {
    fn close_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            self.text.cells.push(cell);
        }
    }

    fn tag(&mut self, tag: &Tag) {
        let start = tag.kind == TagKind::StartTag;
        match tag.name {
            local_name!("table") if start => {
                if self.table_depth > 0 || has_class(tag, "cable") {
                    self.table_depth += 1;
                }
            }
            local_name!("table") => {
                if self.table_depth > 0 {
                    self.close_cell();
                    self.table_depth -= 1;
                }
            }
            local_name!("td") | local_name!("th") | local_name!("tr") if self.table_depth > 0 => {
                self.close_cell();
                if start && tag.name == local_name!("td") {
                    self.cell = Some(String::new());
                }
            }
            local_name!("pre") if start => {
                self.pre_depth += 1;
                self.after_pre = true;
            }
            local_name!("pre") if self.pre_depth > 0 => {
                self.pre_depth -= 1;
                if self.pre_depth == 0 {
                    let telegram = std::mem::take(&mut self.pre);
                    self.text.telegrams.push(telegram);
                }
            }
            _ => {}
        }
    }

    fn characters(&mut self, text: &str) {
        let text = if std::mem::take(&mut self.after_pre) {
            text.strip_prefix('\n').unwrap_or(text)
        } else {
            text
        };
        if self.pre_depth > 0 {
            self.pre.push_str(text);
        }
        if let Some(cell) = &mut self.cell {
            cell.push_str(text);
        }
    }
}

impl TokenSink for Reader {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                // The tag ends the place where a line break after `<pre>` is dropped.
                let after_pre = tag.kind == TagKind::StartTag && tag.name == local_name!("pre");
                state.after_pre &= after_pre;
                state.tag(&tag);
                if tag.kind == TagKind::StartTag {
                    if let Some(kind) = raw_kind(&tag.name) {
                        return TokenSinkResult::RawData(kind);
                    }
                }
            }
            Token::CharacterTokens(text) => state.characters(&text),
            // Errors are reported beside the tokens, not as one of them.
            Token::ParseError(_) => {}
            _ => state.after_pre = false,
        }
        TokenSinkResult::Continue
    }
}

/// Elements whose contents are text, not markup, as the tree builder would tell the
/// tokenizer: a `<pre>` written inside a script is not a telegram.
fn raw_kind(name: &LocalName) -> Option<RawKind> {
    Some(match *name {
        local_name!("script") => RawKind::ScriptData,
        local_name!("title") | local_name!("textarea") => RawKind::Rcdata,
        local_name!("style")
        | local_name!("xmp")
        | local_name!("iframe")
        | local_name!("noembed")
        | local_name!("noframes")
        | local_name!("noscript") => RawKind::Rawtext,
        _ => return None,
    })
}

fn has_class(tag: &Tag, class: &str) -> bool {
    tag.attrs.iter().any(|attr| {
        attr.name.local == local_name!("class") && attr.value.split_whitespace().any(|c| c == class)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> ViewerText {
        ViewerText::read(html)
    }

    #[test]
    fn cells_and_telegrams_as_the_tree_gives_them() {
        let page = read(
            "<html><head><title>Cable <pre> Viewer</title>\
             <script>var s = '<pre>not a cable</pre><td>';</script></head><body>\
             <table class='wide cable'><tr><th>Reference ID</th><th>Created</th></tr>\
             <tr><td><a href='/cable/10DAMASCUS159'>10DAMASCUS159</a></td>\
             <td>2010-02-24 13:03\n</td><td>unclosed <b>cell\
             </table><table><tr><td>not metadata</td></tr></table>\
             <pre>\nVZCZCXRO1234 &amp; &lt;ZZ&gt; R&#233;sum&eacute;\r\nSUBJECT: TEST</pre>\
             <!-- a comment --><pre><a href='#par1'>1.</a> (C) TEXT\n</pre>\
             <pre>\n\nTWO BREAKS</pre><pre>unclosed at the end",
        );
        assert_eq!(
            page.cells,
            ["10DAMASCUS159", "2010-02-24 13:03\n", "unclosed cell"]
        );
        assert_eq!(
            page.telegrams,
            [
                "VZCZCXRO1234 & <ZZ> Résumé\nSUBJECT: TEST",
                "1. (C) TEXT\n",
                "\nTWO BREAKS",
                "unclosed at the end",
            ]
        );
    }

    /// What `scraper` gives for the same page: the tree this reader replaces.
    fn by_tree(html: &str) -> ViewerText {
        let doc = scraper::Html::parse_document(html);
        let text = |css: &str| -> Vec<String> {
            let selector = scraper::Selector::parse(css).expect("static selector");
            doc.select(&selector)
                .map(|e| e.text().collect::<String>())
                .collect()
        };
        ViewerText {
            cells: text("table.cable td"),
            telegrams: text("pre"),
        }
    }

    #[test]
    fn the_seed_viewer_pages_read_as_their_trees() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        // As the integration tests do (`tests/util`): skipped, saying so, without the
        // corpus, unless DOSSIER_REQUIRE_SHARED (CI) makes its absence a failure.
        if !dir.exists() {
            assert!(
                std::env::var_os("DOSSIER_REQUIRE_SHARED").is_none(),
                "{} is required (DOSSIER_REQUIRE_SHARED) and absent",
                dir.display()
            );
            eprintln!("skipped: {} not found", dir.display());
            return;
        }
        let mut pages = 0;
        let mut stack = vec![dir];
        while let Some(dir) = stack.pop().filter(|_| pages < 120) {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for path in entries.flatten().map(|e| e.path()) {
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(html) = std::fs::read_to_string(&path) {
                    if is_cable_viewer(&html) {
                        assert_eq!(read(&html), by_tree(&html), "{}", path.display());
                        pages += 1;
                    }
                }
            }
        }
        assert!(pages > 0, "no viewer pages under ../shared/corpus");
    }

    /// Text as viewer pages have it: words, character references, line breaks,
    /// inline markup.
    fn inline() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let atom = prop_oneof![
            Just("TEXT".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("&amp;".to_string()),
            Just("&lt;pre&gt;".to_string()),
            Just("&#233;".to_string()),
            Just("<br>".to_string()),
            Just("<!-- c -->".to_string()),
            "[A-Z0-9 .()/-]{1,12}",
        ];
        let atoms = proptest::collection::vec(atom, 0..6).prop_map(|a| a.concat());
        (atoms.clone(), atoms, 0..3usize).prop_map(|(a, b, markup)| match markup {
            0 => format!("{a}{b}"),
            1 => format!("{a}<b>{b}</b>"),
            _ => format!("<a href='#p'>{a}</a>{b}"),
        })
    }

    /// A viewer-like page: metadata tables (some rows with end tags left out, as
    /// HTML allows), telegrams, paragraphs and comments in any order.
    fn page() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let cell = (inline(), proptest::bool::ANY, proptest::bool::ANY).prop_map(
            |(text, header, closed)| {
                let name = if header { "th" } else { "td" };
                let end = if closed {
                    format!("</{name}>")
                } else {
                    String::new()
                };
                format!("<{name}>{text}{end}")
            },
        );
        let row =
            proptest::collection::vec(cell, 1..6).prop_map(|c| format!("<tr>{}</tr>", c.concat()));
        let table = (proptest::collection::vec(row, 0..3), proptest::bool::ANY).prop_map(
            |(rows, cable)| {
                let class = if cable { " class='cable'" } else { "" };
                format!("<table{class}>{}</table>", rows.concat())
            },
        );
        let pre = (0..3usize, inline(), inline())
            .prop_map(|(breaks, a, b)| format!("<pre>{}{a}{b}</pre>", "\n".repeat(breaks)));
        let block = prop_oneof![
            table,
            pre,
            inline().prop_map(|t| format!("<p>{t}</p>")),
            Just("<!-- between -->".to_string()),
        ];
        proptest::collection::vec(block, 0..6)
            .prop_map(|blocks| format!("<html><body>{}</body></html>", blocks.concat()))
    }

    proptest::proptest! {
        #[test]
        fn viewer_like_pages_read_as_their_trees(html in page()) {
            let mine = read(&html);
            let tree = by_tree(&html);
            proptest::prop_assert_eq!(mine, tree, "{}", html);
        }
    }
}
