//! The quiz: one question at a time, a natural interaction for each kind, then the verdict in
//! words, the right answer, the explanation and its sources. Cases use the same screen, with
//! each step's narrative shown before its questions.

use std::cell::{Cell, RefCell};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::content::{Case, Module};
use crate::domain::layout::{label, label_index};
use crate::domain::question::{Outcome, Question, Response, SelfGrade, Verdict};
use crate::domain::session::QuizSession;
use crate::domain::text::parse_number;
use crate::tui::action::Action;
use crate::tui::screens::Ctx;
use crate::tui::screens::lesson::source_line;
use crate::tui::strings;
use crate::tui::strings::keys;
use crate::tui::theme::{Theme, markdown};
use crate::tui::widgets::{Hint, block, ellipsize, hit_at, wrapped_height};
use crate::words;

/// The learner's answer being built, for the current question.
#[derive(Debug)]
pub enum Input {
    Choices {
        /// Display position → content index.
        order: Vec<usize>,
        cursor: usize,
        /// Picked, by display position.
        picked: Vec<bool>,
        multiple: bool,
    },
    TrueFalse {
        cursor: usize,
    },
    Text {
        area: Box<TextArea<'static>>,
        numeric: bool,
    },
    Order {
        /// Content indices of the steps, in the order the learner has put them.
        arrangement: Vec<usize>,
        cursor: usize,
        grabbed: bool,
    },
    Match {
        /// Display position → index in `right_options()`.
        right_order: Vec<usize>,
        cursor: usize,
        /// For each left item, the display position of the right option paired with it.
        pairs: Vec<Option<usize>>,
    },
    Open {
        area: Box<TextArea<'static>>,
        revealed: bool,
    },
}

fn text_area(theme: &Theme) -> Box<TextArea<'static>> {
    let mut area = TextArea::default();
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_placeholder_text(strings::QUIZ_TYPE_HERE);
    area.set_cursor_line_style(Style::new());
    area.set_style(theme.base);
    area.set_placeholder_style(theme.muted);
    Box::new(area)
}

impl Input {
    /// The answer to build for `q`, the current question of `session`, its options laid
    /// out as in every front end.
    pub fn for_question(q: &Question, session: &QuizSession, theme: &Theme) -> Input {
        let layout = crate::domain::layout::Layout::of_session(q, session, session.position());
        match q {
            Question::Single(c) | Question::Multiple(c) => Input::Choices {
                order: layout.choices,
                cursor: 0,
                picked: vec![false; c.choices.len()],
                multiple: matches!(q, Question::Multiple(_)),
            },
            Question::TrueFalse(_) => Input::TrueFalse { cursor: 0 },
            Question::Short(_) => Input::Text {
                area: text_area(theme),
                numeric: false,
            },
            Question::Numeric(_) => Input::Text {
                area: text_area(theme),
                numeric: true,
            },
            Question::Order(_) => Input::Order {
                arrangement: layout.items,
                cursor: 0,
                grabbed: false,
            },
            Question::Match(m) => Input::Match {
                right_order: layout.rights,
                cursor: 0,
                pairs: vec![None; m.pairs.len()],
            },
            Question::Open(_) => Input::Open {
                area: text_area(theme),
                revealed: false,
            },
        }
    }

    /// Picks the choice at display position `i` (for several answers, ticks or unticks it).
    fn pick(&mut self, i: usize) {
        if let Input::Choices {
            cursor,
            picked,
            multiple,
            ..
        } = self
            && i < picked.len()
        {
            *cursor = i;
            if *multiple {
                picked[i] = !picked[i];
            } else {
                picked.iter_mut().enumerate().for_each(|(j, p)| *p = j == i);
            }
        }
    }

    /// Pairs the current left item with the right option shown at `d`, then moves on to the
    /// next left item still unpaired, if any.
    fn pair(&mut self, d: usize) {
        if let Input::Match {
            right_order,
            cursor,
            pairs,
        } = self
            && d < right_order.len()
        {
            pairs[*cursor] = Some(d);
            let n = pairs.len();
            if let Some(next) = (1..=n)
                .map(|k| (*cursor + k) % n)
                .find(|&i| pairs[i].is_none())
            {
                *cursor = next;
            }
        }
    }
}

/// Where the case stands, when the quiz plays a case.
#[derive(Debug)]
pub struct CaseView {
    pub module: usize,
    pub case: usize,
    /// Step index of each question of the session, in order.
    pub step_of: Vec<usize>,
    /// True while the step's narrative is shown instead of the question.
    pub narrative: bool,
}

impl CaseView {
    pub fn new(module: usize, case_index: usize, case: &Case) -> Self {
        let step_of = case
            .steps
            .iter()
            .enumerate()
            .flat_map(|(s, step)| std::iter::repeat_n(s, step.questions.len()))
            .collect();
        CaseView {
            module,
            case: case_index,
            step_of,
            narrative: true,
        }
    }
}

/// What a click on the question can hit.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Hit {
    Choice(usize),
    TrueFalse(usize),
    OrderItem(usize),
    MatchLeft(usize),
    MatchRight(usize),
}

/// The quiz on screen: what is being typed or picked, and the feedback shown. The session
/// itself is the study layer's, read through [`Ctx::playing`].
pub struct QuizScreen {
    /// Shown in the header: the module's title, « Révision »…
    pub title: String,
    pub input: Input,
    /// The last graded outcome, while its feedback is shown.
    pub outcome: Option<Outcome>,
    /// First row shown; a cell because drawing moves it to keep the focus in view.
    scroll: Cell<u16>,
    /// Set when the focus moved: the next draw scrolls to it.
    follow: Cell<bool>,
    pub message: Option<&'static str>,
    pub case: Option<CaseView>,
    /// The time at the last tick, for an exam's countdown.
    pub now: jiff::Timestamp,
    extent: Cell<(u16, u16)>,
    hits: RefCell<Vec<(Rect, Hit)>>,
}

impl QuizScreen {
    /// The quiz screen on the session being played (`ctx.playing`).
    pub fn new(title: String, ctx: &Ctx, now: jiff::Timestamp) -> Self {
        let input = ctx
            .playing
            .and_then(|s| Some((s, ctx.index.get(s.current_id()?)?)))
            .map_or(Input::TrueFalse { cursor: 0 }, |(s, q)| {
                Input::for_question(q, s, ctx.theme)
            });
        QuizScreen {
            title,
            input,
            outcome: None,
            scroll: Cell::new(0),
            follow: Cell::new(true),
            message: None,
            case: None,
            now,
            extent: Cell::new((0, 0)),
            hits: RefCell::new(Vec::new()),
        }
    }

    /// Moves to the next question (after its feedback). Returns false when the session is over.
    pub fn advance(&mut self, ctx: &Ctx) -> bool {
        self.outcome = None;
        self.scroll.set(0);
        self.follow.set(true);
        self.message = None;
        let Some(session) = ctx.playing else {
            return false;
        };
        let Some(q) = session.current_id().and_then(|id| ctx.index.get(id)) else {
            return false;
        };
        self.input = Input::for_question(q, session, ctx.theme);
        if let Some(case) = &mut self.case {
            let pos = session.position();
            let new_step = pos == 0 || case.step_of.get(pos) != case.step_of.get(pos - 1);
            case.narrative = new_step;
        }
        true
    }

    fn current<'a>(&self, ctx: &Ctx<'a>) -> Option<&'a Question> {
        let session = ctx.playing?;
        if self.outcome.is_some() {
            // The feedback is about the question just answered.
            let last = session.answers.last()?;
            return ctx.index.get(&last.question_id);
        }
        ctx.index.get(session.current_id()?)
    }

    pub fn takes_text(&self) -> bool {
        self.outcome.is_none()
            && !self.case.as_ref().is_some_and(|c| c.narrative)
            && match &self.input {
                Input::Text { .. } => true,
                Input::Open { revealed, .. } => !revealed,
                _ => false,
            }
    }

    pub fn hints(&self) -> Vec<Hint> {
        if self.case.as_ref().is_some_and(|c| c.narrative) {
            return vec![keys::DEFILER, keys::AUX_QUESTIONS, keys::QUITTER_LE_CAS];
        }
        if self.outcome.is_some() {
            return vec![keys::QUESTION_SUIVANTE, keys::DEFILER, keys::QUITTER];
        }
        let mut hints = match &self.input {
            Input::Choices {
                multiple: false, ..
            } => {
                vec![keys::CHOISIR_LETTRE, keys::VALIDER]
            }
            Input::Choices { multiple: true, .. } => {
                vec![keys::COCHER, keys::SE_DEPLACER, keys::VALIDER]
            }
            Input::TrueFalse { .. } => vec![keys::VRAI, keys::FAUX, keys::CHOISIR_VF],
            Input::Text { .. } => vec![keys::VALIDER, keys::QUITTER_ECHAP],
            Input::Order { .. } => vec![keys::PRENDRE_POSER, keys::DEPLACER, keys::VALIDER],
            Input::Match { .. } => {
                vec![keys::ELEMENT, keys::ASSOCIER, keys::DEFAIRE, keys::VALIDER]
            }
            Input::Open {
                revealed: false, ..
            } => {
                vec![keys::VOIR_LA_REPONSE_MODELE, keys::QUITTER_ECHAP]
            }
            Input::Open { revealed: true, .. } => {
                vec![keys::JUSTE, keys::EN_PARTIE, keys::A_REVOIR]
            }
        };
        if self.case.is_some() {
            hints.push(keys::RECIT);
        }
        if !self.takes_text() {
            hints.push(keys::QUITTER);
        }
        hints
    }

    fn max_scroll(&self) -> u16 {
        let (text, view) = self.extent.get();
        text.saturating_sub(view)
    }

    fn scroll_by(&mut self, delta: i32) {
        let next = (i32::from(self.scroll.get()) + delta).clamp(0, i32::from(self.max_scroll()));
        self.scroll.set(u16::try_from(next).unwrap_or(0));
        self.follow.set(false);
    }

    /// Shows the outcome of the answer just recorded, scrolled to the verdict.
    pub fn show_outcome(&mut self, outcome: Outcome) {
        self.outcome = Some(outcome);
        self.follow.set(true);
    }

    pub fn on_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Action> {
        let page = i32::from(self.extent.get().1.max(2) - 1);
        if let Some(case) = &mut self.case
            && case.narrative
        {
            match key.code {
                KeyCode::Enter | KeyCode::Tab | KeyCode::Right => {
                    case.narrative = false;
                    self.scroll.set(0);
                    self.follow.set(true);
                }
                KeyCode::Down | KeyCode::Char('j') => self.scroll_by(1),
                KeyCode::Up | KeyCode::Char('k') => self.scroll_by(-1),
                KeyCode::PageDown | KeyCode::Char(' ') => self.scroll_by(page),
                KeyCode::PageUp => self.scroll_by(-page),
                KeyCode::Char('q') | KeyCode::Esc => return Some(Action::Back),
                _ => {}
            }
            return None;
        }
        if self.outcome.is_some() {
            match key.code {
                KeyCode::Enter | KeyCode::Char(' ') | KeyCode::Right => return Some(Action::Next),
                KeyCode::Down | KeyCode::Char('j') => self.scroll_by(1),
                KeyCode::Up | KeyCode::Char('k') => self.scroll_by(-1),
                KeyCode::PageDown => self.scroll_by(page),
                KeyCode::PageUp => self.scroll_by(-page),
                KeyCode::Char('q') | KeyCode::Esc => return Some(Action::Back),
                _ => {}
            }
            return None;
        }
        if key.code == KeyCode::Tab
            && let Some(case) = &mut self.case
        {
            case.narrative = true;
            self.scroll.set(0);
            return None;
        }
        self.current(ctx)?;
        self.message = None;
        self.follow.set(true);
        self.on_answer_key(key)
    }

    fn on_answer_key(&mut self, key: KeyEvent) -> Option<Action> {
        let shift = key
            .modifiers
            .intersects(KeyModifiers::SHIFT | KeyModifiers::CONTROL | KeyModifiers::ALT);
        match &mut self.input {
            Input::Choices {
                order,
                cursor,
                picked,
                multiple,
            } => {
                let n = order.len();
                match key.code {
                    KeyCode::Up | KeyCode::Char('k') => {
                        *cursor = cursor.checked_sub(1).unwrap_or(n - 1);
                    }
                    KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                        *cursor = (*cursor + 1) % n;
                    }
                    KeyCode::Char(c) if label_index(c).is_some_and(|i| i < n) => {
                        let i = label_index(c).unwrap_or(0);
                        self.input.pick(i);
                    }
                    KeyCode::Char(' ') => {
                        if *multiple {
                            picked[*cursor] = !picked[*cursor];
                        } else {
                            let c = *cursor;
                            picked.iter_mut().enumerate().for_each(|(j, p)| *p = j == c);
                        }
                    }
                    KeyCode::Enter => {
                        if !*multiple && !picked.iter().any(|p| *p) {
                            let c = *cursor;
                            picked[c] = true;
                        }
                        if !picked.iter().any(|p| *p) {
                            self.message = Some(strings::QUIZ_PICK_ONE);
                            return None;
                        }
                        let mut chosen: Vec<usize> = picked
                            .iter()
                            .enumerate()
                            .filter(|(_, p)| **p)
                            .map(|(d, _)| order[d])
                            .collect();
                        chosen.sort_unstable();
                        return Some(Action::Submit(Response::Choices(chosen)));
                    }
                    KeyCode::Char('q') | KeyCode::Esc => return Some(Action::Back),
                    _ => {}
                }
                None
            }
            Input::TrueFalse { cursor } => match key.code {
                KeyCode::Char('v' | 'V' | 't' | 'T') => Some(Action::Submit(Response::Bool(true))),
                KeyCode::Char('f' | 'F') => Some(Action::Submit(Response::Bool(false))),
                KeyCode::Left | KeyCode::Up | KeyCode::Right | KeyCode::Down | KeyCode::Tab => {
                    *cursor = 1 - *cursor;
                    None
                }
                KeyCode::Enter | KeyCode::Char(' ') => {
                    Some(Action::Submit(Response::Bool(*cursor == 0)))
                }
                KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
                _ => None,
            },
            Input::Text { area, numeric } => match key.code {
                KeyCode::Esc => Some(Action::Back),
                KeyCode::Enter => {
                    let text = area.lines().join(" ");
                    if text.trim().is_empty() {
                        self.message = Some(strings::QUIZ_EMPTY_ANSWER);
                        None
                    } else if *numeric && parse_number(&text).is_none() {
                        self.message = Some(strings::QUIZ_NOT_A_NUMBER);
                        None
                    } else {
                        Some(Action::Submit(Response::Text(text)))
                    }
                }
                _ => {
                    area.input(key);
                    None
                }
            },
            Input::Order {
                arrangement,
                cursor,
                grabbed,
            } => {
                let n = arrangement.len();
                let mut move_item = |from: usize, to: usize, cursor: &mut usize| {
                    arrangement.swap(from, to);
                    *cursor = to;
                };
                match key.code {
                    KeyCode::Up | KeyCode::Char('k') if *cursor > 0 => {
                        if *grabbed || shift {
                            move_item(*cursor, *cursor - 1, cursor);
                        } else {
                            *cursor -= 1;
                        }
                    }
                    KeyCode::Down | KeyCode::Char('j') if *cursor + 1 < n => {
                        if *grabbed || shift {
                            move_item(*cursor, *cursor + 1, cursor);
                        } else {
                            *cursor += 1;
                        }
                    }
                    KeyCode::Char(' ') => *grabbed = !*grabbed,
                    KeyCode::Enter => {
                        return Some(Action::Submit(Response::Order(arrangement.clone())));
                    }
                    KeyCode::Char('q') | KeyCode::Esc => return Some(Action::Back),
                    _ => {}
                }
                None
            }
            Input::Match {
                right_order,
                cursor,
                pairs,
            } => {
                let n = pairs.len();
                match key.code {
                    KeyCode::Up | KeyCode::Char('k') => {
                        *cursor = cursor.checked_sub(1).unwrap_or(n - 1);
                    }
                    KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                        *cursor = (*cursor + 1) % n;
                    }
                    KeyCode::Char(c) if label_index(c).is_some_and(|i| i < right_order.len()) => {
                        let d = label_index(c).unwrap_or(0);
                        self.input.pair(d);
                    }
                    KeyCode::Backspace | KeyCode::Delete => pairs[*cursor] = None,
                    KeyCode::Enter => {
                        let chosen = pairs.iter().map(|p| p.map(|d| right_order[d])).collect();
                        return Some(Action::Submit(Response::Pairs(chosen)));
                    }
                    KeyCode::Char('q') | KeyCode::Esc => return Some(Action::Back),
                    _ => {}
                }
                None
            }
            Input::Open { area, revealed } => {
                if *revealed {
                    let grade = match key.code {
                        KeyCode::Char('1') => SelfGrade::Right,
                        KeyCode::Char('2') => SelfGrade::Partly,
                        KeyCode::Char('3') => SelfGrade::Wrong,
                        KeyCode::Char('q') | KeyCode::Esc => return Some(Action::Back),
                        _ => return None,
                    };
                    return Some(Action::Submit(Response::SelfGraded {
                        text: area.lines().join("\n"),
                        grade,
                    }));
                }
                match key.code {
                    KeyCode::Esc => Some(Action::Back),
                    KeyCode::Enter => {
                        if area.lines().join("").trim().is_empty() {
                            self.message = Some(strings::QUIZ_EMPTY_ANSWER);
                        } else {
                            *revealed = true;
                        }
                        None
                    }
                    _ => {
                        area.input(key);
                        None
                    }
                }
            }
        }
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent) -> Option<Action> {
        match mouse.kind {
            MouseEventKind::ScrollDown => {
                self.scroll_by(2);
                None
            }
            MouseEventKind::ScrollUp => {
                self.scroll_by(-2);
                None
            }
            MouseEventKind::Down(_) if self.outcome.is_none() => {
                let hit = hit_at(&self.hits, mouse.column, mouse.row)?;
                match (&mut self.input, hit) {
                    (Input::Choices { .. }, Hit::Choice(i)) => {
                        self.input.pick(i);
                        None
                    }
                    (Input::TrueFalse { cursor }, Hit::TrueFalse(i)) => {
                        *cursor = i;
                        None
                    }
                    (
                        Input::Order {
                            cursor, grabbed, ..
                        },
                        Hit::OrderItem(i),
                    ) => {
                        *cursor = i;
                        *grabbed = false;
                        None
                    }
                    (Input::Match { cursor, .. }, Hit::MatchLeft(i)) => {
                        *cursor = i;
                        None
                    }
                    (Input::Match { .. }, Hit::MatchRight(d)) => {
                        self.input.pair(d);
                        None
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let Some(question) = self.current(ctx) else {
            return;
        };
        let Some(session) = ctx.playing else {
            return;
        };
        let module = ctx
            .index
            .module_of(question.id())
            .and_then(|m| ctx.module(m));
        let answered = session.answers.len();
        let position = if self.outcome.is_some() {
            answered.saturating_sub(1)
        } else {
            answered
        };
        let mut status = strings::question_position(position, session.len());
        if !session.hides_feedback() {
            status.push_str(&format!(" · {}", strings::score(session.score(), answered)));
        }
        if let Some(left) = session.time_left(self.now) {
            status.push_str(&format!(" · {}", strings::time_left(left)));
        }
        // A long case title gives way: the position, score and clock must stay readable.
        let room = area.width.saturating_sub(status.chars().count() as u16 + 8);
        let header = format!(" {} — {status} ", ellipsize(&self.title, room));
        let outer = block(header, theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let [body, message] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
        if let Some(text) = self.message {
            Paragraph::new(Line::styled(text, theme.warning)).render(message, buf);
        }

        let mut segments: Vec<(Text, Option<Hit>)> = Vec::new();
        let mut verdict_at = None;
        if let (Some(case), Some(m)) = (&self.case, module)
            && case.narrative
        {
            narrative_segments(
                m,
                case,
                session.position(),
                theme,
                body.width,
                &mut segments,
            );
        } else {
            let last = session.answers.last().map(|a| &a.response);
            verdict_at =
                self.question_segments(question, module, last, theme, body.width, &mut segments);
        }
        let text_area = match &self.input {
            Input::Text { area, .. } | Input::Open { area, .. }
                if self.outcome.is_none() && !self.case.as_ref().is_some_and(|c| c.narrative) =>
            {
                Some(area)
            }
            _ => None,
        };
        let reserved = if text_area.is_some() { 4 } else { 0 };
        let [stack_area, field_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(reserved)]).areas(body);
        let focus = if self.outcome.is_some() {
            verdict_at
        } else {
            let cursor_hit = match &self.input {
                Input::Choices { cursor, .. } => Some(Hit::Choice(*cursor)),
                Input::TrueFalse { cursor } => Some(Hit::TrueFalse(*cursor)),
                Input::Order { cursor, .. } => Some(Hit::OrderItem(*cursor)),
                Input::Match { cursor, .. } => Some(Hit::MatchLeft(*cursor)),
                _ => None,
            };
            segments
                .iter()
                .position(|(_, h)| h.is_some() && *h == cursor_hit)
        };
        let follow = self.follow.replace(false);
        let (total, scroll) = render_stack(
            &segments,
            stack_area,
            self.scroll.get(),
            focus.filter(|_| follow),
            buf,
            &self.hits,
        );
        self.scroll.set(scroll);
        self.extent.set((total, stack_area.height));
        if let Some(area) = text_area {
            let field = block(format!(" {} ", words::QUIZ_YOUR_ANSWER), theme);
            let inner = field.inner(field_area);
            field.render(field_area, buf);
            area.as_ref().render(inner, buf);
        }
    }

    /// The question's prompt, options and, once answered, the feedback on `last`, the
    /// response just given.
    fn question_segments<'a>(
        &'a self,
        question: &'a Question,
        module: Option<&'a Module>,
        last: Option<&'a Response>,
        theme: &Theme,
        width: u16,
        out: &mut Vec<(Text<'a>, Option<Hit>)>,
    ) -> Option<usize> {
        out.push((markdown(question.prompt(), theme, width), None));
        out.push((Text::raw(""), None));
        let outcome = self.outcome.as_ref();
        let last_response = outcome.and(last);
        match (&self.input, question) {
            (
                Input::Choices {
                    order,
                    cursor,
                    picked,
                    multiple,
                },
                Question::Single(c) | Question::Multiple(c),
            ) => {
                for (d, &i) in order.iter().enumerate() {
                    let is_right = c.correct.contains(&i);
                    let box_ = match (*multiple, picked[d]) {
                        (true, true) => "[x]",
                        (true, false) => "[ ]",
                        (false, true) => "(•)",
                        (false, false) => "( )",
                    };
                    let focused = outcome.is_none() && d == *cursor;
                    let mut spans = vec![
                        Span::styled(
                            format!("{} {}. ", box_, label(d)),
                            if focused { theme.focus } else { theme.key },
                        ),
                        Span::styled(
                            c.choices[i].text.as_str(),
                            if focused { theme.focus } else { theme.base },
                        ),
                    ];
                    if outcome.is_some() {
                        if is_right {
                            spans.push(Span::styled(strings::MARK_RIGHT_ANSWER, theme.correct));
                        } else if picked[d] {
                            spans.push(Span::styled(strings::MARK_YOUR_CHOICE, theme.wrong));
                        }
                    }
                    out.push((Text::from(Line::from(spans)), Some(Hit::Choice(d))));
                }
            }
            (Input::TrueFalse { cursor }, Question::TrueFalse(tf)) => {
                let given = match last_response {
                    Some(Response::Bool(b)) => Some(*b),
                    _ => None,
                };
                for (i, (label, value)) in [(words::QUIZ_TRUE, true), (words::QUIZ_FALSE, false)]
                    .into_iter()
                    .enumerate()
                {
                    let focused = outcome.is_none() && i == *cursor;
                    let mut spans = vec![Span::styled(
                        format!("{} {label}", if focused { "▶" } else { " " }),
                        if focused { theme.focus } else { theme.base },
                    )];
                    if outcome.is_some() {
                        if value == tf.answer {
                            spans.push(Span::styled(strings::MARK_RIGHT_ANSWER, theme.correct));
                        } else if given == Some(value) {
                            spans.push(Span::styled(strings::MARK_YOUR_ANSWER, theme.wrong));
                        }
                    }
                    out.push((Text::from(Line::from(spans)), Some(Hit::TrueFalse(i))));
                }
            }
            (
                Input::Order {
                    arrangement,
                    cursor,
                    grabbed,
                },
                Question::Order(o),
            ) => {
                if outcome.is_none() {
                    out.push((Text::styled(strings::QUIZ_ORDER_HELP, theme.muted), None));
                }
                for (pos, &item) in arrangement.iter().enumerate() {
                    let focused = outcome.is_none() && pos == *cursor;
                    let grip = if focused && *grabbed {
                        "⇅"
                    } else if focused {
                        "▶"
                    } else {
                        " "
                    };
                    let mut spans = vec![
                        Span::styled(
                            format!("{grip} {}. ", pos + 1),
                            if focused { theme.focus } else { theme.key },
                        ),
                        Span::styled(
                            o.items[item].as_str(),
                            if focused { theme.focus } else { theme.base },
                        ),
                    ];
                    if outcome.is_some() {
                        spans.push(if item == pos {
                            Span::styled("  ✓", theme.correct)
                        } else {
                            Span::styled(strings::mark_wrong_place(item + 1), theme.wrong)
                        });
                    }
                    out.push((Text::from(Line::from(spans)), Some(Hit::OrderItem(pos))));
                }
            }
            (
                Input::Match {
                    right_order,
                    cursor,
                    pairs,
                },
                Question::Match(m),
            ) => {
                if outcome.is_none() {
                    out.push((Text::styled(strings::QUIZ_MATCH_HELP, theme.muted), None));
                }
                let options = m.right_options();
                for (i, pair) in m.pairs.iter().enumerate() {
                    let focused = outcome.is_none() && i == *cursor;
                    let chosen = pairs[i].map_or_else(|| "…".to_owned(), label);
                    let mut spans = vec![
                        Span::styled(
                            format!("{} {}. ", if focused { "▶" } else { " " }, i + 1),
                            if focused { theme.focus } else { theme.key },
                        ),
                        Span::styled(
                            pair.left.as_str(),
                            if focused { theme.focus } else { theme.base },
                        ),
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
            (Input::Open { revealed: true, .. }, Question::Open(o)) if outcome.is_none() => {
                out.push((
                    Text::styled(strings::QUIZ_MODEL_ANSWER, theme.heading),
                    None,
                ));
                out.push((Text::raw(o.model_answer.as_str()), None));
                if !o.checklist.is_empty() {
                    out.push((Text::raw(""), None));
                    out.push((Text::styled(strings::QUIZ_CHECKLIST, theme.heading), None));
                    for point in &o.checklist {
                        out.push((Text::raw(format!("☐ {point}")), None));
                    }
                }
                out.push((Text::raw(""), None));
                out.push((Text::styled(strings::QUIZ_SELF_GRADE, theme.focus), None));
            }
            _ => {}
        }
        let o = outcome?;
        out.push((Text::raw(""), None));
        let verdict_at = out.len();
        self.feedback_segments(question, module, o, last, theme, out);
        Some(verdict_at)
    }

    fn feedback_segments<'a>(
        &'a self,
        question: &'a Question,
        module: Option<&'a Module>,
        outcome: &'a Outcome,
        last: Option<&'a Response>,
        theme: &Theme,
        out: &mut Vec<(Text<'a>, Option<Hit>)>,
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
            out.push((
                Text::styled(strings::QUIZ_MODEL_ANSWER, theme.heading),
                None,
            ));
            out.push((Text::raw(o.model_answer.as_str()), None));
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
fn narrative_segments<'a>(
    module: &'a Module,
    case: &CaseView,
    position: usize,
    theme: &Theme,
    width: u16,
    out: &mut Vec<(Text<'a>, Option<Hit>)>,
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
fn render_stack(
    segments: &[(Text<'_>, Option<Hit>)],
    area: Rect,
    scroll: u16,
    focus: Option<usize>,
    buf: &mut Buffer,
    hits: &RefCell<Vec<(Rect, Hit)>>,
) -> (u16, u16) {
    let heights: Vec<u16> = segments
        .iter()
        .map(|(text, _)| wrapped_height(text, area.width).max(1))
        .collect();
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
    for ((text, hit), h) in segments.iter().zip(heights) {
        let top = y;
        y = y.saturating_add(h);
        if y <= scroll || top >= scroll.saturating_add(area.height) {
            continue;
        }
        let skip = scroll.saturating_sub(top);
        let screen_y = area.y + top.saturating_sub(scroll);
        let visible = (h - skip).min(area.bottom().saturating_sub(screen_y));
        let rect = Rect::new(area.x, screen_y, area.width, visible);
        Paragraph::new(text.clone())
            .wrap(Wrap { trim: false })
            .scroll((skip, 0))
            .render(rect, buf);
        if let Some(hit) = hit {
            hits.push((rect, *hit));
        }
    }
    (total, scroll)
}
