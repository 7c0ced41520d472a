//! The memory model fitted away from the learner's answers: `compute_parameters` takes tens of
//! milliseconds on a long history (see `domain::progress::fit`), a stall the interface need not
//! show, so it runs on a thread of its own, started once a profile is open and the front end
//! has shown itself (`Study::start_fit`), and its result is taken in at the next answer (or, in
//! the full-screen app, at the next tick).

use std::sync::mpsc::{self, Receiver, TryRecvError};

use jiff::Timestamp;

use crate::domain::progress::FitJob;
use crate::domain::review::MemoryModel;

/// A fit running on its own thread.
#[derive(Debug)]
pub struct Fitting {
    result: Receiver<Option<MemoryModel>>,
}

/// Where a fit stands.
#[derive(Debug)]
pub enum Fit {
    Running,
    /// Over: the model, or `None` when fsrs could not fit one.
    Done(Option<MemoryModel>),
}

impl Fitting {
    /// Starts `job`, to be dated `at`; `None` when no thread could be started (the fit is
    /// then tried again at the next opening).
    pub fn start(job: FitJob, at: Timestamp) -> Option<Fitting> {
        let (send, result) = mpsc::channel();
        std::thread::Builder::new()
            .name("conseil-fit".into())
            .spawn(move || {
                // Nobody may be waiting any more (the profile was closed): nothing to do.
                let _ = send.send(job.run(at));
            })
            .ok()?;
        Some(Fitting { result })
    }

    /// Where the fit stands, without waiting.
    pub fn poll(&self) -> Fit {
        match self.result.try_recv() {
            Ok(model) => Fit::Done(model),
            Err(TryRecvError::Empty) => Fit::Running,
            Err(TryRecvError::Disconnected) => Fit::Done(None),
        }
    }

    /// Waits for the end of the fit.
    pub fn wait(self) -> Option<MemoryModel> {
        self.result.recv().ok().flatten()
    }
}

#[cfg(test)]
mod tests {
    use jiff::tz::TimeZone;

    use crate::clock::Clock;
    use crate::domain::testing::forgetful_learner;
    use crate::store::profiles::DataDir;
    use crate::study::Study;

    #[test]
    fn opening_a_profile_with_enough_reviews_fits_its_model_and_saves_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let at = "2026-12-01T08:00:00Z".parse().expect("valid instant");
        let clock = Clock::fixed(at, TimeZone::get("Europe/Paris").expect("tzdb"));
        let data = DataDir::at(dir.path(), &clock);
        let opened = data.open("Léa").expect("opens");
        opened
            .store
            .save(&forgetful_learner(150, 90))
            .expect("saves");
        drop(opened);

        let mut study = Study::new(clock.clone(), Some(1));
        study.open(
            data.open("Léa").expect("opens"),
            &crate::content::load::Catalog::from_reports(Vec::new()),
        );
        study.start_fit();
        assert!(study.fitting.is_some(), "a fit started");
        assert!(study.take_fit(true));
        assert!(study.progress().model().is_fitted());
        drop(study);
        let saved = data.open_read_only("Léa").expect("reads").progress;
        let memory = saved.memory_model().expect("saved");
        assert_eq!(memory.fitted_at, at);

        // Opened again with no new answer: nothing to fit.
        let mut study = Study::new(clock.clone(), Some(1));
        study.open(
            data.open("Léa").expect("opens"),
            &crate::content::load::Catalog::from_reports(Vec::new()),
        );
        study.start_fit();
        assert!(study.fitting.is_none());
        assert!(!study.take_fit(true));
    }

    #[test]
    fn a_profile_open_read_only_is_never_fitted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let at = "2026-12-01T08:00:00Z".parse().expect("valid instant");
        let clock = Clock::fixed(at, TimeZone::UTC);
        let data = DataDir::at(dir.path(), &clock);
        let opened = data.open("Léa").expect("opens");
        opened
            .store
            .save(&forgetful_learner(150, 90))
            .expect("saves");
        let mut study = Study::new(clock.clone(), Some(1));
        study.open(
            data.open_read_only("Léa").expect("reads"),
            &crate::content::load::Catalog::from_reports(Vec::new()),
        );
        study.start_fit();
        assert!(study.fitting.is_none());
        drop(opened);
    }
}
