use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use conseil::cli::{Cli, Command, Parsed, ProgressCommand};
use conseil::clock::Clock;
use conseil::error::Failure;
use conseil::{commands, plain, term};

fn main() -> ExitCode {
    let cli = match conseil::cli::parse(std::env::args_os()) {
        Parsed::Run(cli) => cli,
        Parsed::Shown(text) => {
            term::print(&text);
            return ExitCode::SUCCESS;
        }
        Parsed::Mistake(message) => {
            term::eprintln(&format!("conseil : {message}"));
            return ExitCode::from(2);
        }
        Parsed::Incomplete(help) => {
            term::eprintln(&help);
            return ExitCode::from(2);
        }
    };
    // The only place the program reads the time: everything below takes this clock.
    let clock = match Clock::from_env() {
        Ok(clock) => clock,
        Err(e) => {
            term::eprintln(&format!("conseil : {e}"));
            return ExitCode::from(2);
        }
    };
    let (name, result) = run(&cli, clock);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if let Some(message) = failure.message() {
                match name {
                    Some(name) => term::eprintln(&format!("conseil {name} : {message}")),
                    None => term::eprintln(&format!("conseil : {message}")),
                }
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

/// Runs what `cli` asks for. Returns the name its messages carry, and how it went: only
/// `main` prints a failure and picks the exit code.
fn run(cli: &Cli, clock: Clock) -> (Option<&'static str>, Result<(), Failure>) {
    match &cli.command {
        Some(Command::Check(args)) => (Some("check"), commands::check::run(args, clock.today())),
        Some(Command::Import(args)) => (Some("import"), commands::gift::import(args)),
        Some(Command::Export(args)) => (
            Some("export"),
            commands::gift::export(args, &cli.content_folders()),
        ),
        Some(Command::Stats(args)) => (Some("stats"), commands::progress::stats(cli, args, &clock)),
        Some(Command::Progress(args)) => (
            Some(match args.command {
                ProgressCommand::Export { .. } => "progress export",
                ProgressCommand::Import { .. } => "progress import",
                ProgressCommand::Remarks { .. } => "progress remarks",
            }),
            commands::progress::progress(cli, args, &clock),
        ),
        Some(Command::Quiz(args)) if args.restart || plain::wanted(&args.plain) => {
            (Some("quiz"), plain::quiz(cli, args, &clock))
        }
        Some(Command::Lesson(args)) if plain::wanted(&args.plain) => {
            (Some("lesson"), plain::lesson(cli, args, &clock))
        }
        Some(Command::Review(args)) if args.restart || plain::wanted(&args.plain) => {
            (Some("review"), plain::review(cli, args, &clock))
        }
        Some(Command::Exam(args)) if args.restart || plain::wanted(&args.plain) => {
            (Some("exam"), plain::exam(cli, args, &clock))
        }
        Some(Command::Group(args)) if args.gain.is_some() => (
            Some("group --gain"),
            conseil::commands::gain::group_gain(args.gain.as_deref()),
        ),
        // The group quiz is full screen only: drawn into a file or a pipe it would be lost.
        Some(Command::Group(_)) if !plain::terminal_ok() => (
            Some("group"),
            Err(Failure::usage(conseil::tui::strings::GROUP_NEEDS_TERMINAL)),
        ),
        Some(Command::Group(_)) => (Some("group"), run_app(cli, clock)),
        Some(Command::Quiz(_) | Command::Lesson(_) | Command::Review(_) | Command::Exam(_)) => {
            (None, run_app(cli, clock))
        }
        // In a script, --stage-date or --stage-modules alone records the stage and stops; in
        // a terminal the app opens with it.
        None if (cli.stage_date.is_some() || cli.stage_modules.is_some())
            && !std::io::stdout().is_terminal() =>
        {
            (None, commands::progress::save_stage(cli, &clock))
        }
        None if !plain::terminal_ok() => {
            (None, Err(Failure::usage(plain::strings::NO_TERMINAL_HINT)))
        }
        None => (None, run_app(cli, clock)),
    }
}

/// The full-screen application. `ratatui::run` sets the terminal up and restores it, on a
/// panic too; mouse capture is ours to undo, so a panic hook does it first.
fn run_app(cli: &Cli, clock: Clock) -> Result<(), Failure> {
    use conseil::store::group::GroupStore;
    use conseil::study::profile;
    use conseil::tui::app::App;
    use conseil::tui::theme::Theme;
    use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    use ratatui::crossterm::execute;

    // The content and the profile are read at once, each on its core: a learner's history
    // (200,000 answers take about as long as the built-in content) does not add to the wait
    // for the first frame.
    let (catalog, opened) = std::thread::scope(|scope| {
        let catalog = scope.spawn(|| plain::load_catalog(cli));
        let opened = open_profile(cli, &clock);
        let catalog = catalog.join().map_err(|_| {
            Failure::failed("la lecture du contenu s’est arrêtée sur une erreur interne")
        });
        (catalog, opened)
    });
    let catalog = catalog?;
    // `conseil quiz`, `lesson`, `review` or `exam` in a terminal: the app opens there.
    let start = conseil::tui::start::actions(&catalog, cli.command.as_ref())?;
    let (data, mut opened) = opened?;
    // A past date or an unknown module is said before the screen is taken; a good stage is
    // kept in the profile the other core opened meanwhile.
    let stage = cli.stage_change(&catalog.modules, clock.today())?;
    if let Some(opened) = &mut opened {
        profile::apply_stage(opened, stage, clock.now())?;
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = Theme::new(cli.theme, no_color);
    let group_out = match &cli.command {
        Some(Command::Group(args)) => args.out.clone(),
        _ => None,
    };
    let group = GroupStore::new(&data, group_out);
    let mut app = App::new(catalog, theme, cli.seed, clock)
        .with_learner(data, opened)
        .with_group_store(group);
    for action in start {
        app.apply(action);
    }
    // `conseil group [--resume] [--set NOM]`: nothing to resume, or a set that cannot be read,
    // is said before the screen is taken.
    if let Some(Command::Group(args)) = &cli.command {
        app.open_group(args).map_err(Failure::from)?;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    ratatui::run(|terminal| {
        execute!(std::io::stdout(), EnableMouseCapture)?;
        let result = app.run(terminal);
        execute!(std::io::stdout(), DisableMouseCapture)?;
        result
    })
    .map_err(|e| Failure::failed(format!("erreur du terminal : {e}")))?;
    match app.unsaved() {
        Some(why) => Err(Failure::failed(format!(
            "{} {why}",
            conseil::tui::strings::NOT_SAVED_AT_EXIT
        ))),
        None => Ok(()),
    }
}

/// Offers a profile open in another window read-only, on a terminal only: a script would wait
/// for an answer nobody gives.
/// The data dir and the profile the app opens: the one named, the only one, or none when
/// several exist (the app then asks). One open in another window is offered read-only, never
/// shared.
fn open_profile(
    cli: &Cli,
    clock: &Clock,
) -> Result<
    (
        conseil::store::profiles::DataDir,
        Option<conseil::store::profiles::Opened>,
    ),
    Failure,
> {
    use conseil::store::profiles::DataDir;
    use conseil::study::profile::{self, Request, WhenBusy};

    let data = DataDir::locate(cli.data_dir.as_deref(), clock)?;
    let opened = match profile::choose(&data, cli.profile.as_deref())? {
        None => None,
        Some(name) => Some(profile::open(
            &data,
            Request {
                name: Some(&name),
                read_only: false,
                existing_only: false,
                when_busy: WhenBusy::Ask(&mut ask_read_only),
                // Checked against the content, which the other core is reading: see run_app.
                stage: profile::StageChange::default(),
            },
        )?),
    };
    Ok((data, opened))
}

fn ask_read_only(profile: &str) -> bool {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return false;
    }
    let prompt = format!(
        "Le profil « {profile} » est déjà ouvert dans une autre fenêtre de conseil. L’ouvrir en lecture seule (rien n’y sera enregistré) ? [o/N] "
    );
    let _ = std::io::stderr().write_all(term::clean(&prompt).as_bytes());
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    matches!(answer.trim().to_lowercase().as_str(), "o" | "oui")
}
