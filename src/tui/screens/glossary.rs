//! The glossary, searchable as one types: fuzzy, and blind to case and accents.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::content::GlossaryEntry;
use crate::domain::text::fold;
use crate::tui::action::Action;
use crate::tui::screens::Ctx;
use crate::tui::strings;
use crate::tui::strings::keys;
use crate::tui::widgets::{Hint, block, wrapped_height};
use crate::words;

#[derive(Debug, Default)]
pub struct GlossaryScreen {
    pub query: String,
    pub selected: usize,
}

/// Indices of the entries that match `query`, best first; every entry, sorted by term, when
/// the query is empty. Term, expansion and definition are all searched, accents folded, so
/// that « echelon » finds ELSM.
pub fn search(entries: &[GlossaryEntry], query: &str) -> Vec<usize> {
    let query = fold(query);
    if query.is_empty() {
        let mut all: Vec<usize> = (0..entries.len()).collect();
        all.sort_by_key(|&i| fold(&entries[i].term));
        return all;
    }
    let haystacks: Vec<(usize, String)> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                i,
                fold(&format!("{} {} {}", e.term, e.expansion, e.definition)),
            )
        })
        .collect();
    let pattern = Pattern::parse(&query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut scored: Vec<(usize, u32)> = haystacks
        .iter()
        .filter_map(|(i, h)| {
            let mut buf = Vec::new();
            let score = pattern.score(nucleo_matcher::Utf32Str::new(h, &mut buf), &mut matcher)?;
            // An exact term comes first: typing « IP » must show IP before « DIPLÔME ».
            let exact = fold(&entries[*i].term) == query;
            Some((*i, score + if exact { 10_000 } else { 0 }))
        })
        .collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    scored.into_iter().map(|(i, _)| i).collect()
}

impl GlossaryScreen {
    pub fn hints(&self) -> Vec<Hint> {
        vec![
            keys::RECHERCHER,
            keys::CHOISIR,
            keys::EFFACER,
            keys::RETOUR_ECHAP,
        ]
    }

    pub fn on_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Action> {
        let count = search(&ctx.catalog.glossary, &self.query).len();
        match key.code {
            KeyCode::Esc => return Some(Action::Back),
            KeyCode::Down | KeyCode::Tab => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1));
            }
            KeyCode::Up | KeyCode::BackTab => self.selected = self.selected.saturating_sub(1),
            KeyCode::PageDown => self.selected = (self.selected + 10).min(count.saturating_sub(1)),
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
            KeyCode::Backspace => {
                self.query.pop();
                self.selected = 0;
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.query.clear();
                self.selected = 0;
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.query.push(c);
                self.selected = 0;
            }
            _ => {}
        }
        None
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent) -> Option<Action> {
        match mouse.kind {
            MouseEventKind::ScrollDown => self.selected += 1,
            MouseEventKind::ScrollUp => self.selected = self.selected.saturating_sub(1),
            _ => {}
        }
        None
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let entries = &ctx.catalog.glossary;
        let found = search(entries, &self.query);
        let selected = self.selected.min(found.len().saturating_sub(1));
        let outer = block(
            format!(
                " {} — {} ",
                strings::GLOSSARY_TITLE,
                words::plural(found.len(), "entrée", "entrées")
            ),
            theme,
        );
        let inner = outer.inner(area);
        outer.render(area, buf);
        let [search_row, _, list, detail] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(5),
        ])
        .areas(inner);
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{} : ", strings::GLOSSARY_SEARCH), theme.key),
            Span::styled(self.query.as_str(), theme.focus),
            Span::styled("▏", theme.focus),
        ]))
        .render(search_row, buf);
        if found.is_empty() {
            Paragraph::new(Line::styled(strings::GLOSSARY_NONE, theme.muted)).render(list, buf);
            return;
        }
        let first = selected.saturating_sub(list.height.saturating_sub(1) as usize);
        let lines: Vec<Line> = found
            .iter()
            .enumerate()
            .skip(first)
            .take(list.height as usize)
            .map(|(row, &i)| {
                let e = &entries[i];
                let style = if row == selected {
                    theme.selected
                } else {
                    theme.base
                };
                Line::from(vec![
                    Span::styled(if row == selected { "▶ " } else { "  " }, style),
                    Span::styled(
                        format!("{:<8}", e.term),
                        if row == selected { style } else { theme.key },
                    ),
                    Span::styled(format!(" {}", e.expansion), style),
                    Span::styled(
                        if e.uncertain {
                            format!(" {}", strings::GLOSSARY_UNCERTAIN)
                        } else {
                            String::new()
                        },
                        theme.muted,
                    ),
                ])
            })
            .collect();
        Paragraph::new(lines).render(list, buf);
        if let Some(e) = found.get(selected).map(|&i| &entries[i]) {
            let text = Text::from(vec![
                Line::from(vec![
                    Span::styled(e.term.as_str(), theme.title),
                    Span::raw(" — "),
                    Span::styled(e.expansion.as_str(), theme.heading),
                ]),
                Line::raw(e.definition.as_str()),
            ]);
            let h = wrapped_height(&text, detail.width).min(detail.height);
            Paragraph::new(text).wrap(Wrap { trim: true }).render(
                Rect {
                    height: h,
                    ..detail
                },
                buf,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(term: &str, expansion: &str) -> GlossaryEntry {
        GlossaryEntry {
            term: term.into(),
            expansion: expansion.into(),
            definition: String::new(),
            uncertain: false,
            sources: vec![],
        }
    }

    #[test]
    fn search_is_fuzzy_and_accent_blind() {
        let entries = vec![
            entry("ELSM", "Échelon local du service médical"),
            entry("DRSM", "Direction régionale du service médical"),
            entry("IP", "Incapacité permanente"),
        ];
        assert_eq!(search(&entries, ""), vec![1, 0, 2]);
        assert_eq!(search(&entries, "echelon"), vec![0]);
        assert_eq!(search(&entries, "ÉCHELON"), vec![0]);
        assert_eq!(search(&entries, "ip")[0], 2);
        assert_eq!(search(&entries, "regionale"), vec![1]);
        assert!(search(&entries, "zzz").is_empty());
    }
}
