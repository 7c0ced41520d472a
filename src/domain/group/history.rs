//! The totals of a group (a class of trainees) across its sessions: each finished session
//! leaves a summary, and the report adds them up. Teams are told apart by their names, so a
//! class that keeps its pseudonyms from one week to the next sees each team's totals.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::GroupSession;
use crate::domain::text::fold;

/// The newest history format this binary understands.
pub const HISTORY_FORMAT_VERSION: u32 = 1;
/// Longest group name, in characters.
pub const MAX_GROUP_NAME_CHARS: usize = 40;

/// Every session of one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupHistory {
    pub format_version: u32,
    pub group: String,
    /// In the order they started.
    pub sessions: Vec<SessionSummary>,
}

/// What a session leaves in its group's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionSummary {
    /// Tells the sessions apart: a session exported again replaces its summary.
    pub started_at: Timestamp,
    pub teams: Vec<TeamSummary>,
    /// The scored questions, in the order asked.
    pub questions: Vec<QuestionSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub name: String,
    pub points: u32,
    pub right: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionSummary {
    pub id: String,
    /// Teams right out of `teams`.
    pub right: usize,
    pub teams: usize,
}

impl SessionSummary {
    /// The summary of `session`'s revealed, scored questions.
    pub fn of(session: &GroupSession) -> Self {
        let standings = session.standings();
        let mut teams: Vec<TeamSummary> = session
            .teams
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let st = standings.iter().find(|s| s.team == i);
                TeamSummary {
                    name: name.clone(),
                    points: st.map_or(0, |s| s.points),
                    right: st.map_or(0, |s| s.right),
                }
            })
            .collect();
        teams.sort_by_key(|t| std::cmp::Reverse(t.points));
        let questions = session
            .rounds
            .iter()
            .filter(|r| !r.unscored)
            .filter_map(|r| {
                let awards = r.awards.as_ref()?;
                Some(QuestionSummary {
                    id: r.question_id.clone(),
                    right: awards.iter().filter(|a| a.is_right()).count(),
                    teams: awards.len(),
                })
            })
            .collect();
        SessionSummary {
            started_at: session.started_at,
            teams,
            questions,
        }
    }
}

/// A group's totals over all its sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTotals {
    pub sessions: usize,
    /// Scored questions asked, every session added.
    pub questions: usize,
    /// Answers expected (a team and a question), and the right ones.
    pub answers: usize,
    pub right: usize,
    /// Best total first.
    pub teams: Vec<TeamTotal>,
    /// Questions by share of teams that missed them, the most missed first; only those
    /// some team missed.
    pub missed: Vec<QuestionTotal>,
}

impl GroupTotals {
    /// The share of right answers, from 0 to 1.
    pub fn share_right(&self) -> f64 {
        if self.answers == 0 {
            0.0
        } else {
            self.right as f64 / self.answers as f64
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamTotal {
    /// As first written.
    pub name: String,
    pub sessions: usize,
    pub points: u32,
    pub right: usize,
    /// Scored questions the team was asked.
    pub questions: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionTotal {
    pub id: String,
    /// Sessions that asked it.
    pub asked: usize,
    /// Answers expected and the right ones.
    pub answers: usize,
    pub right: usize,
}

impl GroupHistory {
    pub fn new(group: &str) -> Self {
        GroupHistory {
            format_version: HISTORY_FORMAT_VERSION,
            group: group.to_owned(),
            sessions: Vec::new(),
        }
    }

    /// Adds a session's summary, or replaces it when the same session was recorded before.
    pub fn record(&mut self, summary: SessionSummary) {
        self.sessions.retain(|s| s.started_at != summary.started_at);
        self.sessions.push(summary);
        self.sessions.sort_by_key(|s| s.started_at);
    }

    pub fn totals(&self) -> GroupTotals {
        let mut teams: Vec<TeamTotal> = Vec::new();
        let mut missed: Vec<QuestionTotal> = Vec::new();
        let (mut questions, mut answers, mut right) = (0, 0, 0);
        for session in &self.sessions {
            let asked = session.questions.len();
            questions += asked;
            for team in &session.teams {
                let key = fold(&team.name);
                let total = entry(
                    &mut teams,
                    |t| fold(&t.name) == key,
                    || TeamTotal {
                        name: team.name.clone(),
                        sessions: 0,
                        points: 0,
                        right: 0,
                        questions: 0,
                    },
                );
                total.sessions += 1;
                total.points += team.points;
                total.right += team.right;
                total.questions += asked;
            }
            for q in &session.questions {
                answers += q.teams;
                right += q.right;
                let total = entry(
                    &mut missed,
                    |t| t.id == q.id,
                    || QuestionTotal {
                        id: q.id.clone(),
                        asked: 0,
                        answers: 0,
                        right: 0,
                    },
                );
                total.asked += 1;
                total.answers += q.teams;
                total.right += q.right;
            }
        }
        teams.sort_by_key(|t| std::cmp::Reverse(t.points));
        missed.retain(|q| q.right < q.answers);
        // Most missed share first: compare (answers - right) / answers without floats.
        missed.sort_by(|a, b| {
            ((b.answers - b.right) * a.answers).cmp(&((a.answers - a.right) * b.answers))
        });
        GroupTotals {
            sessions: self.sessions.len(),
            questions,
            answers,
            right,
            teams,
            missed,
        }
    }
}

/// The element of `items` that `is` finds, added by `make` when there is none.
fn entry<T>(items: &mut Vec<T>, is: impl Fn(&T) -> bool, make: impl FnOnce() -> T) -> &mut T {
    let i = items.iter().position(is).unwrap_or_else(|| {
        items.push(make());
        items.len() - 1
    });
    &mut items[i]
}

/// Why a group name was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupNameError {
    TooLong,
    /// Nothing left to name its file with (only punctuation).
    NoLetter,
    /// A direction override or an invisible character, by its code point: the name is shown
    /// in the reports.
    Unreadable(u32),
    /// Its file would take a name Windows keeps for a device (« Con » → `con.json`).
    Reserved,
}

/// Checks a group name and returns it trimmed; an empty name means no group.
pub fn check_group_name(name: &str) -> Result<Option<String>, GroupNameError> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(None);
    }
    if name.chars().count() > MAX_GROUP_NAME_CHARS {
        return Err(GroupNameError::TooLong);
    }
    if let Some(c) = crate::domain::text::unreadable_in_name(name) {
        return Err(GroupNameError::Unreadable(u32::from(c)));
    }
    let stem = group_file_stem(name);
    if stem.is_empty() {
        return Err(GroupNameError::NoLetter);
    }
    if crate::domain::text::is_reserved_name(&stem) {
        return Err(GroupNameError::Reserved);
    }
    Ok(Some(name.to_owned()))
}

/// The name of a group's history file, without extension: its letters and digits folded to
/// plain lower case, words joined by dashes (« FIPC Lyon — mars » → « fipc-lyon-mars »), so
/// that every file system takes it and two spellings of one group share it.
pub fn group_file_stem(name: &str) -> String {
    fold(name)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(
        at: i64,
        teams: &[(&str, u32, usize)],
        questions: &[(&str, usize)],
    ) -> SessionSummary {
        SessionSummary {
            started_at: Timestamp::from_second(1_800_000_000 + at).expect("valid"),
            teams: teams
                .iter()
                .map(|(name, points, right)| TeamSummary {
                    name: (*name).to_owned(),
                    points: *points,
                    right: *right,
                })
                .collect(),
            questions: questions
                .iter()
                .map(|(id, right)| QuestionSummary {
                    id: (*id).to_owned(),
                    right: *right,
                    teams: teams.len(),
                })
                .collect(),
        }
    }

    #[test]
    fn totals_add_up_the_sessions_of_a_group() {
        let mut h = GroupHistory::new("FIPC Lyon");
        h.record(summary(
            0,
            &[("Hiboux", 3, 2), ("Renards", 1, 1)],
            &[("a", 2), ("b", 1)],
        ));
        h.record(summary(
            100,
            &[("hiboux", 1, 1), ("Lynx", 2, 2)],
            &[("b", 0), ("c", 2), ("d", 1)],
        ));
        // The same session exported again replaces its summary.
        h.record(summary(
            100,
            &[("hiboux", 2, 2), ("Lynx", 2, 2)],
            &[("b", 1), ("c", 2), ("d", 1)],
        ));
        let totals = h.totals();
        assert_eq!((totals.sessions, totals.questions), (2, 5));
        // Answers: 2 teams × 5 questions; right: 2 + 1 + 1 + 2 + 1.
        assert_eq!((totals.answers, totals.right), (10, 7));
        assert_eq!(totals.share_right(), 0.7);
        let hiboux = &totals.teams[0];
        assert_eq!(
            (
                hiboux.name.as_str(),
                hiboux.sessions,
                hiboux.points,
                hiboux.right,
                hiboux.questions
            ),
            ("Hiboux", 2, 5, 4, 5)
        );
        // b: missed by 1 of 2, then 1 of 2 (2 of 4); d: 1 of 2; a and c never missed.
        let missed: Vec<(&str, usize, usize)> = totals
            .missed
            .iter()
            .map(|q| (q.id.as_str(), q.asked, q.answers - q.right))
            .collect();
        assert_eq!(missed, vec![("b", 2, 2), ("d", 1, 1)]);
    }

    #[test]
    fn group_names_and_their_files() {
        assert_eq!(check_group_name("  "), Ok(None));
        assert_eq!(
            check_group_name(" FIPC Lyon "),
            Ok(Some("FIPC Lyon".into()))
        );
        assert_eq!(check_group_name("« ! »"), Err(GroupNameError::NoLetter));
        assert_eq!(check_group_name("Con"), Err(GroupNameError::Reserved));
        assert_eq!(check_group_name("« nul »"), Err(GroupNameError::Reserved));
        assert_eq!(check_group_name("Con 2"), Ok(Some("Con 2".to_owned())));
        assert_eq!(
            check_group_name("FIPC\u{2066}Lyon"),
            Err(GroupNameError::Unreadable(0x2066))
        );
        assert_eq!(
            check_group_name(&"a".repeat(41)),
            Err(GroupNameError::TooLong)
        );
        assert_eq!(group_file_stem("FIPC Lyon — mars"), "fipc-lyon-mars");
        assert_eq!(group_file_stem("Élèves ../../etc"), "eleves-etc");
    }
}
