//! Shared by the room's tests (`tests/room.rs`, `tests/room_browser.rs`): the trainer's app
//! with its room open on 127.0.0.1, simulated phones over WebSocket, a raw HTTP GET.
#![allow(dead_code)]

use std::cell::Cell;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use conseil::clock::Clock;
use conseil::content::load::{Catalog, read_document};
use conseil::domain::group::{GroupSession, Scoring};
use conseil::domain::question::Question;
use conseil::store::group::GroupStore;
use conseil::store::profiles::DataDir;
use conseil::tui::action::{Action, GroupAction};
use conseil::tui::app::App;
use conseil::tui::app::GroupOpening;
use conseil::tui::app::room::RoomWanted;
use conseil::tui::screens::Screen;
use conseil::tui::screens::group::GroupScreen;
use conseil::tui::screens::group::play::PlayScreen;
use conseil::tui::theme::Theme;
use futures_util::{SinkExt, StreamExt};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::{Value, json};
use tokio::net::TcpStream as AsyncTcp;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

/// Five questions: single, multiple, true or false, numeric, short.
pub const MODULE: &str = include_str!("../fixtures/room/salle.json");
/// Two questions: order and match, with Markdown, markup and an escape sequence in them.
pub const ORDER_MODULE: &str = include_str!("../fixtures/room/salle-ordre.json");

pub type Phone = WebSocketStream<MaybeTlsStream<AsyncTcp>>;

/// Only to end a test that would otherwise hang: nothing is measured.
pub const HANG: Duration = Duration::from_secs(120);

pub struct Trainer {
    pub app: App,
    pub clock: Rc<Cell<Timestamp>>,
    pub addr: SocketAddr,
    pub code: String,
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// The app with a session of the fixture's five questions running, its room open on
/// 127.0.0.1 at a free port.
pub fn trainer(name: &str) -> Trainer {
    trainer_with(name, MODULE)
}

/// The same with the questions of `module`.
pub fn trainer_with(name: &str, module: &str) -> Trainer {
    let data = PathBuf::from("target/tmp/room").join(name);
    let _ = std::fs::remove_dir_all(&data);
    open(&data, module, Opening::Teams)
}

/// The app on the setup of `conseil group --salle`, where the trainer launches the five
/// questions as the form offers them (with the room: no team).
pub fn trainer_from_setup(name: &str) -> Trainer {
    let data = PathBuf::from("target/tmp/room").join(name);
    let _ = std::fs::remove_dir_all(&data);
    open(&data, MODULE, Opening::Setup)
}

/// How the session starts.
#[derive(Clone, Copy, PartialEq)]
enum Opening {
    /// Two teams, every question, a minute each.
    Teams,
    /// From the setup screen, by its keys.
    Setup,
    Resume,
}

/// The app started again on the data folder of `trainer(name)`, as after a crash, with
/// `conseil group --resume --salle`.
pub fn resumed(name: &str) -> Trainer {
    open(
        &PathBuf::from("target/tmp/room").join(name),
        MODULE,
        Opening::Resume,
    )
}

/// The app on `module`, its group sessions in `data`; the clock it reads, and the module's
/// questions.
fn app_on(data: &Path, module: &str) -> (App, Rc<Cell<Timestamp>>, Vec<String>) {
    let catalog = Catalog::from_reports(vec![read_document("salle.json", module.as_bytes())]);
    assert!(!catalog.modules.is_empty(), "the fixture loads");
    let pool: Vec<String> = catalog.modules[0]
        .all_questions()
        .map(|q| q.id().to_owned())
        .collect();
    let clock = Rc::new(Cell::new(
        Timestamp::from_second(1_795_000_000).expect("valid time"),
    ));
    let read = Rc::clone(&clock);
    let app_clock = Clock::new(move || read.get(), TimeZone::UTC);
    let data_dir = DataDir::at(data, &app_clock);
    let app = App::new(catalog, Theme::monochrome(), Some(11), app_clock)
        .with_group_store(GroupStore::new(&data_dir, None));
    (app, clock, pool)
}

/// `conseil group --resume` on the data folder of `trainer(name)`, without `--salle`.
pub fn resume_without_room(name: &str) -> anyhow::Result<()> {
    let (mut app, _, _) = app_on(&PathBuf::from("target/tmp/room").join(name), MODULE);
    app.open_group(GroupOpening {
        resume: true,
        set: None,
        room: None,
    })
}

fn open(data: &Path, module: &str, opening: Opening) -> Trainer {
    let resume = opening == Opening::Resume;
    let (mut app, clock, pool) = app_on(data, module);
    let localhost = IpAddr::V4(Ipv4Addr::LOCALHOST);
    app.open_group(GroupOpening {
        resume,
        set: None,
        room: Some(RoomWanted {
            bind: SocketAddr::new(localhost, 0),
            shown: localhost,
        }),
    })
    .expect("the group quiz opens");
    if opening == Opening::Setup {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
        terminal.draw(|frame| app.draw(frame)).expect("draw");
        let setup = terminal.backend().to_string();
        assert!(
            setup.contains("Équipes (0)") && setup.contains("Aucune : chacun sur son téléphone."),
            "{setup}"
        );
        // The questions' block, the module ticked whole, launch.
        for code in [KeyCode::Tab, KeyCode::Char(' '), KeyCode::Char('l')] {
            app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        }
    }
    if opening == Opening::Teams {
        app.apply(Action::Group(GroupAction::Start {
            teams: vec!["Hiboux".into(), "Renards".into()],
            count: pool.len(),
            pool,
            timer_secs: Some(60),
            scoring: Scoring::default(),
            group_name: None,
            high_contrast: true,
        }));
    }
    app.tick();
    let server = app.room().expect("the room is open");
    let addr = server.local_addr();
    let code = server.code();
    Trainer {
        app,
        clock,
        addr,
        code,
    }
}

impl Trainer {
    pub fn play(&self) -> &PlayScreen {
        match self.app.screen() {
            Screen::Group(g) => match g.as_ref() {
                GroupScreen::Play(p) => p,
                GroupScreen::Setup(_) => panic!("still on the setup"),
            },
            _ => panic!("not on the group quiz"),
        }
    }

    pub fn session(&self) -> &GroupSession {
        &self.play().session
    }

    pub fn key(&mut self, code: KeyCode) {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        self.app.tick();
    }

    pub fn question(&self) -> Question {
        let id = &self.session().current().expect("a question").question_id;
        self.app.catalog.modules[0]
            .all_questions()
            .find(|q| q.id() == id)
            .cloned()
            .expect("question of the fixture")
    }

    /// What a phone sends to answer the current question right or wrong.
    pub fn answer(&self, right: bool) -> Value {
        let question = self.question();
        let session = self.session();
        let position = session.position();
        let order = session.display_order(position, &question);
        let shown = |i: usize| order.iter().position(|&o| o == i).expect("shown");
        match &question {
            Question::Single(c) => {
                let pick = if right {
                    c.correct[0]
                } else {
                    c.correct[0] + 1
                };
                json!({"t": "answer", "position": position, "choices": [shown(pick)]})
            }
            Question::Multiple(c) => {
                // One right choice of two is not the answer: no partial credit in the room.
                let picks: Vec<usize> = if right {
                    c.correct.iter().map(|&i| shown(i)).collect()
                } else {
                    vec![shown(c.correct[0])]
                };
                json!({"t": "answer", "position": position, "choices": picks})
            }
            Question::TrueFalse(tf) => {
                json!({"t": "answer", "position": position, "bool": tf.answer == right})
            }
            Question::Numeric(_) => {
                json!({"t": "answer", "position": position, "text": if right { "15 000" } else { "1500" }})
            }
            Question::Short(_) => json!({"t": "answer", "position": position,
                "text": if right { "médecin traitant" } else { "l’employeur" }}),
            Question::Order(o) => {
                // Wrong: the right order backwards.
                let mut steps: Vec<usize> = (0..o.items.len()).map(shown).collect();
                if !right {
                    steps.reverse();
                }
                json!({"t": "answer", "position": position, "order": steps})
            }
            Question::Match(m) => {
                let rights = m.right_options();
                // Wrong: every left item paired with the first one's partner.
                let pairs: Vec<usize> = m
                    .pairs
                    .iter()
                    .map(|p| {
                        let pair = if right { p } else { &m.pairs[0] };
                        shown(
                            rights
                                .iter()
                                .position(|r| *r == pair.right)
                                .expect("an option"),
                        )
                    })
                    .collect();
                json!({"t": "answer", "position": position, "pairs": pairs})
            }
            Question::Open(_) => panic!("an open question is discussed, not answered"),
        }
    }

    pub fn screen(&self) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
        terminal.draw(|frame| self.app.draw(frame)).expect("draw");
        terminal.backend().to_string()
    }
}

pub async fn connect(addr: SocketAddr) -> Phone {
    connect_async(format!("ws://{addr}/ws"))
        .await
        .expect("the room accepts the connection")
        .0
}

pub async fn send(phone: &mut Phone, value: &Value) {
    phone
        .send(Message::Text(value.to_string().into()))
        .await
        .expect("sent");
}

/// The next message, or `None` once the server has closed the connection.
pub async fn next(phone: &mut Phone) -> Option<Value> {
    loop {
        let message = tokio::time::timeout(HANG, phone.next())
            .await
            .expect("the server answers");
        match message {
            Some(Ok(Message::Text(text))) => {
                return Some(serde_json::from_str(text.as_str()).expect("JSON from the server"));
            }
            Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => {}
            Some(Ok(Message::Binary(_))) => panic!("the server sends text only"),
            Some(Ok(Message::Close(_)) | Err(_)) | None => return None,
        }
    }
}

/// Skips to the next message of type `t`.
pub async fn next_of(phone: &mut Phone, t: &str) -> Value {
    loop {
        let message = next(phone)
            .await
            .unwrap_or_else(|| panic!("closed before {t}"));
        if message["t"] == t {
            return message;
        }
    }
}

/// A phone that joined as `pseudo`, with its token.
pub async fn join(addr: SocketAddr, code: &str, pseudo: &str) -> (Phone, String) {
    let mut phone = connect(addr).await;
    next_of(&mut phone, "hello").await;
    send(
        &mut phone,
        &json!({"t": "join", "code": code, "pseudo": pseudo}),
    )
    .await;
    let joined = next_of(&mut phone, "joined").await;
    let token = joined["token"].as_str().expect("a token").to_owned();
    // Then what it is shown: the question.
    assert_eq!(next(&mut phone).await.expect("a view")["t"], "question");
    (phone, token)
}

/// A raw HTTP GET: the status line and the headers, then the body (read up to its
/// `Content-Length`, since a server may keep the connection open).
pub fn get(addr: SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connects");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("request sent");
    let mut response = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&response).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end].lines().find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().ok())?
            });
            if length.is_some_and(|n| response.len() >= end + 4 + n) {
                return text;
            }
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return String::from_utf8_lossy(&response).into_owned(),
            Ok(n) => response.extend_from_slice(&chunk[..n]),
        }
    }
}
