//! The lesson reader: formatted markdown, a table of contents, the sources, and the quiz one
//! key away.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::content::{Module, Source};
use crate::tui::action::Action;
use crate::tui::screens::Ctx;
use crate::tui::strings;
use crate::tui::strings::keys;
use crate::tui::theme::{Theme, markdown};
use crate::tui::widgets::{Hint, Scroll, block, hit_at, wrapped_height};

/// Below this width the table of contents is hidden unless asked for.
const TOC_MIN_WIDTH: u16 = 96;
const TOC_WIDTH: u16 = 30;

#[derive(Debug)]
pub struct LessonScreen {
    pub module: usize,
    pub lesson: usize,
    pub scroll: Scroll,
    /// Table of contents forced on (t) on a narrow terminal.
    pub toc: bool,
    toc_hits: std::cell::RefCell<Vec<(Rect, usize)>>,
    /// How far the lesson shown was read: its end on screen makes it read, not its opening.
    end: std::cell::Cell<End>,
}

/// Whether the end of the lesson shown was drawn, and told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    NotYet,
    Drawn,
    Told,
}

/// The lesson's markdown, then its sources, as styled text.
pub fn lesson_text<'a>(module: &'a Module, lesson: usize, theme: &Theme, width: u16) -> Text<'a> {
    let Some(l) = module.lessons.get(lesson) else {
        return Text::default();
    };
    let mut text = markdown(&l.body, theme, width);
    text.lines
        .insert(0, Line::styled(l.title.clone(), theme.title));
    text.lines.insert(1, Line::raw(""));
    let sources: Vec<&Source> = l
        .sources
        .iter()
        .filter_map(|id| module.sources.iter().find(|s| &s.id == id))
        .collect();
    if !sources.is_empty() {
        text.lines.push(Line::raw(""));
        text.lines
            .push(Line::styled(strings::LESSON_SOURCES, theme.heading));
        text.lines
            .extend(sources.iter().map(|s| source_line(s, theme)));
    }
    text
}

/// « • Code pénal, art. 226-13 ».
pub fn source_line<'a>(source: &Source, theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::raw("• "), Span::raw(source.label.clone())];
    if let Some(reference) = &source.reference {
        spans.push(Span::styled(format!(", {reference}"), theme.muted));
    }
    Line::from(spans)
}

impl LessonScreen {
    pub fn new(module: usize, lesson: usize) -> Self {
        LessonScreen {
            module,
            lesson,
            scroll: Scroll::default(),
            toc: false,
            toc_hits: std::cell::RefCell::default(),
            end: std::cell::Cell::new(End::NotYet),
        }
    }

    pub fn hints(&self) -> Vec<Hint> {
        vec![
            keys::DEFILER,
            keys::LECONS,
            keys::QUIZ,
            keys::SOMMAIRE,
            keys::RETOUR,
        ]
    }

    /// Shows another lesson of the module, from its top.
    fn go_to(&mut self, lesson: usize, ctx: &Ctx) {
        let count = ctx.module(self.module).map_or(0, |m| m.lessons.len());
        if lesson >= count || lesson == self.lesson {
            return;
        }
        self.lesson = lesson;
        self.scroll.reset();
        self.end.set(End::NotYet);
    }

    /// The lesson read, once its end has been drawn (scrolled to, or all on screen); told
    /// once per lesson shown.
    pub fn end_reached(&mut self) -> Option<Action> {
        if self.end.get() != End::Drawn {
            return None;
        }
        self.end.set(End::Told);
        Some(Action::LessonRead {
            module: self.module,
            lesson: self.lesson,
        })
    }

    pub fn on_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Action> {
        if self.scroll.on_key(key.code) {
            return None;
        }
        match key.code {
            KeyCode::Right | KeyCode::Char('l') => self.go_to(self.lesson + 1, ctx),
            KeyCode::Left | KeyCode::Char('h') => {
                if let Some(prev) = self.lesson.checked_sub(1) {
                    self.go_to(prev, ctx);
                }
            }
            KeyCode::Char('t') => self.toc = !self.toc,
            KeyCode::Enter | KeyCode::Char('z') => {
                return Some(Action::StartQuiz {
                    module: self.module,
                    restart: false,
                });
            }
            KeyCode::Char('q') | KeyCode::Esc => return Some(Action::Back),
            _ => {}
        }
        None
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent, ctx: &Ctx) -> Option<Action> {
        if self.scroll.on_mouse(mouse.kind) {
            return None;
        }
        match mouse.kind {
            MouseEventKind::Down(_) => {
                let lesson = hit_at(&self.toc_hits, mouse.column, mouse.row)?;
                self.go_to(lesson, ctx);
                None
            }
            _ => None,
        }
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let Some(m) = ctx.module(self.module) else {
            return;
        };
        let show_toc = area.width >= TOC_MIN_WIDTH || self.toc;
        let [toc_area, body_area] = Layout::horizontal([
            Constraint::Length(if show_toc {
                TOC_WIDTH.min(area.width / 2)
            } else {
                0
            }),
            Constraint::Fill(1),
        ])
        .areas(area);

        let mut hits = self.toc_hits.borrow_mut();
        hits.clear();
        if show_toc {
            let outer = block(format!(" {} ", strings::LESSON_CONTENTS), theme);
            let inner = outer.inner(toc_area);
            outer.render(toc_area, buf);
            let mut y = inner.y;
            for (i, lesson) in m.lessons.iter().enumerate() {
                let text = Text::from(Line::from(vec![
                    Span::raw(if i == self.lesson { "▶ " } else { "  " }),
                    Span::raw(format!("{}. {}", i + 1, lesson.title)),
                ]));
                let h = wrapped_height(&text, inner.width).max(1);
                if y + h > inner.bottom() {
                    break;
                }
                let rect = Rect::new(inner.x, y, inner.width, h);
                hits.push((rect, i));
                Paragraph::new(text)
                    .wrap(Wrap { trim: true })
                    .style(if i == self.lesson {
                        theme.selected
                    } else {
                        theme.base
                    })
                    .render(rect, buf);
                y += h;
            }
        }

        let title = format!(" {} — {}/{} ", m.title, self.lesson + 1, m.lessons.len());
        let outer = block(title, theme);
        let inner = outer.inner(body_area);
        outer.render(body_area, buf);
        let text = lesson_text(m, self.lesson, theme, inner.width);
        let height = wrapped_height(&text, inner.width);
        self.scroll.set_extent(height, inner.height);
        if self.end.get() == End::NotYet
            && inner.height > 0
            && self.scroll.offset() + inner.height >= height
        {
            self.end.set(End::Drawn);
        }
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((self.scroll.offset(), 0))
            .render(inner, buf);
        self.scroll.draw_percent(body_area, theme, buf);
    }
}
