//! The room server (`conseil group --salle`): the trainer's terminal serves one small page
//! and a WebSocket on the room's network; participants answer from their phones and nothing
//! leaves the room. The server runs on its own thread with a one-thread tokio runtime, only
//! while the session runs; the terminal pushes what the phones show (`show_*`) and takes the
//! joins and answers (`events`) into the session, which it saves as in the keyboard mode.
//!
//! Safety: only the room code lets one in, and an address that sends too many wrong codes
//! waits, longer at each further one; at most
//! [`MAX_PARTICIPANTS`](crate::domain::group::room::MAX_PARTICIPANTS) participants; messages
//! over [`MAX_MESSAGE_BYTES`] end the connection, and so does a flood, the phone told why
//! before a proper close;
//! answers after the reveal are refused; only the embedded page is served, never a file.

pub mod live;
pub mod qr;
pub mod rich;
mod strings;

use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use axum::Router;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rand::RngExt;
use tokio::sync::{oneshot, watch};

use crate::domain::group::Participant;
use live::{ClientMsg, Counts, Live, Outcome, Phase, RoomEvent, View};

/// The page the phones load: self-contained (no font, script or style from elsewhere).
pub const PAGE: &str = include_str!("room/page.html");
/// Longest message a phone may send: an answer is a few dozen bytes.
pub const MAX_MESSAGE_BYTES: usize = 4 * 1024;
/// Longest message the WebSocket layer reads at all. Above [`MAX_MESSAGE_BYTES`] and up to
/// this, the phone is told why and the connection closes cleanly; beyond it the layer stops
/// reading, and the phone is told as well as a connection that can no longer be read allows.
const MAX_FRAME_BYTES: usize = 16 * MAX_MESSAGE_BYTES;
/// How long a connection being closed keeps reading (and dropping) what its phone still
/// sends, waiting for the phone to close too.
const LINGER: std::time::Duration = std::time::Duration::from_secs(2);
/// Messages one connection may send between two changes of the room (a question, a reveal):
/// far more than answering needs, far fewer than a script flooding the trainer's terminal.
pub const MAX_MESSAGES_PER_STEP: u32 = 60;

/// What the page is allowed to load: nothing from elsewhere.
const CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
                   connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; \
                   frame-ancestors 'none'";

/// How to start a room.
#[derive(Debug, Clone)]
pub struct RoomConfig {
    pub addr: SocketAddr,
    pub code: String,
    pub teams: Vec<String>,
    /// The participants of a resumed session, who rejoin with their tokens.
    pub participants: Vec<Participant>,
}

struct Shared {
    live: Mutex<Live>,
    /// When the room opened: the wrong codes' waits count from it, on the monotonic clock.
    opened: std::time::Instant,
    /// Bumped whenever what the phones see changes: each connection then sends its view.
    version: watch::Sender<u64>,
    counts: watch::Sender<Counts>,
    events: mpsc::Sender<RoomEvent>,
}

impl Shared {
    fn live(&self) -> MutexGuard<'_, Live> {
        // A panic while holding the lock leaves plain data, still usable.
        self.live.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn changed(&self, live: &Live) {
        self.counts.send_replace(live.counts());
        self.version.send_modify(|v| *v += 1);
    }
}

/// The running room. Dropping it stops the server.
pub struct RoomServer {
    shared: Arc<Shared>,
    events: mpsc::Receiver<RoomEvent>,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for RoomServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoomServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl RoomServer {
    /// Binds the address (so that a port in use is told at once) and starts serving.
    pub fn start(config: RoomConfig) -> io::Result<RoomServer> {
        let listener = TcpListener::bind(config.addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let (events_tx, events) = mpsc::channel();
        let live = Live::new(config.code, config.teams, &config.participants);
        let counts = live.counts();
        let shared = Arc::new(Shared {
            live: Mutex::new(live),
            opened: std::time::Instant::now(),
            version: watch::Sender::new(0),
            counts: watch::Sender::new(counts),
            events: events_tx,
        });
        let (stop, stopped) = oneshot::channel();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        let serving = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("salle".into())
            .spawn(move || runtime.block_on(serve(listener, serving, stopped)))?;
        Ok(RoomServer {
            shared,
            events,
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn code(&self) -> String {
        self.shared.live().code().to_owned()
    }

    pub fn counts(&self) -> Counts {
        *self.shared.counts.borrow()
    }

    /// Follows the counts as they change (tests and benches wait on it).
    pub fn watch_counts(&self) -> watch::Receiver<Counts> {
        self.shared.counts.subscribe()
    }

    /// The joins and answers received since the last call, in order.
    pub fn events(&self) -> Vec<RoomEvent> {
        self.events.try_iter().collect()
    }

    pub fn pseudonym(&self, participant: usize) -> Option<String> {
        self.shared.live().pseudonym(participant).map(str::to_owned)
    }

    pub fn token(&self, participant: usize) -> Option<String> {
        self.shared.live().token(participant).map(str::to_owned)
    }

    /// Shows a question (the same one again keeps its answers, with its time left
    /// updated), the reveal or the end; nothing is sent when nothing changed.
    pub fn show(&self, phase: Phase) {
        let mut live = self.shared.live();
        if live.phase == phase {
            return;
        }
        match phase {
            Phase::Question(question) => live.show_question(question),
            phase => live.show(phase),
        }
        self.shared.changed(&live);
    }

    /// Removes a participant; its phone is told at once.
    pub fn remove(&self, participant: usize) -> bool {
        let mut live = self.shared.live();
        let removed = live.remove(participant);
        if removed {
            self.shared.changed(&live);
        }
        removed
    }
}

impl Drop for RoomServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve(listener: TcpListener, shared: Arc<Shared>, stopped: oneshot::Receiver<()>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let app = Router::new()
        .route("/", get(page))
        .route("/ws", get(upgrade))
        .fallback(not_found)
        .with_state(shared);
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    );
    // Returning drops the runtime, and with it every connection still open.
    tokio::select! {
        _ = server => {}
        _ = stopped => {}
    }
}

async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        PAGE,
    )
        .into_response()
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Introuvable.").into_response()
}

async fn upgrade(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ws: WebSocketUpgrade,
) -> Response {
    // Buffers sized for messages of a few kilobytes, not the 128 KiB a connection reserves
    // by default: 300 phones then hold a few megabytes.
    ws.max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .read_buffer_size(2 * MAX_MESSAGE_BYTES)
        .write_buffer_size(2 * MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| connection(socket, peer.ip(), shared))
}

/// What to send back after a message.
enum Reply {
    /// The participant's view (after an answer, a rejoin).
    View,
    /// Joined anew or again: the token, then the view.
    Joined,
    Error {
        message: String,
        close: bool,
    },
}

fn on_message(shared: &Shared, ip: IpAddr, me: &mut Option<usize>, text: &str) -> Reply {
    let Ok(msg) = serde_json::from_str::<ClientMsg>(text) else {
        return Reply::Error {
            message: strings::NOT_UNDERSTOOD.into(),
            close: false,
        };
    };
    let mut live = shared.live();
    let (outcome, event) = match *me {
        None => live.join(ip, shared.opened.elapsed(), &msg, fresh_token()),
        Some(p) => live.answer(p, &msg),
    };
    let counted = event.is_some();
    if let Some(event) = event {
        // The terminal gone, the session cannot record anything: the room closes with it.
        let _ = shared.events.send(event);
    }
    if counted {
        shared.counts.send_replace(live.counts());
    }
    match outcome {
        Outcome::Joined(p) => {
            *me = Some(p);
            Reply::Joined
        }
        Outcome::Answered => Reply::View,
        Outcome::Refused { message, close } => Reply::Error { message, close },
    }
}

/// The address of this machine on the room's network: the one its traffic leaves by (a UDP
/// socket « connected » to a documentation address sends nothing). Loopback without a
/// network.
pub fn local_address() -> IpAddr {
    let probe = std::net::UdpSocket::bind((std::net::Ipv4Addr::UNSPECIFIED, 0)).and_then(|s| {
        s.connect((std::net::Ipv4Addr::new(192, 0, 2, 1), 9))?;
        s.local_addr()
    });
    probe.map_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), |a| a.ip())
}

fn fresh_token() -> String {
    format!("{:032x}", rand::rng().random::<u128>())
}

/// The JSON of what `me` sees now.
fn view_json(shared: &Shared, me: Option<usize>) -> (String, bool) {
    let live = shared.live();
    let view = live.view(me);
    let gone = matches!(view, View::Removed);
    (serde_json::to_string(&view).unwrap_or_default(), gone)
}

fn error_json(message: &str) -> String {
    serde_json::to_string(&View::Error { message }).unwrap_or_default()
}

/// One phone's connection: its messages in, its view out whenever the room changes.
async fn connection(mut socket: WebSocket, ip: IpAddr, shared: Arc<Shared>) {
    let mut changes = shared.version.subscribe();
    let mut me: Option<usize> = None;
    let mut budget = MAX_MESSAGES_PER_STEP;
    let (hello, _) = view_json(&shared, None);
    if socket.send(Message::Text(hello.into())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            received = socket.recv() => {
                let message = match received {
                    Some(Ok(message)) => message,
                    // Over the WebSocket layer's limit: nothing more can be read.
                    Some(Err(_)) => {
                        tell_and_close(&mut socket, strings::TOO_LONG, close_code::SIZE).await;
                        return;
                    }
                    None => return,
                };
                let text = match message {
                    Message::Text(text) => text,
                    Message::Close(_) => return,
                    Message::Ping(_) | Message::Pong(_) => continue,
                    Message::Binary(_) => {
                        let error = error_json(strings::NOT_UNDERSTOOD);
                        if socket.send(Message::Text(error.into())).await.is_err() {
                            return;
                        }
                        continue;
                    }
                };
                if text.len() > MAX_MESSAGE_BYTES {
                    hang_up(&mut socket, strings::TOO_LONG, close_code::SIZE).await;
                    return;
                }
                if budget == 0 {
                    hang_up(&mut socket, strings::FLOOD, close_code::POLICY).await;
                    return;
                }
                budget -= 1;
                let reply = on_message(&shared, ip, &mut me, text.as_str());
                if !answer(&mut socket, &shared, me, reply).await {
                    return;
                }
            }
            changed = changes.changed() => {
                if changed.is_err() {
                    return;
                }
                budget = MAX_MESSAGES_PER_STEP;
                if me.is_some() {
                    let (view, gone) = view_json(&shared, me);
                    if socket.send(Message::Text(view.into())).await.is_err() || gone {
                        return;
                    }
                }
            }
        }
    }
}

/// Tells the phone why the connection ends, then closes it properly: the phone's messages
/// are read (and dropped) until it closes too, for [`LINGER`] at most. Closing a socket with
/// unread data makes the kernel reset the connection, and the reset can beat the last words
/// to the phone.
async fn hang_up(socket: &mut WebSocket, message: &str, code: u16) {
    tell_and_close(socket, message, code).await;
    let _ = tokio::time::timeout(LINGER, async {
        while let Some(Ok(message)) = socket.recv().await {
            if matches!(message, Message::Close(_)) {
                break;
            }
        }
    })
    .await;
}

/// The reason as a message, then the Close frame with its code.
async fn tell_and_close(socket: &mut WebSocket, message: &str, code: u16) {
    let _ = socket.send(Message::Text(error_json(message).into())).await;
    let frame = CloseFrame {
        code,
        reason: "".into(),
    };
    let _ = socket.send(Message::Close(Some(frame))).await;
}

/// Sends the reply; false when the connection should end.
async fn answer(socket: &mut WebSocket, shared: &Shared, me: Option<usize>, reply: Reply) -> bool {
    let mut out = Vec::new();
    let keep = match reply {
        Reply::Joined => {
            if let Some(p) = me {
                let live = shared.live();
                let joined = View::Joined {
                    token: live.token(p).unwrap_or_default(),
                    pseudo: live.pseudonym(p).unwrap_or_default(),
                };
                out.push(serde_json::to_string(&joined).unwrap_or_default());
            }
            let (view, gone) = view_json(shared, me);
            out.push(view);
            !gone
        }
        Reply::View => {
            let (view, gone) = view_json(shared, me);
            out.push(view);
            !gone
        }
        Reply::Error { message, close } => {
            out.push(error_json(&message));
            !close
        }
    };
    for text in out {
        if socket.send(Message::Text(text.into())).await.is_err() {
            return false;
        }
    }
    keep
}
