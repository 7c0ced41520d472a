//! A quiz being taken: which questions, in which order, and what was answered.
//!
//! A session is plain data (serde), so that the progress file can keep an unfinished one and
//! the learner resumes exactly where she stopped, with the same order and the same shuffled
//! choices: every shuffle is derived from the session's seed, never drawn afresh.
//!
//! A question missed in a quiz, a retry or a review comes back later in the same session, as
//! Anki's learning steps do (see [`QuizSession::answer`]): it is written into the list of
//! questions, so that a session resumed asks it again at the same place.

use jiff::Timestamp;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::question::{Outcome, Question, Response, Verdict, grade};
use super::review::Rating;

/// A question missed comes back after this many other questions (or at the end, when fewer
/// are left): long enough for the answer not to be still in mind, short enough to be in the
/// same sitting.
pub const RELEARN_GAP: usize = 3;
/// A question missed comes back at most this many times in a session: then it is left to
/// the next days' reviews.
pub const RELEARN_TIMES: usize = 2;

/// Milliseconds from `from` to `to`, zero if `to` is earlier (a clock set back).
pub fn elapsed_ms(from: Timestamp, to: Timestamp) -> u64 {
    u64::try_from(to.duration_since(from).as_millis()).unwrap_or(0)
}

/// What the session is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SessionKind {
    /// The quiz of one module.
    Module { module_id: String },
    /// Questions answered wrongly in an earlier session, asked again.
    Retry { module_id: Option<String> },
    /// Spaced review across modules.
    Review,
    /// A timed mock exam: no feedback until the end.
    Exam {
        /// Time allowed in seconds, or `None` when untimed.
        time_limit_secs: Option<u64>,
        /// Pass mark from 0 to 1.
        pass_mark: f64,
    },
    /// A fictive case, step by step.
    Case { module_id: String, case_id: String },
    /// A short quiz on the questions of one lesson, after reading it.
    Lesson {
        module_id: String,
        lesson_id: String,
    },
}

impl SessionKind {
    /// True for an exam: feedback waits until the end.
    pub fn hides_feedback(&self) -> bool {
        matches!(self, SessionKind::Exam { .. })
    }

    /// True when a question missed comes back later in the session: not in an exam (no
    /// feedback, so nothing to learn from before the end) nor in a case (its questions follow
    /// the story's steps).
    pub fn relearns(&self) -> bool {
        matches!(
            self,
            SessionKind::Module { .. } | SessionKind::Retry { .. } | SessionKind::Review
        )
    }

    /// True when a session's questions follow from the content and its seed alone (a module's
    /// quiz, a case), so that it is written by its seed and position (`progress::sessions`);
    /// `study::practice::questions_of` draws them again.
    pub fn drawn_from_content(&self) -> bool {
        matches!(self, SessionKind::Module { .. } | SessionKind::Case { .. })
    }

    /// The activity a session belongs to, as a key: one session is kept to resume per
    /// activity (each module's quiz, each case, each lesson's quiz, the review, the exam,
    /// each retry).
    pub fn activity(&self) -> String {
        match self {
            SessionKind::Module { module_id } => format!("module:{module_id}"),
            SessionKind::Retry {
                module_id: Some(module_id),
            } => format!("retry:{module_id}"),
            SessionKind::Retry { module_id: None } => "retry".to_owned(),
            SessionKind::Review => "review".to_owned(),
            SessionKind::Exam { .. } => "exam".to_owned(),
            SessionKind::Case { module_id, case_id } => format!("case:{module_id}/{case_id}"),
            SessionKind::Lesson {
                module_id,
                lesson_id,
            } => format!("lesson:{module_id}/{lesson_id}"),
        }
    }
}

/// Where the question of the last of `answers` comes back among `len` question ids, in a
/// session of `kind`: after [`RELEARN_GAP`] others (or at the end) when it was missed, at
/// most [`RELEARN_TIMES`] times; `None` when it does not come back.
fn comes_back_at(kind: &SessionKind, answers: &[AnswerRecord], len: usize) -> Option<usize> {
    let last = answers.last()?;
    let asked = answers
        .iter()
        .filter(|a| a.question_id == last.question_id)
        .count();
    (kind.relearns()
        && Rating::of(last.score, last.verdict) == Rating::Again
        && asked <= RELEARN_TIMES)
        .then(|| (answers.len() + RELEARN_GAP).min(len))
}

/// One answer given during a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerRecord {
    pub question_id: String,
    pub response: Response,
    pub score: f64,
    pub verdict: Verdict,
    pub answered_at: Timestamp,
    /// Time spent on the question, in milliseconds.
    pub duration_ms: u64,
}

/// A quiz in progress or finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizSession {
    pub kind: SessionKind,
    /// The questions, in the order they are asked; a question missed is written in again
    /// further on (see [`QuizSession::answer`]).
    pub question_ids: Vec<String>,
    /// Answers so far, in order: the current question is `question_ids[answers.len()]`.
    pub answers: Vec<AnswerRecord>,
    /// Seed of every shuffle of the session.
    pub seed: u64,
    pub started_at: Timestamp,
}

impl QuizSession {
    /// Starts a session on `question_ids`, in that order.
    pub fn new(kind: SessionKind, question_ids: Vec<String>, seed: u64, now: Timestamp) -> Self {
        QuizSession {
            kind,
            question_ids,
            answers: Vec::new(),
            seed,
            started_at: now,
        }
    }

    /// Starts a session on `question_ids` in an order drawn from `seed`.
    pub fn shuffled(
        kind: SessionKind,
        mut question_ids: Vec<String>,
        seed: u64,
        now: Timestamp,
    ) -> Self {
        question_ids.shuffle(&mut StdRng::seed_from_u64(seed));
        QuizSession::new(kind, question_ids, seed, now)
    }

    /// Id of the question to answer now, or `None` when the session is over.
    pub fn current_id(&self) -> Option<&str> {
        self.question_ids
            .get(self.answers.len())
            .map(String::as_str)
    }

    /// Position of the current question, from 0.
    pub fn position(&self) -> usize {
        self.answers.len()
    }

    /// Questions to ask in all, those that come back counted each time.
    pub fn len(&self) -> usize {
        self.question_ids.len()
    }

    /// Different questions in the session: what its score is out of.
    pub fn question_count(&self) -> usize {
        (0..self.question_ids.len())
            .filter(|&i| !self.comes_back(i))
            .count()
    }

    /// True when the question at `position` was asked earlier in the session: it came back
    /// after being missed. Never in a session that does not [relearn](SessionKind::relearns):
    /// there each position counts, whatever it asks.
    pub fn comes_back(&self, position: usize) -> bool {
        self.kind.relearns()
            && self
                .question_ids
                .get(position)
                .is_some_and(|id| self.question_ids[..position].contains(id))
    }

    /// The answers that count: the first to each question. An answer to a question come
    /// back is practice; it is recorded in the history but leaves the score alone.
    pub fn first_answers(&self) -> impl Iterator<Item = &AnswerRecord> {
        self.answers
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.comes_back(*i))
            .map(|(_, a)| a)
    }

    /// Different questions answered so far.
    pub fn answered(&self) -> usize {
        self.first_answers().count()
    }

    pub fn is_empty(&self) -> bool {
        self.question_ids.is_empty()
    }

    pub fn is_finished(&self) -> bool {
        self.answers.len() >= self.question_ids.len()
    }

    /// The display order of `n` items (choices, steps, right options) of the question at
    /// `position`: a permutation of `0..n`, the same every time for this session.
    pub fn permutation(&self, position: usize, salt: u64, n: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..n).collect();
        let seed = self
            .seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(position as u64)
            .wrapping_mul(0xBF58_476D_1CE4_E5B9)
            .wrapping_add(salt);
        order.shuffle(&mut StdRng::seed_from_u64(seed));
        order
    }

    /// Grades `response` to the current question and records it. Returns `None` (and records
    /// nothing) if `question` is not the current one.
    ///
    /// In a session that [relearns](SessionKind::relearns), a question missed (rated « again »
    /// by FSRS: wrong, or less than half right) comes back after [`RELEARN_GAP`] other
    /// questions, or at the end when fewer are left, at most [`RELEARN_TIMES`] times.
    pub fn answer(
        &mut self,
        question: &Question,
        response: Response,
        now: Timestamp,
        duration_ms: u64,
    ) -> Option<Outcome> {
        if self.current_id() != Some(question.id()) {
            return None;
        }
        let outcome = grade(question, &response);
        let answered_at = self.after_last_answer(now);
        self.answers.push(AnswerRecord {
            question_id: question.id().to_owned(),
            response,
            score: outcome.score,
            verdict: outcome.verdict(),
            answered_at,
            duration_ms,
        });
        if let Some(place) = comes_back_at(&self.kind, &self.answers, self.question_ids.len()) {
            self.question_ids.insert(place, question.id().to_owned());
        }
        Some(outcome)
    }

    /// `now`, or a millisecond after the previous answer when that is later. The progress
    /// keeps each attempt by its millisecond (a journal read twice adds nothing twice), so two
    /// answers within one millisecond, as a script types them, would count as one.
    fn after_last_answer(&self, now: Timestamp) -> Timestamp {
        self.answers
            .last()
            .and_then(|last| {
                Timestamp::from_millisecond(last.answered_at.as_millisecond() + 1).ok()
            })
            .map_or(now, |next| now.max(next))
    }

    /// Takes in `answer`, given and graded elsewhere (read back from a journal), as
    /// [`QuizSession::answer`] would have: a question missed comes back.
    pub fn push_answer(&mut self, answer: AnswerRecord) {
        let id = answer.question_id.clone();
        self.answers.push(answer);
        if let Some(place) = comes_back_at(&self.kind, &self.answers, self.question_ids.len()) {
            self.question_ids.insert(place, id);
        }
    }

    /// The question ids the session began with: its ids without the questions that came back
    /// after a miss (the inverse of [`QuizSession::with_comebacks`]).
    pub fn drawn_ids(&self) -> Vec<String> {
        let triggers: Vec<usize> = (1..=self.answers.len())
            .filter(|&given| {
                comes_back_at(&self.kind, &self.answers[..given], usize::MAX).is_some()
            })
            .collect();
        let mut ids = self.question_ids.clone();
        for &given in triggers.iter().rev() {
            let place = (given + RELEARN_GAP).min(ids.len().saturating_sub(1));
            if ids.get(place) != Some(&self.answers[given - 1].question_id) {
                // Not a list this session's answers made: nothing to take out.
                return self.question_ids.clone();
            }
            ids.remove(place);
        }
        ids
    }

    /// The question ids of a session of `kind` that began with `drawn`, once `answers` were
    /// given: each question missed comes back where [`QuizSession::answer`] put it. A session
    /// written by its seed and answers (`progress::sessions`) is rebuilt exactly so.
    pub fn with_comebacks(
        kind: &SessionKind,
        mut drawn: Vec<String>,
        answers: &[AnswerRecord],
    ) -> Vec<String> {
        for given in 1..=answers.len() {
            if let Some(place) = comes_back_at(kind, &answers[..given], drawn.len()) {
                drawn.insert(place, answers[given - 1].question_id.clone());
            }
        }
        drawn
    }

    /// The learner says her last answer, typed and marked wrong, was right (« j'avais juste »,
    /// a typo the grading did not forgive): it counts as right, and the question no longer
    /// comes back in the session. Returns the answer as it now stands, or `None` when the last
    /// answer was not typed text or was right already.
    pub fn accept_last(&mut self) -> Option<&AnswerRecord> {
        let position = self.answers.len();
        let last = self.answers.last_mut()?;
        if !matches!(last.response, Response::Text(_)) || last.verdict == Verdict::Correct {
            return None;
        }
        last.score = 1.0;
        last.verdict = Verdict::Correct;
        let id = last.question_id.clone();
        let later = position.min(self.question_ids.len());
        if let Some(offset) = self.question_ids[later..].iter().position(|q| *q == id) {
            self.question_ids.remove(later + offset);
        }
        self.answers.last()
    }

    /// True when the question last answered was missed and will come back in this session.
    pub fn last_comes_back(&self) -> bool {
        let position = self.answers.len();
        self.answers.last().is_some_and(|last| {
            self.question_ids[position.min(self.question_ids.len())..].contains(&last.question_id)
        })
    }

    /// When the learner last worked on it: her last answer, or its start.
    pub fn last_activity(&self) -> Timestamp {
        self.answers
            .last()
            .map_or(self.started_at, |a| a.answered_at)
    }

    /// Sum of the scores so far, of the first answer to each question.
    pub fn score(&self) -> f64 {
        self.first_answers().map(|a| a.score).sum()
    }

    /// Different questions whose first answer was fully right.
    pub fn right(&self) -> usize {
        self.first_answers()
            .filter(|a| a.verdict == Verdict::Correct)
            .count()
    }

    /// Ids of the questions whose first answer was not fully right, for « refaire les
    /// erreurs ». In an exam, a question left unanswered scored nothing: it is one of them.
    pub fn mistakes(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .first_answers()
            .filter(|a| a.verdict != Verdict::Correct)
            .map(|a| a.question_id.clone())
            .collect();
        if self.hides_feedback() {
            let answered: Vec<&str> = self
                .first_answers()
                .map(|a| a.question_id.as_str())
                .collect();
            for id in &self.question_ids {
                if !answered.contains(&id.as_str()) && !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        ids
    }

    /// Seconds left in a timed exam at `now` (zero once over), or `None` when untimed.
    pub fn time_left(&self, now: Timestamp) -> Option<u64> {
        let SessionKind::Exam {
            time_limit_secs: Some(limit),
            ..
        } = self.kind
        else {
            return None;
        };
        let elapsed = u64::try_from(now.as_second() - self.started_at.as_second()).unwrap_or(0);
        Some(limit.saturating_sub(elapsed))
    }

    /// True for an exam: feedback waits until the end.
    pub fn hides_feedback(&self) -> bool {
        self.kind.hides_feedback()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::tf;

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + s).expect("valid timestamp")
    }

    fn module_kind() -> SessionKind {
        SessionKind::Module {
            module_id: "m".into(),
        }
    }

    #[test]
    fn the_questions_that_came_back_are_rebuilt_from_the_answers() {
        let qs: Vec<_> = (0..5).map(|i| tf(&format!("q{i}"), true)).collect();
        let drawn: Vec<String> = (0..5).map(|i| format!("q{i}")).collect();
        let mut s = QuizSession::new(module_kind(), drawn.clone(), 1, t(0));
        // Wrong, right, wrong, then the first one back… until the end.
        for (n, right) in [false, true, false, true, false, true, true, true, true]
            .into_iter()
            .enumerate()
        {
            let Some(id) = s.current_id().map(str::to_owned) else {
                break;
            };
            let q = qs.iter().find(|q| q.id() == id).expect("known");
            s.answer(
                q,
                Response::Bool(right),
                t(i64::try_from(n).expect("small")),
                10,
            );
        }
        assert!(s.question_ids.len() > drawn.len(), "some came back");
        assert_eq!(
            QuizSession::with_comebacks(&s.kind, drawn.clone(), &s.answers),
            s.question_ids
        );
        assert_eq!(s.drawn_ids(), drawn);
        // A case asks nothing again.
        let kind = SessionKind::Case {
            module_id: "m".into(),
            case_id: "c".into(),
        };
        assert_eq!(
            QuizSession::with_comebacks(&kind, drawn.clone(), &s.answers),
            drawn
        );
    }

    #[test]
    fn a_case_step_answered_is_locked_once_the_next_is_shown() {
        let first = tf("etape1", true);
        let kind = SessionKind::Case {
            module_id: "m".into(),
            case_id: "c".into(),
        };
        let mut s = QuizSession::new(kind, vec!["etape1".into(), "etape2".into()], 1, t(0));
        // Wrong at step 1: a case does not ask it again (its steps follow the narrative).
        assert!(s.answer(&first, Response::Bool(false), t(1), 10).is_some());
        assert!(!s.last_comes_back());
        assert_eq!(s.current_id(), Some("etape2"));
        // Step 1 cannot be answered again, rightly or not: its answer stands.
        assert!(s.answer(&first, Response::Bool(true), t(2), 10).is_none());
        assert_eq!(s.answers.len(), 1);
        assert_eq!(s.answers[0].verdict, Verdict::Incorrect);
        // Nor counted right after the fact: only a typed answer may be.
        assert!(s.accept_last().is_none());
        assert_eq!(s.answers[0].verdict, Verdict::Incorrect);
    }

    #[test]
    fn answers_in_order_and_collects_mistakes() {
        let (a, b) = (tf("a", true), tf("b", false));
        let mut s = QuizSession::new(module_kind(), vec!["a".into(), "b".into()], 1, t(0));
        assert_eq!(s.current_id(), Some("a"));
        // Answering another question than the current one records nothing.
        assert!(s.answer(&b, Response::Bool(false), t(1), 10).is_none());
        assert_eq!(
            s.answer(&a, Response::Bool(true), t(2), 10)
                .map(|o| o.score),
            Some(1.0)
        );
        assert_eq!(
            s.answer(&b, Response::Bool(true), t(3), 10)
                .map(|o| o.score),
            Some(0.0)
        );
        // Missed, b comes back; answered right, it still counts as a mistake.
        assert_eq!(s.current_id(), Some("b"));
        assert!(s.answer(&b, Response::Bool(false), t(4), 10).is_some());
        assert!(s.is_finished());
        assert_eq!(s.current_id(), None);
        assert_eq!(s.score(), 1.0);
        assert_eq!(s.mistakes(), vec!["b".to_string()]);
    }

    #[test]
    fn shuffles_are_reproducible_and_survive_a_round_trip() {
        let ids: Vec<String> = (0..20).map(|i| format!("q{i}")).collect();
        let s1 = QuizSession::shuffled(module_kind(), ids.clone(), 42, t(0));
        let s2 = QuizSession::shuffled(module_kind(), ids.clone(), 42, t(0));
        assert_eq!(s1.question_ids, s2.question_ids);
        assert_ne!(s1.question_ids, ids, "20 items are shuffled");
        let json = serde_json::to_string(&s1).expect("serializes");
        let back: QuizSession = serde_json::from_str(&json).expect("parses");
        assert_eq!(back, s1);
        assert_eq!(back.permutation(3, 0, 5), s1.permutation(3, 0, 5));
        let mut p = s1.permutation(3, 0, 5);
        p.sort_unstable();
        assert_eq!(p, vec![0, 1, 2, 3, 4]);
    }

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("q{i}")).collect()
    }

    /// Answers the current question of `s`, right or wrong (true/false questions whose
    /// statement is true).
    fn reply(s: &mut QuizSession, right: bool, at: i64) {
        let id = s.current_id().expect("a question").to_owned();
        s.answer(&tf(&id, true), Response::Bool(right), t(at), 10)
            .expect("the current question");
    }

    #[test]
    fn a_missed_question_comes_back_twice_at_most_after_three_others() {
        let mut s = QuizSession::new(module_kind(), ids(5), 1, t(0));
        reply(&mut s, false, 1);
        assert!(s.last_comes_back());
        // q0 again after q1, q2, q3.
        assert_eq!(s.question_ids, ["q0", "q1", "q2", "q3", "q0", "q4"]);
        assert_eq!((s.len(), s.question_count()), (6, 5));
        for at in 2..5 {
            reply(&mut s, true, at);
            assert!(!s.last_comes_back());
        }
        assert_eq!(s.current_id(), Some("q0"));
        assert!(s.comes_back(4));
        // Missed again: fewer than three others are left, so it comes at the end.
        reply(&mut s, false, 5);
        assert_eq!(s.question_ids[5..], ["q4", "q0"]);
        reply(&mut s, true, 6);
        reply(&mut s, false, 7);
        // Asked three times: it is left to the next days' reviews.
        assert!(!s.last_comes_back());
        assert!(s.is_finished());
        // The first answer to each question counts: q0 was missed.
        assert_eq!((s.answered(), s.right()), (5, 4));
        assert_eq!(s.score(), 4.0);
        assert_eq!(s.mistakes(), vec!["q0".to_owned()]);
        assert_eq!(s.answers.len(), 7);
    }

    #[test]
    fn answers_given_within_one_millisecond_keep_their_order_in_time() {
        let mut s = QuizSession::new(module_kind(), ids(2), 1, t(0));
        let now = t(1) + jiff::SignedDuration::from_micros(300);
        for _ in 0..3 {
            let id = s.current_id().expect("a question").to_owned();
            s.answer(&tf(&id, true), Response::Bool(false), now, 10);
        }
        let at: Vec<i64> = s
            .answers
            .iter()
            .map(|a| a.answered_at.as_millisecond())
            .collect();
        let ms = t(1).as_millisecond();
        assert_eq!(at, [ms, ms + 1, ms + 2]);
        // A later clock is kept as it is.
        let id = s.current_id().expect("a question").to_owned();
        s.answer(&tf(&id, true), Response::Bool(true), t(9), 10);
        assert_eq!(s.answers[3].answered_at, t(9));
    }

    #[test]
    fn a_session_with_questions_come_back_resumes_exactly() {
        let mut s = QuizSession::new(SessionKind::Review, ids(4), 1, t(0));
        reply(&mut s, false, 1);
        reply(&mut s, true, 2);
        let json = serde_json::to_string(&s).expect("serializes");
        let mut back: QuizSession = serde_json::from_str(&json).expect("reads");
        assert_eq!(back, s);
        reply(&mut back, true, 3);
        reply(&mut back, true, 4);
        assert_eq!(back.current_id(), Some("q0"));
    }

    #[test]
    fn nothing_comes_back_in_an_exam_or_a_case() {
        let exam = SessionKind::Exam {
            time_limit_secs: None,
            pass_mark: 0.8,
        };
        let case = SessionKind::Case {
            module_id: "m".into(),
            case_id: "c".into(),
        };
        for kind in [exam, case] {
            let mut s = QuizSession::new(kind, ids(3), 1, t(0));
            reply(&mut s, false, 1);
            assert_eq!(s.len(), 3);
            assert!(!s.last_comes_back());
        }
        // An exam counts each position, even one that asks a question twice.
        let exam = SessionKind::Exam {
            time_limit_secs: None,
            pass_mark: 0.8,
        };
        let twice = QuizSession::new(exam, vec!["q0".into(), "q0".into()], 1, t(0));
        assert_eq!(twice.question_count(), 2);
        let retry = SessionKind::Retry { module_id: None };
        assert!(retry.relearns() && SessionKind::Review.relearns() && module_kind().relearns());
    }

    #[test]
    fn elapsed_time_counts_whole_minutes() {
        assert_eq!(elapsed_ms(t(0), t(65)), 65_000);
        assert_eq!(elapsed_ms(t(10), t(0)), 0);
    }

    #[test]
    fn exam_clock() {
        let kind = SessionKind::Exam {
            time_limit_secs: Some(60),
            pass_mark: 0.8,
        };
        let s = QuizSession::new(kind, vec!["a".into()], 0, t(0));
        assert!(s.hides_feedback());
        assert_eq!(s.time_left(t(15)), Some(45));
        assert_eq!(s.time_left(t(600)), Some(0));
        let untimed = QuizSession::new(module_kind(), vec![], 0, t(0));
        assert_eq!(untimed.time_left(t(5)), None);
        assert!(untimed.is_finished());
    }
}
