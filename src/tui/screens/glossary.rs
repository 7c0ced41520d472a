//! The glossary and the lessons, searched as one types: close matches first, blind to case
//! and accents (the ranking is `domain::search`'s). Tab goes from one list to the other with
//! the same query; Entrée opens the lesson found.

use std::cell::RefCell;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::content::load::Catalog;
use crate::domain::search::{GlossarySearch, LessonHit, LessonSearch};
use crate::tui::action::Action;
use crate::tui::screens::Ctx;
use crate::tui::strings;
use crate::tui::strings::keys;
use crate::tui::widgets::{Hint, block, cells, ellipsize, hit_at, wrapped_height};
use crate::words;

/// Which list the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Glossary,
    Lessons,
}

#[derive(Debug)]
pub struct GlossaryScreen {
    pub query: String,
    pub selected: usize,
    pub section: Section,
    glossary: GlossarySearch,
    lessons: LessonSearch,
    /// The entries found for `query`, best first.
    terms: Vec<usize>,
    /// The lessons found for `query`, best first.
    found: Vec<LessonHit>,
    /// Where each result was drawn, for mouse clicks.
    hits: RefCell<Vec<(Rect, usize)>>,
}

impl GlossaryScreen {
    pub fn new(catalog: &Catalog, section: Section) -> Self {
        let mut screen = GlossaryScreen {
            query: String::new(),
            selected: 0,
            section,
            glossary: GlossarySearch::new(&catalog.glossary),
            lessons: LessonSearch::new(&catalog.modules),
            terms: Vec::new(),
            found: Vec::new(),
            hits: RefCell::default(),
        };
        screen.search();
        screen
    }

    /// Runs the query again, once per change rather than once per frame.
    fn search(&mut self) {
        self.terms = self.glossary.find(&self.query);
        self.found = self.lessons.find(&self.query);
        self.selected = 0;
    }

    fn count(&self) -> usize {
        match self.section {
            Section::Glossary => self.terms.len(),
            Section::Lessons => self.found.len(),
        }
    }

    pub fn hints(&self) -> Vec<Hint> {
        match self.section {
            Section::Glossary => vec![
                keys::CHOISIR,
                keys::TAB_LECONS,
                keys::EFFACER,
                keys::RETOUR_ECHAP,
            ],
            Section::Lessons => vec![
                keys::LIRE_LA_LECON,
                keys::TAB_GLOSSAIRE,
                keys::EFFACER,
                keys::RETOUR_ECHAP,
            ],
        }
    }

    /// The lesson of the result `index`, to open.
    fn open(&self, index: usize) -> Option<Action> {
        let hit = self.found.get(index)?;
        Some(Action::OpenLesson {
            module: hit.module,
            lesson: hit.lesson,
        })
    }

    pub fn on_key(&mut self, key: KeyEvent, _ctx: &Ctx) -> Option<Action> {
        let last = self.count().saturating_sub(1);
        match key.code {
            KeyCode::Esc => return Some(Action::Back),
            KeyCode::Tab | KeyCode::BackTab => {
                self.section = match self.section {
                    Section::Glossary => Section::Lessons,
                    Section::Lessons => Section::Glossary,
                };
                self.selected = 0;
            }
            KeyCode::Down => self.selected = (self.selected + 1).min(last),
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            KeyCode::PageDown => self.selected = (self.selected + 10).min(last),
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
            KeyCode::Enter if self.section == Section::Lessons => {
                return self.open(self.selected);
            }
            KeyCode::Backspace => {
                self.query.pop();
                self.search();
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.query.clear();
                self.search();
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.query.push(c);
                self.search();
            }
            _ => {}
        }
        None
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent) -> Option<Action> {
        let last = self.count().saturating_sub(1);
        match mouse.kind {
            MouseEventKind::Down(_) => {
                let hit = hit_at(&self.hits, mouse.column, mouse.row)?;
                // A first click selects, a click on the selected lesson opens it.
                if hit == self.selected && self.section == Section::Lessons {
                    return self.open(hit);
                }
                self.selected = hit;
            }
            MouseEventKind::ScrollDown => self.selected = (self.selected + 1).min(last),
            MouseEventKind::ScrollUp => self.selected = self.selected.saturating_sub(1),
            _ => {}
        }
        None
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let outer = block(format!(" {} ", strings::SEARCH_TITLE), theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let detail_height = if self.section == Section::Glossary {
            5
        } else {
            0
        };
        let [search_row, tabs_row, _, list, detail] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(detail_height),
        ])
        .areas(inner);
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{} : ", strings::GLOSSARY_SEARCH), theme.key),
            Span::styled(self.query.as_str(), theme.focus),
            Span::styled("▏", theme.focus),
        ]))
        .render(search_row, buf);
        self.render_tabs(ctx, tabs_row, buf);
        self.hits.borrow_mut().clear();
        let none = match self.section {
            Section::Glossary => strings::GLOSSARY_NONE,
            Section::Lessons => strings::SEARCH_NO_LESSON,
        };
        if self.count() == 0 {
            Paragraph::new(Line::styled(none, theme.muted)).render(list, buf);
            return;
        }
        match self.section {
            Section::Glossary => {
                self.render_terms(ctx, list, buf);
                self.render_detail(ctx, detail, buf);
            }
            Section::Lessons => self.render_lessons(ctx, list, buf),
        }
    }

    /// « [Glossaire : 2 entrées]   Leçons : 3 leçons »: the list shown is in brackets.
    fn render_tabs(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let tab = |section: Section, label: String| {
            if section == self.section {
                Span::styled(format!("[{label}]"), theme.selected)
            } else {
                Span::styled(format!(" {label} "), theme.muted)
            }
        };
        Paragraph::new(Line::from(vec![
            tab(
                Section::Glossary,
                format!(
                    "{} : {}",
                    strings::GLOSSARY_TITLE,
                    words::plural(self.terms.len(), "entrée", "entrées")
                ),
            ),
            Span::raw("   "),
            tab(
                Section::Lessons,
                format!(
                    "{} : {}",
                    strings::SEARCH_LESSONS,
                    words::plural(self.found.len(), "leçon", "leçons")
                ),
            ),
        ]))
        .render(area, buf);
    }

    /// The first result shown, so that the selection stays in view with `rows` results.
    fn first_shown(&self, rows: usize) -> usize {
        self.selected.saturating_sub(rows.saturating_sub(1))
    }

    /// The marker and the style of the result `index`.
    fn marker(&self, index: usize, ctx: &Ctx) -> (&'static str, Style) {
        if index == self.selected {
            ("▶ ", ctx.theme.selected)
        } else {
            ("  ", ctx.theme.base)
        }
    }

    fn render_terms(&self, ctx: &Ctx, list: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let entries = &ctx.catalog.glossary;
        let rows = usize::from(list.height);
        let first = self.first_shown(rows);
        let mut hits = self.hits.borrow_mut();
        for (y, (row, &i)) in self
            .terms
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .enumerate()
        {
            let Some(e) = entries.get(i) else {
                continue;
            };
            let (marker, style) = self.marker(row, ctx);
            let rect = Rect::new(list.x, list.y + cells(y), list.width, 1);
            hits.push((rect, row));
            let uncertain = if e.uncertain {
                format!(" {}", strings::GLOSSARY_UNCERTAIN)
            } else {
                String::new()
            };
            Paragraph::new(Line::from(vec![
                Span::styled(marker, style),
                Span::styled(
                    format!("{:<8}", e.term),
                    if row == self.selected {
                        style
                    } else {
                        theme.key
                    },
                ),
                Span::styled(format!(" {}", e.expansion), style),
                Span::styled(uncertain, theme.muted),
            ]))
            .render(rect, buf);
        }
    }

    /// The selected entry's term, expansion and definition.
    fn render_detail(&self, ctx: &Ctx, detail: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let selected = self.selected.min(self.terms.len().saturating_sub(1));
        let Some(e) = self
            .terms
            .get(selected)
            .and_then(|&i| ctx.catalog.glossary.get(i))
        else {
            return;
        };
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

    /// Two rows a lesson: its module and title, then the words around the match.
    fn render_lessons(&self, ctx: &Ctx, list: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let rows = usize::from(list.height / 2);
        let first = self.first_shown(rows);
        let mut hits = self.hits.borrow_mut();
        for (y, (row, &hit)) in self
            .found
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .enumerate()
        {
            let Some(module) = ctx.module(hit.module) else {
                continue;
            };
            let Some(lesson) = module.lessons.get(hit.lesson) else {
                continue;
            };
            let (marker, style) = self.marker(row, ctx);
            let rect = Rect::new(list.x, list.y + cells(y * 2), list.width, 2);
            hits.push((rect, row));
            let title = format!("{} › {}", module.title, lesson.title);
            let width = list.width.saturating_sub(4);
            Paragraph::new(vec![
                Line::from(vec![
                    Span::styled(marker, style),
                    Span::styled(ellipsize(&title, width), style),
                ]),
                Line::from(vec![
                    Span::raw("    "),
                    Span::styled(
                        self.lessons.excerpt(hit, &self.query, usize::from(width)),
                        theme.muted,
                    ),
                ]),
            ])
            .render(rect, buf);
        }
    }
}
