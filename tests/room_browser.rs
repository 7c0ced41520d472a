//! The room's page in a real headless Chromium (Debian's package, installed by `.ci/run`),
//! driven over the DevTools protocol with the WebSocket client the other room tests use: a
//! phone of 360 × 740 joins with the room code, answers, sees the reveal and its final rank.
//! With `CONSEIL_SCREENSHOT=FILE`, the question as the phone shows it is saved there (the
//! README's picture). Without Chromium the test says so and stops, except in CI where it
//! fails.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use ratatui::crossterm::event::KeyCode;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

mod room_support;
use room_support::{HANG, ORDER_MODULE, Phone, get, runtime, trainer, trainer_with};

/// The browser, ended with the test.
struct Browser {
    child: Child,
    profile: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Starts Chromium headless on a fresh profile; returns it with its DevTools port.
fn start(binary: &Path, name: &str) -> (Browser, u16) {
    let profile =
        std::env::temp_dir().join(format!("conseil-chromium-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).expect("profile folder");
    let child = Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--remote-debugging-port=0",
            "--window-size=360,740",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        // Under .ci/at-fixed-dates, faketime is for the code under test, not the browser.
        .env_remove("LD_PRELOAD")
        .env_remove("FAKETIME")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let browser = Browser { child, profile };
    // Chromium writes the port it picked in its profile once it listens.
    let port_file = browser.profile.join("DevToolsActivePort");
    for _ in 0..600 {
        if let Some(port) = std::fs::read_to_string(&port_file)
            .ok()
            .and_then(|t| t.lines().next()?.trim().parse().ok())
        {
            return (browser, port);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("Chromium never opened its DevTools port");
}

/// One page's DevTools connection.
struct Page {
    ws: Phone,
    id: u64,
}

impl Page {
    async fn call(&mut self, method: &str, params: Value) -> Value {
        self.id += 1;
        let id = self.id;
        let message = json!({"id": id, "method": method, "params": params}).to_string();
        self.ws
            .send(Message::Text(message.into()))
            .await
            .expect("sent");
        loop {
            let reply = tokio::time::timeout(HANG, self.ws.next())
                .await
                .expect("Chromium answers")
                .expect("DevTools open")
                .expect("DevTools message");
            let Message::Text(text) = reply else { continue };
            let value: Value = serde_json::from_str(text.as_str()).expect("DevTools JSON");
            if value["id"] == id {
                assert!(value.get("error").is_none(), "{method}: {value}");
                return value["result"].clone();
            }
        }
    }

    async fn eval(&mut self, expression: &str) -> Value {
        let result = self
            .call(
                "Runtime.evaluate",
                json!({"expression": expression, "returnByValue": true}),
            )
            .await;
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is true on the page, while `step` lets the trainer's
    /// terminal go on.
    /// Opens the room's page at `url` and joins with `code` as « Lou ».
    async fn join(&mut self, url: &str, code: &str) {
        self.call("Page.navigate", json!({"url": url})).await;
        self.until(
            "!document.getElementById('join').hidden",
            "the join form",
            || {},
        )
        .await;
        self.eval(&format!(
            "document.getElementById('code').value = '{code}';
             document.getElementById('pseudo').value = 'Lou';
             document.getElementById('join').requestSubmit(); true"
        ))
        .await;
    }

    /// Waits for the reveal (`step` runs meanwhile) and checks it says the answer was right;
    /// `what` names the question in a failure.
    async fn sees_right_at_reveal(&mut self, what: &str, step: impl FnMut()) {
        self.until(
            "!document.getElementById('reveal').hidden",
            "the reveal",
            step,
        )
        .await;
        let verdict = self
            .eval("document.getElementById('verdict').textContent")
            .await;
        assert!(
            verdict
                .as_str()
                .is_some_and(|v| v.contains("Bonne réponse")),
            "{what}: {verdict}"
        );
    }

    async fn until(&mut self, expression: &str, what: &str, mut step: impl FnMut()) {
        for _ in 0..600 {
            if self.eval(expression).await == json!(true) {
                return;
            }
            step();
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let body = self.eval("document.body.innerText").await;
        panic!("the page never showed {what}: {body}");
    }
}

/// Saves the page as the phone shows it, when `CONSEIL_SCREENSHOT` names a file.
async fn screenshot(page: &mut Page) {
    if let Some(file) = std::env::var_os("CONSEIL_SCREENSHOT") {
        let shot = page
            .call("Page.captureScreenshot", json!({"format": "png"}))
            .await;
        let png = base64(shot["data"].as_str().expect("PNG data"));
        std::fs::write(file, png).expect("screenshot written");
    }
}

/// Decodes standard base64 (the screenshot).
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|c| *c != b'=').map(value).collect();
    digits
        .chunks(4)
        .flat_map(|chunk| {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, d)| n | u32::from(*d) << (18 - 6 * i));
            let bytes = n.to_be_bytes();
            bytes[1..chunk.len()].to_vec()
        })
        .collect()
}

/// The DevTools address of the browser's page.
fn page_address(devtools: std::net::SocketAddr) -> String {
    let list = get(devtools, "/json/list");
    let body = list.split("\r\n\r\n").nth(1).expect("a body");
    let targets: Value = serde_json::from_str(body).expect("targets");
    targets
        .as_array()
        .and_then(|t| t.iter().find(|t| t["type"] == "page"))
        .expect("a page")["webSocketDebuggerUrl"]
        .as_str()
        .expect("its DevTools address")
        .to_owned()
}

/// The script that gives the answer `right` (a phone's message) on the page.
fn pick(right: &Value) -> String {
    match (&right["choices"], &right["bool"], &right["text"]) {
        (Value::Array(c), _, _) => format!(
            "for (const v of {}) document.querySelector(`#options input[value='${{v}}']`).click();",
            Value::Array(c.clone())
        ),
        (_, Value::Bool(b), _) => format!(
            "document.querySelector(`#options input[value='{}']`).click();",
            i32::from(!*b)
        ),
        (_, _, Value::String(t)) => {
            format!("document.getElementById('text').value = {};", json!(t))
        }
        _ => touch(right),
    }
}

/// The script that orders the steps with the « Monter » buttons, one tap at a time, or picks
/// each left item's partner in its list.
fn touch(right: &Value) -> String {
    if let Value::Array(target) = &right["order"] {
        return format!(
            "const target = {};
             for (let pos = 0; pos < target.length; pos++) {{
               for (let taps = 0; taps < 10; taps++) {{
                 const items = [...document.querySelectorAll('#order li')];
                 const at = items.findIndex(li => li.firstChild.textContent.startsWith(LETTERS[target[pos]] + '. '));
                 if (at <= pos) break;
                 items[at].querySelector('button').click();
               }}
             }}",
            Value::Array(target.clone())
        );
    }
    if let Value::Array(pairs) = &right["pairs"] {
        return format!(
            "{}.forEach((d, i) => {{ document.getElementById('m' + i).value = String(d); }});",
            Value::Array(pairs.clone())
        );
    }
    panic!("no answer for {right}")
}

/// Skips the test, saying so, when Chromium is missing (never in CI).
fn chromium_or_skip() -> Option<PathBuf> {
    let binary = chromium();
    if binary.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is missing in CI: .ci/run installs it"
        );
        eprintln!(
            "SKIPPED: Chromium is not installed (apt-get install chromium); .ci/run installs it"
        );
    }
    binary
}

#[test]
fn a_phone_orders_and_matches_by_touch_in_chromium() {
    let Some(binary) = chromium_or_skip() else {
        return;
    };
    let mut trainer = trainer_with("browser-order", ORDER_MODULE);
    let (browser, port) = start(&binary, "order");
    let target = page_address(std::net::SocketAddr::from(([127, 0, 0, 1], port)));
    let rt = runtime();
    let url = format!("http://{}/", trainer.addr);
    let code = trainer.code.clone();
    rt.block_on(async {
        let (ws, _) = tokio_tungstenite::connect_async(target.as_str())
            .await
            .expect("DevTools connects");
        let mut page = Page { ws, id: 0 };
        page.join(&url, &code).await;
        for round in 0..2 {
            let right = trainer.answer(true);
            let kind = trainer.question().kind_name();
            let shown = format!(
                "!document.getElementById('question').hidden && \
                 !document.getElementById('{}').hidden",
                if kind == "order" { "steps" } else { "pairs" }
            );
            page.until(&shown, "the steps or the pairs", || trainer.app.tick())
                .await;
            if kind == "order" {
                // The first step cannot go up; a step moved says where it is now.
                let first_up = page
                    .eval("document.querySelector('#order li button').disabled")
                    .await;
                assert_eq!(first_up, json!(true));
            }
            page.eval(&format!(
                "{} document.getElementById('question').requestSubmit(); true",
                touch(&right)
            ))
            .await;
            page.until(
                "!document.getElementById('sent').hidden",
                "the answer sent",
                || {
                    trainer.app.tick();
                },
            )
            .await;
            if kind == "order" {
                let moved = page
                    .eval("document.getElementById('moved').textContent")
                    .await;
                let moves = page
                    .eval("document.activeElement.getAttribute('aria-label')")
                    .await;
                // Unless the steps were shown in order already, which the layout never does.
                assert!(
                    moved.as_str().is_some_and(|m| m.contains(" sur 3.")),
                    "{moved}"
                );
                assert!(
                    moves
                        .as_str()
                        .is_some_and(|m| m.starts_with("Monter") || m.starts_with("Descendre")),
                    "the focus stays on the step moved: {moves}"
                );
            }
            trainer.app.tick();
            assert_eq!(trainer.session().room_answered(), 1, "round {round}");
            trainer.key(KeyCode::Char('r'));
            page.sees_right_at_reveal(kind, || trainer.app.tick()).await;
            trainer.key(KeyCode::Enter);
            trainer.key(KeyCode::Enter);
        }
    });
    drop(browser);
}

#[test]
fn a_phone_joins_answers_and_sees_its_rank_in_chromium() {
    let Some(binary) = chromium_or_skip() else {
        return;
    };
    let mut trainer = trainer("browser");
    let (browser, port) = start(&binary, "room");
    let devtools = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let target = page_address(devtools);
    let rt = runtime();
    let url = format!("http://{}/", trainer.addr);
    let code = trainer.code.clone();
    let right = trainer.answer(true);
    rt.block_on(async {
        let (ws, _) = tokio_tungstenite::connect_async(target.as_str())
            .await
            .expect("DevTools connects");
        let mut page = Page { ws, id: 0 };
        page.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": true}),
        )
        .await;
        page.join(&url, &code).await;
        page.until(
            "!document.getElementById('question').hidden",
            "the question",
            || trainer.app.tick(),
        )
        .await;
        // Nothing wider than the phone.
        assert_eq!(
            page.eval("document.documentElement.scrollWidth <= 360")
                .await,
            json!(true)
        );
        // The right answer, as a thumb would give it.
        let pick = pick(&right);
        page.eval(&format!(
            "{pick} document.getElementById('question').requestSubmit(); true"
        ))
        .await;
        page.until(
            "!document.getElementById('sent').hidden",
            "the answer sent",
            || trainer.app.tick(),
        )
        .await;
        screenshot(&mut page).await;
        trainer.app.tick();
        assert_eq!(trainer.session().room_answered(), 1);
        trainer.key(KeyCode::Char('r'));
        page.sees_right_at_reveal("", || trainer.app.tick()).await;
        trainer.key(KeyCode::Enter);
        trainer.key(KeyCode::Char('t'));
        trainer.key(KeyCode::Char('o'));
        page.until("!document.getElementById('end').hidden", "the end", || {
            trainer.app.tick();
        })
        .await;
        let last = page
            .eval("document.getElementById('final').textContent")
            .await;
        assert_eq!(last, json!("Votre score : 1 point, 1er sur 1."));
    });
    drop(browser);
}
