//! The group quiz for trainers: a setup screen, then a presenter view made for a projector
//! where the trainer enters each team's answer, reveals, and shows the scoreboard, and at the
//! end a podium, a debrief and the session's report. The room sees it in the high-contrast
//! theme unless the trainer turns it off at setup.

pub mod board;
mod fit;
pub mod narrative;
pub mod play;
mod presenter;
pub mod report;
pub mod results;
pub mod room;
pub mod room_report;
pub mod setup;
mod setup_view;
pub mod strings;
pub(crate) mod text;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::domain::question::Question;
use crate::tui::action::Action;
use crate::tui::screens::Ctx;
use crate::tui::theme::{Theme, ThemeName};
use crate::tui::widgets::Hint;

pub enum GroupScreen {
    Setup(setup::SetupScreen),
    Play(Box<play::PlayScreen>),
}

impl GroupScreen {
    pub fn on_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Action> {
        match self {
            GroupScreen::Setup(s) => s.on_key(key, ctx),
            GroupScreen::Play(s) => s.on_key(key, ctx),
        }
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let high_contrast = match self {
            GroupScreen::Setup(s) => s.high_contrast,
            GroupScreen::Play(s) => s.session.high_contrast,
        };
        let theme = room_theme(ctx.theme, high_contrast);
        let ctx = Ctx {
            theme: &theme,
            ..*ctx
        };
        buf.set_style(area, theme.base);
        match self {
            GroupScreen::Setup(s) => s.render(&ctx, area, buf),
            GroupScreen::Play(s) => s.render(&ctx, area, buf),
        }
    }

    pub fn hints(&self) -> Vec<Hint> {
        match self {
            GroupScreen::Setup(s) => s.hints(),
            GroupScreen::Play(s) => s.hints(),
        }
    }

    pub fn takes_text(&self) -> bool {
        match self {
            GroupScreen::Setup(s) => s.takes_text(),
            GroupScreen::Play(s) => s.takes_text(),
        }
    }

    /// The time has moved on: the countdown is drawn from it.
    pub fn tick(&mut self, now: Timestamp) {
        if let GroupScreen::Play(s) = self {
            s.now = now;
        }
    }
}

/// The theme the room sees: the high-contrast one when asked (a projector washes soft
/// colours out and the dark grey of secondary text disappears), except that a terminal
/// without colours (NO_COLOR) stays without.
pub fn room_theme(app: &Theme, high_contrast: bool) -> Theme {
    if high_contrast && app.color {
        Theme::new(ThemeName::Contrast, false)
    } else {
        *app
    }
}

/// « vrai/faux », « nombre »… for the question lists.
pub fn kind_label(question: &Question) -> &'static str {
    match question {
        Question::Single(_) => strings::GROUP_KIND_SINGLE,
        Question::Multiple(_) => strings::GROUP_KIND_MULTIPLE,
        Question::TrueFalse(_) => strings::GROUP_KIND_TRUE_FALSE,
        Question::Numeric(_) => strings::GROUP_KIND_NUMERIC,
        Question::Order(_) => strings::GROUP_KIND_ORDER,
        Question::Short(_) => strings::GROUP_KIND_SHORT,
        Question::Match(_) => strings::GROUP_KIND_MATCH,
        Question::Open(_) => strings::GROUP_KIND_OPEN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_room_sees_the_contrast_theme_unless_colours_are_off() {
        let soft = Theme::new(ThemeName::Default, false);
        let contrast = Theme::new(ThemeName::Contrast, false);
        assert_eq!(room_theme(&soft, true), contrast);
        assert_eq!(room_theme(&soft, false), soft);
        let no_color = Theme::new(ThemeName::Default, true);
        assert_eq!(room_theme(&no_color, true), no_color);
    }
}
