//! The memory model: FSRS-6, with its default parameters or with the learner's own once they
//! have been fitted on her answers (`Progress::fit_job`).

use std::collections::BTreeMap;

use fsrs::{FSRS, MemoryState, NextStates, current_retrievability};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ReviewState;

/// The version of [`MemoryModel`] this binary writes: the 21 parameters of FSRS-6.
pub const MEMORY_MODEL_VERSION: u32 = 1;

/// FSRS-6 has 21 parameters; the last one is the decay of the forgetting curve.
const PARAMETERS: usize = 21;

/// The fsrs crate keeps the decay within these bounds when it fits or loads parameters.
const DECAY_RANGE: (f32, f32) = (0.1, 0.8);

const SECS_PER_DAY: f32 = 86_400.0;

/// The learner's own FSRS parameters, as the progress file keeps them: our own record, never
/// an fsrs type, so that a change of crate never makes a progress file unreadable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemoryModel {
    /// What `parameters` are: [`MEMORY_MODEL_VERSION`]. A record of another version (written
    /// by a later conseil) is kept as it is but not used.
    pub version: u32,
    pub parameters: Vec<f32>,
    /// How many reviews it was fitted on, so that it is fitted again only once enough new
    /// ones have come (`Progress::fit_job`).
    pub reviews: usize,
    pub fitted_at: Timestamp,
    /// Fields this version does not know, kept as they are.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// FSRS-6 with a set of parameters.
#[derive(Debug, Clone)]
pub struct Model {
    fsrs: FSRS,
    decay: f32,
    fitted: bool,
}

impl Default for Model {
    /// The default parameters, fitted by the FSRS authors on millions of reviews.
    fn default() -> Self {
        Model {
            fsrs: FSRS::default(),
            decay: fsrs::FSRS6_DEFAULT_DECAY,
            fitted: false,
        }
    }
}

impl Model {
    /// The model of the learner's own parameters when there are usable ones, else the default.
    /// A record FSRS refuses (a hand-edited file) or of an unknown version is not used.
    pub fn of(memory: Option<&MemoryModel>) -> Model {
        memory
            .filter(|m| m.version == MEMORY_MODEL_VERSION && m.parameters.len() == PARAMETERS)
            .filter(|m| m.parameters.iter().all(|w| w.is_finite()))
            .and_then(|m| {
                let fsrs = FSRS::new(&m.parameters).ok()?;
                let decay = m.parameters[PARAMETERS - 1].clamp(DECAY_RANGE.0, DECAY_RANGE.1);
                Some(Model {
                    fsrs,
                    decay,
                    fitted: true,
                })
            })
            .unwrap_or_default()
    }

    /// True when the parameters are the learner's own.
    pub fn is_fitted(&self) -> bool {
        self.fitted
    }

    /// The chance of recalling, `days` after the last review, a memory stable for
    /// `stability` days (90 % after `stability` days, by definition of stability).
    pub fn recall(&self, stability: f32, days: f32) -> f32 {
        if !(stability.is_finite() && stability > 0.0) {
            return 0.0;
        }
        let r = current_retrievability(
            MemoryState {
                stability,
                difficulty: 5.0,
            },
            days.max(0.0),
            self.decay,
        );
        if r.is_finite() {
            r.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The chance of recalling the question of `state` at `at`.
    pub fn recall_at(&self, state: &ReviewState, at: Timestamp) -> f32 {
        self.recall(state.stability, days_between(state.last_review, at))
    }

    pub(super) fn next_states(
        &self,
        memory: Option<MemoryState>,
        retention: f32,
        elapsed_days: u32,
    ) -> Option<NextStates> {
        self.fsrs.next_states(memory, retention, elapsed_days).ok()
    }
}

/// Days, with their fraction, from `from` to `to` (zero if `to` is earlier).
pub fn days_between(from: Timestamp, to: Timestamp) -> f32 {
    // Seconds between two dates of the calendar fit an f32 closely enough for a forgetting
    // curve; the precision lost is far below a second.
    #[allow(clippy::cast_possible_truncation)]
    let secs = to.duration_since(from).as_secs_f64() as f32;
    (secs / SECS_PER_DAY).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(parameters: Vec<f32>, version: u32) -> MemoryModel {
        MemoryModel {
            version,
            parameters,
            reviews: 500,
            fitted_at: Timestamp::UNIX_EPOCH,
            extra: BTreeMap::new(),
        }
    }

    #[test]
    fn recall_is_ninety_percent_after_the_stability() {
        let model = Model::default();
        assert!((model.recall(10.0, 10.0) - 0.9).abs() < 1e-4);
        assert!(model.recall(10.0, 1.0) > 0.98);
        assert!(model.recall(10.0, 100.0) < 0.7);
        assert_eq!(model.recall(0.0, 1.0), 0.0);
        assert_eq!(model.recall(f32::NAN, 1.0), 0.0);
        assert!(!model.is_fitted());
    }

    #[test]
    fn only_usable_parameters_replace_the_defaults() {
        let mut own = fsrs::DEFAULT_PARAMETERS.to_vec();
        // A steeper forgetting curve: the same stability is recalled less after it.
        own[20] = 0.5;
        let model = Model::of(Some(&record(own.clone(), MEMORY_MODEL_VERSION)));
        assert!(model.is_fitted());
        assert!((model.recall(10.0, 10.0) - 0.9).abs() < 1e-4);
        assert!(model.recall(10.0, 100.0) < Model::default().recall(10.0, 100.0));
        // Another version, a short list or a NaN: the defaults.
        assert!(!Model::of(Some(&record(own.clone(), 2))).is_fitted());
        assert!(!Model::of(Some(&record(own[..20].to_vec(), 1))).is_fitted());
        own[3] = f32::NAN;
        assert!(!Model::of(Some(&record(own, 1))).is_fitted());
        assert!(!Model::of(None).is_fitted());
    }
}
