//! The question for the room: the presenter view with the countdown and the answer entry,
//! then the revealed answer with who found it. What the room reads goes through `fit`, in
//! the largest type the window allows.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use tui_big_text::PixelSize;

use super::fit::{self, Para, big_text, normal_rows};
use super::play::PlayScreen;
use super::text::{entry_help, question_paras, reveal_paras};
use crate::domain::group::response_label;
use crate::domain::question::{Question, Verdict};
use crate::tui::screens::Ctx;
use crate::tui::screens::group::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{block, cells};

/// Rows of the answering view around the question: the words of the clock, a blank row,
/// the teams' entries and the entry line.
const AROUND_ROWS: u16 = 3;

/// The size of the big number and clock, and the question's plan: the big clock only when
/// it leaves the question in type as large as without it (the question comes first), and
/// in full-size letters on a projector's window.
fn layout(paras: &[Para], area: Rect, status_rows: u16) -> (Option<PixelSize>, fit::Plan) {
    let rest = AROUND_ROWS + status_rows;
    let body = |clock: u16| Rect {
        height: area.height.saturating_sub(rest + clock),
        ..area
    };
    let without = fit::plan(paras, body(0));
    let sizes: &[(PixelSize, u16)] = if area.height >= 36 && area.width >= 100 {
        &[(PixelSize::Full, 8), (PixelSize::Quadrant, 4)]
    } else {
        &[(PixelSize::Quadrant, 4)]
    };
    sizes
        .iter()
        .map(|(pixel, rows)| (*pixel, fit::plan(paras, body(*rows))))
        .find(|(_, plan)| plan.sizes == without.sizes)
        .map_or((None, without), |(pixel, plan)| (Some(pixel), plan))
}

pub(super) fn render_answering(
    play: &PlayScreen,
    ctx: &Ctx,
    question: &Question,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = ctx.theme;
    let session = &play.session;
    let position = session.position();
    let order = session.display_order(position, question);
    let paras = question_paras(question, &order, theme);
    let status = status_line(play, question, theme);
    let status_height = normal_rows(&Text::from(status.clone()), area.width);
    let (pixel, plan) = layout(&paras, area, status_height);
    let big_height = match pixel {
        Some(PixelSize::Full) => 8,
        Some(_) => 4,
        None => 0,
    };
    let [big, words, _, body, status_area, entry] = Layout::vertical([
        Constraint::Length(big_height),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status_height),
        Constraint::Length(1),
    ])
    .areas(area);

    let seconds = session.time_left_ms(play.now).map(|ms| ms.div_ceil(1000));
    let urgent = seconds.is_some_and(|s| s <= 10);
    if let Some(pixel) = pixel {
        let [number_area, clock_area] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(big);
        big_text(
            &format!("{}/{}", position + 1, session.len()),
            pixel,
            theme.title,
            Alignment::Left,
        )
        .render(number_area, buf);
        let clock = if session.is_paused() {
            Some(strings::GROUP_PAUSE_BIG.to_owned())
        } else {
            seconds.map(|s| s.to_string())
        };
        if let Some(clock) = clock {
            let style = if urgent { theme.warning } else { theme.title };
            big_text(&clock, pixel, style, Alignment::Right).render(clock_area, buf);
        }
    }
    let mut position_words = strings::group_question_of(position + 1, session.len());
    if session.multiplier(position) > 1 {
        position_words.push_str(strings::GROUP_COUNTS_DOUBLE);
    }
    // The countdown in words, as a screen reader says it; its urgency is in the words too.
    let clock_words = if session.is_paused() {
        strings::GROUP_PAUSED.to_owned()
    } else {
        seconds.map_or_else(
            || strings::GROUP_UNTIMED.to_owned(),
            strings::group_time_left,
        )
    };
    let [words_left, words_right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(words);
    Paragraph::new(Line::styled(position_words, theme.heading)).render(words_left, buf);
    Paragraph::new(Line::styled(
        clock_words,
        if urgent { theme.warning } else { theme.base },
    ))
    .alignment(Alignment::Right)
    .render(words_right, buf);

    fit::render_plan(&paras, &plan, body, buf);
    Paragraph::new(status)
        .wrap(Wrap { trim: true })
        .render(status_area, buf);
    Paragraph::new(entry_line(play, question, order.len(), theme)).render(entry, buf);
}

/// « Réponses 2/3 : 1 Hiboux ✓ · 2 Renards … · 3 Loutres ✓ »: who has answered, by a mark
/// and not by colour alone.
fn status_line(play: &PlayScreen, question: &Question, theme: &Theme) -> Line<'static> {
    let session = &play.session;
    let Some(round) = session.current() else {
        return Line::raw("");
    };
    if matches!(question, Question::Open(_)) {
        return Line::styled(strings::GROUP_OPEN_STATUS, theme.heading);
    }
    if session.teams.is_empty() {
        return Line::styled(strings::GROUP_PHONES_ONLY, theme.heading);
    }
    let mut spans = vec![Span::styled(
        format!(
            "{} {}/{} : ",
            strings::GROUP_ANSWERS,
            round.answered(),
            session.teams.len()
        ),
        theme.heading,
    )];
    for (i, (name, entry)) in session.teams.iter().zip(&round.entries).enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.muted));
        }
        let typing = play.typing.as_ref().is_some_and(|t| t.team == i);
        let (mark, style) = match (entry, typing) {
            (_, true) => ("✎", theme.focus),
            (Some(_), false) => ("✓", theme.key),
            (None, false) => ("…", theme.muted),
        };
        spans.push(Span::styled(format!("{} {name} {mark}", i + 1), style));
    }
    Line::from(spans)
}

fn entry_line(
    play: &PlayScreen,
    question: &Question,
    choices: usize,
    theme: &Theme,
) -> Line<'static> {
    if matches!(question, Question::Open(_)) {
        return Line::styled(strings::GROUP_OPEN_HELP, theme.muted);
    }
    if play.session.teams.is_empty() {
        return Line::raw("");
    }
    match &play.typing {
        None => Line::styled(
            strings::group_entry_idle(play.session.teams.len()),
            theme.muted,
        ),
        Some(t) => Line::from(vec![
            Span::styled(
                format!(
                    "{} {} — {} : ",
                    strings::GROUP_TEAM,
                    t.team + 1,
                    play.team_name(t.team)
                ),
                theme.focus,
            ),
            Span::styled(format!("{}▏", t.text), theme.focus),
            Span::styled(format!("  {}", entry_help(question, choices)), theme.muted),
        ]),
    }
}

pub(super) fn render_revealed(
    play: &PlayScreen,
    ctx: &Ctx,
    question: &Question,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = ctx.theme;
    let session = &play.session;
    let Some(round) = session.current() else {
        return;
    };
    let order = session.display_order(session.position(), question);
    let awards = round.awards.as_deref().unwrap_or_default();
    let found: Vec<&str> = session
        .teams
        .iter()
        .zip(awards)
        .filter(|(_, a)| a.is_right())
        .map(|(name, _)| name.as_str())
        .collect();
    let found = (!round.unscored).then_some(found.as_slice());
    let paras = reveal_paras(question, &order, found, theme);
    // No table without teams: the room's line says how the phones did.
    let table = !round.unscored && !session.teams.is_empty();
    let table_height = if table {
        cells(session.teams.len()) + 2
    } else {
        0
    };
    let [body, teams_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(table_height)]).areas(area);
    fit::render(&paras, body, buf);
    if !table {
        return;
    }
    let right = awards.iter().filter(|a| a.is_right()).count();
    let outer = block(
        format!(" {} ", strings::group_found(right, session.teams.len())),
        theme,
    );
    let inner = outer.inner(teams_area);
    outer.render(teams_area, buf);
    let name_width = session
        .teams
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = session
        .teams
        .iter()
        .zip(&round.entries)
        .zip(awards)
        .enumerate()
        .map(|(i, ((name, entry), award))| {
            let (mark, word, style) = match award.verdict {
                Some(Verdict::Correct) => ("✓", strings::GROUP_RIGHT, theme.correct),
                Some(_) => ("✗", strings::GROUP_WRONG, theme.wrong),
                None => ("–", strings::GROUP_NO_ANSWER, theme.muted),
            };
            let given = entry
                .as_ref()
                .map_or_else(String::new, |e| response_label(&e.response, &order));
            Line::from(vec![
                Span::styled(format!("{mark} {} {name:<name_width$}  ", i + 1), style),
                Span::styled(format!("{given:<8} "), theme.key),
                Span::styled(format!("{word:<14} "), style),
                Span::styled(strings::group_award(award.points, award.bonus), theme.base),
            ])
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
