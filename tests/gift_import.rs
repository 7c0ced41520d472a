//! GIFT import, feature by feature, on the files of tests/gift/: what Moodle reads, conseil
//! reads the same; what Moodle refuses is refused at the right line and column.

use std::path::{Path, PathBuf};

use conseil::content::diag::Severity;
use conseil::content::gift::{self, ImportOptions, Imported, NO_EXPLANATION, NO_MODEL_ANSWER};
use conseil::content::load::{Document, read_document};
use conseil::domain::content::Module;
use conseil::domain::question::{Answer, NumericAnswer, Question};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/gift")
        .join(name)
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).expect("fixture exists")
}

fn import_with(name: &str, skip_invalid: bool) -> Imported {
    let options = ImportOptions {
        skip_invalid,
        ..ImportOptions::for_file(name)
    };
    gift::import(name, &bytes(name), &options)
}

/// The module of a file that must import cleanly (warnings allowed).
fn module(name: &str) -> Module {
    let imported = import_with(name, false);
    let errors: Vec<String> = imported
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(conseil::content::diag::Diagnostic::headline)
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    imported.module.expect("a module")
}

fn question<'m>(m: &'m Module, id: &str) -> &'m Question {
    m.questions
        .iter()
        .find(|q| q.id() == id)
        .unwrap_or_else(|| panic!("no question {id} in {:?}", ids(m)))
}

fn ids(m: &Module) -> Vec<&str> {
    m.questions.iter().map(Question::id).collect()
}

/// (line, column, message) of every diagnostic of `severity`.
fn positions(imported: &Imported, severity: Severity) -> Vec<(usize, usize, String)> {
    imported
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| (d.line, d.column, d.message.clone()))
        .collect()
}

#[test]
fn choices_single_multiple_and_weights() {
    let m = module("choix.gift");
    assert_eq!(m.id, "choix");
    assert_eq!(m.title, "Arrêt de travail");
    assert_eq!(m.sources.len(), 1);
    assert_eq!(
        (m.sources[0].id.as_str(), m.sources[0].label.as_str()),
        ("gift", "choix.gift")
    );

    let Question::Single(q) = question(&m, "choix.carence") else {
        panic!("single expected")
    };
    assert_eq!(q.correct, [0]);
    assert_eq!(q.choices.len(), 3);
    assert_eq!(
        q.choices[0].feedback.as_deref(),
        Some("Oui : le délai de carence est de trois jours.")
    );
    assert_eq!(q.choices[2].feedback.as_deref(), Some("Non, c’est trop."));
    assert!(
        q.explanation
            .starts_with("Le délai de carence est de trois jours")
    );
    assert_eq!(q.sources, ["gift"]);
    // The file's one category is the module's title, not a tag on every question.
    assert_eq!(m.title, "Arrêt de travail");
    assert!(q.tags.is_empty(), "{:?}", q.tags);

    // `~%50%` in a one-answer question is partial credit; with no general feedback, the
    // right answer's own feedback explains.
    let Question::Single(q) = question(&m, "choix.montant-ij") else {
        panic!("single expected")
    };
    assert_eq!(q.choices[1].weight, Some(50.0));
    assert_eq!(q.choices[2].weight, None);
    assert_eq!(q.explanation, "Exact.");

    // No `=` anywhere: check boxes. +50 % on the two right ones and −100 % on the wrong one
    // is conseil's own shape: scored by mismatches, the −100 % answer inacceptable (ticking
    // it gives 0, in Moodle too).
    let Question::Multiple(q) = question(&m, "choix.sorties") else {
        panic!("multiple expected")
    };
    assert_eq!(q.correct, [0, 1]);
    assert!(q.choices.iter().all(|c| c.weight.is_none()));
    let flags: Vec<(bool, bool)> = q
        .choices
        .iter()
        .map(|c| (c.indispensable, c.inacceptable))
        .collect();
    assert_eq!(flags, [(false, false), (false, false), (false, true)]);

    // ±100/n on every choice is conseil's own scoring: the weights stay implicit.
    let Question::Multiple(q) = question(&m, "choix.ij-at") else {
        panic!("multiple expected")
    };
    assert_eq!(q.correct, [0, 1]);
    assert!(q.choices.iter().all(|c| c.weight.is_none()));
    assert_eq!(q.explanation, NO_EXPLANATION);

    // Check boxes even with a single `~%100%`.
    let Question::Multiple(q) = question(&m, "choix.un-seul-cochable") else {
        panic!("multiple expected")
    };
    assert_eq!(q.correct, [0]);
    assert_eq!(q.choices[0].weight, Some(100.0));
}

#[test]
fn true_false_with_both_feedbacks() {
    let m = module("vrai_faux.gift");
    let tf = |id: &str| match question(&m, id) {
        Question::TrueFalse(q) => q.clone(),
        other => panic!("true_false expected, got {}", other.kind_name()),
    };
    // `{F#wrong#right}`: « vrai » is the wrong answer here.
    let q = tf("vrai-faux.volet-employeur");
    assert!(!q.answer);
    assert_eq!(
        q.feedback_true.as_deref(),
        Some("Non : il figure seulement sur le volet du service médical.")
    );
    assert_eq!(q.feedback_false.as_deref(), Some("Exact."));
    assert_eq!(
        q.explanation,
        "Le motif médical figure uniquement sur le volet destiné au service médical."
    );
    let q = tf("vrai-faux.carence-ald");
    assert!(q.answer);
    assert_eq!(
        q.feedback_false.as_deref(),
        Some("Si : seul le premier arrêt subit la carence.")
    );
    assert_eq!(
        q.explanation,
        "Oui : seul le premier arrêt subit la carence."
    );
    let q = tf("vrai-faux.hors-ald-un-assure-peut-percevoir-au-plus-360");
    assert!(q.answer && q.feedback_true.is_none() && q.feedback_false.is_none());
    assert_eq!(q.explanation, NO_EXPLANATION);
    // `{FALSE##right}`: no feedback for the wrong answer.
    let q = tf("vrai-faux.le-jour-de-l-accident-du-travail-est-paye-par");
    assert!(!q.answer);
    assert_eq!(q.feedback_true, None);
    assert_eq!(
        q.feedback_false.as_deref(),
        Some("Exact : c’est l’employeur qui le paie.")
    );
}

#[test]
fn short_answers_with_weights_and_the_bare_form() {
    let imported = import_with("reponse_courte.gift", false);
    // Moodle's `*` wildcard is not conseil's: said, not refused.
    let warnings = positions(&imported, Severity::Warning);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!((warnings[0].0, warnings[0].1), (11, 109));
    assert!(warnings[0].2.contains("joker"));

    let m = imported.module.expect("a module");
    let Question::Short(q) = question(&m, "reponse-courte.elsm") else {
        panic!("short expected")
    };
    assert_eq!(
        q.accepted,
        [
            Answer {
                text: "Échelon local du service médical".into(),
                weight: None,
                feedback: Some("Exact.".into())
            },
            Answer {
                text: "Échelon local".into(),
                weight: Some(50.0),
                feedback: Some("Incomplet : du service médical.".into())
            },
            Answer {
                text: "Échelon départemental".into(),
                weight: Some(0.0),
                feedback: Some("Non.".into())
            },
        ]
    );
    assert_eq!(q.explanation, "Exact.");
    let Question::Short(q) = question(&m, "reponse-courte.drsm") else {
        panic!("short expected")
    };
    assert_eq!(q.accepted.len(), 2);
    // `{CMRA}`: an answer with no `=` is a short answer too.
    let Question::Short(q) = question(
        &m,
        "reponse-courte.quelle-commission-examine-la-contestation-d-un",
    ) else {
        panic!("short expected")
    };
    assert_eq!(q.accepted, [Answer::new("CMRA")]);
}

#[test]
fn matching_with_distractors() {
    let m = module("appariement.gift");
    for id in ["appariement.sigles", "appariement.taux-ij-at"] {
        let Question::Match(q) = question(&m, id) else {
            panic!("match expected")
        };
        assert!(q.pairs.len() >= 2);
        assert_eq!(q.distractors.len(), 1, "{id}");
    }
    let Question::Match(q) = question(&m, "appariement.sigles") else {
        panic!("match expected")
    };
    assert_eq!(q.pairs[0].left, "ELSM");
    assert_eq!(q.pairs[0].right, "Échelon local du service médical");
    assert_eq!(q.distractors, ["Caisse nationale d’assurance vieillesse"]);
    assert_eq!(
        q.explanation,
        "Développements donnés par le diaporama du stage."
    );
}

#[test]
fn numerical_forms() {
    let m = module("numerique.gift");
    let answers = |id: &str| match question(&m, id) {
        Question::Numeric(q) => q.clone(),
        other => panic!("numeric expected, got {}", other.kind_name()),
    };
    let value = |v: f64, tolerance: Option<f64>| NumericAnswer {
        value: Some(v),
        tolerance,
        ..NumericAnswer::default()
    };
    assert_eq!(answers("numerique.carence").answers, [value(3.0, None)]);
    let q = answers("numerique.reserves");
    assert_eq!(q.answers[0].value, Some(10.0));
    assert_eq!(q.answers[0].tolerance, Some(0.0));
    assert_eq!(
        q.answers[0].feedback.as_deref(),
        Some("Exact : 10 jours francs.")
    );
    let q = answers("numerique.capital");
    assert_eq!((q.answers[0].min, q.answers[0].max), (Some(1.0), Some(9.0)));
    // Several weighted answers and the catch-all.
    let q = answers("numerique.taux-ij-at");
    assert_eq!(q.answers.len(), 2);
    assert_eq!(q.answers[1].weight, Some(50.0));
    assert_eq!(
        q.feedback_other.as_deref(),
        Some("Relisez les taux des IJ AT/MP.")
    );
    assert_eq!(
        q.explanation,
        "60 % du 1er au 28e jour, puis 80 % à partir du 29e jour."
    );
    let q = answers("numerique.delai-caisse");
    assert_eq!(q.answers[0].value, Some(30.0));
    assert_eq!(q.answers[1].value, Some(60.0));
    assert_eq!(q.answers[1].weight, Some(50.0));
}

#[test]
fn essays_become_open_questions() {
    let m = module("redaction.gift");
    let open = |id: &str| match question(&m, id) {
        Question::Open(q) => q.clone(),
        other => panic!("open expected, got {}", other.kind_name()),
    };
    // Nothing is made up: an essay without feedback says so.
    let q = open("redaction.employeur");
    assert_eq!(q.explanation, NO_EXPLANATION);
    assert_eq!(q.model_answer, NO_MODEL_ANSWER);
    let q = open("redaction.conclusions");
    assert!(
        q.explanation
            .starts_with("Ses conclusions sur le plan administratif")
    );
    assert_eq!(q.model_answer, NO_MODEL_ANSWER);
    // The model answer and checklist as conseil's export writes them.
    let q = open("redaction.refus");
    assert_eq!(
        q.explanation,
        "Le motif médical ne figure que sur le volet destiné au service médical."
    );
    assert_eq!(
        q.model_answer,
        "Je refuse de le communiquer, au nom du secret médical."
    );
    assert_eq!(q.checklist, ["refus", "secret médical"]);
}

#[test]
fn descriptions_become_lessons() {
    let m = module("description.gift");
    assert_eq!(m.lessons.len(), 2);
    assert_eq!(m.lessons[0].id, "description.le-delai-de-carence");
    assert_eq!(m.lessons[0].title, "Le délai de carence");
    assert!(
        m.lessons[0]
            .body
            .contains("**délai de carence de trois jours**.\n\nEn ALD")
    );
    // No title: the start of the text names the lesson.
    assert!(m.lessons[1].title.starts_with("Une lésion nouvelle"));
    assert_eq!(m.lessons[1].sources, ["gift"]);
    assert_eq!(ids(&m), ["description.rechute"]);
}

#[test]
fn missing_word_form() {
    let m = module("mot_manquant.gift");
    assert_eq!(
        question(&m, "mot-manquant.carence").prompt(),
        "L’IJ maladie est versée après un délai de carence de _____ jours."
    );
    assert_eq!(
        question(&m, "mot-manquant.fin-ij").prompt(),
        "Les IJ AT/MP cessent à la guérison, au décès ou à la _____."
    );
    // Answers that end the text leave no blank.
    assert_eq!(
        question(&m, "mot-manquant.pas-un-blanc").prompt(),
        "Le délai de carence en maladie est de trois jours."
    );
}

#[test]
fn titles_comments_ids_and_tags() {
    let imported = import_with("titres_commentaires.gift", false);
    let warnings = positions(&imported, Severity::Warning);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!((warnings[0].0, warnings[0].1), (23, 4));
    let m = imported.module.expect("a module");
    assert_eq!(
        ids(&m),
        [
            // `[id:…]` wins; then the title's slug, made unique.
            "carence-maladie",
            "titres-commentaires.carence",
            "titres-commentaires.carence-2",
            // No title: the text's slug.
            "titres-commentaires.les-regles-des-arrets-de-travail-sont",
            "titres-commentaires.milieu",
            "Avec-des-espaces",
        ]
    );
    assert_eq!(
        question(&m, "carence-maladie").tags(),
        ["arrêt de travail", "indemnités journalières"]
    );
    // A `//` inside a line is text (a web address), not a comment.
    assert_eq!(
        question(
            &m,
            "titres-commentaires.les-regles-des-arrets-de-travail-sont"
        )
        .prompt(),
        "Les règles des arrêts de travail sont expliquées sur https://www.ameli.fr."
    );
    // A comment among the answers is blanked out.
    let Question::Multiple(q) = question(&m, "titres-commentaires.milieu") else {
        panic!("multiple expected")
    };
    assert_eq!(q.choices.len(), 3);
    assert_eq!(q.choices[0].text, "60 %");
}

#[test]
fn categories_give_the_title_and_tags() {
    let m = module("categories.gift");
    assert_eq!(m.title, "Prestations / Arrêt de travail");
    assert_eq!(
        question(&m, "categories.carence").tags(),
        ["Prestations / Arrêt de travail"]
    );
    // A tag equal to the category is not repeated.
    assert_eq!(
        question(&m, "categories.categories").tags(),
        ["Prestations / Invalidité"]
    );
    // `//` is a slash, not a level.
    assert_eq!(
        question(&m, "categories.consolidation").tags(),
        ["Prestations/AT-MP"]
    );
}

#[test]
fn format_prefixes() {
    let m = module("formats.gift");
    let Question::TrueFalse(q) = question(&m, "formats.html") else {
        panic!("true_false expected")
    };
    assert_eq!(
        q.prompt,
        "Le délai de carence est de trois\u{a0}jours.\n\nVrai ou faux ?"
    );
    // The question's format is the default of its feedback.
    assert_eq!(q.feedback_false.as_deref(), Some("Non & relisez la règle."));
    let q = question(&m, "formats.markdown");
    assert_eq!(q.prompt(), "Le délai de carence est de **trois jours**.");
    assert_eq!(q.explanation(), "Voir la règle du *délai de carence*.");
    assert_eq!(
        question(&m, "formats.plain").prompt(),
        "Un taux d’IP <10 % donne droit à une rente."
    );
    assert_eq!(
        question(&m, "formats.moodle").prompt(),
        "Les IJ AT/MP valent :\n60 % du 1er au 28e jour,\npuis 80 %."
    );
    // No prefix is Moodle's auto-format: HTML allowed.
    assert_eq!(
        question(&m, "formats.par-defaut").prompt(),
        "L’IJ maladie vaut 50 % du salaire journalier de base « en maladie »."
    );
    assert_eq!(
        question(&m, "formats.inconnu").prompt(),
        "[note] Les IJ AT/MP sont versées dès le lendemain de l’accident."
    );
    let Question::Single(q) = question(&m, "formats.choix-html") else {
        panic!("single expected")
    };
    assert_eq!(q.prompt, "Quel taux d’IJ AT/MP du 1er au 28e jour ?");
    let texts: Vec<&str> = q.choices.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["60 %", "80 %", "**50 %**"]);
    assert_eq!(q.choices[0].feedback.as_deref(), Some("Oui"));
}

#[test]
fn every_escape() {
    let m = module("echappements.gift");
    let Question::Single(q) = &m.questions[0] else {
        panic!("single expected")
    };
    assert_eq!(q.id, "echappements.echappements-gift");
    assert_eq!(
        q.prompt,
        "Dans un fichier GIFT, quel signe marque une mauvaise réponse : ~, = ou # ? \
         (Une accolade s’écrit { ou }, une barre \\, un \\n littéral ;\nretour à la ligne.)"
    );
    let texts: Vec<(&str, Option<&str>)> = q
        .choices
        .iter()
        .map(|c| (c.text.as_str(), c.feedback.as_deref()))
        .collect();
    assert_eq!(
        texts,
        [
            (
                "Le tilde ~",
                Some("Oui : ~ introduit une mauvaise réponse.")
            ),
            ("Le signe égal =", Some("Non : = marque la bonne réponse.")),
            ("Le dièse #", Some("Non : # introduit une rétroaction.")),
        ]
    );
    assert_eq!(q.correct, [0]);
}

#[test]
fn line_endings_and_bom() {
    // The fixtures hold what their names say (an editor or git must not have changed them).
    let crlf = bytes("fins_crlf.gift");
    assert!(crlf.windows(2).any(|w| w == b"\r\n"));
    let cr = bytes("fins_cr.gift");
    assert!(cr.contains(&b'\r') && !cr.contains(&b'\n'));
    assert!(bytes("bom.gift").starts_with(b"\xEF\xBB\xBF"));

    let reference = module("bom.gift");
    for name in ["fins_crlf.gift", "fins_cr.gift"] {
        let m = module(name);
        assert_eq!(m.questions.len(), 2, "{name}");
        for (a, b) in m.questions.iter().zip(&reference.questions) {
            assert_eq!(a.prompt(), b.prompt(), "{name}");
            assert_eq!(a.kind_name(), b.kind_name(), "{name}");
        }
        let Question::Single(q) = &m.questions[1] else {
            panic!("single expected")
        };
        assert_eq!(q.choices[0].text, "50 %", "{name}: no CR left in the text");
    }
    // In a CR-only file, lines are counted on CRs.
    let imported = import_with("erreur_fins_cr.gift", false);
    let errors = positions(&imported, Severity::Error);
    assert_eq!((errors[0].0, errors[0].1), (4, 20), "{errors:?}");
}

#[test]
fn php_trim_keeps_no_break_spaces() {
    let imported = import_with("espace_insecable.gift", false);
    let m = imported.module.clone().expect("a module");
    // A line holding only a no-break space is not blank: the first two questions are one
    // block, as in Moodle, and the second brace pair stays in the text (with a warning).
    assert_eq!(m.questions.len(), 2);
    assert!(m.questions[0].prompt().contains("\n\u{a0}\n::Deux::"));
    let warnings = positions(&imported, Severity::Warning);
    assert_eq!((warnings[0].0, warnings[0].1), (3, 67), "{warnings:?}");
    let Question::Short(q) = &m.questions[1] else {
        panic!("short expected")
    };
    assert_eq!(q.accepted[0].text, "\u{a0}CMRA\u{a0}");
}

#[test]
fn every_weight_of_moodle_list() {
    let m = module("poids.gift");
    let Question::Multiple(q) = &m.questions[0] else {
        panic!("multiple expected")
    };
    assert_eq!(q.choices.len(), 43);
    assert_eq!(q.choices[4].weight, Some(83.33333));
    assert_eq!(q.choices[5].weight, Some(-83.33333));
    assert_eq!(q.choices[42].weight, Some(83.3333));
}

#[test]
fn refused_files_point_at_moodle_reason() {
    // (file, line, column, part of the message)
    let cases: &[(&str, usize, usize, &str)] = &[
        (
            "erreur_accolade.gift",
            4,
            41,
            "accolade « { » sans accolade fermante",
        ),
        (
            "erreur_accolade_fermante.gift",
            1,
            42,
            "accolade « } » sans accolade ouvrante",
        ),
        ("erreur_reponses.gift", 1, 57, "pas assez de réponses"),
        ("erreur_poids.gift", 2, 2, "poids de 33 % refusé par Moodle"),
        ("erreur_courte.gift", 1, 37, "aucune réponse ne vaut 100 %"),
        (
            "erreur_tolerance.gift",
            1,
            77,
            "la tolérance « cinq » n’est pas un nombre",
        ),
        (
            "erreur_tolerance.gift",
            3,
            50,
            "la valeur « 50,0 » n’est pas un nombre",
        ),
        (
            "erreur_numerique_vide.gift",
            1,
            49,
            "question numérique sans réponse",
        ),
        (
            "erreur_utf8.gift",
            1,
            14,
            "pas en UTF-8 valide (octet 0xE9)",
        ),
        ("erreur_vide.gift", 1, 1, "aucune question dans ce fichier"),
        ("erreur_appariement.gift", 3, 2, "sans « -> »"),
        ("erreur_appariement.gift", 1, 53, "pas assez de paires"),
        (
            "erreur_categorie.gift",
            2,
            1,
            "« $CATEGORY: » doit être seul",
        ),
        (
            "erreur_id_double.gift",
            4,
            4,
            "[id:carence] déjà donné ligne 1",
        ),
        (
            "erreur_donnees.gift",
            1,
            22,
            "« jean.dupont@exemple.fr » ressemble à une adresse",
        ),
    ];
    for &(file, line, column, message) in cases {
        let imported = import_with(file, false);
        assert!(imported.module.is_none(), "{file}: nothing is imported");
        let errors = positions(&imported, Severity::Error);
        assert!(
            errors
                .iter()
                .any(|(l, c, m)| (*l, *c) == (line, column) && m.contains(message)),
            "{file}: expected {line}:{column} « {message} », got {errors:#?}"
        );
        // The headline is what terminals and editors link to.
        let d = &imported.diagnostics[0];
        assert!(
            d.headline()
                .starts_with(&format!("{file}:{}:{}: ", d.line, d.column))
        );
    }
}

#[test]
fn weights_off_the_list_are_each_reported() {
    let errors = positions(&import_with("erreur_poids.gift", false), Severity::Error);
    let at: Vec<(usize, usize)> = errors.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(at, [(2, 2), (3, 2), (4, 2)]);
}

#[test]
fn fictive_values_are_let_through() {
    let errors = positions(&import_with("erreur_donnees.gift", false), Severity::Error);
    // Only the real-looking address: the one listed in `[fictive_ok:…]` passes.
    assert_eq!(errors.len(), 1, "{errors:?}");
}

#[test]
fn skip_invalid_imports_the_rest_and_still_reports() {
    let strict = import_with("melange.gift", false);
    assert!(strict.module.is_none());
    let lenient = import_with("melange.gift", true);
    assert_eq!(lenient.skipped, 2);
    assert_eq!(positions(&lenient, Severity::Error).len(), 3);
    let m = lenient.module.expect("the valid questions");
    assert_eq!(ids(&m), ["melange.bon-1", "melange.bon-2", "melange.bon-3"]);
    assert!(m.summary.contains("2 blocs non importés"), "{}", m.summary);
}

#[test]
fn content_folders_read_gift_files_as_modules() {
    let report = read_document("dossier/numerique.gift", &bytes("numerique.gift"));
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    let Some(Document::Module(m)) = report.document else {
        panic!("a module expected")
    };
    assert_eq!(m.id, "numerique");
    assert_eq!(m.questions.len(), 5);
    let report = read_document(
        "dossier/erreur_accolade.gift",
        &bytes("erreur_accolade.gift"),
    );
    assert!(report.has_errors() && report.document.is_none());
    assert_eq!(report.diagnostics[0].line, 4);
}

#[test]
fn module_ids_come_from_the_file_or_the_option() {
    assert_eq!(
        gift::module_id_for("Secret médical (v2).gift"),
        "secret-medical-v2"
    );
    assert!(gift::is_module_id("secret-medical_2"));
    assert!(!gift::is_module_id("secret médical"));
    assert!(!gift::is_module_id(""));
    let options = ImportOptions {
        module_id: "autre".into(),
        skip_invalid: false,
    };
    let imported = gift::import("numerique.gift", &bytes("numerique.gift"), &options);
    let m = imported.module.expect("a module");
    assert_eq!(m.id, "autre");
    assert!(m.questions.iter().all(|q| q.id().starts_with("autre.")));
}

#[test]
fn empty_and_odd_inputs_are_refused_calmly() {
    for input in [
        &b""[..],
        b"\xEF\xBB\xBF",
        b"\n\n\r\n",
        b"// seul",
        b"$CATEGORY: x",
    ] {
        let imported = gift::import("x.gift", input, &ImportOptions::for_file("x.gift"));
        assert!(imported.module.is_none());
        assert!(imported.has_errors(), "{input:?}");
    }
}

#[test]
fn an_image_is_said_missing_at_import_and_on_the_question() {
    let imported = import_with("image.gift", false);
    let warnings = positions(&imported, Severity::Warning);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!((warnings[0].0, warnings[0].1), (1, 10), "{warnings:#?}");
    assert!(warnings[0].2.contains("image non reprise"), "{warnings:#?}");
    let m = imported.module.expect("imports");
    let radio = question(&m, "image.radio");
    assert!(
        radio
            .prompt()
            .contains("Que montre ce cliché ? [image non reprise]"),
        "{}",
        radio.prompt()
    );
    assert!(!question(&m, "image.texte").prompt().contains("[image"));
}

/// Moodle's percentages on check boxes, as conseil scores them, and the flags conseil writes
/// in comments.
#[test]
fn check_box_weights_and_flags() {
    let text = "\
::Standard::Que faites-vous ?{
~%33.33333%a
~%33.33333%b
~%33.33333%c
~%-33.33333%d
~%-100%e
}

// [indispensable:2] [inacceptable:1]
::Un seul::Que faites-vous ?{
~%-100%non
~%100%oui
~%-100%bof
}

::Moodle::Que faites-vous ?{
~%70%a
~%30%b
~%-100%c
}

// [indispensable:9] [inacceptable:x]
::Hors rang::Que faites-vous ?{
~%50%a
~%50%b
~%-50%c
}
";
    let imported = gift::import(
        "f.gift",
        text.as_bytes(),
        &ImportOptions::for_file("f.gift"),
    );
    let warnings = positions(&imported, Severity::Warning);
    assert_eq!(
        warnings
            .iter()
            .map(|(l, c, m)| (*l, *c, m.as_str()))
            .collect::<Vec<_>>(),
        [
            (
                22,
                4,
                "[indispensable:9] ne désigne aucune réponse de cette question : commentaire ignoré"
            ),
            (
                22,
                22,
                "[inacceptable:x] ne désigne aucune réponse de cette question : commentaire ignoré"
            )
        ]
    );
    assert!(
        imported
            .diagnostics
            .iter()
            .all(|d| d.code.as_str() == "gift-flag")
    );
    let m = imported.module.expect("a module");
    let shape = |i: usize| {
        let (Question::Multiple(q) | Question::Single(q)) = &m.questions[i] else {
            panic!("choices expected")
        };
        q.choices
            .iter()
            .map(|c| (c.weight, c.indispensable, c.inacceptable))
            .collect::<Vec<_>>()
    };
    // ±100/n: scored by mismatches, −100 % inacceptable.
    let plain = (None, false, false);
    assert_eq!(shape(0), [plain, plain, plain, plain, (None, false, true)]);
    // One right answer: −100 % is −100/n, an ordinary wrong one, unless a comment says so.
    assert_eq!(shape(1), [(None, false, true), (None, true, false), plain]);
    // Unequal shares: Moodle's weights, added up as in Moodle.
    assert_eq!(
        shape(2),
        [
            (Some(70.0), false, false),
            (Some(30.0), false, false),
            (Some(-100.0), false, false)
        ]
    );
    assert_eq!(shape(3), [plain, plain, plain]);
}
