//! Statistics from the progress and the catalog: mastery, activity, success, weak spots, the
//! predicted recall on the stage day and today's plan.
//!
//! Only questions of the catalog count: a question that left the content keeps its history in
//! the progress file but weighs on no figure. Days are the learner's days (the time zone of
//! `now`), weeks start on Monday.
//!
//! The statistics screen and `conseil stats` show these figures and no other: each percentage
//! is computed once, here. Success (« réussite ») is always the mean credit of the answers,
//! a partly right answer counting in part, as a quiz's score does; « justes » is a count.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan, Zoned};
use serde::Serialize;

use super::content::Module;
use super::plan::DailyPlan;
use super::progress::{Progress, QuestionProgress, SessionScore};
use super::question::Verdict;
use super::review::{days_between, days_until_stage, due_questions, start_of};

/// A question is mastered once its memory is stable for at least this many days and its last
/// answer was right. With FSRS-6 defaults, a first right answer is stable for 2.3 days and a
/// second one, a day or more later, for 7 to 12 days: « mastered » takes two right answers on
/// different days, the latest one right.
pub const MASTERY_STABILITY_DAYS: f32 = 7.0;

/// Weeks shown by the activity grid and the accuracy curve.
pub const WEEKS: usize = 12;

/// How many weakest questions are listed.
pub const WEAKEST: usize = 10;

/// The weakness of a question is judged on this many latest answers: an old mistake since
/// put right is no weakness.
pub const RECENT_ANSWERS: usize = 5;

/// True when `record` counts as mastered (see [`MASTERY_STABILITY_DAYS`]).
pub fn is_mastered(record: &QuestionProgress) -> bool {
    record
        .attempts
        .last()
        .is_some_and(|a| a.verdict == Verdict::Correct)
        && record
            .review
            .is_some_and(|r| r.stability >= MASTERY_STABILITY_DAYS)
}

/// All the figures, for the statistics screen and `conseil stats --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Answers given to questions of the catalog.
    pub answers: usize,
    /// Of which fully right.
    pub correct: usize,
    /// Sum of their credits (partly right answers count in part).
    pub score: f64,
    /// Mean credit of the answers, from 0 to 1 ([`Stats::success`]).
    pub success: f64,
    pub questions: usize,
    pub questions_seen: usize,
    pub questions_mastered: usize,
    /// Questions to review now.
    pub due_now: usize,
    pub stage_date: Option<Date>,
    /// The « J-5 » countdown, while the stage is ahead.
    pub days_until_stage: Option<i64>,
    pub modules: Vec<ModuleStats>,
    pub activity: Activity,
    pub weeks: Vec<WeekStats>,
    pub weakest: Vec<WeakQuestion>,
    /// With a stage date, the predicted recall on its first day, module by module (empty
    /// without one, or once it is past).
    pub stage_recall: Vec<StageRecall>,
    pub plan: DailyPlan,
}

/// What a module's questions are predicted to leave in mind on the stage day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageRecall {
    pub module_id: String,
    pub title: String,
    pub questions: usize,
    /// The share of its questions predicted to be recalled (the mean predicted recall, a
    /// question never answered counting as forgotten), from 0 to 1.
    pub recall: f64,
    /// Questions predicted to be recalled at the learner's target or better.
    pub at_target: usize,
    /// That target, from 0 to 1.
    pub target: f64,
}

/// Mastery of one module.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModuleStats {
    pub module_id: String,
    pub title: String,
    pub questions: usize,
    pub seen: usize,
    pub mastered: usize,
    pub lessons: usize,
    pub lessons_read: usize,
    pub best: Option<SessionScore>,
    pub last: Option<SessionScore>,
}

impl ModuleStats {
    /// Share of the questions mastered, from 0 to 1.
    pub fn mastery(&self) -> f64 {
        ratio(self.mastered, self.questions)
    }
}

/// Answers per day over the last [`WEEKS`] weeks, the current week last.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    /// A Monday: the first day of the grid.
    pub first_day: Date,
    /// Answers on `first_day + i` days, up to today: the days still ahead this week are not
    /// in the list, so that a chart can tell them from days without answers.
    pub counts: Vec<u32>,
}

impl Activity {
    /// Answers on `day`, or 0 outside the grid.
    pub fn on(&self, day: Date) -> u32 {
        let offset = day.duration_since(self.first_day).as_hours() / 24;
        usize::try_from(offset)
            .ok()
            .and_then(|i| self.counts.get(i).copied())
            .unwrap_or(0)
    }
}

/// Answers and success over one week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekStats {
    /// The Monday.
    pub week_start: Date,
    pub answers: u32,
    /// Fully right answers.
    pub correct: u32,
    /// Sum of the credits (partly right answers count in part).
    pub score: f64,
}

impl WeekStats {
    /// Mean credit of the week's answers from 0 to 1, or `None` in a week without answers.
    pub fn success(&self) -> Option<f64> {
        (self.answers > 0).then(|| success(self.score, self.answers as usize))
    }
}

/// The success of `answers` answers whose credits sum to `score`: their mean credit.
fn success(score: f64, answers: usize) -> f64 {
    if answers == 0 {
        0.0
    } else {
        score / answers as f64
    }
}

/// A question often missed lately.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakQuestion {
    pub question_id: String,
    pub module_id: String,
    /// Answers in all.
    pub answers: usize,
    /// Mean credit of the [`RECENT_ANSWERS`] latest answers, from 0 to 1.
    pub recent_score: f64,
    pub last_answered: Timestamp,
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The days in `weeks` weeks.
fn days_in_weeks(weeks: usize) -> i64 {
    i64::try_from(weeks).map_or(i64::MAX, |w| w.saturating_mul(7))
}

/// The date `days` after `date`, saturating at the ends of the calendar.
fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(days.days())
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// The Monday of `day`'s week.
fn monday_of(day: Date) -> Date {
    add_days(day, -i64::from(day.weekday().to_monday_zero_offset()))
}

/// The records of the catalog's questions, with their module id.
fn catalog_records<'a>(
    progress: &'a Progress,
    modules: &'a [Module],
) -> impl Iterator<Item = (&'a str, &'a str, &'a QuestionProgress)> {
    modules.iter().flat_map(move |m| {
        m.all_questions().filter_map(move |q| {
            progress
                .question(q.id())
                .map(|r| (m.id.as_str(), q.id(), r))
        })
    })
}

/// Mastery of each module of the catalog, in catalog order.
pub fn module_stats(progress: &Progress, modules: &[Module]) -> Vec<ModuleStats> {
    modules
        .iter()
        .map(|m| {
            let records: Vec<&QuestionProgress> = m
                .all_questions()
                .filter_map(|q| progress.question(q.id()))
                .filter(|r| !r.attempts.is_empty())
                .collect();
            let scores = progress.module(&m.id);
            ModuleStats {
                module_id: m.id.clone(),
                title: m.title.clone(),
                questions: m.question_count(),
                seen: records.len(),
                mastered: records.iter().filter(|r| is_mastered(r)).count(),
                lessons: m.lessons.len(),
                lessons_read: m
                    .lessons
                    .iter()
                    .filter(|l| progress.is_lesson_read(&m.id, &l.id))
                    .count(),
                best: scores.and_then(|s| s.best),
                last: scores.and_then(|s| s.last),
            }
        })
        .collect()
}

/// Answers per day over the [`WEEKS`] weeks ending with `today`'s week.
pub fn activity(progress: &Progress, modules: &[Module], today: Date, tz: &TimeZone) -> Activity {
    let first_day = add_days(monday_of(today), -days_in_weeks(WEEKS - 1));
    let mut counts = vec![0_u32; WEEKS * 7];
    for (_, _, record) in catalog_records(progress, modules) {
        for attempt in &record.attempts {
            let day = tz.to_datetime(attempt.at).date();
            if day > today {
                continue;
            }
            let offset = day.duration_since(first_day).as_hours() / 24;
            if let Some(count) = usize::try_from(offset).ok().and_then(|i| counts.get_mut(i)) {
                *count += 1;
            }
        }
    }
    let days_so_far = today.duration_since(first_day).as_hours() / 24 + 1;
    counts.truncate(usize::try_from(days_so_far).unwrap_or(0));
    Activity { first_day, counts }
}

/// Answers and accuracy for each of the [`WEEKS`] weeks ending with `today`'s week, oldest
/// first.
pub fn weekly(
    progress: &Progress,
    modules: &[Module],
    today: Date,
    tz: &TimeZone,
) -> Vec<WeekStats> {
    let first_week = add_days(monday_of(today), -days_in_weeks(WEEKS - 1));
    let mut weeks: Vec<WeekStats> = (0..WEEKS)
        .map(|i| WeekStats {
            week_start: add_days(first_week, days_in_weeks(i)),
            answers: 0,
            correct: 0,
            score: 0.0,
        })
        .collect();
    for (_, _, record) in catalog_records(progress, modules) {
        for attempt in &record.attempts {
            let day = tz.to_datetime(attempt.at).date();
            let offset = day.duration_since(first_week).as_hours() / 24 / 7;
            if let Some(week) = usize::try_from(offset).ok().and_then(|i| weeks.get_mut(i)) {
                week.answers += 1;
                week.correct += u32::from(attempt.verdict == Verdict::Correct);
                week.score += attempt.score;
            }
        }
    }
    weeks
}

/// Up to [`WEAKEST`] questions missed most lately: lowest mean credit over their
/// [`RECENT_ANSWERS`] latest answers first, then the most answered (a question missed
/// often is weaker than one missed once). Questions right every recent time are left out.
pub fn weakest(progress: &Progress, modules: &[Module]) -> Vec<WeakQuestion> {
    let mut weak: Vec<WeakQuestion> = catalog_records(progress, modules)
        .filter_map(|(module_id, question_id, record)| {
            let recent = &record.attempts[record.attempts.len().saturating_sub(RECENT_ANSWERS)..];
            let last = recent.last()?;
            let recent_score = recent.iter().map(|a| a.score).sum::<f64>() / recent.len() as f64;
            (recent_score < 1.0).then(|| WeakQuestion {
                question_id: question_id.to_owned(),
                module_id: module_id.to_owned(),
                answers: record.attempts.len(),
                recent_score,
                last_answered: last.at,
            })
        })
        .collect();
    weak.sort_by(|a, b| {
        a.recent_score
            .total_cmp(&b.recent_score)
            .then(b.answers.cmp(&a.answers))
            .then_with(|| a.question_id.cmp(&b.question_id))
    });
    weak.truncate(WEAKEST);
    weak
}

impl Stats {
    /// Every figure at `now` (whose time zone decides the days).
    pub fn compute(progress: &Progress, modules: &[Module], now: &Zoned) -> Stats {
        let today = now.date();
        let tz = now.time_zone();
        let modules_stats = module_stats(progress, modules);
        // Question ids are unique across the catalog (the loader refuses a clash).
        let (answers, correct, score) = catalog_records(progress, modules).fold(
            (0, 0, 0.0),
            |(answers, correct, score), (_, _, record)| {
                let right = record
                    .attempts
                    .iter()
                    .filter(|a| a.verdict == Verdict::Correct)
                    .count();
                let points: f64 = record.attempts.iter().map(|a| a.score).sum();
                (
                    answers + record.attempts.len(),
                    correct + right,
                    score + points,
                )
            },
        );
        let stage_date = progress.settings().stage_date;
        Stats {
            answers,
            correct,
            score,
            success: success(score, answers),
            questions: modules_stats.iter().map(|m| m.questions).sum(),
            questions_seen: modules_stats.iter().map(|m| m.seen).sum(),
            questions_mastered: modules_stats.iter().map(|m| m.mastered).sum(),
            due_now: due_questions(progress, modules, now).len(),
            stage_date,
            days_until_stage: days_until_stage(stage_date, today),
            modules: modules_stats,
            activity: activity(progress, modules, today, tz),
            weeks: weekly(progress, modules, today, tz),
            weakest: weakest(progress, modules),
            stage_recall: stage_recall(progress, modules, now),
            plan: DailyPlan::compute(progress, modules, now),
        }
    }
}

/// The predicted recall on the first day of the stage, for each module it covers, while it is
/// ahead (on the day itself, from `now`).
pub fn stage_recall(progress: &Progress, modules: &[Module], now: &Zoned) -> Vec<StageRecall> {
    let settings = progress.settings();
    let Some(date) = settings.stage_date.filter(|d| *d >= now.date()) else {
        return Vec::new();
    };
    let Some(stage_at) = start_of(date, now.time_zone()) else {
        return Vec::new();
    };
    let at = stage_at.max(now.timestamp());
    let model = progress.model();
    let target = settings.recall_target();
    // The setting is an f32: rounded, 0.9 reads 0.9 and not 0.8999999761581421.
    let target_shown = (f64::from(target) * 1e4).round() / 1e4;
    modules
        .iter()
        .filter(|m| settings.stage_covers(&m.id))
        .map(|m| {
            let recalls: Vec<f32> = m
                .all_questions()
                .map(|q| {
                    progress
                        .question(q.id())
                        .and_then(|r| r.review)
                        .map_or(0.0, |r| {
                            model.recall(r.stability, days_between(r.last_review, at))
                        })
                })
                .collect();
            let sum: f64 = recalls.iter().map(|r| f64::from(*r)).sum();
            StageRecall {
                module_id: m.id.clone(),
                title: m.title.clone(),
                questions: recalls.len(),
                recall: success(sum, recalls.len()),
                at_target: recalls.iter().filter(|r| **r >= target).count(),
                target: target_shown,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::question::Response;
    use crate::domain::session::AnswerRecord;
    use crate::domain::testing::module;
    use jiff::civil::date;

    fn at(day: Date, hour: i8) -> Timestamp {
        day.at(hour, 0, 0, 0)
            .to_zoned(TimeZone::UTC)
            .expect("valid")
            .timestamp()
    }

    fn record(p: &mut Progress, module: &str, id: &str, score: f64, when: Timestamp) {
        let verdict = if score >= 1.0 {
            Verdict::Correct
        } else if score > 0.0 {
            Verdict::Partial
        } else {
            Verdict::Incorrect
        };
        let answer = AnswerRecord {
            question_id: id.into(),
            response: Response::Bool(true),
            score,
            verdict,
            answered_at: when,
            duration_ms: 1000,
        };
        p.record_answer(module, &answer, &TimeZone::UTC);
    }

    #[test]
    fn mastery_takes_two_right_answers_on_different_days() {
        let modules = vec![module("m", &["a", "b", "c"])];
        let mut p = Progress::new();
        // a: right twice, two days apart. b: right once. c: right twice, then wrong.
        record(&mut p, "m", "a", 1.0, at(date(2026, 3, 2), 10));
        record(&mut p, "m", "a", 1.0, at(date(2026, 3, 4), 10));
        record(&mut p, "m", "b", 1.0, at(date(2026, 3, 4), 10));
        record(&mut p, "m", "c", 1.0, at(date(2026, 3, 2), 10));
        record(&mut p, "m", "c", 1.0, at(date(2026, 3, 4), 10));
        record(&mut p, "m", "c", 0.0, at(date(2026, 3, 5), 10));
        // Twice right within the same minute is not mastery either.
        record(
            &mut p,
            "m",
            "b",
            1.0,
            at(date(2026, 3, 4), 10) + jiff::SignedDuration::from_secs(30),
        );
        let stats = module_stats(&p, &modules);
        assert_eq!(stats[0].questions, 3);
        assert_eq!(stats[0].seen, 3);
        assert_eq!(stats[0].mastered, 1);
        assert!((stats[0].mastery() - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn activity_grid_counts_answers_per_local_day() {
        let modules = vec![module("m", &["a", "b"])];
        let mut p = Progress::new();
        let today = date(2026, 3, 4); // a Wednesday
        record(&mut p, "m", "a", 1.0, at(date(2026, 3, 2), 10));
        record(&mut p, "m", "b", 0.0, at(date(2026, 3, 2), 11));
        record(&mut p, "m", "a", 1.0, at(today, 9));
        // Too old for the grid, and a question gone from the content.
        record(&mut p, "m", "a", 1.0, at(date(2025, 1, 6), 9));
        record(&mut p, "m", "gone", 1.0, at(today, 9));
        let grid = activity(&p, &modules, today, &TimeZone::UTC);
        // Eleven full weeks, then Monday to Wednesday: Thursday to Sunday are still ahead.
        assert_eq!(grid.counts.len(), 11 * 7 + 3);
        assert_eq!(grid.first_day, date(2025, 12, 15));
        assert_eq!(grid.first_day.weekday(), jiff::civil::Weekday::Monday);
        assert_eq!(grid.on(date(2026, 3, 2)), 2);
        assert_eq!(grid.on(today), 1);
        assert_eq!(grid.on(date(2026, 3, 3)), 0);
        assert_eq!(grid.counts.iter().sum::<u32>(), 3);
        // 23:30 in UTC is already the next day in Paris (UTC+1 in March).
        let paris = TimeZone::fixed(jiff::tz::offset(1));
        let mut late = Progress::new();
        record(
            &mut late,
            "m",
            "a",
            1.0,
            at(date(2026, 3, 2), 23) + jiff::SignedDuration::from_mins(30),
        );
        let grid = activity(&late, &modules, today, &paris);
        assert_eq!(grid.on(date(2026, 3, 3)), 1);
    }

    fn paris() -> TimeZone {
        TimeZone::get("Europe/Paris").expect("time zone database")
    }

    fn instant(s: &str) -> Timestamp {
        s.parse().expect("valid instant")
    }

    #[test]
    fn the_grid_ends_on_sunday_and_restarts_on_monday() {
        let modules = vec![module("m", &["a"])];
        let mut p = Progress::new();
        // Sunday 13 December 2026, 23:59:59 in Paris.
        record(&mut p, "m", "a", 1.0, instant("2026-12-13T22:59:59Z"));
        let sunday = activity(&p, &modules, date(2026, 12, 13), &paris());
        assert_eq!(sunday.first_day, date(2026, 9, 21));
        assert_eq!(sunday.counts.len(), 12 * 7);
        assert_eq!(sunday.counts.last(), Some(&1));
        // Monday 14 December: a new week starts, the oldest one leaves the grid.
        let monday = activity(&p, &modules, date(2026, 12, 14), &paris());
        assert_eq!(monday.first_day, date(2026, 9, 28));
        assert_eq!(monday.counts.len(), 11 * 7 + 1);
        assert_eq!(monday.on(date(2026, 12, 13)), 1);
        assert_eq!(monday.on(date(2026, 12, 14)), 0);
        let weeks = weekly(&p, &modules, date(2026, 12, 14), &paris());
        assert_eq!(weeks[11].week_start, date(2026, 12, 14));
        assert_eq!((weeks[10].answers, weeks[11].answers), (1, 0));
    }

    #[test]
    fn new_year_and_a_leap_day_are_days_like_the_others() {
        let modules = vec![module("m", &["a"])];
        let mut p = Progress::new();
        // 31 December 2026, 23:30 in Paris; then 1 January 2027, 00:00:20.
        record(&mut p, "m", "a", 1.0, instant("2026-12-31T22:30:00Z"));
        record(&mut p, "m", "a", 1.0, instant("2026-12-31T23:00:20Z"));
        let grid = activity(&p, &modules, date(2027, 1, 1), &paris());
        // Friday 1 January: the week began on Monday 28 December.
        assert_eq!(grid.first_day, date(2026, 10, 12));
        assert_eq!(grid.counts.len(), 11 * 7 + 5);
        assert_eq!(grid.on(date(2026, 12, 31)), 1);
        assert_eq!(grid.on(date(2027, 1, 1)), 1);
        let weeks = weekly(&p, &modules, date(2027, 1, 1), &paris());
        assert_eq!(weeks[11].week_start, date(2026, 12, 28));
        assert_eq!(weeks[11].answers, 2);
        // Tuesday 29 February 2028.
        let mut leap = Progress::new();
        record(&mut leap, "m", "a", 1.0, instant("2028-02-29T11:00:00Z"));
        record(&mut leap, "m", "a", 1.0, instant("2028-02-28T11:00:00Z"));
        let grid = activity(&leap, &modules, date(2028, 2, 29), &paris());
        assert_eq!(grid.first_day, date(2027, 12, 13));
        assert_eq!(grid.counts.len(), 11 * 7 + 2);
        assert_eq!(grid.counts[grid.counts.len() - 2..], [1, 1]);
    }

    #[test]
    fn the_night_the_clocks_go_forward_is_one_day() {
        let modules = vec![module("m", &["a"])];
        let mut p = Progress::new();
        // Sunday 28 March 2027 in Paris: 01:59 (UTC+1), then 03:01 (UTC+2), then 23:30.
        record(&mut p, "m", "a", 1.0, instant("2027-03-28T00:59:00Z"));
        record(&mut p, "m", "a", 1.0, instant("2027-03-28T01:01:00Z"));
        record(&mut p, "m", "a", 1.0, instant("2027-03-28T21:30:00Z"));
        // Monday 29 March, 00:30 in Paris (still Sunday in UTC).
        record(&mut p, "m", "a", 1.0, instant("2027-03-28T22:30:00Z"));
        let grid = activity(&p, &modules, date(2027, 3, 29), &paris());
        assert_eq!(grid.on(date(2027, 3, 27)), 0);
        assert_eq!(grid.on(date(2027, 3, 28)), 3);
        assert_eq!(grid.on(date(2027, 3, 29)), 1);
        assert_eq!(grid.counts.len(), 11 * 7 + 1);
    }

    #[test]
    fn days_are_the_learners_own_far_from_paris() {
        let modules = vec![module("m", &["a"])];
        let mut p = Progress::new();
        // Sunday 31 January 2027 at 20:00 UTC: Sunday 17:00 in Cayenne (UTC-3), Monday 07:00 in
        // Nouméa (UTC+11).
        record(&mut p, "m", "a", 1.0, instant("2027-01-31T20:00:00Z"));
        let cayenne = TimeZone::get("America/Cayenne").expect("time zone database");
        let noumea = TimeZone::get("Pacific/Noumea").expect("time zone database");
        let grid = activity(&p, &modules, date(2027, 1, 31), &cayenne);
        assert_eq!(grid.on(date(2027, 1, 31)), 1);
        let grid = activity(&p, &modules, date(2027, 2, 1), &noumea);
        assert_eq!(grid.on(date(2027, 1, 31)), 0);
        assert_eq!(grid.on(date(2027, 2, 1)), 1);
        // Seen from Nouméa on its Sunday, that answer is tomorrow's: not in the grid yet.
        let grid = activity(&p, &modules, date(2027, 1, 31), &noumea);
        assert_eq!(grid.counts.iter().sum::<u32>(), 0);
    }

    #[test]
    fn weekly_accuracy_counts_partial_credit() {
        let modules = vec![module("m", &["a", "b"])];
        let mut p = Progress::new();
        let today = date(2026, 3, 4);
        record(&mut p, "m", "a", 1.0, at(date(2026, 3, 2), 10));
        record(&mut p, "m", "b", 0.5, at(date(2026, 3, 3), 10));
        record(&mut p, "m", "a", 0.0, at(date(2026, 2, 24), 10));
        let weeks = weekly(&p, &modules, today, &TimeZone::UTC);
        assert_eq!(weeks.len(), WEEKS);
        let this = &weeks[WEEKS - 1];
        assert_eq!(this.week_start, date(2026, 3, 2));
        assert_eq!((this.answers, this.correct), (2, 1));
        assert_eq!(this.success(), Some(0.75));
        assert_eq!(weeks[WEEKS - 2].success(), Some(0.0));
        assert_eq!(weeks[0].success(), None);
    }

    #[test]
    fn weakest_questions_by_recent_answers() {
        let ids: Vec<String> = (0..14).map(|i| format!("q{i:02}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let modules = vec![module("m", &refs)];
        let mut p = Progress::new();
        let day = date(2026, 3, 2);
        // q00..q11 wrong once; q12 wrong three times; q13 wrong long ago, right five times since.
        for (i, id) in (0..12).zip(&ids) {
            record(
                &mut p,
                "m",
                id,
                0.0,
                at(day, 8) + jiff::SignedDuration::from_secs(i),
            );
        }
        for h in 0..3 {
            record(&mut p, "m", "q12", 0.0, at(day, 10 + h));
        }
        record(&mut p, "m", "q13", 0.0, at(day, 9));
        for h in 0..5 {
            record(&mut p, "m", "q13", 1.0, at(day, 10 + h));
        }
        let weak = weakest(&p, &modules);
        assert_eq!(weak.len(), WEAKEST);
        assert_eq!(weak[0].question_id, "q12");
        assert_eq!(weak[0].answers, 3);
        assert_eq!(weak[1].question_id, "q00");
        assert!(weak.iter().all(|w| w.question_id != "q13"));
    }

    #[test]
    fn stats_ignore_questions_gone_from_the_content() {
        let modules = vec![module("m", &["a"])];
        let mut p = Progress::new();
        let today = date(2026, 3, 4);
        record(&mut p, "m", "a", 1.0, at(today, 9));
        record(&mut p, "m", "gone", 0.0, at(today, 9));
        p.set_stage_date(Some(date(2026, 3, 9)), at(today, 8));
        let now = at(today, 12).to_zoned(TimeZone::UTC);
        let stats = Stats::compute(&p, &modules, &now);
        assert_eq!((stats.answers, stats.correct), (1, 1));
        assert_eq!(stats.success, 1.0);
        assert_eq!((stats.questions, stats.questions_seen), (1, 1));
        assert_eq!(stats.days_until_stage, Some(5));
        assert!(stats.weakest.is_empty());
        assert_eq!(stats.due_now, 0);
        let json = serde_json::to_value(&stats).expect("serializes");
        assert_eq!(json["stage_date"], "2026-03-09");
        assert_eq!(json["modules"][0]["module_id"], "m");
    }
}
