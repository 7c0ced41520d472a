use std::process::ExitCode;

use clap::Parser;

use conseil::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Check(args)) => conseil::check::run(args, jiff::Zoned::now().date()),
        None => {
            let catalog = conseil::content::load::Catalog::load(&cli.content_folders());
            for m in &catalog.modules {
                println!("{} — {} ({} questions)", m.id, m.title, m.question_count());
            }
            ExitCode::SUCCESS
        }
    }
}
