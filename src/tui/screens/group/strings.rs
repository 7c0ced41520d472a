//! The group quiz's own French table: every text the room and the trainer read in the group
//! quiz, its keys, and what it shares with the other screens, re-exported so that the room's
//! code reads one table.

use crate::words::{plural, questions};

pub use crate::tui::strings::{QUIZ_EXPLANATION, QUIZ_NOT_A_NUMBER, question_position};

/// Keys and what they do in the group quiz.
pub mod keys {
    use crate::tui::strings::Hint;

    pub use crate::tui::strings::keys::{
        ACCUEIL, COCHER_ESPACE, ENREGISTRER, QUITTER, REGLER, RETOUR,
    };

    pub const ANNULER: Hint = ("Échap", "annuler");
    pub const EFFACER_SA_REPONSE: Hint = ("Suppr", "effacer sa réponse");
    pub const EQUIPE_PUIS_REPONSE: Hint = ("1-8", "équipe puis réponse");
    pub const REVELER: Hint = ("r", "révéler");
    pub const PAUSE: Hint = ("p", "pause");
    pub const ANNULER_SAISIE: Hint = ("u", "annuler");
    pub const CLASSEMENT: Hint = ("Entrée", "classement");
    pub const ANNULER_CE_SCORE: Hint = ("u", "annuler ce score");
    pub const SUITE: Hint = ("Entrée", "suite");
    pub const REPONSE: Hint = ("←", "réponse");
    pub const ANNULER_LE_SCORE: Hint = ("u", "annuler le score");
    pub const TERMINER: Hint = ("t", "terminer");
    pub const DEBRIEFING: Hint = ("↑↓", "débriefing");
    pub const EXPORTER: Hint = ("e", "exporter");
    pub const VALIDER_LE_NOM: Hint = ("Entrée", "valider le nom");
    pub const BLOC: Hint = ("Tab", "bloc");
    pub const RENOMMER: Hint = ("Entrée", "renommer");
    pub const AJOUTER: Hint = ("+", "ajouter");
    pub const RETIRER: Hint = ("Suppr", "retirer");
    pub const DEPLIER: Hint = ("→←", "déplier");
    pub const LANCER: Hint = ("l", "lancer");
    pub const REPRENDRE: Hint = ("r", "reprendre");
}

pub const GROUP_TITLE: &str = "Quiz de groupe";
pub const GROUP_SETUP_TITLE: &str = "Quiz de groupe — préparation";
pub const GROUP_SETUP_INTRO: &str =
    "Les équipes répondent à voix haute ou avec des cartons ; vous saisissez leurs réponses.";
/// Pseudonyms offered for the teams, in order: animals, never people.
pub const GROUP_TEAM_NAMES: [&str; 8] = [
    "Hiboux",
    "Renards",
    "Loutres",
    "Castors",
    "Lynx",
    "Hérons",
    "Chamois",
    "Marmottes",
];
pub const GROUP_TEAMS_NOTE: &str = "Pseudonymes, jamais de vrais noms.";
pub const GROUP_NAME_EMPTY: &str = "Le nom d’équipe est vide.";
pub const GROUP_NAME_TOO_LONG: &str = "Le nom d’équipe est trop long (24 caractères au plus).";
pub const GROUP_NAME_TAKEN: &str = "Une autre équipe porte déjà ce nom.";
pub const GROUP_NAME_EMAIL: &str =
    "Ce nom ressemble à une adresse électronique : choisissez un pseudonyme.";
pub const GROUP_NAME_PHONE: &str =
    "Ce nom ressemble à un numéro de téléphone : choisissez un pseudonyme.";
pub const GROUP_NAME_PERSONAL: &str =
    "Ce nom ressemble à une donnée personnelle : choisissez un pseudonyme.";
pub const GROUP_PICK_QUESTIONS: &str = "Cochez au moins un module ou une question.";
pub const GROUP_NO_PLAYABLE: &str = "Aucun module n’a de question jouable en salle.";
pub const GROUP_SETTINGS_TITLE: &str = "Réglages";
pub const GROUP_COUNT: &str = "Questions";
pub const GROUP_TIMER: &str = "Temps";
pub const GROUP_SPEED_BONUS: &str = "Bonus : +1 au plus rapide";
pub const GROUP_DOUBLE_LAST: &str = "Dernière question double";
pub const GROUP_LAUNCH: &str = "Lancer le quiz";
pub const GROUP_KIND_SINGLE: &str = "choix unique";
pub const GROUP_KIND_MULTIPLE: &str = "choix multiple";
pub const GROUP_KIND_TRUE_FALSE: &str = "vrai/faux";
pub const GROUP_KIND_NUMERIC: &str = "nombre";
pub const GROUP_KIND_ORDER: &str = "ordre";
pub const GROUP_KIND_UNFIT: &str = "ne se joue pas en salle";
pub const GROUP_PAUSED: &str = "⏸ en pause";
/// The clock of a paused question, in big letters.
pub const GROUP_PAUSE_BIG: &str = "PAUSE";
pub const GROUP_RESULTS: &str = "Résultats";
pub const GROUP_COUNTS_DOUBLE: &str = " · compte double";
pub const GROUP_UNTIMED: &str = "Sans limite de temps";
pub const GROUP_ANSWERS: &str = "Réponses";
pub const GROUP_TEAM: &str = "Équipe";
pub const GROUP_RIGHT: &str = "juste";
pub const GROUP_WRONG: &str = "faux";
pub const GROUP_NO_ANSWER: &str = "pas de réponse";
pub const GROUP_RIGHT_MARK: &str = "✓ bonne réponse";
pub const GROUP_SEVERAL: &str = "Plusieurs réponses possibles : donnez toutes les lettres.";
pub const GROUP_ORDER_HELP: &str = "Donnez l’ordre des étapes, par exemple CADB.";
pub const GROUP_NUMBER_HELP: &str = "Réponse : un nombre";
pub const GROUP_HELP_TRUE_FALSE: &str = "V ou F";
pub const GROUP_HELP_NUMERIC: &str = "un nombre, puis Entrée";
pub const GROUP_TYPE_LETTERS: &str = "Tapez au moins une lettre, puis Entrée.";
pub const GROUP_TYPE_TRUE_FALSE: &str = "Tapez V ou F.";
pub const GROUP_TYPE_ORDER: &str = "Donnez chaque étape une fois, dans l’ordre, par exemple CADB.";
pub const GROUP_TIED: &str = "ex æquo";
pub const GROUP_LAST_DONE: &str = "C’était la dernière question : Entrée pour le podium.";
pub const GROUP_DEBRIEF: &str = "Questions les plus manquées";
pub const GROUP_NOTHING_MISSED: &str = "Aucune question manquée : bravo à toutes les équipes !";
pub const GROUP_EXPORTED: &str = "✓ Résultats par équipe enregistrés (CSV et JSON) :";
pub const GROUP_EXPORT_FAILED: &str = "Export impossible (e pour réessayer) :";
pub const GROUP_EXPORT_HINT: &str = "e : exporter les résultats par équipe (CSV et JSON)";
pub const GROUP_AND: &str = "et";
pub const GROUP_NOTHING_TO_UNDO: &str = "Rien à annuler.";
pub const GROUP_NOT_SAVED: &str = "Pas de dossier de données : la session ne sera pas sauvegardée.";
pub const GROUP_SAVE_FAILED: &str = "⚠ Sauvegarde de la session impossible :";
pub const GROUP_NOTHING_TO_RESUME: &str = "Aucune session de groupe à reprendre.";

/// « Équipe 4 », when every pseudonym is taken.
pub fn group_team(index: usize) -> String {
    format!("{GROUP_TEAM} {}", index + 1)
}

pub fn group_max_teams(max: usize) -> String {
    format!("{max} équipes au plus.")
}

pub fn group_min_teams(min: usize) -> String {
    format!("{min} équipes au moins.")
}

/// « Une session est en cours (question 3/10, 3 équipes) : r pour la reprendre. »
pub fn group_resumable(saved: &str) -> String {
    format!("Une session est en cours ({saved}) : r pour la reprendre.")
}

/// « question 3/10, 3 équipes ».
pub fn group_saved_summary(position: usize, total: usize, teams: usize) -> String {
    format!(
        "question {}/{total}, {}",
        position + 1,
        plural(teams, "équipe", "équipes")
    )
}

/// « 3 questions laissées de côté : réponse courte, association ou réponse libre ne se jouent
/// pas en salle. »
pub fn group_skipped(n: usize) -> String {
    let (left, verb) = if n > 1 {
        ("laissées", "ne se jouent")
    } else {
        ("laissée", "ne se joue")
    };
    format!(
        "{} {left} de côté : réponse courte, association ou réponse libre {verb} pas en salle.",
        questions(n)
    )
}

pub fn group_teams_title(n: usize) -> String {
    format!("Équipes ({n})")
}

/// « Questions cochées : 12 ».
pub fn group_picked(n: usize) -> String {
    format!("Questions cochées : {n}")
}

/// « 30 s » or « sans limite ».
pub fn group_timer(secs: Option<u32>) -> String {
    secs.map_or_else(|| "sans limite".to_owned(), |s| format!("{s} s"))
}

/// « Équipe 2 (Renards) : B — enregistré. »
pub fn group_recorded(number: usize, name: &str, answer: &str) -> String {
    format!("{GROUP_TEAM} {number} ({name}) : {answer} — enregistré.")
}

pub fn group_cleared(number: usize, name: &str) -> String {
    format!("Réponse de l’équipe {number} ({name}) effacée.")
}

/// « Classement après la question 2/3 ».
pub fn group_standings_after(number: usize, total: usize) -> String {
    format!("Classement après la question {number}/{total}")
}

pub fn group_missing_question(id: &str) -> String {
    format!(
        "Question « {id} » introuvable dans le contenu chargé : relancez avec les mêmes --content."
    )
}

/// « Question 2 sur 3 ».
pub fn group_question_of(number: usize, total: usize) -> String {
    format!("Question {number} sur {total}")
}

/// The countdown in words, with the last ten and five seconds said as such.
pub fn group_time_left(secs: u64) -> String {
    match secs {
        0 => "Temps écoulé".to_owned(),
        1..=5 => "Plus que 5 s".to_owned(),
        6..=10 => "Plus que 10 s".to_owned(),
        _ => format!("{secs} s restantes"),
    }
}

/// « Tapez le numéro d’une équipe (1 à 3), puis sa réponse. »
pub fn group_entry_idle(teams: usize) -> String {
    format!("Tapez le numéro d’une équipe (1 à {teams}), puis sa réponse.")
}

/// « 2 équipes sur 3 ont trouvé ».
pub fn group_found(right: usize, teams: usize) -> String {
    match right {
        0 => "Aucune équipe n’a trouvé".to_owned(),
        1 => format!("1 équipe sur {teams} a trouvé"),
        _ => format!("{right} équipes sur {teams} ont trouvé"),
    }
}

/// « +2 points (dont 1 de rapidité) », « 0 point ».
pub fn group_award(points: u32, bonus: u32) -> String {
    let sign = if points > 0 { "+" } else { "" };
    let mut text = format!("{sign}{}", group_points(points));
    if bonus > 0 {
        text.push_str(&format!(" (dont {bonus} de rapidité)"));
    }
    text
}

/// « 5 points », « 1 point », « 0 point ».
pub fn group_points(points: u32) -> String {
    plural(points as usize, "point", "points")
}

/// « 3 justes », « 1 juste ».
pub fn group_right_answers(n: usize) -> String {
    plural(n, "juste", "justes")
}

/// « place 3 ».
pub fn group_place(n: usize) -> String {
    format!("place {n}")
}

/// « à 1 près ».
pub fn group_within(tolerance: &str) -> String {
    format!("à {tolerance} près")
}

/// « entre 3 et 5 jours ».
pub fn group_between(lo: &str, hi: &str, unit: &str) -> String {
    format!("entre {lo} et {hi}{unit}")
}

pub fn group_help_single(last: &str) -> String {
    format!("une lettre de A à {last}")
}

pub fn group_help_multiple(last: &str) -> String {
    format!("des lettres de A à {last}, puis Entrée")
}

pub fn group_help_order(last: &str) -> String {
    format!("les lettres A à {last} dans l’ordre, puis Entrée")
}

/// « 1er », « 2e ».
pub fn group_rank(rank: usize) -> String {
    if rank == 1 {
        "1er".to_owned()
    } else {
        format!("{rank}e")
    }
}

/// « Prochaine : question 3 sur 3 ».
pub fn group_next_question(number: usize, total: usize) -> String {
    format!("Prochaine : question {number} sur {total} — Entrée pour la lancer.")
}

/// « 2 équipes sur 3 l’ont manquée ».
pub fn group_missed(missed: usize, teams: usize) -> String {
    if missed > 1 {
        format!("{missed} équipes sur {teams} l’ont manquée")
    } else {
        format!("1 équipe sur {teams} l’a manquée")
    }
}
