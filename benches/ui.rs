//! Drawing speed: one quiz frame at 120×40 on TestBackend (target: under 1 ms), a key press in
//! a lesson as long as `conseil check` allows (100 000 characters; target: under 5 ms, the
//! lesson being wrapped once, not on every frame), the same on the longest question `check`
//! allows, answered (target: under 5 ms), and the whole process from start to its
//! first frame in a pseudo-terminal (target: under 50 ms).

use std::hint::black_box;
use std::io::Read;
use std::time::{Duration, Instant};

use conseil::clock::Clock;
use conseil::content::load::Catalog;
use conseil::tui::app::App;
use conseil::tui::theme::{Theme, ThemeName};
use criterion::{Criterion, criterion_group, criterion_main};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn quiz_frame(c: &mut Criterion) {
    let catalog = Catalog::load(&[]);
    let mut app = app_on(catalog);
    // Home → first module (after « Continuer ») → its quiz.
    for code in [KeyCode::Down, KeyCode::Enter, KeyCode::Char('z')] {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    c.bench_function("quiz_frame_120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| black_box(&app).draw(frame))
                .expect("draw");
        });
    });
}

/// A module whose one lesson is 100 000 characters of paragraphs, the most `check` allows.
fn long_lesson() -> Catalog {
    let paragraph = "Le praticien-conseil rend un avis sur l’arrêt de travail au vu des pièces \
                     médicales, puis le service administratif en tire les conséquences. ";
    let body = (0..)
        .map(|i| format!("## Partie {i}\n\n{}\n\n", paragraph.repeat(4)))
        .scan(0, |len, part| {
            *len += part.chars().count();
            (*len < 99_000).then_some(part)
        })
        .collect::<String>();
    one_module(
        "Une leçon très longue",
        &serde_json::json!([{"id": "l", "title": "Longue", "body": body, "sources": ["s"]}]),
        &serde_json::json!([]),
    )
}

/// The catalog of one fictive module, `longue`, with one source `s`.
fn one_module(title: &str, lessons: &serde_json::Value, questions: &serde_json::Value) -> Catalog {
    let module = serde_json::json!({
        "format_version": 1, "id": "longue", "title": title,
        "summary": "Fictif.", "valid_as_of": "2026-11-01",
        "sources": [{"id": "s", "label": "Source fictive"}],
        "lessons": lessons, "questions": questions,
    });
    let text = serde_json::to_string(&module).expect("JSON");
    Catalog::from_reports(vec![conseil::content::load::read_document(
        "longue.json",
        text.as_bytes(),
    )])
}

fn lesson_key(c: &mut Criterion) {
    let mut app = app_on(long_lesson());
    // Home → the module (after « Continuer ») → its lesson.
    for code in [KeyCode::Down, KeyCode::Enter, KeyCode::Enter] {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    page_down_and_frame(
        c,
        "lesson_100k_key_and_frame_120x40",
        &mut app,
        &mut terminal,
    );
}

/// A module whose one question is as long as `check` allows: a 5 000-character prompt, an
/// explanation and a feedback per option of 20 000 characters each.
fn longest_question() -> Catalog {
    let sentence = "L’assuré conteste l’avis rendu sur son arrêt de travail et demande à être \
                    examiné par le praticien-conseil de l’échelon local. ";
    let fill = |chars: usize| {
        let mut text = sentence.repeat(chars / sentence.chars().count());
        text.truncate(
            text.char_indices()
                .nth(chars - 10)
                .map_or(text.len(), |(i, _)| i),
        );
        text
    };
    let choice = |text: &str| serde_json::json!({"text": text, "feedback": fill(20_000)});
    one_module(
        "Une question très longue",
        &serde_json::json!([]),
        &serde_json::json!([{
            "kind": "single", "id": "longue.q", "sources": ["s"],
            "prompt": fill(5_000), "explanation": fill(20_000),
            "choices": [choice("Accepter"), choice("Refuser"), choice("Revoir"), choice("Attendre")],
            "correct": [0],
        }]),
    )
}

/// The quiz screen is laid out again on every frame (its stack changes with each key): the
/// cost is bounded by the caps `check` puts on each text.
fn longest_question_key(c: &mut Criterion) {
    let mut app = app_on(longest_question());
    // Home → the module (after « Continuer ») → its quiz, answered: prompt, options, feedback
    // and explanation are all on the screen's stack.
    for code in [
        KeyCode::Down,
        KeyCode::Enter,
        KeyCode::Char('z'),
        KeyCode::Char('a'),
        KeyCode::Enter,
    ] {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    terminal.draw(|frame| app.draw(frame)).expect("draw");
    assert!(
        format!("{:?}", terminal.backend().buffer()).contains("bonne réponse"),
        "the question is answered"
    );
    page_down_and_frame(
        c,
        "longest_question_key_and_frame_120x40",
        &mut app,
        &mut terminal,
    );
}

/// One key press (page down) and the frame drawn after it.
fn page_down_and_frame(
    c: &mut Criterion,
    name: &str,
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
) {
    c.bench_function(name, |b| {
        b.iter(|| {
            app.handle_key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
            terminal
                .draw(|frame| black_box(&*app).draw(frame))
                .expect("draw");
        });
    });
}

/// The app on `catalog`, seeded, in the default theme.
fn app_on(catalog: Catalog) -> App {
    App::new(
        catalog,
        Theme::new(ThemeName::Default, false),
        Some(1),
        Clock::system(),
    )
}

/// Time from spawning `conseil` in a pseudo-terminal to the first bytes of its home screen.
fn first_frame(c: &mut Criterion) {
    let data = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.bench_function("process_start_to_first_frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let pair = native_pty_system()
                    .openpty(PtySize {
                        rows: 40,
                        cols: 120,
                        pixel_width: 0,
                        pixel_height: 0,
                    })
                    .expect("pty");
                let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_conseil"));
                cmd.arg("--data-dir");
                cmd.arg(data.path());
                cmd.env("TERM", "xterm-256color");
                let mut reader = pair.master.try_clone_reader().expect("reader");
                let start = Instant::now();
                let mut child = pair.slave.spawn_command(cmd).expect("spawn");
                let mut seen = Vec::new();
                let mut buf = [0u8; 8192];
                // « Modules » is the title of the home list: the first frame is on screen.
                while !String::from_utf8_lossy(&seen).contains("Modules") {
                    let n = reader.read(&mut buf).expect("read");
                    if n == 0 {
                        break;
                    }
                    seen.extend_from_slice(&buf[..n]);
                }
                total += start.elapsed();
                let _ = child.kill();
                let _ = child.wait();
            }
            total
        });
    });
    group.finish();
}

criterion_group!(
    benches,
    quiz_frame,
    lesson_key,
    longest_question_key,
    first_frame
);
criterion_main!(benches);
