use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use conseil::cli::{Cli, Command};
use conseil::clock::Clock;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The only place the program reads the time: everything below takes this clock.
    let clock = match Clock::from_env() {
        Ok(clock) => clock,
        Err(e) => {
            eprintln!("conseil : {e}");
            return ExitCode::from(2);
        }
    };
    match &cli.command {
        Some(Command::Check(args)) => conseil::commands::check::run(args, clock.today()),
        Some(Command::Import(args)) => conseil::commands::gift::import(args),
        Some(Command::Export(args)) => {
            conseil::commands::gift::export(args, &cli.content_folders())
        }
        Some(Command::Stats(args)) => conseil::commands::progress::stats(&cli, args, &clock),
        Some(Command::Progress(args)) => conseil::commands::progress::progress(&cli, args, &clock),
        Some(Command::Quiz(args)) if args.restart || conseil::plain::wanted(&args.plain) => {
            conseil::plain::quiz(&cli, args, &clock)
        }
        Some(Command::Lesson(args)) if conseil::plain::wanted(&args.plain) => {
            conseil::plain::lesson(&cli, args, &clock)
        }
        Some(Command::Review(args)) if args.restart || conseil::plain::wanted(&args.plain) => {
            conseil::plain::review(&cli, args, &clock)
        }
        Some(Command::Exam(args)) if conseil::plain::wanted(&args.plain) => {
            conseil::plain::exam(&cli, args, &clock)
        }
        Some(Command::Quiz(_) | Command::Lesson(_) | Command::Review(_) | Command::Exam(_)) => {
            run_app(&cli, clock)
        }
        Some(Command::Group(_)) => run_app(&cli, clock),
        // In a script, --stage-date alone records the date and stops; in a terminal the app
        // opens with it.
        None if cli.stage_date.is_some() && !std::io::stdout().is_terminal() => {
            conseil::commands::progress::save_stage_date(&cli, &clock)
        }
        None if !conseil::plain::terminal_ok() => {
            eprintln!("{}", conseil::plain::NO_TERMINAL_HINT);
            ExitCode::from(2)
        }
        None => run_app(&cli, clock),
    }
}

/// The full-screen application. `ratatui::run` sets the terminal up and restores it, on a
/// panic too; mouse capture is ours to undo, so a panic hook does it first.
fn run_app(cli: &Cli, clock: Clock) -> ExitCode {
    use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    use ratatui::crossterm::execute;

    let catalog = conseil::content::load::Catalog::load(&cli.content_folders());
    // `conseil quiz`, `lesson`, `review` or `exam` in a terminal: the app opens there.
    let start = match conseil::plain::full_screen_start(&catalog, cli.command.as_ref()) {
        Ok(actions) => actions,
        Err(message) => {
            eprintln!("conseil : {message}");
            return ExitCode::from(2);
        }
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = conseil::tui::theme::Theme::new(cli.theme, no_color);
    let (data, opened) = match open_learner(cli, &clock) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let group_out = match &cli.command {
        Some(Command::Group(args)) => args.out.clone(),
        _ => None,
    };
    let group = conseil::store::group::GroupStore::new(&data, group_out);
    let mut app = conseil::tui::app::App::new(catalog, theme, cli.seed, clock)
        .with_learner(data, opened)
        .with_group_store(group);
    for action in start {
        app.apply(action);
    }
    // `conseil group [--resume]`: nothing to resume is said before the screen is taken.
    if let Some(Command::Group(args)) = &cli.command
        && let Err(e) = app.open_group(args.resume)
    {
        eprintln!("conseil group : {e:#}");
        return ExitCode::FAILURE;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let result = ratatui::run(|terminal| {
        execute!(std::io::stdout(), EnableMouseCapture)?;
        let result = app.run(terminal);
        execute!(std::io::stdout(), DisableMouseCapture)?;
        result
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("conseil : erreur du terminal : {e}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the profile to learn with: the one named, the only one, or none when several exist
/// (the app then asks). A profile open in another window is offered read-only, never shared.
fn open_learner(
    cli: &Cli,
    clock: &Clock,
) -> Result<
    (
        conseil::store::profiles::DataDir,
        Option<conseil::store::profiles::Opened>,
    ),
    ExitCode,
> {
    use conseil::store::profiles::{AmbiguousProfile, DataDir, OpenError, validate_profile_name};

    let fail = |e: anyhow::Error| {
        eprintln!("conseil : {e:#}");
        ExitCode::FAILURE
    };
    let data = DataDir::locate(cli.data_dir.as_deref(), clock).map_err(fail)?;
    let profile = match &cli.profile {
        Some(name) => validate_profile_name(name).map_err(|e| fail(e.into()))?,
        None => match data.default_profile() {
            Ok(name) => name,
            Err(e) if e.downcast_ref::<AmbiguousProfile>().is_some() => return Ok((data, None)),
            Err(e) => return Err(fail(e)),
        },
    };
    let mut opened = match data.open(&profile) {
        Ok(opened) => opened,
        Err(OpenError::Busy { profile }) => {
            eprintln!(
                "conseil : {}",
                OpenError::Busy {
                    profile: profile.clone()
                }
            );
            if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
                return Err(ExitCode::FAILURE);
            }
            eprint!("Ouvrir « {profile} » en lecture seule ? [o/N] ");
            let _ = std::io::stderr().flush();
            let mut answer = String::new();
            let _ = std::io::stdin().lock().read_line(&mut answer);
            if !matches!(answer.trim().to_lowercase().as_str(), "o" | "oui") {
                return Err(ExitCode::FAILURE);
            }
            data.open_read_only(&profile).map_err(fail)?
        }
        Err(OpenError::Failed(e)) => return Err(fail(e)),
    };
    if let Some(date) = cli.stage_date
        && !opened.store.is_read_only()
        && opened.progress.set_stage_date(date.0, clock.now())
    {
        opened.store.save(&opened.progress).map_err(fail)?;
    }
    Ok((data, Some(opened)))
}
