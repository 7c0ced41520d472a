//! An open question on the quiz screen: an editor for the avis (several lines, scrolling,
//! the usual editing keys), then the model answer with the learner's text beside it (under it
//! on a narrow screen), the key points she ticks, and the grade her ticks propose. The same
//! text and ticks stay on screen once she has graded herself.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::layout::{label, label_index};
use crate::domain::question::{OpenQuestion, Response, SelfGrade, proposed_grade};
use crate::tui::action::Action;
use crate::tui::strings::{self, keys};
use crate::tui::theme::{Theme, markdown};
use crate::tui::widgets::{Hint, block, wrapped_height};
use crate::words;

use super::input::Keyed;
use super::segments::{Hit, Segment};

/// From this width of the quiz's body, the learner's text stands beside the model answer.
pub const SIDE_BY_SIDE: u16 = 100;

/// The learner's open answer: typed, then checked against the model answer.
#[derive(Debug)]
pub struct OpenAnswer {
    pub area: TextArea<'static>,
    /// The learner sent her text: the model answer and its key points are shown.
    pub revealed: bool,
    /// Whether each key point ([`OpenQuestion::key_points`]) is ticked.
    ticked: Vec<bool>,
}

/// True for the keys that send a text being written: Ctrl-S, or F2 where Ctrl-S is taken.
/// Ctrl-Entrée would be the natural key, but most terminals send it as a plain Entrée.
pub fn is_send(key: &KeyEvent) -> bool {
    key.code == KeyCode::F(2)
        || (key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('s' | 'S')))
}

impl OpenAnswer {
    pub fn new(q: &OpenQuestion, theme: &Theme) -> Self {
        let mut area = TextArea::default();
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_placeholder_text(strings::QUIZ_OPEN_TYPE_HERE);
        area.set_cursor_line_style(Style::new());
        area.set_style(theme.base);
        area.set_placeholder_style(theme.muted);
        OpenAnswer {
            area,
            revealed: false,
            ticked: vec![false; q.key_points().len()],
        }
    }

    /// The text as typed, without the blank lines around it.
    pub fn text(&self) -> String {
        self.area.lines().join("\n").trim().to_owned()
    }

    /// Ticks or unticks the key point `i`.
    pub fn toggle(&mut self, i: usize) {
        if let Some(t) = self.ticked.get_mut(i) {
            *t = !*t;
        }
    }

    fn ticked_indices(&self) -> Vec<usize> {
        (0..self.ticked.len()).filter(|&i| self.ticked[i]).collect()
    }

    fn proposed(&self) -> Option<SelfGrade> {
        proposed_grade(self.ticked_indices().len(), self.ticked.len())
    }

    /// What `key` does: while writing, it edits (Ctrl-S or F2 sends); once the model answer
    /// is shown, a letter ticks a key point, Entrée takes the proposed grade, 1 to 3 grade.
    pub fn on_key(&mut self, key: KeyEvent) -> Keyed {
        if !self.revealed {
            if key.code == KeyCode::Esc {
                return Ok(Some(Action::Back));
            }
            if is_send(&key) {
                if self.text().is_empty() {
                    return Err(strings::QUIZ_EMPTY_ANSWER);
                }
                self.revealed = true;
            } else {
                self.area.input(key);
            }
            return Ok(None);
        }
        let grade = match key.code {
            KeyCode::Char('1') => SelfGrade::Right,
            KeyCode::Char('2') => SelfGrade::Partly,
            KeyCode::Char('3') => SelfGrade::Wrong,
            KeyCode::Enter => self.proposed().ok_or(strings::QUIZ_GRADE_YOURSELF)?,
            KeyCode::Char('q') | KeyCode::Esc => return Ok(Some(Action::Back)),
            KeyCode::Char(c) => {
                if let Some(i) = label_index(c) {
                    self.toggle(i);
                }
                return Ok(None);
            }
            _ => return Ok(None),
        };
        Ok(Some(Action::Submit(Response::SelfGraded {
            text: self.text(),
            grade,
            ticked: self.ticked_indices(),
        })))
    }

    /// The keys of the current stage.
    pub fn hints(&self, case: bool) -> Vec<Hint> {
        if !self.revealed {
            return vec![keys::VALIDER_TEXTE, keys::SIGNALER_F3, keys::QUITTER_ECHAP];
        }
        let mut hints = if self.ticked.is_empty() {
            vec![keys::NOTER_SOI_MEME]
        } else {
            vec![keys::COCHER_POINT, keys::NOTER]
        };
        // A case adds « Tab récit »: the footer keeps to 80 columns without this one.
        if !case {
            hints.push(keys::DEFILER);
        }
        hints.push(keys::SIGNALER);
        hints
    }

    /// « Votre réponse — ligne 3 sur 12 », the editor's title.
    pub fn editor_title(&self) -> String {
        let lines = self.area.lines().len();
        if lines > 1 {
            let row = self.area.cursor().0 + 1;
            format!(" {} ", strings::quiz_open_line(row, lines))
        } else {
            format!(" {} ", words::QUIZ_YOUR_ANSWER)
        }
    }
}

/// The model answer, the learner's text (unless it stands beside, `beside`) and the key
/// points ticked, before she grades herself: then the grade the ticks propose.
pub fn checking<'a>(
    answer: &OpenAnswer,
    q: &'a OpenQuestion,
    beside: bool,
    theme: &Theme,
    width: u16,
    out: &mut Vec<Segment<'a>>,
) {
    if !beside {
        your_text(answer.text(), theme, out);
    }
    model_answer(q, theme, width, out);
    out.push((Text::raw(""), None));
    let points = q.key_points();
    if points.is_empty() {
        out.push((Text::styled(strings::QUIZ_SELF_GRADE, theme.focus), None));
        return;
    }
    out.push((Text::styled(strings::QUIZ_TICK_POINTS, theme.heading), None));
    for (i, point) in points.into_iter().enumerate() {
        let mark = if answer.ticked.get(i) == Some(&true) {
            "[x]"
        } else {
            "[ ]"
        };
        let mark = format!("{mark} {}. ", label(i));
        out.push((
            point_text(mark, point, theme, width),
            Some(Hit::KeyPoint(i)),
        ));
    }
    out.push((Text::raw(""), None));
    let ticked = answer.ticked_indices().len();
    if let Some(grade) = answer.proposed() {
        out.push((
            Text::styled(
                strings::quiz_proposed_grade(grade, ticked, answer.ticked.len()),
                theme.focus,
            ),
            None,
        ));
    }
}

/// After the learner graded herself (`last`, her response): her text (unless beside), the
/// model answer, and the key points as she ticked them.
pub fn graded<'a>(
    q: &'a OpenQuestion,
    last: Option<&'a Response>,
    beside: bool,
    theme: &Theme,
    width: u16,
    out: &mut Vec<Segment<'a>>,
) {
    let (text, ticked) = match last {
        Some(Response::SelfGraded { text, ticked, .. }) => (text.as_str(), ticked.as_slice()),
        _ => ("", &[][..]),
    };
    if !beside {
        your_text(text.to_owned(), theme, out);
    }
    model_answer(q, theme, width, out);
    let points = q.key_points();
    if points.is_empty() {
        return;
    }
    let count = ticked.iter().filter(|&&i| i < points.len()).count();
    out.push((Text::raw(""), None));
    out.push((
        Text::styled(
            strings::quiz_points_ticked(count, points.len()),
            theme.heading,
        ),
        None,
    ));
    for (i, point) in points.into_iter().enumerate() {
        let mark = if ticked.contains(&i) { "[x] " } else { "[ ] " };
        out.push((point_text(mark.to_owned(), point, theme, width), None));
    }
}

/// A key point (markdown, like the model answer it may come from) after its box.
fn point_text<'a>(mark: String, point: &'a str, theme: &Theme, width: u16) -> Text<'a> {
    let mut text = markdown(point, theme, width);
    match text.lines.first_mut() {
        Some(first) => first.spans.insert(0, Span::styled(mark, theme.key)),
        None => text.lines.push(Line::styled(mark, theme.key)),
    }
    text
}

fn your_text(text: String, theme: &Theme, out: &mut Vec<Segment<'_>>) {
    out.push((Text::styled(words::QUIZ_YOUR_ANSWER, theme.heading), None));
    out.push((Text::raw(text), None));
    out.push((Text::raw(""), None));
}

/// « Réponse modèle », its heading marked so that the screen can bring it to the top.
fn model_answer<'a>(q: &'a OpenQuestion, theme: &Theme, width: u16, out: &mut Vec<Segment<'a>>) {
    out.push((
        Text::styled(strings::QUIZ_MODEL_ANSWER, theme.heading),
        Some(Hit::ModelAnswer),
    ));
    out.push((markdown(&q.model_answer, theme, width), None));
}

/// The learner's text in a panel beside the model answer, scrolled with it (`scroll`, the
/// first row shown of the other side).
pub fn render_beside(text: &str, scroll: u16, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let panel = block(format!(" {} ", words::QUIZ_YOUR_ANSWER), theme);
    let inner = panel.inner(area);
    panel.render(area, buf);
    let text = Text::raw(text.to_owned());
    let height = wrapped_height(&text, inner.width);
    let offset = scroll.min(height.saturating_sub(inner.height));
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .scroll((offset, 0))
        .render(inner, buf);
}
