use std::process::ExitCode;

use clap::Parser;

use conseil::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Check(args)) => conseil::check::run(args, jiff::Zoned::now().date()),
        Some(Command::Import(args)) => conseil::gift_cmd::import(args),
        Some(Command::Export(args)) => conseil::gift_cmd::export(args, &cli.content_folders()),
        Some(Command::Stats(args)) => conseil::progress_cmd::stats(&cli, args, &jiff::Zoned::now()),
        Some(Command::Progress(args)) => {
            conseil::progress_cmd::progress(&cli, args, &jiff::Zoned::now())
        }
        None if cli.stage_date.is_some() => {
            conseil::progress_cmd::save_stage_date(&cli, &jiff::Zoned::now())
        }
        None => run_app(&cli),
    }
}

/// The full-screen application. `ratatui::run` sets the terminal up and restores it, on a
/// panic too; mouse capture is ours to undo, so a panic hook does it first.
fn run_app(cli: &Cli) -> ExitCode {
    use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    use ratatui::crossterm::execute;

    let catalog = conseil::content::load::Catalog::load(&cli.content_folders());
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = conseil::theme::Theme::new(cli.theme, no_color);
    let app = conseil::app::App::new(catalog, theme, cli.seed, Box::new(jiff::Timestamp::now));
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
