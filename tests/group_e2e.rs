//! The group quiz in a real pseudo-terminal: three teams, three questions from a fictive
//! module, a crash-like stop and `conseil group --resume` in the middle, an undone scoring,
//! and the CSV written at the end.

use std::path::Path;

mod support;

use support::Pty;

/// `conseil --content tests/fixtures/group --seed 4 ARGS` on the data folder `data`.
fn start(args: &[&str], data: &Path) -> Pty {
    let mut all = vec!["--content", "tests/fixtures/group", "--seed", "4"];
    all.extend_from_slice(args);
    Pty::start(&all, data)
}

const DOWN: &str = "\x1b[B";
const LEFT: &str = "\x1b[D";
const END: &str = "\x1b[F";
const ENTER: &str = "\r";
const TAB: &str = "\t";

/// The keys that give `team`'s answer to the question on `shown`, right or wrong.
fn answer(shown: &str, team: u32, right: bool) -> String {
    if shown.contains(" V   Vrai") {
        // « L’employeur partage le secret médical » is false.
        return format!("{team}{}", if right { "f" } else { "v" });
    }
    if shown.contains("Réponse : un nombre") {
        return format!("{team}{}{ENTER}", if right { "15000" } else { "150" });
    }
    let choice = if right { "Un an" } else { "Deux ans" };
    let line = shown
        .lines()
        .find(|l| l.contains(&format!("   {choice}")))
        .unwrap_or_else(|| panic!("choice « {choice} » on screen:\n{shown}"));
    let letter = line
        .trim_start_matches(['│', ' '])
        .chars()
        .next()
        .expect("a letter")
        .to_ascii_lowercase();
    format!("{team}{letter}")
}

/// Plays the question on screen: team 1 right and first, team 2 right only on the last
/// question, team 3 wrong; then reveals it and opens the scoreboard.
fn play_question(s: &mut Pty, number: usize) {
    let shown = s.wait_for(&format!("Question {number} sur 3"));
    let keys = [
        answer(&shown, 1, true),
        answer(&shown, 2, number == 3),
        answer(&shown, 3, number == 1),
    ];
    for k in &keys {
        s.send(k);
    }
    if number == 1 {
        // Team 3 had in fact answered wrong: its entry is corrected.
        s.send(&answer(&shown, 3, false));
    }
    s.wait_for("Réponses 3/3");
    s.send("r");
    s.wait_for("Explication");
    if number == 2 {
        // The scoring is taken back and done again.
        s.send("u");
        s.wait_for("Réponses 3/3");
        s.send("r");
        s.wait_for("Explication");
    }
    s.send(ENTER);
    s.wait_for(&format!("Classement après la question {number}/3"));
}

#[test]
fn three_teams_three_questions_a_resume_and_the_csv() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut s = start(&["group"], data.path());
    s.wait_for("préparation");
    // The fictive module, last of the list, picked whole.
    s.send(TAB);
    s.send(END);
    s.send(" ");
    s.wait_for("Questions cochées : 3");
    // Untimed, speed bonus and double last question.
    s.send(TAB);
    s.send(DOWN);
    for _ in 0..6 {
        s.send(LEFT);
    }
    s.wait_for("sans limite");
    s.send(DOWN);
    s.send(" ");
    s.send(DOWN);
    s.send(" ");
    s.wait_for("[x] Dernière question double");
    s.send("l");
    play_question(&mut s, 1);

    // The laptop is closed: everything so far was saved.
    s.send("q");
    s.wait_for("Modules");
    s.send("q");
    assert!(!s.finish().0, "the alternate screen was left");
    let mut s = start(&["group", "--resume"], data.path());
    s.wait_for("Classement après la question 1/3");
    s.send(ENTER);
    play_question(&mut s, 2);
    s.send(ENTER);
    play_question(&mut s, 3);
    s.send(ENTER);
    s.wait_for("Résultats par équipe enregistrés");

    let csv = std::fs::read_dir(data.path().join("group"))
        .expect("group folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .expect("a CSV written");
    let text = std::fs::read_to_string(csv).expect("CSV readable");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        vec![
            "\u{feff}rang;équipe;points;bonnes réponses;questions;Q1;Q2;Q3",
            // Right and first each time: (1 + 1) + (1 + 1) + (1 + 1) × 2.
            "1;Hiboux;8;3;3;2;2;4",
            // Right on the last question only, after team 1: 1 × 2.
            "2;Renards;2;1;3;0;0;2",
            "3;Loutres;0;0;3;0;0;0",
        ]
    );
    s.send(ENTER);
    s.wait_for("Modules");
    s.send("q");
    assert!(!s.finish().0);
}

#[test]
fn nothing_to_resume_is_said_before_the_screen_is_taken() {
    let data = tempfile::tempdir().expect("temp dir");
    let s = start(&["group", "--resume"], data.path());
    let (code, shown) = s.exit_code();
    assert_eq!(code, 1, "{shown}");
    assert!(
        shown.contains("Aucune session de groupe à reprendre"),
        "{shown}"
    );
}

#[test]
fn without_a_terminal_the_group_quiz_says_so() {
    let data = tempfile::tempdir().expect("temp dir");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_conseil"))
        .args(["group", "--data-dir"])
        .arg(data.path())
        .output()
        .expect("run conseil");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("a besoin d’un terminal interactif"), "{err}");
}
