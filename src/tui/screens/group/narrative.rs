//! A case step told to the room before its question: the case, the step's narrative and its
//! documents, which the trainer pages through before opening the question.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use ratatui::style::Style;

use super::fit::{self, Para, Role, Size};
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

/// The step as paragraphs for big letters: its title, the case's presentation (before the
/// first step), the narrative and the documents, without their Markdown.
fn narrative_paras(case: &Case, step: usize, ctx: &Ctx) -> Vec<Para> {
    let theme = ctx.theme;
    let Some(s) = case.steps.get(step) else {
        return Vec::new();
    };
    let para = |role: Role, text: String, style: Style| {
        Para::new(role, text.clone(), style, Line::styled(text, style))
    };
    let mut paras = vec![para(
        Role::Lead,
        strings::group_case_step(&case.title, step + 1, case.steps.len(), &s.title),
        theme.heading,
    )];
    if step == 0 && !case.summary.is_empty() {
        paras.push(para(
            Role::Detail,
            plain_markdown(&case.summary),
            theme.base,
        ));
    }
    paras.push(para(Role::Main, plain_markdown(&s.narrative), theme.base));
    for exhibit in &s.exhibits {
        paras.push(para(
            Role::Detail,
            format!(
                "{} : {} — {}",
                strings::GROUP_EXHIBIT,
                exhibit.title,
                plain_markdown(&exhibit.body)
            ),
            theme.base,
        ));
    }
    paras
}

/// `source`'s words without their Markdown, its paragraphs run together.
fn plain_markdown(source: &str) -> String {
    let text = markdown(source, &crate::tui::theme::Theme::monochrome(), u16::MAX);
    text.lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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
    // A short step is read from afar in big letters; a long one is paged through.
    let paras = narrative_paras(case, step, ctx);
    let plan = fit::plan(&paras, inner);
    if plan
        .sizes
        .iter()
        .any(|s| matches!(s, Some(Size::Huge | Size::Big)))
    {
        fit::render_plan(&paras, &plan, inner, buf);
        return;
    }
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
