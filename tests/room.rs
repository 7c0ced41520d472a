//! The room (`conseil group --salle`) over real WebSockets on 127.0.0.1: the trainer's app
//! with its server, and simulated phones. 200 participants answer and every answer is
//! counted once; then the bad inputs: wrong codes, a flood, an oversize message, markup and
//! escape sequences in a pseudonym, an answer after the reveal, a reconnection, a removed
//! participant, and a request for anything but the page.

use std::cell::Cell;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::path::PathBuf;
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

const MODULE: &str = include_str!("fixtures/room/salle.json");

type Phone = WebSocketStream<MaybeTlsStream<AsyncTcp>>;

/// Only to end a test that would otherwise hang: nothing is measured.
const HANG: Duration = Duration::from_secs(120);

struct Trainer {
    app: App,
    _clock: Rc<Cell<Timestamp>>,
    addr: SocketAddr,
    code: String,
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// The app with a session of the fixture's five questions running, its room open on
/// 127.0.0.1 at a free port.
fn trainer(name: &str) -> Trainer {
    let data = PathBuf::from("target/tmp/room").join(name);
    let _ = std::fs::remove_dir_all(&data);
    let catalog = Catalog::from_reports(vec![read_document("salle.json", MODULE.as_bytes())]);
    let pool: Vec<String> = catalog.modules[0]
        .all_questions()
        .map(|q| q.id().to_owned())
        .collect();
    let clock = Rc::new(Cell::new(
        Timestamp::from_second(1_795_000_000).expect("valid time"),
    ));
    let read = Rc::clone(&clock);
    let app_clock = Clock::new(move || read.get(), TimeZone::UTC);
    let data_dir = DataDir::at(&data, &app_clock);
    let mut app = App::new(catalog, Theme::monochrome(), Some(11), app_clock)
        .with_group_store(GroupStore::new(&data_dir, None));
    let localhost = IpAddr::V4(Ipv4Addr::LOCALHOST);
    app.open_group(GroupOpening {
        resume: false,
        set: None,
        room: Some(RoomWanted {
            bind: SocketAddr::new(localhost, 0),
            shown: localhost,
        }),
    })
    .expect("setup opens");
    app.apply(Action::Group(GroupAction::Start {
        teams: vec!["Hiboux".into(), "Renards".into()],
        count: pool.len(),
        pool,
        timer_secs: Some(60),
        scoring: Scoring::default(),
        group_name: None,
        high_contrast: true,
    }));
    app.tick();
    let server = app.room().expect("the room is open");
    let addr = server.local_addr();
    let code = server.code();
    Trainer {
        app,
        _clock: clock,
        addr,
        code,
    }
}

impl Trainer {
    fn play(&self) -> &PlayScreen {
        match self.app.screen() {
            Screen::Group(g) => match g.as_ref() {
                GroupScreen::Play(p) => p,
                GroupScreen::Setup(_) => panic!("still on the setup"),
            },
            _ => panic!("not on the group quiz"),
        }
    }

    fn session(&self) -> &GroupSession {
        &self.play().session
    }

    fn key(&mut self, code: KeyCode) {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        self.app.tick();
    }

    fn question(&self) -> Question {
        let id = &self.session().current().expect("a question").question_id;
        self.app.catalog.modules[0]
            .all_questions()
            .find(|q| q.id() == id)
            .cloned()
            .expect("question of the fixture")
    }

    /// What a phone sends to answer the current question right or wrong.
    fn answer(&self, right: bool) -> Value {
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
            other => panic!("unexpected kind {}", other.kind_name()),
        }
    }

    fn screen(&self) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
        terminal.draw(|frame| self.app.draw(frame)).expect("draw");
        terminal.backend().to_string()
    }
}

async fn connect(addr: SocketAddr) -> Phone {
    connect_async(format!("ws://{addr}/ws"))
        .await
        .expect("the room accepts the connection")
        .0
}

async fn send(phone: &mut Phone, value: &Value) {
    phone
        .send(Message::Text(value.to_string().into()))
        .await
        .expect("sent");
}

/// The next message, or `None` once the server has closed the connection.
async fn next(phone: &mut Phone) -> Option<Value> {
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
async fn next_of(phone: &mut Phone, t: &str) -> Value {
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
async fn join(addr: SocketAddr, code: &str, pseudo: &str) -> (Phone, String) {
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

#[test]
fn two_hundred_phones_answer_and_each_answer_counts_once() {
    let mut trainer = trainer("two-hundred");
    let rt = runtime();
    let (addr, code) = (trainer.addr, trainer.code.clone());
    let mut phones: Vec<Phone> = rt.block_on(async {
        let mut joining = tokio::task::JoinSet::new();
        for i in 0..200 {
            let code = code.clone();
            joining.spawn(async move { (i, join(addr, &code, &format!("Interne {i}")).await.0) });
        }
        let mut phones: Vec<(usize, Phone)> = joining.join_all().await;
        phones.sort_by_key(|(i, _)| *i);
        phones.into_iter().map(|(_, p)| p).collect()
    });
    trainer.app.tick();
    assert_eq!(trainer.session().participants.len(), 200);
    let wrong = trainer.answer(false);
    let right = trainer.answer(true);
    let server = trainer.app.room().expect("room open");
    let mut counts = server.watch_counts();
    rt.block_on(async {
        let mut answering = tokio::task::JoinSet::new();
        for (i, mut phone) in phones.drain(..).enumerate() {
            let (wrong, right) = (wrong.clone(), right.clone());
            answering.spawn(async move {
                // Everyone first answers wrong; the even ones change their mind.
                send(&mut phone, &wrong).await;
                next_of(&mut phone, "question").await;
                if i % 2 == 0 {
                    send(&mut phone, &right).await;
                    next_of(&mut phone, "question").await;
                }
                (i, phone)
            });
        }
        let mut back: Vec<(usize, Phone)> = answering.join_all().await;
        back.sort_by_key(|(i, _)| *i);
        phones.extend(back.into_iter().map(|(_, p)| p));
        tokio::time::timeout(HANG, counts.wait_for(|c| c.answered == 200))
            .await
            .expect("counted in time")
            .expect("the room is open");
    });
    assert_eq!(server.counts().answered, 200);
    assert_eq!(server.counts().joined, 200);
    trainer.app.tick();
    assert_eq!(trainer.session().room_answered(), 200);
    let round = trainer.session().current().expect("a question").clone();
    assert_eq!(round.room.iter().flatten().count(), 200, "each answer once");
    assert!(
        trainer.screen().contains("200 sur 200 ont répondu"),
        "{}",
        trainer.screen()
    );
    // The reveal: right for the even ones, wrong for the others, and a rank for all.
    trainer.key(KeyCode::Char('r'));
    rt.block_on(async {
        for (i, phone) in phones.iter_mut().enumerate() {
            let revealed = next_of(phone, "revealed").await;
            let expected = if i % 2 == 0 { "correct" } else { "incorrect" };
            assert_eq!(revealed["result"]["verdict"], expected, "participant {i}");
            assert_eq!(revealed["reveal"]["of"], 200);
            let rank = if i % 2 == 0 { 1 } else { 101 };
            assert_eq!(revealed["score"]["rank"], rank, "participant {i}");
        }
    });
    assert!(
        trainer.screen().contains("sans réponse 0"),
        "{}",
        trainer.screen()
    );
    // The teams' scores come from the keyboard only.
    assert!(trainer.session().standings().iter().all(|s| s.points == 0));
    // End now: every phone sees its final score and rank.
    trainer.key(KeyCode::Enter);
    trainer.key(KeyCode::Char('t'));
    trainer.key(KeyCode::Char('o'));
    assert!(trainer.session().is_finished());
    rt.block_on(async {
        for (i, phone) in phones.iter_mut().enumerate() {
            let finished = next_of(phone, "finished").await;
            assert_eq!(finished["score"]["points"], u32::from(i % 2 == 0));
            assert_eq!(finished["of"], 200);
        }
    });
    // The session file holds every participant's answer.
    let saved: GroupSession = serde_json::from_str(
        &std::fs::read_to_string("target/tmp/room/two-hundred/group/session.json")
            .expect("session saved"),
    )
    .expect("session readable");
    assert_eq!(saved.rounds[0].room.iter().flatten().count(), 200);
    assert_eq!(saved.participants.len(), 200);
}

#[test]
fn wrong_codes_are_refused_then_the_address_is_shut_out() {
    let trainer = trainer("wrong-codes");
    let rt = runtime();
    rt.block_on(async {
        let mut phone = connect(trainer.addr).await;
        next_of(&mut phone, "hello").await;
        let wrong = if trainer.code == "000000" {
            "111111"
        } else {
            "000000"
        };
        for _ in 0..10 {
            send(
                &mut phone,
                &json!({"t": "join", "code": wrong, "pseudo": "Lou"}),
            )
            .await;
            let error = next_of(&mut phone, "error").await;
            assert!(
                error["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("code"))
            );
        }
        // Even the right code is refused now, and the connection ends.
        send(
            &mut phone,
            &json!({"t": "join", "code": trainer.code, "pseudo": "Lou"}),
        )
        .await;
        let error = next_of(&mut phone, "error").await;
        assert!(
            error["message"]
                .as_str()
                .is_some_and(|m| m.contains("Trop de codes"))
        );
        assert!(next(&mut phone).await.is_none(), "closed");
        // A new connection from the same address is shut out too.
        let mut again = connect(trainer.addr).await;
        next_of(&mut again, "hello").await;
        send(
            &mut again,
            &json!({"t": "join", "code": trainer.code, "pseudo": "Lou"}),
        )
        .await;
        let error = next_of(&mut again, "error").await;
        assert!(
            error["message"]
                .as_str()
                .is_some_and(|m| m.contains("Trop de codes"))
        );
    });
    assert!(trainer.session().participants.is_empty());
}

#[test]
fn a_flood_and_an_oversize_message_end_the_connection() {
    let mut trainer = trainer("flood");
    let rt = runtime();
    let (addr, code) = (trainer.addr, trainer.code.clone());
    let answer = trainer.answer(true);
    rt.block_on(async {
        let (mut phone, _) = join(addr, &code, "Bavard").await;
        // Sent all at once: a script, not a thumb.
        for _ in 0..100 {
            send(&mut phone, &answer).await;
        }
        let mut flood = false;
        while let Some(message) = next(&mut phone).await {
            flood |= message["t"] == "error"
                && message["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("Trop de messages"));
        }
        assert!(flood, "told why before the end");

        let (mut big, _) = join(addr, &code, "Verbeux").await;
        let text = "x".repeat(5 * 1024);
        send(
            &mut big,
            &json!({"t": "answer", "position": 0, "text": text}),
        )
        .await;
        // The server ends the connection (a hang would fail the test).
        while next(&mut big).await.is_some() {}
    });
    trainer.app.tick();
    let session = trainer.session();
    assert_eq!(session.participants.len(), 2);
    assert_eq!(
        session.room_answered(),
        1,
        "the flood counted once, the oversize never"
    );
}

#[test]
fn pseudonyms_are_text_and_personal_data_is_refused() {
    let mut trainer = trainer("pseudonyms");
    let rt = runtime();
    let (addr, code) = (trainer.addr, trainer.code.clone());
    rt.block_on(async {
        let (_phone, _) = join(addr, &code, "<script>1</script>").await;
        for (pseudo, why) in [
            ("a\u{1b}[2Jb", "invisible ou de contrôle"),
            ("lou@example.org", "adresse électronique"),
            ("06 12 34 56 78", "numéro de téléphone"),
            ("<SCRIPT>1</script>", "déjà pris"),
        ] {
            let mut phone = connect(addr).await;
            next_of(&mut phone, "hello").await;
            send(
                &mut phone,
                &json!({"t": "join", "code": code, "pseudo": pseudo}),
            )
            .await;
            let error = next(&mut phone).await.expect("a reply");
            assert!(
                error["message"].as_str().is_some_and(|m| m.contains(why)),
                "{pseudo}: {error}"
            );
        }
    });
    trainer.app.tick();
    assert_eq!(trainer.session().participants.len(), 1);
    // The terminal shows the markup as text, in the room's panel.
    assert!(
        trainer.screen().contains("<script>1</script>"),
        "{}",
        trainer.screen()
    );
    // The page writes what the server sends as text, never as markup.
    assert!(!conseil::room::PAGE.contains("innerHTML"));
    assert!(!conseil::room::PAGE.contains("insertAdjacentHTML"));
    assert!(conseil::room::PAGE.contains(".textContent"));
}

#[test]
fn answers_after_the_reveal_are_refused() {
    let mut trainer = trainer("after-reveal");
    let rt = runtime();
    let (addr, code) = (trainer.addr, trainer.code.clone());
    let (mut phone, _) = rt.block_on(join(addr, &code, "Lente"));
    let right = trainer.answer(true);
    trainer.key(KeyCode::Char('r'));
    rt.block_on(async {
        next_of(&mut phone, "revealed").await;
        send(&mut phone, &right).await;
        let error = next_of(&mut phone, "error").await;
        assert!(
            error["message"]
                .as_str()
                .is_some_and(|m| m.contains("Trop tard"))
        );
    });
    trainer.app.tick();
    assert_eq!(trainer.session().room_answered(), 0);
}

#[test]
fn a_dropped_phone_rejoins_as_itself_and_a_removed_one_cannot() {
    let mut trainer = trainer("rejoin");
    let rt = runtime();
    let (addr, code) = (trainer.addr, trainer.code.clone());
    let right = trainer.answer(true);
    let token = rt.block_on(async {
        let (mut phone, token) = join(addr, &code, "Lou").await;
        send(&mut phone, &right).await;
        next_of(&mut phone, "question").await;
        token
        // The phone is dropped here: its connection ends.
    });
    trainer.app.tick();
    rt.block_on(async {
        let mut phone = connect(addr).await;
        next_of(&mut phone, "hello").await;
        send(
            &mut phone,
            &json!({"t": "join", "code": code, "token": token}),
        )
        .await;
        let joined = next_of(&mut phone, "joined").await;
        assert_eq!(joined["pseudo"], "Lou");
        let view = next_of(&mut phone, "question").await;
        assert!(
            view["mine"]["label"].is_string(),
            "its answer is still there: {view}"
        );
    });
    trainer.app.tick();
    assert_eq!(
        trainer.session().participants.len(),
        1,
        "the same participant"
    );
    assert_eq!(trainer.session().room_answered(), 1);
    // The trainer removes Lou from the room's panel (open from the start).
    assert!(trainer.screen().contains("Lou"));
    trainer.key(KeyCode::Delete);
    assert!(trainer.session().participants[0].removed);
    assert_eq!(trainer.session().room_answered(), 0);
    rt.block_on(async {
        let mut phone = connect(addr).await;
        next_of(&mut phone, "hello").await;
        send(
            &mut phone,
            &json!({"t": "join", "code": code, "token": token}),
        )
        .await;
        let error = next_of(&mut phone, "error").await;
        assert!(
            error["message"]
                .as_str()
                .is_some_and(|m| m.contains("retiré"))
        );
    });
}

/// A raw HTTP GET: the status line and the headers, then the body.
fn get(addr: SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connects");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("request sent");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response read");
    response
}

#[test]
fn only_the_embedded_page_is_served() {
    let trainer = trainer("assets");
    let page = get(trainer.addr, "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.contains("content-security-policy: default-src 'none'"),
        "{page}"
    );
    assert!(page.contains("<html lang=\"fr\">"));
    for path in [
        "/../Cargo.toml",
        "/etc/passwd",
        "/page.html",
        "/%2e%2e/Cargo.toml",
        "/ws/..",
    ] {
        let response = get(trainer.addr, path);
        assert!(
            response.starts_with("HTTP/1.1 404") || response.starts_with("HTTP/1.1 400"),
            "{path}: {response}"
        );
        assert!(!response.contains("[package]"));
    }
    // Small enough for a weak Wi-Fi, and nothing fetched from elsewhere.
    assert!(conseil::room::PAGE.len() < 16 * 1024);
    assert!(!conseil::room::PAGE.contains("http://"));
    assert!(!conseil::room::PAGE.contains("https://"));
}

#[test]
fn the_room_stops_with_the_session() {
    let mut trainer = trainer("stops");
    let addr = trainer.addr;
    assert!(TcpStream::connect(addr).is_ok());
    trainer.key(KeyCode::Char('q'));
    trainer.key(KeyCode::Char('o'));
    assert!(trainer.app.room().is_none());
    assert!(TcpStream::connect(addr).is_err(), "nobody listens any more");
}
