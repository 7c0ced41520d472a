//! Plain mode: every feature without the full-screen interface, for a screen reader, a
//! braille display or a script.
//!
//! A full-screen terminal program redraws cells here and there; a screen reader cannot follow
//! it. Here each question is a few lines printed once, each answer a line read from standard
//! input, and the verdict is said in words. Grading, saving and resuming are the full-screen
//! app's: answers go through [`QuizSession::answer`], each one is recorded and saved at once,
//! and a quiz left unfinished resumes where it stopped, with the same order and the same
//! shuffles.
//!
//! `--json` turns every event into one JSON line, for tools; the README lists them.

mod answer;
mod markdown;
mod out;

use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{Cli, Command, ExamArgs, LessonArgs, PlainArgs, QuizArgs, ReviewArgs};
use crate::clock::Clock;
use crate::content::load::Catalog;
use crate::domain::content::{Case, Module};
use crate::domain::progress::Progress;
use crate::domain::question::{Outcome, Question, Response, grade};
use crate::domain::review::due_questions;
use crate::domain::session::{QuizSession, SessionKind, elapsed_ms};
use crate::store::profiles::{
    AmbiguousProfile, DataDir, OpenError, Opened, Store, validate_profile_name,
};
use crate::tui::action::Action;
use crate::tui::strings;

use answer::{Layout, Reply};
use out::{Closed, Event, Input, Out};

/// Questions of an exam unless `--questions` says otherwise.
pub const EXAM_QUESTIONS: u16 = 20;
/// Minutes of an exam unless `--minutes` or `--untimed` says otherwise.
pub const EXAM_MINUTES: u64 = 20;
/// Share of the points needed to pass an exam.
pub const EXAM_PASS_MARK: f64 = 0.8;

/// What `conseil` alone says where the full-screen interface cannot run.
pub const NO_TERMINAL_HINT: &str = "conseil : l’application plein écran a besoin d’un terminal interactif (ce n’en est pas un, ou TERM=dumb). Le mode texte fait tout sans elle, pour un lecteur d’écran, une plage braille ou un script : conseil quiz MODULE --plain, conseil lesson MODULE --plain, conseil review --plain, conseil exam --plain. La liste des modules : conseil check.";

/// True when the full-screen interface can run: both ends are a terminal that is not `dumb`.
pub fn terminal_ok() -> bool {
    std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        && std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
}

/// True when a subcommand runs in plain mode: asked for, or by an option only plain mode
/// honours (the full-screen app would ignore `--read-only` and save all the same), or no
/// terminal for the full-screen interface.
pub fn wanted(args: &PlainArgs) -> bool {
    args.plain || args.json || args.read_only || !terminal_ok()
}

/// Where the full-screen app opens for `conseil quiz` or `conseil lesson` without `--plain`:
/// the actions that lead there. An unknown module or case is an error to print.
pub fn full_screen_start(
    catalog: &Catalog,
    command: Option<&Command>,
) -> Result<Vec<Action>, String> {
    let (module_id, case_id, lesson) = match command {
        Some(Command::Quiz(args)) => (&args.module, args.case.as_ref(), false),
        Some(Command::Lesson(args)) => (&args.module, None, true),
        Some(Command::Review(_)) => return Ok(vec![Action::StartReview]),
        Some(Command::Exam(args)) => {
            if let Some(unknown) = args
                .modules
                .iter()
                .find(|id| !catalog.modules.iter().any(|m| &m.id == *id))
            {
                return Err(unknown_module(catalog, unknown).message);
            }
            let config = crate::domain::exam::ExamConfig {
                modules: args.modules.clone(),
                questions: usize::from(args.questions),
                minutes: (!args.untimed).then(|| u32::try_from(args.minutes).unwrap_or(u32::MAX)),
                ..Default::default()
            };
            return Ok(vec![Action::StartExam(config)]);
        }
        _ => return Ok(Vec::new()),
    };
    let index = catalog
        .modules
        .iter()
        .position(|m| &m.id == module_id)
        .ok_or_else(|| unknown_module(catalog, module_id).message)?;
    let module = &catalog.modules[index];
    let mut actions = vec![Action::OpenModule(index)];
    match case_id {
        Some(id) => {
            let case = module
                .cases
                .iter()
                .position(|c| &c.id == id)
                .ok_or_else(|| unknown_case(module, id).message)?;
            actions.push(Action::StartCase {
                module: index,
                case,
            });
        }
        None if lesson && !module.lessons.is_empty() => actions.push(Action::OpenLesson {
            module: index,
            lesson: 0,
        }),
        None if !lesson => actions.push(Action::StartQuiz { module: index }),
        None => {}
    }
    Ok(actions)
}

/// Why a command failed: its message, and its exit code (1 failed, 2 misused).
#[derive(Debug)]
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn failed(message: impl std::fmt::Display) -> Self {
        Failure {
            code: 1,
            message: message.to_string(),
        }
    }

    fn usage(message: impl std::fmt::Display) -> Self {
        Failure {
            code: 2,
            message: message.to_string(),
        }
    }
}

/// Why a session stopped before its end.
#[derive(Debug)]
enum Halt {
    /// Standard output closed: stop quietly, everything answered is saved.
    Closed,
    /// A usage error, a profile that cannot be opened, or a progress that cannot be saved: go
    /// no further, the learner's answers would be lost.
    Failed(Failure),
}

impl From<Closed> for Halt {
    fn from(_: Closed) -> Self {
        Halt::Closed
    }
}

/// A message on standard error; a closed one is no reason to fail.
fn warn(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// Runs `body`, printing its failure as `conseil <command> : …` with its exit code. A closed
/// standard output ends quietly and successfully: what was answered is saved.
fn run(command: &str, body: impl FnOnce() -> Result<(), Halt>) -> ExitCode {
    match body() {
        Ok(()) | Err(Halt::Closed) => ExitCode::SUCCESS,
        Err(Halt::Failed(failure)) => {
            warn(&format!("conseil {command} : {}", failure.message));
            ExitCode::from(failure.code)
        }
    }
}

impl From<Failure> for Halt {
    fn from(f: Failure) -> Self {
        Halt::Failed(f)
    }
}

fn unknown_module(catalog: &Catalog, id: &str) -> Failure {
    let ids: Vec<&str> = catalog.modules.iter().map(|m| m.id.as_str()).collect();
    Failure::usage(format!(
        "module inconnu « {id} » ; modules disponibles : {}",
        if ids.is_empty() {
            "aucun".to_owned()
        } else {
            ids.join(", ")
        }
    ))
}

fn unknown_case(module: &Module, id: &str) -> Failure {
    let ids: Vec<&str> = module.cases.iter().map(|c| c.id.as_str()).collect();
    Failure::usage(format!(
        "cas inconnu « {id} » dans le module « {} » ; cas disponibles : {}",
        module.id,
        if ids.is_empty() {
            "aucun".to_owned()
        } else {
            ids.join(", ")
        }
    ))
}

fn find_module<'c>(catalog: &'c Catalog, id: &str) -> Result<&'c Module, Failure> {
    catalog
        .module(id)
        .ok_or_else(|| unknown_module(catalog, id))
}

fn load_catalog(cli: &Cli) -> Catalog {
    let catalog = Catalog::load(&cli.content_folders());
    let broken = catalog.problems.iter().filter(|p| p.has_errors()).count();
    if broken > 0 {
        warn(&format!(
            "conseil : fichiers de contenu ignorés pour erreurs : {broken} (détail : conseil check)"
        ));
    }
    catalog
}

/// Opens the profile: for writing, or to read only with `--read-only`. A profile open in
/// another conseil is refused rather than opened read-only behind the learner's back: she
/// would answer a whole quiz for nothing.
fn open_profile(cli: &Cli, read_only: bool, clock: &Clock) -> Result<Opened, Failure> {
    let data = DataDir::locate(cli.data_dir.as_deref(), clock).map_err(Failure::failed)?;
    let profile = match &cli.profile {
        Some(name) => validate_profile_name(name).map_err(Failure::usage)?,
        None => data.default_profile().map_err(|e| {
            if e.is::<AmbiguousProfile>() {
                Failure::usage(e)
            } else {
                Failure::failed(format!("{e:#}"))
            }
        })?,
    };
    let mut opened = if read_only {
        data.open_read_only(&profile)
            .map_err(|e| Failure::failed(format!("{e:#}")))?
    } else {
        match data.open(&profile) {
            Ok(opened) => opened,
            Err(OpenError::Busy { profile }) => {
                return Err(Failure::failed(format!(
                    "le profil « {profile} » est déjà ouvert dans une autre fenêtre de conseil : fermez-la, ou relancez avec --read-only (rien ne sera alors enregistré)"
                )));
            }
            Err(OpenError::Failed(e)) => return Err(Failure::failed(format!("{e:#}"))),
        }
    };
    if let Some(notice) = &opened.notice {
        warn(&format!("conseil : {notice}"));
    }
    if let Some(date) = cli.stage_date
        && !read_only
        && opened.progress.set_stage_date(date.0, clock.now())
    {
        opened
            .store
            .save(&opened.progress)
            .map_err(|e| Failure::failed(format!("{e:#}")))?;
    }
    Ok(opened)
}

/// The seed of a new session: `--seed`, or drawn.
fn new_seed(cli: &Cli) -> u64 {
    cli.seed.unwrap_or_else(rand::random)
}

/// `conseil quiz MODULE [--case CAS] --plain`.
pub fn quiz(cli: &Cli, args: &QuizArgs, clock: &Clock) -> ExitCode {
    run("quiz", || {
        let catalog = load_catalog(cli);
        let module = find_module(&catalog, &args.module)?;
        let case = match &args.case {
            Some(id) => Some(
                module
                    .cases
                    .iter()
                    .find(|c| &c.id == id)
                    .ok_or_else(|| unknown_case(module, id))?,
            ),
            None => None,
        };
        let now = clock.now();
        let opened = open_profile(cli, args.plain.read_only, clock)?;
        let mut plain = Plain::new(&catalog, opened, &args.plain, clock);
        let (kind, ids, title) = match case {
            Some(c) => (
                SessionKind::Case {
                    module_id: module.id.clone(),
                    case_id: c.id.clone(),
                },
                c.steps
                    .iter()
                    .flat_map(|s| s.questions.iter().map(|q| q.id().to_owned()))
                    .collect(),
                format!("{} : {}", strings::CASE_FICTIVE, c.title),
            ),
            None => (
                SessionKind::Module {
                    module_id: module.id.clone(),
                },
                module.questions.iter().map(|q| q.id().to_owned()).collect(),
                module.title.clone(),
            ),
        };
        let plan = plain.plan(kind.clone(), args.restart, title, || {
            // A case is told in order; a module's quiz is shuffled.
            let seed = new_seed(cli);
            if case.is_some() {
                QuizSession::new(kind, ids, seed, now)
            } else {
                QuizSession::shuffled(kind, ids, seed, now)
            }
        })?;
        let Some(plan) = plan else {
            return Err(Failure::failed(format!(
                "le module « {} » n’a pas de question{}",
                module.id,
                if case.is_some() {
                    " dans ce cas"
                } else {
                    " de quiz"
                }
            ))
            .into());
        };
        plain.play(Plan {
            case: case.map(|c| (module, c)),
            ..plan
        })
    })
}

/// `conseil review --plain`: the questions due now, most overdue first.
pub fn review(cli: &Cli, args: &ReviewArgs, clock: &Clock) -> ExitCode {
    run("review", || {
        let catalog = load_catalog(cli);
        let now = clock.now();
        let opened = open_profile(cli, args.plain.read_only, clock)?;
        let mut plain = Plain::new(&catalog, opened, &args.plain, clock);
        let zoned = clock.zoned();
        let due: Vec<String> = due_questions(&plain.progress, &catalog.modules, &zoned)
            .iter()
            .map(|d| d.question.id().to_owned())
            .collect();
        let plan = plain.plan(
            SessionKind::Review,
            args.restart,
            "Révision".into(),
            || QuizSession::new(SessionKind::Review, due, new_seed(cli), now),
        )?;
        match plan {
            Some(plan) => plain.play(plan),
            None => Ok(plain.out.emit(&Event::End(out::End {
                status: "finished",
                answered: 0,
                total: 0,
                score: 0.0,
                saved: false,
                passed: None,
                message: "Rien à réviser pour l’instant : revenez plus tard, ou faites le quiz d’un module.".into(),
            }))?),
        }
    })
}

/// `conseil exam --plain`: questions drawn across modules, timed, corrected at the end.
pub fn exam(cli: &Cli, args: &ExamArgs, clock: &Clock) -> ExitCode {
    run("exam", || {
        let catalog = load_catalog(cli);
        let modules: Vec<&Module> = if args.modules.is_empty() {
            catalog.modules.iter().collect()
        } else {
            args.modules
                .iter()
                .map(|id| find_module(&catalog, id))
                .collect::<Result<_, _>>()?
        };
        // Open questions are graded by the learner once she has read the model answer: that
        // is feedback, which an exam keeps for the end; case questions need their story.
        let pool: Vec<String> = modules
            .iter()
            .flat_map(|m| m.questions.iter())
            .filter(|q| !matches!(q, Question::Open(_)))
            .map(|q| q.id().to_owned())
            .collect();
        if pool.is_empty() {
            return Err(Failure::failed("aucune question d’examen dans ces modules").into());
        }
        let now = clock.now();
        let opened = open_profile(cli, args.plain.read_only, clock)?;
        let mut plain = Plain::new(&catalog, opened, &args.plain, clock);
        let kind = SessionKind::Exam {
            time_limit_secs: (!args.untimed).then(|| args.minutes.saturating_mul(60)),
            pass_mark: EXAM_PASS_MARK,
        };
        let mut session = QuizSession::shuffled(kind, pool, new_seed(cli), now);
        session.question_ids.truncate(usize::from(args.questions));
        plain.play(Plan {
            session,
            title: "Examen blanc".into(),
            case: None,
            resumed: false,
        })
    })
}

/// `conseil lesson MODULE --plain`: every lesson of the module as text, marked read.
pub fn lesson(cli: &Cli, args: &LessonArgs, clock: &Clock) -> ExitCode {
    run("lesson", || {
        let catalog = load_catalog(cli);
        let module = find_module(&catalog, &args.module)?;
        let opened = open_profile(cli, args.plain.read_only, clock)?;
        let mut plain = Plain::new(&catalog, opened, &args.plain, clock);
        let total = module.lessons.len();
        let mut head = vec![module.title.clone()];
        if !module.summary.is_empty() {
            head.push(markdown::to_line(&module.summary));
        }
        head.push(match total {
            0 => "Ce module n’a pas de leçon.".to_owned(),
            1 => "1 leçon.".to_owned(),
            n => format!("{n} leçons."),
        });
        if plain.store.is_read_only() {
            head.push(read_only_notice(&plain.store));
        }
        plain.out.emit(&Event::Notice {
            message: head.join("\n"),
        })?;
        let mut changed = false;
        for (i, l) in module.lessons.iter().enumerate() {
            plain.out.emit(&Event::Lesson(out::LessonView {
                module_id: module.id.clone(),
                id: l.id.clone(),
                position: i + 1,
                total,
                title: l.title.clone(),
                text: markdown::to_lines(&l.body).join("\n"),
                sources: sources(module, &l.sources),
            }))?;
            changed |= plain.progress.mark_lesson_read(&module.id, &l.id);
        }
        if changed {
            plain.save()?;
        }
        Ok(())
    })
}

fn read_only_notice(store: &Store) -> String {
    format!(
        "Profil « {} » ouvert en lecture seule : rien ne sera enregistré.",
        store.profile()
    )
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

/// A session ready to play.
struct Plan<'c> {
    session: QuizSession,
    title: String,
    /// The case told, when the session plays one.
    case: Option<(&'c Module, &'c Case)>,
    resumed: bool,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ending {
    Finished,
    /// End of input before the last question.
    Interrupted,
    /// An exam's time ran out; `late` when an answer came after it and was not counted.
    TimeUp {
        late: bool,
    },
}

/// Plain mode at work: the catalog, the learner's progress and both ends of the dialogue.
struct Plain<'c, R, W> {
    index: HashMap<&'c str, (&'c Module, &'c Question)>,
    input: Input<R>,
    out: Out<W>,
    store: Store,
    progress: Progress,
    clock: Clock,
}

impl<'c> Plain<'c, std::io::StdinLock<'static>, std::io::StdoutLock<'static>> {
    /// Plain mode on standard input and output.
    fn new(catalog: &'c Catalog, opened: Opened, args: &PlainArgs, clock: &Clock) -> Self {
        Plain::with_io(
            catalog,
            opened,
            Input::new(std::io::stdin().lock()),
            Out::new(std::io::stdout().lock(), args.json),
            clock.clone(),
        )
    }
}

impl<'c, R: BufRead, W: Write> Plain<'c, R, W> {
    fn with_io(
        catalog: &'c Catalog,
        opened: Opened,
        input: Input<R>,
        out: Out<W>,
        clock: Clock,
    ) -> Self {
        let index = catalog
            .modules
            .iter()
            .flat_map(|m| m.all_questions().map(move |q| (q.id(), (m, q))))
            .collect();
        Plain {
            index,
            input,
            out,
            store: opened.store,
            progress: opened.progress,
            clock,
        }
    }

    /// The unfinished session of `kind` to resume (unless `restart`), else the one `fresh`
    /// makes; `None` when there is nothing to ask. A session whose questions left the content
    /// cannot be resumed: a fresh one starts, and the learner is told.
    fn plan(
        &mut self,
        kind: SessionKind,
        restart: bool,
        title: String,
        fresh: impl FnOnce() -> QuizSession,
    ) -> Result<Option<Plan<'c>>, Halt> {
        if let Some(session) = self
            .progress
            .unfinished()
            .filter(|s| s.kind == kind)
            .cloned()
        {
            // `is_finished` first: a hand-edited file may hold more answers than questions.
            let playable = !session.is_finished()
                && session.question_ids[session.position()..]
                    .iter()
                    .all(|id| self.index.contains_key(id.as_str()));
            if playable && !restart {
                return Ok(Some(Plan {
                    session,
                    title,
                    case: None,
                    resumed: true,
                }));
            }
            if !playable && !restart {
                self.out.emit(&Event::Notice {
                    message: "Le quiz laissé en cours ne correspond plus au contenu : un nouveau quiz commence.".into(),
                })?;
            }
            // Given up: it must not be offered again. Its answers stay in the history.
            self.progress.set_unfinished(None);
            self.save()?;
        }
        let session = fresh();
        if session.is_empty() {
            return Ok(None);
        }
        if let Some(other) = self.progress.unfinished().filter(|s| !s.hides_feedback()) {
            let what = match &other.kind {
                SessionKind::Module { module_id } => format!("le quiz du module « {module_id} »"),
                SessionKind::Case { case_id, .. } => format!("le cas « {case_id} »"),
                SessionKind::Review => "une révision".to_owned(),
                SessionKind::Retry { .. } | SessionKind::Exam { .. } => "un quiz".to_owned(),
            };
            self.out.emit(&Event::Notice {
                message: format!(
                    "Vous aviez laissé en cours {what} : dès votre première réponse ici, c’est ce quiz-ci qui sera repris la prochaine fois."
                ),
            })?;
        }
        Ok(Some(Plan {
            session,
            title,
            case: None,
            resumed: false,
        }))
    }

    /// Saves the progress, unless the profile is read-only (the learner was told).
    fn save(&self) -> Result<(), Halt> {
        if self.store.is_read_only() {
            return Ok(());
        }
        self.store
            .save(&self.progress)
            .map_err(|e| Halt::Failed(Failure::failed(format!("{e:#}"))))
    }

    /// Asks every question of the plan, then ends the session.
    fn play(&mut self, mut plan: Plan<'c>) -> Result<(), Halt> {
        self.announce(&plan)?;
        let mut first = true;
        let ending = loop {
            let now = self.clock.now();
            if plan.session.time_left(now) == Some(0) {
                break Ending::TimeUp { late: false };
            }
            let position = plan.session.position();
            let Some(&(module, question)) =
                plan.session.current_id().and_then(|id| self.index.get(id))
            else {
                break Ending::Finished;
            };
            if let Some((_, case)) = plan.case {
                self.tell_step(case, &plan.session, first)?;
            }
            first = false;
            let layout = Layout::new(question, &plan.session, position);
            let mut view = question_view(module, question, &layout, &plan.session);
            view.time_left = plan.session.time_left(now).map(|seconds| out::TimeLeft {
                seconds,
                message: time_left_words(seconds),
            });
            self.out.emit(&Event::Question(view))?;
            let Some(response) = self.ask(question, &layout)? else {
                break Ending::Interrupted;
            };
            let answered_at = self.clock.now();
            if plan.session.time_left(answered_at) == Some(0) {
                break Ending::TimeUp { late: true };
            }
            let duration = elapsed_ms(now, answered_at);
            let Some(outcome) = plan
                .session
                .answer(question, response, answered_at, duration)
            else {
                break Ending::Interrupted;
            };
            self.record(&module.id, &plan.session)?;
            if !plan.session.hides_feedback() {
                let view = result_view(
                    module,
                    question,
                    &layout,
                    &plan.session,
                    position,
                    Some(&outcome),
                );
                self.out.emit(&Event::Result(view))?;
            }
        };
        self.end(&plan, ending)
    }

    /// The session's first lines: what it is, how to answer, where it resumes.
    fn announce(&mut self, plan: &Plan<'c>) -> Result<(), Halt> {
        let s = &plan.session;
        let total = s.len();
        let mut lines = Vec::new();
        let (session, time_limit_secs) = match &s.kind {
            SessionKind::Exam {
                time_limit_secs,
                pass_mark,
            } => {
                let time = match time_limit_secs {
                    Some(secs) => format!("en {}", duration_words(*secs)),
                    None => "sans limite de temps".to_owned(),
                };
                lines.push(format!(
                    "{} : {} {time}, seuil de réussite {}.",
                    plan.title,
                    strings::questions(total),
                    strings::percent(*pass_mark)
                ));
                lines.push(if time_limit_secs.is_some() {
                    "Aucune correction avant la fin. Les réponses données après la limite ne comptent pas.".into()
                } else {
                    "Aucune correction avant la fin.".into()
                });
                ("exam", *time_limit_secs)
            }
            SessionKind::Case { .. } => {
                lines.push(format!("{} — {}.", plan.title, strings::questions(total)));
                if let Some((_, case)) = plan.case
                    && !case.summary.trim().is_empty()
                {
                    lines.push(markdown::to_lines(&case.summary).join("\n"));
                }
                ("case", None)
            }
            SessionKind::Review => {
                lines.push(format!(
                    "{} : {} à revoir aujourd’hui.",
                    plan.title,
                    strings::questions(total)
                ));
                ("review", None)
            }
            SessionKind::Module { .. } | SessionKind::Retry { .. } => {
                lines.push(format!(
                    "{} — quiz de {}.",
                    plan.title,
                    strings::questions(total)
                ));
                ("module", None)
            }
        };
        if plan.resumed {
            let what = match s.kind {
                SessionKind::Case { .. } => "du cas laissé",
                SessionKind::Review => "de la révision laissée",
                _ => "du quiz laissé",
            };
            let done = match s.position() {
                0 => String::new(),
                n => format!(", score {}/{n}", strings::decimal(s.score())),
            };
            lines.push(format!(
                "Reprise {what} en cours : question {} sur {total}{done}. Pour recommencer du début : --restart.",
                s.position() + 1
            ));
        }
        lines.push(
            "Répondez à chaque question puis Entrée. Ctrl-D interrompt : ce qui est répondu reste enregistré.".into(),
        );
        if self.store.is_read_only() {
            lines.push(read_only_notice(&self.store));
        }
        self.out.emit(&Event::Start(out::Start {
            session,
            title: plan.title.clone(),
            total,
            answered: s.position(),
            resumed: plan.resumed,
            read_only: self.store.is_read_only(),
            time_limit_secs,
            message: lines.join("\n"),
        }))?;
        Ok(())
    }

    /// The narrative of the current step, when the question opens it or is the first of this
    /// run (a resumed case starts again with the story of the step it stopped in).
    fn tell_step(&mut self, case: &Case, session: &QuizSession, first: bool) -> Result<(), Halt> {
        let step_of: Vec<usize> = case
            .steps
            .iter()
            .enumerate()
            .flat_map(|(s, step)| std::iter::repeat_n(s, step.questions.len()))
            .collect();
        let position = session.position();
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

    /// Reads lines until one answers `question`; `None` at the end of input.
    fn ask(&mut self, question: &Question, layout: &Layout) -> Result<Option<Response>, Halt> {
        loop {
            let Some(typed) = self.read()? else {
                return Ok(None);
            };
            match answer::parse(question, layout, &typed) {
                Ok(Reply::Response(response)) => return Ok(Some(response)),
                Ok(Reply::Open(text)) => return self.self_grade(question, text),
                Err(message) => self.out.emit(&Event::Invalid { message })?,
            }
        }
    }

    /// Shows the model answer of an open question and reads the learner's own grade.
    fn self_grade(&mut self, question: &Question, text: String) -> Result<Option<Response>, Halt> {
        let Question::Open(open) = question else {
            return Ok(None);
        };
        self.out.emit(&Event::ModelAnswer(out::ModelAnswer {
            id: open.id.clone(),
            model_answer: markdown::to_lines(&open.model_answer).join("\n"),
            checklist: open
                .checklist
                .iter()
                .map(|p| markdown::to_line(p))
                .collect(),
            instruction: answer::SELF_GRADE_INSTRUCTION.into(),
        }))?;
        loop {
            let Some(typed) = self.read()? else {
                return Ok(None);
            };
            match answer::parse_self_grade(&typed) {
                Some(grade) => return Ok(Some(Response::SelfGraded { text, grade })),
                None => self.out.emit(&Event::Invalid {
                    message: answer::SELF_GRADE_INVALID.into(),
                })?,
            }
        }
    }

    /// The next line typed, after what was written has been sent.
    fn read(&mut self) -> Result<Option<String>, Halt> {
        loop {
            self.out.flush()?;
            match self.input.line() {
                None => return Ok(None),
                Some(out::Line::Text(text)) => return Ok(Some(text)),
                Some(out::Line::Unreadable) => self.out.emit(&Event::Invalid {
                    message: "Texte illisible : le terminal doit envoyer de l’UTF-8. Tapez votre réponse à nouveau.".into(),
                })?,
            }
        }
    }

    /// Records the answer just given and saves, so that nothing answered is ever lost.
    fn record(&mut self, module_id: &str, session: &QuizSession) -> Result<(), Halt> {
        let Some(last) = session.answers.last() else {
            return Ok(());
        };
        self.progress
            .record_answer(module_id, last, self.clock.tz());
        // An exam cannot be resumed, its clock runs on: it must not take the place of the
        // quiz the learner will want to resume.
        if !session.hides_feedback() {
            self.progress.set_unfinished(Some(session.clone()));
        }
        self.save()
    }

    /// Ends the session: scores kept (or the quiz left to resume), the exam's correction,
    /// and the summary.
    fn end(&mut self, plan: &Plan<'c>, ending: Ending) -> Result<(), Halt> {
        let s = &plan.session;
        let exam = s.hides_feedback();
        let answered = s.answers.len();
        let total = s.len();
        let read_only = self.store.is_read_only();
        // An interrupted quiz stays to resume; an exam is over whatever stopped it.
        let over = exam || ending != Ending::Interrupted;
        if over && answered > 0 {
            self.progress.finish_session(s, self.clock.now());
            self.save()?;
        }
        if let Ending::TimeUp { late } = ending {
            self.out.emit(&Event::Notice {
                message: if late {
                    "Temps écoulé : cette dernière réponse est arrivée après la limite et n’est pas comptée. L’examen est terminé.".into()
                } else {
                    "Temps écoulé : l’examen est terminé.".into()
                },
            })?;
        }
        if exam {
            self.correction(s)?;
        }
        let saved = answered > 0 && !read_only;
        let save_words = if read_only {
            "Rien n’a été enregistré (profil en lecture seule)."
        } else if answered > 0 {
            "Progression enregistrée."
        } else {
            "Rien à enregistrer."
        };
        // An empty sum of floats is -0.0, which would read « -0 % »; adding 0.0 makes it 0.0.
        let points = s.score() + 0.0;
        let score = strings::decimal(points);
        let percent = strings::percent(ratio(points, total));
        let status = match ending {
            Ending::Finished => "finished",
            Ending::Interrupted => "interrupted",
            Ending::TimeUp { .. } => "time_up",
        };
        let (mut message, passed) = if let SessionKind::Exam { pass_mark, .. } = s.kind {
            let passed = ratio(points, total) + 1e-9 >= pass_mark;
            let how = match ending {
                Ending::Finished => "Examen terminé".to_owned(),
                Ending::Interrupted => format!(
                    "Examen interrompu après {} sur {total}, les autres comptent comme fausses",
                    strings::questions(answered)
                ),
                Ending::TimeUp { .. } => format!(
                    "Examen terminé, temps écoulé, {} sur {total} à temps",
                    strings::questions(answered)
                ),
            };
            let message = format!(
                "{how} : score {score}/{total} ({percent}), seuil de réussite {} : {}.",
                strings::percent(pass_mark),
                if passed { "atteint" } else { "non atteint" }
            );
            (message, Some(passed))
        } else {
            let (name, e) = match &s.kind {
                SessionKind::Case { .. } => ("Cas", ""),
                SessionKind::Review => ("Révision", "e"),
                _ => ("Quiz", ""),
            };
            let message = match ending {
                Ending::Interrupted if answered == 0 => format!(
                    "{name} interrompu{e} : aucune réponse sur {}.",
                    strings::questions(total)
                ),
                Ending::Interrupted => format!(
                    "{name} interrompu{e} : {} sur {total}, score {score}/{answered}.",
                    strings::questions(answered)
                ),
                Ending::Finished | Ending::TimeUp { .. } => {
                    let mut message =
                        format!("{name} terminé{e} : score {score}/{total} ({percent}).");
                    let mistakes = s.mistakes().len();
                    if mistakes > 0 {
                        message.push_str(&format!(" À revoir : {}.", strings::questions(mistakes)));
                    }
                    message
                }
            };
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
        Ok(())
    }

    /// An exam's correction: every question, answered or not, with the right answer.
    fn correction(&mut self, s: &QuizSession) -> Result<(), Halt> {
        self.out.emit(&Event::Notice {
            message: "Correction :".into(),
        })?;
        for (position, id) in s.question_ids.iter().enumerate() {
            let Some(&(module, question)) = self.index.get(id.as_str()) else {
                continue;
            };
            let layout = Layout::new(question, s, position);
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

fn ratio(score: f64, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        score / total as f64
    }
}

/// « 20 minutes », « 1 minute 30 secondes ».
fn duration_words(secs: u64) -> String {
    let (m, s) = (secs / 60, secs % 60);
    match (m, s) {
        (0, s) => strings::plural(s as usize, "seconde", "secondes"),
        (m, 0) => strings::plural(m as usize, "minute", "minutes"),
        (m, s) => format!(
            "{} {}",
            strings::plural(m as usize, "minute", "minutes"),
            strings::plural(s as usize, "seconde", "secondes")
        ),
    }
}

/// « Il reste 12 minutes. »: minutes rounded to the nearest, seconds in the last minute.
fn time_left_words(secs: u64) -> String {
    let amount = if secs >= 60 {
        strings::plural(((secs + 30) / 60) as usize, "minute", "minutes")
    } else {
        strings::plural(secs as usize, "seconde", "secondes")
    };
    format!("Il reste {amount}.")
}

fn question_view(
    module: &Module,
    question: &Question,
    layout: &Layout,
    session: &QuizSession,
) -> out::QuestionView {
    let (options, targets) = answer::options(question, layout);
    out::QuestionView {
        position: session.position() + 1,
        total: session.len(),
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
        your_answer: record.and_then(|r| answer::describe(question, layout, &r.response)),
        right_answer: answer::right_answer(question, layout),
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

    use super::*;
    use crate::domain::question::Verdict;
    use jiff::Timestamp;
    use jiff::tz::TimeZone;

    fn catalog() -> Catalog {
        Catalog::load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plain")])
    }

    fn t(secs: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + secs).expect("valid timestamp")
    }

    /// Plays an exam of `ids` limited to `limit` seconds, answering `typed`, on a clock that
    /// moves `step` seconds each time it is read. Returns what was printed and the session's
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
        let data = DataDir::at(dir.path(), &clock);
        let opened = data.open("essai").expect("opens");
        let mut plain = Plain::with_io(
            &catalog,
            opened,
            Input::new(typed.as_bytes()),
            Out::new(Vec::new(), false),
            clock,
        );
        let kind = SessionKind::Exam {
            time_limit_secs: Some(limit),
            pass_mark: EXAM_PASS_MARK,
        };
        let ids = ids.iter().map(|id| (*id).to_owned()).collect();
        let session = QuizSession::new(kind, ids, 1, t(0));
        let plan = Plan {
            session,
            title: "Examen blanc".into(),
            case: None,
            resumed: false,
        };
        assert!(plain.play(plan).is_ok());
        drop(plain.store);
        let text = String::from_utf8(plain.out.into_inner()).expect("UTF-8");
        let progress = data.open("essai").expect("reopens").progress;
        (text, progress)
    }

    #[test]
    fn an_answer_after_the_limit_is_not_counted_and_ends_the_exam() {
        // Clock readings: 0 (question 1 asked), 25 (answered), 50 (question 2 asked, 10 s
        // left), 75 (answered, too late).
        let (text, progress) = exam(&["texte.vf", "texte.court"], 60, "f\nELSM\n", 25);
        assert!(
            text.contains("Il reste 1 minute.\nQuestion 1 sur 2"),
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
        // An exam never becomes the quiz to resume.
        assert!(progress.unfinished().is_none());
    }

    #[test]
    fn time_running_out_between_questions_ends_the_exam() {
        // Readings: 0 (asked), 30 (answered in time), 60 (over before question 2).
        let (text, progress) = exam(&["texte.vf", "texte.court"], 45, "v\nELSM\n", 30);
        assert!(
            text.contains("Temps écoulé : l’examen est terminé."),
            "{text}"
        );
        assert!(!text.contains("Question 2 sur 2\n"), "{text}");
        assert_eq!(progress.answer_count(), 1);
    }

    #[test]
    fn time_in_words() {
        assert_eq!(time_left_words(1200), "Il reste 20 minutes.");
        assert_eq!(time_left_words(719), "Il reste 12 minutes.");
        assert_eq!(time_left_words(90), "Il reste 2 minutes.");
        assert_eq!(time_left_words(60), "Il reste 1 minute.");
        assert_eq!(time_left_words(59), "Il reste 59 secondes.");
        assert_eq!(time_left_words(1), "Il reste 1 seconde.");
        assert_eq!(duration_words(1200), "20 minutes");
        assert_eq!(duration_words(90), "1 minute 30 secondes");
        assert_eq!(duration_words(45), "45 secondes");
    }
}
