//! A learner's path through a module, as rustlings shows one: its steps in order (each lesson,
//! the quiz, each case), which are done, and how long each takes. Also which quiz questions go
//! with which lesson, since the content format has no such link.
//!
//! Every time estimate of the app is here, so that they all follow the same rules.

use super::content::{Case, Lesson, Module};
use super::progress::Progress;
use super::question::Question;

/// Words read per minute in a lesson or a case narrative: a dense text read to be learnt goes
/// slower than the 200 to 250 words a minute of everyday reading.
pub const READING_WORDS_PER_MINUTE: u32 = 180;

/// Seconds to answer a question of this kind and read its correction: a judgement first, more
/// for choices to weigh or text to type, most for steps or pairs to arrange and for an answer
/// written out then compared with a model.
pub fn question_seconds(question: &Question) -> u32 {
    match question {
        Question::TrueFalse(_) => 30,
        Question::Single(_) | Question::Short(_) | Question::Numeric(_) => 45,
        Question::Multiple(_) => 60,
        Question::Order(_) | Question::Match(_) => 90,
        Question::Open(_) => 180,
    }
}

/// Seconds to answer `questions`.
pub fn questions_seconds<'a>(questions: impl IntoIterator<Item = &'a Question>) -> u32 {
    questions
        .into_iter()
        .map(question_seconds)
        .fold(0, u32::saturating_add)
}

/// The words of a markdown text: runs between spaces that hold a letter or a digit (a list
/// dash or a table bar is no word).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Seconds to read `words` words at [`READING_WORDS_PER_MINUTE`].
fn reading_seconds(words: usize) -> u32 {
    let words = u32::try_from(words).unwrap_or(u32::MAX);
    words.saturating_mul(60).div_ceil(READING_WORDS_PER_MINUTE)
}

/// Seconds to read a lesson, its title included.
pub fn lesson_seconds(lesson: &Lesson) -> u32 {
    reading_seconds(word_count(&lesson.title) + word_count(&lesson.body))
}

/// Seconds to work through a case: its story and documents read, its questions answered.
pub fn case_seconds(case: &Case) -> u32 {
    let words = word_count(&case.summary)
        + case
            .steps
            .iter()
            .map(|s| {
                word_count(&s.narrative)
                    + s.exhibits
                        .iter()
                        .map(|e| word_count(&e.title) + word_count(&e.body))
                        .sum::<usize>()
            })
            .sum::<usize>();
    reading_seconds(words).saturating_add(questions_seconds(
        case.steps.iter().flat_map(|s| &s.questions),
    ))
}

/// Whole minutes for `seconds`, rounded up, at least one: an estimate never promises nothing.
pub fn minutes(seconds: u32) -> u32 {
    seconds.div_ceil(60).max(1)
}

/// True once the learner answered `id`, in any session.
pub fn answered(progress: &Progress, id: &str) -> bool {
    progress
        .question(id)
        .is_some_and(|r| !r.attempts.is_empty())
}

/// The quiz questions of each lesson of `module`, as indices into `module.questions`.
///
/// A question goes with the lessons that share the most of its sources, each source weighing
/// less the more lessons cite it (a seed document cited everywhere says little, an article
/// cited by one lesson says much). Ties share the question; a question that shares no source
/// with any lesson goes with none (the module's quiz still asks it).
pub fn lesson_questions(module: &Module) -> Vec<Vec<usize>> {
    let citing = |source: &str| {
        module
            .lessons
            .iter()
            .filter(|l| l.sources.iter().any(|s| s == source))
            .count()
    };
    let mut links = vec![Vec::new(); module.lessons.len()];
    for (q, question) in module.questions.iter().enumerate() {
        let mut sources: Vec<&str> = question.sources().iter().map(String::as_str).collect();
        sources.sort_unstable();
        sources.dedup();
        let scores: Vec<f64> = module
            .lessons
            .iter()
            .map(|l| {
                sources
                    .iter()
                    .filter(|s| l.sources.iter().any(|ls| ls == *s))
                    .map(|s| 1.0 / citing(s) as f64)
                    .sum()
            })
            .collect();
        let best = scores.iter().copied().fold(0.0, f64::max);
        if best <= 0.0 {
            continue;
        }
        for (l, score) in scores.iter().enumerate() {
            // Sums of the same fractions in another order may differ in the last bit.
            if *score >= best - 1e-9 {
                links[l].push(q);
            }
        }
    }
    links
}

/// One step of a module's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// Reading a lesson, by its index: done once its end was reached.
    Lesson(usize),
    /// The module's quiz: done once each of its questions was answered (in the quiz, a
    /// lesson's quiz, a review or an exam).
    Quiz,
    /// A case, by its index: done once each of its questions was answered.
    Case(usize),
}

/// A step, how long it takes, and whether it is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathStep {
    pub kind: StepKind,
    pub seconds: u32,
    pub done: bool,
}

/// The steps of a module, in the order of its page: lessons, quiz, cases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModulePath {
    pub steps: Vec<PathStep>,
}

impl ModulePath {
    /// Steps done.
    pub fn done(&self) -> usize {
        self.steps.iter().filter(|s| s.done).count()
    }

    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Seconds the steps not done yet take.
    pub fn seconds_left(&self) -> u32 {
        self.steps
            .iter()
            .filter(|s| !s.done)
            .map(|s| s.seconds)
            .fold(0, u32::saturating_add)
    }

    /// The step of `kind`, if the module has it.
    pub fn step(&self, kind: StepKind) -> Option<&PathStep> {
        self.steps.iter().find(|s| s.kind == kind)
    }
}

/// The path of `module` for the learner whose progress is `progress`.
pub fn module_path(module: &Module, progress: &Progress) -> ModulePath {
    let all_answered =
        |questions: &[Question]| questions.iter().all(|q| answered(progress, q.id()));
    let lessons = module.lessons.iter().enumerate().map(|(i, l)| PathStep {
        kind: StepKind::Lesson(i),
        seconds: lesson_seconds(l),
        done: progress.is_lesson_read(&module.id, &l.id),
    });
    let quiz = (!module.questions.is_empty()).then(|| PathStep {
        kind: StepKind::Quiz,
        seconds: questions_seconds(&module.questions),
        done: all_answered(&module.questions),
    });
    let cases = module.cases.iter().enumerate().map(|(i, c)| PathStep {
        kind: StepKind::Case(i),
        seconds: case_seconds(c),
        done: c.steps.iter().all(|s| all_answered(&s.questions)),
    });
    ModulePath {
        steps: lessons.chain(quiz).chain(cases).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::content::{CaseStep, Exhibit};
    use crate::domain::session::{QuizSession, SessionKind};
    use crate::domain::testing::{answer, module, single, tf};
    use jiff::Timestamp;
    use jiff::tz::TimeZone;

    fn lesson(id: &str, words: usize, sources: &[&str]) -> Lesson {
        Lesson {
            id: id.into(),
            title: String::new(),
            body: vec!["mot"; words].join(" "),
            sources: sources.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    fn with_sources(mut q: Question, sources: &[&str]) -> Question {
        let list: Vec<String> = sources.iter().map(|s| (*s).to_owned()).collect();
        match &mut q {
            Question::TrueFalse(t) => t.sources = list,
            Question::Single(c) => c.sources = list,
            _ => unreachable!("only the kinds built here"),
        }
        q
    }

    fn t0() -> Timestamp {
        "2026-12-08T09:00:00Z".parse().expect("valid instant")
    }

    fn answer_all(progress: &mut Progress, module_id: &str, ids: &[&str]) {
        for (i, id) in ids.iter().enumerate() {
            let at = t0() + jiff::SignedDuration::from_secs(i64::try_from(i).expect("small"));
            progress.record_answer(module_id, &answer(id, true, at), &TimeZone::UTC);
        }
    }

    #[test]
    fn words_skip_markup() {
        assert_eq!(word_count("**Un an** d’emprisonnement\n\n- 15 000 €"), 5);
        assert_eq!(word_count("| a | b |\n|---|---|"), 2);
        assert_eq!(word_count(""), 0);
    }

    #[test]
    fn reading_takes_a_minute_per_180_words_rounded_up() {
        assert_eq!(lesson_seconds(&lesson("l", 180, &[])), 60);
        assert_eq!(lesson_seconds(&lesson("l", 181, &[])), 61);
        assert_eq!(minutes(lesson_seconds(&lesson("l", 181, &[]))), 2);
        assert_eq!(minutes(0), 1, "never zero minutes");
        assert_eq!(minutes(120), 2);
    }

    #[test]
    fn each_kind_has_its_time() {
        let questions = [tf("a", true), single("b", 4, 0)];
        assert_eq!(questions_seconds(&questions), 30 + 45);
    }

    #[test]
    fn a_case_counts_its_story_and_its_questions() {
        let case = Case {
            id: "c".into(),
            title: "Cas".into(),
            summary: vec!["mot"; 90].join(" "),
            steps: vec![CaseStep {
                title: "Étape".into(),
                narrative: vec!["mot"; 60].join(" "),
                exhibits: vec![Exhibit {
                    title: "Pièce".into(),
                    body: vec!["mot"; 29].join(" "),
                }],
                questions: vec![tf("c.1", true)],
            }],
            sources: vec![],
        };
        // 180 words: a minute; one true/false: 30 seconds.
        assert_eq!(case_seconds(&case), 60 + 30);
    }

    #[test]
    fn questions_go_with_the_lessons_of_their_most_telling_sources() {
        let mut m = module("m", &[]);
        m.lessons = vec![
            lesson("a", 10, &["seed", "art-1"]),
            lesson("b", 10, &["seed", "art-2"]),
            lesson("c", 10, &["seed"]),
        ];
        m.questions = vec![
            // The article cited by one lesson says more than the seed cited by all three.
            with_sources(tf("q0", true), &["seed", "art-2"]),
            // The seed alone: every lesson shares it equally.
            with_sources(tf("q1", true), &["seed"]),
            // No source in common with any lesson.
            with_sources(tf("q2", true), &["elsewhere"]),
            with_sources(tf("q3", true), &["art-1", "art-1"]),
        ];
        assert_eq!(lesson_questions(&m), vec![vec![1, 3], vec![0, 1], vec![1]]);
    }

    #[test]
    fn the_path_counts_lessons_read_and_quizzes_and_cases_answered() {
        let mut m = module("m", &["q1", "q2"]);
        m.lessons = vec![lesson("l1", 360, &[]), lesson("l2", 90, &[])];
        m.cases = vec![Case {
            id: "c".into(),
            title: "Cas".into(),
            summary: String::new(),
            steps: vec![CaseStep {
                title: "Étape".into(),
                narrative: String::new(),
                exhibits: vec![],
                questions: vec![tf("c1", true)],
            }],
            sources: vec![],
        }];
        let mut p = Progress::new();
        let path = module_path(&m, &p);
        assert_eq!((path.done(), path.len()), (0, 4));
        assert_eq!(path.seconds_left(), 120 + 30 + 60 + 30);

        p.mark_lesson_read("m", "l2");
        // One question of two is not the quiz done.
        answer_all(&mut p, "m", &["q1", "c1"]);
        let path = module_path(&m, &p);
        assert_eq!(
            path.steps.iter().map(|s| s.done).collect::<Vec<_>>(),
            vec![false, true, false, true]
        );
        assert_eq!(path.step(StepKind::Quiz).map(|s| s.done), Some(false));

        // The other question answered in a review counts as much as in the quiz.
        let mut review = QuizSession::new(SessionKind::Review, vec!["q2".into()], 1, t0());
        review.answer(
            &tf("q2", true),
            crate::domain::question::Response::Bool(true),
            t0(),
            10,
        );
        p.record_answer("m", &review.answers[0], &TimeZone::UTC);
        let path = module_path(&m, &p);
        assert_eq!((path.done(), path.len()), (3, 4));
        assert_eq!(path.seconds_left(), 120);
    }
}
