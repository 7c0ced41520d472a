//! The memory model fitted away from the learner's answers: `compute_parameters` takes a
//! second or more, so it runs on a thread of its own, started when a profile is opened, and
//! its result is taken in at the next answer (or, in the full-screen app, at the next tick).

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
