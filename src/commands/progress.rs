//! `conseil stats`, `conseil progress export|import` and the global `--stage-date`: the
//! progress from the command line, for scripts, trainers and moving to another machine.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use anyhow::Context;
use jiff::Zoned;
use serde::Serialize;

use crate::cli::{Cli, ProgressArgs, ProgressCommand, StatsArgs};
use crate::clock::Clock;
use crate::content::load::Catalog;
use crate::domain::progress::MergeSummary;
use crate::domain::review::days_until_stage;
use crate::domain::stats::{MASTERY_STABILITY_DAYS, RECENT_ANSWERS, Stats, WEEKS};
use crate::error::Failure;
use crate::store::profiles::{DataDir, Opened, read_progress_file, write_progress_file};
use crate::study::profile::{self, Request, WhenBusy};
use crate::words;

/// How to get past a profile open in another window, for a command that writes.
const BUSY_HINT: &str = "fermez l’autre fenêtre puis recommencez";

/// Opens the profile `--profile` names (or the default one), telling what the learner must
/// know of it. `write`: refuse a profile open elsewhere; else read it then, and create
/// nothing. `--stage-date` always needs to write.
fn open(cli: &Cli, clock: &Clock, write: bool) -> Result<Opened, Failure> {
    let data = DataDir::locate(cli.data_dir.as_deref(), clock)?;
    let write = write || cli.stage_date.is_some();
    let opened = profile::open(
        &data,
        Request {
            name: cli.profile.as_deref(),
            read_only: false,
            existing_only: !write,
            when_busy: if write {
                WhenBusy::Refuse { hint: BUSY_HINT }
            } else {
                WhenBusy::ReadOnly
            },
            stage_date: cli.stage_date.map(|d| d.0),
        },
    )?;
    if let Some(notice) = &opened.notice {
        eprintln!("conseil : {notice}");
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
        stats_text(opened.store.profile(), &stats, &now)
    };
    // A closed pipe (| head) is not worth an error message.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(())
}

/// `conseil progress export|import FILE`.
pub fn progress(cli: &Cli, args: &ProgressArgs, clock: &Clock) -> Result<(), Failure> {
    match &args.command {
        ProgressCommand::Export { file } => export(cli, file, clock),
        ProgressCommand::Import { file } => import(cli, file, clock),
    }
}

/// `conseil --stage-date DATE` alone: stores the date and says so.
pub fn save_stage_date(cli: &Cli, clock: &Clock) -> Result<(), Failure> {
    let opened = open(cli, clock, true)?;
    let profile = opened.store.profile();
    match opened.progress.settings().stage_date {
        Some(date) => {
            let countdown = days_until_stage(Some(date), clock.today())
                .map_or_else(|| " (date passée)".into(), |d| format!(" (J-{d})"));
            println!(
                "Date de stage enregistrée pour le profil « {profile} » : {}{countdown}.",
                words::date(date)
            );
        }
        None => println!("Date de stage effacée pour le profil « {profile} »."),
    }
    Ok(())
}

fn export(cli: &Cli, file: &Path, clock: &Clock) -> Result<(), Failure> {
    let opened = open(cli, clock, false)?;
    write_progress_file(file, &opened.progress)?;
    let answers = opened.progress.answer_count();
    println!(
        "Progression du profil « {} » exportée dans {} : {}.",
        opened.store.profile(),
        file.display(),
        words::plural(answers, "réponse", "réponses")
    );
    Ok(())
}

fn import(cli: &Cli, file: &Path, clock: &Clock) -> Result<(), Failure> {
    let theirs = read_progress_file(file)?;
    let mut opened = open(cli, clock, true)?;
    let summary = opened.progress.merge(theirs);
    if summary.changed() {
        opened.store.save(&opened.progress)?;
    }
    println!("{}", import_message(opened.store.profile(), file, &summary));
    Ok(())
}

fn import_message(profile: &str, file: &Path, s: &MergeSummary) -> String {
    if !s.changed() {
        return format!(
            "Rien de nouveau dans {} : {} déjà dans le profil « {profile} ».",
            file.display(),
            words::plural(s.answers_known, "réponse était", "réponses étaient")
        );
    }
    let mut parts = vec![format!(
        "{} ({} déjà là)",
        words::plural(s.answers_added, "réponse ajoutée", "réponses ajoutées"),
        words::thousands(s.answers_known)
    )];
    if s.reviews_taken > 0 {
        parts.push(words::plural(
            s.reviews_taken,
            "révision plus récente reprise",
            "révisions plus récentes reprises",
        ));
    }
    if s.lessons_added > 0 {
        parts.push(words::plural(s.lessons_added, "leçon lue", "leçons lues"));
    }
    if s.scores_taken > 0 {
        parts.push(words::plural(
            s.scores_taken,
            "score de module",
            "scores de module",
        ));
    }
    if s.settings_taken {
        parts.push("les réglages, plus récents".into());
    }
    if s.unfinished_taken {
        parts.push("le quiz en cours".into());
    }
    format!(
        "Importé dans le profil « {profile} » depuis {} : {}.",
        file.display(),
        parts.join(", ")
    )
}

fn load_catalog(cli: &Cli) -> Catalog {
    let catalog = Catalog::load(&cli.content_folders());
    if let Some(notice) = catalog.skipped_notice() {
        eprintln!("conseil : {notice}");
    }
    catalog
}

/// The statistics in French words and numbers.
fn stats_text(profile: &str, s: &Stats, now: &Zoned) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "Profil « {profile} » : {}, dont {} ({}).",
        words::plural(s.answers, "réponse", "réponses"),
        words::plural(s.correct, "juste", "justes"),
        words::percent(s.accuracy())
    );
    let _ = writeln!(
        out,
        "Questions : {} en tout, {} déjà, {}.",
        words::thousands(s.questions),
        words::plural(s.questions_seen, "vue", "vues"),
        words::plural(s.questions_mastered, "maîtrisée", "maîtrisées")
    );
    let _ = writeln!(
        out,
        "À réviser maintenant : {}.",
        words::plural(s.due_now, "question", "questions")
    );
    match (s.stage_date, s.days_until_stage) {
        (Some(date), Some(days)) => {
            let _ = writeln!(out, "Stage le {} : J-{days}.", words::date(date));
        }
        (Some(date), None) => {
            let _ = writeln!(out, "Stage commencé le {}.", words::date(date));
        }
        (None, _) => {}
    }

    let _ = writeln!(out, "\nMaîtrise par module");
    for m in &s.modules {
        let mut line = format!(
            "  {} ({}) : {} sur {} ({}), {}",
            m.title,
            m.module_id,
            words::plural(m.mastered, "question maîtrisée", "questions maîtrisées"),
            words::thousands(m.questions),
            words::percent(m.mastery()),
            words::plural(m.seen, "vue", "vues")
        );
        if m.lessons > 0 {
            let _ = write!(line, ", leçons lues : {} sur {}", m.lessons_read, m.lessons);
        }
        if let Some(best) = m.best {
            let _ = write!(line, ", meilleur score {}", words::percent(best.ratio()));
        }
        if let Some(last) = m.last {
            let day = now.time_zone().to_datetime(last.at).date();
            let _ = write!(
                line,
                ", dernier {} le {}",
                words::percent(last.ratio()),
                words::date(day)
            );
        }
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "  (maîtrisée : dernière réponse juste et souvenir stable au moins {MASTERY_STABILITY_DAYS} jours, soit deux bonnes réponses à des jours différents)"
    );

    let active_days = s.activity.counts.iter().filter(|c| **c > 0).count();
    let _ = writeln!(
        out,
        "\nActivité des {WEEKS} dernières semaines (jours actifs : {active_days} sur {})",
        s.activity.counts.len()
    );
    for week in &s.weeks {
        let head = format!("  semaine du {}", words::date(week.week_start));
        match week.accuracy() {
            Some(accuracy) => {
                let _ = writeln!(
                    out,
                    "{head} : {}, {} de réussite",
                    words::plural(week.answers as usize, "réponse", "réponses"),
                    words::percent(accuracy)
                );
            }
            None => {
                let _ = writeln!(out, "{head} : aucune réponse");
            }
        }
    }

    let _ = writeln!(out, "\nQuestions les plus fragiles");
    if s.answers == 0 {
        let _ = writeln!(out, "  aucune : pas encore de réponse");
    } else if s.weakest.is_empty() {
        let _ = writeln!(out, "  aucune : toutes les réponses récentes sont justes");
    }
    for (i, w) in s.weakest.iter().enumerate() {
        let recent = w.answers.min(RECENT_ANSWERS);
        let _ = writeln!(
            out,
            "  {}. {} ({}) : {} sur {} en tout",
            i + 1,
            w.question_id,
            w.module_id,
            if recent == 1 {
                format!("{} à la dernière réponse", words::percent(w.recent_score))
            } else {
                format!(
                    "{} sur les {recent} dernières réponses",
                    words::percent(w.recent_score)
                )
            },
            words::plural(w.answers, "réponse", "réponses")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn french_formats() {
        assert_eq!(words::date(date(2026, 5, 4)), "4 mai 2026");
        assert_eq!(words::date(date(2026, 3, 1)), "1er mars 2026");
        assert_eq!(words::thousands(7), "7");
        assert_eq!(words::thousands(1234), "1\u{202f}234");
        assert_eq!(words::thousands(100_000), "100\u{202f}000");
        assert_eq!(words::plural(0, "réponse", "réponses"), "0 réponse");
        assert_eq!(words::plural(2, "réponse", "réponses"), "2 réponses");
        assert_eq!(words::percent(0.786), "79 %");
    }
}
