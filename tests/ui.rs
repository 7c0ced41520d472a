//! Every screen on ratatui's TestBackend, driven by keys, checked against insta snapshots.

use conseil::clock::Clock;
use conseil::content::load::{Catalog, read_document};
use conseil::tui::app::App;
use conseil::tui::screens::Screen;
use conseil::tui::theme::Theme;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const MODULE: &str = include_str!("fixtures/ui/module.json");
const GLOSSARY: &str = include_str!("fixtures/ui/glossary.json");

fn catalog() -> Catalog {
    Catalog::from_reports(vec![
        read_document("module.json", MODULE.as_bytes()),
        read_document("glossary.json", GLOSSARY.as_bytes()),
    ])
}

fn app() -> App {
    let t0 = jiff::Timestamp::from_second(1_795_000_000).expect("valid time");
    let ticks = std::cell::Cell::new(0i64);
    // Each reading of the clock is 4 seconds after the previous one: durations are stable.
    let clock = move || {
        ticks.set(ticks.get() + 4);
        t0 + jiff::SignedDuration::from_secs(ticks.get())
    };
    App::new(
        catalog(),
        Theme::monochrome(),
        Some(7),
        Clock::new(clock, jiff::tz::TimeZone::UTC),
    )
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn keys(app: &mut App, codes: &[KeyCode]) {
    for code in codes {
        key(app, *code);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| app.draw(frame)).expect("draw");
    terminal.backend().to_string()
}

/// Opens the test module from the home screen: « Continuer » comes first, the module second.
fn open_module(app: &mut App) {
    keys(app, &[KeyCode::Down, KeyCode::Enter]);
    assert!(matches!(app.screen(), Screen::Module(_)));
}

/// Opens the test module's quiz.
fn start_quiz(app: &mut App) {
    open_module(app);
    key(app, KeyCode::Char('z'));
}

/// The id of the question on screen.
fn current(app: &App) -> String {
    match app.screen() {
        Screen::Quiz(_) => app
            .playing()
            .and_then(|s| s.current_id())
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    }
}

/// Answers the current question rightly, whatever its kind, with the keys a learner uses.
fn answer_right(app: &mut App) {
    match current(app).as_str() {
        "ui.single" | "ui.multiple" | "ui.cas.suite" => {
            // The right choices are found on screen: their text is known.
            let shown = screen(app, 120, 40);
            for right in [
                "Un an",
                "Par profession",
                "En raison d’une mission temporaire",
                "Aucune donnée médicale",
            ] {
                if let Some(line) = shown.lines().find(|l| l.contains(right)) {
                    let at = line.find(". ").expect("a lettered choice");
                    let letter = line[..at].chars().last().expect("letter");
                    key(app, KeyCode::Char(letter.to_ascii_lowercase()));
                }
            }
            key(app, KeyCode::Enter);
        }
        "ui.tf" | "ui.cas.motif" => key(app, KeyCode::Char('f')),
        "ui.short" => {
            type_text(app, "Médecin traitant");
            key(app, KeyCode::Enter);
        }
        "ui.numeric" => {
            type_text(app, "15 000");
            key(app, KeyCode::Enter);
        }
        "ui.order" => {
            // Bubble each step up to its place, reading the screen.
            for (place, item) in ["par état", "par profession", "en raison d’une fonction"]
                .iter()
                .enumerate()
            {
                let shown = screen(app, 120, 40);
                let row = shown
                    .lines()
                    .filter(|l| l.contains(". par ") || l.contains(". en raison"))
                    .position(|l| {
                        l.ends_with(&format!("{item}  ")) || l.contains(&format!(". {item} "))
                    })
                    .expect("step on screen");
                keys(app, &[KeyCode::Home]);
                for _ in 0..row {
                    key(app, KeyCode::Down);
                }
                key(app, KeyCode::Char(' '));
                for _ in place..row {
                    key(app, KeyCode::Up);
                }
                key(app, KeyCode::Char(' '));
                // Back to the top for the next step.
                for _ in 0..4 {
                    key(app, KeyCode::Up);
                }
            }
            key(app, KeyCode::Enter);
        }
        "ui.match" => {
            let shown = screen(app, 120, 40);
            let letter_of = |text: &str| {
                let line = shown
                    .lines()
                    .find(|l| l.contains(&format!(". {text} ")) && !l.contains('→'))
                    .expect("right option on screen");
                let at = line.find(". ").expect("lettered");
                line[..at]
                    .chars()
                    .last()
                    .expect("letter")
                    .to_ascii_lowercase()
            };
            let (partage, non) = (letter_of("Partagé"), letter_of("Non partagé"));
            for c in [partage, non, non] {
                key(app, KeyCode::Char(c));
            }
            key(app, KeyCode::Enter);
        }
        "ui.open" => {
            type_text(app, "Je refuse.");
            keys(app, &[KeyCode::Enter, KeyCode::Char('1')]);
        }
        other => panic!("unexpected question {other}"),
    }
}

/// Starts the quiz and moves to the question `id`, answering the ones before it rightly.
fn quiz_at(id: &str) -> App {
    let mut app = app();
    start_quiz(&mut app);
    for _ in 0..8 {
        if current(&app) == id {
            return app;
        }
        answer_right(&mut app);
        key(&mut app, KeyCode::Enter);
    }
    panic!("question {id} never came");
}

#[test]
fn home_at_80x24_and_wide() {
    let app = app();
    assert_snapshot!("home_80x24", screen(&app, 80, 24));
    assert_snapshot!("home_140x40", screen(&app, 140, 40));
}

#[test]
fn home_shows_modules_that_failed_to_load() {
    let mut reports = vec![read_document("module.json", MODULE.as_bytes())];
    reports.push(read_document("casse.json", b"{\"format_version\": 1,"));
    let t0 = jiff::Timestamp::from_second(1_795_000_000).expect("valid time");
    let app = App::new(
        Catalog::from_reports(reports),
        Theme::monochrome(),
        Some(1),
        Clock::fixed(t0, jiff::tz::TimeZone::UTC),
    );
    let shown = screen(&app, 100, 24);
    assert!(shown.contains("⚠ casse.json non chargé"), "{shown}");
    assert!(shown.contains("Module d’essai"), "{shown}");
}

#[test]
fn module_and_lesson() {
    let mut app = app();
    open_module(&mut app);
    assert_snapshot!("module_80x24", screen(&app, 80, 24));
    key(&mut app, KeyCode::Enter);
    assert_snapshot!("lesson_80x24", screen(&app, 80, 24));
    assert_snapshot!("lesson_120x40", screen(&app, 120, 40));
    keys(&mut app, &[KeyCode::Right]);
    assert!(screen(&app, 80, 24).contains("Le partage"));
    // Enter starts the module's quiz from any lesson.
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen(), Screen::Quiz(_)));
}

#[test]
fn every_kind_before_and_after_answering() {
    for id in [
        "ui.single",
        "ui.multiple",
        "ui.tf",
        "ui.short",
        "ui.numeric",
        "ui.order",
        "ui.match",
        "ui.open",
    ] {
        let mut app = quiz_at(id);
        let name = id.trim_start_matches("ui.");
        assert_snapshot!(format!("{name}_before"), screen(&app, 80, 24));
        assert_snapshot!(format!("{name}_before_120x40"), screen(&app, 120, 40));
        answer_right(&mut app);
        let after = screen(&app, 80, 24);
        assert!(after.contains("✓ Correct"), "{id}: {after}");
        assert_snapshot!(format!("{name}_after"), after);
        assert_snapshot!(format!("{name}_after_120x40"), screen(&app, 120, 40));
    }
}

#[test]
fn wrong_answer_says_incorrect_in_words() {
    let mut app = quiz_at("ui.tf");
    key(&mut app, KeyCode::Char('v'));
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("✗ Incorrect"), "{shown}");
    assert!(shown.contains("✗ votre réponse"), "{shown}");
    assert!(shown.contains("Faux  ✓ bonne réponse"), "{shown}");
    assert_snapshot!("tf_wrong_120x40", shown);
}

#[test]
fn numeric_refuses_what_is_not_a_number() {
    let mut app = quiz_at("ui.numeric");
    type_text(&mut app, "quinze mille");
    key(&mut app, KeyCode::Enter);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Ce n’est pas un nombre"), "{shown}");
    assert_eq!(current(&app), "ui.numeric", "nothing was graded");
}

#[test]
fn q_and_question_mark_are_letters_in_text_fields() {
    let mut app = quiz_at("ui.short");
    type_text(&mut app, "qui ?");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("qui ?"), "{shown}");
    assert!(matches!(app.screen(), Screen::Quiz(_)), "q did not leave");
}

#[test]
fn results_and_retry_mistakes() {
    let mut app = app();
    start_quiz(&mut app);
    for _ in 0..8 {
        // Everything right but the true/false question.
        if current(&app) == "ui.tf" {
            key(&mut app, KeyCode::Char('v'));
        } else {
            answer_right(&mut app);
        }
        key(&mut app, KeyCode::Enter);
    }
    assert!(matches!(app.screen(), Screen::Results(_)));
    assert_snapshot!("results_80x24", screen(&app, 80, 24));
    assert_snapshot!("results_120x40", screen(&app, 120, 40));
    key(&mut app, KeyCode::Char('r'));
    assert_eq!(current(&app), "ui.tf");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Question 1/1"), "{shown}");
}

#[test]
fn case_steps_unfold_one_at_a_time() {
    let mut app = app();
    open_module(&mut app);
    key(&mut app, KeyCode::End);
    // The module screen lists the case last.
    for _ in 0..3 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    let first = screen(&app, 80, 24);
    assert!(first.contains("Étape 1/2"), "{first}");
    assert!(
        !first.contains("La suite"),
        "later steps stay hidden: {first}"
    );
    assert_snapshot!("case_step_80x24", first);
    assert_snapshot!("case_step_120x40", screen(&app, 120, 40));
    key(&mut app, KeyCode::Enter);
    assert_eq!(current(&app), "ui.cas.motif");
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Enter);
    let second = screen(&app, 80, 24);
    assert!(second.contains("Étape 2/2 : La suite"), "{second}");
}

#[test]
fn glossary_search() {
    let mut app = app();
    key(&mut app, KeyCode::Char('g'));
    assert_snapshot!("glossary_80x24", screen(&app, 80, 24));
    type_text(&mut app, "echelon");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("ELSM"), "{shown}");
    assert!(!shown.contains("CPAM"), "{shown}");
    assert_snapshot!("glossary_search_80x24", shown);
    assert_snapshot!("glossary_search_120x40", screen(&app, 120, 40));
}

#[test]
fn help_overlay_and_too_small() {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    assert_snapshot!("help_80x24", screen(&app, 80, 24));
    key(&mut app, KeyCode::Char('x'));
    assert!(!screen(&app, 80, 24).contains("Aide — touches"));
    assert_snapshot!("too_small_40x10", screen(&app, 40, 10));
    assert_snapshot!("help_120x40", {
        key(&mut app, KeyCode::Char('?'));
        screen(&app, 120, 40)
    });
}

#[test]
fn escape_goes_back_and_ctrl_c_quits() {
    let mut app = app();
    open_module(&mut app);
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen(), Screen::Lesson(_)));
    keys(&mut app, &[KeyCode::Esc, KeyCode::Char('q')]);
    assert!(matches!(app.screen(), Screen::Home(_)));
    assert!(!app.quit);
    app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(app.quit);
}

fn click(app: &mut App, column: u16, row: u16) {
    use ratatui::crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

fn wheel_down(app: &mut App) {
    use ratatui::crossterm::event::{Event, MouseEvent, MouseEventKind};
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 40,
        row: 10,
        modifiers: KeyModifiers::NONE,
    }));
}

#[test]
fn mouse_clicks_a_module_and_a_choice() {
    let mut app = app();
    let shown = screen(&app, 80, 24);
    // The module's row, not « Continuer », which names it too.
    let row = shown
        .lines()
        .position(|l| l.contains("Module d’essai") && l.contains("étapes"))
        .and_then(|r| u16::try_from(r).ok())
        .expect("module listed");
    click(&mut app, 10, row);
    assert!(matches!(app.screen(), Screen::Module(_)));

    let mut app = quiz_at("ui.single");
    let shown = screen(&app, 80, 24);
    let row = shown
        .lines()
        .position(|l| l.contains("Un an"))
        .and_then(|r| u16::try_from(r).ok())
        .expect("choice shown");
    click(&mut app, 8, row);
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("✓ Correct"));
}

#[test]
fn wheel_scrolls_a_lesson() {
    let mut app = app();
    open_module(&mut app);
    key(&mut app, KeyCode::Enter);
    let before = screen(&app, 80, 18);
    for _ in 0..3 {
        wheel_down(&mut app);
    }
    let after = screen(&app, 80, 18);
    assert_ne!(before, after, "the lesson moved");
    assert!(!after.contains("│Le secret  "), "{after}");
}

#[test]
fn settings_screen() {
    let mut app = app();
    app.apply(conseil::tui::action::Action::OpenSettings);
    type_text(&mut app, "01/12/2026");
    assert_snapshot!("settings_80x24", screen(&app, 80, 24));
}

#[test]
fn lesson_tables_fit_the_window() {
    let mut app = app();
    open_module(&mut app);
    keys(&mut app, &[KeyCode::Enter, KeyCode::Right]);
    let shown = screen(&app, 70, 24);
    let top = shown
        .lines()
        .find(|l| l.contains('┌'))
        .expect("the table is drawn");
    assert!(
        top.contains('┐'),
        "the table's top border is on one line:\n{shown}"
    );
    assert!(shown.contains("Employeur"), "{shown}");
}

/// A module whose one question matches twelve items: its right options run past I, to the
/// letters that are also keys (j, k move, q leaves).
fn twelve_pairs() -> Catalog {
    let pairs: Vec<serde_json::Value> = (1..=12)
        .map(|i| serde_json::json!({"left": format!("Élément {i}"), "right": format!("Réponse {i}")}))
        .collect();
    let module = serde_json::json!({
        "format_version": 1,
        "id": "essai-douze",
        "title": "Douze associations",
        "summary": "Un module fictif.",
        "sources": [{"id": "s", "label": "Source fictive"}],
        "lessons": [],
        "questions": [{
            "kind": "match",
            "id": "douze.match",
            "prompt": "Associez chaque élément à sa réponse.",
            "explanation": "Chaque élément va avec la réponse de même numéro.",
            "sources": ["s"],
            "pairs": pairs,
        }],
    });
    let text = serde_json::to_string(&module).expect("JSON");
    Catalog::from_reports(vec![read_document("douze.json", text.as_bytes())])
}

#[test]
fn a_match_of_twelve_is_answered_with_the_letters_shown() {
    let t0 = jiff::Timestamp::from_second(1_795_000_000).expect("valid time");
    let clock = Clock::fixed(t0, jiff::tz::TimeZone::UTC);
    let catalog = twelve_pairs();
    assert!(
        catalog.problems.iter().all(|p| !p.has_errors()),
        "{:?}",
        catalog.problems
    );
    let mut app = App::new(catalog, Theme::monochrome(), Some(3), clock);
    start_quiz(&mut app);
    let session = app.playing().expect("the quiz").clone();
    let question = &app.catalog.modules[0].questions[0];
    let layout = conseil::domain::layout::Layout::of_session(question, &session, 0);
    let shown = screen(&app, 100, 40);
    // Twelve options need letters past I; none of them is a key of the quiz.
    assert!(shown.contains("L. "), "{shown}");
    assert!(!shown.contains("J. ") && !shown.contains("K. ") && !shown.contains("Q. "));
    // Left item i goes with right option i, shown at display position d: type its label.
    for i in 0..12 {
        let d = layout.rights.iter().position(|&r| r == i).expect("shown");
        let label = conseil::domain::layout::label(d);
        let c = label.chars().next().expect("a letter");
        keys(&mut app, &[KeyCode::Char(c.to_ascii_lowercase())]);
    }
    keys(&mut app, &[KeyCode::Enter]);
    let shown = screen(&app, 100, 40);
    assert!(shown.contains("✓ Correct"), "{shown}");
}

#[test]
fn the_terminal_cursor_stands_on_the_focused_item() {
    let mut app = quiz_at("ui.single");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal.draw(|f| app.draw(f)).expect("draw");
    let first = terminal.get_cursor_position().expect("cursor");
    let shown = terminal.backend().to_string();
    let row = shown.lines().nth(usize::from(first.y)).expect("row");
    assert!(row.contains("▶ ( ) A."), "{row}");
    key(&mut app, KeyCode::Down);
    terminal.draw(|f| app.draw(f)).expect("draw");
    let second = terminal.get_cursor_position().expect("cursor");
    assert_eq!((second.x, second.y), (first.x, first.y + 1));
}

#[test]
fn a_hostile_file_name_is_drawn_harmless() {
    let reports = vec![
        read_document("module.json", MODULE.as_bytes()),
        read_document(
            "x\u{1b}]52;c;cGF5bG9hZA==\u{7}\u{202e}.json",
            b"{\"format_version\": 1,",
        ),
    ];
    let t0 = jiff::Timestamp::from_second(1_795_000_000).expect("valid time");
    let app = App::new(
        Catalog::from_reports(reports),
        Theme::monochrome(),
        Some(1),
        Clock::fixed(t0, jiff::tz::TimeZone::UTC),
    );
    let shown = screen(&app, 100, 24);
    assert!(shown.contains("non chargé"), "{shown}");
    assert!(
        !shown
            .chars()
            .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)),
        "{shown:?}"
    );
}

/// A module of two lessons: one much longer than an 80×24 screen, one of a line.
fn long_and_short_lessons() -> Catalog {
    let body: Vec<String> = (1..=40)
        .map(|i| format!("Paragraphe {i} d’une longue leçon fictive."))
        .collect();
    let module = serde_json::json!({
        "format_version": 1,
        "id": "essai-long",
        "title": "Leçons longues et courtes",
        "summary": "Un module fictif.",
        "sources": [{"id": "s", "label": "Source fictive"}],
        "lessons": [
            {"id": "longue", "title": "La longue", "body": body.join("\n\n"), "sources": ["s"]},
            {"id": "courte", "title": "La courte", "body": "Une ligne.", "sources": ["s"]},
        ],
        "questions": [],
    });
    let text = serde_json::to_string(&module).expect("JSON");
    Catalog::from_reports(vec![read_document("long.json", text.as_bytes())])
}

#[test]
fn a_lesson_is_read_once_its_end_was_on_screen_not_when_opened_or_flicked_past() {
    let t0 = jiff::Timestamp::from_second(1_795_000_000).expect("valid time");
    let clock = Clock::fixed(t0, jiff::tz::TimeZone::UTC);
    let catalog = long_and_short_lessons();
    assert!(catalog.problems.iter().all(|p| !p.has_errors()));
    let mut app = App::new(catalog, Theme::monochrome(), Some(1), clock);
    let read = |app: &App, id: &str| app.progress().is_lesson_read("essai-long", id);
    open_module(&mut app);
    key(&mut app, KeyCode::Enter);
    screen(&app, 80, 24);
    app.tick();
    assert!(!read(&app, "longue"), "opened, not read");
    key(&mut app, KeyCode::PageDown);
    let halfway = screen(&app, 80, 24);
    app.tick();
    assert!(!halfway.contains("Paragraphe 40"), "{halfway}");
    assert!(!read(&app, "longue"), "halfway, not read");
    // On to the short lesson: all of it fits, so it is read once drawn; the long one, left
    // before its end, is not.
    key(&mut app, KeyCode::Right);
    screen(&app, 80, 24);
    app.tick();
    assert!(read(&app, "courte"));
    assert!(!read(&app, "longue"), "flicked past, not read");
    key(&mut app, KeyCode::Left);
    // As the app's loop does, a frame between keys: End scrolls as far as the last one shows.
    screen(&app, 80, 24);
    key(&mut app, KeyCode::End);
    let end = screen(&app, 80, 24);
    assert!(end.contains("Paragraphe 40"), "{end}");
    // The key that leaves comes after the frame that showed the end: the lesson is read.
    key(&mut app, KeyCode::Char('q'));
    assert!(read(&app, "longue"));
    let module = screen(&app, 80, 24);
    for row in ["Leçon 1 · La longue", "Leçon 2 · La courte"] {
        let line = module.lines().find(|l| l.contains(row)).expect("listed");
        assert!(line.contains("✓ lue"), "{module}");
    }
    assert!(module.contains("Parcours : 2/2 étapes faites "), "{module}");
}

/// Answers `n` questions of the quiz on screen rightly, going on after each.
fn answer_right_n(app: &mut App, n: usize) {
    for _ in 0..n {
        answer_right(app);
        key(app, KeyCode::Enter);
    }
}

#[test]
fn continuer_reads_a_lesson_checks_it_resumes_the_check_then_moves_on() {
    let mut app = app();
    let home = screen(&app, 100, 30);
    assert!(
        home.contains("▶ Continuer : leçon 1 du module Module d’essai (≈ 1 min) (c)"),
        "{home}"
    );
    assert!(home.contains("    Le secret "), "{home}");
    key(&mut app, KeyCode::Char('c'));
    assert!(matches!(app.screen(), Screen::Lesson(_)));
    // The lesson fits on the screen: once drawn, it is read.
    screen(&app, 100, 30);
    key(&mut app, KeyCode::Esc);
    let home = screen(&app, 100, 30);
    assert!(
        home.contains("Continuer : quiz de la leçon 1 du module Module d’essai (≈ 4 min) (c)"),
        "{home}"
    );
    assert!(home.contains("5 questions sur « Le secret »"), "{home}");

    key(&mut app, KeyCode::Char('c'));
    let quiz = screen(&app, 100, 30);
    assert!(
        quiz.contains("Leçon 1 · Module d’essai — Question 1/5"),
        "{quiz}"
    );
    answer_right_n(&mut app, 2);
    let left_at = current(&app);
    key(&mut app, KeyCode::Esc);
    let home = screen(&app, 100, 30);
    assert!(
        home.contains("Continuer : reprendre le quiz de la leçon 1 du module Module d’essai"),
        "{home}"
    );
    assert!(
        home.contains("en cours, question 3/5 · 5 questions"),
        "{home}"
    );
    assert!(
        home.contains("Reprendre : Leçon 1 · Module d’essai"),
        "{home}"
    );
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(current(&app), left_at, "the same question");
    assert_eq!(
        app.playing()
            .map(conseil::domain::session::QuizSession::position),
        Some(2)
    );
    answer_right_n(&mut app, 3);
    assert!(matches!(app.screen(), Screen::Results(_)));
    key(&mut app, KeyCode::Enter);
    let home = screen(&app, 100, 30);
    assert!(home.contains("Continuer : leçon 2 du module"), "{home}");
    assert!(
        !home.contains("Reprendre"),
        "the lesson's quiz is over: {home}"
    );

    // The second lesson shares two questions with the first, answered already: its quiz
    // asks the other two.
    key(&mut app, KeyCode::Char('c'));
    screen(&app, 100, 30);
    key(&mut app, KeyCode::Esc);
    let home = screen(&app, 100, 30);
    assert!(home.contains("2 questions sur « Le partage »"), "{home}");
    key(&mut app, KeyCode::Char('c'));
    answer_right_n(&mut app, 2);
    key(&mut app, KeyCode::Enter);
    // Both lessons done: the module's quiz, for the question no lesson asked.
    let home = screen(&app, 100, 30);
    assert!(
        home.contains("Continuer : quiz du module Module d’essai (≈ 10 min) (c)"),
        "{home}"
    );
    assert!(home.contains("8 questions, dont 1 jamais posée"), "{home}");
    assert!(home.contains("2/4 étapes"), "{home}");
    key(&mut app, KeyCode::Char('c'));
    let quiz = screen(&app, 100, 30);
    assert!(quiz.contains("Module d’essai — Question 1/8"), "{quiz}");
}
