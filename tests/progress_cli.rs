//! `conseil stats`, `conseil progress export|import` and `--stage-date` as a user runs them,
//! each on a data dir of its own.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use conseil::domain::progress::Progress;
use conseil::domain::question::{Response, Verdict};
use conseil::domain::session::AnswerRecord;
use conseil::storage::DataDir;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan, Zoned};
use predicates::prelude::*;

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stats")
}

fn conseil(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("conseil").expect("binary built");
    cmd.env_remove("CONSEIL_CONTENT")
        .env_remove("CONSEIL_DATA_DIR")
        .arg("--data-dir")
        .arg(data)
        .arg("--content")
        .arg(content());
    cmd
}

fn answer(id: &str, right: bool, at: Timestamp) -> AnswerRecord {
    AnswerRecord {
        question_id: id.into(),
        response: Response::Bool(right),
        score: if right { 1.0 } else { 0.0 },
        verdict: if right {
            Verdict::Correct
        } else {
            Verdict::Incorrect
        },
        answered_at: at,
        duration_ms: 3000,
    }
}

/// A profile whose learner answered `answers` (question, right, hours ago).
fn profile_with(data: &Path, profile: &str, answers: &[(&str, bool, i64)]) -> Progress {
    let now = Timestamp::now();
    let opened = DataDir::at(data).open(profile).expect("opens");
    let mut progress = opened.progress;
    for (id, right, hours_ago) in answers {
        let at = now - SignedDuration::from_hours(*hours_ago);
        progress.record_answer("essai-stats", &answer(id, *right, at), &TimeZone::UTC);
    }
    opened.store.save(&progress).expect("saves");
    progress
}

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().expect("runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn stats_on_a_new_data_dir_create_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("données");
    conseil(&data)
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("Profil « défaut » : 0 réponse"))
        .stdout(predicate::str::contains("Maîtrise par module"));
    assert!(!data.exists(), "reading stats creates no profile");
}

#[test]
fn stats_in_french_words_and_numbers() {
    let tmp = tempfile::tempdir().expect("temp dir");
    profile_with(
        tmp.path(),
        "Amélie",
        &[
            ("stats.q1", true, 50),
            ("stats.q2", false, 3),
            ("stats.q3", true, 2),
        ],
    );
    let text = stdout_of(conseil(tmp.path()).arg("stats"));
    assert!(
        text.contains("Profil « Amélie » : 3 réponses, dont 2 justes (67 %).\nQuestions : "),
        "{text}"
    );
    assert!(text.contains("Module d’essai des statistiques (essai-stats) : 0 question maîtrisée sur 3 (0 %), 3 vues, leçons lues : 0 sur 1"), "{text}");
    assert!(
        text.contains("Activité des 12 dernières semaines"),
        "{text}"
    );
    assert!(text.contains("Questions les plus fragiles\n  1. stats.q2 (essai-stats) : 0 % à la dernière réponse sur 1 réponse en tout"), "{text}");
    assert!(text.contains("À réviser maintenant : "), "{text}");
}

#[test]
fn stats_as_json_for_scripts() {
    let tmp = tempfile::tempdir().expect("temp dir");
    profile_with(
        tmp.path(),
        "Zoé",
        &[
            ("stats.q1", true, 5),
            ("stats.q1", false, 4),
            ("gone", true, 1),
        ],
    );
    let text = stdout_of(conseil(tmp.path()).args(["stats", "--json", "--profile", "Zoé"]));
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["profile"], "Zoé");
    // The question gone from the content is not counted.
    assert_eq!(json["answers"], 2);
    assert_eq!(json["correct"], 1);
    let module = json["modules"]
        .as_array()
        .expect("modules")
        .iter()
        .find(|m| m["module_id"] == "essai-stats")
        .expect("the test module");
    assert_eq!(module["questions"], 3);
    assert_eq!(module["seen"], 1);
    assert_eq!(
        json["activity"]["counts"].as_array().map(Vec::len),
        Some(84)
    );
    assert_eq!(json["weeks"].as_array().map(Vec::len), Some(12));
    assert_eq!(json["weakest"][0]["question_id"], "stats.q1");
}

#[test]
fn the_stage_date_is_stored_in_the_profile() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let in_five_days = Zoned::now().date().checked_add(5.days()).expect("date");
    conseil(tmp.path())
        .args([
            "--profile",
            "Zoé",
            "--stage-date",
            &in_five_days.to_string(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Date de stage enregistrée pour le profil « Zoé »",
        ))
        .stdout(predicate::str::contains("(J-5)"));
    conseil(tmp.path())
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains(": J-5."));
    let opened = DataDir::at(tmp.path())
        .open_read_only("Zoé")
        .expect("reads");
    assert_eq!(opened.progress.settings().stage_date, Some(in_five_days));
    conseil(tmp.path())
        .args(["--stage-date", "aucune"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Date de stage effacée"));
    conseil(tmp.path())
        .args(["--stage-date", "04/05/2026", "stats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("date invalide « 04/05/2026 »"));
}

#[test]
fn export_then_import_loses_nothing_on_either_side() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let laptop = tmp.path().join("portable");
    let office = tmp.path().join("bureau");
    let mine = profile_with(
        &laptop,
        "Zoé",
        &[("stats.q1", true, 30), ("stats.q2", false, 20)],
    );
    profile_with(&office, "Zoé", &[("stats.q3", true, 10)]);
    let file = tmp.path().join("zoé.json");
    conseil(&laptop)
        .args(["progress", "export"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("exportée dans"))
        .stdout(predicate::str::contains("2 réponses"));
    let exported = fs::read(&file).expect("written");
    conseil(&office)
        .args(["progress", "import"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Importé dans le profil « Zoé » depuis",
        ))
        .stdout(predicate::str::contains("2 réponses ajoutées (0 déjà là)"));
    let merged = DataDir::at(&office)
        .open_read_only("Zoé")
        .expect("reads")
        .progress;
    assert_eq!(merged.answer_count(), 3);
    for id in ["stats.q1", "stats.q2", "stats.q3"] {
        assert!(merged.question(id).is_some(), "{id} kept");
    }
    // Importing again adds nothing, and the exported file was only read.
    conseil(&office)
        .args(["progress", "import"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("Rien de nouveau"))
        .stdout(predicate::str::contains("2 réponses étaient déjà"));
    assert_eq!(fs::read(&file).expect("still there"), exported);
    let laptop_now = DataDir::at(&laptop)
        .open_read_only("Zoé")
        .expect("reads")
        .progress;
    assert_eq!(laptop_now, mine);
}

#[test]
fn import_refuses_a_damaged_file_and_leaves_it_alone() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("abîmé.json");
    fs::write(&file, b"{\"format_version\": 1, \"questions\": {").expect("write");
    conseil(&tmp.path().join("data"))
        .args(["progress", "import"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "n’est pas un fichier de progression lisible",
        ));
    assert_eq!(
        fs::read(&file).expect("intact"),
        b"{\"format_version\": 1, \"questions\": {"
    );
}

#[test]
fn a_profile_open_elsewhere_is_read_but_not_written() {
    let tmp = tempfile::tempdir().expect("temp dir");
    profile_with(tmp.path(), "Zoé", &[("stats.q1", true, 1)]);
    let held = DataDir::at(tmp.path()).open("Zoé").expect("held open");
    conseil(tmp.path())
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("Profil « Zoé » : 1 réponse"));
    let file = tmp.path().join("export.json");
    conseil(tmp.path())
        .args(["progress", "export"])
        .arg(&file)
        .assert()
        .success();
    conseil(tmp.path())
        .args(["progress", "import"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "déjà ouvert dans une autre fenêtre",
        ))
        .stderr(predicate::str::contains("fermez l’autre fenêtre"));
    drop(held);
}

#[test]
fn profile_mistakes_are_usage_errors() {
    let tmp = tempfile::tempdir().expect("temp dir");
    profile_with(tmp.path(), "Zoé", &[]);
    conseil(tmp.path())
        .args(["stats", "--profile", "Inconnu"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pas de profil « Inconnu »"))
        .stderr(predicate::str::contains("profils existants : Zoé"));
    conseil(tmp.path())
        .args(["stats", "--profile", "../ailleurs"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ne peut pas contenir « / »"));
    profile_with(tmp.path(), "Bruno", &[]);
    conseil(tmp.path())
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "plusieurs profils existent (Bruno, Zoé)",
        ));
}

#[test]
fn the_data_dir_may_come_from_the_environment() {
    let tmp = tempfile::tempdir().expect("temp dir");
    profile_with(tmp.path(), "Zoé", &[("stats.q1", true, 1)]);
    let mut cmd = Command::cargo_bin("conseil").expect("binary built");
    cmd.env_remove("CONSEIL_CONTENT")
        .env("CONSEIL_DATA_DIR", tmp.path())
        .arg("--content")
        .arg(content())
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("Profil « Zoé » : 1 réponse"));
}
