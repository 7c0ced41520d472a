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
use super::review::{
    Answered, DEFAULT_RECALL_TARGET, History, MemoryModel, Model, Policy, RECALL_TARGET_RANGE,
    Rating, ReviewState, Stage, schedule,
};
use super::session::{AnswerRecord, QuizSession, SessionKind};

mod attempts;
mod fit;
mod merge;
mod migrate;
mod patch;
mod remark;
mod sessions;

pub use fit::{FitJob, MIN_FIT_REVIEWS, REFIT_AFTER};
pub use merge::MergeSummary;
pub use migrate::{MigrateError, migrate, salvage, upgrade};
pub use patch::{Change, Patch};
pub use remark::Remark;
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
    /// Remarks the learner left on questions, for a trainer, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    remarks: Vec<Remark>,
    /// The learner's own FSRS parameters, once fitted on her answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    memory: Option<MemoryModel>,
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
    #[serde(default)]
    remarks: Vec<Remark>,
    #[serde(default)]
    memory: Option<MemoryModel>,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

impl From<Stored> for Progress {
    fn from(stored: Stored) -> Progress {
        let mut progress = Progress {
            format_version: stored.format_version,
            questions: stored.questions,
            modules: stored.modules,
            settings: stored.settings,
            sessions: Sessions::from_kept(
                (stored.sessions.into_values()).chain(stored.unfinished.map(Kept::Listed)),
            ),
            remarks: Vec::new(),
            memory: stored.memory,
            extra: stored.extra,
        };
        // Sorted and without duplicates, whatever a hand-edited file holds.
        progress.merge_remarks(stored.remarks);
        progress
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
    /// When each lesson was first read (lessons read by an older conseil have none), for the
    /// daily plan.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub lessons_read_at: BTreeMap<String, Timestamp>,
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
    /// The predicted recall aimed at on the stage day, from 0 to 1; unset, 90 %.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recall_target: Option<f32>,
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
            target: self.recall_target(),
        }
    }

    /// The predicted recall aimed at on the stage day: the learner's, kept within
    /// [`RECALL_TARGET_RANGE`], else [`DEFAULT_RECALL_TARGET`].
    pub fn recall_target(&self) -> f32 {
        self.recall_target
            .filter(|t| t.is_finite())
            .map_or(DEFAULT_RECALL_TARGET, |t| {
                t.clamp(RECALL_TARGET_RANGE.0, RECALL_TARGET_RANGE.1)
            })
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
            remarks: Vec::new(),
            memory: None,
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

    /// The learner's own FSRS parameters, once fitted.
    pub fn memory_model(&self) -> Option<&MemoryModel> {
        self.memory.as_ref()
    }

    /// The memory model reviews are scheduled with: the learner's own, else the default.
    pub fn model(&self) -> Model {
        Model::of(self.memory.as_ref())
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
        let model = self.model();
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
            record.review = Some(schedule(
                record.review.as_ref(),
                rating,
                attempt.at,
                policy,
                &model,
                tz,
            ));
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
                out_of: u32::try_from(session.question_count()).unwrap_or(u32::MAX),
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

    /// The learner's typed answer to `question_id` at `at`, marked wrong, counts as right
    /// (« j'avais juste »): its review is planned again from the whole history. False when
    /// there is no such answer, or it was right already.
    pub fn accept_answer(&mut self, question_id: &str, at: Timestamp, tz: &TimeZone) -> bool {
        let at = to_millis(at);
        let model = self.model();
        let stage = self.settings.stage();
        let Some(record) = self.questions.get_mut(question_id) else {
            return false;
        };
        let Some(attempt) = record.attempts.iter_mut().find(|a| a.at == at) else {
            return false;
        };
        if attempt.verdict == Verdict::Correct {
            return false;
        }
        attempt.score = 1.0;
        attempt.verdict = Verdict::Correct;
        fit::replay(record, stage, &model, tz);
        true
    }

    /// Marks a lesson read at `at`; false when it was read already.
    pub fn mark_lesson_read(&mut self, module_id: &str, lesson_id: &str, at: Timestamp) -> bool {
        let module = self.modules.entry(module_id.to_owned()).or_default();
        if !module.lessons_read.insert(lesson_id.to_owned()) {
            return false;
        }
        module
            .lessons_read_at
            .insert(lesson_id.to_owned(), to_millis(at));
        true
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

    /// Sets the modules the stage covers (empty: every module). Returns false when they were
    /// these already.
    pub fn set_stage_modules(&mut self, modules: Vec<String>, now: Timestamp) -> bool {
        if self.settings.stage_modules == modules {
            return false;
        }
        self.settings.stage_modules = modules;
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
mod tests;
