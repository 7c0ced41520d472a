//! The scoreboard between two questions and the podium at the end: bars with ranks, points
//! and right answers written beside them, so that they read without colour from the back of
//! the room.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use std::path::PathBuf;
use tui_big_text::PixelSize;

use crate::domain::group::GroupSession;
use crate::domain::group::Standing;
use crate::tui::screens::Ctx;
use crate::tui::screens::group::strings;
use crate::tui::screens::group::text::big_text;
use crate::tui::theme::Theme;
use crate::tui::widgets::{block, cells, ellipsize};

/// « 1er », « 2e ex æquo ».
fn rank_words(s: &Standing) -> String {
    let rank = strings::group_rank(s.rank);
    if s.tied {
        format!("{rank} {}", strings::GROUP_TIED)
    } else {
        rank
    }
}

pub fn render_scoreboard(session: &GroupSession, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let standings = session.standings();
    let next = session.position() + 1;
    let footer = if next < session.len() {
        let mut words = strings::group_next_question(next + 1, session.len());
        if session.multiplier(next) > 1 {
            words.push_str(strings::GROUP_COUNTS_DOUBLE);
        }
        words
    } else {
        strings::GROUP_LAST_DONE.to_owned()
    };
    let rows = cells(standings.len());
    // A projector gets a blank line between the bars when there is room for it.
    let spacing = if area.height >= rows * 2 + 4 { 2 } else { 1 };
    let [_, bars, _, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(rows * spacing),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_bars(
        session.teams.as_slice(),
        &standings,
        spacing,
        theme,
        bars,
        buf,
    );
    Paragraph::new(Line::styled(footer, theme.heading)).render(foot, buf);
}

fn render_bars(
    teams: &[String],
    standings: &[Standing],
    spacing: u16,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let rank_width = standings
        .iter()
        .map(|s| rank_words(s).chars().count())
        .max()
        .unwrap_or(0);
    let name_width = teams.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    let max_points = standings.iter().map(|s| s.points).max().unwrap_or(0).max(1);
    let numbers: Vec<String> = standings
        .iter()
        .map(|s| {
            format!(
                "{} · {}",
                strings::group_points(s.points),
                strings::group_right_answers(s.right)
            )
        })
        .collect();
    let numbers_width = numbers.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let bar_room =
        usize::from(area.width).saturating_sub(rank_width + name_width + numbers_width + 8);
    for (i, (s, numbers)) in standings.iter().zip(&numbers).enumerate() {
        let y = area.y + cells(i) * spacing;
        if y >= area.bottom() {
            break;
        }
        let bar = (bar_room * s.points as usize).div_ceil(max_points as usize);
        let name = teams.get(s.team).map_or("", String::as_str);
        let style = if s.rank == 1 { theme.title } else { theme.base };
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {:<rank_width$}  ", rank_words(s)), style),
            Span::styled(format!("{name:<name_width$}  "), style),
            Span::styled("█".repeat(bar), theme.gauge),
            Span::raw(format!(" {}", " ".repeat(bar_room - bar.min(bar_room)))),
            Span::styled(numbers.clone(), style),
        ]))
        .render(Rect::new(area.x, y, area.width, 1), buf);
    }
}

/// The podium, the questions most missed from the `scroll`-th on, and where the results
/// were `exported` (or why not).
pub fn render_podium(
    session: &GroupSession,
    scroll: usize,
    exported: Option<&Result<Vec<PathBuf>, String>>,
    ctx: &Ctx,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = ctx.theme;
    let standings = session.standings();
    let podium_height = if area.height >= 36 { 14 } else { 9 };
    let [podium, _, debrief, export] = Layout::vertical([
        Constraint::Length(podium_height),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(3),
    ])
    .areas(area);

    render_steps(session, &standings, podium, theme, buf);

    render_debrief(session, scroll, ctx, debrief, buf);

    let export_lines = match exported {
        Some(Ok(paths)) => vec![
            Line::styled(strings::GROUP_EXPORTED, theme.correct),
            Line::raw(exported_files(paths)),
        ],
        Some(Err(e)) => vec![Line::styled(
            format!("⚠ {} {e}", strings::GROUP_EXPORT_FAILED),
            theme.warning,
        )],
        None => vec![Line::styled(strings::GROUP_EXPORT_HINT, theme.muted)],
    };
    Paragraph::new(export_lines)
        .wrap(Wrap { trim: false })
        .render(export, buf);
}

/// The podium's steps: every team of rank 1, 2 or 3, a tie sharing a step.
fn render_steps(
    session: &GroupSession,
    standings: &[Standing],
    podium: Rect,
    theme: &Theme,
    buf: &mut Buffer,
) {
    // The places of the podium: every team of rank 1, 2 or 3, grouped by rank (a tie shares a
    // step), shown second, first, third as on a real one.
    let mut places: Vec<(usize, Vec<&Standing>)> = Vec::new();
    for s in standings.iter().filter(|s| s.rank <= 3) {
        match places.last_mut() {
            Some((rank, teams)) if *rank == s.rank => teams.push(s),
            _ => places.push((s.rank, vec![s])),
        }
    }
    let step_width = (podium.width / 3).saturating_sub(2).min(30);
    let columns = Layout::horizontal([Constraint::Length(step_width); 3])
        .flex(Flex::Center)
        .spacing(1)
        .split(podium);
    let slots = [1usize, 0, 2];
    for (slot, column) in slots.iter().zip(columns.iter()) {
        let Some((rank, teams)) = places.get(*slot) else {
            continue;
        };
        // The step's height says the place: the first is the highest.
        let label_rows = 2;
        let room = podium.height.saturating_sub(label_rows);
        let step = match slot {
            0 => room,
            1 => room * 2 / 3,
            _ => room / 3,
        }
        .max(3);
        let [_, labels, step_area] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(label_rows),
            Constraint::Length(step),
        ])
        .areas(*column);
        let names: Vec<&str> = teams
            .iter()
            .filter_map(|s| session.teams.get(s.team).map(String::as_str))
            .collect();
        let points = teams.first().map_or(0, |s| s.points);
        Paragraph::new(vec![
            Line::styled(
                ellipsize(&names.join(", "), column.width),
                if *rank == 1 {
                    theme.title
                } else {
                    theme.heading
                },
            ),
            Line::raw(strings::group_points(points)),
        ])
        .alignment(Alignment::Center)
        .render(labels, buf);
        let outer = block("", theme);
        let inner = outer.inner(step_area);
        outer.render(step_area, buf);
        let words = if teams.len() > 1 {
            format!("{} {}", strings::group_rank(*rank), strings::GROUP_TIED)
        } else {
            strings::group_rank(*rank)
        };
        // The place in a big digit when the step is tall enough, and always in words.
        let words_area = if inner.height >= 5 {
            let [digit, words] =
                Layout::vertical([Constraint::Length(4), Constraint::Fill(1)]).areas(inner);
            big_text(
                &rank.to_string(),
                PixelSize::Quadrant,
                theme.title,
                Alignment::Center,
            )
            .render(digit, buf);
            words
        } else {
            inner
        };
        Paragraph::new(Line::styled(words, theme.title))
            .alignment(Alignment::Center)
            .render(words_area, buf);
    }
}

/// The questions most missed, from the `scroll`-th on, each with its explanation.
fn render_debrief(session: &GroupSession, scroll: usize, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let missed = session.debrief();
    let mut lines = vec![Line::styled(strings::GROUP_DEBRIEF, theme.heading)];
    if missed.is_empty() {
        lines.push(Line::styled(strings::GROUP_NOTHING_MISSED, theme.correct));
    }
    for (i, m) in missed.iter().enumerate().skip(scroll) {
        let question = ctx.index.get(&m.question_id);
        let prompt = question.map_or(m.question_id.as_str(), |q| q.prompt());
        lines.push(Line::from(vec![
            Span::styled(format!("{}. ", i + 1), theme.key),
            Span::styled(strings::group_missed(m.missed, m.teams), theme.wrong),
            Span::raw(format!(" — {prompt}")),
        ]));
        if let Some(q) = question {
            lines.push(Line::styled(format!("   {}", q.explanation()), theme.muted));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// « dossier/resultats-groupe-….csv et .json »: the files share their name but for the
/// extension, so the path is written once.
fn exported_files(paths: &[std::path::PathBuf]) -> String {
    let Some((first, rest)) = paths.split_first() else {
        return String::new();
    };
    let mut text = first.display().to_string();
    for path in rest {
        if let Some(ext) = path.extension() {
            text.push_str(&format!(
                " {} .{}",
                strings::GROUP_AND,
                ext.to_string_lossy()
            ));
        }
    }
    text
}
