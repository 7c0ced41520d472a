//! Every French text of the plain mode, in one place: the session's announcements and ends,
//! what an answer line may be, the event lines. A second language would be a table here.

use crate::domain::question::SelfGrade;
use crate::domain::session::SessionKind;
use crate::study::Ending;
use crate::study::profile::StageChange;
use crate::words;
use crate::words::{decimal, percent, plural, questions};

/// What `conseil` alone says where the full-screen interface cannot run.
pub const NO_TERMINAL_HINT: &str = "l’application plein écran a besoin d’un terminal interactif (ce n’en est pas un, ou TERM=dumb). Le mode texte fait tout sans elle, pour un lecteur d’écran, une plage braille ou un script : conseil quiz MODULE --plain, conseil lesson MODULE --plain, conseil review --plain, conseil exam --plain. La liste des modules : conseil check.";

/// How to get past a profile open in another window.
pub const BUSY_HINT: &str =
    "fermez-la, ou relancez avec --read-only (rien ne sera alors enregistré)";

/// What `--stage-date` and `--stage-modules` saved, one line each, said before the session.
pub fn stage_saved(stage: &StageChange, today: jiff::civil::Date) -> Vec<String> {
    let mut lines = Vec::new();
    match stage.date {
        Some(Some(date)) => {
            let days = crate::domain::review::days_until_stage(Some(date), today).unwrap_or(-1);
            lines.push(format!(
                "date du stage enregistrée : {} ({}).",
                crate::words::long_date(date),
                crate::words::countdown(days)
            ));
        }
        Some(None) => lines.push("date du stage effacée.".to_owned()),
        None => {}
    }
    match stage.modules.as_deref() {
        Some([]) => lines.push("modules du stage enregistrés : tous les modules.".to_owned()),
        Some(ids) => lines.push(format!(
            "modules du stage enregistrés : {}.",
            ids.join(", ")
        )),
        None => {}
    }
    lines
}

pub const EXAM_TITLE: &str = "Examen blanc";
pub const REVIEW_TITLE: &str = "Révision";
pub const NOTHING_TO_REVIEW: &str =
    "Rien à réviser pour l’instant : revenez plus tard, ou faites le quiz d’un module.";
pub const NO_EXAM_QUESTION: &str = "aucune question d’examen dans ces modules";
pub const STALE_SESSION: &str =
    "Le quiz laissé en cours ne correspond plus au contenu : un nouveau quiz commence.";
pub const HOW_TO_ANSWER: &str = "Répondez à chaque question puis Entrée. Une ligne qui commence par ! signale un problème sur la question (une remarque gardée pour le formateur, par exemple « !la date a changé ») sans y répondre. Ctrl-D interrompt : ce qui est répondu reste enregistré.";
pub const NO_FEEDBACK_TIMED: &str =
    "Aucune correction avant la fin. Les réponses données après la limite ne comptent pas.";
pub const NO_FEEDBACK: &str = "Aucune correction avant la fin.";
pub const UNREADABLE_LINE: &str =
    "Texte illisible : le terminal doit envoyer de l’UTF-8. Tapez votre réponse à nouveau.";
pub const LINE_TOO_LONG: &str =
    "Ligne trop longue (plus de 64 Kio) : elle a été ignorée. Tapez votre réponse à nouveau.";
pub const TIME_UP_LATE: &str = "Temps écoulé : cette dernière réponse est arrivée après la limite et n’est pas comptée. L’examen est terminé.";
pub const TIME_UP: &str = "Temps écoulé : l’examen est terminé.";
pub const CORRECTION: &str = "Correction :";
pub const SAVED_NOTHING_READ_ONLY: &str = "Rien n’a été enregistré (profil en lecture seule).";
pub const SAVED: &str = "Progression enregistrée.";
pub const NOTHING_TO_SAVE: &str = "Rien à enregistrer.";

/// Why a quiz cannot start: nothing to ask.
pub fn no_question(module_id: &str, case: bool) -> String {
    format!(
        "le module « {module_id} » n’a pas de question{}",
        if case { " dans ce cas" } else { " de quiz" }
    )
}

pub fn read_only(profile: &str) -> String {
    format!("Profil « {profile} » ouvert en lecture seule : rien ne sera enregistré.")
}

/// The head of `conseil lesson`: « 3 leçons. »
pub fn lessons(n: usize) -> String {
    match n {
        0 => "Ce module n’a pas de leçon.".to_owned(),
        1 => "1 leçon.".to_owned(),
        n => format!("{n} leçons."),
    }
}

/// « Examen blanc : 20 questions en 20 minutes, seuil de réussite 80 %. »
pub fn exam_head(title: &str, total: usize, limit_secs: Option<u64>, pass_mark: f64) -> String {
    let time = match limit_secs {
        Some(secs) => format!("en {}", duration_words(secs)),
        None => "sans limite de temps".to_owned(),
    };
    format!(
        "{title} : {} {time}, seuil de réussite {}.",
        questions(total),
        percent(pass_mark)
    )
}

pub fn case_head(title: &str, total: usize) -> String {
    format!("{title} — {}.", questions(total))
}

pub fn review_head(title: &str, total: usize) -> String {
    format!("{title} : {} à revoir aujourd’hui.", questions(total))
}

pub fn quiz_head(title: &str, total: usize) -> String {
    format!("{title} — quiz de {}.", questions(total))
}

/// « Reprise du quiz laissé en cours : question 4 sur 8, score 3/3. … »
pub fn resumed(
    kind: &SessionKind,
    position: usize,
    total: usize,
    answered: usize,
    score: f64,
) -> String {
    let what = match kind {
        SessionKind::Case { .. } => "du cas laissé",
        SessionKind::Review => "de la révision laissée",
        SessionKind::Exam { .. } => "de l’examen laissé",
        SessionKind::Module { .. } | SessionKind::Retry { .. } | SessionKind::Lesson { .. } => {
            "du quiz laissé"
        }
    };
    // An exam's score waits for its end.
    let done = match answered {
        0 => String::new(),
        _ if kind.hides_feedback() => String::new(),
        n => format!(", score {}/{n}", decimal(score)),
    };
    format!(
        "Reprise {what} en cours : question {} sur {total}{done}. Pour recommencer du début : --restart.",
        position + 1
    )
}

/// The end of an exam: how it stopped, the score and the pass mark.
pub fn exam_end(
    ending: Ending,
    answered: usize,
    total: usize,
    score: f64,
    pass_mark: f64,
    passed: bool,
) -> String {
    let how = match ending {
        Ending::Finished => "Examen terminé".to_owned(),
        Ending::Interrupted => format!(
            "Examen interrompu après {} sur {total}, les autres comptent comme fausses",
            questions(answered)
        ),
        Ending::TimeUp { .. } => format!(
            "Examen terminé, temps écoulé, {} sur {total} à temps",
            questions(answered)
        ),
    };
    format!(
        "{how} : score {}/{total} ({}), seuil de réussite {} : {}.",
        decimal(score),
        percent(ratio(score, total)),
        percent(pass_mark),
        if passed { "atteint" } else { "non atteint" }
    )
}

/// The end of a quiz, a case or a review.
pub fn quiz_end(
    kind: &SessionKind,
    ending: Ending,
    answered: usize,
    total: usize,
    score: f64,
    mistakes: usize,
) -> String {
    let (name, e) = match kind {
        SessionKind::Case { .. } => ("Cas", ""),
        SessionKind::Review => ("Révision", "e"),
        _ => ("Quiz", ""),
    };
    let points = decimal(score);
    match ending {
        Ending::Interrupted if answered == 0 => format!(
            "{name} interrompu{e} : aucune réponse sur {}.",
            questions(total)
        ),
        Ending::Interrupted => format!(
            "{name} interrompu{e} : {} sur {total}, score {points}/{answered}.",
            questions(answered)
        ),
        Ending::Finished | Ending::TimeUp { .. } => {
            let mut message = format!(
                "{name} terminé{e} : score {points}/{total} ({}).",
                percent(ratio(score, total))
            );
            if mistakes > 0 {
                message.push_str(&format!(" À revoir : {}.", questions(mistakes)));
            }
            message
        }
    }
}

pub fn ratio(score: f64, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        score / total as f64
    }
}

/// « 20 minutes », « 1 minute 30 secondes ».
pub fn duration_words(secs: u64) -> String {
    let minutes = usize::try_from(secs / 60).unwrap_or(usize::MAX);
    let seconds = usize::try_from(secs % 60).unwrap_or(0);
    match (minutes, seconds) {
        (0, s) => plural(s, "seconde", "secondes"),
        (m, 0) => plural(m, "minute", "minutes"),
        (m, s) => format!(
            "{} {}",
            plural(m, "minute", "minutes"),
            plural(s, "seconde", "secondes")
        ),
    }
}

/// « Il reste 12 minutes. »: minutes rounded to the nearest, seconds in the last minute.
pub fn time_left_words(secs: u64) -> String {
    let amount = if secs >= 60 {
        plural(
            usize::try_from(secs.saturating_add(30) / 60).unwrap_or(usize::MAX),
            "minute",
            "minutes",
        )
    } else {
        plural(usize::try_from(secs).unwrap_or(0), "seconde", "secondes")
    };
    format!("Il reste {amount}.")
}

// --- Answering: what to type, and what a line not understood should have been ---

/// « A ou B ».
pub fn either(a: &str, b: &str) -> String {
    format!("{a} ou {b}")
}

/// « A à D ».
pub fn from_to(first: &str, last: &str) -> String {
    format!("{first} à {last}")
}

/// « une lettre de A à D ».
pub fn one_letter_of(range: &str) -> String {
    format!("une lettre de {range}")
}

pub fn type_single(range: &str) -> String {
    format!("Tapez la lettre de votre réponse ({range}), ou son numéro.")
}

pub fn type_multiple(range: &str) -> String {
    format!(
        "Plusieurs réponses possibles : tapez leurs lettres ({range}) séparées par des espaces ou des virgules, par exemple « A C »."
    )
}

pub const TYPE_TRUE_FALSE: &str = "Vrai ou faux ? Tapez v ou f.";
pub const TYPE_SHORT: &str = "Tapez votre réponse.";

pub fn type_number(unit: Option<&str>) -> String {
    match unit {
        Some(unit) => format!("Tapez un nombre (en {unit})."),
        None => "Tapez un nombre.".into(),
    }
}

pub fn type_order(example: &str) -> String {
    format!(
        "Tapez les numéros des étapes dans le bon ordre, séparés par des espaces, par exemple « {example} »."
    )
}

pub fn type_pairs(example: &str) -> String {
    format!(
        "Associez chaque élément à une proposition : numéro puis lettre, par exemple « {example} »."
    )
}

pub const TYPE_OPEN: &str = "Tapez votre réponse, sur plusieurs lignes si besoin, et terminez-la par une ligne vide (ou une ligne avec un seul point) ; la réponse modèle s’affichera ensuite.";

pub fn not_single(one_letter: &str) -> String {
    format!("Réponse non comprise : tapez {one_letter}, ou un numéro.")
}

pub fn not_multiple(range: &str) -> String {
    format!(
        "Réponse non comprise : tapez une ou plusieurs lettres ({range}), séparées par des espaces ou des virgules."
    )
}

pub const NOT_TRUE_FALSE: &str = "Réponse non comprise : tapez v (vrai) ou f (faux).";
pub const EMPTY_SHORT: &str = "Réponse vide : tapez votre réponse.";
pub const NOT_A_NUMBER: &str = "Ce n’est pas un nombre : tapez par exemple 15 000 ou 1,5.";

pub fn not_order(n: usize) -> String {
    format!(
        "Réponse non comprise : tapez les numéros de 1 à {n}, chacun une fois, dans l’ordre choisi."
    )
}

pub fn not_pairs(n: usize, one_letter: &str, example: &str) -> String {
    format!(
        "Réponse non comprise : associez chaque numéro de 1 à {n} à {one_letter}, par exemple « {example} »."
    )
}

pub const EMPTY_OPEN: &str = "Réponse vide : tapez votre réponse, même courte.";
pub const SELF_GRADE_INSTRUCTION: &str =
    "Comparez avec votre réponse : tapez 1 (juste), 2 (en partie) ou 3 (à revoir).";
pub const SELF_GRADE_INVALID: &str =
    "Réponse non comprise : tapez 1 (juste), 2 (en partie) ou 3 (à revoir).";
pub const SELF_GRADE_INVALID_PROPOSED: &str = "Réponse non comprise : Entrée seule accepte la note proposée ; sinon tapez 1 (juste), 2 (en partie) ou 3 (à revoir).";
pub const OPEN_TOO_LONG: &str = "Réponse trop longue (plus de 64 Kio) : les lignes suivantes sont ignorées. Terminez-la par une ligne vide.";
/// After a short answer marked wrong, when a question follows.
pub const TYPO_HINT: &str =
    "Une faute de frappe ? Tapez = seul sur la ligne pour compter votre réponse juste.";
pub const TYPO_HINT_LAST: &str = "Une faute de frappe ? Tapez = seul sur la ligne pour compter votre réponse juste, ou Entrée pour voir le bilan.";
pub const NOTHING_TO_ACCEPT: &str =
    "Rien à compter juste : « = » suit une réponse courte comptée fausse.";
pub const REMARK_SAVED: &str =
    "Remarque enregistrée dans votre profil, pour le formateur. Continuez votre réponse.";
pub const REMARK_NOT_SAVED: &str =
    "Remarque non enregistrée : le profil est ouvert en lecture seule. Continuez votre réponse.";
pub const REMARK_EMPTY: &str =
    "Remarque vide : tapez ! suivi de votre remarque, par exemple « !la date a changé ».";

/// What to type to tick the key points of an open answer.
pub fn tick_points(n: usize) -> String {
    format!(
        "Quels points votre réponse couvre-t-elle ? Tapez leurs numéros (de 1 à {n}), par exemple « 1 3 » ; 0 si aucun, « tous » s’ils y sont tous."
    )
}

pub fn not_ticks(n: usize) -> String {
    format!(
        "Réponse non comprise : tapez des numéros de 1 à {n} séparés par des espaces, 0 si aucun, ou « tous »."
    )
}

/// « Points cochés : 1 sur 2. Note proposée : 2 (en partie). … »
pub fn proposed_grade(grade: SelfGrade, ticked: usize, total: usize) -> String {
    let code = match grade {
        SelfGrade::Right => "1",
        SelfGrade::Partly => "2",
        SelfGrade::Wrong => "3",
    };
    format!(
        "Points cochés : {ticked} sur {total}. Note proposée : {code} ({}). Entrée seule l’accepte ; sinon tapez 1 (juste), 2 (en partie) ou 3 (à revoir).",
        words::answer::grade_words(grade)
    )
}

// --- Event lines ---

pub const STEP: &str = "Étape";
pub const EXHIBITS: &str = "Pièces du dossier";
pub const EXHIBIT: &str = "Pièce";
pub const MATCH_ITEMS: &str = "Éléments :";
pub const MATCH_TARGETS: &str = "Propositions :";
pub const MODEL_ANSWER: &str = "Réponse modèle";
pub const CHECKLIST: &str = "Points à vérifier";
pub const EXPLANATION: &str = "Explication";
pub const SOURCES: &str = "Sources";
pub const LESSON: &str = "Leçon";
pub const CORRECT: &str = "Correct";
pub const INCORRECT: &str = "Incorrect";
pub const UNANSWERED: &str = "Sans réponse";

/// « Partiellement correct (50 %) ».
pub fn partly_correct(score: f64) -> String {
    format!("Partiellement correct ({})", percent(score))
}

/// « Question 3 sur 12 ».
pub fn question_of(position: usize, total: usize) -> String {
    format!("Question {position} sur {total}")
}

/// « Étape 2 sur 4 : L’appel », « Leçon 1 sur 3 : Le secret ».
pub fn numbered(what: &str, position: usize, total: usize, title: &str) -> String {
    format!("{what} {position} sur {total} : {title}")
}

#[cfg(test)]
mod tests {
    use super::*;

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
