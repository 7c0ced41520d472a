//! What the learner answered and what was right, in words, with the labels she saw: the plain
//! mode says them after each question, and the exam results list them beside each other.

use super::markdown::to_line;
use crate::domain::layout::{Layout, label};
use crate::domain::question::{MatchQuestion, Question, Response, SelfGrade};

/// The content index → display position of a layout list.
fn shown_at(list: &[usize], content: usize) -> Option<usize> {
    list.iter().position(|&i| i == content)
}

/// « B. Un an ».
fn labeled(label: &str, text: &str) -> String {
    format!("{label}. {}", to_line(text))
}

/// What the learner answered, in words, with the labels she saw.
pub fn describe(question: &Question, layout: &Layout, response: &Response) -> Option<String> {
    let text = match (question, response) {
        (Question::Single(c) | Question::Multiple(c), Response::Choices(picked)) => {
            let mut shown: Vec<(usize, &str)> = picked
                .iter()
                .filter_map(|&i| {
                    Some((
                        shown_at(&layout.choices, i)?,
                        c.choices.get(i)?.text.as_str(),
                    ))
                })
                .collect();
            shown.sort_unstable_by_key(|(d, _)| *d);
            if shown.is_empty() {
                return None;
            }
            shown
                .iter()
                .map(|(d, text)| labeled(&label(*d), text))
                .collect::<Vec<_>>()
                .join(" ; ")
        }
        (Question::TrueFalse(_), Response::Bool(b)) => true_false(*b).into(),
        (_, Response::Text(typed)) => typed.clone(),
        (Question::Order(o), Response::Order(order)) => {
            let numbers: Vec<String> = order
                .iter()
                .filter_map(|&i| shown_at(&layout.items, i).map(|d| (d + 1).to_string()))
                .collect();
            let texts: Vec<String> = order
                .iter()
                .filter_map(|&i| o.items.get(i).map(|t| to_line(t)))
                .collect();
            that_is(&numbers.join(" "), &texts.join(" ; "))
        }
        (Question::Match(m), Response::Pairs(chosen)) => {
            let rights = m.right_options();
            let codes: Vec<String> = chosen
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    let d = shown_at(&layout.rights, (*c)?)?;
                    Some(format!("{}{}", i + 1, label(d)))
                })
                .collect();
            that_is(&codes.join(" "), &match_words(m, &rights, chosen))
        }
        (
            Question::Open(o),
            Response::SelfGraded {
                text,
                grade,
                ticked,
            },
        ) => self_graded(text, *grade, ticked.len(), o.key_points().len()),
        _ => return None,
    };
    Some(text)
}

/// « Médecin traitant : Partagé ; Employeur : Non partagé ».
fn match_words(m: &MatchQuestion, rights: &[&str], chosen: &[Option<usize>]) -> String {
    m.pairs
        .iter()
        .enumerate()
        .map(|(i, pair)| {
            let right = chosen
                .get(i)
                .copied()
                .flatten()
                .and_then(|c| rights.get(c))
                .map_or_else(|| NO_ANSWER.to_owned(), |r| to_line(r));
            format!("{} : {right}", to_line(&pair.left))
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

fn true_false(value: bool) -> &'static str {
    if value {
        super::QUIZ_TRUE
    } else {
        super::QUIZ_FALSE
    }
}

/// The right answer in words, with the labels the learner saw; `None` for `open`, whose
/// model answer was shown before the self-assessment.
pub fn right_answer(question: &Question, layout: &Layout) -> Option<String> {
    match question {
        Question::Single(c) | Question::Multiple(c) => {
            let response = Response::Choices(c.correct.clone());
            describe(question, layout, &response)
        }
        Question::TrueFalse(tf) => Some(true_false(tf.answer).into()),
        Question::Short(s) => super::short_answer(s),
        Question::Numeric(n) => super::numeric_answer(n),
        Question::Order(o) => describe(
            question,
            layout,
            &Response::Order((0..o.items.len()).collect()),
        ),
        Question::Match(m) => {
            let rights = m.right_options();
            let chosen = m
                .pairs
                .iter()
                .map(|p| rights.iter().position(|r| *r == p.right))
                .collect();
            describe(question, layout, &Response::Pairs(chosen))
        }
        Question::Open(_) => None,
    }
}

/// « 2 4 1 3, soit : étape 0 ; étape 1 ».
pub fn that_is(codes: &str, words: &str) -> String {
    format!("{codes}, soit : {words}")
}

/// « ma réponse (auto-évaluée : en partie ; points cochés : 1 sur 2) ».
pub fn self_graded(text: &str, grade: SelfGrade, ticked: usize, points: usize) -> String {
    let grade = grade_words(grade);
    if points == 0 {
        format!("{text} (auto-évaluée : {grade})")
    } else {
        format!("{text} (auto-évaluée : {grade} ; points cochés : {ticked} sur {points})")
    }
}

pub const NO_ANSWER: &str = "sans réponse";

/// A self-grade in words: « juste », « en partie », « à revoir ».
pub fn grade_words(grade: SelfGrade) -> &'static str {
    match grade {
        SelfGrade::Right => "juste",
        SelfGrade::Partly => "en partie",
        SelfGrade::Wrong => "à revoir",
    }
}
