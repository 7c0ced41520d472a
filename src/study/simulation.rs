//! A simulated learner, on a clock set by hand, who meets the stage ready when she follows the
//! daily plan, and whom the plan tells she is behind when she does not.
//!
//! She answers through the study layer as both front ends do (`Study::answer`, review
//! sessions of `practice::review`, questions missed asked again in the session). Each answer is
//! right with the chance the memory model predicts for it at that moment; a question never
//! seen, with [`FIRST_TIME`]. Her answers are drawn from a seeded generator.

use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use super::{Answer, Start, Study, practice};
use crate::clock::Clock;
use crate::domain::content::Module;
use crate::domain::plan::{DailyPlan, Status};
use crate::domain::progress::Progress;
use crate::domain::question::Response;
use crate::domain::review::DEFAULT_RECALL_TARGET;
use crate::domain::session::SessionKind;
use crate::domain::testing::{lessons, module};

/// The chance of answering right a question never seen (its lesson read).
const FIRST_TIME: f32 = 0.6;
/// The hour of the day she studies.
const HOUR: i8 = 18;

fn paris() -> TimeZone {
    TimeZone::get("Europe/Paris").expect("time zone database")
}

/// The stage's module (60 questions, 3 lessons) and another one the stage does not cover.
fn modules() -> Vec<Module> {
    let ids: Vec<String> = (0..60).map(|i| format!("stage.q{i:02}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut stage = module("stage", &refs);
    stage.lessons = lessons(3);
    vec![
        stage,
        module("autre", &["autre.q1", "autre.q2", "autre.q3"]),
    ]
}

/// A learner on a clock she moves herself.
struct Learner {
    study: Study,
    clock: std::rc::Rc<std::cell::Cell<Timestamp>>,
    rng: StdRng,
    modules: Vec<Module>,
}

impl Learner {
    /// A learner whose stage, on `stage`, covers the module « stage »; she set its date on
    /// the morning of `set_on`.
    fn new(stage: Date, set_on: Date, seed: u64) -> Learner {
        let set_at = set_on.at(8, 0, 0, 0).to_zoned(paris()).expect("valid time");
        let clock = std::rc::Rc::new(std::cell::Cell::new(Timestamp::UNIX_EPOCH));
        let read = std::rc::Rc::clone(&clock);
        let mut study = Study::new(Clock::new(move || read.get(), paris()), Some(seed));
        study.progress = serde_json::from_value(serde_json::json!({
            "format_version": 1,
            "settings": {
                "stage_date": stage.to_string(),
                "stage_modules": ["stage"],
                "changed_at": set_at.timestamp().to_string()
            }
        }))
        .expect("a progress");
        Learner {
            study,
            clock,
            rng: StdRng::seed_from_u64(seed),
            modules: modules(),
        }
    }

    fn set_time(&self, day: Date, hour: i8) {
        let at = day.at(hour, 0, 0, 0).to_zoned(paris()).expect("valid time");
        self.clock.set(at.timestamp());
    }

    fn tick(&self) {
        self.clock
            .set(self.clock.get() + SignedDuration::from_secs(40));
    }

    fn progress(&self) -> &Progress {
        self.study.progress()
    }

    fn plan(&self) -> DailyPlan {
        DailyPlan::compute(self.progress(), &self.modules, &self.study.clock().zoned())
    }

    /// Reads the lessons of the day's share, then answers review sessions until nothing is
    /// left for today.
    fn follow_the_plan(&mut self) {
        let lessons = self.plan().left.lessons;
        let unread: Vec<(String, String)> = self.modules[0]
            .lessons
            .iter()
            .filter(|l| !self.progress().is_lesson_read("stage", &l.id))
            .take(lessons)
            .map(|l| ("stage".to_owned(), l.id.clone()))
            .collect();
        for (module, lesson) in unread {
            self.study.mark_lesson_read(&module, &lesson);
            self.tick();
        }
        for _ in 0..50 {
            let modules = &self.modules;
            let start = self.study.resume_or_start(
                &SessionKind::Review,
                false,
                |_| true,
                |study| {
                    let seed = study.next_seed();
                    let now = study.clock().zoned();
                    practice::review(study.progress(), modules, &now, seed)
                },
            );
            if start == Start::Empty {
                return;
            }
            self.play();
        }
        panic!("the day's reviews never end");
    }

    /// Answers every question of the session being played, then ends it.
    fn play(&mut self) {
        let model = self.progress().model();
        while let Some(id) = self.study.playing().and_then(|s| s.current_id()) {
            let id = id.to_owned();
            let chance = self
                .progress()
                .question(&id)
                .and_then(|q| q.review)
                .map_or(FIRST_TIME, |r| model.recall_at(&r, self.clock.get()));
            let right = self.rng.random::<f32>() < chance;
            let (module, question) = self
                .modules
                .iter()
                .find_map(|m| Some((m.id.clone(), m.all_questions().find(|q| q.id() == id)?)))
                .expect("a question of the content");
            // The questions' statements are all true: « vrai » is right.
            let question = question.clone();
            let answer = self.study.answer(&question, &module, Response::Bool(right));
            assert!(matches!(answer, Answer::Graded(_)), "{answer:?}");
            self.tick();
        }
        self.study.finish();
    }

    /// The predicted recall, at the start of `day`, of each question of the stage's module.
    fn recall_on(&self, day: Date) -> Vec<(String, f32)> {
        let at = day.to_zoned(paris()).expect("valid date").timestamp();
        let model = self.progress().model();
        self.modules[0]
            .all_questions()
            .map(|q| {
                let recall = self
                    .progress()
                    .question(q.id())
                    .and_then(|r| r.review)
                    .map_or(0.0, |r| model.recall_at(&r, at));
                (q.id().to_owned(), recall)
            })
            .collect()
    }
}

fn day_before(day: Date, days: i64) -> Date {
    day.checked_sub(jiff::Span::new().days(days))
        .expect("valid date")
}

#[test]
fn following_the_plan_from_thirty_days_before_meets_the_target_on_the_stage_day() {
    let stage = date(2027, 3, 30);
    // Several learners, each with her own luck; the stage falls just after the clocks change.
    for seed in [1, 2, 3, 4] {
        let mut learner = Learner::new(stage, day_before(stage, 30), seed);
        for days_left in (1..=30).rev() {
            let day = day_before(stage, days_left);
            learner.set_time(day, HOUR);
            let plan = learner.plan();
            assert!(
                !matches!(plan.status, Status::Behind { .. }),
                "seed {seed}, J-{days_left}: {plan:?}"
            );
            learner.follow_the_plan();
            let after = learner.plan();
            assert_eq!(after.status, Status::Done, "seed {seed}, J-{days_left}");
            assert_eq!(after.left.items(), 0);
        }
        // Every question was met and every lesson read before the last days.
        let plan = {
            learner.set_time(stage, 8);
            learner.plan()
        };
        assert_eq!((plan.questions_unseen, plan.lessons_unread), (0, 0));
        let weak: Vec<(String, f32)> = learner
            .recall_on(stage)
            .into_iter()
            .filter(|(_, recall)| *recall < DEFAULT_RECALL_TARGET)
            .collect();
        assert!(weak.is_empty(), "seed {seed}: under the target: {weak:?}");
    }
}

#[test]
fn a_learner_who_stops_for_three_days_is_told_she_is_behind() {
    let stage = date(2027, 3, 30);
    let mut learner = Learner::new(stage, day_before(stage, 30), 9);
    for days_left in (20..=30).rev() {
        learner.set_time(day_before(stage, days_left), HOUR);
        learner.follow_the_plan();
    }
    // Three days without opening conseil.
    learner.set_time(day_before(stage, 16), HOUR);
    let plan = learner.plan();
    let Status::Behind { overdue, missed } = plan.status else {
        panic!("not behind: {plan:?}");
    };
    assert!(overdue > 0, "reviews left from earlier days: {plan:?}");
    assert!(missed > 0, "yesterday's new questions not met: {plan:?}");
    // Her goal grew: more new questions a day, and the reviews left over.
    learner.set_time(day_before(stage, 19), HOUR);
    let kept_up = learner.plan();
    assert!(plan.goal.items() > kept_up.goal.items());
    // Catching up today puts her back on track.
    learner.set_time(day_before(stage, 16), HOUR);
    learner.follow_the_plan();
    assert_eq!(learner.plan().status, Status::Done);
    learner.set_time(day_before(stage, 15), HOUR);
    assert_eq!(learner.plan().status, Status::OnTrack);
}
