//! A learner's progress: every answer, module scores, lessons read, review states, settings
//! and the sessions left unfinished, one per activity.
//!
//! The document is versioned: a file from an older conseil is upgraded by [`migrate`], one
//! from a newer conseil is refused rather than half-read and then overwritten. It is keyed by
//! question id: a question that left the content keeps its history here (it may come back),
//! and the queries that take the catalog skip it.
//!
//! Answers are the bulk of the file, so a question's answers are one compact string
//! (`attempts`); everything else keeps readable names. A progress imported from another
//! machine is merged in by `merge`; a change can be written down alone as a [`Patch`], for
//! the store's journal.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::question::Verdict;
use super::review::{Answered, History, Policy, Rating, ReviewState, Stage, schedule};
use super::session::{AnswerRecord, QuizSession, SessionKind};

mod attempts;
mod merge;
mod migrate;
mod patch;
mod sessions;

pub use merge::MergeSummary;
pub use migrate::{MigrateError, migrate, salvage, upgrade};
pub use patch::{Change, Patch};
use sessions::{Kept, Sessions};

/// The newest progress format this binary writes and reads. Format 2 writes a question's
/// answers as one string, and a profile's file is read with its journal (`store::journal`):
/// a conseil that knows only format 1 must not read it alone.
pub const PROGRESS_VERSION: u32 = 2;

/// Everything the learner did, for one profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "Stored")]
pub struct Progress {
    format_version: u32,
    /// By question id.
    #[serde(default)]
    questions: BTreeMap<String, QuestionProgress>,
    /// By module id.
    #[serde(default)]
    modules: BTreeMap<String, ModuleProgress>,
    #[serde(default)]
    settings: Settings,
    /// The sessions left unfinished, by activity ([`SessionKind::activity`]), each resumed
    /// exactly where it stopped.
    #[serde(skip_serializing_if = "Sessions::is_empty")]
    sessions: Sessions,
    /// Fields this version does not know (written by a later one of the same format): kept
    /// as they are, so that a save never drops them.
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

/// A progress as read from disk, before [`Progress`] takes it in: earlier versions kept a
/// single unfinished quiz under `unfinished`, which joins the sessions by activity.
#[derive(Deserialize)]
struct Stored {
    format_version: u32,
    #[serde(default)]
    questions: BTreeMap<String, QuestionProgress>,
    #[serde(default)]
    modules: BTreeMap<String, ModuleProgress>,
    #[serde(default)]
    settings: Settings,
    #[serde(default)]
    sessions: BTreeMap<String, Kept>,
    #[serde(default)]
    unfinished: Option<QuizSession>,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

impl From<Stored> for Progress {
    fn from(stored: Stored) -> Progress {
        Progress {
            format_version: stored.format_version,
            questions: stored.questions,
            modules: stored.modules,
            settings: stored.settings,
            sessions: Sessions::from_kept(
                (stored.sessions.into_values()).chain(stored.unfinished.map(Kept::Listed)),
            ),
            extra: stored.extra,
        }
    }
}

/// The history of one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionProgress {
    /// The module the question was in when last answered.
    pub module_id: String,
    /// Every answer, oldest first.
    #[serde(with = "attempts")]
    pub attempts: Vec<Attempt>,
    /// When it comes back, once answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewState>,
    /// Fields this version does not know, kept as they are.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// One answer to a question.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "AttemptRepr", into = "AttemptRepr")]
pub struct Attempt {
    /// When, to the millisecond (an answer is identified by its question and this).
    pub at: Timestamp,
    /// Credit from 0 to 1.
    pub score: f64,
    pub verdict: Verdict,
    /// Time taken, in milliseconds.
    pub duration_ms: u64,
}

/// An [`Attempt`] as the array format 1 wrote, `[answered_at_ms, score, verdict,
/// duration_ms]`, with verdict 0 (wrong), 1 (partly right) or 2 (right).
#[derive(Serialize, Deserialize)]
struct AttemptRepr(i64, f64, u8, u64);

impl From<Attempt> for AttemptRepr {
    fn from(a: Attempt) -> Self {
        AttemptRepr(
            a.at.as_millisecond(),
            a.score,
            attempts::verdict_code(a.verdict),
            a.duration_ms,
        )
    }
}

impl TryFrom<AttemptRepr> for Attempt {
    type Error = String;

    fn try_from(AttemptRepr(at, score, verdict, duration_ms): AttemptRepr) -> Result<Self, String> {
        let at = Timestamp::from_millisecond(at)
            .map_err(|_| format!("date de réponse hors limites : {at}"))?;
        if !(0.0..=1.0).contains(&score) {
            return Err(format!("score hors de 0 à 1 : {score}"));
        }
        let verdict = match verdict {
            0 => Verdict::Incorrect,
            1 => Verdict::Partial,
            2 => Verdict::Correct,
            other => return Err(format!("verdict inconnu : {other}")),
        };
        Ok(Attempt {
            at,
            score,
            verdict,
            duration_ms,
        })
    }
}

/// Scores and lessons of one module.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModuleProgress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best: Option<SessionScore>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<SessionScore>,
    /// Ids of the lessons read.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub lessons_read: BTreeSet<String>,
    /// Fields this version does not know, kept as they are.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// The score of one finished quiz.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SessionScore {
    /// Sum of the credits.
    pub score: f64,
    /// Questions in the quiz (those left unanswered count as wrong).
    pub out_of: u32,
    /// When the quiz ended.
    pub at: Timestamp,
}

impl SessionScore {
    /// The score from 0 to 1.
    pub fn ratio(&self) -> f64 {
        if self.out_of == 0 {
            0.0
        } else {
            self.score / f64::from(self.out_of)
        }
    }
}

/// The learner's settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// First day of the stage the learner prepares for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_date: Option<Date>,
    /// Ids of the modules the stage covers; empty means every module.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stage_modules: Vec<String>,
    /// When the settings last changed, so that an import keeps the newer ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_at: Option<Timestamp>,
    /// Fields this version does not know, kept as they are.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl Settings {
    /// The stage the learner prepares for, as scheduling reads it.
    pub fn stage(&self) -> Stage<'_> {
        Stage {
            date: self.stage_date,
            modules: &self.stage_modules,
        }
    }

    /// True when the stage (if any) covers `module_id`.
    pub fn stage_covers(&self, module_id: &str) -> bool {
        self.stage().covers(module_id)
    }
}

/// A timestamp cut to the millisecond, the precision kept on disk, so that an answer recorded
/// now and the same answer read back (or imported) compare equal.
fn to_millis(t: Timestamp) -> Timestamp {
    Timestamp::from_millisecond(t.as_millisecond()).unwrap_or(t)
}

impl Progress {
    pub fn new() -> Self {
        Progress {
            format_version: PROGRESS_VERSION,
            questions: BTreeMap::new(),
            modules: BTreeMap::new(),
            settings: Settings::default(),
            sessions: Sessions::default(),
            extra: BTreeMap::new(),
        }
    }

    pub fn format_version(&self) -> u32 {
        self.format_version
    }

    /// Takes out the top-level field `key` that this version does not know: the store keeps
    /// its own bookkeeping beside the progress in the same file.
    pub fn take_extra(&mut self, key: &str) -> Option<Value> {
        self.extra.remove(key)
    }

    /// Every question ever answered, by id, including those no longer in the content.
    pub fn questions(&self) -> &BTreeMap<String, QuestionProgress> {
        &self.questions
    }

    pub fn question(&self, id: &str) -> Option<&QuestionProgress> {
        self.questions.get(id)
    }

    /// Scores and lessons, by module id.
    pub fn modules(&self) -> &BTreeMap<String, ModuleProgress> {
        &self.modules
    }

    pub fn module(&self, id: &str) -> Option<&ModuleProgress> {
        self.modules.get(id)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The sessions left unfinished, the one worked on last first.
    pub fn sessions(&self) -> Vec<&QuizSession> {
        let mut sessions: Vec<&QuizSession> = self.sessions.ready().collect();
        sessions.sort_by_key(|s| std::cmp::Reverse(s.last_activity()));
        sessions
    }

    /// The session of the activity of `kind` left unfinished.
    pub fn session(&self, kind: &SessionKind) -> Option<&QuizSession> {
        self.sessions.get(&kind.activity())
    }

    /// True when the activity of `kind` has a session read by its seed whose questions the
    /// content no longer gives (see [`Progress::draw_sessions`]): it cannot be resumed.
    pub fn has_undrawn_session(&self, kind: &SessionKind) -> bool {
        self.sessions.is_undrawn(&kind.activity())
    }

    /// Draws again the questions of the sessions read by their seed and position (a module's
    /// quiz, a case: see `sessions`); `draw` gives, from the content, the questions of a kind
    /// of session for a seed. Call it once the progress is read, before resuming.
    pub fn draw_sessions(&mut self, draw: impl Fn(&SessionKind, u64) -> Option<Vec<String>>) {
        self.sessions.draw(draw);
    }

    /// Number of answers, all questions included.
    pub fn answer_count(&self) -> usize {
        self.questions.values().map(|q| q.attempts.len()).sum()
    }

    pub fn is_lesson_read(&self, module_id: &str, lesson_id: &str) -> bool {
        self.modules
            .get(module_id)
            .is_some_and(|m| m.lessons_read.contains(lesson_id))
    }

    /// Records one answer to a question of `module_id` and schedules its next review; `tz` is
    /// the learner's time zone, for the days left before the stage. Returns false when this
    /// answer (same question, same moment) was already recorded.
    pub fn record_answer(&mut self, module_id: &str, answer: &AnswerRecord, tz: &TimeZone) -> bool {
        let attempt = Attempt {
            at: to_millis(answer.answered_at),
            // NaN would be written as `null` and make the file unreadable.
            score: if answer.score.is_finite() {
                answer.score.clamp(0.0, 1.0)
            } else {
                0.0
            },
            verdict: answer.verdict,
            duration_ms: answer.duration_ms,
        };
        let policy = Policy::for_module(self.settings.stage(), module_id, attempt.at, tz);
        let record = self
            .questions
            .entry(answer.question_id.clone())
            .or_insert_with(|| QuestionProgress {
                module_id: module_id.to_owned(),
                attempts: Vec::new(),
                review: None,
                extra: BTreeMap::new(),
            });
        let place = record.attempts.partition_point(|a| a.at < attempt.at);
        if record
            .attempts
            .get(place)
            .is_some_and(|a| a.at == attempt.at)
        {
            return false;
        }
        record.attempts.insert(place, attempt);
        module_id.clone_into(&mut record.module_id);
        // An answer older than the last review (a clock set back) is history, not a review.
        if record.review.is_none_or(|r| r.last_review <= attempt.at) {
            let rating = Rating::of(attempt.score, attempt.verdict);
            record.review = Some(schedule(record.review.as_ref(), rating, attempt.at, policy));
        }
        true
    }

    /// Ends `session`: a module quiz updates the module's last and best scores, and the
    /// session stops being the one to resume for its activity. Its answers were recorded one
    /// by one by [`Progress::record_answer`]; a session without any answer leaves no score.
    pub fn finish_session(&mut self, session: &QuizSession, now: Timestamp) -> bool {
        let mut changed = false;
        let activity = session.kind.activity();
        if self
            .sessions
            .get(&activity)
            .is_some_and(|u| u.started_at == session.started_at && u.seed == session.seed)
        {
            self.sessions.remove(&activity);
            changed = true;
        }
        if let SessionKind::Module { module_id } = &session.kind
            && !session.answers.is_empty()
        {
            let score = SessionScore {
                score: session.score(),
                out_of: u32::try_from(session.len()).unwrap_or(u32::MAX),
                at: to_millis(now),
            };
            let module = self.modules.entry(module_id.clone()).or_default();
            if module.best.is_none_or(|b| score.ratio() > b.ratio()) {
                module.best = Some(score);
            }
            module.last = Some(score);
            changed = true;
        }
        changed
    }

    pub fn mark_lesson_read(&mut self, module_id: &str, lesson_id: &str) -> bool {
        self.modules
            .entry(module_id.to_owned())
            .or_default()
            .lessons_read
            .insert(lesson_id.to_owned())
    }

    /// Keeps `session` as the one to resume for its activity, in place of any other of the
    /// same activity. Call it after each answer. Returns false when it was kept already.
    pub fn keep_session(&mut self, session: &QuizSession) -> bool {
        let activity = session.kind.activity();
        // The same session answered further (every answer but the first of a session): only
        // the new answers are copied, not its question ids, whatever their number.
        if let Some(kept) = self.sessions.get_mut(&activity)
            && kept.started_at == session.started_at
            && kept.seed == session.seed
            && kept.kind == session.kind
            && kept.answers.len() <= session.answers.len()
            && kept.answers.last()
                == kept
                    .answers
                    .len()
                    .checked_sub(1)
                    .and_then(|i| session.answers.get(i))
            // Same start, seed and kind: the same draw; comparing every id would cost as much
            // as the quiz is long.
            && kept.question_ids.len() == session.question_ids.len()
        {
            let known = kept.answers.len();
            kept.answers.extend_from_slice(&session.answers[known..]);
            return known < session.answers.len();
        }
        self.sessions.insert(activity, session.clone());
        true
    }

    /// Gives up the session of the activity of `kind`: it is no longer offered to resume
    /// (its answers stay in the history). Returns false when there was none.
    pub fn drop_session(&mut self, kind: &SessionKind) -> bool {
        self.sessions.remove(&kind.activity())
    }

    pub fn set_stage_date(&mut self, date: Option<Date>, now: Timestamp) -> bool {
        if self.settings.stage_date == date {
            return false;
        }
        self.settings.stage_date = date;
        self.settings.changed_at = Some(to_millis(now));
        true
    }
}

/// The review queue reads the progress through this: only questions answered at least once.
impl History for Progress {
    fn stage(&self) -> Stage<'_> {
        self.settings.stage()
    }

    fn answered(&self, id: &str) -> Option<Answered> {
        let record = self.questions.get(id)?;
        Some(Answered {
            first_at: record.attempts.first()?.at,
            review: record.review,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::question::Response;
    use crate::domain::review::due_questions;
    use crate::domain::testing::{answer, module, tf};
    use jiff::civil::date;

    pub(super) fn t(s: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + s).expect("valid timestamp")
    }

    /// `hour` o'clock on `date`, in UTC.
    fn at(date: Date, hour: i8) -> Timestamp {
        date.at(hour, 0, 0, 0)
            .to_zoned(TimeZone::UTC)
            .expect("valid date")
            .timestamp()
    }

    pub(super) fn module_session(module: &str, ids: &[&str], start: Timestamp) -> QuizSession {
        QuizSession::new(
            SessionKind::Module {
                module_id: module.into(),
            },
            ids.iter().map(|s| (*s).to_owned()).collect(),
            7,
            start,
        )
    }

    #[test]
    fn records_answers_once_and_in_time_order() {
        let mut p = Progress::new();
        let tz = TimeZone::UTC;
        // Sub-millisecond precision is cut, so the same answer read back is the same answer.
        let precise = t(20) + jiff::SignedDuration::from_nanos(123_456);
        assert!(p.record_answer("m", &answer("q", true, precise), &tz));
        assert!(!p.record_answer("m", &answer("q", true, precise), &tz));
        assert!(p.record_answer("m", &answer("q", false, t(10)), &tz));
        let q = p.question("q").expect("recorded");
        let times: Vec<Timestamp> = q.attempts.iter().map(|a| a.at).collect();
        assert_eq!(times, vec![t(10), to_millis(precise)]);
        // The older answer came late: the review still reflects the latest one.
        let review = q.review.expect("scheduled");
        assert_eq!(review.last_review, to_millis(precise));
        assert_eq!(review.reps, 1);
        assert_eq!(p.answer_count(), 2);
    }

    #[test]
    fn finishing_a_module_quiz_keeps_best_and_last() {
        let mut p = Progress::new();
        let tz = TimeZone::UTC;
        let (a, b) = (tf("a", true), tf("b", true));
        let mut s1 = module_session("m", &["a", "b"], t(0));
        for (q, right) in [(&a, true), (&b, true)] {
            let outcome = s1.answer(q, Response::Bool(right), t(5), 100);
            assert!(outcome.is_some());
            let record = s1.answers.last().expect("answered").clone();
            p.record_answer("m", &record, &tz);
            p.keep_session(&s1);
        }
        assert_eq!(p.session(&s1.kind), Some(&s1));
        assert!(p.finish_session(&s1, t(10)));
        assert!(p.session(&s1.kind).is_none());
        let mut s2 = module_session("m", &["a", "b"], t(100));
        s2.answer(&a, Response::Bool(false), t(105), 100);
        assert!(p.finish_session(&s2, t(110)));
        let m = p.module("m").expect("scored");
        assert_eq!(m.best.map(|b| b.ratio()), Some(1.0));
        assert_eq!(m.last.map(|l| (l.ratio(), l.at)), Some((0.0, t(110))));
        // A quiz left without a single answer leaves no score.
        let s3 = module_session("m", &["a"], t(200));
        assert!(!p.finish_session(&s3, t(210)));
    }

    #[test]
    fn lessons_settings_and_unfinished_report_changes() {
        let mut p = Progress::new();
        assert!(p.mark_lesson_read("m", "l1"));
        assert!(!p.mark_lesson_read("m", "l1"));
        assert!(p.is_lesson_read("m", "l1"));
        assert!(!p.is_lesson_read("m", "l2"));
        assert!(p.set_stage_date(Some(date(2026, 5, 4)), t(0)));
        assert!(!p.set_stage_date(Some(date(2026, 5, 4)), t(1)));
        assert_eq!(p.settings().changed_at, Some(t(0)));
        assert!(
            p.settings().stage_covers("n"),
            "no module listed: the stage covers all"
        );
        let stage = Settings {
            stage_modules: vec!["m".into()],
            ..Settings::default()
        };
        assert!(stage.stage_covers("m"));
        assert!(!stage.stage_covers("n"));
        let s = module_session("m", &["a"], t(0));
        assert!(p.keep_session(&s));
        assert!(!p.keep_session(&s));
        assert!(p.drop_session(&s.kind));
        assert!(!p.drop_session(&s.kind));
    }

    #[test]
    fn one_session_is_kept_per_activity() {
        let mut p = Progress::new();
        let quiz_m = module_session("m", &["a", "b"], t(0));
        let quiz_n = module_session("n", &["c"], t(10));
        let case = QuizSession::new(
            SessionKind::Case {
                module_id: "m".into(),
                case_id: "c1".into(),
            },
            vec!["s1".into()],
            3,
            t(20),
        );
        for s in [&quiz_m, &quiz_n, &case] {
            assert!(p.keep_session(s));
        }
        // A new quiz of module m takes the place of m's only.
        let again_m = module_session("m", &["b", "a"], t(30));
        assert!(p.keep_session(&again_m));
        let listed: Vec<&QuizSession> = p.sessions();
        assert_eq!(
            listed,
            vec![&again_m, &case, &quiz_n],
            "last worked on first"
        );
        // Finishing the old m quiz (another window's) leaves the new one alone.
        p.finish_session(&quiz_m, t(40));
        assert_eq!(p.session(&again_m.kind), Some(&again_m));
        let json = serde_json::to_string(&p).expect("serializes");
        assert!(json.contains(r#""case:m/c1":"#), "{json}");
    }

    #[test]
    fn the_single_unfinished_quiz_of_older_files_joins_the_sessions() {
        let old = module_session("m", &["a", "b"], t(0));
        let mut value = serde_json::to_value(Progress::new()).expect("serializes");
        value["unfinished"] = serde_json::to_value(&old).expect("serializes");
        // A session stored under a wrong key is filed under its activity.
        let review = QuizSession::new(SessionKind::Review, vec!["q".into()], 1, t(5));
        value["sessions"] = serde_json::json!({ "nimporte": review });
        let p: Progress = serde_json::from_value(value.clone()).expect("reads");
        assert_eq!(p.session(&old.kind), Some(&old));
        assert_eq!(p.session(&SessionKind::Review), Some(&review));
        let json = serde_json::to_string(&p).expect("serializes");
        assert!(!json.contains("unfinished"), "{json}");
        let (salvaged, bad) = salvage(value).expect("salvages");
        assert!(bad.is_empty());
        assert_eq!(salvaged, p);
    }

    #[test]
    fn a_round_trip_keeps_everything() {
        let mut p = Progress::new();
        let tz = TimeZone::UTC;
        p.record_answer("m", &answer("q1", true, t(1)), &tz);
        let mut partial = answer("q2", false, t(2));
        partial.score = 0.5;
        partial.verdict = Verdict::Partial;
        p.record_answer("m", &partial, &tz);
        p.mark_lesson_read("m", "l1");
        p.set_stage_date(Some(date(2026, 5, 4)), t(3));
        p.keep_session(&module_session("m", &["q1", "q2"], t(4)));
        let json = serde_json::to_string(&p).expect("serializes");
        assert!(
            json.contains(&format!(
                r#""attempts":"{} 0.5 1 1500""#,
                t(2).as_millisecond()
            )),
            "{json}"
        );
        let mut back = migrate(serde_json::from_str(&json).expect("json")).expect("reads");
        // The module quiz is kept by its seed: its questions come back from the content.
        back.draw_sessions(|_, _| Some(vec!["q1".into(), "q2".into()]));
        assert_eq!(back, p);
    }

    #[test]
    fn a_format_1_document_reads_as_the_same_progress_in_format_2() {
        let mut p = Progress::new();
        let tz = TimeZone::UTC;
        p.record_answer("m", &answer("q1", true, t(1)), &tz);
        p.record_answer("m", &answer("q1", false, t(2)), &tz);
        let mut v1 = serde_json::to_value(&p).expect("serializes");
        v1["format_version"] = 1.into();
        v1["questions"]["q1"]["attempts"] = serde_json::json!([
            [t(1).as_millisecond(), 1.0, 2, 1500],
            [t(2).as_millisecond(), 0.0, 0, 1500]
        ]);
        let upgraded = upgrade(v1.clone()).expect("upgrades");
        assert_eq!(upgraded["format_version"], 2);
        assert_eq!(migrate(v1).expect("reads"), p);
        // One bad answer in a format 2 string is set aside alone, with where it stood.
        let mut damaged = serde_json::to_value(&p).expect("serializes");
        damaged["questions"]["q1"]["attempts"] = format!(
            "{} 1 2 1500;{} 7 0 1500",
            t(1).as_millisecond(),
            t(2).as_millisecond()
        )
        .into();
        let (kept, bad) = salvage(damaged).expect("salvages");
        assert_eq!(kept.answer_count(), 1);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].0, "questions.q1.attempts[1]");
        assert_eq!(
            bad[0].1,
            serde_json::json!(format!("{} 7 0 1500", t(2).as_millisecond()))
        );
    }

    #[test]
    fn migrate_refuses_newer_and_non_progress_documents() {
        let newer = serde_json::json!({"format_version": 3, "anything": true});
        assert!(matches!(
            migrate(newer),
            Err(MigrateError::Newer { found: 3 })
        ));
        assert!(matches!(
            migrate(serde_json::json!([1, 2])),
            Err(MigrateError::NoVersion)
        ));
        assert!(matches!(
            migrate(serde_json::json!({"format_version": 0})),
            Err(MigrateError::NoVersion)
        ));
        let bad = serde_json::json!({"format_version": 1, "questions": {"q": {
            "module_id": "m", "attempts": [[0, 1.5, 2, 0]]}}});
        let err = migrate(bad).expect_err("score out of range");
        assert!(err.to_string().contains("score hors de 0 à 1"), "{err}");
        let bad = serde_json::json!({"format_version": 1, "questions": {"q": {
            "module_id": "m", "attempts": [[0, 1.0, 7, 0]]}}});
        assert!(migrate(bad).is_err());
        assert!(
            migrate(serde_json::json!({"format_version": 1}))
                .expect("minimal")
                .questions()
                .is_empty()
        );
    }

    #[test]
    fn due_questions_most_overdue_first_across_modules() {
        let modules = vec![module("a", &["a1", "a2"]), module("b", &["b1", "b2"])];
        let mut p = Progress::new();
        let tz = TimeZone::UTC;
        p.record_answer("a", &answer("a1", true, at(date(2026, 3, 1), 10)), &tz);
        p.record_answer("b", &answer("b1", false, at(date(2026, 3, 2), 10)), &tz);
        p.record_answer("a", &answer("a2", true, at(date(2026, 3, 5), 10)), &tz);
        // A question gone from the content is never due.
        p.record_answer("a", &answer("gone", false, at(date(2026, 3, 1), 9)), &tz);
        let now = at(date(2026, 3, 4), 12).to_zoned(tz.clone());
        let due = due_questions(&p, &modules, &now);
        let ids: Vec<&str> = due.iter().map(|d| d.question.id()).collect();
        // b1 failed on the 2nd is due hours later; a1 right on the 1st is due on the 3rd.
        assert_eq!(ids, vec!["b1", "a1"]);
        assert_eq!(due[0].module.id, "b");
        assert!(due.iter().all(|d| !d.new));
        assert!(due_questions(&p, &modules, &at(date(2026, 3, 1), 11).to_zoned(tz)).is_empty());
    }

    #[test]
    fn the_stage_plan_spreads_unseen_questions_over_the_days_left() {
        let ids: Vec<String> = (0..10).map(|i| format!("s{i}")).collect();
        let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let modules = vec![module("stage", &id_refs), module("hors", &["h1"])];
        let tz = TimeZone::UTC;
        let mut p = Progress::new();
        let t0 = at(date(2026, 3, 2), 8);
        p.settings = Settings {
            stage_date: Some(date(2026, 3, 7)),
            stage_modules: vec!["stage".into()],
            changed_at: Some(t0),
            ..Settings::default()
        };
        // 10 unseen, 5 days left: 2 a day, from the start of the day, in content order.
        let now = at(date(2026, 3, 2), 9).to_zoned(tz.clone());
        let due = due_questions(&p, &modules, &now);
        let ids: Vec<&str> = due.iter().map(|d| d.question.id()).collect();
        assert_eq!(ids, vec!["s0", "s1"]);
        assert!(
            due.iter()
                .all(|d| d.new && d.due == at(date(2026, 3, 2), 0))
        );
        // Once today's share is met, no more new ones today.
        p.record_answer("stage", &answer("s0", true, at(date(2026, 3, 2), 9)), &tz);
        p.record_answer("stage", &answer("s1", true, at(date(2026, 3, 2), 10)), &tz);
        let later = at(date(2026, 3, 2), 11).to_zoned(tz.clone());
        assert!(due_questions(&p, &modules, &later).is_empty());
        // Skipping days raises the share: 8 left over 2 days.
        let eve = at(date(2026, 3, 5), 9).to_zoned(tz.clone());
        let due = due_questions(&p, &modules, &eve);
        let new: Vec<&str> = due
            .iter()
            .filter(|d| d.new)
            .map(|d| d.question.id())
            .collect();
        assert_eq!(new, vec!["s2", "s3", "s4", "s5"]);
        // Reviews due earlier come first.
        assert!(!due[0].new);
        // On the day itself every unseen question is due.
        let day = at(date(2026, 3, 7), 9).to_zoned(tz.clone());
        assert_eq!(
            due_questions(&p, &modules, &day)
                .iter()
                .filter(|d| d.new)
                .count(),
            8
        );
        // After the stage, the plan stops.
        let after = at(date(2026, 3, 8), 9).to_zoned(tz);
        assert!(due_questions(&p, &modules, &after).iter().all(|d| !d.new));
    }
}
