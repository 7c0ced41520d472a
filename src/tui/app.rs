//! The full-screen application: a stack of screens, the global keys, and `apply`, the one
//! place where actions reach the study layer, which changes the progress and saves it.

mod begin;
mod group;
pub mod room;

pub use group::GroupOpening;

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::{DefaultTerminal, Frame};

use crate::clock::Clock;
use crate::content::load::Catalog;
use crate::domain::exam::ExamReport;
use crate::domain::next::next_step;
use crate::domain::path::module_path;
use crate::domain::plan::DailyPlan;
use crate::domain::progress::Progress;
use crate::domain::question::{Question, Response, Verdict};
use crate::domain::review::{days_until_stage, due_questions};
use crate::domain::session::QuizSession;
use crate::domain::stats::{Stats, module_stats};
use crate::store::profiles::{DataDir, Opened, Store};
use crate::study::profile::{self, Request, WhenBusy};
use crate::study::{Answer, Remarked, Study, practice};
use crate::tui::action::Action;
use crate::tui::screens::exam::{ExamResultsScreen, ExamSetupScreen};
use crate::tui::screens::glossary::{GlossaryScreen, Section};
use crate::tui::screens::home::HomeScreen;
use crate::tui::screens::lesson::LessonScreen;
use crate::tui::screens::module::ModuleScreen;
use crate::tui::screens::profile::ProfileScreen;
use crate::tui::screens::results::ResultsScreen;
use crate::tui::screens::settings::SettingsScreen;
use crate::tui::screens::stats::StatsScreen;
use crate::tui::screens::{Ctx, InProgress, ModuleProgress, ProgressView, QuestionIndex, Screen};
use crate::tui::strings;
use crate::tui::strings::keys;
use crate::tui::theme::Theme;
use crate::tui::widgets::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::words;

/// What is drawn over the screen and takes the next key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Overlay {
    Help,
    /// The learner asked to leave an exam: she confirms first.
    AbandonExam,
}

pub struct App {
    pub catalog: Catalog,
    index: QuestionIndex,
    theme: Theme,
    /// The learner's progress and the session being played.
    study: Study,
    /// What the screens are shown of the progress, worked out again after each change.
    view: ProgressView,
    /// Where the profiles are: `None` keeps everything in memory (tests).
    data: Option<DataDir>,
    /// Something to tell the learner on the home screen (a file set aside).
    notice: Option<String>,
    /// Where group quiz sessions are saved (`conseil group`); `None` keeps them in memory.
    group: Option<crate::store::group::GroupStore>,
    /// Where to open the room when a group session starts (`conseil group --salle`).
    room_wanted: Option<room::RoomWanted>,
    /// The room's server while a group session runs with `--salle`.
    room: Option<crate::room::RoomServer>,
    screens: Vec<Screen>,
    /// A box drawn over the screen that takes the next key.
    overlay: Option<Overlay>,
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
            study: Study::new(clock, seed),
            view: ProgressView::default(),
            data: None,
            notice: None,
            group: None,
            room_wanted: None,
            room: None,
            screens: vec![Screen::Home(HomeScreen::default())],
            overlay: None,
            first_run: true,
            quit: false,
        };
        app.refresh();
        app
    }

    /// Saves progress in `data`, starting with the profile `opened`, or with the profile
    /// picker when none is (several profiles exist and none was named).
    pub fn with_learner(mut self, data: DataDir, opened: Option<Opened>) -> App {
        let choose = opened.is_none();
        if let Some(opened) = opened {
            self.notice = self.study.open(opened, &self.catalog);
        }
        self.data = Some(data);
        self.first_run = self.study.progress().answer_count() == 0;
        self.refresh();
        if choose {
            self.apply(Action::OpenProfiles);
        }
        self
    }

    /// The learner's progress.
    pub fn progress(&self) -> &Progress {
        self.study.progress()
    }

    /// Why the progress could not be saved, while it cannot.
    pub fn unsaved(&self) -> Option<&str> {
        self.study.unsaved()
    }

    /// The session being played, if any.
    pub fn playing(&self) -> Option<&QuizSession> {
        self.study.playing()
    }

    /// The screen on top of the stack.
    pub fn screen(&self) -> &Screen {
        // The home screen is never popped, so the stack is never empty.
        self.screens
            .last()
            .unwrap_or_else(|| unreachable!("home is never popped"))
    }

    fn ctx(&self) -> Ctx<'_> {
        let App {
            catalog,
            index,
            theme,
            view,
            study,
            first_run,
            ..
        } = self;
        context(catalog, index, theme, view, study, *first_run)
    }

    /// The context and the top screen at once, so that the screen may change while it reads.
    fn parts(&mut self) -> (Ctx<'_>, Option<&mut Screen>) {
        let App {
            catalog,
            index,
            theme,
            view,
            study,
            first_run,
            screens,
            ..
        } = self;
        let ctx = context(catalog, index, theme, view, study, *first_run);
        (ctx, screens.last_mut())
    }

    /// Works out what the screens show of the progress.
    fn refresh(&mut self) {
        let now = self.study.clock().zoned();
        let progress = self.study.progress();
        let modules = &self.catalog.modules;
        let stats = module_stats(progress, modules);
        let in_progress = progress
            .sessions()
            .into_iter()
            .map(|s| InProgress {
                activity: s.kind.activity(),
                title: self.session_title(s),
                position: strings::question_position(
                    s.position().min(s.len().saturating_sub(1)),
                    s.len(),
                ),
            })
            .collect();
        // « Continuer » offers the review the study layer would start now.
        let review = practice::review(progress, modules, &now, 0).question_ids;
        let store = self.study.store();
        // A notice names files: a path may hold anything, and it is drawn on the terminal.
        let notice = self
            .notice
            .as_deref()
            .map(|n| crate::term::clean(n).into_owned());
        self.view = ProgressView {
            modules: modules
                .iter()
                .zip(&stats)
                .map(|(m, st)| ModuleProgress {
                    mastered: st.mastered,
                    last_score: progress
                        .module(&m.id)
                        .and_then(|p| p.last.as_ref())
                        .map(super::super::domain::progress::SessionScore::ratio),
                })
                .collect(),
            in_progress,
            paths: modules.iter().map(|m| module_path(m, progress)).collect(),
            next: next_step(modules, progress, &review),
            due: due_questions(progress, modules, &now).len(),
            countdown: days_until_stage(progress.settings().stage_date, now.date()),
            plan: Some(DailyPlan::compute(progress, modules, &now)),
            profile: store.map(|s| s.profile().to_owned()),
            read_only: store.is_some_and(Store::is_read_only),
            notice,
        };
    }

    /// Runs until the user quits. The terminal is set up and restored by the caller
    /// (`ratatui::run`), which also restores it on panic.
    pub fn run(&mut self, terminal: &mut DefaultTerminal) -> io::Result<()> {
        let stop = stop_signals()?;
        while !self.quit && !stop.load(Ordering::Relaxed) {
            self.tick();
            terminal.draw(|frame| self.draw(frame))?;
            // Once the screen is up (a no-op but after a profile is opened).
            self.study.start_fit();
            if event::poll(Duration::from_millis(500))? {
                self.handle_event(&event::read()?);
            }
        }
        Ok(())
    }

    /// Gives the time to the screen on top, so that a countdown moves without a key press
    /// (the loop above comes round at least every 500 ms).
    pub fn tick(&mut self) {
        self.note_lesson_end();
        if self.study.take_fit(false) {
            self.refresh();
        }
        self.sync_room();
        let now = self.study.clock().now();
        if let Some(screen) = self.screens.last_mut() {
            screen.tick(now);
        }
        if matches!(self.screens.last(), Some(Screen::Quiz(_))) && self.study.time_left() == Some(0)
        {
            self.time_up();
        }
    }

    /// An exam's time is up: the questions left count as wrong.
    fn time_up(&mut self) {
        self.notice = Some(strings::EXAM_TIME_UP.to_owned());
        self.finish_quiz();
    }

    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(*key),
            Event::Mouse(mouse) if self.overlay.is_none() && self.study.unsaved().is_none() => {
                self.note_lesson_end();
                let (ctx, screen) = self.parts();
                if let Some(action) = screen.and_then(|s| s.on_mouse(*mouse, &ctx)) {
                    self.apply(action);
                }
            }
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        self.note_lesson_end();
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.apply(Action::Quit);
            return;
        }
        // A save failed: nothing goes on until it succeeds or the learner leaves.
        if self.study.unsaved().is_some() {
            match key.code {
                KeyCode::Char('r' | 'R') => self.study.save(),
                KeyCode::Char('q' | 'Q') | KeyCode::Esc => self.apply(Action::Quit),
                _ => {}
            }
            return;
        }
        match self.overlay.take() {
            Some(Overlay::Help) => return,
            Some(Overlay::AbandonExam) => {
                if matches!(key.code, KeyCode::Char('o' | 'O')) {
                    self.notice = Some(strings::EXAM_ABANDONED.to_owned());
                    self.finish_quiz();
                }
                return;
            }
            None => {}
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

    /// A lesson whose end was on the last frame drawn counts as read: called before each key
    /// and at each tick, so that no frame goes unnoticed (drawing changes nothing).
    fn note_lesson_end(&mut self) {
        if let Some(Screen::Lesson(lesson)) = self.screens.last_mut()
            && let Some(action) = lesson.end_reached()
        {
            self.apply(action);
        }
    }

    fn push(&mut self, screen: Screen) {
        self.first_run = false;
        self.screens.push(screen);
    }

    /// Keeps the stage the settings screen asks for, or says there why its date is refused.
    fn set_stage(&mut self, date: Option<jiff::civil::Date>, modules: Vec<String>) {
        match self.study.set_stage(date, modules) {
            Ok(()) => {
                self.screens.pop();
                self.refresh();
            }
            Err(e) => {
                if let Some(Screen::Settings(screen)) = self.screens.last_mut() {
                    screen.refuse(words::date_error(&e, ""));
                }
            }
        }
    }

    /// Leaves the screens above the first `keep`; a quiz left is kept to resume.
    fn truncate(&mut self, keep: usize) {
        self.screens.truncate(keep);
        if !self.screens.iter().any(|s| matches!(s, Screen::Quiz(_))) {
            self.study.leave();
        }
    }

    fn module_id_of(&self, question_id: &str) -> Option<String> {
        let m = self.index.module_of(question_id)?;
        Some(self.catalog.modules.get(m)?.id.clone())
    }

    /// Carries out an action: the only place that reaches the study layer.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => {
                self.overlay = match self.overlay {
                    Some(Overlay::Help) => None,
                    _ => Some(Overlay::Help),
                }
            }
            // Leaving an exam ends it (its clock runs on): the learner confirms first.
            Action::Back
                if matches!(self.screens.last(), Some(Screen::Quiz(_)))
                    && self
                        .study
                        .playing()
                        .is_some_and(QuizSession::hides_feedback) =>
            {
                self.overlay = Some(Overlay::AbandonExam);
            }
            Action::Back => {
                if self.screens.len() > 1 {
                    self.truncate(self.screens.len() - 1);
                } else {
                    self.quit = true;
                }
            }
            Action::Home => self.truncate(1),
            Action::OpenModule(m) => {
                if m < self.catalog.modules.len() {
                    self.push(Screen::Module(ModuleScreen::new(m)));
                }
            }
            Action::OpenLesson { module, lesson } => {
                self.push(Screen::Lesson(LessonScreen::new(module, lesson)));
            }
            Action::LessonRead { module, lesson } => {
                if let Some(m) = self.catalog.modules.get(module)
                    && let Some(l) = m.lessons.get(lesson)
                {
                    self.study.mark_lesson_read(&m.id, &l.id);
                    self.refresh();
                }
            }
            Action::OpenGlossary | Action::SearchLessons => {
                let section = if action == Action::OpenGlossary {
                    Section::Glossary
                } else {
                    Section::Lessons
                };
                let screen = GlossaryScreen::new(&self.catalog, section);
                self.push(Screen::Glossary(screen));
            }
            Action::StartQuiz { .. }
            | Action::StartCase { .. }
            | Action::StartExam { .. }
            | Action::StartLessonQuiz { .. }
            | Action::RetryMistakes
            | Action::RetryWeakest
            | Action::Resume(_)
            | Action::StartReview => self.begin(action),
            Action::Submit(response) => self.submit(response),
            Action::Next => self.next(),
            Action::AcceptAnswer => self.accept_answer(),
            Action::OpenExam => self.push(Screen::ExamSetup(ExamSetupScreen::default())),
            Action::OpenStats => {
                let now = self.study.clock().zoned();
                let stats = Stats::compute(self.study.progress(), &self.catalog.modules, &now);
                self.push(Screen::Stats(StatsScreen::new(stats)));
            }
            Action::OpenSettings => {
                // The countdown shown may have changed since the last action (midnight).
                self.refresh();
                let settings = self.study.progress().settings();
                let screen = SettingsScreen::new(
                    settings.stage_date,
                    &settings.stage_modules,
                    &self.catalog.modules,
                );
                self.push(Screen::Settings(screen));
            }
            Action::SetStage { date, modules } => self.set_stage(date, modules),
            Action::OpenProfiles => {
                let Some(data) = &self.data else {
                    return;
                };
                let profiles = data.profiles().unwrap_or_default();
                let current = self.study.store().map(Store::profile);
                let screen = ProfileScreen::new(profiles, current);
                self.push(Screen::Profile(screen));
            }
            Action::SwitchProfile(name) => self.switch_profile(&name),
            Action::OpenGroup => self.open_group_setup(),
            Action::Group(action) => self.apply_group(action),
            Action::Report { question_id, text } => self.report(&question_id, &text),
        }
    }

    /// Keeps the learner's remark on a question, and tells her where it went.
    fn report(&mut self, question_id: &str, text: &str) {
        let Some(module) = self
            .index
            .module_of(question_id)
            .and_then(|m| self.catalog.modules.get(m))
        else {
            return;
        };
        let said = match self.study.remark(module, question_id, text) {
            Remarked::Saved => strings::REMARK_SAVED,
            Remarked::NotSaved => strings::REMARK_NOT_SAVED,
            Remarked::Empty => strings::REMARK_EMPTY,
        };
        if let Some(Screen::Quiz(quiz)) = self.screens.last_mut() {
            quiz.message = Some(said);
        }
    }

    /// After a question's feedback: the next question, or the results.
    fn next(&mut self) {
        let (ctx, screen) = self.parts();
        let Some(Screen::Quiz(quiz)) = screen else {
            return;
        };
        if quiz.advance(&ctx) {
            self.study.shown();
        } else {
            self.finish_quiz();
        }
    }

    /// Replaces the quiz on top by its results: an exam's report, or the quiz's results.
    fn finish_quiz(&mut self) {
        if self.overlay == Some(Overlay::AbandonExam) {
            self.overlay = None;
        }
        let Some(Screen::Quiz(quiz)) = self.screens.pop() else {
            return;
        };
        let Some(session) = self.study.finish() else {
            return;
        };
        if session.hides_feedback() {
            let report = ExamReport::compute(&session, &self.catalog.modules);
            self.push(Screen::ExamResults(ExamResultsScreen::new(report, session)));
        } else {
            self.push(Screen::Results(ResultsScreen::new(quiz.title, session)));
        }
        self.refresh();
    }

    /// Grades the current question, records it, saves, and shows the outcome. In an exam the
    /// outcome stays hidden and the next question comes at once.
    fn submit(&mut self, response: Response) {
        let Some(id) = self.study.playing().and_then(QuizSession::current_id) else {
            return;
        };
        let (Some(question), Some(module_id)) = (self.index.get(id), self.module_id_of(id)) else {
            return;
        };
        let question = question.clone();
        match self.study.answer(&question, &module_id, response) {
            Answer::Graded(outcome) => {
                if self
                    .study
                    .playing()
                    .is_some_and(QuizSession::hides_feedback)
                {
                    self.next();
                } else if let Some(Screen::Quiz(quiz)) = self.screens.last_mut() {
                    let typo_possible = matches!(question, Question::Short(_))
                        && outcome.verdict() != Verdict::Correct;
                    quiz.show_outcome(outcome);
                    quiz.may_accept = typo_possible;
                    if self
                        .study
                        .playing()
                        .is_some_and(QuizSession::last_comes_back)
                    {
                        quiz.message = Some(words::COMES_BACK);
                    }
                }
            }
            Answer::Late => self.time_up(),
            Answer::Ignored => {}
        }
        self.refresh();
    }

    /// « J'avais juste »: the short answer just marked wrong counts as right.
    fn accept_answer(&mut self) {
        let Some(id) = self
            .study
            .playing()
            .and_then(|s| s.answers.last())
            .map(|a| a.question_id.clone())
        else {
            return;
        };
        let Some(question) = self.index.get(&id).cloned() else {
            return;
        };
        if !self.study.accept_last_answer(&question) {
            return;
        }
        if let Some(Screen::Quiz(quiz)) = self.screens.last_mut()
            && let Some(outcome) = &mut quiz.outcome
        {
            outcome.score = 1.0;
            outcome.parts = vec![true];
            outcome.decisive.clear();
            quiz.may_accept = false;
            quiz.message = Some(words::ACCEPTED);
        }
        self.refresh();
    }

    /// Closes the current profile (releasing its lock) and opens `name`, read-only when
    /// another conseil has it open. On failure the previous profile is opened again.
    fn switch_profile(&mut self, name: &str) {
        let Some(data) = &self.data else {
            return;
        };
        let previous = self.study.close();
        let request = Request {
            name: Some(name),
            read_only: false,
            existing_only: false,
            when_busy: WhenBusy::ReadOnly,
            stage: profile::StageChange::default(),
        };
        match profile::open(data, request) {
            Ok(opened) => {
                self.notice = self.study.open(opened, &self.catalog);
                self.truncate(1);
            }
            Err(e) => {
                if let Some(previous) = previous
                    && let Ok(back) = data.open(&previous)
                {
                    self.study.open(back, &self.catalog);
                }
                self.notice = e.message().map(str::to_owned);
            }
        }
        self.first_run = self.study.progress().answer_count() == 0;
        self.refresh();
    }

    pub fn draw(&self, frame: &mut Frame) {
        self.render(frame.area(), frame.buffer_mut());
        // The terminal's cursor stands on the focused item, marked ▶ on every screen, so that
        // a screen reader or a magnifier follows the focus.
        if let Some(at) = focus_marker(frame.buffer_mut()) {
            frame.set_cursor_position(at);
        }
    }

    /// Draws the whole interface into `buf`: the screen, its footer, and the help overlay.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme.base);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            widgets::too_small(&self.theme, area, buf);
            return;
        }
        let ctx = self.ctx();
        let screen = self.screen();
        // Where answers would be saved, every screen says that they are not (the home screen
        // says it its own way).
        let read_only = self.study.is_read_only() && !matches!(screen, Screen::Home(_));
        let [banner, body, footer] = Layout::vertical([
            Constraint::Length(u16::from(read_only)),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        if read_only {
            buf.set_string(
                banner.x,
                banner.y,
                format!("⚠ {}", strings::HOME_READ_ONLY),
                self.theme.warning,
            );
        }
        screen.render(&ctx, body, buf);
        let mut hints = screen.hints();
        hints.push(keys::AIDE);
        widgets::footer(&hints, &self.theme, footer, buf);
        match self.overlay {
            Some(Overlay::Help) => widgets::help(&screen.hints(), &self.theme, area, buf),
            Some(Overlay::AbandonExam) => widgets::confirm_abandon(&self.theme, area, buf),
            None => {}
        }
        if let Some(why) = self.study.unsaved() {
            widgets::save_failed(why, &self.theme, area, buf);
        }
    }
}

/// What the screens read: the content, the theme, the progress shown, the session played.
fn context<'a>(
    catalog: &'a Catalog,
    index: &'a QuestionIndex,
    theme: &'a Theme,
    view: &'a ProgressView,
    study: &'a Study,
    first_run: bool,
) -> Ctx<'a> {
    Ctx {
        catalog,
        index,
        theme,
        progress: view,
        playing: study.playing(),
        first_run,
    }
}

/// A flag raised by SIGTERM or SIGHUP (a closed window, a logout, `kill`): the app then
/// leaves its loop like a `q`, and the terminal is given back as it was. Answers are saved
/// as they are given, so nothing waits to be written.
///
/// A closed window also takes the terminal away, and crossterm then reads it in a loop that
/// never returns (a hung-up terminal reads as empty at once, forever): the app's loop cannot
/// see the flag. So the thread that receives the signal waits a grace period, which a loop
/// that is not stuck never needs, and ends the process itself. That loses nothing: every
/// answer is already in the journal, which survives a kill at any moment, and the system
/// releases the profile's lock with the process.
///
/// Windows has no such signals. Ctrl-C arrives as a key (the console is in raw mode) and
/// quits like `q`; a closed console window ends the process, which loses nothing for the
/// same reason.
#[cfg_attr(
    not(unix),
    expect(
        clippy::unnecessary_wraps,
        reason = "registering the signals can fail on Unix only"
    )
)]
fn stop_signals() -> io::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
        let raised = Arc::clone(&stop);
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                raised.store(true, Ordering::Relaxed);
                std::thread::sleep(STUCK_AFTER);
                std::process::exit(1);
            }
        });
    }
    Ok(stop)
}

/// Far longer than the loop takes to see the flag (it comes round every 500 ms) and give
/// the terminal back.
#[cfg(unix)]
const STUCK_AFTER: Duration = Duration::from_secs(3);

/// The cell of the first ▶ drawn, top to bottom: the focused item.
fn focus_marker(buf: &Buffer) -> Option<ratatui::layout::Position> {
    let area = buf.area;
    (area.top()..area.bottom())
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .find(|&(x, y)| buf.cell((x, y)).is_some_and(|c| c.symbol() == "▶"))
        .map(ratatui::layout::Position::from)
}
