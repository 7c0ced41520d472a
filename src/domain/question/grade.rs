//! Grading: the learner's responses, their verdicts, and the credit each kind of question
//! gives, French-aware for typed answers.

use serde::{Deserialize, Serialize};

use super::{ChoiceQuestion, NumericAnswer, NumericQuestion, Question, ShortQuestion};
use crate::domain::text::{fold, parse_number, within_edits};

/// Typos forgiven in a typed answer, by the length of the accepted one (once folded): none
/// up to four characters (a sigle: « ELSA » is not « ELSM »), one up to eleven (« rechtue »),
/// two beyond (« consoldatoin »).
pub fn typo_budget(expected_chars: usize) -> usize {
    match expected_chars {
        0..=4 => 0,
        5..=11 => 1,
        _ => 2,
    }
}

/// How the learner graded her own open answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SelfGrade {
    Right,
    Partly,
    Wrong,
}

/// What the learner answered. Indices always refer to the content's own order, never to the
/// shuffled order on screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Response {
    /// Picked choices (`single`, `multiple`).
    Choices(Vec<usize>),
    /// `true_false`.
    Bool(bool),
    /// Typed text (`short`, `numeric`).
    Text(String),
    /// Item indices in the order the learner put them (`order`).
    Order(Vec<usize>),
    /// For each left item, the index of the right option paired with it (`match`).
    Pairs(Vec<Option<usize>>),
    /// Self-assessment of an `open` answer, with the text typed and the key points
    /// ([`super::OpenQuestion::key_points`]) the learner ticked, by index.
    SelfGraded {
        text: String,
        grade: SelfGrade,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        ticked: Vec<usize>,
    },
}

/// Right, partly right, or wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Correct,
    Partial,
    Incorrect,
}

/// The result of grading one response.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Credit from 0 to 1.
    pub score: f64,
    /// Item by item, whether the learner got it right: per choice (picked exactly when it is
    /// right), per position (`order`), per left item (`match`), or one entry otherwise.
    pub parts: Vec<bool>,
    /// Feedback attached to what the learner answered (a choice's, an accepted answer's…).
    pub feedback: Vec<String>,
    /// The choices that gave the score 0 on their own (an indispensable one left, an
    /// inacceptable one ticked), in the content's order; empty otherwise. The front ends say
    /// why with `words::decisive`.
    pub decisive: Vec<Decisive>,
}

/// A choice that decides the score of a `multiple` question alone, as the EDN's QRM rules
/// have it. Indices are the content's own order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decisive {
    /// This indispensable choice was not ticked.
    IndispensableMissed(usize),
    /// This inacceptable choice was ticked.
    InacceptableTicked(usize),
}

impl Decisive {
    /// The choice it is about.
    pub fn choice(self) -> usize {
        match self {
            Decisive::IndispensableMissed(i) | Decisive::InacceptableTicked(i) => i,
        }
    }
}

/// The credit of a `multiple` question by its number of mismatches (a right choice left, or
/// a wrong one ticked), as the EDN scores a QRM: none 1, one 0.5, two 0.2, more 0.
pub fn mismatch_credit(mismatches: usize) -> f64 {
    match mismatches {
        0 => 1.0,
        1 => 0.5,
        2 => 0.2,
        _ => 0.0,
    }
}

impl Outcome {
    fn all_or_nothing(right: bool, feedback: Option<&String>) -> Self {
        Outcome {
            score: if right { 1.0 } else { 0.0 },
            parts: vec![right],
            feedback: feedback.cloned().into_iter().collect(),
            decisive: Vec::new(),
        }
    }

    pub fn verdict(&self) -> Verdict {
        if self.score >= 1.0 - 1e-9 {
            Verdict::Correct
        } else if self.score > 1e-9 {
            Verdict::Partial
        } else {
            Verdict::Incorrect
        }
    }
}

/// Grades a response. Never panics: a response of the wrong shape, or with indices out of
/// range, is simply wrong.
pub fn grade(question: &Question, response: &Response) -> Outcome {
    match (question, response) {
        (Question::Single(q), Response::Choices(picked)) => grade_choices(q, picked, true),
        (Question::Multiple(q), Response::Choices(picked)) => grade_choices(q, picked, false),
        (Question::TrueFalse(q), Response::Bool(b)) => {
            let feedback = if *b {
                q.feedback_true.as_ref()
            } else {
                q.feedback_false.as_ref()
            };
            Outcome::all_or_nothing(*b == q.answer, feedback)
        }
        (Question::Short(q), Response::Text(text)) => grade_short(q, text),
        (Question::Numeric(q), Response::Text(text)) => grade_numeric(q, text),
        (Question::Order(q), Response::Order(order)) => {
            let parts: Vec<bool> = (0..q.items.len())
                .map(|pos| order.get(pos) == Some(&pos))
                .collect();
            fraction_outcome(parts)
        }
        (Question::Match(q), Response::Pairs(chosen)) => {
            let options = q.right_options();
            let parts: Vec<bool> = q
                .pairs
                .iter()
                .enumerate()
                .map(|(i, pair)| {
                    chosen
                        .get(i)
                        .copied()
                        .flatten()
                        .and_then(|c| options.get(c))
                        .is_some_and(|right| *right == pair.right)
                })
                .collect();
            fraction_outcome(parts)
        }
        (Question::Open(_), Response::SelfGraded { grade, .. }) => {
            let score = match grade {
                SelfGrade::Right => 1.0,
                SelfGrade::Partly => 0.5,
                SelfGrade::Wrong => 0.0,
            };
            Outcome {
                score,
                parts: vec![*grade == SelfGrade::Right],
                feedback: Vec::new(),
                decisive: Vec::new(),
            }
        }
        _ => Outcome::all_or_nothing(false, None),
    }
}

fn fraction_outcome(parts: Vec<bool>) -> Outcome {
    let right = parts.iter().filter(|p| **p).count();
    let score = if parts.is_empty() {
        0.0
    } else {
        right as f64 / parts.len() as f64
    };
    Outcome {
        score,
        parts,
        feedback: Vec::new(),
        decisive: Vec::new(),
    }
}

/// A `single` question: the one right choice, or a weighted one (Moodle's partial credit).
/// A `multiple` one: an indispensable choice left or an inacceptable one ticked gives 0;
/// otherwise Moodle weights, when the question has some, add up as in Moodle, and a question
/// without weights is scored by its mismatches (`mismatch_credit`).
fn grade_choices(q: &ChoiceQuestion, picked: &[usize], single: bool) -> Outcome {
    let is_picked = |i: usize| picked.contains(&i);
    let parts: Vec<bool> = (0..q.choices.len())
        .map(|i| is_picked(i) == q.correct.contains(&i))
        .collect();
    let feedback = picked
        .iter()
        .filter_map(|&i| q.choices.get(i).and_then(|c| c.feedback.clone()))
        .collect();
    let mut in_range: Vec<usize> = picked
        .iter()
        .copied()
        .filter(|&i| i < q.choices.len())
        .collect();
    in_range.sort_unstable();
    in_range.dedup();
    let decisive: Vec<Decisive> = if single {
        Vec::new()
    } else {
        q.choices
            .iter()
            .enumerate()
            .filter_map(
                |(i, c)| match (is_picked(i), c.indispensable, c.inacceptable) {
                    (false, true, _) => Some(Decisive::IndispensableMissed(i)),
                    (true, _, true) => Some(Decisive::InacceptableTicked(i)),
                    _ => None,
                },
            )
            .collect()
    };
    let weighted = q.choices.iter().any(|c| c.weight.is_some());
    let score = if (single && in_range.len() != 1) || !decisive.is_empty() {
        0.0
    } else if weighted {
        let default_weight = |i: usize| {
            if q.correct.contains(&i) {
                100.0 / q.correct.len().max(1) as f64
            } else {
                0.0
            }
        };
        in_range
            .iter()
            .map(|&i| q.choices[i].weight.unwrap_or_else(|| default_weight(i)))
            .sum::<f64>()
            / 100.0
    } else if single {
        if q.correct.contains(&in_range[0]) {
            1.0
        } else {
            0.0
        }
    } else {
        mismatch_credit(parts.iter().filter(|right| !**right).count())
    };
    Outcome {
        score: score.clamp(0.0, 1.0),
        parts,
        feedback,
        decisive,
    }
}

/// True when `typed` matches `expected` once both are folded, allowing typos by the length of
/// the answer ([`typo_budget`]) but never in its digits: « L. 315-2 » is another article than
/// « L. 315-1 », not a typo.
pub fn text_matches(typed: &str, expected: &str) -> bool {
    let typed = fold(typed);
    let expected = fold(expected);
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    typed == expected
        || (digits(&typed) == digits(&expected)
            && within_edits(&typed, &expected, typo_budget(expected.chars().count())))
}

fn best_weighted<'a, T>(
    candidates: impl Iterator<Item = &'a T>,
    matches: impl Fn(&T) -> bool,
    weight: impl Fn(&T) -> Option<f64>,
    feedback: impl Fn(&T) -> Option<&String>,
) -> Outcome
where
    T: 'a,
{
    let best = candidates
        .filter(|c| matches(c))
        .map(|c| (weight(c).unwrap_or(100.0) / 100.0, c))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, c)) => {
            let score = score.clamp(0.0, 1.0);
            Outcome {
                score,
                parts: vec![score >= 1.0 - 1e-9],
                feedback: feedback(c).cloned().into_iter().collect(),
                decisive: Vec::new(),
            }
        }
        None => Outcome::all_or_nothing(false, None),
    }
}

fn grade_short(q: &ShortQuestion, typed: &str) -> Outcome {
    best_weighted(
        q.accepted.iter(),
        |a| text_matches(typed, &a.text),
        |a| a.weight,
        |a| a.feedback.as_ref(),
    )
}

fn grade_numeric(q: &NumericQuestion, typed: &str) -> Outcome {
    let x = parse_number(typed);
    let fits = |a: &NumericAnswer| {
        x.is_some_and(|x| {
            a.bounds()
                .is_some_and(|(lo, hi)| x >= lo - 1e-9 && x <= hi + 1e-9)
        })
    };
    if !q.answers.iter().any(fits) {
        // Moodle's catch-all: what to tell a learner whose answer the question did not expect.
        return Outcome::all_or_nothing(false, q.feedback_other.as_ref());
    }
    best_weighted(
        q.answers.iter(),
        fits,
        |a| a.weight,
        |a| a.feedback.as_ref(),
    )
}

#[cfg(test)]
mod tests;
