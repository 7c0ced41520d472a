//! The group quiz in the app: opening it, and carrying out its actions. The session changes
//! here and is saved at once, so that a crash or a closed laptop loses nothing.

use anyhow::{Result, anyhow};

use super::App;
use crate::domain::group::{
    Advance, GroupSession, GroupSettings, MAX_TEAMS, MIN_TEAMS, SetupError, draw_questions,
};
use crate::store::group::{GroupStore, load_for_resume};
use crate::tui::action::{Action, GroupAction};
use crate::tui::screens::Screen;
use crate::tui::screens::group::GroupScreen;
use crate::tui::screens::group::play::PlayScreen;
use crate::tui::screens::group::setup::{SetupScreen, team_name_error};
use crate::tui::screens::group::strings;

impl App {
    /// Saves group sessions in `store`, and writes their results there (or in its `--out`).
    pub fn with_group_store(mut self, store: GroupStore) -> App {
        self.group = Some(store);
        self
    }

    /// `conseil group`: the setup on top of the home screen, or with `resume` the saved
    /// session. Fails, before anything is drawn, when there is nothing to resume.
    pub fn open_group(&mut self, resume: bool) -> Result<()> {
        if !resume {
            self.apply(Action::OpenGroup);
            return Ok(());
        }
        let session = self
            .load_group()?
            .ok_or_else(|| anyhow!(strings::GROUP_NOTHING_TO_RESUME))?;
        self.push_play(session);
        Ok(())
    }

    /// The saved session, its clock stopped where it was last saved: a session read back
    /// was stopped by a crash, a closed laptop or the trainer leaving it.
    fn load_group(&self) -> Result<Option<GroupSession>> {
        let Some(store) = &self.group else {
            return Ok(None);
        };
        let mut session = load_for_resume(store, |id| self.index.get(id).is_some())?;
        if let Some(s) = &mut session {
            s.interrupt();
        }
        Ok(session)
    }

    /// Opens the setup, telling about a saved session left unfinished.
    pub(super) fn open_group_setup(&mut self) {
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
        let setup = SetupScreen::new(&self.ctx(), resumable, notice);
        self.push(Screen::Group(Box::new(GroupScreen::Setup(setup))));
    }

    /// Replaces the setup (if it is on top) with the session, saved at once.
    fn push_play(&mut self, session: GroupSession) {
        let message = self.save_group(&session);
        if let Some(Screen::Group(g)) = self.screens.last()
            && matches!(g.as_ref(), GroupScreen::Setup(_))
        {
            self.screens.pop();
        }
        let mut play = PlayScreen::new(session, self.study.clock().now());
        play.message = message;
        self.push(Screen::Group(Box::new(GroupScreen::Play(Box::new(play)))));
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
            } => {
                let seed = self.study.next_seed();
                let settings = GroupSettings {
                    teams,
                    question_ids: draw_questions(&pool, count, seed),
                    timer_secs,
                    scoring,
                    seed,
                };
                match GroupSession::new(settings, now) {
                    Ok(session) => self.push_play(session),
                    Err(e) => self.tell_setup(setup_error(e)),
                }
            }
            GroupAction::Resume => match self.load_group() {
                Ok(Some(session)) => self.push_play(session),
                Ok(None) => self.tell_setup(strings::GROUP_NOTHING_TO_RESUME.to_owned()),
                Err(e) => self.tell_setup(format!("{e:#}")),
            },
            action => self.play(action, now),
        }
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
        let Some(Screen::Group(g)) = self.screens.last_mut() else {
            return;
        };
        let GroupScreen::Play(play) = g.as_mut() else {
            return;
        };
        let session = &mut play.session;
        let mut export = false;
        let changed = match action {
            GroupAction::Enter { team, response } => session.enter(team, response, now),
            GroupAction::Clear { team } => session.clear(team, now),
            GroupAction::Reveal => {
                let question = session
                    .current()
                    .and_then(|r| self.index.get(&r.question_id));
                question.is_some_and(|q| session.reveal(q, now))
            }
            GroupAction::Undo => {
                let undone = session.undo_last_scoring(now);
                if !undone {
                    play.message = Some(strings::GROUP_NOTHING_TO_UNDO.to_owned());
                }
                undone
            }
            GroupAction::TogglePause if session.is_paused() => session.resume(now),
            GroupAction::TogglePause => session.pause(now),
            GroupAction::Next => match session.next(now) {
                Advance::Question => true,
                Advance::Finished => {
                    export = true;
                    true
                }
                Advance::NotRevealed => false,
            },
            GroupAction::Finish => {
                export = session.finish_early(now);
                export
            }
            GroupAction::Export => {
                export = true;
                false
            }
            GroupAction::Start { .. } | GroupAction::Resume => false,
        };
        if changed
            && let Some(store) = &self.group
            && let Err(e) = store.save(&play.session)
        {
            play.message = Some(format!("{} {e:#}", strings::GROUP_SAVE_FAILED));
        }
        if export {
            let index = &self.index;
            play.export = Some(match &self.group {
                Some(store) => store
                    .export(&play.session, |id| index.get(id), self.study.clock().tz())
                    .map_err(|e| format!("{e:#}")),
                None => Err(strings::GROUP_NOT_SAVED.to_owned()),
            });
        }
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
