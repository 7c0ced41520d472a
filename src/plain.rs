//! Plain mode: every feature without the full-screen interface, for a screen reader, a
//! braille display or a script.
//!
//! A full-screen terminal program redraws cells here and there; a screen reader cannot follow
//! it. Here each question is a few lines printed once, each answer a line read from standard
//! input, and the verdict is said in words. The session itself is the study layer's, as in
//! the full-screen app: same questions for the same seed, same grading, each answer recorded
//! and saved at once, and a quiz left unfinished resumes where it stopped.
//!
//! `--json` turns every event into one JSON line, for tools; the README lists them.

mod answer;
mod open;
mod out;
mod session;
pub mod strings;

use std::io::IsTerminal;

use crate::cli::{Cli, ExamArgs, LessonArgs, PlainArgs, QuizArgs, ReviewArgs};
use crate::clock::Clock;
use crate::content::load::Catalog;
use crate::domain::exam::available;
use crate::domain::session::SessionKind;
use crate::error::Failure;
use crate::study::practice;
use crate::study::{Start, Study};
use crate::words;

use out::{Event, Input, Out};
use session::{Halt, Plain, Plan};

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

/// A message on standard error; a closed one is no reason to fail.
fn warn(message: &str) {
    crate::term::eprintln(message);
}

/// The catalog, with a word on the files left out.
pub fn load_catalog(cli: &Cli) -> Catalog {
    let catalog = Catalog::load(&cli.content_folders());
    if let Some(notice) = catalog.skipped_notice() {
        warn(&format!("conseil : {notice}"));
    }
    catalog
}

/// A closed standard output ends quietly and successfully: what was answered is saved.
fn done(result: Result<(), Halt>) -> Result<(), Failure> {
    match result {
        Ok(()) | Err(Halt::Closed) => Ok(()),
        Err(Halt::Failed(failure)) => Err(failure),
    }
}

/// `conseil quiz MODULE [--case CAS] --plain`.
pub fn quiz(cli: &Cli, args: &QuizArgs, clock: &Clock) -> Result<(), Failure> {
    let catalog = load_catalog(cli);
    let module = practice::find_module(&catalog, &args.module)?;
    let case = args
        .case
        .as_deref()
        .map(|id| practice::find_case(module, id))
        .transpose()?;
    let mut plain = Plain::open(&catalog, cli, &args.plain, clock)?;
    let (kind, title) = match case {
        Some(c) => (
            SessionKind::Case {
                module_id: module.id.clone(),
                case_id: c.id.clone(),
            },
            format!("{} : {}", words::CASE_FICTIVE, c.title),
        ),
        None => (
            SessionKind::Module {
                module_id: module.id.clone(),
            },
            module.title.clone(),
        ),
    };
    let start = plain.start(&kind, args.restart, |study| {
        let seed = study.next_seed();
        let now = study.clock().now();
        match case {
            Some(c) => practice::case(module, c, seed, now),
            None => practice::module_quiz(module, seed, now),
        }
    });
    if start == Start::Empty {
        return Err(Failure::failed(strings::no_question(
            &module.id,
            case.is_some(),
        )));
    }
    done(plain.play(&Plan {
        title,
        case: case.map(|c| (module, c)),
        resumed: start == Start::Resumed,
        start,
    }))
}

/// `conseil review --plain`: the questions due now, most overdue first.
pub fn review(cli: &Cli, args: &ReviewArgs, clock: &Clock) -> Result<(), Failure> {
    let catalog = load_catalog(cli);
    let mut plain = Plain::open(&catalog, cli, &args.plain, clock)?;
    let start = plain.start(&SessionKind::Review, args.restart, |study| {
        let seed = study.next_seed();
        practice::review(
            study.progress(),
            &catalog.modules,
            &study.clock().zoned(),
            seed,
        )
    });
    if start == Start::Empty {
        return done(plain.nothing_to_review());
    }
    done(plain.play(&Plan {
        title: strings::REVIEW_TITLE.into(),
        case: None,
        resumed: start == Start::Resumed,
        start,
    }))
}

/// `conseil exam --plain`: questions drawn across modules, timed, corrected at the end.
pub fn exam(cli: &Cli, args: &ExamArgs, clock: &Clock) -> Result<(), Failure> {
    let catalog = load_catalog(cli);
    for id in &args.modules {
        practice::find_module(&catalog, id)?;
    }
    let config = args.config();
    if available(&catalog.modules, &config.modules) == 0 {
        return Err(Failure::failed(strings::NO_EXAM_QUESTION));
    }
    let mut plain = Plain::open(&catalog, cli, &args.plain, clock)?;
    let start = plain.start(&config.session_kind(), args.restart, |study| {
        let seed = study.next_seed();
        practice::exam(&catalog.modules, &config, seed, study.clock().now())
    });
    done(plain.play(&Plan {
        title: strings::EXAM_TITLE.into(),
        case: None,
        resumed: start == Start::Resumed,
        start,
    }))
}

/// `conseil lesson MODULE --plain`: every lesson of the module as text, marked read.
pub fn lesson(cli: &Cli, args: &LessonArgs, clock: &Clock) -> Result<(), Failure> {
    let catalog = load_catalog(cli);
    let module = practice::find_module(&catalog, &args.module)?;
    let mut plain = Plain::open(&catalog, cli, &args.plain, clock)?;
    done(plain.lessons(module))
}

/// Plain mode on standard input and output, on the profile `cli` names.
impl<'c> Plain<'c, std::io::StdinLock<'static>, std::io::StdoutLock<'static>> {
    fn open(
        catalog: &'c Catalog,
        cli: &Cli,
        args: &PlainArgs,
        clock: &Clock,
    ) -> Result<Self, Failure> {
        use crate::store::profiles::DataDir;
        use crate::study::profile::{self, Request, WhenBusy};

        let data = DataDir::locate(cli.data_dir.as_deref(), clock)?;
        let stage = cli.stage_change(&catalog.modules, clock.today())?;
        let said = strings::stage_saved(&stage, clock.today());
        let opened = profile::open(
            &data,
            Request {
                name: cli.profile.as_deref(),
                read_only: args.read_only,
                existing_only: false,
                when_busy: WhenBusy::Refuse {
                    hint: strings::BUSY_HINT,
                },
                stage,
            },
        )?;
        if !opened.store.is_read_only() {
            for line in said {
                warn(&format!("conseil : {line}"));
            }
        }
        let mut study = Study::new(clock.clone(), cli.seed);
        if let Some(notice) = study.open(opened, catalog) {
            warn(&format!("conseil : {notice}"));
        }
        study.start_fit();
        Ok(Plain::with_io(
            catalog,
            study,
            Input::new(std::io::stdin().lock()),
            Out::new(std::io::stdout().lock(), args.json),
        ))
    }
}

/// An event's end for a session that had nothing to ask.
fn nothing(message: &str) -> Event {
    Event::End(out::End {
        status: "finished",
        answered: 0,
        total: 0,
        score: 0.0,
        saved: false,
        passed: None,
        message: message.into(),
    })
}
