//! The room's part of the session report (`conseil group --salle`): the participants'
//! ranking, the item statistics (facility, discrimination, option shares, Cronbach's α)
//! with how to read them, and the pre-test / post-test gain of two sessions.

use crate::domain::group::GroupSession;
use crate::domain::group::items::{GainReport, ItemStats};
use crate::domain::group::letter;
use crate::tui::screens::QuestionIndex;
use crate::tui::screens::group::report::Block;
use crate::tui::screens::group::room::printable;
use crate::tui::screens::group::strings::room_report as strings;
use crate::words;

/// The room's blocks of the report; none when nobody joined from a phone.
pub fn room_blocks(session: &GroupSession, index: &QuestionIndex) -> Vec<Block> {
    if session.participants.is_empty() {
        return Vec::new();
    }
    let standings = session.room_standings();
    let scored = session
        .rounds
        .iter()
        .filter(|r| r.room_awards.is_some() && !r.unscored)
        .count();
    let report = session.item_report(|id| index.get(id));
    let mut blocks = vec![
        Block::Heading(strings::RANKING.to_owned()),
        Block::Table {
            head: strings::RANKING_HEAD
                .iter()
                .map(|h| (*h).to_owned())
                .collect(),
            rows: standings
                .iter()
                .map(|s| {
                    let name = session
                        .participants
                        .get(s.participant)
                        .map(|p| printable(&p.pseudonym))
                        .unwrap_or_default();
                    vec![
                        s.rank.to_string(),
                        name,
                        s.points.to_string(),
                        format!("{} / {scored}", s.right),
                    ]
                })
                .collect(),
        },
        Block::Heading(strings::ITEMS.to_owned()),
        Block::Para(strings::items_intro(
            report.participants,
            report.alpha.map(words::decimal).as_deref(),
        )),
        Block::Table {
            head: strings::ITEMS_HEAD
                .iter()
                .map(|h| (*h).to_owned())
                .collect(),
            rows: report
                .items
                .iter()
                .map(|item| item_row(session, index, item))
                .collect(),
        },
        Block::Subheading(strings::HOW_TO_READ.to_owned()),
        Block::List(strings::FORMULAS.iter().map(|f| (*f).to_owned()).collect()),
    ];
    blocks.retain(|b| !matches!(b, Block::Table { rows, .. } if rows.is_empty()));
    blocks
}

/// N°, question, facility, discrimination, and the share of each option by its letter.
fn item_row(session: &GroupSession, index: &QuestionIndex, item: &ItemStats) -> Vec<String> {
    let question = index.get(&item.question_id);
    let order = question
        .map(|q| session.display_order(item.position, q))
        .unwrap_or_default();
    let mut options: Vec<(usize, String)> = item
        .options
        .iter()
        .filter_map(|o| {
            let shown = order.iter().position(|&i| i == o.option)?;
            let mark = if o.right { " ✓" } else { "" };
            let weak = if o.weak { strings::WEAK } else { "" };
            Some((
                shown,
                format!("{}{mark} {}{weak}", letter(shown), words::percent(o.share)),
            ))
        })
        .collect();
    options.sort_unstable();
    vec![
        (item.position + 1).to_string(),
        question.map_or_else(|| item.question_id.clone(), |q| q.prompt().to_owned()),
        format!("{} %", words::decimal(item.facility)),
        item.discrimination
            .map_or_else(|| strings::NOT_DEFINED.to_owned(), words::decimal),
        options
            .into_iter()
            .map(|(_, o)| o)
            .collect::<Vec<_>>()
            .join(" · "),
    ]
}

/// The pre-test / post-test report of two sessions of the same set.
pub fn gain_blocks(report: &GainReport) -> Vec<Block> {
    let gain = |g: Option<f64>| g.map_or_else(|| strings::NOT_DEFINED.to_owned(), words::decimal);
    let mut blocks = vec![
        Block::Heading(strings::GAIN.to_owned()),
        Block::Para(strings::gain_intro(
            report.paired.len(),
            &words::decimal(report.mean_pre),
            &words::decimal(report.mean_post),
            &gain(report.group_gain),
        )),
        Block::Table {
            head: strings::GAIN_HEAD.iter().map(|h| (*h).to_owned()).collect(),
            rows: report
                .paired
                .iter()
                .map(|g| {
                    vec![
                        printable(&g.pseudonym),
                        format!("{} %", words::decimal(g.pre)),
                        format!("{} %", words::decimal(g.post)),
                        gain(g.gain),
                    ]
                })
                .collect(),
        },
    ];
    if !report.unpaired.is_empty() {
        let names: Vec<String> = report.unpaired.iter().map(|n| printable(n)).collect();
        blocks.push(Block::Para(strings::unpaired(&names.join(", "))));
    }
    blocks.push(Block::Subheading(strings::HOW_TO_READ.to_owned()));
    blocks.push(Block::List(vec![strings::GAIN_FORMULA.to_owned()]));
    blocks
}
