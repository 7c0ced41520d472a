//! The numbers of a session report: per question the share of teams right and the wrong
//! answers that drew them, per team its score and its trend. The words are the front end's.

use super::{GroupSession, Standing};
use crate::domain::question::{Response, Verdict};
use crate::domain::text::{fold, parse_number};

/// A session's report, in numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionReport {
    /// The revealed questions, in the order they were asked.
    pub questions: Vec<QuestionStats>,
    /// Best first, as on the scoreboard.
    pub teams: Vec<TeamStats>,
}

/// How the room did on one question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionStats {
    /// Position in the session, from 0.
    pub position: usize,
    pub question_id: String,
    /// Discussed, not scored (an open question): the counts below are all zero.
    pub unscored: bool,
    pub teams: usize,
    /// Teams fully right.
    pub right: usize,
    /// Teams that gave no answer.
    pub silent: usize,
    /// The wrong answers, alike ones together, the most given first (then in the order of
    /// the first team that gave each).
    pub wrong: Vec<WrongAnswer>,
}

impl QuestionStats {
    /// The share of teams right, from 0 to 1.
    pub fn share_right(&self) -> f64 {
        if self.teams == 0 {
            0.0
        } else {
            self.right as f64 / self.teams as f64
        }
    }

    /// Teams that did not answer right, no answer included.
    pub fn missed(&self) -> usize {
        if self.unscored {
            0
        } else {
            self.teams - self.right
        }
    }
}

/// One wrong answer and the teams that gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct WrongAnswer {
    /// As the first of these teams gave it.
    pub response: Response,
    /// In team order.
    pub teams: Vec<usize>,
}

/// Where a team went during the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// More right answers in the second half of the questions than in the first.
    Rising,
    Steady,
    Falling,
}

/// A team's score and its way there.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamStats {
    pub standing: Standing,
    /// For each scored question in the order asked: whether the team was right.
    pub results: Vec<bool>,
    /// The team's rank after each scored question.
    pub ranks: Vec<usize>,
    pub trend: Trend,
}

impl GroupSession {
    /// The numbers of the session report: revealed questions only.
    pub fn report(&self) -> SessionReport {
        let mut questions = Vec::new();
        let mut results: Vec<Vec<bool>> = vec![Vec::new(); self.teams.len()];
        let mut ranks: Vec<Vec<usize>> = vec![Vec::new(); self.teams.len()];
        let mut totals = vec![0u32; self.teams.len()];
        for (position, round) in self.rounds.iter().enumerate() {
            let Some(awards) = &round.awards else {
                continue;
            };
            let right = awards.iter().filter(|a| a.is_right()).count();
            let mut wrong: Vec<WrongAnswer> = Vec::new();
            for (team, (entry, award)) in round.entries.iter().zip(awards).enumerate() {
                let Some(entry) = entry.as_ref().filter(|_| {
                    !round.unscored && award.verdict.is_some_and(|v| v != Verdict::Correct)
                }) else {
                    continue;
                };
                let key = alike(&entry.response);
                match wrong.iter_mut().find(|w| alike(&w.response) == key) {
                    Some(w) => w.teams.push(team),
                    None => wrong.push(WrongAnswer {
                        response: entry.response.clone(),
                        teams: vec![team],
                    }),
                }
            }
            // A stable sort keeps the order of the first team that gave each.
            wrong.sort_by_key(|w| std::cmp::Reverse(w.teams.len()));
            questions.push(QuestionStats {
                position,
                question_id: round.question_id.clone(),
                unscored: round.unscored,
                teams: awards.len(),
                right,
                silent: if round.unscored {
                    0
                } else {
                    round.entries.iter().filter(|e| e.is_none()).count()
                },
                wrong,
            });
            if round.unscored {
                continue;
            }
            for (team, award) in awards.iter().enumerate() {
                totals[team] += award.points;
                results[team].push(award.is_right());
            }
            for (team, total) in totals.iter().enumerate() {
                ranks[team].push(1 + totals.iter().filter(|t| *t > total).count());
            }
        }
        let teams = self
            .standings()
            .into_iter()
            .map(|standing| TeamStats {
                standing,
                trend: trend(&results[standing.team]),
                results: std::mem::take(&mut results[standing.team]),
                ranks: std::mem::take(&mut ranks[standing.team]),
            })
            .collect();
        SessionReport { questions, teams }
    }
}

/// A response in a form where answers that mean the same compare equal: a typed number by
/// its value, other typed text folded (case, accents, spaces), choices in content order.
fn alike(response: &Response) -> Response {
    match response {
        Response::Text(text) => {
            Response::Text(parse_number(text).map_or_else(|| fold(text), |n| format!("{n}")))
        }
        Response::Choices(picked) => {
            let mut picked = picked.clone();
            picked.sort_unstable();
            Response::Choices(picked)
        }
        other => other.clone(),
    }
}

/// Rising when the second half of the questions (the larger one when they are odd) went
/// better than the first, in share of right answers; steady with fewer than two questions.
fn trend(results: &[bool]) -> Trend {
    if results.len() < 2 {
        return Trend::Steady;
    }
    let (first, second) = results.split_at(results.len() / 2);
    let share = |half: &[bool]| half.iter().filter(|r| **r).count() as f64 / half.len() as f64;
    let (a, b) = (share(first), share(second));
    if b > a + 1e-9 {
        Trend::Rising
    } else if a > b + 1e-9 {
        Trend::Falling
    } else {
        Trend::Steady
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::t;
    use super::super::{GroupSettings, Scoring};
    use super::*;
    use crate::domain::testing::{numeric, single, tf};

    /// Four teams, four questions, worked out by hand below.
    fn played() -> GroupSession {
        let mut s = GroupSession::new(
            GroupSettings {
                teams: ["A", "B", "C", "D"].map(str::to_owned).to_vec(),
                question_ids: ["q1", "q2", "q3", "q4"].map(str::to_owned).to_vec(),
                timer_secs: None,
                scoring: Scoring {
                    speed_bonus: true,
                    double_last: false,
                },
                seed: 1,
                group_name: None,
                high_contrast: true,
            },
            t(0),
        )
        .expect("valid");
        let q1 = single("q1", 4, 0);
        // q1: A right first, B right, C and D both on choice 2.
        let answers = [(0, 0), (1, 0), (2, 2), (3, 2)];
        for (team, choice) in answers {
            s.enter(team, Response::Choices(vec![choice]), t(1_000));
        }
        s.reveal(&q1, t(2_000));
        let _ = s.next(t(3_000));
        // q2 (true): B right first, A wrong, C and D silent.
        s.enter(1, Response::Bool(true), t(4_000));
        s.enter(0, Response::Bool(false), t(5_000));
        s.reveal(&tf("q2", true), t(6_000));
        let _ = s.next(t(7_000));
        // q3 (15 000): C right first, D right, A « 1 500 », B « 1500 », the same answer.
        s.enter(2, Response::Text("15 000".into()), t(8_000));
        s.enter(3, Response::Text("15000".into()), t(8_500));
        s.enter(0, Response::Text("1 500".into()), t(9_000));
        s.enter(1, Response::Text("1500".into()), t(9_500));
        s.reveal(&numeric("q3", 15_000.0), t(10_000));
        let _ = s.next(t(11_000));
        // q4 (false): D right first, C right, A and B wrong.
        for team in [3, 2] {
            s.enter(team, Response::Bool(false), t(12_000));
        }
        for team in [0, 1] {
            s.enter(team, Response::Bool(true), t(13_000));
        }
        s.reveal(&tf("q4", false), t(14_000));
        let _ = s.next(t(15_000));
        s
    }

    #[test]
    fn shares_and_wrong_answers_by_question() {
        let report = played().report();
        let shares: Vec<f64> = report
            .questions
            .iter()
            .map(QuestionStats::share_right)
            .collect();
        assert_eq!(shares, vec![0.5, 0.25, 0.5, 0.5]);
        let q1 = &report.questions[0];
        assert_eq!(q1.wrong.len(), 1);
        assert_eq!(q1.wrong[0].response, Response::Choices(vec![2]));
        assert_eq!(q1.wrong[0].teams, vec![2, 3]);
        let q2 = &report.questions[1];
        assert_eq!((q2.right, q2.silent, q2.missed()), (1, 2, 3));
        // « 1 500 » and « 1500 » are one wrong answer given by two teams.
        let q3 = &report.questions[2];
        assert_eq!(q3.wrong[0].teams, vec![0, 1]);
    }

    #[test]
    fn scores_ranks_and_trends_by_team() {
        let report = played().report();
        // Points: A 2 (q1 + bonus); B 1 + 2 = 3; C 2 (q3 + bonus) + 1 = 3; D 1 + 2 = 3.
        let scores: Vec<(usize, u32, usize)> = report
            .teams
            .iter()
            .map(|t| (t.standing.team, t.standing.points, t.standing.rank))
            .collect();
        assert_eq!(scores, vec![(1, 3, 1), (2, 3, 1), (3, 3, 1), (0, 2, 4)]);
        let a = &report.teams[3];
        assert_eq!(a.results, vec![true, false, false, false]);
        // After q1 A leads alone with 2; after q2 B has 3; after q3 C joins A on 2 (both
        // second); after q4 C and D have 3 and A is fourth.
        assert_eq!(a.ranks, vec![1, 2, 2, 4]);
        assert_eq!(a.trend, Trend::Falling);
        let c = &report.teams[1];
        assert_eq!(c.results, vec![false, false, true, true]);
        assert_eq!(c.trend, Trend::Rising);
        let b = &report.teams[0];
        assert_eq!(b.results, vec![true, true, false, false]);
        assert_eq!(b.trend, Trend::Falling);
    }
}
