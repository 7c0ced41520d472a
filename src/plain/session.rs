//! A session in plain lines: the announcement, each question and its result, the end. What
//! is asked and how it is graded and saved is the study layer's; this only says it.

use std::collections::HashMap;
use std::io::{BufRead, Write};

use crate::content::load::Catalog;
use crate::domain::content::{Case, Module};
use crate::domain::layout::Layout;
use crate::domain::question::{Outcome, Question, Response, Verdict, grade};
use crate::domain::session::{QuizSession, SessionKind};
use crate::error::Failure;
use crate::study::{Answer, Ending, Start, Study};
use crate::words;

use super::answer::{self, Reply};
use super::out::{self, Closed, Event, Input, Out};
use super::strings;
use crate::words::markdown;

/// Why a session stopped before its end.
#[derive(Debug)]
pub enum Halt {
    /// Standard output closed: stop quietly, everything answered is saved.
    Closed,
    /// A progress that cannot be saved, or another failure: go no further, the learner's
    /// answers would be lost.
    Failed(Failure),
}

impl From<Closed> for Halt {
    fn from(_: Closed) -> Self {
        Halt::Closed
    }
}

/// The session being played, as the learner is told of it.
pub struct Plan<'c> {
    pub title: String,
    /// The case told, when the session plays one.
    pub case: Option<(&'c Module, &'c Case)>,
    pub resumed: bool,
    /// What starting it found (resumed, or a session dropped that no longer matched).
    pub start: Start,
}

/// Plain mode at work: the catalog, the learner's study and both ends of the dialogue.
pub struct Plain<'c, R, W> {
    pub(super) index: HashMap<&'c str, (&'c Module, &'c Question)>,
    input: Input<R>,
    pub(super) out: Out<W>,
    pub(super) study: Study,
    /// A remark was saved during this run: something was written even without an answer.
    pub(super) remarked: bool,
}

impl<'c, R: BufRead, W: Write> Plain<'c, R, W> {
    pub fn with_io(catalog: &'c Catalog, study: Study, input: Input<R>, out: Out<W>) -> Self {
        let index = catalog
            .modules
            .iter()
            .flat_map(|m| m.all_questions().map(move |q| (q.id(), (m, q))))
            .collect();
        Plain {
            index,
            input,
            out,
            study,
            remarked: false,
        }
    }

    /// Resumes the unfinished session of `kind` (unless `restart`), else plays the one
    /// `fresh` makes.
    pub fn start(
        &mut self,
        kind: &SessionKind,
        restart: bool,
        fresh: impl FnOnce(&mut Study) -> QuizSession,
    ) -> Start {
        let index = &self.index;
        self.study
            .resume_or_start(kind, restart, |id| index.contains_key(id), fresh)
    }

    /// Stops at a save that failed: what follows would be lost.
    pub(super) fn saved(&self) -> Result<(), Halt> {
        match self.study.unsaved() {
            Some(why) => Err(Halt::Failed(Failure::failed(why))),
            None => Ok(()),
        }
    }

    /// Says that nothing is due.
    pub fn nothing_to_review(&mut self) -> Result<(), Halt> {
        self.saved()?;
        self.out.emit(&super::nothing(strings::NOTHING_TO_REVIEW))?;
        Ok(self.out.flush()?)
    }

    /// Every lesson of `module` as text, each marked read.
    pub fn lessons(&mut self, module: &Module) -> Result<(), Halt> {
        let total = module.lessons.len();
        let mut head = vec![module.title.clone()];
        if !module.summary.is_empty() {
            head.push(markdown::to_line(&module.summary));
        }
        head.push(strings::lessons(total));
        if let Some(notice) = self.read_only_notice() {
            head.push(notice);
        }
        self.out.emit(&Event::Notice {
            message: head.join("\n"),
        })?;
        for (i, l) in module.lessons.iter().enumerate() {
            self.out.emit(&Event::Lesson(out::LessonView {
                module_id: module.id.clone(),
                id: l.id.clone(),
                position: i + 1,
                total,
                title: l.title.clone(),
                text: markdown::to_lines(&l.body).join("\n"),
                sources: sources(module, &l.sources),
            }))?;
            self.study.mark_lesson_read(&module.id, &l.id);
            self.saved()?;
        }
        Ok(())
    }

    fn read_only_notice(&self) -> Option<String> {
        self.study
            .store()
            .filter(|s| s.is_read_only())
            .map(|s| strings::read_only(s.profile()))
    }

    /// Asks every question of the session being played, then ends it.
    pub fn play(&mut self, plan: &Plan<'c>) -> Result<(), Halt> {
        self.saved()?;
        if plan.start == (Start::Fresh { stale: true }) {
            self.notice(strings::STALE_SESSION)?;
        }
        self.announce(plan)?;
        let mut first = true;
        let ending = loop {
            let Some((position, total, id)) = self
                .study
                .playing()
                .map(|s| (s.position(), s.len(), s.current_id().map(str::to_owned)))
            else {
                break Ending::Finished;
            };
            let Some(&(module, question)) = id.as_deref().and_then(|id| self.index.get(id)) else {
                break Ending::Finished;
            };
            if let Some((_, case)) = plan.case {
                self.tell_step(case, position, first)?;
            }
            first = false;
            let time_left = self.study.shown();
            if time_left == Some(0) {
                break Ending::TimeUp { late: false };
            }
            let layout = self.study.layout(question);
            let mut view = question_view(module, question, &layout, position, total);
            view.time_left = time_left.map(|seconds| out::TimeLeft {
                seconds,
                message: strings::time_left_words(seconds),
            });
            self.out.emit(&Event::Question(view))?;
            let Some(response) = self.ask(module, question, &layout)? else {
                break Ending::Interrupted;
            };
            match self.study.answer(question, &module.id, response) {
                Answer::Late => break Ending::TimeUp { late: true },
                Answer::Ignored => break Ending::Interrupted,
                Answer::Graded(outcome) => {
                    self.saved()?;
                    let Some(session) = self.study.playing() else {
                        break Ending::Finished;
                    };
                    if !session.hides_feedback() {
                        let view = result_view(
                            module,
                            question,
                            &layout,
                            session,
                            position,
                            Some(&outcome),
                        );
                        self.out.emit(&Event::Result(view))?;
                        let more = !session.is_finished();
                        if session.last_comes_back() {
                            self.notice(crate::words::COMES_BACK)?;
                        }
                        if matches!(question, Question::Short(_))
                            && outcome.verdict() != Verdict::Correct
                        {
                            if more {
                                self.notice(strings::TYPO_HINT)?;
                            } else {
                                self.offer_last_accept()?;
                            }
                        }
                    }
                }
            }
        };
        self.end(ending)
    }

    pub(super) fn notice(&mut self, message: &str) -> Result<(), Halt> {
        Ok(self.out.emit(&Event::Notice {
            message: message.into(),
        })?)
    }

    /// The session's first lines: what it is, how to answer, where it resumes.
    fn announce(&mut self, plan: &Plan<'c>) -> Result<(), Halt> {
        let Some(s) = self.study.playing() else {
            return Ok(());
        };
        let total = s.len();
        let mut lines = Vec::new();
        let (session, time_limit_secs) = match &s.kind {
            SessionKind::Exam {
                time_limit_secs,
                pass_mark,
            } => {
                lines.push(strings::exam_head(
                    &plan.title,
                    total,
                    *time_limit_secs,
                    *pass_mark,
                ));
                lines.push(if time_limit_secs.is_some() {
                    strings::NO_FEEDBACK_TIMED.into()
                } else {
                    strings::NO_FEEDBACK.into()
                });
                ("exam", *time_limit_secs)
            }
            SessionKind::Case { .. } => {
                lines.push(strings::case_head(&plan.title, total));
                if let Some((_, case)) = plan.case
                    && !case.summary.trim().is_empty()
                {
                    lines.push(markdown::to_lines(&case.summary).join("\n"));
                }
                ("case", None)
            }
            SessionKind::Review => {
                lines.push(strings::review_head(&plan.title, total));
                ("review", None)
            }
            SessionKind::Module { .. } | SessionKind::Retry { .. } | SessionKind::Lesson { .. } => {
                lines.push(strings::quiz_head(&plan.title, total));
                ("module", None)
            }
        };
        if plan.resumed {
            lines.push(strings::resumed(
                &s.kind,
                s.position(),
                total,
                s.answered(),
                s.score(),
            ));
        }
        lines.push(strings::HOW_TO_ANSWER.into());
        let answered = s.position();
        let read_only = self.read_only_notice();
        if let Some(notice) = &read_only {
            lines.push(notice.clone());
        }
        self.out.emit(&Event::Start(out::Start {
            session,
            title: plan.title.clone(),
            total,
            answered,
            resumed: plan.resumed,
            read_only: read_only.is_some(),
            time_limit_secs,
            message: lines.join("\n"),
        }))?;
        Ok(())
    }

    /// The narrative of the step of the question at `position`, when that question opens the
    /// step or is the first of this run (a resumed case starts again with the story of the
    /// step it stopped in).
    fn tell_step(&mut self, case: &Case, position: usize, first: bool) -> Result<(), Halt> {
        let step_of = case.step_of();
        let opens_step = position == 0 || step_of.get(position) != step_of.get(position - 1);
        if !(opens_step || first) {
            return Ok(());
        }
        let Some((index, step)) = step_of
            .get(position)
            .and_then(|&s| case.steps.get(s).map(|step| (s, step)))
        else {
            return Ok(());
        };
        self.out.emit(&Event::Step(out::Step {
            case_id: case.id.clone(),
            step: index + 1,
            steps: case.steps.len(),
            title: step.title.clone(),
            narrative: markdown::to_lines(&step.narrative).join("\n"),
            exhibits: step
                .exhibits
                .iter()
                .map(|e| out::Exhibit {
                    title: e.title.clone(),
                    body: markdown::to_lines(&e.body).join("\n"),
                })
                .collect(),
        }))?;
        Ok(())
    }

    /// Reads lines until one answers `question` (of `module`); `None` at the end of input.
    fn ask(
        &mut self,
        module: &Module,
        question: &Question,
        layout: &Layout,
    ) -> Result<Option<Response>, Halt> {
        loop {
            let Some(typed) = self.answer_line(module, question)? else {
                return Ok(None);
            };
            match answer::parse(question, layout, &typed) {
                Ok(Reply::Response(response)) => return Ok(Some(response)),
                Ok(Reply::Open(first)) => return self.open_answer(module, question, first),
                Err(message) => self.out.emit(&Event::Invalid { message })?,
            }
        }
    }

    /// The next line typed, after what was written has been sent.
    pub(super) fn read(&mut self) -> Result<Option<String>, Halt> {
        loop {
            self.out.flush()?;
            match self.input.line() {
                None => return Ok(None),
                Some(out::Line::Text(text)) => return Ok(Some(text)),
                Some(out::Line::Unreadable) => self.out.emit(&Event::Invalid {
                    message: strings::UNREADABLE_LINE.into(),
                })?,
                Some(out::Line::TooLong) => self.out.emit(&Event::Invalid {
                    message: strings::LINE_TOO_LONG.into(),
                })?,
            }
        }
    }

    /// Ends the session: scores kept (or the quiz left to resume), the exam's correction,
    /// and the summary.
    fn end(&mut self, ending: Ending) -> Result<(), Halt> {
        let exam = self
            .study
            .playing()
            .is_some_and(QuizSession::hides_feedback);
        // An interrupted quiz stays to resume; an exam is over whatever stopped it.
        let over = exam || ending != Ending::Interrupted;
        let ended = if over {
            self.study.finish()
        } else {
            self.study.leave()
        };
        self.saved()?;
        let Some(s) = ended else {
            return Ok(());
        };
        // Each question counts once, by its first answer (see QuizSession::score).
        let answered = s.answered();
        let total = s.question_count();
        let read_only = self.study.is_read_only();
        match ending {
            Ending::TimeUp { late: true } => self.notice(strings::TIME_UP_LATE)?,
            Ending::TimeUp { late: false } => self.notice(strings::TIME_UP)?,
            Ending::Finished | Ending::Interrupted => {}
        }
        if exam {
            self.correction(&s)?;
        }
        let saved = (answered > 0 || self.remarked) && !read_only;
        let save_words = if read_only {
            strings::SAVED_NOTHING_READ_ONLY
        } else if saved {
            strings::SAVED
        } else {
            strings::NOTHING_TO_SAVE
        };
        // An empty sum of floats is -0.0, which would read « -0 % »; adding 0.0 makes it 0.0.
        let points = s.score() + 0.0;
        let status = match ending {
            Ending::Finished => "finished",
            Ending::Interrupted => "interrupted",
            Ending::TimeUp { .. } => "time_up",
        };
        let (mut message, passed) = if let SessionKind::Exam { pass_mark, .. } = s.kind {
            let passed = strings::ratio(points, total) + 1e-9 >= pass_mark;
            let message = strings::exam_end(ending, answered, total, points, pass_mark, passed);
            (message, Some(passed))
        } else {
            let message =
                strings::quiz_end(&s.kind, ending, answered, total, points, s.mistakes().len());
            (message, None)
        };
        message.push(' ');
        message.push_str(save_words);
        self.out.emit(&Event::End(out::End {
            status,
            answered,
            total,
            score: points,
            saved,
            passed,
            message,
        }))?;
        self.out.flush()?;
        // A memory model being fitted on the learner's answers is waited for (tens of
        // milliseconds, once every couple of hundred reviews): a script's session may end
        // before it.
        if self.study.take_fit(true) {
            self.saved()?;
        }
        Ok(())
    }

    /// An exam's correction: every question, answered or not, with the right answer.
    fn correction(&mut self, s: &QuizSession) -> Result<(), Halt> {
        self.notice(strings::CORRECTION)?;
        for (position, id) in s.question_ids.iter().enumerate() {
            let Some(&(module, question)) = self.index.get(id.as_str()) else {
                continue;
            };
            let layout = Layout::of_session(question, s, position);
            let outcome = s
                .answers
                .get(position)
                .map(|r| grade(question, &r.response));
            let mut view = result_view(module, question, &layout, s, position, outcome.as_ref());
            // Read long after the question: the prompt again.
            view.prompt = Some(markdown::to_lines(question.prompt()).join("\n"));
            self.out.emit(&Event::Result(view))?;
        }
        Ok(())
    }
}

/// « Code pénal, art. 226-13 » for each source id the module declares.
fn sources(module: &Module, ids: &[String]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| module.sources.iter().find(|s| &s.id == id))
        .map(|s| match &s.reference {
            Some(reference) => format!("{}, {reference}", s.label),
            None => s.label.clone(),
        })
        .collect()
}

fn question_view(
    module: &Module,
    question: &Question,
    layout: &Layout,
    position: usize,
    total: usize,
) -> out::QuestionView {
    let (options, targets) = answer::options(question, layout);
    out::QuestionView {
        position: position + 1,
        total,
        id: question.id().to_owned(),
        module_id: module.id.clone(),
        kind: question.kind_name(),
        prompt: markdown::to_lines(question.prompt()).join("\n"),
        options,
        targets,
        unit: match question {
            Question::Numeric(n) => n.unit.clone(),
            _ => None,
        },
        instruction: answer::instruction(question, layout),
        time_left: None,
    }
}

/// The result of the question at `position`: the verdict, what was answered, the right
/// answer, the feedback, the explanation and the sources. Without an outcome, the question
/// was left unanswered.
fn result_view(
    module: &Module,
    question: &Question,
    layout: &Layout,
    session: &QuizSession,
    position: usize,
    outcome: Option<&Outcome>,
) -> out::ResultView {
    let record = session.answers.get(position).filter(|_| outcome.is_some());
    out::ResultView {
        position: position + 1,
        total: session.len(),
        id: question.id().to_owned(),
        verdict: outcome.map(Outcome::verdict),
        score: outcome.map_or(0.0, |o| o.score),
        prompt: None,
        your_answer: record.and_then(|r| words::answer::describe(question, layout, &r.response)),
        right_answer: words::answer::right_answer(question, layout),
        decisive: outcome
            .map(|o| {
                o.decisive
                    .iter()
                    .map(|d| words::decisive(question, *d))
                    .collect()
            })
            .unwrap_or_default(),
        feedback: outcome
            .map(|o| o.feedback.iter().map(|f| markdown::to_line(f)).collect())
            .unwrap_or_default(),
        explanation: markdown::to_lines(question.explanation()).join("\n"),
        sources: sources(module, question.sources()),
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::path::Path;
    use std::rc::Rc;

    use jiff::Timestamp;
    use jiff::tz::TimeZone;

    use super::*;
    use crate::clock::Clock;
    use crate::domain::exam::DEFAULT_PASS_MARK;
    use crate::domain::progress::Progress;
    use crate::domain::question::Verdict;
    use crate::store::profiles::DataDir;

    fn catalog() -> Catalog {
        Catalog::load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plain")])
    }

    fn t(secs: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + secs).expect("valid timestamp")
    }

    /// Plays an exam of `ids` limited to `limit` seconds, answering `typed`, on a clock that
    /// moves `step` seconds each time it is read. The clock is read when the exam starts,
    /// when each question is shown and when it is answered. Returns what was printed and the
    /// answers as saved.
    fn exam(ids: &[&str], limit: u64, typed: &str, step: i64) -> (String, Progress) {
        let catalog = catalog();
        let dir = tempfile::tempdir().expect("temp dir");
        let ticks = Rc::new(Cell::new(0_i64));
        let clock = {
            let ticks = Rc::clone(&ticks);
            let read = move || {
                let now = t(ticks.get());
                ticks.set(ticks.get() + step);
                now
            };
            Clock::new(read, TimeZone::UTC)
        };
        let data = DataDir::at(dir.path(), &Clock::fixed(t(0), TimeZone::UTC));
        let mut study = Study::new(clock, Some(1));
        study.open(data.open("essai").expect("opens"), &catalog);
        let kind = SessionKind::Exam {
            time_limit_secs: Some(limit),
            pass_mark: DEFAULT_PASS_MARK,
        };
        let ids = ids.iter().map(|id| (*id).to_owned()).collect();
        study.play(QuizSession::new(kind, ids, 1, t(0)));
        let mut plain = Plain::with_io(
            &catalog,
            study,
            Input::new(typed.as_bytes()),
            Out::new(Vec::new(), false),
        );
        let plan = Plan {
            title: strings::EXAM_TITLE.into(),
            case: None,
            resumed: false,
            start: Start::Fresh { stale: false },
        };
        assert!(plain.play(&plan).is_ok());
        drop(plain.study);
        let text = String::from_utf8(plain.out.into_inner()).expect("UTF-8");
        let progress = data.open("essai").expect("reopens").progress;
        (text, progress)
    }

    #[test]
    fn an_answer_after_the_limit_is_not_counted_and_ends_the_exam() {
        // Clock readings: 0 (the exam starts), 20 (question 1 shown, 50 s left), 40
        // (answered), 60 (question 2 shown, 10 s left), 80 (answered, too late).
        let (text, progress) = exam(&["texte.vf", "texte.court"], 70, "f\nELSM\n", 20);
        assert!(
            text.contains("Il reste 50 secondes.\nQuestion 1 sur 2"),
            "{text}"
        );
        assert!(
            text.contains("Il reste 10 secondes.\nQuestion 2 sur 2"),
            "{text}"
        );
        assert!(text.contains("n’est pas comptée"), "{text}");
        assert!(
            text.contains("Examen terminé, temps écoulé, 1 question sur 2 à temps : score 1/2 (50 %), seuil de réussite 80 % : non atteint."),
            "{text}"
        );
        // No feedback before the end: the verdict comes only in the correction.
        let correction = text.find("Correction :").expect("a correction");
        assert!(!text[..correction].contains("Correct\n"), "{text}");
        assert!(
            text[correction..].contains("Question 1 sur 2 : Correct"),
            "{text}"
        );
        assert!(
            text[correction..].contains("Question 2 sur 2 : Sans réponse"),
            "{text}"
        );
        assert_eq!(progress.answer_count(), 1);
        let vf = progress.question("texte.vf").expect("recorded");
        assert_eq!(vf.attempts[0].verdict, Verdict::Correct);
        assert!(progress.question("texte.court").is_none());
        // An exam over is no longer one to resume.
        assert!(progress.sessions().is_empty());
    }

    #[test]
    fn time_running_out_between_questions_ends_the_exam() {
        // Readings: 0 (start), 20 (question 1 shown), 40 (answered in time), 60 (over
        // before question 2 is shown).
        let (text, progress) = exam(&["texte.vf", "texte.court"], 45, "v\nELSM\n", 20);
        assert!(
            text.contains("Temps écoulé : l’examen est terminé."),
            "{text}"
        );
        assert!(!text.contains("Question 2 sur 2\n"), "{text}");
        assert_eq!(progress.answer_count(), 1);
    }
}
