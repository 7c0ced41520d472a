//! The screens. Each owns only its UI state (cursor, typed text, scroll), turns keys into
//! actions, and draws itself from the context without changing anything.

pub mod exam;
pub mod glossary;
pub mod group;
pub mod home;
pub mod lesson;
pub mod module;
pub mod profile;
pub mod quiz;
pub mod results;
pub mod settings;
pub mod stats;

use std::collections::HashMap;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use ratatui::layout::Rect;

use crate::content::load::Catalog;
use crate::domain::content::Module;
use crate::domain::next::NextStep;
use crate::domain::path::ModulePath;
use crate::domain::question::Question;
use crate::domain::session::QuizSession;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::Hint;

/// Every question of the catalog by id, with the index of its module.
#[derive(Debug, Default)]
pub struct QuestionIndex {
    by_id: HashMap<String, (usize, Question)>,
}

impl QuestionIndex {
    pub fn new(catalog: &Catalog) -> Self {
        let by_id = catalog
            .modules
            .iter()
            .enumerate()
            .flat_map(|(m, module)| {
                module
                    .all_questions()
                    .map(move |q| (q.id().to_owned(), (m, q.clone())))
            })
            .collect();
        QuestionIndex { by_id }
    }

    pub fn get(&self, id: &str) -> Option<&Question> {
        self.by_id.get(id).map(|(_, q)| q)
    }

    pub fn module_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|(m, _)| *m)
    }
}

/// What the home screen shows of a module's progress.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ModuleProgress {
    pub mastered: usize,
    pub last_score: Option<f64>,
}

/// The learner's progress as the screens see it (read-only).
#[derive(Debug, Clone, Default)]
pub struct ProgressView {
    pub modules: Vec<ModuleProgress>,
    /// The sessions left unfinished, the one worked on last first.
    pub in_progress: Vec<InProgress>,
    /// Questions due for review now.
    pub due: usize,
    /// Days until the stage date, if one is set.
    pub countdown: Option<i64>,
    pub profile: Option<String>,
    pub read_only: bool,
    /// Something to tell the learner (a damaged file set aside, a failed save).
    pub notice: Option<String>,
    /// Each module's path, in catalog order.
    pub paths: Vec<ModulePath>,
    /// What « Continuer » does.
    pub next: Option<NextStep>,
}

impl ProgressView {
    pub fn module(&self, index: usize) -> ModuleProgress {
        self.modules.get(index).copied().unwrap_or_default()
    }

    /// The path of module `index`.
    pub fn path(&self, index: usize) -> Option<&ModulePath> {
        self.paths.get(index)
    }

    /// The session of `activity` left unfinished ([`crate::domain::session::SessionKind::activity`]).
    pub fn in_progress(&self, activity: &str) -> Option<&InProgress> {
        self.in_progress.iter().find(|s| s.activity == activity)
    }
}

/// A session left unfinished, as the screens name it.
#[derive(Debug, Clone, PartialEq)]
pub struct InProgress {
    /// Its activity ([`crate::domain::session::SessionKind::activity`]), to resume it by.
    pub activity: String,
    /// « Secret médical », « Révision », « Cas fictif : … ».
    pub title: String,
    /// « Question 4/39 ».
    pub position: String,
}

/// What every screen may read while handling a key or drawing.
pub struct Ctx<'a> {
    pub catalog: &'a Catalog,
    pub index: &'a QuestionIndex,
    pub theme: &'a Theme,
    pub progress: &'a ProgressView,
    /// The session being played, for the quiz screen.
    pub playing: Option<&'a QuizSession>,
    pub first_run: bool,
}

impl Ctx<'_> {
    pub fn module(&self, index: usize) -> Option<&Module> {
        self.catalog.modules.get(index)
    }
}

pub enum Screen {
    Home(home::HomeScreen),
    Module(module::ModuleScreen),
    Lesson(lesson::LessonScreen),
    Quiz(Box<quiz::QuizScreen>),
    Results(results::ResultsScreen),
    Glossary(glossary::GlossaryScreen),
    Settings(settings::SettingsScreen),
    Profile(profile::ProfileScreen),
    Group(Box<group::GroupScreen>),
    Stats(stats::StatsScreen),
    ExamSetup(exam::ExamSetupScreen),
    ExamResults(exam::ExamResultsScreen),
}

impl Screen {
    pub fn on_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Action> {
        match self {
            Screen::Home(s) => s.on_key(key, ctx),
            Screen::Module(s) => s.on_key(key, ctx),
            Screen::Lesson(s) => s.on_key(key, ctx),
            Screen::Quiz(s) => s.on_key(key, ctx),
            Screen::Results(s) => s.on_key(key, ctx),
            Screen::Glossary(s) => s.on_key(key, ctx),
            Screen::Settings(s) => s.on_key(key, ctx),
            Screen::Profile(s) => s.on_key(key, ctx),
            Screen::Group(s) => s.on_key(key, ctx),
            Screen::Stats(s) => s.on_key(key, ctx),
            Screen::ExamSetup(s) => s.on_key(key, ctx),
            Screen::ExamResults(s) => s.on_key(key, ctx),
        }
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent, ctx: &Ctx) -> Option<Action> {
        match self {
            Screen::Home(s) => s.on_mouse(mouse, ctx),
            Screen::Module(s) => s.on_mouse(mouse, ctx),
            Screen::Lesson(s) => s.on_mouse(mouse, ctx),
            Screen::Quiz(s) => s.on_mouse(mouse),
            Screen::Results(s) => s.on_mouse(mouse),
            Screen::Glossary(s) => s.on_mouse(mouse),
            Screen::Settings(s) => s.on_mouse(mouse),
            Screen::Profile(s) => s.on_mouse(mouse),
            // The trainer drives a group quiz from the keyboard.
            Screen::Group(_) => None,
            Screen::Stats(s) => s.on_mouse(mouse),
            Screen::ExamSetup(s) => s.on_mouse(mouse, ctx),
            Screen::ExamResults(s) => s.on_mouse(mouse),
        }
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        match self {
            Screen::Home(s) => s.render(ctx, area, buf),
            Screen::Module(s) => s.render(ctx, area, buf),
            Screen::Lesson(s) => s.render(ctx, area, buf),
            Screen::Quiz(s) => s.render(ctx, area, buf),
            Screen::Results(s) => s.render(ctx, area, buf),
            Screen::Glossary(s) => s.render(ctx, area, buf),
            Screen::Settings(s) => s.render(ctx, area, buf),
            Screen::Profile(s) => s.render(ctx, area, buf),
            Screen::Group(s) => s.render(ctx, area, buf),
            Screen::Stats(s) => s.render(ctx, area, buf),
            Screen::ExamSetup(s) => s.render(ctx, area, buf),
            Screen::ExamResults(s) => s.render(ctx, area, buf),
        }
    }

    /// The keys of this screen, for the footer and the help overlay.
    pub fn hints(&self) -> Vec<Hint> {
        match self {
            Screen::Home(s) => s.hints(),
            Screen::Module(s) => s.hints(),
            Screen::Lesson(s) => s.hints(),
            Screen::Quiz(s) => s.hints(),
            Screen::Results(s) => s.hints(),
            Screen::Glossary(s) => s.hints(),
            Screen::Settings(s) => s.hints(),
            Screen::Profile(s) => s.hints(),
            Screen::Group(s) => s.hints(),
            Screen::Stats(s) => s.hints(),
            Screen::ExamSetup(s) => s.hints(),
            Screen::ExamResults(s) => s.hints(),
        }
    }

    /// True while the screen takes typed characters as text, so that q and ? are letters.
    pub fn takes_text(&self) -> bool {
        match self {
            Screen::Quiz(s) => s.takes_text(),
            Screen::Glossary(_) | Screen::Settings(_) => true,
            Screen::Profile(s) => s.takes_text(),
            Screen::Group(s) => s.takes_text(),
            _ => false,
        }
    }

    /// Lets a timed screen (the group quiz countdown) see the time before it is drawn.
    pub fn tick(&mut self, now: jiff::Timestamp) {
        match self {
            Screen::Group(s) => s.tick(now),
            Screen::Quiz(s) => s.now = now,
            _ => {}
        }
    }
}
