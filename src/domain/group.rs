//! Group quiz: a trainer runs a quiz for a room from one terminal. Teams answer aloud or with
//! cards, the trainer enters each team's answer, reveals, and the points add up.
//!
//! A session is plain data (serde) so that it is saved after every change and resumed after a
//! crash or a closed laptop exactly where it stood. Time always comes in as `now`.
//!
//! Scoring: one point for a fully right answer (a room answers with one card, so there is no
//! partial credit), one more for the first team to answer right when the speed bonus is on,
//! and every point of the last question counts twice when `double_last` is on. What the room
//! sees of it (scoreboard, debrief, letters of the choices) is in `board`.

use jiff::Timestamp;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::question::{Question, Response, Verdict, grade};

mod board;

pub use board::{Missed, Standing, letter, response_label};

/// The newest session format this binary understands.
pub const GROUP_FORMAT_VERSION: u32 = 1;
pub const MIN_TEAMS: usize = 2;
/// Eight teams: one digit each on the keyboard, and a scoreboard that still fits a projector.
pub const MAX_TEAMS: usize = 8;
pub const MAX_TEAM_NAME_CHARS: usize = 24;

/// Whether a room can answer `question` with a card, a word or a number. Short, match and
/// open answers need a text or a discussion that one trainer cannot enter for a whole room.
pub fn fits_a_room(question: &Question) -> bool {
    matches!(
        question,
        Question::Single(_)
            | Question::Multiple(_)
            | Question::TrueFalse(_)
            | Question::Numeric(_)
            | Question::Order(_)
    )
}

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
}

/// Why a session could not start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupError {
    /// Fewer than [`MIN_TEAMS`] or more than [`MAX_TEAMS`] teams.
    TeamCount(usize),
    /// The team at this index has a name that [`check_team_name`] refuses.
    TeamName(usize, TeamNameError),
    NoQuestion,
}

/// A clock that can be stopped and started again: the time a question has been open.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Stopwatch {
    /// Milliseconds run before the last stop.
    pub ran_ms: u64,
    /// When it was last started; `None` while stopped.
    pub since: Option<Timestamp>,
}

fn millis_between(from: Timestamp, to: Timestamp) -> u64 {
    u64::try_from(to.duration_since(from).as_millis()).unwrap_or(0)
}

impl Stopwatch {
    fn started(now: Timestamp) -> Self {
        Stopwatch {
            ran_ms: 0,
            since: Some(now),
        }
    }

    pub fn elapsed_ms(&self, now: Timestamp) -> u64 {
        self.ran_ms + self.since.map_or(0, |s| millis_between(s, now))
    }

    fn stop(&mut self, now: Timestamp) -> bool {
        let Some(since) = self.since.take() else {
            return false;
        };
        self.ran_ms += millis_between(since, now);
        true
    }

    fn start(&mut self, now: Timestamp) -> bool {
        if self.since.is_some() {
            return false;
        }
        self.since = Some(now);
        true
    }
}

/// A team's answer to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub response: Response,
    /// Rank of the team's entry on this question, from 0: who answered first. A correction
    /// keeps it, since it fixes what was typed, not when the team answered.
    pub order: u32,
    /// Time on the question's clock when the answer was first entered.
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
}

impl Round {
    fn new(question_id: String, teams: usize, now: Timestamp) -> Self {
        Round {
            question_id,
            clock: Stopwatch::started(now),
            entries: vec![None; teams],
            awards: None,
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
}

impl GroupSession {
    /// Starts a session: the first question is open and its clock runs.
    pub fn new(settings: GroupSettings, now: Timestamp) -> Result<Self, SetupError> {
        let count = settings.teams.len();
        if !(MIN_TEAMS..=MAX_TEAMS).contains(&count) {
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
        })
    }

    /// True when the data holds together (a session file may have been edited by hand): every
    /// index the methods use is then in range.
    pub fn is_consistent(&self) -> bool {
        let teams = self.teams.len();
        (MIN_TEAMS..=MAX_TEAMS).contains(&teams)
            && !self.rounds.is_empty()
            && self.rounds.len() <= self.question_ids.len()
            && self.rounds.iter().zip(&self.question_ids).all(|(r, id)| {
                r.question_id == *id
                    && r.entries.len() == teams
                    && r.awards.as_ref().is_none_or(|a| a.len() == teams)
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

    fn is_open(&self) -> bool {
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

    /// Milliseconds left to answer the current question (zero once over), or `None` when
    /// untimed or when the answer is revealed.
    pub fn time_left_ms(&self, now: Timestamp) -> Option<u64> {
        let limit = u64::from(self.timer_secs?) * 1000;
        let round = self.current().filter(|_| self.is_open())?;
        Some(limit.saturating_sub(round.clock.elapsed_ms(now)))
    }

    /// True while the current question's clock is stopped by the trainer.
    pub fn is_paused(&self) -> bool {
        self.is_open() && self.current().is_some_and(|r| r.clock.since.is_none())
    }

    /// Stops the current question's clock. Returns false if nothing changed.
    pub fn pause(&mut self, now: Timestamp) -> bool {
        let changed = self.open_round().is_some_and(|r| r.clock.stop(now));
        self.touch(changed, now)
    }

    /// Starts the current question's clock again. Returns false if nothing changed.
    pub fn resume(&mut self, now: Timestamp) -> bool {
        let changed = self.open_round().is_some_and(|r| r.clock.start(now));
        self.touch(changed, now)
    }

    /// After a crash or a closed laptop: the clock stops where the last change left it, so
    /// that the room gets back the time during which nobody was there.
    pub fn interrupt(&mut self) {
        let at = self.updated_at;
        if let Some(round) = self.open_round() {
            round.clock.stop(at);
        }
    }

    fn touch(&mut self, changed: bool, now: Timestamp) -> bool {
        if changed {
            self.updated_at = now;
        }
        changed
    }

    /// Records `team`'s answer to the current question, or corrects it. Returns false (and
    /// records nothing) once the answer is revealed or for a team that does not exist.
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
        match slot {
            Some(entry) => entry.response = response,
            None => {
                *slot = Some(Entry {
                    response,
                    order: next_order,
                    elapsed_ms,
                });
            }
        }
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

    /// Grades every team's answer to the current question and awards the points. Returns
    /// false if the question is already revealed or `question` is not the current one.
    pub fn reveal(&mut self, question: &Question, now: Timestamp) -> bool {
        let multiplier = self.multiplier(self.position());
        let speed_bonus = self.scoring.speed_bonus;
        let Some(round) = self.open_round().filter(|r| r.question_id == question.id()) else {
            return false;
        };
        round.clock.stop(now);
        let verdicts: Vec<Option<Verdict>> = round
            .entries
            .iter()
            .map(|e| e.as_ref().map(|e| grade(question, &e.response).verdict()))
            .collect();
        let first_right = round
            .entries
            .iter()
            .zip(&verdicts)
            .enumerate()
            .filter(|(_, (_, v))| **v == Some(Verdict::Correct))
            .filter_map(|(team, (e, _))| e.as_ref().map(|e| (e.order, team)))
            .min()
            .map(|(_, team)| team)
            .filter(|_| speed_bonus);
        round.awards = Some(
            verdicts
                .iter()
                .enumerate()
                .map(|(team, verdict)| {
                    let base = u32::from(*verdict == Some(Verdict::Correct));
                    let bonus = u32::from(first_right == Some(team));
                    Award {
                        verdict: *verdict,
                        points: (base + bonus) * multiplier,
                        bonus: bonus * multiplier,
                    }
                })
                .collect(),
        );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::question::ShortQuestion;
    use crate::domain::testing::{numeric, single, tf};

    pub(super) fn t(ms: i64) -> Timestamp {
        Timestamp::from_millisecond(1_800_000_000_000 + ms).expect("valid timestamp")
    }

    pub(super) fn settings(teams: &[&str], ids: &[&str], scoring: Scoring) -> GroupSettings {
        GroupSettings {
            teams: teams.iter().map(|t| (*t).to_owned()).collect(),
            question_ids: ids.iter().map(|t| (*t).to_owned()).collect(),
            timer_secs: Some(30),
            scoring,
            seed: 5,
        }
    }

    pub(super) fn session(scoring: Scoring) -> GroupSession {
        GroupSession::new(
            settings(&["Hiboux", "Renards", "Loutres"], &["a", "b", "c"], scoring),
            t(0),
        )
        .expect("valid settings")
    }

    fn points(s: &GroupSession) -> Vec<u32> {
        let mut by_team = vec![0; s.teams.len()];
        for st in s.standings() {
            by_team[st.team] = st.points;
        }
        by_team
    }

    #[test]
    fn kinds_that_fit_a_room() {
        assert!(fits_a_room(&tf("a", true)));
        assert!(fits_a_room(&numeric("a", 3.0)));
        let short = Question::Short(ShortQuestion {
            id: "s".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            accepted: vec![],
        });
        assert!(!fits_a_room(&short));
    }

    #[test]
    fn setup_is_checked() {
        let one_team = settings(&["Seuls"], &["a"], Scoring::default());
        assert_eq!(
            GroupSession::new(one_team, t(0)),
            Err(SetupError::TeamCount(1))
        );
        let nine: Vec<String> = (0..9).map(|i| format!("É{i}")).collect();
        let nine: Vec<&str> = nine.iter().map(String::as_str).collect();
        assert_eq!(
            GroupSession::new(settings(&nine, &["a"], Scoring::default()), t(0)),
            Err(SetupError::TeamCount(9))
        );
        assert_eq!(
            GroupSession::new(
                settings(&["Hiboux", " hiboux "], &["a"], Scoring::default()),
                t(0)
            ),
            Err(SetupError::TeamName(1, TeamNameError::Duplicate))
        );
        assert_eq!(
            GroupSession::new(settings(&["A", "B"], &[], Scoring::default()), t(0)),
            Err(SetupError::NoQuestion)
        );
        assert_eq!(check_team_name("  ", &[]), Err(TeamNameError::Empty));
        assert_eq!(
            check_team_name(&"x".repeat(25), &[]),
            Err(TeamNameError::TooLong)
        );
        assert_eq!(check_team_name(" Lynx ", &["Hiboux"]), Ok("Lynx".into()));
    }

    #[test]
    fn one_point_a_right_answer_and_no_answer_is_wrong() {
        let mut s = session(Scoring::default());
        assert!(s.enter(0, Response::Bool(true), t(1_000)));
        assert!(s.enter(1, Response::Bool(false), t(2_000)));
        assert!(!s.enter(7, Response::Bool(true), t(2_000)), "no team 8");
        assert!(s.reveal(&tf("a", true), t(3_000)));
        assert!(!s.enter(2, Response::Bool(true), t(4_000)), "revealed");
        assert_eq!(points(&s), vec![1, 0, 0]);
        let awards = s.rounds[0].awards.clone().expect("revealed");
        assert_eq!(awards[1].verdict, Some(Verdict::Incorrect));
        assert_eq!(awards[2].verdict, None);
        // Revealing another question than the current one does nothing.
        assert_eq!(s.next(t(5_000)), Advance::Question);
        assert!(!s.reveal(&tf("a", true), t(6_000)));
    }

    #[test]
    fn speed_bonus_goes_to_the_first_right_answer_and_survives_a_correction() {
        let mut s = session(Scoring {
            speed_bonus: true,
            double_last: false,
        });
        let q = single("a", 4, 2);
        s.enter(1, Response::Choices(vec![0]), t(1_000)); // first, wrong
        s.enter(2, Response::Choices(vec![2]), t(2_000)); // second, right
        s.enter(0, Response::Choices(vec![2]), t(3_000)); // third, right
        // Team 2 (index 1) had said C in fact: the correction keeps its place in line.
        s.enter(1, Response::Choices(vec![2]), t(4_000));
        s.reveal(&q, t(5_000));
        assert_eq!(points(&s), vec![1, 2, 1]);
        let awards = s.rounds[0].awards.clone().expect("revealed");
        assert_eq!(awards[1].bonus, 1);
        assert_eq!(awards[1].points, 2);
    }

    #[test]
    fn last_question_counts_double_bonus_included() {
        let mut s = session(Scoring {
            speed_bonus: true,
            double_last: true,
        });
        for (i, q) in [tf("a", true), tf("b", false), numeric("c", 15000.0)]
            .iter()
            .enumerate()
        {
            assert_eq!(s.multiplier(i), if i == 2 { 2 } else { 1 });
            let right = match q {
                Question::TrueFalse(t) => Response::Bool(t.answer),
                _ => Response::Text("15 000".into()),
            };
            s.enter(0, right.clone(), t(1_000));
            s.enter(1, right, t(2_000));
            s.reveal(q, t(3_000));
            let _ = s.next(t(4_000));
        }
        assert!(s.is_finished());
        // Team 1: (1+1) + (1+1) + (1+1)×2; team 2: 1 + 1 + 1×2.
        assert_eq!(points(&s), vec![8, 4, 0]);
    }

    #[test]
    fn undo_takes_back_the_last_scoring_even_from_the_next_question() {
        let mut s = session(Scoring::default());
        let q = tf("a", true);
        assert!(!s.undo_last_scoring(t(0)), "nothing revealed yet");
        s.enter(0, Response::Bool(false), t(1_000));
        s.reveal(&q, t(2_000));
        assert_eq!(points(&s), vec![0, 0, 0]);
        assert!(s.undo_last_scoring(t(3_000)));
        assert!(!s.current().expect("round").is_revealed());
        assert!(s.is_paused(), "the clock waits for the correction");
        s.enter(0, Response::Bool(true), t(4_000));
        s.reveal(&q, t(5_000));
        assert_eq!(points(&s), vec![1, 0, 0]);
        // Already on the next question, nobody has answered it: back to the first one.
        assert_eq!(s.next(t(6_000)), Advance::Question);
        assert_eq!(s.position(), 1);
        assert!(s.undo_last_scoring(t(7_000)));
        assert_eq!(s.position(), 0);
        assert_eq!(points(&s), vec![0, 0, 0]);
        // Once a team answered the next question, its entries are not thrown away.
        s.reveal(&q, t(8_000));
        let _ = s.next(t(9_000));
        s.enter(2, Response::Bool(true), t(9_500));
        assert!(!s.undo_last_scoring(t(10_000)));
    }

    #[test]
    fn clock_pauses_and_counts_down() {
        let mut s = session(Scoring::default());
        assert_eq!(s.time_left_ms(t(10_000)), Some(20_000));
        assert!(s.pause(t(10_000)));
        assert!(!s.pause(t(11_000)), "already paused");
        assert!(s.is_paused());
        assert_eq!(s.time_left_ms(t(50_000)), Some(20_000));
        assert!(s.resume(t(50_000)));
        assert_eq!(s.time_left_ms(t(55_000)), Some(15_000));
        assert_eq!(s.time_left_ms(t(500_000)), Some(0));
        s.reveal(&tf("a", true), t(60_000));
        assert_eq!(s.time_left_ms(t(60_000)), None);
        assert!(!s.pause(t(61_000)), "nothing to pause once revealed");
    }

    #[test]
    fn resume_after_a_crash_keeps_everything_and_gives_the_lost_time_back() {
        let mut s = session(Scoring {
            speed_bonus: true,
            double_last: true,
        });
        s.enter(0, Response::Bool(true), t(1_000));
        s.reveal(&tf("a", true), t(2_000));
        let _ = s.next(t(3_000));
        s.enter(1, Response::Bool(false), t(8_000));
        let json = serde_json::to_string(&s).expect("serializes");
        let mut back: GroupSession = serde_json::from_str(&json).expect("parses");
        assert_eq!(back, s);
        assert!(back.is_consistent());
        // The laptop was closed an hour: the clock stopped at the last change.
        back.interrupt();
        assert!(back.is_paused());
        assert_eq!(back.time_left_ms(t(3_600_000)), Some(25_000));
        assert!(back.resume(t(3_600_000)));
        back.reveal(&tf("b", false), t(3_601_000));
        assert_eq!(points(&back), vec![2, 2, 0]);
        assert_eq!(
            back.display_order(0, &single("a", 4, 0)),
            s.display_order(0, &single("a", 4, 0))
        );
    }

    #[test]
    fn inconsistent_files_are_caught() {
        let mut s = session(Scoring::default());
        assert!(s.is_consistent());
        s.rounds[0].entries.pop();
        assert!(!s.is_consistent());
        let mut s = session(Scoring::default());
        s.rounds.clear();
        assert!(!s.is_consistent());
        let mut s = session(Scoring::default());
        s.rounds[0].question_id = "z".into();
        assert!(!s.is_consistent());
    }

    #[test]
    fn finishing_early_and_after_the_last_question() {
        let mut s = session(Scoring::default());
        assert!(!s.finish_early(t(1_000)), "the question is still open");
        assert_eq!(s.next(t(1_000)), Advance::NotRevealed);
        s.reveal(&tf("a", true), t(2_000));
        assert!(s.finish_early(t(3_000)));
        assert!(s.is_finished());
        assert!(!s.undo_last_scoring(t(4_000)));
        assert_eq!(s.next(t(4_000)), Advance::Finished);
    }

    #[test]
    fn questions_are_drawn_from_the_pool() {
        assert_eq!(
            draw_questions(&["a".into(), "b".into(), "c".into()], 2, 1).len(),
            2
        );
        assert_eq!(
            draw_questions(&["a".into(), "b".into()], 5, 1).len(),
            2,
            "never more than the pool"
        );
    }
}
