//! Plain mode as a screen reader user or a script drives it: the real binary, answers on
//! standard input, the fictive module of `tests/fixtures/plain/`, a data dir of its own.
//!
//! The answers are worked out from the seed the way conseil shows the options: the session's
//! seed drives every shuffle (`QuizSession::permutation`, salted 1 for choices, 2 for steps,
//! 3 for the right-hand options of a match), so a scripted answer is right whatever the order.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use assert_cmd::Command;
use conseil::content::load::Catalog;
use conseil::domain::exam::ExamConfig;
use conseil::domain::layout::label;
use conseil::domain::progress::Progress;
use conseil::domain::question::{Response, Verdict};
use conseil::domain::session::{AnswerRecord, QuizSession, SessionKind};
use conseil::store::profiles::DataDir;
use conseil::study::practice::{self, Seeds};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

mod support;

const MODULE: &str = "essai-texte";
const SEED: u64 = 7;

/// The seed of the first session of a run with `--seed SEED`: the study layer's, the same in
/// both front ends.
fn first_seed() -> u64 {
    Seeds::new(Some(SEED)).next_seed()
}
/// The module's quiz, in content order.
const QUIZ: [&str; 8] = [
    "texte.single",
    "texte.multiple",
    "texte.vf",
    "texte.court",
    "texte.nombre",
    "texte.ordre",
    "texte.assoc",
    "texte.libre",
];
const CASE: [&str; 2] = ["texte.cas.motif", "texte.cas.suite"];

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plain")
}

/// conseil on `data`, with the fixture module. TERM is a real terminal's: plain mode must be
/// chosen because standard input and output are pipes.
fn conseil(data: &Path) -> Command {
    let mut cmd = support::conseil();
    cmd.env("TERM", "xterm-256color")
        .arg("--data-dir")
        .arg(data)
        .arg("--content")
        .arg(fixture());
    cmd
}

/// Runs conseil with `args` and `stdin`; checks that no ESC byte came out, anywhere.
fn run(data: &Path, args: &[&str], stdin: &str) -> Output {
    let output = conseil(data)
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("runs");
    assert!(
        !output.stdout.contains(&0x1b) && !output.stderr.contains(&0x1b),
        "an escape sequence came out: {output:?}"
    );
    output
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

/// The profile as conseil reads it, its quizzes kept by seed drawn again from the fixture.
fn progress(data: &Path) -> Progress {
    let mut progress = DataDir::at(data, &support::clock())
        .open_read_only("défaut")
        .expect("reads the profile")
        .progress;
    conseil::study::practice::draw_sessions(&mut progress, &Catalog::load(&[fixture()]));
    progress
}

/// The session conseil starts for the module's quiz with `--seed SEED`.
fn quiz_session() -> QuizSession {
    QuizSession::shuffled(
        SessionKind::Module {
            module_id: MODULE.into(),
        },
        QUIZ.iter().map(|id| (*id).to_owned()).collect(),
        first_seed(),
        Timestamp::UNIX_EPOCH,
    )
}

fn letter(display: usize) -> String {
    label(display)
}

/// Where content item `content` is shown among `n` shuffled with `salt` at `position`.
fn shown(session: &QuizSession, position: usize, salt: u64, n: usize, content: usize) -> usize {
    let mut order = session.permutation(position, salt, n);
    // Steps are never shown already in order.
    if salt == 2 && order.windows(2).all(|w| w[0] < w[1]) {
        order.reverse();
    }
    order
        .iter()
        .position(|&i| i == content)
        .expect("a permutation")
}

/// The right answer to the question `id` asked at `position`, as typed.
fn right(session: &QuizSession, position: usize, id: &str) -> String {
    let choice = |content| letter(shown(session, position, 1, 4, content));
    match id {
        "texte.single" => choice(0).clone(),
        "texte.multiple" => format!("{}, {}", choice(1), choice(0)),
        "texte.vf" | "texte.cas.motif" => "faux".into(),
        "texte.court" => "echelon local du service medical".into(),
        "texte.nombre" => "15 000".into(),
        "texte.ordre" => (0..4)
            .map(|i| (shown(session, position, 2, 4, i) + 1).to_string())
            .collect::<Vec<_>>()
            .join(" "),
        "texte.assoc" => (0..3)
            .map(|i| format!("{}{}", i + 1, letter(shown(session, position, 3, 4, i))))
            .collect::<Vec<_>>()
            .join(" "),
        // The text, an empty line to end it, both key points ticked, then Entrée takes the
        // grade they propose, « juste » (the script adds the last line end).
        "texte.libre" => "Je refuse : c’est couvert par le secret.\n\n1 2\n".into(),
        "texte.cas.suite" => letter(shown(session, position, 1, 2, 0)).clone(),
        other => panic!("no answer for {other}"),
    }
}

/// A line conseil cannot read as an answer to `id`, and the hint it gives then.
fn not_understood(id: &str) -> (&'static str, &'static str) {
    match id {
        "texte.single" => (
            "Z",
            "Réponse non comprise : tapez une lettre de A à D, ou un numéro.",
        ),
        "texte.multiple" => (
            "A Z",
            "Réponse non comprise : tapez une ou plusieurs lettres",
        ),
        "texte.vf" => (
            "peut-être",
            "Réponse non comprise : tapez v (vrai) ou f (faux).",
        ),
        "texte.court" => ("   ", "Réponse vide : tapez votre réponse."),
        "texte.nombre" => ("quinze mille", "Ce n’est pas un nombre"),
        "texte.ordre" => (
            "1 1 2",
            "Réponse non comprise : tapez les numéros de 1 à 4, chacun une fois",
        ),
        "texte.assoc" => ("1Z 2A", "Réponse non comprise : associez chaque numéro"),
        "texte.libre" => ("", "Réponse vide : tapez votre réponse, même courte."),
        other => panic!("no wrong input for {other}"),
    }
}

/// The script answering the quiz right from `from` to `to` (positions), each answer preceded
/// by a line that is not understood when `wrong_first`.
fn script(session: &QuizSession, from: usize, to: usize, wrong_first: bool) -> String {
    let mut typed = String::new();
    for (position, id) in session.question_ids.iter().enumerate().take(to).skip(from) {
        if wrong_first {
            typed.push_str(not_understood(id).0);
            typed.push('\n');
        }
        let answer = right(session, position, id);
        // An open answer runs over lines up to a lone « . » (or an empty line); its key
        // points and its grade are asked again too when not understood.
        if wrong_first && id == "texte.libre" {
            typed.push_str("Je refuse.\nC’est couvert par le secret.\n.\n3\n1 2\n9\n1\n");
        } else {
            typed.push_str(&answer);
            typed.push('\n');
        }
    }
    typed
}

/// The right answers to the questions of `session` before `question`.
fn script_up_to(session: &QuizSession, question: &str) -> String {
    let at = session
        .question_ids
        .iter()
        .position(|id| id == question)
        .expect("in the quiz");
    script(session, 0, at, false)
}

#[test]
fn every_kind_answered_right_after_a_line_not_understood() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let session = quiz_session();
    let out = stdout(&run(
        tmp.path(),
        &["--seed", "7", "quiz", MODULE, "--plain"],
        &script(&session, 0, 8, true),
    ));
    for id in QUIZ {
        let (_, hint) = not_understood(id);
        assert!(out.contains(hint), "no hint « {hint} » for {id}:\n{out}");
    }
    assert!(
        out.contains("Quels points votre réponse couvre-t-elle ? Tapez leurs numéros (de 1 à 2)"),
        "{out}"
    );
    assert!(
        out.contains("Réponse non comprise : tapez des numéros de 1 à 2"),
        "{out}"
    );
    assert!(
        out.contains("Réponse non comprise : Entrée seule accepte la note proposée"),
        "{out}"
    );
    assert!(out.contains("Réponse modèle : Je refuse poliment"), "{out}");
    assert!(
        out.contains("\n1. Refuser\n2. Expliquer le secret\n"),
        "{out}"
    );
    let verdicts = out.lines().filter(|l| *l == "Correct").count();
    assert_eq!(verdicts, 8, "{out}");
    assert!(
        out.contains("Quiz terminé : score 8/8 (100 %). Progression enregistrée."),
        "{out}"
    );
    // Markdown is read out as text.
    assert!(
        out.contains("prévue par l’art. 226-13 du Code pénal ?"),
        "{out}"
    );
    assert!(!out.contains("**"), "{out}");

    let p = progress(tmp.path());
    assert_eq!(p.answer_count(), 8);
    assert!(p.sessions().first().copied().is_none());
    for id in QUIZ {
        let q = p.question(id).expect("answered");
        assert_eq!(q.module_id, MODULE);
        assert_eq!(q.attempts[0].verdict, Verdict::Correct, "{id}");
    }
    let best = p.module(MODULE).and_then(|m| m.best).expect("a score");
    assert_eq!((best.score, best.out_of), (8.0, 8));
}

#[test]
fn verdicts_say_in_words_what_was_right_with_explanation_and_sources() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut session = quiz_session();
    let mut typed = String::new();
    let mut position = 0;
    let mut missed: Vec<String> = Vec::new();
    while let Some(id) = session.question_ids.get(position).cloned() {
        let first = !session.question_ids[..position].contains(&id);
        let line = match id.as_str() {
            // One right choice of two: half the credit.
            "texte.multiple" => letter(shown(&session, position, 1, 4, 0)).clone(),
            // « Deux ans », which has its own feedback.
            "texte.single" if first => letter(shown(&session, position, 1, 4, 1)).clone(),
            "texte.nombre" if first => "15 001".into(),
            _ => right(&session, position, &id),
        };
        // A question missed comes back after three others, or at the end.
        if first && ["texte.single", "texte.nombre"].contains(&id.as_str()) {
            let place = (position + 4).min(session.question_ids.len());
            session.question_ids.insert(place, id.clone());
            missed.push(id.clone());
        }
        typed.push_str(&line);
        typed.push('\n');
        position += 1;
    }
    assert_eq!(session.question_ids.len(), 10);
    let out = stdout(&run(tmp.path(), &["--seed", "7", "quiz", MODULE], &typed));
    assert!(out.contains("\nPartiellement correct (50 %)\n"), "{out}");
    let single = session
        .question_ids
        .iter()
        .position(|id| id == "texte.single")
        .expect("in the quiz");
    let expected = format!(
        "\nIncorrect\nVotre réponse : {}. Deux ans\nBonne réponse : {}. Un an\n« C’est plus que le texte. »\nExplication : Un an d’emprisonnement et 15 000 euros d’amende.\nSources :\n– Code pénal, art. 226-13\n",
        letter(shown(&session, single, 1, 4, 1)),
        letter(shown(&session, single, 1, 4, 0))
    );
    assert!(out.contains(&expected), "missing {expected}\nin:\n{out}");
    assert!(
        out.contains("\nIncorrect\nVotre réponse : 15 001\nBonne réponse : 15\u{202f}000 €\n"),
        "{out}"
    );
    // Each question missed came back once, was answered right, and is said to come back.
    assert_eq!(
        out.matches("Cette question reviendra un peu plus loin dans la séance.")
            .count(),
        missed.len()
    );
    assert!(out.contains("Question 10 sur 10"), "{out}");
    // The first answer to each question counts.
    assert!(
        out.contains("Quiz terminé : score 5,5/8 (69 %). À revoir : 3 questions."),
        "{out}"
    );
}

#[test]
fn end_of_input_saves_then_the_quiz_resumes_where_it_stopped() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let session = quiz_session();
    let first = run(
        tmp.path(),
        &["--seed", "7", "quiz", MODULE],
        &script(&session, 0, 3, false),
    );
    assert_eq!(first.status.code(), Some(0));
    let out = stdout(&first);
    assert!(
        out.contains("Quiz interrompu : 3 questions sur 8, score 3/3. Progression enregistrée."),
        "{out}"
    );
    // The answers are in the progress file, and the quiz is there to resume.
    let p = progress(tmp.path());
    assert_eq!(p.answer_count(), 3);
    let unfinished = p.sessions().first().copied().expect("a quiz to resume");
    assert_eq!(unfinished.answers.len(), 3);
    assert_eq!(unfinished.seed, first_seed());
    for id in &session.question_ids[..3] {
        assert!(p.question(id).is_some(), "{id} saved");
    }

    // Another seed now: the resumed quiz keeps its own order and shuffles, so the answers
    // worked out from the first seed are still right.
    let second = stdout(&run(
        tmp.path(),
        &["--seed", "99", "quiz", MODULE],
        &script(&session, 3, 8, false),
    ));
    assert!(
        second.contains("Reprise du quiz laissé en cours : question 4 sur 8, score 3/3."),
        "{second}"
    );
    assert!(!second.contains("Question 1 sur 8"), "{second}");
    assert!(
        second.contains("Quiz terminé : score 8/8 (100 %)."),
        "{second}"
    );
    let p = progress(tmp.path());
    assert_eq!(p.answer_count(), 8);
    assert!(p.sessions().first().copied().is_none());
}

#[test]
fn restart_gives_up_the_unfinished_quiz() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let session = quiz_session();
    stdout(&run(
        tmp.path(),
        &["--seed", "7", "quiz", MODULE],
        &script(&session, 0, 2, false),
    ));
    assert!(progress(tmp.path()).sessions().first().copied().is_some());
    let out = stdout(&run(
        tmp.path(),
        &["--seed", "7", "quiz", MODULE, "--restart"],
        "",
    ));
    assert!(!out.contains("Reprise"), "{out}");
    assert!(out.contains("Question 1 sur 8"), "{out}");
    assert!(
        out.contains("Quiz interrompu : aucune réponse sur 8 questions."),
        "{out}"
    );
    let p = progress(tmp.path());
    // The quiz to resume is the new one, as in the full-screen app: nothing answered yet.
    assert_eq!(
        p.sessions().first().copied().map(|s| s.answers.len()),
        Some(0)
    );
    // What was answered before stays in the history.
    assert_eq!(p.answer_count(), 2);
}

#[test]
fn json_lines_for_tools() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let session = quiz_session();
    let mut typed = format!("{}\n", not_understood(&session.question_ids[0]).0);
    typed.push_str(&script(&session, 0, 2, false));
    let out = stdout(&run(
        tmp.path(),
        &["--seed", "7", "quiz", MODULE, "--json"],
        &typed,
    ));
    let events: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    // The open question, if asked, shows its model answer before the grade is read.
    let types: Vec<&str> = events
        .iter()
        .map(|e| e["type"].as_str().expect("a type"))
        .filter(|t| *t != "model_answer" && *t != "proposed_grade")
        .collect();
    assert_eq!(
        types,
        [
            "start", "question", "invalid", "result", "question", "result", "question", "end"
        ]
    );
    let start = &events[0];
    assert_eq!(start["session"], "module");
    assert_eq!(start["total"], 8);
    let question = &events[1];
    assert_eq!(question["id"], session.question_ids[0].as_str());
    assert_eq!(question["module_id"], MODULE);
    assert_eq!(question["position"], 1);
    assert!(question["prompt"].is_string());
    assert!(question["instruction"].is_string());
    let result = &events[3];
    assert_eq!(result["verdict"], "correct");
    assert_eq!(result["score"], 1.0);
    assert!(result["explanation"].is_string());
    assert!(result["sources"].is_array());
    let end = events.last().expect("an end");
    assert_eq!(end["status"], "interrupted");
    assert_eq!(end["answered"], 2);
    assert_eq!(end["saved"], true);
    // Choices come with the labels to type.
    for q in events.iter().filter(|e| e["type"] == "question") {
        if q["kind"] == "single" || q["kind"] == "multiple" {
            let labels: Vec<&str> = q["options"]
                .as_array()
                .expect("options")
                .iter()
                .filter_map(|o| o["label"].as_str())
                .collect();
            assert_eq!(labels, ["A", "B", "C", "D"]);
        }
    }
}

#[test]
fn a_case_tells_each_step_before_its_questions_and_resumes_with_the_story() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let case = QuizSession::new(
        SessionKind::Case {
            module_id: MODULE.into(),
            case_id: "texte.cas".into(),
        },
        CASE.iter().map(|id| (*id).to_owned()).collect(),
        first_seed(),
        Timestamp::UNIX_EPOCH,
    );
    let args = [
        "--seed",
        "7",
        "quiz",
        MODULE,
        "--case",
        "texte.cas",
        "--plain",
    ];
    let first = stdout(&run(tmp.path(), &args, "faux\n"));
    let step1 = first.find("Étape 1 sur 2 : L’appel").expect("step 1");
    let exhibit = first.find("Pièce : Note d’appel").expect("its exhibit");
    let q1 = first.find("Question 1 sur 2").expect("question 1");
    let step2 = first.find("Étape 2 sur 2 : La suite").expect("step 2");
    let q2 = first.find("Question 2 sur 2").expect("question 2");
    assert!(
        step1 < exhibit && exhibit < q1 && q1 < step2 && step2 < q2,
        "{first}"
    );
    assert!(first.contains("demande pourquoi son salarié"), "{first}");
    assert!(
        first.contains("Cas interrompu : 1 question sur 2, score 1/1."),
        "{first}"
    );

    let second = stdout(&run(
        tmp.path(),
        &args,
        &format!("{}\n", right(&case, 1, "texte.cas.suite")),
    ));
    assert!(
        second.contains("Reprise du cas laissé en cours : question 2 sur 2"),
        "{second}"
    );
    // The story so far is told again before the question where it stopped.
    assert!(second.contains("Étape 2 sur 2 : La suite"), "{second}");
    assert!(!second.contains("Étape 1 sur 2"), "{second}");
    assert!(
        second.contains("Cas terminé : score 2/2 (100 %)."),
        "{second}"
    );
    let p = progress(tmp.path());
    assert_eq!(p.answer_count(), 2);
    assert!(p.sessions().first().copied().is_none());
}

#[test]
fn a_quiz_and_a_case_left_open_each_resume_where_they_stopped() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let session = quiz_session();
    stdout(&run(
        tmp.path(),
        &["--seed", "7", "quiz", MODULE],
        &script(&session, 0, 2, false),
    ));
    // The case, started meanwhile, leaves the quiz alone.
    let case = [
        "--seed",
        "9",
        "quiz",
        MODULE,
        "--case",
        "texte.cas",
        "--plain",
    ];
    let first = stdout(&run(tmp.path(), &case, "faux\n"));
    assert!(
        first.contains("Cas interrompu : 1 question sur 2"),
        "{first}"
    );
    assert_eq!(progress(tmp.path()).sessions().len(), 2);

    let quiz = stdout(&run(
        tmp.path(),
        &["--seed", "99", "quiz", MODULE],
        &script(&session, 2, 8, false),
    ));
    assert!(
        quiz.contains("Reprise du quiz laissé en cours : question 3 sur 8, score 2/2."),
        "{quiz}"
    );
    assert!(quiz.contains("Quiz terminé : score 8/8 (100 %)."), "{quiz}");
    let again = stdout(&run(tmp.path(), &case, ""));
    assert!(
        again.contains("Reprise du cas laissé en cours : question 2 sur 2"),
        "{again}"
    );
    let p = progress(tmp.path());
    assert_eq!(p.answer_count(), 9);
    let left: Vec<String> = p.sessions().iter().map(|s| s.kind.activity()).collect();
    assert_eq!(left, vec![format!("case:{MODULE}/texte.cas")]);
}

#[test]
fn lessons_as_plain_text_marked_read() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = stdout(&run(tmp.path(), &["lesson", MODULE, "--plain"], ""));
    for expected in [
        "Module d’essai du mode texte",
        "2 leçons.",
        "Leçon 1 sur 2 : Le secret",
        "\nCe que couvre le secret\n",
        "Le secret couvre ce qui a été confié, mais aussi ce que l’on a vu ou compris.",
        "\n– par état ou par profession ;\n– en raison d’une fonction",
        "« La révélation d’une information à caractère secret est punie d’un an d’emprisonnement et de 15 000 euros d’amende. »",
        "– ELSM — Sens : Échelon local du service médical",
        "Sources :\n– Code pénal, art. 226-13\n– Guide fictif du stage, chapitre 2\n",
        "Leçon 2 sur 2 : Le partage",
    ] {
        assert!(out.contains(expected), "missing « {expected} »:\n{out}");
    }
    assert!(
        !out.contains("**") && !out.contains("##") && !out.contains("> "),
        "{out}"
    );
    let p = progress(tmp.path());
    assert!(p.is_lesson_read(MODULE, "secret") && p.is_lesson_read(MODULE, "partage"));
}

fn answered_long_ago(data: &Path, ids: &[&str]) {
    let opened = DataDir::at(data, &support::clock())
        .open("défaut")
        .expect("opens");
    let mut progress = opened.progress;
    let at = support::now() - SignedDuration::from_hours(24 * 60);
    for id in ids {
        let record = AnswerRecord {
            question_id: (*id).into(),
            response: Response::Bool(true),
            score: 1.0,
            verdict: Verdict::Correct,
            answered_at: at,
            duration_ms: 4000,
        };
        progress.record_answer(MODULE, &record, &TimeZone::UTC);
    }
    opened.store.save(&progress).expect("saves");
}

#[test]
fn an_exam_left_open_resumes_and_restart_draws_a_new_one() {
    let tmp = tempfile::tempdir().expect("temp dir");
    // An exam stopped without a word after its first answer (the process was killed).
    let opened = DataDir::at(tmp.path(), &support::clock())
        .open("défaut")
        .expect("opens");
    let mut saved = opened.progress;
    let kind = SessionKind::Exam {
        time_limit_secs: Some(20 * 60),
        pass_mark: 0.8,
    };
    let ids = ["texte.vf", "texte.court", "texte.nombre"].map(str::to_owned);
    let mut exam = QuizSession::new(
        kind,
        ids.to_vec(),
        3,
        support::now() - SignedDuration::from_mins(5),
    );
    exam.answers.push(AnswerRecord {
        question_id: "texte.vf".into(),
        response: Response::Bool(true),
        score: 0.0,
        verdict: Verdict::Incorrect,
        answered_at: support::now() - SignedDuration::from_mins(4),
        duration_ms: 4000,
    });
    saved.keep_session(&exam);
    opened.store.save(&saved).expect("saves");
    // The lock goes with the store.
    drop(opened.store);

    let out = stdout(&run(tmp.path(), &["exam", "--plain"], ""));
    // No score before the end of an exam, even on resuming it; its clock ran on.
    assert!(
        out.contains("Reprise de l’examen laissé en cours : question 2 sur 3. Pour recommencer du début : --restart."),
        "{out}"
    );
    assert!(out.contains("Il reste 15 minutes."), "{out}");
    assert!(out.contains("Question 2 sur 3"), "{out}");
    assert!(
        !out.contains("Question 1 sur 3\n"),
        "not asked again: {out}"
    );
    assert!(progress(tmp.path()).sessions().is_empty(), "ended");

    saved.keep_session(&exam);
    DataDir::at(tmp.path(), &support::clock())
        .open("défaut")
        .expect("opens")
        .store
        .save(&saved)
        .expect("saves");
    let out = stdout(&run(tmp.path(), &["exam", "--restart"], ""));
    assert!(!out.contains("Reprise"), "{out}");
    assert!(out.contains("Question 1 sur"), "{out}");
}

#[test]
fn review_asks_the_questions_due() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let nothing = stdout(&run(tmp.path(), &["review", "--plain"], ""));
    assert!(
        nothing.contains("Rien à réviser pour l’instant"),
        "{nothing}"
    );

    answered_long_ago(tmp.path(), &["texte.vf", "texte.court"]);
    let out = stdout(&run(
        tmp.path(),
        &["review"],
        "faux\nÉchelon local du service médical\n",
    ));
    assert!(
        out.contains("Révision : 2 questions à revoir aujourd’hui."),
        "{out}"
    );
    assert!(
        out.contains("L’employeur partage le secret médical."),
        "{out}"
    );
    assert!(
        out.contains("Révision terminée : score 2/2 (100 %)."),
        "{out}"
    );
    let p = progress(tmp.path());
    assert_eq!(p.answer_count(), 4);
    // Answered again today, they are not due any more.
    let again = stdout(&run(tmp.path(), &["review"], ""));
    assert!(again.contains("Rien à réviser"), "{again}");
}

/// The exam conseil draws with `--seed SEED`: the module's questions but the open one, as
/// the study layer draws them.
fn exam_session(questions: usize) -> QuizSession {
    let catalog = Catalog::load(&[fixture()]);
    let config = ExamConfig {
        modules: vec![MODULE.into()],
        questions,
        ..ExamConfig::default()
    };
    let session = practice::exam(
        &catalog.modules,
        &config,
        first_seed(),
        Timestamp::UNIX_EPOCH,
    );
    assert!(!session.question_ids.contains(&"texte.libre".to_owned()));
    session
}

#[test]
fn a_timed_exam_announces_its_time_and_corrects_at_the_end() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let session = exam_session(3);
    let args = [
        "--seed",
        "7",
        "exam",
        "--plain",
        "--questions",
        "3",
        "--minutes",
        "20",
        "--modules",
        MODULE,
    ];
    let out = stdout(&run(tmp.path(), &args, &script(&session, 0, 3, false)));
    assert!(
        out.contains("Examen blanc : 3 questions en 20 minutes, seuil de réussite 80 %."),
        "{out}"
    );
    assert!(
        out.contains("\nIl reste 20 minutes.\nQuestion 1 sur 3\n"),
        "{out}"
    );
    let correction = out.find("Correction :").expect("a correction");
    assert!(
        !out[..correction].contains("Correct\n"),
        "no feedback before the end: {out}"
    );
    assert_eq!(
        out[correction..].matches(" : Correct\n").count(),
        3,
        "{out}"
    );
    assert!(
        out.contains("Examen terminé : score 3/3 (100 %), seuil de réussite 80 % : atteint."),
        "{out}"
    );
    // Exam answers count like any other.
    assert_eq!(progress(tmp.path()).answer_count(), 3);
}

#[test]
fn an_untimed_exam_never_counts_time() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let session = exam_session(2);
    let args = [
        "--seed",
        "7",
        "exam",
        "--untimed",
        "--questions",
        "2",
        "--modules",
        MODULE,
        "--json",
    ];
    let out = stdout(&run(tmp.path(), &args, &script(&session, 0, 1, false)));
    let events: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(events[0]["session"], "exam");
    assert!(events[0].get("time_limit_secs").is_none());
    assert!(
        events[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("2 questions sans limite de temps")),
        "{out}"
    );
    assert!(events.iter().all(|e| e.get("time_left").is_none()), "{out}");
    let end = events.last().expect("an end");
    assert_eq!(end["type"], "end");
    assert_eq!(end["status"], "interrupted");
    assert_eq!(end["passed"], false);
    let results: Vec<&serde_json::Value> =
        events.iter().filter(|e| e["type"] == "result").collect();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["verdict"], "correct");
    assert!(results[1]["verdict"].is_null());

    // Stopped before any answer: nothing to count, and no « -0 % ».
    let none = stdout(&run(tmp.path(), &args, ""));
    let end: serde_json::Value =
        serde_json::from_str(none.lines().last().expect("an end")).expect("JSON");
    assert_eq!(end["score"], 0.0);
    let message = end["message"].as_str().expect("a message");
    assert!(message.contains("score 0/2 (0 %)"), "{message}");
}

#[test]
fn a_profile_open_elsewhere_is_refused_unless_read_only() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let _held = DataDir::at(tmp.path(), &support::clock())
        .open("défaut")
        .expect("opens");
    let busy = run(tmp.path(), &["quiz", MODULE], "");
    assert_eq!(busy.status.code(), Some(1));
    let err = String::from_utf8_lossy(&busy.stderr);
    assert!(
        err.contains("déjà ouvert") && err.contains("--read-only"),
        "{err}"
    );

    let session = quiz_session();
    let out = stdout(&run(
        tmp.path(),
        &["--seed", "7", "quiz", MODULE, "--read-only"],
        &script(&session, 0, 1, false),
    ));
    assert!(
        out.contains("lecture seule : rien ne sera enregistré."),
        "{out}"
    );
    assert!(
        out.contains("Rien n’a été enregistré (profil en lecture seule)."),
        "{out}"
    );
    assert_eq!(progress(tmp.path()).answer_count(), 0);
}

#[test]
fn usage_errors_and_the_bare_command_without_a_terminal() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let unknown = run(tmp.path(), &["quiz", "nulle-part"], "");
    assert_eq!(unknown.status.code(), Some(2));
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        err.contains("module inconnu « nulle-part »") && err.contains(MODULE),
        "{err}"
    );
    let case = run(tmp.path(), &["quiz", MODULE, "--case", "aucun"], "");
    assert_eq!(case.status.code(), Some(2));

    let bare = run(tmp.path(), &[], "");
    assert_eq!(bare.status.code(), Some(2));
    let hint = String::from_utf8_lossy(&bare.stderr);
    assert!(hint.contains("conseil quiz MODULE --plain"), "{hint}");
}

#[test]
fn a_closed_output_ends_quietly() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let session = quiz_session();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_conseil"))
        .env_remove("CONSEIL_CONTENT")
        .env_remove("CONSEIL_DATA_DIR")
        .arg("--data-dir")
        .arg(tmp.path())
        .arg("--content")
        .arg(fixture())
        .args(["--seed", "7", "quiz", MODULE, "--plain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    // The reader leaves before reading anything.
    drop(child.stdout.take());
    if let Some(mut stdin) = child.stdin.take() {
        // conseil may be gone already: a refused write is expected.
        let _ = stdin.write_all(script(&session, 0, 8, false).as_bytes());
    }
    let output = child.wait_with_output().expect("ends");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn an_open_answer_runs_over_lines_then_its_points_are_ticked_and_a_remark_goes_along() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let session = quiz_session();
    let mut typed = script_up_to(&session, "texte.libre");
    // Two lines of answer with a remark between them, ended by an empty line; a point out of
    // range, then point 1 ticked; Entrée takes the proposed grade.
    typed.push_str(
        "Je refuse.\n!La réponse modèle devrait citer sa source.\nLe motif est couvert par le secret.\n\n3\n1\n\n",
    );
    let out = stdout(&run(
        tmp.path(),
        &["--seed", "7", "quiz", MODULE, "--plain"],
        &typed,
    ));
    for expected in [
        "Une ligne qui commence par ! signale un problème sur la question",
        "Tapez votre réponse, sur plusieurs lignes si besoin, et terminez-la par une ligne vide (ou une ligne avec un seul point)",
        "Remarque enregistrée dans votre profil, pour le formateur. Continuez votre réponse.",
        "Points à vérifier :\n1. Refuser\n2. Expliquer le secret\n",
        "Réponse non comprise : tapez des numéros de 1 à 2",
        "Points cochés : 1 sur 2. Note proposée : 2 (en partie). Entrée seule l’accepte",
        "Partiellement correct (50 %)\nVotre réponse : Je refuse.\nLe motif est couvert par le secret. (auto-évaluée : en partie ; points cochés : 1 sur 2)\n",
    ] {
        assert!(out.contains(expected), "no « {expected} » in:\n{out}");
    }
    let p = progress(tmp.path());
    assert_eq!(
        p.question("texte.libre").map(|q| q.attempts[0].verdict),
        Some(Verdict::Partial)
    );
    let [remark] = p.remarks() else {
        panic!("one remark: {:?}", p.remarks());
    };
    assert_eq!(remark.question_id, "texte.libre");
    assert_eq!(remark.module_id, MODULE);
    assert_eq!(remark.text, "La réponse modèle devrait citer sa source.");
    assert_eq!(remark.valid_as_of, Some(jiff::civil::date(2026, 11, 1)));
    assert_eq!(remark.reviewed, Some(jiff::civil::date(2026, 11, 1)));
    // The clock of CONSEIL_NOW runs on from its instant: the remark is dated by it.
    let since = remark.at.duration_since(support::now());
    assert!(
        since >= SignedDuration::ZERO && since < SignedDuration::from_hours(1),
        "{}",
        remark.at
    );
}

#[test]
fn a_remark_line_answers_nothing_and_json_says_it() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let session = quiz_session();
    let first = &session.question_ids[0];
    let typed = format!(
        "!\n!Coquille dans l’énoncé.\n{}\n",
        right(&session, 0, first)
    );
    let out = stdout(&run(
        tmp.path(),
        &["--seed", "7", "quiz", MODULE, "--json"],
        &typed,
    ));
    let events: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let types: Vec<&str> = events.iter().filter_map(|e| e["type"].as_str()).collect();
    assert_eq!(
        &types[..5],
        ["start", "question", "invalid", "remark", "result"],
        "{out}"
    );
    assert!(
        events[2]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Remarque vide")),
        "{out}"
    );
    assert_eq!(events[3]["id"], first.as_str());
    assert_eq!(events[3]["saved"], true);
    // The question was answered after the remark, rightly.
    assert_eq!(events[4]["verdict"], "correct");
    let p = progress(tmp.path());
    assert_eq!(p.remarks().len(), 1);
    assert_eq!(p.remarks()[0].text, "Coquille dans l’énoncé.");
}

#[test]
fn a_remark_in_a_read_only_profile_is_said_not_saved() {
    let tmp = tempfile::tempdir().expect("temp dir");
    // The profile exists: a read-only run may read it.
    stdout(&run(tmp.path(), &["--seed", "7", "quiz", MODULE], ""));
    let out = stdout(&run(
        tmp.path(),
        &["--seed", "7", "quiz", MODULE, "--read-only"],
        "!Coquille.\n",
    ));
    assert!(
        out.contains("Remarque non enregistrée : le profil est ouvert en lecture seule."),
        "{out}"
    );
    assert!(progress(tmp.path()).remarks().is_empty());
}

#[test]
fn the_stage_set_with_a_session_is_said_in_words() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let output = run(
        tmp.path(),
        &[
            "lesson",
            MODULE,
            "--plain",
            "--stage-date",
            "20/12/2026",
            "--stage-modules",
            MODULE,
        ],
        "",
    );
    stdout(&output);
    let said = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(
        said.contains("conseil : date du stage enregistrée : dimanche 20 décembre 2026 (J-12)."),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "conseil : modules du stage enregistrés : {MODULE}."
        )),
        "{said}"
    );
    let settings = progress(tmp.path()).settings().clone();
    assert_eq!(settings.stage_modules, vec![MODULE.to_owned()]);
    // A past date starts nothing.
    let output = run(
        tmp.path(),
        &["lesson", MODULE, "--plain", "--stage-date", "2026-12-07"],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(
        said.contains("le lundi 7 décembre 2026 est passé"),
        "{said}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn equals_counts_a_short_answer_marked_wrong_as_right() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let session = quiz_session();
    let mut typed = script_up_to(&session, "texte.court");
    // Too far from « échelon local du service médical » to be forgiven, then « = »; a second
    // « = » has nothing left to accept.
    typed.push_str("echelon lcoal du servcie medcal\n=\n=\n");
    let out = stdout(&run(
        tmp.path(),
        &["--seed", "7", "quiz", MODULE, "--plain"],
        &typed,
    ));
    for expected in [
        "Une faute de frappe ? Tapez = seul sur la ligne pour compter votre réponse juste.",
        "Réponse comptée juste : elle ne reviendra pas dans la séance.",
        "Rien à compter juste : « = » suit une réponse courte comptée fausse.",
    ] {
        assert!(out.contains(expected), "no « {expected} » in:\n{out}");
    }
    let p = progress(tmp.path());
    let attempts = &p.question("texte.court").expect("answered").attempts;
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].verdict, Verdict::Correct);
}

/// After the session's last question, a short answer marked wrong still takes « = »: one more
/// line is read before the summary (Entrée goes on without it).
#[test]
fn equals_after_the_last_question_counts_before_the_summary() {
    let content = tempfile::tempdir().expect("temp dir");
    let module = serde_json::json!({
        "format_version": 1, "id": "sigle", "title": "Un sigle", "summary": "Fictif.",
        "audience": ["interne"], "reviewed": "2026-11-01", "valid_as_of": "2026-11-01",
        "sources": [{"id": "guide", "label": "Guide fictif du stage"}],
        "lessons": [],
        "questions": [{
            "kind": "short", "id": "sigle.elsm", "sources": ["guide"],
            "prompt": "Que signifie le sigle ELSM ?",
            "explanation": "L’échelon local du service médical accueille le stage.",
            "accepted": ["Échelon local du service médical"],
        }],
    });
    std::fs::write(content.path().join("sigle.json"), module.to_string()).expect("written");
    // Missed twice, the question comes back twice; the third miss is the session's last answer.
    for (last_line, counted_right) in [("=", true), ("", false)] {
        let data = tempfile::tempdir().expect("temp dir");
        let output = support::conseil()
            .arg("--data-dir")
            .arg(data.path())
            .arg("--content")
            .arg(content.path())
            .args(["quiz", "sigle", "--plain"])
            .write_stdin(format!(
                "x\nx\nechelon lcoal du servcie medcal\n{last_line}\n"
            ))
            .output()
            .expect("runs");
        let out = stdout(&output);
        let offer = out
            .find("ou Entrée pour voir le bilan.")
            .unwrap_or_else(|| panic!("no offer in:\n{out}"));
        let end = out
            .find("Quiz terminé")
            .unwrap_or_else(|| panic!("no end in:\n{out}"));
        assert!(offer < end, "{out}");
        assert_eq!(
            out.contains("Réponse comptée juste"),
            counted_right,
            "{out}"
        );
        let p = progress(data.path());
        let attempts = &p.question("sigle.elsm").expect("answered").attempts;
        assert_eq!(attempts.len(), 3);
        assert_eq!(
            attempts[2].verdict == Verdict::Correct,
            counted_right,
            "{attempts:?}"
        );
    }
}
