//! Group quiz: a trainer runs a quiz for a room from one terminal. Teams answer aloud or with
//! cards, the trainer enters each team's answer, reveals, and the points add up.
//!
//! A session is plain data (serde) so that it is saved after every change and resumed after a
//! crash or a closed laptop exactly where it stood. Time always comes in as `now`.
//!
//! Scoring: one point for a fully right answer (a room answers with one card, so there is no
//! partial credit), one more for the team whose last answer came first among the right ones
//! when the speed bonus is on, and every point of the last question counts twice when
//! `double_last` is on. Open questions are discussed with their model answer, unscored. What
//! the room sees of it (scoreboard, podium, debrief, letters) is in `board`, the clock and the
//! trainer's timer controls in `clock`, the numbers of the session report in `report`, the
//! totals of a group across its sessions in `history`, saved quiz sets in `set`.

use jiff::Timestamp;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::question::{Question, Response, Verdict, grade};

mod board;
mod clock;
pub mod history;
pub mod items;
pub mod report;
pub mod room;
pub mod set;

pub use board::{Missed, Place, Standing, letter, podium, response_label};
pub use clock::Stopwatch;
pub use room::Participant;

/// The newest session format this binary understands.
pub const GROUP_FORMAT_VERSION: u32 = 1;
pub const MIN_TEAMS: usize = 2;
/// Eight teams: one digit each on the keyboard, and a scoreboard that still fits a projector.
pub const MAX_TEAMS: usize = 8;
pub const MAX_TEAM_NAME_CHARS: usize = 24;

/// `count` question ids drawn from `pool` in an order given by `seed`.
pub fn draw_questions(pool: &[String], count: usize, seed: u64) -> Vec<String> {
    let mut ids = pool.to_vec();
    ids.shuffle(&mut StdRng::seed_from_u64(seed));
    ids.truncate(count);
    ids
}

/// Why a team name was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamNameError {
    Empty,
    TooLong,
    Duplicate,
    /// A character that would hide or reorder the name on the screen and in the reports
    /// (a direction override, an invisible or control character), by its code point.
    Unreadable(u32),
}

/// Checks a team name against the names of the other teams and returns it trimmed.
pub fn check_team_name(name: &str, others: &[&str]) -> Result<String, TeamNameError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(TeamNameError::Empty);
    }
    if name.chars().count() > MAX_TEAM_NAME_CHARS {
        return Err(TeamNameError::TooLong);
    }
    if let Some(c) = super::text::unreadable_in_name(name) {
        return Err(TeamNameError::Unreadable(u32::from(c)));
    }
    // Two teams called alike could not be told apart on the scoreboard.
    if others
        .iter()
        .any(|o| o.trim().to_lowercase() == name.to_lowercase())
    {
        return Err(TeamNameError::Duplicate);
    }
    Ok(name.to_owned())
}

/// How points are counted, beyond one point a right answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Scoring {
    /// One more point for the first team to answer right.
    pub speed_bonus: bool,
    /// Every point of the last question counts twice.
    pub double_last: bool,
}

/// What the trainer chose at setup.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSettings {
    pub teams: Vec<String>,
    /// The questions, in the order they are asked.
    pub question_ids: Vec<String>,
    /// Seconds per question, or `None` when untimed.
    pub timer_secs: Option<u32>,
    pub scoring: Scoring,
    /// Seed of the display order of choices and steps.
    pub seed: u64,
    /// The group (a class of trainees) the session counts for, across its sessions.
    pub group_name: Option<String>,
    /// The room sees the high-contrast theme (the default: a projector washes colours out).
    pub high_contrast: bool,
}

/// Why a session could not start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupError {
    /// Fewer than [`MIN_TEAMS`] (without the room) or more than [`MAX_TEAMS`] teams.
    TeamCount(usize),
    /// The team at this index has a name that [`check_team_name`] refuses.
    TeamName(usize, TeamNameError),
    NoQuestion,
}

/// A team's answer to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub response: Response,
    /// Rank of the team's last answer on this question, from 0: a team that changes its
    /// answer answers again, after the others, and the speed bonus goes by the last answer.
    pub order: u32,
    /// Time on the question's clock when the last answer was entered.
    pub elapsed_ms: u64,
}

/// What a team earned on a revealed question.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Award {
    /// `None` when the team gave no answer.
    pub verdict: Option<Verdict>,
    /// Points earned, bonus and doubling included.
    pub points: u32,
    /// The part of `points` due to the speed bonus.
    pub bonus: u32,
}

impl Award {
    pub fn is_right(&self) -> bool {
        self.verdict == Some(Verdict::Correct)
    }
}

/// One question played: its clock, the teams' entries, and once revealed the awards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Round {
    pub question_id: String,
    pub clock: Stopwatch,
    /// One per team, in team order.
    pub entries: Vec<Option<Entry>>,
    /// Set when the answer is revealed: one per team.
    pub awards: Option<Vec<Award>>,
    /// Milliseconds the trainer added to the question's time (less than zero when more
    /// time came after the countdown was ended early: see `add_time`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub extra_ms: i64,
    /// The trainer ended the countdown before its end.
    #[serde(default, skip_serializing_if = "is_false")]
    pub time_up: bool,
    /// Discussed rather than scored (an open question): nobody earns or misses anything.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unscored: bool,
    /// The answers given from the participants' own phones (`conseil group --salle`), by
    /// participant; shorter than the list of participants when the last ones gave none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub room: Vec<Option<Entry>>,
    /// Set at the reveal when the session has participants: one per participant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_awards: Option<Vec<Award>>,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
fn is_zero(n: &i64) -> bool {
    *n == 0
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
fn is_false(b: &bool) -> bool {
    !*b
}

fn yes() -> bool {
    true
}

impl Round {
    fn new(question_id: String, teams: usize, now: Timestamp) -> Self {
        Round {
            question_id,
            clock: Stopwatch::started(now),
            entries: vec![None; teams],
            awards: None,
            extra_ms: 0,
            time_up: false,
            unscored: false,
            room: Vec::new(),
            room_awards: None,
        }
    }

    pub fn is_revealed(&self) -> bool {
        self.awards.is_some()
    }

    pub fn answered(&self) -> usize {
        self.entries.iter().flatten().count()
    }
}

/// What `next` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum Advance {
    /// The next question is open.
    Question,
    /// That was the last question: the session is over.
    Finished,
    /// The current question is not revealed yet: nothing changed.
    NotRevealed,
}

/// A group quiz in progress or finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupSession {
    pub format_version: u32,
    pub teams: Vec<String>,
    pub question_ids: Vec<String>,
    pub timer_secs: Option<u32>,
    pub scoring: Scoring,
    pub seed: u64,
    pub started_at: Timestamp,
    /// When the session last changed: where a clock interrupted by a crash stops.
    pub updated_at: Timestamp,
    /// The questions played so far; the last one is the current one.
    pub rounds: Vec<Round>,
    pub finished_at: Option<Timestamp>,
    /// The group the session counts for across sessions (see [`history`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    #[serde(default = "yes")]
    pub high_contrast: bool,
    /// Who joined from a phone (`conseil group --salle`), in the order they joined: a
    /// participant's number is its place here, and a removed one keeps its place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
}

impl GroupSession {
    /// Starts a session: the first question is open and its clock runs.
    pub fn new(settings: GroupSettings, now: Timestamp) -> Result<Self, SetupError> {
        Self::start(settings, MIN_TEAMS, now)
    }

    /// Starts a session where participants answer from their phones (`--salle`): teams
    /// keyed in are then optional, from none (a phones-only room) to [`MAX_TEAMS`].
    pub fn for_room(settings: GroupSettings, now: Timestamp) -> Result<Self, SetupError> {
        Self::start(settings, 0, now)
    }

    fn start(
        settings: GroupSettings,
        min_teams: usize,
        now: Timestamp,
    ) -> Result<Self, SetupError> {
        let count = settings.teams.len();
        if !(min_teams..=MAX_TEAMS).contains(&count) {
            return Err(SetupError::TeamCount(count));
        }
        let mut teams: Vec<String> = Vec::with_capacity(count);
        for (i, name) in settings.teams.iter().enumerate() {
            let others: Vec<&str> = teams.iter().map(String::as_str).collect();
            teams.push(check_team_name(name, &others).map_err(|e| SetupError::TeamName(i, e))?);
        }
        let first = settings
            .question_ids
            .first()
            .cloned()
            .ok_or(SetupError::NoQuestion)?;
        Ok(GroupSession {
            format_version: GROUP_FORMAT_VERSION,
            rounds: vec![Round::new(first, teams.len(), now)],
            teams,
            question_ids: settings.question_ids,
            timer_secs: settings.timer_secs,
            scoring: settings.scoring,
            seed: settings.seed,
            started_at: now,
            updated_at: now,
            finished_at: None,
            group_name: settings
                .group_name
                .map(|g| g.trim().to_owned())
                .filter(|g| !g.is_empty()),
            high_contrast: settings.high_contrast,
            participants: Vec::new(),
        })
    }

    /// True when the data holds together (a session file may have been edited by hand): every
    /// index the methods use is then in range.
    pub fn is_consistent(&self) -> bool {
        // Fewer than MIN_TEAMS teams, none even, is a room played from phones.
        let teams = self.teams.len();
        teams <= MAX_TEAMS
            && !self.rounds.is_empty()
            && self.rounds.len() <= self.question_ids.len()
            && self.rounds.iter().zip(&self.question_ids).all(|(r, id)| {
                r.question_id == *id
                    && r.entries.len() == teams
                    && r.awards.as_ref().is_none_or(|a| a.len() == teams)
                    && r.room.len() <= self.participants.len()
                    && r.room_awards
                        .as_ref()
                        .is_none_or(|a| a.len() <= self.participants.len())
            })
            && self.rounds[..self.rounds.len() - 1]
                .iter()
                .all(Round::is_revealed)
    }

    /// Position of the current question, from 0.
    pub fn position(&self) -> usize {
        self.rounds.len().saturating_sub(1)
    }

    pub fn len(&self) -> usize {
        self.question_ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.question_ids.is_empty()
    }

    pub fn current(&self) -> Option<&Round> {
        self.rounds.last()
    }

    pub fn is_finished(&self) -> bool {
        self.finished_at.is_some()
    }

    /// The current round while teams may still answer it.
    fn open_round(&mut self) -> Option<&mut Round> {
        if self.is_finished() {
            return None;
        }
        self.rounds.last_mut().filter(|r| !r.is_revealed())
    }

    pub(crate) fn is_open(&self) -> bool {
        !self.is_finished() && self.current().is_some_and(|r| !r.is_revealed())
    }

    /// Points of the question at `position` count this many times.
    pub fn multiplier(&self, position: usize) -> u32 {
        if self.scoring.double_last && position + 1 == self.question_ids.len() {
            2
        } else {
            1
        }
    }

    /// Records `team`'s answer to the current question, or its new answer: the time and the
    /// rank that count are those of its last answer. The same answer again changes nothing.
    /// Returns false (and records nothing) once the answer is revealed, for a team that does
    /// not exist, or when nothing changed.
    pub fn enter(&mut self, team: usize, response: Response, now: Timestamp) -> bool {
        let Some(round) = self.open_round() else {
            return false;
        };
        let next_order = round
            .entries
            .iter()
            .flatten()
            .map(|e| e.order + 1)
            .max()
            .unwrap_or(0);
        let elapsed_ms = round.clock.elapsed_ms(now);
        let Some(slot) = round.entries.get_mut(team) else {
            return false;
        };
        if slot.as_ref().is_some_and(|e| e.response == response) {
            return false;
        }
        *slot = Some(Entry {
            response,
            order: next_order,
            elapsed_ms,
        });
        self.touch(true, now)
    }

    /// Removes `team`'s answer to the current question. Returns false if it had none.
    pub fn clear(&mut self, team: usize, now: Timestamp) -> bool {
        let changed = self
            .open_round()
            .and_then(|r| r.entries.get_mut(team))
            .is_some_and(|slot| slot.take().is_some());
        self.touch(changed, now)
    }

    /// Grades every team's answer to the current question and awards the points; an open
    /// question is revealed unscored. Returns false if the question is already revealed or
    /// `question` is not the current one.
    pub fn reveal(&mut self, question: &Question, now: Timestamp) -> bool {
        let multiplier = self.multiplier(self.position());
        let speed_bonus = self.scoring.speed_bonus;
        let participants = self.participants.len();
        let Some(round) = self.open_round().filter(|r| r.question_id == question.id()) else {
            return false;
        };
        round.clock.stop(now);
        if matches!(question, Question::Open(_)) {
            let nothing = Award {
                verdict: None,
                points: 0,
                bonus: 0,
            };
            round.unscored = true;
            round.awards = Some(vec![nothing; round.entries.len()]);
            if participants > 0 {
                round.room_awards = Some(vec![nothing; participants]);
            }
            return self.touch(true, now);
        }
        round.awards = Some(award(&round.entries, question, multiplier, speed_bonus));
        if participants > 0 {
            round.room.resize(participants, None);
            round.room_awards = Some(award(&round.room, question, multiplier, speed_bonus));
        }
        self.touch(true, now)
    }

    /// Takes back the points of the last revealed question, which opens again for
    /// corrections with its clock stopped. From the next question, as long as nobody has
    /// answered it, that goes back to the previous one. Returns false if there is nothing to
    /// undo (nothing revealed, or the session is over).
    pub fn undo_last_scoring(&mut self, now: Timestamp) -> bool {
        if self.is_finished() {
            return false;
        }
        let Some(last) = self.rounds.last() else {
            return false;
        };
        if !last.is_revealed() {
            if last.answered() > 0 || self.rounds.len() < 2 {
                return false;
            }
            self.rounds.pop();
        }
        let Some(round) = self.rounds.last_mut() else {
            return false;
        };
        round.awards = None;
        round.room_awards = None;
        round.unscored = false;
        round.clock.stop(now);
        self.touch(true, now)
    }

    /// Opens the next question once the current one is revealed, or ends the session after
    /// the last one.
    pub fn next(&mut self, now: Timestamp) -> Advance {
        if self.is_finished() {
            return Advance::Finished;
        }
        if self.current().is_some_and(|r| !r.is_revealed()) {
            return Advance::NotRevealed;
        }
        self.updated_at = now;
        if let Some(id) = self.question_ids.get(self.rounds.len()) {
            let round = Round::new(id.clone(), self.teams.len(), now);
            self.rounds.push(round);
            Advance::Question
        } else {
            self.finished_at = Some(now);
            Advance::Finished
        }
    }

    /// Ends the session before its last question, once the current one is revealed.
    /// Returns false if nothing changed.
    pub fn finish_early(&mut self, now: Timestamp) -> bool {
        if self.is_finished() || self.current().is_some_and(|r| !r.is_revealed()) {
            return false;
        }
        self.finished_at = Some(now);
        self.touch(true, now)
    }
}

/// The awards of one question for `entries` (teams, or participants): one point for a fully
/// right answer, one more for the first right one when the speed bonus is on, all of it
/// `multiplier` times.
fn award(
    entries: &[Option<Entry>],
    question: &Question,
    multiplier: u32,
    speed_bonus: bool,
) -> Vec<Award> {
    let verdicts: Vec<Option<Verdict>> = entries
        .iter()
        .map(|e| e.as_ref().map(|e| grade(question, &e.response).verdict()))
        .collect();
    let first_right = entries
        .iter()
        .zip(&verdicts)
        .enumerate()
        .filter(|(_, (_, v))| **v == Some(Verdict::Correct))
        .filter_map(|(who, (e, _))| e.as_ref().map(|e| (e.order, who)))
        .min()
        .map(|(_, who)| who)
        .filter(|_| speed_bonus);
    verdicts
        .iter()
        .enumerate()
        .map(|(who, verdict)| {
            let base = u32::from(*verdict == Some(Verdict::Correct));
            let bonus = u32::from(first_right == Some(who));
            Award {
                verdict: *verdict,
                points: (base + bonus) * multiplier,
                bonus: bonus * multiplier,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
