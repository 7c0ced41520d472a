//! The group quiz for trainers: a setup screen, then a presenter view made for a projector
//! where the trainer enters each team's answer, reveals, and shows the scoreboard, and at the
//! end a podium and a debrief.

pub mod board;
pub mod play;
pub mod setup;
pub mod strings;
mod text;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::domain::question::Question;
use crate::tui::action::Action;
use crate::tui::screens::Ctx;
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
        match self {
            GroupScreen::Setup(s) => s.render(ctx, area, buf),
            GroupScreen::Play(s) => s.render(ctx, area, buf),
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

/// « vrai/faux », « nombre »… for the question lists.
pub fn kind_label(question: &Question) -> &'static str {
    match question {
        Question::Single(_) => strings::GROUP_KIND_SINGLE,
        Question::Multiple(_) => strings::GROUP_KIND_MULTIPLE,
        Question::TrueFalse(_) => strings::GROUP_KIND_TRUE_FALSE,
        Question::Numeric(_) => strings::GROUP_KIND_NUMERIC,
        Question::Order(_) => strings::GROUP_KIND_ORDER,
        Question::Short(_) | Question::Match(_) | Question::Open(_) => strings::GROUP_KIND_UNFIT,
    }
}
