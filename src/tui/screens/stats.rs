//! Statistics: today's plan, mastery per module, the predicted recall on the stage day, the
//! days worked, success week by week and the weakest questions, which Entrée asks again.
//! Every picture has its numbers beside it in words; every number is the one `conseil stats`
//! prints, computed once by `domain::stats`.

use jiff::ToSpan;
use jiff::civil::Date;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Sparkline, SparklineBar, Widget, Wrap};
use std::fmt::Write as _;

use crate::domain::plan::Status;
use crate::domain::stats::Stats;
use crate::tui::action::Action;
use crate::tui::screens::Ctx;
use crate::tui::strings::{self, keys};
use crate::tui::theme::Theme;
use crate::tui::widgets::{Hint, Scroll, block, ellipsize, ratio_bar, round_cells, wrapped_height};
use crate::words;

/// From this inner width on, the figures sit in two columns.
const TWO_COLUMNS: u16 = 100;
/// Width of the labels left of the grid and of the curve.
const GUTTER: usize = 6;
/// Width of one week in the grid and the curve: three cells and a gap.
const WEEK_WIDTH: usize = 4;
const CURVE_HEIGHT: u16 = 5;
/// How many of the latest weeks are told in words under the curve.
const WEEKS_IN_WORDS: usize = 4;
/// Width of « 12/42 · 29 % » beside a mastery bar, with its leading space.
const FIGURES_WIDTH: usize = 16;

/// A part of the page: text, or the accuracy curve (a widget, so not text).
enum Piece<'a> {
    Text(Text<'a>),
    Curve,
}

impl Piece<'_> {
    fn height(&self, width: u16) -> u16 {
        match self {
            Piece::Text(text) => wrapped_height(text, width),
            Piece::Curve => CURVE_HEIGHT,
        }
    }
}

/// Rows taken by `pieces` one under the other.
fn column_height(pieces: &[Piece], width: u16) -> u16 {
    pieces
        .iter()
        .map(|p| p.height(width))
        .fold(0, u16::saturating_add)
}

#[derive(Debug)]
pub struct StatsScreen {
    pub stats: Stats,
    pub scroll: Scroll,
}

/// The shade of a day with `count` answers; the legend tells the same in words.
fn shade(count: u32) -> &'static str {
    match count {
        0 => "░",
        1..=4 => "▒",
        5..=9 => "▓",
        _ => "█",
    }
}

fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(days.days()).unwrap_or(date)
}

fn short_date(date: Date) -> String {
    date.strftime("%d/%m").to_string()
}

fn long_date(date: Date) -> String {
    date.strftime("%d/%m/%Y").to_string()
}

impl StatsScreen {
    pub fn new(stats: Stats) -> Self {
        StatsScreen {
            stats,
            scroll: Scroll::default(),
        }
    }

    pub fn hints(&self) -> Vec<Hint> {
        let mut hints = vec![keys::DEFILER, keys::PAGE];
        if !self.stats.weakest.is_empty() {
            hints.push(keys::REVOIR_LES_FRAGILES);
        }
        hints.push(keys::RETOUR);
        hints
    }

    pub fn on_key(&mut self, key: KeyEvent, _ctx: &Ctx) -> Option<Action> {
        if self.scroll.on_key(key.code) {
            return None;
        }
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
            KeyCode::Enter if !self.stats.weakest.is_empty() => Some(Action::RetryWeakest),
            _ => None,
        }
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent) -> Option<Action> {
        self.scroll.on_mouse(mouse.kind);
        None
    }

    fn overview(&self, theme: &Theme) -> Text<'static> {
        let s = &self.stats;
        let mut lines = if s.answers == 0 {
            vec![Line::styled(strings::STATS_NO_ANSWER, theme.title)]
        } else {
            let mut second = vec![strings::stats_due(s.due_now)];
            if let (Some(date), Some(days)) = (s.stage_date, s.days_until_stage) {
                second.push(strings::stats_stage(date, days));
            }
            vec![
                Line::styled(
                    strings::stats_overview(
                        s.answers,
                        s.success,
                        s.correct,
                        s.questions_seen,
                        s.questions,
                        s.questions_mastered,
                    ),
                    theme.title,
                ),
                Line::raw(second.join(" · ")),
            ]
        };
        let style = if matches!(s.plan.status, Status::Behind { .. }) {
            theme.warning
        } else {
            theme.base
        };
        lines.push(Line::styled(words::plan_sentences(&s.plan), style));
        if let Some(material) = words::plan_material(&s.plan) {
            lines.push(Line::raw(material));
        }
        lines.push(Line::raw(""));
        Text::from(lines)
    }

    /// One line per module the stage covers: « Le secret médical  ████████░░  85 % retenu ·
    /// 30/42 à l’objectif ». Nothing without a stage ahead.
    fn stage_recall(&self, width: u16, theme: &Theme) -> Option<Text<'static>> {
        let first = self.stats.stage_recall.first()?;
        let width = usize::from(width);
        let bar_width = 10;
        let mut lines = vec![Line::styled(
            strings::stats_stage_recall(first.target),
            theme.heading,
        )];
        for m in &self.stats.stage_recall {
            let figures = strings::stats_stage_module(m.recall, m.at_target, m.questions);
            let name_width = width.saturating_sub(bar_width + figures.chars().count() + 3);
            let name = ellipsize(&m.title, u16::try_from(name_width).unwrap_or(u16::MAX));
            lines.push(Line::from(vec![
                Span::raw(format!("{name:<name_width$} ")),
                Span::styled(ratio_bar(m.recall, bar_width), theme.gauge),
                Span::raw(format!(" {figures}")),
            ]));
        }
        lines.push(Line::raw(""));
        Some(Text::from(lines))
    }

    /// One line per module: « Le secret médical  ███░░░░░░░  12/42 ·  29 % ».
    fn mastery(&self, width: u16, theme: &Theme) -> Text<'static> {
        let width = usize::from(width);
        let bar_width = (width.saturating_sub(FIGURES_WIDTH) / 3).clamp(8, 30);
        let name_width = width.saturating_sub(FIGURES_WIDTH + bar_width + 1);
        let mut lines = vec![Line::styled(strings::STATS_MASTERY, theme.heading)];
        if self.stats.modules.is_empty() {
            lines.push(Line::styled(strings::STATS_NO_MODULE, theme.muted));
        }
        for m in &self.stats.modules {
            let name = ellipsize(&m.title, u16::try_from(name_width).unwrap_or(u16::MAX));
            lines.push(Line::from(vec![
                Span::raw(format!("{name:<name_width$} ")),
                Span::styled(ratio_bar(m.mastery(), bar_width), theme.gauge),
                Span::raw(format!(
                    " {:>3}/{:<3} · {:>5}",
                    m.mastered,
                    m.questions,
                    words::percent(m.mastery())
                )),
            ]));
        }
        lines.push(Line::raw(""));
        Text::from(lines)
    }

    /// The grid of the days: a row per weekday, a column per week, months and Mondays above.
    fn activity(&self, theme: &Theme) -> Text<'static> {
        let activity = &self.stats.activity;
        let weeks = activity.counts.len().div_ceil(7);
        let mondays: Vec<Date> = (0..weeks)
            .map(|w| add_days(activity.first_day, i64::try_from(7 * w).unwrap_or(i64::MAX)))
            .collect();
        let mut lines = vec![Line::styled(strings::stats_activity(weeks), theme.heading)];

        // A month is named above the first week whose Monday falls in it, when there is room.
        let mut months = " ".repeat(GUTTER);
        let mut last_month = None;
        for (w, monday) in mondays.iter().enumerate() {
            let column = GUTTER + w * WEEK_WIDTH;
            if last_month != Some(monday.month()) && months.chars().count() <= column {
                let label = strings::MONTHS[usize::from(monday.month().unsigned_abs()) - 1];
                let pad = column - months.chars().count();
                months.push_str(&" ".repeat(pad));
                months.push_str(label);
                months.push(' ');
            }
            last_month = Some(monday.month());
        }
        lines.push(Line::styled(months.trim_end().to_owned(), theme.muted));
        let days = mondays.iter().fold(String::new(), |mut out, d| {
            let _ = write!(out, "{:>3} ", d.day());
            out
        });
        lines.push(Line::styled(
            format!("{}{}", " ".repeat(GUTTER), days.trim_end()),
            theme.muted,
        ));

        for (day, name) in strings::WEEKDAYS.iter().enumerate() {
            let mut spans = vec![Span::raw(format!("{name:<GUTTER$}"))];
            for w in 0..weeks {
                // Days still ahead this week stay blank: not a day without answers.
                let Some(&count) = activity.counts.get(w * 7 + day) else {
                    spans.push(Span::raw(" ".repeat(WEEK_WIDTH - 1)));
                    spans.push(Span::raw(" "));
                    continue;
                };
                let style = if count == 0 { theme.muted } else { theme.gauge };
                spans.push(Span::styled(shade(count).repeat(WEEK_WIDTH - 1), style));
                spans.push(Span::raw(" "));
            }
            lines.push(Line::from(spans));
        }

        let mut legend = vec![Span::raw(" ".repeat(GUTTER))];
        for (i, (count, words)) in [0, 1, 5, 10].iter().zip(strings::STATS_LEGEND).enumerate() {
            if i > 0 {
                legend.push(Span::styled(" · ", theme.muted));
            }
            legend.push(Span::raw(format!("{} {words}", shade(*count))));
        }
        lines.push(Line::from(legend));
        let total: u32 = activity.counts.iter().sum();
        let active = activity.counts.iter().filter(|c| **c > 0).count();
        let days = i64::try_from(activity.counts.len()).unwrap_or(i64::MAX);
        let last_day = add_days(activity.first_day, days - 1);
        lines.push(Line::raw(strings::stats_activity_total(
            total,
            weeks,
            active,
            &long_date(activity.first_day),
            &long_date(last_day),
        )));
        lines.push(Line::raw(""));
        Text::from(lines)
    }

    /// The curve's values, its Mondays, and the latest weeks in words.
    fn accuracy_after_curve(&self, theme: &Theme) -> Text<'static> {
        let weeks = &self.stats.weeks;
        let values: String = weeks
            .iter()
            .map(|w| match w.success() {
                Some(a) => format!("{:>3} ", (a * 100.0).round()),
                None => "  – ".to_owned(),
            })
            .collect();
        let mondays = weeks.iter().fold(String::new(), |mut out, w| {
            let _ = write!(out, "{:>3} ", w.week_start.day());
            out
        });
        let mut lines = vec![
            Line::raw(format!(
                "{:<GUTTER$}{}",
                strings::STATS_PERCENT_AXIS,
                values.trim_end()
            )),
            Line::styled(
                format!("{}{}", " ".repeat(GUTTER), mondays.trim_end()),
                theme.muted,
            ),
            Line::raw(strings::STATS_LAST_WEEKS),
        ];
        for w in weeks.iter().rev().take(WEEKS_IN_WORDS) {
            lines.push(Line::raw(format!(
                "• {}",
                strings::stats_week(&short_date(w.week_start), w.success(), w.answers, w.correct)
            )));
        }
        lines.push(Line::raw(""));
        Text::from(lines)
    }

    /// Bars of the weekly accuracy, aligned on the weeks of the grid; a week without answers
    /// is a blank column (its value below reads « – »).
    fn draw_curve(&self, area: Rect, theme: &Theme, buf: &mut Buffer) {
        let bars: Vec<SparklineBar> = self
            .stats
            .weeks
            .iter()
            .flat_map(|w| {
                let value = w.success().map(|a| round_cells(a * 100.0) as u64);
                let mut week = vec![SparklineBar::from(value); WEEK_WIDTH - 1];
                week.push(SparklineBar::from(None));
                week
            })
            .collect();
        let gutter = u16::try_from(GUTTER).unwrap_or(0).min(area.width);
        for (row, label) in [(0, "100 %"), (area.height.saturating_sub(1), "  0 %")] {
            buf.set_string(area.x, area.y + row, label, theme.muted);
        }
        let curve = Rect {
            x: area.x + gutter,
            width: area.width - gutter,
            ..area
        };
        Sparkline::default()
            .data(bars)
            .max(100)
            .style(theme.gauge)
            .render(curve, buf);
    }

    /// « 1. 20 % sur 5 réponses · L’employeur partage… ».
    fn weakest(&self, ctx: &Ctx, width: u16) -> Text<'static> {
        let theme = ctx.theme;
        let mut lines = vec![Line::styled(strings::STATS_WEAKEST, theme.heading)];
        if self.stats.answers == 0 {
            lines.push(Line::styled(strings::STATS_NOTHING_YET, theme.muted));
        } else if self.stats.weakest.is_empty() {
            lines.push(Line::styled(strings::STATS_NO_WEAK, theme.muted));
        } else {
            lines.push(Line::styled(strings::STATS_WEAKEST_AGAIN, theme.muted));
        }
        for (i, weak) in self.stats.weakest.iter().enumerate() {
            let figures = format!(
                "{:>2}. {} · ",
                i + 1,
                strings::stats_weak(weak.recent_score, weak.answers)
            );
            let prompt = ctx
                .index
                .get(&weak.question_id)
                .map_or(weak.question_id.as_str(), |q| q.prompt());
            let room = usize::from(width).saturating_sub(figures.chars().count());
            lines.push(Line::from(vec![
                Span::styled(figures, theme.wrong),
                Span::raw(ellipsize(prompt, u16::try_from(room).unwrap_or(0))),
            ]));
        }
        lines.push(Line::raw(""));
        Text::from(lines)
    }

    /// Draws `pieces` one under the other from the top of `area`.
    fn draw_column(&self, pieces: Vec<Piece>, area: Rect, theme: &Theme, buf: &mut Buffer) {
        let mut y = area.y;
        for piece in pieces {
            let height = piece.height(area.width);
            let rect = Rect::new(area.x, y, area.width, height).intersection(area);
            match piece {
                Piece::Text(text) => Paragraph::new(text)
                    .wrap(Wrap { trim: false })
                    .render(rect, buf),
                Piece::Curve => self.draw_curve(rect, theme, buf),
            }
            y = y.saturating_add(height);
        }
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let outer = block(format!(" {} ", strings::STATS_TITLE), theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        if inner.is_empty() {
            return;
        }
        let overview = self.overview(theme);
        let top = wrapped_height(&overview, inner.width);
        let accuracy = |s: &Self| {
            vec![
                Piece::Text(Text::from(Line::styled(
                    strings::STATS_ACCURACY,
                    theme.heading,
                ))),
                Piece::Curve,
                Piece::Text(s.accuracy_after_curve(theme)),
            ]
        };
        // Two columns when wide; otherwise one, read by scrolling. A column is its left edge,
        // its width and its pieces.
        let columns: Vec<(u16, u16, Vec<Piece>)> = if inner.width >= TWO_COLUMNS {
            let half = (inner.width - 2) / 2;
            let mut left = vec![Piece::Text(self.mastery(half, theme))];
            left.extend(self.stage_recall(half, theme).map(Piece::Text));
            left.push(Piece::Text(self.weakest(ctx, half)));
            let mut right = vec![Piece::Text(self.activity(theme))];
            right.extend(accuracy(self));
            vec![(0, half, left), (half + 2, inner.width - half - 2, right)]
        } else {
            let mut all = vec![Piece::Text(self.mastery(inner.width, theme))];
            all.extend(self.stage_recall(inner.width, theme).map(Piece::Text));
            all.push(Piece::Text(self.activity(theme)));
            all.extend(accuracy(self));
            all.push(Piece::Text(self.weakest(ctx, inner.width)));
            vec![(0, inner.width, all)]
        };
        let page_height = columns
            .iter()
            .map(|(_, width, pieces)| top.saturating_add(column_height(pieces, *width)))
            .max()
            .unwrap_or(top);

        // The page is drawn whole off screen, then the visible rows are copied: the curve is
        // a widget, and widgets cannot be scrolled like text.
        let mut page = Buffer::empty(Rect::new(0, 0, inner.width, page_height));
        page.set_style(page.area, theme.base);
        Paragraph::new(overview)
            .wrap(Wrap { trim: false })
            .render(Rect::new(0, 0, inner.width, top), &mut page);
        for (x, width, pieces) in columns {
            let height = column_height(&pieces, width);
            self.draw_column(pieces, Rect::new(x, top, width, height), theme, &mut page);
        }
        self.scroll.set_extent(page_height, inner.height);
        let scroll = self.scroll.offset();
        for row in 0..inner.height.min(page_height - scroll) {
            for column in 0..inner.width {
                if let (Some(from), Some(to)) = (
                    page.cell((column, row + scroll)),
                    buf.cell_mut((inner.x + column, inner.y + row)),
                ) {
                    *to = from.clone();
                }
            }
        }
        self.scroll.draw_percent(area, theme, buf);
    }
}
