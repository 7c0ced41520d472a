//! The learner's study: the one place where a session lives. Front ends (the full-screen app,
//! the plain mode) only show what it holds and pass on what the learner typed; which questions
//! a session asks, how an answer is graded, recorded and saved, when an exam stops, what is
//! kept to resume, are decided here, once.
//!
//! A save that fails never stops the work in memory: the answers stay, the failure is kept
//! ([`Study::unsaved`]) for the front end to tell, and the next change saves everything again.

mod fit;
pub mod practice;
pub mod profile;
#[cfg(test)]
mod simulation;
mod strings;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::clock::Clock;
use crate::content::load::Catalog;
use crate::domain::content::Module;
use crate::domain::layout::Layout;
use crate::domain::progress::{Change, Progress, Remark};
use crate::domain::question::{Outcome, Question, Response};
use crate::domain::session::{QuizSession, SessionKind, elapsed_ms};
use crate::domain::stage;
use crate::store::profiles::{Opened, Store};

use fit::{Fit, Fitting};
use practice::Seeds;

/// What became of an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Graded and recorded.
    Graded(Outcome),
    /// Given after an exam's time ran out: not counted, and the exam is over.
    Late,
    /// No session is being played, or the question is not the current one: nothing recorded.
    Ignored,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Every question was answered.
    Finished,
    /// Stopped before the last question (end of input, the learner left).
    Interrupted,
    /// An exam's time ran out; `late` when an answer came after it and was not counted.
    TimeUp { late: bool },
}

/// What starting a session of some kind found.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// The unfinished session of that kind is played again where it stopped.
    Resumed,
    /// A new session is played. `stale`: an unfinished one of that activity no longer
    /// matched the content and was dropped.
    Fresh { stale: bool },
    /// There was nothing to ask.
    Empty,
}

/// What resuming an activity found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resume {
    /// Its session is played again where it stopped.
    Resumed,
    /// Its session asked questions no longer in the content, and was dropped.
    Stale,
    /// There was none.
    Nothing,
}

/// What became of a remark on a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remarked {
    /// Kept in the progress and saved (a failed save is told as for an answer).
    Saved,
    /// Kept in memory only: the profile is read-only, or none is open.
    NotSaved,
    /// Nothing was kept: no text, or the same remark again.
    Empty,
}

/// A session being played.
#[derive(Debug)]
struct Playing {
    session: QuizSession,
    /// When the current question was shown, for the time spent on it.
    shown_at: Timestamp,
}

/// A learner at work: her progress, where it is saved, the session being played.
#[derive(Debug)]
pub struct Study {
    clock: Clock,
    seeds: Seeds,
    progress: Progress,
    /// `None`: nothing is saved (no profile chosen yet).
    store: Option<Store>,
    playing: Option<Playing>,
    /// Why the last save failed, until one succeeds.
    unsaved: Option<String>,
    /// The memory model being fitted on the learner's answers.
    fitting: Option<Fitting>,
    /// A profile was opened: its fit, if one is due, waits for [`Study::start_fit`].
    fit_pending: bool,
}

impl Study {
    /// A study kept in memory until a profile is opened; `seed` is `--seed`.
    pub fn new(clock: Clock, seed: Option<u64>) -> Study {
        Study {
            clock,
            seeds: Seeds::new(seed),
            progress: Progress::new(),
            store: None,
            playing: None,
            unsaved: None,
            fitting: None,
            fit_pending: false,
        }
    }

    /// Works on the profile `opened` from now on (the previous one is closed, releasing its
    /// lock), the questions of its sessions kept by seed drawn again from `catalog`. Returns
    /// what the learner must be told of it. Its memory model is fitted again, when enough new
    /// answers allow it, from [`Study::start_fit`] on.
    pub fn open(&mut self, opened: Opened, catalog: &Catalog) -> Option<String> {
        self.store = Some(opened.store);
        self.progress = opened.progress;
        practice::draw_sessions(&mut self.progress, catalog);
        self.playing = None;
        self.unsaved = None;
        self.fitting = None;
        self.fit_pending = true;
        opened.notice
    }

    /// Starts fitting the memory model of the profile last opened, when enough new answers
    /// allow it (see [`Study::take_fit`]); nothing after the first call. A front end calls it
    /// once it has shown itself: gathering the answers takes milliseconds on a long history,
    /// and the fit a core, which the first frame would otherwise wait for.
    pub fn start_fit(&mut self) {
        if !std::mem::take(&mut self.fit_pending) || self.is_read_only() {
            return;
        }
        if let Some(job) = self.progress.fit_job(self.clock.tz()) {
            self.fitting = Fitting::start(job, self.clock.now());
        }
    }

    /// Takes in the memory model once its fit is over (`wait`: waits for it), reschedules
    /// every question with it and saves. Returns true when the progress changed.
    pub fn take_fit(&mut self, wait: bool) -> bool {
        let Some(fitting) = self.fitting.take() else {
            return false;
        };
        let model = if wait {
            fitting.wait()
        } else {
            match fitting.poll() {
                Fit::Running => {
                    self.fitting = Some(fitting);
                    return false;
                }
                Fit::Done(model) => model,
            }
        };
        let Some(model) = model else {
            return false;
        };
        self.progress.set_memory_model(model, self.clock.tz());
        self.save();
        true
    }

    /// Closes the profile, releasing its lock; returns its name.
    pub fn close(&mut self) -> Option<String> {
        self.playing = None;
        self.fitting = None;
        self.fit_pending = false;
        self.store.take().map(|s| s.profile().to_owned())
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// True when answers are not saved: a profile open in another window.
    pub fn is_read_only(&self) -> bool {
        self.store.as_ref().is_some_and(Store::is_read_only)
    }

    /// Why the last save failed, while nothing has been saved since.
    pub fn unsaved(&self) -> Option<&str> {
        self.unsaved.as_deref()
    }

    /// The seed of the next session.
    pub fn next_seed(&mut self) -> u64 {
        self.seeds.next_seed()
    }

    /// Saves the whole progress when a profile is open for writing; a failure is kept in
    /// [`Study::unsaved`] and the progress stays in memory.
    pub fn save(&mut self) {
        let Some(store) = self.store.as_ref().filter(|s| !s.is_read_only()) else {
            return;
        };
        self.unsaved = store.save(&self.progress).err().map(|e| format!("{e:#}"));
    }

    /// Saves `change`, just made to the progress, as [`Study::save`] does the whole.
    fn save_change(&mut self, change: Change<'_>) {
        save_change(
            self.store.as_ref(),
            &self.progress,
            change,
            &mut self.unsaved,
        );
    }

    /// Plays `session`: it becomes the session to resume for its activity (an exam's clock
    /// runs on meanwhile) and is saved at once, so that a crash before the first answer still
    /// resumes it. Returns false for a session with nothing to ask.
    pub fn play(&mut self, session: QuizSession) -> bool {
        if session.is_empty() {
            return false;
        }
        if self.progress.keep_session(&session) {
            self.save_change(Change::Session(&session.kind));
        }
        self.playing = Some(Playing {
            session,
            shown_at: self.clock.now(),
        });
        true
    }

    /// Plays the unfinished session of the activity of `kind` where it stopped, unless
    /// `restart` or unless it asks questions no longer in the content (`known` tells which
    /// are); else plays the session `fresh` makes. Other activities' sessions stay to resume.
    pub fn resume_or_start(
        &mut self,
        kind: &SessionKind,
        restart: bool,
        known: impl Fn(&str) -> bool,
        fresh: impl FnOnce(&mut Study) -> QuizSession,
    ) -> Start {
        let stale = if restart {
            // Given up: it must not be offered again. Its answers stay in the history.
            if self.progress.drop_session(kind) {
                self.save_change(Change::Session(kind));
            }
            false
        } else {
            match self.resume(kind, known) {
                Resume::Resumed => return Start::Resumed,
                Resume::Stale => true,
                Resume::Nothing => false,
            }
        };
        let session = fresh(self);
        if !self.play(session) {
            return Start::Empty;
        }
        Start::Fresh { stale }
    }

    /// Plays the unfinished session of the activity of `kind` where it stopped: a session
    /// whose every question was answered plays on to its results. One that asks questions no
    /// longer in the content (`known` tells which are) is dropped.
    pub fn resume(&mut self, kind: &SessionKind, known: impl Fn(&str) -> bool) -> Resume {
        let Some(session) = self.progress.session(kind).cloned() else {
            if !self.progress.has_undrawn_session(kind) {
                return Resume::Nothing;
            }
            // Kept by its seed, and the content no longer gives the questions it began with.
            self.progress.drop_session(kind);
            self.save_change(Change::Session(kind));
            return Resume::Stale;
        };
        // `is_finished` first: a hand-edited file may hold more answers than questions.
        let playable = session.is_finished()
            || session.question_ids[session.position()..]
                .iter()
                .all(|id| known(id));
        if playable {
            self.play(session);
            return Resume::Resumed;
        }
        // It must not be offered again. Its answers stay in the history.
        self.progress.drop_session(kind);
        self.save_change(Change::Session(kind));
        Resume::Stale
    }

    /// The session being played.
    pub fn playing(&self) -> Option<&QuizSession> {
        self.playing.as_ref().map(|p| &p.session)
    }

    /// How the options of `question`, the current one, are laid out.
    pub fn layout(&self, question: &Question) -> Layout {
        self.playing().map_or_else(Layout::default, |s| {
            Layout::of_session(question, s, s.position())
        })
    }

    /// The current question is on screen from now: its time starts. Returns the seconds
    /// left in a timed exam (zero once over).
    pub fn shown(&mut self) -> Option<u64> {
        let now = self.clock.now();
        let playing = self.playing.as_mut()?;
        playing.shown_at = now;
        playing.session.time_left(now)
    }

    /// Seconds left in a timed exam (zero once over), or `None`.
    pub fn time_left(&self) -> Option<u64> {
        self.playing()?.time_left(self.clock.now())
    }

    /// Grades `response` to the current question (`question`, of module `module_id`),
    /// records it in the progress and saves.
    pub fn answer(&mut self, question: &Question, module_id: &str, response: Response) -> Answer {
        let now = self.clock.now();
        let Some(playing) = &mut self.playing else {
            return Answer::Ignored;
        };
        if playing.session.time_left(now) == Some(0) {
            return Answer::Late;
        }
        let duration = elapsed_ms(playing.shown_at, now);
        let Some(outcome) = playing.session.answer(question, response, now, duration) else {
            return Answer::Ignored;
        };
        if let Some(record) = playing.session.answers.last() {
            self.progress
                .record_answer(module_id, record, self.clock.tz());
        }
        self.progress.keep_session(&playing.session);
        // A fit over is taken in with this answer, and saved with it (whole).
        if !self.take_fit(false)
            && let Some(playing) = &self.playing
        {
            save_change(
                self.store.as_ref(),
                &self.progress,
                Change::Answered(&playing.session),
                &mut self.unsaved,
            );
        }
        Answer::Graded(outcome)
    }

    /// « J'avais juste »: the learner's last answer, a short text marked wrong, counts as right
    /// in the session and in her progress, and is saved. False when there is nothing of the
    /// kind to accept (another kind of question, an answer right already, an exam, whose
    /// correction comes only at the end).
    pub fn accept_last_answer(&mut self, question: &Question) -> bool {
        let Some(playing) = &mut self.playing else {
            return false;
        };
        if !matches!(question, Question::Short(_)) || playing.session.hides_feedback() {
            return false;
        }
        let Some(record) = playing
            .session
            .answers
            .last()
            .filter(|a| a.question_id == question.id())
        else {
            return false;
        };
        let at = record.answered_at;
        if playing.session.accept_last().is_none() {
            return false;
        }
        self.progress
            .accept_answer(question.id(), at, self.clock.tz());
        self.progress.keep_session(&playing.session);
        self.save();
        true
    }

    /// Ends the session being played: a module quiz keeps its score, and it stops being the
    /// one to resume. Returns it, for its results.
    pub fn finish(&mut self) -> Option<QuizSession> {
        let playing = self.playing.take()?;
        if self
            .progress
            .finish_session(&playing.session, self.clock.now())
        {
            self.save_change(Change::Finished(&playing.session));
        }
        Some(playing.session)
    }

    /// Stops playing without ending: an unfinished quiz stays to resume. Returns it.
    pub fn leave(&mut self) -> Option<QuizSession> {
        self.playing.take().map(|p| p.session)
    }

    /// Marks a lesson read, and saves if it was not.
    pub fn mark_lesson_read(&mut self, module_id: &str, lesson_id: &str) {
        let now = self.clock.now();
        if self.progress.mark_lesson_read(module_id, lesson_id, now) {
            self.save_change(Change::Module(module_id));
        }
    }

    /// Keeps the learner's remark on the question `question_id` of `module`, for a trainer,
    /// with the dates that identify the content it was made on, and saves.
    pub fn remark(&mut self, module: &Module, question_id: &str, text: &str) -> Remarked {
        let remark = Remark {
            at: self.clock.now(),
            question_id: question_id.to_owned(),
            module_id: module.id.clone(),
            valid_as_of: module.valid_as_of,
            reviewed: module.reviewed,
            conseil_version: env!("CARGO_PKG_VERSION").to_owned(),
            text: text.to_owned(),
            extra: std::collections::BTreeMap::new(),
        };
        if !self.progress.add_remark(remark) {
            return Remarked::Empty;
        }
        if self.store.as_ref().is_some_and(|s| !s.is_read_only()) {
            self.save();
            Remarked::Saved
        } else {
            Remarked::NotSaved
        }
    }

    /// Sets (or clears) the stage date and the modules it covers (empty: all), and saves if
    /// they changed. A new date must not be past ([`stage::check_date`]); the date saved
    /// before may stay, even once past.
    pub fn set_stage(
        &mut self,
        date: Option<Date>,
        modules: Vec<String>,
    ) -> Result<(), stage::DateError> {
        if let Some(d) = date
            && date != self.progress.settings().stage_date
        {
            stage::check_date(d, self.clock.today())?;
        }
        let now = self.clock.now();
        let date_changed = self.progress.set_stage_date(date, now);
        if self.progress.set_stage_modules(modules, now) || date_changed {
            self.save_change(Change::Settings);
        }
        Ok(())
    }
}

/// Saves `change`, just made to `progress`, when `store` is open for writing, and sets
/// `unsaved` (see [`Study::unsaved`]) by the outcome. A free function: the session being
/// answered is borrowed from the study meanwhile.
fn save_change(
    store: Option<&Store>,
    progress: &Progress,
    change: Change<'_>,
    unsaved: &mut Option<String>,
) {
    if let Some(store) = store.filter(|s| !s.is_read_only()) {
        *unsaved = store
            .save_change(progress, change)
            .err()
            .map(|e| format!("{e:#}"));
    }
}
