//! The next useful step for a learner, the home screen's « Continuer »: the reviews due first
//! (memory fades), else the path (read the next lesson, then a short quiz on it; a module's
//! lessons done, its quiz, then its cases), in the modules the stage covers first; else, all
//! done, the quiz of the module least mastered.

use super::content::Module;
use super::path::{
    answered, case_seconds, lesson_questions, lesson_seconds, module_path, questions_seconds,
};
use super::progress::Progress;
use super::question::Question;
use super::session::SessionKind;
use super::stats::module_stats;

/// A lesson's quiz asks at most this many of its questions: a check that the lesson was
/// understood, not the module's quiz again.
pub const LESSON_QUIZ_SIZE: usize = 5;

/// What the learner does next. Modules, lessons and cases are indices into the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// The questions due for review: `questions` of them this sitting.
    Review { questions: usize },
    /// Read a lesson.
    Lesson { module: usize, lesson: usize },
    /// A short quiz on a lesson read: `questions` of its questions not answered yet.
    LessonQuiz {
        module: usize,
        lesson: usize,
        questions: usize,
    },
    /// The module's quiz, its lessons done: `unanswered` of its questions were never asked.
    Quiz { module: usize, unanswered: usize },
    /// A case of a module whose lessons and quiz are done.
    Case { module: usize, case: usize },
    /// Everything done: the quiz of the module least mastered, `mastered` of `questions`.
    Weakest {
        module: usize,
        mastered: usize,
        questions: usize,
    },
}

impl Next {
    /// The session this step plays, if it plays one (reading a lesson does not).
    pub fn session_kind(&self, modules: &[Module]) -> Option<SessionKind> {
        let module_id = |m: usize| Some(modules.get(m)?.id.clone());
        match self {
            Next::Review { .. } => Some(SessionKind::Review),
            Next::Lesson { .. } => None,
            Next::LessonQuiz { module, lesson, .. } => Some(SessionKind::Lesson {
                module_id: module_id(*module)?,
                lesson_id: modules.get(*module)?.lessons.get(*lesson)?.id.clone(),
            }),
            Next::Quiz { module, .. } | Next::Weakest { module, .. } => Some(SessionKind::Module {
                module_id: module_id(*module)?,
            }),
            Next::Case { module, case } => Some(SessionKind::Case {
                module_id: module_id(*module)?,
                case_id: modules.get(*module)?.cases.get(*case)?.id.clone(),
            }),
        }
    }
}

/// Where the session left unfinished for a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resumes {
    /// Questions answered so far.
    pub position: usize,
    pub len: usize,
}

/// The next step, how long it takes, and whether it resumes a session left unfinished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    pub next: Next,
    /// The whole step, or what is left of it when it resumes.
    pub seconds: u32,
    pub resumes: Option<Resumes>,
}

/// The next useful step; `review` holds the ids of the questions a review would ask now.
/// `None` only when the catalog has nothing to read or ask.
pub fn next_step(modules: &[Module], progress: &Progress, review: &[String]) -> Option<NextStep> {
    let next = if review.is_empty() {
        path_step(modules, progress).or_else(|| weakest(modules, progress))?
    } else {
        Next::Review {
            questions: review.len(),
        }
    };
    let session = next
        .session_kind(modules)
        .and_then(|kind| progress.session(&kind));
    let (seconds, resumes) = match session {
        Some(s) => {
            let left =
                (s.question_ids.iter().skip(s.position())).filter_map(|id| find(modules, id));
            let resumes = Resumes {
                position: s.position(),
                len: s.len(),
            };
            (questions_seconds(left), Some(resumes))
        }
        None => (fresh_seconds(&next, modules, progress, review), None),
    };
    Some(NextStep {
        next,
        seconds,
        resumes,
    })
}

/// The question `id` of the catalog.
fn find<'m>(modules: &'m [Module], id: &str) -> Option<&'m Question> {
    modules
        .iter()
        .find_map(|m| m.all_questions().find(|q| q.id() == id))
}

/// How long `next` takes from its start.
fn fresh_seconds(next: &Next, modules: &[Module], progress: &Progress, review: &[String]) -> u32 {
    let module = |m: usize| modules.get(m);
    match next {
        Next::Review { .. } => questions_seconds(review.iter().filter_map(|id| find(modules, id))),
        Next::Lesson { module: m, lesson } => module(*m)
            .and_then(|m| m.lessons.get(*lesson))
            .map_or(0, lesson_seconds),
        Next::LessonQuiz {
            module: m, lesson, ..
        } => module(*m).map_or(0, |m| {
            questions_seconds(lesson_quiz_questions(m, *lesson, progress))
        }),
        Next::Quiz { module: m, .. } | Next::Weakest { module: m, .. } => {
            module(*m).map_or(0, |m| questions_seconds(&m.questions))
        }
        Next::Case { module: m, case } => module(*m)
            .and_then(|m| m.cases.get(*case))
            .map_or(0, case_seconds),
    }
}

/// The questions a quiz on lesson `lesson` of `module` asks: those that go with the lesson
/// ([`lesson_questions`]) not answered yet, in the module's order, at most
/// [`LESSON_QUIZ_SIZE`].
pub fn lesson_quiz_questions<'m>(
    module: &'m Module,
    lesson: usize,
    progress: &Progress,
) -> Vec<&'m Question> {
    lesson_questions(module)
        .get(lesson)
        .map(|linked| {
            linked
                .iter()
                .filter_map(|&q| module.questions.get(q))
                .filter(|q| !answered(progress, q.id()))
                .take(LESSON_QUIZ_SIZE)
                .collect()
        })
        .unwrap_or_default()
}

/// The first step not done on the path: the modules the stage covers first, each in catalog
/// order.
fn path_step(modules: &[Module], progress: &Progress) -> Option<Next> {
    let covers = |m: &Module| progress.settings().stage_covers(&m.id);
    let covered = modules.iter().enumerate().filter(|(_, m)| covers(m));
    let others = modules.iter().enumerate().filter(|(_, m)| !covers(m));
    covered
        .chain(others)
        .find_map(|(i, m)| module_step(i, m, progress))
}

/// The first step not done in `module` (index `index`): each lesson read then checked by a
/// short quiz, then the module's quiz, then each case.
fn module_step(index: usize, module: &Module, progress: &Progress) -> Option<Next> {
    let links = lesson_questions(module);
    for (l, lesson) in module.lessons.iter().enumerate() {
        if !progress.is_lesson_read(&module.id, &lesson.id) {
            return Some(Next::Lesson {
                module: index,
                lesson: l,
            });
        }
        let linked = links.get(l).map_or(&[][..], Vec::as_slice);
        let done = linked
            .iter()
            .filter(|&&q| {
                module
                    .questions
                    .get(q)
                    .is_some_and(|q| answered(progress, q.id()))
            })
            .count();
        // Checked once as many as a short quiz asks were answered (or all, when fewer).
        if done < linked.len().min(LESSON_QUIZ_SIZE) {
            return Some(Next::LessonQuiz {
                module: index,
                lesson: l,
                questions: (linked.len() - done).min(LESSON_QUIZ_SIZE),
            });
        }
    }
    let path = module_path(module, progress);
    let not_done = |kind| path.step(kind).is_some_and(|s| !s.done);
    if not_done(super::path::StepKind::Quiz) {
        let unanswered = module
            .questions
            .iter()
            .filter(|q| !answered(progress, q.id()))
            .count();
        return Some(Next::Quiz {
            module: index,
            unanswered,
        });
    }
    (0..module.cases.len())
        .find(|&c| not_done(super::path::StepKind::Case(c)))
        .map(|case| Next::Case {
            module: index,
            case,
        })
}

/// The module with a quiz whose questions are least mastered, among those the stage covers
/// (all, when it covers none of the catalog's); the first in catalog order on a tie.
fn weakest(modules: &[Module], progress: &Progress) -> Option<Next> {
    let stats = module_stats(progress, modules);
    let with_quiz: Vec<usize> = (0..modules.len())
        .filter(|&m| !modules[m].questions.is_empty())
        .collect();
    let covered: Vec<usize> = with_quiz
        .iter()
        .copied()
        .filter(|&m| progress.settings().stage_covers(&modules[m].id))
        .collect();
    let pool = if covered.is_empty() {
        with_quiz
    } else {
        covered
    };
    let module = pool
        .into_iter()
        .min_by(|&a, &b| stats[a].mastery().total_cmp(&stats[b].mastery()))?;
    Some(Next::Weakest {
        module,
        mastered: stats[module].mastered,
        questions: stats[module].questions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::content::{Case, CaseStep, Lesson};
    use crate::domain::question::Response;
    use crate::domain::session::QuizSession;
    use crate::domain::testing::{answer, module, tf};
    use jiff::tz::TimeZone;
    use jiff::{SignedDuration, Timestamp};

    fn t0() -> Timestamp {
        "2026-12-08T09:00:00Z".parse().expect("valid instant")
    }

    /// A lesson of 180 words (a minute) citing `sources`.
    fn lesson(id: &str, sources: &[&str]) -> Lesson {
        Lesson {
            id: id.into(),
            title: String::new(),
            body: vec!["mot"; 180].join(" "),
            sources: sources.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Module `id`: lessons `a` (source `sa`) and `b` (source `sb`); questions `{id}.a1` to
    /// `{id}.a6` cite `sa`, `{id}.b1` cites `sb`; a case of one question `{id}.c1`.
    fn course(id: &str) -> Module {
        let a: Vec<String> = (1..=6).map(|i| format!("{id}.a{i}")).collect();
        let b = format!("{id}.b1");
        let ids: Vec<&str> = a.iter().map(String::as_str).chain([b.as_str()]).collect();
        let mut m = module(id, &ids);
        for q in &mut m.questions {
            if let Question::TrueFalse(t) = q {
                t.sources = vec![if t.id.contains(".a") { "sa" } else { "sb" }.into()];
            }
        }
        m.lessons = vec![lesson("a", &["sa"]), lesson("b", &["sb"])];
        m.cases = vec![Case {
            id: format!("{id}.cas"),
            title: "Cas".into(),
            summary: String::new(),
            steps: vec![CaseStep {
                title: "Étape".into(),
                narrative: String::new(),
                exhibits: vec![],
                questions: vec![tf(&format!("{id}.c1"), true)],
            }],
            sources: vec![],
        }];
        m
    }

    fn answer_all(p: &mut Progress, module_id: &str, ids: &[&str], right: bool) {
        for (i, id) in ids.iter().enumerate() {
            let at = t0() + SignedDuration::from_secs(i64::try_from(i).expect("small"));
            p.record_answer(module_id, &answer(id, right, at), &TimeZone::UTC);
        }
    }

    fn next(modules: &[Module], p: &Progress) -> Next {
        next_step(modules, p, &[]).expect("a step").next
    }

    #[test]
    fn nothing_to_do_without_content() {
        assert_eq!(next_step(&[], &Progress::new(), &[]), None);
    }

    #[test]
    fn reviews_due_come_first() {
        let modules = [course("m")];
        let due = ["m.a1".to_owned(), "m.b1".to_owned()];
        let step = next_step(&modules, &Progress::new(), &due).expect("a step");
        assert_eq!(step.next, Next::Review { questions: 2 });
        assert_eq!(step.seconds, 60);
        assert_eq!(step.next.session_kind(&modules), Some(SessionKind::Review));
    }

    #[test]
    fn a_lesson_then_a_short_quiz_on_it_then_the_next_lesson() {
        let modules = [course("m")];
        let mut p = Progress::new();
        let step = next_step(&modules, &p, &[]).expect("a step");
        assert_eq!(
            step.next,
            Next::Lesson {
                module: 0,
                lesson: 0
            }
        );
        assert_eq!((step.seconds, step.resumes), (60, None));

        p.mark_lesson_read("m", "a");
        let step = next_step(&modules, &p, &[]).expect("a step");
        assert_eq!(
            step.next,
            Next::LessonQuiz {
                module: 0,
                lesson: 0,
                questions: LESSON_QUIZ_SIZE
            }
        );
        assert_eq!(step.seconds, 5 * 30);
        let asked: Vec<&str> = lesson_quiz_questions(&modules[0], 0, &p)
            .iter()
            .map(|q| q.id())
            .collect();
        assert_eq!(asked, ["m.a1", "m.a2", "m.a3", "m.a4", "m.a5"]);

        // Four of six answered: the quiz goes on with the two left.
        answer_all(&mut p, "m", &["m.a1", "m.a2", "m.a3", "m.a4"], false);
        assert_eq!(
            next(&modules, &p),
            Next::LessonQuiz {
                module: 0,
                lesson: 0,
                questions: 2
            }
        );
        // Five answered, right or wrong: the lesson is checked, on to the next one.
        answer_all(&mut p, "m", &["m.a6"], true);
        assert_eq!(
            next(&modules, &p),
            Next::Lesson {
                module: 0,
                lesson: 1
            }
        );
    }

    #[test]
    fn then_the_module_quiz_its_cases_and_the_next_module() {
        let modules = [course("m"), course("n")];
        let mut p = Progress::new();
        p.mark_lesson_read("m", "a");
        p.mark_lesson_read("m", "b");
        answer_all(
            &mut p,
            "m",
            &["m.a1", "m.a2", "m.a3", "m.a4", "m.a5", "m.b1"],
            true,
        );
        assert_eq!(
            next(&modules, &p),
            Next::Quiz {
                module: 0,
                unanswered: 1
            }
        );
        answer_all(&mut p, "m", &["m.a6"], true);
        assert_eq!(next(&modules, &p), Next::Case { module: 0, case: 0 });
        answer_all(&mut p, "m", &["m.c1"], true);
        assert_eq!(
            next(&modules, &p),
            Next::Lesson {
                module: 1,
                lesson: 0
            }
        );
    }

    #[test]
    fn a_lesson_without_questions_needs_no_quiz() {
        let mut m = course("m");
        m.lessons[1].sources.clear();
        let modules = [m];
        let mut p = Progress::new();
        p.mark_lesson_read("m", "a");
        answer_all(&mut p, "m", &["m.a1", "m.a2", "m.a3", "m.a4", "m.a5"], true);
        p.mark_lesson_read("m", "b");
        // b's question belongs to no lesson now: the module's quiz asks it.
        assert_eq!(
            next(&modules, &p),
            Next::Quiz {
                module: 0,
                unanswered: 2
            }
        );
    }

    #[test]
    fn the_modules_the_stage_covers_come_first() {
        let modules = [course("m"), course("n")];
        let mut p: Progress = serde_json::from_value(serde_json::json!({
            "format_version": 1,
            "settings": {"stage_modules": ["n"]}
        }))
        .expect("a progress");
        assert_eq!(
            next(&modules, &p),
            Next::Lesson {
                module: 1,
                lesson: 0
            }
        );
        p.mark_lesson_read("n", "a");
        p.mark_lesson_read("n", "b");
        let all: Vec<String> = modules[1]
            .all_questions()
            .map(|q| q.id().to_owned())
            .collect();
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        answer_all(&mut p, "n", &all, true);
        // The stage's module done, the others follow.
        assert_eq!(
            next(&modules, &p),
            Next::Lesson {
                module: 0,
                lesson: 0
            }
        );
    }

    #[test]
    fn all_done_the_module_least_mastered() {
        let modules = [course("m"), course("n")];
        let mut p = Progress::new();
        for m in &modules {
            for l in &m.lessons {
                p.mark_lesson_read(&m.id, &l.id);
            }
            let ids: Vec<String> = m.all_questions().map(|q| q.id().to_owned()).collect();
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            answer_all(&mut p, &m.id, &ids, true);
        }
        // Nothing mastered anywhere: the first.
        assert_eq!(
            next(&modules, &p),
            Next::Weakest {
                module: 0,
                mastered: 0,
                questions: 8
            }
        );
        // m's questions right again ten days later: mastered; n is now the weakest.
        let later = t0() + SignedDuration::from_hours(24 * 10);
        for q in modules[0].all_questions() {
            p.record_answer("m", &answer(q.id(), true, later), &TimeZone::UTC);
        }
        assert_eq!(
            next(&modules, &p),
            Next::Weakest {
                module: 1,
                mastered: 0,
                questions: 8
            }
        );
    }

    #[test]
    fn a_step_left_unfinished_resumes_with_what_is_left() {
        let modules = [course("m")];
        let mut p = Progress::new();
        p.mark_lesson_read("m", "a");
        let kind = next(&modules, &p).session_kind(&modules).expect("a quiz");
        assert_eq!(
            kind,
            SessionKind::Lesson {
                module_id: "m".into(),
                lesson_id: "a".into()
            }
        );
        let ids = vec!["m.a1".to_owned(), "m.a2".to_owned(), "m.a3".to_owned()];
        let mut session = QuizSession::new(kind, ids, 1, t0());
        session.answer(&tf("m.a1", true), Response::Bool(true), t0(), 10);
        p.keep_session(&session);
        p.record_answer("m", &session.answers[0], &TimeZone::UTC);
        let step = next_step(&modules, &p, &[]).expect("a step");
        assert_eq!(
            step.resumes,
            Some(Resumes {
                position: 1,
                len: 3
            })
        );
        assert_eq!(step.seconds, 2 * 30, "the two questions left");
    }
}
