//! `conseil stats`, `conseil progress export|import` and `--stage-date` as a user runs them,
//! each on a data dir of its own.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use conseil::domain::progress::Progress;
use conseil::domain::session::AnswerRecord;
use conseil::store::profiles::DataDir;
use jiff::civil::date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use predicates::prelude::*;

mod support;

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stats")
}

fn conseil(data: &Path) -> Command {
    let mut cmd = support::conseil();
    cmd.arg("--data-dir")
        .arg(data)
        .arg("--content")
        .arg(content());
    cmd
}

fn answer(id: &str, right: bool, at: Timestamp) -> AnswerRecord {
    support::true_false_answer(id, right, at, 3000)
}

/// A profile whose learner answered `answers` (question, right, hours before [`support::NOW`]).
fn profile_with(data: &Path, profile: &str, answers: &[(&str, bool, i64)]) -> Progress {
    let now = support::now();
    let opened = DataDir::at(data, &support::clock())
        .open(profile)
        .expect("opens");
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
        text.contains("Profil « Amélie » : 3 réponses, 67 % de réussite (2 justes).\nQuestions : "),
        "{text}"
    );
    // Two answered today, the one answered two days ago due again: three questions of 35 s.
    assert!(text.contains("Plan du jour\n  Objectif du jour : 3 questions, environ 2 min ; fait : 2 ; reste : 1 question, environ 1 min. Dans les temps.\n"), "{text}");
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
    // On Tuesday 8 December 2026 the grid starts on Monday 21 September and holds eleven
    // whole weeks and two days: the days still ahead this week are left out.
    assert_eq!(json["activity"]["first_day"], "2026-09-21");
    assert_eq!(
        json["activity"]["counts"].as_array().map(Vec::len),
        Some(11 * 7 + 2)
    );
    assert_eq!(json["weeks"].as_array().map(Vec::len), Some(12));
    assert_eq!(json["weakest"][0]["question_id"], "stats.q1");
}

/// `conseil stats --json` at `now` in `tz`, on a profile that answered at the instants given.
fn activity_at(now: &str, tz: &str, answered: &[&str]) -> serde_json::Value {
    let tmp = tempfile::tempdir().expect("temp dir");
    let opened = DataDir::at(tmp.path(), &support::clock())
        .open("Zoé")
        .expect("opens");
    let mut progress = opened.progress;
    for at in answered {
        let at: Timestamp = at.parse().expect("valid instant");
        progress.record_answer("essai-stats", &answer("stats.q1", true, at), &TimeZone::UTC);
    }
    opened.store.save(&progress).expect("saves");
    drop(opened.store);
    let text = stdout_of(
        conseil(tmp.path())
            .env("CONSEIL_NOW", now)
            .env("TZ", tz)
            .args(["stats", "--json"]),
    );
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    json["activity"].clone()
}

#[test]
fn the_activity_grid_ends_today_whatever_the_day() {
    // A week ends on Sunday: just before midnight the whole week is there, and the answer
    // given a minute earlier is in its last cell.
    let sunday = activity_at(
        "2026-12-13T23:59:59+01:00",
        "Europe/Paris",
        &["2026-12-13T22:58:00Z"],
    );
    assert_eq!(sunday["first_day"], "2026-09-21");
    let counts = sunday["counts"].as_array().expect("counts");
    assert_eq!(counts.len(), 12 * 7);
    assert_eq!(counts.last(), Some(&serde_json::json!(1)));
    // A second later it is Monday: a new week of one day, the oldest week gone.
    let monday = activity_at(
        "2026-12-14T00:00:00+01:00",
        "Europe/Paris",
        &["2026-12-13T22:58:00Z"],
    );
    assert_eq!(monday["first_day"], "2026-09-28");
    let counts = monday["counts"].as_array().expect("counts");
    assert_eq!(counts.len(), 11 * 7 + 1);
    assert_eq!(
        counts[counts.len() - 2],
        serde_json::json!(1),
        "yesterday's answer"
    );
    assert_eq!(counts.last(), Some(&serde_json::json!(0)));
}

#[test]
fn days_are_the_learners_own_far_from_paris() {
    // 23:30 on Sunday 31 January in Cayenne (UTC-3) is already Monday 1 February in Paris
    // and in UTC; it is 23:45 there when the learner looks.
    let answered = ["2027-02-01T02:30:00Z"];
    let cayenne = activity_at("2027-02-01T02:45:00Z", "America/Cayenne", &answered);
    let counts = cayenne["counts"].as_array().expect("counts");
    assert_eq!(counts.len(), 12 * 7, "still Sunday in Cayenne");
    assert_eq!(counts.last(), Some(&serde_json::json!(1)));
    let paris = activity_at("2027-02-01T02:45:00Z", "Europe/Paris", &answered);
    let counts = paris["counts"].as_array().expect("counts");
    assert_eq!(counts.len(), 11 * 7 + 1, "Monday in Paris");
    assert_eq!(counts.last(), Some(&serde_json::json!(1)));
    // 08:00 on Monday in Nouméa (UTC+11) is still Sunday evening in UTC.
    let noumea = activity_at(
        "2027-01-31T21:00:00Z",
        "Pacific/Noumea",
        &["2027-01-31T20:00:00Z"],
    );
    let counts = noumea["counts"].as_array().expect("counts");
    assert_eq!(noumea["first_day"], "2026-11-16");
    assert_eq!(counts.len(), 11 * 7 + 1, "Monday in Nouméa");
    assert_eq!(counts.last(), Some(&serde_json::json!(1)));
}

#[test]
fn the_stage_date_is_stored_in_the_profile() {
    let tmp = tempfile::tempdir().expect("temp dir");
    // Tuesday 8 December 2026 (support::NOW): the stage starts on Sunday 13.
    let in_five_days = date(2026, 12, 13);
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
    let opened = DataDir::at(tmp.path(), &support::clock())
        .open_read_only("Zoé")
        .expect("reads");
    assert_eq!(opened.progress.settings().stage_date, Some(in_five_days));
    conseil(tmp.path())
        .args(["--stage-date", "aucune"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Date de stage effacée"));
    // JJ/MM/AAAA too, and the date is said in full.
    conseil(tmp.path())
        .args(["--profile", "Zoé", "--stage-date", "13/12/2026"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "« Zoé » : dimanche 13 décembre 2026 (J-5).",
        ));
}

#[test]
fn a_past_or_impossible_stage_date_is_refused() {
    let tmp = tempfile::tempdir().expect("temp dir");
    // support::NOW is Tuesday 8 December 2026: the day before is past, the day itself is not.
    for (date, why) in [
        (
            "07/12/2026",
            "conseil stats : --stage-date : le lundi 7 décembre 2026 est passé : la date du stage doit être aujourd’hui (mardi 8 décembre 2026) ou plus tard",
        ),
        ("2026-11-31", "le 31 novembre 2026 n’existe pas"),
        (
            "29/02/2027",
            "le 29 février 2027 n’existe pas : février 2027 a 28 jours",
        ),
        ("8/12/26", "sur quatre chiffres"),
        ("2030-01-01", "à plus de 2 ans : vérifiez l’année"),
    ] {
        conseil(tmp.path())
            .args(["--stage-date", date, "stats"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(why));
    }
    assert!(!tmp.path().exists() || tmp.path().read_dir().expect("dir").next().is_none());
    conseil(tmp.path())
        .args(["--stage-date", "8/12/2026"])
        .assert()
        .success()
        .stdout(predicate::str::contains("mardi 8 décembre 2026 (jour J)."));
}

#[test]
fn the_stage_modules_are_chosen_with_a_flag() {
    let tmp = tempfile::tempdir().expect("temp dir");
    conseil(tmp.path())
        .args(["--stage-modules", "ssi, essai-stats,ssi"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Modules du stage enregistrés pour le profil « défaut » : ssi, essai-stats.",
        ));
    let modules = |tmp: &tempfile::TempDir| {
        DataDir::at(tmp.path(), &support::clock())
            .open_read_only("défaut")
            .expect("reads")
            .progress
            .settings()
            .stage_modules
            .clone()
    };
    assert_eq!(modules(&tmp), vec!["ssi", "essai-stats"]);
    // An unknown id changes nothing, and the ids to choose from are listed.
    conseil(tmp.path())
        .args(["--stage-modules", "ssi,secret", "--stage-date", "2026-12-20"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "conseil : --stage-modules : module inconnu « secret » ; modules disponibles : organisation, ",
        ))
        .stderr(predicate::str::contains("secret-medical"));
    assert_eq!(modules(&tmp), vec!["ssi", "essai-stats"]);
    conseil(tmp.path())
        .args(["--stage-modules", "tous"])
        .assert()
        .success()
        .stdout(predicate::str::contains(": tous les modules."));
    assert!(modules(&tmp).is_empty());
    conseil(tmp.path())
        .args(["--stage-modules", " , "])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("liste de modules vide"));
}

/// What `conseil stats` says of a stage on `stage` when run at `now` in Paris.
fn countdown_at(stage: &str, now: &str) -> String {
    let tmp = tempfile::tempdir().expect("temp dir");
    // Set at support::NOW, before every stage below: a past date would be refused.
    conseil(tmp.path())
        .args(["--stage-date", stage])
        .assert()
        .success();
    let text = stdout_of(conseil(tmp.path()).env("CONSEIL_NOW", now).arg("stats"));
    text.lines()
        .find(|l| l.starts_with("Stage "))
        .unwrap_or("no stage line")
        .to_owned()
}

#[test]
fn the_countdown_turns_at_midnight_local_time() {
    assert_eq!(
        countdown_at("2026-12-14", "2026-12-08T23:59:59+01:00"),
        "Stage le lundi 14 décembre 2026 : J-6."
    );
    assert_eq!(
        countdown_at("2026-12-14", "2026-12-09T00:00:00+01:00"),
        "Stage le lundi 14 décembre 2026 : J-5."
    );
    // Across the new year, and across 29 February.
    assert_eq!(
        countdown_at("2027-01-04", "2027-01-01T00:00:20+01:00"),
        "Stage le lundi 4 janvier 2027 : J-3."
    );
    assert_eq!(
        countdown_at("2028-03-01", "2028-02-28T12:00:00+01:00"),
        "Stage le mercredi 1er mars 2028 : J-2."
    );
    // The night the clocks go forward in Paris is a day like the others.
    assert_eq!(
        countdown_at("2027-03-29", "2027-03-28T01:59:30+01:00"),
        "Stage le lundi 29 mars 2027 : J-1."
    );
    assert_eq!(
        countdown_at("2027-03-29", "2027-03-28T03:00:30+02:00"),
        "Stage le lundi 29 mars 2027 : J-1."
    );
    assert_eq!(
        countdown_at("2027-03-29", "2027-03-29T00:00:00+02:00"),
        "Stage le lundi 29 mars 2027 : jour J."
    );
    assert_eq!(
        countdown_at("2027-03-29", "2027-03-30T00:00:00+02:00"),
        "Stage commencé le lundi 29 mars 2027."
    );
}

#[test]
fn a_malformed_clock_override_is_refused_in_french() {
    let tmp = tempfile::tempdir().expect("temp dir");
    conseil(tmp.path())
        .env("CONSEIL_NOW", "mardi dernier")
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "conseil : CONSEIL_NOW : « mardi dernier » n’est pas une date et heure valide",
        ));
    assert!(!tmp.path().exists() || tmp.path().read_dir().expect("dir").next().is_none());
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
    // A second export to the same file is refused without --force: nothing is overwritten.
    conseil(&office)
        .args(["progress", "export"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("existe déjà : rien n’a été écrit"));
    assert_eq!(fs::read(&file).expect("still there"), exported);
    conseil(&office)
        .args(["progress", "import"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Importé dans le profil « Zoé » depuis",
        ))
        .stdout(predicate::str::contains("2 réponses ajoutées (0 déjà là)"));
    let merged = DataDir::at(&office, &support::clock())
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
    let laptop_now = DataDir::at(&laptop, &support::clock())
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
    let held = DataDir::at(tmp.path(), &support::clock())
        .open("Zoé")
        .expect("held open");
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
    support::conseil()
        .env("CONSEIL_DATA_DIR", tmp.path())
        .arg("--content")
        .arg(content())
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("Profil « Zoé » : 1 réponse"));
}

#[test]
fn an_export_replaces_a_file_only_when_forced() {
    let tmp = tempfile::tempdir().expect("temp dir");
    profile_with(tmp.path(), "Zoé", &[("stats.q1", true, 3)]);
    let file = tmp.path().join("export.json");
    fs::write(&file, "à garder").expect("an earlier file");
    conseil(tmp.path())
        .args(["progress", "export"])
        .arg(&file)
        .assert()
        .code(1);
    assert_eq!(fs::read_to_string(&file).expect("kept"), "à garder");
    conseil(tmp.path())
        .args(["progress", "export", "--force"])
        .arg(&file)
        .assert()
        .success();
    assert!(
        fs::read_to_string(&file)
            .expect("written")
            .contains("format_version")
    );
}

/// Zoé's remark `text` on the first question of the quiz, left in plain mode on `data`.
fn remark_on(data: &Path, text: &str) {
    conseil(data)
        .args(["--profile", "Zoé", "quiz", "essai-stats", "--plain"])
        .write_stdin(format!("!{text}\n"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Remarque enregistrée"));
}

#[test]
fn remarks_travel_with_an_export_and_a_trainer_lists_them() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let laptop = tmp.path().join("portable");
    let office = tmp.path().join("bureau");
    remark_on(&laptop, "La source de cette question est introuvable.");
    remark_on(&office, "Coquille dans l’énoncé.");
    let file = tmp.path().join("zoé.json");
    conseil(&laptop)
        .args(["progress", "export"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 réponse et 1 remarque sur une question.",
        ));
    let exported: serde_json::Value =
        serde_json::from_slice(&fs::read(&file).expect("written")).expect("JSON");
    assert_eq!(
        exported["remarks"][0]["text"],
        "La source de cette question est introuvable."
    );
    assert_eq!(exported["remarks"][0]["module_id"], "essai-stats");
    assert_eq!(exported["remarks"][0]["valid_as_of"], "2026-01-15");

    // Merged on import: both sides' remarks, each once.
    conseil(&office)
        .args(["progress", "import"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 remarque sur une question"));
    conseil(&office)
        .args(["progress", "import"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("Rien de nouveau"));
    let merged = DataDir::at(&office, &support::clock())
        .open_read_only("Zoé")
        .expect("reads")
        .progress;
    let texts: Vec<&str> = merged.remarks().iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts.contains(&"Coquille dans l’énoncé."), "{texts:?}");

    // The trainer lists them, in French or in JSON.
    let listed = stdout_of(conseil(&office).args(["progress", "remarks"]));
    assert!(
        listed.starts_with("Remarques sur des questions dans le profil « Zoé » : 2.\n"),
        "{listed}"
    );
    assert!(
        listed.contains("(module essai-stats, contenu à jour au 15 janvier 2026, conseil "),
        "{listed}"
    );
    assert!(
        listed.contains("\n  La source de cette question est introuvable.\n"),
        "{listed}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        conseil(&office).args(["progress", "remarks", "--json"]),
    ))
    .expect("JSON");
    let remarks = json["remarks"].as_array().expect("a list");
    assert_eq!(remarks.len(), 2);
    assert!(remarks.iter().all(|r| {
        r["from"] == "le profil « Zoé »"
            && r["question_id"]
                .as_str()
                .is_some_and(|id| id.starts_with("stats.q"))
    }));
    // From the files learners sent, without a profile of the trainer's own.
    let trainer = tmp.path().join("formateur");
    let from_file = stdout_of(conseil(&trainer).args(["progress", "remarks"]).arg(&file));
    assert!(from_file.contains(" : 1.\n"), "{from_file}");
    assert!(from_file.contains("introuvable"), "{from_file}");
    assert!(!trainer.join("profiles").exists(), "nothing was created");
}
