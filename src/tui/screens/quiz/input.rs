//! The answer being built for the current question: its options as laid out, the cursor, what
//! is picked or typed, and what each key does to it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::layout::{Layout, label_index};
use crate::domain::question::{Question, Response};
use crate::domain::session::QuizSession;
use crate::domain::text::parse_number;
use crate::tui::action::Action;
use crate::tui::strings;
use crate::tui::theme::Theme;

use super::open::OpenAnswer;

/// What a key did to the answer: an action for the app, or a word for the learner.
pub type Keyed = Result<Option<Action>, &'static str>;

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
    Open(Box<OpenAnswer>),
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
        let layout = Layout::of_session(q, session, session.position());
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
            Question::Open(o) => Input::Open(Box::new(OpenAnswer::new(o, theme))),
        }
    }

    /// Picks the choice at display position `i` (for several answers, ticks or unticks it).
    pub fn pick(&mut self, i: usize) {
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
    pub fn pair(&mut self, d: usize) {
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

    /// What `key` does to the answer being built.
    pub fn on_key(&mut self, key: KeyEvent) -> Keyed {
        let shift = key
            .modifiers
            .intersects(KeyModifiers::SHIFT | KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self {
            Input::Choices { .. } => self.choices_key(key),
            Input::TrueFalse { cursor } => Ok(true_false_key(cursor, key)),
            Input::Text { area, numeric } => text_key(area, *numeric, key),
            Input::Order {
                arrangement,
                cursor,
                grabbed,
            } => Ok(order_key(arrangement, cursor, grabbed, shift, key)),
            Input::Match { .. } => Ok(self.match_key(key)),
            Input::Open(answer) => answer.on_key(key),
        }
    }

    fn choices_key(&mut self, key: KeyEvent) -> Keyed {
        let Input::Choices {
            order,
            cursor,
            picked,
            multiple,
        } = self
        else {
            return Ok(None);
        };
        let n = order.len();
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => *cursor = cursor.checked_sub(1).unwrap_or(n - 1),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => *cursor = (*cursor + 1) % n,
            KeyCode::Char(c) if label_index(c).is_some_and(|i| i < n) => {
                let i = label_index(c).unwrap_or(0);
                self.pick(i);
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
                    picked[*cursor] = true;
                }
                if !picked.iter().any(|p| *p) {
                    return Err(strings::QUIZ_PICK_ONE);
                }
                let mut chosen: Vec<usize> = picked
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| **p)
                    .map(|(d, _)| order[d])
                    .collect();
                chosen.sort_unstable();
                return Ok(Some(Action::Submit(Response::Choices(chosen))));
            }
            KeyCode::Char('q') | KeyCode::Esc => return Ok(Some(Action::Back)),
            _ => {}
        }
        Ok(None)
    }

    fn match_key(&mut self, key: KeyEvent) -> Option<Action> {
        let Input::Match {
            right_order,
            cursor,
            pairs,
        } = self
        else {
            return None;
        };
        let n = pairs.len();
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => *cursor = cursor.checked_sub(1).unwrap_or(n - 1),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => *cursor = (*cursor + 1) % n,
            KeyCode::Char(c) if label_index(c).is_some_and(|i| i < right_order.len()) => {
                let d = label_index(c).unwrap_or(0);
                self.pair(d);
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
}

fn true_false_key(cursor: &mut usize, key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char('v' | 'V' | 't' | 'T') => Some(Action::Submit(Response::Bool(true))),
        KeyCode::Char('f' | 'F') => Some(Action::Submit(Response::Bool(false))),
        KeyCode::Left | KeyCode::Up | KeyCode::Right | KeyCode::Down | KeyCode::Tab => {
            *cursor = 1 - *cursor;
            None
        }
        KeyCode::Enter | KeyCode::Char(' ') => Some(Action::Submit(Response::Bool(*cursor == 0))),
        KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
        _ => None,
    }
}

fn text_key(area: &mut TextArea<'static>, numeric: bool, key: KeyEvent) -> Keyed {
    match key.code {
        KeyCode::Esc => Ok(Some(Action::Back)),
        KeyCode::Enter => {
            let text = area.lines().join(" ");
            if text.trim().is_empty() {
                Err(strings::QUIZ_EMPTY_ANSWER)
            } else if numeric && parse_number(&text).is_none() {
                Err(strings::QUIZ_NOT_A_NUMBER)
            } else {
                Ok(Some(Action::Submit(Response::Text(text))))
            }
        }
        _ => {
            area.input(key);
            Ok(None)
        }
    }
}

/// A step moves with the arrows once grabbed (Espace), or at once with a modifier held.
fn order_key(
    arrangement: &mut [usize],
    cursor: &mut usize,
    grabbed: &mut bool,
    shift: bool,
    key: KeyEvent,
) -> Option<Action> {
    let n = arrangement.len();
    let target = match key.code {
        KeyCode::Up | KeyCode::Char('k') if *cursor > 0 => *cursor - 1,
        KeyCode::Down | KeyCode::Char('j') if *cursor + 1 < n => *cursor + 1,
        KeyCode::Char(' ') => {
            *grabbed = !*grabbed;
            return None;
        }
        KeyCode::Enter => return Some(Action::Submit(Response::Order(arrangement.to_vec()))),
        KeyCode::Char('q') | KeyCode::Esc => return Some(Action::Back),
        _ => return None,
    };
    if *grabbed || shift {
        arrangement.swap(*cursor, target);
    }
    *cursor = target;
    None
}
