//! Spaced repetition: when each question comes back.
//!
//! Scheduling is FSRS-6 (the `fsrs` crate), with its default parameters until enough of the
//! learner's own answers allow fitting hers (see [`Model`] and `Progress::fit_job`). The
//! progress file stores our own [`ReviewState`] and [`MemoryModel`], never fsrs types, so that
//! a change of crate or of its defaults never makes a progress file unreadable.
//!
//! Reviews are counted in days, as FSRS is: a question comes back at the start of a day of the
//! learner's calendar, never later the same day (a question missed comes back within the
//! session instead, see `QuizSession::answer`).
//!
//! A stage date changes the plan for the modules it covers (see [`Policy`]): the retention
//! aimed at rises as the date nears ([`desired_retention`]); a question whose predicted recall
//! on the stage day would fall under the learner's target is brought back early enough for a
//! last review to land before the stage ([`Deadline`]); and every question never seen is spread
//! over the days left (see [`due_questions`]).

mod model;

use fsrs::MemoryState;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan, Zoned};
use serde::{Deserialize, Serialize};

use super::content::Module;
use super::question::{Question, Verdict};

pub use model::{MEMORY_MODEL_VERSION, MemoryModel, Model, days_between};

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

/// The predicted recall aimed at on the stage day, unless the learner sets another.
pub const DEFAULT_RECALL_TARGET: f32 = 0.90;
/// The targets a learner may set: FSRS advises retentions from 70 % (below, too much is
/// forgotten to learn from) to 97 % (above, the reviews needed grow without bound).
pub const RECALL_TARGET_RANGE: (f32, f32) = (0.70, 0.97);
/// The last days before the stage are for consolidation: no question is met for the first
/// time then (the unseen ones are spread over the days before), and a question not yet safe
/// for the stage day comes back two days before it at the latest, so that a miss still leaves
/// a day or two to learn it again.
pub const LEAD_DAYS: i64 = 2;

/// Caps a runaway interval (FSRS can reach centuries) to keep dates in range.
const MAX_INTERVAL_DAYS: f32 = 36_500.0;

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
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stage<'a> {
    /// First day of the stage, if set.
    pub date: Option<Date>,
    /// Ids of the modules the stage covers; empty means every module.
    pub modules: &'a [String],
    /// The predicted recall aimed at on the stage day, within [`RECALL_TARGET_RANGE`].
    pub target: f32,
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

/// The start of `date` in `tz` (its first instant, when midnight is skipped by a change of
/// clocks).
pub fn start_of(date: Date, tz: &TimeZone) -> Option<Timestamp> {
    date.to_zoned(tz.clone()).ok().map(|z| z.timestamp())
}

/// The date `days` after `date`, saturating at the ends of the calendar.
fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(days.days())
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// How a review ahead of the stage is checked against the stage day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deadline {
    /// The start of the stage day, when the recall is judged.
    pub stage_at: Timestamp,
    /// The predicted recall aimed at then.
    pub target: f32,
    /// The latest a question not yet safe for the stage may come back: the start of the day
    /// [`LEAD_DAYS`] before the stage, or, within those last days, the start of the next day.
    pub last_call: Timestamp,
}

/// How one review is scheduled: the retention aimed at, and the stage it must prepare for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    pub retention: f32,
    /// For a question of a module the stage covers, while the stage is ahead.
    pub deadline: Option<Deadline>,
}

impl Policy {
    /// The policy for a question of `module_id` answered at `at`.
    pub fn for_module(stage: Stage<'_>, module_id: &str, at: Timestamp, tz: &TimeZone) -> Self {
        let today = tz.to_datetime(at).date();
        let days = days_until_stage(stage.date, today).filter(|_| stage.covers(module_id));
        let deadline = stage
            .date
            .filter(|_| days.is_some_and(|d| d > 0))
            .and_then(|date| {
                let stage_at = start_of(date, tz)?;
                let lead = start_of(add_days(date, -LEAD_DAYS), tz)?;
                let tomorrow = start_of(add_days(today, 1), tz)?;
                Some(Deadline {
                    stage_at,
                    target: stage.target,
                    last_call: lead.max(tomorrow).min(stage_at),
                })
            });
        Policy {
            retention: desired_retention(days),
            deadline,
        }
    }

    /// The plain FSRS policy: no stage.
    pub fn without_stage() -> Self {
        Policy {
            retention: DEFAULT_RETENTION,
            deadline: None,
        }
    }
}

/// Whole days of the calendar of `tz` from the day of `from` to the day of `to`: FSRS counts
/// in days, a review the next morning being one day later however few hours have passed.
fn calendar_days(from: Timestamp, to: Timestamp, tz: &TimeZone) -> u32 {
    let (from, to) = (tz.to_datetime(from).date(), tz.to_datetime(to).date());
    let days = to.duration_since(from).as_hours() / 24;
    u32::try_from(days.max(0)).unwrap_or(u32::MAX)
}

/// The state after answering at `at` with `rating`, from `previous` (none for a first answer),
/// under `model`, in the learner's time zone `tz`.
///
/// The question comes back at the start of a later day: FSRS's interval, rounded to whole
/// days, at least one. With a [`Deadline`], a question whose predicted recall at the start of
/// the stage day would fall under the target comes back by the deadline's `last_call` at the
/// latest; one that will still be recalled well enough keeps its FSRS interval, even past
/// the stage.
///
/// Never fails: a stored state that FSRS rejects (a hand-edited file) restarts the question
/// as new, keeping its counts.
pub fn schedule(
    previous: Option<&ReviewState>,
    rating: Rating,
    at: Timestamp,
    policy: Policy,
    model: &Model,
    tz: &TimeZone,
) -> ReviewState {
    let elapsed_days = previous.map_or(0, |p| calendar_days(p.last_review, at, tz));
    let memory = previous
        .map(|p| MemoryState {
            stability: p.stability,
            difficulty: p.difficulty,
        })
        .filter(|m| m.stability.is_finite() && m.stability > 0.0 && m.difficulty.is_finite());
    let states = memory
        .and_then(|m| model.next_states(Some(m), policy.retention, elapsed_days))
        .or_else(|| model.next_states(None, policy.retention, 0));
    let next = states.map(|s| match rating {
        Rating::Again => s.again,
        Rating::Hard => s.hard,
        Rating::Good => s.good,
    });
    // A non-finite value would be written as `null` and make the whole file unreadable; it
    // cannot come from valid parameters, and a day is a safe guess if it ever does.
    let (stability, difficulty, interval) = next
        .map(|n| (n.memory.stability, n.memory.difficulty, n.interval))
        .filter(|(s, d, _)| s.is_finite() && d.is_finite())
        .unwrap_or((1.0, 5.0, 1.0));
    let day = add_days(tz.to_datetime(at).date(), interval_days(interval));
    let mut due = start_of(day, tz).unwrap_or(Timestamp::MAX);
    if let Some(deadline) = policy.deadline
        && at < deadline.stage_at
        && model.recall(stability, days_between(at, deadline.stage_at)) < deadline.target
    {
        due = due.min(deadline.last_call);
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

/// An FSRS interval in whole days: rounded, at least one (a question missed comes back
/// within the session, not later the same day), at most a century.
// Rust has no checked float-to-integer conversion; `days` is clamped to 1..=36,500 first.
#[allow(clippy::cast_possible_truncation)]
fn interval_days(days: f32) -> i64 {
    if days.is_finite() {
        days.round().clamp(1.0, MAX_INTERVAL_DAYS) as i64
    } else {
        1
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

/// How many questions never seen are met on a day with `days_left` days before the stage,
/// `unseen` being those never seen at the start of that day: an even share of the days before
/// the last [`LEAD_DAYS`], and all of them within those.
pub fn new_today(unseen: usize, days_left: i64) -> usize {
    let days = (days_left - LEAD_DAYS).max(1);
    unseen.div_ceil(usize::try_from(days).unwrap_or(usize::MAX))
}

/// The questions to review at `now`, most overdue first, across modules.
///
/// Only questions of `modules` count: one that left the content keeps its history in the
/// progress but is never asked. With a stage date ahead, the questions of the stage modules
/// never answered are added too, a share each day ([`new_today`]) less those already met
/// today, so that all are seen before the last days. They count as due from the start of the
/// day, after the reviews.
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
    let start_of_today = start_of(today, tz).unwrap_or(now_ts);
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
        let share = new_today(unseen.len() + first_seen_today, days);
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

    fn plain(previous: Option<&ReviewState>, rating: Rating, when: Timestamp) -> ReviewState {
        schedule(
            previous,
            rating,
            when,
            Policy::without_stage(),
            &Model::default(),
            &utc(),
        )
    }

    fn state(stability: f32, last_review: Timestamp) -> ReviewState {
        ReviewState {
            stability,
            difficulty: 5.0,
            due: last_review,
            last_review,
            reps: 3,
            lapses: 0,
        }
    }

    fn stage_on(date: Date, modules: &[String]) -> Stage<'_> {
        Stage {
            date: Some(date),
            modules,
            target: DEFAULT_RECALL_TARGET,
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
        let good = plain(None, Rating::Good, t0);
        let again = plain(None, Rating::Again, t0);
        assert_eq!(good.last_review, t0);
        assert_eq!(good.reps, 1);
        assert_eq!(good.lapses, 0);
        // FSRS-6 defaults: a first good answer is stable for about 2.3 days: back at the start
        // of the day two days later.
        assert_eq!(good.due, at(date(2026, 3, 4), 0));
        // Missed: back the next day (within the session first, see QuizSession::answer).
        assert_eq!(again.due, at(date(2026, 3, 3), 0));
        // Right again two days later: stability grows several fold.
        let t1 = at(date(2026, 3, 4), 9);
        let second = plain(Some(&good), Rating::Good, t1);
        assert!(second.stability > 3.0 * good.stability);
        assert_eq!(second.reps, 2);
        // Then wrong: a lapse, and back soon.
        let t2 = second.due;
        let lapse = plain(Some(&second), Rating::Again, t2);
        assert_eq!(lapse.lapses, 1);
        assert!(lapse.stability < second.stability);
        assert!(lapse.due <= t2 + jiff::SignedDuration::from_hours(24 * 3));
    }

    #[test]
    fn days_are_counted_on_the_calendar() {
        // Answered at 20:00 then at 08:00: twelve hours, but the next day for FSRS; three hours
        // later, the same day, whose formula barely changes the stability.
        let evening = at(date(2026, 3, 2), 20);
        let first = plain(None, Rating::Good, evening);
        let morning = plain(Some(&first), Rating::Good, at(date(2026, 3, 3), 8));
        let same_day = plain(Some(&first), Rating::Good, at(date(2026, 3, 2), 23));
        assert!(morning.stability > 1.5 * same_day.stability);
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
        let next = plain(Some(&broken), Rating::Good, t0);
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
    fn new_questions_are_spread_before_the_last_days() {
        // 30 unseen, 12 days left: 10 days to meet them, 3 a day.
        assert_eq!(new_today(30, 12), 3);
        assert_eq!(new_today(31, 12), 4);
        // Within the last days, and on the day itself: all of them.
        assert_eq!(new_today(7, LEAD_DAYS), 7);
        assert_eq!(new_today(7, 0), 7);
        assert_eq!(new_today(0, 5), 0);
    }

    #[test]
    fn the_deadline_is_two_days_before_the_stage_then_the_next_day() {
        let modules = ["m".to_owned()];
        let stage = stage_on(date(2026, 3, 12), &modules);
        let deadline = |when: Timestamp| {
            Policy::for_module(stage, "m", when, &utc())
                .deadline
                .map(|d| (d.stage_at, d.last_call))
        };
        let stage_at = at(date(2026, 3, 12), 0);
        assert_eq!(
            deadline(at(date(2026, 3, 2), 10)),
            Some((stage_at, at(date(2026, 3, 10), 0)))
        );
        assert_eq!(
            deadline(at(date(2026, 3, 10), 10)),
            Some((stage_at, at(date(2026, 3, 11), 0)))
        );
        assert_eq!(
            deadline(at(date(2026, 3, 11), 22)),
            Some((stage_at, stage_at))
        );
        // On the stage day, after it, or for a module the stage does not cover: plain FSRS.
        assert_eq!(deadline(at(date(2026, 3, 12), 8)), None);
        assert_eq!(deadline(at(date(2026, 3, 13), 8)), None);
        let other = Policy::for_module(stage, "autre", at(date(2026, 3, 2), 10), &utc());
        assert_eq!(other, Policy::without_stage());
        let policy = Policy::for_module(stage, "m", at(date(2026, 3, 2), 10), &utc());
        assert!((policy.retention - desired_retention(Some(10))).abs() < 1e-6);
    }

    #[test]
    fn only_a_question_at_risk_on_the_stage_day_is_brought_forward() {
        let modules = ["m".to_owned()];
        let stage = stage_on(date(2026, 4, 21), &modules);
        let t0 = at(date(2026, 3, 2), 10);
        let policy = Policy::for_module(stage, "m", t0, &utc());
        let model = Model::default();
        let run = |previous: &ReviewState, policy: Policy| {
            schedule(Some(previous), Rating::Good, t0, policy, &model, &utc())
        };
        // Well known: recalled at better than 90 % in fifty days, its interval runs past the
        // stage.
        let strong = run(&state(60.0, at(date(2026, 1, 20), 10)), policy);
        let stage_at = at(date(2026, 4, 21), 0);
        assert!(model.recall(strong.stability, days_between(t0, stage_at)) >= 0.9);
        assert!(strong.due > stage_at, "{:?}", strong.due);
        // Known for a month: FSRS would bring it back after the stage (at 85 %, the retention
        // aimed at so far ahead, its interval is about twice its stability) but it would be
        // recalled at under 90 % by then, so it comes back two days before the stage.
        let fair = state(12.0, at(date(2026, 2, 18), 10));
        let unchecked = run(
            &fair,
            Policy {
                deadline: None,
                ..policy
            },
        );
        let checked = run(&fair, policy);
        assert!(unchecked.due > stage_at, "{:?}", unchecked.due);
        assert!(model.recall(checked.stability, days_between(t0, stage_at)) < 0.9);
        assert_eq!(checked.due, at(date(2026, 4, 19), 0));
        // A higher target cuts what 90 % lets pass.
        let demanding = Stage {
            target: 0.97,
            ..stage
        };
        let strict = run(
            &state(60.0, at(date(2026, 1, 20), 10)),
            Policy::for_module(demanding, "m", t0, &utc()),
        );
        assert_eq!(strict.due, at(date(2026, 4, 19), 0));
    }

    #[test]
    fn every_review_ahead_of_the_stage_is_safe_or_comes_back_before_it() {
        // The rule, over a grid of memories, ratings and moments: after any answer, either the
        // predicted recall at the start of the stage day reaches the target, or the question
        // is due again before the stage (at the latest the day after the answer once within
        // the last days).
        let modules: [String; 0] = [];
        let stage = stage_on(date(2026, 4, 1), &modules);
        let stage_at = at(date(2026, 4, 1), 0);
        let model = Model::default();
        for day in 0..31 {
            let when = at(date(2026, 3, 1), 10) + jiff::SignedDuration::from_hours(24 * day);
            let policy = Policy::for_module(stage, "m", when, &utc());
            for stability in [0.3, 1.0, 2.5, 6.0, 15.0, 40.0, 120.0] {
                for last in [1, 3, 10, 30] {
                    let previous = state(
                        stability,
                        when - jiff::SignedDuration::from_hours(24 * last),
                    );
                    for rating in [Rating::Again, Rating::Hard, Rating::Good] {
                        let next = schedule(Some(&previous), rating, when, policy, &model, &utc());
                        let safe = model.recall(next.stability, days_between(when, stage_at))
                            >= DEFAULT_RECALL_TARGET;
                        let deadline = policy.deadline.expect("stage ahead");
                        assert!(
                            safe || (next.due <= deadline.last_call && next.due > when),
                            "day {day}, S {stability}, {rating:?}: due {:?}",
                            next.due
                        );
                        if !safe && deadline.last_call < stage_at {
                            assert!(next.due < stage_at);
                        }
                    }
                }
            }
        }
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
    fn days_start_at_local_midnight_even_the_night_the_clocks_change() {
        let paris = TimeZone::get("Europe/Paris").expect("time zone database");
        let modules = ["m".to_owned()];
        let stage = stage_on(date(2027, 3, 30), &modules);
        let instant = |s: &str| s.parse::<Timestamp>().expect("valid instant");
        // Friday 26 March, 23:00 in Paris: the deadline is Sunday 28 March 00:00 local (UTC+1),
        // the stage Tuesday 30 March 00:00 local (UTC+2).
        let before = Policy::for_module(stage, "m", instant("2027-03-26T22:00:00Z"), &paris)
            .deadline
            .expect("stage ahead");
        assert_eq!(before.last_call, instant("2027-03-27T23:00:00Z"));
        assert_eq!(before.stage_at, instant("2027-03-29T22:00:00Z"));
        // Sunday 28 March at 03:30 (UTC+2): within the last days, the next day it is.
        let sunday = instant("2027-03-28T01:30:00Z");
        let within = Policy::for_module(stage, "m", sunday, &paris)
            .deadline
            .expect("stage ahead");
        assert_eq!(within.last_call, instant("2027-03-28T22:00:00Z"));
        // A question answered that night comes back at local midnight, not an hour off.
        let next = schedule(
            None,
            Rating::Again,
            sunday,
            Policy::without_stage(),
            &Model::default(),
            &paris,
        );
        assert_eq!(next.due, instant("2027-03-28T22:00:00Z"));
    }
}
