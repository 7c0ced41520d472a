//! Setting up a group quiz: the teams (pseudonyms only), the modules or the questions picked
//! by hand, how many questions, the time per question and the scoring.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::content::pii::{self, PiiKind};
use crate::domain::group::{
    MAX_TEAM_NAME_CHARS, MAX_TEAMS, MIN_TEAMS, Scoring, TeamNameError, check_team_name, fits_a_room,
};
use crate::tui::action::{Action, GroupAction};
use crate::tui::screens::Ctx;
use crate::tui::screens::group::kind_label;
use crate::tui::screens::group::strings;
use crate::tui::screens::group::strings::keys;
use crate::tui::widgets::{Hint, block, cells, ellipsize, width_of};

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
/// Rows of the settings block: count, timer, speed bonus, double last, launch.
const SETTING_ROWS: usize = 5;

/// Which block of the form has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pane {
    Teams,
    Questions,
    Settings,
}

/// A module of the catalog with the questions a room can play, and which are picked.
#[derive(Debug, Clone)]
struct ModulePick {
    module: usize,
    /// Ids of the module's questions that fit a room, with whether each is picked.
    questions: Vec<(String, bool)>,
    /// Questions of the module left aside: their kind does not fit a room.
    skipped: usize,
    expanded: bool,
}

impl ModulePick {
    fn picked(&self) -> usize {
        self.questions.iter().filter(|(_, p)| *p).count()
    }
}

/// A row of the question tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Module(usize),
    Question(usize, usize),
}

#[derive(Debug)]
pub struct SetupScreen {
    teams: Vec<String>,
    pane: Pane,
    team_cursor: usize,
    /// The name being typed for the team under the cursor.
    editing: Option<String>,
    modules: Vec<ModulePick>,
    tree_cursor: usize,
    count: usize,
    timer: usize,
    scoring: Scoring,
    settings_cursor: usize,
    pub message: Option<String>,
    /// « question 3/10, 3 équipes » when a saved session can be resumed.
    resumable: Option<String>,
}

impl SetupScreen {
    /// The form with three teams and nothing picked; `resumable` describes a saved session
    /// that `r` resumes, `notice` something to tell first (a damaged session file).
    pub fn new(ctx: &Ctx, resumable: Option<String>, notice: Option<String>) -> Self {
        let modules = ctx
            .catalog
            .modules
            .iter()
            .enumerate()
            .map(|(m, module)| {
                let (fit, unfit): (Vec<_>, Vec<_>) =
                    module.all_questions().partition(|q| fits_a_room(q));
                ModulePick {
                    module: m,
                    questions: fit.iter().map(|q| (q.id().to_owned(), false)).collect(),
                    skipped: unfit.len(),
                    expanded: false,
                }
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
            settings_cursor: 0,
            message: notice,
            resumable,
        }
    }

    pub fn takes_text(&self) -> bool {
        self.editing.is_some()
    }

    pub fn hints(&self) -> Vec<Hint> {
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
        if self.resumable.is_some() {
            hints.push(keys::REPRENDRE);
        }
        hints.push(keys::RETOUR);
        hints
    }

    /// The ids of every picked question, in the order of the content.
    fn pool(&self) -> Vec<String> {
        self.modules
            .iter()
            .flat_map(|m| m.questions.iter().filter(|(_, p)| *p))
            .map(|(id, _)| id.clone())
            .collect()
    }

    fn skipped(&self) -> usize {
        self.modules
            .iter()
            .filter(|m| m.picked() > 0)
            .map(|m| m.skipped)
            .sum()
    }

    fn rows(&self) -> Vec<Row> {
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
        if let Some(name) = &mut self.editing {
            match key.code {
                KeyCode::Enter => self.commit_name(),
                KeyCode::Esc => {
                    self.editing = None;
                    self.message = None;
                }
                KeyCode::Backspace => {
                    name.pop();
                }
                KeyCode::Char(c) if name.chars().count() < MAX_TEAM_NAME_CHARS => name.push(c),
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
            KeyCode::Char('r') if self.resumable.is_some() => {
                Some(Action::Group(GroupAction::Resume))
            }
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
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
                self.team_cursor = (self.team_cursor + 1).min(n - 1);
            }
            KeyCode::Enter | KeyCode::Char('e') => {
                self.editing = self.teams.get(self.team_cursor).cloned();
            }
            KeyCode::Char('+' | 'a') => {
                if n >= MAX_TEAMS {
                    self.message = Some(strings::group_max_teams(MAX_TEAMS));
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
            KeyCode::Delete | KeyCode::Char('-') => {
                if n <= MIN_TEAMS {
                    self.message = Some(strings::group_min_teams(MIN_TEAMS));
                } else {
                    self.teams.remove(self.team_cursor.min(n - 1));
                    self.team_cursor = self.team_cursor.min(n - 2);
                    self.message = None;
                }
            }
            _ => {}
        }
        None
    }

    /// Checks the name being typed: not empty, not too long, not another team's, and
    /// nothing that looks like personal data (an e-mail address, a phone number).
    fn commit_name(&mut self) {
        let Some(typed) = self.editing.as_deref() else {
            return;
        };
        if let Some(finding) = pii::scan(typed).first() {
            self.message = Some(
                match finding.kind {
                    PiiKind::Email => strings::GROUP_NAME_EMAIL,
                    PiiKind::Phone => strings::GROUP_NAME_PHONE,
                    PiiKind::Nir | PiiKind::Iban => strings::GROUP_NAME_PERSONAL,
                }
                .to_owned(),
            );
            return;
        }
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
            Err(e) => self.message = Some(team_name_error(e).to_owned()),
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
                    (4, KeyCode::Enter | KeyCode::Char(' ')) => return self.launch(),
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
            self.message = Some(strings::GROUP_PICK_QUESTIONS.to_owned());
            self.pane = Pane::Questions;
            return None;
        }
        Some(Action::Group(GroupAction::Start {
            teams: self.teams.clone(),
            count: self.count.min(pool.len()),
            pool,
            timer_secs: TIMERS[self.timer],
            scoring: self.scoring,
        }))
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let outer = block(format!(" {} ", strings::GROUP_SETUP_TITLE), theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let [intro, panes, message] = Layout::vertical([
            Constraint::Length(if inner.width < 100 { 2 } else { 1 }),
            Constraint::Fill(1),
            Constraint::Length(2),
        ])
        .areas(inner);
        let intro_line = match &self.resumable {
            Some(saved) => Line::styled(strings::group_resumable(saved), theme.focus),
            None => Line::styled(strings::GROUP_SETUP_INTRO, theme.muted),
        };
        Paragraph::new(intro_line)
            .wrap(Wrap { trim: true })
            .render(intro, buf);
        let left_width = (panes.width * 2 / 5).clamp(36, 48);
        let [left, right] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(panes);
        let teams_height = cells(self.teams.len()) + 3;
        let [teams_area, settings_area, _] = Layout::vertical([
            Constraint::Length(teams_height),
            Constraint::Length(cells(SETTING_ROWS) + 2),
            Constraint::Fill(1),
        ])
        .areas(left);
        self.render_teams(ctx, teams_area, buf);
        self.render_settings(ctx, settings_area, buf);
        self.render_tree(ctx, right, buf);
        let mut lines = Vec::new();
        if let Some(m) = &self.message {
            lines.push(Line::styled(format!("⚠ {m}"), theme.warning));
        }
        let skipped = self.skipped();
        if skipped > 0 {
            lines.push(Line::styled(strings::group_skipped(skipped), theme.muted));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(message, buf);
    }

    /// The block of a pane, its title marked when it has the keyboard (not by colour alone).
    fn pane_block<'a>(&self, pane: Pane, title: &str, ctx: &Ctx) -> ratatui::widgets::Block<'a> {
        let focused = self.pane == pane;
        let title = if focused {
            format!(" ▶ {title} ")
        } else {
            format!(" {title} ")
        };
        let b = block(title, ctx.theme);
        if focused {
            b.border_style(ctx.theme.focus)
        } else {
            b
        }
    }

    fn row_style(
        &self,
        pane: Pane,
        selected: bool,
        ctx: &Ctx,
    ) -> (ratatui::style::Style, &'static str) {
        if self.pane == pane && selected {
            (ctx.theme.selected, "▶ ")
        } else {
            (ctx.theme.base, "  ")
        }
    }

    fn render_teams(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let outer = self.pane_block(
            Pane::Teams,
            &strings::group_teams_title(self.teams.len()),
            ctx,
        );
        let inner = outer.inner(area);
        outer.render(area, buf);
        let mut lines: Vec<Line> = self
            .teams
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let selected = i == self.team_cursor;
                let (style, marker) = self.row_style(Pane::Teams, selected, ctx);
                let shown = match &self.editing {
                    Some(typed) if selected => format!("{typed}▏"),
                    _ => name.clone(),
                };
                Line::from(vec![
                    Span::styled(marker, style),
                    Span::styled(format!("{} ", i + 1), theme.key),
                    Span::styled(shown, style),
                ])
            })
            .collect();
        lines.push(Line::styled(strings::GROUP_TEAMS_NOTE, theme.muted));
        Paragraph::new(lines).render(inner, buf);
    }

    fn render_settings(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let outer = self.pane_block(Pane::Settings, strings::GROUP_SETTINGS_TITLE, ctx);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let pool = self.pool().len();
        let check = |on: bool| if on { "[x]" } else { "[ ]" };
        let rows = [
            format!(
                "{} : ◀ {} ▶",
                strings::GROUP_COUNT,
                self.count.min(pool.max(1))
            ),
            format!(
                "{} : ◀ {} ▶",
                strings::GROUP_TIMER,
                strings::group_timer(TIMERS[self.timer])
            ),
            format!(
                "{} {}",
                check(self.scoring.speed_bonus),
                strings::GROUP_SPEED_BONUS
            ),
            format!(
                "{} {}",
                check(self.scoring.double_last),
                strings::GROUP_DOUBLE_LAST
            ),
            strings::GROUP_LAUNCH.to_owned(),
        ];
        let lines: Vec<Line> = rows
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let (style, marker) =
                    self.row_style(Pane::Settings, i == self.settings_cursor, ctx);
                let style = if i == SETTING_ROWS - 1 && style == theme.base {
                    theme.key
                } else {
                    style
                };
                Line::from(vec![
                    Span::styled(marker, style),
                    Span::styled(ellipsize(&text, inner.width.saturating_sub(2)), style),
                ])
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }

    fn render_tree(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let pool = self.pool().len();
        let outer = self.pane_block(Pane::Questions, &strings::group_picked(pool), ctx);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let rows = self.rows();
        if rows.is_empty() {
            Paragraph::new(Line::styled(strings::GROUP_NO_PLAYABLE, theme.warning))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        let cursor = self.tree_cursor.min(rows.len() - 1);
        let height = inner.height as usize;
        // Keep the cursor in view.
        let first = cursor.saturating_sub(height.saturating_sub(1));
        let width = inner.width;
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, row)| {
                let (style, marker) = self.row_style(Pane::Questions, i == cursor, ctx);
                match *row {
                    Row::Module(m) => {
                        let pick = &self.modules[m];
                        let picked = pick.picked();
                        let check = if picked == 0 {
                            "[ ]"
                        } else if picked == pick.questions.len() {
                            "[x]"
                        } else {
                            "[~]"
                        };
                        let arrow = if pick.expanded { "▾" } else { "▸" };
                        let right = format!(" {picked}/{}", pick.questions.len());
                        let title = ctx.module(pick.module).map_or("", |m| m.title.as_str());
                        let room = width.saturating_sub(8 + width_of(&right));
                        Line::from(vec![
                            Span::styled(marker, style),
                            Span::styled(format!("{arrow} {check} "), style),
                            Span::styled(ellipsize(title, room), style),
                            Span::styled(right, theme.muted),
                        ])
                    }
                    Row::Question(m, q) => {
                        let pick = &self.modules[m];
                        let (id, on) = &pick.questions[q];
                        let question = ctx.index.get(id);
                        let kind = question.map_or("", kind_label);
                        let prompt = question.map_or(id.as_str(), |q| q.prompt());
                        let right = format!(" ({kind})");
                        let room = width.saturating_sub(10 + width_of(&right));
                        Line::from(vec![
                            Span::styled(marker, style),
                            Span::styled(
                                format!("    {} ", if *on { "[x]" } else { "[ ]" }),
                                style,
                            ),
                            Span::styled(ellipsize(prompt, room), style),
                            Span::styled(right, theme.muted),
                        ])
                    }
                }
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

/// Why a team name was refused, in words.
pub fn team_name_error(e: TeamNameError) -> &'static str {
    match e {
        TeamNameError::Empty => strings::GROUP_NAME_EMPTY,
        TeamNameError::TooLong => strings::GROUP_NAME_TOO_LONG,
        TeamNameError::Duplicate => strings::GROUP_NAME_TAKEN,
    }
}
