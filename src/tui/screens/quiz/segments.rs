//! The quiz drawn as a stack of segments (the prompt, each option, the feedback…), scrolled
//! so that the focus stays in view, each clickable segment remembered for the mouse.

use std::cell::RefCell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};

use crate::domain::content::Module;
use crate::domain::layout::label;
use crate::domain::question::{
    ChoiceQuestion, MatchQuestion, Outcome, Question, Response, TrueFalseQuestion, Verdict,
};
use crate::tui::screens::lesson::source_line;
use crate::tui::strings;
use crate::tui::theme::{Theme, markdown};
use crate::tui::widgets::Wrapped;
use crate::words;

use super::CaseView;
use super::input::Input;
use super::open;

/// What a click on the question can hit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Hit {
    Choice(usize),
    TrueFalse(usize),
    OrderItem(usize),
    MatchLeft(usize),
    MatchRight(usize),
    /// A key point of an open question, ticked by a click.
    KeyPoint(usize),
    /// The heading of an open question's model answer, brought to the top once revealed.
    ModelAnswer,
}

/// A segment of the stack: its text, and what a click on it hits.
pub type Segment<'a> = (Text<'a>, Option<Hit>);

/// The question's prompt, its options as `input` holds them and, once answered (`outcome`),
/// the feedback on `last`, the response just given. Returns where the verdict starts. `beside`:
/// an open answer is drawn beside the stack, not in it.
#[allow(clippy::too_many_arguments)] // the parts of one drawing, each read once
pub fn question_segments<'a>(
    input: &'a Input,
    outcome: Option<&'a Outcome>,
    question: &'a Question,
    module: Option<&'a Module>,
    last: Option<&'a Response>,
    theme: &Theme,
    width: u16,
    beside: bool,
    out: &mut Vec<Segment<'a>>,
) -> Option<usize> {
    out.push((markdown(question.prompt(), theme, width), None));
    out.push((Text::raw(""), None));
    let answered = outcome.is_some();
    match (input, question) {
        (
            Input::Choices {
                order,
                cursor,
                picked,
                multiple,
            },
            Question::Single(c) | Question::Multiple(c),
        ) => choices(c, order, *cursor, picked, *multiple, answered, theme, out),
        (Input::TrueFalse { cursor }, Question::TrueFalse(tf)) => {
            let given = match outcome.and(last) {
                Some(Response::Bool(b)) => Some(*b),
                _ => None,
            };
            true_false(tf, *cursor, given, answered, theme, out);
        }
        (
            Input::Order {
                arrangement,
                cursor,
                grabbed,
            },
            Question::Order(o),
        ) => order(
            &o.items,
            arrangement,
            *cursor,
            *grabbed,
            answered,
            theme,
            out,
        ),
        (
            Input::Match {
                right_order,
                cursor,
                pairs,
            },
            Question::Match(m),
        ) => matching(m, right_order, *cursor, pairs, outcome, theme, out),
        (Input::Open(answer), Question::Open(o)) if answer.revealed && !answered => {
            open::checking(answer, o, beside, theme, width, out);
        }
        _ => {}
    }
    let o = outcome?;
    out.push((Text::raw(""), None));
    let verdict_at = out.len();
    feedback(question, module, o, last, (width, beside), theme, out);
    Some(verdict_at)
}

/// The style of a line: focused, or not.
fn styles(theme: &Theme, focused: bool) -> (ratatui::style::Style, ratatui::style::Style) {
    if focused {
        (theme.focus, theme.focus)
    } else {
        (theme.key, theme.base)
    }
}

#[allow(clippy::too_many_arguments)] // the parts of one list, each read once
fn choices<'a>(
    c: &'a ChoiceQuestion,
    order: &[usize],
    cursor: usize,
    picked: &[bool],
    multiple: bool,
    answered: bool,
    theme: &Theme,
    out: &mut Vec<Segment<'a>>,
) {
    for (d, &i) in order.iter().enumerate() {
        let box_ = match (multiple, picked[d]) {
            (true, true) => "[x]",
            (true, false) => "[ ]",
            (false, true) => "(•)",
            (false, false) => "( )",
        };
        let focused = !answered && d == cursor;
        let (key_style, text_style) = styles(theme, focused);
        let mut spans = vec![
            Span::styled(
                format!("{} {box_} {}. ", if focused { "▶" } else { " " }, label(d)),
                key_style,
            ),
            Span::styled(c.choices[i].text.as_str(), text_style),
        ];
        if answered {
            if c.correct.contains(&i) {
                spans.push(Span::styled(strings::MARK_RIGHT_ANSWER, theme.correct));
            } else if picked[d] {
                spans.push(Span::styled(strings::MARK_YOUR_CHOICE, theme.wrong));
            }
        }
        out.push((Text::from(Line::from(spans)), Some(Hit::Choice(d))));
    }
}

fn true_false(
    tf: &TrueFalseQuestion,
    cursor: usize,
    given: Option<bool>,
    answered: bool,
    theme: &Theme,
    out: &mut Vec<Segment<'_>>,
) {
    for (i, (word, value)) in [(words::QUIZ_TRUE, true), (words::QUIZ_FALSE, false)]
        .into_iter()
        .enumerate()
    {
        let focused = !answered && i == cursor;
        let mut spans = vec![Span::styled(
            format!("{} {word}", if focused { "▶" } else { " " }),
            if focused { theme.focus } else { theme.base },
        )];
        if answered {
            if value == tf.answer {
                spans.push(Span::styled(strings::MARK_RIGHT_ANSWER, theme.correct));
            } else if given == Some(value) {
                spans.push(Span::styled(strings::MARK_YOUR_ANSWER, theme.wrong));
            }
        }
        out.push((Text::from(Line::from(spans)), Some(Hit::TrueFalse(i))));
    }
}

fn order<'a>(
    items: &'a [String],
    arrangement: &[usize],
    cursor: usize,
    grabbed: bool,
    answered: bool,
    theme: &Theme,
    out: &mut Vec<Segment<'a>>,
) {
    if !answered {
        out.push((Text::styled(strings::QUIZ_ORDER_HELP, theme.muted), None));
    }
    for (pos, &item) in arrangement.iter().enumerate() {
        let focused = !answered && pos == cursor;
        let grip = match (focused, grabbed) {
            (true, true) => "⇅",
            (true, false) => "▶",
            (false, _) => " ",
        };
        let (key_style, text_style) = styles(theme, focused);
        let mut spans = vec![
            Span::styled(format!("{grip} {}. ", pos + 1), key_style),
            Span::styled(items[item].as_str(), text_style),
        ];
        if answered {
            spans.push(if item == pos {
                Span::styled("  ✓", theme.correct)
            } else {
                Span::styled(strings::mark_wrong_place(item + 1), theme.wrong)
            });
        }
        out.push((Text::from(Line::from(spans)), Some(Hit::OrderItem(pos))));
    }
}

fn matching<'a>(
    m: &'a MatchQuestion,
    right_order: &[usize],
    cursor: usize,
    pairs: &[Option<usize>],
    outcome: Option<&Outcome>,
    theme: &Theme,
    out: &mut Vec<Segment<'a>>,
) {
    if outcome.is_none() {
        out.push((Text::styled(strings::QUIZ_MATCH_HELP, theme.muted), None));
    }
    let options = m.right_options();
    for (i, pair) in m.pairs.iter().enumerate() {
        let focused = outcome.is_none() && i == cursor;
        let chosen = pairs[i].map_or_else(|| "…".to_owned(), label);
        let (key_style, text_style) = styles(theme, focused);
        let mut spans = vec![
            Span::styled(
                format!("{} {}. ", if focused { "▶" } else { " " }, i + 1),
                key_style,
            ),
            Span::styled(pair.left.as_str(), text_style),
            Span::styled(format!("  → {chosen}"), theme.key),
        ];
        if let Some(o) = outcome {
            spans.push(if o.parts.get(i).copied().unwrap_or(false) {
                Span::styled("  ✓", theme.correct)
            } else {
                Span::styled(format!("  ✗ ({})", pair.right), theme.wrong)
            });
        }
        out.push((Text::from(Line::from(spans)), Some(Hit::MatchLeft(i))));
    }
    out.push((Text::raw(""), None));
    for (d, &o) in right_order.iter().enumerate() {
        out.push((
            Text::from(Line::from(vec![
                Span::styled(format!("   {}. ", label(d)), theme.key),
                Span::raw(options[o]),
            ])),
            Some(Hit::MatchRight(d)),
        ));
    }
}

/// The verdict in words, what was typed, the right answer, the feedback, the explanation and
/// its sources. `room`: the stack's width, and whether an open answer stands beside it.
fn feedback<'a>(
    question: &'a Question,
    module: Option<&'a Module>,
    outcome: &'a Outcome,
    last: Option<&'a Response>,
    room: (u16, bool),
    theme: &Theme,
    out: &mut Vec<Segment<'a>>,
) {
    let (verdict, style) = match outcome.verdict() {
        Verdict::Correct => (strings::QUIZ_CORRECT, theme.correct),
        Verdict::Partial => (strings::QUIZ_PARTIAL, theme.partial),
        Verdict::Incorrect => (strings::QUIZ_INCORRECT, theme.wrong),
    };
    let mut verdict_line = vec![Span::styled(verdict, style)];
    if outcome.verdict() == Verdict::Partial {
        verdict_line.push(Span::styled(
            format!(" ({})", words::percent(outcome.score)),
            style,
        ));
    }
    out.push((Text::from(Line::from(verdict_line)), None));
    // A choice that decided the score alone (EDN rules) is named, with why.
    for d in &outcome.decisive {
        out.push((
            Text::styled(words::decisive(question, *d), theme.wrong),
            None,
        ));
    }
    if let Some(Response::Text(typed)) = last {
        out.push((
            Text::from(Line::from(vec![
                Span::styled(format!("{} : ", words::QUIZ_YOUR_ANSWER), theme.muted),
                Span::raw(typed.as_str()),
            ])),
            None,
        ));
    }
    if let Some(right) = right_answer(question) {
        out.push((
            Text::from(Line::from(vec![
                Span::styled(format!("{} : ", words::QUIZ_RIGHT_ANSWER), theme.heading),
                Span::raw(right),
            ])),
            None,
        ));
    }
    for feedback in &outcome.feedback {
        out.push((Text::styled(format!("« {feedback} »"), theme.quote), None));
    }
    if let Question::Open(o) = question {
        let (width, beside) = room;
        open::graded(o, last, beside, theme, width, out);
    }
    out.push((Text::raw(""), None));
    out.push((Text::styled(strings::QUIZ_EXPLANATION, theme.heading), None));
    out.push((Text::raw(question.explanation()), None));
    if let Some(m) = module {
        let lines: Vec<Line> = question
            .sources()
            .iter()
            .filter_map(|id| m.sources.iter().find(|s| &s.id == id))
            .map(|s| source_line(s, theme))
            .collect();
        if !lines.is_empty() {
            out.push((Text::raw(""), None));
            out.push((Text::styled(strings::QUIZ_SOURCES, theme.heading), None));
            out.push((Text::from(lines), None));
        }
    }
}

/// The right answer in words, for the kinds whose marks do not already show it.
fn right_answer(question: &Question) -> Option<String> {
    match question {
        Question::Short(s) => words::short_answer(s),
        Question::Numeric(n) => words::numeric_answer(n),
        Question::Order(o) => Some(
            o.items
                .iter()
                .enumerate()
                .map(|(i, item)| format!("{}. {item}", i + 1))
                .collect::<Vec<_>>()
                .join(" → "),
        ),
        _ => None,
    }
}

/// The narrative of the current step of a case and its exhibits.
pub fn narrative_segments<'a>(
    module: &'a Module,
    case: &CaseView,
    position: usize,
    theme: &Theme,
    width: u16,
    out: &mut Vec<Segment<'a>>,
) {
    let Some(c) = module.cases.get(case.case) else {
        return;
    };
    let step_index = case.step_of.get(position).copied().unwrap_or(0);
    let Some(step) = c.steps.get(step_index) else {
        return;
    };
    if step_index == 0 {
        out.push((
            Text::styled(
                format!("{} — {}", words::CASE_FICTIVE, c.title),
                theme.title,
            ),
            None,
        ));
        out.push((Text::raw(c.summary.as_str()), None));
        out.push((Text::raw(""), None));
    }
    out.push((
        Text::styled(
            format!(
                "{} {}/{} : {}",
                strings::QUIZ_STEP,
                step_index + 1,
                c.steps.len(),
                step.title
            ),
            theme.heading,
        ),
        None,
    ));
    out.push((markdown(&step.narrative, theme, width), None));
    if !step.exhibits.is_empty() {
        out.push((Text::raw(""), None));
        out.push((Text::styled(strings::QUIZ_EXHIBITS, theme.heading), None));
        for exhibit in &step.exhibits {
            out.push((
                Text::styled(format!("▌ {}", exhibit.title), theme.key),
                None,
            ));
            out.push((markdown(&exhibit.body, theme, width), None));
        }
    }
}

/// Draws `segments` one under the other from row `scroll` (moved if needed so that the
/// `focus` segment is in view), wrapping each, and records where the clickable ones landed.
/// Returns the total height and the scroll used.
pub fn render_stack(
    segments: &[Segment<'_>],
    area: Rect,
    scroll: u16,
    focus: Option<usize>,
    buf: &mut Buffer,
    hits: &RefCell<Vec<(Rect, Hit)>>,
    wrapped: &RefCell<StackCache>,
) -> (u16, u16) {
    let mut wrapped = wrapped.borrow_mut();
    wrapped.update(segments, area.width);
    let heights: Vec<u16> = wrapped.0.iter().map(|(_, w)| w.height().max(1)).collect();
    let total: u16 = heights.iter().fold(0, |a, h| a.saturating_add(*h));
    let mut scroll = scroll.min(total.saturating_sub(area.height));
    if let Some(f) = focus.filter(|f| *f < segments.len()) {
        let top: u16 = heights[..f].iter().sum();
        let bottom = top + heights[f];
        if top < scroll {
            scroll = top;
        } else if bottom > scroll + area.height {
            scroll = bottom.saturating_sub(area.height).min(top);
        }
    }
    let mut hits = hits.borrow_mut();
    hits.clear();
    let mut y: u16 = 0;
    for (((_, hit), (_, text)), h) in segments.iter().zip(&wrapped.0).zip(heights) {
        let top = y;
        y = y.saturating_add(h);
        if y <= scroll || top >= scroll.saturating_add(area.height) {
            continue;
        }
        let skip = scroll.saturating_sub(top);
        let screen_y = area.y + top.saturating_sub(scroll);
        let visible = (h - skip).min(area.bottom().saturating_sub(screen_y));
        let rect = Rect::new(area.x, screen_y, area.width, visible);
        text.draw(skip, rect, buf);
        if let Some(hit) = hit {
            hits.push((rect, *hit));
        }
    }
    (total, scroll)
}

/// Each segment of the stack as it was last wrapped, beside a copy of its text. The stack is
/// built again on every frame (a cursor or a choice changes it), but a segment whose text
/// and width are unchanged is drawn from its wrapped rows: an explanation of 20 000
/// characters costs a comparison per key press, not a wrapping.
#[derive(Debug, Default)]
pub struct StackCache(Vec<(Text<'static>, Wrapped<u16>)>);

impl StackCache {
    fn update(&mut self, segments: &[Segment<'_>], width: u16) {
        self.0.truncate(segments.len());
        for (at, (text, _)) in segments.iter().enumerate() {
            if self.0.len() == at {
                self.0.push((owned(text), Wrapped::default()));
            } else if self.0[at].0 != *text {
                self.0[at] = (owned(text), Wrapped::default());
            }
            self.0[at].1.wrap(width, width, || text.clone());
        }
    }
}

/// A copy of `text` that borrows nothing, to compare the next frame's with.
fn owned(text: &Text<'_>) -> Text<'static> {
    let lines = text.lines.iter().map(|line| {
        let spans = line
            .spans
            .iter()
            .map(|span| Span::styled(span.content.to_string(), span.style));
        let mut copy = Line::from(spans.collect::<Vec<_>>()).style(line.style);
        copy.alignment = line.alignment;
        copy
    });
    let mut copy = Text::from(lines.collect::<Vec<_>>()).style(text.style);
    copy.alignment = text.alignment;
    copy
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::widgets::{Paragraph, Widget, Wrap};

    use super::*;

    /// The stack as it was drawn before its segments were cached: each one a paragraph,
    /// wrapped on the spot, one under the other.
    fn reference(segments: &[Segment<'_>], area: Rect, scroll: u16) -> Buffer {
        let mut buf = Buffer::empty(area);
        let mut y = 0_u16;
        for (text, _) in segments {
            let height = crate::tui::widgets::wrapped_height(text, area.width).max(1);
            let mut page = Buffer::empty(Rect::new(0, 0, area.width, height));
            Paragraph::new(text.clone())
                .wrap(Wrap { trim: false })
                .render(page.area, &mut page);
            for row in 0..height {
                let Some(target) = (y + row).checked_sub(scroll).filter(|r| *r < area.height)
                else {
                    continue;
                };
                for x in 0..area.width {
                    buf[(x, target)] = page[(x, row)].clone();
                }
            }
            y += height;
        }
        buf
    }

    #[test]
    fn the_cached_stack_draws_as_wrapped_paragraphs_and_follows_changes() {
        let prompt = Text::from(vec![
            Line::styled("Énoncé", Style::new().add_modifier(Modifier::BOLD)),
            Line::raw(
                "Un assuré conteste l’avis rendu sur son arrêt de travail et demande un examen.",
            ),
        ]);
        let choice = |mark: &'static str| {
            Text::from(Line::from(vec![
                Span::styled(mark, Style::new().fg(Color::Green)),
                Span::raw(" A. Convoquer l’assuré pour l’examiner"),
            ]))
        };
        let cache = RefCell::new(StackCache::default());
        let hits = RefCell::new(Vec::new());
        let area = Rect::new(0, 0, 24, 6);
        for (mark, width, scroll) in [
            ("( )", 24, 0),
            ("( )", 24, 3),
            ("(•)", 24, 3),
            ("(•)", 18, 2),
        ] {
            let area = Rect { width, ..area };
            let segments: Vec<Segment<'_>> = vec![
                (prompt.clone(), None),
                (Text::default(), None),
                (choice(mark), Some(Hit::Choice(0))),
            ];
            let mut drawn = Buffer::empty(area);
            let (total, scrolled) =
                render_stack(&segments, area, scroll, None, &mut drawn, &hits, &cache);
            assert_eq!(scrolled, scroll.min(total.saturating_sub(area.height)));
            assert_eq!(
                drawn,
                reference(&segments, area, scrolled),
                "{mark} at width {width}, scrolled {scroll}"
            );
        }
    }
}
