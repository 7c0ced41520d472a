//! Settings: the date of the learner's stage or exam, which review plans for, and the modules
//! it covers.

use std::cell::RefCell;
use std::collections::BTreeSet;

use jiff::civil::Date;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::content::Module;
use crate::domain::stage;
use crate::tui::action::Action;
use crate::tui::screens::Ctx;
use crate::tui::strings;
use crate::tui::strings::keys;
use crate::tui::widgets::{Hint, block, cells, ellipsize, hit_at, wrapped_height};
use crate::words;

/// A line the cursor can be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Date,
    All,
    Module(usize),
}

#[derive(Debug)]
pub struct SettingsScreen {
    pub typed: String,
    pub message: Option<String>,
    cursor: usize,
    /// The date saved, kept as it is even when past.
    saved: Option<Date>,
    /// The modules ticked, by catalog index; none ticked is every module.
    ticked: BTreeSet<usize>,
    /// Ids saved that no module loaded now has (a content folder left out): kept as they are.
    absent: Vec<String>,
    hits: RefCell<Vec<(Rect, usize)>>,
}

impl SettingsScreen {
    /// The screen for a stage on `date` covering `modules` (ids; empty: every module).
    pub fn new(date: Option<Date>, modules: &[String], catalog: &[Module]) -> Self {
        let ticked = catalog
            .iter()
            .enumerate()
            .filter(|(_, m)| modules.contains(&m.id))
            .map(|(i, _)| i)
            .collect();
        let absent = modules
            .iter()
            .filter(|id| !catalog.iter().any(|m| &m.id == *id))
            .cloned()
            .collect();
        SettingsScreen {
            typed: date.map(words::typed_date).unwrap_or_default(),
            message: None,
            cursor: 0,
            saved: date,
            ticked,
            absent,
            hits: RefCell::default(),
        }
    }

    fn rows(ctx: &Ctx) -> Vec<Row> {
        let mut rows = vec![Row::Date, Row::All];
        rows.extend((0..ctx.catalog.modules.len()).map(Row::Module));
        rows
    }

    fn row(&self, ctx: &Ctx) -> Row {
        Self::rows(ctx)
            .get(self.cursor)
            .copied()
            .unwrap_or(Row::Date)
    }

    pub fn hints(&self) -> Vec<Hint> {
        if self.cursor == 0 {
            vec![
                keys::DATE_CHIFFRES,
                keys::EFFACER,
                keys::ENREGISTRER,
                keys::RETOUR_ECHAP,
            ]
        } else {
            vec![
                keys::CHOISIR,
                keys::COCHER_ESPACE,
                keys::ENREGISTRER,
                keys::RETOUR_ECHAP,
            ]
        }
    }

    /// Says why the date was refused (a past date, seen by `App::apply`).
    pub fn refuse(&mut self, message: String) {
        self.message = Some(message);
        self.cursor = 0;
    }

    fn toggle(&mut self, row: Row, ctx: &Ctx) {
        match row {
            Row::All => self.ticked.clear(),
            Row::Module(m) if !self.ticked.remove(&m) => {
                self.ticked.insert(m);
                // Every module ticked is the same as none: « all ».
                if self.ticked.len() == ctx.catalog.modules.len() {
                    self.ticked.clear();
                }
            }
            _ => {}
        }
    }

    /// The stage as set on screen, or why the date cannot be read.
    fn save(&mut self, ctx: &Ctx) -> Option<Action> {
        let date = if self.typed.trim().is_empty() {
            None
        } else {
            match stage::parse_date(&self.typed) {
                Ok(date) => Some(date),
                Err(e) => {
                    self.refuse(words::date_error(&e, &self.typed));
                    return None;
                }
            }
        };
        let mut modules: Vec<String> = self
            .ticked
            .iter()
            .filter_map(|&m| ctx.module(m))
            .map(|m| m.id.clone())
            .collect();
        if !modules.is_empty() {
            modules.extend(self.absent.iter().cloned());
        }
        Some(Action::SetStage { date, modules })
    }

    pub fn on_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Action> {
        self.message = None;
        let count = Self::rows(ctx).len();
        let on_date = self.row(ctx) == Row::Date;
        match key.code {
            KeyCode::Esc => return Some(Action::Back),
            KeyCode::Up | KeyCode::BackTab => {
                self.cursor = self.cursor.checked_sub(1).unwrap_or(count - 1);
            }
            KeyCode::Down | KeyCode::Tab => self.cursor = (self.cursor + 1) % count,
            KeyCode::Enter => return self.save(ctx),
            KeyCode::Char(' ') if !on_date => self.toggle(self.row(ctx), ctx),
            KeyCode::Backspace if on_date => {
                self.typed.pop();
            }
            KeyCode::Char('u') if on_date && key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.typed.clear();
            }
            KeyCode::Char(c)
                if on_date
                    && (c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
                    && self.typed.chars().count() < 10 =>
            {
                self.typed.push(c);
            }
            _ => {}
        }
        None
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent, ctx: &Ctx) -> Option<Action> {
        let count = Self::rows(ctx).len();
        match mouse.kind {
            MouseEventKind::Down(_) => {
                let hit = hit_at(&self.hits, mouse.column, mouse.row)?;
                self.message = None;
                self.cursor = hit;
                if let Some(row) = Self::rows(ctx).get(hit) {
                    self.toggle(*row, ctx);
                }
            }
            MouseEventKind::ScrollDown => self.cursor = (self.cursor + 1).min(count - 1),
            MouseEventKind::ScrollUp => self.cursor = self.cursor.saturating_sub(1),
            _ => {}
        }
        None
    }

    fn marker(&self, index: usize, ctx: &Ctx) -> (&'static str, Style) {
        if index == self.cursor {
            ("▶ ", ctx.theme.selected)
        } else {
            ("  ", ctx.theme.base)
        }
    }

    /// The explanation, the date field, what is saved now, and the message if any.
    fn head(&self, ctx: &Ctx) -> Text<'_> {
        let theme = ctx.theme;
        let now = match self.saved {
            Some(date) => {
                // No countdown: the date is past.
                let countdown = strings::countdown(ctx.progress.countdown.unwrap_or(-1));
                format!("{} ({countdown})", words::long_date(date))
            }
            None => strings::SETTINGS_NO_DATE.to_owned(),
        };
        let (marker, style) = self.marker(0, ctx);
        let mut lines = vec![
            Line::raw(strings::SETTINGS_EXPLAIN),
            Line::raw(""),
            Line::from(vec![
                Span::styled(marker, style),
                Span::styled(format!("{} : ", strings::SETTINGS_STAGE_DATE), theme.key),
                Span::styled(self.typed.as_str(), theme.focus),
                Span::styled("▏", theme.focus),
            ]),
            Line::styled(format!("  {} {now}", strings::SETTINGS_NOW), theme.muted),
        ];
        if let Some(message) = &self.message {
            lines.push(Line::styled(format!("⚠ {message}"), theme.warning));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(strings::SETTINGS_MODULES, theme.heading));
        Text::from(lines)
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let outer = block(format!(" {} ", strings::SETTINGS_TITLE), ctx.theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let head = self.head(ctx);
        let head_height = wrapped_height(&head, inner.width).min(inner.height);
        let [head_area, list] =
            Layout::vertical([Constraint::Length(head_height), Constraint::Fill(1)]).areas(inner);
        Paragraph::new(head)
            .wrap(Wrap { trim: false })
            .render(head_area, buf);
        let mut hits = self.hits.borrow_mut();
        hits.clear();
        // The date field is the head's third line.
        if let Some(y) = head_area.y.checked_add(2)
            && y < head_area.bottom()
        {
            hits.push((Rect::new(head_area.x, y, head_area.width, 1), 0));
        }
        self.render_modules(ctx, list, &mut hits, buf);
    }

    /// « Tous les modules » then each module with its box, scrolled to keep the cursor shown.
    fn render_modules(
        &self,
        ctx: &Ctx,
        list: Rect,
        hits: &mut Vec<(Rect, usize)>,
        buf: &mut Buffer,
    ) {
        let theme = ctx.theme;
        let all = if self.ticked.is_empty() { "[x]" } else { "[ ]" };
        let mut entries = vec![(1, all, strings::SETTINGS_ALL_MODULES.to_owned())];
        for (m, module) in ctx.catalog.modules.iter().enumerate() {
            let tick = if self.ticked.contains(&m) {
                "[x]"
            } else {
                "[ ]"
            };
            entries.push((m + 2, tick, module.title.clone()));
        }
        if !self.absent.is_empty() && !self.ticked.is_empty() {
            entries.push((usize::MAX, "", strings::settings_absent(&self.absent)));
        }
        let height = usize::from(list.height);
        // The list starts at row 1 (row 0 is the date).
        let first = self
            .cursor
            .saturating_sub(1)
            .saturating_sub(height.saturating_sub(1));
        for (y, (index, tick, title)) in entries.into_iter().skip(first).take(height).enumerate() {
            let rect = Rect::new(list.x, list.y + cells(y), list.width, 1);
            let (marker, style) = self.marker(index, ctx);
            if index == usize::MAX {
                Paragraph::new(Line::styled(format!("  {title}"), theme.muted)).render(rect, buf);
                continue;
            }
            hits.push((rect, index));
            let room = list.width.saturating_sub(cells(marker.chars().count() + 4));
            Paragraph::new(Line::from(vec![
                Span::styled(format!("{marker}{tick} "), style),
                Span::styled(ellipsize(&title, room), style),
            ]))
            .render(rect, buf);
        }
    }
}
