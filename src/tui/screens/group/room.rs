//! The room on the trainer's screen (`conseil group --salle`): one line under the question
//! (how many joined and answered, never who answered what before the reveal; the share of
//! each answer once revealed), and on `l` the room's panel: the address and its QR code, the
//! room code, the participants with their points, and the key that removes one.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use crate::domain::group::{GroupSession, letter, response_label};
use crate::domain::question::{Question, Response, Verdict};
use crate::room::live::Counts;
use crate::tui::action::{Action, GroupAction};
use crate::tui::screens::group::strings::room as strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::block;

/// What the trainer's screen shows of the room.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoomPanel {
    /// The address the phones open.
    pub url: String,
    pub code: String,
    /// The address as a QR code, in half blocks.
    pub qr: Vec<String>,
    pub counts: Counts,
    /// The panel is shown over the question.
    pub open: bool,
    /// The participant selected in the panel (a place in the session's list).
    pub selected: usize,
}

/// A pseudonym as the terminal may print it: anything that could move the cursor, change
/// colours or hide text becomes « � ». The server refuses such pseudonyms; a session file
/// edited by hand could still hold one.
pub fn printable(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() || crate::domain::text::hidden_or_control(c).is_some() {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

impl RoomPanel {
    /// The keys of the open panel; `None` when the key is not the panel's (the trainer may
    /// reveal or go on with the panel shown).
    pub fn on_key(&mut self, key: KeyEvent, session: &GroupSession) -> Option<Option<Action>> {
        if !self.open {
            return (key.code == KeyCode::Char('l')).then(|| {
                self.open = true;
                None
            });
        }
        let count = session.participants.len();
        match key.code {
            KeyCode::Esc | KeyCode::Char('l') => self.open = false,
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1));
            }
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Delete if self.selected < count => {
                return Some(Some(Action::Group(GroupAction::RemoveParticipant(
                    self.selected,
                ))));
            }
            _ => return None,
        }
        Some(None)
    }

    /// The line under the question: counts while it is open, the answers' shares once
    /// revealed.
    pub fn status(&self, session: &GroupSession, question: Option<&Question>) -> String {
        let joined = self.counts.joined;
        let Some(round) = session.current() else {
            return strings::status(&self.code, joined, None);
        };
        if matches!(question, Some(Question::Open(_))) {
            // Phones cannot answer an open question: no count to wait for, before or after.
            return format!(
                "{} · {}",
                strings::status(&self.code, joined, None),
                strings::SPOKEN
            );
        }
        if !round.is_revealed() {
            let answered = session.room_answered();
            return strings::status(&self.code, joined, Some(answered));
        }
        match question {
            Some(q @ (Question::Single(_) | Question::Multiple(_) | Question::TrueFalse(_))) => {
                let order = session.display_order(session.position(), q);
                distribution(session, q, &order)
            }
            Some(Question::Order(_) | Question::Match(_)) => verdicts(session),
            _ => strings::status(&self.code, joined, Some(session.room_answered())),
        }
    }

    /// The panel over `area`.
    pub fn render(&self, session: &GroupSession, theme: &Theme, area: Rect, buf: &mut Buffer) {
        let rect = area;
        Clear.render(rect, buf);
        let outer = block(format!(" {} ", strings::PANEL_TITLE), theme);
        let inner = outer.inner(rect);
        outer.render(rect, buf);
        let qr_width = self
            .qr
            .first()
            .map_or(0, |l| u16::try_from(l.chars().count()).unwrap_or(u16::MAX));
        let fits = qr_width + 30 <= inner.width
            && u16::try_from(self.qr.len()).unwrap_or(u16::MAX) <= inner.height;
        let [left, right] = Layout::horizontal([
            Constraint::Length(if fits { qr_width + 1 } else { 0 }),
            Constraint::Fill(1),
        ])
        .areas(inner);
        if fits {
            // Light on dark whatever the terminal's colours, as a reader expects it.
            let style = Style::new().fg(Color::White).bg(Color::Black);
            let lines: Vec<Line> = self
                .qr
                .iter()
                .map(|l| Line::styled(l.as_str(), style))
                .collect();
            Paragraph::new(lines).render(left, buf);
        }
        let mut lines = vec![
            Line::styled(strings::SCAN, theme.base),
            Line::styled(self.url.as_str(), theme.key),
            Line::styled(strings::CHANGE_ADDRESS, theme.muted),
            Line::from(vec![
                Span::styled(format!("{} ", strings::CODE), theme.base),
                Span::styled(self.code.as_str(), theme.key),
            ]),
            Line::styled(strings::NETWORK_ONLY, theme.muted),
            Line::raw(""),
        ];
        lines.extend(self.people(session, theme));
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: false })
            .render(right, buf);
    }

    /// The participants, the selected one marked with « ▶ » (not by colour alone).
    fn people(&self, session: &GroupSession, theme: &Theme) -> Vec<Line<'static>> {
        if session.participants.is_empty() {
            return vec![Line::styled(strings::NOBODY, theme.muted)];
        }
        let standings = session.room_standings();
        session
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mark = if i == self.selected { "▶ " } else { "  " };
                let state = if p.removed {
                    strings::REMOVED.to_owned()
                } else {
                    standings
                        .iter()
                        .find(|s| s.participant == i)
                        .map(|s| strings::points(s.points, s.rank))
                        .unwrap_or_default()
                };
                let style = if i == self.selected {
                    theme.selected
                } else {
                    theme.base
                };
                Line::styled(
                    format!("{mark}{} — {state}", printable(&p.pseudonym)),
                    style,
                )
            })
            .collect()
    }
}

/// How many participants got the revealed question right, partly right or wrong: an order
/// or a match has too many possible answers to count each.
fn verdicts(session: &GroupSession) -> String {
    let Some(round) = session.current() else {
        return String::new();
    };
    let awards = round.room_awards.as_deref().unwrap_or_default();
    let mut counts = [0usize; 4];
    for (i, _) in session
        .participants
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.removed)
    {
        let slot = match awards.get(i).and_then(|a| a.verdict) {
            Some(Verdict::Correct) => 0,
            Some(Verdict::Partial) => 1,
            Some(Verdict::Incorrect) => 2,
            None => 3,
        };
        counts[slot] += 1;
    }
    let parts: Vec<String> = [
        strings::RIGHT,
        strings::PARTLY,
        strings::WRONG,
        strings::NO_ANSWER,
    ]
    .iter()
    .zip(counts)
    .map(|(word, n)| format!("{word} {n}"))
    .collect();
    strings::distribution(&parts)
}

/// How many participants gave each answer to the revealed question: « A 3 · B 10 · sans
/// réponse 2 ». The letters are those the room saw.
fn distribution(session: &GroupSession, question: &Question, order: &[usize]) -> String {
    let Some(round) = session.current() else {
        return String::new();
    };
    let present = |i: &usize| session.participants.get(*i).is_some_and(|p| !p.removed);
    let answers: Vec<&Response> = (0..session.participants.len())
        .filter(present)
        .filter_map(|i| round.room.get(i).and_then(Option::as_ref))
        .map(|e| &e.response)
        .collect();
    let joined = (0..session.participants.len()).filter(present).count();
    let mut parts: Vec<String> = match question {
        Question::TrueFalse(_) => [true, false]
            .iter()
            .map(|b| {
                let n = answers
                    .iter()
                    .filter(|r| ***r == Response::Bool(*b))
                    .count();
                format!("{} {n}", response_label(&Response::Bool(*b), &[]))
            })
            .collect(),
        _ => (0..order.len())
            .map(|d| {
                let n = answers
                    .iter()
                    .filter(|r| matches!(r, Response::Choices(c) if c.contains(&order[d])))
                    .count();
                format!("{} {n}", letter(d))
            })
            .collect(),
    };
    parts.push(format!("{} {}", strings::NO_ANSWER, joined - answers.len()));
    strings::distribution(&parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_reach_the_terminal() {
        assert_eq!(printable("a\u{1b}[2Jb\u{202e}c"), "a\u{fffd}[2Jb\u{fffd}c");
        assert_eq!(printable("Zoé <b>"), "Zoé <b>");
    }
}
