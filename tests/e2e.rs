//! The real binary in a real pseudo-terminal: start, open a module, answer, quit, and the
//! terminal is given back as it was (alternate screen left, cursor shown).

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _data: tempfile::TempDir,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let data = tempfile::tempdir().expect("temp dir");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_conseil"));
        cmd.args(args);
        cmd.arg("--data-dir");
        cmd.arg(data.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("CONSEIL_CONTENT");
        let child = pair.slave.spawn_command(cmd).expect("spawn conseil");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let size = |n| std::num::NonZeroU16::new(n).expect("not zero");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(24), size(80), 0)));
        let feed = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = feed.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        // The master must outlive the reader thread's use of it.
        std::mem::forget(pair.master);
        Session {
            parser,
            writer,
            child,
            _data: data,
        }
    }

    fn contents(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Waits until the screen shows `text`, or fails with what it shows.
    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("« {text} » never showed; screen:\n{}", self.contents());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    fn finish(mut self) -> (bool, bool) {
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

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

#[test]
fn open_a_module_answer_and_quit() {
    let mut s = Session::start(&["--seed", "3"]);
    s.wait_for("Modules");
    // The secret médical module, fourth on the list.
    s.send(&format!("{DOWN}{DOWN}{DOWN}{ENTER}"));
    s.wait_for("Quiz du module");
    s.send("z");
    s.wait_for("Question 1/");
    // Answer with the keys the question's kind takes, read from the screen.
    let shown = s.contents();
    if shown.contains("Votre réponse") {
        s.send("1");
        s.send(ENTER);
    } else if shown.contains("V vrai") {
        s.send("v");
    } else {
        s.send("a");
        s.send(ENTER);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while !["✓ Correct", "✗ Incorrect", "◐ Partiellement"]
        .iter()
        .any(|v| s.contents().contains(v))
    {
        assert!(Instant::now() < deadline, "no verdict:\n{}", s.contents());
        if s.contents().contains("1 juste") {
            // An open question: grade oneself after reading the model answer.
            s.send("1");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // q leaves the quiz, the module, then the application.
    s.send("q");
    std::thread::sleep(Duration::from_millis(100));
    s.send("q");
    s.wait_for("Modules");
    s.send("q");
    let (alternate, cursor_hidden) = s.finish();
    assert!(!alternate, "the alternate screen was left");
    assert!(!cursor_hidden, "the cursor is shown again");
}

#[test]
fn ctrl_c_quits_from_deep_inside() {
    let mut s = Session::start(&[]);
    s.wait_for("Modules");
    s.send(&format!("{ENTER}{ENTER}"));
    s.wait_for("défiler");
    s.send("g");
    s.send("\x03");
    let (alternate, cursor_hidden) = s.finish();
    assert!(!alternate);
    assert!(!cursor_hidden);
}

#[test]
fn glossary_typing_in_a_real_terminal() {
    let mut s = Session::start(&[]);
    s.wait_for("Modules");
    s.send("g");
    s.wait_for("Glossaire");
    s.send("échelon");
    s.wait_for("ELSM");
    // A lone Échap must reach the terminal alone, or it reads as Alt with the next key.
    std::thread::sleep(Duration::from_millis(200));
    s.send("\x1b");
    s.wait_for("Modules");
    std::thread::sleep(Duration::from_millis(200));
    s.send("q");
    let (alternate, _) = s.finish();
    assert!(!alternate);
}
