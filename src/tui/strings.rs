//! Every French text of the full-screen interface, in one place, so that wording stays
//! consistent and a second language would be a table rather than a hunt.

use crate::words::{decimal, duration, percent, plural, questions};

pub const APP_NAME: &str = "conseil";

/// `conseil group` where no full-screen interface can run.
pub const GROUP_NEEDS_TERMINAL: &str = "le quiz de groupe a besoin d’un terminal interactif plein écran (l’entrée et la sortie doivent être un terminal, et TERM pas « dumb ») : lancez conseil group depuis un terminal, sans redirection.";
pub const APP_TAGLINE: &str = "Compagnon de formation du Service médical de l’Assurance Maladie";

/// The three-line first-run welcome of the home screen, each line short enough for 80
/// columns.
pub const WELCOME: [&str; 3] = [
    "Bienvenue ! conseil prépare au stage en ELSM et à la formation FIPC.",
    "Chaque module : leçons, quiz corrigé et sourcé, parfois des cas fictifs.",
    "↑↓ choisir · Entrée ouvrir · ? aide · q revenir ou quitter",
];

pub const HOME_MODULES: &str = "Modules";
pub const HOME_GLOSSARY: &str = "Glossaire des sigles";
pub const HOME_HELP: &str = "Aide et raccourcis";
pub const HOME_RESUME: &str = "Reprendre";
pub const STALE_SESSION: &str = "La séance laissée en cours ne correspond plus au contenu (des questions ont changé) : elle est abandonnée, vos réponses restent dans l’historique.";
pub const NOTHING_TO_ASK: &str = "Aucune question à poser pour l’instant.";
pub const EXAM: &str = "Examen blanc";
pub const HOME_STATS: &str = "Statistiques";
pub const HOME_GROUP: &str = "Quiz de groupe (formateurs)";
pub const EXAM_TIME_UP: &str = "Temps écoulé : l’examen est terminé.";
pub const EXAM_ABANDON_TITLE: &str = "Abandonner l’examen ?";
pub const EXAM_ABANDON_TEXT: &str = "L’examen s’arrête ici : les questions sans réponse comptent comme fausses, et la correction s’affiche.";
pub const EXAM_ABANDON_KEYS: &str =
    "o : abandonner et voir la correction · Échap : continuer l’examen";
pub const EXAM_ABANDONED: &str =
    "Examen abandonné : les questions sans réponse comptent comme fausses.";

/// « ⏱ 12 min 05 s » left in a timed exam.
pub fn time_left(secs: u64) -> String {
    format!("⏱ {}", duration(secs * 1000))
}
pub const SAVE_FAILED: &str = "La progression n’a pas pu être enregistrée :";
pub const SAVE_FAILED_TITLE: &str = "Enregistrement impossible";
pub const SAVE_FAILED_KEPT: &str =
    "Vos réponses sont gardées en mémoire : rien n’est perdu tant que conseil reste ouvert.";
pub const SAVE_FAILED_KEYS: &str = "r : réessayer l’enregistrement · q : quitter sans enregistrer (les dernières réponses seront perdues)";
/// Said when conseil stops with answers it could never write.
pub const NOT_SAVED_AT_EXIT: &str = "des réponses n’ont pas pu être enregistrées et sont perdues :";
pub const HOME_REVIEW: &str = "Révision";
pub const HOME_SETTINGS: &str = "Date du stage ou de l’examen";
pub const HOME_PROFILE: &str = "Profil";
pub const HOME_READ_ONLY: &str =
    "Lecture seule : ce profil est ouvert dans une autre fenêtre, rien ne sera enregistré.";

pub const SETTINGS_TITLE: &str = "Date du stage ou de l’examen";
pub const SETTINGS_EXPLAIN: &str = "Avec une date, la révision s’organise pour ce jour-là : chaque question des modules est vue au moins une fois avant, et les rappels se resserrent à l’approche de la date. Laissez vide pour effacer la date.";
pub const SETTINGS_STAGE_DATE: &str = "Date (JJ/MM/AAAA)";
pub const SETTINGS_NOW: &str = "Actuellement :";
pub const SETTINGS_NO_DATE: &str = "aucune date";
pub const SETTINGS_BAD_DATE: &str = "Date non comprise : tapez par exemple 01/12/2026.";

pub const PROFILE_TITLE: &str = "Profils";
pub const PROFILE_EXPLAIN: &str = "Chaque personne a son profil et sa progression. Un prénom ou un pseudonyme suffit : n’enregistrez ici ni NIR ni donnée de patient.";
pub const PROFILE_NEW: &str = "Nouveau profil";
pub const PROFILE_CURRENT: &str = " (profil ouvert)";

/// « J-5 », « jour J », or « date passée ».
pub fn countdown(days: i64) -> String {
    match days {
        d if d > 0 => format!("J-{d}"),
        0 => "jour J".to_owned(),
        _ => "date passée".to_owned(),
    }
}

/// « 12 questions à revoir ».
pub fn due(n: usize) -> String {
    format!("{} à revoir", questions(n))
}

pub const HOME_NO_MODULE: &str = "Aucun module n’a pu être chargé.";
pub const HOME_LOAD_PROBLEMS: &str = "non chargé";

/// « (conseil check fichier.json) »: how to see what is wrong with a file left out.
pub fn check_hint(file: &str) -> String {
    format!(" (conseil check {file})")
}

/// « stage J-5 » in the home screen's status line.
pub fn stage_countdown(days: i64) -> String {
    format!("stage {}", countdown(days))
}

/// « — dernier score 80 % » after a module's summary.
pub fn last_score(ratio: f64) -> String {
    format!(" — dernier score {}", percent(ratio))
}

pub const MODULE_LESSON: &str = "Leçon";
pub const MODULE_QUIZ: &str = "Quiz du module";

pub const LESSON_SOURCES: &str = "Sources";
pub const LESSON_CONTENTS: &str = "Sommaire";

pub const QUIZ_CORRECT: &str = "✓ Correct";
pub const QUIZ_INCORRECT: &str = "✗ Incorrect";
pub const QUIZ_PARTIAL: &str = "◐ Partiellement correct";
pub const QUIZ_EXPLANATION: &str = "Explication";
pub const QUIZ_SOURCES: &str = "Sources";
pub const QUIZ_TYPE_HERE: &str = "Tapez votre réponse puis Entrée.";
pub const QUIZ_NOT_A_NUMBER: &str = "Ce n’est pas un nombre : tapez par exemple 15 000 ou 1,5.";
pub const QUIZ_EMPTY_ANSWER: &str = "Réponse vide : tapez quelque chose, ou Échap pour quitter.";
pub const QUIZ_PICK_ONE: &str = "Choisissez une réponse (lettre ou ↑↓ puis Espace).";
pub const QUIZ_MODEL_ANSWER: &str = "Réponse modèle";
pub const QUIZ_CHECKLIST: &str = "Points à vérifier";
pub const QUIZ_SELF_GRADE: &str =
    "Comparez avec votre réponse : 1 juste · 2 en partie · 3 à revoir";
pub const QUIZ_ORDER_HELP: &str = "Espace prend ou pose l’étape ; ↑↓ la déplacent.";
pub const QUIZ_MATCH_HELP: &str =
    "↑↓ choisit un élément à gauche, une lettre lui associe la proposition de droite.";
pub const QUIZ_STEP: &str = "Étape";
pub const QUIZ_EXHIBITS: &str = "Pièces du dossier";

pub const RESULTS_TITLE: &str = "Résultats";
pub const VERDICT_RIGHT: &str = "juste";
pub const VERDICT_PARTLY: &str = "en partie";
pub const VERDICT_WRONG: &str = "faux";

pub const MARK_RIGHT_ANSWER: &str = "  ✓ bonne réponse";
pub const MARK_YOUR_CHOICE: &str = "  ✗ votre choix";
pub const MARK_YOUR_ANSWER: &str = "  ✗ votre réponse";

/// « ✗ (place 3) »: where a misplaced step belongs.
pub fn mark_wrong_place(place: usize) -> String {
    format!("  ✗ (place {place})")
}

pub const AUDIENCE_INTERNS: &str = "internes";
pub const AUDIENCE_FIPC: &str = "FIPC";
pub const AUDIENCE_TRAINERS: &str = "formateurs";

/// « · pour les internes, FIPC ».
pub fn for_audience(audience: &[&str]) -> String {
    format!(" · pour les {}", audience.join(", "))
}

/// « · à jour au 01/11/2026 ».
pub fn up_to_date(date: jiff::civil::Date) -> String {
    format!(" · à jour au {}", date.strftime("%d/%m/%Y"))
}
pub const RESULTS_NO_MISTAKE: &str = "Aucune erreur : bravo !";

/// « ███░ 7/8 · 7 justes sur 8 · durée 32 s ».
pub fn results_line(gauge: &str, right: usize, answered: usize, total_ms: u64) -> String {
    format!(
        "{gauge} · {right} justes sur {answered} · durée {}",
        duration(total_ms)
    )
}

/// « r : refaire les 2 questions à revoir ».
pub fn retry_hint(mistakes: usize) -> String {
    format!("r : refaire les {} à revoir", questions(mistakes))
}

/// The unit of the weekly accuracy chart's scale.
pub const STATS_PERCENT_AXIS: &str = "en %";

pub const GLOSSARY_TITLE: &str = "Glossaire";
pub const GLOSSARY_SEARCH: &str = "Rechercher";
pub const GLOSSARY_UNCERTAIN: &str = "(développement non confirmé)";
pub const GLOSSARY_NONE: &str = "Aucun sigle ne correspond.";

pub const HELP_TITLE: &str = "Aide — touches de cet écran";
pub const HELP_GLOBAL: &str = "Partout : ? ou F1 aide · q ou Échap retour · Ctrl-C quitter";
pub const HELP_CLOSE: &str = "Une touche pour fermer l’aide.";

pub const TOO_SMALL: &str = "Fenêtre trop petite";

/// « Agrandissez la fenêtre à au moins 60 × 18 (actuellement 40 × 10). »
pub fn too_small(min_w: u16, min_h: u16, w: u16, h: u16) -> String {
    format!("Agrandissez la fenêtre à au moins {min_w} × {min_h} (actuellement {w} × {h}).")
}

/// « Question 3/12 ».
/// A quiz or a case left unfinished, on the module screen: « en cours, question 4/12 :
/// Entrée reprend, n recommence ».
pub fn in_progress(position: &str) -> String {
    let position = position.replacen("Question", "question", 1);
    format!("en cours, {position} : Entrée reprend, n recommence")
}

pub fn question_position(position: usize, total: usize) -> String {
    format!("Question {}/{total}", position + 1)
}

/// « Score : 2,5/3 ».
pub fn score(score: f64, answered: usize) -> String {
    format!("Score : {}/{answered}", decimal(score))
}

/// Keys and what they do, for the footer and the help overlay of every screen.
/// A key and what it does, as the footer and the help show it.
pub type Hint = (&'static str, &'static str);

pub mod keys {
    use super::Hint;

    pub const ACCUEIL: Hint = ("Entrée", "accueil");
    pub const AIDE: Hint = ("?", "aide");
    pub const ASSOCIER: Hint = ("A-F", "associer");
    pub const AUX_QUESTIONS: Hint = ("Entrée", "aux questions");
    pub const A_REVOIR: Hint = ("3", "à revoir");
    pub const CHOISIR: Hint = ("↑↓", "choisir");
    pub const CONTINUER: Hint = ("c", "continuer");
    pub const CHOISIR_LETTRE: Hint = ("A-E ou ↑↓", "choisir");
    pub const CHOISIR_VF: Hint = ("←→ Entrée", "choisir");
    pub const COCHER: Hint = ("A-E ou Espace", "cocher");
    pub const COCHER_ESPACE: Hint = ("Espace", "cocher");
    pub const COMMENCER: Hint = ("Entrée", "commencer");
    pub const CREER: Hint = ("Entrée", "créer");
    pub const DATE_JJ_MM_AAAA: Hint = ("chiffres", "date JJ/MM/AAAA");
    pub const DEFAIRE: Hint = ("Suppr", "défaire");
    pub const DEFILER: Hint = ("↑↓", "défiler");
    pub const DEPLACER: Hint = ("↑↓", "déplacer");
    pub const EFFACER: Hint = ("Ctrl-U", "effacer");
    pub const EFFACER_LA_DATE: Hint = ("Ctrl-U", "effacer la date");
    pub const ELEMENT: Hint = ("↑↓", "élément");
    pub const ENREGISTRER: Hint = ("Entrée", "enregistrer");
    pub const EN_PARTIE: Hint = ("2", "en partie");
    pub const FAUX: Hint = ("F", "faux");
    pub const GLOSSAIRE: Hint = ("g", "glossaire");
    pub const JUSTE: Hint = ("1", "juste");
    pub const LANCER_LE_QUIZ: Hint = ("z", "lancer le quiz");
    pub const RECOMMENCER: Hint = ("n", "recommencer au début");
    pub const ENTREE_REPRENDRE: Hint = ("Entrée", "reprendre");
    pub const LECONS: Hint = ("←→", "leçons");
    pub const NOM_DU_PROFIL: Hint = ("lettres", "nom du profil");
    pub const OUVRIR: Hint = ("Entrée", "ouvrir");
    pub const PAGE: Hint = ("PgPréc/PgSuiv", "page");
    pub const PRENDRE_POSER: Hint = ("Espace", "prendre/poser");
    pub const PROFILS: Hint = ("↑", "profils");
    pub const QUESTION_SUIVANTE: Hint = ("Entrée", "question suivante");
    pub const QUITTER: Hint = ("q", "quitter");
    pub const QUITTER_ECHAP: Hint = ("Échap", "quitter");
    pub const QUITTER_LE_CAS: Hint = ("q", "quitter le cas");
    pub const QUIZ: Hint = ("Entrée", "quiz");
    pub const RECHERCHER: Hint = ("lettres", "rechercher");
    pub const RECIT: Hint = ("Tab", "récit");
    pub const REFAIRE_LES_ERREURS: Hint = ("r", "refaire les erreurs");
    pub const REGLER: Hint = ("←→", "régler");
    pub const RETOUR: Hint = ("q", "retour");
    pub const RETOUR_ECHAP: Hint = ("Échap", "retour");
    pub const SE_DEPLACER: Hint = ("↑↓", "se déplacer");
    pub const SOMMAIRE: Hint = ("t", "sommaire");
    pub const VALIDER: Hint = ("Entrée", "valider");
    pub const VOIR_LA_REPONSE_MODELE: Hint = ("Entrée", "voir la réponse modèle");
    pub const VRAI: Hint = ("V", "vrai");
}

// --- Statistics and mock exams ---

pub const STATS_TITLE: &str = "Statistiques";
pub const STATS_NO_ANSWER: &str =
    "Aucune réponse pour l’instant : faites un quiz, les statistiques suivront.";
pub const STATS_MASTERY: &str = "Maîtrise par module (questions maîtrisées)";
pub const STATS_NO_MODULE: &str = "Aucun module.";
pub const STATS_ACCURACY: &str = "Réussite par semaine (part des points)";
pub const STATS_LAST_WEEKS: &str = "Dernières semaines :";
pub const STATS_WEAKEST: &str = "Questions les plus fragiles (dernières réponses)";
pub const STATS_NO_WEAK: &str = "Aucune : vos dernières réponses sont toutes justes.";
pub const STATS_NOTHING_YET: &str = "Rien pour l’instant.";
/// Rows of the activity grid, Monday first.
pub const WEEKDAYS: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
/// Months as the activity grid labels its weeks, January first.
pub const MONTHS: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
/// The grid's shades in words, in the order 0, 1–4, 5–9, 10+.
pub const STATS_LEGEND: [&str; 4] = ["0", "1–4", "5–9", "10+ réponses par jour"];

/// « Activité des 12 dernières semaines ».
pub fn stats_activity(weeks: usize) -> String {
    format!("Activité des {weeks} dernières semaines")
}

/// « 84 réponses en 12 semaines, 23 jours actifs, du 15/12/2025 au 08/03/2026 ».
pub fn stats_activity_total(
    answers: u32,
    weeks: usize,
    days: usize,
    from: &str,
    to: &str,
) -> String {
    format!(
        "{} en {weeks} semaines, {}, du {from} au {to}",
        plural(answers as usize, "réponse", "réponses"),
        plural(days, "jour actif", "jours actifs")
    )
}

/// « 124 réponses · 78 % justes · 30/42 questions vues · 12 maîtrisées ».
pub fn stats_overview(
    answers: usize,
    accuracy: f64,
    seen: usize,
    total: usize,
    mastered: usize,
) -> String {
    format!(
        "{} · {} justes · {seen}/{total} questions vues · {}",
        plural(answers, "réponse", "réponses"),
        percent(accuracy),
        plural(mastered, "maîtrisée", "maîtrisées")
    )
}

/// « 5 questions à revoir aujourd’hui ».
pub fn stats_due(n: usize) -> String {
    format!("{} à revoir aujourd’hui", questions(n))
}

/// « stage ou examen dans 5 jours (J-5) ».
pub fn stats_stage(days: i64) -> String {
    match days {
        d if d > 1 => format!("stage ou examen dans {d} jours (J-{d})"),
        1 => "stage ou examen demain (J-1)".to_owned(),
        _ => "stage ou examen aujourd’hui (jour J)".to_owned(),
    }
}

/// « semaine du 23/02 : 72 % sur 18 réponses (12 justes) ».
pub fn stats_week(start: &str, accuracy: Option<f64>, answers: u32, correct: u32) -> String {
    match accuracy {
        Some(a) => format!(
            "semaine du {start} : {} sur {} ({} justes)",
            percent(a),
            plural(answers as usize, "réponse", "réponses"),
            correct
        ),
        None => format!("semaine du {start} : aucune réponse"),
    }
}

/// « 20 % sur 5 réponses ».
pub fn stats_weak(score: f64, answers: usize) -> String {
    format!(
        "{} sur {}",
        percent(score),
        plural(answers, "réponse", "réponses")
    )
}

pub const EXAM_SETUP_TITLE: &str = "Examen blanc — préparation";
pub const EXAM_MODULES: &str = "Modules";
pub const EXAM_SETTINGS: &str = "Réglages";
pub const EXAM_ALL_MODULES: &str = "Tous les modules";
pub const EXAM_QUESTIONS: &str = "Nombre de questions";
pub const EXAM_DURATION: &str = "Durée";
pub const EXAM_UNTIMED: &str = "sans limite";
pub const EXAM_EXTRA_TIME: &str = "Temps supplémentaire";
pub const EXAM_PASS_MARK: &str = "Seuil de réussite";
pub const EXAM_START: &str = "Commencer l’examen (Entrée)";
pub const EXAM_NO_QUESTION: &str = "Cochez au moins un module qui a des questions de quiz.";
pub const EXAM_NO_FEEDBACK: &str = "Pas de correction avant la fin : elle vient avec le résultat.";
pub const EXAM_RESULTS_TITLE: &str = "Résultats de l’examen";
pub const EXAM_PASSED: &str = "✓ Réussi";
pub const EXAM_FAILED: &str = "✗ Non réussi";
pub const EXAM_PER_MODULE: &str = "Par module";
pub const EXAM_QUESTION_LIST: &str = "Questions et explications";
pub const EXAM_RIGHT: &str = "✓ juste";
pub const EXAM_PARTIAL: &str = "◐ en partie";
pub const EXAM_WRONG: &str = "✗ faux";
pub const EXAM_UNANSWERED: &str = "✗ sans réponse";

pub const EXAM_EXTRA_UNUSED: &str = "sans objet : durée sans limite";

/// « 30 min en tout ».
pub fn exam_total_time(secs: u64) -> String {
    let time = if secs.is_multiple_of(60) {
        minutes(secs / 60)
    } else {
        duration(secs.saturating_mul(1000))
    };
    format!("{time} en tout")
}

/// « réussite à partir de 80 % ».
pub fn exam_pass_from(pass_mark: f64) -> String {
    format!("réussite à partir de {}", percent(pass_mark))
}

/// « 20 min ».
pub fn minutes(m: u64) -> String {
    format!("{m} min")
}

/// « ×1,5 ».
pub fn time_factor(factor: f64) -> String {
    format!("×{}", decimal(factor))
}

/// « 12 questions de quiz », said of a module in the exam setup.
pub fn exam_pool(n: usize) -> String {
    format!("{} de quiz", questions(n))
}

/// « 20 questions tirées de 3 modules ».
pub fn exam_draw(questions_drawn: usize, modules: usize) -> String {
    format!(
        "{} tirées de {}",
        questions(questions_drawn),
        plural(modules, "module", "modules")
    )
}

/// « Score : 17/20 (85 %) · seuil de réussite : 80 % ».
pub fn exam_score(score: f64, out_of: usize, ratio: f64, pass_mark: f64) -> String {
    format!(
        "Score : {}/{out_of} ({}) · seuil de réussite : {}",
        decimal(score),
        percent(ratio),
        percent(pass_mark)
    )
}

/// « 2 questions restées sans réponse, comptées fausses. »
pub fn exam_unanswered(n: usize) -> String {
    if n > 1 {
        format!("{n} questions restées sans réponse, comptées fausses.")
    } else {
        format!("{n} question restée sans réponse, comptée fausse.")
    }
}

/// « sur 10 possibles, +/− un par un ».
pub fn exam_questions_note(pool: usize) -> String {
    format!("sur {pool} possibles, +/− un par un")
}

// The path of each module and « Continuer » (home and module screens).

pub const HOME_CONTINUE: &str = "Continuer";
/// What « maîtrisée » means, in the words of `domain::stats::is_mastered`: the last answer
/// right and a memory stable for a week, which takes two right answers a day or more apart.
pub const HOME_MASTERED_LEGEND: &str =
    "maîtrisée : réussie deux fois à un jour d’écart ou plus, dont la dernière";
pub const HOME_MASTERED: &str = "maîtrisées";
pub const PATH_DONE: &str = "✓ parcours fait";
pub const PATH_LESSON_READ: &str = "✓ lue";
pub const PATH_STEP_DONE: &str = "✓ fait";
pub const PATH_LEGEND: &str = "✓ lue : lue jusqu’au bout · ✓ fait : chaque question répondue";

/// « ≈ 6 min », « ≈ 1 h 05 ».
pub fn about_minutes(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("≈ {m} min"),
        (h, 0) => format!("≈ {h} h"),
        (h, m) => format!("≈ {h} h {m:02}"),
    }
}

/// « 3/11 étapes ».
pub fn path_steps(done: usize, len: usize) -> String {
    format!("{done}/{len} {}", if len > 1 { "étapes" } else { "étape" })
}

/// « reste ≈ 45 min ».
pub fn path_left(minutes: u32) -> String {
    format!("reste {}", about_minutes(minutes))
}

/// « Parcours : 3/11 étapes faites · reste ≈ 45 min ».
pub fn path_line(done: usize, len: usize, left: Option<u32>) -> String {
    let left = left.map_or_else(String::new, |m| format!(" · {}", path_left(m)));
    format!("Parcours : {} faites{left}", path_steps(done, len))
}

/// The title of a lesson's quiz, its number first so that a narrow title keeps it:
/// « Leçon 3 · Le secret médical ».
pub fn lesson_quiz_title(module: &str, lesson: usize) -> String {
    format!("Leçon {} · {module}", lesson + 1)
}

/// What « Continuer » does, with the module's title, as one phrase.
pub mod next {
    use crate::words::questions;

    /// « réviser 12 questions ».
    pub fn review(n: usize) -> String {
        format!("réviser {}", questions(n))
    }
    pub const REVIEW_RESUME: &str = "reprendre la révision";

    /// « leçon 3 du module Le secret médical ».
    pub fn lesson(lesson: usize, module: &str) -> String {
        format!("leçon {} du module {module}", lesson + 1)
    }

    /// « quiz de la leçon 3 du module Le secret médical ».
    pub fn lesson_quiz(lesson: usize, module: &str) -> String {
        format!("quiz de la leçon {} du module {module}", lesson + 1)
    }

    /// « quiz du module Le secret médical ».
    pub fn quiz(module: &str) -> String {
        format!("quiz du module {module}")
    }

    /// « cas fictif du module Le secret médical ».
    pub fn case(module: &str) -> String {
        format!("cas fictif du module {module}")
    }

    /// « revoir le module le moins maîtrisé, Le secret médical ».
    pub fn weakest(module: &str) -> String {
        format!("revoir le module le moins maîtrisé, {module}")
    }

    /// « en cours, question 4/39 ».
    pub fn resume_at(position: usize, len: usize) -> String {
        format!(
            "en cours, question {}/{len}",
            position.min(len.saturating_sub(1)) + 1
        )
    }

    /// « reprendre le quiz du module … »: a step whose session was left unfinished.
    pub fn resume(what: &str) -> String {
        format!("reprendre le {what}")
    }

    /// « 5 questions sur « Le partage » ».
    pub fn lesson_quiz_about(n: usize, title: &str) -> String {
        format!("{} sur « {title} »", questions(n))
    }

    /// « 39 questions, dont 12 jamais posées ».
    pub fn quiz_about(total: usize, unanswered: usize) -> String {
        if unanswered == 0 {
            questions(total)
        } else {
            let word = if unanswered > 1 { "posées" } else { "posée" };
            format!("{}, dont {unanswered} jamais {word}", questions(total))
        }
    }

    /// « 3 questions maîtrisées sur 39 ».
    pub fn weakest_about(mastered: usize, total: usize) -> String {
        let word = if mastered > 1 {
            "maîtrisées"
        } else {
            "maîtrisée"
        };
        format!("{} {word} sur {total}", questions(mastered))
    }
}
