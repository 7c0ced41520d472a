//! What the server knows of the room between two of the trainer's moves: who joined (and
//! their secret tokens), the question shown, the answers to it, and what each phone is shown.
//! Plain data behind the server's lock: no socket, no clock. The trainer's terminal hears of
//! every join and answer through [`RoomEvent`]s and keeps the session, which is what is saved.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::rich::Block;
use super::strings;
use crate::domain::group::room::{JoinError, MAX_PARTICIPANTS, check_pseudonym, code_wait_secs};
use crate::domain::group::{Participant, letter, response_label};
use crate::domain::question::{Response, Verdict};

/// A question as a phone shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionShown {
    /// From 0.
    pub position: usize,
    pub total: usize,
    /// `single`, `multiple`, `true_false`, `numeric`, `short`, `order`, `match` (the kinds
    /// a phone answers; `open` is discussed aloud).
    pub kind: &'static str,
    pub prompt: Vec<Block>,
    /// The choices, the steps to order, or the right-hand options of a `match`, in the order
    /// the room sees them, each with its letter.
    pub options: Vec<String>,
    /// The left items of a `match`, numbered from 1 in the content's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lefts: Vec<String>,
    #[serde(skip)]
    pub order: Vec<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Seconds left, when timed.
    pub time_left: Option<u64>,
    pub paused: bool,
}

/// What a participant got on the question revealed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Mark {
    pub verdict: Option<Verdict>,
    pub points: u32,
}

/// A participant's score and rank so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Score {
    pub points: u32,
    pub rank: usize,
}

/// The reveal as the phones show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevealShown {
    pub question: QuestionShown,
    /// The right answer in words.
    pub answer: String,
    pub explanation: Vec<Block>,
    /// By participant.
    #[serde(skip)]
    pub results: Vec<Mark>,
    #[serde(skip)]
    pub scores: Vec<Option<Score>>,
    /// Participants ranked.
    pub of: usize,
}

/// Where the room stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Before the first question is pushed.
    Lobby,
    Question(QuestionShown),
    Revealed(RevealShown),
    Finished {
        scores: Vec<Option<Score>>,
        of: usize,
    },
}

/// Something the trainer's terminal must record in the session.
#[derive(Debug, Clone, PartialEq)]
pub enum RoomEvent {
    Joined {
        participant: usize,
        pseudonym: String,
        team: Option<usize>,
        token: String,
    },
    Answered {
        participant: usize,
        position: usize,
        response: Response,
    },
}

/// A message from a phone.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    Join {
        code: String,
        #[serde(default)]
        pseudo: String,
        #[serde(default)]
        team: Option<usize>,
        /// Given back by a phone that joined before (a refresh, a dropped connection).
        #[serde(default)]
        token: Option<String>,
    },
    Answer {
        position: usize,
        #[serde(default)]
        choices: Option<Vec<usize>>,
        #[serde(default)]
        bool: Option<bool>,
        #[serde(default)]
        text: Option<String>,
        /// The steps of an `order`, by display position, in the order the phone put them.
        #[serde(default)]
        order: Option<Vec<usize>>,
        /// For each left item of a `match`, the display position of the option paired.
        #[serde(default)]
        pairs: Option<Vec<usize>>,
    },
}

/// The answer a participant gave to the question shown, as the phone shows it back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mine {
    pub label: String,
}

/// What a phone is shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum View<'a> {
    /// Before joining: the teams one may pick.
    Hello {
        teams: &'a [String],
    },
    Joined {
        token: &'a str,
        pseudo: &'a str,
    },
    Error {
        message: &'a str,
    },
    Lobby,
    Question {
        question: &'a QuestionShown,
        mine: Option<Mine>,
    },
    Revealed {
        reveal: &'a RevealShown,
        mine: Option<Mine>,
        result: Option<Mark>,
        score: Option<Score>,
    },
    Finished {
        score: Option<Score>,
        of: usize,
    },
    Removed,
}

/// One joined participant, as the server knows it.
#[derive(Debug, Clone, PartialEq)]
struct Person {
    pseudonym: String,
    token: String,
    removed: bool,
}

/// The wrong codes an address sent, and until when it must wait.
#[derive(Debug, Clone, Copy)]
struct Tries {
    wrong: u32,
    /// Since the room opened.
    until: Option<Duration>,
}

/// Counts for the trainer's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Participants in the room (removed ones not counted).
    pub joined: usize,
    /// Of them, those who answered the question shown.
    pub answered: usize,
}

/// The room as the server holds it.
#[derive(Debug)]
pub struct Live {
    code: String,
    pub(super) teams: Vec<String>,
    people: Vec<Person>,
    wrong_codes: HashMap<IpAddr, Tries>,
    pub(super) phase: Phase,
    /// Answers to the question shown, by participant.
    answers: HashMap<usize, Response>,
}

/// What a join or an answer did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Joined (or rejoined) as this participant.
    Joined(usize),
    /// The answer is taken.
    Answered,
    /// Refused, with the French reason; `close` when the connection should end.
    Refused { message: String, close: bool },
}

fn refused(message: impl Into<String>) -> Outcome {
    Outcome::Refused {
        message: message.into(),
        close: false,
    }
}

impl Live {
    /// A room with this code for these teams, with the participants of a resumed session
    /// (who rejoin with the tokens their phones kept).
    pub fn new(code: String, teams: Vec<String>, participants: &[Participant]) -> Live {
        Live {
            code,
            teams,
            people: participants
                .iter()
                .map(|p| Person {
                    pseudonym: p.pseudonym.clone(),
                    token: p.token.clone(),
                    removed: p.removed,
                })
                .collect(),
            wrong_codes: HashMap::new(),
            phase: Phase::Lobby,
            answers: HashMap::new(),
        }
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn counts(&self) -> Counts {
        Counts {
            joined: self.people.iter().filter(|p| !p.removed).count(),
            answered: self.answers.len(),
        }
    }

    /// A join from `ip` at `now` (monotonic, since the room opened); `token` is a
    /// fresh secret the participant keeps if it is new. Returns the outcome and, for a new
    /// participant, the event for the trainer. A participant coming back with the right code
    /// and its token never waits for the wrong codes of its neighbours.
    pub fn join(
        &mut self,
        ip: IpAddr,
        now: Duration,
        msg: &ClientMsg,
        fresh_token: String,
    ) -> (Outcome, Option<RoomEvent>) {
        let ClientMsg::Join {
            code,
            pseudo,
            team,
            token,
        } = msg
        else {
            return (refused(strings::JOIN_FIRST), None);
        };
        let right_code = code.trim() == self.code;
        let known = token
            .as_deref()
            .filter(|t| !t.is_empty())
            .and_then(|t| self.people.iter().position(|p| p.token == t));
        let tries = self.wrong_codes.entry(ip).or_insert(Tries {
            wrong: 0,
            until: None,
        });
        let waiting = tries
            .until
            .and_then(|until| until.checked_sub(now))
            .filter(|left| !left.is_zero());
        if let (Some(left), false) = (waiting, right_code && known.is_some()) {
            let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            return (
                Outcome::Refused {
                    message: strings::too_many_codes(secs),
                    close: true,
                },
                None,
            );
        }
        if !right_code {
            tries.wrong = tries.wrong.saturating_add(1);
            let wait = code_wait_secs(tries.wrong);
            if wait > 0 {
                tries.until = Some(now.saturating_add(Duration::from_secs(wait)));
                return (refused(strings::too_many_codes(wait)), None);
            }
            return (refused(strings::WRONG_CODE), None);
        }
        if let Some(i) = known {
            if self.people[i].removed {
                return (
                    Outcome::Refused {
                        message: strings::REMOVED.into(),
                        close: true,
                    },
                    None,
                );
            }
            return (Outcome::Joined(i), None);
        }
        if self.people.len() >= MAX_PARTICIPANTS {
            return (refused(strings::join_error(JoinError::Full)), None);
        }
        if team.is_some_and(|t| t >= self.teams.len()) {
            return (refused(strings::join_error(JoinError::NoSuchTeam)), None);
        }
        let taken: Vec<&str> = self.people.iter().map(|p| p.pseudonym.as_str()).collect();
        let pseudonym = match check_pseudonym(pseudo, &taken) {
            Ok(p) => p,
            Err(e) => return (refused(strings::join_error(JoinError::Pseudonym(e))), None),
        };
        self.people.push(Person {
            pseudonym: pseudonym.clone(),
            token: fresh_token.clone(),
            removed: false,
        });
        let participant = self.people.len() - 1;
        let event = RoomEvent::Joined {
            participant,
            pseudonym,
            team: *team,
            token: fresh_token,
        };
        (Outcome::Joined(participant), Some(event))
    }

    /// An answer from `participant`; the last one before the reveal counts.
    pub fn answer(&mut self, participant: usize, msg: &ClientMsg) -> (Outcome, Option<RoomEvent>) {
        let ClientMsg::Answer {
            position,
            choices,
            bool,
            text,
            order,
            pairs,
        } = msg
        else {
            return (refused(strings::ALREADY_JOINED), None);
        };
        if self.people.get(participant).is_none_or(|p| p.removed) {
            return (
                Outcome::Refused {
                    message: strings::REMOVED.into(),
                    close: true,
                },
                None,
            );
        }
        let Phase::Question(q) = &self.phase else {
            return (refused(strings::TOO_LATE), None);
        };
        if q.position != *position {
            return (refused(strings::TOO_LATE), None);
        }
        let given = Given {
            choices: choices.as_deref(),
            bool: *bool,
            text: text.as_deref(),
            order: order.as_deref(),
            pairs: pairs.as_deref(),
        };
        let Some(response) = response(q, &given) else {
            return (refused(strings::BAD_ANSWER), None);
        };
        if self.answers.get(&participant) == Some(&response) {
            return (Outcome::Answered, None);
        }
        self.answers.insert(participant, response.clone());
        let event = RoomEvent::Answered {
            participant,
            position: *position,
            response,
        };
        (Outcome::Answered, Some(event))
    }

    /// Shows a new question: the answers to the last one are forgotten.
    pub fn show_question(&mut self, question: QuestionShown) {
        let same = matches!(&self.phase, Phase::Question(q) if q.position == question.position);
        if !same {
            self.answers.clear();
        }
        self.phase = Phase::Question(question);
    }

    /// Shows the reveal (each phone sees its answer beside the right one) or the end.
    pub fn show(&mut self, phase: Phase) {
        if !matches!(phase, Phase::Revealed(_)) {
            self.answers.clear();
        }
        self.phase = phase;
    }

    /// Removes a participant: its phone is told and cannot come back with its token.
    pub fn remove(&mut self, participant: usize) -> bool {
        let Some(p) = self.people.get_mut(participant).filter(|p| !p.removed) else {
            return false;
        };
        p.removed = true;
        self.answers.remove(&participant);
        true
    }

    pub fn pseudonym(&self, participant: usize) -> Option<&str> {
        self.people.get(participant).map(|p| p.pseudonym.as_str())
    }

    pub fn token(&self, participant: usize) -> Option<&str> {
        self.people.get(participant).map(|p| p.token.as_str())
    }

    /// What `participant` (or a phone not joined yet) is shown now.
    pub fn view(&self, participant: Option<usize>) -> View<'_> {
        let Some(p) = participant else {
            return View::Hello { teams: &self.teams };
        };
        if self.people.get(p).is_none_or(|p| p.removed) {
            return View::Removed;
        }
        match &self.phase {
            Phase::Lobby => View::Lobby,
            Phase::Question(q) => View::Question {
                question: q,
                mine: self.answers.get(&p).map(|r| mine(r, &q.order)),
            },
            Phase::Revealed(r) => View::Revealed {
                reveal: r,
                mine: self.answers.get(&p).map(|a| mine(a, &r.question.order)),
                result: r.results.get(p).copied(),
                score: r.scores.get(p).copied().flatten(),
            },
            Phase::Finished { scores, of } => View::Finished {
                score: scores.get(p).copied().flatten(),
                of: *of,
            },
        }
    }
}

/// A response as the phone shows it back: the letters of the choices as shown, « Vrai »
/// or « Faux », the text typed; the steps in the order given (« B → D → A »), the pairs
/// (« 1 → B, 2 → A »), as the reveal gives the right answer.
fn mine(response: &Response, order: &[usize]) -> Mine {
    let shown = |i: &usize| order.iter().position(|o| o == i).map(letter);
    let label = match response {
        Response::Bool(true) => crate::words::QUIZ_TRUE.to_owned(),
        Response::Bool(false) => crate::words::QUIZ_FALSE.to_owned(),
        Response::Text(t) => format!("« {t} »"),
        Response::Order(items) => items
            .iter()
            .filter_map(shown)
            .collect::<Vec<_>>()
            .join(" → "),
        Response::Pairs(pairs) => pairs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let partner = p.as_ref().and_then(shown).unwrap_or_else(|| "-".into());
                format!("{} → {partner}", i + 1)
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => response_label(other, order),
    };
    Mine { label }
}

/// Longest text answer a phone may send, in characters.
const MAX_TEXT_CHARS: usize = 200;

/// What a phone's answer holds; which part counts depends on the question's kind.
struct Given<'a> {
    choices: Option<&'a [usize]>,
    bool: Option<bool>,
    text: Option<&'a str>,
    order: Option<&'a [usize]>,
    pairs: Option<&'a [usize]>,
}

/// The phone's answer as a response to `q`: choices, steps and options come as display
/// positions and go back to the content's indices. `None` when it does not fit the
/// question; what fits is what the trainer's keyboard takes for a team (`order`: every step
/// once; `match`: an option for every left item, an option may serve twice).
fn response(q: &QuestionShown, given: &Given) -> Option<Response> {
    let content = |d: &usize| q.order.get(*d).copied();
    match q.kind {
        "single" | "multiple" => {
            let picked = given.choices?;
            let single = q.kind == "single";
            if picked.is_empty() || (single && picked.len() != 1) {
                return None;
            }
            let mut indices: Vec<usize> = picked.iter().map(content).collect::<Option<_>>()?;
            indices.sort_unstable();
            indices.dedup();
            Some(Response::Choices(indices))
        }
        "true_false" => given.bool.map(Response::Bool),
        "numeric" | "short" => {
            let text = given.text?.trim();
            let readable = !text.is_empty()
                && text.chars().count() <= MAX_TEXT_CHARS
                && !text
                    .chars()
                    .any(|c| crate::domain::text::hidden_or_control(c).is_some() || c == '\n');
            readable.then(|| Response::Text(text.to_owned()))
        }
        "order" => {
            let steps = given.order?;
            let mut seen = vec![false; q.order.len()];
            for &d in steps {
                if std::mem::replace(seen.get_mut(d)?, true) {
                    return None;
                }
            }
            (steps.len() == q.order.len())
                .then(|| steps.iter().map(content).collect::<Option<_>>())
                .flatten()
                .map(Response::Order)
        }
        "match" => {
            let pairs = given.pairs?;
            if pairs.len() != q.lefts.len() {
                return None;
            }
            let partners: Vec<Option<usize>> = pairs
                .iter()
                .map(|d| content(d).map(Some))
                .collect::<Option<_>>()?;
            Some(Response::Pairs(partners))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(live: &mut Live, ip: [u8; 4], secs: u64, code: &str, who: &str) -> Outcome {
        let msg = ClientMsg::Join {
            code: code.into(),
            pseudo: who.into(),
            team: None,
            token: Some(format!("jeton-{who}")),
        };
        let at = Duration::from_secs(secs);
        live.join(IpAddr::from(ip), at, &msg, format!("jeton-{who}"))
            .0
    }

    fn waits(outcome: &Outcome) -> Option<&str> {
        match outcome {
            Outcome::Refused { message, .. } if message.contains("réessayez") => {
                message.split("dans ").nth(1)
            }
            _ => None,
        }
    }

    #[test]
    fn wrong_codes_make_an_address_wait_and_a_returning_phone_never_does() {
        let mut live = Live::new("123456".into(), Vec::new(), &[]);
        let school = [10, 0, 0, 1];
        assert_eq!(
            join(&mut live, school, 0, "123456", "Lou"),
            Outcome::Joined(0)
        );
        for _ in 0..9 {
            let typo = join(&mut live, school, 0, "123465", "Max");
            assert_eq!(typo, refused(strings::WRONG_CODE));
        }
        // The tenth: half a minute for everyone behind that address, the right code too.
        let tenth = join(&mut live, school, 0, "123465", "Max");
        assert_eq!(
            waits(&tenth),
            Some("30 s, ou demandez de l’aide au formateur.")
        );
        let early = join(&mut live, school, 29, "123456", "Max");
        assert!(
            waits(&early).is_some_and(|w| w.starts_with("1 s")),
            "{early:?}"
        );
        // Another address, and Lou coming back with its token, go in.
        assert_eq!(
            join(&mut live, [10, 0, 0, 2], 0, "123456", "Zoé"),
            Outcome::Joined(1)
        );
        assert_eq!(
            join(&mut live, school, 1, "123456", "Lou"),
            Outcome::Joined(0)
        );
        // The wait over, Max joins; one more wrong code doubles it.
        assert_eq!(
            join(&mut live, school, 30, "123456", "Max"),
            Outcome::Joined(2)
        );
        let again = join(&mut live, school, 30, "000000", "Eve");
        assert!(
            waits(&again).is_some_and(|w| w.starts_with("60 s")),
            "{again:?}"
        );
        assert!(waits(&join(&mut live, school, 89, "123456", "Eve")).is_some());
        assert_eq!(
            join(&mut live, school, 90, "123456", "Eve"),
            Outcome::Joined(3)
        );
    }
}
