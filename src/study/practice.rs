//! Which questions a session asks, in what order: the rules of each kind of session, the same
//! for every front end.

use jiff::{Timestamp, Zoned};

use crate::content::load::Catalog;
use crate::domain::content::{Case, Module};
use crate::domain::exam::{ExamConfig, draw_questions};
use crate::domain::next::lesson_quiz_questions;
use crate::domain::progress::Progress;
use crate::domain::review::due_questions;
use crate::domain::session::{QuizSession, SessionKind};
use crate::domain::stats::WeakQuestion;
use crate::error::Failure;

use super::strings;

/// The module `id` of the catalog, or a usage error that lists the others.
pub fn find_module<'c>(catalog: &'c Catalog, id: &str) -> Result<&'c Module, Failure> {
    catalog.module(id).ok_or_else(|| {
        let ids: Vec<&str> = catalog.modules.iter().map(|m| m.id.as_str()).collect();
        Failure::usage(strings::unknown_module(id, &ids))
    })
}

/// The case `id` of `module`, or a usage error that lists the others.
pub fn find_case<'c>(module: &'c Module, id: &str) -> Result<&'c Case, Failure> {
    module.cases.iter().find(|c| c.id == id).ok_or_else(|| {
        let ids: Vec<&str> = module.cases.iter().map(|c| c.id.as_str()).collect();
        Failure::usage(strings::unknown_case(id, &module.id, &ids))
    })
}

/// A review session asks at most this many questions: a sitting, not a marathon.
pub const REVIEW_BATCH: usize = 20;

/// The seeds of a run's sessions: from `--seed` (reproducible, yet not the same order for
/// every session of a run), else drawn.
#[derive(Debug, Clone)]
pub struct Seeds(Option<u64>);

impl Seeds {
    pub fn new(seed: Option<u64>) -> Seeds {
        Seeds(seed)
    }

    /// The seed of the next session.
    pub fn next_seed(&mut self) -> u64 {
        match &mut self.0 {
            Some(seed) => {
                *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                *seed
            }
            None => rand::random(),
        }
    }
}

/// A module's quiz: its questions (not its cases'), shuffled.
pub fn module_quiz(module: &Module, seed: u64, now: Timestamp) -> QuizSession {
    let ids = module.questions.iter().map(|q| q.id().to_owned()).collect();
    let kind = SessionKind::Module {
        module_id: module.id.clone(),
    };
    QuizSession::shuffled(kind, ids, seed, now)
}

/// Draws again from `catalog` the questions of the sessions `progress` keeps by their seed,
/// so that they can be resumed (see [`Progress::draw_sessions`]).
pub fn draw_sessions(progress: &mut Progress, catalog: &Catalog) {
    progress.draw_sessions(|kind, seed| questions_of(catalog, kind, seed));
}

/// The questions a session of `kind` asks with `seed`, drawn again from the content, for the
/// kinds whose draw follows from the content and the seed alone
/// ([`SessionKind::drawn_from_content`]): a progress file keeps such a session by its seed.
pub fn questions_of(catalog: &Catalog, kind: &SessionKind, seed: u64) -> Option<Vec<String>> {
    let session = match kind {
        SessionKind::Module { module_id } => {
            module_quiz(catalog.module(module_id)?, seed, Timestamp::UNIX_EPOCH)
        }
        SessionKind::Case { module_id, case_id } => {
            let module = catalog.module(module_id)?;
            let found = module.cases.iter().find(|c| c.id == *case_id)?;
            case(module, found, seed, Timestamp::UNIX_EPOCH)
        }
        _ => return None,
    };
    Some(session.question_ids)
}

/// A case, step by step: its questions in the order of the story, never shuffled.
pub fn case(module: &Module, case: &Case, seed: u64, now: Timestamp) -> QuizSession {
    let ids = case
        .steps
        .iter()
        .flat_map(|s| s.questions.iter().map(|q| q.id().to_owned()))
        .collect();
    let kind = SessionKind::Case {
        module_id: module.id.clone(),
        case_id: case.id.clone(),
    };
    QuizSession::new(kind, ids, seed, now)
}

/// A short quiz on lesson `lesson` of `module`: its questions not answered yet
/// ([`lesson_quiz_questions`]), shuffled.
pub fn lesson_quiz(
    module: &Module,
    lesson: usize,
    progress: &Progress,
    seed: u64,
    now: Timestamp,
) -> QuizSession {
    let ids = lesson_quiz_questions(module, lesson, progress)
        .iter()
        .map(|q| q.id().to_owned())
        .collect();
    // A lesson out of range has no question to ask: the session is empty, never played.
    let kind = lesson_kind(module, lesson).unwrap_or(SessionKind::Lesson {
        module_id: module.id.clone(),
        lesson_id: String::new(),
    });
    QuizSession::shuffled(kind, ids, seed, now)
}

/// The kind of the quiz on lesson `lesson` of `module`, if the module has that lesson.
pub fn lesson_kind(module: &Module, lesson: usize) -> Option<SessionKind> {
    Some(SessionKind::Lesson {
        module_id: module.id.clone(),
        lesson_id: module.lessons.get(lesson)?.id.clone(),
    })
}

/// The questions due at `now`, most overdue first (the order is the point of a review), at
/// most [`REVIEW_BATCH`].
pub fn review(progress: &Progress, modules: &[Module], now: &Zoned, seed: u64) -> QuizSession {
    let ids = due_questions(progress, modules, now)
        .iter()
        .take(REVIEW_BATCH)
        .map(|d| d.question.id().to_owned())
        .collect();
    QuizSession::new(SessionKind::Review, ids, seed, now.timestamp())
}

/// A mock exam drawn from the modules `config` names, the modules taking turns.
pub fn exam(modules: &[Module], config: &ExamConfig, seed: u64, now: Timestamp) -> QuizSession {
    let ids = draw_questions(modules, config, seed);
    QuizSession::new(config.session_kind(), ids, seed, now)
}

/// The questions of `finished` not answered fully right, asked again in a new order.
pub fn retry(finished: &QuizSession, seed: u64, now: Timestamp) -> QuizSession {
    let module_id = match &finished.kind {
        SessionKind::Module { module_id }
        | SessionKind::Case { module_id, .. }
        | SessionKind::Lesson { module_id, .. } => Some(module_id.clone()),
        SessionKind::Retry { module_id } => module_id.clone(),
        SessionKind::Review | SessionKind::Exam { .. } => None,
    };
    let kind = SessionKind::Retry { module_id };
    QuizSession::shuffled(kind, finished.mistakes(), seed, now)
}

/// The weakest questions of the statistics (`Stats::weakest`), asked again in a new order: a
/// retry across modules, the activity « retry » (resumed like the others, and replaced by the
/// next retry across modules).
pub fn weakest(weak: &[WeakQuestion], seed: u64, now: Timestamp) -> QuizSession {
    let ids = weak.iter().map(|w| w.question_id.clone()).collect();
    QuizSession::shuffled(SessionKind::Retry { module_id: None }, ids, seed, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::question::Response;
    use crate::domain::testing::{module, tf};
    use jiff::tz::TimeZone;

    fn t0() -> Timestamp {
        "2026-12-08T09:00:00Z".parse().expect("valid instant")
    }

    #[test]
    fn seeds_are_reproducible_and_differ_from_session_to_session() {
        let mut a = Seeds::new(Some(7));
        let mut b = Seeds::new(Some(7));
        let first = a.next_seed();
        assert_eq!(first, b.next_seed());
        assert_ne!(first, a.next_seed());
    }

    #[test]
    fn a_review_asks_at_most_a_batch() {
        let ids: Vec<String> = (0..30).map(|i| format!("q{i}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let modules = vec![module("m", &refs)];
        let mut p = Progress::new();
        let long_ago = t0() - jiff::SignedDuration::from_hours(24 * 90);
        for id in &ids {
            let q = tf(id, true);
            let mut s = QuizSession::new(
                SessionKind::Module {
                    module_id: "m".into(),
                },
                vec![id.clone()],
                1,
                long_ago,
            );
            s.answer(&q, Response::Bool(true), long_ago, 1000);
            p.record_answer("m", &s.answers[0], &TimeZone::UTC);
        }
        let now = t0().to_zoned(TimeZone::UTC);
        let session = review(&p, &modules, &now, 1);
        assert_eq!(session.len(), REVIEW_BATCH);
        assert_eq!(session.kind, SessionKind::Review);
    }

    #[test]
    fn a_lesson_quiz_asks_the_lesson_s_questions_not_answered_yet() {
        let mut m = module("m", &["a", "b", "c"]);
        m.lessons = vec![crate::domain::content::Lesson {
            id: "l".into(),
            title: "Leçon".into(),
            body: "Texte.".into(),
            sources: vec!["s".into()],
        }];
        let mut p = Progress::new();
        let mut s = QuizSession::new(SessionKind::Review, vec!["b".into()], 1, t0());
        s.answer(&tf("b", true), Response::Bool(true), t0(), 10);
        p.record_answer("m", &s.answers[0], &TimeZone::UTC);
        let quiz = lesson_quiz(&m, 0, &p, 3, t0());
        let mut asked = quiz.question_ids.clone();
        asked.sort();
        assert_eq!(asked, ["a", "c"]);
        assert_eq!(quiz.kind, lesson_kind(&m, 0).expect("the lesson"));
        assert!(lesson_kind(&m, 1).is_none());
        assert!(lesson_quiz(&m, 1, &p, 3, t0()).is_empty(), "no such lesson");
    }

    #[test]
    fn retry_keeps_the_module_and_asks_the_mistakes() {
        let (a, b) = (tf("a", true), tf("b", true));
        let kind = SessionKind::Module {
            module_id: "m".into(),
        };
        let mut s = QuizSession::new(kind, vec!["a".into(), "b".into()], 1, t0());
        s.answer(&a, Response::Bool(true), t0(), 10);
        s.answer(&b, Response::Bool(false), t0(), 10);
        let again = retry(&s, 2, t0());
        assert_eq!(again.question_ids, vec!["b".to_owned()]);
        assert_eq!(
            again.kind,
            SessionKind::Retry {
                module_id: Some("m".into())
            }
        );
    }
}
