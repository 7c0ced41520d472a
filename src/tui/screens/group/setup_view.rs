//! The setup form drawn: the teams, the settings, the question tree, and the question about
//! an unfinished session when there is one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::setup::{Naming, Pane, ROW_LAUNCH, Row, SETTING_ROWS, SetupScreen, timer_words};
use crate::tui::screens::Ctx;
use crate::tui::screens::group::kind_label;
use crate::tui::screens::group::strings;
use crate::tui::widgets::{block, cells, ellipsize, popup, width_of, wrapped_height};

impl SetupScreen {
    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let outer = block(format!(" {} ", strings::GROUP_SETUP_TITLE), theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let intro_lines = vec![
            match &self.resumable {
                Some(saved) => Line::styled(strings::group_resumable(saved), theme.focus),
                None => Line::styled(strings::GROUP_SETUP_INTRO, theme.base),
            },
            // The room reads from afar: the trainer zooms the terminal, and every view fits.
            Line::styled(strings::GROUP_ZOOM_HINT, theme.heading),
        ];
        let intro_rows = wrapped_height(&Text::from(intro_lines.clone()), inner.width);
        let [intro, panes, message] = Layout::vertical([
            Constraint::Length(intro_rows),
            Constraint::Fill(1),
            Constraint::Length(2),
        ])
        .areas(inner);
        Paragraph::new(intro_lines)
            .wrap(Wrap { trim: true })
            .render(intro, buf);
        let left_width = (panes.width * 2 / 5).clamp(36, 48);
        let [left, right] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(panes);
        let no_team_line = u16::from(self.room && self.teams.is_empty());
        let teams_height = cells(self.teams.len()) + 3 + no_team_line;
        let [teams_area, settings_area, _] = Layout::vertical([
            Constraint::Length(teams_height),
            Constraint::Length(cells(SETTING_ROWS) + 2),
            Constraint::Fill(1),
        ])
        .areas(left);
        self.render_teams(ctx, teams_area, buf);
        self.render_settings(ctx, settings_area, buf);
        self.render_tree(ctx, right, buf);
        let mut lines = Vec::new();
        if let Some((Naming::Set, typed)) = &self.editing {
            lines.push(Line::styled(
                format!("{} : {typed}▏", strings::GROUP_SET_NAME),
                theme.focus,
            ));
        }
        if let Some(m) = &self.message {
            // A problem says so with its ⚠; news (a set saved) is plain.
            let style = if strings::is_warning(m) {
                theme.warning
            } else {
                theme.base
            };
            lines.push(Line::styled(m.as_str(), style));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(message, buf);
        if self.asking {
            self.render_question(ctx, area, buf);
        }
    }

    /// What to do with the unfinished session: resume it, or prepare another while it is
    /// kept aside.
    fn render_question(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let saved = self.resumable.as_deref().unwrap_or_default();
        let mut lines = vec![
            Line::styled(strings::group_unfinished(saved), theme.base),
            Line::raw(""),
        ];
        lines.extend(
            strings::GROUP_UNFINISHED_CHOICES
                .iter()
                .map(|l| Line::styled(*l, theme.key)),
        );
        popup(
            strings::GROUP_UNFINISHED_TITLE,
            Text::from(lines),
            theme,
            area,
            buf,
        );
    }

    /// The block of a pane, its title marked when it has the keyboard (not by colour alone).
    fn pane_block<'a>(&self, pane: Pane, title: &str, ctx: &Ctx) -> ratatui::widgets::Block<'a> {
        let focused = self.pane == pane;
        let title = if focused {
            format!(" ▶ {title} ")
        } else {
            format!(" {title} ")
        };
        let b = block(title, ctx.theme);
        if focused {
            b.border_style(ctx.theme.focus)
        } else {
            b
        }
    }

    fn row_style(
        &self,
        pane: Pane,
        selected: bool,
        ctx: &Ctx,
    ) -> (ratatui::style::Style, &'static str) {
        if self.pane == pane && selected {
            (ctx.theme.selected, "▶ ")
        } else {
            (ctx.theme.base, "  ")
        }
    }

    fn render_teams(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let outer = self.pane_block(
            Pane::Teams,
            &strings::group_teams_title(self.teams.len()),
            ctx,
        );
        let inner = outer.inner(area);
        outer.render(area, buf);
        let mut lines: Vec<Line> = self
            .teams
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let selected = i == self.team_cursor;
                let (style, marker) = self.row_style(Pane::Teams, selected, ctx);
                let shown = match &self.editing {
                    Some((Naming::Team, typed)) if selected => format!("{typed}▏"),
                    _ => name.clone(),
                };
                Line::from(vec![
                    Span::styled(marker, style),
                    Span::styled(format!("{} ", i + 1), theme.key),
                    Span::styled(shown, style),
                ])
            })
            .collect();
        if self.room && self.teams.is_empty() {
            lines.push(Line::styled(strings::GROUP_ROOM_NO_TEAMS, theme.base));
        }
        lines.push(Line::styled(strings::GROUP_TEAMS_NOTE, theme.muted));
        Paragraph::new(lines).render(inner, buf);
    }

    fn render_settings(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let outer = self.pane_block(Pane::Settings, strings::GROUP_SETTINGS_TITLE, ctx);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let pool = self.pool().len();
        let check = |on: bool| if on { "[x]" } else { "[ ]" };
        let rows = [
            format!(
                "{} : ◀ {} ▶",
                strings::GROUP_COUNT,
                self.count.min(pool.max(1))
            ),
            format!("{} : ◀ {} ▶", strings::GROUP_TIMER, timer_words(self.timer)),
            format!(
                "{} {}",
                check(self.scoring.speed_bonus),
                strings::GROUP_SPEED_BONUS
            ),
            format!(
                "{} {}",
                check(self.scoring.double_last),
                strings::GROUP_DOUBLE_LAST
            ),
            format!("{} {}", check(self.high_contrast), strings::GROUP_CONTRAST),
            match &self.editing {
                Some((Naming::Group, typed)) => format!("{} : {typed}▏", strings::GROUP_GROUP),
                _ => format!(
                    "{} : {}",
                    strings::GROUP_GROUP,
                    self.group_name
                        .as_deref()
                        .unwrap_or(strings::GROUP_NO_GROUP)
                ),
            },
            strings::GROUP_LAUNCH.to_owned(),
        ];
        let lines: Vec<Line> = rows
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let (style, marker) =
                    self.row_style(Pane::Settings, i == self.settings_cursor, ctx);
                let style = if i == ROW_LAUNCH && style == theme.base {
                    theme.key
                } else {
                    style
                };
                Line::from(vec![
                    Span::styled(marker, style),
                    Span::styled(ellipsize(&text, inner.width.saturating_sub(2)), style),
                ])
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }

    fn render_tree(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let pool = self.pool().len();
        let outer = self.pane_block(Pane::Questions, &strings::group_picked(pool), ctx);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let rows = self.rows();
        if rows.is_empty() {
            Paragraph::new(Line::styled(strings::GROUP_NO_PLAYABLE, theme.warning))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        let cursor = self.tree_cursor.min(rows.len() - 1);
        let height = inner.height as usize;
        // Keep the cursor in view.
        let first = cursor.saturating_sub(height.saturating_sub(1));
        let width = inner.width;
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, row)| {
                let (style, marker) = self.row_style(Pane::Questions, i == cursor, ctx);
                match *row {
                    Row::Module(m) => {
                        let pick = &self.modules[m];
                        let picked = pick.picked();
                        let check = if picked == 0 {
                            "[ ]"
                        } else if picked == pick.questions.len() {
                            "[x]"
                        } else {
                            "[~]"
                        };
                        let arrow = if pick.expanded { "▾" } else { "▸" };
                        let right = format!(" {picked}/{}", pick.questions.len());
                        let title = ctx.module(pick.module).map_or("", |m| m.title.as_str());
                        let room = width.saturating_sub(8 + width_of(&right));
                        Line::from(vec![
                            Span::styled(marker, style),
                            Span::styled(format!("{arrow} {check} "), style),
                            Span::styled(ellipsize(title, room), style),
                            Span::styled(right, theme.muted),
                        ])
                    }
                    Row::Question(m, q) => {
                        let pick = &self.modules[m];
                        let (id, on) = &pick.questions[q];
                        let question = ctx.index.get(id);
                        let kind = question.map_or("", kind_label);
                        let prompt = question.map_or(id.as_str(), |q| q.prompt());
                        let right = format!(" ({kind})");
                        let room = width.saturating_sub(10 + width_of(&right));
                        Line::from(vec![
                            Span::styled(marker, style),
                            Span::styled(
                                format!("    {} ", if *on { "[x]" } else { "[ ]" }),
                                style,
                            ),
                            Span::styled(ellipsize(prompt, room), style),
                            Span::styled(right, theme.muted),
                        ])
                    }
                }
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
