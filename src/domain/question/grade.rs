//! Grading: the learner's responses, their verdicts, and the credit each kind of question
//! gives, French-aware for typed answers.

use serde::{Deserialize, Serialize};

use super::{ChoiceQuestion, NumericAnswer, NumericQuestion, Question, ShortQuestion};
use crate::domain::text::{fold, parse_number, within_one_edit};

/// Answers of at least this many characters (once folded) tolerate one typo.
pub const TYPO_TOLERANCE_MIN_CHARS: usize = 8;

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
    /// Self-assessment of an `open` answer, with the text typed.
    SelfGraded { text: String, grade: SelfGrade },
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

/// True when `typed` matches `expected` once both are folded, allowing one typo on long
/// answers.
pub fn text_matches(typed: &str, expected: &str) -> bool {
    let typed = fold(typed);
    let expected = fold(expected);
    typed == expected
        || (expected.chars().count() >= TYPO_TOLERANCE_MIN_CHARS
            && within_one_edit(&typed, &expected))
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
mod tests {
    use super::*;
    use crate::domain::question::{
        Answer, Choice, MatchQuestion, OpenQuestion, OrderQuestion, Pair, TrueFalseQuestion,
    };

    fn choice(text: &str) -> Choice {
        Choice::new(text)
    }

    fn choices(n: usize, correct: Vec<usize>) -> ChoiceQuestion {
        ChoiceQuestion {
            id: "q".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec!["s".into()],
            tags: vec![],
            difficulty: None,
            choices: (0..n).map(|i| choice(&format!("c{i}"))).collect(),
            correct,
        }
    }

    fn short(accepted: &[&str]) -> Question {
        Question::Short(ShortQuestion {
            id: "q".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            accepted: accepted.iter().map(|a| Answer::new(*a)).collect(),
        })
    }

    fn text(s: &str) -> Response {
        Response::Text(s.into())
    }

    #[test]
    fn single_right_wrong_and_none() {
        let q = Question::Single(choices(4, vec![2]));
        let right = grade(&q, &Response::Choices(vec![2]));
        assert_eq!(right.score, 1.0);
        assert_eq!(right.verdict(), Verdict::Correct);
        assert_eq!(right.parts, vec![true; 4]);
        let wrong = grade(&q, &Response::Choices(vec![1]));
        assert_eq!(wrong.verdict(), Verdict::Incorrect);
        assert_eq!(wrong.parts, vec![true, false, false, true]);
        assert_eq!(grade(&q, &Response::Choices(vec![])).score, 0.0);
        // Two picks on a single question is not a way to hedge.
        assert_eq!(grade(&q, &Response::Choices(vec![1, 2])).score, 0.0);
        assert_eq!(grade(&q, &Response::Choices(vec![99])).score, 0.0);
    }

    #[test]
    fn single_choice_weight_gives_partial_credit() {
        let mut q = choices(3, vec![0]);
        q.choices[1].weight = Some(50.0);
        q.choices[1].feedback = Some("presque".into());
        let outcome = grade(&Question::Single(q), &Response::Choices(vec![1]));
        assert_eq!(outcome.score, 0.5);
        assert_eq!(outcome.verdict(), Verdict::Partial);
        assert_eq!(outcome.feedback, vec!["presque".to_string()]);
    }

    #[test]
    fn mismatch_table_of_the_edn() {
        assert_eq!(
            (0..6).map(mismatch_credit).collect::<Vec<_>>(),
            [1.0, 0.5, 0.2, 0.0, 0.0, 0.0]
        );
    }

    #[test]
    fn multiple_is_scored_by_mismatches() {
        let q = Question::Multiple(choices(5, vec![0, 2, 4]));
        let score = |picked: Vec<usize>| grade(&q, &Response::Choices(picked)).score;
        assert_eq!(score(vec![0, 2, 4]), 1.0);
        // One key left: one mismatch.
        let two_of_three = grade(&q, &Response::Choices(vec![0, 2]));
        assert_eq!(two_of_three.score, 0.5);
        assert_eq!(two_of_three.verdict(), Verdict::Partial);
        assert_eq!(two_of_three.parts, vec![true, true, true, true, false]);
        // One wrong option ticked besides every key: one mismatch too.
        assert_eq!(score(vec![0, 1, 2, 4]), 0.5);
        // Two mismatches, then three and more.
        assert_eq!(score(vec![0, 1, 2]), 0.2);
        assert_eq!(score(vec![0, 1]), 0.0);
        assert_eq!(score(vec![]), 0.0);
        assert_eq!(
            grade(&q, &Response::Choices(vec![1, 3])).verdict(),
            Verdict::Incorrect
        );
        // Ticking everything is two mismatches here, never a winning strategy.
        assert_eq!(score(vec![0, 1, 2, 3, 4]), 0.2);
        // The same pick twice, or a pick past the last choice, counts for nothing.
        assert_eq!(score(vec![0, 0, 2, 4, 9]), 1.0);
        assert!(
            grade(&q, &Response::Choices(vec![0, 2]))
                .decisive
                .is_empty()
        );
    }

    #[test]
    fn an_inacceptable_choice_ticked_gives_zero_and_says_why() {
        let mut q = choices(5, vec![0, 2]);
        q.choices[3].inacceptable = true;
        let q = Question::Multiple(q);
        let ticked = grade(&q, &Response::Choices(vec![0, 2, 3]));
        assert_eq!(ticked.score, 0.0, "one mismatch would give 0.5");
        assert_eq!(ticked.verdict(), Verdict::Incorrect);
        assert_eq!(ticked.decisive, [Decisive::InacceptableTicked(3)]);
        // Another wrong choice is an ordinary mismatch.
        let other = grade(&q, &Response::Choices(vec![0, 1, 2]));
        assert_eq!(other.score, 0.5);
        assert!(other.decisive.is_empty());
    }

    #[test]
    fn an_indispensable_choice_left_gives_zero_and_says_why() {
        let mut q = choices(5, vec![0, 2, 4]);
        q.choices[2].indispensable = true;
        q.choices[1].inacceptable = true;
        let q = Question::Multiple(q);
        let left = grade(&q, &Response::Choices(vec![0, 4]));
        assert_eq!(left.score, 0.0, "one mismatch would give 0.5");
        assert_eq!(left.decisive, [Decisive::IndispensableMissed(2)]);
        // Leaving another key is an ordinary mismatch.
        assert_eq!(grade(&q, &Response::Choices(vec![0, 2])).score, 0.5);
        // Both faults at once: both are told, in the content's order.
        let both = grade(&q, &Response::Choices(vec![1, 4]));
        assert_eq!(
            both.decisive,
            [
                Decisive::InacceptableTicked(1),
                Decisive::IndispensableMissed(2)
            ]
        );
        assert_eq!(both.decisive[1].choice(), 2);
    }

    #[test]
    fn flags_do_not_apply_to_single_questions() {
        let mut q = choices(3, vec![0]);
        q.choices[0].indispensable = true;
        q.choices[1].inacceptable = true;
        let q = Question::Single(q);
        assert_eq!(grade(&q, &Response::Choices(vec![0])).score, 1.0);
        assert!(grade(&q, &Response::Choices(vec![1])).decisive.is_empty());
    }

    #[test]
    fn multiple_with_moodle_weights() {
        let mut q = choices(3, vec![0, 1]);
        q.choices[0].weight = Some(50.0);
        q.choices[1].weight = Some(50.0);
        q.choices[2].weight = Some(-100.0);
        let q = Question::Multiple(q);
        assert_eq!(grade(&q, &Response::Choices(vec![0, 1])).score, 1.0);
        assert_eq!(grade(&q, &Response::Choices(vec![0])).score, 0.5);
        assert_eq!(grade(&q, &Response::Choices(vec![0, 2])).score, 0.0);
    }

    #[test]
    fn true_false_with_feedback() {
        let q = Question::TrueFalse(TrueFalseQuestion {
            id: "q".into(),
            prompt: "L'employeur partage le secret.".into(),
            explanation: "Non.".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            answer: false,
            feedback_true: Some("Jamais l'employeur.".into()),
            feedback_false: None,
        });
        let wrong = grade(&q, &Response::Bool(true));
        assert_eq!(wrong.verdict(), Verdict::Incorrect);
        assert_eq!(wrong.feedback, vec!["Jamais l'employeur.".to_string()]);
        assert_eq!(
            grade(&q, &Response::Bool(false)).verdict(),
            Verdict::Correct
        );
        // A response of another kind is wrong, not a panic.
        assert_eq!(grade(&q, &text("faux")).score, 0.0);
    }

    #[test]
    fn short_french_matching() {
        let q = short(&["Échelon local du service médical"]);
        for typed in [
            "échelon local du service médical",
            "ECHELON LOCAL DU SERVICE MEDICAL",
            "  Echelon local du service médical.  ",
            "échelon  local du service médical !",
            "échelon local du servcie médical", // one swap
            "échelon local du service médica",  // one deletion
        ] {
            assert_eq!(grade(&q, &text(typed)).score, 1.0, "{typed}");
        }
        assert_eq!(
            grade(&q, &text("échelon régional du service médical")).score,
            0.0
        );
        assert_eq!(grade(&q, &text("")).score, 0.0);
    }

    #[test]
    fn short_apostrophes_and_ligatures() {
        let q = short(&["l’œil du médecin"]);
        assert_eq!(grade(&q, &text("l'oeil du medecin")).score, 1.0);
        let q = short(&["Code pénal"]);
        assert_eq!(grade(&q, &text("« code penal »")).score, 1.0);
    }

    #[test]
    fn short_answers_tolerate_no_typo() {
        // Short answers (acronyms) must be exact once folded: ELSM is not ELSA.
        let q = short(&["ELSM"]);
        assert_eq!(grade(&q, &text("elsm")).score, 1.0);
        assert_eq!(grade(&q, &text("elsa")).score, 0.0);
        assert_eq!(grade(&q, &text("els")).score, 0.0);
    }

    #[test]
    fn short_weighted_answers_take_the_best() {
        let q = Question::Short(ShortQuestion {
            id: "q".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            accepted: vec![
                Answer {
                    text: "consolidation".into(),
                    weight: None,
                    feedback: Some("Oui.".into()),
                },
                Answer {
                    text: "guérison".into(),
                    weight: Some(50.0),
                    feedback: Some("Pas tout à fait.".into()),
                },
            ],
        });
        let half = grade(&q, &text("guerison"));
        assert_eq!(half.score, 0.5);
        assert_eq!(half.feedback, vec!["Pas tout à fait.".to_string()]);
        assert_eq!(
            grade(&q, &text("Consolidation")).feedback,
            vec!["Oui.".to_string()]
        );
    }

    fn numeric(answers: Vec<NumericAnswer>) -> Question {
        Question::Numeric(NumericQuestion {
            id: "q".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            answers,
            unit: Some("€".into()),
            feedback_other: None,
        })
    }

    #[test]
    fn numeric_value_tolerance_and_range() {
        let q = numeric(vec![NumericAnswer {
            value: Some(15000.0),
            ..Default::default()
        }]);
        assert_eq!(grade(&q, &text("15 000")).score, 1.0);
        assert_eq!(grade(&q, &text("15000 €")).score, 1.0);
        assert_eq!(grade(&q, &text("15 001")).score, 0.0);
        assert_eq!(grade(&q, &text("quinze mille")).score, 0.0);

        let q = numeric(vec![NumericAnswer {
            value: Some(66.0),
            tolerance: Some(1.0),
            ..Default::default()
        }]);
        assert_eq!(grade(&q, &text("66,7")).score, 1.0);
        assert_eq!(grade(&q, &text("67")).score, 1.0);
        assert_eq!(grade(&q, &text("67,5")).score, 0.0);

        let q = numeric(vec![
            NumericAnswer {
                min: Some(3.0),
                max: Some(5.0),
                ..Default::default()
            },
            NumericAnswer {
                value: Some(6.0),
                weight: Some(50.0),
                ..Default::default()
            },
        ]);
        assert_eq!(grade(&q, &text("4")).score, 1.0);
        assert_eq!(grade(&q, &text("6")).score, 0.5);
        assert_eq!(grade(&q, &text("2")).score, 0.0);
    }

    #[test]
    fn numeric_catch_all_feedback_for_any_other_answer() {
        let Question::Numeric(mut q) = numeric(vec![NumericAnswer {
            value: Some(3.0),
            feedback: Some("Trois jours de carence.".into()),
            ..Default::default()
        }]) else {
            unreachable!()
        };
        q.feedback_other = Some("Relisez la règle du délai de carence.".into());
        let q = Question::Numeric(q);
        assert_eq!(
            grade(&q, &text("3")).feedback,
            vec!["Trois jours de carence.".to_string()]
        );
        for other in ["7", "trois"] {
            let outcome = grade(&q, &text(other));
            assert_eq!(outcome.score, 0.0);
            assert_eq!(
                outcome.feedback,
                vec!["Relisez la règle du délai de carence.".to_string()]
            );
        }
    }

    #[test]
    fn order_counts_well_placed_steps() {
        let q = Question::Order(OrderQuestion {
            id: "q".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            items: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        });
        assert_eq!(
            grade(&q, &Response::Order(vec![0, 1, 2, 3])).verdict(),
            Verdict::Correct
        );
        let swapped = grade(&q, &Response::Order(vec![0, 1, 3, 2]));
        assert_eq!(swapped.score, 0.5);
        assert_eq!(swapped.parts, vec![true, true, false, false]);
        // Too short a response is wrong where it says nothing.
        assert_eq!(grade(&q, &Response::Order(vec![0])).score, 0.25);
    }

    #[test]
    fn match_compares_by_right_text_and_ignores_distractors() {
        let q = Question::Match(MatchQuestion {
            id: "q".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            pairs: vec![
                Pair {
                    left: "R4127-72".into(),
                    right: "Secret des collaborateurs".into(),
                },
                Pair {
                    left: "R4127-104".into(),
                    right: "Médecin chargé du contrôle".into(),
                },
                Pair {
                    left: "226-13".into(),
                    right: "Peine".into(),
                },
            ],
            distractors: vec!["Congés".into()],
        });
        let Question::Match(m) = &q else {
            unreachable!()
        };
        assert_eq!(m.right_options().len(), 4);
        let right = grade(&q, &Response::Pairs(vec![Some(0), Some(1), Some(2)]));
        assert_eq!(right.verdict(), Verdict::Correct);
        let partly = grade(&q, &Response::Pairs(vec![Some(0), Some(3), None]));
        assert!((partly.score - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(partly.parts, vec![true, false, false]);
        assert_eq!(grade(&q, &Response::Pairs(vec![Some(42)])).score, 0.0);
    }

    #[test]
    fn shared_partners_are_offered_once() {
        let q = MatchQuestion {
            id: "q".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            pairs: vec![
                Pair {
                    left: "Employeur".into(),
                    right: "Non partagé".into(),
                },
                Pair {
                    left: "Expert".into(),
                    right: "Non partagé".into(),
                },
            ],
            distractors: vec!["Non partagé".into(), "Partagé".into()],
        };
        assert_eq!(q.right_options(), vec!["Non partagé", "Partagé"]);
        let outcome = grade(
            &Question::Match(q),
            &Response::Pairs(vec![Some(0), Some(0)]),
        );
        assert_eq!(outcome.score, 1.0);
    }

    #[test]
    fn open_is_self_graded() {
        let q = Question::Open(OpenQuestion {
            id: "q".into(),
            prompt: "Que faites-vous ?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            model_answer: "Je refuse.".into(),
            checklist: vec![],
        });
        let graded = |grade_given| {
            grade(
                &q,
                &Response::SelfGraded {
                    text: "…".into(),
                    grade: grade_given,
                },
            )
            .score
        };
        assert_eq!(graded(SelfGrade::Right), 1.0);
        assert_eq!(graded(SelfGrade::Partly), 0.5);
        assert_eq!(graded(SelfGrade::Wrong), 0.0);
    }
}
