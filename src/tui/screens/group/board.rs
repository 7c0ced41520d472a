//! The scoreboard between two questions and the podium at the end. Ranks, points and right
//! answers are written out, so that they read without colour from the back of the room; when
//! the window has the rows, the teams and their points are in big letters.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use std::path::PathBuf;
use tui_big_text::PixelSize;

use super::fit::{big_text, big_width};
use crate::domain::group::{GroupSession, Place, Standing, podium};
use crate::tui::screens::Ctx;
use crate::tui::screens::group::room::printable;
use crate::tui::screens::group::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{block, cells};

/// « 1er », « 2e ex æquo ».
fn rank_words(s: &Standing) -> String {
    let rank = strings::group_rank(s.rank);
    if s.tied {
        format!("{rank} {}", strings::GROUP_TIED)
    } else {
        rank
    }
}

/// The teams' standings and names; in a room without teams, the participants' (their
/// pseudonyms made printable), so that the board and the podium rank whoever plays.
fn ranked(session: &GroupSession) -> (Vec<Standing>, Vec<String>) {
    if !session.teams.is_empty() {
        return (session.standings(), session.teams.clone());
    }
    let room = session.room_standings();
    let standings = room
        .iter()
        .map(|s| Standing {
            team: s.participant,
            points: s.points,
            right: s.right,
            rank: s.rank,
            tied: room.iter().filter(|o| o.points == s.points).count() > 1,
        })
        .collect();
    let names = session
        .participants
        .iter()
        .map(|p| printable(&p.pseudonym))
        .collect();
    (standings, names)
}

pub fn render_scoreboard(session: &GroupSession, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let (standings, teams) = ranked(session);
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
    let [board, foot] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    Paragraph::new(Line::styled(footer, theme.heading)).render(foot, buf);
    let names: Vec<&str> = standings
        .iter()
        .map(|s| teams.get(s.team).map_or("", String::as_str))
        .collect();
    let big_lines: Vec<String> = standings
        .iter()
        .zip(&names)
        .map(|(s, name)| format!("{} {name} {}", s.rank, s.points))
        .collect();
    // Big letters when each team gets its line of them and a line of words below.
    let rows = cells(standings.len());
    let fits_big = area.height >= rows * 6 + 2
        && big_lines
            .iter()
            .all(|l| big_width(l, PixelSize::Quadrant) <= usize::from(area.width));
    if fits_big {
        render_big_board(&standings, &big_lines, &names, theme, board, buf);
    } else {
        // A blank line between the bars when there is room for it.
        let spacing = if board.height > rows * 2 { 2 } else { 1 };
        let [_, bars] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(board);
        render_bars(teams.as_slice(), &standings, spacing, theme, bars, buf);
    }
}

/// Each team in big letters (rank, name, points), its details in words below.
fn render_big_board(
    standings: &[Standing],
    big_lines: &[String],
    names: &[&str],
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    for (i, ((s, line), name)) in standings.iter().zip(big_lines).zip(names).enumerate() {
        let y = area.y + 1 + cells(i) * 6;
        if y + 5 > area.bottom() {
            break;
        }
        let style = if s.rank == 1 { theme.title } else { theme.base };
        big_text(line, PixelSize::Quadrant, style, Alignment::Left)
            .render(Rect::new(area.x, y, area.width, 4), buf);
        Paragraph::new(Line::styled(
            format!(
                "{} — {name} : {} · {}",
                rank_words(s),
                strings::group_points(s.points),
                strings::group_right_answers(s.right)
            ),
            style,
        ))
        .render(Rect::new(area.x, y + 4, area.width, 1), buf);
    }
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
    let (standings, names) = ranked(session);
    let places = podium(&standings);
    // Every name of a tie is written: the podium is as tall as its most crowded step needs.
    let most_named = places.iter().map(|p| p.teams.len()).max().unwrap_or(1);
    let podium_height = if area.height >= 36 {
        cells(most_named * 5).max(14) + 10
    } else {
        (cells(most_named) + 7).min(area.height.saturating_sub(5))
    };
    let [podium, _, debrief, export] = Layout::vertical([
        Constraint::Length(podium_height),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(3),
    ])
    .areas(area);

    render_steps(&names, &places, podium, theme, buf);

    render_debrief(session, scroll, ctx, debrief, buf);

    let export_lines = match exported {
        Some(Ok(paths)) => vec![
            Line::styled(strings::GROUP_EXPORTED, theme.correct),
            Line::styled(exported_files(paths), theme.base),
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

/// The podium's steps, shown second, first, third as on a real one: every team of each
/// place named, one a line, in big letters when the step is wide and tall enough.
fn render_steps(teams: &[String], places: &[Place], podium: Rect, theme: &Theme, buf: &mut Buffer) {
    let step_width = (podium.width / 3).saturating_sub(2).min(50);
    let columns = Layout::horizontal([Constraint::Length(step_width); 3])
        .flex(Flex::Center)
        .spacing(1)
        .split(podium);
    let slots = [1usize, 0, 2];
    for (slot, column) in slots.iter().zip(columns.iter()) {
        let Some(place) = places.get(*slot) else {
            continue;
        };
        let names: Vec<&str> = place
            .teams
            .iter()
            .filter_map(|t| teams.get(*t).map(String::as_str))
            .collect();
        // The step's height says the place: the first is the highest.
        let big = podium.height >= 24
            && names
                .iter()
                .all(|n| big_width(n, PixelSize::Quadrant) <= usize::from(column.width));
        let name_rows = if big { 4 } else { 1 };
        let label_rows = cells(names.len()) * name_rows + 1;
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
        let style = if place.rank == 1 {
            theme.title
        } else {
            theme.heading
        };
        for (i, name) in names.iter().enumerate() {
            let y = labels.y + cells(i) * name_rows;
            let rect = Rect::new(labels.x, y, labels.width, name_rows);
            if big {
                big_text(name, PixelSize::Quadrant, style, Alignment::Center).render(rect, buf);
            } else {
                Paragraph::new(Line::styled(*name, style))
                    .alignment(Alignment::Center)
                    .render(rect, buf);
            }
        }
        let points_row = Rect::new(labels.x, labels.bottom() - 1, labels.width, 1);
        Paragraph::new(Line::styled(
            strings::group_points(place.points),
            theme.base,
        ))
        .alignment(Alignment::Center)
        .render(points_row, buf);
        render_step(place, step_area, theme, buf);
    }
}

/// A step: its place in a big digit when it is tall enough, and always in words.
fn render_step(place: &Place, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let outer = block("", theme);
    let inner = outer.inner(area);
    outer.render(area, buf);
    let words = if place.teams.len() > 1 {
        format!(
            "{} {}",
            strings::group_rank(place.rank),
            strings::GROUP_TIED
        )
    } else {
        strings::group_rank(place.rank)
    };
    let words_area = if inner.height >= 5 {
        let [digit, words] =
            Layout::vertical([Constraint::Length(4), Constraint::Fill(1)]).areas(inner);
        big_text(
            &place.rank.to_string(),
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
            Span::styled(
                strings::group_missed(m.missed, m.of, m.participants),
                theme.wrong,
            ),
            Span::styled(format!(" — {prompt}"), theme.base),
        ]));
        if let Some(q) = question {
            lines.push(Line::styled(format!("   {}", q.explanation()), theme.muted));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// « dossier/resultats-groupe-….csv, .json, .md et .html »: the files share their name but
/// for the extension, so the path is written once.
fn exported_files(paths: &[std::path::PathBuf]) -> String {
    let Some((first, rest)) = paths.split_first() else {
        return String::new();
    };
    let exts: Vec<String> = rest
        .iter()
        .filter_map(|p| p.extension().map(|e| format!(".{}", e.to_string_lossy())))
        .collect();
    strings::group_files(&first.display().to_string(), &exts)
}
