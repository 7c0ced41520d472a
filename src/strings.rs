//! Every French text of the full-screen interface, in one place, so that wording stays
//! consistent and a second language would be a table rather than a hunt.

pub const APP_NAME: &str = "conseil";
pub const APP_TAGLINE: &str = "Compagnon de formation du Service médical de l’Assurance Maladie";

/// The three-line first-run welcome of the home screen.
pub const WELCOME: [&str; 3] = [
    "Bienvenue ! conseil prépare au stage en ELSM et à la formation initiale (FIPC).",
    "Chaque module : des leçons, un quiz corrigé et sourcé, parfois des cas fictifs.",
    "↑↓ choisir · Entrée ouvrir · ? aide · q revenir ou quitter",
];

pub const HOME_MODULES: &str = "Modules";
pub const HOME_TOOLS: &str = "Outils";
pub const HOME_GLOSSARY: &str = "Glossaire des sigles";
pub const HOME_HELP: &str = "Aide et raccourcis";
pub const HOME_RESUME: &str = "Reprendre";
pub const EXAM: &str = "Examen blanc";
pub const SAVE_FAILED: &str = "Progression non enregistrée :";
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

pub const MODULE_LESSON: &str = "Leçon";
pub const MODULE_QUIZ: &str = "Quiz du module";
pub const MODULE_CASES: &str = "Cas fictifs";
pub const CASE_FICTIVE: &str = "Cas fictif";

pub const LESSON_SOURCES: &str = "Sources";
pub const LESSON_CONTENTS: &str = "Sommaire";

pub const QUIZ_CORRECT: &str = "✓ Correct";
pub const QUIZ_INCORRECT: &str = "✗ Incorrect";
pub const QUIZ_PARTIAL: &str = "◐ Partiellement correct";
pub const QUIZ_RIGHT_ANSWER: &str = "Bonne réponse";
pub const QUIZ_EXPLANATION: &str = "Explication";
pub const QUIZ_SOURCES: &str = "Sources";
pub const QUIZ_YOUR_ANSWER: &str = "Votre réponse";
pub const QUIZ_TRUE: &str = "Vrai";
pub const QUIZ_FALSE: &str = "Faux";
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

/// « 66 % (à 1 près) ».
pub fn value_within(value: f64, tolerance: f64, unit: &str) -> String {
    format!("{}{unit} (à {} près)", number(value), number(tolerance))
}

/// « entre 3 et 5 jours ».
pub fn between(low: f64, high: f64, unit: &str) -> String {
    format!("entre {} et {}{unit}", number(low), number(high))
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

/// « 12 questions », with French agreement.
pub fn questions(n: usize) -> String {
    plural(n, "question", "questions")
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n > 1 {
        format!("{n} {many}")
    } else {
        format!("{n} {one}")
    }
}

/// « Question 3/12 ».
pub fn question_position(position: usize, total: usize) -> String {
    format!("Question {}/{total}", position + 1)
}

/// « Score : 2,5/3 ».
pub fn score(score: f64, answered: usize) -> String {
    format!("Score : {}/{answered}", decimal(score))
}

/// A number with a French decimal comma and no useless zero: 2 → « 2 », 2.5 → « 2,5 ».
pub fn decimal(x: f64) -> String {
    // Adding 0.0 turns -0.0 (an empty float sum) into 0.0.
    let rounded = (x * 100.0).round() / 100.0 + 0.0;
    let text = if rounded.fract().abs() < 1e-9 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.2}").trim_end_matches('0').to_owned()
    };
    text.replace('.', ",")
}

/// « 83 % ».
pub fn percent(ratio: f64) -> String {
    format!("{} %", (ratio * 100.0).round())
}

/// « 1 min 05 s » or « 42 s ».
pub fn duration(ms: u64) -> String {
    let s = ms / 1000;
    if s >= 60 {
        format!("{} min {:02} s", s / 60, s % 60)
    } else {
        format!("{s} s")
    }
}

/// « entre 3 et 5 » / « 15 000 » with thousands grouped the French way.
pub fn number(x: f64) -> String {
    let text = decimal(x);
    let (int, frac) = text.split_once(',').unwrap_or((&text, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// Keys and what they do, for the footer and the help overlay of every screen.
pub mod keys {
    use crate::widgets::Hint;

    pub const ACCUEIL: Hint = ("Entrée", "accueil");
    pub const AIDE: Hint = ("?", "aide");
    pub const ASSOCIER: Hint = ("A-F", "associer");
    pub const AUX_QUESTIONS: Hint = ("Entrée", "aux questions");
    pub const A_REVOIR: Hint = ("3", "à revoir");
    pub const CHOISIR: Hint = ("↑↓", "choisir");
    pub const CHOISIR_LETTRE: Hint = ("A-E ou ↑↓", "choisir");
    pub const CHOISIR_VF: Hint = ("←→ Entrée", "choisir");
    pub const COCHER: Hint = ("A-E ou Espace", "cocher");
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
    pub const LECONS: Hint = ("←→", "leçons");
    pub const NOM_DU_PROFIL: Hint = ("lettres", "nom du profil");
    pub const OUVRIR: Hint = ("Entrée", "ouvrir");
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
    pub const RETOUR: Hint = ("q", "retour");
    pub const RETOUR_ECHAP: Hint = ("Échap", "retour");
    pub const SE_DEPLACER: Hint = ("↑↓", "se déplacer");
    pub const SOMMAIRE: Hint = ("t", "sommaire");
    pub const VALIDER: Hint = ("Entrée", "valider");
    pub const VOIR_LA_REPONSE_MODELE: Hint = ("Entrée", "voir la réponse modèle");
    pub const VRAI: Hint = ("V", "vrai");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers() {
        assert_eq!(decimal(2.0), "2");
        assert_eq!(decimal(2.5), "2,5");
        assert_eq!(decimal(0.3333), "0,33");
        assert_eq!(decimal(-0.0), "0");
        assert_eq!(number(15000.0), "15\u{202f}000");
        assert_eq!(number(-1234567.5), "-1\u{202f}234\u{202f}567,5");
        assert_eq!(number(66.0), "66");
        assert_eq!(percent(0.8333), "83 %");
        assert_eq!(questions(1), "1 question");
        assert_eq!(questions(0), "0 question");
        assert_eq!(questions(12), "12 questions");
        assert_eq!(duration(65_000), "1 min 05 s");
        assert_eq!(duration(4_200), "4 s");
    }
}
