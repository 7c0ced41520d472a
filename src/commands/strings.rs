//! Every French text of the one-shot commands: the statistics report, the messages of
//! progress export and import, of `--stage-date`, of `conseil check`, `import`, `export` and
//! `group --gain`.

use std::fmt::Write as _;
use std::path::Path;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::domain::progress::{MergeSummary, Remark};
use crate::domain::stats::{MASTERY_STABILITY_DAYS, RECENT_ANSWERS, Stats, WEEKS};
use crate::words;

/// `conseil group --gain` without its two files.
pub const GAIN_TWO_FILES: &str = "--gain attend deux fichiers : AVANT et APRÈS";
/// `conseil group --gain` on two sessions of different sets.
pub const GAIN_NOT_THE_SAME_SET: &str = "les deux sessions n’ont pas les mêmes questions : le gain compare deux passages de la même série";

/// How to get past a profile open in another window, for a command that writes.
pub const BUSY_HINT: &str = "fermez l’autre fenêtre puis recommencez";

/// « Date de stage enregistrée pour le profil « Zoé » : dimanche 13 décembre 2026 (J-5). »
pub fn stage_date_saved(profile: &str, date: Date, days_left: Option<i64>) -> String {
    // No countdown: the date is past.
    let countdown = words::countdown(days_left.unwrap_or(-1));
    format!(
        "Date de stage enregistrée pour le profil « {profile} » : {} ({countdown}).",
        words::long_date(date)
    )
}

/// « Modules du stage enregistrés pour le profil « Zoé » : secret-medical, ssi. »
pub fn stage_modules_saved(profile: &str, modules: &[String]) -> String {
    let list = if modules.is_empty() {
        "tous les modules".to_owned()
    } else {
        modules.join(", ")
    };
    format!("Modules du stage enregistrés pour le profil « {profile} » : {list}.")
}

pub fn stage_date_cleared(profile: &str) -> String {
    format!("Date de stage effacée pour le profil « {profile} ».")
}

/// Said when an export would replace a file and nobody said it may.
pub fn export_exists(file: &Path) -> String {
    format!(
        "{} existe déjà : rien n’a été écrit ; choisissez un autre nom, ou ajoutez --force pour le remplacer",
        file.display()
    )
}

pub fn replace_question(file: &Path) -> String {
    format!("{} existe déjà. Le remplacer ? [o/N] ", file.display())
}

pub fn exported(profile: &str, file: &Path, answers: usize, remarks: usize) -> String {
    let remarks = if remarks > 0 {
        format!(
            " et {}",
            words::plural(
                remarks,
                "remarque sur une question",
                "remarques sur des questions"
            )
        )
    } else {
        String::new()
    };
    format!(
        "Progression du profil « {profile} » exportée dans {} : {}{remarks}.",
        file.display(),
        words::plural(answers, "réponse", "réponses")
    )
}

/// What an import added, or that it added nothing.
pub fn import_message(profile: &str, file: &Path, s: &MergeSummary) -> String {
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
    if s.sessions_taken > 0 {
        parts.push(words::plural(
            s.sessions_taken,
            "activité en cours",
            "activités en cours",
        ));
    }
    if s.remarks_added > 0 {
        parts.push(words::plural(
            s.remarks_added,
            "remarque sur une question",
            "remarques sur des questions",
        ));
    }
    if s.model_taken {
        parts.push("le modèle de mémoire ajusté sur plus de réponses".into());
    }
    format!(
        "Importé dans le profil « {profile} » depuis {} : {}.",
        file.display(),
        parts.join(", ")
    )
}

/// « le profil « Zoé » », where remarks come from when no file is named.
pub fn profile_source(profile: &str) -> String {
    format!("le profil « {profile} »")
}

/// The remarks of one profile or file (`from`), oldest first, with the question, its module
/// and the date of the content they were made on; times are read in `tz`.
pub fn remarks_report(from: &str, remarks: &[Remark], tz: &TimeZone) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Remarques sur des questions dans {from} : {}.",
        if remarks.is_empty() {
            "aucune".to_owned()
        } else {
            words::thousands(remarks.len())
        }
    );
    for r in remarks {
        let at = r.at.to_zoned(tz.clone());
        let mut about = format!("module {}", r.module_id);
        if let Some(date) = r.valid_as_of {
            about.push_str(&format!(", contenu à jour au {}", words::date(date)));
        }
        if !r.conseil_version.is_empty() {
            about.push_str(&format!(", conseil {}", r.conseil_version));
        }
        let _ = writeln!(
            out,
            "\n– {} à {} : question {} ({about})",
            words::date(at.date()),
            at.strftime("%H:%M"),
            r.question_id
        );
        for line in r.text.lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// The statistics in French words and numbers; days are read in `tz`.
pub fn stats_report(profile: &str, s: &Stats, tz: &TimeZone) -> String {
    let mut out = String::new();
    stats_head(&mut out, profile, s);
    stats_plan(&mut out, s);
    stats_modules(&mut out, s, tz);
    stats_stage_recall(&mut out, s);
    stats_activity(&mut out, s);
    stats_weakest(&mut out, s);
    out
}

/// Answers, questions, reviews due and the stage countdown.
fn stats_head(out: &mut String, profile: &str, s: &Stats) {
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "Profil « {profile} » : {}, {} de réussite ({}).",
        words::plural(s.answers, "réponse", "réponses"),
        words::percent(s.success),
        words::plural(s.correct, "juste", "justes"),
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
            let _ = writeln!(
                out,
                "Stage le {} : {}.",
                words::long_date(date),
                words::countdown(days)
            );
        }
        (Some(date), None) => {
            let _ = writeln!(out, "Stage commencé le {}.", words::long_date(date));
        }
        (None, _) => {}
    }
}

/// Today's plan and what is left before the stage.
fn stats_plan(out: &mut String, s: &Stats) {
    let _ = writeln!(out, "\nPlan du jour");
    let _ = writeln!(out, "  {}", words::plan_sentences(&s.plan));
    if let Some(material) = words::plan_material(&s.plan) {
        let _ = writeln!(out, "  {material}");
    }
}

/// The predicted recall on the stage day, module by module.
fn stats_stage_recall(out: &mut String, s: &Stats) {
    let Some(first) = s.stage_recall.first() else {
        return;
    };
    let _ = writeln!(
        out,
        "\nSouvenir prévu le premier jour du stage (objectif {})",
        words::percent(first.target)
    );
    for m in &s.stage_recall {
        let _ = writeln!(
            out,
            "  {} ({}) : {} retenu, {} sur {} à l’objectif",
            m.title,
            m.module_id,
            words::percent(m.recall),
            words::plural(m.at_target, "question", "questions"),
            words::thousands(m.questions)
        );
    }
}

/// Mastery, lessons and scores, module by module.
fn stats_modules(out: &mut String, s: &Stats, tz: &TimeZone) {
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
            let day = tz.to_datetime(last.at).date();
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
}

/// The weeks of activity and their accuracy.
fn stats_activity(out: &mut String, s: &Stats) {
    let active_days = s.activity.counts.iter().filter(|c| **c > 0).count();
    let _ = writeln!(
        out,
        "\nActivité des {WEEKS} dernières semaines (jours actifs : {active_days} sur {})",
        s.activity.counts.len()
    );
    for week in &s.weeks {
        let head = format!("  semaine du {}", words::date(week.week_start));
        match week.success() {
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
}

/// The questions missed most lately.
fn stats_weakest(out: &mut String, s: &Stats) {
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
}

// --- conseil check ---

/// « ✓ 9 fichiers vérifiés : 0 erreur, 2 avertissements. », and with `--deny-warnings`,
/// « ✗ … 2 avertissements (refusés : --deny-warnings). »
pub fn check_summary(files: usize, errors: usize, warnings: usize, deny: bool) -> String {
    let denied = deny && warnings > 0;
    let mark = if errors == 0 && !denied { "✓" } else { "✗" };
    format!(
        "{mark} {} : {}, {}{}.",
        words::plural(files, "fichier vérifié", "fichiers vérifiés"),
        words::plural(errors, "erreur", "erreurs"),
        words::plural(warnings, "avertissement", "avertissements"),
        match (denied, warnings) {
            (false, _) => "",
            (true, 1) => " (refusé : --deny-warnings)",
            (true, _) => " (refusés : --deny-warnings)",
        }
    )
}

/// The heading of the warnings kept by a `lint_allow`.
pub fn check_allowed(n: usize) -> String {
    format!(
        "{} par « lint_allow » :",
        words::plural(n, "exception admise", "exceptions admises")
    )
}

/// « quizzes/05-ssi.json:120 « ssi.x » absolute-word : la raison »
pub fn allowed_line(file: &str, line: usize, question: &str, code: &str, reason: &str) -> String {
    format!("  {file}:{line} « {question} » {code} : {reason}")
}

pub fn no_such_path(path: &Path) -> String {
    format!("{} : chemin introuvable", path.display())
}

pub fn never_reviewed(module_id: &str) -> String {
    format!("module « {module_id} » : jamais relu (pas de date « reviewed »)")
}

pub fn stale_module(module_id: &str, reviewed: Date, age: i32, days: u32) -> String {
    format!(
        "module « {module_id} » à relire : dernière relecture le {reviewed}, il y a {age} jours (seuil : {days})"
    )
}

// --- conseil import and export (GIFT) ---

/// « x.gift : fichier introuvable », or that it is a folder.
pub fn not_a_file(file: &str, is_dir: bool) -> String {
    let why = if is_dir {
        "c’est un dossier, pas un fichier"
    } else {
        "fichier introuvable"
    };
    format!("{file} : {why}")
}

pub fn bad_module_id(id: &str) -> String {
    format!(
        "identifiant de module invalide : « {id} » (lettres sans accent, chiffres, tirets et soulignés seulement, ex. « secret-medical »)"
    )
}

pub fn unreadable(file: &str, why: &str) -> String {
    format!("{file} : lecture impossible : {why}")
}

/// Nothing came out of a GIFT file; `hint`: say that --skip-invalid keeps the valid questions.
pub fn nothing_imported(file: &str, errors: usize, hint: bool) -> String {
    let hint = if hint {
        " (--skip-invalid importe les questions valides)"
    } else {
        ""
    };
    format!(
        "✗ rien n’a été importé de {file} : {}{hint}.",
        words::plural(errors, "erreur", "erreurs")
    )
}

pub fn json_failed(e: &serde_json::Error) -> String {
    format!("écriture du JSON impossible : {e}")
}

/// « ✓ 12 questions et 2 leçons importées de x.gift ; 1 bloc ignoré pour 1 erreur → y.json. »
pub fn imported(
    file: &str,
    questions: usize,
    lessons: usize,
    (skipped, errors): (usize, usize),
    output: Option<&Path>,
) -> String {
    let mut line = format!(
        "{} {} et {} importées de {file}",
        if errors == 0 { "✓" } else { "✗" },
        words::plural(questions, "question", "questions"),
        words::plural(lessons, "leçon", "leçons"),
    );
    if skipped > 0 {
        let _ = write!(
            line,
            " ; {} pour {}",
            words::plural(skipped, "bloc ignoré", "blocs ignorés"),
            words::plural(errors, "erreur", "erreurs")
        );
    }
    if let Some(out) = output {
        let _ = write!(line, " → {}", out.display());
    }
    line.push('.');
    line
}

/// What GIFT could not say as is, and how it was said instead.
pub fn conversion(what: &str) -> String {
    format!("conversion : {what}")
}

/// « ✓ module « m » : 12 questions exportées en GIFT avec 2 leçons (en descriptions). »
pub fn exported_gift(
    module_id: &str,
    questions: usize,
    lessons: usize,
    conversions: usize,
    output: Option<&Path>,
) -> String {
    let mut line = format!(
        "✓ module « {module_id} » : {} en GIFT",
        words::plural(questions, "question exportée", "questions exportées"),
    );
    if lessons > 0 {
        let _ = write!(
            line,
            " avec {} (en descriptions)",
            words::plural(lessons, "leçon", "leçons")
        );
    }
    if conversions > 0 {
        let _ = write!(
            line,
            ", {}",
            words::plural(conversions, "conversion", "conversions")
        );
    }
    if let Some(out) = output {
        let _ = write!(line, " → {}", out.display());
    }
    line.push('.');
    line
}

pub fn fix_before_export(file: &str) -> String {
    format!("✗ {file} a des erreurs : corrigez-les (conseil check {file}) avant d’exporter.")
}

pub fn glossary_not_module(file: &str) -> String {
    format!("{file} est le glossaire, pas un module")
}

/// « module « x » introuvable (modules disponibles : a, b) ».
pub fn no_such_module(id: &str, known: &[&str]) -> String {
    let known = if known.is_empty() {
        "aucun module chargé".to_owned()
    } else {
        format!("modules disponibles : {}", known.join(", "))
    };
    format!("module « {id} » introuvable ({known})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_agrees_in_number() {
        assert_eq!(
            check_summary(1, 0, 0, true),
            "✓ 1 fichier vérifié : 0 erreur, 0 avertissement."
        );
        assert_eq!(
            check_summary(9, 2, 3, false),
            "✗ 9 fichiers vérifiés : 2 erreurs, 3 avertissements."
        );
        assert_eq!(
            check_summary(9, 0, 3, false),
            "✓ 9 fichiers vérifiés : 0 erreur, 3 avertissements."
        );
        assert_eq!(
            check_summary(9, 0, 1, true),
            "✗ 9 fichiers vérifiés : 0 erreur, 1 avertissement (refusé : --deny-warnings)."
        );
        assert_eq!(check_allowed(1), "1 exception admise par « lint_allow » :");
    }

    #[test]
    fn gift_lines_agree_in_number() {
        assert_eq!(
            imported("x.gift", 1, 0, (2, 2), Some(Path::new("y.json"))),
            "✗ 1 question et 0 leçon importées de x.gift ; 2 blocs ignorés pour 2 erreurs → y.json."
        );
        assert_eq!(
            exported_gift("m", 2, 1, 0, None),
            "✓ module « m » : 2 questions exportées en GIFT avec 1 leçon (en descriptions)."
        );
    }
}
