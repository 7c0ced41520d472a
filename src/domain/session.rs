//! A quiz being taken: which questions, in which order, and what was answered.
//!
//! A session is plain data (serde), so that the progress file can keep an unfinished one and
//! the learner resumes exactly where she stopped, with the same order and the same shuffled
//! choices: every shuffle is derived from the session's seed, never drawn afresh.

use jiff::Timestamp;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::question::{Outcome, Question, Response, Verdict, grade};

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
    /// The questions, in the order they are asked.
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

    pub fn len(&self) -> usize {
        self.question_ids.len()
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
        self.answers.push(AnswerRecord {
            question_id: question.id().to_owned(),
            response,
            score: outcome.score,
            verdict: outcome.verdict(),
            answered_at: now,
            duration_ms,
        });
        Some(outcome)
    }

    /// When the learner last worked on it: her last answer, or its start.
    pub fn last_activity(&self) -> Timestamp {
        self.answers
            .last()
            .map_or(self.started_at, |a| a.answered_at)
    }

    /// Sum of the scores so far.
    pub fn score(&self) -> f64 {
        self.answers.iter().map(|a| a.score).sum()
    }

    /// Ids of the questions not answered fully right, for « refaire les erreurs ».
    pub fn mistakes(&self) -> Vec<String> {
        self.answers
            .iter()
            .filter(|a| a.verdict != Verdict::Correct)
            .map(|a| a.question_id.clone())
            .collect()
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
