//! Settings: the date of the learner's stage or exam, which review plans for.

use jiff::civil::Date;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::action::Action;
use crate::tui::screens::Ctx;
use crate::tui::strings;
use crate::tui::strings::keys;
use crate::tui::widgets::{Hint, block};

#[derive(Debug, Default)]
pub struct SettingsScreen {
    pub typed: String,
    pub message: Option<String>,
}

/// Reads « 2026-12-01 » or « 01/12/2026 ».
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    let mut parts = text.split(['/', '.', '-']);
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

impl SettingsScreen {
    pub fn new(current: Option<Date>) -> Self {
        SettingsScreen {
            typed: current
                .map(|d| d.strftime("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            message: None,
        }
    }

    pub fn hints(&self) -> Vec<Hint> {
        vec![
            keys::DATE_JJ_MM_AAAA,
            keys::ENREGISTRER,
            keys::EFFACER_LA_DATE,
            keys::RETOUR_ECHAP,
        ]
    }

    pub fn on_key(&mut self, key: KeyEvent, _ctx: &Ctx) -> Option<Action> {
        self.message = None;
        match key.code {
            KeyCode::Esc => return Some(Action::Back),
            KeyCode::Backspace => {
                self.typed.pop();
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.typed.clear();
            }
            KeyCode::Char(c)
                if (c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
                    && self.typed.chars().count() < 10 =>
            {
                self.typed.push(c);
            }
            KeyCode::Enter => {
                if self.typed.trim().is_empty() {
                    return Some(Action::SetStageDate(None));
                }
                match parse_date(&self.typed) {
                    Some(date) => return Some(Action::SetStageDate(Some(date))),
                    None => self.message = Some(strings::SETTINGS_BAD_DATE.to_owned()),
                }
            }
            _ => {}
        }
        None
    }

    pub fn on_mouse(&mut self, _mouse: MouseEvent) -> Option<Action> {
        None
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let outer = block(format!(" {} ", strings::SETTINGS_TITLE), theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let countdown = ctx
            .progress
            .countdown
            .map_or_else(|| strings::SETTINGS_NO_DATE.to_owned(), strings::countdown);
        let mut lines = vec![
            Line::raw(strings::SETTINGS_EXPLAIN),
            Line::raw(""),
            Line::from(vec![
                Span::styled(format!("{} : ", strings::SETTINGS_STAGE_DATE), theme.key),
                Span::styled(self.typed.as_str(), theme.focus),
                Span::styled("▏", theme.focus),
            ]),
            Line::styled(
                format!("{} {countdown}", strings::SETTINGS_NOW),
                theme.muted,
            ),
        ];
        if let Some(message) = &self.message {
            lines.push(Line::raw(""));
            lines.push(Line::styled(message.as_str(), theme.warning));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_in_both_orders() {
        let d = jiff::civil::date(2026, 12, 1);
        assert_eq!(parse_date("2026-12-01"), Some(d));
        assert_eq!(parse_date("01/12/2026"), Some(d));
        assert_eq!(parse_date(" 1/12/2026 "), Some(d));
        assert_eq!(parse_date("31/02/2026"), None);
        assert_eq!(parse_date("demain"), None);
        assert_eq!(parse_date("1/2/3/4"), None);
    }
}
