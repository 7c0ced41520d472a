//! The time of a question: a clock that can be stopped and started again, and what the
//! trainer does with it (pause, fifteen more seconds, end the countdown now).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{GroupSession, Round};

/// A clock that can be stopped and started again: the time a question has been open.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Stopwatch {
    /// Milliseconds run before the last stop.
    pub ran_ms: u64,
    /// When it was last started; `None` while stopped.
    pub since: Option<Timestamp>,
}

fn millis_between(from: Timestamp, to: Timestamp) -> u64 {
    u64::try_from(to.duration_since(from).as_millis()).unwrap_or(0)
}

impl Stopwatch {
    pub(super) fn started(now: Timestamp) -> Self {
        Stopwatch {
            ran_ms: 0,
            since: Some(now),
        }
    }

    pub fn elapsed_ms(&self, now: Timestamp) -> u64 {
        self.ran_ms + self.since.map_or(0, |s| millis_between(s, now))
    }

    pub(super) fn stop(&mut self, now: Timestamp) -> bool {
        let Some(since) = self.since.take() else {
            return false;
        };
        self.ran_ms += millis_between(since, now);
        true
    }

    pub(super) fn start(&mut self, now: Timestamp) -> bool {
        if self.since.is_some() {
            return false;
        }
        self.since = Some(now);
        true
    }
}

impl GroupSession {
    /// Milliseconds the current question may last, its added time included.
    fn limit_ms(&self, round: &Round) -> Option<u64> {
        let limit = i64::from(self.timer_secs?) * 1000 + round.extra_ms;
        Some(u64::try_from(limit).unwrap_or(0))
    }

    /// Milliseconds left to answer the current question (zero once over), or `None` when
    /// untimed or when the answer is revealed.
    pub fn time_left_ms(&self, now: Timestamp) -> Option<u64> {
        let round = self.current().filter(|_| self.is_open())?;
        let limit = self.limit_ms(round)?;
        if round.time_up {
            return Some(0);
        }
        Some(limit.saturating_sub(round.clock.elapsed_ms(now)))
    }

    /// True while the current question's clock is stopped by the trainer (not by the end of
    /// its countdown).
    pub fn is_paused(&self) -> bool {
        self.is_open()
            && self
                .current()
                .is_some_and(|r| r.clock.since.is_none() && !r.time_up)
    }

    /// Stops the current question's clock. Returns false if nothing changed.
    pub fn pause(&mut self, now: Timestamp) -> bool {
        let changed = self
            .open_round()
            .filter(|r| !r.time_up)
            .is_some_and(|r| r.clock.stop(now));
        self.touch(changed, now)
    }

    /// Starts the current question's clock again. Returns false if nothing changed (a
    /// countdown ended by the trainer starts again only with more time).
    pub fn resume(&mut self, now: Timestamp) -> bool {
        let changed = self
            .open_round()
            .filter(|r| !r.time_up)
            .is_some_and(|r| r.clock.start(now));
        self.touch(changed, now)
    }

    /// Gives the room `secs` more seconds on the current question, counted from what is
    /// left now (so a countdown already over starts again from `secs`). Returns false when
    /// untimed or once revealed.
    pub fn add_time(&mut self, secs: u32, now: Timestamp) -> bool {
        let Some(left) = self.time_left_ms(now) else {
            return false;
        };
        let Some(timer) = self.timer_secs else {
            return false;
        };
        let Some(round) = self.open_round() else {
            return false;
        };
        let elapsed = i64::try_from(round.clock.elapsed_ms(now)).unwrap_or(i64::MAX);
        let left = i64::try_from(left).unwrap_or(i64::MAX);
        let limit = elapsed
            .saturating_add(left)
            .saturating_add(i64::from(secs) * 1000);
        round.extra_ms = limit - i64::from(timer) * 1000;
        if round.time_up {
            round.time_up = false;
            round.clock.start(now);
        }
        self.touch(true, now)
    }

    /// Ends the countdown of the current question now: the room shows its cards, the
    /// trainer enters them and reveals. Returns false when untimed, once revealed, or when
    /// already ended this way.
    pub fn skip_time(&mut self, now: Timestamp) -> bool {
        if self.timer_secs.is_none() {
            return false;
        }
        let changed = match self.open_round().filter(|r| !r.time_up) {
            Some(round) => {
                round.clock.stop(now);
                round.time_up = true;
                true
            }
            None => false,
        };
        self.touch(changed, now)
    }

    /// After a crash or a closed laptop: the clock stops where the last change left it, so
    /// that the room gets back the time during which nobody was there.
    pub fn interrupt(&mut self) {
        let at = self.updated_at;
        if let Some(round) = self.open_round() {
            round.clock.stop(at);
        }
    }

    pub(super) fn touch(&mut self, changed: bool, now: Timestamp) -> bool {
        if changed {
            self.updated_at = now;
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::super::Scoring;
    use super::super::tests::{session, t};
    use crate::domain::testing::tf;

    #[test]
    fn clock_pauses_and_counts_down() {
        let mut s = session(Scoring::default());
        assert_eq!(s.time_left_ms(t(10_000)), Some(20_000));
        assert!(s.pause(t(10_000)));
        assert!(!s.pause(t(11_000)), "already paused");
        assert!(s.is_paused());
        assert_eq!(s.time_left_ms(t(50_000)), Some(20_000));
        assert!(s.resume(t(50_000)));
        assert_eq!(s.time_left_ms(t(55_000)), Some(15_000));
        assert_eq!(s.time_left_ms(t(500_000)), Some(0));
        s.reveal(&tf("a", true), t(60_000));
        assert_eq!(s.time_left_ms(t(60_000)), None);
        assert!(!s.pause(t(61_000)), "nothing to pause once revealed");
    }

    #[test]
    fn fifteen_more_seconds_count_from_what_is_left() {
        let mut s = session(Scoring::default());
        assert!(s.add_time(15, t(10_000)));
        assert_eq!(s.time_left_ms(t(10_000)), Some(35_000));
        // Paused, the time added waits with the rest.
        s.pause(t(20_000));
        assert!(s.add_time(15, t(25_000)));
        assert_eq!(s.time_left_ms(t(90_000)), Some(40_000));
        s.resume(t(90_000));
        // Over by a minute: fifteen seconds more are fifteen seconds from now.
        assert_eq!(s.time_left_ms(t(190_000)), Some(0));
        assert!(s.add_time(15, t(190_000)));
        assert_eq!(s.time_left_ms(t(190_000)), Some(15_000));
        assert_eq!(s.time_left_ms(t(200_000)), Some(5_000));
    }

    #[test]
    fn the_countdown_ends_when_the_trainer_says_so() {
        let mut s = session(Scoring::default());
        assert!(s.skip_time(t(4_000)));
        assert!(!s.skip_time(t(5_000)), "already over");
        assert_eq!(s.time_left_ms(t(5_000)), Some(0));
        assert!(!s.is_paused(), "over, not paused");
        assert!(!s.resume(t(6_000)), "a pause key does not restart it");
        // Answers are still entered after the end of the countdown.
        assert!(s.enter(0, crate::domain::question::Response::Bool(true), t(7_000)));
        // Fifteen seconds more start it again.
        assert!(s.add_time(15, t(8_000)));
        assert_eq!(s.time_left_ms(t(10_000)), Some(13_000));
        let mut untimed = session(Scoring::default());
        untimed.timer_secs = None;
        assert!(!untimed.skip_time(t(1_000)));
        assert!(!untimed.add_time(15, t(1_000)));
    }
}
