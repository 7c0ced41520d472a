//! The one source of the current time and time zone.
//!
//! Everything that needs « now » (days of activity, the stage countdown, due reviews, answer
//! durations, timers, the names of set-aside files) takes it from a [`Clock`]. The binary
//! builds one at start-up: the system clock, or the instant given by `CONSEIL_NOW` for tests
//! and reproducible demonstrations. Tests build their own, so no result depends on the day
//! they run. The time zone is the system's (the `TZ` variable, as usual).

use std::ffi::OsStr;
use std::rc::Rc;
use std::time::Instant;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, Zoned};

/// The variable that sets the instant the program starts at.
pub const NOW_VAR: &str = "CONSEIL_NOW";

/// A `CONSEIL_NOW` that is not an instant: the program refuses to start rather than run at a
/// time nobody asked for.
#[derive(Debug, thiserror::Error)]
#[error(
    "{NOW_VAR} : « {value} » n’est pas une date et heure valide ; exemples : \
     2026-12-08T10:00:00+01:00, 2026-12-08T09:00:00Z, ou 2026-12-08T10:00:00 (heure locale, \
     selon TZ)"
)]
pub struct BadNow {
    value: String,
}

/// Where the time comes from, with the time zone that turns it into days.
#[derive(Clone)]
pub struct Clock {
    read: Rc<dyn Fn() -> Timestamp>,
    tz: TimeZone,
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clock")
            .field("now", &self.now())
            .field("tz", &self.tz.iana_name())
            .finish_non_exhaustive()
    }
}

impl Clock {
    /// A clock that reads `read` (tests move it by hand).
    pub fn new(read: impl Fn() -> Timestamp + 'static, tz: TimeZone) -> Clock {
        Clock {
            read: Rc::new(read),
            tz,
        }
    }

    /// The system's clock and time zone.
    pub fn system() -> Clock {
        Clock::new(Timestamp::now, TimeZone::system())
    }

    /// A clock stopped at `at`.
    pub fn fixed(at: Timestamp, tz: TimeZone) -> Clock {
        Clock::new(move || at, tz)
    }

    /// A clock that starts at `at` and then runs at the pace of the machine's monotonic clock:
    /// the day is set, and timers, countdowns and answer durations still run.
    pub fn starting_at(at: Timestamp, tz: TimeZone) -> Clock {
        let start = Instant::now();
        Clock::new(
            move || {
                let elapsed =
                    SignedDuration::try_from(start.elapsed()).unwrap_or(SignedDuration::MAX);
                at.saturating_add(elapsed).unwrap_or(at)
            },
            tz,
        )
    }

    /// The clock the program runs on: the system's, or one starting at `CONSEIL_NOW`.
    pub fn from_env() -> Result<Clock, BadNow> {
        Clock::with_override(std::env::var_os(NOW_VAR).as_deref(), TimeZone::system())
    }

    /// The clock for an override `value` of [`NOW_VAR`] (none or empty: the system's) in `tz`.
    pub fn with_override(value: Option<&OsStr>, tz: TimeZone) -> Result<Clock, BadNow> {
        match value {
            None => Ok(Clock::new(Timestamp::now, tz)),
            Some(v) if v.is_empty() => Ok(Clock::new(Timestamp::now, tz)),
            Some(v) => {
                let at = v
                    .to_str()
                    .and_then(|s| parse_instant(s, &tz))
                    .ok_or_else(|| BadNow {
                        value: v.to_string_lossy().into_owned(),
                    })?;
                Ok(Clock::starting_at(at, tz))
            }
        }
    }

    pub fn now(&self) -> Timestamp {
        (self.read)()
    }

    /// Now, in the clock's time zone.
    pub fn zoned(&self) -> Zoned {
        self.now().to_zoned(self.tz.clone())
    }

    /// The date today, in the clock's time zone.
    pub fn today(&self) -> Date {
        self.tz.to_datetime(self.now()).date()
    }

    pub fn tz(&self) -> &TimeZone {
        &self.tz
    }
}

/// An instant with its offset (`…+01:00`, `…Z`), or a local date and time read in `tz` (a
/// date alone is its midnight). A local time skipped or repeated when the clocks change is
/// read with the offset in force before the change.
fn parse_instant(text: &str, tz: &TimeZone) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(at) = text.parse::<Timestamp>() {
        return Some(at);
    }
    let local: DateTime = text.parse().ok()?;
    tz.to_ambiguous_timestamp(local).compatible().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> TimeZone {
        TimeZone::get("Europe/Paris").expect("tzdb")
    }

    fn at(s: &str) -> Timestamp {
        s.parse().expect("valid timestamp")
    }

    #[test]
    fn the_override_sets_the_start_and_the_clock_runs_on() {
        let value = OsStr::new("2026-12-08T10:00:00+01:00");
        let clock = Clock::with_override(Some(value), paris()).expect("valid");
        let now = clock.now();
        assert!(now >= at("2026-12-08T09:00:00Z"), "{now}");
        // It runs: a second later is still well under a minute later.
        assert!(now < at("2026-12-08T09:01:00Z"), "{now}");
        assert_eq!(clock.today().to_string(), "2026-12-08");
    }

    #[test]
    fn a_local_override_is_read_in_the_time_zone() {
        let clock =
            Clock::with_override(Some(OsStr::new("2027-01-01T00:00:20")), paris()).expect("valid");
        assert!(clock.now() >= at("2026-12-31T23:00:20Z"));
        assert_eq!(clock.today().to_string(), "2027-01-01");
        let cayenne = TimeZone::get("America/Cayenne").expect("tzdb");
        let clock =
            Clock::with_override(Some(OsStr::new("2027-01-01T00:00:20")), cayenne).expect("valid");
        assert!(clock.now() >= at("2027-01-01T03:00:20Z"));
    }

    #[test]
    fn a_local_time_skipped_by_the_clock_change_is_still_an_instant() {
        // 28 March 2027, Paris: 02:00 jumps to 03:00; 02:30 does not exist.
        let clock =
            Clock::with_override(Some(OsStr::new("2027-03-28T02:30:00")), paris()).expect("valid");
        assert!(clock.now() >= at("2027-03-28T01:30:00Z"));
        assert_eq!(clock.zoned().hour(), 3);
    }

    #[test]
    fn no_override_or_an_empty_one_is_the_system_clock() {
        for value in [None, Some(OsStr::new(""))] {
            let clock = Clock::with_override(value, TimeZone::UTC).expect("valid");
            let before = Timestamp::now();
            let now = clock.now();
            assert!(now >= before && now <= Timestamp::now());
        }
    }

    #[test]
    fn a_malformed_override_is_refused_in_french() {
        for bad in [
            "demain",
            "08/12/2026 10:00",
            "2026-02-30T10:00:00",
            "2026-12-08T25:00",
        ] {
            let e = Clock::with_override(Some(OsStr::new(bad)), TimeZone::UTC)
                .expect_err(bad)
                .to_string();
            assert!(e.starts_with("CONSEIL_NOW : « "), "{e}");
            assert!(
                e.contains(bad) && e.contains("n’est pas une date et heure valide"),
                "{e}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_non_utf8_override_is_refused() {
        use std::os::unix::ffi::OsStrExt;
        let value = OsStr::from_bytes(b"2026-12-08T10:00:00\xff");
        let e = Clock::with_override(Some(value), TimeZone::UTC).expect_err("refused");
        assert!(
            e.to_string().contains("n’est pas une date et heure valide"),
            "{e}"
        );
    }

    #[test]
    fn a_date_alone_is_its_local_midnight() {
        let clock = Clock::with_override(Some(OsStr::new("2028-02-29")), paris()).expect("valid");
        assert!(clock.now() >= at("2028-02-28T23:00:00Z"));
        assert_eq!(clock.today().to_string(), "2028-02-29");
    }

    #[test]
    fn a_fixed_clock_stays_put() {
        let t = at("2028-02-29T23:59:59Z");
        let clock = Clock::fixed(t, TimeZone::UTC);
        assert_eq!(clock.now(), t);
        assert_eq!(clock.now(), t);
        assert_eq!(clock.today().to_string(), "2028-02-29");
    }
}
