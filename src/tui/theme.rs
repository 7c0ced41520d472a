//! Semantic styles. Screens ask for `correct` or `focus`, never for a colour, so that the
//! contrast theme and NO_COLOR are one switch here; meaning is always carried by words and
//! symbols too (✓, ✗, « Correct »), never by colour alone.

use ratatui::style::{Color, Modifier, Style};

/// Which palette to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ThemeName {
    /// Couleurs douces sur le fond du terminal.
    #[default]
    Default,
    /// Contraste élevé, pour un vidéoprojecteur ou une vue basse.
    Contrast,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub heading: Style,
    pub muted: Style,
    pub focus: Style,
    pub selected: Style,
    pub correct: Style,
    pub wrong: Style,
    pub partial: Style,
    pub warning: Style,
    pub key: Style,
    pub border: Style,
    pub quote: Style,
    pub gauge: Style,
    /// Whether colours are used at all (NO_COLOR turns them off).
    pub color: bool,
}

impl Theme {
    /// The theme for `name`, without any colour when `no_color` (the NO_COLOR convention).
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::monochrome();
        }
        match name {
            ThemeName::Default => Theme {
                base: Style::new(),
                title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                muted: Style::new().fg(Color::DarkGray),
                focus: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                selected: Style::new().bg(Color::Blue).fg(Color::White),
                correct: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
                wrong: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                partial: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                warning: Style::new().fg(Color::Yellow),
                key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                border: Style::new().fg(Color::DarkGray),
                quote: Style::new().fg(Color::Magenta),
                gauge: Style::new().fg(Color::Green),
                color: true,
            },
            ThemeName::Contrast => Theme {
                base: Style::new().fg(Color::White).bg(Color::Black),
                title: Style::new()
                    .fg(Color::White)
                    .bg(Color::Black)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                heading: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                muted: Style::new().fg(Color::White),
                focus: Style::new()
                    .fg(Color::Black)
                    .bg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
                selected: Style::new()
                    .fg(Color::Black)
                    .bg(Color::White)
                    .add_modifier(Modifier::BOLD),
                correct: Style::new()
                    .fg(Color::LightGreen)
                    .add_modifier(Modifier::BOLD),
                wrong: Style::new()
                    .fg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
                partial: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                border: Style::new().fg(Color::White),
                quote: Style::new().fg(Color::LightCyan),
                gauge: Style::new().fg(Color::LightGreen),
                color: true,
            },
        }
    }

    /// Bold, reverse and underline only: the terminal's own colours.
    pub fn monochrome() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            base: Style::new(),
            title: bold,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            muted: Style::new(),
            focus: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            correct: bold,
            wrong: bold,
            partial: bold,
            warning: bold,
            key: bold,
            border: Style::new(),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            gauge: Style::new(),
            color: false,
        }
    }
}

/// Markdown as styled text in the theme's colours, its tables fitted to `width` columns.
pub fn markdown<'a>(text: &'a str, theme: &Theme, width: u16) -> ratatui::text::Text<'a> {
    let options = tui_markdown::Options::new(MarkdownStyles(*theme)).table_width(width);
    tui_markdown::from_str_with_options(text, &options)
}

/// Markdown styles that follow the theme (tui-markdown's defaults are coloured).
#[derive(Debug, Clone, Copy)]
pub struct MarkdownStyles(pub Theme);

impl tui_markdown::StyleSheet for MarkdownStyles {
    fn heading(&self, level: u8) -> Style {
        match level {
            1 => self.0.title,
            _ => self.0.heading,
        }
    }
    fn code(&self) -> Style {
        self.0.quote
    }
    fn link(&self) -> Style {
        self.0.key
    }
    fn blockquote(&self) -> Style {
        self.0.quote
    }
    fn heading_meta(&self) -> Style {
        self.0.muted
    }
    fn metadata_block(&self) -> Style {
        self.0.muted
    }
    fn heading_marker(&self, _level: u8) -> &'static str {
        // The heading style marks a heading; « ## » would be noise for a reader.
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(t: &Theme) -> [Style; 14] {
        [
            t.base, t.title, t.heading, t.muted, t.focus, t.selected, t.correct, t.wrong,
            t.partial, t.warning, t.key, t.border, t.quote, t.gauge,
        ]
    }

    #[test]
    fn no_color_means_no_colour_at_all() {
        for name in [ThemeName::Default, ThemeName::Contrast] {
            let theme = Theme::new(name, true);
            assert!(!theme.color);
            for style in all(&theme) {
                assert_eq!(style.fg, None);
                assert_eq!(style.bg, None);
            }
        }
    }

    #[test]
    fn contrast_theme_sets_a_black_background() {
        let theme = Theme::new(ThemeName::Contrast, false);
        assert_eq!(theme.base.bg, Some(Color::Black));
        assert_eq!(theme.base.fg, Some(Color::White));
        // Focus stands out by its background, not only by a hue.
        assert!(theme.focus.bg.is_some());
    }
}
