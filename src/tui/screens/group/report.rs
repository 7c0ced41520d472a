//! The session report a trainer prints or sends: the ranking with each team's trend, every
//! question with the share of teams right and the wrong answers that drew them, the most
//! missed questions with their explanations, and the group's totals across its sessions.
//! Written once as a small document, then as Markdown and as a self-contained HTML page (no
//! external asset), and shown on screen from the podium.

use jiff::Zoned;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::play::PlayScreen;
use super::results::answer_text;
use super::text::prompt_text;
use crate::domain::group::GroupSession;
use crate::domain::group::history::GroupTotals;
use crate::domain::group::report::{QuestionStats, Trend};
use crate::domain::question::Question;
use crate::tui::screens::group::strings;
use crate::tui::screens::{Ctx, QuestionIndex};
use crate::tui::theme::{Theme, markdown};
use crate::tui::widgets::wrapped_height;
use crate::words;

/// How many of the most missed questions the report explains.
const MOST_MISSED: usize = 5;

/// A block of the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    Subheading(String),
    Para(String),
    List(Vec<String>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// The report as blocks of plain text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc(pub Vec<Block>);

/// `text` safe in Markdown: the characters that would format it are escaped.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '|' | '<' | '>' | '[' | ']' | '#'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Doc {
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for block in &self.0 {
            match block {
                Block::Title(t) => out.push_str(&format!("# {}\n\n", md_escape(t))),
                Block::Heading(t) => out.push_str(&format!("## {}\n\n", md_escape(t))),
                Block::Subheading(t) => out.push_str(&format!("### {}\n\n", md_escape(t))),
                Block::Para(t) => out.push_str(&format!("{}\n\n", md_escape(t))),
                Block::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {}\n", md_escape(item)));
                    }
                    out.push('\n');
                }
                Block::Table { head, rows } => {
                    let row = |cells: &[String]| {
                        let cells: Vec<String> = cells.iter().map(|c| md_escape(c)).collect();
                        format!("| {} |\n", cells.join(" | "))
                    };
                    out.push_str(&row(head));
                    out.push_str(&format!("|{}\n", " --- |".repeat(head.len())));
                    for r in rows {
                        out.push_str(&row(r));
                    }
                    out.push('\n');
                }
            }
        }
        out
    }

    /// A whole HTML page, its style inside: it prints and opens anywhere, offline.
    pub fn html(&self) -> String {
        let title = self
            .0
            .iter()
            .find_map(|b| match b {
                Block::Title(t) => Some(t.as_str()),
                _ => None,
            })
            .unwrap_or_default();
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
            html_escape(title),
            strings::GROUP_REPORT_CSS
        );
        for block in &self.0 {
            match block {
                Block::Title(t) => out.push_str(&format!("<h1>{}</h1>\n", html_escape(t))),
                Block::Heading(t) => out.push_str(&format!("<h2>{}</h2>\n", html_escape(t))),
                Block::Subheading(t) => out.push_str(&format!("<h3>{}</h3>\n", html_escape(t))),
                Block::Para(t) => out.push_str(&format!("<p>{}</p>\n", html_escape(t))),
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    for item in items {
                        out.push_str(&format!("<li>{}</li>\n", html_escape(item)));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Table { head, rows } => {
                    out.push_str("<table>\n<thead><tr>");
                    for h in head {
                        out.push_str(&format!("<th>{}</th>", html_escape(h)));
                    }
                    out.push_str("</tr></thead>\n<tbody>\n");
                    for r in rows {
                        out.push_str("<tr>");
                        for c in r {
                            out.push_str(&format!("<td>{}</td>", html_escape(c)));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
            }
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// The prompt of `question` as plain text, without its Markdown.
fn plain_prompt(question: &Question) -> String {
    prompt_text(question, &Theme::monochrome())
        .lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The report of `session`, begun at `started` (in the trainer's time zone), with its
/// group's `totals` when it counts for one.
pub fn session_doc(
    session: &GroupSession,
    index: &QuestionIndex,
    started: &Zoned,
    totals: Option<&GroupTotals>,
) -> Doc {
    let report = session.report();
    let mut doc = vec![
        Block::Title(strings::GROUP_REPORT_TITLE_FULL.to_owned()),
        Block::Para(strings::group_report_intro(
            session.group_name.as_deref(),
            &words::date(started.date()),
            &format!("{} h {:02}", started.hour(), started.minute()),
            report.questions.len(),
            session.teams.len(),
            session.timer_secs,
            session.scoring,
        )),
        Block::Heading(strings::GROUP_REPORT_RANKING.to_owned()),
        Block::Table {
            head: strings::GROUP_REPORT_RANKING_HEAD
                .iter()
                .map(|h| (*h).to_owned())
                .collect(),
            rows: report
                .teams
                .iter()
                .map(|t| {
                    let s = &t.standing;
                    vec![
                        if s.tied {
                            format!("{} {}", strings::group_rank(s.rank), strings::GROUP_TIED)
                        } else {
                            strings::group_rank(s.rank)
                        },
                        session.teams.get(s.team).cloned().unwrap_or_default(),
                        s.points.to_string(),
                        strings::group_out_of(s.right, t.results.len()),
                        t.results
                            .iter()
                            .map(|r| if *r { "✓" } else { "✗" })
                            .collect::<Vec<_>>()
                            .join(" "),
                        t.ranks
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(" → "),
                        trend_words(t.trend).to_owned(),
                    ]
                })
                .collect(),
        },
        Block::Heading(strings::GROUP_REPORT_QUESTIONS.to_owned()),
        Block::Table {
            head: strings::GROUP_REPORT_QUESTIONS_HEAD
                .iter()
                .map(|h| (*h).to_owned())
                .collect(),
            rows: report
                .questions
                .iter()
                .map(|q| question_row(session, index, q))
                .collect(),
        },
    ];
    if session.teams.is_empty() {
        // Played from phones only: no team to rank; the room's part below ranks its people.
        doc.truncate(2);
    } else {
        doc.extend(most_missed(session, index, &report.questions));
    }
    doc.extend(super::room_report::room_blocks(session, index));
    if let (Some(group), Some(totals)) = (&session.group_name, totals) {
        doc.extend(group_totals(group, totals, index));
    }
    Doc(doc)
}

fn trend_words(trend: Trend) -> &'static str {
    match trend {
        Trend::Rising => strings::GROUP_TREND_RISING,
        Trend::Steady => strings::GROUP_TREND_STEADY,
        Trend::Falling => strings::GROUP_TREND_FALLING,
    }
}

/// N°, question, teams right and their share, the wrong answers given and by whom.
fn question_row(session: &GroupSession, index: &QuestionIndex, q: &QuestionStats) -> Vec<String> {
    let question = index.get(&q.question_id);
    let prompt = question.map_or_else(|| q.question_id.clone(), plain_prompt);
    if q.unscored {
        return vec![
            (q.position + 1).to_string(),
            prompt,
            strings::GROUP_REPORT_DISCUSSED.to_owned(),
            String::new(),
        ];
    }
    let order = question
        .map(|qn| session.display_order(q.position, qn))
        .unwrap_or_default();
    let team = |t: &usize| session.teams.get(*t).cloned().unwrap_or_default();
    let mut wrong: Vec<String> = q
        .wrong
        .iter()
        .map(|w| {
            let said = question.map_or_else(String::new, |qn| answer_text(qn, &w.response, &order));
            let teams: Vec<String> = w.teams.iter().map(team).collect();
            format!("« {said} » : {}", teams.join(", "))
        })
        .collect();
    if q.silent > 0 {
        let silent: Vec<String> = session
            .rounds
            .get(q.position)
            .map(|r| {
                r.entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.is_none())
                    .map(|(t, _)| team(&t))
                    .collect()
            })
            .unwrap_or_default();
        wrong.push(format!(
            "{} : {}",
            strings::GROUP_NO_ANSWER,
            silent.join(", ")
        ));
    }
    vec![
        (q.position + 1).to_string(),
        prompt,
        strings::group_share(q.right, q.teams, &words::percent(q.share_right())),
        wrong.join(" ; "),
    ]
}

/// The questions most missed, with their right answer and explanation.
fn most_missed(
    session: &GroupSession,
    index: &QuestionIndex,
    questions: &[QuestionStats],
) -> Vec<Block> {
    let mut missed: Vec<&QuestionStats> = questions.iter().filter(|q| q.missed() > 0).collect();
    missed.sort_by_key(|q| (std::cmp::Reverse(q.missed()), q.position));
    let mut blocks = vec![Block::Heading(strings::GROUP_DEBRIEF.to_owned())];
    if missed.is_empty() {
        blocks.push(Block::Para(strings::GROUP_NOTHING_MISSED.to_owned()));
    }
    for q in missed.into_iter().take(MOST_MISSED) {
        let question = index.get(&q.question_id);
        let prompt = question.map_or_else(|| q.question_id.clone(), plain_prompt);
        blocks.push(Block::Subheading(format!(
            "{} {} — {prompt}",
            strings::GROUP_QUESTION,
            q.position + 1
        )));
        let mut lines = vec![strings::group_missed(q.missed(), q.teams, false)];
        if let Some(qn) = question {
            let order = session.display_order(q.position, qn);
            lines.push(format!(
                "{} : {}",
                words::QUIZ_RIGHT_ANSWER,
                super::text::right_answer(qn, &order)
            ));
            if !qn.explanation().is_empty() {
                lines.push(format!(
                    "{} : {}",
                    strings::QUIZ_EXPLANATION,
                    qn.explanation()
                ));
            }
        }
        blocks.push(Block::List(lines));
    }
    blocks
}

/// The group's totals across its sessions.
fn group_totals(group: &str, totals: &GroupTotals, index: &QuestionIndex) -> Vec<Block> {
    let mut blocks = vec![
        Block::Heading(strings::group_totals_title(group)),
        Block::Para(strings::group_totals_intro(
            totals.sessions,
            totals.questions,
            &words::percent(totals.share_right()),
        )),
        Block::Table {
            head: strings::GROUP_TOTALS_HEAD
                .iter()
                .map(|h| (*h).to_owned())
                .collect(),
            rows: totals
                .teams
                .iter()
                .map(|t| {
                    vec![
                        t.name.clone(),
                        t.sessions.to_string(),
                        t.points.to_string(),
                        strings::group_out_of(t.right, t.questions),
                    ]
                })
                .collect(),
        },
    ];
    if !totals.missed.is_empty() {
        blocks.push(Block::Subheading(strings::GROUP_TOTALS_MISSED.to_owned()));
        blocks.push(Block::List(
            totals
                .missed
                .iter()
                .take(MOST_MISSED)
                .map(|q| {
                    let prompt = index.get(&q.id).map_or_else(|| q.id.clone(), plain_prompt);
                    format!(
                        "{prompt} — {}",
                        strings::group_missed_times(q.answers - q.right, q.answers, q.asked)
                    )
                })
                .collect(),
        ));
    }
    blocks
}

/// The report on screen, from the podium: its Markdown drawn in the room's theme.
pub(super) fn render(play: &PlayScreen, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let (Some(text), Some(scroll)) = (&play.report, &play.report_scroll) else {
        return;
    };
    let text = markdown(text, ctx.theme, area.width);
    scroll.set_extent(wrapped_height(&text, area.width), area.height);
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .scroll((scroll.offset(), 0))
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_html_are_escaped() {
        let doc = Doc(vec![
            Block::Title("Bilan".into()),
            Block::Table {
                head: vec!["a".into(), "b".into()],
                rows: vec![vec!["x | y".into(), "<b>**z**</b>".into()]],
            },
        ]);
        let md = doc.markdown();
        assert!(
            md.contains("| x \\| y | \\<b\\>\\*\\*z\\*\\*\\</b\\> |"),
            "{md}"
        );
        let html = doc.html();
        assert!(html.contains("<td>&lt;b&gt;**z**&lt;/b&gt;</td>"), "{html}");
        assert!(html.starts_with("<!DOCTYPE html>"));
        // Nothing is fetched from elsewhere: no link, no script, no image.
        for outside in ["http", "<script", "<img", "<link"] {
            assert!(!html.contains(outside), "{outside}");
        }
    }
}
