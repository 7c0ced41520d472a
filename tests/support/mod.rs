//! Test harnesses shared by the integration tests: the real binary pinned to a date, in a
//! pseudo-terminal or with pipes, and a single screen drawn on TestBackend. Each test file uses
//! only part of it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use conseil::clock::Clock;
use conseil::content::load::Catalog;
use conseil::tui::action::Action;
use conseil::tui::screens::{Ctx, ProgressView, QuestionIndex, Screen};
use conseil::tui::theme::Theme;
use conseil::tui::widgets;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout};

/// The instant the binary runs at in tests, unless a test says otherwise: Tuesday
/// 8 December 2026, 10:00 in Paris. Nothing a test checks may depend on the day it runs.
pub const NOW: &str = "2026-12-08T10:00:00+01:00";
/// The time zone the binary runs in, unless a test says otherwise.
pub const TZ: &str = "Europe/Paris";

/// What the binary must not take from the machine running the tests: the date, the time
/// zone, the user's content, data and home folders. HOME points nowhere, so that a test
/// that forgot `--data-dir` fails instead of writing in the real home.
const PINNED: &[(&str, &str)] = &[("CONSEIL_NOW", NOW), ("TZ", TZ), ("HOME", "/nonexistent")];
const UNSET: &[&str] = &[
    "CONSEIL_CONTENT",
    "CONSEIL_DATA_DIR",
    "XDG_DATA_HOME",
    "NO_COLOR",
];

/// [`NOW`] as an instant.
pub fn now() -> jiff::Timestamp {
    NOW.parse().expect("a valid instant")
}

/// The Paris time zone, from the system's database.
pub fn paris() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get(TZ).expect("time zone database")
}

/// A clock stopped at [`NOW`], in Paris.
pub fn clock() -> Clock {
    Clock::fixed(now(), paris())
}

/// `conseil` with pipes, pinned to [`NOW`] in [`TZ`] (a test may set `CONSEIL_NOW` or `TZ`
/// again to run at another instant).
pub fn conseil() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("conseil").expect("binary built");
    for (name, value) in PINNED {
        cmd.env(name, value);
    }
    for name in UNSET {
        cmd.env_remove(name);
    }
    cmd
}

/// An answer to the true/false question `id` (whose statement is true), right or wrong,
/// given at `at` in `duration_ms`.
pub fn true_false_answer(
    id: &str,
    right: bool,
    at: jiff::Timestamp,
    duration_ms: u64,
) -> conseil::domain::session::AnswerRecord {
    use conseil::domain::question::{Response, Verdict};
    conseil::domain::session::AnswerRecord {
        question_id: id.into(),
        response: Response::Bool(right),
        score: if right { 1.0 } else { 0.0 },
        verdict: if right {
            Verdict::Correct
        } else {
            Verdict::Incorrect
        },
        answered_at: at,
        duration_ms,
    }
}

/// `conseil` running in an 80×24 pseudo-terminal, its screen read through vt100.
pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    /// Asks the reader thread to drop its end of the terminal after its next read.
    hanging_up: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Pty {
    /// Starts `conseil ARGS --data-dir DATA` from the project folder.
    pub fn start(args: &[&str], data: &Path) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_conseil"));
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.args(args);
        cmd.arg("--data-dir");
        cmd.arg(data);
        cmd.env("TERM", "xterm-256color");
        for (name, value) in PINNED {
            cmd.env(name, value);
        }
        for name in UNSET {
            cmd.env_remove(name);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn conseil");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let size = |n| std::num::NonZeroU16::new(n).expect("not zero");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(24), size(80), 0)));
        let feed = Arc::clone(&parser);
        let hanging_up = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&hanging_up);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || stop.load(Ordering::Relaxed) {
                    break;
                }
                if let Ok(mut p) = feed.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        Pty {
            parser,
            writer,
            child,
            master: Some(pair.master),
            hanging_up,
            reader: Some(reader),
        }
    }

    pub fn contents(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Waits until the screen shows one of `texts`, or fails with what it shows.
    pub fn wait_for_any(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            let shown = self.contents();
            if texts.iter().any(|t| shown.contains(t)) {
                return shown;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{texts:?} never showed; screen:\n{}", self.contents());
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_for_any(&[text])
    }

    /// Types `keys`, then pauses as a person would: an escape sequence must not merge with
    /// the next key (a lone Échap would read as Alt).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
        std::thread::sleep(Duration::from_millis(30));
    }

    /// Sends `signal` (« TERM », « HUP ») to the process, as `kill` would.
    pub fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("a running child");
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{signal} {pid}");
    }

    /// Closes the terminal under the app, as a closed window or pane does: every handle on
    /// the pseudo-terminal's master side is dropped, the reader's included (it is woken by
    /// `wake`, keys that make the app draw). Returns the exit code once the app has ended.
    pub fn hang_up(mut self, wake: &str) -> u32 {
        self.hanging_up.store(true, Ordering::Relaxed);
        self.send(wake);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread ends");
        }
        self.writer = Box::new(std::io::sink());
        self.master = None;
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "conseil did not end after its terminal was closed"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the process to end; returns its exit code and what the screen showed.
    pub fn exit_code(mut self) -> (u32, String) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader drain the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return (status.exit_code(), self.contents());
            }
            assert!(
                Instant::now() < deadline,
                "conseil did not exit; screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for a clean exit; returns whether the alternate screen is still on and whether
    /// the cursor is still hidden (both false for a terminal given back as it was).
    pub fn finish(mut self) -> (bool, bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "exit status {status:?}");
                break;
            }
            assert!(
                Instant::now() < deadline,
                "conseil did not exit; screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        // Let the reader drain the last bytes (leaving the alternate screen).
        std::thread::sleep(Duration::from_millis(200));
        let p = self.parser.lock().expect("parser");
        (p.screen().alternate_screen(), p.screen().hide_cursor())
    }
}

/// A test that fails mid-way must not leave conseil running (and holding its lock).
impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// One screen over a catalog, drawn on TestBackend as the app lays it out.
pub struct ScreenFixture {
    pub catalog: Catalog,
    pub index: QuestionIndex,
    pub theme: Theme,
    pub progress: ProgressView,
}

impl ScreenFixture {
    pub fn new(catalog: Catalog) -> ScreenFixture {
        let index = QuestionIndex::new(&catalog);
        ScreenFixture {
            catalog,
            index,
            theme: Theme::monochrome(),
            progress: ProgressView::default(),
        }
    }

    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            catalog: &self.catalog,
            index: &self.index,
            theme: &self.theme,
            progress: &self.progress,
            playing: None,
            first_run: false,
        }
    }

    /// The screen with its footer.
    pub fn draw(&self, screen: &Screen, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal
            .draw(|frame| {
                let [body, footer] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)])
                    .areas(frame.area());
                screen.render(&self.ctx(), body, frame.buffer_mut());
                widgets::footer(&screen.hints(), &self.theme, footer, frame.buffer_mut());
            })
            .expect("draw");
        terminal.backend().to_string()
    }

    pub fn key(&self, screen: &mut Screen, code: KeyCode) -> Option<Action> {
        screen.on_key(KeyEvent::new(code, KeyModifiers::NONE), &self.ctx())
    }
}
