//! The stage the learner sets: its date, read as she types it and never in the past, and the
//! modules it covers, known ones only. The settings screen, `--stage-date`, `--stage-modules`
//! and the plain mode all read and check it here; `crate::words` says what went wrong.

use jiff::civil::Date;

use super::content::Module;

/// A stage date further ahead than this many years is taken for a mistyped year.
pub const MAX_YEARS_AHEAD: i16 = 2;

/// Why a stage date is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Neither JJ/MM/AAAA nor AAAA-MM-JJ.
    Unreadable,
    /// The year has two digits: « 04/05/26 ».
    ShortYear,
    /// No such month: « 04/13/2026 ».
    NoSuchMonth { month: i8 },
    /// No such day in that month: « 31/04/2026 », « 29/02/2027 ».
    NoSuchDay { day: i8, month: i8, year: i16 },
    /// Before today.
    Past { date: Date, today: Date },
    /// More than [`MAX_YEARS_AHEAD`] years ahead.
    TooFar { date: Date, latest: Date },
}

/// Reads a date as typed: « 04/05/2026 », « 4/5/2026 », « 04.05.2026 », « 04-05-2026 » (day
/// first, year in four digits) or « 2026-05-04 » (year first).
pub fn parse_date(text: &str) -> Result<Date, DateError> {
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    let [a, b, c] = parts[..] else {
        return Err(DateError::Unreadable);
    };
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(a, 4) && digits(b, 2) && digits(c, 4)) {
        return Err(DateError::Unreadable);
    }
    let (year, month, day) = match (a.len(), c.len()) {
        (4, 1 | 2) => (a, b, c),
        (1 | 2, 4) => (c, b, a),
        (1 | 2, 1 | 2) => return Err(DateError::ShortYear),
        _ => return Err(DateError::Unreadable),
    };
    let number = |s: &str| s.parse::<i16>().map_err(|_| DateError::Unreadable);
    let (year, month, day) = (number(year)?, number(month)?, number(day)?);
    // Both fit: a month and a day have at most two digits.
    let (month, day) = (
        i8::try_from(month).map_err(|_| DateError::Unreadable)?,
        i8::try_from(day).map_err(|_| DateError::Unreadable)?,
    );
    if !(1..=12).contains(&month) {
        return Err(DateError::NoSuchMonth { month });
    }
    Date::new(year, month, day).map_err(|_| DateError::NoSuchDay { day, month, year })
}

/// Refuses a stage date before `today` (the day itself is fine: « jour J ») or too far ahead.
pub fn check_date(date: Date, today: Date) -> Result<Date, DateError> {
    if date < today {
        return Err(DateError::Past { date, today });
    }
    let latest = today
        .checked_add(jiff::Span::new().years(MAX_YEARS_AHEAD))
        .unwrap_or(Date::MAX);
    if date > latest {
        return Err(DateError::TooFar { date, latest });
    }
    Ok(date)
}

/// Reads and checks a stage date typed by the learner on `today`.
pub fn read_date(text: &str, today: Date) -> Result<Date, DateError> {
    check_date(parse_date(text)?, today)
}

/// Module ids that no module has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownModules(pub Vec<String>);

/// The modules `ids` name, in the catalog's order and each once; every id must be a module's.
/// An empty list means every module.
pub fn check_modules(ids: &[String], modules: &[Module]) -> Result<Vec<String>, UnknownModules> {
    let unknown: Vec<String> = ids
        .iter()
        .filter(|id| !modules.iter().any(|m| &m.id == *id))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(UnknownModules(unknown));
    }
    Ok(modules
        .iter()
        .filter(|m| ids.contains(&m.id))
        .map(|m| m.id.clone())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::module;
    use jiff::civil::date;

    #[test]
    fn both_orders_and_short_forms() {
        let d = date(2026, 5, 4);
        for text in [
            "2026-05-04",
            "2026-5-4",
            "04/05/2026",
            "4/5/2026",
            " 04/05/2026 ",
            "04.05.2026",
            "04-05-2026",
        ] {
            assert_eq!(parse_date(text), Ok(d), "{text}");
        }
    }

    #[test]
    fn what_is_not_a_date() {
        for text in [
            "",
            "demain",
            "04/05",
            "1/2/3/4",
            "2026/05",
            "04 05 2026",
            "+4/5/2026",
            "4/5/20266",
            "2026-005-04",
            "x4/05/2026",
            "04//2026",
            "2026-05-04T10:00",
        ] {
            assert_eq!(parse_date(text), Err(DateError::Unreadable), "{text}");
        }
        assert_eq!(parse_date("04/05/26"), Err(DateError::ShortYear));
        assert_eq!(parse_date("4.5.26"), Err(DateError::ShortYear));
    }

    #[test]
    fn days_that_do_not_exist() {
        assert_eq!(parse_date("29/02/2028"), Ok(date(2028, 2, 29)));
        assert_eq!(
            parse_date("29/02/2027"),
            Err(DateError::NoSuchDay {
                day: 29,
                month: 2,
                year: 2027
            })
        );
        // 2100 is not a leap year, 2400 is.
        assert!(parse_date("29/02/2100").is_err());
        assert!(parse_date("2400-02-29").is_ok());
        assert_eq!(
            parse_date("31/04/2026"),
            Err(DateError::NoSuchDay {
                day: 31,
                month: 4,
                year: 2026
            })
        );
        assert!(parse_date("00/05/2026").is_err());
        assert_eq!(
            parse_date("04/13/2026"),
            Err(DateError::NoSuchMonth { month: 13 })
        );
        assert_eq!(
            parse_date("2026-00-04"),
            Err(DateError::NoSuchMonth { month: 0 })
        );
    }

    #[test]
    fn today_is_fine_yesterday_is_past() {
        let today = date(2026, 5, 4);
        assert_eq!(read_date("04/05/2026", today), Ok(today));
        assert_eq!(
            read_date("03/05/2026", today),
            Err(DateError::Past {
                date: date(2026, 5, 3),
                today
            })
        );
        // The first of January, the day before being the last of the year before.
        let new_year = date(2027, 1, 1);
        assert!(read_date("31/12/2026", new_year).is_err());
        assert_eq!(read_date("2027-01-01", new_year), Ok(new_year));
    }

    #[test]
    fn far_future_limits() {
        let today = date(2026, 5, 4);
        assert_eq!(read_date("04/05/2028", today), Ok(date(2028, 5, 4)));
        assert_eq!(
            read_date("05/05/2028", today),
            Err(DateError::TooFar {
                date: date(2028, 5, 5),
                latest: date(2028, 5, 4)
            })
        );
        assert!(matches!(
            read_date("31/12/9999", today),
            Err(DateError::TooFar { .. })
        ));
        // From a 29 February, two years on is the 28th.
        let leap = date(2028, 2, 29);
        assert_eq!(read_date("28/02/2030", leap), Ok(date(2030, 2, 28)));
        assert!(read_date("01/03/2030", leap).is_err());
        // The last day a date can have: nothing overflows.
        assert_eq!(check_date(Date::MAX, Date::MAX), Ok(Date::MAX));
        assert!(parse_date("9999-12-31").is_ok());
        assert_eq!(parse_date("10000-01-01"), Err(DateError::Unreadable));
    }

    #[test]
    fn modules_are_checked_and_put_in_order() {
        let modules = [module("a", &[]), module("b", &[]), module("c", &[])];
        let ids = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            check_modules(&ids(&["c", "a", "c"]), &modules),
            Ok(ids(&["a", "c"]))
        );
        assert_eq!(check_modules(&[], &modules), Ok(vec![]));
        assert_eq!(
            check_modules(&ids(&["a", "x", "y"]), &modules),
            Err(UnknownModules(ids(&["x", "y"])))
        );
    }
}
