//! Spaced repetition: when each question comes back.
//!
//! Scheduling is FSRS-6 (the `fsrs` crate) with its default parameters, fitted on millions of
//! reviews: a trainee answers a few hundred questions, far too few to fit 21 parameters of her
//! own. The progress file stores our own [`ReviewState`], never fsrs types, so that a change of
//! crate or of its defaults never makes a progress file unreadable.
//!
//! A stage date changes the plan for the modules it covers: the retention aimed at rises as
//! the date nears (see [`desired_retention`]), no review is pushed past the eve of the stage,
//! and every question never seen is spread over the days left (see [`due_questions`]).

use fsrs::{FSRS, MemoryState};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, Zoned};
use serde::{Deserialize, Serialize};

use super::content::Module;
use super::question::{Question, Verdict};

/// Retention aimed at without a stage date: the FSRS default.
pub const DEFAULT_RETENTION: f32 = 0.90;
/// Retention aimed at while the stage is [`FAR_DAYS`] days away or more.
pub const FAR_RETENTION: f32 = 0.85;
/// Retention aimed at in the last [`NEAR_DAYS`] days before the stage.
pub const NEAR_RETENTION: f32 = 0.95;
/// From this many days before the stage, the retention starts to rise.
pub const FAR_DAYS: i64 = 30;
/// From this many days before the stage, the retention is at its highest.
pub const NEAR_DAYS: i64 = 3;

/// A review coming back sooner than this is pointless: the answer is still on screen.
const MIN_INTERVAL_SECS: i64 = 10 * 60;
/// Caps a runaway interval (FSRS can reach centuries) to keep dates in range.
const MAX_INTERVAL_DAYS: f32 = 36_500.0;
const SECS_PER_DAY: i64 = 86_400;

/// The memory of one question, as FSRS models it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReviewState {
    /// Days after which the chance of recall falls to 90 %.
    pub stability: f32,
    /// Intrinsic difficulty, from 1 (easy) to 10 (hard).
    pub difficulty: f32,
    /// When the question should come back.
    pub due: Timestamp,
    pub last_review: Timestamp,
    /// Answers given so far.
    pub reps: u32,
    /// Times the question was failed after a first answer.
    pub lapses: u32,
}

/// How well an answer was recalled, in FSRS terms.
///
/// There is no « easy »: a graded answer tells whether the learner knew, not how easily.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    Again,
    Hard,
    Good,
}

impl Rating {
    /// Fully right is `Good`; at least half right is `Hard`; less is `Again`, since a
    /// question mostly missed has to come back soon.
    pub fn of(score: f64, verdict: Verdict) -> Rating {
        match verdict {
            Verdict::Correct => Rating::Good,
            Verdict::Partial if score >= 0.5 => Rating::Hard,
            Verdict::Partial | Verdict::Incorrect => Rating::Again,
        }
    }
}

/// Whole days from `today` to the stage date, or `None` without a date or once it is past
/// (the « J-5 » countdown; 0 on the day itself).
pub fn days_until_stage(stage_date: Option<Date>, today: Date) -> Option<i64> {
    let days = stage_date?.duration_since(today).as_hours() / 24;
    (days >= 0).then_some(days)
}

/// The retention aimed at, given the days left before the stage.
///
/// Without a stage: 0.90. With one, reviews are spaced wider while it is far (less work, same
/// learning) and tighter as it nears (recall matters on the day):
///
/// | days left      | retention                      |
/// |----------------|--------------------------------|
/// | 30 or more     | 0.85                           |
/// | 3 to 30        | linear, from 0.95 at 3 to 0.85 at 30 |
/// | 0 to 3         | 0.95                           |
pub fn desired_retention(days_until_stage: Option<i64>) -> f32 {
    match days_until_stage {
        None => DEFAULT_RETENTION,
        Some(d) if d >= FAR_DAYS => FAR_RETENTION,
        Some(d) if d <= NEAR_DAYS => NEAR_RETENTION,
        Some(d) => {
            let far = (d - NEAR_DAYS) as f32 / (FAR_DAYS - NEAR_DAYS) as f32;
            NEAR_RETENTION - (NEAR_RETENTION - FAR_RETENTION) * far
        }
    }
}

/// The stage a learner prepares for, as her settings tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stage<'a> {
    /// First day of the stage, if set.
    pub date: Option<Date>,
    /// Ids of the modules the stage covers; empty means every module.
    pub modules: &'a [String],
}

impl Stage<'_> {
    /// True when the stage (if any) covers `module_id`.
    pub fn covers(&self, module_id: &str) -> bool {
        self.modules.is_empty() || self.modules.iter().any(|m| m == module_id)
    }
}

/// What the review queue needs to know of a question answered at least once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Answered {
    /// When it was first answered.
    pub first_at: Timestamp,
    /// When it comes back, once scheduled.
    pub review: Option<ReviewState>,
}

/// A learner's history as the review queue reads it: the learner's progress implements it.
pub trait History {
    /// The stage the learner prepares for.
    fn stage(&self) -> Stage<'_>;
    /// The question `id` if it was ever answered, `None` otherwise.
    fn answered(&self, id: &str) -> Option<Answered>;
}

/// How one review is scheduled: the retention aimed at and the latest due date allowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    pub retention: f32,
    /// No review is put later than this (the eve of the stage).
    pub due_by: Option<Timestamp>,
}

impl Policy {
    /// The policy for a question of `module_id` answered at `at`.
    pub fn for_module(stage: Stage<'_>, module_id: &str, at: Timestamp, tz: &TimeZone) -> Self {
        let today = tz.to_datetime(at).date();
        let days = days_until_stage(stage.date, today).filter(|_| stage.covers(module_id));
        let due_by = days
            .and(stage.date)
            .and_then(|d| d.yesterday().ok())
            .and_then(|eve| eve.to_zoned(tz.clone()).ok())
            .map(|z| z.timestamp())
            .filter(|eve| *eve > at);
        Policy {
            retention: desired_retention(days),
            due_by,
        }
    }
}

/// The state after answering at `at` with `rating`, from `previous` (none for a first answer).
///
/// Never fails: a stored state that FSRS rejects (a hand-edited file) restarts the question
/// as new, keeping its counts.
pub fn schedule(
    previous: Option<&ReviewState>,
    rating: Rating,
    at: Timestamp,
    policy: Policy,
) -> ReviewState {
    let fsrs = FSRS::default();
    let elapsed_days = previous.map_or(0, |p| {
        let days = at.duration_since(p.last_review).as_secs() / SECS_PER_DAY;
        u32::try_from(days.max(0)).unwrap_or(u32::MAX)
    });
    let memory = previous
        .map(|p| MemoryState {
            stability: p.stability,
            difficulty: p.difficulty,
        })
        .filter(|m| m.stability.is_finite() && m.stability > 0.0 && m.difficulty.is_finite());
    let states = memory
        .and_then(|m| {
            fsrs.next_states(Some(m), policy.retention, elapsed_days)
                .ok()
        })
        .or_else(|| fsrs.next_states(None, policy.retention, 0).ok());
    let next = states.map(|s| match rating {
        Rating::Again => s.again,
        Rating::Hard => s.hard,
        Rating::Good => s.good,
    });
    // A non-finite value would be written as `null` and make the whole file unreadable; it
    // cannot come from the default parameters, and a day is a safe guess if it ever does.
    let (stability, difficulty, interval) = next
        .map(|n| (n.memory.stability, n.memory.difficulty, n.interval))
        .filter(|(s, d, _)| s.is_finite() && d.is_finite())
        .unwrap_or((1.0, 5.0, 1.0));
    let mut due = at
        .checked_add(SignedDuration::from_secs(interval_secs(interval)))
        .unwrap_or(Timestamp::MAX);
    if let Some(by) = policy.due_by {
        due = due.min(by);
    }
    let (reps, lapses) = previous.map_or((0, 0), |p| (p.reps, p.lapses));
    ReviewState {
        stability,
        difficulty,
        due,
        last_review: at,
        reps: reps.saturating_add(1),
        lapses: lapses.saturating_add(u32::from(previous.is_some() && rating == Rating::Again)),
    }
}

/// An interval of `days` in seconds: whole days from one day on, so that a question comes
/// back at the time of day it was answered; at least ten minutes below.
// Rust has no checked float-to-integer conversion; `days` is clamped to 0..=36,500 first, so
// the whole days and seconds below are never negative and far within an i64.
#[allow(clippy::cast_possible_truncation)]
fn interval_secs(days: f32) -> i64 {
    let days = if days.is_finite() {
        days.clamp(0.0, MAX_INTERVAL_DAYS)
    } else {
        1.0
    };
    if days >= 1.0 {
        days.round() as i64 * SECS_PER_DAY
    } else {
        ((days * SECS_PER_DAY as f32) as i64).max(MIN_INTERVAL_SECS)
    }
}

/// A question to review now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DueQuestion<'a> {
    pub module: &'a Module,
    pub question: &'a Question,
    /// When it fell due: the earlier, the more overdue.
    pub due: Timestamp,
    /// True for a question never answered, put in by the stage plan.
    pub new: bool,
}

/// The questions to review at `now`, most overdue first, across modules.
///
/// Only questions of `modules` count: one that left the content keeps its history in the
/// progress but is never asked. With a stage date ahead, the questions of the stage modules
/// never answered are added too, a share each day, so that all are seen before the stage: the
/// day's share is the unseen count at the start of the day divided by the days left, less those
/// already met today. They count as due from the start of the day, after older reviews.
pub fn due_questions<'a>(
    history: &impl History,
    modules: &'a [Module],
    now: &Zoned,
) -> Vec<DueQuestion<'a>> {
    let stage = history.stage();
    let now_ts = now.timestamp();
    let today = now.date();
    let tz = now.time_zone();
    let days_left = days_until_stage(stage.date, today);
    let mut due: Vec<DueQuestion<'a>> = Vec::new();
    let mut unseen: Vec<DueQuestion<'a>> = Vec::new();
    let mut first_seen_today = 0_usize;
    let start_of_today = today.to_zoned(tz.clone()).map_or(now_ts, |z| z.timestamp());
    for module in modules {
        let in_stage = days_left.is_some() && stage.covers(&module.id);
        for question in module.all_questions() {
            match history.answered(question.id()) {
                Some(record) => {
                    if let Some(review) = record.review.filter(|r| r.due <= now_ts) {
                        due.push(DueQuestion {
                            module,
                            question,
                            due: review.due,
                            new: false,
                        });
                    }
                    if in_stage && tz.to_datetime(record.first_at).date() == today {
                        first_seen_today += 1;
                    }
                }
                None if in_stage => unseen.push(DueQuestion {
                    module,
                    question,
                    due: start_of_today,
                    new: true,
                }),
                None => {}
            }
        }
    }
    if let Some(days) = days_left {
        let at_start = unseen.len() + first_seen_today;
        let share = at_start.div_ceil(usize::try_from(days.max(1)).unwrap_or(usize::MAX));
        unseen.truncate(share.saturating_sub(first_seen_today));
        due.extend(unseen);
    }
    // A stable sort keeps content order among questions due at the same moment.
    due.sort_by_key(|d| (d.due, d.new));
    due
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn utc() -> TimeZone {
        TimeZone::UTC
    }

    fn at(date: Date, hour: i8) -> Timestamp {
        date.at(hour, 0, 0, 0)
            .to_zoned(utc())
            .expect("valid date")
            .timestamp()
    }

    fn no_stage() -> Policy {
        Policy {
            retention: DEFAULT_RETENTION,
            due_by: None,
        }
    }

    #[test]
    fn ratings_follow_the_grade() {
        assert_eq!(Rating::of(1.0, Verdict::Correct), Rating::Good);
        assert_eq!(Rating::of(0.5, Verdict::Partial), Rating::Hard);
        assert_eq!(Rating::of(0.25, Verdict::Partial), Rating::Again);
        assert_eq!(Rating::of(0.0, Verdict::Incorrect), Rating::Again);
    }

    #[test]
    fn a_right_answer_comes_back_later_than_a_wrong_one() {
        let t0 = at(date(2026, 3, 2), 10);
        let good = schedule(None, Rating::Good, t0, no_stage());
        let again = schedule(None, Rating::Again, t0, no_stage());
        assert_eq!(good.last_review, t0);
        assert_eq!(good.reps, 1);
        assert_eq!(good.lapses, 0);
        // FSRS-6 defaults: a first good answer is stable for about 2.3 days.
        assert_eq!(good.due, at(date(2026, 3, 4), 10));
        assert!(again.due < at(date(2026, 3, 3), 10));
        assert!(again.due >= t0 + SignedDuration::from_secs(MIN_INTERVAL_SECS));
        // Right again two days later: stability grows several fold.
        let t1 = good.due;
        let second = schedule(Some(&good), Rating::Good, t1, no_stage());
        assert!(second.stability > 3.0 * good.stability);
        assert_eq!(second.reps, 2);
        // Then wrong: a lapse, and back soon.
        let t2 = second.due;
        let lapse = schedule(Some(&second), Rating::Again, t2, no_stage());
        assert_eq!(lapse.lapses, 1);
        assert!(lapse.stability < second.stability);
        assert!(lapse.due < t2 + SignedDuration::from_hours(24 * 3));
    }

    #[test]
    fn a_state_fsrs_rejects_restarts_as_new() {
        let t0 = at(date(2026, 3, 2), 10);
        let broken = ReviewState {
            stability: -3.0,
            difficulty: f32::NAN,
            due: t0,
            last_review: t0,
            reps: 4,
            lapses: 1,
        };
        let next = schedule(Some(&broken), Rating::Good, t0, no_stage());
        assert!(next.stability > 0.0 && next.stability.is_finite());
        assert_eq!(next.reps, 5);
        assert!(next.due > t0);
    }

    #[test]
    fn retention_rises_as_the_stage_nears() {
        assert_eq!(desired_retention(None), 0.90);
        assert_eq!(desired_retention(Some(90)), 0.85);
        assert_eq!(desired_retention(Some(30)), 0.85);
        assert!((desired_retention(Some(16)) - 0.9019).abs() < 1e-3);
        assert_eq!(desired_retention(Some(3)), 0.95);
        assert_eq!(desired_retention(Some(0)), 0.95);
        let mut last = 0.0;
        for d in (0..60).rev() {
            let r = desired_retention(Some(d));
            assert!(r >= last, "retention never falls as the day nears");
            last = r;
        }
    }

    #[test]
    fn countdown_to_the_stage() {
        let stage = Some(date(2026, 3, 9));
        assert_eq!(days_until_stage(stage, date(2026, 3, 4)), Some(5));
        assert_eq!(days_until_stage(stage, date(2026, 3, 9)), Some(0));
        assert_eq!(days_until_stage(stage, date(2026, 3, 10)), None);
        assert_eq!(days_until_stage(None, date(2026, 3, 4)), None);
    }

    #[test]
    fn no_review_is_put_past_the_eve_of_the_stage() {
        let modules = ["m".to_owned()];
        let stage = Stage {
            date: Some(date(2026, 3, 12)),
            modules: &modules,
        };
        let t0 = at(date(2026, 3, 2), 10);
        let policy = Policy::for_module(stage, "m", t0, &utc());
        assert_eq!(policy.due_by, Some(at(date(2026, 3, 11), 0)));
        assert!((policy.retention - desired_retention(Some(10))).abs() < 1e-6);
        // A long interval is cut to the eve.
        let strong = ReviewState {
            stability: 60.0,
            difficulty: 3.0,
            due: t0,
            last_review: at(date(2026, 1, 1), 10),
            reps: 5,
            lapses: 0,
        };
        let next = schedule(Some(&strong), Rating::Good, t0, policy);
        assert_eq!(next.due, at(date(2026, 3, 11), 0));
        // A module outside the stage keeps the ordinary plan.
        let other = Policy::for_module(stage, "autre", t0, &utc());
        assert_eq!(other, no_stage());
        // On the eve itself nothing is cut.
        let eve = Policy::for_module(stage, "m", at(date(2026, 3, 11), 9), &utc());
        assert_eq!(eve.due_by, None);
    }

    #[test]
    fn the_countdown_counts_calendar_days() {
        // Across 29 February, the new year and the night the clocks go forward in Paris.
        assert_eq!(
            days_until_stage(Some(date(2028, 3, 1)), date(2028, 2, 28)),
            Some(2)
        );
        assert_eq!(
            days_until_stage(Some(date(2027, 1, 4)), date(2026, 12, 31)),
            Some(4)
        );
        assert_eq!(
            days_until_stage(Some(date(2027, 3, 29)), date(2027, 3, 28)),
            Some(1)
        );
        assert_eq!(
            days_until_stage(Some(date(2027, 3, 29)), date(2027, 3, 29)),
            Some(0)
        );
        assert_eq!(
            days_until_stage(Some(date(2027, 3, 29)), date(2027, 3, 30)),
            None
        );
    }

    #[test]
    fn the_eve_of_the_stage_is_local_midnight_even_the_night_the_clocks_change() {
        let paris = TimeZone::get("Europe/Paris").expect("time zone database");
        let modules = ["m".to_owned()];
        let stage = Stage {
            date: Some(date(2027, 3, 29)),
            modules: &modules,
        };
        let instant = |s: &str| s.parse::<Timestamp>().expect("valid instant");
        // Saturday 27 March, 23:00 in Paris: reviews are due by Sunday 00:00 local (UTC+1).
        let before = Policy::for_module(stage, "m", instant("2027-03-27T22:00:00Z"), &paris);
        assert_eq!(before.due_by, Some(instant("2027-03-27T23:00:00Z")));
        // Sunday 28 March at 03:30 (UTC+2): already the eve, nothing is cut.
        let on_eve = Policy::for_module(stage, "m", instant("2027-03-28T01:30:00Z"), &paris);
        assert_eq!(on_eve.due_by, None);
        assert!((on_eve.retention - desired_retention(Some(1))).abs() < 1e-6);
    }
}
