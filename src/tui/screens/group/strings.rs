//! The group quiz's own French table: every text the room and the trainer read in the group
//! quiz, its keys, and what it shares with the other screens, re-exported so that the room's
//! code reads one table.

use crate::words::{plural, questions};

use crate::domain::group::Scoring;

pub use crate::tui::strings::{QUIZ_EXPLANATION, QUIZ_NOT_A_NUMBER, question_position};

/// Keys and what they do in the group quiz.
pub mod keys {
    use crate::tui::strings::Hint;

    pub use crate::tui::strings::keys::{
        ACCUEIL, COCHER_ESPACE, ENREGISTRER, QUITTER, RECIT, REGLER, RETOUR, RETOUR_ECHAP,
    };

    pub const OUI: Hint = ("o", "oui");
    pub const NON: Hint = ("n", "non");
    pub const A_LA_QUESTION: Hint = ("Entrée", "à la question");
    pub const DEFILER_PAGE: Hint = ("↑↓ PgPréc/PgSuiv", "défiler");
    pub const BILAN: Hint = ("b", "bilan");
    pub const RETOUR_PODIUM: Hint = ("q", "podium");
    pub const REVELER_MODELE: Hint = ("r", "réponse modèle");
    pub const PLUS_15: Hint = ("+", "15 s");
    pub const FIN_DU_TEMPS: Hint = ("s", "temps fini");
    pub const ENREGISTRER_SERIE: Hint = ("s", "série");
    pub const NOUVELLE: Hint = ("n", "nouvelle session");

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
/// How to make the room's text larger: every view fits at 80 × 24 and grows with the window.
pub const GROUP_ZOOM_HINT: &str = "Pour la salle : agrandissez le texte du terminal (Ctrl + dans la plupart des terminaux) ; tout tient dès 80 × 24.";
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
/// The teams of a room (`--salle`) with none keyed in: it fits the pane (34 columns).
pub const GROUP_ROOM_NO_TEAMS: &str = "Aucune : chacun sur son téléphone.";
/// Under the question, in a room without teams.
pub const GROUP_PHONES_ONLY: &str = "Pas d’équipe au clavier : chacun répond sur son téléphone.";
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
pub const GROUP_KIND_SHORT: &str = "réponse courte";
pub const GROUP_KIND_MATCH: &str = "association";
pub const GROUP_KIND_OPEN: &str = "question ouverte, sans points";
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
pub const GROUP_MATCH_HELP: &str =
    "Pour chaque numéro, la lettre de son associé, dans l’ordre des numéros : par exemple BDA.";
pub const GROUP_SHORT_HELP: &str = "Réponse : quelques mots, que vous saisissez.";
pub const GROUP_OPEN_HELP: &str = "Pas de réponse à saisir : r montre la réponse modèle.";
pub const GROUP_OPEN_STATUS: &str = "Question ouverte : discussion en salle, sans points.";
pub const GROUP_HELP_TRUE_FALSE: &str = "V ou F";
pub const GROUP_HELP_SHORT: &str = "la réponse en quelques mots, puis Entrée";
pub const GROUP_HELP_NUMERIC: &str = "un nombre, puis Entrée";
pub const GROUP_TYPE_LETTERS: &str = "Tapez au moins une lettre, puis Entrée.";
pub const GROUP_TYPE_TRUE_FALSE: &str = "Tapez V ou F.";
pub const GROUP_TYPE_ORDER: &str = "Donnez chaque étape une fois, dans l’ordre, par exemple CADB.";
pub const GROUP_TYPE_MATCH: &str =
    "Donnez une lettre pour chaque numéro, dans l’ordre, par exemple BDA.";
pub const GROUP_TYPE_SHORT: &str = "Tapez la réponse de l’équipe, puis Entrée.";
pub const GROUP_MODEL_ANSWER: &str = "Réponse modèle";
pub const GROUP_DISCUSSION: &str = "À discuter ensemble : cette question ne compte pas de points.";
pub const GROUP_NOBODY_FOUND: &str = "Aucune équipe n’a trouvé.";
pub const GROUP_EXHIBIT: &str = "Document";
pub const GROUP_TIED: &str = "ex æquo";
pub const GROUP_LAST_DONE: &str = "C’était la dernière question : Entrée pour le podium.";
pub const GROUP_DEBRIEF: &str = "Questions les plus manquées";
pub const GROUP_NOTHING_MISSED: &str = "Aucune question manquée : bravo à toutes les équipes !";
pub const GROUP_EXPORTED: &str = "✓ Résultats et bilan enregistrés (b pour lire le bilan) :";
pub const GROUP_EXPORT_FAILED: &str = "Enregistrement impossible (e pour réessayer) :";
pub const GROUP_EXPORT_HINT: &str = "e : enregistrer les résultats et le bilan de la session";
pub const GROUP_NOTHING_TO_UNDO: &str = "Rien à annuler.";
pub const GROUP_NOT_SAVED: &str = "Pas de dossier de données : la session ne sera pas sauvegardée.";
pub const GROUP_SAVE_FAILED: &str = "⚠ Sauvegarde de la session impossible :";
pub const GROUP_NOTHING_TO_RESUME: &str = "Aucune session de groupe à reprendre.";
pub const GROUP_RESUME_NEEDS_ROOM: &str = "La session enregistrée se joue sur les téléphones de la salle, sans équipe : reprenez-la avec « conseil group --salle --resume ».";
pub const GROUP_TIME_UNTIMED: &str = "Sans limite de temps : pas de compte à rebours.";
pub const GROUP_REPORT_TITLE: &str = "Bilan de la session";
pub const GROUP_QUESTION: &str = "Question";

// Confirmations.
pub const GROUP_CONFIRM_QUIT: &str = "Quitter le quiz de groupe ?";
pub const GROUP_CONFIRM_QUIT_TEXT: [&str; 2] = [
    "La session est sauvegardée : « conseil group --resume » la reprend là où elle en est,",
    "tout comme « r » dans la préparation du quiz de groupe.",
];
pub const GROUP_CONFIRM_FINISH: &str = "Terminer le quiz maintenant ?";
pub const GROUP_CONFIRM_FINISH_TEXT: [&str; 2] = [
    "Les questions restantes ne seront pas posées ;",
    "le podium, les résultats et le bilan suivent.",
];
pub const GROUP_CONFIRM_KEYS: &str = "o : oui · n ou Échap : non";

// An unfinished session, a new one, a quiz set, the group.
pub const GROUP_UNFINISHED_TITLE: &str = "Session non terminée";
pub const GROUP_UNFINISHED_CHOICES: [&str; 3] = [
    "r : la reprendre là où elle en est",
    "n : en préparer une nouvelle (l’ancienne sera gardée à part, datée, jamais effacée)",
    "Échap : revenir",
];
pub const GROUP_OLD_KEPT: &str = "La session non terminée sera gardée à part au lancement de la nouvelle ; r la reprend d’ici là.";
pub const GROUP_CONTRAST: &str = "Contraste élevé";
pub const GROUP_GROUP: &str = "Groupe";
pub const GROUP_NO_GROUP: &str = "aucun";
pub const GROUP_GROUP_HELP: &str = "Le nom du groupe (une promotion, jamais une personne) : ses totaux se suivent de séance en séance.";
pub const GROUP_GROUP_TOO_LONG: &str = "Le nom du groupe est trop long (40 caractères au plus).";
pub const GROUP_GROUP_NO_LETTER: &str =
    "Le nom du groupe doit contenir au moins une lettre ou un chiffre.";
pub const GROUP_GROUP_RESERVED: &str = "Ce nom donnerait à l’historique du groupe un nom de fichier que Windows réserve (CON, NUL, COM1…) : choisissez-en un autre.";
pub const GROUP_SET_NAME: &str = "Nom de la série";
pub const GROUP_SET_NAME_HELP: &str =
    "Série : les questions cochées et les réglages, à relancer avec conseil group --set NOM.";
pub const GROUP_SET_NAME_EMPTY: &str = "Le nom de la série est vide.";
pub const GROUP_SET_NAME_TOO_LONG: &str =
    "Le nom de la série est trop long (40 caractères au plus).";
pub const GROUP_SET_NAME_DOT: &str = "Le nom de la série ne peut pas commencer par un point.";
pub const GROUP_SET_NAME_RESERVED: &str = "Ce nom est réservé par Windows (CON, NUL, COM1…) ou finit par un point : choisissez-en un autre.";

// The results and the report.
pub const GROUP_CSV_HEADER: [&str; 9] = [
    "question",
    "intitulé",
    "équipe",
    "réponse",
    "texte de la réponse",
    "juste",
    "points",
    "dont rapidité",
    "secondes",
];
pub const GROUP_CSV_YES: &str = "oui";
pub const GROUP_CSV_NO: &str = "non";
pub const GROUP_CSV_UNSCORED: &str = "non notée";
pub const GROUP_REPORT_TITLE_FULL: &str = "Quiz de groupe — bilan de la session";
pub const GROUP_REPORT_RANKING: &str = "Classement";
pub const GROUP_REPORT_RANKING_HEAD: [&str; 7] = [
    "Rang",
    "Équipe",
    "Points",
    "Bonnes réponses",
    "Question par question",
    "Rang après chaque question",
    "Tendance",
];
pub const GROUP_REPORT_QUESTIONS: &str = "Question par question";
pub const GROUP_REPORT_QUESTIONS_HEAD: [&str; 4] = [
    "N°",
    "Question",
    "Équipes justes",
    "Réponses fausses données",
];
pub const GROUP_REPORT_DISCUSSED: &str = "discutée, sans points";
pub const GROUP_TREND_RISING: &str = "en progrès";
pub const GROUP_TREND_STEADY: &str = "stable";
pub const GROUP_TREND_FALLING: &str = "en recul";
pub const GROUP_TOTALS_HEAD: [&str; 4] = ["Équipe", "Séances", "Points", "Bonnes réponses"];
pub const GROUP_TOTALS_MISSED: &str = "Les questions les plus manquées du groupe";
/// The report's page style: printable, readable, nothing fetched from elsewhere.
pub const GROUP_REPORT_CSS: &str = "body { font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; line-height: 1.4; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #444; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #e6e6e6; }
h1, h2, h3 { line-height: 1.2; }
@media print { body { margin: 0; max-width: none; } }
";

/// « ⚠ Tapez V ou F. »: a problem, said so by its mark and not by colour alone.
pub fn warning(problem: &str) -> String {
    if is_warning(problem) {
        problem.to_owned()
    } else {
        format!("⚠ {problem}")
    }
}

/// Whether a message is a problem (see [`warning`]).
pub fn is_warning(message: &str) -> bool {
    message.starts_with('⚠')
}

/// « Une session de groupe n’est pas terminée (question 3/10, 3 équipes). »
pub fn group_unfinished(saved: &str) -> String {
    format!("Une session de groupe n’est pas terminée ({saved}).")
}

/// « L’ancienne session, non terminée, est gardée sous group/session-….json. »
pub fn group_kept_aside(path: &str) -> String {
    format!("L’ancienne session, non terminée, est gardée sous {path}.")
}

/// « Série « Secret 1 » enregistrée : conseil group --set "Secret 1" la relance. »
pub fn group_set_saved(name: &str) -> String {
    let arg = if name.contains(' ') {
        format!("\"{name}\"")
    } else {
        name.to_owned()
    };
    format!("Série « {name} » enregistrée : conseil group --set {arg} la relance.")
}

/// « Série « Secret 1 » chargée : l pour lancer. », with the questions the content lacks.
pub fn group_set_loaded(name: &str, missing: usize) -> String {
    let mut text = format!("Série « {name} » chargée : l pour lancer.");
    if missing > 0 {
        text.push_str(&format!(
            " {} absente(s) du contenu chargé, laissée(s) de côté.",
            questions(missing)
        ));
    }
    text
}

/// A name refused for a character that would hide or reorder it, shown by its code point
/// since it cannot be shown itself.
pub fn unreadable_name(code: u32) -> String {
    format!(
        "Ce nom contient un caractère invisible ou de direction d’écriture (U+{code:04X}) : retapez-le."
    )
}

pub fn group_set_name_forbidden(c: char) -> String {
    format!("Le nom de la série ne peut pas contenir « {c} ».")
}

/// « Cas fictif : Un arrêt qui dure — étape 2 sur 3 : Le contrôle ».
pub fn group_case_step(title: &str, step: usize, steps: usize, step_title: &str) -> String {
    format!("{title} — étape {step} sur {steps} : {step_title}")
}

/// « Réponse : un nombre (€) ».
pub fn group_number_help(unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("Réponse : un nombre ({u})"),
        None => "Réponse : un nombre".to_owned(),
    }
}

pub fn group_help_match(items: usize, last: &str) -> String {
    format!("{items} lettres de A à {last}, une par numéro, puis Entrée")
}

/// « Trouvé par : Hiboux, Renards ».
pub fn group_found_by(names: &str) -> String {
    format!("Trouvé par : {names}")
}

/// « 8 sur 10 ».
pub fn group_out_of(n: usize, of: usize) -> String {
    format!("{n} sur {of}")
}

/// « 2 sur 3 (67 %) ».
pub fn group_share(right: usize, teams: usize, percent: &str) -> String {
    format!("{right} sur {teams} ({percent})")
}

/// The first lines of the report: the group, the date, the questions and the rules.
pub fn group_report_intro(
    group: Option<&str>,
    date: &str,
    time: &str,
    asked: usize,
    teams: usize,
    timer: Option<u32>,
    scoring: Scoring,
) -> String {
    let mut text = match group {
        Some(g) => format!("Groupe « {g} », séance du {date} à {time} : "),
        None => format!("Séance du {date} à {time} : "),
    };
    text.push_str(&format!(
        "{} posées à {} ; {}",
        questions(asked),
        if teams == 0 {
            "la salle, sans équipe".to_owned()
        } else {
            plural(teams, "équipe", "équipes")
        },
        match timer {
            Some(s) => format!("{s} s par question"),
            None => "sans limite de temps".to_owned(),
        }
    ));
    if scoring.speed_bonus {
        text.push_str(" ; un point de plus à la première bonne réponse");
    }
    if scoring.double_last {
        text.push_str(" ; dernière question comptée double");
    }
    text.push('.');
    text
}

/// « Totaux du groupe « FIPC Lyon » ».
pub fn group_totals_title(group: &str) -> String {
    format!("Totaux du groupe « {group} »")
}

/// « 3 séances, 30 questions posées, 62 % de réponses justes. »
pub fn group_totals_intro(sessions: usize, asked: usize, percent: &str) -> String {
    format!(
        "{}, {} posées, {percent} de réponses justes.",
        plural(sessions, "séance", "séances"),
        questions(asked)
    )
}

/// « manquée 3 fois sur 6 réponses, en 2 séances ».
pub fn group_missed_times(missed: usize, answers: usize, sessions: usize) -> String {
    format!(
        "manquée {missed} fois sur {}, en {}",
        plural(answers, "réponse", "réponses"),
        plural(sessions, "séance", "séances")
    )
}

/// « dossier/resultats.csv, .json, .md et .html ».
pub fn group_files(first: &str, exts: &[String]) -> String {
    match exts.split_last() {
        None => first.to_owned(),
        Some((last, [])) => format!("{first} et {last}"),
        Some((last, rest)) => format!("{first}, {} et {last}", rest.join(", ")),
    }
}

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

/// The countdown in words, as a screen reader says it: « 22 secondes restantes », « plus
/// que 10 secondes », « 1 minute 30 secondes restantes », « temps écoulé ».
pub fn group_time_left(secs: u64) -> String {
    let (minutes, seconds) = (secs / 60, secs % 60);
    let secs_words = |n: u64| {
        plural(
            usize::try_from(n).unwrap_or(usize::MAX),
            "seconde",
            "secondes",
        )
    };
    match secs {
        0 => "Temps écoulé".to_owned(),
        1..=10 => format!("Plus que {}", secs_words(secs)),
        _ if minutes == 0 => format!("{} restantes", secs_words(secs)),
        _ => {
            let minutes = plural(
                usize::try_from(minutes).unwrap_or(usize::MAX),
                "minute",
                "minutes",
            );
            if seconds == 0 && secs < 120 {
                format!("{minutes} restante")
            } else if seconds == 0 {
                format!("{minutes} restantes")
            } else {
                format!("{minutes} {} restantes", secs_words(seconds))
            }
        }
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
/// « 2 équipes sur 4 l’ont manquée », « 1 participant sur 12 l’a manquée ».
pub fn group_missed(missed: usize, of: usize, participants: bool) -> String {
    let who = match (participants, missed > 1) {
        (false, false) => "équipe",
        (false, true) => "équipes",
        (true, false) => "participant",
        (true, true) => "participants",
    };
    let verb = if missed > 1 { "l’ont" } else { "l’a" };
    format!("{missed} {who} sur {of} {verb} manquée")
}

/// The room (`conseil group --salle`): participants answer from their phones.
pub mod room {
    use crate::tui::strings::Hint;

    pub const SALLE: Hint = ("l", "salle");
    pub const FERMER: Hint = ("Échap", "fermer");
    pub const CHOISIR: Hint = ("↑↓", "participant");
    pub const RETIRER: Hint = ("Suppr", "retirer de la salle");

    pub const PANEL_TITLE: &str = "La salle : répondez depuis votre téléphone";
    pub const SCAN: &str = "Scannez le code, ou ouvrez l’adresse :";
    pub const CODE: &str = "Code de la salle :";
    pub const NOBODY: &str = "Personne n’a encore rejoint la salle.";
    pub const REMOVED: &str = "retiré";
    pub const NO_ANSWER: &str = "sans réponse";
    pub const RIGHT: &str = "juste";
    pub const PARTLY: &str = "en partie juste";
    pub const WRONG: &str = "faux";
    pub const SPOKEN: &str = "se joue à voix haute (pas de réponse sur téléphone)";
    pub const CHANGE_ADDRESS: &str =
        "Autre adresse ou port : conseil group --salle --interface IP --port PORT";
    pub const NETWORK_ONLY: &str =
        "Rien ne sort de la salle : le téléphone doit être sur le même réseau que ce poste.";

    pub fn could_not_open(error: &str) -> String {
        format!("⚠ La salle n’a pas pu ouvrir : {error}. Les équipes se saisissent au clavier.")
    }

    pub fn status(code: &str, joined: usize, answered: Option<usize>) -> String {
        let people = crate::words::plural(joined, "participant", "participants");
        match answered {
            Some(n) => format!("Salle {code} · {people} · {n} sur {joined} ont répondu"),
            None => format!("Salle {code} · {people}"),
        }
    }

    /// How many participants gave each answer, once revealed.
    pub fn distribution(parts: &[String]) -> String {
        format!("Salle : {}", parts.join(" · "))
    }

    pub fn removed(name: &str) -> String {
        format!("{name} est retiré(e) de la salle.")
    }

    pub fn points(points: u32, rank: usize) -> String {
        let points = crate::words::plural(points as usize, "point", "points");
        format!("{points}, rang {rank}")
    }
}

/// The room's part of the session report.
pub mod room_report {
    pub const RANKING: &str = "Classement de la salle (réponses sur téléphone)";
    pub const RANKING_HEAD: [&str; 4] = ["Rang", "Pseudonyme", "Points", "Réponses justes"];
    pub const ITEMS: &str = "Statistiques des questions (salle)";
    pub const ITEMS_HEAD: [&str; 5] = [
        "N°",
        "Question",
        "Facilité",
        "Discrimination",
        "Choix (part des participants)",
    ];
    /// Beside a distractor chosen by fewer than 5 %.
    pub const WEAK: &str = " ⚠ peu choisi";
    pub const NOT_DEFINED: &str = "non calculable";
    pub const HOW_TO_READ: &str = "Comment lire ces chiffres";
    pub const FORMULAS: [&str; 5] = [
        "Facilité : part des participants qui ont entièrement juste, en %.",
        "Discrimination (comme Moodle) : 100 × la corrélation entre le score à la question et le score au reste du test ; non calculable quand l’un des deux ne varie pas.",
        "Choix : part des participants qui ont coché chaque option (✓ : bonne réponse) ; « ⚠ peu choisi » : un distracteur choisi par moins de 5 %, qui ne trompe personne.",
        "α de Cronbach = k / (k − 1) × (1 − Σ variance des questions / variance du total), pour k questions : la cohérence du test.",
        "Seules comptent les questions dévoilées et notées, et les participants restés dans la salle ; sans réponse, le score est 0.",
    ];
    pub const GAIN: &str = "Pré-test et post-test : gain normalisé";
    pub const GAIN_HEAD: [&str; 4] = ["Pseudonyme", "Pré-test", "Post-test", "Gain g"];
    pub const GAIN_FORMULA: &str = "Gain normalisé g = (post − pré) / (100 − pré), les scores en % de bonnes réponses ; celui du groupe se calcule sur les moyennes ; non calculable quand le pré-test est déjà à 100 %.";

    pub fn items_intro(participants: usize, alpha: Option<&str>) -> String {
        let people = crate::words::plural(participants, "participant", "participants");
        match alpha {
            Some(a) => format!("{people} ; α de Cronbach du test : {a}."),
            None => format!(
                "{people} ; α de Cronbach : non calculable (moins de deux questions, ou des totaux tous égaux)."
            ),
        }
    }

    pub fn gain_intro(paired: usize, pre: &str, post: &str, gain: &str) -> String {
        let people = crate::words::plural(paired, "participant présent", "participants présents");
        format!(
            "{people} aux deux sessions ; moyenne {pre} % avant, {post} % après ; gain du groupe g = {gain}."
        )
    }

    pub fn unpaired(names: &str) -> String {
        format!("Présents à une seule des deux sessions (non comptés) : {names}.")
    }
}
