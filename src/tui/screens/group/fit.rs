//! Type for a room read from afar: what the room must read is laid out as paragraphs, and
//! the largest type in which all of them fit is chosen, from big letters down to the
//! terminal's own. At 80 × 24 everything fits in normal type; as the window grows (or the
//! trainer zooms out to get more cells, then the projector enlarges them), the paragraphs
//! move to big letters, the most important ones first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use tui_big_text::{BigText, PixelSize};

/// Big letters never have fewer than this many per line: fewer would cut most words.
const MIN_BIG_COLUMNS: usize = 12;

/// How large a paragraph is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Size {
    /// 8 × 8 letters on half-height cells: square on screen, the largest.
    Huge,
    /// 8 × 8 letters on quarter cells.
    Big,
    /// The terminal's own type.
    Normal,
}

impl Size {
    /// Columns and rows of one letter, for big sizes.
    fn glyph(self) -> Option<(u16, u16, PixelSize)> {
        match self {
            Size::Huge => Some((8, 4, PixelSize::HalfHeight)),
            Size::Big => Some((4, 4, PixelSize::Quadrant)),
            Size::Normal => None,
        }
    }
}

/// Which paragraphs lose big type first when room is short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Read first and often known already (the prompt on the answer): the first to shrink.
    Lead,
    /// What the room must read now (the choices, the right answer): the last to shrink.
    Main,
    /// What goes with it (the explanation, who found it): shrinks before `Main`.
    Detail,
    /// Never in big type: details for the trainer (the teams' entries).
    Small,
}

/// A paragraph of a room view: its text in big letters, and the same in normal type.
#[derive(Debug, Clone)]
pub(super) struct Para {
    pub role: Role,
    /// The words drawn in big letters (what the 8 × 8 font can draw: see [`big_glyphs`]).
    pub big: String,
    pub big_style: Style,
    /// The paragraph in normal type, with its styles and marks.
    pub normal: Text<'static>,
    /// Left out, rather than cut, when nothing else fits (the choices on the answer, whose
    /// right one the answer line names).
    pub optional: bool,
}

impl Para {
    pub fn new(
        role: Role,
        big: impl Into<String>,
        big_style: Style,
        normal: impl Into<Text<'static>>,
    ) -> Self {
        Para {
            role,
            big: big.into(),
            big_style,
            normal: normal.into(),
            optional: false,
        }
    }

    /// A paragraph never in big type.
    pub fn small(normal: impl Into<Text<'static>>) -> Self {
        Para::new(Role::Small, "", Style::new(), normal)
    }

    pub fn optional(mut self) -> Self {
        self.optional = true;
        self
    }
}

/// The sizes tried for (lead, main, detail) paragraphs, the largest first.
const PLANS: [(Size, Size, Size); 11] = [
    (Size::Huge, Size::Huge, Size::Huge),
    (Size::Big, Size::Huge, Size::Huge),
    (Size::Big, Size::Huge, Size::Big),
    (Size::Big, Size::Big, Size::Big),
    (Size::Normal, Size::Huge, Size::Big),
    (Size::Normal, Size::Big, Size::Big),
    (Size::Normal, Size::Huge, Size::Normal),
    (Size::Normal, Size::Big, Size::Normal),
    (Size::Big, Size::Normal, Size::Normal),
    (Size::Normal, Size::Normal, Size::Normal),
    (Size::Normal, Size::Normal, Size::Normal),
];

/// How the paragraphs were laid out: each one's size (`None` when left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Plan {
    pub sizes: Vec<Option<Size>>,
    /// A blank row between paragraphs.
    pub spaced: bool,
}

/// The largest plan in which `paras` fit `area`: big sizes first, then normal type with
/// blank rows between paragraphs, then without, then without the optional paragraphs.
pub(super) fn plan(paras: &[Para], area: Rect) -> Plan {
    let size_of = |p: &Para, (lead, main, detail): (Size, Size, Size)| match p.role {
        Role::Lead => lead,
        Role::Main => main,
        Role::Detail => detail,
        Role::Small => Size::Normal,
    };
    let last = PLANS.len() - 1;
    for (i, sizes) in PLANS.iter().enumerate() {
        // The last plan is the one before it without blank rows.
        let spaced = i < last;
        let plan = Plan {
            sizes: paras.iter().map(|p| Some(size_of(p, *sizes))).collect(),
            spaced,
        };
        if height(paras, &plan, area.width).is_some_and(|h| h <= area.height) {
            return plan;
        }
    }
    Plan {
        sizes: paras
            .iter()
            .map(|p| (!p.optional).then_some(Size::Normal))
            .collect(),
        spaced: false,
    }
}

/// Rows `paras` take laid out by `plan` in `width` columns, or `None` when a big paragraph
/// would have too few letters a line.
fn height(paras: &[Para], plan: &Plan, width: u16) -> Option<u16> {
    let mut rows = 0u16;
    let mut shown = 0;
    for (p, size) in paras.iter().zip(&plan.sizes) {
        let Some(size) = size else {
            continue;
        };
        if shown > 0 && (plan.spaced || *size != Size::Normal) {
            rows = rows.saturating_add(1);
        }
        shown += 1;
        rows = rows.saturating_add(para_rows(p, *size, width)?);
    }
    Some(rows)
}

fn para_rows(p: &Para, size: Size, width: u16) -> Option<u16> {
    match size.glyph() {
        None => Some(normal_rows(&p.normal, width)),
        Some((gw, gh, _)) => {
            let columns = usize::from(width / gw);
            if columns < MIN_BIG_COLUMNS {
                return None;
            }
            let lines = wrap_words(&spell(&p.big), columns);
            u16::try_from(lines.len()).ok()?.checked_mul(gh)
        }
    }
}

/// Draws `paras` in the largest type that fits `area`, from its top.
pub(super) fn render(paras: &[Para], area: Rect, buf: &mut Buffer) {
    render_plan(paras, &plan(paras, area), area, buf);
}

/// Draws `paras` laid out by `plan` in `area`, from its top.
pub(super) fn render_plan(paras: &[Para], plan: &Plan, area: Rect, buf: &mut Buffer) {
    let mut y = area.y;
    let mut shown = 0;
    for (p, size) in paras.iter().zip(&plan.sizes) {
        let Some(size) = size else {
            continue;
        };
        if shown > 0 && (plan.spaced || *size != Size::Normal) {
            y = y.saturating_add(1);
        }
        shown += 1;
        if y >= area.bottom() {
            break;
        }
        let rows = para_rows(p, *size, area.width).unwrap_or(1);
        let rect = Rect::new(area.x, y, area.width, rows.min(area.bottom() - y));
        match size.glyph() {
            Some((gw, _, pixel)) => {
                let lines = wrap_words(&spell(&p.big), usize::from(area.width / gw));
                big_lines(lines, pixel, p.big_style, Alignment::Left).render(rect, buf);
            }
            None => Paragraph::new(p.normal.clone())
                .wrap(Wrap { trim: false })
                .render(rect, buf),
        }
        y = y.saturating_add(rows);
    }
}

/// Rows a text takes in normal type in `width` columns.
pub(super) fn normal_rows(text: &Text<'_>, width: u16) -> u16 {
    crate::tui::widgets::wrapped_height(text, width).max(1)
}

/// `text` in big letters, one line.
pub(super) fn big_text(
    text: &str,
    pixel: PixelSize,
    style: Style,
    alignment: Alignment,
) -> BigText<'static> {
    big_lines(vec![spell(text)], pixel, style, alignment)
}

fn big_lines(
    lines: Vec<String>,
    pixel: PixelSize,
    style: Style,
    alignment: Alignment,
) -> BigText<'static> {
    BigText::builder()
        .pixel_size(pixel)
        .style(style)
        .alignment(alignment)
        .lines(lines.into_iter().map(Line::raw).collect::<Vec<_>>())
        .build()
}

/// How many columns `text` takes in big letters of `pixel` size.
pub(super) fn big_width(text: &str, pixel: PixelSize) -> usize {
    let per_letter = match pixel {
        PixelSize::Full | PixelSize::HalfHeight => 8,
        _ => 4,
    };
    spell(text).chars().count() * per_letter
}

/// `text` with every character the big font lacks spelt with those it has.
fn spell(text: &str) -> String {
    text.chars().flat_map(big_glyphs).collect()
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
        '→' => vec!['-', '>'],
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

#[cfg(test)]
mod tests {
    use super::*;

    fn para(role: Role, text: &str) -> Para {
        Para::new(role, text, Style::new(), Line::raw(text.to_owned()))
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
        assert_eq!(spell("l’œil — 15 € → x"), "l'oeil - 15 EUR -> x");
    }

    #[test]
    fn the_largest_type_that_fits_is_chosen() {
        let paras = [
            para(Role::Lead, "Quelle peine prévoit l’article ?"),
            para(Role::Main, "A Un an"),
            para(Role::Main, "B Deux ans"),
        ];
        let sizes = |w, h| plan(&paras, Rect::new(0, 0, w, h)).sizes;
        // A projector's window: all in the largest letters.
        assert_eq!(sizes(160, 45), vec![Some(Size::Huge); 3]);
        // 80 × 16: the prompt in big letters would need 8 rows more than there are.
        assert_eq!(
            sizes(80, 16),
            vec![Some(Size::Normal), Some(Size::Big), Some(Size::Big)]
        );
        // Too small for any big letters: normal type, spaced while there is room.
        let tight = plan(&paras, Rect::new(0, 0, 40, 5));
        assert_eq!(tight.sizes, vec![Some(Size::Normal); 3]);
        assert!(tight.spaced);
        assert!(!plan(&paras, Rect::new(0, 0, 40, 3)).spaced);
        // Nothing fits: the optional paragraphs go first.
        let with_optional = [para(Role::Main, "x"), para(Role::Main, "y").optional()];
        assert_eq!(
            plan(&with_optional, Rect::new(0, 0, 40, 1)).sizes,
            vec![Some(Size::Normal), None]
        );
    }
}
