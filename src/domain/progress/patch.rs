//! A change to a progress written down on its own, so that the store can append it to a
//! journal instead of writing the whole progress again (`store::journal`).
//!
//! A [`Patch`] holds the parts of the progress a change touched, as they are after it: the
//! question answered (with that one answer), the session kept for an activity, a module's
//! entry, the settings. Each part is the serde form of the progress's own types, so fields
//! added to them later travel with the patch without this module knowing them. Applying the
//! patches in the order they were made, on the progress they were made from, gives back the
//! progress they were made in; applying one again changes nothing.
//!
//! An answer in a session is journaled as a [`Step`]: the answer and its position, not the
//! session again. The session itself is written once, when it starts, in the form the progress
//! file gives it: a module's quiz or a case by its seed, the other kinds with their question
//! ids (see `sessions`).

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::sessions::Kept;
use super::{ModuleProgress, Progress, QuestionProgress, Settings, to_millis};
use crate::domain::session::{AnswerRecord, QuizSession, SessionKind};

/// What changed in a progress, as the study layer says it after changing it.
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    /// The last answer of this session was recorded (`record_answer`) and the session kept
    /// (`keep_session`).
    Answered(&'a QuizSession),
    /// The session kept for the activity of this kind changed: started, or given up.
    Session(&'a SessionKind),
    /// This session was finished (`finish_session`).
    Finished(&'a QuizSession),
    /// The entry of this module changed (a lesson read).
    Module(&'a str),
    /// The settings changed.
    Settings,
}

/// The parts of a progress one change touched, as they are after it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Patch {
    /// Questions answered, each with the new answer only (the others are already known).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    questions: BTreeMap<String, QuestionProgress>,
    /// The answer given in a session already kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step: Option<Step>,
    /// Sessions kept by activity, as the progress file writes them (a module's quiz by its
    /// seed, see `sessions`), or `null` when there is none any more.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    sessions: BTreeMap<String, Option<Kept>>,
    /// Module entries: the whole entry, or `null` when there is none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    modules: BTreeMap<String, Option<ModuleProgress>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    settings: Option<Settings>,
}

/// One more answer in the session kept for `activity`, the one started at `started_at` with
/// `seed`, at `position` (from 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    activity: String,
    started_at: Timestamp,
    seed: u64,
    position: usize,
    answer: AnswerRecord,
}

impl Patch {
    /// True when the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        self == &Patch::default()
    }
}

/// True when `a` and `b` are the same session (its answers aside): one activity, started at
/// the same moment with the same seed.
fn same_session(a: &QuizSession, b: &QuizSession) -> bool {
    a.started_at == b.started_at && a.seed == b.seed && a.kind.activity() == b.kind.activity()
}

impl Progress {
    /// The patch that `change`, just made to this progress, amounts to.
    pub fn patch(&self, change: Change<'_>) -> Patch {
        let mut patch = Patch::default();
        match change {
            Change::Answered(session) => {
                let Some(answer) = session.answers.last() else {
                    return patch;
                };
                if let Some(entry) = self.answered(&answer.question_id, answer.answered_at) {
                    patch.questions.insert(answer.question_id.clone(), entry);
                }
                let activity = session.kind.activity();
                match self.sessions.get(&activity) {
                    Some(kept)
                        if same_session(kept, session)
                            && kept.answers.len() == session.answers.len() =>
                    {
                        patch.step = Some(Step {
                            activity,
                            started_at: session.started_at,
                            seed: session.seed,
                            position: session.answers.len() - 1,
                            answer: answer.clone(),
                        });
                    }
                    _ => {
                        let kept = self.sessions.kept(&activity);
                        patch.sessions.insert(activity, kept);
                    }
                }
            }
            Change::Session(kind) => {
                let activity = kind.activity();
                let kept = self.sessions.kept(&activity);
                patch.sessions.insert(activity, kept);
            }
            Change::Finished(session) => {
                let activity = session.kind.activity();
                let kept = self.sessions.kept(&activity);
                patch.sessions.insert(activity, kept);
                if let Some(module_id) = module_of(&session.kind) {
                    let entry = self.modules.get(module_id).cloned();
                    patch.modules.insert(module_id.to_owned(), entry);
                }
            }
            Change::Module(module_id) => {
                let entry = self.modules.get(module_id).cloned();
                patch.modules.insert(module_id.to_owned(), entry);
            }
            Change::Settings => patch.settings = Some(self.settings.clone()),
        }
        patch
    }

    /// The entry of question `id` with only its answer given at `at`.
    fn answered(&self, id: &str, at: Timestamp) -> Option<QuestionProgress> {
        let at = to_millis(at);
        let record = self.questions.get(id)?;
        let place = record.attempts.partition_point(|a| a.at < at);
        let attempt = *record.attempts.get(place).filter(|a| a.at == at)?;
        Some(QuestionProgress {
            module_id: record.module_id.clone(),
            attempts: vec![attempt],
            review: record.review,
            extra: record.extra.clone(),
        })
    }

    /// Applies `patch`, made by [`Progress::patch`] on this progress as it was then.
    ///
    /// A question's answers are added to those known; when none is new the patch was applied
    /// already and the question's other fields are left as they are (they may be newer). A
    /// step applies to the session it names only when that session stands at its position.
    pub fn apply(&mut self, patch: Patch) {
        for (id, entry) in patch.questions {
            let Some(record) = self.questions.get_mut(&id) else {
                self.questions.insert(id, entry);
                continue;
            };
            let mut attempts = std::mem::take(&mut record.attempts);
            let mut added = false;
            for attempt in entry.attempts.iter().copied() {
                let place = attempts.partition_point(|a| a.at < attempt.at);
                if attempts.get(place).is_none_or(|a| a.at != attempt.at) {
                    attempts.insert(place, attempt);
                    added = true;
                }
            }
            if added {
                *record = QuestionProgress { attempts, ..entry };
            } else {
                record.attempts = attempts;
            }
        }
        for (activity, session) in patch.sessions {
            match session {
                Some(kept) => self.sessions.insert_kept(activity, kept),
                None => {
                    self.sessions.remove(&activity);
                }
            }
        }
        if let Some(step) = patch.step {
            self.sessions.push_answer(
                &step.activity,
                (step.started_at, step.seed, step.position),
                step.answer,
            );
        }
        for (module_id, entry) in patch.modules {
            match entry {
                Some(entry) => self.modules.insert(module_id, entry),
                None => self.modules.remove(&module_id),
            };
        }
        if let Some(settings) = patch.settings {
            self.settings = settings;
        }
    }
}

/// The module whose entry finishing a session of `kind` changes: a module quiz's score, as
/// [`Progress::finish_session`] keeps it.
fn module_of(kind: &SessionKind) -> Option<&str> {
    match kind {
        SessionKind::Module { module_id } => Some(module_id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{module_session, t};
    use super::*;
    use crate::domain::question::Response;
    use crate::domain::testing::tf;
    use jiff::tz::TimeZone;

    /// Plays `session` on `live` as the study layer does, answering each question right,
    /// and returns the patches made on the way.
    fn play(live: &mut Progress, session: &mut QuizSession, from: i64) -> Vec<Patch> {
        let mut patches = Vec::new();
        live.keep_session(session);
        patches.push(live.patch(Change::Session(&session.kind)));
        let ids = session.question_ids.clone();
        for (i, id) in ids.iter().enumerate() {
            let at = t(from + 10 * i64::try_from(i).expect("small"));
            session.answer(&tf(id, true), Response::Bool(true), at, 900);
            let record = session.answers.last().expect("answered").clone();
            live.record_answer("m", &record, &TimeZone::UTC);
            live.keep_session(session);
            patches.push(live.patch(Change::Answered(session)));
        }
        patches
    }

    #[test]
    fn patches_replayed_in_order_give_back_the_progress_and_twice_change_nothing() {
        let mut live = Progress::new();
        live.record_answer(
            "m",
            &crate::domain::testing::answer("a", false, t(1)),
            &TimeZone::UTC,
        );
        let base = live.clone();
        let mut patches = Vec::new();
        let mut first = module_session("m", &["a", "b", "c"], t(100));
        patches.extend(play(&mut live, &mut first, 100));
        live.finish_session(&first, t(200));
        patches.push(live.patch(Change::Finished(&first)));
        live.mark_lesson_read("m", "l1", jiff::Timestamp::UNIX_EPOCH);
        patches.push(live.patch(Change::Module("m")));
        live.set_stage_date(Some(jiff::civil::date(2026, 12, 14)), t(210));
        patches.push(live.patch(Change::Settings));
        // A second quiz left half done.
        let mut second = module_session("m", &["b", "a"], t(300));
        second.question_ids.truncate(1);
        patches.extend(play(&mut live, &mut second, 300));
        let given_up = module_session("m", &["c"], t(400));
        live.keep_session(&given_up);
        patches.push(live.patch(Change::Session(&given_up.kind)));
        live.drop_session(&given_up.kind);
        patches.push(live.patch(Change::Session(&given_up.kind)));

        let mut replayed = base.clone();
        for patch in &patches {
            // Each patch goes through its written form, as the journal keeps it.
            let json = serde_json::to_string(patch).expect("serializes");
            replayed.apply(serde_json::from_str(&json).expect("reads back"));
        }
        assert_eq!(replayed, live);
        // Everything applied again, as after a crash between a snapshot and its journal's
        // reset: nothing changes.
        for patch in patches {
            replayed.apply(patch);
        }
        assert_eq!(replayed, live);
    }

    #[test]
    fn a_question_missed_in_a_review_comes_back_when_its_step_is_replayed() {
        let mut live = Progress::new();
        let review = QuizSession::new(
            SessionKind::Review,
            vec!["a".into(), "b".into(), "c".into()],
            3,
            t(0),
        );
        let mut session = review.clone();
        live.keep_session(&session);
        let before = live.clone();
        // « a » is true: « faux » misses it, and it comes back at the end.
        session.answer(&tf("a", true), Response::Bool(false), t(10), 900);
        assert_eq!(session.question_ids, ["a", "b", "c", "a"]);
        let record = session.answers.last().expect("answered").clone();
        live.record_answer("m", &record, &TimeZone::UTC);
        live.keep_session(&session);
        let patch = live.patch(Change::Answered(&session));
        let mut replayed = before;
        replayed.apply(patch);
        assert_eq!(replayed.session(&SessionKind::Review), Some(&session));
    }

    #[test]
    fn an_answer_is_journaled_as_a_step_with_the_question_it_answered() {
        let mut live = Progress::new();
        let mut session = module_session("m", &["a", "b"], t(0));
        let patches = play(&mut live, &mut session, 10);
        let json = serde_json::to_string(&patches[2]).expect("serializes");
        // The second answer: the question with that one answer, and the step; never the
        // session's question ids again.
        assert!(json.contains(r#""questions":{"b":"#), "{json}");
        assert!(json.contains(r#""position":1"#), "{json}");
        assert!(!json.contains("question_ids"), "{json}");
        // The session's start carries it once, by its seed and the digest of its questions.
        let start = serde_json::to_string(&patches[0]).expect("serializes");
        assert!(start.contains(r#""seed":7"#), "{start}");
        assert!(start.contains(r#""drawn":{"count":2"#), "{start}");
        assert!(!start.contains("question_ids"), "{start}");
        assert!(Patch::default().is_empty() && !patches[2].is_empty());
    }

    #[test]
    fn a_step_for_another_session_or_position_is_left_out() {
        let mut live = Progress::new();
        let mut session = module_session("m", &["a", "b"], t(0));
        let patches = play(&mut live, &mut session, 10);
        // Another quiz of the same module took the activity: the old steps do not touch it.
        let mut other = Progress::new();
        let newer = module_session("m", &["b", "a"], t(50));
        other.keep_session(&newer);
        other.apply(patches[1].clone());
        assert_eq!(other.session(&newer.kind), Some(&newer));
        assert_eq!(other.answer_count(), 1, "the answer itself is kept");
    }
}
