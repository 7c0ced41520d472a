//! The exam setup and results screens on ratatui's TestBackend, driven by keys.

use conseil::content::load::{Catalog, read_document};
use conseil::domain::exam::{ExamConfig, ExamReport};
use conseil::domain::question::Response;
use conseil::domain::session::{QuizSession, SessionKind};
use conseil::tui::action::Action;
use conseil::tui::screens::Screen;
use conseil::tui::screens::exam::{ExamResultsScreen, ExamSetupScreen};
use insta::assert_snapshot;
use jiff::{SignedDuration, Timestamp};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

const MODULE: &str = include_str!("fixtures/ui/module.json");
const STATS_MODULE: &str = include_str!("fixtures/stats/essai-stats.json");

mod support;

use support::ScreenFixture as Fixture;

fn fixture() -> Fixture {
    Fixture::new(Catalog::from_reports(vec![
        read_document("module.json", MODULE.as_bytes()),
        read_document("essai-stats.json", STATS_MODULE.as_bytes()),
    ]))
}

/// Keys that change a setting and start nothing.
fn keys(f: &Fixture, screen: &mut Screen, codes: &[KeyCode]) {
    for code in codes {
        assert_eq!(f.key(screen, *code), None, "{code:?}");
    }
}

fn started(action: Option<Action>) -> ExamConfig {
    match action {
        Some(Action::StartExam { config, restart }) => {
            assert!(restart, "the setup starts a new exam");
            config
        }
        other => panic!("no exam started: {other:?}"),
    }
}

#[test]
fn setup_at_80x24_and_wide() {
    let f = fixture();
    let screen = Screen::ExamSetup(ExamSetupScreen::default());
    let shown = f.draw(&screen, 80, 24);
    for words in [
        "[x] Tous les modules · 10 questions de quiz",
        "[x] Module d’essai · 7 questions de quiz",
        "Durée",
        "20 min",
        "×1",
        "80 %",
        "10 questions tirées de 2 modules · 20 min · réussite à partir de 80 %.",
    ] {
        assert!(shown.contains(words), "« {words} » missing:\n{shown}");
    }
    assert_snapshot!("exam_setup_80x24", shown);
    assert_snapshot!("exam_setup_140x40", f.draw(&screen, 140, 40));
}

#[test]
fn enter_alone_starts_the_default_exam() {
    let f = fixture();
    let mut screen = Screen::ExamSetup(ExamSetupScreen::default());
    let config = started(f.key(&mut screen, KeyCode::Enter));
    // Only 10 questions can be drawn (the open question and the case are left out).
    assert_eq!(
        config,
        ExamConfig {
            questions: 10,
            ..ExamConfig::default()
        }
    );
    assert_eq!(f.key(&mut screen, KeyCode::Char('q')), Some(Action::Back));
}

#[test]
fn every_setting_by_keys() {
    let f = fixture();
    let mut screen = Screen::ExamSetup(ExamSetupScreen::default());
    // Untick everything: nothing to draw from, so Enter explains instead of starting.
    keys(&f, &mut screen, &[KeyCode::Char(' ')]);
    assert_eq!(f.key(&mut screen, KeyCode::Enter), None);
    let shown = f.draw(&screen, 80, 24);
    assert!(shown.contains("Cochez au moins un module"), "{shown}");
    assert!(shown.contains("[ ] Tous les modules"), "{shown}");

    // Tick the first module only; 7 questions, then 5 by ←, then 6 by +.
    keys(
        &f,
        &mut screen,
        &[
            KeyCode::Down,
            KeyCode::Char(' '),
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Char('+'),
        ],
    );
    // Duration: 20 → 30 min; extra time ×1,5; pass mark 80 → 70 %.
    keys(
        &f,
        &mut screen,
        &[
            KeyCode::Down,
            KeyCode::Right,
            KeyCode::Down,
            KeyCode::Right,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Char('-'),
        ],
    );
    let shown = f.draw(&screen, 80, 24);
    for words in [
        "[-] Tous les modules",
        "◀ ×1,5 ▶",
        "45 min en tout",
        "◀ 70 % ▶",
    ] {
        assert!(shown.contains(words), "« {words} » missing:\n{shown}");
    }
    assert_snapshot!("exam_setup_set_80x24", shown);
    let config = started(f.key(&mut screen, KeyCode::Enter));
    assert_eq!(
        config,
        ExamConfig {
            modules: vec!["essai-ui".into()],
            questions: 6,
            minutes: Some(30),
            time_factor: 1.5,
            pass_mark: 0.7,
        }
    );

    // Past the last duration comes « sans limite »; extra time then has no object.
    keys(&f, &mut screen, &[KeyCode::Up, KeyCode::Up]);
    for _ in 0..6 {
        keys(&f, &mut screen, &[KeyCode::Right]);
    }
    let shown = f.draw(&screen, 80, 24);
    assert!(shown.contains("◀ sans limite ▶"), "{shown}");
    assert!(shown.contains("sans objet"), "{shown}");
    assert_eq!(started(f.key(&mut screen, KeyCode::Enter)).minutes, None);
}

fn click(f: &Fixture, screen: &mut Screen, column: u16, row: u16) -> Option<Action> {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mouse = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    screen.on_mouse(mouse, &f.ctx())
}

#[test]
fn mouse_ticks_a_module_and_starts() {
    let f = fixture();
    let mut screen = Screen::ExamSetup(ExamSetupScreen::default());
    let shown = f.draw(&screen, 80, 24);
    let row_of = |text: &str| {
        let row = shown
            .lines()
            .position(|l| l.contains(text))
            .expect("on screen");
        u16::try_from(row).expect("a row of the screen")
    };
    assert_eq!(click(&f, &mut screen, 10, row_of("statistiques")), None);
    assert!(
        f.draw(&screen, 80, 24)
            .contains("[ ] Module d’essai des statistiques")
    );
    let config = started(click(&f, &mut screen, 10, row_of("Commencer")));
    assert_eq!(config.modules, ["essai-ui"]);
    assert_eq!(config.questions, 7);
}

/// An exam on five questions: three right, one wrong typed answer, one left when time ran out.
fn finished_exam(f: &Fixture) -> (ExamReport, QuizSession) {
    let t0 = Timestamp::from_second(1_795_000_000).expect("valid time");
    let ids = ["stats.q1", "ui.tf", "stats.q3", "ui.short", "ui.numeric"];
    let mut session = QuizSession::new(
        SessionKind::Exam {
            time_limit_secs: Some(600),
            pass_mark: 0.8,
        },
        ids.iter().map(|id| (*id).to_owned()).collect(),
        3,
        t0,
    );
    let responses = [
        Response::Bool(false),
        Response::Bool(false),
        Response::Bool(true),
        Response::Text("le médecin du travail".into()),
    ];
    for ((id, response), n) in ids.iter().zip(responses).zip(1_i64..) {
        let question = f.index.get(id).expect("known question");
        let at = t0 + SignedDuration::from_secs(30 * n);
        assert!(session.answer(question, response, at, 30_000).is_some());
    }
    (ExamReport::compute(&session, &f.catalog.modules), session)
}

#[test]
fn results_at_80x24_and_wide() {
    let f = fixture();
    let (report, session) = finished_exam(&f);
    assert_eq!(
        (report.score, report.out_of, report.unanswered),
        (3.0, 5, 1)
    );
    assert!(!report.passed);
    let mut screen = Screen::ExamResults(ExamResultsScreen::new(report, session));
    let shown = f.draw(&screen, 80, 24);
    for words in [
        "✗ Non réussi",
        "Score : 3/5 (60 %) · seuil de réussite : 80 %",
        "1 question restée sans réponse, comptée fausse.",
        "1/3 · 33 %",
        "2/2 · 100 %",
        "✓ juste",
    ] {
        assert!(shown.contains(words), "« {words} » missing:\n{shown}");
    }
    assert_snapshot!("exam_results_80x24", shown);

    f.key(&mut screen, KeyCode::End);
    let end = f.draw(&screen, 80, 24);
    for words in [
        "✗ faux",
        "Votre réponse : le médecin du travail",
        // The right answer beside a wrong one, and beside a question left unanswered.
        "Bonne réponse : médecin traitant",
        "Votre réponse : sans réponse",
        "✗ sans réponse",
    ] {
        assert!(end.contains(words), "« {words} » missing:\n{end}");
    }
    assert_snapshot!("exam_results_80x24_end", end);
    f.key(&mut screen, KeyCode::Home);
    assert_eq!(f.draw(&screen, 80, 24), shown);

    assert_snapshot!("exam_results_120x40", f.draw(&screen, 120, 40));
    assert_eq!(f.key(&mut screen, KeyCode::Enter), Some(Action::Home));
    assert_eq!(f.key(&mut screen, KeyCode::Char('q')), Some(Action::Back));
    // The mistakes, the unanswered question among them, are offered again.
    assert!(shown.contains("r refaire les erreurs"), "{shown}");
    assert_eq!(
        f.key(&mut screen, KeyCode::Char('r')),
        Some(Action::RetryMistakes)
    );
}

#[test]
fn a_passed_exam_says_so_in_words() {
    let f = fixture();
    let (mut report, session) = finished_exam(&f);
    report.pass_mark = 0.6;
    report.passed = true;
    let shown = f.draw(
        &Screen::ExamResults(ExamResultsScreen::new(report, session)),
        80,
        24,
    );
    assert!(shown.contains("✓ Réussi — Score : 3/5 (60 %)"), "{shown}");
}
