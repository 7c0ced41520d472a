//! Small content for the domain's unit tests, built the same way everywhere.

use jiff::Timestamp;

use super::content::Module;
use super::question::{
    Choice, ChoiceQuestion, NumericAnswer, NumericQuestion, Question, Response, TrueFalseQuestion,
    Verdict,
};
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
