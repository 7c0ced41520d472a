//! Merging an imported progress into this one, losing nothing on either side.

use std::collections::btree_map::Entry;

use serde::Serialize;

use super::Progress;

/// What an import brought.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MergeSummary {
    /// Answers that were not here yet.
    pub answers_added: usize,
    /// Answers already here (same question, same moment), kept once.
    pub answers_known: usize,
    /// Questions whose review state came from the import (its review was more recent).
    pub reviews_taken: usize,
    pub lessons_added: usize,
    /// Module best or last scores that came from the import.
    pub scores_taken: usize,
    pub settings_taken: bool,
    /// Sessions to resume that came from the import (new activities, or worked on later there).
    pub sessions_taken: usize,
    /// Remarks on questions that were not here yet.
    pub remarks_added: usize,
    /// The memory model fitted there, on more answers than the one here.
    pub model_taken: bool,
}

impl MergeSummary {
    /// True when the import brought anything new.
    pub fn changed(&self) -> bool {
        self.answers_added > 0
            || self.reviews_taken > 0
            || self.lessons_added > 0
            || self.scores_taken > 0
            || self.settings_taken
            || self.sessions_taken > 0
            || self.remarks_added > 0
            || self.model_taken
    }
}

impl Progress {
    /// Adds `other` (an import from another machine) without losing anything on either side:
    /// the union of answers (the same question at the same moment is one answer), the best of
    /// the best scores, the latest of the last ones, each review state from the more recent
    /// review, every lesson read, every remark, the newer settings, the memory model fitted on
    /// more answers. One session per activity can be kept to resume: the one worked on last (the
    /// other's answers are in the history already).
    pub fn merge(&mut self, other: Progress) -> MergeSummary {
        let mut summary = MergeSummary::default();
        for (id, theirs) in other.questions {
            match self.questions.entry(id) {
                Entry::Vacant(slot) => {
                    summary.answers_added += theirs.attempts.len();
                    summary.reviews_taken += usize::from(theirs.review.is_some());
                    slot.insert(theirs);
                }
                Entry::Occupied(mut slot) => {
                    let ours = slot.get_mut();
                    let before = ours.attempts.len();
                    let offered = theirs.attempts.len();
                    ours.attempts.extend(theirs.attempts);
                    // Stable: on a tie ours comes first and is the one kept.
                    ours.attempts.sort_by_key(|a| a.at);
                    ours.attempts.dedup_by_key(|a| a.at);
                    let added = ours.attempts.len() - before;
                    summary.answers_added += added;
                    summary.answers_known += offered - added;
                    let newer = match (&ours.review, &theirs.review) {
                        (_, None) => false,
                        (None, Some(_)) => true,
                        (Some(o), Some(t)) => t.last_review > o.last_review,
                    };
                    if newer {
                        ours.review = theirs.review;
                        ours.module_id = theirs.module_id;
                        summary.reviews_taken += 1;
                    }
                }
            }
        }
        for (id, theirs) in other.modules {
            let ours = self.modules.entry(id).or_default();
            if let Some(best) = theirs.best
                && ours.best.is_none_or(|b| best.ratio() > b.ratio())
            {
                ours.best = Some(best);
                summary.scores_taken += 1;
            }
            if let Some(last) = theirs.last
                && ours.last.is_none_or(|l| last.at > l.at)
            {
                ours.last = Some(last);
                summary.scores_taken += 1;
            }
            for lesson in theirs.lessons_read {
                summary.lessons_added += usize::from(ours.lessons_read.insert(lesson));
            }
            for (lesson, at) in theirs.lessons_read_at {
                let when = ours.lessons_read_at.entry(lesson).or_insert(at);
                *when = (*when).min(at);
            }
        }
        if other.settings.changed_at > self.settings.changed_at {
            self.settings = other.settings;
            summary.settings_taken = true;
        }
        if let Some(theirs) = other.memory
            && self
                .memory
                .as_ref()
                .is_none_or(|ours| theirs.reviews > ours.reviews)
        {
            self.memory = Some(theirs);
            summary.model_taken = true;
        }
        for (activity, theirs) in other.sessions.into_kept() {
            if self
                .sessions
                .last_activity(&activity)
                .is_none_or(|ours| theirs.last_activity() > ours)
            {
                self.sessions.insert_kept(activity, theirs);
                summary.sessions_taken += 1;
            }
        }
        summary.remarks_added = self.merge_remarks(other.remarks);
        summary
    }
}

#[cfg(test)]
mod tests {
    use super::super::SessionScore;
    use super::super::tests::{module_session, t};
    use super::*;
    use crate::domain::testing::answer;
    use jiff::Timestamp;
    use jiff::civil::date;
    use jiff::tz::TimeZone;

    #[test]
    fn merge_loses_nothing_on_either_side() {
        let tz = TimeZone::UTC;
        let mut here = Progress::new();
        let mut there = Progress::new();
        // Shared history: both machines have the answer at t(1) (an earlier import).
        here.record_answer("m", &answer("q1", true, t(1)), &tz);
        there.record_answer("m", &answer("q1", true, t(1)), &tz);
        // Here: q1 again later; there: q1 at another time and a new question.
        here.record_answer("m", &answer("q1", false, t(100)), &tz);
        there.record_answer("m", &answer("q1", true, t(50)), &tz);
        there.record_answer("n", &answer("q2", true, t(60)), &tz);
        here.mark_lesson_read("m", "l1", t(2));
        there.mark_lesson_read("m", "l2", t(3));
        there.mark_lesson_read("m", "l1", t(1));
        // Scores: here has the best, there the latest.
        here.modules.entry("m".into()).or_default().best = Some(SessionScore {
            score: 9.0,
            out_of: 10,
            at: t(5),
        });
        here.modules.entry("m".into()).or_default().last = Some(SessionScore {
            score: 4.0,
            out_of: 10,
            at: t(6),
        });
        there.modules.entry("m".into()).or_default().best = Some(SessionScore {
            score: 6.0,
            out_of: 10,
            at: t(7),
        });
        there.modules.entry("m".into()).or_default().last = Some(SessionScore {
            score: 6.0,
            out_of: 10,
            at: t(7),
        });
        there.set_stage_date(Some(date(2026, 6, 1)), t(9));
        let here_review = here.question("q1").and_then(|q| q.review);
        // Each side has a quiz of module n in progress, worked on later there; only here
        // has one of module m.
        let here_n = module_session("n", &["q3", "q2"], t(60));
        here.keep_session(&here_n);
        let here_m = module_session("m", &["q1"], t(65));
        here.keep_session(&here_m);
        let there_n = module_session("n", &["q2", "q3"], t(70));
        there.keep_session(&there_n);

        let summary = here.merge(there.clone());
        assert_eq!(summary.answers_added, 2);
        assert_eq!(summary.answers_known, 1);
        assert_eq!(summary.lessons_added, 1);
        assert!(summary.settings_taken);
        assert_eq!(summary.sessions_taken, 1);
        let q1: Vec<Timestamp> = here
            .question("q1")
            .expect("q1")
            .attempts
            .iter()
            .map(|a| a.at)
            .collect();
        assert_eq!(q1, vec![t(1), t(50), t(100)]);
        assert_eq!(here.question("q2").expect("q2").module_id, "n");
        // Our review of q1 (at t(100)) is more recent than theirs (t(50)).
        assert_eq!(here.question("q1").and_then(|q| q.review), here_review);
        let m = here.module("m").expect("m");
        assert_eq!(m.best.map(|b| b.score), Some(9.0));
        assert_eq!(m.last.map(|l| l.at), Some(t(7)));
        assert_eq!(m.lessons_read.len(), 2);
        // l1 was read first there: the earlier time stays.
        assert_eq!(m.lessons_read_at.get("l1"), Some(&t(1)));
        assert_eq!(m.lessons_read_at.get("l2"), Some(&t(3)));
        assert_eq!(here.settings().stage_date, Some(date(2026, 6, 1)));
        assert_eq!(here.sessions(), vec![&there_n, &here_m]);
        assert_eq!(here.answer_count(), 4);

        // Importing the same file again changes nothing.
        let again = here.merge(there);
        assert!(!again.changed(), "{again:?}");
        assert_eq!(again.answers_known, 3);
    }

    #[test]
    fn merge_takes_the_more_recent_review() {
        let tz = TimeZone::UTC;
        let mut here = Progress::new();
        let mut there = Progress::new();
        here.record_answer("m", &answer("q", true, t(1)), &tz);
        there.record_answer("m", &answer("q", false, t(2)), &tz);
        let theirs = there.question("q").and_then(|q| q.review);
        let summary = here.merge(there);
        assert_eq!(summary.reviews_taken, 1);
        assert_eq!(here.question("q").and_then(|q| q.review), theirs);
        assert_eq!(here.question("q").map(|q| q.attempts.len()), Some(2));
    }
}
