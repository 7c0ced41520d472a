//! Open answers and remarks on the full-screen app, on TestBackend: the editor of an avis
//! (several lines, scrolling), the model answer beside or under the learner's text, the key
//! points she ticks and the grade they propose; « Signaler » on any question.

use conseil::clock::Clock;
use conseil::content::load::{Catalog, read_document};
use conseil::domain::question::{Response, SelfGrade};
use conseil::tui::app::App;
use conseil::tui::screens::Screen;
use conseil::tui::theme::Theme;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use serde_json::json;

/// The open question with a checklist of three key points.
fn with_checklist() -> serde_json::Value {
    json!({
        "kind": "open", "id": "avis.employeur", "sources": ["s"],
        "prompt": "Un employeur vous demande au téléphone le motif de l’arrêt de travail d’un salarié. Que lui répondez-vous ?",
        "explanation": "Le secret médical ne se partage pas avec l’employeur.",
        "model_answer": "Je refuse poliment de donner le motif : il est couvert par le secret médical, que l’employeur ne partage pas. Je lui explique que le service médical ne lui communique aucune information médicale, et je note son appel.",
        "checklist": ["Refuser de donner le motif", "Expliquer le secret médical", "Noter l’appel"]
    })
}

/// The open question without a checklist: its key points are its model answer's bullets.
fn with_bullets() -> serde_json::Value {
    json!({
        "kind": "open", "id": "avis.puces", "sources": ["s"],
        "prompt": "Même situation : rédigez votre réponse en trois points.",
        "explanation": "Trois gestes suffisent.",
        "model_answer": "Ma réponse tient en trois points :\n\n- **refuser** la demande ;\n- expliquer le secret ;\n- noter l’appel."
    })
}

/// A fictive module whose quiz is `questions`.
fn catalog(questions: &[serde_json::Value]) -> Catalog {
    let module = json!({
        "format_version": 1,
        "id": "essai-avis",
        "title": "Rédiger un avis",
        "summary": "Un module fictif.",
        "valid_as_of": "2026-11-01",
        "sources": [{"id": "s", "label": "Source fictive"}],
        "lessons": [],
        "questions": questions,
    });
    let text = serde_json::to_string(&module).expect("JSON");
    let catalog = Catalog::from_reports(vec![read_document("avis.json", text.as_bytes())]);
    assert!(
        catalog.problems.iter().all(|p| !p.has_errors()),
        "{:?}",
        catalog.problems
    );
    catalog
}

fn t0() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_795_000_000).expect("valid time")
}

/// The quiz of a module made of `question` alone, on screen.
fn quiz_of(question: serde_json::Value) -> App {
    let clock = Clock::fixed(t0(), jiff::tz::TimeZone::UTC);
    let mut app = App::new(catalog(&[question]), Theme::monochrome(), Some(7), clock);
    // « Continuer » comes first on the home screen, the module second.
    keys(
        &mut app,
        &[KeyCode::Down, KeyCode::Enter, KeyCode::Char('z')],
    );
    assert!(matches!(app.screen(), Screen::Quiz(_)));
    app
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn keys(app: &mut App, codes: &[KeyCode]) {
    for code in codes {
        key(app, *code);
    }
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn click(app: &mut App, column: u16, row: u16) {
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| app.draw(frame)).expect("draw");
    terminal.backend().to_string()
}

/// The avis typed in the tests: fourteen lines, more than the editor shows at 80×24.
fn avis() -> Vec<String> {
    (1..=14)
        .map(|i| format!("Ligne {i} : je refuse, le motif est couvert par le secret."))
        .collect()
}

/// Types `lines`, Entrée between them.
fn type_lines(app: &mut App, lines: &[String]) {
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            key(app, KeyCode::Enter);
        }
        type_text(app, line);
    }
}

#[test]
fn an_avis_is_written_over_several_lines_that_scroll() {
    let mut app = quiz_of(with_checklist());
    // Entrée makes a new line: nothing is sent, and an answer of blank lines is refused.
    keys(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
    ctrl(&mut app, 's');
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Réponse vide"), "{shown}");
    assert!(!shown.contains("Réponse modèle"), "{shown}");
    keys(&mut app, &[KeyCode::Backspace, KeyCode::Backspace]);

    type_lines(&mut app, &avis());
    let typed = screen(&app, 80, 24);
    assert!(typed.contains("Votre réponse — ligne 14 sur 14"), "{typed}");
    assert!(typed.contains("Ligne 14 :"), "{typed}");
    assert!(!typed.contains("Ligne 1 :"), "the editor scrolled: {typed}");
    assert!(typed.contains("Ctrl-S/F2 valider"), "{typed}");
    assert_snapshot!("open_typed_80x24", typed);

    // Back up to the first line: the editor scrolls back.
    for _ in 0..13 {
        key(&mut app, KeyCode::Up);
    }
    let top = screen(&app, 80, 24);
    assert!(top.contains("ligne 1 sur 14"), "{top}");
    assert!(
        top.contains("Ligne 1 :") && !top.contains("Ligne 14 :"),
        "{top}"
    );
    // q and ? are letters here, and the usual editing keys work.
    keys(&mut app, &[KeyCode::End]);
    type_text(&mut app, " q?");
    assert!(screen(&app, 80, 24).contains("secret. q?"));
    keys(
        &mut app,
        &[KeyCode::Backspace, KeyCode::Backspace, KeyCode::Backspace],
    );
    assert!(matches!(app.screen(), Screen::Quiz(_)));
}

#[test]
fn the_model_answer_comes_with_key_points_to_tick_and_a_proposed_grade() {
    let mut app = quiz_of(with_checklist());
    type_lines(&mut app, &avis()[..3]);
    // F2 sends too, for terminals where Ctrl-S is taken.
    key(&mut app, KeyCode::F(2));
    let checking = screen(&app, 80, 24);
    for expected in [
        "Votre réponse",
        "Ligne 3 :",
        "Réponse modèle",
        "[ ] A. Refuser de donner le motif",
        "[ ] C. Noter l’appel",
        "Points cochés : 0 sur 3. Note proposée : 3 à revoir.",
        "A, B… cocher · Entrée 1-3 noter",
    ] {
        assert!(
            checking.contains(expected),
            "no « {expected} »:\n{checking}"
        );
    }
    assert_snapshot!("open_checking_80x24", checking);
    // Wide enough, the learner's text stands beside the model answer.
    let wide = screen(&app, 120, 40);
    let row = wide
        .lines()
        .find(|l| l.contains("Ligne 1 :"))
        .expect("the avis is shown");
    assert!(row.contains("││Ligne 1 :"), "{wide}");
    assert_snapshot!("open_checking_120x40", wide);

    // Letters tick, a click ticks: the proposal follows.
    keys(&mut app, &[KeyCode::Char('a'), KeyCode::Char('c')]);
    let ticked = screen(&app, 80, 24);
    assert!(ticked.contains("[x] A. Refuser"), "{ticked}");
    assert!(
        ticked.contains("Points cochés : 2 sur 3. Note proposée : 2 en partie."),
        "{ticked}"
    );
    assert_snapshot!("open_ticked_80x24", ticked);
    let row = ticked
        .lines()
        .position(|l| l.contains("[ ] B. Expliquer"))
        .and_then(|r| u16::try_from(r).ok())
        .expect("point B shown");
    click(&mut app, 6, row);
    assert!(
        screen(&app, 80, 24).contains("Points cochés : 3 sur 3. Note proposée : 1 juste."),
        "{}",
        screen(&app, 80, 24)
    );

    // The learner may still choose: « 2 » against the proposal of « juste ».
    key(&mut app, KeyCode::Char('2'));
    let graded = screen(&app, 80, 24);
    assert!(
        graded.contains("◐ Partiellement correct (50 %)"),
        "{graded}"
    );
    assert!(
        graded.contains("Points à vérifier : 3 cochés sur 3"),
        "{graded}"
    );
    let answer = app
        .playing()
        .and_then(|s| s.answers.last())
        .expect("recorded");
    assert_eq!(
        answer.response,
        Response::SelfGraded {
            text: avis()[..3].join("\n"),
            grade: SelfGrade::Partly,
            ticked: vec![0, 1, 2],
        }
    );
    assert_snapshot!("open_graded_80x24", graded);
    // The text stays beside the model answer once graded, where there is room.
    let wide = screen(&app, 120, 40);
    assert!(
        wide.contains("││Ligne 1 :") && wide.contains("◐ Partiellement"),
        "{wide}"
    );
    assert_snapshot!("open_graded_120x40", wide);
}

#[test]
fn without_a_checklist_the_bullets_of_the_model_answer_are_the_points() {
    let mut app = quiz_of(with_bullets());
    type_text(&mut app, "Je refuse.");
    ctrl(&mut app, 's');
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("[ ] A. refuser la demande ;"), "{shown}");
    assert!(shown.contains("[ ] C. noter l’appel."), "{shown}");
    // Entrée takes the proposed grade: nothing ticked, « à revoir ».
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("✗ Incorrect"));
}

#[test]
fn without_any_key_point_the_learner_grades_herself() {
    let mut question = with_bullets();
    question["model_answer"] = json!("Je refuse poliment, en une phrase.");
    let mut app = quiz_of(question);
    type_text(&mut app, "Je refuse.");
    ctrl(&mut app, 's');
    let shown = screen(&app, 80, 24);
    assert!(!shown.contains("Note proposée"), "{shown}");
    assert!(!shown.contains("cocher"), "no point to tick: {shown}");
    assert!(shown.contains("1-3 noter"), "{shown}");
    assert!(
        shown.contains("1 juste · 2 en partie · 3 à revoir"),
        "{shown}"
    );
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("Notez-vous"));
    key(&mut app, KeyCode::Char('1'));
    assert!(screen(&app, 80, 24).contains("✓ Correct"));
}

#[test]
fn signaler_writes_a_remark_in_a_popup() {
    let mut app = quiz_of(with_checklist());
    // While the avis is typed, « ! » is a character and F3 reports.
    type_text(&mut app, "Attention !");
    assert!(app.progress().remarks().is_empty());
    assert!(screen(&app, 80, 24).contains("F3 signaler"));
    key(&mut app, KeyCode::F(3));
    let popup = screen(&app, 80, 24);
    assert!(
        popup.contains("Signaler un problème sur cette question"),
        "{popup}"
    );
    assert!(
        popup.contains("Entrée enregistrer · Échap annuler"),
        "{popup}"
    );
    // Échap gives it up; the avis is still there.
    key(&mut app, KeyCode::Esc);
    let back = screen(&app, 80, 24);
    assert!(!back.contains("Signaler un problème"), "{back}");
    assert!(back.contains("Attention !"), "{back}");

    // Once the model answer is shown, « ! » reports.
    ctrl(&mut app, 's');
    assert!(screen(&app, 80, 24).contains("! signaler"));
    key(&mut app, KeyCode::Char('!'));
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("Remarque vide"));
    type_text(&mut app, "La source citée date d’avant la réforme.");
    assert_snapshot!("report_popup_80x24", screen(&app, 80, 24));
    key(&mut app, KeyCode::Enter);
    let said = screen(&app, 80, 24);
    // This app keeps no profile on disk: it says so.
    assert!(said.contains("Remarque gardée pour cette séance"), "{said}");
    let remarks = app.progress().remarks();
    assert_eq!(remarks.len(), 1);
    let r = &remarks[0];
    assert_eq!(
        (r.question_id.as_str(), r.module_id.as_str()),
        ("avis.employeur", "essai-avis")
    );
    assert_eq!(r.text, "La source citée date d’avant la réforme.");
    assert_eq!(r.valid_as_of, Some(jiff::civil::date(2026, 11, 1)));
    assert_eq!(r.at, t0());
    // The question is still to grade, nothing was answered.
    assert!(app.playing().is_some_and(|s| s.answers.is_empty()));
}
