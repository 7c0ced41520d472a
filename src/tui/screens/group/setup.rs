//! Setting up a group quiz: the teams (pseudonyms only), the modules or the questions picked
//! by hand, how many questions, the time per question, the scoring, the room's contrast and
//! the group the session counts for. The set of questions and settings can be saved under a
//! name and opened again (`conseil group --set NOM`). Drawn by `setup_view`.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::content::pii::{self, PiiKind};
use crate::domain::group::history::{GroupNameError, MAX_GROUP_NAME_CHARS, check_group_name};
use crate::domain::group::set::{QuizSet, SET_FORMAT_VERSION, SetNameError, check_set_name};
use crate::domain::group::{
    MAX_TEAM_NAME_CHARS, MAX_TEAMS, MIN_TEAMS, Scoring, TeamNameError, check_team_name,
};
use crate::tui::action::{Action, GroupAction};
use crate::tui::screens::Ctx;
use crate::tui::screens::group::strings;
use crate::tui::screens::group::strings::keys;
use crate::tui::widgets::Hint;

/// Choices of time per question, in seconds; `None` is untimed.
const TIMERS: [Option<u32>; 9] = [
    None,
    Some(10),
    Some(15),
    Some(20),
    Some(30),
    Some(45),
    Some(60),
    Some(90),
    Some(120),
];
const DEFAULT_TIMER: usize = 4;
const DEFAULT_COUNT: usize = 10;
/// Rows of the settings block: count, timer, speed bonus, double last, contrast, group,
/// launch.
pub(super) const SETTING_ROWS: usize = 7;
const ROW_CONTRAST: usize = 4;
const ROW_GROUP: usize = 5;
pub(super) const ROW_LAUNCH: usize = 6;

/// Which block of the form has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pane {
    Teams,
    Questions,
    Settings,
}

/// What is being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Naming {
    /// The name of the team under the cursor.
    Team,
    /// The group the session counts for.
    Group,
    /// The name to save the set under.
    Set,
}

/// A module of the catalog with its questions, and which are picked.
#[derive(Debug, Clone)]
pub(super) struct ModulePick {
    pub module: usize,
    /// Ids of the module's questions (its cases' included), with whether each is picked.
    pub questions: Vec<(String, bool)>,
    pub expanded: bool,
}

impl ModulePick {
    pub fn picked(&self) -> usize {
        self.questions.iter().filter(|(_, p)| *p).count()
    }
}

/// A row of the question tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Row {
    Module(usize),
    Question(usize, usize),
}

#[derive(Debug)]
pub struct SetupScreen {
    pub(super) teams: Vec<String>,
    pub(super) pane: Pane,
    pub(super) team_cursor: usize,
    /// The text being typed, and what it names.
    pub(super) editing: Option<(Naming, String)>,
    pub(super) modules: Vec<ModulePick>,
    pub(super) tree_cursor: usize,
    pub(super) count: usize,
    pub(super) timer: usize,
    pub(super) scoring: Scoring,
    pub(super) high_contrast: bool,
    pub(super) group_name: Option<String>,
    pub(super) settings_cursor: usize,
    pub message: Option<String>,
    /// « question 3/10, 3 équipes » when a saved session can be resumed.
    pub(super) resumable: Option<String>,
    /// Asking first what to do with the unfinished session: resume it or prepare another.
    pub(super) asking: bool,
    /// Participants answer from their phones (`--salle`): teams are optional.
    pub(super) room: bool,
}

impl SetupScreen {
    /// The form with three teams and nothing picked; `resumable` describes an unfinished
    /// saved session, about which the trainer is asked first; `notice` is something to tell
    /// (a damaged session file).
    pub fn new(ctx: &Ctx, resumable: Option<String>, notice: Option<String>) -> Self {
        let modules = ctx
            .catalog
            .modules
            .iter()
            .enumerate()
            .map(|(m, module)| ModulePick {
                module: m,
                questions: module
                    .all_questions()
                    .map(|q| (q.id().to_owned(), false))
                    .collect(),
                expanded: false,
            })
            .filter(|p| !p.questions.is_empty())
            .collect();
        SetupScreen {
            teams: strings::GROUP_TEAM_NAMES[..3]
                .iter()
                .map(|n| (*n).to_owned())
                .collect(),
            pane: Pane::Teams,
            team_cursor: 0,
            editing: None,
            modules,
            tree_cursor: 0,
            count: DEFAULT_COUNT,
            timer: DEFAULT_TIMER,
            scoring: Scoring::default(),
            high_contrast: true,
            group_name: None,
            settings_cursor: 0,
            message: notice.map(|n| strings::warning(&n)),
            asking: resumable.is_some(),
            resumable,
            room: false,
        }
    }

    /// The form for a room (`--salle`): the participants play from their phones, so it starts
    /// with no team; teams keyed in may still be added beside them.
    pub fn for_room(mut self) -> Self {
        self.room = true;
        self.teams.clear();
        self.team_cursor = 0;
        self
    }

    /// Fewest teams a session may start with: none in a room.
    fn min_teams(&self) -> usize {
        if self.room { 0 } else { MIN_TEAMS }
    }

    /// The form filled from a saved `set`: its questions picked (those the content has; the
    /// trainer is told about the others), its settings, teams and group.
    pub fn with_set(mut self, name: &str, set: &QuizSet) -> Self {
        let mut found = 0;
        for pick in &mut self.modules {
            for (id, picked) in &mut pick.questions {
                *picked = set.questions.contains(id);
                found += usize::from(*picked);
            }
        }
        self.count = set.count.max(1);
        // The nearest time offered: a set edited by hand may say 25 s.
        self.timer = (0..TIMERS.len())
            .min_by_key(|&i| match (TIMERS[i], set.timer_secs) {
                (None, None) => 0,
                (Some(a), Some(b)) => a.abs_diff(b),
                _ => u32::MAX,
            })
            .unwrap_or(DEFAULT_TIMER);
        self.scoring = set.scoring;
        self.high_contrast = set.high_contrast;
        self.group_name.clone_from(&set.group);
        let teams: Vec<String> = set
            .teams
            .iter()
            .take(MAX_TEAMS)
            .filter_map(|t| check_team_name(t, &[]).ok())
            .collect();
        if teams.len() >= self.min_teams() {
            self.teams = teams;
        }
        let missing = set.questions.len().saturating_sub(found);
        self.message = Some(strings::group_set_loaded(name, missing));
        self.pane = Pane::Settings;
        self.settings_cursor = ROW_LAUNCH;
        self
    }

    /// The set as picked now, to save.
    fn set(&self) -> QuizSet {
        QuizSet {
            format_version: SET_FORMAT_VERSION,
            questions: self.pool(),
            count: self.count.min(self.pool().len().max(1)),
            timer_secs: TIMERS[self.timer],
            scoring: self.scoring,
            teams: self.teams.clone(),
            group: self.group_name.clone(),
            high_contrast: self.high_contrast,
        }
    }

    pub fn takes_text(&self) -> bool {
        self.editing.is_some()
    }

    pub fn hints(&self) -> Vec<Hint> {
        if self.asking {
            return vec![keys::REPRENDRE, keys::NOUVELLE, keys::RETOUR_ECHAP];
        }
        if self.editing.is_some() {
            return vec![keys::VALIDER_LE_NOM, keys::ANNULER];
        }
        let mut hints = vec![keys::BLOC];
        match self.pane {
            Pane::Teams => hints.extend([keys::RENOMMER, keys::AJOUTER, keys::RETIRER]),
            Pane::Questions => hints.extend([keys::COCHER_ESPACE, keys::DEPLIER]),
            Pane::Settings => hints.extend([keys::REGLER, keys::COCHER_ESPACE]),
        }
        hints.push(keys::LANCER);
        hints.push(keys::ENREGISTRER_SERIE);
        if self.resumable.is_some() {
            hints.push(keys::REPRENDRE);
        }
        hints.push(keys::RETOUR);
        hints
    }

    /// The ids of every picked question, in the order of the content.
    pub(super) fn pool(&self) -> Vec<String> {
        self.modules
            .iter()
            .flat_map(|m| m.questions.iter().filter(|(_, p)| *p))
            .map(|(id, _)| id.clone())
            .collect()
    }

    pub(super) fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for (m, pick) in self.modules.iter().enumerate() {
            rows.push(Row::Module(m));
            if pick.expanded {
                rows.extend((0..pick.questions.len()).map(|q| Row::Question(m, q)));
            }
        }
        rows
    }

    pub fn on_key(&mut self, key: KeyEvent, _ctx: &Ctx) -> Option<Action> {
        if self.asking {
            return match key.code {
                KeyCode::Char('r') => Some(Action::Group(GroupAction::Resume)),
                KeyCode::Char('n') => {
                    self.asking = false;
                    self.message = Some(strings::GROUP_OLD_KEPT.to_owned());
                    None
                }
                KeyCode::Char('q') | KeyCode::Esc => {
                    Some(Action::Group(GroupAction::Leave { home: false }))
                }
                _ => None,
            };
        }
        if let Some((naming, name)) = &mut self.editing {
            let max = match naming {
                Naming::Team => MAX_TEAM_NAME_CHARS,
                Naming::Group => MAX_GROUP_NAME_CHARS,
                Naming::Set => crate::domain::group::set::MAX_SET_NAME_CHARS,
            };
            match key.code {
                KeyCode::Enter => return self.commit_name(),
                KeyCode::Esc => {
                    self.editing = None;
                    self.message = None;
                }
                KeyCode::Backspace => {
                    name.pop();
                }
                KeyCode::Char(c) if name.chars().count() < max => name.push(c),
                _ => {}
            }
            return None;
        }
        match key.code {
            KeyCode::Tab => {
                self.pane = match self.pane {
                    Pane::Teams => Pane::Questions,
                    Pane::Questions => Pane::Settings,
                    Pane::Settings => Pane::Teams,
                };
                None
            }
            KeyCode::BackTab => {
                self.pane = match self.pane {
                    Pane::Teams => Pane::Settings,
                    Pane::Questions => Pane::Teams,
                    Pane::Settings => Pane::Questions,
                };
                None
            }
            KeyCode::Char('l') => self.launch(),
            KeyCode::Char('s') => {
                if self.pool().is_empty() {
                    self.message = Some(strings::warning(strings::GROUP_PICK_QUESTIONS));
                } else {
                    self.editing = Some((Naming::Set, String::new()));
                    self.message = Some(strings::GROUP_SET_NAME_HELP.to_owned());
                }
                None
            }
            KeyCode::Char('r') if self.resumable.is_some() => {
                Some(Action::Group(GroupAction::Resume))
            }
            KeyCode::Char('q') | KeyCode::Esc => {
                Some(Action::Group(GroupAction::Leave { home: false }))
            }
            _ => match self.pane {
                Pane::Teams => self.on_team_key(key),
                Pane::Questions => self.on_tree_key(key),
                Pane::Settings => self.on_settings_key(key),
            },
        }
    }

    fn on_team_key(&mut self, key: KeyEvent) -> Option<Action> {
        let n = self.teams.len();
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.team_cursor = self.team_cursor.saturating_sub(1);
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.team_cursor = (self.team_cursor + 1).min(n.saturating_sub(1));
            }
            KeyCode::Enter | KeyCode::Char('e') => {
                self.editing = self
                    .teams
                    .get(self.team_cursor)
                    .map(|t| (Naming::Team, t.clone()));
            }
            KeyCode::Char('+' | 'a') => {
                if n >= MAX_TEAMS {
                    self.message = Some(strings::warning(&strings::group_max_teams(MAX_TEAMS)));
                } else {
                    // The first pseudonym of the list that no team has taken.
                    let name = strings::GROUP_TEAM_NAMES
                        .iter()
                        .find(|d| !self.teams.iter().any(|t| t.eq_ignore_ascii_case(d)))
                        .map_or_else(|| strings::group_team(n), |d| (*d).to_owned());
                    self.teams.push(name);
                    self.team_cursor = n;
                    self.message = None;
                }
            }
            KeyCode::Delete | KeyCode::Char('-') if n > 0 => {
                if n <= self.min_teams() {
                    self.message = Some(strings::warning(&strings::group_min_teams(MIN_TEAMS)));
                } else {
                    self.teams.remove(self.team_cursor.min(n - 1));
                    self.team_cursor = self.team_cursor.min(n.saturating_sub(2));
                    self.message = None;
                }
            }
            _ => {}
        }
        None
    }

    /// Checks the name being typed: never anything that looks like personal data (an e-mail
    /// address, a phone number); then what each kind of name asks.
    fn commit_name(&mut self) -> Option<Action> {
        let (naming, typed) = self.editing.clone()?;
        if let Some(finding) = pii::scan(&typed).first() {
            self.message = Some(strings::warning(match finding.kind {
                PiiKind::Email => strings::GROUP_NAME_EMAIL,
                PiiKind::Phone => strings::GROUP_NAME_PHONE,
                PiiKind::Nir | PiiKind::Iban => strings::GROUP_NAME_PERSONAL,
            }));
            return None;
        }
        match naming {
            Naming::Team => self.commit_team_name(&typed),
            Naming::Group => match check_group_name(&typed) {
                Ok(name) => {
                    self.group_name = name;
                    self.editing = None;
                    self.message = None;
                }
                Err(e) => self.message = Some(strings::warning(&group_name_error(e))),
            },
            Naming::Set => match check_set_name(&typed) {
                Ok(name) => {
                    self.editing = None;
                    self.message = None;
                    return Some(Action::Group(GroupAction::SaveSet {
                        name,
                        set: self.set(),
                    }));
                }
                Err(e) => self.message = Some(strings::warning(&set_name_error(e))),
            },
        }
        None
    }

    /// Not empty, not too long, not another team's.
    fn commit_team_name(&mut self, typed: &str) {
        let others: Vec<&str> = self
            .teams
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != self.team_cursor)
            .map(|(_, t)| t.as_str())
            .collect();
        match check_team_name(typed, &others) {
            Ok(name) => {
                if let Some(team) = self.teams.get_mut(self.team_cursor) {
                    *team = name;
                }
                self.editing = None;
                self.message = None;
            }
            Err(e) => self.message = Some(strings::warning(&team_name_error(e))),
        }
    }

    fn on_tree_key(&mut self, key: KeyEvent) -> Option<Action> {
        let rows = self.rows();
        if rows.is_empty() {
            return None;
        }
        let last = rows.len() - 1;
        let row = rows[self.tree_cursor.min(last)];
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.tree_cursor = self.tree_cursor.saturating_sub(1);
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.tree_cursor = (self.tree_cursor + 1).min(last);
            }
            KeyCode::Home => self.tree_cursor = 0,
            KeyCode::End => self.tree_cursor = last,
            KeyCode::Right => {
                if let Row::Module(m) = row {
                    self.modules[m].expanded = true;
                }
            }
            KeyCode::Left => {
                let m = match row {
                    Row::Module(m) | Row::Question(m, _) => m,
                };
                self.modules[m].expanded = false;
                self.tree_cursor = self
                    .rows()
                    .iter()
                    .position(|r| *r == Row::Module(m))
                    .unwrap_or(0);
            }
            KeyCode::Char(' ') | KeyCode::Enter => {
                match row {
                    Row::Module(m) => {
                        // A module wholly picked is unpicked; otherwise all of it is picked.
                        let pick = &mut self.modules[m];
                        let all = pick.picked() == pick.questions.len();
                        pick.questions.iter_mut().for_each(|(_, p)| *p = !all);
                    }
                    Row::Question(m, q) => {
                        if let Some((_, p)) = self.modules[m].questions.get_mut(q) {
                            *p = !*p;
                        }
                    }
                }
                self.message = None;
            }
            _ => {}
        }
        None
    }

    fn on_settings_key(&mut self, key: KeyEvent) -> Option<Action> {
        let max = self.pool().len().max(1);
        let step = |left: bool| if left { -1 } else { 1 };
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.settings_cursor = self.settings_cursor.saturating_sub(1);
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.settings_cursor = (self.settings_cursor + 1).min(SETTING_ROWS - 1);
            }
            KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') | KeyCode::Enter => {
                let delta = step(key.code == KeyCode::Left);
                match (self.settings_cursor, key.code) {
                    (0, KeyCode::Left | KeyCode::Right) => {
                        self.count = self
                            .count
                            .min(max)
                            .saturating_add_signed(delta)
                            .clamp(1, max);
                    }
                    (1, KeyCode::Left | KeyCode::Right) => {
                        self.timer = self
                            .timer
                            .saturating_add_signed(delta)
                            .min(TIMERS.len() - 1);
                    }
                    (2, _) => self.scoring.speed_bonus = !self.scoring.speed_bonus,
                    (3, _) => self.scoring.double_last = !self.scoring.double_last,
                    (ROW_CONTRAST, _) => self.high_contrast = !self.high_contrast,
                    (ROW_GROUP, KeyCode::Enter | KeyCode::Char(' ')) => {
                        let name = self.group_name.clone().unwrap_or_default();
                        self.editing = Some((Naming::Group, name));
                        self.message = Some(strings::GROUP_GROUP_HELP.to_owned());
                    }
                    (ROW_LAUNCH, KeyCode::Enter | KeyCode::Char(' ')) => return self.launch(),
                    _ => {}
                }
            }
            _ => {}
        }
        None
    }

    fn launch(&mut self) -> Option<Action> {
        let pool = self.pool();
        if pool.is_empty() {
            self.message = Some(strings::warning(strings::GROUP_PICK_QUESTIONS));
            self.pane = Pane::Questions;
            return None;
        }
        Some(Action::Group(GroupAction::Start {
            teams: self.teams.clone(),
            count: self.count.min(pool.len()),
            pool,
            timer_secs: TIMERS[self.timer],
            scoring: self.scoring,
            group_name: self.group_name.clone(),
            high_contrast: self.high_contrast,
        }))
    }
}

/// The time per question of row `timer` of the settings, in words.
pub(super) fn timer_words(timer: usize) -> String {
    strings::group_timer(TIMERS.get(timer).copied().flatten())
}

fn group_name_error(e: GroupNameError) -> String {
    match e {
        GroupNameError::TooLong => strings::GROUP_GROUP_TOO_LONG.to_owned(),
        GroupNameError::NoLetter => strings::GROUP_GROUP_NO_LETTER.to_owned(),
        GroupNameError::Unreadable(code) => strings::unreadable_name(code),
        GroupNameError::Reserved => strings::GROUP_GROUP_RESERVED.to_owned(),
    }
}

fn set_name_error(e: SetNameError) -> String {
    match e {
        SetNameError::Empty => strings::GROUP_SET_NAME_EMPTY.to_owned(),
        SetNameError::TooLong => strings::GROUP_SET_NAME_TOO_LONG.to_owned(),
        SetNameError::Forbidden(c) => strings::group_set_name_forbidden(c),
        SetNameError::LeadingDot => strings::GROUP_SET_NAME_DOT.to_owned(),
        SetNameError::Unreadable(code) => strings::unreadable_name(code),
        SetNameError::Reserved => strings::GROUP_SET_NAME_RESERVED.to_owned(),
    }
}

/// Why a team name was refused, in words.
pub fn team_name_error(e: TeamNameError) -> String {
    match e {
        TeamNameError::Empty => strings::GROUP_NAME_EMPTY.to_owned(),
        TeamNameError::TooLong => strings::GROUP_NAME_TOO_LONG.to_owned(),
        TeamNameError::Duplicate => strings::GROUP_NAME_TAKEN.to_owned(),
        TeamNameError::Unreadable(code) => strings::unreadable_name(code),
    }
}
