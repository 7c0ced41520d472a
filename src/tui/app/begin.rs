//! Starting a session in the app: a module's quiz, a lesson's, a case, an exam, the review,
//! the mistakes or the weakest questions again, or the session in progress of an activity.
//! Each activity keeps one session to resume, so a start first looks for it.

use super::App;
use crate::content::load::Catalog;
use crate::domain::session::{QuizSession, SessionKind};
use crate::study::{Resume, Start, Study, practice};
use crate::tui::action::Action;
use crate::tui::screens::Screen;
use crate::tui::screens::quiz::{CaseView, QuizScreen};
use crate::tui::strings;
use crate::words;

impl App {
    /// The title shown for a session: its module, « Révision », its case.
    pub(super) fn session_title(&self, session: &QuizSession) -> String {
        let module = |id: &str| self.catalog.modules.iter().find(|m| m.id == id);
        match &session.kind {
            SessionKind::Module { module_id }
            | SessionKind::Retry {
                module_id: Some(module_id),
            } => module(module_id).map_or_else(|| module_id.clone(), |m| m.title.clone()),
            SessionKind::Retry { module_id: None } => strings::RETRY_ACROSS.to_owned(),
            SessionKind::Review => strings::HOME_REVIEW.to_owned(),
            SessionKind::Exam { .. } => strings::EXAM.to_owned(),
            SessionKind::Lesson {
                module_id,
                lesson_id,
            } => module(module_id)
                .and_then(|m| {
                    let l = m.lessons.iter().position(|l| &l.id == lesson_id)?;
                    Some(strings::lesson_quiz_title(&m.title, l))
                })
                .unwrap_or_else(|| lesson_id.clone()),
            SessionKind::Case { module_id, case_id } => module(module_id)
                .and_then(|m| m.cases.iter().find(|c| &c.id == case_id))
                .map_or_else(
                    || case_id.clone(),
                    |c| format!("{} : {}", words::CASE_FICTIVE, c.title),
                ),
        }
    }

    /// Shows the session being played on the quiz screen.
    pub(super) fn show_playing(&mut self) {
        let Some(session) = self.study.playing() else {
            return;
        };
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
        let title = self.session_title(session);
        let finished = session.is_finished();
        self.refresh();
        let mut quiz = QuizScreen::new(title, &self.ctx(), self.study.clock().now());
        quiz.case = case;
        self.push(Screen::Quiz(Box::new(quiz)));
        self.study.shown();
        if finished {
            // Every question was answered before the stop: only the results were missing.
            self.apply(Action::Next);
        }
    }

    /// Plays the session of the activity of `kind` left unfinished, unless `restart`, else
    /// the one `fresh` makes; tells when there was nothing to ask.
    fn resume_or_start(
        &mut self,
        kind: &SessionKind,
        restart: bool,
        fresh: impl FnOnce(&mut Study, &Catalog) -> QuizSession,
    ) {
        let App {
            study,
            index,
            catalog,
            ..
        } = self;
        let start = study.resume_or_start(
            kind,
            restart,
            |id| index.get(id).is_some(),
            |study| fresh(study, catalog),
        );
        self.notice = match start {
            Start::Fresh { stale: true } => Some(strings::STALE_SESSION.to_owned()),
            Start::Empty => Some(strings::NOTHING_TO_ASK.to_owned()),
            Start::Resumed | Start::Fresh { stale: false } => None,
        };
        if start == Start::Empty {
            self.refresh();
        } else {
            self.show_playing();
        }
    }

    /// Starts the session `action` asks for: a module's quiz, a case, an exam, the mistakes
    /// again, the session to resume, the review. A quiz, a case and the review resume where
    /// they stopped unless a restart is asked for.
    pub(super) fn begin(&mut self, action: Action) {
        match action {
            Action::StartQuiz { module, restart } => {
                let Some(m) = self.catalog.modules.get(module) else {
                    return;
                };
                let kind = SessionKind::Module {
                    module_id: m.id.clone(),
                };
                self.resume_or_start(&kind, restart, |study, catalog| {
                    let seed = study.next_seed();
                    practice::module_quiz(&catalog.modules[module], seed, study.clock().now())
                });
            }
            Action::StartCase {
                module,
                case,
                restart,
            } => {
                let Some((m, c)) = self
                    .catalog
                    .modules
                    .get(module)
                    .and_then(|m| Some((m, m.cases.get(case)?)))
                else {
                    return;
                };
                let kind = SessionKind::Case {
                    module_id: m.id.clone(),
                    case_id: c.id.clone(),
                };
                self.resume_or_start(&kind, restart, |study, catalog| {
                    let m = &catalog.modules[module];
                    let seed = study.next_seed();
                    practice::case(m, &m.cases[case], seed, study.clock().now())
                });
            }
            Action::StartLessonQuiz { module, lesson } => {
                let m = self.catalog.modules.get(module);
                let Some(kind) = m.and_then(|m| practice::lesson_kind(m, lesson)) else {
                    return;
                };
                self.resume_or_start(&kind, false, |study, catalog| {
                    let (seed, now) = (study.next_seed(), study.clock().now());
                    let m = &catalog.modules[module];
                    practice::lesson_quiz(m, lesson, study.progress(), seed, now)
                });
            }
            Action::StartExam { config, restart } => {
                self.resume_or_start(&config.session_kind(), restart, |study, catalog| {
                    let seed = study.next_seed();
                    practice::exam(&catalog.modules, &config, seed, study.clock().now())
                });
            }
            Action::RetryMistakes => self.retry_mistakes(),
            Action::RetryWeakest => self.retry_weakest(),
            Action::Resume(activity) => self.resume(&activity),
            Action::StartReview => {
                self.resume_or_start(&SessionKind::Review, false, |study, catalog| {
                    let now = study.clock().zoned();
                    let seed = study.next_seed();
                    practice::review(study.progress(), &catalog.modules, &now, seed)
                });
            }
            _ => {}
        }
    }

    /// The mistakes of the session on the results screen, asked again.
    fn retry_mistakes(&mut self) {
        let finished = match self.screens.pop() {
            Some(Screen::Results(results)) => results.session,
            Some(Screen::ExamResults(results)) => results.session,
            other => {
                self.screens.extend(other);
                return;
            }
        };
        let seed = self.study.next_seed();
        let session = practice::retry(&finished, seed, self.study.clock().now());
        let kind = session.kind.clone();
        self.resume_or_start(&kind, true, |_, _| session);
    }

    /// The weakest questions of the statistics screen, asked again.
    fn retry_weakest(&mut self) {
        let weak = match self.screens.last() {
            Some(Screen::Stats(stats)) => stats.stats.weakest.clone(),
            _ => return,
        };
        // Its figures would be stale once the questions are answered.
        self.screens.pop();
        let seed = self.study.next_seed();
        let session = practice::weakest(&weak, seed, self.study.clock().now());
        let kind = session.kind.clone();
        self.resume_or_start(&kind, true, |_, _| session);
    }

    /// The session in progress of `activity`, resumed where it stopped.
    fn resume(&mut self, activity: &str) {
        let Some(kind) = self
            .study
            .progress()
            .sessions()
            .into_iter()
            .find(|s| s.kind.activity() == activity)
            .map(|s| s.kind.clone())
        else {
            return;
        };
        let index = &self.index;
        if self.study.resume(&kind, |id| index.get(id).is_some()) == Resume::Stale {
            self.notice = Some(strings::STALE_SESSION.to_owned());
            self.refresh();
        } else {
            self.show_playing();
        }
    }
}
