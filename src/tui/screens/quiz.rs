//! The quiz: one question at a time, a natural interaction for each kind, then the verdict in
//! words, the right answer, the explanation and its sources. Cases use the same screen, with
//! each step's narrative shown before its questions.

mod input;
mod open;
mod report;
mod segments;

use std::cell::{Cell, RefCell};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::content::Case;
use crate::domain::question::{Outcome, Question};
use crate::domain::session::QuizSession;
use crate::tui::action::Action;
use crate::tui::screens::Ctx;
use crate::tui::strings;
use crate::tui::strings::keys;
use crate::tui::widgets::{Hint, block, ellipsize, hit_at, width_of, wrapped_height};
use crate::words;

pub use input::Input;
use open::SIDE_BY_SIDE;
use report::{Report, Reported};
use segments::{Hit, Segment, StackCache, narrative_segments, question_segments, render_stack};

/// Where the case stands, when the quiz plays a case.
#[derive(Debug)]
pub struct CaseView {
    pub module: usize,
    pub case: usize,
    /// Step index of each question of the session, in order.
    pub step_of: Vec<usize>,
    /// True while the step's narrative is shown instead of the question.
    pub narrative: bool,
}

impl CaseView {
    pub fn new(module: usize, case_index: usize, case: &Case) -> Self {
        let step_of = case.step_of();
        CaseView {
            module,
            case: case_index,
            step_of,
            narrative: true,
        }
    }
}

/// The quiz on screen: what is being typed or picked, and the feedback shown. The session
/// itself is the study layer's, read through [`Ctx::playing`].
pub struct QuizScreen {
    /// Shown in the header: the module's title, « Révision »…
    pub title: String,
    pub input: Input,
    /// The last graded outcome, while its feedback is shown.
    pub outcome: Option<Outcome>,
    /// The outcome is a short answer marked wrong, which the learner may count right
    /// (« j’avais juste », `=`).
    pub may_accept: bool,
    /// First row shown; a cell because drawing moves it to keep the focus in view.
    scroll: Cell<u16>,
    /// Set when the focus moved: the next draw scrolls to it.
    follow: Cell<bool>,
    pub message: Option<&'static str>,
    /// The remark being written on the question shown (« Signaler »).
    report: Option<Report>,
    /// Set when an open answer's model answer was just revealed: the next draw brings it to
    /// the top.
    pin: Cell<bool>,
    pub case: Option<CaseView>,
    /// The time at the last tick, for an exam's countdown.
    pub now: jiff::Timestamp,
    extent: Cell<(u16, u16)>,
    hits: RefCell<Vec<(Rect, Hit)>>,
    wrapped: RefCell<StackCache>,
}

impl QuizScreen {
    /// The quiz screen on the session being played (`ctx.playing`).
    pub fn new(title: String, ctx: &Ctx, now: jiff::Timestamp) -> Self {
        let input = ctx
            .playing
            .and_then(|s| Some((s, ctx.index.get(s.current_id()?)?)))
            .map_or(Input::TrueFalse { cursor: 0 }, |(s, q)| {
                Input::for_question(q, s, ctx.theme)
            });
        QuizScreen {
            title,
            input,
            outcome: None,
            may_accept: false,
            scroll: Cell::new(0),
            follow: Cell::new(true),
            message: None,
            report: None,
            pin: Cell::new(false),
            case: None,
            now,
            extent: Cell::new((0, 0)),
            hits: RefCell::new(Vec::new()),
            wrapped: RefCell::default(),
        }
    }

    /// Moves to the next question (after its feedback). Returns false when the session is over.
    pub fn advance(&mut self, ctx: &Ctx) -> bool {
        self.outcome = None;
        self.scroll.set(0);
        self.follow.set(true);
        self.message = None;
        let Some(session) = ctx.playing else {
            return false;
        };
        let Some(q) = session.current_id().and_then(|id| ctx.index.get(id)) else {
            return false;
        };
        self.input = Input::for_question(q, session, ctx.theme);
        if let Some(case) = &mut self.case {
            let pos = session.position();
            let new_step = pos == 0 || case.step_of.get(pos) != case.step_of.get(pos - 1);
            case.narrative = new_step;
        }
        true
    }

    fn current<'a>(&self, ctx: &Ctx<'a>) -> Option<&'a Question> {
        let session = ctx.playing?;
        if self.outcome.is_some() {
            // The feedback is about the question just answered.
            let last = session.answers.last()?;
            return ctx.index.get(&last.question_id);
        }
        ctx.index.get(session.current_id()?)
    }

    pub fn takes_text(&self) -> bool {
        self.report.is_some()
            || (self.outcome.is_none()
                && !self.case.as_ref().is_some_and(|c| c.narrative)
                && match &self.input {
                    Input::Text { .. } => true,
                    Input::Open(answer) => !answer.revealed,
                    _ => false,
                })
    }

    pub fn hints(&self) -> Vec<Hint> {
        if self.report.is_some() {
            return Report::hints();
        }
        if self.case.as_ref().is_some_and(|c| c.narrative) {
            return vec![keys::DEFILER, keys::AUX_QUESTIONS, keys::QUITTER_LE_CAS];
        }
        if self.outcome.is_some() {
            let mut hints = vec![keys::QUESTION_SUIVANTE];
            if self.may_accept {
                hints.push(keys::JAVAIS_JUSTE);
            }
            hints.extend([keys::DEFILER, keys::SIGNALER, keys::QUITTER]);
            return hints;
        }
        let mut hints = match &self.input {
            Input::Choices {
                multiple: false, ..
            } => {
                vec![keys::CHOISIR_LETTRE, keys::VALIDER]
            }
            Input::Choices { multiple: true, .. } => {
                vec![keys::COCHER, keys::SE_DEPLACER, keys::VALIDER]
            }
            Input::TrueFalse { .. } => vec![keys::VRAI, keys::FAUX, keys::CHOISIR_VF],
            Input::Text { .. } => vec![keys::VALIDER, keys::QUITTER_ECHAP],
            Input::Order { .. } => vec![keys::PRENDRE_POSER, keys::DEPLACER, keys::VALIDER],
            Input::Match { .. } => {
                vec![keys::ELEMENT, keys::ASSOCIER, keys::DEFAIRE, keys::VALIDER]
            }
            Input::Open(answer) => answer.hints(self.case.is_some()),
        };
        if self.case.is_some() {
            hints.push(keys::RECIT);
        }
        if !self.takes_text() {
            hints.push(keys::QUITTER);
        }
        // « Signaler » works on every question; it is named wherever the footer has room (and
        // always once the question is answered).
        let signal = if self.takes_text() {
            keys::SIGNALER_F3
        } else {
            keys::SIGNALER
        };
        if !hints.contains(&signal) && fits(&hints, signal) {
            let at = hints.len() - usize::from(hints.last() == Some(&keys::QUITTER));
            hints.insert(at, signal);
        }
        hints
    }

    fn max_scroll(&self) -> u16 {
        let (text, view) = self.extent.get();
        text.saturating_sub(view)
    }

    fn scroll_by(&mut self, delta: i32) {
        let next = (i32::from(self.scroll.get()) + delta).clamp(0, i32::from(self.max_scroll()));
        self.scroll.set(u16::try_from(next).unwrap_or(0));
        self.follow.set(false);
    }

    /// Shows the outcome of the answer just recorded, scrolled to the verdict.
    pub fn show_outcome(&mut self, outcome: Outcome) {
        self.outcome = Some(outcome);
        self.may_accept = false;
        self.follow.set(true);
    }

    pub fn on_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Action> {
        if let Some(report) = &mut self.report {
            return match report.on_key(key) {
                Reported::Open => None,
                Reported::Closed(action) => {
                    self.report = None;
                    action
                }
            };
        }
        let page = i32::from(self.extent.get().1.max(2) - 1);
        if let Some(case) = &mut self.case
            && case.narrative
        {
            match key.code {
                KeyCode::Enter | KeyCode::Tab | KeyCode::Right => {
                    case.narrative = false;
                    self.scroll.set(0);
                    self.follow.set(true);
                }
                KeyCode::Down | KeyCode::Char('j') => self.scroll_by(1),
                KeyCode::Up | KeyCode::Char('k') => self.scroll_by(-1),
                KeyCode::PageDown | KeyCode::Char(' ') => self.scroll_by(page),
                KeyCode::PageUp => self.scroll_by(-page),
                KeyCode::Char('q') | KeyCode::Esc => return Some(Action::Back),
                _ => {}
            }
            return None;
        }
        // « Signaler »: `!` where it is not typed text, F3 everywhere.
        if key.code == KeyCode::F(3) || (key.code == KeyCode::Char('!') && !self.takes_text()) {
            if let Some(q) = self.current(ctx) {
                self.report = Some(Report::new(q.id(), ctx.theme));
            }
            return None;
        }
        if self.outcome.is_some() {
            match key.code {
                KeyCode::Enter | KeyCode::Char(' ') | KeyCode::Right => return Some(Action::Next),
                KeyCode::Char('=') if self.may_accept => return Some(Action::AcceptAnswer),
                KeyCode::Down | KeyCode::Char('j') => self.scroll_by(1),
                KeyCode::Up | KeyCode::Char('k') => self.scroll_by(-1),
                KeyCode::PageDown => self.scroll_by(page),
                KeyCode::PageUp => self.scroll_by(-page),
                KeyCode::Char('q') | KeyCode::Esc => return Some(Action::Back),
                _ => {}
            }
            return None;
        }
        if key.code == KeyCode::Tab
            && let Some(case) = &mut self.case
        {
            case.narrative = true;
            self.scroll.set(0);
            return None;
        }
        self.current(ctx)?;
        self.message = None;
        if let Input::Open(answer) = &self.input
            && answer.revealed
            && self.scroll_key(key.code, page)
        {
            return None;
        }
        self.follow.set(true);
        let was_hidden = matches!(&self.input, Input::Open(a) if !a.revealed);
        let keyed = self.input.on_key(key);
        if was_hidden && matches!(&self.input, Input::Open(a) if a.revealed) {
            self.pin.set(true);
        }
        match keyed {
            Ok(action) => action,
            Err(message) => {
                self.message = Some(message);
                None
            }
        }
    }

    /// Scrolls for the keys that scroll the stack; false for any other key.
    fn scroll_key(&mut self, code: KeyCode, page: i32) -> bool {
        match code {
            KeyCode::Down | KeyCode::Char('j') => self.scroll_by(1),
            KeyCode::Up | KeyCode::Char('k') => self.scroll_by(-1),
            KeyCode::PageDown => self.scroll_by(page),
            KeyCode::PageUp => self.scroll_by(-page),
            KeyCode::Home => self.scroll_by(-i32::from(u16::MAX)),
            KeyCode::End => self.scroll_by(i32::from(u16::MAX)),
            _ => return false,
        }
        true
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent) -> Option<Action> {
        if self.report.is_some() {
            return None;
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => {
                self.scroll_by(2);
                None
            }
            MouseEventKind::ScrollUp => {
                self.scroll_by(-2);
                None
            }
            MouseEventKind::Down(_) if self.outcome.is_none() => {
                let hit = hit_at(&self.hits, mouse.column, mouse.row)?;
                match (&mut self.input, hit) {
                    (Input::Choices { .. }, Hit::Choice(i)) => {
                        self.input.pick(i);
                        None
                    }
                    (Input::TrueFalse { cursor }, Hit::TrueFalse(i)) => {
                        *cursor = i;
                        None
                    }
                    (
                        Input::Order {
                            cursor, grabbed, ..
                        },
                        Hit::OrderItem(i),
                    ) => {
                        *cursor = i;
                        *grabbed = false;
                        None
                    }
                    (Input::Match { cursor, .. }, Hit::MatchLeft(i)) => {
                        *cursor = i;
                        None
                    }
                    (Input::Match { .. }, Hit::MatchRight(d)) => {
                        self.input.pair(d);
                        None
                    }
                    (Input::Open(answer), Hit::KeyPoint(i)) => {
                        answer.toggle(i);
                        None
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// « Module — Question 3/12 · Score : 2/2 · ⏱ 12 min 05 s », fitted to `width`.
    fn header(&self, session: &QuizSession, width: u16) -> String {
        let answered = session.answers.len();
        let position = if self.outcome.is_some() {
            answered.saturating_sub(1)
        } else {
            answered
        };
        let mut status = strings::question_position(position, session.len());
        if !session.hides_feedback() {
            let counted = session.answered();
            status.push_str(&format!(" · {}", strings::score(session.score(), counted)));
        }
        if let Some(left) = session.time_left(self.now) {
            status.push_str(&format!(" · {}", strings::time_left(left)));
        }
        // A long case title gives way: the position, score and clock must stay readable.
        let room = width.saturating_sub(width_of(&status) + 8);
        format!(" {} — {status} ", ellipsize(&self.title, room))
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let Some(question) = self.current(ctx) else {
            return;
        };
        let Some(session) = ctx.playing else {
            return;
        };
        let module = ctx
            .index
            .module_of(question.id())
            .and_then(|m| ctx.module(m));
        let outer = block(self.header(session, area.width), theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let [body, message] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
        if let Some(text) = self.message {
            Paragraph::new(Line::styled(text, theme.warning)).render(message, buf);
        }

        let narrative = self.case.as_ref().is_some_and(|c| c.narrative);
        // The field being typed in, its title and its height.
        let field = match &self.input {
            _ if self.outcome.is_some() || narrative => None,
            Input::Text { area, .. } => {
                Some((area.as_ref(), format!(" {} ", words::QUIZ_YOUR_ANSWER), 4))
            }
            // An avis takes room: half the screen, scrolled by the editor beyond that.
            Input::Open(answer) if !answer.revealed => Some((
                &answer.area,
                answer.editor_title(),
                (body.height / 2).max(6),
            )),
            _ => None,
        };
        let reserved = field.as_ref().map_or(0, |f| f.2);
        let [stack_area, field_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(reserved)]).areas(body);
        // Once sent, an avis stands beside the model answer where there is room.
        let beside = match &self.input {
            Input::Open(answer) if answer.revealed && !narrative && body.width >= SIDE_BY_SIDE => {
                Some(answer.text())
            }
            _ => None,
        };
        let (side_area, stack_area) = if beside.is_some() {
            let [side, stack] =
                Layout::horizontal([Constraint::Percentage(40), Constraint::Fill(1)])
                    .spacing(1)
                    .areas(stack_area);
            (side, stack)
        } else {
            (Rect::default(), stack_area)
        };

        let mut segments: Vec<Segment> = Vec::new();
        let mut verdict_at = None;
        if let (Some(case), Some(m)) = (&self.case, module)
            && narrative
        {
            narrative_segments(
                m,
                case,
                session.position(),
                theme,
                stack_area.width,
                &mut segments,
            );
        } else {
            let last = session.answers.last().map(|a| &a.response);
            verdict_at = question_segments(
                &self.input,
                self.outcome.as_ref(),
                question,
                module,
                last,
                theme,
                stack_area.width,
                beside.is_some(),
                &mut segments,
            );
        }
        self.draw_stack(&segments, verdict_at, stack_area, buf);
        if let Some(text) = beside {
            open::render_beside(&text, self.scroll.get(), theme, side_area, buf);
        }
        if let Some((area, title, _)) = field {
            let field = block(title, theme);
            let inner = field.inner(field_area);
            field.render(field_area, buf);
            area.render(inner, buf);
        }
        if let Some(report) = &self.report {
            report.render(theme, area, buf);
        }
    }

    /// Draws the stack of segments, scrolled to keep the focus in view: the verdict once
    /// answered, else the option under the cursor; a model answer just revealed comes to the
    /// top.
    fn draw_stack(
        &self,
        segments: &[Segment],
        verdict_at: Option<usize>,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let focus = if self.outcome.is_some() {
            verdict_at
        } else {
            let cursor_hit = match &self.input {
                Input::Choices { cursor, .. } => Some(Hit::Choice(*cursor)),
                Input::TrueFalse { cursor } => Some(Hit::TrueFalse(*cursor)),
                Input::Order { cursor, .. } => Some(Hit::OrderItem(*cursor)),
                Input::Match { cursor, .. } => Some(Hit::MatchLeft(*cursor)),
                _ => None,
            };
            segments
                .iter()
                .position(|(_, h)| h.is_some() && *h == cursor_hit)
        };
        let mut follow = self.follow.replace(false);
        if self.pin.replace(false)
            && let Some(at) = segments
                .iter()
                .position(|(_, h)| *h == Some(Hit::ModelAnswer))
        {
            let top = segments[..at]
                .iter()
                .map(|(text, _)| wrapped_height(text, area.width).max(1))
                .fold(0_u16, u16::saturating_add);
            self.scroll.set(top);
            follow = false;
        }
        let (total, scroll) = render_stack(
            segments,
            area,
            self.scroll.get(),
            focus.filter(|_| follow),
            buf,
            &self.hits,
            &self.wrapped,
        );
        self.scroll.set(scroll);
        self.extent.set((total, area.height));
    }
}

/// Whether a footer of `hints`, `extra` and the help key fits in 80 columns, the width the
/// screens are laid out for.
fn fits(hints: &[Hint], extra: Hint) -> bool {
    let words: usize = hints
        .iter()
        .chain([&extra, &keys::AIDE])
        .map(|(key, what)| key.chars().count() + 1 + what.chars().count())
        .sum();
    words + 3 * (hints.len() + 1) <= 80
}
