//! The full-screen application: a stack of screens, the global keys, and `apply`, the one
//! place where actions change the domain.

use std::io;
use std::time::Duration;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::{DefaultTerminal, Frame};

use crate::action::Action;
use crate::content::load::Catalog;
use crate::domain::session::{QuizSession, SessionKind};
use crate::screens::glossary::GlossaryScreen;
use crate::screens::home::HomeScreen;
use crate::screens::lesson::LessonScreen;
use crate::screens::module::ModuleScreen;
use crate::screens::quiz::{CaseView, QuizScreen};
use crate::screens::results::ResultsScreen;
use crate::screens::{Ctx, ProgressView, QuestionIndex, Screen};
use crate::strings;
use crate::theme::Theme;
use crate::widgets::{self, MIN_HEIGHT, MIN_WIDTH};

/// Where time comes from: the system clock, or a fixed one in tests.
pub type Clock = Box<dyn Fn() -> Timestamp>;

pub struct App {
    pub catalog: Catalog,
    index: QuestionIndex,
    theme: Theme,
    progress: ProgressView,
    screens: Vec<Screen>,
    help: bool,
    /// Seed of the next session; `None` draws one from the system.
    seed: Option<u64>,
    clock: Clock,
    first_run: bool,
    pub quit: bool,
}

impl App {
    pub fn new(catalog: Catalog, theme: Theme, seed: Option<u64>, clock: Clock) -> App {
        let index = QuestionIndex::new(&catalog);
        App {
            catalog,
            index,
            theme,
            progress: ProgressView::default(),
            screens: vec![Screen::Home(HomeScreen::default())],
            help: false,
            seed,
            clock,
            first_run: true,
            quit: false,
        }
    }

    /// The screen on top of the stack.
    pub fn screen(&self) -> &Screen {
        // The home screen is never popped, so the stack is never empty.
        self.screens
            .last()
            .unwrap_or_else(|| unreachable!("home is never popped"))
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            catalog: &self.catalog,
            index: &self.index,
            theme: &self.theme,
            progress: &self.progress,
            first_run: self.first_run,
        }
    }

    /// Runs until the user quits. The terminal is set up and restored by the caller
    /// (`ratatui::run`), which also restores it on panic.
    pub fn run(mut self, terminal: &mut DefaultTerminal) -> io::Result<()> {
        while !self.quit {
            terminal.draw(|frame| self.draw(frame))?;
            if event::poll(Duration::from_millis(500))? {
                self.handle_event(&event::read()?);
            }
        }
        Ok(())
    }

    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(*key),
            Event::Mouse(mouse) if !self.help => {
                let ctx = Ctx {
                    catalog: &self.catalog,
                    index: &self.index,
                    theme: &self.theme,
                    progress: &self.progress,
                    first_run: self.first_run,
                };
                let action = match self.screens.last_mut() {
                    Some(screen) => screen.on_mouse(*mouse, &ctx),
                    None => None,
                };
                if let Some(action) = action {
                    self.apply(action);
                }
            }
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.apply(Action::Quit);
            return;
        }
        if self.help {
            self.help = false;
            return;
        }
        let takes_text = self.screen().takes_text();
        if key.code == KeyCode::F(1) || (key.code == KeyCode::Char('?') && !takes_text) {
            self.apply(Action::ToggleHelp);
            return;
        }
        let ctx = Ctx {
            catalog: &self.catalog,
            index: &self.index,
            theme: &self.theme,
            progress: &self.progress,
            first_run: self.first_run,
        };
        let action = match self.screens.last_mut() {
            Some(screen) => screen.on_key(key, &ctx),
            None => None,
        };
        if let Some(action) = action {
            self.apply(action);
        }
    }

    fn next_seed(&mut self) -> u64 {
        match &mut self.seed {
            Some(seed) => {
                // Reproducible, yet not the same order for every session of a run.
                *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                *seed
            }
            None => rand::random(),
        }
    }

    fn push(&mut self, screen: Screen) {
        self.first_run = false;
        self.screens.push(screen);
    }

    fn start_session(&mut self, title: String, session: QuizSession, case: Option<CaseView>) {
        if session.is_empty() {
            return;
        }
        let now = (self.clock)();
        let mut quiz = QuizScreen::new(title, session, &self.ctx(), now);
        quiz.case = case;
        self.push(Screen::Quiz(Box::new(quiz)));
    }

    /// Carries out an action: the only place that changes the domain.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.help = !self.help,
            Action::Back => {
                if self.screens.len() > 1 {
                    self.screens.pop();
                } else {
                    self.quit = true;
                }
            }
            Action::Home => self.screens.truncate(1),
            Action::OpenModule(m) if m < self.catalog.modules.len() => {
                self.push(Screen::Module(ModuleScreen::new(m)));
            }
            Action::OpenLesson { module, lesson } => {
                self.push(Screen::Lesson(LessonScreen::new(module, lesson)));
            }
            Action::OpenGlossary => self.push(Screen::Glossary(GlossaryScreen::default())),
            Action::StartQuiz { module } => {
                let Some(m) = self.catalog.modules.get(module) else {
                    return;
                };
                let ids = m.questions.iter().map(|q| q.id().to_owned()).collect();
                let kind = SessionKind::Module {
                    module_id: m.id.clone(),
                };
                let title = m.title.clone();
                let seed = self.next_seed();
                let session = QuizSession::shuffled(kind, ids, seed, (self.clock)());
                self.start_session(title, session, None);
            }
            Action::StartCase { module, case } => {
                let Some(c) = self
                    .catalog
                    .modules
                    .get(module)
                    .and_then(|m| m.cases.get(case))
                else {
                    return;
                };
                let ids = c
                    .steps
                    .iter()
                    .flat_map(|s| s.questions.iter().map(|q| q.id().to_owned()))
                    .collect();
                let kind = SessionKind::Case {
                    module_id: self.catalog.modules[module].id.clone(),
                    case_id: c.id.clone(),
                };
                let view = CaseView::new(module, case, c);
                let title = format!("{} : {}", strings::CASE_FICTIVE, c.title);
                let seed = self.next_seed();
                // A case is told in order: its questions are never shuffled.
                let session = QuizSession::new(kind, ids, seed, (self.clock)());
                self.start_session(title, session, Some(view));
            }
            Action::Submit(response) => {
                let now = (self.clock)();
                let Some(Screen::Quiz(quiz)) = self.screens.last_mut() else {
                    return;
                };
                let Some(question) = quiz.session.current_id().and_then(|id| self.index.get(id))
                else {
                    return;
                };
                let duration = u64::try_from((now - quiz.shown_at).get_milliseconds()).unwrap_or(0);
                if let Some(outcome) = quiz.session.answer(question, response, now, duration) {
                    quiz.show_outcome(outcome);
                }
            }
            Action::Next => {
                let now = (self.clock)();
                let ctx = Ctx {
                    catalog: &self.catalog,
                    index: &self.index,
                    theme: &self.theme,
                    progress: &self.progress,
                    first_run: self.first_run,
                };
                let Some(Screen::Quiz(quiz)) = self.screens.last_mut() else {
                    return;
                };
                if !quiz.advance(&ctx, now) {
                    let title = quiz.title.clone();
                    let session = quiz.session.clone();
                    self.screens.pop();
                    self.push(Screen::Results(ResultsScreen::new(title, session)));
                }
            }
            Action::RetryMistakes => {
                let Some(Screen::Results(results)) = self.screens.last() else {
                    return;
                };
                let ids = results.session.mistakes();
                let module_id = match &results.session.kind {
                    SessionKind::Module { module_id } | SessionKind::Case { module_id, .. } => {
                        Some(module_id.clone())
                    }
                    SessionKind::Retry { module_id } => module_id.clone(),
                    _ => None,
                };
                let title = results.title.clone();
                let seed = self.next_seed();
                let session = QuizSession::shuffled(
                    SessionKind::Retry { module_id },
                    ids,
                    seed,
                    (self.clock)(),
                );
                self.screens.pop();
                self.start_session(title, session, None);
            }
            Action::OpenModule(_) => {}
        }
    }

    pub fn draw(&self, frame: &mut Frame) {
        self.render(frame.area(), frame.buffer_mut());
    }

    /// Draws the whole interface into `buf`: the screen, its footer, and the help overlay.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme.base);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            widgets::too_small(&self.theme, area, buf);
            return;
        }
        let [body, footer] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let ctx = self.ctx();
        let screen = self.screen();
        screen.render(&ctx, body, buf);
        let mut hints = screen.hints();
        hints.push(("?", "aide"));
        widgets::footer(&hints, &self.theme, footer, buf);
        if self.help {
            widgets::help(&screen.hints(), &self.theme, area, buf);
        }
    }
}
