//! The session being played: the presenter view with the countdown and the answer entry,
//! the revealed answer, then (in `board`) the scoreboard and the podium.

use std::path::PathBuf;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use tui_big_text::{BigText, PixelSize};

use crate::domain::group::{GroupSession, letter, response_label};
use crate::domain::question::{Question, Response, Verdict};
use crate::domain::text::parse_number;
use crate::tui::action::{Action, GroupAction};
use crate::tui::screens::Ctx;
use crate::tui::screens::group::board;
use crate::tui::strings;
use crate::tui::theme::{MarkdownStyles, Theme};
use crate::tui::widgets::{Hint, block};
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
            View::Answering if self.typing.is_some() => vec![
                ("Entrée", "enregistrer"),
                ("Suppr", "effacer sa réponse"),
                ("Échap", "annuler"),
            ],
            View::Answering => vec![
                ("1-8", "équipe puis réponse"),
                ("r", "révéler"),
                ("p", "pause"),
                ("u", "annuler"),
                ("q", "quitter"),
            ],
            View::Revealed => vec![
                ("Entrée", "classement"),
                ("u", "annuler ce score"),
                ("q", "quitter"),
            ],
            View::Scoreboard => vec![
                ("Entrée", "suite"),
                ("←", "réponse"),
                ("u", "annuler le score"),
                ("t", "terminer"),
                ("q", "quitter"),
            ],
            View::Podium => vec![
                ("↑↓", "débriefing"),
                ("e", "exporter"),
                ("Entrée", "accueil"),
                ("q", "retour"),
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
            (View::Scoreboard, _) => board::render_scoreboard(self, ctx, body, buf),
            (View::Podium, _) => board::render_podium(self, ctx, body, buf),
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
                Some("PAUSE".to_owned())
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
        let teams = self.session.teams.len() as u16;
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

/// The pixel size of the big numbers for `area`, or `None` when there is no room for them.
fn big_size(area: Rect) -> Option<PixelSize> {
    if area.height >= 36 && area.width >= 100 {
        Some(PixelSize::Full)
    } else if area.height >= 16 {
        Some(PixelSize::Quadrant)
    } else {
        None
    }
}

pub(super) fn big_text(
    text: &str,
    pixel: PixelSize,
    style: Style,
    alignment: Alignment,
) -> BigText<'static> {
    BigText::builder()
        .pixel_size(pixel)
        .style(style)
        .alignment(alignment)
        .lines(vec![Line::raw(text.to_owned())])
        .build()
}

fn wrapped_rows(line: &Line<'_>, width: u16) -> u16 {
    wrapped_rows_text(&Text::from(line.clone()), width)
}

fn wrapped_rows_text(text: &Text<'_>, width: u16) -> u16 {
    crate::tui::widgets::wrapped_height(text, width).max(1)
}

/// Draws the prompt, as large as the room left by `rest` allows (in big letters when they
/// fit above it, else in bold), then `rest`, with a blank line between its lines when
/// `space_rest` and there is room.
fn render_question(
    prompt: Text<'static>,
    rest: Vec<Line<'static>>,
    space_rest: bool,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let rest_rows = wrapped_rows_text(&Text::from(rest.clone()), area.width);
    let big = big_prompt(
        &prompt,
        area.width,
        area.height.saturating_sub(rest_rows + 1),
    );
    let (mut text, below) = if let Some((pixel, lines, height)) = big {
        let [top, below] =
            Layout::vertical([Constraint::Length(height + 1), Constraint::Fill(1)]).areas(area);
        BigText::builder()
            .pixel_size(pixel)
            .style(theme.base)
            .lines(lines.into_iter().map(Line::raw).collect::<Vec<_>>())
            .build()
            .render(top, buf);
        (Text::default(), below)
    } else {
        let mut text = prompt;
        text.lines.push(Line::raw(""));
        (text, area)
    };
    let spaced = space_rest
        && below.height >= wrapped_rows_text(&text, below.width).saturating_add(rest_rows * 2);
    for line in rest {
        text.lines.push(line);
        if spaced {
            text.lines.push(Line::raw(""));
        }
    }
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .render(below, buf);
}

/// The lines of `prompt` in big letters and their pixel size and height, when they fit in
/// `width` × `rows`: half-height letters (square on screen) if they can, else quadrant ones.
fn big_prompt(prompt: &Text<'_>, width: u16, rows: u16) -> Option<(PixelSize, Vec<String>, u16)> {
    let words: String = prompt
        .lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let words: String = words.chars().flat_map(big_glyphs).collect();
    [(PixelSize::HalfHeight, 8, 4), (PixelSize::Quadrant, 4, 4)]
        .into_iter()
        .find_map(|(pixel, glyph_width, glyph_height)| {
            let columns = usize::from(width / glyph_width);
            // Fewer letters a line would cut most words.
            if columns < 12 {
                return None;
            }
            let lines = wrap_words(&words, columns);
            let height = u16::try_from(lines.len()).ok()?.checked_mul(glyph_height)?;
            (height <= rows).then_some((pixel, lines, height))
        })
}

/// `c` as the 8×8 font of the big letters can draw it (ASCII and Latin-1): typographic
/// apostrophes, ligatures and the euro sign are spelt with the letters it has.
fn big_glyphs(c: char) -> Vec<char> {
    match c {
        '\u{2018}' | '\u{2019}' => vec!['\''],
        '\u{201C}' | '\u{201D}' => vec!['"'],
        'œ' => vec!['o', 'e'],
        'Œ' => vec!['O', 'E'],
        '€' => vec!['E', 'U', 'R'],
        '…' => vec!['.', '.', '.'],
        '\u{2013}' | '\u{2014}' => vec!['-'],
        c if c.is_whitespace() => vec![' '],
        c if (' '..='~').contains(&c) || ('\u{A0}'..='\u{FF}').contains(&c) => vec![c],
        _ => vec!['?'],
    }
}

/// `text` cut into lines of at most `width` characters at spaces (a longer word is cut).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The prompt in bold, from its markdown.
fn prompt_text(question: &Question, theme: &Theme) -> Text<'static> {
    let options = tui_markdown::Options::new(MarkdownStyles(*theme));
    let text = tui_markdown::from_str_with_options(question.prompt(), &options);
    let lines: Vec<Line<'static>> = text
        .lines
        .into_iter()
        .map(|line| {
            Line::from(
                line.spans
                    .into_iter()
                    .map(|s| {
                        Span::styled(s.content.into_owned(), s.style.add_modifier(Modifier::BOLD))
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    Text::from(lines)
}

/// The choices or steps with their letters in high contrast, or how to answer. With
/// `revealed`, the right ones are marked in words.
fn choice_lines(
    question: &Question,
    order: &[usize],
    revealed: Option<&Question>,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let label = |l: String| Span::styled(format!(" {l} "), theme.selected);
    let mut lines = Vec::new();
    match question {
        Question::Single(c) | Question::Multiple(c) => {
            if matches!(question, Question::Multiple(_)) && revealed.is_none() {
                lines.push(Line::styled(strings::GROUP_SEVERAL, theme.muted));
            }
            for (d, &i) in order.iter().enumerate() {
                let mut spans = vec![
                    label(letter(d).to_string()),
                    Span::raw(format!(
                        "  {}",
                        c.choices.get(i).map_or("", |c| c.text.as_str())
                    )),
                ];
                if revealed.is_some() && c.correct.contains(&i) {
                    spans.push(Span::styled(
                        format!("  {}", strings::GROUP_RIGHT_MARK),
                        theme.correct,
                    ));
                }
                lines.push(Line::from(spans));
            }
        }
        Question::TrueFalse(tf) => {
            for (key, word, value) in [
                ("V", words::QUIZ_TRUE, true),
                ("F", words::QUIZ_FALSE, false),
            ] {
                let mut spans = vec![label(key.to_owned()), Span::raw(format!("  {word}"))];
                if revealed.is_some() && tf.answer == value {
                    spans.push(Span::styled(
                        format!("  {}", strings::GROUP_RIGHT_MARK),
                        theme.correct,
                    ));
                }
                lines.push(Line::from(spans));
            }
        }
        Question::Order(o) => {
            if revealed.is_none() {
                lines.push(Line::styled(strings::GROUP_ORDER_HELP, theme.muted));
            }
            for (d, &i) in order.iter().enumerate() {
                let mut spans = vec![
                    label(letter(d).to_string()),
                    Span::raw(format!("  {}", o.items.get(i).map_or("", String::as_str))),
                ];
                if revealed.is_some() {
                    spans.push(Span::styled(
                        format!("  → {}", strings::group_place(i + 1)),
                        theme.correct,
                    ));
                }
                lines.push(Line::from(spans));
            }
        }
        Question::Numeric(n) if revealed.is_none() => {
            let unit = n
                .unit
                .as_deref()
                .map_or(String::new(), |u| format!(" ({u})"));
            lines.push(Line::styled(
                format!("{}{unit}", strings::GROUP_NUMBER_HELP),
                theme.muted,
            ));
        }
        _ => {}
    }
    lines
}

/// The right answer in words: letters and texts, « Vrai », a number, an order of letters.
fn right_answer(question: &Question, order: &[usize]) -> String {
    let letter_of = |i: usize| order.iter().position(|&o| o == i).map(letter);
    match question {
        Question::Single(c) | Question::Multiple(c) => {
            let mut right: Vec<(char, &str)> = c
                .correct
                .iter()
                .filter_map(|&i| Some((letter_of(i)?, c.choices.get(i)?.text.as_str())))
                .collect();
            right.sort_unstable();
            right
                .iter()
                .map(|(l, t)| format!("{l} — {t}"))
                .collect::<Vec<_>>()
                .join(" ; ")
        }
        Question::TrueFalse(tf) => if tf.answer {
            words::QUIZ_TRUE
        } else {
            words::QUIZ_FALSE
        }
        .to_owned(),
        Question::Order(o) => (0..o.items.len())
            .filter_map(letter_of)
            .map(String::from)
            .collect::<Vec<_>>()
            .join(" → "),
        Question::Numeric(n) => {
            let unit = n.unit.as_deref().map_or(String::new(), |u| format!(" {u}"));
            n.answers
                .iter()
                .find(|a| a.weight.unwrap_or(100.0) >= 100.0)
                .or(n.answers.first())
                .and_then(|a| a.bounds().map(|b| (a, b)))
                .map_or_else(String::new, |(a, (lo, hi))| match a.value {
                    Some(v) if lo == hi => format!("{}{unit}", words::number(v)),
                    Some(v) => format!(
                        "{}{unit} ({})",
                        words::number(v),
                        strings::group_within(&words::number(hi - v))
                    ),
                    None => strings::group_between(&words::number(lo), &words::number(hi), &unit),
                })
        }
        Question::Short(_) | Question::Match(_) | Question::Open(_) => String::new(),
    }
}

/// How to answer this kind, beside the typed text.
fn entry_help(question: &Question, choices: usize) -> String {
    let last = letter(choices.saturating_sub(1));
    match question {
        Question::Single(_) => strings::group_help_single(last),
        Question::Multiple(_) => strings::group_help_multiple(last),
        Question::Order(_) => strings::group_help_order(last),
        Question::TrueFalse(_) => strings::GROUP_HELP_TRUE_FALSE.to_owned(),
        Question::Numeric(_) => strings::GROUP_HELP_NUMERIC.to_owned(),
        Question::Short(_) | Question::Match(_) | Question::Open(_) => String::new(),
    }
}

/// The display position a typed letter stands for among `n`, case-insensitive.
fn choice_index(c: char, n: usize) -> Option<usize> {
    let c = c.to_ascii_uppercase();
    if !c.is_ascii_uppercase() {
        return None;
    }
    let i = (c as u8 - b'A') as usize;
    (i < n).then_some(i)
}

/// What the trainer typed for a team, as a response to `question` (whose choices or steps
/// are shown in `order`), or what is wrong with it.
fn parse_typed(
    question: &Question,
    order: &[usize],
    typed: &str,
) -> Result<Response, &'static str> {
    let indices = |typed: &str| -> Vec<usize> {
        typed
            .chars()
            .filter_map(|c| choice_index(c, order.len()))
            .filter_map(|d| order.get(d).copied())
            .collect()
    };
    match question {
        Question::Single(_) | Question::Multiple(_) => {
            let mut picked = indices(typed);
            if picked.is_empty() {
                return Err(strings::GROUP_TYPE_LETTERS);
            }
            picked.sort_unstable();
            picked.dedup();
            Ok(Response::Choices(picked))
        }
        Question::TrueFalse(_) => match typed.trim() {
            "V" | "v" => Ok(Response::Bool(true)),
            "F" | "f" => Ok(Response::Bool(false)),
            _ => Err(strings::GROUP_TYPE_TRUE_FALSE),
        },
        Question::Numeric(_) => {
            if parse_number(typed).is_some() {
                Ok(Response::Text(typed.trim().to_owned()))
            } else {
                Err(strings::QUIZ_NOT_A_NUMBER)
            }
        }
        Question::Order(_) => {
            let sequence = indices(typed);
            let mut sorted = sequence.clone();
            sorted.sort_unstable();
            sorted.dedup();
            if sequence.len() == order.len() && sorted.len() == order.len() {
                Ok(Response::Order(sequence))
            } else {
                Err(strings::GROUP_TYPE_ORDER)
            }
        }
        Question::Short(_) | Question::Match(_) | Question::Open(_) => {
            Err(strings::GROUP_KIND_UNFIT)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::question::{Choice, ChoiceQuestion, OrderQuestion};

    fn choices(n: usize, multiple: bool) -> Question {
        let c = ChoiceQuestion {
            id: "c".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            choices: (0..n)
                .map(|i| Choice {
                    text: format!("{i}"),
                    feedback: None,
                    weight: None,
                })
                .collect(),
            correct: vec![0],
        };
        if multiple {
            Question::Multiple(c)
        } else {
            Question::Single(c)
        }
    }

    #[test]
    fn typed_answers_become_responses_in_content_order() {
        let order = [2, 0, 3, 1];
        assert_eq!(
            parse_typed(&choices(4, true), &order, "CA"),
            Ok(Response::Choices(vec![2, 3]))
        );
        assert!(parse_typed(&choices(4, false), &order, "").is_err());
        let steps = Question::Order(OrderQuestion {
            id: "o".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            items: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        });
        assert_eq!(
            parse_typed(&steps, &order, "bdac"),
            Ok(Response::Order(vec![0, 1, 2, 3]))
        );
        assert!(
            parse_typed(&steps, &order, "BDA").is_err(),
            "a step missing"
        );
        assert!(parse_typed(&steps, &order, "BDAA").is_err(), "a step twice");
        assert_eq!(choice_index('e', 4), None);
        assert_eq!(choice_index('ç', 4), None);
    }

    #[test]
    fn big_letters_wrap_at_spaces_and_spell_what_the_font_lacks() {
        assert_eq!(
            wrap_words("Montant de l'amende en euros", 12),
            vec!["Montant de", "l'amende en", "euros"]
        );
        assert_eq!(
            wrap_words("anticonstitutionnel", 8),
            vec!["anticons", "titution", "nel"]
        );
        let spelt: String = "l’œil — 15 €".chars().flat_map(big_glyphs).collect();
        assert_eq!(spelt, "l'oeil - 15 EUR");
    }
}
