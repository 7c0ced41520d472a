//! What the room reads of a question, as paragraphs for [`fit`](super::fit): the prompt, the
//! options with their letters, the right answer and the explanation; and what the trainer
//! types for a team turned into a response.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span, Text};

use super::fit::{Para, Role};
use crate::domain::group::letter;
use crate::domain::layout::label_index;
use crate::domain::question::{MatchQuestion, Question, Response};
use crate::domain::text::parse_number;
use crate::tui::screens::group::strings;
use crate::tui::theme::{MarkdownStyles, Theme};
use crate::words;

/// The prompt in bold, from its markdown.
pub(super) fn prompt_text(question: &Question, theme: &Theme) -> Text<'static> {
    let options = tui_markdown::Options::new(MarkdownStyles(*theme));
    let text = tui_markdown::from_str_with_options(question.prompt(), &options);
    let lines: Vec<Line<'static>> = text
        .lines
        .into_iter()
        .map(|line| {
            Line::from(
                line.spans
                    .into_iter()
                    .map(|s| {
                        Span::styled(s.content.into_owned(), s.style.add_modifier(Modifier::BOLD))
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    Text::from(lines)
}

/// The words of `text`, without their styles.
fn plain(text: &Text<'_>) -> String {
    text.lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn prompt_para(question: &Question, theme: &Theme) -> Para {
    let prompt = prompt_text(question, theme);
    Para::new(
        Role::Lead,
        plain(&prompt),
        theme.base.add_modifier(Modifier::BOLD),
        prompt,
    )
}

/// An option of the list: its label in high contrast, then its text; `mark` after it.
fn option_para(label: &str, text: &str, mark: Option<&str>, theme: &Theme) -> Para {
    let mut spans = vec![
        Span::styled(format!(" {label} "), theme.selected),
        Span::styled(format!("  {text}"), theme.base),
    ];
    if let Some(mark) = mark {
        spans.push(Span::styled(format!("  {mark}"), theme.correct));
    }
    Para::new(
        Role::Main,
        format!("{label} {text}"),
        theme.base,
        Line::from(spans),
    )
}

fn help_para(text: String, theme: &Theme) -> Para {
    Para::small(Line::styled(text, theme.muted))
}

/// What the room reads while the question is open: the prompt, then the options with their
/// letters, or how to answer.
pub(super) fn question_paras(question: &Question, order: &[usize], theme: &Theme) -> Vec<Para> {
    let mut paras = vec![prompt_para(question, theme)];
    paras.extend(option_paras(question, order, false, theme));
    let help = match question {
        Question::Multiple(_) => Some(strings::GROUP_SEVERAL.to_owned()),
        Question::Order(_) => Some(strings::GROUP_ORDER_HELP.to_owned()),
        Question::Match(_) => Some(strings::GROUP_MATCH_HELP.to_owned()),
        Question::Numeric(n) => Some(strings::group_number_help(n.unit.as_deref())),
        Question::Short(_) => Some(strings::GROUP_SHORT_HELP.to_owned()),
        Question::Open(_) => Some(strings::GROUP_OPEN_HELP.to_owned()),
        Question::Single(_) | Question::TrueFalse(_) => None,
    };
    paras.extend(help.map(|h| help_para(h, theme)));
    paras
}

/// The options of the question with their labels; with `revealed`, the right ones marked
/// in words (never by colour alone).
fn option_paras(question: &Question, order: &[usize], revealed: bool, theme: &Theme) -> Vec<Para> {
    let mark = |right: bool| (revealed && right).then_some(strings::GROUP_RIGHT_MARK);
    match question {
        Question::Single(c) | Question::Multiple(c) => order
            .iter()
            .enumerate()
            .map(|(d, &i)| {
                let text = c.choices.get(i).map_or("", |c| c.text.as_str());
                option_para(&letter(d), text, mark(c.correct.contains(&i)), theme)
            })
            .collect(),
        Question::TrueFalse(tf) => [
            ("V", words::QUIZ_TRUE, true),
            ("F", words::QUIZ_FALSE, false),
        ]
        .into_iter()
        .map(|(key, word, value)| option_para(key, word, mark(tf.answer == value), theme))
        .collect(),
        Question::Order(o) => order
            .iter()
            .enumerate()
            .map(|(d, &i)| {
                let place = revealed.then(|| strings::group_place(i + 1));
                let text = o.items.get(i).map_or("", String::as_str);
                let mut para = option_para(&letter(d), text, None, theme);
                if let Some(place) = place {
                    para.normal.lines[0]
                        .push_span(Span::styled(format!("  → {place}"), theme.correct));
                }
                para
            })
            .collect(),
        Question::Match(m) => match_paras(m, order, theme),
        Question::Numeric(_) | Question::Short(_) | Question::Open(_) => Vec::new(),
    }
}

/// The left items numbered from 1, then the right options with their letters.
fn match_paras(m: &MatchQuestion, order: &[usize], theme: &Theme) -> Vec<Para> {
    let rights = m.right_options();
    let mut paras: Vec<Para> = m
        .pairs
        .iter()
        .enumerate()
        .map(|(i, p)| option_para(&(i + 1).to_string(), &p.left, None, theme))
        .collect();
    paras.extend(order.iter().enumerate().map(|(d, &i)| {
        option_para(
            &letter(d),
            rights.get(i).copied().unwrap_or(""),
            None,
            theme,
        )
    }));
    paras
}

/// What the room reads once the answer is revealed: the prompt, the options with the right
/// ones marked (left out when room is short: the answer names them), the right answer, the
/// explanation, and who found it (`found`, the teams right; `None` for a discussion).
pub(super) fn reveal_paras(
    question: &Question,
    order: &[usize],
    found: Option<&[&str]>,
    theme: &Theme,
) -> Vec<Para> {
    let mut paras = vec![prompt_para(question, theme)];
    paras.extend(
        option_paras(question, order, true, theme)
            .into_iter()
            .map(|mut p| {
                p.role = Role::Small;
                p.optional()
            }),
    );
    if let Question::Open(o) = question {
        let model = format!("{} : {}", strings::GROUP_MODEL_ANSWER, o.model_answer);
        paras.push(Para::new(
            Role::Main,
            model.clone(),
            theme.correct,
            Line::styled(model, theme.correct),
        ));
        paras.extend(o.checklist.iter().map(|c| {
            let text = format!("• {c}");
            Para::new(Role::Detail, text.clone(), theme.base, Line::raw(text))
        }));
    } else {
        let right = format!(
            "{} : {}",
            words::QUIZ_RIGHT_ANSWER,
            right_answer(question, order)
        );
        paras.push(Para::new(
            Role::Main,
            right.clone(),
            theme.correct,
            Line::styled(right, theme.correct),
        ));
        // The EDN's rules for this question: why a team may have scored 0.
        paras.extend(words::decisive_rules(question).into_iter().map(|rule| {
            Para::new(
                Role::Detail,
                rule.clone(),
                theme.wrong,
                Line::styled(rule, theme.wrong),
            )
        }));
    }
    if !question.explanation().is_empty() {
        let heading = format!("{} : ", strings::QUIZ_EXPLANATION);
        paras.push(Para::new(
            Role::Detail,
            format!("{heading}{}", question.explanation()),
            theme.base,
            Line::from(vec![
                Span::styled(heading, theme.heading),
                Span::styled(question.explanation().to_owned(), theme.base),
            ]),
        ));
    }
    let found = match found {
        None => strings::GROUP_DISCUSSION.to_owned(),
        Some([]) => strings::GROUP_NOBODY_FOUND.to_owned(),
        Some(names) => strings::group_found_by(&names.join(", ")),
    };
    paras.push(Para::new(
        Role::Detail,
        found.clone(),
        theme.heading,
        Line::styled(found, theme.heading),
    ));
    paras
}

/// The right answer in words: letters and texts, « Vrai », a number, an order of letters,
/// the letter of each left item's partner.
pub(crate) fn right_answer(question: &Question, order: &[usize]) -> String {
    let shown = |i: usize| order.iter().position(|&o| o == i);
    match question {
        Question::Single(c) | Question::Multiple(c) => {
            let mut right: Vec<(usize, &str)> = c
                .correct
                .iter()
                .filter_map(|&i| Some((shown(i)?, c.choices.get(i)?.text.as_str())))
                .collect();
            right.sort_unstable();
            right
                .iter()
                .map(|(d, t)| format!("{} — {t}", letter(*d)))
                .collect::<Vec<_>>()
                .join(" ; ")
        }
        Question::TrueFalse(tf) => if tf.answer {
            words::QUIZ_TRUE
        } else {
            words::QUIZ_FALSE
        }
        .to_owned(),
        Question::Order(o) => (0..o.items.len())
            .filter_map(|i| shown(i).map(letter))
            .collect::<Vec<_>>()
            .join(" → "),
        Question::Match(m) => {
            let rights = m.right_options();
            m.pairs
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let partner = rights
                        .iter()
                        .position(|r| *r == p.right)
                        .and_then(shown)
                        .map_or_else(|| "?".to_owned(), letter);
                    format!("{} → {partner}", i + 1)
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
        Question::Numeric(n) => words::numeric_answer(n).unwrap_or_default(),
        Question::Short(s) => words::short_answer(s).unwrap_or_default(),
        Question::Open(o) => o.model_answer.clone(),
    }
}

/// How to answer this kind, beside the typed text.
pub(super) fn entry_help(question: &Question, choices: usize) -> String {
    let last = letter(choices.saturating_sub(1));
    match question {
        Question::Single(_) => strings::group_help_single(&last),
        Question::Multiple(_) => strings::group_help_multiple(&last),
        Question::Order(_) => strings::group_help_order(&last),
        Question::Match(m) => strings::group_help_match(m.pairs.len(), &last),
        Question::TrueFalse(_) => strings::GROUP_HELP_TRUE_FALSE.to_owned(),
        Question::Numeric(_) => strings::GROUP_HELP_NUMERIC.to_owned(),
        Question::Short(_) => strings::GROUP_HELP_SHORT.to_owned(),
        Question::Open(_) => String::new(),
    }
}

/// The display position a typed letter stands for among `n`, case-insensitive.
pub(super) fn choice_index(c: char, n: usize) -> Option<usize> {
    label_index(c).filter(|i| *i < n)
}

/// What the trainer typed for a team, as a response to `question` (whose choices, steps or
/// right-hand options are shown in `order`), or what is wrong with it.
pub(super) fn parse_typed(
    question: &Question,
    order: &[usize],
    typed: &str,
) -> Result<Response, &'static str> {
    let positions = |typed: &str| -> Vec<usize> {
        typed
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| choice_index(c, order.len()).and_then(|d| order.get(d).copied()))
            .collect::<Option<Vec<usize>>>()
            .unwrap_or_default()
    };
    match question {
        Question::Single(_) | Question::Multiple(_) => {
            let mut picked = positions(typed);
            if picked.is_empty() {
                return Err(strings::GROUP_TYPE_LETTERS);
            }
            picked.sort_unstable();
            picked.dedup();
            Ok(Response::Choices(picked))
        }
        Question::TrueFalse(_) => match typed.trim() {
            "V" | "v" => Ok(Response::Bool(true)),
            "F" | "f" => Ok(Response::Bool(false)),
            _ => Err(strings::GROUP_TYPE_TRUE_FALSE),
        },
        Question::Numeric(_) => {
            if parse_number(typed).is_some() {
                Ok(Response::Text(typed.trim().to_owned()))
            } else {
                Err(strings::QUIZ_NOT_A_NUMBER)
            }
        }
        Question::Short(_) if typed.trim().is_empty() => Err(strings::GROUP_TYPE_SHORT),
        Question::Short(_) => Ok(Response::Text(typed.trim().to_owned())),
        Question::Order(_) => {
            let sequence = positions(typed);
            let mut sorted = sequence.clone();
            sorted.sort_unstable();
            sorted.dedup();
            if sequence.len() == order.len() && sorted.len() == order.len() {
                Ok(Response::Order(sequence))
            } else {
                Err(strings::GROUP_TYPE_ORDER)
            }
        }
        Question::Match(m) => {
            // One letter for each left item, in their order; a partner may serve twice.
            let partners = positions(typed);
            if partners.len() == m.pairs.len() {
                Ok(Response::Pairs(partners.into_iter().map(Some).collect()))
            } else {
                Err(strings::GROUP_TYPE_MATCH)
            }
        }
        Question::Open(_) => Err(strings::GROUP_OPEN_HELP),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::question::{Choice, ChoiceQuestion, OrderQuestion, Pair};

    fn choices(n: usize, multiple: bool) -> Question {
        let c = ChoiceQuestion {
            id: "c".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            choices: (0..n)
                .map(|i| Choice {
                    text: format!("{i}"),
                    feedback: None,
                    weight: None,
                    ..Choice::default()
                })
                .collect(),
            correct: vec![0],
        };
        if multiple {
            Question::Multiple(c)
        } else {
            Question::Single(c)
        }
    }

    #[test]
    fn the_reveal_states_the_choices_that_decide_a_score_alone() {
        let Question::Multiple(mut c) = choices(4, true) else {
            unreachable!("a multiple question");
        };
        c.choices[1].indispensable = true;
        c.choices[3].inacceptable = true;
        let question = Question::Multiple(c);
        let theme = Theme::monochrome();
        let said: Vec<String> = reveal_paras(&question, &[0, 1, 2, 3], Some(&[]), &theme)
            .into_iter()
            .map(|p| p.big)
            .collect();
        for rule in [
            "Réponse indispensable : « 1 » : l’oublier donne 0 à la question.",
            "Réponse inacceptable : « 3 » : la cocher donne 0 à la question.",
        ] {
            assert!(said.iter().any(|s| s == rule), "{rule}: {said:?}");
        }
        // A question without such choices states no rule.
        let plain = reveal_paras(&choices(4, true), &[0, 1, 2, 3], Some(&[]), &theme);
        assert!(plain.iter().all(|p| !p.big.contains("donne 0")));
    }

    #[test]
    fn typed_answers_become_responses_in_content_order() {
        let order = [2, 0, 3, 1];
        assert_eq!(
            parse_typed(&choices(4, true), &order, "CA"),
            Ok(Response::Choices(vec![2, 3]))
        );
        assert!(parse_typed(&choices(4, false), &order, "").is_err());
        assert!(
            parse_typed(&choices(4, false), &order, "E").is_err(),
            "no E"
        );
        let steps = Question::Order(OrderQuestion {
            id: "o".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            items: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        });
        assert_eq!(
            parse_typed(&steps, &order, "bdac"),
            Ok(Response::Order(vec![0, 1, 2, 3]))
        );
        assert!(
            parse_typed(&steps, &order, "BDA").is_err(),
            "a step missing"
        );
        assert!(parse_typed(&steps, &order, "BDAA").is_err(), "a step twice");
        assert_eq!(choice_index('e', 4), None);
        assert_eq!(choice_index('ç', 4), None);
    }

    #[test]
    fn a_match_is_a_letter_per_left_item() {
        let m = Question::Match(MatchQuestion {
            id: "m".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            pairs: vec![
                Pair {
                    left: "un".into(),
                    right: "x".into(),
                },
                Pair {
                    left: "deux".into(),
                    right: "y".into(),
                },
            ],
            distractors: vec!["z".into()],
        });
        // Shown: A = z, B = x, C = y.
        let order = [2, 0, 1];
        assert_eq!(
            parse_typed(&m, &order, "B C"),
            Ok(Response::Pairs(vec![Some(0), Some(1)]))
        );
        assert_eq!(right_answer(&m, &order), "1 → B, 2 → C");
        assert!(parse_typed(&m, &order, "B").is_err(), "one missing");
        assert_eq!(
            parse_typed(&m, &order, "aa"),
            Ok(Response::Pairs(vec![Some(2), Some(2)]))
        );
    }
}
