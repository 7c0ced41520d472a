//! Mock exams: which questions are drawn, how long the learner has, and the report at the end.
//!
//! The exam itself is a [`QuizSession`] of kind [`SessionKind::Exam`]; this module only chooses
//! its questions beforehand and reads its answers afterwards.

use std::collections::HashMap;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use super::content::Module;
use super::question::Question;
use super::session::{QuizSession, SessionKind};

/// Questions in an exam unless the learner asks for another number.
pub const DEFAULT_QUESTIONS: u16 = 20;
/// Minutes allowed unless the learner asks otherwise.
pub const DEFAULT_MINUTES: u32 = 20;
/// Share of the points needed to pass, from 0 to 1.
pub const DEFAULT_PASS_MARK: f64 = 0.8;
/// The extra time a learner with accommodations may be given (tiers-temps and double time).
pub const TIME_FACTORS: [f64; 3] = [1.0, 1.5, 2.0];

/// What the learner chose before starting an exam.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamConfig {
    /// Ids of the modules to draw from; empty means every module.
    pub modules: Vec<String>,
    /// How many questions to draw.
    pub questions: usize,
    /// Minutes allowed before extra time, or `None` for an untimed exam.
    pub minutes: Option<u32>,
    /// Multiplies the time allowed: 1.0, 1.5 or 2.0.
    pub time_factor: f64,
    /// Share of the points needed to pass, from 0 to 1.
    pub pass_mark: f64,
}

impl Default for ExamConfig {
    fn default() -> Self {
        ExamConfig {
            modules: Vec::new(),
            questions: usize::from(DEFAULT_QUESTIONS),
            minutes: Some(DEFAULT_MINUTES),
            time_factor: 1.0,
            pass_mark: DEFAULT_PASS_MARK,
        }
    }
}

impl ExamConfig {
    /// The session kind that carries this configuration into the quiz.
    pub fn session_kind(&self) -> SessionKind {
        SessionKind::Exam {
            time_limit_secs: time_limit_secs(self),
            pass_mark: self.pass_mark,
        }
    }
}

/// True for the questions an exam may ask. An open question is marked by the learner herself
/// against a model answer she must first see: no mark for an exam.
fn examinable(question: &Question) -> bool {
    !matches!(question, Question::Open(_))
}

/// The modules an exam draws from: those listed in `chosen`, or all when it is empty.
fn chosen_modules<'a>(
    modules: &'a [Module],
    chosen: &'a [String],
) -> impl Iterator<Item = &'a Module> {
    modules
        .iter()
        .filter(move |m| chosen.is_empty() || chosen.contains(&m.id))
}

/// Questions of `module`'s quiz an exam may ask.
pub fn examinable_count(module: &Module) -> usize {
    module.questions.iter().filter(|q| examinable(q)).count()
}

/// The most questions an exam on the `chosen` modules (all when empty) can ask.
pub fn available(modules: &[Module], chosen: &[String]) -> usize {
    chosen_modules(modules, chosen).map(examinable_count).sum()
}

/// Draws `config.questions` question ids from the quizzes (not the cases) of the chosen
/// modules, in the order they will be asked.
///
/// The modules take turns, so each gives as many questions as the others as long as it has
/// some left; a module with too few questions leaves its share to the others. The same seed
/// gives the same exam.
pub fn draw_questions(modules: &[Module], config: &ExamConfig, seed: u64) -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut pools: Vec<Vec<&str>> = chosen_modules(modules, &config.modules)
        .map(|m| {
            let mut ids: Vec<&str> = m
                .questions
                .iter()
                .filter(|q| examinable(q))
                .map(Question::id)
                .collect();
            ids.shuffle(&mut rng);
            ids
        })
        .filter(|ids| !ids.is_empty())
        .collect();
    // When the number does not divide evenly, the modules that give one question more are
    // drawn too, rather than always the first ones of the catalog.
    pools.shuffle(&mut rng);
    let mut drawn: Vec<String> = Vec::with_capacity(config.questions);
    let mut seen = std::collections::HashSet::new();
    let mut round = 0;
    while drawn.len() < config.questions {
        let mut any_left = false;
        for id in pools.iter().filter_map(|pool| pool.get(round)) {
            any_left = true;
            if drawn.len() == config.questions {
                break;
            }
            // Two modules (or a module loaded twice) may hold the same question: it is
            // asked once.
            if seen.insert(*id) {
                drawn.push((*id).to_owned());
            }
        }
        if !any_left {
            break;
        }
        round += 1;
    }
    // Taken in turns, the questions would come module after module, in a pattern.
    drawn.shuffle(&mut rng);
    drawn
}

/// Seconds allowed, extra time included, or `None` for an untimed exam.
// Rust has no checked float-to-integer conversion: the product is never negative (minutes
// times a factor of at least 1), and `as` saturates an absurd factor to u64::MAX.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn time_limit_secs(config: &ExamConfig) -> Option<u64> {
    // Extra time is never a penalty: a factor below 1 (or not a number) counts as 1.
    let factor = config.time_factor.max(1.0);
    config
        .minutes
        .map(|m| (f64::from(m) * 60.0 * factor).round() as u64)
}

/// The points of one module in an exam.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleScore {
    pub module_id: String,
    pub title: String,
    /// Sum of the credits (a partly right answer counts in part).
    pub score: f64,
    /// Questions of the module in the exam.
    pub out_of: usize,
}

impl ModuleScore {
    /// Share of the module's points, from 0 to 1.
    pub fn ratio(&self) -> f64 {
        ratio(self.score, self.out_of)
    }
}

/// The outcome of a finished (or timed-out) exam.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamReport {
    /// Sum of the credits.
    pub score: f64,
    /// Questions in the exam, answered or not.
    pub out_of: usize,
    /// `score / out_of`, from 0 to 1.
    pub ratio: f64,
    /// The share needed to pass, from 0 to 1.
    pub pass_mark: f64,
    pub passed: bool,
    /// Modules in catalog order, only those with questions in the exam.
    pub per_module: Vec<ModuleScore>,
    /// Questions left without an answer when time ran out; they count as wrong.
    pub unanswered: usize,
}

fn ratio(score: f64, out_of: usize) -> f64 {
    if out_of == 0 {
        0.0
    } else {
        score / out_of as f64
    }
}

impl ExamReport {
    /// Reads the answers of `session`. Every question drawn counts, answered or not; the pass
    /// mark is the session's own (the default one for a session that is not an exam).
    pub fn compute(session: &QuizSession, modules: &[Module]) -> ExamReport {
        let pass_mark = match session.kind {
            SessionKind::Exam { pass_mark, .. } => pass_mark,
            _ => DEFAULT_PASS_MARK,
        };
        let module_of: HashMap<&str, usize> = modules
            .iter()
            .enumerate()
            .flat_map(|(i, m)| m.all_questions().map(move |q| (q.id(), i)))
            .collect();
        let mut per_module: Vec<Option<ModuleScore>> = vec![None; modules.len()];
        let mut score = 0.0;
        for (i, id) in session.question_ids.iter().enumerate() {
            // Answers are given in order: the i-th answer is to the i-th question.
            let credit = session
                .answers
                .get(i)
                .filter(|a| a.question_id == *id)
                .map_or(0.0, |a| a.score);
            score += credit;
            let Some(&m) = module_of.get(id.as_str()) else {
                continue;
            };
            let entry = per_module[m].get_or_insert_with(|| ModuleScore {
                module_id: modules[m].id.clone(),
                title: modules[m].title.clone(),
                score: 0.0,
                out_of: 0,
            });
            entry.score += credit;
            entry.out_of += 1;
        }
        let out_of = session.question_ids.len();
        let ratio = ratio(score, out_of);
        ExamReport {
            score,
            out_of,
            ratio,
            pass_mark,
            // A float sum of credits may fall a hair short of an exact pass mark.
            passed: out_of > 0 && ratio + 1e-9 >= pass_mark,
            per_module: per_module.into_iter().flatten().collect(),
            unanswered: out_of.saturating_sub(session.answers.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::question::{OpenQuestion, Response};
    use crate::domain::testing;
    use jiff::Timestamp;

    fn module(id: &str, count: usize) -> Module {
        let ids: Vec<String> = (0..count).map(|i| format!("{id}.{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        testing::module(id, &ids)
    }

    fn config(modules: &[&str], questions: usize) -> ExamConfig {
        ExamConfig {
            modules: modules.iter().map(|m| (*m).to_owned()).collect(),
            questions,
            ..ExamConfig::default()
        }
    }

    /// How many of `ids` come from module `m`.
    fn from(ids: &[String], m: &str) -> usize {
        ids.iter()
            .filter(|id| id.starts_with(&format!("{m}.")))
            .count()
    }

    fn t0() -> Timestamp {
        Timestamp::from_second(1_800_000_000).expect("valid timestamp")
    }

    #[test]
    fn defaults() {
        let c = ExamConfig::default();
        assert!(c.modules.is_empty());
        assert_eq!((c.questions, c.minutes), (20, Some(20)));
        assert_eq!((c.time_factor, c.pass_mark), (1.0, 0.8));
        assert_eq!(
            c.session_kind(),
            SessionKind::Exam {
                time_limit_secs: Some(1200),
                pass_mark: 0.8
            }
        );
    }

    #[test]
    fn draws_are_balanced_across_modules() {
        let modules = vec![module("a", 30), module("b", 30), module("c", 30)];
        let ids = draw_questions(&modules, &config(&[], 20), 1);
        assert_eq!(ids.len(), 20);
        for m in ["a", "b", "c"] {
            let n = from(&ids, m);
            assert!((6..=7).contains(&n), "{m}: {n}");
        }
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 20, "no question twice");
    }

    #[test]
    fn a_small_module_leaves_its_share_to_the_others() {
        let modules = vec![module("a", 2), module("b", 30), module("c", 30)];
        let ids = draw_questions(&modules, &config(&[], 20), 3);
        assert_eq!(from(&ids, "a"), 2);
        assert_eq!(from(&ids, "b"), 9);
        assert_eq!(from(&ids, "c"), 9);
    }

    #[test]
    fn a_question_held_by_two_modules_is_drawn_once() {
        // « b » holds a's questions too, as a module loaded twice under two ids would.
        let a = module("a", 4);
        let mut b = module("a", 4);
        b.id = "b".into();
        let modules = vec![a, b];
        for seed in 0..20 {
            let ids = draw_questions(&modules, &config(&[], 8), seed);
            let mut unique = ids.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), ids.len(), "{ids:?}");
            assert_eq!(ids.len(), 4, "only four distinct questions: {ids:?}");
        }
    }

    #[test]
    fn draws_only_from_chosen_modules_and_never_more_than_there_is() {
        let modules = vec![module("a", 5), module("b", 5), module("c", 5)];
        let ids = draw_questions(&modules, &config(&["a", "c", "inconnu"], 20), 9);
        assert_eq!(ids.len(), 10);
        assert_eq!(from(&ids, "b"), 0);
        assert!(draw_questions(&modules, &config(&["inconnu"], 20), 9).is_empty());
        assert!(draw_questions(&modules, &config(&[], 0), 9).is_empty());
        assert_eq!(available(&modules, &[]), 15);
        assert_eq!(available(&modules, &["a".into(), "inconnu".into()]), 5);
    }

    #[test]
    fn draws_are_reproducible_and_skip_cases_and_open_questions() {
        let mut m = module("a", 12);
        m.questions.push(Question::Open(OpenQuestion {
            id: "a.open".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec!["s".into()],
            tags: vec![],
            difficulty: None,
            model_answer: "modèle".into(),
            checklist: vec![],
        }));
        let modules = vec![m, module("b", 12)];
        let c = config(&[], 30);
        let first = draw_questions(&modules, &c, 42);
        assert_eq!(first, draw_questions(&modules, &c, 42));
        assert_ne!(first, draw_questions(&modules, &c, 43));
        assert_eq!(first.len(), 24);
        assert!(!first.iter().any(|id| id == "a.open"));
        assert_eq!(examinable_count(&modules[0]), 12);
    }

    #[test]
    fn time_limit_with_extra_time() {
        let mut c = ExamConfig::default();
        assert_eq!(time_limit_secs(&c), Some(1200));
        c.time_factor = 1.5;
        assert_eq!(time_limit_secs(&c), Some(1800));
        c.minutes = Some(45);
        c.time_factor = 2.0;
        assert_eq!(time_limit_secs(&c), Some(5400));
        c.time_factor = f64::NAN;
        assert_eq!(time_limit_secs(&c), Some(2700));
        c.minutes = None;
        assert_eq!(time_limit_secs(&c), None);
    }

    fn exam(ids: &[&str], pass_mark: f64) -> QuizSession {
        QuizSession::new(
            SessionKind::Exam {
                time_limit_secs: Some(60),
                pass_mark,
            },
            ids.iter().map(|id| (*id).to_owned()).collect(),
            0,
            t0(),
        )
    }

    fn answer(session: &mut QuizSession, modules: &[Module], right: bool) {
        let id = session.current_id().expect("a question left").to_owned();
        let question = modules
            .iter()
            .flat_map(|m| m.questions.iter())
            .find(|q| q.id() == id)
            .expect("known question");
        let outcome = session.answer(question, Response::Bool(right), t0(), 1000);
        assert!(outcome.is_some());
    }

    #[test]
    fn report_per_module_and_pass_mark() {
        let modules = vec![module("a", 3), module("b", 3), module("c", 3)];
        let mut s = exam(&["b.0", "a.0", "a.1", "b.1", "a.2"], 0.8);
        for right in [true, true, true, true, false] {
            answer(&mut s, &modules, right);
        }
        let report = ExamReport::compute(&s, &modules);
        assert_eq!((report.score, report.out_of), (4.0, 5));
        assert!((report.ratio - 0.8).abs() < 1e-12);
        assert!(report.passed, "exactly the pass mark passes");
        assert_eq!(report.unanswered, 0);
        let names: Vec<&str> = report
            .per_module
            .iter()
            .map(|m| m.module_id.as_str())
            .collect();
        assert_eq!(names, ["a", "b"], "catalog order, only modules asked");
        assert_eq!(
            (report.per_module[0].score, report.per_module[0].out_of),
            (2.0, 3)
        );
        assert_eq!(report.per_module[1].ratio(), 1.0);
        assert_eq!(report.per_module[0].title, "Module a");
    }

    #[test]
    fn unanswered_questions_at_time_out_count_as_wrong() {
        let modules = vec![module("a", 4)];
        let mut s = exam(&["a.0", "a.1", "a.2", "a.3"], 0.5);
        answer(&mut s, &modules, true);
        answer(&mut s, &modules, true);
        let report = ExamReport::compute(&s, &modules);
        assert_eq!(report.unanswered, 2);
        assert_eq!((report.score, report.out_of), (2.0, 4));
        assert_eq!(report.per_module[0].out_of, 4);
        assert!(report.passed);
        let mut strict = s.clone();
        strict.kind = SessionKind::Exam {
            time_limit_secs: None,
            pass_mark: 0.75,
        };
        assert!(!ExamReport::compute(&strict, &modules).passed);
    }

    #[test]
    fn an_empty_exam_is_not_passed() {
        let report = ExamReport::compute(&exam(&[], 0.0), &[]);
        assert_eq!((report.out_of, report.ratio), (0, 0.0));
        assert!(!report.passed);
        assert!(report.per_module.is_empty());
    }
}
