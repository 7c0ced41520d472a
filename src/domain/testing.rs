//! Small content for the domain's unit tests, built the same way everywhere.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use super::content::Module;
use super::progress::Progress;
use super::question::{
    Choice, ChoiceQuestion, NumericAnswer, NumericQuestion, Question, Response, TrueFalseQuestion,
    Verdict,
};
use super::review::{MEMORY_MODEL_VERSION, MemoryModel, Model, Policy, Rating, schedule};
use super::session::AnswerRecord;

/// A true/false question whose statement is `answer`.
pub fn tf(id: &str, answer: bool) -> Question {
    Question::TrueFalse(TrueFalseQuestion {
        id: id.into(),
        prompt: "?".into(),
        explanation: "car".into(),
        sources: vec!["s".into()],
        tags: vec![],
        difficulty: None,
        answer,
        feedback_true: None,
        feedback_false: None,
    })
}

/// A single-choice question of `n` choices, `correct` the right one.
pub fn single(id: &str, n: usize, correct: usize) -> Question {
    Question::Single(ChoiceQuestion {
        id: id.into(),
        prompt: "?".into(),
        explanation: "car".into(),
        sources: vec!["s".into()],
        tags: vec![],
        difficulty: None,
        choices: (0..n).map(|i| Choice::new(format!("choix {i}"))).collect(),
        correct: vec![correct],
    })
}

/// A numeric question expecting exactly `value`.
pub fn numeric(id: &str, value: f64) -> Question {
    Question::Numeric(NumericQuestion {
        id: id.into(),
        prompt: "?".into(),
        explanation: "car".into(),
        sources: vec!["s".into()],
        tags: vec![],
        difficulty: None,
        answers: vec![NumericAnswer {
            value: Some(value),
            ..Default::default()
        }],
        unit: None,
        feedback_other: None,
    })
}

/// `n` lessons of 360 words each (two minutes' reading), `l0`, `l1`…
pub fn lessons(n: usize) -> Vec<crate::domain::content::Lesson> {
    (0..n)
        .map(|i| crate::domain::content::Lesson {
            id: format!("l{i}"),
            title: format!("Leçon {i}"),
            body: "mot ".repeat(360),
            sources: vec![],
        })
        .collect()
}

/// A module titled « Module `id` » whose quiz is true/false questions with these ids.
pub fn module(id: &str, questions: &[&str]) -> Module {
    Module {
        format_version: 1,
        id: id.into(),
        title: format!("Module {id}"),
        summary: String::new(),
        audience: vec![],
        reviewed: None,
        valid_as_of: None,
        sources: vec![],
        lessons: vec![],
        questions: questions.iter().map(|q| tf(q, true)).collect(),
        cases: vec![],
        fictive_ok: vec![],
    }
}

/// A true/false answer, right or wrong, given at `when` in a second and a half.
pub fn answer(id: &str, right: bool, when: Timestamp) -> AnswerRecord {
    AnswerRecord {
        question_id: id.into(),
        response: Response::Bool(right),
        score: if right { 1.0 } else { 0.0 },
        verdict: if right {
            Verdict::Correct
        } else {
            Verdict::Incorrect
        },
        answered_at: when,
        duration_ms: 1500,
    }
}

/// A learner who forgets faster than FSRS's average one (a steeper curve, shorter first
/// memories), answering `questions` questions over `days` days as her own memory would
/// schedule them, each answer right with her true chance of recall: a log drawn from a
/// seed, on fixed dates in Paris, for the fit of the memory model.
pub(crate) fn forgetful_learner(questions: usize, days: i64) -> Progress {
    let mut truth = fsrs::DEFAULT_PARAMETERS.to_vec();
    truth[..4].copy_from_slice(&[0.1, 0.5, 1.0, 4.0]);
    truth[20] = 0.45;
    let true_model = Model::of(Some(&MemoryModel {
        version: MEMORY_MODEL_VERSION,
        parameters: truth,
        reviews: 0,
        fitted_at: Timestamp::UNIX_EPOCH,
        extra: std::collections::BTreeMap::new(),
    }));
    let tz = TimeZone::get("Europe/Paris").expect("time zone database");
    let start: Timestamp = "2026-09-01T07:00:00Z".parse().expect("valid instant");
    let end = start + SignedDuration::from_hours(24 * days);
    let mut rng = StdRng::seed_from_u64(42);
    let mut progress = Progress::new();
    for q in 0..questions {
        let id = format!("q{q:03}");
        // Questions are met over the first weeks, at various hours.
        let offset = i64::try_from(q).expect("small") % 40;
        let mut at = start + SignedDuration::from_hours(24 * offset + offset % 9);
        let mut state = None;
        while at < end {
            let right =
                state.as_ref().map_or(0.5, |s| true_model.recall_at(s, at)) > rng.random::<f32>();
            let (score, verdict) = if right {
                (1.0, Verdict::Correct)
            } else {
                (0.0, Verdict::Incorrect)
            };
            let answer = AnswerRecord {
                question_id: id.clone(),
                response: Response::Bool(right),
                score,
                verdict,
                answered_at: at,
                duration_ms: 9000,
            };
            progress.record_answer("m", &answer, &tz);
            let next = schedule(
                state.as_ref(),
                Rating::of(score, verdict),
                at,
                Policy::without_stage(),
                &true_model,
                &tz,
            );
            at = next.due + SignedDuration::from_hours(8 + offset % 10);
            state = Some(next);
        }
    }
    progress
}
