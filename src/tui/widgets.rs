//! Small drawing helpers shared by the screens: key-hint footer, popups, the too-small
//! message.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, MouseEventKind};
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::Color;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};

use crate::tui::strings;
pub use crate::tui::strings::Hint;

/// The number of characters of `text`, as a terminal width (saturating at `u16::MAX`).
pub fn width_of(text: &str) -> u16 {
    cells(text.chars().count())
}

/// `x` rounded to a whole number: `as` saturates, so NaN and negative values give 0 and a
/// huge one the largest count, never a wrapped-around number.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn round_cells(x: f64) -> usize {
    x.round() as usize
}

/// A count of rows or columns for the terminal, saturating at `u16::MAX`: no list is that
/// long on a screen, and a wrapped-around number would draw in the wrong place.
pub fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}
use crate::tui::theme::Theme;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

/// The footer line: « Entrée ouvrir · ? aide · q retour ».
pub fn footer(hints: &[Hint], theme: &Theme, area: Rect, buf: &mut Buffer) {
    let line = |hints: &[Hint]| {
        let mut spans = Vec::new();
        for (i, (key, what)) in hints.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", theme.muted));
            }
            spans.push(Span::styled(*key, theme.key));
            spans.push(Span::raw(" "));
            spans.push(Span::styled(*what, theme.base));
        }
        Line::from(spans)
    };
    // On a narrow window the hints just before the last two (« q quitter », « ? aide »: how to
    // leave and where every key is listed) give way first, so that those two always show.
    let mut shown = hints.to_vec();
    while line(&shown).width() > usize::from(area.width) && shown.len() > 3 {
        shown.remove(shown.len() - 3);
    }
    Paragraph::new(line(&shown))
        .style(theme.base)
        .render(area, buf);
}

/// A rectangle of `width` × `height` centred in `area` (clamped to it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// A bordered block with a title, in the theme's colours.
pub fn block<'a>(title: impl Into<Line<'a>>, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(title.into().style(theme.title))
        .style(theme.base)
}

/// A popup over the screen, cleared underneath.
pub fn popup(title: &str, text: Text<'_>, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).min(76);
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: false });
    // The height of the text once wrapped, so that its last line (the keys) is never cut.
    let lines = paragraph.line_count(width.saturating_sub(2).max(1));
    let height = (cells(lines) + 2).min(area.height.saturating_sub(2));
    let rect = centered(area, width, height);
    Clear.render(rect, buf);
    paragraph
        .block(block(format!(" {title} "), theme))
        .render(rect, buf);
}

/// The help overlay: the screen's keys, then the keys that work everywhere.
pub fn help(hints: &[Hint], theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mut lines: Vec<Line> = hints
        .iter()
        .map(|(key, what)| {
            Line::from(vec![
                Span::styled(format!("{key:>12}"), theme.key),
                Span::raw("  "),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(strings::HELP_GLOBAL, theme.muted));
    lines.push(Line::styled(strings::HELP_CLOSE, theme.muted));
    popup(strings::HELP_TITLE, Text::from(lines), theme, area, buf);
}

/// Drawn over every screen while the progress cannot be saved: what happened, that the
/// answers are kept, and the two ways out.
pub fn save_failed(why: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = Text::from(vec![
        Line::styled(format!("⚠ {}", strings::SAVE_FAILED), theme.warning),
        Line::raw(""),
        Line::raw(why.to_owned()),
        Line::raw(""),
        Line::raw(strings::SAVE_FAILED_KEPT),
        Line::raw(""),
        Line::styled(strings::SAVE_FAILED_KEYS, theme.key),
    ]);
    popup(strings::SAVE_FAILED_TITLE, text, theme, area, buf);
}

/// Asks whether to leave the exam being taken.
pub fn confirm_abandon(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = Text::from(vec![
        Line::raw(strings::EXAM_ABANDON_TEXT),
        Line::raw(""),
        Line::styled(strings::EXAM_ABANDON_KEYS, theme.key),
    ]);
    popup(strings::EXAM_ABANDON_TITLE, text, theme, area, buf);
}

/// Drawn instead of the screens when the terminal is too small for them.
pub fn too_small(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = Text::from(vec![
        Line::styled(strings::TOO_SMALL, theme.title),
        Line::raw(strings::too_small(
            MIN_WIDTH,
            MIN_HEIGHT,
            area.width,
            area.height,
        )),
    ]);
    let height = 4.min(area.height);
    let rect = centered(area, area.width, height);
    Paragraph::new(text)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .style(theme.base)
        .render(rect, buf);
}

/// A view scrolled over content taller than it: the first row shown, and the heights of the
/// content and of the view at the last draw (drawing is read-only, hence the cell), which
/// bound the scrolling.
#[derive(Debug, Default)]
pub struct Scroll {
    offset: u16,
    extent: std::cell::Cell<(u16, u16)>,
}

impl Scroll {
    /// The first row to show, within bounds.
    pub fn offset(&self) -> u16 {
        self.offset.min(self.max())
    }

    /// Called by `render` with the content's height and the view's.
    pub fn set_extent(&self, content: u16, view: u16) {
        self.extent.set((content, view));
    }

    fn max(&self) -> u16 {
        let (content, view) = self.extent.get();
        content.saturating_sub(view)
    }

    pub fn reset(&mut self) {
        self.offset = 0;
    }

    pub fn by(&mut self, delta: i32) {
        let next = (i32::from(self.offset()) + delta).clamp(0, i32::from(self.max()));
        self.offset = u16::try_from(next).unwrap_or(0);
    }

    /// Handles the scrolling keys (↑↓ j k, page keys, Espace, Début, Fin). Returns false for
    /// any other key, for the screen to handle.
    pub fn on_key(&mut self, code: KeyCode) -> bool {
        let page = i32::from(self.extent.get().1.max(2) - 1);
        match code {
            KeyCode::Down | KeyCode::Char('j') => self.by(1),
            KeyCode::Up | KeyCode::Char('k') => self.by(-1),
            KeyCode::PageDown | KeyCode::Char(' ') => self.by(page),
            KeyCode::PageUp => self.by(-page),
            KeyCode::Home => self.offset = 0,
            KeyCode::End => self.offset = self.max(),
            _ => return false,
        }
        true
    }

    /// Handles the mouse wheel. Returns false for any other mouse event.
    pub fn on_mouse(&mut self, kind: MouseEventKind) -> bool {
        match kind {
            MouseEventKind::ScrollDown => self.by(3),
            MouseEventKind::ScrollUp => self.by(-3),
            _ => return false,
        }
        true
    }

    /// Writes « 42 % » on the bottom border of `area` (the block around the view) when the
    /// content does not fit, so that the reader knows there is more.
    pub fn draw_percent(&self, area: Rect, theme: &Theme, buf: &mut Buffer) {
        if let Some(label) = self.percent_label() {
            let x = area.right().saturating_sub(width_of(&label) + 2);
            buf.set_string(x, area.bottom().saturating_sub(1), label, theme.muted);
        }
    }

    /// « 42 % » of the content read, when it does not fit.
    pub fn percent_label(&self) -> Option<String> {
        let (content, view) = self.extent.get();
        (content > view).then(|| {
            let seen = u32::from(self.offset() + view) * 100 / u32::from(content.max(1));
            format!(" {} % ", seen.min(100))
        })
    }
}

/// What was drawn at a clicked cell, from the areas a screen recorded while drawing.
pub fn hit_at<T: Copy>(
    hits: &std::cell::RefCell<Vec<(Rect, T)>>,
    column: u16,
    row: u16,
) -> Option<T> {
    hits.borrow()
        .iter()
        .find(|(r, _)| r.contains(ratatui::layout::Position::new(column, row)))
        .map(|(_, t)| *t)
}

/// Number of rows `text` takes once wrapped to `width` (for scrolling limits).
pub fn wrapped_height(text: &Text<'_>, width: u16) -> u16 {
    Paragraph::new(text.clone())
        .wrap(Wrap { trim: false })
        .line_count(width.max(1))
        .try_into()
        .unwrap_or(u16::MAX)
}

/// Text wrapped once and drawn a window at a time: a long lesson costs its formatting and
/// wrapping when it opens or the window's width changes, not on every key press.
#[derive(Debug)]
pub struct Wrapped<K> {
    /// What the text was made from (the lesson, the width, the theme): another key, another
    /// wrapping.
    key: Option<K>,
    /// Every wrapped line, drawn once.
    page: Buffer,
}

impl<K> Default for Wrapped<K> {
    fn default() -> Self {
        Wrapped {
            key: None,
            page: Buffer::default(),
        }
    }
}

impl<K: PartialEq> Wrapped<K> {
    /// Wraps the text `make` gives at `width`, unless it was wrapped already for `key`.
    pub fn wrap<'a>(&mut self, key: K, width: u16, make: impl FnOnce() -> Text<'a>) {
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let text = make();
        let height = wrapped_height(&text, width);
        self.page = Buffer::empty(Rect::new(0, 0, width, height));
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .render(self.page.area, &mut self.page);
        self.key = Some(key);
    }

    /// Rows of wrapped text.
    pub fn height(&self) -> u16 {
        self.page.area.height
    }

    /// Draws the rows from `offset` into `area`.
    pub fn draw(&self, offset: u16, area: Rect, buf: &mut Buffer) {
        let page = self.page.area;
        for row in 0..area.height.min(page.height.saturating_sub(offset)) {
            for column in 0..area.width.min(page.width) {
                if let (Some(from), Some(to)) = (
                    self.page.cell((column, offset + row)),
                    buf.cell_mut((area.x + column, area.y + row)),
                ) {
                    // Laid over what is there, as a paragraph's spans are: the window's
                    // background shows wherever the text sets none.
                    to.set_symbol(from.symbol());
                    if from.fg != Color::Reset {
                        to.fg = from.fg;
                    }
                    if from.bg != Color::Reset {
                        to.bg = from.bg;
                    }
                    to.modifier |= from.modifier;
                }
            }
        }
    }
}

/// `text` cut to `width` characters, with « … » when something was cut.
pub fn ellipsize(text: &str, width: u16) -> String {
    let width = width as usize;
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A gauge drawn with block characters and the numbers beside it, so that it reads without
/// colour: « ███████░░░ 7/10 ».
pub fn text_gauge(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width + total / 2).checked_div(total).unwrap_or(0);
    format!(
        "{}{} {done}/{total}",
        "█".repeat(filled.min(width)),
        "░".repeat(width - filled.min(width))
    )
}

/// A bar of `width` cells filled to `ratio` (0 to 1), for figures shown beside it in words:
/// « ██████░░░░ ».
pub fn ratio_bar(ratio: f64, width: usize) -> String {
    let filled = round_cells(ratio.clamp(0.0, 1.0) * width as f64).min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Modifier, Style};

    #[test]
    fn wrapped_text_draws_as_a_scrolled_paragraph_and_wraps_once() {
        let text = || {
            Text::from(vec![
                Line::styled(
                    "Titre de la leçon",
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Line::raw(
                    "Un long paragraphe qui passe à la ligne plusieurs fois dans une fenêtre étroite, avec des mots accentués.",
                ),
                Line::from(vec![
                    Span::raw("fin "),
                    Span::styled("rouge", Style::new().fg(Color::Red)),
                ]),
            ])
        };
        let area = Rect::new(0, 0, 20, 5);
        let mut wrapped = Wrapped::default();
        let mut made = 0;
        for offset in 0..6 {
            wrapped.wrap(("leçon", 20), 20, || {
                made += 1;
                text()
            });
            let mut expected = Buffer::empty(area);
            let background = Style::new().bg(Color::Blue);
            expected.set_style(area, background);
            Paragraph::new(text())
                .wrap(Wrap { trim: false })
                .scroll((offset, 0))
                .render(area, &mut expected);
            let mut drawn = Buffer::empty(area);
            drawn.set_style(area, background);
            wrapped.draw(offset, area, &mut drawn);
            assert_eq!(drawn, expected, "offset {offset}");
        }
        assert_eq!(made, 1, "wrapped once for the same key");
        assert_eq!(wrapped.height(), wrapped_height(&text(), 20));
        wrapped.wrap(("leçon", 30), 30, text);
        assert_eq!(wrapped.height(), wrapped_height(&text(), 30));
    }

    #[test]
    fn gauge_reads_without_colour() {
        assert_eq!(text_gauge(0, 0, 4), "░░░░ 0/0");
        assert_eq!(text_gauge(5, 10, 4), "██░░ 5/10");
        assert_eq!(text_gauge(10, 10, 4), "████ 10/10");
        assert_eq!(ratio_bar(0.29, 10), "███░░░░░░░");
        assert_eq!(ratio_bar(f64::NAN, 3), "░░░");
        assert_eq!(ratio_bar(2.0, 3), "███");
    }

    #[test]
    fn ellipsis_only_when_cut() {
        assert_eq!(ellipsize("Secret", 6), "Secret");
        assert_eq!(ellipsize("Secret médical", 8), "Secret …");
    }

    #[test]
    fn scroll_stays_within_the_content() {
        let mut s = Scroll::default();
        s.set_extent(50, 10);
        assert!(s.on_key(KeyCode::End));
        assert_eq!(s.offset(), 40);
        s.by(100);
        assert_eq!(s.offset(), 40);
        assert!(s.on_key(KeyCode::PageUp));
        assert_eq!(s.offset(), 31);
        assert!(s.on_mouse(MouseEventKind::ScrollUp));
        assert_eq!(s.offset(), 28);
        assert!(!s.on_key(KeyCode::Enter));
        assert_eq!(s.percent_label().as_deref(), Some(" 76 % "));
        s.set_extent(5, 10);
        assert_eq!(s.offset(), 0, "content that fits is not scrolled");
        assert_eq!(s.percent_label(), None);
    }

    #[test]
    fn centered_fits_inside() {
        let area = Rect::new(0, 0, 10, 5);
        assert_eq!(centered(area, 20, 20), area);
        assert_eq!(centered(area, 4, 1), Rect::new(3, 2, 4, 1));
    }
}
