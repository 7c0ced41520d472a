//! The room with 200 phones on 127.0.0.1: the time from the last answer sent to the trainer's
//! count showing it (target: under 100 ms), and the memory the 200 connections take (target:
//! under 50 MB, printed). The phones are in the same process as the server, so the memory
//! figure counts both ends of each connection: an upper bound for the trainer's machine.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async_with_config};

use conseil::room::live::{Phase, QuestionShown};
use conseil::room::rich::blocks;
use conseil::room::{RoomConfig, RoomServer};

const PHONES: usize = 200;

type Phone = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

/// Resident memory of this process, in bytes (Linux).
fn resident() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

fn question(position: usize) -> Phase {
    Phase::Question(QuestionShown {
        position,
        total: 1_000,
        kind: "true_false",
        prompt: blocks("L’employeur partage le secret médical."),
        options: Vec::new(),
        lefts: Vec::new(),
        order: Vec::new(),
        unit: None,
        time_left: None,
        paused: false,
    })
}

async fn join(addr: SocketAddr, code: &str, i: usize) -> Phone {
    // Phones with small buffers too, so that the memory figure is mostly the server's.
    let config = WebSocketConfig::default()
        .read_buffer_size(8 * 1024)
        .write_buffer_size(8 * 1024);
    let (mut phone, _) = connect_async_with_config(format!("ws://{addr}/ws"), Some(config), false)
        .await
        .unwrap_or_else(|e| panic!("connect: {e}"));
    let join = format!(r#"{{"t":"join","code":"{code}","pseudo":"Interne {i}"}}"#);
    phone
        .send(Message::Text(join.into()))
        .await
        .unwrap_or_else(|e| panic!("join: {e}"));
    // hello, joined, the view
    for _ in 0..3 {
        phone.next().await;
    }
    phone
}

async fn answer(phone: &mut Phone, position: usize) {
    let text = format!(r#"{{"t":"answer","position":{position},"bool":true}}"#);
    phone
        .send(Message::Text(text.into()))
        .await
        .unwrap_or_else(|e| panic!("answer: {e}"));
}

fn room(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"));
    let before = resident();
    let server = RoomServer::start(RoomConfig {
        addr: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
        code: "123456".into(),
        teams: Vec::new(),
        participants: Vec::new(),
    })
    .unwrap_or_else(|e| panic!("server: {e}"));
    let addr = server.local_addr();
    let mut position = 0;
    server.show(question(position));
    let mut phones: Vec<Phone> = rt.block_on(async {
        let mut phones = Vec::new();
        for i in 0..PHONES {
            phones.push(join(addr, "123456", i).await);
        }
        phones
    });
    let after = resident();
    println!(
        "room: {PHONES} phones joined, resident memory +{:.1} MB (server and phones)",
        (after.saturating_sub(before)) as f64 / 1e6
    );
    let mut counts = server.watch_counts();
    c.bench_function("room: last of 200 answers to the trainer's count", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                position += 1;
                server.show(question(position));
                total += rt.block_on(async {
                    let (last, others) =
                        phones.split_last_mut().unwrap_or_else(|| panic!("phones"));
                    for phone in others.iter_mut() {
                        answer(phone, position).await;
                    }
                    counts
                        .wait_for(|c| c.answered == PHONES - 1)
                        .await
                        .unwrap_or_else(|e| panic!("counts: {e}"));
                    let start = Instant::now();
                    answer(last, position).await;
                    counts
                        .wait_for(|c| c.answered == PHONES)
                        .await
                        .unwrap_or_else(|e| panic!("counts: {e}"));
                    start.elapsed()
                });
                // Each phone got the new question and the reply to its answer: read, they
                // do not pile up.
                rt.block_on(async {
                    for phone in &mut phones {
                        phone.next().await;
                        phone.next().await;
                    }
                });
            }
            total
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(5));
    targets = room
}
criterion_main!(benches);
