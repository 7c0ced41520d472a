//! Every French text of the plain mode, in one place: the session's announcements and ends,
//! what an answer line may be, the event lines. A second language would be a table here.

use crate::domain::session::SessionKind;
use crate::study::Ending;
use crate::words::{decimal, percent, plural, questions};

/// What `conseil` alone says where the full-screen interface cannot run.
pub const NO_TERMINAL_HINT: &str = "l’application plein écran a besoin d’un terminal interactif (ce n’en est pas un, ou TERM=dumb). Le mode texte fait tout sans elle, pour un lecteur d’écran, une plage braille ou un script : conseil quiz MODULE --plain, conseil lesson MODULE --plain, conseil review --plain, conseil exam --plain. La liste des modules : conseil check.";

/// How to get past a profile open in another window.
pub const BUSY_HINT: &str =
    "fermez-la, ou relancez avec --read-only (rien ne sera alors enregistré)";

pub const EXAM_TITLE: &str = "Examen blanc";
pub const REVIEW_TITLE: &str = "Révision";
pub const NOTHING_TO_REVIEW: &str =
    "Rien à réviser pour l’instant : revenez plus tard, ou faites le quiz d’un module.";
pub const NO_EXAM_QUESTION: &str = "aucune question d’examen dans ces modules";
pub const STALE_SESSION: &str =
    "Le quiz laissé en cours ne correspond plus au contenu : un nouveau quiz commence.";
pub const HOW_TO_ANSWER: &str = "Répondez à chaque question puis Entrée. Ctrl-D interrompt : ce qui est répondu reste enregistré.";
pub const NO_FEEDBACK_TIMED: &str =
    "Aucune correction avant la fin. Les réponses données après la limite ne comptent pas.";
pub const NO_FEEDBACK: &str = "Aucune correction avant la fin.";
pub const UNREADABLE_LINE: &str =
    "Texte illisible : le terminal doit envoyer de l’UTF-8. Tapez votre réponse à nouveau.";
pub const TIME_UP_LATE: &str = "Temps écoulé : cette dernière réponse est arrivée après la limite et n’est pas comptée. L’examen est terminé.";
pub const TIME_UP: &str = "Temps écoulé : l’examen est terminé.";
pub const CORRECTION: &str = "Correction :";
pub const SAVED_NOTHING_READ_ONLY: &str = "Rien n’a été enregistré (profil en lecture seule).";
pub const SAVED: &str = "Progression enregistrée.";
pub const NOTHING_TO_SAVE: &str = "Rien à enregistrer.";

/// « module inconnu « x » ; modules disponibles : a, b ».
pub fn unknown_module(id: &str, known: &[&str]) -> String {
    format!(
        "module inconnu « {id} » ; modules disponibles : {}",
        list(known)
    )
}

/// « cas inconnu « x » dans le module « m » ; cas disponibles : a, b ».
pub fn unknown_case(id: &str, module_id: &str, known: &[&str]) -> String {
    format!(
        "cas inconnu « {id} » dans le module « {module_id} » ; cas disponibles : {}",
        list(known)
    )
}

fn list(ids: &[&str]) -> String {
    if ids.is_empty() {
        "aucun".to_owned()
    } else {
        ids.join(", ")
    }
}

/// Why a quiz cannot start: nothing to ask.
pub fn no_question(module_id: &str, case: bool) -> String {
    format!(
        "le module « {module_id} » n’a pas de question{}",
        if case { " dans ce cas" } else { " de quiz" }
    )
}

/// The other unfinished session a new one takes the place of.
pub fn replaces(kind: &SessionKind) -> String {
    let what = match kind {
        SessionKind::Module { module_id } => format!("le quiz du module « {module_id} »"),
        SessionKind::Case { case_id, .. } => format!("le cas « {case_id} »"),
        SessionKind::Review => "une révision".to_owned(),
        SessionKind::Retry { .. } | SessionKind::Exam { .. } => "un quiz".to_owned(),
    };
    format!(
        "Vous aviez laissé en cours {what} : c’est ce quiz-ci qui sera repris la prochaine fois (les réponses données là-bas restent dans votre historique)."
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
pub fn resumed(kind: &SessionKind, position: usize, total: usize, score: f64) -> String {
    let what = match kind {
        SessionKind::Case { .. } => "du cas laissé",
        SessionKind::Review => "de la révision laissée",
        _ => "du quiz laissé",
    };
    let done = match position {
        0 => String::new(),
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
