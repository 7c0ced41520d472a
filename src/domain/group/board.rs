//! What the room sees: the scoreboard, the podium, the debrief, and the letters of the
//! choices.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::Serialize;

use super::{Award, GroupSession, Round};
use crate::domain::layout::{Layout, label};
use crate::domain::question::{Question, Response};

/// A team's place on the scoreboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub team: usize,
    pub points: u32,
    /// Questions answered right.
    pub right: usize,
    /// From 1; teams with as many points share a rank (1, 2, 2, 4).
    pub rank: usize,
    /// Another team has as many points.
    pub tied: bool,
}

/// A step of the podium: every team of that rank, all of them named (a tie shares a step).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// 1, 2 or 3; teams tied for first leave no second place (1, 1, 3).
    pub rank: usize,
    /// In team order.
    pub teams: Vec<usize>,
    pub points: u32,
}

/// A question some teams missed, for the debrief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missed {
    /// Position in the session, from 0.
    pub position: usize,
    pub question_id: String,
    /// Teams (or participants) that did not answer right (no answer included).
    pub missed: usize,
    /// Out of how many teams (or participants).
    pub of: usize,
    /// Counted in participants: a room played from phones only, with no team.
    pub participants: bool,
}

impl GroupSession {
    /// The revealed rounds with their awards.
    fn scored(&self) -> impl Iterator<Item = (usize, &Round, &Vec<Award>)> {
        self.rounds
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.awards.as_ref().map(|a| (i, r, a)))
    }

    /// The teams by points, best first; ties share a rank and keep the team order.
    pub fn standings(&self) -> Vec<Standing> {
        let mut totals = vec![(0u32, 0usize); self.teams.len()];
        for (_, _, awards) in self.scored() {
            for (total, award) in totals.iter_mut().zip(awards) {
                total.0 += award.points;
                total.1 += usize::from(award.is_right());
            }
        }
        let mut standings: Vec<Standing> = totals
            .iter()
            .enumerate()
            .map(|(team, &(points, right))| Standing {
                team,
                points,
                right,
                rank: 1 + totals.iter().filter(|t| t.0 > points).count(),
                tied: totals.iter().filter(|t| t.0 == points).count() > 1,
            })
            .collect();
        standings.sort_by_key(|s| (std::cmp::Reverse(s.points), s.team));
        standings
    }

    /// The steps of the podium, first place first: the ranks 1 to 3 that some team holds.
    pub fn podium(&self) -> Vec<Place> {
        podium(&self.standings())
    }

    /// The revealed questions that some teams missed, the most missed first (then in the
    /// order they were asked).
    pub fn debrief(&self) -> Vec<Missed> {
        let participants = self.teams.is_empty();
        let mut missed: Vec<Missed> = self
            .scored()
            .filter(|(_, round, _)| !round.unscored)
            .map(|(position, round, awards)| {
                let awards = if participants {
                    round.room_awards.as_deref().unwrap_or_default()
                } else {
                    awards
                };
                Missed {
                    position,
                    question_id: round.question_id.clone(),
                    missed: awards.iter().filter(|a| !a.is_right()).count(),
                    of: awards.len(),
                    participants,
                }
            })
            .filter(|m| m.missed > 0)
            .collect();
        missed.sort_by_key(|m| (std::cmp::Reverse(m.missed), m.position));
        missed
    }

    /// The order in which the choices, steps or right-hand options (`match`) of the question
    /// at `position` are shown: a permutation of their indices, the same every time for this
    /// session (so a resumed session shows the same letters), empty for the kinds without a
    /// list. The layout rules
    /// are every front end's ([`Layout`]): steps are never shown already in order.
    pub fn display_order(&self, position: usize, question: &Question) -> Vec<usize> {
        // One list a question, shuffled the way group sessions always have been.
        let seed = self
            .seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(position as u64);
        let layout = Layout::with(question, |_, n| {
            let mut order: Vec<usize> = (0..n).collect();
            order.shuffle(&mut StdRng::seed_from_u64(seed));
            order
        });
        match question {
            Question::Single(_) | Question::Multiple(_) => layout.choices,
            Question::Order(_) => layout.items,
            Question::Match(_) => layout.rights,
            _ => Vec::new(),
        }
    }
}

/// The first three places of `standings` (ranked, best first), ties sharing a step.
pub fn podium(standings: &[Standing]) -> Vec<Place> {
    let mut places: Vec<Place> = Vec::new();
    for s in standings.iter().filter(|s| s.rank <= 3) {
        match places.last_mut() {
            Some(place) if place.rank == s.rank => place.teams.push(s.team),
            _ => places.push(Place {
                rank: s.rank,
                teams: vec![s.team],
                points: s.points,
            }),
        }
    }
    places
}

/// The letter shown for display position `index`: every front end's label (no J, K or Q).
pub fn letter(index: usize) -> String {
    label(index)
}

/// A response as the room gave it: the letters of the choices or steps as shown (`order` is
/// the question's display order), V or F, the text or number typed, or for `match` the
/// letter given to each numbered left item, in their order (« BDA »).
pub fn response_label(response: &Response, order: &[usize]) -> String {
    let shown = |i: &usize| order.iter().position(|o| o == i);
    match response {
        Response::Choices(picked) => {
            let mut positions: Vec<usize> = picked.iter().filter_map(shown).collect();
            positions.sort_unstable();
            positions.into_iter().map(letter).collect()
        }
        Response::Order(items) => items.iter().filter_map(shown).map(letter).collect(),
        Response::Bool(true) => "V".to_owned(),
        Response::Bool(false) => "F".to_owned(),
        Response::Text(text) => text.clone(),
        Response::Pairs(pairs) => pairs
            .iter()
            .map(|p| {
                p.as_ref()
                    .and_then(shown)
                    .map_or_else(|| "-".to_owned(), letter)
            })
            .collect(),
        Response::SelfGraded { .. } => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Scoring;
    use super::super::tests::{session, settings, t};
    use super::*;
    use crate::domain::question::OrderQuestion;
    use crate::domain::testing::{single, tf};

    #[test]
    fn ranks_share_ties() {
        let mut s = GroupSession::new(
            settings(&["A", "B", "C", "D"], &["a"], Scoring::default()),
            t(0),
        )
        .expect("valid");
        for team in [1, 2] {
            s.enter(team, Response::Bool(true), t(1_000));
        }
        s.reveal(&tf("a", true), t(2_000));
        let ranks: Vec<(usize, usize, bool)> = s
            .standings()
            .iter()
            .map(|st| (st.team, st.rank, st.tied))
            .collect();
        assert_eq!(
            ranks,
            vec![(1, 1, true), (2, 1, true), (0, 3, true), (3, 3, true)]
        );
    }

    #[test]
    fn ties_share_a_podium_step_and_are_all_named() {
        let mut s = GroupSession::new(
            settings(&["A", "B", "C", "D", "E"], &["a", "b"], Scoring::default()),
            t(0),
        )
        .expect("valid");
        for team in [0, 1, 2, 3] {
            s.enter(team, Response::Bool(true), t(1_000));
        }
        s.reveal(&tf("a", true), t(2_000));
        let _ = s.next(t(3_000));
        for team in [0, 1] {
            s.enter(team, Response::Bool(true), t(4_000));
        }
        s.reveal(&tf("b", true), t(5_000));
        let places: Vec<(usize, Vec<usize>, u32)> = s
            .podium()
            .into_iter()
            .map(|p| (p.rank, p.teams, p.points))
            .collect();
        // A and B first together, no second place, C and D third together; E is off it.
        assert_eq!(places, vec![(1, vec![0, 1], 2), (3, vec![2, 3], 1)]);
    }

    #[test]
    fn debrief_lists_the_most_missed_first() {
        let mut s = session(Scoring::default());
        let questions = [tf("a", true), tf("b", true), tf("c", true)];
        let right_teams: [&[usize]; 3] = [&[0, 1], &[], &[0, 1, 2]];
        for (q, right) in questions.iter().zip(right_teams) {
            for &team in right {
                s.enter(team, Response::Bool(true), t(1_000));
            }
            s.reveal(q, t(2_000));
            let _ = s.next(t(3_000));
        }
        let debrief: Vec<(String, usize)> = s
            .debrief()
            .into_iter()
            .map(|m| (m.question_id, m.missed))
            .collect();
        assert_eq!(debrief, vec![("b".into(), 3), ("a".into(), 1)]);
    }

    #[test]
    fn display_order_and_labels() {
        let s = session(Scoring::default());
        let order_q = Question::Order(OrderQuestion {
            id: "o".into(),
            prompt: "?".into(),
            explanation: "car".into(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            items: vec!["x".into(), "y".into()],
        });
        for position in 0..20 {
            assert_eq!(s.display_order(position, &order_q), vec![1, 0]);
        }
        let order = s.display_order(1, &single("a", 4, 0));
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, vec![0, 1, 2, 3]);
        assert!(s.display_order(0, &tf("a", true)).is_empty());
        assert_eq!(
            response_label(&Response::Choices(vec![order[2], order[0]]), &order),
            "AC"
        );
        assert_eq!(
            response_label(&Response::Order(vec![order[3], order[1]]), &order),
            "DB"
        );
        assert_eq!(response_label(&Response::Bool(false), &[]), "F");
        assert_eq!(
            response_label(&Response::Text("15 000".into()), &[]),
            "15 000"
        );
    }
}
