//! The sessions left unfinished, one per activity, and how they are written.
//!
//! A module quiz or a case asks questions that follow from the content and the session's
//! seed alone ([`SessionKind::drawn_from_content`]): such a session is written by its seed and
//! its position (its answers so far), not by the list of its question ids, which for a module
//! of 100,000 questions would weigh a megabyte in every progress file written whole. Beside
//! the seed go the number of questions and a digest of their ids: read back, the session stays
//! [`Undrawn`] until the study layer draws its questions again from the content
//! ([`Progress::draw_sessions`](super::Progress::draw_sessions)) and the draw gives the same
//! digest. A session whose content changed since never resumes on other questions; it is kept
//! as it was read, and written back so, until the learner starts that activity again.
//!
//! A session read with its list of ids (from format 1, or a hand-edited file) keeps its list
//! until a draw from the content gives the same one: nothing read is lost.
//!
//! The other kinds (a review, a retry, a lesson's quiz, an exam) drew their questions from the
//! progress or the choices of the moment they began, which cannot be drawn again: they keep
//! their question ids, and they are short (a review asks at most twenty).

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::domain::session::{AnswerRecord, QuizSession, SessionKind};

/// A session as a file holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Kept {
    /// With the list of its question ids.
    Listed(QuizSession),
    /// By its seed and position, its questions to be drawn again from the content.
    Undrawn(Undrawn),
}

/// A session read by its seed and position, before its questions are drawn again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Undrawn {
    pub kind: SessionKind,
    pub seed: u64,
    pub started_at: Timestamp,
    /// Answers so far: the position is their number.
    pub answers: Vec<AnswerRecord>,
    /// What the draw gave when the session began.
    pub drawn: Drawn,
}

/// The questions of a session written by its seed: how many, and a digest of their ids in
/// order, to tell the same draw from another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drawn {
    pub count: usize,
    /// FNV-1a (64 bits) of the ids, each followed by a byte UTF-8 never holds, as 16 hex
    /// digits: a JSON number would lose digits in other readers.
    pub digest: String,
}

impl Drawn {
    pub fn of(ids: &[String]) -> Drawn {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in ids
            .iter()
            .flat_map(|id| id.bytes().chain(std::iter::once(0xFF)))
        {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        Drawn {
            count: ids.len(),
            digest: format!("{hash:016x}"),
        }
    }
}

/// The form of a session borrowed for writing, by seed and position.
#[derive(Serialize)]
struct UndrawnRef<'a> {
    kind: &'a SessionKind,
    seed: u64,
    started_at: Timestamp,
    answers: &'a [AnswerRecord],
    drawn: Drawn,
}

impl Kept {
    /// `session` as a file holds it.
    pub fn of(session: &QuizSession) -> Kept {
        if session.kind.drawn_from_content() {
            Kept::Undrawn(Undrawn {
                kind: session.kind.clone(),
                seed: session.seed,
                started_at: session.started_at,
                answers: session.answers.clone(),
                // What the seed draws: the questions that came back are put back from the
                // answers when the session is drawn again.
                drawn: Drawn::of(&session.drawn_ids()),
            })
        } else {
            Kept::Listed(session.clone())
        }
    }

    fn kind(&self) -> &SessionKind {
        match self {
            Kept::Listed(s) => &s.kind,
            Kept::Undrawn(u) => &u.kind,
        }
    }

    pub fn activity(&self) -> String {
        self.kind().activity()
    }

    /// When the learner last worked on it: her last answer, or its start.
    pub fn last_activity(&self) -> Timestamp {
        let (answers, started_at) = match self {
            Kept::Listed(s) => (&s.answers, s.started_at),
            Kept::Undrawn(u) => (&u.answers, u.started_at),
        };
        answers.last().map_or(started_at, |a| a.answered_at)
    }
}

/// The unfinished sessions of a progress, by activity ([`SessionKind::activity`]): those
/// ready to resume, and those read by seed whose questions are not drawn again yet. An
/// activity is in one of the two at most.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sessions {
    ready: BTreeMap<String, QuizSession>,
    undrawn: BTreeMap<String, Undrawn>,
    /// The activities of `ready` whose session is written with its list of ids: read so, and
    /// not known to be what a draw from the content gives.
    listed: BTreeSet<String>,
}

impl Sessions {
    /// The sessions as read, by activity whatever key they were stored under (a hand-edited
    /// file); of two for the same activity, the one worked on last.
    pub fn from_kept(kept: impl IntoIterator<Item = Kept>) -> Sessions {
        let mut sessions = Sessions::default();
        for session in kept {
            let activity = session.activity();
            if sessions
                .last_activity(&activity)
                .is_none_or(|last| session.last_activity() > last)
            {
                sessions.insert_kept(activity, session);
            }
        }
        sessions
    }

    pub fn is_empty(&self) -> bool {
        self.ready.is_empty() && self.undrawn.is_empty()
    }

    /// The sessions ready to resume.
    pub fn ready(&self) -> impl Iterator<Item = &QuizSession> {
        self.ready.values()
    }

    pub fn get(&self, activity: &str) -> Option<&QuizSession> {
        self.ready.get(activity)
    }

    pub fn get_mut(&mut self, activity: &str) -> Option<&mut QuizSession> {
        self.ready.get_mut(activity)
    }

    /// True when the activity has a session read by its seed whose questions could not be
    /// drawn again.
    pub fn is_undrawn(&self, activity: &str) -> bool {
        self.undrawn.contains_key(activity)
    }

    /// Keeps `session`, just drawn by the study layer, for its activity.
    pub fn insert(&mut self, activity: String, session: QuizSession) {
        self.undrawn.remove(&activity);
        self.listed.remove(&activity);
        self.ready.insert(activity, session);
    }

    /// Keeps `kept`, as a file held it, for `activity`.
    pub fn insert_kept(&mut self, activity: String, kept: Kept) {
        match kept {
            Kept::Listed(session) => {
                self.undrawn.remove(&activity);
                self.listed.insert(activity.clone());
                self.ready.insert(activity, session);
            }
            Kept::Undrawn(undrawn) => {
                self.ready.remove(&activity);
                self.listed.remove(&activity);
                self.undrawn.insert(activity, undrawn);
            }
        }
    }

    /// Removes the session of `activity`, whichever it is; false when there was none.
    pub fn remove(&mut self, activity: &str) -> bool {
        self.listed.remove(activity);
        self.ready.remove(activity).is_some() | self.undrawn.remove(activity).is_some()
    }

    /// True when the ready session of `activity` is written by its seed.
    fn by_seed(&self, activity: &str, session: &QuizSession) -> bool {
        session.kind.drawn_from_content() && !self.listed.contains(activity)
    }

    /// The session of `activity` as a file holds it.
    pub fn kept(&self, activity: &str) -> Option<Kept> {
        match (self.ready.get(activity), self.undrawn.get(activity)) {
            (Some(s), _) if self.by_seed(activity, s) => Some(Kept::of(s)),
            (Some(s), _) => Some(Kept::Listed(s.clone())),
            (None, Some(u)) => Some(Kept::Undrawn(u.clone())),
            (None, None) => None,
        }
    }

    /// Adds `answer` to the session of `activity` when it is the one started at
    /// `started_at` with `seed` and stands at `position`, ready or not.
    pub fn push_answer(
        &mut self,
        activity: &str,
        (started_at, seed, position): (Timestamp, u64, usize),
        answer: AnswerRecord,
    ) {
        let at = |answers: &[AnswerRecord], started: Timestamp, drawn_with: u64| {
            started == started_at && drawn_with == seed && answers.len() == position
        };
        match (self.ready.get_mut(activity), self.undrawn.get_mut(activity)) {
            (Some(s), _) if at(&s.answers, s.started_at, s.seed) => s.push_answer(answer),
            // Its questions, those that came back included, are drawn again from the answers.
            (None, Some(u)) if at(&u.answers, u.started_at, u.seed) => u.answers.push(answer),
            _ => {}
        }
    }

    /// When the session of `activity` was last worked on, ready or not.
    pub fn last_activity(&self, activity: &str) -> Option<Timestamp> {
        match (self.ready.get(activity), self.undrawn.get(activity)) {
            (Some(s), _) => Some(s.last_activity()),
            (None, Some(u)) => Some(u.answers.last().map_or(u.started_at, |a| a.answered_at)),
            (None, None) => None,
        }
    }

    /// Every session, by activity, the ready ones with their list of ids.
    pub fn into_kept(self) -> impl Iterator<Item = (String, Kept)> {
        let ready = self
            .ready
            .into_iter()
            .map(|(activity, s)| (activity, Kept::Listed(s)));
        let undrawn = self
            .undrawn
            .into_iter()
            .map(|(activity, u)| (activity, Kept::Undrawn(u)));
        ready.chain(undrawn)
    }

    /// Draws again the questions of the sessions read by their seed; `draw` gives a kind's
    /// questions for a seed, from the content. A session is ready again when the draw gives
    /// the questions it began with; the others stay as they were read. A session read with
    /// its list is written by its seed from now on when the draw gives that list.
    pub fn draw(&mut self, draw: impl Fn(&SessionKind, u64) -> Option<Vec<String>>) {
        let ready = &self.ready;
        self.listed.retain(|activity| {
            ready.get(activity).is_none_or(|s| {
                !s.kind.drawn_from_content()
                    || draw(&s.kind, s.seed)
                        .map(|ids| QuizSession::with_comebacks(&s.kind, ids, &s.answers))
                        .as_ref()
                        != Some(&s.question_ids)
            })
        });
        let undrawn = std::mem::take(&mut self.undrawn);
        for (activity, u) in undrawn {
            // The same draw, then the questions missed put back where they came back.
            let ids = draw(&u.kind, u.seed)
                .filter(|ids| Drawn::of(ids) == u.drawn)
                .map(|ids| QuizSession::with_comebacks(&u.kind, ids, &u.answers));
            match ids {
                Some(question_ids) => {
                    self.ready.insert(
                        activity,
                        QuizSession {
                            kind: u.kind,
                            question_ids,
                            answers: u.answers,
                            seed: u.seed,
                            started_at: u.started_at,
                        },
                    );
                }
                None => {
                    self.undrawn.insert(activity, u);
                }
            }
        }
    }
}

impl Serialize for Sessions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.ready.len() + self.undrawn.len()))?;
        for (activity, session) in &self.ready {
            if self.by_seed(activity, session) {
                map.serialize_entry(
                    activity,
                    &UndrawnRef {
                        kind: &session.kind,
                        seed: session.seed,
                        started_at: session.started_at,
                        answers: &session.answers,
                        // What the seed draws: the questions that came back are put back from the
                        // answers when the session is drawn again.
                        drawn: Drawn::of(&session.drawn_ids()),
                    },
                )?;
            } else {
                map.serialize_entry(activity, session)?;
            }
        }
        for (activity, undrawn) in &self.undrawn {
            map.serialize_entry(activity, undrawn)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Progress;
    use super::super::tests::{module_session, t};
    use crate::domain::question::Response;
    use crate::domain::session::{QuizSession, SessionKind};
    use crate::domain::testing::tf;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_module_quiz_is_written_by_its_seed_and_resumes_once_drawn_again() {
        let mut p = Progress::new();
        let mut quiz = module_session("m", &["b", "a", "c"], t(0));
        quiz.answer(&tf("b", true), Response::Bool(true), t(1), 900);
        p.keep_session(&quiz);
        let json = serde_json::to_string(&p).expect("serializes");
        assert!(!json.contains("question_ids"), "{json}");
        assert!(
            json.contains(r#""seed":7"#) && json.contains(r#""count":3"#),
            "{json}"
        );

        let read: Progress = serde_json::from_str(&json).expect("reads");
        assert_eq!(
            read.session(&quiz.kind),
            None,
            "not before its questions are drawn"
        );
        // The content gives other questions (a question added): it does not resume, and it
        // is written back as it was read.
        let mut changed = read.clone();
        changed.draw_sessions(|_, _| Some(ids(&["b", "a", "c", "d"])));
        assert!(changed.session(&quiz.kind).is_none());
        assert!(changed.has_undrawn_session(&quiz.kind));
        assert_eq!(serde_json::to_string(&changed).expect("serializes"), json);
        // The same draw: the session as it was, at its position.
        let mut drawn = read;
        drawn.draw_sessions(|kind, seed| {
            (kind == &quiz.kind && seed == 7).then(|| ids(&["b", "a", "c"]))
        });
        assert_eq!(drawn.session(&quiz.kind), Some(&quiz));
        assert_eq!(drawn, p);
    }

    #[test]
    fn a_module_quiz_read_with_its_list_keeps_it_until_the_content_gives_the_same() {
        let quiz = module_session("m", &["b", "a"], t(0));
        let mut listed = serde_json::to_value(Progress::new()).expect("serializes");
        listed["sessions"] = serde_json::json!({ "module:m": quiz });
        let mut read: Progress = serde_json::from_value(listed).expect("reads");
        assert_eq!(read.session(&quiz.kind), Some(&quiz), "resumable at once");
        read.draw_sessions(|_, _| Some(ids(&["a", "b"])));
        let json = serde_json::to_string(&read).expect("serializes");
        assert!(json.contains(r#""question_ids":["b","a"]"#), "{json}");
        read.draw_sessions(|_, _| Some(ids(&["b", "a"])));
        let json = serde_json::to_string(&read).expect("serializes");
        assert!(
            !json.contains("question_ids") && json.contains(r#""drawn""#),
            "{json}"
        );
        assert_eq!(read.session(&quiz.kind), Some(&quiz));
    }

    #[test]
    fn a_review_keeps_its_question_ids() {
        let mut p = Progress::new();
        let review = QuizSession::new(SessionKind::Review, ids(&["x", "y"]), 3, t(0));
        p.keep_session(&review);
        let json = serde_json::to_string(&p).expect("serializes");
        assert!(json.contains(r#""question_ids":["x","y"]"#), "{json}");
        let mut read: Progress = serde_json::from_str(&json).expect("reads");
        read.draw_sessions(|_, _| None);
        assert_eq!(read.session(&SessionKind::Review), Some(&review));
    }
}
