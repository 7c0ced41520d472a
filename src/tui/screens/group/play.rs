//! The session being played: what the screen shows of it and what the trainer's keys mean.
//! The views are drawn by `presenter` (the question and its answer), `board` (scoreboard and
//! podium), `narrative` (a case step told before its question) and `report` (the session's
//! report).

use std::path::PathBuf;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::group::{GroupSession, response_label};
use crate::domain::question::Question;
use crate::tui::action::{Action, GroupAction};
use crate::tui::screens::Ctx;
use crate::tui::screens::group::room::RoomPanel;
use crate::tui::screens::group::strings;
use crate::tui::screens::group::strings::keys;
use crate::tui::screens::group::strings::room as room_keys;
use crate::tui::screens::group::text::{choice_index, parse_typed};
use crate::tui::screens::group::{board, narrative, presenter, report};
use crate::tui::widgets::{Hint, Scroll, block, popup};

/// Longest answer typed for a team (a number, a few words, a sequence of letters).
const MAX_TYPED: usize = 40;
/// Seconds the trainer adds with one key.
pub const ADDED_SECS: u32 = 15;

/// What the screen shows, worked out from the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// A case step's narrative, before its question (or on the trainer's demand).
    Narrative,
    /// The question is open: countdown and answer entry.
    Answering,
    /// The right answer, the explanation and who got it.
    Revealed,
    /// The standings between two questions.
    Scoreboard,
    /// The session is over: podium and debrief.
    Podium,
    /// The session's report, from the podium.
    Report,
}

/// A question asked before something that cannot be taken back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Leave the quiz (it is saved and can be resumed).
    Quit,
    /// End it now, before its last question.
    Finish,
}

/// The answer being typed for a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Typing {
    pub team: usize,
    pub text: String,
}

/// The narrative shown: how far it is scrolled, and whether showing it stopped the clock
/// (which then starts again when it closes).
#[derive(Debug, Default)]
pub struct NarrativeView {
    pub scroll: Scroll,
    pub paused_clock: bool,
}

pub struct PlayScreen {
    pub session: GroupSession,
    /// Showing the standings after a revealed question (rather than the answer).
    pub scoreboard: bool,
    pub(super) typing: Option<Typing>,
    pub message: Option<String>,
    /// The time of the last tick, for the countdown.
    pub now: Timestamp,
    /// Where the results were written, or why they could not be.
    pub export: Option<Result<Vec<PathBuf>, String>>,
    /// First debrief entry shown on the podium.
    pub(super) scroll: usize,
    pub confirm: Option<Confirm>,
    /// The case step's narrative, while shown.
    pub narrative: Option<NarrativeView>,
    /// The session's report in Markdown, once written, and whether it is shown.
    pub report: Option<String>,
    pub(super) report_scroll: Option<Scroll>,
    has_narrative: bool,
    open_question: bool,
    /// The room, when participants answer from their phones (`--salle`).
    pub room: Option<RoomPanel>,
}

impl PlayScreen {
    /// A screen on `session`; a session stopped after a reveal opens on the scoreboard.
    pub fn new(session: GroupSession, now: Timestamp) -> Self {
        let scoreboard = session
            .current()
            .is_some_and(crate::domain::group::Round::is_revealed);
        PlayScreen {
            session,
            scoreboard,
            typing: None,
            message: None,
            now,
            export: None,
            scroll: 0,
            confirm: None,
            narrative: None,
            report: None,
            report_scroll: None,
            has_narrative: false,
            open_question: false,
            room: None,
        }
    }

    pub fn view(&self) -> View {
        if self.session.is_finished() {
            if self.report_scroll.is_some() {
                View::Report
            } else {
                View::Podium
            }
        } else if self.session.current().is_some_and(|r| !r.is_revealed()) {
            if self.narrative.is_some() {
                View::Narrative
            } else {
                View::Answering
            }
        } else if self.scoreboard {
            View::Scoreboard
        } else {
            View::Revealed
        }
    }

    pub fn takes_text(&self) -> bool {
        self.typing.is_some() && self.view() == View::Answering && self.confirm.is_none()
    }

    /// True when the question on screen belongs to a case step whose narrative the room has
    /// not seen yet: the first question of the step, not yet answered.
    pub fn starts_a_case_step(&self, ctx: &Ctx) -> bool {
        let Some(round) = self.session.current().filter(|r| !r.is_revealed()) else {
            return false;
        };
        let Some((case, step)) = narrative::case_step(ctx.catalog, &round.question_id) else {
            return false;
        };
        let position = self.session.position();
        let previous = position
            .checked_sub(1)
            .and_then(|p| self.session.rounds.get(p))
            .and_then(|r| narrative::case_step(ctx.catalog, &r.question_id));
        let same_step = previous.is_some_and(|(c, s)| c.id == case.id && s == step);
        round.answered() == 0 && !same_step
    }

    pub fn hints(&self) -> Vec<Hint> {
        if self.confirm.is_some() {
            return vec![keys::OUI, keys::NON];
        }
        if self.room.as_ref().is_some_and(|r| r.open) {
            return vec![room_keys::CHOISIR, room_keys::RETIRER, room_keys::FERMER];
        }
        let mut hints = self.view_hints();
        if self.room.is_some() && self.typing.is_none() {
            hints.insert(hints.len().saturating_sub(1), room_keys::SALLE);
        }
        hints
    }

    fn view_hints(&self) -> Vec<Hint> {
        match self.view() {
            View::Narrative => vec![keys::A_LA_QUESTION, keys::DEFILER_PAGE, keys::QUITTER],
            View::Answering if self.typing.is_some() => {
                vec![keys::ENREGISTRER, keys::EFFACER_SA_REPONSE, keys::ANNULER]
            }
            View::Answering => self.answering_hints(),
            View::Revealed => vec![keys::CLASSEMENT, keys::ANNULER_CE_SCORE, keys::QUITTER],
            View::Scoreboard => vec![
                keys::SUITE,
                keys::REPONSE,
                keys::ANNULER_LE_SCORE,
                keys::TERMINER,
                keys::QUITTER,
            ],
            View::Podium => vec![
                keys::DEBRIEFING,
                keys::BILAN,
                keys::EXPORTER,
                keys::ACCUEIL,
                keys::RETOUR,
            ],
            View::Report => vec![keys::DEFILER_PAGE, keys::RETOUR_PODIUM],
        }
    }

    fn answering_hints(&self) -> Vec<Hint> {
        let mut hints = if self.open_question {
            vec![keys::REVELER_MODELE]
        } else {
            vec![keys::EQUIPE_PUIS_REPONSE, keys::REVELER]
        };
        if self.session.timer_secs.is_some() {
            hints.extend([keys::PAUSE, keys::PLUS_15, keys::FIN_DU_TEMPS]);
        }
        if self.narrative_available() {
            hints.push(keys::RECIT);
        }
        hints.extend([keys::ANNULER_SAISIE, keys::QUITTER]);
        hints
    }

    /// Whether the question on screen has a case narrative (see [`PlayScreen::note_question`]).
    fn narrative_available(&self) -> bool {
        self.has_narrative
    }

    /// Notes what the question on screen is, after anything that may have changed it: the
    /// hints offer its case narrative when it has one, and no entry for an open question.
    pub fn note_question(&mut self, ctx: &Ctx) {
        let id = self.session.current().map(|r| r.question_id.as_str());
        self.has_narrative = id
            .and_then(|id| narrative::case_step(ctx.catalog, id))
            .is_some();
        self.open_question = matches!(id.and_then(|id| ctx.index.get(id)), Some(Question::Open(_)));
    }

    /// The question on screen.
    pub fn question<'a>(&self, ctx: &'a Ctx) -> Option<&'a Question> {
        ctx.index.get(&self.session.current()?.question_id)
    }

    pub fn on_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Action> {
        let group = |a| Some(Action::Group(a));
        if let Some(confirm) = self.confirm {
            return match key.code {
                KeyCode::Char('o' | 'O') | KeyCode::Enter => {
                    self.confirm = None;
                    match confirm {
                        Confirm::Quit => group(GroupAction::Leave { home: false }),
                        Confirm::Finish => group(GroupAction::Finish),
                    }
                }
                KeyCode::Char('n' | 'N' | 'q') | KeyCode::Esc => {
                    self.confirm = None;
                    None
                }
                _ => None,
            };
        }
        if self.typing.is_none()
            && let Some(room) = &mut self.room
            && let Some(action) = room.on_key(key, &self.session)
        {
            return action;
        }
        match self.view() {
            View::Narrative => self.on_narrative_key(key),
            View::Answering => self.on_answering_key(key, ctx),
            View::Revealed => match key.code {
                KeyCode::Enter | KeyCode::Right | KeyCode::Char(' ') => {
                    self.scoreboard = true;
                    self.message = None;
                    None
                }
                KeyCode::Char('u') => group(GroupAction::Undo),
                KeyCode::Char('q') | KeyCode::Esc => self.ask(Confirm::Quit),
                _ => None,
            },
            View::Scoreboard => match key.code {
                KeyCode::Enter | KeyCode::Right | KeyCode::Char(' ') => {
                    self.scoreboard = false;
                    self.message = None;
                    group(GroupAction::Next)
                }
                KeyCode::Left => {
                    self.scoreboard = false;
                    None
                }
                KeyCode::Char('u') => {
                    self.scoreboard = false;
                    group(GroupAction::Undo)
                }
                KeyCode::Char('t') => self.ask(Confirm::Finish),
                KeyCode::Char('q') | KeyCode::Esc => self.ask(Confirm::Quit),
                _ => None,
            },
            View::Podium => self.on_podium_key(key),
            View::Report => {
                match key.code {
                    KeyCode::Char('q' | 'b') | KeyCode::Esc => self.report_scroll = None,
                    code => {
                        if let Some(scroll) = &mut self.report_scroll {
                            scroll.on_key(code);
                        }
                    }
                }
                None
            }
        }
    }

    fn ask(&mut self, confirm: Confirm) -> Option<Action> {
        self.confirm = Some(confirm);
        None
    }

    fn on_narrative_key(&mut self, key: KeyEvent) -> Option<Action> {
        match key.code {
            KeyCode::Enter | KeyCode::Tab | KeyCode::Right => {
                Some(Action::Group(GroupAction::ShowNarrative(false)))
            }
            KeyCode::Char('q') | KeyCode::Esc => self.ask(Confirm::Quit),
            code => {
                if let Some(n) = &mut self.narrative {
                    n.scroll.on_key(code);
                }
                None
            }
        }
    }

    fn on_answering_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Action> {
        let group = |a| Some(Action::Group(a));
        let question = self.question(ctx)?;
        let order = self
            .session
            .display_order(self.session.position(), question);
        if self.typing.is_some() {
            return self.on_typing_key(key, question, &order);
        }
        let open = matches!(question, Question::Open(_));
        match key.code {
            KeyCode::Char(c) if !open && self.team_of_digit(c).is_some() => {
                self.typing = self.team_of_digit(c).map(|team| Typing {
                    team,
                    text: String::new(),
                });
                self.message = None;
                None
            }
            KeyCode::Char('r') => {
                self.message = None;
                group(GroupAction::Reveal)
            }
            KeyCode::Char('p' | ' ') => group(GroupAction::TogglePause),
            KeyCode::Char('+') => group(GroupAction::AddTime(ADDED_SECS)),
            KeyCode::Char('s') => group(GroupAction::SkipTime),
            KeyCode::Tab if narrative::case_step(ctx.catalog, question.id()).is_some() => {
                group(GroupAction::ShowNarrative(true))
            }
            KeyCode::Char('u') => group(GroupAction::Undo),
            KeyCode::Char('q') | KeyCode::Esc => self.ask(Confirm::Quit),
            _ => None,
        }
    }

    fn on_podium_key(&mut self, key: KeyEvent) -> Option<Action> {
        let group = |a| Some(Action::Group(a));
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => {
                let entries = self.session.debrief().len();
                self.scroll = (self.scroll + 1).min(entries.saturating_sub(1));
                None
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.scroll = self.scroll.saturating_sub(1);
                None
            }
            KeyCode::Char('b') if self.report.is_some() => {
                self.report_scroll = Some(Scroll::default());
                None
            }
            KeyCode::Char('e') => group(GroupAction::Export),
            KeyCode::Enter => group(GroupAction::Leave { home: true }),
            KeyCode::Char('q') | KeyCode::Esc => group(GroupAction::Leave { home: false }),
            _ => None,
        }
    }

    /// The team a digit key stands for (1 is the first team).
    fn team_of_digit(&self, c: char) -> Option<usize> {
        let d = c.to_digit(10)? as usize;
        (1..=self.session.teams.len()).contains(&d).then(|| d - 1)
    }

    fn on_typing_key(
        &mut self,
        key: KeyEvent,
        question: &Question,
        order: &[usize],
    ) -> Option<Action> {
        let team_digit = match key.code {
            KeyCode::Char(c) => self.team_of_digit(c),
            _ => None,
        };
        let typing = self.typing.as_mut()?;
        let team = typing.team;
        match key.code {
            KeyCode::Esc => self.typing = None,
            // Erasing past the first character leaves the team.
            KeyCode::Backspace if typing.text.is_empty() => self.typing = None,
            KeyCode::Backspace => {
                typing.text.pop();
            }
            KeyCode::Delete => {
                self.typing = None;
                self.message = Some(strings::group_cleared(team + 1, self.team_name(team)));
                return Some(Action::Group(GroupAction::Clear { team }));
            }
            KeyCode::Enter => return self.commit(question, order),
            KeyCode::Char(c) => match question {
                Question::Single(_) | Question::TrueFalse(_) if team_digit.is_some() => {
                    // One key answers these: a digit means the trainer moved to another team.
                    typing.team = team_digit.unwrap_or(team);
                    typing.text.clear();
                }
                Question::Single(_) if choice_index(c, order.len()).is_some() => {
                    typing.text = c.to_ascii_uppercase().to_string();
                    return self.commit(question, order);
                }
                Question::TrueFalse(_) if matches!(c, 'v' | 'V' | 'f' | 'F') => {
                    typing.text = c.to_ascii_uppercase().to_string();
                    return self.commit(question, order);
                }
                Question::Multiple(_) | Question::Order(_)
                    if choice_index(c, order.len()).is_some() =>
                {
                    let c = c.to_ascii_uppercase();
                    if typing.text.contains(c) {
                        // Typed twice: a second press takes the letter back.
                        typing.text.retain(|t| t != c);
                    } else {
                        typing.text.push(c);
                    }
                }
                // A match's code may give a letter twice: two items may share a partner.
                Question::Match(_) if choice_index(c, order.len()).is_some() => {
                    typing.text.push(c.to_ascii_uppercase());
                }
                Question::Numeric(_) | Question::Short(_)
                    if !c.is_control() && typing.text.chars().count() < MAX_TYPED =>
                {
                    typing.text.push(c);
                }
                _ => {}
            },
            _ => {}
        }
        None
    }

    /// Turns what was typed into a response, or says what is missing.
    fn commit(&mut self, question: &Question, order: &[usize]) -> Option<Action> {
        let typing = self.typing.as_ref()?;
        match parse_typed(question, order, &typing.text) {
            Ok(response) => {
                let team = typing.team;
                self.message = Some(strings::group_recorded(
                    team + 1,
                    self.team_name(team),
                    &response_label(&response, order),
                ));
                self.typing = None;
                Some(Action::Group(GroupAction::Enter { team, response }))
            }
            Err(problem) => {
                self.message = Some(strings::warning(problem));
                None
            }
        }
    }

    pub(super) fn team_name(&self, team: usize) -> &str {
        self.session.teams.get(team).map_or("", String::as_str)
    }

    fn title(&self) -> String {
        let position = self.session.position();
        let total = self.session.len();
        let what = match self.view() {
            View::Answering if self.session.is_paused() => format!(
                "{} · {}",
                strings::question_position(position, total),
                strings::GROUP_PAUSED
            ),
            View::Narrative | View::Answering | View::Revealed => {
                strings::question_position(position, total)
            }
            View::Scoreboard => strings::group_standings_after(position + 1, total),
            View::Podium => strings::GROUP_RESULTS.to_owned(),
            View::Report => strings::GROUP_REPORT_TITLE.to_owned(),
        };
        format!(" {} — {what} ", strings::GROUP_TITLE)
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        buf.set_style(area, theme.base);
        let outer = block(self.title(), theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let room_rows = u16::from(self.room.is_some());
        let [body, room_line, message] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(room_rows),
            Constraint::Length(1),
        ])
        .areas(inner);
        if let Some(room) = &self.room {
            let line = room.status(&self.session, self.question(ctx));
            Paragraph::new(Line::styled(line, theme.muted)).render(room_line, buf);
        }
        if let Some(m) = &self.message {
            // A problem says so with its ⚠; a confirmation is plain.
            let style = if strings::is_warning(m) {
                theme.warning
            } else {
                theme.base
            };
            Paragraph::new(Line::styled(m.as_str(), style)).render(message, buf);
        }
        match (self.view(), self.question(ctx)) {
            (View::Narrative, Some(q)) => {
                narrative::render(self, ctx, q, body, buf);
            }
            (View::Answering, Some(q)) => presenter::render_answering(self, ctx, q, body, buf),
            (View::Revealed, Some(q)) => presenter::render_revealed(self, ctx, q, body, buf),
            (View::Scoreboard, _) => board::render_scoreboard(&self.session, ctx, body, buf),
            (View::Podium, _) => board::render_podium(
                &self.session,
                self.scroll,
                self.export.as_ref(),
                ctx,
                body,
                buf,
            ),
            (View::Report, _) => report::render(self, ctx, body, buf),
            (_, None) => {
                let id = self
                    .session
                    .current()
                    .map_or("", |r| r.question_id.as_str());
                Paragraph::new(Line::styled(
                    strings::group_missing_question(id),
                    theme.warning,
                ))
                .render(body, buf);
            }
        }
        if let Some(room) = self.room.as_ref().filter(|r| r.open) {
            // Over the question, not over the room's line: the counts stay in sight.
            room.render(&self.session, theme, body, buf);
        }
        if let Some(confirm) = self.confirm {
            let (title, lines) = match confirm {
                Confirm::Quit => (
                    strings::GROUP_CONFIRM_QUIT,
                    strings::GROUP_CONFIRM_QUIT_TEXT,
                ),
                Confirm::Finish => (
                    strings::GROUP_CONFIRM_FINISH,
                    strings::GROUP_CONFIRM_FINISH_TEXT,
                ),
            };
            let mut text: Vec<Line> = lines.iter().map(|l| Line::styled(*l, theme.base)).collect();
            text.push(Line::raw(""));
            text.push(Line::styled(strings::GROUP_CONFIRM_KEYS, theme.key));
            popup(title, Text::from(text), theme, area, buf);
        }
    }
}
