//! `conseil stats`, `conseil progress export|import` and the global `--stage-date`: the
//! progress from the command line, for scripts, trainers and moving to another machine.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use jiff::Zoned;
use jiff::civil::Date;
use serde::Serialize;

use crate::cli::{Cli, ProgressArgs, ProgressCommand, StatsArgs};
use crate::clock::Clock;
use crate::content::load::Catalog;
use crate::domain::progress::MergeSummary;
use crate::domain::review::days_until_stage;
use crate::domain::stats::{MASTERY_STABILITY_DAYS, RECENT_ANSWERS, Stats, WEEKS};
use crate::store::profiles::{
    AmbiguousProfile, DataDir, OpenError, Opened, ProfileNameError, read_progress_file,
    validate_profile_name, write_progress_file,
};

/// A mistake in the command line rather than a failure: exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Usage(String);

/// Runs `body`, printing its error as `conseil <command> : …`. Exit codes: 0 done, 1 failed,
/// 2 a usage error (a bad profile name, an unknown profile).
fn run(command: &str, body: impl FnOnce() -> Result<()>) -> ExitCode {
    match body() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("conseil {command} : {e:#}");
            if e.is::<Usage>() || e.is::<ProfileNameError>() || e.is::<AmbiguousProfile>() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// `conseil stats [--json]`.
pub fn stats(cli: &Cli, args: &StatsArgs, clock: &Clock) -> ExitCode {
    run("stats", || {
        let data = DataDir::locate(cli.data_dir.as_deref(), clock)?;
        let opened = open_to_read(cli, &data)?;
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
    })
}

/// `conseil progress export|import FILE`.
pub fn progress(cli: &Cli, args: &ProgressArgs, clock: &Clock) -> ExitCode {
    match &args.command {
        ProgressCommand::Export { file } => run("progress export", || export(cli, file, clock)),
        ProgressCommand::Import { file } => run("progress import", || import(cli, file, clock)),
    }
}

/// `conseil --stage-date DATE` alone: stores the date and says so.
pub fn save_stage_date(cli: &Cli, clock: &Clock) -> ExitCode {
    run("--stage-date", || {
        let data = DataDir::locate(cli.data_dir.as_deref(), clock)?;
        let opened = open_to_write(cli, &data)?;
        let profile = opened.store.profile();
        match opened.progress.settings().stage_date {
            Some(date) => {
                let countdown = days_until_stage(Some(date), clock.today())
                    .map(|d| format!(" (J-{d})"))
                    .unwrap_or_else(|| " (date passée)".into());
                println!(
                    "Date de stage enregistrée pour le profil « {profile} » : {}{countdown}.",
                    french_date(date)
                );
            }
            None => println!("Date de stage effacée pour le profil « {profile} »."),
        }
        Ok(())
    })
}

fn export(cli: &Cli, file: &Path, clock: &Clock) -> Result<()> {
    let data = DataDir::locate(cli.data_dir.as_deref(), clock)?;
    let opened = open_to_read(cli, &data)?;
    write_progress_file(file, &opened.progress)?;
    let answers = opened.progress.answer_count();
    println!(
        "Progression du profil « {} » exportée dans {} : {}.",
        opened.store.profile(),
        file.display(),
        count(answers, "réponse", "réponses")
    );
    Ok(())
}

fn import(cli: &Cli, file: &Path, clock: &Clock) -> Result<()> {
    let theirs = read_progress_file(file)?;
    let data = DataDir::locate(cli.data_dir.as_deref(), clock)?;
    let mut opened = open_to_write(cli, &data)?;
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
            count(s.answers_known, "réponse était", "réponses étaient")
        );
    }
    let mut parts = vec![format!(
        "{} ({} déjà là)",
        count(s.answers_added, "réponse ajoutée", "réponses ajoutées"),
        thousands(s.answers_known)
    )];
    if s.reviews_taken > 0 {
        parts.push(count(
            s.reviews_taken,
            "révision plus récente reprise",
            "révisions plus récentes reprises",
        ));
    }
    if s.lessons_added > 0 {
        parts.push(count(s.lessons_added, "leçon lue", "leçons lues"));
    }
    if s.scores_taken > 0 {
        parts.push(count(s.scores_taken, "score de module", "scores de module"));
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

/// The profile named by `--profile` (checked), or the default one.
fn profile_name(cli: &Cli, data: &DataDir) -> Result<String> {
    match &cli.profile {
        Some(name) => Ok(validate_profile_name(name)?),
        None => data.default_profile(),
    }
}

/// Opens the profile to write (refusing if another conseil has it open) and applies
/// `--stage-date`.
fn open_to_write(cli: &Cli, data: &DataDir) -> Result<Opened> {
    let profile = profile_name(cli, data)?;
    let mut opened = match data.open(&profile) {
        Ok(opened) => opened,
        Err(OpenError::Busy { profile }) => {
            return Err(anyhow!(
                "le profil « {profile} » est déjà ouvert dans une autre fenêtre de conseil : fermez l’autre fenêtre puis recommencez"
            ));
        }
        Err(OpenError::Failed(e)) => return Err(e),
    };
    tell(&opened);
    if let Some(date) = cli.stage_date
        && opened.progress.set_stage_date(date.0, data.now())
    {
        opened.store.save(&opened.progress)?;
    }
    Ok(opened)
}

/// Opens the profile to read: for writing when `--stage-date` is given, else read-only when
/// another conseil has it open. An unknown profile named by `--profile` is a usage error; the
/// default one may not exist yet (nothing is created then).
fn open_to_read(cli: &Cli, data: &DataDir) -> Result<Opened> {
    if cli.stage_date.is_some() {
        return open_to_write(cli, data);
    }
    let profile = profile_name(cli, data)?;
    let profiles = data.profiles()?;
    if !profiles.contains(&profile) {
        if cli.profile.is_some() {
            let known = if profiles.is_empty() {
                "aucun profil pour l’instant".to_owned()
            } else {
                format!("profils existants : {}", profiles.join(", "))
            };
            return Err(Usage(format!(
                "pas de profil « {profile} » dans {} ({known})",
                data.root().display()
            ))
            .into());
        }
        return data.open_read_only(&profile);
    }
    let opened = match data.open(&profile) {
        Ok(opened) => opened,
        Err(OpenError::Busy { .. }) => data.open_read_only(&profile)?,
        Err(OpenError::Failed(e)) => return Err(e),
    };
    tell(&opened);
    Ok(opened)
}

fn tell(opened: &Opened) {
    if let Some(notice) = &opened.notice {
        eprintln!("conseil : {notice}");
    }
}

fn load_catalog(cli: &Cli) -> Catalog {
    let catalog = Catalog::load(&cli.content_folders());
    let broken = catalog.problems.iter().filter(|p| p.has_errors()).count();
    if broken > 0 {
        eprintln!(
            "conseil : fichiers de contenu ignorés pour erreurs : {broken} (détail : conseil check)"
        );
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
        count(s.answers, "réponse", "réponses"),
        count(s.correct, "juste", "justes"),
        percent(s.accuracy())
    );
    let _ = writeln!(
        out,
        "Questions : {} en tout, {} déjà, {}.",
        thousands(s.questions),
        count(s.questions_seen, "vue", "vues"),
        count(s.questions_mastered, "maîtrisée", "maîtrisées")
    );
    let _ = writeln!(
        out,
        "À réviser maintenant : {}.",
        count(s.due_now, "question", "questions")
    );
    match (s.stage_date, s.days_until_stage) {
        (Some(date), Some(days)) => {
            let _ = writeln!(out, "Stage le {} : J-{days}.", french_date(date));
        }
        (Some(date), None) => {
            let _ = writeln!(out, "Stage commencé le {}.", french_date(date));
        }
        (None, _) => {}
    }

    let _ = writeln!(out, "\nMaîtrise par module");
    for m in &s.modules {
        let mut line = format!(
            "  {} ({}) : {} sur {} ({}), {}",
            m.title,
            m.module_id,
            count(m.mastered, "question maîtrisée", "questions maîtrisées"),
            thousands(m.questions),
            percent(m.mastery()),
            count(m.seen, "vue", "vues")
        );
        if m.lessons > 0 {
            let _ = write!(line, ", leçons lues : {} sur {}", m.lessons_read, m.lessons);
        }
        if let Some(best) = m.best {
            let _ = write!(line, ", meilleur score {}", percent(best.ratio()));
        }
        if let Some(last) = m.last {
            let day = now.time_zone().to_datetime(last.at).date();
            let _ = write!(
                line,
                ", dernier {} le {}",
                percent(last.ratio()),
                french_date(day)
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
        let head = format!("  semaine du {}", french_date(week.week_start));
        match week.accuracy() {
            Some(accuracy) => {
                let _ = writeln!(
                    out,
                    "{head} : {}, {} de réussite",
                    count(week.answers as usize, "réponse", "réponses"),
                    percent(accuracy)
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
                format!("{} à la dernière réponse", percent(w.recent_score))
            } else {
                format!(
                    "{} sur les {recent} dernières réponses",
                    percent(w.recent_score)
                )
            },
            count(w.answers, "réponse", "réponses")
        );
    }
    out
}

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// « 4 mai 2026 », « 1er mars 2026 ».
fn french_date(date: Date) -> String {
    let month = usize::try_from(date.month() - 1)
        .ok()
        .and_then(|m| MONTHS.get(m))
        .unwrap_or(&"?");
    let day = if date.day() == 1 {
        "1er".to_owned()
    } else {
        date.day().to_string()
    };
    format!("{day} {month} {}", date.year())
}

/// « 12 345 » with a narrow no-break space, as French typography groups digits.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// « 1 réponse », « 12 réponses » (French counts 0 and 1 as singular).
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n <= 1 { one } else { many })
}

/// « 78 % ».
fn percent(ratio: f64) -> String {
    format!("{:.0} %", ratio * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn french_formats() {
        assert_eq!(french_date(date(2026, 5, 4)), "4 mai 2026");
        assert_eq!(french_date(date(2026, 3, 1)), "1er mars 2026");
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1234), "1\u{202f}234");
        assert_eq!(thousands(100_000), "100\u{202f}000");
        assert_eq!(count(0, "réponse", "réponses"), "0 réponse");
        assert_eq!(count(2, "réponse", "réponses"), "2 réponses");
        assert_eq!(percent(0.786), "79 %");
    }
}
