//! One study layer under both front ends: with the same seed, the full-screen app and the
//! plain mode play the same session on the same profile, and they record answers alike.

mod support;

use std::path::{Path, PathBuf};

use conseil::content::load::Catalog;
use conseil::domain::exam::ExamConfig;
use conseil::domain::question::Response;
use conseil::domain::session::{QuizSession, SessionKind};
use conseil::store::profiles::DataDir;
use conseil::study::practice::REVIEW_BATCH;
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

/// A quiz of `essai-texte` on two questions, true/false then short, left to resume in the
/// profile « défaut » of `data`.
fn leave_a_quiz(data: &Path) {
    let opened = DataDir::at(data, &support::clock())
        .open("défaut")
        .expect("opens");
    let kind = SessionKind::Module {
        module_id: MODULE.into(),
    };
    let ids = vec!["texte.vf".to_owned(), "texte.court".to_owned()];
    let session = QuizSession::new(kind, ids, 7, support::now());
    opened.store.save(&opened.progress).expect("saves");
    drop(opened);
    // Written with its list of ids, as a hand-edited file or an older format holds it: a
    // module's quiz is otherwise kept by its seed, and two questions are not what the seed
    // draws from the module.
    let file = data.join("profiles/défaut/progress.json");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("reads")).expect("JSON");
    json["sessions"] = serde_json::json!({ "module:essai-texte": session });
    std::fs::write(&file, serde_json::to_vec(&json).expect("JSON")).expect("writes");
}

/// `conseil quiz essai-texte --json` on `data` at `now`, typing `lines`: the JSON events.
fn plain_quiz(data: &Path, now: &str, lines: &str) -> Vec<serde_json::Value> {
    let output = support::conseil()
        .env("CONSEIL_NOW", now)
        .arg("--data-dir")
        .arg(data)
        .arg("--content")
        .arg(fixture())
        .args(["quiz", MODULE, "--json"])
        .write_stdin(lines)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON event a line"))
        .collect()
}

fn of_type<'a>(events: &'a [serde_json::Value], kind: &str) -> Vec<&'a serde_json::Value> {
    events.iter().filter(|e| e["type"] == kind).collect()
}

#[test]
fn a_question_missed_comes_back_in_the_session_alike_in_both_front_ends() {
    const RIGHT: &str = "Échelon local du service médical";
    // Plain mode: « vrai » is wrong; the quiz is left there, then resumed.
    let tmp = tempfile::tempdir().expect("temp dir");
    leave_a_quiz(tmp.path());
    let first = plain_quiz(tmp.path(), support::NOW, "v\n");
    let notices: Vec<&str> = of_type(&first, "notice")
        .iter()
        .filter_map(|e| e["message"].as_str())
        .collect();
    assert!(
        notices.contains(&"Cette question reviendra un peu plus loin dans la séance."),
        "{first:?}"
    );
    // Fewer than three questions are left: it comes back at the end, and the session kept
    // to resume says so.
    let saved = DataDir::at(tmp.path(), &support::clock())
        .open_read_only("défaut")
        .expect("reads")
        .progress;
    let kept = saved.sessions().first().copied().expect("kept").clone();
    assert_eq!(kept.question_ids, ["texte.vf", "texte.court", "texte.vf"]);
    let rest = plain_quiz(
        tmp.path(),
        "2026-12-08T10:05:00+01:00",
        &format!("{RIGHT}\nf\n"),
    );
    let asked: Vec<&str> = of_type(&rest, "question")
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert_eq!(asked, ["texte.court", "texte.vf"]);
    let end = of_type(&rest, "end")[0];
    // The first answer to each question counts: 1 of 2.
    assert_eq!(
        (end["answered"].as_u64(), end["total"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(end["score"].as_f64(), Some(1.0));
    let plain_progress = DataDir::at(tmp.path(), &support::clock())
        .open_read_only("défaut")
        .expect("reads")
        .progress;

    // The app, on the same quiz, given the same answers, a minute apart.
    let other = tempfile::tempdir().expect("temp dir");
    leave_a_quiz(other.path());
    let ticks = std::rc::Rc::new(std::cell::Cell::new(support::now()));
    let clock = {
        let ticks = std::rc::Rc::clone(&ticks);
        conseil::clock::Clock::new(
            move || {
                let now = ticks.get();
                ticks.set(now + jiff::SignedDuration::from_mins(1));
                now
            },
            support::paris(),
        )
    };
    let data = DataDir::at(other.path(), &support::clock());
    let opened = data.open("défaut").expect("opens");
    let mut app = App::new(
        Catalog::load(&[fixture()]),
        Theme::monochrome(),
        Some(7),
        clock,
    )
    .with_learner(data, Some(opened));
    app.apply(Action::Resume(format!("module:{MODULE}")));
    app.apply(Action::Submit(Response::Bool(true)));
    assert_eq!(
        app.playing().map(|s| s.question_ids.clone()),
        Some(kept.question_ids.clone())
    );
    app.apply(Action::Next);
    app.apply(Action::Submit(Response::Text(RIGHT.into())));
    app.apply(Action::Next);
    assert_eq!(app.playing().and_then(|s| s.current_id()), Some("texte.vf"));
    app.apply(Action::Submit(Response::Bool(false)));
    app.apply(Action::Next);
    assert!(app.playing().is_none(), "finished");
    let module = |p: &conseil::domain::progress::Progress| {
        p.module(MODULE)
            .and_then(|m| m.last)
            .map(|s| (s.score, s.out_of))
    };
    assert_eq!(module(app.progress()), Some((1.0, 2)));
    assert_eq!(module(app.progress()), module(&plain_progress));
    assert_eq!(app.progress().answer_count(), plain_progress.answer_count());
    assert_eq!(app.progress().answer_count(), 3);
}

#[test]
fn a_review_asks_the_same_batch_in_both_front_ends() {
    // Two days before the stage every question never seen is due: far more than a batch.
    let plain_dir = tempfile::tempdir().expect("temp dir");
    let output = support::conseil()
        .arg("--data-dir")
        .arg(plain_dir.path())
        .args(["--stage-date", "2026-12-10", "review", "--json"])
        .write_stdin("")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let events: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON event a line"))
        .collect();
    let start = of_type(&events, "start")[0];
    assert_eq!(start["total"].as_u64(), Some(REVIEW_BATCH as u64));
    let plain = DataDir::at(plain_dir.path(), &support::clock())
        .open_read_only("défaut")
        .expect("reads")
        .progress;
    let plain_ids = plain
        .sessions()
        .first()
        .expect("a review kept")
        .question_ids
        .clone();

    let app_dir = tempfile::tempdir().expect("temp dir");
    let data = DataDir::at(app_dir.path(), &support::clock());
    let mut opened = data.open("défaut").expect("opens");
    opened
        .progress
        .set_stage_date(Some(jiff::civil::date(2026, 12, 10)), support::now());
    opened.store.save(&opened.progress).expect("saves");
    drop(opened);
    let mut app = App::new(
        Catalog::load(&[]),
        Theme::monochrome(),
        Some(7),
        support::clock(),
    )
    .with_learner(data.clone(), Some(data.open("défaut").expect("opens")));
    app.apply(Action::StartReview);
    let playing = app.playing().expect("a review");
    assert_eq!(playing.len(), REVIEW_BATCH);
    assert_eq!(playing.question_ids, plain_ids);
}
