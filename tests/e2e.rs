//! The real binary in a real pseudo-terminal: start, open a module, answer, quit, and the
//! terminal is given back as it was (alternate screen left, cursor shown).

use std::time::{Duration, Instant};

mod support;

use support::Pty;

/// `conseil ARGS` in a pseudo-terminal, with a data folder of its own.
fn start(args: &[&str]) -> (Pty, tempfile::TempDir) {
    let data = tempfile::tempdir().expect("temp dir");
    (Pty::start(args, data.path()), data)
}

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const CTRL_S: &str = "\u{13}";

#[test]
fn open_a_module_answer_and_quit() {
    let (mut s, _data) = start(&["--seed", "3"]);
    s.wait_for("Modules");
    // The secret médical module, fourth of the modules, under « Continuer ».
    s.send(&format!("{DOWN}{DOWN}{DOWN}{DOWN}{ENTER}"));
    let module = s.wait_for("Quiz du module");
    assert!(module.contains("╭ Le secret médical"), "{module}");
    s.send("z");
    s.wait_for("Question 1/");
    answer_one(&mut s);
    // q leaves the quiz, the module, then the application.
    s.send("q");
    std::thread::sleep(Duration::from_millis(100));
    s.send("q");
    s.wait_for("Modules");
    s.send("q");
    let (alternate, cursor_hidden) = s.finish();
    assert!(!alternate, "the alternate screen was left");
    assert!(!cursor_hidden, "the cursor is shown again");
}

#[test]
fn ctrl_c_quits_from_deep_inside() {
    let (mut s, _data) = start(&[]);
    s.wait_for("Modules");
    // The first module, then its first lesson.
    s.send(&format!("{DOWN}{ENTER}{ENTER}"));
    s.wait_for("défiler");
    s.send("g");
    s.send("\x03");
    let (alternate, cursor_hidden) = s.finish();
    assert!(!alternate);
    assert!(!cursor_hidden);
}

#[test]
fn glossary_typing_in_a_real_terminal() {
    let (mut s, _data) = start(&[]);
    s.wait_for("Modules");
    s.send("g");
    s.wait_for("Glossaire");
    s.send("échelon");
    s.wait_for("ELSM");
    // A lone Échap must reach the terminal alone, or it reads as Alt with the next key.
    std::thread::sleep(Duration::from_millis(200));
    s.send("\x1b");
    s.wait_for("Modules");
    std::thread::sleep(Duration::from_millis(200));
    s.send("q");
    let (alternate, _) = s.finish();
    assert!(!alternate);
}

#[test]
fn exam_and_review_open_full_screen_in_a_terminal() {
    let (mut s, _data) = start(&["exam", "--questions", "5", "--minutes", "10"]);
    s.wait_for("Examen blanc — Question 1/5");
    s.wait_for("⏱");
    s.send("\x03");
    let (alternate, _) = s.finish();
    assert!(!alternate);
    // Nothing is due on a new profile: the review starts nothing and home shows.
    let (mut s, _data) = start(&["review"]);
    s.wait_for("Modules");
    s.send("q");
    let (alternate, _) = s.finish();
    assert!(!alternate);
}

#[test]
fn answers_that_could_never_be_saved_end_with_exit_code_1() {
    let (mut s, data) = start(&["--seed", "3"]);
    s.wait_for("Modules");
    s.send(&format!("{DOWN}{ENTER}"));
    s.wait_for("Quiz du module");
    s.send("z");
    s.wait_for("Question 1/");
    // A folder where the progress file goes: no save can succeed, even as root.
    let file = data.path().join("profiles/défaut/progress.json");
    std::fs::remove_file(&file).expect("saved when the quiz started");
    std::fs::create_dir_all(file.join("bloque")).expect("a folder in the way");
    let shown = s.contents();
    if shown.contains("Votre réponse") {
        s.send("1");
        // An open answer is sent with Ctrl-S (Entrée goes to the line); a short one with
        // Entrée.
        s.send(if shown.contains("Ctrl-S") {
            CTRL_S
        } else {
            ENTER
        });
    } else if shown.contains("V vrai") {
        s.send("v");
    } else {
        s.send("a");
        s.send(ENTER);
    }
    // An open question asks the learner to grade herself first.
    if s.wait_for_any(&["Enregistrement impossible", "1-3 noter"])
        .contains("1-3 noter")
    {
        s.send("1");
    }
    s.wait_for("Enregistrement impossible");
    s.send("q");
    let (code, screen) = s.exit_code();
    assert_eq!(code, 1, "{screen}");
    assert!(
        screen.contains("n’ont pas pu être enregistrées"),
        "{screen}"
    );
}

#[test]
fn a_terminated_or_hung_up_app_gives_the_terminal_back() {
    for signal in ["TERM", "HUP"] {
        let (s, _data) = start(&[]);
        s.wait_for("Modules");
        s.signal(signal);
        let (alternate, cursor_hidden) = s.finish();
        assert!(!alternate, "SIG{signal}: the alternate screen was left");
        assert!(!cursor_hidden, "SIG{signal}: the cursor is shown again");
    }
}

/// A closed window or pane takes the terminal away: the app must end (its answers are
/// saved as they are given) and free the profile, not spin on a terminal nobody reads.
#[test]
fn a_closed_terminal_ends_the_app_and_frees_the_profile() {
    let (s, data) = start(&[]);
    s.wait_for("Modules");
    let dir = conseil::store::profiles::DataDir::at(data.path(), &support::clock());
    assert!(
        dir.open("défaut").is_err(),
        "the running app holds the lock"
    );
    // `?` opens the help: a redraw that wakes the reader so that it lets go of the terminal.
    s.hang_up("?");
    dir.open("défaut").expect("the profile is free again");
}

/// Answers the question on screen with the keys its kind takes, read from the screen, and
/// waits for the verdict.
fn answer_one(s: &mut Pty) {
    let shown = s.contents();
    if shown.contains("Votre réponse") {
        s.send("1");
        // An open answer is sent with Ctrl-S (Entrée goes to the line); a short one with
        // Entrée.
        s.send(if shown.contains("Ctrl-S") {
            CTRL_S
        } else {
            ENTER
        });
    } else if shown.contains("V vrai") {
        s.send("v");
    } else {
        s.send("a");
        s.send(ENTER);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while !["✓ Correct", "✗ Incorrect", "◐ Partiellement"]
        .iter()
        .any(|v| s.contents().contains(v))
    {
        assert!(Instant::now() < deadline, "no verdict:\n{}", s.contents());
        if s.contents().contains("1-3 noter") {
            // An open question: grade oneself after reading the model answer.
            s.send("1");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A lone Échap, apart from the keys before and after it (or it reads as Alt).
fn escape(s: &mut Pty) {
    std::thread::sleep(Duration::from_millis(200));
    s.send("\x1b");
    std::thread::sleep(Duration::from_millis(200));
}

/// The quiz's title row and the question under it.
fn question_shown(s: &Pty) -> String {
    let shown = s.contents();
    shown.lines().take(3).collect::<Vec<_>>().join("\n")
}

#[test]
fn two_quizzes_left_open_each_resume_exactly_in_a_new_window() {
    let (mut s, data) = start(&["--seed", "3"]);
    s.wait_for("Modules");
    // The first module's quiz (the module is listed after « Continuer »): one answer, then
    // back home.
    s.send(&format!("{DOWN}{ENTER}"));
    s.wait_for("Quiz du module");
    s.send("z");
    s.wait_for("Question 1/");
    answer_one(&mut s);
    s.send(ENTER);
    s.wait_for("Question 2/");
    let first = question_shown(&s);
    escape(&mut s);
    s.wait_for("en cours, question 2/");
    escape(&mut s);
    // Home now lists « Continuer », the quiz to resume, then the modules: the selection,
    // still on the second row, is now the quiz to resume; the second module is two rows down.
    s.wait_for("Reprendre :");
    s.send(&format!("{DOWN}{DOWN}{ENTER}"));
    s.wait_for("Quiz du module");
    s.send("z");
    s.wait_for("Question 1/");
    answer_one(&mut s);
    s.send(ENTER);
    s.wait_for("Question 2/");
    let second = question_shown(&s);
    assert_ne!(first, second);
    s.send("\x03");
    s.finish();

    // A new window: the first « Reprendre », under « Continuer », resumes the quiz worked on
    // last, the next one the other.
    // The home screen says « Question 2/… » under each « Reprendre » too: the quiz is known
    // by its score, in its title.
    let mut s = Pty::start(&["--seed", "8"], data.path());
    s.wait_for("Reprendre :");
    s.send(&format!("{DOWN}{ENTER}"));
    s.wait_for("· Score :");
    assert_eq!(question_shown(&s), second);
    escape(&mut s);
    s.wait_for("Reprendre :");
    s.send(&format!("{DOWN}{ENTER}"));
    s.wait_for("· Score :");
    assert_eq!(question_shown(&s), first);
    s.send("\x03");
    let (alternate, _) = s.finish();
    assert!(!alternate);
}

#[test]
fn an_avis_is_sent_with_ctrl_s_and_f3_reports_in_a_real_terminal() {
    let (mut s, data) = start(&["--content", "tests/fixtures/open", "quiz", "essai-avis"]);
    s.wait_for("Ctrl-S/F2 valider");
    // Entrée goes to the line; Ctrl-S sends.
    s.send(&format!("Je refuse.{ENTER}C’est secret."));
    s.wait_for("ligne 2 sur 2");
    s.send(CTRL_S);
    s.wait_for("Réponse modèle");
    // F3 as xterm sends it: « Signaler », the remark typed, Entrée keeps it.
    s.send("\x1bOR");
    s.wait_for("Signaler un problème");
    s.send(&format!("Source à préciser.{ENTER}"));
    s.wait_for("Remarque enregistrée");
    s.send("ab");
    s.wait_for("Note proposée : 1 juste");
    s.send(ENTER);
    s.wait_for("✓ Correct");
    s.send("\x03");
    let (alternate, _) = s.finish();
    assert!(!alternate);
    let progress = conseil::store::profiles::DataDir::at(data.path(), &support::clock())
        .open_read_only("défaut")
        .expect("reads")
        .progress;
    assert_eq!(progress.remarks().len(), 1);
    assert_eq!(progress.remarks()[0].text, "Source à préciser.");
    assert_eq!(progress.answer_count(), 1);
}

#[test]
fn a_stage_date_given_in_a_terminal_is_checked_before_the_screen() {
    // support::NOW is Tuesday 8 December 2026.
    let (s, _data) = start(&["--stage-date", "07/12/2026"]);
    let (code, screen) = s.exit_code();
    assert_eq!(code, 2, "{screen}");
    assert!(
        screen.contains("le lundi 7 décembre 2026 est passé"),
        "{screen}"
    );
    let (mut s, _data) = start(&["--stage-date", "13/12/2026", "--stage-modules", "ssi"]);
    s.wait_for("stage J-5");
    s.send("q");
    let (alternate, _) = s.finish();
    assert!(!alternate);
}

/// A long history fits the learner's memory model: the fit starts once the home screen is up
/// (not before, where it would hold the first frame back) and its model is saved.
#[test]
fn a_long_history_is_fitted_once_the_screen_is_up() {
    let data = tempfile::tempdir().expect("temp dir");
    let catalog = conseil::content::load::Catalog::load(&[]);
    let questions: Vec<(String, String)> = catalog
        .modules
        .iter()
        .flat_map(|m| m.all_questions().map(|q| (m.id.clone(), q.id().to_owned())))
        .collect();
    let dir = conseil::store::profiles::DataDir::at(data.path(), &support::clock());
    {
        let opened = dir.open("défaut").expect("opens");
        let mut progress = opened.progress;
        // An answer every hour or so since June: several on different days for each question.
        let start = jiff::Timestamp::from_second(1_780_300_800).expect("valid"); // 2026-06-01
        for n in 0..3_000_i64 {
            let (module_id, question_id) =
                &questions[usize::try_from(n).expect("small") % questions.len()];
            let at = start + jiff::SignedDuration::from_secs(n * 3_700);
            let answer = support::true_false_answer(question_id, n % 3 != 0, at, 5_000);
            progress.record_answer(module_id, &answer, &support::paris());
        }
        assert!(progress.memory_model().is_none());
        opened.store.save(&progress).expect("saved");
    }
    let mut s = Pty::start(&[], data.path());
    s.wait_for("Modules");
    let deadline = Instant::now() + Duration::from_secs(20);
    while dir
        .open_read_only("défaut")
        .expect("reads")
        .progress
        .memory_model()
        .is_none()
    {
        assert!(Instant::now() < deadline, "no model was fitted and saved");
        std::thread::sleep(Duration::from_millis(50));
    }
    s.send("q");
    let (alternate, _) = s.finish();
    assert!(!alternate);
}
