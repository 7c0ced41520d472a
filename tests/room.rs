//! The room (`conseil group --salle`) over real WebSockets on 127.0.0.1: the trainer's app
//! with its server, and simulated phones. 200 participants answer and every answer is
//! counted once; then the bad inputs: wrong codes, a flood, an oversize message, markup and
//! escape sequences in a pseudonym, an answer after the reveal, a reconnection, a removed
//! participant, and a request for anything but the page.

use std::net::TcpStream;

use conseil::domain::group::{GroupSession, letter};
use conseil::domain::question::{Question, Response, Verdict};
use ratatui::crossterm::event::KeyCode;
use serde_json::json;

mod room_support;
use room_support::{
    HANG, ORDER_MODULE, Phone, Trainer, connect, get, join, next, next_of, resume_without_room,
    resumed, runtime, send, trainer, trainer_from_setup, trainer_with,
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
fn wrong_codes_are_refused_then_the_address_waits() {
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
        // Even the right code waits now (half a minute, said in seconds), and the
        // connection ends.
        send(
            &mut phone,
            &json!({"t": "join", "code": trainer.code, "pseudo": "Lou"}),
        )
        .await;
        let error = next_of(&mut phone, "error").await;
        assert!(
            error["message"]
                .as_str()
                .is_some_and(|m| m.contains("Trop de codes") && m.contains("réessayez dans"))
        );
        assert!(next(&mut phone).await.is_none(), "closed");
        // A new connection from the same address waits too. (The wait ending, doubling and
        // sparing a returning phone are in `room::live`'s tests, on a clock they control.)
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
                .is_some_and(|m| m.contains("Trop de codes") && m.contains("réessayez dans"))
        );
    });
    assert!(trainer.session().participants.is_empty());
}

/// The last error the server sent before the connection ended.
async fn last_words(phone: &mut Phone) -> Option<String> {
    let mut last = None;
    while let Some(message) = next(phone).await {
        if message["t"] == "error" {
            last = message["message"].as_str().map(str::to_owned);
        }
    }
    last
}

#[test]
fn a_flood_and_an_oversize_message_end_the_connection() {
    let mut trainer = trainer("flood");
    let rt = runtime();
    let (addr, code) = (trainer.addr, trainer.code.clone());
    let answer = trainer.answer(true);
    rt.block_on(async {
        let (mut phone, _) = join(addr, &code, "Bavard").await;
        // Sent all at once, nothing read meanwhile: a script, not a thumb. The server tells
        // why and closes properly, reading the rest, so its last words always arrive.
        for _ in 0..100 {
            send(&mut phone, &answer).await;
        }
        let said = last_words(&mut phone).await;
        assert!(
            said.as_deref()
                .is_some_and(|m| m.contains("Trop de messages")),
            "{said:?}"
        );

        let (mut big, _) = join(addr, &code, "Verbeux").await;
        let text = "x".repeat(5 * 1024);
        send(
            &mut big,
            &json!({"t": "answer", "position": 0, "text": text}),
        )
        .await;
        let said = last_words(&mut big).await;
        assert!(
            said.as_deref()
                .is_some_and(|m| m.contains("Message trop long")),
            "{said:?}"
        );
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
    // The trainer sees the address and how to open the room elsewhere.
    let screen = trainer.screen();
    assert!(
        screen.contains(&format!("http://{}/", trainer.addr)),
        "{screen}"
    );
    assert!(screen.contains("--interface IP --port PORT"), "{screen}");
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

/// The keys the trainer types to enter, for team 1, what `answer` (a phone's message) gives.
fn keyed(trainer: &mut Trainer, answer: &serde_json::Value) {
    let positions = answer["order"]
        .as_array()
        .or_else(|| answer["pairs"].as_array())
        .expect("an order or pairs");
    trainer.key(KeyCode::Char('1'));
    for d in positions {
        let d = usize::try_from(d.as_u64().expect("a position")).expect("small");
        let c = letter(d).chars().next().expect("a letter");
        trainer.key(KeyCode::Char(c));
    }
    trainer.key(KeyCode::Enter);
}

/// Answers no `order` or `match` question takes: positions out of range, a step twice or
/// missing, a pair missing or extra, the other kind's field, nothing at all.
fn misfits(question: &Question, position: usize) -> Vec<serde_json::Value> {
    let at = |field: &str, value: serde_json::Value| json!({"t": "answer", "position": position, field: value});
    match question {
        Question::Order(o) => {
            let n = o.items.len();
            vec![
                at("order", json!((0..n - 1).collect::<Vec<_>>())),
                at("order", json!((0..=n).collect::<Vec<_>>())),
                at("order", json!(vec![0; n])),
                at("order", json!([n, 0, 1])),
                at("order", json!([])),
                at("pairs", json!((0..n).collect::<Vec<_>>())),
                at("choices", json!([0])),
                json!({"t": "answer", "position": position}),
            ]
        }
        Question::Match(m) => {
            let n = m.pairs.len();
            let options = m.right_options().len();
            vec![
                at("pairs", json!(vec![0; n - 1])),
                at("pairs", json!(vec![0; n + 1])),
                at("pairs", json!(vec![options; n])),
                at("order", json!((0..n).collect::<Vec<_>>())),
                at("text", json!("ABC")),
                json!({"t": "answer", "position": position}),
            ]
        }
        other => panic!("not an order or a match: {}", other.kind_name()),
    }
}

/// What the phone is shown of an `order` or a `match` after answering it: the steps or
/// options with their letters, for a match the left items to pair, and its answer back.
fn check_shown(question: &Question, view: &serde_json::Value) {
    let shown = &view["question"];
    match question {
        Question::Order(o) => {
            assert_eq!(shown["kind"], "order");
            assert_eq!(
                shown["options"].as_array().map(Vec::len),
                Some(o.items.len())
            );
            assert!(shown.get("lefts").is_none());
            // « B → A → C »: the letters of the steps in the order given.
            assert_eq!(
                view["mine"]["label"]
                    .as_str()
                    .map(|l| l.matches(" → ").count()),
                Some(o.items.len() - 1),
                "{view}"
            );
        }
        Question::Match(m) => {
            assert_eq!(shown["kind"], "match");
            assert_eq!(shown["lefts"], json!(["DRSM", "ELSM", "CPAM"]));
            assert_eq!(
                shown["options"].as_array().map(Vec::len),
                Some(m.right_options().len())
            );
            assert!(
                view["mine"]["label"]
                    .as_str()
                    .is_some_and(|l| l.starts_with("1 → ")),
                "{view}"
            );
        }
        other => panic!("not an order or a match: {}", other.kind_name()),
    }
}

#[test]
fn order_and_match_are_answered_from_the_phone_and_graded_as_from_the_keyboard() {
    let mut trainer = trainer_with("order-match", ORDER_MODULE);
    let rt = runtime();
    let (addr, code) = (trainer.addr, trainer.code.clone());
    let (mut lou, _) = rt.block_on(join(addr, &code, "Lou"));
    let (mut max, _) = rt.block_on(join(addr, &code, "Max"));
    let mut kinds = Vec::new();
    for round in 0..2 {
        let question = trainer.question();
        let position = trainer.session().position();
        kinds.push(question.kind_name());
        let (right, wrong) = (trainer.answer(true), trainer.answer(false));
        rt.block_on(async {
            // A text where steps or pairs are expected, then what does not fit.
            send(
                &mut max,
                &json!({"t": "answer", "position": position, "text": "?"}),
            )
            .await;
            let error = next_of(&mut max, "error").await;
            assert!(
                error["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("ne correspond pas")),
                "round {round}: {error}"
            );
            for misfit in misfits(&question, position) {
                send(&mut lou, &misfit).await;
                let error = next_of(&mut lou, "error").await;
                assert!(
                    error["message"]
                        .as_str()
                        .is_some_and(|m| m.contains("ne correspond pas")),
                    "{misfit}: {error}"
                );
            }
            send(&mut lou, &right).await;
            let view = next_of(&mut lou, "question").await;
            check_shown(&question, &view);
            send(&mut max, &wrong).await;
            next_of(&mut max, "question").await;
        });
        trainer.app.tick();
        // Team 1 keys in the letters Lou gave: the same response, so the same grading.
        keyed(&mut trainer, &right);
        let session = trainer.session();
        let entry =
            |e: &Option<conseil::domain::group::Entry>| e.as_ref().map(|e| e.response.clone());
        let round_now = session.current().expect("a question");
        let team = entry(&round_now.entries[0]).expect("team 1 keyed in");
        assert!(
            matches!(team, Response::Order(_) | Response::Pairs(_)),
            "{team:?}"
        );
        assert_eq!(entry(&round_now.room[0]), Some(team), "round {round}");
        trainer.key(KeyCode::Char('r'));
        let round_now = trainer.session().current().expect("revealed").clone();
        let room = round_now.room_awards.expect("graded");
        let teams = round_now.awards.expect("graded");
        assert_eq!(room[0].verdict, Some(Verdict::Correct));
        assert_eq!(room[0].points, 1);
        assert_ne!(room[1].verdict, Some(Verdict::Correct));
        assert_eq!(teams[0].verdict, room[0].verdict);
        // The trainer sees how many got it right, not the answers (too many to list).
        assert!(
            trainer.screen().contains("juste 1 · en partie juste"),
            "{}",
            trainer.screen()
        );
        rt.block_on(async {
            let revealed = next_of(&mut lou, "revealed").await;
            assert_eq!(revealed["result"]["verdict"], "correct");
            let revealed = next_of(&mut max, "revealed").await;
            assert_ne!(revealed["result"]["verdict"], "correct");
        });
        // The scores, then the next question.
        trainer.key(KeyCode::Enter);
        trainer.key(KeyCode::Enter);
    }
    kinds.sort_unstable();
    assert_eq!(kinds, ["match", "order"]);
}

#[test]
fn markdown_reaches_the_phone_as_blocks_and_markup_never_does() {
    let mut trainer = trainer_with("markdown", ORDER_MODULE);
    let rt = runtime();
    let (addr, code) = (trainer.addr, trainer.code.clone());
    // Until the order question is the one shown.
    if trainer.question().kind_name() != "order" {
        trainer.key(KeyCode::Char('r'));
        trainer.key(KeyCode::Enter);
        trainer.key(KeyCode::Enter);
    }
    let (mut phone, _) = rt.block_on(join(addr, &code, "Lou"));
    trainer.key(KeyCode::Char('r'));
    rt.block_on(async {
        let revealed = next_of(&mut phone, "revealed").await;
        let prompt = &revealed["reveal"]["question"]["prompt"];
        assert_eq!(
            prompt,
            &json!([
                {"p": ["Classez du niveau ", {"t": "national", "s": "b"}, " au niveau ",
                       {"t": "local", "s": "i"}, " :"]},
                {"ul": [["le premier en haut ;"], ["le dernier en bas."]]}
            ])
        );
        let explanation = &revealed["reveal"]["explanation"];
        let text = explanation.to_string();
        assert!(!text.contains('<'), "{text}");
        assert!(!text.contains("script"), "{text}");
        // (Escape sequences never get this far: the loader refuses them in content, and
        // `room::rich` drops them too.)
        assert_eq!(
            explanation[1],
            json!({"p": ["Un réseau sur trois niveaux."]}),
            "{text}"
        );
    });
    // The page builds what it gets with text nodes only.
    for markup in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "DOMParser",
    ] {
        assert!(!conseil::room::PAGE.contains(markup), "{markup}");
    }
}

#[test]
fn a_room_without_teams_is_set_up_played_and_ranked() {
    let mut trainer = trainer_from_setup("no-teams");
    assert!(trainer.session().teams.is_empty());
    let rt = runtime();
    let (addr, code) = (trainer.addr, trainer.code.clone());
    let (mut lou, _) = rt.block_on(join(addr, &code, "Lou"));
    let (mut max, _) = rt.block_on(join(addr, &code, "Max"));
    // The room's panel closed: the question, and no team to key in.
    trainer.key(KeyCode::Char('l'));
    let screen = trainer.screen();
    assert!(
        screen.contains("chacun répond sur son téléphone"),
        "{screen}"
    );
    assert!(!screen.contains("Tapez le numéro d’une équipe"), "{screen}");
    for position in 0..trainer.session().len() {
        let (right, wrong) = (trainer.answer(true), trainer.answer(false));
        rt.block_on(async {
            send(&mut lou, &right).await;
            next_of(&mut lou, "question").await;
            send(&mut max, &wrong).await;
            next_of(&mut max, "question").await;
        });
        trainer.app.tick();
        trainer.key(KeyCode::Char('r'));
        rt.block_on(async {
            next_of(&mut lou, "revealed").await;
            next_of(&mut max, "revealed").await;
        });
        // The scoreboard ranks the participants.
        trainer.key(KeyCode::Enter);
        let board = trainer.screen();
        assert!(board.contains("Lou") && board.contains("Max"), "{board}");
        assert!(
            board.find("Lou") < board.find("Max"),
            "Lou leads after question {position}: {board}"
        );
        trainer.key(KeyCode::Enter);
    }
    assert!(trainer.session().is_finished());
    let podium = trainer.screen();
    assert!(podium.contains("Lou") && podium.contains("Max"), "{podium}");
    // The debrief counts the participants who missed each question: Max, every time.
    assert!(
        podium.contains("1 participant sur 2 l’a manquée"),
        "{podium}"
    );
    rt.block_on(async {
        assert_eq!(next_of(&mut lou, "finished").await["score"]["rank"], 1);
        assert_eq!(next_of(&mut max, "finished").await["score"]["rank"], 2);
    });
    // The report and the exported results hold the room's ranking.
    trainer.key(KeyCode::Char('b'));
    assert!(
        trainer.screen().contains("Classement de la salle"),
        "{}",
        trainer.screen()
    );
    trainer.key(KeyCode::Esc);
    trainer.key(KeyCode::Char('e'));
    let folder = std::path::Path::new("target/tmp/room/no-teams/group");
    let report = std::fs::read_dir(folder)
        .expect("results written")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().ends_with(".md"))
        .map(|e| std::fs::read_to_string(e.path()).expect("readable"))
        .expect("a Markdown report");
    assert!(report.contains("Classement de la salle"), "{report}");
    assert!(report.contains("Lou"), "{report}");
}

#[test]
fn a_room_without_teams_resumes_only_with_the_room() {
    let trainer = trainer_from_setup("no-teams-resume");
    assert!(trainer.session().teams.is_empty());
    drop(trainer);
    let refused = resume_without_room("no-teams-resume").expect_err("nobody could answer");
    assert!(
        refused
            .to_string()
            .contains("conseil group --salle --resume"),
        "{refused}"
    );
    // With the room, it comes back.
    let back = resumed("no-teams-resume");
    assert!(back.session().teams.is_empty());
}

/// Phones cannot answer an open question: the trainer's line says it is played aloud, and
/// counts no answers that cannot come.
#[test]
fn an_open_question_is_said_to_be_played_aloud_before_its_reveal() {
    let module = serde_json::json!({
        "format_version": 1, "id": "essai-salle-libre", "title": "Question ouverte en salle",
        "summary": "Fictif.", "audience": ["formateur"], "valid_as_of": "2026-11-01",
        "sources": [{"id": "guide", "label": "Guide fictif du stage"}],
        "questions": [{
            "kind": "open", "id": "salle.libre", "sources": ["guide"],
            "prompt": "Un employeur vous demande le motif d’un arrêt. Que répondez-vous ?",
            "explanation": "Le motif médical reste couvert par le secret.",
            "model_answer": "Je refuse poliment : le motif médical est couvert par le secret.",
            "checklist": ["Refuser", "Expliquer le secret"],
        }],
    })
    .to_string();
    let mut trainer = trainer_with("open-aloud", &module);
    // The room's panel closed: the question and the room's line under it.
    trainer.key(KeyCode::Char('l'));
    let screen = trainer.screen();
    assert!(screen.contains("se joue à voix haute"), "{screen}");
    assert!(!screen.contains("ont répondu"), "{screen}");
}
