//! The room (`conseil group --salle`): participants answer from their own phones. Here is
//! what the session keeps of them (pseudonyms, answers, points) and the rules a pseudonym and
//! a room code follow; the server that carries the messages is in `crate::room`.
//!
//! A participant answers alone and scores like a team: one point for a fully right answer
//! (no partial credit for a multiple-answer question, as for a team's card), the speed bonus
//! and the doubled last question alike.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Entry, GroupSession};
use crate::content::pii::{self, PiiKind};
use crate::domain::question::Response;

/// A room holds at most this many participants: more would not be a training room.
pub const MAX_PARTICIPANTS: usize = 300;
pub const MAX_PSEUDONYM_CHARS: usize = 24;
/// Wrong room codes one address may send before it must wait: a school's Wi-Fi may put a
/// whole room behind one address, so a few typos each are fine.
pub const WRONG_CODES_ALLOWED: u32 = 10;
/// The wait after [`WRONG_CODES_ALLOWED`] wrong codes, in seconds; each further wrong code
/// doubles it, up to [`CODE_WAIT_MAX_SECS`]. A million codes cannot be tried that way, and
/// a room whose neighbour mistyped waits half a minute.
pub const CODE_WAIT_SECS: u64 = 30;
pub const CODE_WAIT_MAX_SECS: u64 = 600;

/// How long an address that sent `wrong` wrong codes must wait before the next try.
pub fn code_wait_secs(wrong: u32) -> u64 {
    let Some(over) = wrong.checked_sub(WRONG_CODES_ALLOWED) else {
        return 0;
    };
    CODE_WAIT_SECS
        .saturating_mul(1u64.checked_shl(over).unwrap_or(u64::MAX))
        .min(CODE_WAIT_MAX_SECS)
}
/// Digits of the room code.
pub const ROOM_CODE_DIGITS: usize = 6;

/// Someone who joined from a phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub pseudonym: String,
    /// The team the participant plays for, if any (an index into the session's teams).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<usize>,
    /// Removed by the trainer: no longer answers nor ranks, but keeps its number.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
    /// The secret the participant's page keeps to rejoin as itself (after a refresh, a
    /// dropped connection, or a resumed session): random, and no personal data.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub token: String,
}

/// Why a pseudonym was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PseudonymError {
    Empty,
    TooLong,
    /// Another participant has it (whatever the case).
    Taken,
    /// A control, invisible or direction character, by its code point.
    Unreadable(u32),
    /// Looks like personal data: an e-mail address, a phone number, a NIR.
    Personal(PiiKind),
}

/// Checks a pseudonym against those already taken and returns it trimmed.
pub fn check_pseudonym(name: &str, taken: &[&str]) -> Result<String, PseudonymError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(PseudonymError::Empty);
    }
    if name.chars().count() > MAX_PSEUDONYM_CHARS {
        return Err(PseudonymError::TooLong);
    }
    if let Some(c) = crate::domain::text::unreadable_in_name(name) {
        return Err(PseudonymError::Unreadable(u32::from(c)));
    }
    if let Some(finding) = pii::scan(name).first() {
        return Err(PseudonymError::Personal(finding.kind));
    }
    let folded = name.to_lowercase();
    if taken.iter().any(|t| t.trim().to_lowercase() == folded) {
        return Err(PseudonymError::Taken);
    }
    Ok(name.to_owned())
}

/// The room code of a session: six digits drawn from its seed, so that a resumed session
/// keeps the code its participants know.
pub fn room_code(seed: u64) -> String {
    let mixed = seed.wrapping_mul(0xD6E8_FEB8_6659_FD93).rotate_left(29) ^ 0x5851_F42D;
    format!("{:06}", mixed % 1_000_000)
}

/// A participant's place at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RoomStanding {
    pub participant: usize,
    pub points: u32,
    pub right: usize,
    /// From 1; equal points share a rank.
    pub rank: usize,
}

/// Why a participant could not join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinError {
    Full,
    Pseudonym(PseudonymError),
    /// The team chosen does not exist.
    NoSuchTeam,
}

impl GroupSession {
    /// Adds a participant and returns its number.
    pub fn join(
        &mut self,
        pseudonym: &str,
        team: Option<usize>,
        token: String,
    ) -> Result<usize, JoinError> {
        if self.participants.len() >= MAX_PARTICIPANTS {
            return Err(JoinError::Full);
        }
        if team.is_some_and(|t| t >= self.teams.len()) {
            return Err(JoinError::NoSuchTeam);
        }
        let taken: Vec<&str> = self
            .participants
            .iter()
            .map(|p| p.pseudonym.as_str())
            .collect();
        let pseudonym = check_pseudonym(pseudonym, &taken).map_err(JoinError::Pseudonym)?;
        self.participants.push(Participant {
            pseudonym,
            team,
            removed: false,
            token,
        });
        Ok(self.participants.len() - 1)
    }

    /// Removes a participant from the room (its answer to the open question goes too).
    /// Returns false if it was not there.
    pub fn remove_participant(&mut self, participant: usize, now: Timestamp) -> bool {
        let Some(p) = self
            .participants
            .get_mut(participant)
            .filter(|p| !p.removed)
        else {
            return false;
        };
        p.removed = true;
        if let Some(slot) = self.open_round().and_then(|r| r.room.get_mut(participant)) {
            *slot = None;
        }
        self.touch(true, now)
    }

    /// Records a participant's answer to the current question (its last answer counts).
    /// Returns false once revealed, for a removed or unknown participant, or when nothing
    /// changed.
    pub fn enter_room(&mut self, participant: usize, response: Response, now: Timestamp) -> bool {
        if self.participants.get(participant).is_none_or(|p| p.removed) {
            return false;
        }
        let Some(round) = self.open_round() else {
            return false;
        };
        if round
            .room
            .get(participant)
            .and_then(Option::as_ref)
            .is_some_and(|e| e.response == response)
        {
            return false;
        }
        let order = round
            .room
            .iter()
            .flatten()
            .map(|e| e.order + 1)
            .max()
            .unwrap_or(0);
        let elapsed_ms = round.clock.elapsed_ms(now);
        if round.room.len() <= participant {
            round.room.resize(participant + 1, None);
        }
        round.room[participant] = Some(Entry {
            response,
            order,
            elapsed_ms,
        });
        self.touch(true, now)
    }

    /// How many participants answered the current question.
    pub fn room_answered(&self) -> usize {
        self.current()
            .map_or(0, |r| r.room.iter().flatten().count())
    }

    /// The participants still in the room, by points, best first.
    pub fn room_standings(&self) -> Vec<RoomStanding> {
        let mut totals = vec![(0u32, 0usize); self.participants.len()];
        for awards in self.rounds.iter().filter_map(|r| r.room_awards.as_ref()) {
            for (total, award) in totals.iter_mut().zip(awards) {
                total.0 += award.points;
                total.1 += usize::from(award.is_right());
            }
        }
        let present: Vec<(usize, (u32, usize))> = totals
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !self.participants[*i].removed)
            .collect();
        let mut standings: Vec<RoomStanding> = present
            .iter()
            .map(|&(participant, (points, right))| RoomStanding {
                participant,
                points,
                right,
                rank: 1 + present.iter().filter(|(_, t)| t.0 > points).count(),
            })
            .collect();
        standings.sort_by_key(|s| (std::cmp::Reverse(s.points), s.participant));
        standings
    }
}

#[cfg(test)]
mod tests {
    use super::super::Scoring;
    use super::super::tests::{session, t};
    use super::*;
    use crate::domain::question::{Choice, ChoiceQuestion, Question};
    use crate::domain::testing::tf;

    #[test]
    fn pseudonyms_refuse_personal_data_and_hidden_characters() {
        assert_eq!(check_pseudonym("  Lou ", &[]), Ok("Lou".into()));
        assert_eq!(check_pseudonym(" ", &[]), Err(PseudonymError::Empty));
        assert_eq!(check_pseudonym("lou", &["Lou"]), Err(PseudonymError::Taken));
        assert_eq!(
            check_pseudonym(&"a".repeat(25), &[]),
            Err(PseudonymError::TooLong)
        );
        assert_eq!(
            check_pseudonym("lou@example.org", &[]),
            Err(PseudonymError::Personal(PiiKind::Email))
        );
        assert_eq!(
            check_pseudonym("06 12 34 56 78", &[]),
            Err(PseudonymError::Personal(PiiKind::Phone))
        );
        assert_eq!(
            check_pseudonym("a\u{1b}[2Jb", &[]),
            Err(PseudonymError::Unreadable(0x1b))
        );
        assert_eq!(
            check_pseudonym("<script>", &[]),
            Ok("<script>".into()),
            "markup is harmless text: every front end escapes it"
        );
    }

    #[test]
    fn wrong_codes_make_an_address_wait_longer_and_longer() {
        let waits: Vec<u64> = [0, 9, 10, 11, 12, 13, 14, 15, 40, u32::MAX]
            .iter()
            .map(|&w| code_wait_secs(w))
            .collect();
        assert_eq!(waits, vec![0, 0, 30, 60, 120, 240, 480, 600, 600, 600]);
    }

    #[test]
    fn room_codes_have_six_digits_and_follow_the_seed() {
        for seed in [0, 1, 42, u64::MAX] {
            let code = room_code(seed);
            assert_eq!(code.len(), ROOM_CODE_DIGITS);
            assert!(code.chars().all(|c| c.is_ascii_digit()));
            assert_eq!(code, room_code(seed));
        }
        assert_ne!(room_code(1), room_code(2));
    }

    #[test]
    fn participants_score_alone_and_the_last_answer_counts() {
        let mut s = session(Scoring::default());
        let lou = s.join("Lou", Some(1), String::new()).expect("joins");
        let max = s.join("Max", None, String::new()).expect("joins");
        assert_eq!(
            s.join("max", None, String::new()),
            Err(JoinError::Pseudonym(PseudonymError::Taken))
        );
        assert_eq!(
            s.join("Zoé", Some(9), String::new()),
            Err(JoinError::NoSuchTeam)
        );
        assert!(s.enter_room(lou, Response::Bool(false), t(1_000)));
        assert!(s.enter_room(lou, Response::Bool(true), t(2_000)));
        assert!(
            !s.enter_room(lou, Response::Bool(true), t(2_500)),
            "same answer"
        );
        assert!(s.enter_room(max, Response::Bool(false), t(3_000)));
        assert_eq!(s.room_answered(), 2);
        assert!(s.reveal(&tf("a", true), t(4_000)));
        assert!(
            !s.enter_room(max, Response::Bool(true), t(5_000)),
            "no answer after the reveal"
        );
        let points: Vec<(usize, u32, usize)> = s
            .room_standings()
            .iter()
            .map(|st| (st.participant, st.points, st.rank))
            .collect();
        assert_eq!(points, vec![(lou, 1, 1), (max, 0, 2)]);
        // The teams' scoring is untouched by the phones.
        assert!(s.standings().iter().all(|st| st.points == 0));
        assert!(s.is_consistent());
    }

    #[test]
    fn multiple_answers_score_only_when_fully_right() {
        let mut s = session(Scoring::default());
        let q = Question::Multiple(ChoiceQuestion {
            id: "a".into(),
            prompt: "?".into(),
            explanation: String::new(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            choices: (0..4).map(|i| Choice::new(format!("c{i}"))).collect(),
            correct: vec![0, 2],
        });
        let all = s.join("Tous", None, String::new()).expect("joins");
        let half = s.join("Moitié", None, String::new()).expect("joins");
        s.enter_room(all, Response::Choices(vec![2, 0]), t(1_000));
        s.enter_room(half, Response::Choices(vec![0]), t(1_000));
        s.reveal(&q, t(2_000));
        let awards = s.rounds[0].room_awards.clone().expect("revealed");
        assert_eq!(awards[all].points, 1);
        assert_eq!(awards[half].points, 0);
    }

    #[test]
    fn a_removed_participant_loses_its_answer_and_its_rank() {
        let mut s = session(Scoring::default());
        let lou = s.join("Lou", None, String::new()).expect("joins");
        let max = s.join("Max", None, String::new()).expect("joins");
        s.enter_room(lou, Response::Bool(true), t(1_000));
        assert!(s.remove_participant(lou, t(1_500)));
        assert!(!s.remove_participant(lou, t(1_600)), "already removed");
        assert!(!s.enter_room(lou, Response::Bool(true), t(1_700)));
        assert_eq!(s.room_answered(), 0);
        s.reveal(&tf("a", true), t(2_000));
        let ranked: Vec<usize> = s.room_standings().iter().map(|r| r.participant).collect();
        assert_eq!(ranked, vec![max]);
    }

    #[test]
    fn a_full_room_refuses_one_more() {
        let mut s = session(Scoring::default());
        for i in 0..MAX_PARTICIPANTS {
            s.join(&format!("P{i}"), None, String::new())
                .expect("room for it");
        }
        assert_eq!(
            s.join("Un de trop", None, String::new()),
            Err(JoinError::Full)
        );
    }

    #[test]
    fn a_late_joiner_keeps_the_session_consistent() {
        let mut s = session(Scoring::default());
        s.join("Lou", None, String::new()).expect("joins");
        s.reveal(&tf("a", true), t(1_000));
        s.join("Max", None, String::new()).expect("joins late");
        assert!(s.is_consistent());
        let back: GroupSession =
            serde_json::from_str(&serde_json::to_string(&s).expect("writes")).expect("reads");
        assert_eq!(back, s);
    }
}
