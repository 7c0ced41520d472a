//! A case step told to the room before its question: the case, the step's narrative and its
//! documents, which the trainer pages through before opening the question.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::play::PlayScreen;
use crate::content::load::Catalog;
use crate::domain::content::Case;
use crate::domain::question::Question;
use crate::tui::screens::Ctx;
use crate::tui::screens::group::strings;
use crate::tui::theme::markdown;
use crate::tui::widgets::{block, wrapped_height};
use crate::words;

/// The case and the step (from 0) whose questions include `question_id`, if it is a case's.
pub fn case_step<'a>(catalog: &'a Catalog, question_id: &str) -> Option<(&'a Case, usize)> {
    catalog
        .modules
        .iter()
        .flat_map(|m| &m.cases)
        .find_map(|case| {
            case.steps
                .iter()
                .position(|s| s.questions.iter().any(|q| q.id() == question_id))
                .map(|step| (case, step))
        })
}

/// The narrative of the step of `question`: the case's title and presentation (before its
/// first step), the step's narrative, then its documents.
fn narrative_text(case: &Case, step: usize, ctx: &Ctx, width: u16) -> Text<'static> {
    let theme = ctx.theme;
    let mut text = Text::default();
    let Some(s) = case.steps.get(step) else {
        return text;
    };
    text.lines.push(Line::styled(
        strings::group_case_step(&case.title, step + 1, case.steps.len(), &s.title),
        theme.heading,
    ));
    text.lines.push(Line::raw(""));
    let mut push_markdown = |source: &str| {
        let md = markdown(source, theme, width);
        text.lines.extend(md.lines.into_iter().map(|l| {
            Line::from(
                l.spans
                    .into_iter()
                    .map(|s| ratatui::text::Span::styled(s.content.into_owned(), s.style))
                    .collect::<Vec<_>>(),
            )
            .style(l.style)
        }));
        text.lines.push(Line::raw(""));
    };
    if step == 0 && !case.summary.is_empty() {
        push_markdown(&case.summary);
    }
    push_markdown(&s.narrative);
    for exhibit in &s.exhibits {
        push_markdown(&format!(
            "**{} : {}**",
            strings::GROUP_EXHIBIT,
            exhibit.title
        ));
        push_markdown(&exhibit.body);
    }
    text
}

pub(super) fn render(
    play: &PlayScreen,
    ctx: &Ctx,
    question: &Question,
    area: Rect,
    buf: &mut Buffer,
) {
    let Some((case, step)) = case_step(ctx.catalog, question.id()) else {
        return;
    };
    let outer = block(format!(" {} ", words::CASE_FICTIVE), ctx.theme);
    let inner = outer.inner(area);
    outer.render(area, buf);
    let text = narrative_text(case, step, ctx, inner.width);
    let Some(view) = &play.narrative else {
        return;
    };
    view.scroll
        .set_extent(wrapped_height(&text, inner.width), inner.height);
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .scroll((view.scroll.offset(), 0))
        .render(inner, buf);
    view.scroll.draw_percent(area, ctx.theme, buf);
}
