//! A choice that decides the score alone (EDN rules: an indispensable choice left, an
//! inacceptable one ticked) is named with why on every screen that grades: the quiz's
//! feedback, the plain mode's result, the exam's results.

use conseil::clock::Clock;
use conseil::content::load::{Catalog, read_document};
use conseil::domain::exam::ExamReport;
use conseil::domain::question::Response;
use conseil::domain::session::{QuizSession, SessionKind};
use conseil::tui::app::App;
use conseil::tui::screens::Screen;
use conseil::tui::screens::exam::ExamResultsScreen;
use conseil::tui::theme::Theme;
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

mod support;

const SAID: &str = "Réponse inacceptable cochée : « Lui lire le certificat ».";

/// A fictive module whose only question has an inacceptable choice.
fn module() -> serde_json::Value {
    json!({
        "format_version": 1,
        "id": "essai-edn",
        "title": "Règles de l’EDN",
        "summary": "Un module fictif.",
        "valid_as_of": "2026-11-01",
        "sources": [{"id": "s", "label": "Source fictive"}],
        "lessons": [],
        "questions": [{
            "kind": "multiple", "id": "edn.employeur", "sources": ["s"],
            "prompt": "Un employeur vous demande le motif d’un arrêt. Que faites-vous ?",
            "explanation": "Le motif est couvert par le secret médical.",
            "choices": [
                {"text": "Refuser de donner le motif"},
                {"text": "Expliquer le secret médical"},
                {"text": "Lui lire le certificat", "inacceptable": true},
                {"text": "Lui donner le diagnostic"}
            ],
            "correct": [0, 1]
        }]
    })
}

fn catalog() -> Catalog {
    let text = serde_json::to_string(&module()).expect("JSON");
    let catalog = Catalog::from_reports(vec![read_document("edn.json", text.as_bytes())]);
    assert!(
        catalog.problems.iter().all(|p| !p.has_errors()),
        "{:?}",
        catalog.problems
    );
    catalog
}

fn t0() -> Timestamp {
    Timestamp::from_second(1_795_000_000).expect("valid time")
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| app.draw(f)).expect("draws");
    terminal.backend().to_string()
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

#[test]
fn the_quiz_feedback_says_which_choice_gave_zero() {
    let clock = Clock::fixed(t0(), jiff::tz::TimeZone::UTC);
    let mut app = App::new(catalog(), Theme::monochrome(), Some(7), clock);
    // « Continuer » first, then the module; its quiz.
    for code in [KeyCode::Down, KeyCode::Enter, KeyCode::Char('z')] {
        key(&mut app, code);
    }
    assert!(matches!(app.screen(), Screen::Quiz(_)));
    // Every choice ticked, whatever their order: the inacceptable one among them.
    for c in ['a', 'b', 'c', 'd'] {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("Incorrect"), "{shown}");
    assert!(shown.contains(SAID), "{shown}");
}

#[test]
fn the_plain_result_says_it_in_text_and_json() {
    let content = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        content.path().join("edn.json"),
        serde_json::to_string(&module()).expect("JSON"),
    )
    .expect("writes");
    let data = tempfile::tempdir().expect("temp dir");
    let run = |format: &str| {
        let output = support::conseil()
            .arg("--data-dir")
            .arg(data.path())
            .arg("--content")
            .arg(content.path())
            .args(["quiz", "essai-edn", format])
            .write_stdin("A B C D\n")
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let text = run("--plain");
    assert!(text.contains(SAID), "{text}");
    let json = run("--json");
    let result = json
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON"))
        .find(|e| e["type"] == "result")
        .expect("a result event");
    assert!(
        result["decisive"][0]
            .as_str()
            .is_some_and(|s| s.starts_with(SAID)),
        "{result}"
    );
}

#[test]
fn the_exam_results_say_it_under_the_answer() {
    let catalog = catalog();
    let f = support::ScreenFixture::new(catalog);
    let mut session = QuizSession::new(
        SessionKind::Exam {
            time_limit_secs: None,
            pass_mark: 0.8,
        },
        vec!["edn.employeur".into()],
        3,
        t0(),
    );
    let question = f.index.get("edn.employeur").expect("known");
    session
        .answer(question, Response::Choices(vec![0, 1, 2]), t0(), 1000)
        .expect("answered");
    let report = ExamReport::compute(&session, &f.catalog.modules);
    let results = Screen::ExamResults(ExamResultsScreen::new(report, session));
    let shown = f.draw(&results, 120, 40);
    assert!(shown.contains(SAID), "{shown}");
}
