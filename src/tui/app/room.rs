//! The room in the app (`conseil group --salle`): its server starts with the session and
//! stops with it; at every tick the joins and answers received go into the session (saved
//! once for all of them) and what the phones show follows the session.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use jiff::Timestamp;

use super::App;
use crate::domain::group::GroupSession;
use crate::domain::group::room::room_code;
use crate::domain::question::Question;
use crate::room::live::{Mark, Phase, QuestionShown, RevealShown, RoomEvent, Score};
use crate::room::{RoomConfig, RoomServer, local_address, qr, rich};
use crate::tui::screens::group::GroupScreen;
use crate::tui::screens::group::play::PlayScreen;
use crate::tui::screens::group::room::{RoomPanel, printable};
use crate::tui::screens::group::strings;
use crate::tui::screens::group::text::right_answer;
use crate::tui::screens::{QuestionIndex, Screen};

/// Where to open the room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomWanted {
    /// The address the server listens on.
    pub bind: SocketAddr,
    /// The address shown to the room (in the link and the QR code).
    pub shown: IpAddr,
}

impl RoomWanted {
    /// On `interface` (every interface by default) at `port`.
    pub fn new(interface: Option<IpAddr>, port: u16) -> Self {
        let bind = interface.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let shown = interface
            .filter(|ip| !ip.is_unspecified())
            .unwrap_or_else(local_address);
        RoomWanted {
            bind: SocketAddr::new(bind, port),
            shown,
        }
    }
}

impl App {
    /// The room's server, while a session runs with `--salle`.
    pub fn room(&self) -> Option<&RoomServer> {
        self.room.as_ref()
    }

    /// Opens the room for the session on `play`, when `--salle` asked for it; says why on
    /// the screen when it cannot (a port in use), and the keyboard still works.
    pub(super) fn open_room(&mut self, play: &mut PlayScreen) {
        let Some(wanted) = self.room_wanted else {
            return;
        };
        // A previous session's server frees its port first.
        self.room = None;
        let session = &play.session;
        let config = RoomConfig {
            addr: wanted.bind,
            code: room_code(session.seed),
            teams: session.teams.clone(),
            participants: session.participants.clone(),
        };
        match RoomServer::start(config) {
            Ok(server) => {
                let url = format!(
                    "http://{}/",
                    SocketAddr::new(wanted.shown, server.local_addr().port())
                );
                play.room = Some(RoomPanel {
                    qr: qr::half_blocks(&url).unwrap_or_default(),
                    url,
                    code: server.code(),
                    counts: server.counts(),
                    open: true,
                    selected: 0,
                });
                self.room = Some(server);
            }
            Err(e) => play.message = Some(strings::room::could_not_open(&e.to_string())),
        }
    }

    /// Takes what the phones sent into the session, and shows them where it stands.
    pub(super) fn sync_room(&mut self) {
        let App {
            room,
            screens,
            group,
            index,
            study,
            ..
        } = self;
        let Some(server) = room.as_ref() else {
            return;
        };
        let Some(Screen::Group(g)) = screens.last_mut() else {
            return;
        };
        let GroupScreen::Play(play) = g.as_mut() else {
            return;
        };
        let now = study.clock().now();
        let mut changed = false;
        for event in server.events() {
            changed |= record(&mut play.session, event, now);
        }
        if changed
            && let Some(store) = group
            && let Err(e) = store.save(&play.session)
        {
            play.message = Some(format!("{} {e:#}", strings::GROUP_SAVE_FAILED));
        }
        if let Some(phase) = phase(&play.session, index, now) {
            server.show(phase);
        }
        if let Some(panel) = &mut play.room {
            panel.counts = server.counts();
        }
    }
}

/// Removes a participant from the session and the room. Returns whether the session changed.
pub(super) fn remove(
    server: Option<&RoomServer>,
    play: &mut PlayScreen,
    participant: usize,
    now: Timestamp,
) -> bool {
    if !play.session.remove_participant(participant, now) {
        return false;
    }
    if let Some(server) = server {
        server.remove(participant);
    }
    let name = play
        .session
        .participants
        .get(participant)
        .map(|p| printable(&p.pseudonym))
        .unwrap_or_default();
    play.message = Some(strings::room::removed(&name));
    true
}

/// Records a join or an answer; an answer to another question than the current one (sent
/// just as the trainer moved on) is dropped. Returns whether the session changed.
fn record(session: &mut GroupSession, event: RoomEvent, now: Timestamp) -> bool {
    match event {
        RoomEvent::Joined {
            participant,
            pseudonym,
            team,
            token,
        } => session
            .join(&pseudonym, team, token)
            .is_ok_and(|p| p == participant),
        RoomEvent::Answered {
            participant,
            position,
            response,
        } => position == session.position() && session.enter_room(participant, response, now),
    }
}

/// What the phones show of `session` now.
fn phase(session: &GroupSession, index: &QuestionIndex, now: Timestamp) -> Option<Phase> {
    let standings = session.room_standings();
    let of = standings.len();
    let mut scores: Vec<Option<Score>> = vec![None; session.participants.len()];
    for s in &standings {
        scores[s.participant] = Some(Score {
            points: s.points,
            rank: s.rank,
        });
    }
    if session.is_finished() {
        return Some(Phase::Finished { scores, of });
    }
    let round = session.current()?;
    let question = index.get(&round.question_id)?;
    let shown = shown(session, question, now);
    let Some(awards) = &round.room_awards else {
        return Some(if round.is_revealed() {
            Phase::Revealed(RevealShown {
                answer: phone_answer(question, &shown.order),
                explanation: rich::blocks(question.explanation()),
                question: shown,
                results: Vec::new(),
                scores,
                of,
            })
        } else {
            Phase::Question(shown)
        });
    };
    Some(Phase::Revealed(RevealShown {
        answer: phone_answer(question, &shown.order),
        explanation: rich::blocks(question.explanation()),
        question: shown,
        results: awards
            .iter()
            .map(|a| Mark {
                verdict: a.verdict,
                points: a.points,
            })
            .collect(),
        scores,
        of,
    }))
}

/// The right answer as a phone shows it: plain text, the choices' Markdown read.
fn phone_answer(question: &Question, order: &[usize]) -> String {
    rich::plain(&right_answer(question, order))
}

/// The current question as the phones show it: its Markdown as blocks, its choices, steps
/// and options as plain text.
fn shown(session: &GroupSession, question: &Question, now: Timestamp) -> QuestionShown {
    let position = session.position();
    let order = session.display_order(position, question);
    let in_order = |texts: &[&str]| -> Vec<String> {
        order
            .iter()
            .filter_map(|&i| texts.get(i).map(|t| rich::plain(t)))
            .collect()
    };
    let (options, lefts, unit) = match question {
        Question::Single(c) | Question::Multiple(c) => {
            let texts: Vec<&str> = c.choices.iter().map(|c| c.text.as_str()).collect();
            (in_order(&texts), Vec::new(), None)
        }
        Question::Order(o) => {
            let texts: Vec<&str> = o.items.iter().map(String::as_str).collect();
            (in_order(&texts), Vec::new(), None)
        }
        Question::Match(m) => (
            in_order(&m.right_options()),
            m.pairs.iter().map(|p| rich::plain(&p.left)).collect(),
            None,
        ),
        Question::Numeric(n) => (Vec::new(), Vec::new(), n.unit.as_deref().map(rich::clean)),
        _ => (Vec::new(), Vec::new(), None),
    };
    QuestionShown {
        position,
        total: session.len(),
        kind: question.kind_name(),
        prompt: rich::blocks(question.prompt()),
        options,
        lefts,
        order,
        unit,
        time_left: session.time_left_ms(now).map(|ms| ms.div_ceil(1000)),
        paused: session.is_paused(),
    }
}
