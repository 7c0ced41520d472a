//! How a question's answers are written: one string per question since format 2,
//! `"1772442000000 1 2 8000;1772528400000 0.5 1 4000"`, each answer being
//! `answered_at_ms score verdict duration_ms` and answers separated by `;`.
//!
//! Answers are nearly all of a progress file. Read as JSON arrays (format 1, still read), each
//! of their four numbers went through the JSON reader's generic path, and reading 200,000
//! answers took twice as long as this string read by the loop below; the first frame of a
//! heavy profile waits for that read.

use std::fmt::Write as _;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserializer, Serializer};

use super::{Attempt, AttemptRepr};
use crate::domain::question::Verdict;

/// Separates two answers in the string.
const SEPARATOR: u8 = b';';

pub fn serialize<S: Serializer>(attempts: &[Attempt], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&encode(attempts))
}

/// The string of `attempts`. Its numbers are written by hand: `write!` took most of the
/// time of writing a progress whole.
pub fn encode(attempts: &[Attempt]) -> String {
    let mut out = String::with_capacity(attempts.len() * 28);
    for (i, a) in attempts.iter().enumerate() {
        if i > 0 {
            out.push(char::from(SEPARATOR));
        }
        let at = a.at.as_millisecond();
        if at < 0 {
            out.push('-');
        }
        push_digits(&mut out, at.unsigned_abs());
        out.push(' ');
        if a.score == 0.0 {
            out.push('0');
        } else if a.score == 1.0 {
            out.push('1');
        } else {
            // `{}` of an f64 is the shortest text that reads back as the same number:
            // nothing is lost. Writing to a String cannot fail.
            let _ = write!(out, "{}", a.score);
        }
        out.push(' ');
        out.push(char::from(b'0' + verdict_code(a.verdict)));
        out.push(' ');
        push_digits(&mut out, a.duration_ms);
    }
    out
}

/// Writes `n` in decimal.
fn push_digits(out: &mut String, mut n: u64) {
    let mut digits = [0_u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        // `n % 10` < 10: the cast is exact.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (n % 10) as u8;
        digits[start] = b'0' + digit;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits: always UTF-8.
    out.push_str(std::str::from_utf8(&digits[start..]).unwrap_or_default());
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Attempt>, D::Error> {
    deserializer.deserialize_any(AttemptsVisitor)
}

struct AttemptsVisitor;

impl<'de> Visitor<'de> for AttemptsVisitor {
    type Value = Vec<Attempt>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("les réponses d’une question (texte, ou liste de tableaux)")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Vec<Attempt>, E> {
        decode(text).map_err(E::custom)
    }

    /// Format 1: an array of `[answered_at_ms, score, verdict, duration_ms]`.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Attempt>, A::Error> {
        let mut attempts = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(repr) = seq.next_element::<AttemptRepr>()? {
            attempts.push(Attempt::try_from(repr).map_err(de::Error::custom)?);
        }
        Ok(attempts)
    }
}

pub(super) fn verdict_code(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Incorrect => 0,
        Verdict::Partial => 1,
        Verdict::Correct => 2,
    }
}

/// Every answer of `text`; the first that cannot be read fails the whole.
pub fn decode(text: &str) -> Result<Vec<Attempt>, String> {
    match decode_written(text.as_bytes()) {
        Some(attempts) => Ok(attempts),
        None => decode_any(text),
    }
}

/// The answers of `bytes` when written exactly as [`encode`] writes them with a score of 0
/// or 1 (nearly every string read): one loop over the bytes, without the checks of a string
/// written by hand. `None` sends anything else to [`decode_any`], which says what is wrong.
fn decode_written(bytes: &[u8]) -> Option<Vec<Attempt>> {
    let mut attempts = Vec::with_capacity(bytes.len() / 24);
    if bytes.is_empty() {
        return Some(attempts);
    }
    let mut at = 0;
    loop {
        let negative = bytes.get(at) == Some(&b'-');
        at += usize::from(negative);
        let ms = digits(bytes, &mut at, b' ')?;
        at += 1;
        let score = match (bytes.get(at), bytes.get(at + 1)) {
            (Some(b'0'), Some(b' ')) => 0.0,
            (Some(b'1'), Some(b' ')) => 1.0,
            _ => return None,
        };
        at += 2;
        let verdict = match (bytes.get(at), bytes.get(at + 1)) {
            (Some(b'0'), Some(b' ')) => Verdict::Incorrect,
            (Some(b'1'), Some(b' ')) => Verdict::Partial,
            (Some(b'2'), Some(b' ')) => Verdict::Correct,
            _ => return None,
        };
        at += 2;
        let duration_ms = digits(bytes, &mut at, SEPARATOR)?;
        let ms = i64::try_from(ms).ok()?;
        attempts.push(Attempt {
            at: jiff::Timestamp::from_millisecond(if negative { -ms } else { ms }).ok()?,
            score,
            verdict,
            duration_ms,
        });
        match bytes.get(at) {
            None => return Some(attempts),
            Some(&SEPARATOR) if at + 1 < bytes.len() => at += 1,
            Some(_) => return None,
        }
    }
}

/// The number of at most 18 digits at `*at`, ended by `end` or by the end of `bytes`; `*at`
/// is left on its end. 18 digits never overflow a u64; longer ones go the careful way.
fn digits(bytes: &[u8], at: &mut usize, end: u8) -> Option<u64> {
    let start = *at;
    let mut value: u64 = 0;
    while let Some(&b) = bytes.get(*at) {
        if b.is_ascii_digit() {
            value = value * 10 + u64::from(b - b'0');
            *at += 1;
            if *at - start > 18 {
                return None;
            }
        } else if b == end {
            break;
        } else {
            return None;
        }
    }
    (*at > start && (end == SEPARATOR || bytes.get(*at) == Some(&end))).then_some(value)
}

/// Every answer of `text` as a hand may have written it (spaces added, any score), or why
/// not, in French.
fn decode_any(text: &str) -> Result<Vec<Attempt>, String> {
    let mut attempts = Vec::with_capacity(text.len() / 24);
    let mut reader = Reader {
        bytes: text.as_bytes(),
        at: 0,
    };
    reader.skip_spaces();
    if reader.done() {
        return Ok(attempts);
    }
    loop {
        attempts.push(reader.attempt(text)?);
        reader.skip_spaces();
        if reader.done() {
            return Ok(attempts);
        }
        if reader.bytes[reader.at] != SEPARATOR {
            return Err(reader.unexpected(text));
        }
        reader.at += 1;
    }
}

/// Each answer of `text` on its own, read or not: to keep the readable ones of a damaged
/// string and set the others aside.
pub fn decode_each(text: &str) -> Vec<Result<Attempt, String>> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    text.split(char::from(SEPARATOR))
        .map(|piece| match decode(piece)?.as_slice() {
            [one] => Ok(*one),
            _ => Err(format!("réponse illisible : « {} »", piece.trim())),
        })
        .collect()
}

/// A cursor over the bytes of the string; the numbers are read by hand, which is what makes
/// this form fast.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    fn skip_spaces(&mut self) {
        while self.bytes.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
    }

    /// Where reading stopped, said in French with the piece around it.
    fn unexpected(&self, text: &str) -> String {
        let start = text[..self.at.min(text.len())]
            .rfind(char::from(SEPARATOR))
            .map_or(0, |i| i + 1);
        let end = text[start..]
            .find(char::from(SEPARATOR))
            .map_or(text.len(), |i| start + i);
        format!("réponse illisible : « {} »", text[start..end].trim())
    }

    fn attempt(&mut self, text: &str) -> Result<Attempt, String> {
        let at = self.integer(text, true)?;
        let score = self.score(text)?;
        let verdict = self.integer(text, false)?;
        let duration_ms = self.integer(text, false)?;
        let (Ok(at), Ok(verdict), Ok(duration_ms)) = (
            i64::try_from(at),
            u8::try_from(verdict),
            u64::try_from(duration_ms),
        ) else {
            return Err(self.unexpected(text));
        };
        Attempt::try_from(AttemptRepr(at, score, verdict, duration_ms))
    }

    /// An integer after optional spaces, up to the next space, separator or end.
    fn integer(&mut self, text: &str, signed: bool) -> Result<i128, String> {
        self.skip_spaces();
        let negative = signed && self.bytes.get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        let start = self.at;
        let mut value: i128 = 0;
        while let Some(&b) = self.bytes.get(self.at).filter(|b| b.is_ascii_digit()) {
            // 20 digits at most: a u64 fits, an i128 never overflows.
            if self.at - start >= 20 {
                return Err(self.unexpected(text));
            }
            value = value * 10 + i128::from(b - b'0');
            self.at += 1;
        }
        if self.at == start || !self.at_boundary() {
            return Err(self.unexpected(text));
        }
        Ok(if negative { -value } else { value })
    }

    /// A score: `0` and `1` (nearly every one) at once, anything else through `f64`'s parser.
    fn score(&mut self, text: &str) -> Result<f64, String> {
        self.skip_spaces();
        let start = self.at;
        while self
            .bytes
            .get(self.at)
            .is_some_and(|&b| b != b' ' && b != SEPARATOR)
        {
            self.at += 1;
        }
        match &self.bytes[start..self.at] {
            b"0" => Ok(0.0),
            b"1" => Ok(1.0),
            other => std::str::from_utf8(other)
                .ok()
                .and_then(|s| s.parse::<f64>().ok())
                .ok_or_else(|| self.unexpected(text)),
        }
    }

    fn at_boundary(&self) -> bool {
        self.bytes
            .get(self.at)
            .is_none_or(|&b| b == b' ' || b == SEPARATOR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    fn attempt(ms: i64, score: f64, verdict: Verdict, duration_ms: u64) -> Attempt {
        Attempt {
            at: Timestamp::from_millisecond(ms).expect("valid"),
            score,
            verdict,
            duration_ms,
        }
    }

    #[test]
    fn the_string_reads_back_as_written() {
        let attempts = vec![
            attempt(1_772_442_000_000, 1.0, Verdict::Correct, 8000),
            attempt(1_772_442_060_000, 0.0, Verdict::Incorrect, 0),
            attempt(1_772_442_120_000, 1.0 / 3.0, Verdict::Partial, u64::MAX),
            attempt(-5, 0.5, Verdict::Partial, 12),
        ];
        let text = encode(&attempts);
        assert_eq!(
            text,
            "1772442000000 1 2 8000;1772442060000 0 0 0;1772442120000 0.3333333333333333 1 18446744073709551615;-5 0.5 1 12"
        );
        assert_eq!(decode(&text), Ok(attempts));
        assert_eq!(decode(""), Ok(Vec::new()));
        // Spaces a hand may add are read too.
        assert_eq!(
            decode(" 1772442000000  1 2 8000 ; 1772442060000 0 0 0 ").map(|a| a.len()),
            Ok(2)
        );
    }

    #[test]
    fn the_string_as_written_is_read_in_one_loop_and_the_same_as_by_hand() {
        let attempts = vec![
            attempt(1_772_442_000_000, 1.0, Verdict::Correct, 8000),
            attempt(1_772_442_060_000, 0.0, Verdict::Incorrect, 0),
            attempt(-5, 0.0, Verdict::Partial, 999_999_999_999_999_999),
        ];
        let text = encode(&attempts);
        assert_eq!(decode_written(text.as_bytes()), Some(attempts.clone()));
        assert_eq!(decode_any(&text), Ok(attempts));
        assert_eq!(decode_written(b""), Some(Vec::new()));
        // Anything else goes the careful way, which reads it or says why not.
        for other in [
            "1772442000000 0.5 1 12",
            " 1772442000000 1 2 8000",
            "1772442000000 1 2 18446744073709551615",
            "1772442000000 1 2 8000;",
            "1772442000000 1 2",
            "1772442000000 1 3 8000",
            "1772442000000 1 2 8000 ",
        ] {
            assert_eq!(decode_written(other.as_bytes()), None, "{other}");
        }
    }

    #[test]
    fn what_is_not_an_answer_is_refused_in_french() {
        for bad in [
            "1772442000000 1 2",
            "1772442000000 1 2 8000 9",
            "1772442000000 1,0 2 8000",
            "1772442000000 1 3 8000",
            "1772442000000 1.5 2 8000",
            "1772442000000 NaN 2 8000",
            "1772442000000 1 2 -8000",
            "99999999999999999999 1 2 8000",
            "1772442000000 1 2 8000;",
            "1772442000000 1 2 8000;;1772442000000 1 2 8000",
            "x",
        ] {
            let e = decode(bad).expect_err(bad);
            assert!(
                e.contains("illisible") || e.contains("hors") || e.contains("inconnu"),
                "{bad}: {e}"
            );
        }
        let e = decode("1 1 2 3;1772442000000 1 2 huit").expect_err("bad");
        assert_eq!(e, "réponse illisible : « 1772442000000 1 2 huit »");
    }

    #[test]
    fn each_answer_is_read_on_its_own_for_salvage() {
        let read = decode_each("1 1 2 3;1 9 2 3; 2 0 0 4");
        assert_eq!(read.len(), 3);
        assert!(read[0].is_ok() && read[1].is_err() && read[2].is_ok());
        assert!(decode_each(" ").is_empty());
    }
}
