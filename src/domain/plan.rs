//! The daily plan: what to do today to be ready on the stage day, how long it takes, and
//! whether the learner keeps up.
//!
//! Today's work is what the review queue holds by the end of the day ([`due_questions`]: the
//! reviews due, then the day's share of the questions never seen in the modules the stage
//! covers), plus the day's share of the lessons not read in those modules ([`new_today`], the
//! same rule as for questions). Questions seen but not yet mastered are counted in what is
//! left, but they enter a day's work only when they fall due: the schedule brings each back
//! in time for the stage day (`review::Deadline`), and reviewing it earlier would teach less.
//! Without a stage date, the plan is the reviews due.
//!
//! The goal of the day is what was done today plus what is left today, so that it says
//! « 5 of 13 » as the day goes by; the learner is behind when work of an earlier day is left:
//! a review due before today, or yesterday's share of new questions and lessons not met.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan, Zoned};
use serde::Serialize;

use super::content::{Lesson, Module};
use super::progress::Progress;
use super::question::Question;
use super::review::{days_until_stage, due_questions, new_today, start_of};
use super::stats::is_mastered;

/// Seconds to answer a question of each kind when the learner's own pace is not known yet:
/// reading a prompt of one to three lines (30 words take 10 s at 180 words a minute), then
/// judging one statement (true/false), one choice among four (single) or each of them
/// (multiple); typing a word or a number; placing or pairing four to six items (order,
/// match); writing a few sentences of an avis and grading them against the model (open).
const ANSWER_SECS: [(&str, u64); 8] = [
    ("true_false", 15),
    ("single", 25),
    ("multiple", 40),
    ("short", 30),
    ("numeric", 25),
    ("order", 60),
    ("match", 60),
    ("open", 180),
];
/// Seconds to read the correction after each answer: the verdict and an explanation of two
/// to four sentences, some 50 words.
const CORRECTION_SECS: u64 = 20;
/// Words read in a minute when studying a lesson: slower than the 200 to 250 of plain reading,
/// for law articles and acronyms.
const LESSON_WORDS_PER_MINUTE: u64 = 180;
/// Once the learner has answered this many questions of a kind, her own median time is used.
pub const OWN_PACE_ANSWERS: usize = 20;
/// A median kept within this (seconds): a question left on screen for an hour says nothing of
/// the time it takes.
const PACE_BOUNDS: (u64, u64) = (3, 15 * 60);

/// How long things take this learner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pace {
    /// Seconds to answer a question, by kind (`Question::kind_name`), correction included.
    pub question_secs: BTreeMap<&'static str, u64>,
    /// The kinds timed on the learner's own answers (the others use the estimates).
    pub own: BTreeSet<&'static str>,
}

impl Pace {
    /// The learner's pace: for each kind she answered [`OWN_PACE_ANSWERS`] times or more, her
    /// median time (plus the correction); else the estimate.
    pub fn of(progress: &Progress, modules: &[Module]) -> Pace {
        let mut times: BTreeMap<&'static str, Vec<u64>> = BTreeMap::new();
        for question in modules.iter().flat_map(Module::all_questions) {
            if let Some(record) = progress.question(question.id()) {
                times
                    .entry(question.kind_name())
                    .or_default()
                    .extend(record.attempts.iter().map(|a| a.duration_ms / 1000));
            }
        }
        let mut pace = Pace {
            question_secs: BTreeMap::new(),
            own: BTreeSet::new(),
        };
        for (kind, estimate) in ANSWER_SECS {
            let answer = match times.get_mut(kind) {
                Some(list) if list.len() >= OWN_PACE_ANSWERS => {
                    list.sort_unstable();
                    pace.own.insert(kind);
                    list[list.len() / 2].clamp(PACE_BOUNDS.0, PACE_BOUNDS.1)
                }
                _ => estimate,
            };
            pace.question_secs.insert(kind, answer + CORRECTION_SECS);
        }
        pace
    }

    /// Seconds a question takes, correction included.
    pub fn question(&self, question: &Question) -> u64 {
        self.question_secs
            .get(question.kind_name())
            .copied()
            .unwrap_or(60)
    }

    /// Seconds a lesson takes to read, a minute at least.
    pub fn lesson(lesson: &Lesson) -> u64 {
        let words = u64::try_from(lesson.body.split_whitespace().count()).unwrap_or(u64::MAX);
        (words.saturating_mul(60) / LESSON_WORDS_PER_MINUTE).max(60)
    }
}

/// Some work: questions, lessons, and the time they take.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Work {
    /// Reviews and questions seen for the first time.
    pub questions: usize,
    pub lessons: usize,
    pub secs: u64,
}

impl Work {
    pub fn items(&self) -> usize {
        self.questions + self.lessons
    }

    /// Whole minutes, rounded up: a goal is never shown shorter than it is.
    pub fn minutes(&self) -> u64 {
        self.secs.div_ceil(60)
    }

    fn add(self, other: Work) -> Work {
        Work {
            questions: self.questions + other.questions,
            lessons: self.lessons + other.lessons,
            secs: self.secs + other.secs,
        }
    }
}

/// Whether the learner keeps up with the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Status {
    /// Nothing is left for today.
    Done,
    /// Today's work is under way, and nothing of an earlier day is left.
    OnTrack,
    /// Work of an earlier day is left: reviews due before today, and questions or lessons of
    /// yesterday's share not met.
    Behind { overdue: usize, missed: usize },
}

/// The plan of one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DailyPlan {
    pub today: Date,
    /// Days left before the stage, while it is ahead (0 on the day).
    pub days_left: Option<i64>,
    /// In the modules the stage covers: lessons not read, questions never answered, and
    /// questions answered but not mastered yet. Zero without a stage ahead.
    pub lessons_unread: usize,
    pub questions_unseen: usize,
    pub questions_unmastered: usize,
    /// Today's goal: what was done today and what is left.
    pub goal: Work,
    /// Done today: questions answered (each once), lessons read.
    pub done: Work,
    /// Left to do today.
    pub left: Work,
    pub status: Status,
}

/// What the learner has met so far, as the plan counts it.
#[derive(Default)]
struct Met<'a> {
    /// Done today, in any module.
    done: Work,
    /// In the modules the stage covers: lessons never read, in reading order.
    unread: Vec<&'a Lesson>,
    unseen: usize,
    unmastered: usize,
    /// Lessons first read, questions first answered, today and yesterday, in those modules.
    lessons_read: [usize; 2],
    first_seen: [usize; 2],
}

impl<'a> Met<'a> {
    fn scan(
        progress: &Progress,
        modules: &'a [Module],
        stage: impl Fn(&Module) -> bool,
        pace: &Pace,
        today: Date,
        tz: &TimeZone,
    ) -> Met<'a> {
        let yesterday = add_days(today, -1);
        let mut met = Met::default();
        for module in modules {
            let stage = stage(module);
            for lesson in &module.lessons {
                let read = lesson_read(progress, module, lesson, tz);
                if read == Read::On(today) {
                    met.done.lessons += 1;
                    met.done.secs += Pace::lesson(lesson);
                }
                if stage {
                    match read {
                        Read::Never => met.unread.push(lesson),
                        Read::On(day) => count_day(day, today, yesterday, &mut met.lessons_read),
                        Read::Unknown => {}
                    }
                }
            }
            for question in module.all_questions() {
                let record = progress.question(question.id());
                let attempts = record.map_or(&[][..], |r| &r.attempts[..]);
                if attempts
                    .iter()
                    .any(|a| tz.to_datetime(a.at).date() == today)
                {
                    met.done.questions += 1;
                    met.done.secs += pace.question(question);
                }
                match (record, attempts.first()) {
                    _ if !stage => {}
                    (Some(r), Some(first)) => {
                        met.unmastered += usize::from(!is_mastered(r));
                        let day = tz.to_datetime(first.at).date();
                        count_day(day, today, yesterday, &mut met.first_seen);
                    }
                    _ => met.unseen += 1,
                }
            }
        }
        met
    }

    /// Questions and lessons of yesterday's share not met (`days_left`: today's).
    fn missed_yesterday(&self, days_left: i64) -> usize {
        let lessons = new_today(
            self.unread.len() + self.lessons_read[0] + self.lessons_read[1],
            days_left + 1,
        );
        let questions = new_today(
            self.unseen + self.first_seen[0] + self.first_seen[1],
            days_left + 1,
        );
        lessons.saturating_sub(self.lessons_read[1]) + questions.saturating_sub(self.first_seen[1])
    }
}

impl DailyPlan {
    /// The plan of the day of `now` (whose time zone decides the days).
    pub fn compute(progress: &Progress, modules: &[Module], now: &Zoned) -> DailyPlan {
        let tz = now.time_zone();
        let today = now.date();
        let pace = Pace::of(progress, modules);
        let days_left = days_until_stage(progress.settings().stage_date, today);
        let stage = |m: &Module| days_left.is_some() && progress.settings().stage_covers(&m.id);
        let start = start_of(today, tz).unwrap_or(now.timestamp());
        let tomorrow = start_of(add_days(today, 1), tz).unwrap_or(Timestamp::MAX);

        // What the review queue holds by the end of today.
        let end_of_day = (tomorrow - 1.nanosecond()).to_zoned(tz.clone());
        let queue = due_questions(progress, modules, &end_of_day);
        let overdue = queue.iter().filter(|d| !d.new && d.due < start).count();
        let mut left = Work::default();
        for due in &queue {
            left.questions += 1;
            left.secs += pace.question(due.question);
        }
        let met = Met::scan(progress, modules, stage, &pace, today, tz);
        if let Some(days) = days_left {
            let share = new_today(met.unread.len() + met.lessons_read[0], days);
            for lesson in met
                .unread
                .iter()
                .take(share.saturating_sub(met.lessons_read[0]))
            {
                left.lessons += 1;
                left.secs += Pace::lesson(lesson);
            }
        }
        let missed = days_left
            .filter(|_| stage_set_before(progress, add_days(today, -1), tz))
            .map_or(0, |days| met.missed_yesterday(days));
        let status = if left.items() == 0 {
            Status::Done
        } else if overdue + missed > 0 {
            Status::Behind { overdue, missed }
        } else {
            Status::OnTrack
        };
        DailyPlan {
            today,
            days_left,
            lessons_unread: met.unread.len(),
            questions_unseen: met.unseen,
            questions_unmastered: met.unmastered,
            goal: met.done.add(left),
            done: met.done,
            left,
            status,
        }
    }
}

/// The date `days` after `date`, saturating at the ends of the calendar.
fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(days.days())
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// Counts `day` in `counts`: [today, yesterday].
fn count_day(day: Date, today: Date, yesterday: Date, counts: &mut [usize; 2]) {
    if day == today {
        counts[0] += 1;
    } else if day == yesterday {
        counts[1] += 1;
    }
}

/// Whether a lesson was read, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    Never,
    /// By an older conseil, which kept no time.
    Unknown,
    /// First read that day.
    On(Date),
}

fn lesson_read(progress: &Progress, module: &Module, lesson: &Lesson, tz: &TimeZone) -> Read {
    let Some(read) = progress
        .module(&module.id)
        .filter(|m| m.lessons_read.contains(&lesson.id))
    else {
        return Read::Never;
    };
    read.lessons_read_at
        .get(&lesson.id)
        .map_or(Read::Unknown, |at| Read::On(tz.to_datetime(*at).date()))
}

/// True when the stage date was set before `day` began: the plan then held on that day. A
/// setting of unknown date (an older file) is taken as set long ago.
fn stage_set_before(progress: &Progress, day: Date, tz: &TimeZone) -> bool {
    let settings = progress.settings();
    match (settings.changed_at, start_of(day, tz)) {
        (Some(changed), Some(start)) => changed < start,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{answer, lessons, module};
    use jiff::civil::date;

    fn at(day: Date, hour: i8) -> Zoned {
        day.at(hour, 0, 0, 0)
            .to_zoned(TimeZone::UTC)
            .expect("valid date")
    }

    /// A module of 30 true/false questions and two lessons of 360 words (2 minutes each); the
    /// stage of these tests covers every module.
    fn content() -> Vec<Module> {
        let ids: Vec<String> = (0..30).map(|i| format!("q{i:02}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut m = module("m", &refs);
        m.lessons = lessons(2);
        vec![m]
    }

    fn with_stage(stage: Date, set: Date) -> Progress {
        let mut p = Progress::new();
        p.set_stage_date(Some(stage), at(set, 8).timestamp());
        p
    }

    #[test]
    fn the_pace_is_the_estimate_then_the_learners_own() {
        let modules = content();
        let mut p = Progress::new();
        let pace = Pace::of(&p, &modules);
        assert_eq!(pace.question(modules[0].questions.first().expect("q")), 35);
        assert!(pace.own.is_empty());
        assert_eq!(Pace::lesson(&modules[0].lessons[0]), 120);
        // Twenty answers of 8 s (plus one left open for an hour): her median, 8 s.
        for i in 0..21 {
            let mut a = answer(
                &format!("q{i:02}"),
                true,
                at(date(2026, 3, 1), 9).timestamp(),
            );
            a.duration_ms = if i == 0 { 3_600_000 } else { 8_000 };
            p.record_answer("m", &a, &TimeZone::UTC);
        }
        let pace = Pace::of(&p, &modules);
        assert!(pace.own.contains("true_false"));
        assert_eq!(
            pace.question(modules[0].questions.first().expect("q")),
            8 + 20
        );
    }

    #[test]
    fn todays_goal_spreads_what_is_left_over_the_days_before_the_stage() {
        let modules = content();
        // Twelve days left: ten to meet 30 questions and 2 lessons.
        let today = date(2026, 3, 2);
        let mut p = with_stage(date(2026, 3, 14), today);
        let plan = DailyPlan::compute(&p, &modules, &at(today, 9));
        assert_eq!(plan.days_left, Some(12));
        assert_eq!(
            (
                plan.questions_unseen,
                plan.lessons_unread,
                plan.questions_unmastered
            ),
            (30, 2, 0)
        );
        // Three new questions (35 s each) and one lesson (2 min): 4 items, 4 minutes.
        assert_eq!(
            plan.goal,
            Work {
                questions: 3,
                lessons: 1,
                secs: 3 * 35 + 120
            }
        );
        assert_eq!((plan.goal.items(), plan.goal.minutes()), (4, 4));
        assert_eq!(plan.status, Status::OnTrack);
        // A question answered and the lesson read: done 2 of the same goal.
        p.record_answer(
            "m",
            &answer("q00", true, at(today, 10).timestamp()),
            &TimeZone::UTC,
        );
        p.mark_lesson_read("m", "l0", at(today, 10).timestamp());
        let plan = DailyPlan::compute(&p, &modules, &at(today, 11));
        assert_eq!(
            (plan.done.items(), plan.left.items(), plan.goal.items()),
            (2, 2, 4)
        );
        assert_eq!(plan.questions_unmastered, 1);
        for id in ["q01", "q02"] {
            p.record_answer(
                "m",
                &answer(id, true, at(today, 11).timestamp()),
                &TimeZone::UTC,
            );
        }
        let plan = DailyPlan::compute(&p, &modules, &at(today, 12));
        assert_eq!(plan.status, Status::Done);
        assert_eq!(plan.goal.items(), 4);
        // The next day: the answers of today are not due, a new share is.
        let plan = DailyPlan::compute(&p, &modules, &at(date(2026, 3, 3), 9));
        assert_eq!(plan.status, Status::OnTrack);
        assert_eq!((plan.left.questions, plan.left.lessons), (3, 1));
    }

    #[test]
    fn without_a_stage_the_plan_is_the_reviews_due() {
        let modules = content();
        let mut p = Progress::new();
        let plan = DailyPlan::compute(&p, &modules, &at(date(2026, 3, 2), 9));
        assert_eq!((plan.goal.items(), plan.status), (0, Status::Done));
        assert_eq!(plan.days_left, None);
        p.record_answer(
            "m",
            &answer("q00", false, at(date(2026, 3, 1), 9).timestamp()),
            &TimeZone::UTC,
        );
        let plan = DailyPlan::compute(&p, &modules, &at(date(2026, 3, 2), 9));
        assert_eq!(plan.left.questions, 1);
        assert_eq!(
            plan.questions_unseen, 0,
            "no stage: nothing is due before a date"
        );
        assert_eq!(plan.status, Status::OnTrack);
        // Due yesterday and still not done two days later: behind.
        let plan = DailyPlan::compute(&p, &modules, &at(date(2026, 3, 4), 9));
        assert_eq!(
            plan.status,
            Status::Behind {
                overdue: 1,
                missed: 0
            }
        );
    }

    #[test]
    fn a_day_skipped_leaves_the_learner_behind() {
        let modules = content();
        // The stage date was set a week ago; nothing done yesterday.
        let today = date(2026, 3, 9);
        let p = with_stage(date(2026, 3, 14), date(2026, 3, 2));
        let plan = DailyPlan::compute(&p, &modules, &at(today, 9));
        // Yesterday (6 days left, 4 to meet them): 8 questions and 1 lesson were due.
        assert_eq!(
            plan.status,
            Status::Behind {
                overdue: 0,
                missed: 9
            }
        );
        // Set only yesterday morning: nothing was asked of yesterday.
        let p = with_stage(date(2026, 3, 14), date(2026, 3, 8));
        let plan = DailyPlan::compute(&p, &modules, &at(today, 9));
        assert_eq!(plan.status, Status::OnTrack);
    }
}
