//! Each question kind in plain lines: how its options are labelled, how a typed line becomes
//! a [`Response`], and how a response and the right answer read in words.
//!
//! Choices and right-hand options are labelled by letter, steps and left-hand items by
//! number; a typed number also picks a choice, since a braille keyboard or a script may find
//! digits easier than letters.

use super::strings;
use crate::domain::layout::{Layout, label, label_index};
use crate::domain::question::{MatchQuestion, Question, Response, SelfGrade};
use crate::domain::text::{fold, parse_number};
use crate::words;

use super::markdown::to_line;

/// An option shown with its label.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Labeled {
    pub label: String,
    pub text: String,
}

/// The options of `question` as shown: choices (or Vrai/Faux), steps or left items, and the
/// right-hand options of a `match`.
pub fn options(question: &Question, layout: &Layout) -> (Vec<Labeled>, Vec<Labeled>) {
    let numbered = |texts: Vec<String>| -> Vec<Labeled> {
        texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| Labeled {
                label: (i + 1).to_string(),
                text,
            })
            .collect()
    };
    let lettered = |texts: Vec<String>| -> Vec<Labeled> {
        texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| Labeled {
                label: label(i),
                text,
            })
            .collect()
    };
    match question {
        Question::Single(c) | Question::Multiple(c) => (
            lettered(
                layout
                    .choices
                    .iter()
                    .filter_map(|&i| c.choices.get(i).map(|ch| to_line(&ch.text)))
                    .collect(),
            ),
            Vec::new(),
        ),
        Question::TrueFalse(_) => (
            vec![
                Labeled {
                    label: "V".into(),
                    text: words::QUIZ_TRUE.into(),
                },
                Labeled {
                    label: "F".into(),
                    text: words::QUIZ_FALSE.into(),
                },
            ],
            Vec::new(),
        ),
        Question::Order(o) => (
            numbered(
                layout
                    .items
                    .iter()
                    .filter_map(|&i| o.items.get(i).map(|t| to_line(t)))
                    .collect(),
            ),
            Vec::new(),
        ),
        Question::Match(m) => {
            let rights = m.right_options();
            (
                numbered(m.pairs.iter().map(|p| to_line(&p.left)).collect()),
                lettered(
                    layout
                        .rights
                        .iter()
                        .filter_map(|&i| rights.get(i).map(|t| to_line(t)))
                        .collect(),
                ),
            )
        }
        Question::Short(_) | Question::Numeric(_) | Question::Open(_) => (Vec::new(), Vec::new()),
    }
}

/// The letters offered: « A à D », « A ou B ».
fn range(n: usize) -> String {
    match n {
        0 | 1 => label(0),
        2 => strings::either(&label(0), &label(1)),
        n => strings::from_to(&label(0), &label(n - 1)),
    }
}

/// « une lettre de A à D », « A ou B »: what a one-letter answer may be.
fn one_letter(n: usize) -> String {
    if n > 2 {
        strings::one_letter_of(&range(n))
    } else {
        range(n)
    }
}

/// What to type, in one sentence.
pub fn instruction(question: &Question, layout: &Layout) -> String {
    match question {
        Question::Single(_) => strings::type_single(&range(layout.choices.len())),
        Question::Multiple(_) => strings::type_multiple(&range(layout.choices.len())),
        Question::TrueFalse(_) => strings::TYPE_TRUE_FALSE.into(),
        Question::Short(_) => strings::TYPE_SHORT.into(),
        Question::Numeric(n) => {
            strings::type_number(n.unit.as_deref().filter(|u| !u.trim().is_empty()))
        }
        Question::Order(_) => strings::type_order(&example_order(layout.items.len())),
        Question::Match(m) => strings::type_pairs(&example_pairs(m.pairs.len())),
        Question::Open(_) => strings::TYPE_OPEN.into(),
    }
}

/// « 2 1 3 4 », a sequence that is not the identity.
fn example_order(n: usize) -> String {
    let mut example: Vec<String> = (1..=n.max(2)).map(|i| i.to_string()).collect();
    example.swap(0, 1);
    example.join(" ")
}

/// « 1A 2B 3C ».
fn example_pairs(n: usize) -> String {
    (0..n.clamp(1, 3))
        .map(|i| format!("{}{}", i + 1, label(i)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A typed line understood.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Response(Response),
    /// The text of an `open` answer: the learner grades it once she has seen the model.
    Open(String),
}

/// Reads `typed` as an answer to `question`, or says in French what to type instead.
pub fn parse(question: &Question, layout: &Layout, typed: &str) -> Result<Reply, String> {
    let typed = typed.trim();
    let response = match question {
        Question::Single(_) => {
            let picked = picks(typed, layout.choices.len()).filter(|p| p.len() == 1);
            let Some(&[d]) = picked.as_deref() else {
                return Err(strings::not_single(&one_letter(layout.choices.len())));
            };
            Response::Choices(layout.choices.get(d).copied().into_iter().collect())
        }
        Question::Multiple(_) => {
            let Some(picked) = picks(typed, layout.choices.len()) else {
                return Err(strings::not_multiple(&range(layout.choices.len())));
            };
            let mut chosen: Vec<usize> = picked
                .iter()
                .filter_map(|&d| layout.choices.get(d).copied())
                .collect();
            chosen.sort_unstable();
            Response::Choices(chosen)
        }
        Question::TrueFalse(_) => match fold(typed).as_str() {
            "v" | "vrai" | "t" | "true" | "o" | "oui" => Response::Bool(true),
            "f" | "faux" | "false" | "n" | "non" => Response::Bool(false),
            _ => return Err(strings::NOT_TRUE_FALSE.into()),
        },
        Question::Short(_) => {
            if typed.is_empty() {
                return Err(strings::EMPTY_SHORT.into());
            }
            Response::Text(typed.to_owned())
        }
        Question::Numeric(_) => {
            if parse_number(typed).is_none() {
                return Err(strings::NOT_A_NUMBER.into());
            }
            Response::Text(typed.to_owned())
        }
        Question::Order(_) => {
            let n = layout.items.len();
            let Some(order) = sequence(typed, n) else {
                return Err(strings::not_order(n));
            };
            Response::Order(
                order
                    .iter()
                    .filter_map(|&d| layout.items.get(d).copied())
                    .collect(),
            )
        }
        Question::Match(m) => {
            let Some(pairs) = pairs(typed, m, layout.rights.len()) else {
                return Err(strings::not_pairs(
                    m.pairs.len(),
                    &one_letter(layout.rights.len()),
                    &example_pairs(m.pairs.len()),
                ));
            };
            Response::Pairs(
                pairs
                    .iter()
                    .map(|&d| layout.rights.get(d).copied())
                    .collect(),
            )
        }
        Question::Open(_) => {
            if typed.is_empty() {
                return Err(strings::EMPTY_OPEN.into());
            }
            return Ok(Reply::Open(typed.to_owned()));
        }
    };
    Ok(Reply::Response(response))
}

/// How the learner grades her open answer: 1, 2 or 3 (or the words).
pub fn parse_self_grade(typed: &str) -> Option<SelfGrade> {
    match fold(typed).as_str() {
        "1" | "juste" => Some(SelfGrade::Right),
        "2" | "en partie" => Some(SelfGrade::Partly),
        "3" | "a revoir" => Some(SelfGrade::Wrong),
        _ => None,
    }
}

/// Tokens of a typed answer: separated by spaces, commas or semicolons.
fn tokens(typed: &str) -> impl Iterator<Item = &str> {
    typed
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|t| !t.is_empty())
}

/// The display position a token names among `n`: « B », « b », « 2 », « 2. », « B) ».
fn pick(token: &str, n: usize) -> Option<usize> {
    let token = token.trim_end_matches(['.', ')']);
    if let Ok(number) = token.parse::<usize>() {
        return (1..=n).contains(&number).then(|| number - 1);
    }
    let mut chars = token.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => label_index(c).filter(|i| *i < n),
        _ => None,
    }
}

/// The display positions picked, each once: « A C », « a,c », « 1 3 », « AC ». `None` when a
/// token names no choice or nothing is picked.
fn picks(typed: &str, n: usize) -> Option<Vec<usize>> {
    let mut picked = Vec::new();
    for token in tokens(typed) {
        match pick(token, n) {
            Some(d) => picked.push(d),
            // Letters typed together, « AC ».
            None => {
                for c in token.chars() {
                    picked.push(label_index(c).filter(|i| *i < n)?);
                }
            }
        }
    }
    picked.sort_unstable();
    picked.dedup();
    (!picked.is_empty()).then_some(picked)
}

/// A full arrangement of the `n` numbered steps: « 3 1 2 4 », « 3,1,2,4 », or « 3124 » when
/// there are fewer than ten. `None` unless each number from 1 to `n` comes exactly once.
fn sequence(typed: &str, n: usize) -> Option<Vec<usize>> {
    let list: Vec<&str> = tokens(typed).collect();
    let numbers: Vec<usize> = match list.as_slice() {
        [one] if n < 10 && one.len() == n && one.chars().all(|c| c.is_ascii_digit()) => one
            .chars()
            .filter_map(|c| c.to_digit(10))
            .map(|d| d as usize)
            .collect(),
        _ => list
            .iter()
            .map(|t| t.trim_end_matches('.').parse().ok())
            .collect::<Option<_>>()?,
    };
    let mut seen = vec![false; n];
    let mut order = Vec::with_capacity(n);
    for number in numbers {
        let d = number.checked_sub(1).filter(|d| *d < n)?;
        if std::mem::replace(&mut seen[d], true) {
            return None;
        }
        order.push(d);
    }
    (order.len() == n).then_some(order)
}

/// One right-hand option (display position among `m`) for each left item, from « 1B 2A
/// 3C » (in any order, « 1-B », « 1 : B » too) or from letters alone in the items' order,
/// « B A C ». `None` unless every item gets exactly one option.
fn pairs(typed: &str, question: &MatchQuestion, m: usize) -> Option<Vec<usize>> {
    enum Token {
        Number(usize),
        Letter(usize),
    }
    let mut found = Vec::new();
    let mut chars = typed.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(digit) = c.to_digit(10) {
            let mut number = digit as usize;
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                number = number.checked_mul(10)?.checked_add(d as usize)?;
                chars.next();
            }
            found.push(Token::Number(number));
        } else if let Some(i) = label_index(c) {
            found.push(Token::Letter(i));
        } else if !(c.is_whitespace() || matches!(c, ',' | ';' | '-' | ':' | '=' | '.' | ')')) {
            return None;
        }
    }
    let n = question.pairs.len();
    let mut chosen: Vec<Option<usize>> = vec![None; n];
    if found.iter().all(|t| matches!(t, Token::Letter(_))) {
        if found.len() != n {
            return None;
        }
        for (slot, token) in chosen.iter_mut().zip(&found) {
            if let Token::Letter(i) = token {
                *slot = Some(*i);
            }
        }
    } else {
        let mut tokens = found.iter();
        while let Some(token) = tokens.next() {
            let (Token::Number(number), Some(Token::Letter(i))) = (token, tokens.next()) else {
                return None;
            };
            let slot = chosen.get_mut(number.checked_sub(1)?)?;
            if slot.replace(*i).is_some() {
                return None;
            }
        }
    }
    chosen.into_iter().map(|c| c.filter(|i| *i < m)).collect()
}

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
            strings::that_is(&numbers.join(" "), &texts.join(" ; "))
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
            strings::that_is(&codes.join(" "), &match_words(m, &rights, chosen))
        }
        (Question::Open(_), Response::SelfGraded { text, grade }) => {
            strings::self_graded(text, *grade)
        }
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
                .map_or_else(|| strings::NO_ANSWER.to_owned(), |r| to_line(r));
            format!("{} : {right}", to_line(&pair.left))
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

fn true_false(value: bool) -> &'static str {
    if value {
        words::QUIZ_TRUE
    } else {
        words::QUIZ_FALSE
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
        Question::Short(s) => words::short_answer(s),
        Question::Numeric(n) => words::numeric_answer(n),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::question::{Choice, ChoiceQuestion, OrderQuestion, Pair, TrueFalseQuestion};
    use crate::domain::session::{QuizSession, SessionKind};

    fn session() -> QuizSession {
        QuizSession::new(
            SessionKind::Review,
            vec!["q".into()],
            7,
            jiff::Timestamp::UNIX_EPOCH,
        )
    }

    fn choices(n: usize, correct: Vec<usize>, multiple: bool) -> Question {
        let q = ChoiceQuestion {
            id: "q".into(),
            prompt: "?".into(),
            explanation: String::new(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            choices: (0..n)
                .map(|i| Choice {
                    text: format!("c{i}"),
                    feedback: None,
                    weight: None,
                    ..Choice::default()
                })
                .collect(),
            correct,
        };
        if multiple {
            Question::Multiple(q)
        } else {
            Question::Single(q)
        }
    }

    fn response(q: &Question, layout: &Layout, typed: &str) -> Result<Response, String> {
        match parse(q, layout, typed)? {
            Reply::Response(r) => Ok(r),
            Reply::Open(_) => Err("open".into()),
        }
    }

    #[test]
    fn single_by_letter_or_number_through_the_layout() {
        let q = choices(4, vec![2], false);
        let layout = Layout {
            choices: vec![3, 2, 1, 0],
            ..Layout::default()
        };
        assert_eq!(response(&q, &layout, "b"), Ok(Response::Choices(vec![2])));
        assert_eq!(
            response(&q, &layout, " 2. "),
            Ok(Response::Choices(vec![2]))
        );
        assert_eq!(response(&q, &layout, "D)"), Ok(Response::Choices(vec![0])));
        for wrong in ["", "E", "5", "0", "A B", "AB", "oui", "-1"] {
            let err = response(&q, &layout, wrong).expect_err(wrong);
            assert_eq!(
                err,
                "Réponse non comprise : tapez une lettre de A à D, ou un numéro."
            );
        }
        assert_eq!(right_answer(&q, &layout).as_deref(), Some("B. c2"));
    }

    #[test]
    fn multiple_accepts_lists_in_any_form() {
        let q = choices(5, vec![0, 2], true);
        let layout = Layout {
            choices: vec![0, 1, 2, 3, 4],
            ..Layout::default()
        };
        for typed in ["A C", "a,c", "1 3", "AC", "c; a; a", "1,C"] {
            assert_eq!(
                response(&q, &layout, typed),
                Ok(Response::Choices(vec![0, 2])),
                "{typed}"
            );
        }
        for wrong in ["", "A Z", "ACZ", "6", ",,"] {
            assert!(response(&q, &layout, wrong).is_err(), "{wrong}");
        }
        assert_eq!(
            describe(&q, &layout, &Response::Choices(vec![2, 0])).as_deref(),
            Some("A. c0 ; C. c2")
        );
    }

    #[test]
    fn true_false_words() {
        let q = Question::TrueFalse(TrueFalseQuestion {
            id: "q".into(),
            prompt: "?".into(),
            explanation: String::new(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            answer: false,
            feedback_true: None,
            feedback_false: None,
        });
        let layout = Layout::default();
        for yes in ["v", "Vrai", "t", "TRUE", "o", "oui"] {
            assert_eq!(
                response(&q, &layout, yes),
                Ok(Response::Bool(true)),
                "{yes}"
            );
        }
        for no in ["f", "FAUX", "false", "n", "Non"] {
            assert_eq!(response(&q, &layout, no), Ok(Response::Bool(false)), "{no}");
        }
        assert!(response(&q, &layout, "peut-être").is_err());
        assert_eq!(right_answer(&q, &layout).as_deref(), Some("Faux"));
    }

    fn order(n: usize) -> Question {
        Question::Order(OrderQuestion {
            id: "q".into(),
            prompt: "?".into(),
            explanation: String::new(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            items: (0..n).map(|i| format!("étape {i}")).collect(),
        })
    }

    #[test]
    fn order_needs_each_number_once() {
        let q = order(4);
        // Shown: 1 = étape 2, 2 = étape 0, 3 = étape 3, 4 = étape 1.
        let layout = Layout {
            items: vec![2, 0, 3, 1],
            ..Layout::default()
        };
        for typed in ["2 4 1 3", "2,4,1,3", "2413", "2. 4. 1. 3."] {
            assert_eq!(
                response(&q, &layout, typed),
                Ok(Response::Order(vec![0, 1, 2, 3])),
                "{typed}"
            );
        }
        for wrong in ["2 4 1", "2 4 1 1", "2 4 1 5", "0 1 2 3", "a b c d", ""] {
            assert!(response(&q, &layout, wrong).is_err(), "{wrong}");
        }
        assert_eq!(
            right_answer(&q, &layout).as_deref(),
            Some("2 4 1 3, soit : étape 0 ; étape 1 ; étape 2 ; étape 3")
        );
    }

    #[test]
    fn order_layout_never_shows_the_answer() {
        let q = order(2);
        for seed in 0..20 {
            let mut s = session();
            s.seed = seed;
            assert_eq!(Layout::of_session(&q, &s, 0).items, vec![1, 0]);
        }
    }

    #[test]
    fn match_pairs_by_code_or_letters_in_order() {
        let m = MatchQuestion {
            id: "q".into(),
            prompt: "?".into(),
            explanation: String::new(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            pairs: vec![
                Pair {
                    left: "Médecin traitant".into(),
                    right: "Partagé".into(),
                },
                Pair {
                    left: "Employeur".into(),
                    right: "Non partagé".into(),
                },
                Pair {
                    left: "Expert".into(),
                    right: "Non partagé".into(),
                },
            ],
            distractors: vec!["Sur demande".into()],
        };
        let q = Question::Match(m);
        // Shown: A = Sur demande (2), B = Partagé (0), C = Non partagé (1).
        let layout = Layout {
            rights: vec![2, 0, 1],
            ..Layout::default()
        };
        let right = Ok(Response::Pairs(vec![Some(0), Some(1), Some(1)]));
        for typed in [
            "1B 2C 3C",
            "3c 1b 2c",
            "1-B, 2-C, 3-C",
            "1 : B ; 2 : C ; 3 : C",
            "B C C",
        ] {
            assert_eq!(response(&q, &layout, typed), right, "{typed}");
        }
        for wrong in [
            "1B 2C",
            "1B 1C 3C",
            "1B 2C 4C",
            "1D 2C 3C",
            "B C",
            "1B 2C 3",
            "1é 2C 3C",
        ] {
            assert!(response(&q, &layout, wrong).is_err(), "{wrong}");
        }
        assert_eq!(
            right_answer(&q, &layout).as_deref(),
            Some(
                "1B 2C 3C, soit : Médecin traitant : Partagé ; Employeur : Non partagé ; Expert : Non partagé"
            )
        );
    }

    #[test]
    fn self_grades_and_labels() {
        assert_eq!(parse_self_grade("1"), Some(SelfGrade::Right));
        assert_eq!(parse_self_grade(" En partie "), Some(SelfGrade::Partly));
        assert_eq!(parse_self_grade("à revoir"), Some(SelfGrade::Wrong));
        assert_eq!(parse_self_grade("4"), None);
        assert_eq!(label(0), "A");
        assert_eq!(one_letter(2), "A ou B");
        assert_eq!(one_letter(4), "une lettre de A à D");
        // No J, K or Q: the same letters as in the full-screen app, where they are keys.
        assert_eq!(label(9), "L");
        assert_eq!(label(22), "Z");
        assert_eq!(label(23), "24");
        assert_eq!(example_order(4), "2 1 3 4");
        assert_eq!(example_pairs(5), "1A 2B 3C");
    }
}
