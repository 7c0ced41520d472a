//! Prompts and explanations as the phones show them: the content's Markdown turned into a
//! few plain blocks (paragraphs, lists) of styled spans, which the page builds with
//! `createElement` and text nodes. Nothing from the content is ever read as markup by the
//! browser: raw HTML is dropped here, and what is left is text. Characters that could drive
//! a terminal or hide text (`domain::text::hidden_or_control`) are dropped too.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::domain::text::hidden_or_control;

/// A block of text: a paragraph, or the items of a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Block {
    P(Vec<Span>),
    Ul(Vec<Vec<Span>>),
    Ol(Vec<Vec<Span>>),
}

/// A run of text, plain or with its styles: `b` bold, `i` italics, `c` code.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Span {
    Plain(String),
    Styled { t: String, s: String },
}

/// `markdown` as blocks.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut w = Writer::default();
    for event in Parser::new_ext(markdown, options) {
        w.event(event);
    }
    w.end_block();
    w.blocks
}

/// `markdown` as one line of plain text (a choice, an item to order), cleaned the same way.
pub fn plain(markdown: &str) -> String {
    clean(&crate::words::markdown::to_line(markdown))
}

/// `text` without the characters no reader should get.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| hidden_or_control(c).is_none())
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect()
}

#[derive(Default)]
struct Writer {
    blocks: Vec<Block>,
    /// The spans of the paragraph or item being built.
    spans: Vec<Span>,
    /// Open lists, innermost last: `true` when ordered. Nested lists go into the outermost
    /// one, a phone's width leaves no room for indentation.
    lists: Vec<bool>,
    /// The items of the outermost open list.
    items: Vec<Vec<Span>>,
    bold: u32,
    italic: u32,
    /// Inside raw HTML, an image or metadata: nothing of it is shown.
    skip: u32,
    /// Inside a table row, after its first cell.
    cell: bool,
}

impl Writer {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(&tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.skip == 0 => self.text(&text, false),
            Event::Code(text) if self.skip == 0 => self.text(&text, true),
            Event::SoftBreak => self.text(" ", false),
            Event::HardBreak => self.end_block(),
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::CodeBlock(_) | Tag::TableRow | Tag::TableHead => {
                self.end_block();
            }
            Tag::Heading { .. } => {
                self.end_block();
                self.bold += 1;
            }
            Tag::List(first) => {
                self.end_block();
                self.lists.push(first.is_some());
            }
            Tag::Item => self.end_block(),
            Tag::Strong => self.bold += 1,
            Tag::Emphasis => self.italic += 1,
            Tag::HtmlBlock | Tag::MetadataBlock(_) => self.skip += 1,
            Tag::TableCell => {
                if self.cell {
                    self.text(" — ", false);
                }
                self.cell = true;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::CodeBlock
            | TagEnd::Item
            | TagEnd::TableRow
            | TagEnd::TableHead => self.end_block(),
            TagEnd::Heading(_) => {
                self.end_block();
                self.bold = self.bold.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.end_block();
                let ordered = self.lists.pop().unwrap_or(false);
                if self.lists.is_empty() && !self.items.is_empty() {
                    let items = std::mem::take(&mut self.items);
                    self.blocks.push(if ordered {
                        Block::Ol(items)
                    } else {
                        Block::Ul(items)
                    });
                }
            }
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => self.skip = self.skip.saturating_sub(1),
            _ => {}
        }
    }

    fn text(&mut self, text: &str, code: bool) {
        let text = clean(text);
        if text.is_empty() {
            return;
        }
        let mut style = String::new();
        for (on, letter) in [(self.bold > 0, 'b'), (self.italic > 0, 'i'), (code, 'c')] {
            if on {
                style.push(letter);
            }
        }
        match self.spans.last_mut() {
            Some(Span::Plain(last)) if style.is_empty() => last.push_str(&text),
            Some(Span::Styled { t, s }) if *s == style => t.push_str(&text),
            _ if style.is_empty() => self.spans.push(Span::Plain(text)),
            _ => self.spans.push(Span::Styled { t: text, s: style }),
        }
    }

    /// Ends the paragraph or item being built, if it holds any text.
    fn end_block(&mut self) {
        self.cell = false;
        let spans = std::mem::take(&mut self.spans);
        let blank = spans.iter().all(|s| match s {
            Span::Plain(t) | Span::Styled { t, .. } => t.trim().is_empty(),
        });
        if blank {
            return;
        }
        if self.lists.is_empty() {
            self.blocks.push(Block::P(spans));
        } else {
            self.items.push(spans);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(spans: &[Span]) -> Block {
        Block::P(spans.to_vec())
    }

    fn plain_span(t: &str) -> Span {
        Span::Plain(t.into())
    }

    fn styled(t: &str, s: &str) -> Span {
        Span::Styled {
            t: t.into(),
            s: s.into(),
        }
    }

    #[test]
    fn emphasis_and_lists_become_blocks_and_spans() {
        let md = "Lequel n’est **pas** une *branche* ?\n\n- la `maladie`\n- la famille\n  1. imbriquée\n\nFin.";
        assert_eq!(
            blocks(md),
            vec![
                p(&[
                    plain_span("Lequel n’est "),
                    styled("pas", "b"),
                    plain_span(" une "),
                    styled("branche", "i"),
                    plain_span(" ?"),
                ]),
                Block::Ul(vec![
                    vec![plain_span("la "), styled("maladie", "c")],
                    vec![plain_span("la famille")],
                    vec![plain_span("imbriquée")],
                ]),
                p(&[plain_span("Fin.")]),
            ]
        );
        let json = serde_json::to_string(&blocks("1. **un**\n2. deux")).expect("serializes");
        assert_eq!(json, r#"[{"ol":[[{"t":"un","s":"b"}],["deux"]]}]"#);
    }

    #[test]
    fn markup_and_escape_sequences_never_get_through() {
        let md = "Avant\n\n<script>alert(1)</script>\n\nUn <b onclick=\"x()\">mot</b> \u{1b}[2Jici\u{202e}.\n\n<img src=x onerror=alert(1)>";
        let shown = blocks(md);
        let json = serde_json::to_string(&shown).expect("serializes");
        assert!(!json.contains('<'), "{json}");
        assert!(!json.contains("\\u001b"), "{json}");
        assert!(!json.contains('\u{202e}'), "{json}");
        assert_eq!(
            shown,
            vec![
                p(&[plain_span("Avant")]),
                p(&[plain_span("Un mot [2Jici.")]),
            ]
        );
        // Markup written as text stays text: the page puts it in a text node.
        assert_eq!(
            blocks(r"Tapez \<script\>"),
            vec![p(&[plain_span("Tapez <script>")])]
        );
        assert_eq!(plain("**Un** \u{1b}[31man"), "Un [31man");
    }

    #[test]
    fn headings_tables_and_breaks_stay_readable() {
        let md = "# Titre\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nligne  \nsuivante";
        assert_eq!(
            blocks(md),
            vec![
                p(&[styled("Titre", "b")]),
                p(&[plain_span("A — B")]),
                p(&[plain_span("1 — 2")]),
                p(&[plain_span("ligne")]),
                p(&[plain_span("suivante")]),
            ]
        );
        assert!(blocks("").is_empty());
    }
}
