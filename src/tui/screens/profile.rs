//! Profiles: several people share a machine in an ELSM; each picks or creates her own.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::store::profiles::validate_profile_name;
use crate::tui::action::Action;
use crate::tui::screens::Ctx;
use crate::tui::strings;
use crate::tui::strings::keys;
use crate::tui::widgets::{Hint, block};

#[derive(Debug, Default)]
pub struct ProfileScreen {
    pub profiles: Vec<String>,
    /// Index in `profiles`, or `profiles.len()` for the « new profile » field.
    pub selected: usize,
    pub typed: String,
    pub message: Option<String>,
}

impl ProfileScreen {
    pub fn new(profiles: Vec<String>, current: Option<&str>) -> Self {
        let selected = current
            .and_then(|c| profiles.iter().position(|p| p == c))
            .unwrap_or(profiles.len());
        ProfileScreen {
            profiles,
            selected,
            typed: String::new(),
            message: None,
        }
    }

    fn on_new(&self) -> bool {
        self.selected == self.profiles.len()
    }

    pub fn takes_text(&self) -> bool {
        self.on_new()
    }

    pub fn hints(&self) -> Vec<Hint> {
        if self.on_new() {
            vec![
                keys::NOM_DU_PROFIL,
                keys::CREER,
                keys::PROFILS,
                keys::RETOUR_ECHAP,
            ]
        } else {
            vec![
                keys::CHOISIR,
                keys::OUVRIR,
                keys::NOM_DU_PROFIL,
                keys::RETOUR_ECHAP,
            ]
        }
    }

    pub fn on_key(&mut self, key: KeyEvent, _ctx: &Ctx) -> Option<Action> {
        self.message = None;
        match key.code {
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Up => {
                self.selected = self.selected.saturating_sub(1);
                None
            }
            KeyCode::Down | KeyCode::Tab => {
                self.selected = (self.selected + 1).min(self.profiles.len());
                None
            }
            KeyCode::Enter if !self.on_new() => {
                Some(Action::SwitchProfile(self.profiles[self.selected].clone()))
            }
            KeyCode::Enter => match validate_profile_name(&self.typed) {
                Ok(name) => Some(Action::SwitchProfile(name)),
                Err(e) => {
                    self.message = Some(e.to_string());
                    None
                }
            },
            KeyCode::Backspace if self.on_new() => {
                self.typed.pop();
                None
            }
            // Every letter types, q, j and k included (a name may start with them): typing
            // starts a new profile wherever the selection was. The arrows move, Échap leaves.
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.selected = self.profiles.len();
                self.typed.push(c);
                None
            }
            _ => None,
        }
    }

    pub fn on_mouse(&mut self, _mouse: MouseEvent) -> Option<Action> {
        None
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let outer = block(format!(" {} ", strings::PROFILE_TITLE), theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let [intro, list] =
            Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(inner);
        Paragraph::new(Line::styled(strings::PROFILE_EXPLAIN, theme.muted))
            .wrap(Wrap { trim: true })
            .render(intro, buf);
        let mut lines: Vec<Line> = self
            .profiles
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let selected = i == self.selected;
                let style = if selected { theme.selected } else { theme.base };
                let current = if ctx.progress.profile.as_deref() == Some(name) {
                    strings::PROFILE_CURRENT
                } else {
                    ""
                };
                Line::from(vec![
                    Span::styled(if selected { "▶ " } else { "  " }, style),
                    Span::styled(name.as_str(), style),
                    Span::styled(current, theme.muted),
                ])
            })
            .collect();
        let selected = self.on_new();
        lines.push(Line::from(vec![
            Span::styled(
                if selected { "▶ " } else { "  " },
                if selected { theme.selected } else { theme.base },
            ),
            Span::styled(format!("{} : ", strings::PROFILE_NEW), theme.key),
            Span::styled(self.typed.as_str(), theme.focus),
            Span::styled(if selected { "▏" } else { "" }, theme.focus),
        ]));
        if let Some(message) = &self.message {
            lines.push(Line::raw(""));
            lines.push(Line::styled(message.as_str(), theme.warning));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(list, buf);
    }
}
