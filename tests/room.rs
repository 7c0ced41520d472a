//! The room (`conseil group --salle`) over real WebSockets on 127.0.0.1: the trainer's app
//! with its server, and simulated phones. 200 participants answer and every answer is
//! counted once; then the bad inputs: wrong codes, a flood, an oversize message, markup and
//! escape sequences in a pseudonym, an answer after the reveal, a reconnection, a removed
//! participant, and a request for anything but the page.

use std::net::TcpStream;

use conseil::domain::group::GroupSession;
use ratatui::crossterm::event::KeyCode;
use serde_json::json;

mod room_support;
use room_support::{
    HANG, Phone, connect, get, join, next, next_of, resumed, runtime, send, trainer,
};

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
        // Sent all at once: a script, not a thumb. One past the budget, no more: messages still
        // unread when the server hangs up would make the kernel reset the connection, and
        // the reset can beat the server's last words to the phone.
        for _ in 0..=conseil::room::MAX_MESSAGES_PER_STEP {
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

#[test]
fn after_a_crash_the_room_comes_back_and_phones_rejoin_by_themselves() {
    let trainer1 = trainer("resume");
    let rt = runtime();
    let (addr, code) = (trainer1.addr, trainer1.code.clone());
    let right = trainer1.answer(true);
    let token = rt.block_on(async {
        let (mut phone, token) = join(addr, &code, "Lou").await;
        send(&mut phone, &right).await;
        next_of(&mut phone, "question").await;
        token
    });
    let mut trainer1 = trainer1;
    trainer1.app.tick();
    // The trainer's terminal dies: the server goes with it, the session file stays.
    drop(trainer1);
    assert!(TcpStream::connect(addr).is_err());
    let mut trainer2 = resumed("resume");
    assert_eq!(trainer2.code, code, "the same room code");
    assert_eq!(
        trainer2.session().room_answered(),
        1,
        "the answer was saved"
    );
    rt.block_on(async {
        // What the page does by itself: connect again and join with its code and token.
        let mut phone = connect(trainer2.addr).await;
        next_of(&mut phone, "hello").await;
        send(
            &mut phone,
            &json!({"t": "join", "code": code, "token": token}),
        )
        .await;
        assert_eq!(next_of(&mut phone, "joined").await["pseudo"], "Lou");
        next_of(&mut phone, "question").await;
    });
    trainer2.key(KeyCode::Char('r'));
    assert_eq!(trainer2.session().room_standings()[0].points, 1);
    assert_eq!(trainer2.session().participants.len(), 1);
}
