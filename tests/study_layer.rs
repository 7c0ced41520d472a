//! One study layer under both front ends: with the same seed, the full-screen app and the
//! plain mode play the same session on the same profile, and they record answers alike.

mod support;

use std::path::{Path, PathBuf};

use conseil::content::load::Catalog;
use conseil::domain::exam::ExamConfig;
use conseil::store::profiles::DataDir;
use conseil::tui::action::Action;
use conseil::tui::app::App;
use conseil::tui::theme::Theme;

const MODULE: &str = "essai-texte";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plain")
}

/// `conseil --seed 7 ARGS --json` in plain mode on `data`, answering nothing: the JSON events.
fn plain_events(data: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let output = support::conseil()
        .arg("--data-dir")
        .arg(data)
        .arg("--content")
        .arg(fixture())
        .args(["--seed", "7"])
        .args(args)
        .arg("--json")
        .write_stdin("")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON event a line"))
        .collect()
}

/// The app with `--seed 7` on the profile « défaut » of `data`.
fn app(data: &Path) -> App {
    let data = DataDir::at(data, &support::clock());
    let opened = data.open("défaut").expect("opens");
    App::new(
        Catalog::load(&[fixture()]),
        Theme::monochrome(),
        Some(7),
        support::clock(),
    )
    .with_learner(data, Some(opened))
}

#[test]
fn the_same_seed_gives_the_same_quiz_in_both_front_ends() {
    let tmp = tempfile::tempdir().expect("temp dir");
    plain_events(tmp.path(), &["quiz", MODULE]);
    // Interrupted at the first question: plain mode left its quiz to resume.
    let mut saved = DataDir::at(tmp.path(), &support::clock())
        .open_read_only("défaut")
        .expect("reads")
        .progress;
    conseil::study::practice::draw_sessions(&mut saved, &Catalog::load(&[fixture()]));
    let left = saved
        .sessions()
        .first()
        .copied()
        .expect("a quiz to resume")
        .clone();

    let mut app = app(tmp.path());
    let module = app
        .catalog
        .modules
        .iter()
        .position(|m| m.id == MODULE)
        .expect("the module");
    // A new quiz (not the one left to resume), drawn from the same seed.
    app.apply(Action::StartQuiz {
        module,
        restart: true,
    });
    let playing = app.playing().expect("a quiz");
    assert_eq!(playing.question_ids, left.question_ids);
    assert_eq!(playing.seed, left.seed);
}

#[test]
fn the_same_seed_draws_the_same_exam_in_both_front_ends() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let events = plain_events(
        tmp.path(),
        &[
            "exam",
            "--questions",
            "5",
            "--minutes",
            "20",
            "--modules",
            MODULE,
        ],
    );
    // An interrupted exam is corrected in full: every question drawn, in order.
    let drawn: Vec<&str> = events
        .iter()
        .filter(|e| e["type"] == "result")
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert_eq!(drawn.len(), 5);

    let mut app = app(tmp.path());
    app.apply(Action::StartExam {
        config: ExamConfig {
            modules: vec![MODULE.into()],
            questions: 5,
            minutes: Some(20),
            ..ExamConfig::default()
        },
        restart: true,
    });
    let playing = app.playing().expect("an exam");
    assert_eq!(playing.question_ids, drawn);
}
