//! The room's type: the prompt in big letters when it fits, the options and answers in words,
//! and what the trainer types for a team turned into a response.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use tui_big_text::{BigText, PixelSize};

use crate::domain::group::letter;
use crate::domain::layout::label_index;
use crate::domain::question::{Question, Response};
use crate::domain::text::parse_number;
use crate::tui::strings;
use crate::tui::theme::{MarkdownStyles, Theme};
use crate::words;

/// The pixel size of the big numbers for `area`, or `None` when there is no room for them.
pub(super) fn big_size(area: Rect) -> Option<PixelSize> {
    if area.height >= 36 && area.width >= 100 {
        Some(PixelSize::Full)
    } else if area.height >= 16 {
        Some(PixelSize::Quadrant)
    } else {
        None
    }
}

pub(super) fn big_text(
    text: &str,
    pixel: PixelSize,
    style: Style,
    alignment: Alignment,
) -> BigText<'static> {
    BigText::builder()
        .pixel_size(pixel)
        .style(style)
        .alignment(alignment)
        .lines(vec![Line::raw(text.to_owned())])
        .build()
}

pub(super) fn wrapped_rows(line: &Line<'_>, width: u16) -> u16 {
    wrapped_rows_text(&Text::from(line.clone()), width)
}

pub(super) fn wrapped_rows_text(text: &Text<'_>, width: u16) -> u16 {
    crate::tui::widgets::wrapped_height(text, width).max(1)
}

/// Draws the prompt, as large as the room left by `rest` allows (in big letters when they
/// fit above it, else in bold), then `rest`, with a blank line between its lines when
/// `space_rest` and there is room.
pub(super) fn render_question(
    prompt: Text<'static>,
    rest: Vec<Line<'static>>,
    space_rest: bool,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let rest_rows = wrapped_rows_text(&Text::from(rest.clone()), area.width);
    let big = big_prompt(
        &prompt,
        area.width,
        area.height.saturating_sub(rest_rows + 1),
    );
    let (mut text, below) = if let Some((pixel, lines, height)) = big {
        let [top, below] =
            Layout::vertical([Constraint::Length(height + 1), Constraint::Fill(1)]).areas(area);
        BigText::builder()
            .pixel_size(pixel)
            .style(theme.base)
            .lines(lines.into_iter().map(Line::raw).collect::<Vec<_>>())
            .build()
            .render(top, buf);
        (Text::default(), below)
    } else {
        let mut text = prompt;
        text.lines.push(Line::raw(""));
        (text, area)
    };
    let spaced = space_rest
        && below.height >= wrapped_rows_text(&text, below.width).saturating_add(rest_rows * 2);
    for line in rest {
        text.lines.push(line);
        if spaced {
            text.lines.push(Line::raw(""));
        }
    }
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .render(below, buf);
}

/// The lines of `prompt` in big letters and their pixel size and height, when they fit in
/// `width` × `rows`: half-height letters (square on screen) if they can, else quadrant ones.
pub(super) fn big_prompt(
    prompt: &Text<'_>,
    width: u16,
    rows: u16,
) -> Option<(PixelSize, Vec<String>, u16)> {
    let words: String = prompt
        .lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let words: String = words.chars().flat_map(big_glyphs).collect();
    [(PixelSize::HalfHeight, 8, 4), (PixelSize::Quadrant, 4, 4)]
        .into_iter()
        .find_map(|(pixel, glyph_width, glyph_height)| {
            let columns = usize::from(width / glyph_width);
            // Fewer letters a line would cut most words.
            if columns < 12 {
                return None;
            }
            let lines = wrap_words(&words, columns);
            let height = u16::try_from(lines.len()).ok()?.checked_mul(glyph_height)?;
            (height <= rows).then_some((pixel, lines, height))
        })
}

/// `c` as the 8×8 font of the big letters can draw it (ASCII and Latin-1): typographic
/// apostrophes, ligatures and the euro sign are spelt with the letters it has.
pub(super) fn big_glyphs(c: char) -> Vec<char> {
    match c {
        '\u{2018}' | '\u{2019}' => vec!['\''],
        '\u{201C}' | '\u{201D}' => vec!['"'],
        'œ' => vec!['o', 'e'],
        'Œ' => vec!['O', 'E'],
        '€' => vec!['E', 'U', 'R'],
        '…' => vec!['.', '.', '.'],
        '\u{2013}' | '\u{2014}' => vec!['-'],
        c if c.is_whitespace() => vec![' '],
        c if (' '..='~').contains(&c) || ('\u{A0}'..='\u{FF}').contains(&c) => vec![c],
        _ => vec!['?'],
    }
}

/// `text` cut into lines of at most `width` characters at spaces (a longer word is cut).
pub(super) fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

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

/// The choices or steps with their letters in high contrast, or how to answer. With
/// `revealed`, the right ones are marked in words.
pub(super) fn choice_lines(
    question: &Question,
    order: &[usize],
    revealed: Option<&Question>,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let label = |l: String| Span::styled(format!(" {l} "), theme.selected);
    let mut lines = Vec::new();
    match question {
        Question::Single(c) | Question::Multiple(c) => {
            if matches!(question, Question::Multiple(_)) && revealed.is_none() {
                lines.push(Line::styled(strings::GROUP_SEVERAL, theme.muted));
            }
            for (d, &i) in order.iter().enumerate() {
                let mut spans = vec![
                    label(letter(d)),
                    Span::raw(format!(
                        "  {}",
                        c.choices.get(i).map_or("", |c| c.text.as_str())
                    )),
                ];
                if revealed.is_some() && c.correct.contains(&i) {
                    spans.push(Span::styled(
                        format!("  {}", strings::GROUP_RIGHT_MARK),
                        theme.correct,
                    ));
                }
                lines.push(Line::from(spans));
            }
        }
        Question::TrueFalse(tf) => {
            for (key, word, value) in [
                ("V", words::QUIZ_TRUE, true),
                ("F", words::QUIZ_FALSE, false),
            ] {
                let mut spans = vec![label(key.to_owned()), Span::raw(format!("  {word}"))];
                if revealed.is_some() && tf.answer == value {
                    spans.push(Span::styled(
                        format!("  {}", strings::GROUP_RIGHT_MARK),
                        theme.correct,
                    ));
                }
                lines.push(Line::from(spans));
            }
        }
        Question::Order(o) => {
            if revealed.is_none() {
                lines.push(Line::styled(strings::GROUP_ORDER_HELP, theme.muted));
            }
            for (d, &i) in order.iter().enumerate() {
                let mut spans = vec![
                    label(letter(d)),
                    Span::raw(format!("  {}", o.items.get(i).map_or("", String::as_str))),
                ];
                if revealed.is_some() {
                    spans.push(Span::styled(
                        format!("  → {}", strings::group_place(i + 1)),
                        theme.correct,
                    ));
                }
                lines.push(Line::from(spans));
            }
        }
        Question::Numeric(n) if revealed.is_none() => {
            let unit = n
                .unit
                .as_deref()
                .map_or(String::new(), |u| format!(" ({u})"));
            lines.push(Line::styled(
                format!("{}{unit}", strings::GROUP_NUMBER_HELP),
                theme.muted,
            ));
        }
        _ => {}
    }
    lines
}

/// The right answer in words: letters and texts, « Vrai », a number, an order of letters.
pub(super) fn right_answer(question: &Question, order: &[usize]) -> String {
    let shown = |i: usize| order.iter().position(|&o| o == i);
    let letter_of = |i: usize| shown(i).map(letter);
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
            .filter_map(letter_of)
            .collect::<Vec<_>>()
            .join(" → "),
        Question::Numeric(n) => {
            let unit = n.unit.as_deref().map_or(String::new(), |u| format!(" {u}"));
            n.answers
                .iter()
                .find(|a| a.weight.unwrap_or(100.0) >= 100.0)
                .or(n.answers.first())
                .and_then(|a| a.bounds().map(|b| (a, b)))
                .map_or_else(String::new, |(a, (lo, hi))| match a.value {
                    Some(v) if lo == hi => format!("{}{unit}", words::number(v)),
                    Some(v) => format!(
                        "{}{unit} ({})",
                        words::number(v),
                        strings::group_within(&words::number(hi - v))
                    ),
                    None => strings::group_between(&words::number(lo), &words::number(hi), &unit),
                })
        }
        Question::Short(_) | Question::Match(_) | Question::Open(_) => String::new(),
    }
}

/// How to answer this kind, beside the typed text.
pub(super) fn entry_help(question: &Question, choices: usize) -> String {
    let last = letter(choices.saturating_sub(1));
    match question {
        Question::Single(_) => strings::group_help_single(&last),
        Question::Multiple(_) => strings::group_help_multiple(&last),
        Question::Order(_) => strings::group_help_order(&last),
        Question::TrueFalse(_) => strings::GROUP_HELP_TRUE_FALSE.to_owned(),
        Question::Numeric(_) => strings::GROUP_HELP_NUMERIC.to_owned(),
        Question::Short(_) | Question::Match(_) | Question::Open(_) => String::new(),
    }
}

/// The display position a typed letter stands for among `n`, case-insensitive.
pub(super) fn choice_index(c: char, n: usize) -> Option<usize> {
    label_index(c).filter(|i| *i < n)
}

/// What the trainer typed for a team, as a response to `question` (whose choices or steps
/// are shown in `order`), or what is wrong with it.
pub(super) fn parse_typed(
    question: &Question,
    order: &[usize],
    typed: &str,
) -> Result<Response, &'static str> {
    let indices = |typed: &str| -> Vec<usize> {
        typed
            .chars()
            .filter_map(|c| choice_index(c, order.len()))
            .filter_map(|d| order.get(d).copied())
            .collect()
    };
    match question {
        Question::Single(_) | Question::Multiple(_) => {
            let mut picked = indices(typed);
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
        Question::Order(_) => {
            let sequence = indices(typed);
            let mut sorted = sequence.clone();
            sorted.sort_unstable();
            sorted.dedup();
            if sequence.len() == order.len() && sorted.len() == order.len() {
                Ok(Response::Order(sequence))
            } else {
                Err(strings::GROUP_TYPE_ORDER)
            }
        }
        Question::Short(_) | Question::Match(_) | Question::Open(_) => {
            Err(strings::GROUP_KIND_UNFIT)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::question::{Choice, ChoiceQuestion, OrderQuestion};

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
    fn typed_answers_become_responses_in_content_order() {
        let order = [2, 0, 3, 1];
        assert_eq!(
            parse_typed(&choices(4, true), &order, "CA"),
            Ok(Response::Choices(vec![2, 3]))
        );
        assert!(parse_typed(&choices(4, false), &order, "").is_err());
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
    fn big_letters_wrap_at_spaces_and_spell_what_the_font_lacks() {
        assert_eq!(
            wrap_words("Montant de l'amende en euros", 12),
            vec!["Montant de", "l'amende en", "euros"]
        );
        assert_eq!(
            wrap_words("anticonstitutionnel", 8),
            vec!["anticons", "titution", "nel"]
        );
        let spelt: String = "l’œil — 15 €".chars().flat_map(big_glyphs).collect();
        assert_eq!(spelt, "l'oeil - 15 EUR");
    }
}
