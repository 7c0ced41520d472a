//! Any keys, any mouse events, any terminal size: the full-screen app never panics, on the
//! built-in content as a learner meets it.

use conseil::clock::Clock;
use conseil::content::load::Catalog;
use conseil::tui::app::App;
use conseil::tui::theme::Theme;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

fn event() -> impl Strategy<Value = Event> {
    let key = prop_oneof![
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::F(1)),
        // F2 sends an open answer, F3 opens « Signaler ».
        Just(KeyCode::F(2)),
        Just(KeyCode::F(3)),
        prop::sample::select(
            " abcdefgjkqrstuvzVF0123456789?!+-éœ’/"
                .chars()
                .collect::<Vec<_>>()
        )
        .prop_map(KeyCode::Char),
    ];
    let mouse = (
        prop_oneof![
            Just(MouseEventKind::Down(MouseButton::Left)),
            Just(MouseEventKind::ScrollDown),
            Just(MouseEventKind::ScrollUp),
        ],
        0u16..200,
        0u16..60,
    )
        .prop_map(|(kind, column, row)| {
            Event::Mouse(MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::NONE,
            })
        });
    prop_oneof![
        9 => key.prop_map(|code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE))),
        1 => mouse,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_app_survives_anything(
        events in prop::collection::vec(event(), 1..80),
        width in 10u16..180,
        height in 4u16..60,
        seed in any::<u64>(),
    ) {
        // A clock that moves a few seconds at each reading, so that timers run out too.
        let t0 = jiff::Timestamp::from_second(1_795_000_000).expect("valid time");
        let ticks = std::cell::Cell::new(0i64);
        let clock = Clock::new(
            move || {
                ticks.set(ticks.get() + 7);
                t0 + jiff::SignedDuration::from_secs(ticks.get())
            },
            jiff::tz::TimeZone::UTC,
        );
        let mut app = App::new(Catalog::load(&[]), Theme::monochrome(), Some(seed), clock);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        for event in &events {
            app.handle_event(event);
            app.tick();
            terminal.draw(|frame| app.draw(frame)).expect("draw");
            // q on the home screen only raises the flag the run loop reads: walk on.
            app.quit = false;
        }
    }
}
