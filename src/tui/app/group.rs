//! The group quiz in the app: opening it (the lock first), and carrying out its actions. The
//! session changes here and is saved at once, so that a crash or a closed laptop loses
//! nothing; a new session never replaces an unfinished one, which is kept aside.

use anyhow::{Result, anyhow};

use super::App;
use crate::cli::GroupArgs;
use crate::domain::group::history::SessionSummary;
use crate::domain::group::set::QuizSet;
use crate::domain::group::{
    Advance, GroupSession, GroupSettings, MAX_TEAMS, MIN_TEAMS, SetupError, draw_questions,
};
use crate::store::group::{GroupStore, load_for_resume, results_stem};
use crate::tui::action::GroupAction;
use crate::tui::screens::Screen;
use crate::tui::screens::group::GroupScreen;
use crate::tui::screens::group::play::{NarrativeView, PlayScreen};
use crate::tui::screens::group::report::session_doc;
use crate::tui::screens::group::results::GroupResults;
use crate::tui::screens::group::setup::{SetupScreen, team_name_error};
use crate::tui::screens::group::strings;

/// How `conseil group` opens: on the saved session (`--resume`), on a saved quiz set
/// (`--set NOM`), or on a blank setup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupOpening {
    pub resume: bool,
    pub set: Option<String>,
    /// Open the room for phones (`--salle`).
    pub room: Option<super::room::RoomWanted>,
}

impl From<bool> for GroupOpening {
    fn from(resume: bool) -> Self {
        GroupOpening {
            resume,
            set: None,
            room: None,
        }
    }
}

impl From<&GroupArgs> for GroupOpening {
    fn from(args: &GroupArgs) -> Self {
        GroupOpening {
            resume: args.resume,
            set: args.set.clone(),
            room: args
                .salle
                .then(|| super::room::RoomWanted::new(args.interface, args.port)),
        }
    }
}

impl App {
    /// Saves group sessions in `store`, and writes their results there (or in its `--out`).
    pub fn with_group_store(mut self, store: GroupStore) -> App {
        self.group = Some(store);
        self
    }

    /// `conseil group`: the setup on top of the home screen, filled from a saved set with
    /// `--set`, or with `--resume` the saved session. Fails, before anything is drawn, when
    /// another window has the group quiz open, when there is nothing to resume, or when the
    /// set cannot be read.
    pub fn open_group(&mut self, how: impl Into<GroupOpening>) -> Result<()> {
        let how = how.into();
        self.lock_group()?;
        self.room_wanted = how.room;
        let opened = if how.resume {
            self.load_group().and_then(|s| {
                let session = s.ok_or_else(|| anyhow!(strings::GROUP_NOTHING_TO_RESUME))?;
                self.push_play(session, None);
                Ok(())
            })
        } else if let Some(name) = &how.set {
            let set = match &self.group {
                Some(store) => store.load_set(name),
                None => Err(anyhow!(strings::GROUP_NOT_SAVED)),
            };
            set.map(|set| self.push_setup(Some((name, &set))))
        } else {
            self.push_setup(None);
            Ok(())
        };
        if opened.is_err()
            && let Some(store) = &mut self.group
        {
            store.unlock();
        }
        opened
    }

    /// Takes the group lock: one window at a time plays the group quiz.
    fn lock_group(&mut self) -> Result<()> {
        match &mut self.group {
            Some(store) => store.lock(),
            None => Ok(()),
        }
    }

    /// The saved session, its clock stopped where it was last saved: a session read back
    /// was stopped by a crash, a closed laptop or the trainer leaving it.
    fn load_group(&self) -> Result<Option<GroupSession>> {
        let Some(store) = &self.group else {
            return Ok(None);
        };
        let mut session = load_for_resume(store, |id| self.index.get(id).is_some())?;
        if let Some(s) = &mut session {
            // Without teams, only phones can answer: without the room, nobody could.
            if s.teams.is_empty() && self.room_wanted.is_none() {
                return Err(anyhow!(strings::GROUP_RESUME_NEEDS_ROOM));
            }
            s.interrupt();
        }
        Ok(session)
    }

    /// From the home screen: the setup, or why the group quiz cannot open here.
    pub(super) fn open_group_setup(&mut self) {
        match self.lock_group() {
            Ok(()) => self.push_setup(None),
            Err(e) => {
                self.notice = Some(format!("{e:#}"));
                self.refresh();
            }
        }
    }

    /// Opens the setup (from a saved set), asking first about a saved session left
    /// unfinished.
    fn push_setup(&mut self, set: Option<(&str, &QuizSet)>) {
        let (resumable, notice) = match self.load_group() {
            Ok(Some(s)) if !s.is_finished() => (
                Some(strings::group_saved_summary(
                    s.position(),
                    s.len(),
                    s.teams.len(),
                )),
                None,
            ),
            Ok(_) => (None, None),
            Err(e) => (None, Some(format!("{e:#}"))),
        };
        let notice = notice.or_else(|| {
            self.group
                .is_none()
                .then(|| strings::GROUP_NOT_SAVED.to_owned())
        });
        let mut setup = SetupScreen::new(&self.ctx(), resumable, notice);
        if self.room_wanted.is_some() {
            setup = setup.for_room();
        }
        if let Some((name, set)) = set {
            setup = setup.with_set(name, set);
        }
        self.push(Screen::Group(Box::new(GroupScreen::Setup(setup))));
    }

    /// Replaces the setup (if it is on top) with the session, saved at once; `message` says
    /// where an unfinished session was kept aside.
    fn push_play(&mut self, session: GroupSession, message: Option<String>) {
        let failed = self.save_group(&session);
        if let Some(Screen::Group(g)) = self.screens.last()
            && matches!(g.as_ref(), GroupScreen::Setup(_))
        {
            self.screens.pop();
        }
        let mut play = PlayScreen::new(session, self.study.clock().now());
        play.message = failed.or(message);
        self.open_room(&mut play);
        play.note_question(&self.ctx());
        let narrative = play.starts_a_case_step(&self.ctx());
        self.push(Screen::Group(Box::new(GroupScreen::Play(Box::new(play)))));
        if narrative {
            self.play(GroupAction::ShowNarrative(true), self.study.clock().now());
        }
    }

    /// Saves `session`; returns what to tell the trainer when it could not be saved.
    fn save_group(&self, session: &GroupSession) -> Option<String> {
        let store = self.group.as_ref()?;
        store
            .save(session)
            .err()
            .map(|e| format!("{} {e:#}", strings::GROUP_SAVE_FAILED))
    }

    pub(super) fn apply_group(&mut self, action: GroupAction) {
        let now = self.study.clock().now();
        match action {
            GroupAction::Start {
                teams,
                pool,
                count,
                timer_secs,
                scoring,
                group_name,
                high_contrast,
            } => {
                let seed = self.study.next_seed();
                let settings = GroupSettings {
                    teams,
                    question_ids: draw_questions(&pool, count, seed),
                    timer_secs,
                    scoring,
                    seed,
                    group_name,
                    high_contrast,
                };
                let session = if self.room_wanted.is_some() {
                    GroupSession::for_room(settings, now)
                } else {
                    GroupSession::new(settings, now)
                };
                match session {
                    Ok(session) => self.start_group(session),
                    Err(e) => self.tell_setup(strings::warning(&setup_error(e))),
                }
            }
            GroupAction::Resume => match self.load_group() {
                Ok(Some(session)) => self.push_play(session, None),
                Ok(None) => self.tell_setup(strings::warning(strings::GROUP_NOTHING_TO_RESUME)),
                Err(e) => self.tell_setup(strings::warning(&format!("{e:#}"))),
            },
            GroupAction::SaveSet { name, set } => {
                let message = match &self.group {
                    Some(store) => match store.save_set(&name, &set) {
                        Ok(_) => strings::group_set_saved(&name),
                        Err(e) => strings::warning(&format!("{e:#}")),
                    },
                    None => strings::warning(strings::GROUP_NOT_SAVED),
                };
                self.tell_setup(message);
            }
            GroupAction::Leave { home } => self.leave_group(home),
            action => self.play(action, now),
        }
    }

    /// A new session: an unfinished one saved before is kept aside, never replaced.
    fn start_group(&mut self, session: GroupSession) {
        let Some(store) = &self.group else {
            self.push_play(session, None);
            return;
        };
        let clock = self.study.clock();
        match store.start(&session, clock.now(), clock.tz()) {
            Ok(aside) => {
                let message =
                    aside.map(|path| strings::group_kept_aside(&path.display().to_string()));
                self.push_play(session, message);
            }
            // Nothing was replaced; the trainer is told why, on the setup.
            Err(e) => self.tell_setup(strings::warning(&format!("{e:#}"))),
        }
    }

    /// Leaves the group quiz for the screen below it (or the home screen), and lets another
    /// window open it.
    fn leave_group(&mut self, home: bool) {
        if let Some(store) = &mut self.group {
            store.unlock();
        }
        // The server runs only while the session does.
        self.room = None;
        let first_group = self
            .screens
            .iter()
            .position(|s| matches!(s, Screen::Group(_)))
            .unwrap_or(self.screens.len());
        self.truncate(if home { 1 } else { first_group.max(1) });
    }

    fn tell_setup(&mut self, message: String) {
        if let Some(Screen::Group(g)) = self.screens.last_mut()
            && let GroupScreen::Setup(setup) = g.as_mut()
        {
            setup.message = Some(message);
        }
    }

    /// An action on the session being played.
    fn play(&mut self, action: GroupAction, now: jiff::Timestamp) {
        // The fields apart: the screen changes while the content is read and the store saves.
        let App {
            catalog,
            index,
            theme,
            view,
            study,
            first_run,
            screens,
            group,
            room,
            ..
        } = self;
        let ctx = super::context(catalog, index, theme, view, study, *first_run);
        let Some(Screen::Group(g)) = screens.last_mut() else {
            return;
        };
        let GroupScreen::Play(play) = g.as_mut() else {
            return;
        };
        let mut export = false;
        let changed = match action {
            GroupAction::Next => match play.session.next(now) {
                Advance::Question => {
                    play.note_question(&ctx);
                    if play.starts_a_case_step(&ctx) {
                        show_narrative(play, true, now);
                    }
                    true
                }
                Advance::Finished => {
                    export = true;
                    true
                }
                Advance::NotRevealed => false,
            },
            GroupAction::Finish => {
                export = play.session.finish_early(now);
                export
            }
            GroupAction::Export => {
                export = true;
                false
            }
            GroupAction::Reveal => {
                let question = play
                    .session
                    .current()
                    .and_then(|r| ctx.index.get(&r.question_id));
                question.is_some_and(|q| play.session.reveal(q, now))
            }
            GroupAction::Undo => {
                let undone = play.session.undo_last_scoring(now);
                if !undone {
                    play.message = Some(strings::GROUP_NOTHING_TO_UNDO.to_owned());
                }
                play.note_question(&ctx);
                undone
            }
            GroupAction::ShowNarrative(open) => show_narrative(play, open, now),
            GroupAction::RemoveParticipant(participant) => {
                super::room::remove(room.as_ref(), play, participant, now)
            }
            action => on_clock_or_entry(play, action, now),
        };
        if changed
            && let Some(store) = group
            && let Err(e) = store.save(&play.session)
        {
            play.message = Some(format!("{} {e:#}", strings::GROUP_SAVE_FAILED));
        }
        if export {
            self.export_group();
        }
    }

    /// Writes the results (CSV, JSON) and the report (Markdown, HTML) of the session played,
    /// after adding it to its group's history.
    fn export_group(&mut self) {
        let tz = self.study.clock().tz().clone();
        let Some(Screen::Group(g)) = self.screens.last_mut() else {
            return;
        };
        let GroupScreen::Play(play) = g.as_mut() else {
            return;
        };
        let session = &play.session;
        let index = &self.index;
        let results = GroupResults::new(session, |id| index.get(id));
        let totals = match (&self.group, &session.group_name) {
            (Some(store), Some(group)) => {
                match store.record_history(group, SessionSummary::of(session)) {
                    Ok(history) => Some(history.totals()),
                    Err(e) => {
                        play.message = Some(strings::warning(&format!("{e:#}")));
                        None
                    }
                }
            }
            _ => None,
        };
        let started = session.started_at.to_zoned(tz.clone());
        let doc = session_doc(session, index, &started, totals.as_ref());
        let markdown = doc.markdown();
        let json = serde_json::to_vec_pretty(&results).map(|mut j| {
            j.push(b'\n');
            j
        });
        // With participants, the session itself is kept beside its results: the pre-test
        // and post-test pairing (`conseil group --gain`) reads it back.
        let room = serde_json::to_vec_pretty(session)
            .ok()
            .filter(|_| !session.participants.is_empty());
        play.export = Some(match (&self.group, json) {
            (Some(store), Ok(json)) => {
                let mut files = vec![
                    ("csv", results.to_csv().into_bytes()),
                    ("json", json),
                    ("md", markdown.clone().into_bytes()),
                    ("html", doc.html().into_bytes()),
                ];
                if let Some(room) = room {
                    files.push(("salle.json", room));
                }
                store
                    .export(&results_stem(session.started_at, &tz), &files)
                    .map_err(|e| format!("{e:#}"))
            }
            (Some(_), Err(e)) => Err(e.to_string()),
            (None, _) => Err(strings::GROUP_NOT_SAVED.to_owned()),
        });
        play.report = Some(markdown);
    }
}

/// Shows or closes the case narrative; showing it stops the clock, which starts again when
/// it closes if it was the narrative that stopped it. Returns whether the session changed.
fn show_narrative(play: &mut PlayScreen, open: bool, now: jiff::Timestamp) -> bool {
    if open {
        let paused_clock = play.session.pause(now);
        play.narrative = Some(NarrativeView {
            paused_clock,
            ..NarrativeView::default()
        });
        paused_clock
    } else {
        let resume = play.narrative.take().is_some_and(|n| n.paused_clock);
        resume && play.session.resume(now)
    }
}

/// The trainer's entries and clock keys. Returns whether the session changed.
fn on_clock_or_entry(play: &mut PlayScreen, action: GroupAction, now: jiff::Timestamp) -> bool {
    let session = &mut play.session;
    match action {
        GroupAction::Enter { team, response } => session.enter(team, response, now),
        GroupAction::Clear { team } => session.clear(team, now),
        GroupAction::TogglePause if session.is_paused() => session.resume(now),
        GroupAction::TogglePause => session.pause(now),
        GroupAction::AddTime(_) | GroupAction::SkipTime if session.timer_secs.is_none() => {
            play.message = Some(strings::GROUP_TIME_UNTIMED.to_owned());
            false
        }
        GroupAction::AddTime(secs) => session.add_time(secs, now),
        GroupAction::SkipTime => session.skip_time(now),
        _ => false,
    }
}

/// Why the session could not start, for the setup screen.
fn setup_error(e: SetupError) -> String {
    match e {
        SetupError::TeamCount(_) => format!(
            "{} {}",
            strings::group_min_teams(MIN_TEAMS),
            strings::group_max_teams(MAX_TEAMS)
        ),
        SetupError::TeamName(team, error) => format!(
            "{} {} : {}",
            strings::GROUP_TEAM,
            team + 1,
            team_name_error(error)
        ),
        SetupError::NoQuestion => strings::GROUP_PICK_QUESTIONS.to_owned(),
    }
}
