//! « Signaler »: a small popup where the learner writes a remark on the question shown, kept
//! in her progress for a trainer (`conseil progress export`, `conseil progress remarks`).

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};
use ratatui_textarea::{TextArea, WrapMode};

use crate::tui::action::Action;
use crate::tui::strings::{self, keys};
use crate::tui::theme::Theme;
use crate::tui::widgets::{Hint, block, centered};

use super::open::is_send;

/// The remark being written on the question `question_id`.
#[derive(Debug)]
pub struct Report {
    question_id: String,
    area: TextArea<'static>,
    /// Said under the field when Entrée came with nothing typed.
    empty: bool,
}

/// What a key did to the popup.
pub enum Reported {
    /// Still writing.
    Open,
    /// Closed, with the remark to keep if any.
    Closed(Option<Action>),
}

impl Report {
    pub fn new(question_id: &str, theme: &Theme) -> Self {
        let mut area = TextArea::default();
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_placeholder_text(strings::REPORT_PLACEHOLDER);
        area.set_cursor_line_style(Style::new());
        area.set_style(theme.base);
        area.set_placeholder_style(theme.muted);
        Report {
            question_id: question_id.to_owned(),
            area,
            empty: false,
        }
    }

    /// Entrée (or Ctrl-S, F2) keeps the remark, Échap gives it up; any other key writes.
    pub fn on_key(&mut self, key: KeyEvent) -> Reported {
        if key.code == KeyCode::Esc {
            return Reported::Closed(None);
        }
        if key.code == KeyCode::Enter || is_send(&key) {
            let text = self.area.lines().join(" ").trim().to_owned();
            if text.is_empty() {
                self.empty = true;
                return Reported::Open;
            }
            return Reported::Closed(Some(Action::Report {
                question_id: self.question_id.clone(),
                text,
            }));
        }
        self.empty = false;
        self.area.input(key);
        Reported::Open
    }

    pub fn hints() -> Vec<Hint> {
        vec![keys::ENREGISTRER, keys::ANNULER]
    }

    /// The popup over `area`: what a remark is for, the field, the keys.
    pub fn render(&self, theme: &Theme, area: Rect, buf: &mut Buffer) {
        let width = area.width.saturating_sub(4).min(76);
        let explain = Paragraph::new(strings::REPORT_EXPLAIN).wrap(Wrap { trim: true });
        let explain_rows =
            u16::try_from(explain.line_count(width.saturating_sub(2).max(1))).unwrap_or(u16::MAX);
        // The explanation, a blank, three rows of text in their box, the warning, the keys.
        let rect = centered(area, width, explain_rows + 9);
        Clear.render(rect, buf);
        let outer = block(format!(" {} ", strings::REPORT_TITLE), theme);
        let inner = outer.inner(rect);
        outer.render(rect, buf);
        let [text, _, field, warning, keys_row] = Layout::vertical([
            Constraint::Length(explain_rows),
            Constraint::Length(1),
            Constraint::Length(5),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        explain.render(text, buf);
        let field_block = block(format!(" {} ", strings::REPORT_FIELD), theme);
        let field_inner = field_block.inner(field);
        field_block.render(field, buf);
        (&self.area).render(field_inner, buf);
        if self.empty {
            Paragraph::new(Line::styled(strings::REPORT_EMPTY, theme.warning)).render(warning, buf);
        }
        Paragraph::new(Line::styled(strings::REPORT_KEYS, theme.key)).render(keys_row, buf);
    }
}
