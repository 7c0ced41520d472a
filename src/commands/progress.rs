//! `conseil stats`, `conseil progress export|import` and the global `--stage-date`: the
//! progress from the command line, for scripts, trainers and moving to another machine.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Serialize;

use crate::cli::{Cli, ProgressArgs, ProgressCommand, StatsArgs};
use crate::clock::Clock;
use crate::content::load::Catalog;
use crate::domain::progress::{Progress, Remark};
use crate::domain::review::days_until_stage;
use crate::domain::stats::Stats;
use crate::error::Failure;
use crate::store::profiles::{DataDir, Opened, read_progress_file, write_progress_file};
use crate::study::profile::{self, Request, WhenBusy};
use crate::term;

use super::strings;

/// Opens the profile `--profile` names (or the default one), telling what the learner must
/// know of it. `write`: refuse a profile open elsewhere; else read it then, and create
/// nothing. `--stage-date` and `--stage-modules` always need to write.
fn open(cli: &Cli, clock: &Clock, write: bool) -> Result<Opened, Failure> {
    // The modules are read only to check the ids of --stage-modules.
    let modules = if cli.stage_modules.is_some() {
        load_catalog(cli).modules
    } else {
        Vec::new()
    };
    let stage = cli.stage_change(&modules, clock.today())?;
    let data = DataDir::locate(cli.data_dir.as_deref(), clock)?;
    let write = write || !stage.is_empty();
    let opened = profile::open(
        &data,
        Request {
            name: cli.profile.as_deref(),
            read_only: false,
            existing_only: !write,
            when_busy: if write {
                WhenBusy::Refuse {
                    hint: strings::BUSY_HINT,
                }
            } else {
                WhenBusy::ReadOnly
            },
            stage,
        },
    )?;
    if let Some(notice) = &opened.notice {
        term::eprintln(&format!("conseil : {notice}"));
    }
    Ok(opened)
}

/// `conseil stats [--json]`.
pub fn stats(cli: &Cli, args: &StatsArgs, clock: &Clock) -> Result<(), Failure> {
    let opened = open(cli, clock, false)?;
    let catalog = load_catalog(cli);
    let now = clock.zoned();
    let stats = Stats::compute(&opened.progress, &catalog.modules, &now);
    let text = if args.json {
        #[derive(Serialize)]
        struct Report<'a> {
            profile: &'a str,
            #[serde(flatten)]
            stats: &'a Stats,
        }
        let report = Report {
            profile: opened.store.profile(),
            stats: &stats,
        };
        let mut json = serde_json::to_string_pretty(&report).context("mise en forme JSON")?;
        json.push('\n');
        json
    } else {
        strings::stats_report(opened.store.profile(), &stats, now.time_zone())
    };
    term::print(&text);
    Ok(())
}

/// `conseil progress export|import FILE`.
pub fn progress(cli: &Cli, args: &ProgressArgs, clock: &Clock) -> Result<(), Failure> {
    match &args.command {
        ProgressCommand::Export { file, force } => export(cli, file, *force, clock),
        ProgressCommand::Import { file } => import(cli, file, clock),
        ProgressCommand::Remarks { files, json } => remarks(cli, files, *json, clock),
    }
}

/// `conseil progress remarks [FILE…] [--json]`: the remarks of the profile, or of the files a
/// trainer collected, in French or as one JSON document.
fn remarks(cli: &Cli, files: &[PathBuf], json: bool, clock: &Clock) -> Result<(), Failure> {
    let mut sources: Vec<(String, Progress)> = Vec::new();
    if files.is_empty() {
        let opened = open(cli, clock, false)?;
        sources.push((
            strings::profile_source(opened.store.profile()),
            opened.progress,
        ));
    }
    for file in files {
        let progress = read_progress_file(file)?;
        sources.push((file.display().to_string(), progress));
    }
    let text = if json {
        #[derive(Serialize)]
        struct Listed<'a> {
            from: &'a str,
            #[serde(flatten)]
            remark: &'a Remark,
        }
        let listed: Vec<Listed> = sources
            .iter()
            .flat_map(|(from, p)| {
                p.remarks()
                    .iter()
                    .map(move |remark| Listed { from, remark })
            })
            .collect();
        let mut json = serde_json::to_string_pretty(&serde_json::json!({ "remarks": listed }))
            .context("mise en forme JSON")?;
        json.push('\n');
        json
    } else {
        sources
            .iter()
            .map(|(from, p)| strings::remarks_report(from, p.remarks(), clock.tz()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    term::print(&text);
    Ok(())
}

/// `conseil --stage-date DATE` or `--stage-modules IDS` alone: stores the stage and says so.
pub fn save_stage(cli: &Cli, clock: &Clock) -> Result<(), Failure> {
    let opened = open(cli, clock, true)?;
    let profile = opened.store.profile();
    let settings = opened.progress.settings();
    if cli.stage_date.is_some() {
        match settings.stage_date {
            Some(date) => {
                let days = days_until_stage(Some(date), clock.today());
                term::println(&strings::stage_date_saved(profile, date, days));
            }
            None => term::println(&strings::stage_date_cleared(profile)),
        }
    }
    if cli.stage_modules.is_some() {
        term::println(&strings::stage_modules_saved(
            profile,
            &settings.stage_modules,
        ));
    }
    Ok(())
}

fn export(cli: &Cli, file: &Path, force: bool, clock: &Clock) -> Result<(), Failure> {
    if file.exists() && !force && !may_replace(file) {
        return Err(Failure::failed(strings::export_exists(file)));
    }
    let opened = open(cli, clock, false)?;
    write_progress_file(file, &opened.progress)?;
    let answers = opened.progress.answer_count();
    let remarks = opened.progress.remarks().len();
    term::println(&strings::exported(
        opened.store.profile(),
        file,
        answers,
        remarks,
    ));
    Ok(())
}

fn import(cli: &Cli, file: &Path, clock: &Clock) -> Result<(), Failure> {
    let theirs = read_progress_file(file)?;
    let mut opened = open(cli, clock, true)?;
    let summary = opened.progress.merge(theirs);
    if summary.changed() {
        opened.store.save(&opened.progress)?;
    }
    term::println(&strings::import_message(
        opened.store.profile(),
        file,
        &summary,
    ));
    Ok(())
}

fn load_catalog(cli: &Cli) -> Catalog {
    let catalog = Catalog::load(&cli.content_folders());
    if let Some(notice) = catalog.skipped_notice() {
        term::eprintln(&format!("conseil : {notice}"));
    }
    catalog
}

/// Asks on a terminal whether `file` may be replaced; elsewhere (a script) the answer is no:
/// `--force` says yes.
fn may_replace(file: &Path) -> bool {
    use std::io::{BufRead, IsTerminal, Write};
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return false;
    }
    let question = strings::replace_question(file);
    let _ = std::io::stderr().write_all(term::clean(&question).as_bytes());
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    matches!(answer.trim().to_lowercase().as_str(), "o" | "oui")
}
