//! The session being played: the presenter view with the countdown and the answer entry,
//! the revealed answer, then (in `board`) the scoreboard and the podium.

use std::path::PathBuf;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use tui_big_text::PixelSize;

use crate::domain::group::{GroupSession, response_label};
use crate::domain::question::{Question, Verdict};
use crate::tui::action::{Action, GroupAction};
use crate::tui::screens::Ctx;
use crate::tui::screens::group::board;
use crate::tui::screens::group::strings;
use crate::tui::screens::group::strings::keys;
use crate::tui::screens::group::text::{
    big_size, big_text, choice_index, choice_lines, entry_help, parse_typed, prompt_text,
    render_question, right_answer, wrapped_rows,
};
use crate::tui::theme::Theme;
use crate::tui::widgets::{Hint, block, cells};
use crate::words;

/// Longest answer typed for a team (a number, a sequence of letters).
const MAX_TYPED: usize = 24;

/// What the screen shows, worked out from the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The question is open: countdown and answer entry.
    Answering,
    /// The right answer, the explanation and who got it.
    Revealed,
    /// The standings between two questions.
    Scoreboard,
    /// The session is over: podium and debrief.
    Podium,
}

/// The answer being typed for a team.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Typing {
    team: usize,
    text: String,
}

pub struct PlayScreen {
    pub session: GroupSession,
    /// Showing the standings after a revealed question (rather than the answer).
    pub scoreboard: bool,
    typing: Option<Typing>,
    pub message: Option<String>,
    /// The time of the last tick, for the countdown.
    pub now: Timestamp,
    /// Where the results were written, or why they could not be.
    pub export: Option<Result<Vec<PathBuf>, String>>,
    /// First debrief entry shown on the podium.
    pub(super) scroll: usize,
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
        }
    }

    pub fn view(&self) -> View {
        if self.session.is_finished() {
            View::Podium
        } else if self.session.current().is_some_and(|r| !r.is_revealed()) {
            View::Answering
        } else if self.scoreboard {
            View::Scoreboard
        } else {
            View::Revealed
        }
    }

    pub fn takes_text(&self) -> bool {
        self.typing.is_some() && self.view() == View::Answering
    }

    pub fn hints(&self) -> Vec<Hint> {
        match self.view() {
            View::Answering if self.typing.is_some() => {
                vec![keys::ENREGISTRER, keys::EFFACER_SA_REPONSE, keys::ANNULER]
            }
            View::Answering => vec![
                keys::EQUIPE_PUIS_REPONSE,
                keys::REVELER,
                keys::PAUSE,
                keys::ANNULER_SAISIE,
                keys::QUITTER,
            ],
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
                keys::EXPORTER,
                keys::ACCUEIL,
                keys::RETOUR,
            ],
        }
    }

    /// The question on screen.
    pub fn question<'a>(&self, ctx: &'a Ctx) -> Option<&'a Question> {
        ctx.index.get(&self.session.current()?.question_id)
    }

    pub fn on_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Action> {
        let group = |a| Some(Action::Group(a));
        match self.view() {
            View::Answering => {
                let question = self.question(ctx)?;
                let order = self
                    .session
                    .display_order(self.session.position(), question);
                if self.typing.is_some() {
                    return self.on_typing_key(key, question, &order);
                }
                match key.code {
                    KeyCode::Char(c) if self.team_of_digit(c).is_some() => {
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
                    KeyCode::Char('u') => group(GroupAction::Undo),
                    KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
                    _ => None,
                }
            }
            View::Revealed => match key.code {
                KeyCode::Enter | KeyCode::Right | KeyCode::Char(' ') => {
                    self.scoreboard = true;
                    self.message = None;
                    None
                }
                KeyCode::Char('u') => group(GroupAction::Undo),
                KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
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
                KeyCode::Char('t') => group(GroupAction::Finish),
                KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
                _ => None,
            },
            View::Podium => match key.code {
                KeyCode::Down | KeyCode::Char('j') => {
                    let entries = self.session.debrief().len();
                    self.scroll = (self.scroll + 1).min(entries.saturating_sub(1));
                    None
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    self.scroll = self.scroll.saturating_sub(1);
                    None
                }
                KeyCode::Char('e') => group(GroupAction::Export),
                KeyCode::Enter => Some(Action::Home),
                KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
                _ => None,
            },
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
                Question::Numeric(_)
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
                self.message = Some(format!("⚠ {problem}"));
                None
            }
        }
    }

    fn team_name(&self, team: usize) -> &str {
        self.session.teams.get(team).map_or("", String::as_str)
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let position = self.session.position();
        let total = self.session.len();
        let title = match self.view() {
            View::Answering if self.session.is_paused() => format!(
                " {} — {} · {} ",
                strings::GROUP_TITLE,
                strings::question_position(position, total),
                strings::GROUP_PAUSED
            ),
            View::Answering | View::Revealed => format!(
                " {} — {} ",
                strings::GROUP_TITLE,
                strings::question_position(position, total)
            ),
            View::Scoreboard => format!(
                " {} — {} ",
                strings::GROUP_TITLE,
                strings::group_standings_after(position + 1, total)
            ),
            View::Podium => format!(" {} — {} ", strings::GROUP_TITLE, strings::GROUP_RESULTS),
        };
        let outer = block(title, theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let [body, message] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
        if let Some(m) = &self.message {
            // A problem says so with its ⚠; a confirmation is plain.
            let style = if m.starts_with('⚠') {
                theme.warning
            } else {
                theme.base
            };
            Paragraph::new(Line::styled(m.as_str(), style)).render(message, buf);
        }
        match (self.view(), self.question(ctx)) {
            (View::Answering, Some(q)) => self.render_answering(ctx, q, body, buf),
            (View::Revealed, Some(q)) => self.render_revealed(ctx, q, body, buf),
            (View::Scoreboard, _) => board::render_scoreboard(&self.session, ctx, body, buf),
            (View::Podium, _) => board::render_podium(
                &self.session,
                self.scroll,
                self.export.as_ref(),
                ctx,
                body,
                buf,
            ),
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
    }

    fn render_answering(&self, ctx: &Ctx, question: &Question, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let position = self.session.position();
        let order = self.session.display_order(position, question);
        let pixel = big_size(area);
        let big_height = match pixel {
            Some(PixelSize::Full) => 8,
            Some(_) => 4,
            None => 0,
        };
        let status = self.status_line(theme);
        let status_height = wrapped_rows(&status, area.width);
        let [big, words, _, body, status_area, entry] = Layout::vertical([
            Constraint::Length(big_height),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(status_height),
            Constraint::Length(1),
        ])
        .areas(area);

        let left = self.session.time_left_ms(self.now);
        let seconds = left.map(|ms| ms.div_ceil(1000));
        if let Some(pixel) = pixel {
            let [number_area, clock_area] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(big);
            big_text(
                &format!("{}/{}", position + 1, self.session.len()),
                pixel,
                theme.title,
                Alignment::Left,
            )
            .render(number_area, buf);
            let clock = if self.session.is_paused() {
                Some(strings::GROUP_PAUSE_BIG.to_owned())
            } else {
                seconds.map(|s| s.to_string())
            };
            if let Some(clock) = clock {
                let style = if seconds.is_some_and(|s| s <= 10) {
                    theme.warning
                } else {
                    theme.title
                };
                big_text(&clock, pixel, style, Alignment::Right).render(clock_area, buf);
            }
        }
        let mut position_words = strings::group_question_of(position + 1, self.session.len());
        if self.session.multiplier(position) > 1 {
            position_words.push_str(strings::GROUP_COUNTS_DOUBLE);
        }
        let (clock_words, urgent) = if self.session.is_paused() {
            (strings::GROUP_PAUSED.to_owned(), false)
        } else {
            match seconds {
                None => (strings::GROUP_UNTIMED.to_owned(), false),
                Some(s) => (strings::group_time_left(s), s <= 10),
            }
        };
        let [words_left, words_right] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(words);
        Paragraph::new(Line::styled(position_words, theme.heading)).render(words_left, buf);
        Paragraph::new(Line::styled(
            clock_words,
            if urgent { theme.warning } else { theme.base },
        ))
        .alignment(Alignment::Right)
        .render(words_right, buf);

        // A projector is read from afar: choices get a blank line between them when there is
        // room for it.
        render_question(
            prompt_text(question, theme),
            choice_lines(question, &order, None, theme),
            true,
            theme,
            body,
            buf,
        );
        Paragraph::new(status)
            .wrap(Wrap { trim: true })
            .render(status_area, buf);
        Paragraph::new(self.entry_line(question, order.len(), theme)).render(entry, buf);
    }

    /// « Réponses 2/3 : 1 Hiboux ✓ · 2 Renards … · 3 Loutres ✓ ».
    fn status_line(&self, theme: &Theme) -> Line<'static> {
        let Some(round) = self.session.current() else {
            return Line::raw("");
        };
        let mut spans = vec![Span::styled(
            format!(
                "{} {}/{} : ",
                strings::GROUP_ANSWERS,
                round.answered(),
                self.session.teams.len()
            ),
            theme.heading,
        )];
        for (i, (name, entry)) in self.session.teams.iter().zip(&round.entries).enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", theme.muted));
            }
            let typing = self.typing.as_ref().is_some_and(|t| t.team == i);
            let (mark, style) = match (entry, typing) {
                (_, true) => ("✎", theme.focus),
                (Some(_), false) => ("✓", theme.key),
                (None, false) => ("…", theme.muted),
            };
            spans.push(Span::styled(format!("{} {name} {mark}", i + 1), style));
        }
        Line::from(spans)
    }

    fn entry_line(&self, question: &Question, choices: usize, theme: &Theme) -> Line<'static> {
        match &self.typing {
            None => Line::styled(
                strings::group_entry_idle(self.session.teams.len()),
                theme.muted,
            ),
            Some(t) => Line::from(vec![
                Span::styled(
                    format!(
                        "{} {} — {} : ",
                        strings::GROUP_TEAM,
                        t.team + 1,
                        self.team_name(t.team)
                    ),
                    theme.focus,
                ),
                Span::styled(format!("{}▏", t.text), theme.focus),
                Span::styled(format!("  {}", entry_help(question, choices)), theme.muted),
            ]),
        }
    }

    fn render_revealed(&self, ctx: &Ctx, question: &Question, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let position = self.session.position();
        let order = self.session.display_order(position, question);
        let teams = cells(self.session.teams.len());
        let [body, teams_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(teams + 2)]).areas(area);
        let mut rest = choice_lines(question, &order, Some(question), theme);
        if !rest.is_empty() {
            rest.push(Line::raw(""));
        }
        rest.push(Line::from(vec![
            Span::styled(format!("{} : ", words::QUIZ_RIGHT_ANSWER), theme.correct),
            Span::styled(right_answer(question, &order), theme.correct),
        ]));
        rest.push(Line::from(vec![
            Span::styled(format!("{} : ", strings::QUIZ_EXPLANATION), theme.heading),
            Span::raw(question.explanation().to_owned()),
        ]));
        render_question(prompt_text(question, theme), rest, false, theme, body, buf);

        let Some(round) = self.session.current() else {
            return;
        };
        let awards = round.awards.as_deref().unwrap_or_default();
        let right = awards.iter().filter(|a| a.is_right()).count();
        let outer = block(
            format!(
                " {} ",
                strings::group_found(right, self.session.teams.len())
            ),
            theme,
        );
        let inner = outer.inner(teams_area);
        outer.render(teams_area, buf);
        let name_width = self
            .session
            .teams
            .iter()
            .map(|n| n.chars().count())
            .max()
            .unwrap_or(0);
        let lines: Vec<Line> = self
            .session
            .teams
            .iter()
            .zip(&round.entries)
            .zip(awards)
            .enumerate()
            .map(|(i, ((name, entry), award))| {
                let (mark, word, style) = match award.verdict {
                    Some(Verdict::Correct) => ("✓", strings::GROUP_RIGHT, theme.correct),
                    Some(_) => ("✗", strings::GROUP_WRONG, theme.wrong),
                    None => ("–", strings::GROUP_NO_ANSWER, theme.muted),
                };
                let given = entry
                    .as_ref()
                    .map_or_else(String::new, |e| response_label(&e.response, &order));
                Line::from(vec![
                    Span::styled(format!("{mark} {} {name:<name_width$}  ", i + 1), style),
                    Span::styled(format!("{given:<8} "), theme.key),
                    Span::styled(format!("{word:<14} "), style),
                    Span::raw(strings::group_award(award.points, award.bonus)),
                ])
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
