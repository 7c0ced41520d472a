//! Markdown turned into plain lines for a screen reader, a braille display or a script.
//!
//! Nothing is wrapped: a braille display pans and a script reads lines, so each paragraph is
//! one line. Markup that only styles (bold, italics, code) is dropped; what carries structure
//! becomes words and punctuation: a heading is a line of its own, a list item starts with
//! « – » (or its number), a quotation is kept between « », a table row reads as « cell — head :
//! cell ». Raw HTML is dropped: a module has no business sending markup to a terminal.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The lines of `markdown` as plain text, blocks separated by one empty line, with no empty
/// line first or last.
pub fn to_lines(markdown: &str) -> Vec<String> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let mut w = Writer::default();
    for event in Parser::new_ext(markdown, options) {
        w.event(event);
    }
    w.flush();
    while w.lines.last().is_some_and(String::is_empty) {
        w.lines.pop();
    }
    w.lines
}

/// `markdown` as plain text on one line, blocks separated by a space: for a prompt or a
/// choice that is one sentence in practice.
pub fn to_line(markdown: &str) -> String {
    to_lines(markdown)
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The word before a table's column names, when a table is read out as lines.
const TABLE: &str = "Tableau";

#[derive(Default)]
struct Writer {
    lines: Vec<String>,
    /// The line being built.
    current: String,
    /// The item marker (« – », « 2. ») not yet written: it goes before the item's first text.
    marker: Option<String>,
    /// One entry per open list: the next number of an ordered list.
    lists: Vec<Option<u64>>,
    /// Where each open quotation started in `lines`.
    quotes: Vec<usize>,
    /// An empty line is due before the next line (a block ended).
    gap: bool,
    /// Inside raw HTML or a metadata block: text is dropped.
    skip: bool,
    /// Destinations of the open links.
    links: Vec<(String, usize)>,
    table: Option<Table>,
}

#[derive(Default)]
struct Table {
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
}

impl Writer {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) if !self.skip => {
                self.text(&text);
            }
            Event::DisplayMath(text) if !self.skip => self.text(&text),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.flush(),
            Event::Rule => self.block_end(),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(name) => self.text(&format!("[{name}]")),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { .. } | Tag::Paragraph | Tag::CodeBlock(_) => self.flush(),
            Tag::BlockQuote(_) => {
                self.flush();
                self.quotes.push(self.lines.len());
            }
            Tag::List(first) => {
                self.flush();
                self.lists.push(first);
            }
            Tag::Item => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let bullet = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let bullet = format!("{n}. ");
                        *n += 1;
                        bullet
                    }
                    _ => "– ".to_owned(),
                };
                self.marker = Some(format!("{}{bullet}", "  ".repeat(depth)));
            }
            Tag::HtmlBlock | Tag::MetadataBlock(_) => self.skip = true,
            Tag::Link { dest_url, .. } => {
                // The item marker first, so that the label starts where the link does.
                if let Some(marker) = self.marker.take() {
                    self.current.push_str(&marker);
                }
                self.links.push((dest_url.to_string(), self.current.len()));
            }
            Tag::Table(_) => {
                self.flush();
                self.table = Some(Table::default());
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock => self.block_end(),
            TagEnd::Item => self.flush(),
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.gap = true;
                }
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                if let Some(from) = self.quotes.pop() {
                    quote(&mut self.lines[from..]);
                }
                self.gap = true;
            }
            TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => self.skip = false,
            TagEnd::Link => {
                if let Some((url, at)) = self.links.pop() {
                    let label = self.current.get(at..).unwrap_or_default().trim();
                    // An anchor within the text, or a link that shows its own address, adds
                    // nothing read aloud.
                    if !url.starts_with('#') && label != url {
                        self.current.push_str(&format!(" ({url})"));
                    }
                }
            }
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.current).trim().to_owned();
                if let Some(table) = &mut self.table {
                    table.row.push(cell);
                }
            }
            TagEnd::TableHead => {
                if let Some(table) = &mut self.table {
                    table.head = std::mem::take(&mut table.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    for line in table.lines() {
                        self.push(line);
                    }
                    self.gap = true;
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(marker) = self.marker.take() {
            self.current.push_str(&marker);
        }
        self.current.push_str(text);
    }

    /// Ends the line being built, if any.
    fn flush(&mut self) {
        if self.table.is_some() {
            // Cells are collected by the table, not written as lines.
            return;
        }
        let line = std::mem::take(&mut self.current);
        let line = line.trim_end();
        if !line.trim().is_empty() {
            self.push(line.to_owned());
        }
    }

    /// Ends a block: its line, then an empty line before whatever comes next, unless inside
    /// a list, where items follow each other.
    fn block_end(&mut self) {
        self.flush();
        if self.lists.is_empty() {
            self.gap = true;
        }
    }

    fn push(&mut self, line: String) {
        if self.gap && !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.gap = false;
        self.lines.push(line);
    }
}

impl Table {
    /// A title line with the column heads, then one « – » line per row: « first cell — head
    /// : cell ; head : cell », so that each value is read with what it is.
    fn lines(self) -> Vec<String> {
        let mut out = Vec::new();
        if self.head.iter().any(|h| !h.is_empty()) {
            out.push(format!("{} : {}", TABLE, self.head.join(", ")));
        }
        for row in self.rows {
            let mut cells = row.iter();
            let first = cells.next().cloned().unwrap_or_default();
            let rest: Vec<String> = cells
                .enumerate()
                .map(
                    |(i, cell)| match self.head.get(i + 1).filter(|h| !h.is_empty()) {
                        Some(head) => format!("{head} : {cell}"),
                        None => cell.clone(),
                    },
                )
                .collect();
            if rest.is_empty() {
                out.push(format!("– {first}"));
            } else {
                out.push(format!("– {first} — {}", rest.join(" ; ")));
            }
        }
        out
    }
}

/// Puts a quotation between « » unless its text already is (law articles usually are).
fn quote(lines: &mut [String]) {
    let text: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
    let (Some(&first), Some(&last)) = (text.first(), text.last()) else {
        return;
    };
    if lines[first].starts_with('«') && lines[last].ends_with('»') {
        return;
    }
    lines[first].insert_str(0, "« ");
    lines[last].push_str(" »");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_headings_and_emphasis() {
        let lines = to_lines(
            "## Ce que couvre le secret\n\nLe secret couvre ce qui a été **confié**,\nmais aussi ce que l’on a *vu*.\n\nFin.",
        );
        assert_eq!(
            lines,
            vec![
                "Ce que couvre le secret",
                "",
                "Le secret couvre ce qui a été confié, mais aussi ce que l’on a vu.",
                "",
                "Fin.",
            ]
        );
    }

    #[test]
    fn lists_use_dashes_numbers_and_indentation() {
        let lines = to_lines(
            "Deux cas :\n\n- par état ;\n- par profession :\n  1. un\n  2. deux\n\nEnsuite.",
        );
        assert_eq!(
            lines,
            vec![
                "Deux cas :",
                "",
                "– par état ;",
                "– par profession :",
                "  1. un",
                "  2. deux",
                "",
                "Ensuite.",
            ]
        );
    }

    #[test]
    fn quotations_are_kept_between_guillemets() {
        assert_eq!(
            to_lines("> « Texte déjà cité. »"),
            vec!["« Texte déjà cité. »"]
        );
        assert_eq!(
            to_lines("Avant.\n\n> Un texte.\n\nAprès."),
            vec!["Avant.", "", "« Un texte. »", "", "Après."]
        );
    }

    #[test]
    fn tables_read_cell_by_cell_with_their_heads() {
        let lines = to_lines(
            "| Acteurs | Part |\n| --- | --- |\n| Assurés | 18 % |\n| Établissements | 14 % |",
        );
        assert_eq!(
            lines,
            vec![
                "Tableau : Acteurs, Part",
                "– Assurés — Part : 18 %",
                "– Établissements — Part : 14 %",
            ]
        );
    }

    #[test]
    fn links_html_and_one_line_form() {
        assert_eq!(
            to_lines("Voir [le site](https://exemple.fr) et <b>rien</b>.\n\n<div>bloc</div>"),
            vec!["Voir le site (https://exemple.fr) et rien."]
        );
        assert_eq!(
            to_line("Une **question**\n\nen deux blocs ?"),
            "Une question en deux blocs ?"
        );
        assert!(to_lines("").is_empty());
    }
}
