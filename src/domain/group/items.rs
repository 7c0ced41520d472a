//! Item statistics of a room session (participants on their phones), as Moodle's quiz
//! statistics define them, and the normalised gain between a pre-test and a post-test.
//!
//! - Facility: the share of participants fully right, in percent.
//! - Discrimination index: 100 × the correlation between the item's score and the score on
//!   the rest of the test (the total without this item); `None` when either does not vary.
//! - Option shares (single and multiple choice): the share of participants choosing each
//!   option; a wrong option chosen by fewer than 5 % is a distractor that does not work.
//! - Cronbach's α = k / (k − 1) × (1 − Σ var(item) / var(total)), for k ≥ 2 items.
//! - Normalised gain g = (post − pre) / (100 − pre), scores in percent; the group's gain is
//!   that of the group's mean scores (Hake). Undefined when the pre-test is already 100 %.
//!
//! Only the revealed, scored questions count, and only the participants still in the room;
//! a participant who gave no answer scores 0 on the item.

use super::GroupSession;
use crate::domain::question::{Question, Response};

/// A distractor chosen by fewer than this share of participants is flagged.
pub const WEAK_DISTRACTOR: f64 = 0.05;

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionShare {
    /// Index in the content.
    pub option: usize,
    pub right: bool,
    /// Share of participants choosing it, from 0 to 1.
    pub share: f64,
    /// A wrong option chosen by fewer than 5 %.
    pub weak: bool,
}

/// The statistics of one question.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemStats {
    pub position: usize,
    pub question_id: String,
    /// Percent fully right.
    pub facility: f64,
    /// 100 × r(item, rest of the test).
    pub discrimination: Option<f64>,
    /// Choice questions only, in the content's order.
    pub options: Vec<OptionShare>,
}

/// The statistics of a room session.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemReport {
    pub participants: usize,
    pub items: Vec<ItemStats>,
    /// `None` with fewer than two items or when the totals do not vary.
    pub alpha: Option<f64>,
}

fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

/// Population variance.
fn variance(xs: &[f64]) -> f64 {
    let m = mean(xs);
    mean(&xs.iter().map(|x| (x - m).powi(2)).collect::<Vec<_>>())
}

/// Pearson's correlation, `None` when either side does not vary.
fn correlation(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let (mx, my) = (mean(xs), mean(ys));
    let cov: f64 = xs.iter().zip(ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let sx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum::<f64>().sqrt();
    let sy: f64 = ys.iter().map(|y| (y - my).powi(2)).sum::<f64>().sqrt();
    (sx > 1e-12 && sy > 1e-12).then(|| cov / (sx * sy))
}

/// Cronbach's α of a score matrix (`scores[item][participant]`).
pub fn cronbach_alpha(scores: &[Vec<f64>]) -> Option<f64> {
    let k = scores.len();
    let n = scores.first()?.len();
    if k < 2 || n == 0 {
        return None;
    }
    let totals: Vec<f64> = (0..n)
        .map(|p| scores.iter().map(|item| item[p]).sum())
        .collect();
    let total_var = variance(&totals);
    if total_var < 1e-12 {
        return None;
    }
    let item_var: f64 = scores.iter().map(|item| variance(item)).sum();
    let k = k as f64;
    Some(k / (k - 1.0) * (1.0 - item_var / total_var))
}

/// The discrimination index of each item of a score matrix.
pub fn discrimination(scores: &[Vec<f64>]) -> Vec<Option<f64>> {
    let n = scores.first().map_or(0, Vec::len);
    let totals: Vec<f64> = (0..n)
        .map(|p| scores.iter().map(|item| item[p]).sum())
        .collect();
    scores
        .iter()
        .map(|item| {
            let rest: Vec<f64> = totals.iter().zip(item).map(|(t, x)| t - x).collect();
            correlation(item, &rest).map(|r| 100.0 * r)
        })
        .collect()
}

impl GroupSession {
    /// The participants still in the room, in order.
    fn present(&self) -> Vec<usize> {
        (0..self.participants.len())
            .filter(|&p| !self.participants[p].removed)
            .collect()
    }

    /// Each participant's share of the scored questions answered right, in percent, by
    /// pseudonym (participants still in the room).
    pub fn room_scores(&self) -> Vec<(String, f64)> {
        let scored: Vec<_> = self
            .rounds
            .iter()
            .filter(|r| !r.unscored)
            .filter_map(|r| r.room_awards.as_ref())
            .collect();
        self.present()
            .into_iter()
            .map(|p| {
                let right = scored
                    .iter()
                    .filter(|a| a.get(p).is_some_and(super::Award::is_right))
                    .count();
                let percent = if scored.is_empty() {
                    0.0
                } else {
                    100.0 * right as f64 / scored.len() as f64
                };
                (self.participants[p].pseudonym.clone(), percent)
            })
            .collect()
    }

    /// The item statistics of the room; `question` finds a question by id (for the
    /// options of choice questions).
    pub fn item_report<'a>(&self, question: impl Fn(&str) -> Option<&'a Question>) -> ItemReport {
        let present = self.present();
        let n = present.len();
        let mut items = Vec::new();
        let mut matrix: Vec<Vec<f64>> = Vec::new();
        for (position, round) in self.rounds.iter().enumerate() {
            let Some(awards) = round.room_awards.as_ref().filter(|_| !round.unscored) else {
                continue;
            };
            let scores: Vec<f64> = present
                .iter()
                .map(|&p| f64::from(u8::from(awards.get(p).is_some_and(super::Award::is_right))))
                .collect();
            let options = match question(&round.question_id) {
                Some(Question::Single(c) | Question::Multiple(c)) => (0..c.choices.len())
                    .map(|option| {
                        let chose = present
                            .iter()
                            .filter(|&&p| {
                                matches!(
                                    round.room.get(p).and_then(Option::as_ref).map(|e| &e.response),
                                    Some(Response::Choices(picked)) if picked.contains(&option)
                                )
                            })
                            .count();
                        let share = if n == 0 { 0.0 } else { chose as f64 / n as f64 };
                        let right = c.correct.contains(&option);
                        OptionShare {
                            option,
                            right,
                            share,
                            weak: !right && share < WEAK_DISTRACTOR,
                        }
                    })
                    .collect(),
                _ => Vec::new(),
            };
            items.push(ItemStats {
                position,
                question_id: round.question_id.clone(),
                facility: 100.0 * mean(&scores),
                discrimination: None,
                options,
            });
            matrix.push(scores);
        }
        for (item, d) in items.iter_mut().zip(discrimination(&matrix)) {
            item.discrimination = d;
        }
        ItemReport {
            participants: n,
            items,
            alpha: cronbach_alpha(&matrix),
        }
    }
}

/// One participant's gain between the two sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct Gain {
    pub pseudonym: String,
    pub pre: f64,
    pub post: f64,
    /// `None` when the pre-test was already 100 %.
    pub gain: Option<f64>,
}

/// The pairing of a pre-test and a post-test.
#[derive(Debug, Clone, PartialEq)]
pub struct GainReport {
    /// Participants in both sessions (same pseudonym, whatever the case), in the post-test's
    /// order.
    pub paired: Vec<Gain>,
    pub mean_pre: f64,
    pub mean_post: f64,
    /// The group's normalised gain, from the mean scores.
    pub group_gain: Option<f64>,
    /// Pseudonyms found in one session only.
    pub unpaired: Vec<String>,
}

fn normalised_gain(pre: f64, post: f64) -> Option<f64> {
    (pre < 100.0 - 1e-9).then(|| (post - pre) / (100.0 - pre))
}

/// Pairs the participants of `pre` and `post` (two sessions of the same set, at the start
/// and at the end of a stage) by pseudonym.
pub fn gain(pre: &GroupSession, post: &GroupSession) -> GainReport {
    let before = pre.room_scores();
    let after = post.room_scores();
    let key = |name: &str| name.trim().to_lowercase();
    let paired: Vec<Gain> = after
        .iter()
        .filter_map(|(name, post)| {
            let (_, pre) = before.iter().find(|(b, _)| key(b) == key(name))?;
            Some(Gain {
                pseudonym: name.clone(),
                pre: *pre,
                post: *post,
                gain: normalised_gain(*pre, *post),
            })
        })
        .collect();
    let unpaired = before
        .iter()
        .chain(&after)
        .map(|(name, _)| name)
        .filter(|name| !paired.iter().any(|g| key(&g.pseudonym) == key(name)))
        .cloned()
        .collect();
    let mean_pre = mean(&paired.iter().map(|g| g.pre).collect::<Vec<_>>());
    let mean_post = mean(&paired.iter().map(|g| g.post).collect::<Vec<_>>());
    GainReport {
        group_gain: if paired.is_empty() {
            None
        } else {
            normalised_gain(mean_pre, mean_post)
        },
        paired,
        mean_pre,
        mean_post,
        unpaired,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Scoring;
    use super::super::tests::{session, t};
    use super::*;
    use crate::domain::testing::{single, tf};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.01
    }

    /// Plays the three questions of `session()` (a: single, right choice 0 of 4; b and c:
    /// true) for the participants `who`, each row of `right` saying who is right.
    fn played(who: &[&str], right: [&[bool]; 3]) -> GroupSession {
        let mut s = session(Scoring::default());
        for name in who {
            s.join(name, None, String::new()).expect("joins");
        }
        let questions = [single("a", 4, 0), tf("b", true), tf("c", true)];
        for (q, rights) in questions.iter().zip(right) {
            for (p, &ok) in rights.iter().enumerate() {
                let response = match q {
                    Question::Single(_) => Response::Choices(vec![usize::from(!ok)]),
                    _ => Response::Bool(ok),
                };
                s.enter_room(p, response, t(1_000));
            }
            s.reveal(q, t(2_000));
            let _ = s.next(t(3_000));
        }
        s
    }

    /// The example worked by hand in the README (four participants, three items).
    #[test]
    fn item_statistics_match_the_hand_computed_example() {
        let s = played(
            &["A", "B", "C", "D"],
            [
                &[true, true, true, false],
                &[true, true, false, false],
                &[true, false, true, false],
            ],
        );
        let q = single("a", 4, 0);
        let report = s.item_report(|id| (id == "a").then_some(&q));
        assert_eq!(report.participants, 4);
        let facility: Vec<f64> = report.items.iter().map(|i| i.facility).collect();
        assert_eq!(facility, vec![75.0, 50.0, 50.0]);
        let d: Vec<f64> = report
            .items
            .iter()
            .map(|i| i.discrimination.expect("varies"))
            .collect();
        assert!(close(d[0], 81.65), "{d:?}");
        assert!(close(d[1], 30.15), "{d:?}");
        assert!(close(d[2], 30.15), "{d:?}");
        assert!(close(report.alpha.expect("varies"), 0.6316));
        let shares: Vec<(f64, bool)> = report.items[0]
            .options
            .iter()
            .map(|o| (o.share, o.weak))
            .collect();
        assert_eq!(
            shares,
            vec![(0.75, false), (0.25, false), (0.0, true), (0.0, true)]
        );
        assert!(
            report.items[1].options.is_empty(),
            "true/false has no options"
        );
    }

    #[test]
    fn nothing_varies_nothing_is_computed() {
        let s = played(&["A", "B"], [&[true, true], &[true, true], &[true, true]]);
        let report = s.item_report(|_| None);
        assert!(report.items.iter().all(|i| i.discrimination.is_none()));
        assert_eq!(report.alpha, None);
    }

    #[test]
    fn the_normalised_gain_matches_the_hand_computed_example() {
        let pre = played(
            &["A", "B", "C", "D"],
            [
                &[true, true, true, false],
                &[false, true, true, false],
                &[false, false, false, false],
            ],
        );
        let post = played(
            &["a", "B", "C", "D", "E"],
            [
                &[true, true, true, true, true],
                &[true, true, true, false, true],
                &[true, true, false, false, true],
            ],
        );
        let report = gain(&pre, &post);
        let gains: Vec<(String, Option<f64>)> = report
            .paired
            .iter()
            .map(|g| (g.pseudonym.clone(), g.gain))
            .collect();
        assert_eq!(gains.len(), 4, "A pairs with a, E is alone");
        assert!(close(gains[0].1.expect("defined"), 1.0));
        assert!(close(gains[1].1.expect("defined"), 1.0));
        assert!(close(gains[2].1.expect("defined"), 0.0));
        assert!(close(gains[3].1.expect("defined"), 0.3333));
        assert!(close(report.mean_pre, 41.667));
        assert!(close(report.mean_post, 75.0));
        assert!(close(report.group_gain.expect("defined"), 0.5714));
        assert_eq!(report.unpaired, vec!["E".to_owned()]);
    }

    #[test]
    fn a_perfect_pre_test_has_no_gain() {
        let all = [&[true][..], &[true][..], &[true][..]];
        let s = played(&["A"], all);
        let report = gain(&s, &s);
        assert_eq!(report.paired[0].gain, None);
        assert_eq!(report.group_gain, None);
    }
}
