//! Fitting the memory model on the learner's own answers (`fsrs::compute_parameters`).
//!
//! FSRS learns from reviews that come a day or more after an earlier answer to the same
//! question (a « long-term » review, in its words); answers given the same day say little
//! about forgetting. The fsrs crate returns its default parameters below 8 such reviews and
//! fits only the four first-answer stabilities below 64; fitting all 21 parameters on a few
//! dozen answers would follow their noise. [`MIN_FIT_REVIEWS`] asks for several hundred.
//!
//! Fitting takes some 20 ms for a thousand reviews and 70 ms for twenty thousand (measured in
//! a debug build): too slow to run on every answer, and a stall when a profile opens. The
//! study layer asks for a [`FitJob`] once a profile is open and the front end has shown itself,
//! and runs it on another thread (`study::fit`).

use fsrs::{ComputeParametersInput, FSRSItem, FSRSReview, compute_parameters};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{Attempt, Progress, QuestionProgress};
use crate::domain::review::{
    MEMORY_MODEL_VERSION, MemoryModel, Model, Policy, Rating, ReviewState, Stage, schedule,
};

/// Reviews on a later day than an earlier answer needed before the first fit: some twenty per
/// parameter of FSRS-6, six times the 64 from which the crate fits them all.
pub const MIN_FIT_REVIEWS: usize = 400;
/// New reviews of that kind after which the model is fitted again.
pub const REFIT_AFTER: usize = 200;
/// A fit takes the histories of the questions answered last, whole (FSRS needs each one's
/// first answers), until about this many reviews: its time stays bounded however long the
/// history.
const MAX_FIT_REVIEWS: usize = 20_000;

/// A fit to run away from the interface: a copy of the learner's answers, the questions
/// answered last first. Even turning them into FSRS's items takes tens of milliseconds on a
/// long history (each item is a question's answers up to one review), so that is the job's
/// work too, not the caller's.
#[derive(Debug, Clone)]
pub struct FitJob {
    records: Vec<Vec<Attempt>>,
    tz: TimeZone,
    reviews: usize,
}

impl FitJob {
    /// Reviews it fits on.
    pub fn reviews(&self) -> usize {
        self.reviews
    }

    /// FSRS's training items, and the question (card) each comes from: every prefix of a
    /// question's answers that ends on a long-term review, until [`MAX_FIT_REVIEWS`].
    fn items(&self) -> (Vec<FSRSItem>, Vec<i64>) {
        let (mut items, mut card_ids) = (Vec::new(), Vec::new());
        for (card, attempts) in (0_i64..).zip(&self.records) {
            if items.len() >= MAX_FIT_REVIEWS {
                break;
            }
            let reviews = reviews_of(attempts, &self.tz);
            for end in 1..reviews.len() {
                let item = FSRSItem {
                    reviews: reviews[..=end].to_vec(),
                };
                if item.long_term_review_cnt() > 0 {
                    items.push(item);
                    card_ids.push(card);
                }
            }
        }
        (items, card_ids)
    }

    /// Fits the parameters (tens of milliseconds); `at` is kept as the time of the fit. `None`
    /// when fsrs could not fit them.
    pub fn run(self, at: Timestamp) -> Option<MemoryModel> {
        let (items, card_ids) = self.items();
        let parameters = compute_parameters(ComputeParametersInput {
            train_set: items,
            card_ids: Some(card_ids),
            ..ComputeParametersInput::default()
        })
        .ok()?;
        let model = MemoryModel {
            version: MEMORY_MODEL_VERSION,
            parameters,
            reviews: self.reviews,
            fitted_at: at,
            extra: std::collections::BTreeMap::new(),
        };
        Model::of(Some(&model)).is_fitted().then_some(model)
    }
}

/// FSRS's rating of an answer: 1 again, 2 hard, 3 good.
fn fsrs_rating(attempt: &Attempt) -> u32 {
    match Rating::of(attempt.score, attempt.verdict) {
        Rating::Again => 1,
        Rating::Hard => 2,
        Rating::Good => 3,
    }
}

/// The answers of one question as FSRS reviews: a rating and the calendar days since the
/// previous answer.
fn reviews_of(attempts: &[Attempt], tz: &TimeZone) -> Vec<FSRSReview> {
    let mut last_day = None;
    attempts
        .iter()
        .map(|a| {
            let day = tz.to_datetime(a.at).date();
            let delta = last_day.map_or(0, |last: jiff::civil::Date| {
                day.duration_since(last).as_hours() / 24
            });
            last_day = Some(day);
            FSRSReview {
                rating: fsrs_rating(a),
                delta_t: u32::try_from(delta.max(0)).unwrap_or(u32::MAX),
            }
        })
        .collect()
}

/// Reviews of `attempts` a day or more after the first answer: those FSRS learns from.
fn long_term(attempts: &[Attempt], tz: &TimeZone) -> usize {
    let Some(first) = attempts.first() else {
        return 0;
    };
    let first_day = tz.to_datetime(first.at).date();
    attempts
        .iter()
        .filter(|a| tz.to_datetime(a.at).date() > first_day)
        .count()
}

impl Progress {
    /// Reviews the memory model can be fitted on: answers given on a later day than an earlier
    /// answer to the same question.
    pub fn fit_reviews(&self, tz: &TimeZone) -> usize {
        self.questions
            .values()
            .map(|q| long_term(&q.attempts, tz))
            .sum()
    }

    /// The fit to run, if one is due: once there are [`MIN_FIT_REVIEWS`] reviews, then each
    /// time [`REFIT_AFTER`] more have come. A model written by a later conseil (another
    /// version) is left alone.
    pub fn fit_job(&self, tz: &TimeZone) -> Option<FitJob> {
        let reviews = self.fit_reviews(tz);
        let due = match &self.memory {
            None => reviews >= MIN_FIT_REVIEWS,
            Some(m) if m.version == MEMORY_MODEL_VERSION => {
                reviews >= MIN_FIT_REVIEWS.max(m.reviews.saturating_add(REFIT_AFTER))
            }
            Some(_) => false,
        };
        if !due {
            return None;
        }
        let mut records: Vec<Vec<Attempt>> = self
            .questions
            .values()
            .filter(|q| q.attempts.len() > 1)
            .map(|q| q.attempts.clone())
            .collect();
        records.sort_by_key(|a| std::cmp::Reverse(a.last().map(|l| l.at)));
        Some(FitJob {
            records,
            tz: tz.clone(),
            reviews,
        })
    }

    /// Takes `model` as the learner's memory model and schedules every question again with
    /// it, as if each answer had been recorded under it (`tz`: the learner's time zone).
    pub fn set_memory_model(&mut self, model: MemoryModel, tz: &TimeZone) {
        self.memory = Some(model);
        let model = self.model();
        let stage = self.settings.stage();
        for record in self.questions.values_mut() {
            replay(record, stage, &model, tz);
        }
    }
}

/// Plans `record`'s review again from its whole history, as its answers would have planned
/// it one after the other.
pub(super) fn replay(
    record: &mut QuestionProgress,
    stage: Stage<'_>,
    model: &Model,
    tz: &TimeZone,
) {
    let mut review: Option<ReviewState> = None;
    for attempt in &record.attempts {
        let policy = Policy::for_module(stage, &record.module_id, attempt.at, tz);
        let rating = Rating::of(attempt.score, attempt.verdict);
        review = Some(schedule(
            review.as_ref(),
            rating,
            attempt.at,
            policy,
            model,
            tz,
        ));
    }
    if review.is_some() {
        record.review = review;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::forgetful_learner;
    use fsrs::FSRS;

    fn paris() -> TimeZone {
        TimeZone::get("Europe/Paris").expect("time zone database")
    }

    fn log_loss(parameters: &[f32], job: &FitJob) -> f32 {
        FSRS::new(parameters)
            .expect("valid parameters")
            .evaluate(job.items().0, |_| true)
            .expect("evaluates")
            .log_loss
    }

    #[test]
    fn the_model_is_fitted_on_the_learners_own_log_once_there_is_enough_of_it() {
        let tz = paris();
        let small = forgetful_learner(20, 30);
        assert!(small.fit_reviews(&tz) < MIN_FIT_REVIEWS);
        assert!(small.fit_job(&tz).is_none());

        let mut progress = forgetful_learner(150, 90);
        let reviews = progress.fit_reviews(&tz);
        assert!(reviews >= MIN_FIT_REVIEWS, "{reviews}");
        let job = progress.fit_job(&tz).expect("enough reviews");
        assert_eq!(job.reviews(), reviews);
        let at: Timestamp = "2026-12-01T08:00:00Z".parse().expect("valid instant");
        let fitted = job.clone().run(at).expect("fitted");
        assert_eq!(
            (
                fitted.version,
                fitted.parameters.len(),
                fitted.reviews,
                fitted.fitted_at
            ),
            (MEMORY_MODEL_VERSION, 21, reviews, at)
        );
        // Her own parameters predict her answers better than the average learner's.
        let own = log_loss(&fitted.parameters, &job);
        let average = log_loss(&fsrs::DEFAULT_PARAMETERS, &job);
        assert!(own < average, "fitted {own}, default {average}");
        // They are used from now on: every question is scheduled again with them.
        let before = progress.question("q000").and_then(|q| q.review);
        progress.set_memory_model(fitted.clone(), &tz);
        assert!(progress.model().is_fitted());
        assert_eq!(progress.memory_model(), Some(&fitted));
        let after = progress.question("q000").and_then(|q| q.review);
        assert_ne!(before, after);
        assert_eq!(before.map(|r| r.reps), after.map(|r| r.reps));
        // No new fit until enough new reviews came.
        assert!(progress.fit_job(&tz).is_none());
        // The model is kept in the file, with fields a later version would add.
        let mut json = serde_json::to_value(&progress).expect("serializes");
        json["memory"]["later"] = serde_json::json!(true);
        let back: Progress = serde_json::from_value(json).expect("reads");
        let memory = back.memory_model().expect("kept");
        assert_eq!(memory.parameters, fitted.parameters);
        assert_eq!(memory.extra.get("later"), Some(&serde_json::json!(true)));
    }

    #[test]
    fn a_long_history_is_fitted_on_the_questions_answered_last_whole() {
        let tz = paris();
        // Some 30,000 reviews: the fit takes the latest questions' whole histories, about
        // 20,000 reviews, first answers included, and still fits.
        let progress = forgetful_learner(3000, 200);
        assert!(progress.fit_reviews(&tz) > MAX_FIT_REVIEWS * 3 / 2);
        let job = progress.fit_job(&tz).expect("enough reviews");
        let (items, _) = job.items();
        assert!(items.len() >= MAX_FIT_REVIEWS);
        assert!(items.len() < MAX_FIT_REVIEWS + 100);
        assert!(items.iter().any(|i| i.long_term_review_cnt() == 1));
        assert!(job.run(Timestamp::UNIX_EPOCH).is_some());
    }

    #[test]
    fn a_model_of_a_later_version_is_kept_but_never_refitted_nor_used() {
        let tz = paris();
        let mut progress = forgetful_learner(150, 90);
        progress.memory = Some(MemoryModel {
            version: MEMORY_MODEL_VERSION + 1,
            parameters: vec![1.0; 30],
            reviews: 10,
            fitted_at: Timestamp::UNIX_EPOCH,
            extra: std::collections::BTreeMap::new(),
        });
        assert!(progress.fit_job(&tz).is_none());
        assert!(!progress.model().is_fitted());
    }
}
