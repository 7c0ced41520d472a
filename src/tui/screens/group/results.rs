//! The results files of a session: the JSON by team and by question, and the CSV with one
//! row per team and question. Answers are written as the room gave them (the letters shown)
//! and as what they mean (the options' texts), with whether they were right.

use jiff::Timestamp;
use serde::Serialize;

use crate::domain::group::{GroupSession, Scoring, letter, response_label};
use crate::domain::question::{Question, Response, Verdict};
use crate::tui::screens::group::strings;
use crate::words;

/// The version of the results' JSON: 2 writes the options' texts and the verdicts.
pub const RESULTS_FORMAT_VERSION: u32 = 2;

/// What the JSON file holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupResults {
    pub format_version: u32,
    pub group: Option<String>,
    pub started_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    pub timer_secs: Option<u32>,
    pub scoring: Scoring,
    /// Best first.
    pub teams: Vec<TeamResult>,
    /// In the order they were asked; only the revealed ones.
    pub questions: Vec<QuestionResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamResult {
    pub rank: usize,
    pub tied: bool,
    pub name: String,
    pub points: u32,
    pub right: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionResult {
    pub number: usize,
    pub id: String,
    pub kind: String,
    pub prompt: String,
    /// 2 when the question counted double.
    pub multiplier: u32,
    /// False for an open question, discussed rather than scored.
    pub scored: bool,
    pub right_teams: usize,
    /// The options as the room saw them, with their letters.
    pub options: Vec<OptionResult>,
    /// In team order.
    pub answers: Vec<AnswerResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionResult {
    pub label: String,
    pub text: String,
    /// Whether it is a right choice; `None` for steps and match options, right by place.
    pub right: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerResult {
    pub team: String,
    /// As the room gave it (letters, V or F, a number); `None` without an answer.
    pub answer: Option<String>,
    /// What the answer says: the options' texts, « Vrai », the words typed.
    pub answer_text: Option<String>,
    /// `None` without an answer, or for an open question.
    pub right: Option<bool>,
    pub verdict: Option<Verdict>,
    pub points: u32,
    pub bonus: u32,
    /// Time on the question's clock when the last answer was entered.
    pub elapsed_ms: Option<u64>,
}

/// What `response` says, in the options' own words: « B — Deux ans », « Vrai », the text
/// typed, the steps in the order given, each left item with its partner.
pub fn answer_text(question: &Question, response: &Response, order: &[usize]) -> String {
    let shown = |i: usize| {
        order
            .iter()
            .position(|&o| o == i)
            .map_or_else(String::new, letter)
    };
    match (question, response) {
        (Question::Single(c) | Question::Multiple(c), Response::Choices(picked)) => {
            let mut picked: Vec<(String, &str)> = picked
                .iter()
                .filter_map(|&i| Some((shown(i), c.choices.get(i)?.text.as_str())))
                .collect();
            picked.sort();
            picked
                .iter()
                .map(|(l, t)| format!("{l} — {t}"))
                .collect::<Vec<_>>()
                .join(" ; ")
        }
        (_, Response::Bool(true)) => words::QUIZ_TRUE.to_owned(),
        (_, Response::Bool(false)) => words::QUIZ_FALSE.to_owned(),
        (_, Response::Text(text)) => text.clone(),
        (Question::Order(o), Response::Order(items)) => items
            .iter()
            .filter_map(|&i| Some(format!("{} {}", shown(i), o.items.get(i)?)))
            .collect::<Vec<_>>()
            .join(" → "),
        (Question::Match(m), Response::Pairs(pairs)) => {
            let rights = m.right_options();
            m.pairs
                .iter()
                .zip(pairs)
                .enumerate()
                .map(|(i, (p, partner))| {
                    let right = partner
                        .and_then(|r| Some(format!("{} {}", shown(r), rights.get(r)?)))
                        .unwrap_or_else(|| "–".to_owned());
                    format!("{} {} → {right}", i + 1, p.left)
                })
                .collect::<Vec<_>>()
                .join(" ; ")
        }
        _ => response_label(response, order),
    }
}

/// The options of `question` as the room saw them.
fn options(question: &Question, order: &[usize]) -> Vec<OptionResult> {
    let option = |d: usize, text: &str, right: Option<bool>| OptionResult {
        label: letter(d),
        text: text.to_owned(),
        right,
    };
    match question {
        Question::Single(c) | Question::Multiple(c) => order
            .iter()
            .enumerate()
            .filter_map(|(d, &i)| {
                Some(option(
                    d,
                    &c.choices.get(i)?.text,
                    Some(c.correct.contains(&i)),
                ))
            })
            .collect(),
        Question::TrueFalse(tf) => vec![
            OptionResult {
                label: "V".to_owned(),
                text: words::QUIZ_TRUE.to_owned(),
                right: Some(tf.answer),
            },
            OptionResult {
                label: "F".to_owned(),
                text: words::QUIZ_FALSE.to_owned(),
                right: Some(!tf.answer),
            },
        ],
        Question::Order(o) => order
            .iter()
            .enumerate()
            .filter_map(|(d, &i)| Some(option(d, o.items.get(i)?, None)))
            .collect(),
        Question::Match(m) => {
            let rights = m.right_options();
            order
                .iter()
                .enumerate()
                .filter_map(|(d, &i)| Some(option(d, rights.get(i)?, None)))
                .collect()
        }
        Question::Numeric(_) | Question::Short(_) | Question::Open(_) => Vec::new(),
    }
}

impl GroupResults {
    pub fn new<'q>(session: &GroupSession, lookup: impl Fn(&str) -> Option<&'q Question>) -> Self {
        let teams = session
            .standings()
            .iter()
            .map(|s| TeamResult {
                rank: s.rank,
                tied: s.tied,
                name: session.teams.get(s.team).cloned().unwrap_or_default(),
                points: s.points,
                right: s.right,
            })
            .collect();
        let questions = session
            .rounds
            .iter()
            .enumerate()
            .filter_map(|(position, round)| {
                let awards = round.awards.as_ref()?;
                let question = lookup(&round.question_id);
                let order = question
                    .map(|q| session.display_order(position, q))
                    .unwrap_or_default();
                let answers = session
                    .teams
                    .iter()
                    .zip(&round.entries)
                    .zip(awards)
                    .map(|((team, entry), award)| AnswerResult {
                        team: team.clone(),
                        answer: entry.as_ref().map(|e| response_label(&e.response, &order)),
                        answer_text: entry
                            .as_ref()
                            .zip(question)
                            .map(|(e, q)| answer_text(q, &e.response, &order)),
                        right: award.verdict.map(|v| v == Verdict::Correct),
                        verdict: award.verdict,
                        points: award.points,
                        bonus: award.bonus,
                        elapsed_ms: entry.as_ref().map(|e| e.elapsed_ms),
                    })
                    .collect();
                Some(QuestionResult {
                    number: position + 1,
                    id: round.question_id.clone(),
                    kind: question.map_or("", Question::kind_name).to_owned(),
                    prompt: question.map_or("", Question::prompt).to_owned(),
                    multiplier: session.multiplier(position),
                    scored: !round.unscored,
                    right_teams: awards.iter().filter(|a| a.is_right()).count(),
                    options: question.map(|q| options(q, &order)).unwrap_or_default(),
                    answers,
                })
            })
            .collect();
        GroupResults {
            format_version: RESULTS_FORMAT_VERSION,
            group: session.group_name.clone(),
            started_at: session.started_at,
            finished_at: session.finished_at,
            timer_secs: session.timer_secs,
            scoring: session.scoring,
            teams,
            questions,
        }
    }

    /// The results as a spreadsheet: one row a team and a question, in the order asked, with
    /// the answer given, what it says and whether it was right. Semicolons and a byte-order
    /// mark, as a French spreadsheet expects them.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        let header: Vec<String> = strings::GROUP_CSV_HEADER
            .iter()
            .map(|h| (*h).to_owned())
            .collect();
        push_row(&mut out, &header);
        for q in &self.questions {
            for a in &q.answers {
                let right = match (q.scored, a.right) {
                    (false, _) => strings::GROUP_CSV_UNSCORED,
                    (true, Some(true)) => strings::GROUP_CSV_YES,
                    (true, Some(false)) => strings::GROUP_CSV_NO,
                    (true, None) => strings::GROUP_NO_ANSWER,
                };
                let seconds = a
                    .elapsed_ms
                    .map(|ms| words::decimal(ms as f64 / 1000.0))
                    .unwrap_or_default();
                push_row(
                    &mut out,
                    &[
                        q.number.to_string(),
                        q.prompt.clone(),
                        a.team.clone(),
                        a.answer.clone().unwrap_or_default(),
                        a.answer_text.clone().unwrap_or_default(),
                        right.to_owned(),
                        a.points.to_string(),
                        a.bonus.to_string(),
                        seconds,
                    ],
                );
            }
        }
        out
    }
}

fn push_row(out: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
    out.push_str(&cells.join(";"));
    out.push_str("\r\n");
}

/// A cell quoted when it holds a separator, a quote or a line break, and defused when a
/// spreadsheet would read it as a formula.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::group::GroupSettings;
    use crate::domain::question::TrueFalseQuestion;

    fn tf(id: &str) -> Question {
        Question::TrueFalse(TrueFalseQuestion {
            id: id.into(),
            prompt: "L’employeur partage le secret.".into(),
            explanation: "Non.".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            answer: false,
            feedback_true: None,
            feedback_false: None,
        })
    }

    #[test]
    fn csv_has_a_row_an_answer_and_is_safe_for_spreadsheets() {
        let q = tf("q1");
        let t = |s: i64| Timestamp::from_second(1_800_000_000 + s).expect("valid");
        let mut s = GroupSession::new(
            GroupSettings {
                teams: vec!["Hiboux".into(), "=Renards; \"bis\"".into()],
                question_ids: vec!["q1".into()],
                timer_secs: None,
                scoring: Scoring::default(),
                seed: 1,
                group_name: None,
                high_contrast: true,
            },
            t(0),
        )
        .expect("valid");
        s.enter(1, Response::Bool(false), t(1));
        s.reveal(&q, t(2));
        let results = GroupResults::new(&s, |id| (id == "q1").then_some(&q));
        let csv = results.to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines,
            vec![
                "\u{feff}question;intitulé;équipe;réponse;texte de la réponse;juste;points;dont rapidité;secondes",
                "1;L’employeur partage le secret.;Hiboux;;;pas de réponse;0;0;",
                "1;L’employeur partage le secret.;\"'=Renards; \"\"bis\"\"\";F;Faux;oui;1;0;1",
            ]
        );
        let answer = &results.questions[0].answers[1];
        assert_eq!(answer.answer_text.as_deref(), Some("Faux"));
        assert_eq!(answer.right, Some(true));
        assert_eq!(results.questions[0].options[1].right, Some(true));
    }
}
