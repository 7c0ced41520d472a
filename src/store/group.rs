//! Where a group quiz is kept: the session file, saved atomically after every change so that a
//! crash or a closed laptop loses nothing, and the results exported by team as CSV and JSON.
//!
//! Layout: `<data dir>/group/session.json`, and the results beside it (or in `--out`). The
//! results hold teams only, never a participant.

use std::fs;
use std::io::ErrorKind;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::content::diag::french_json_message;
use crate::domain::group::{GROUP_FORMAT_VERSION, GroupSession, Scoring, response_label};
use crate::domain::question::{Question, Verdict};
use crate::store::files;
use crate::store::profiles::DataDir;

const GROUP_DIR: &str = "group";
const SESSION_FILE: &str = "session.json";

/// Where group sessions are saved and their results written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupStore {
    dir: PathBuf,
    /// Folder of the results when `--out` names one.
    out: Option<PathBuf>,
}

impl GroupStore {
    pub fn new(data: &DataDir, out: Option<PathBuf>) -> Self {
        GroupStore {
            dir: data.root().join(GROUP_DIR),
            out,
        }
    }

    pub fn session_path(&self) -> PathBuf {
        self.dir.join(SESSION_FILE)
    }

    /// The saved session, or `None` when there is none.
    pub fn load(&self) -> Result<Option<GroupSession>> {
        let path = self.session_path();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(e).with_context(|| format!("lecture impossible de {}", path.display()));
            }
        };
        decode(&text).map(Some).with_context(|| {
            format!(
                "la session de groupe {} est illisible ; un nouveau quiz de groupe la remplacera",
                path.display()
            )
        })
    }

    pub fn save(&self, session: &GroupSession) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(session).context("mise en forme de la session")?;
        files::write_private(&self.session_path(), &bytes)
    }

    /// Writes the results of `session` as CSV and JSON, named after the time it started (so
    /// that exporting again replaces the same files), and returns their paths.
    pub fn export<'q>(
        &self,
        session: &GroupSession,
        lookup: impl Fn(&str) -> Option<&'q Question>,
        tz: &TimeZone,
    ) -> Result<Vec<PathBuf>> {
        let report = GroupReport::new(session, lookup);
        let folder = self.out.as_deref().unwrap_or(&self.dir);
        let stem = file_stem(session.started_at, tz);
        let csv_path = folder.join(format!("{stem}.csv"));
        let json_path = folder.join(format!("{stem}.json"));
        files::write_private(&csv_path, to_csv(&report).as_bytes())?;
        let mut json = serde_json::to_vec_pretty(&report).context("mise en forme des résultats")?;
        json.push(b'\n');
        files::write_private(&json_path, &json)?;
        Ok(vec![csv_path, json_path])
    }
}

fn decode(text: &str) -> Result<GroupSession> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        anyhow!(
            "{}, ligne {}, colonne {}",
            french_json_message(&e),
            e.line(),
            e.column()
        )
    })?;
    let version = value
        .get("format_version")
        .and_then(serde_json::Value::as_u64);
    if version.is_some_and(|v| v > u64::from(GROUP_FORMAT_VERSION)) {
        bail!("elle a été écrite par une version plus récente de conseil");
    }
    let session: GroupSession =
        serde_json::from_value(value).map_err(|e| anyhow!(french_json_message(&e)))?;
    if !session.is_consistent() {
        bail!("ses équipes, ses questions et ses réponses ne concordent pas");
    }
    Ok(session)
}

/// « resultats-groupe-2026-05-04-143205 », in the trainer's time zone.
fn file_stem(started: Timestamp, tz: &TimeZone) -> String {
    format!(
        "resultats-groupe-{}",
        started.to_zoned(tz.clone()).strftime("%Y-%m-%d-%H%M%S")
    )
}

/// The results of a session, by team: what the JSON export holds and the CSV shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupReport {
    pub format_version: u32,
    pub started_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    pub timer_secs: Option<u32>,
    pub scoring: Scoring,
    /// Best first.
    pub teams: Vec<TeamReport>,
    /// In the order they were asked; only the revealed ones.
    pub questions: Vec<QuestionReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamReport {
    pub rank: usize,
    pub tied: bool,
    pub name: String,
    pub points: u32,
    pub right: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionReport {
    pub number: usize,
    pub id: String,
    pub kind: String,
    pub prompt: String,
    /// 2 when the question counted double.
    pub multiplier: u32,
    pub right_teams: usize,
    /// In team order.
    pub answers: Vec<AnswerReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerReport {
    pub team: String,
    /// As the room gave it (letters, V or F, a number); `None` without an answer.
    pub answer: Option<String>,
    pub verdict: Option<Verdict>,
    pub points: u32,
    pub bonus: u32,
    /// Time on the question's clock when the answer was entered.
    pub elapsed_ms: Option<u64>,
}

impl GroupReport {
    pub fn new<'q>(session: &GroupSession, lookup: impl Fn(&str) -> Option<&'q Question>) -> Self {
        let teams = session
            .standings()
            .iter()
            .map(|s| TeamReport {
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
                Some(QuestionReport {
                    number: position + 1,
                    id: round.question_id.clone(),
                    kind: question.map_or("", Question::kind_name).to_owned(),
                    prompt: question.map_or("", Question::prompt).to_owned(),
                    multiplier: session.multiplier(position),
                    right_teams: awards.iter().filter(|a| a.is_right()).count(),
                    answers: session
                        .teams
                        .iter()
                        .zip(&round.entries)
                        .zip(awards)
                        .map(|((team, entry), award)| AnswerReport {
                            team: team.clone(),
                            answer: entry.as_ref().map(|e| response_label(&e.response, &order)),
                            verdict: award.verdict,
                            points: award.points,
                            bonus: award.bonus,
                            elapsed_ms: entry.as_ref().map(|e| e.elapsed_ms),
                        })
                        .collect(),
                })
            })
            .collect();
        GroupReport {
            format_version: GROUP_FORMAT_VERSION,
            started_at: session.started_at,
            finished_at: session.finished_at,
            timer_secs: session.timer_secs,
            scoring: session.scoring,
            teams,
            questions,
        }
    }
}

/// The results as a spreadsheet: one row a team, best first, with its points on each
/// question. Semicolons and a byte-order mark, as a French spreadsheet expects them.
pub fn to_csv(report: &GroupReport) -> String {
    let mut header = vec![
        "rang".to_owned(),
        "équipe".to_owned(),
        "points".to_owned(),
        "bonnes réponses".to_owned(),
        "questions".to_owned(),
    ];
    header.extend(report.questions.iter().map(|q| format!("Q{}", q.number)));
    let mut out = String::from("\u{feff}");
    push_row(&mut out, &header);
    for team in &report.teams {
        let mut row = vec![
            team.rank.to_string(),
            team.name.clone(),
            team.points.to_string(),
            team.right.to_string(),
            report.questions.len().to_string(),
        ];
        row.extend(report.questions.iter().map(|q| {
            q.answers
                .iter()
                .find(|a| a.team == team.name)
                .map_or_else(String::new, |a| a.points.to_string())
        }));
        push_row(&mut out, &row);
    }
    out
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

/// The saved session, refused when it uses questions that the content loaded lacks (the
/// trainer then starts conseil again with the same `--content`).
pub fn load_for_resume(
    store: &GroupStore,
    known: impl Fn(&str) -> bool,
) -> Result<Option<GroupSession>> {
    let Some(session) = store.load()? else {
        return Ok(None);
    };
    let missing: Vec<&str> = session
        .question_ids
        .iter()
        .map(String::as_str)
        .filter(|id| !known(id))
        .collect();
    if !missing.is_empty() {
        bail!(
            "la session de groupe utilise des questions absentes du contenu chargé ({}) : relancez conseil avec les mêmes options --content",
            missing.join(", ")
        );
    }
    Ok(Some(session))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::domain::group::{GroupSettings, Scoring};
    use crate::domain::question::{Response, TrueFalseQuestion};

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

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + s).expect("valid timestamp")
    }

    fn played() -> (GroupSession, Question) {
        let q = tf("q1");
        let mut s = GroupSession::new(
            GroupSettings {
                teams: vec!["Hiboux".into(), "=Renards; \"bis\"".into()],
                question_ids: vec!["q1".into()],
                timer_secs: None,
                scoring: Scoring::default(),
                seed: 1,
            },
            t(0),
        )
        .expect("valid");
        s.enter(1, Response::Bool(false), t(1));
        s.reveal(&q, t(2));
        let _ = s.next(t(3));
        (s, q)
    }

    #[test]
    fn csv_is_by_team_and_safe_for_spreadsheets() {
        let (s, q) = played();
        let report = GroupReport::new(&s, |id| (id == "q1").then_some(&q));
        let csv = to_csv(&report);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines,
            vec![
                "\u{feff}rang;équipe;points;bonnes réponses;questions;Q1",
                "1;\"'=Renards; \"\"bis\"\"\";1;1;1;1",
                "2;Hiboux;0;0;1;0",
            ]
        );
        assert_eq!(report.questions[0].answers[1].answer.as_deref(), Some("F"));
        assert_eq!(report.questions[0].answers[0].answer, None);
    }

    #[test]
    fn save_load_and_export() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = GroupStore::new(
            &DataDir::at(
                dir.path(),
                &Clock::fixed(jiff::Timestamp::UNIX_EPOCH, TimeZone::UTC),
            ),
            None,
        );
        assert_eq!(store.load().expect("nothing yet"), None);
        let (s, q) = played();
        store.save(&s).expect("saved");
        assert_eq!(store.load().expect("read"), Some(s.clone()));
        assert!(load_for_resume(&store, |_| false).is_err());
        assert!(load_for_resume(&store, |_| true).expect("known").is_some());
        let paths = store
            .export(&s, |id| (id == "q1").then_some(&q), &TimeZone::UTC)
            .expect("exported");
        assert_eq!(
            paths[0].file_name().and_then(|n| n.to_str()),
            Some("resultats-groupe-2027-01-15-080000.csv")
        );
        let json: serde_json::Value =
            serde_json::from_slice(&fs::read(&paths[1]).expect("json written")).expect("json");
        assert_eq!(json["teams"][0]["points"], 1);
    }

    #[test]
    fn damaged_and_newer_files_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = GroupStore::new(
            &DataDir::at(
                dir.path(),
                &Clock::fixed(jiff::Timestamp::UNIX_EPOCH, TimeZone::UTC),
            ),
            None,
        );
        fs::create_dir_all(dir.path().join("group")).expect("dir");
        fs::write(store.session_path(), "{\"format_version\": 1,").expect("write");
        let err = format!("{:#}", store.load().expect_err("damaged"));
        assert!(err.contains("illisible"), "{err}");
        fs::write(store.session_path(), "{\"format_version\": 9}").expect("write");
        let err = format!("{:#}", store.load().expect_err("newer"));
        assert!(err.contains("plus récente"), "{err}");
    }
}
