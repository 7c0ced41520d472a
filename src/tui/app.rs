//! The full-screen application: a stack of screens, the global keys, and `apply`, the one
//! place where actions change the domain and ask storage to save.

mod group;

use std::io;
use std::time::Duration;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::{DefaultTerminal, Frame};

use crate::clock::Clock;
use crate::content::load::Catalog;
use crate::domain::exam::{ExamReport, draw_questions};
use crate::domain::progress::Progress;
use crate::domain::review::{days_until_stage, due_questions};
use crate::domain::session::{QuizSession, SessionKind, elapsed_ms};
use crate::domain::stats::{Stats, module_stats};
use crate::store::profiles::{DataDir, OpenError, Opened, Store};
use crate::tui::action::Action;
use crate::tui::screens::exam::{ExamResultsScreen, ExamSetupScreen};
use crate::tui::screens::glossary::GlossaryScreen;
use crate::tui::screens::home::HomeScreen;
use crate::tui::screens::lesson::LessonScreen;
use crate::tui::screens::module::ModuleScreen;
use crate::tui::screens::profile::ProfileScreen;
use crate::tui::screens::quiz::{CaseView, QuizScreen};
use crate::tui::screens::results::ResultsScreen;
use crate::tui::screens::settings::SettingsScreen;
use crate::tui::screens::stats::StatsScreen;
use crate::tui::screens::{Ctx, ModuleProgress, ProgressView, QuestionIndex, Screen};
use crate::tui::strings;
use crate::tui::strings::keys;
use crate::tui::theme::Theme;
use crate::tui::widgets::{self, MIN_HEIGHT, MIN_WIDTH};

/// A review session asks at most this many questions: a sitting, not a marathon.
const REVIEW_BATCH: usize = 20;

/// Where the learner's progress is saved.
pub struct Learner {
    pub data: DataDir,
    /// `None` until a profile is chosen (several exist and none was named).
    pub store: Option<Store>,
}

pub struct App {
    pub catalog: Catalog,
    index: QuestionIndex,
    theme: Theme,
    pub progress: Progress,
    /// What the screens are shown of the progress, worked out again after each change.
    view: ProgressView,
    learner: Option<Learner>,
    /// Something to tell the learner on the home screen (a file set aside, a failed save).
    notice: Option<String>,
    /// Where group quiz sessions are saved (`conseil group`); `None` keeps them in memory.
    group: Option<crate::store::group::GroupStore>,
    screens: Vec<Screen>,
    help: bool,
    /// Seed of the next session; `None` draws one from the system.
    seed: Option<u64>,
    clock: Clock,
    first_run: bool,
    pub quit: bool,
}

impl App {
    /// An app whose progress lives in memory only (tests, or no data folder).
    pub fn new(catalog: Catalog, theme: Theme, seed: Option<u64>, clock: Clock) -> App {
        let index = QuestionIndex::new(&catalog);
        let mut app = App {
            catalog,
            index,
            theme,
            progress: Progress::new(),
            view: ProgressView::default(),
            learner: None,
            notice: None,
            group: None,
            screens: vec![Screen::Home(HomeScreen::default())],
            help: false,
            seed,
            clock,
            first_run: true,
            quit: false,
        };
        app.refresh();
        app
    }

    /// Saves progress in `data`, starting with the profile `opened`, or with the profile
    /// picker when none is (several profiles exist and none was named).
    pub fn with_learner(mut self, data: DataDir, opened: Option<Opened>) -> App {
        let store = opened.map(|o| {
            self.progress = o.progress;
            self.notice = o.notice;
            o.store
        });
        let choose = store.is_none();
        self.learner = Some(Learner { data, store });
        self.first_run = self.progress.answer_count() == 0;
        self.refresh();
        if choose {
            self.apply(Action::OpenProfiles);
        }
        self
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
            progress: &self.view,
            first_run: self.first_run,
        }
    }

    /// The context and the top screen at once, so that the screen may change while it reads.
    fn parts(&mut self) -> (Ctx<'_>, Option<&mut Screen>) {
        let ctx = Ctx {
            catalog: &self.catalog,
            index: &self.index,
            theme: &self.theme,
            progress: &self.view,
            first_run: self.first_run,
        };
        (ctx, self.screens.last_mut())
    }

    /// Works out what the screens show of the progress.
    fn refresh(&mut self) {
        let now = self.clock.zoned();
        let modules = &self.catalog.modules;
        let stats = module_stats(&self.progress, modules);
        let resume = self.progress.unfinished().map(|s| {
            let shown = s.position().min(s.len().saturating_sub(1));
            format!(
                "{} — {}",
                self.session_title(s),
                strings::question_position(shown, s.len())
            )
        });
        let store = self.learner.as_ref().and_then(|l| l.store.as_ref());
        self.view = ProgressView {
            modules: modules
                .iter()
                .zip(&stats)
                .map(|(m, st)| ModuleProgress {
                    mastered: st.mastered,
                    last_score: self
                        .progress
                        .module(&m.id)
                        .and_then(|p| p.last.as_ref())
                        .map(|s| s.ratio()),
                })
                .collect(),
            resume,
            due: due_questions(&self.progress, modules, &now).len(),
            countdown: days_until_stage(self.progress.settings().stage_date, now.date()),
            profile: store.map(|s| s.profile().to_owned()),
            read_only: store.is_some_and(Store::is_read_only),
            notice: self.notice.clone(),
        };
    }

    /// Saves the progress when a profile is open for writing. A failure is told on the home
    /// screen and never stops the session: the next save may succeed.
    fn save(&mut self) {
        if let Some(store) = self.learner.as_ref().and_then(|l| l.store.as_ref())
            && !store.is_read_only()
        {
            self.notice = match store.save(&self.progress) {
                Ok(()) => None,
                Err(e) => Some(format!("{} {e:#}", strings::SAVE_FAILED)),
            };
        }
        self.refresh();
    }

    /// The title shown for a session: its module, « Révision », its case.
    fn session_title(&self, session: &QuizSession) -> String {
        let module = |id: &str| self.catalog.modules.iter().find(|m| m.id == id);
        match &session.kind {
            SessionKind::Module { module_id }
            | SessionKind::Retry {
                module_id: Some(module_id),
            } => module(module_id).map_or_else(|| module_id.clone(), |m| m.title.clone()),
            SessionKind::Retry { module_id: None } | SessionKind::Review => {
                strings::HOME_REVIEW.to_owned()
            }
            SessionKind::Exam { .. } => strings::EXAM.to_owned(),
            SessionKind::Case { module_id, case_id } => module(module_id)
                .and_then(|m| m.cases.iter().find(|c| &c.id == case_id))
                .map_or_else(
                    || case_id.clone(),
                    |c| format!("{} : {}", strings::CASE_FICTIVE, c.title),
                ),
        }
    }

    /// Runs until the user quits. The terminal is set up and restored by the caller
    /// (`ratatui::run`), which also restores it on panic.
    pub fn run(mut self, terminal: &mut DefaultTerminal) -> io::Result<()> {
        while !self.quit {
            self.tick();
            terminal.draw(|frame| self.draw(frame))?;
            if event::poll(Duration::from_millis(500))? {
                self.handle_event(&event::read()?);
            }
        }
        Ok(())
    }

    /// Gives the time to the screen on top, so that a countdown moves without a key press
    /// (the loop above comes round at least every 500 ms).
    pub fn tick(&mut self) {
        let now = self.clock.now();
        if let Some(screen) = self.screens.last_mut() {
            screen.tick(now);
        }
        if let Some(Screen::Quiz(quiz)) = self.screens.last()
            && quiz.session.time_left(now) == Some(0)
        {
            // Time is up: the questions left count as wrong.
            self.notice = Some(strings::EXAM_TIME_UP.to_owned());
            self.finish_quiz(now);
        }
    }

    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(*key),
            Event::Mouse(mouse) if !self.help => {
                let (ctx, screen) = self.parts();
                if let Some(action) = screen.and_then(|s| s.on_mouse(*mouse, &ctx)) {
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
        let (ctx, screen) = self.parts();
        if let Some(action) = screen.and_then(|s| s.on_key(key, &ctx)) {
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

    /// Opens the quiz screen on `session`, saved at once as the unfinished quiz so that a
    /// crash before the first answer still resumes it.
    fn start_session(&mut self, session: QuizSession) {
        if session.is_empty() {
            return;
        }
        let case = match &session.kind {
            SessionKind::Case { module_id, case_id } => self
                .catalog
                .modules
                .iter()
                .enumerate()
                .find_map(|(m, module)| {
                    let (c, case) = module
                        .cases
                        .iter()
                        .enumerate()
                        .find(|(_, c)| &c.id == case_id && &module.id == module_id)?;
                    Some(CaseView::new(m, c, case))
                }),
            _ => None,
        };
        // An exam's clock runs on, and it must not push aside a module quiz left for later:
        // an exam is not resumed.
        if !session.hides_feedback() {
            self.progress.set_unfinished(Some(session.clone()));
            self.save();
        }
        let now = self.clock.now();
        let title = self.session_title(&session);
        let finished = session.is_finished();
        let mut quiz = QuizScreen::new(title, session, &self.ctx(), now);
        quiz.case = case;
        self.push(Screen::Quiz(Box::new(quiz)));
        if finished {
            // Every question was answered before the stop: only the results were missing.
            self.apply(Action::Next);
        }
    }

    fn module_id_of(&self, question_id: &str) -> Option<String> {
        let m = self.index.module_of(question_id)?;
        Some(self.catalog.modules.get(m)?.id.clone())
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
            Action::OpenModule(m) => {
                if m < self.catalog.modules.len() {
                    self.push(Screen::Module(ModuleScreen::new(m)));
                }
            }
            Action::OpenLesson { module, lesson } | Action::LessonShown { module, lesson } => {
                if matches!(action, Action::OpenLesson { .. }) {
                    self.push(Screen::Lesson(LessonScreen::new(module, lesson)));
                }
                let ids = self
                    .catalog
                    .modules
                    .get(module)
                    .and_then(|m| Some((m.id.clone(), m.lessons.get(lesson)?.id.clone())));
                if let Some((m, l)) = ids
                    && self.progress.mark_lesson_read(&m, &l)
                {
                    self.save();
                }
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
                let seed = self.next_seed();
                let session = QuizSession::shuffled(kind, ids, seed, self.clock.now());
                self.start_session(session);
            }
            Action::StartCase { module, case } => {
                let Some((m, c)) = self
                    .catalog
                    .modules
                    .get(module)
                    .and_then(|m| Some((m, m.cases.get(case)?)))
                else {
                    return;
                };
                let ids = c
                    .steps
                    .iter()
                    .flat_map(|s| s.questions.iter().map(|q| q.id().to_owned()))
                    .collect();
                let kind = SessionKind::Case {
                    module_id: m.id.clone(),
                    case_id: c.id.clone(),
                };
                let seed = self.next_seed();
                // A case is told in order: its questions are never shuffled.
                let session = QuizSession::new(kind, ids, seed, self.clock.now());
                self.start_session(session);
            }
            Action::Submit(response) => self.submit(response),
            Action::Next => {
                let now = self.clock.now();
                let (ctx, screen) = self.parts();
                let Some(Screen::Quiz(quiz)) = screen else {
                    return;
                };
                if !quiz.advance(&ctx, now) {
                    self.finish_quiz(now);
                }
            }
            Action::OpenExam => self.push(Screen::ExamSetup(ExamSetupScreen::default())),
            Action::StartExam(config) => {
                let seed = self.next_seed();
                let ids = draw_questions(&self.catalog.modules, &config, seed);
                let kind = config.session_kind();
                self.start_session(QuizSession::new(kind, ids, seed, self.clock.now()));
            }
            Action::OpenStats => {
                let now = self.clock.zoned();
                let stats = Stats::compute(&self.progress, &self.catalog.modules, &now);
                self.push(Screen::Stats(StatsScreen::new(stats)));
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
                let seed = self.next_seed();
                let kind = SessionKind::Retry { module_id };
                let session = QuizSession::shuffled(kind, ids, seed, self.clock.now());
                self.screens.pop();
                self.start_session(session);
            }
            Action::Resume => {
                if let Some(session) = self.progress.unfinished().cloned() {
                    self.start_session(session);
                }
            }
            Action::StartReview => {
                let now = self.clock.zoned();
                let ids: Vec<String> = due_questions(&self.progress, &self.catalog.modules, &now)
                    .iter()
                    .take(REVIEW_BATCH)
                    .map(|d| d.question.id().to_owned())
                    .collect();
                let seed = self.next_seed();
                // Most overdue first: the order is the point of a review.
                let session = QuizSession::new(SessionKind::Review, ids, seed, now.timestamp());
                self.start_session(session);
            }
            Action::OpenSettings => {
                let date = self.progress.settings().stage_date;
                self.push(Screen::Settings(SettingsScreen::new(date)));
            }
            Action::SetStageDate(date) => {
                if self.progress.set_stage_date(date, self.clock.now()) {
                    self.save();
                }
                self.screens.pop();
            }
            Action::OpenProfiles => {
                let Some(learner) = &self.learner else {
                    return;
                };
                let profiles = learner.data.profiles().unwrap_or_default();
                let current = learner.store.as_ref().map(Store::profile);
                let screen = ProfileScreen::new(profiles, current);
                self.push(Screen::Profile(screen));
            }
            Action::SwitchProfile(name) => self.switch_profile(&name),
            Action::OpenGroup => self.open_group_setup(),
            Action::Group(action) => self.apply_group(action),
        }
    }

    /// Replaces the quiz on top by its results: an exam's report, or the quiz's results.
    fn finish_quiz(&mut self, now: Timestamp) {
        let Some(Screen::Quiz(quiz)) = self.screens.pop() else {
            return;
        };
        let QuizScreen { title, session, .. } = *quiz;
        self.progress.finish_session(&session, now);
        self.save();
        if session.hides_feedback() {
            let report = ExamReport::compute(&session, &self.catalog.modules);
            self.push(Screen::ExamResults(ExamResultsScreen::new(report, session)));
        } else {
            self.push(Screen::Results(ResultsScreen::new(title, session)));
        }
    }

    /// Grades the current question, shows the outcome, records it and saves.
    /// In an exam the outcome stays hidden and the next question comes at once.
    fn submit(&mut self, response: crate::domain::question::Response) {
        let now = self.clock.now();
        let Some(Screen::Quiz(quiz)) = self.screens.last_mut() else {
            return;
        };
        let Some(question) = quiz.session.current_id().and_then(|id| self.index.get(id)) else {
            return;
        };
        let duration = elapsed_ms(quiz.shown_at, now);
        let Some(outcome) = quiz.session.answer(question, response, now, duration) else {
            return;
        };
        let hidden = quiz.session.hides_feedback();
        if !hidden {
            quiz.show_outcome(outcome);
        }
        let session = quiz.session.clone();
        if let Some(record) = session.answers.last()
            && let Some(module_id) = self.module_id_of(&record.question_id)
        {
            self.progress
                .record_answer(&module_id, record, self.clock.tz());
        }
        if hidden {
            self.save();
            self.apply(Action::Next);
        } else {
            self.progress.set_unfinished(Some(session));
            self.save();
        }
    }

    /// Closes the current profile (releasing its lock) and opens `name`, read-only when
    /// another conseil has it open. On failure the previous profile is opened again.
    fn switch_profile(&mut self, name: &str) {
        let Some(learner) = self.learner.as_mut() else {
            return;
        };
        let previous = learner.store.take().map(|s| s.profile().to_owned());
        let opened = match learner.data.open(name) {
            Ok(opened) => Ok(opened),
            Err(OpenError::Busy { .. }) => learner.data.open_read_only(name),
            Err(OpenError::Failed(e)) => Err(e),
        };
        match opened {
            Ok(opened) => {
                learner.store = Some(opened.store);
                self.progress = opened.progress;
                self.notice = opened.notice;
                self.screens.truncate(1);
            }
            Err(e) => {
                if let Some(previous) = previous
                    && let Ok(back) = learner.data.open(&previous)
                {
                    learner.store = Some(back.store);
                }
                self.notice = Some(format!("{e:#}"));
            }
        }
        self.first_run = self.progress.answer_count() == 0;
        self.refresh();
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
        hints.push(keys::AIDE);
        widgets::footer(&hints, &self.theme, footer, buf);
        if self.help {
            widgets::help(&screen.hints(), &self.theme, area, buf);
        }
    }
}
