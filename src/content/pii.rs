//! Personal-data lint: content must stay fictive.
//!
//! A training module is copied, projected and shared. A real NIR, e-mail address, phone number
//! or IBAN slipped into a case (pasted from a real file) would be a breach of the secret
//! médical and of the RGPD, so `conseil check` refuses anything that looks like one unless the
//! module lists it in `fictive_ok`. The patterns are checked as strictly as the real
//! identifiers are (NIR key, IBAN checksum), so that ordinary numbers are not flagged.

use std::ops::Range;

/// What a finding looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PiiKind {
    Nir,
    Email,
    Phone,
    Iban,
}

impl PiiKind {
    /// French explanation shown with the error.
    pub fn explain(self) -> &'static str {
        match self {
            PiiKind::Nir => {
                "ressemble à un NIR (numéro de sécurité sociale) valide : 13 chiffres et une clé \
                 égale à 97 − (numéro mod 97). Un NIR réel est une donnée de santé indirecte, \
                 protégée par le secret médical et le RGPD"
            }
            PiiKind::Email => {
                "ressemble à une adresse électronique : une adresse réelle identifie une personne \
                 (RGPD)"
            }
            PiiKind::Phone => {
                "ressemble à un numéro de téléphone français : un numéro réel identifie une \
                 personne (RGPD)"
            }
            PiiKind::Iban => {
                "ressemble à un IBAN valide (clé de contrôle juste) : des coordonnées bancaires \
                 réelles n'ont rien à faire dans un cas de formation"
            }
        }
    }
}

/// A suspicious value inside a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: PiiKind,
    /// Byte range in the scanned text.
    pub range: Range<usize>,
}

/// Finds what looks like personal data in `text`.
///
/// Runs over every string of every module at load time, so it allocates nothing on the
/// common path and only looks closely at positions where an identifier can start.
pub fn scan(text: &str) -> Vec<Finding> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    // A NIR, a phone number and an IBAN all hold a run of at least 9 digits with single
    // separators between groups, an e-mail address an @: most strings have neither and
    // are done here, which matters because every string of every module passes by.
    if longest_digit_run(b) < 9 && memchr::memchr(b'@', b).is_none() {
        return found;
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let candidate = c.is_ascii_digit() || c == b'+' || c.is_ascii_uppercase();
        if candidate
            && !text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && let Some((kind, end)) = nir_at(text, i)
                .map(|e| (PiiKind::Nir, e))
                .or_else(|| phone_at(text, i).map(|e| (PiiKind::Phone, e)))
                .or_else(|| iban_at(text, i).map(|e| (PiiKind::Iban, e)))
        {
            found.push(Finding {
                kind,
                range: i..end,
            });
            i = end;
            continue;
        }
        if c == b'@'
            && let Some(range) = email_around(b, i)
        {
            i = range.end;
            found.push(Finding {
                kind: PiiKind::Email,
                range,
            });
            continue;
        }
        i += 1;
    }
    found
}

/// False when `text` (a whole file) cannot hold anything [`scan`] would flag: no @, no run of
/// 9 digits, no `\u` escape that could hide a separator. One quick pass, so that loading a
/// large bank pays for the lint only where it may find something.
pub fn may_contain(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr(b'@', b).is_some()
        || memchr::memmem::find(b, b"\\u").is_some()
        || longest_digit_run(b) >= 9
}

/// The most digits found in a row, counting across separators (space, point, hyphen, and the
/// bytes of the no-break spaces) of up to three bytes; 0 when the text holds fewer than 9
/// digits in all, since only a run of 9 or more matters.
fn longest_digit_run(b: &[u8]) -> usize {
    // Counting digits is a tight loop the compiler vectorises; fewer than 9 in all settles it.
    if b.iter().filter(|c| c.is_ascii_digit()).count() < 9 {
        return 0;
    }
    let (mut best, mut run, mut gap) = (0, 0, 0);
    let mut i = 0;
    while i < b.len() {
        // Outside a run, eight bytes without a digit are skipped at once (a digit is a byte
        // below 10 once XORed with '0').
        if run == 0 && i + 8 <= b.len() {
            let mut word = [0u8; 8];
            word.copy_from_slice(&b[i..i + 8]);
            let t = u64::from_le_bytes(word) ^ 0x3030_3030_3030_3030;
            if t.wrapping_sub(0x0A0A_0A0A_0A0A_0A0A) & !t & 0x8080_8080_8080_8080 == 0 {
                i += 8;
                continue;
            }
        }
        let c = b[i];
        i += 1;
        // A and B stand in Corsican NIRs (2A, 2B).
        if c.is_ascii_digit() || (run > 0 && matches!(c, b'A' | b'B' | b'a' | b'b')) {
            run += 1;
            gap = 0;
            best = best.max(run);
        } else if run > 0
            && gap < 3
            && matches!(c, b' ' | b'.' | b'-' | 0xC2 | 0xA0 | 0xE2 | 0x80 | 0xAF)
        {
            gap += 1;
        } else {
            run = 0;
            gap = 0;
        }
    }
    best
}

/// Separators allowed between the groups of an identifier: space, no-break spaces, point,
/// hyphen.
fn sep_len(text: &str, at: usize) -> Option<usize> {
    let c = text[at..].chars().next()?;
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | '-').then(|| c.len_utf8())
}

/// Up to 34 ASCII characters of an identifier, with the byte offset just past the last one.
struct Collected {
    chars: [u8; 34],
    len: usize,
    end: usize,
}

impl Collected {
    fn as_slice(&self) -> &[u8] {
        &self.chars[..self.len]
    }
}

/// Collects up to `max` significant characters from `start`, allowing one separator between
/// them.
fn collect(text: &str, start: usize, max: usize, accept: impl Fn(usize, u8) -> bool) -> Collected {
    let b = text.as_bytes();
    let mut out = Collected {
        chars: [0; 34],
        len: 0,
        end: start,
    };
    let mut i = start;
    while out.len < max.min(34) && i < b.len() {
        if accept(out.len, b[i]) {
            out.chars[out.len] = b[i];
            out.len += 1;
            i += 1;
            out.end = i;
        } else if let Some(n) = sep_len(text, i).filter(|_| out.len > 0) {
            // One separator only, and something must follow it.
            if i + n >= b.len() || sep_len(text, i + n).is_some() {
                break;
            }
            i += n;
        } else {
            break;
        }
    }
    out
}

/// True when a digit follows `end`, directly or after one separator: then the match is part
/// of a longer number.
fn digit_follows(text: &str, end: usize) -> bool {
    let b = text.as_bytes();
    match b.get(end) {
        Some(c) if c.is_ascii_digit() => true,
        Some(_) => sep_len(text, end)
            .and_then(|n| b.get(end + n))
            .is_some_and(u8::is_ascii_digit),
        None => false,
    }
}

fn nir_at(text: &str, start: usize) -> Option<usize> {
    let s = collect(text, start, 15, |pos, c| {
        c.is_ascii_digit() || (pos == 6 && matches!(c, b'A' | b'B' | b'a' | b'b'))
    });
    let s_end = s.end;
    let s = s.as_slice();
    if s.len() != 15
        || digit_follows(text, s_end)
        || !matches!(s[0], b'1' | b'2' | b'3' | b'4' | b'7' | b'8')
    {
        return None;
    }
    // Corsica: 2A counts as 19 and 2B as 18 in the key.
    let mut number: u64 = 0;
    for (pos, &c) in s[..13].iter().enumerate() {
        let digit = match (pos, c) {
            (5, b'2') if !s[6].is_ascii_digit() => 1,
            (6, b'A' | b'a') => 9,
            (6, b'B' | b'b') => 8,
            (_, d) if d.is_ascii_digit() => u64::from(d - b'0'),
            _ => return None,
        };
        number = number * 10 + digit;
    }
    let key = u64::from(s[13] - b'0') * 10 + u64::from(s[14] - b'0');
    (key == 97 - number % 97).then_some(s_end)
}

fn phone_at(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let (digits_start, wanted) = match b[start] {
        b'+' => {
            // +33 6 12 34 56 78, or +33 (0)6 …
            if !b[start + 1..].starts_with(b"33") {
                return None;
            }
            let mut i = start + 3;
            while let Some(n) = sep_len(text, i) {
                i += n;
            }
            if b[i..].starts_with(b"(0)") {
                i += 3;
                while let Some(n) = sep_len(text, i) {
                    i += n;
                }
            }
            (i, 9)
        }
        b'0' => (start, 10),
        _ => return None,
    };
    let d = collect(text, digits_start, wanted, |_, c| c.is_ascii_digit());
    let national_first = if wanted == 10 {
        d.as_slice().get(1)
    } else {
        d.as_slice().first()
    };
    (d.len == wanted
        && national_first.is_some_and(|c| (b'1'..=b'9').contains(c))
        && !digit_follows(text, d.end))
    .then_some(d.end)
}

fn iban_at(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    // Cheap test first: two capitals and two digits.
    let head = b.get(start..start + 4)?;
    if !(head[0].is_ascii_uppercase()
        && head[1].is_ascii_uppercase()
        && head[2].is_ascii_digit()
        && head[3].is_ascii_digit())
    {
        return None;
    }
    let s = collect(text, start, 34, |pos, c| match pos {
        0 | 1 => c.is_ascii_uppercase(),
        2 | 3 => c.is_ascii_digit(),
        _ => c.is_ascii_digit() || c.is_ascii_uppercase(),
    });
    if s.len < 15
        || text[s.end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    // ISO 13616: move the first four characters to the end, letters become 10..35, mod 97 = 1.
    let chars = s.as_slice();
    let mut rem: u32 = 0;
    for &c in chars[4..].iter().chain(&chars[..4]) {
        let v = char::from(c).to_digit(36)?;
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    (rem == 1).then_some(s.end)
}

fn email_around(b: &[u8], at: usize) -> Option<Range<usize>> {
    let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c);
    let domain = |c: u8| c.is_ascii_alphanumeric() || c == b'.' || c == b'-';
    let mut start = at;
    while start > 0 && local(b[start - 1]) {
        start -= 1;
    }
    let mut end = at + 1;
    while end < b.len() && domain(b[end]) {
        end += 1;
    }
    // A sentence may end right after the address.
    while end > at + 1 && matches!(b[end - 1], b'.' | b'-') {
        end -= 1;
    }
    let domain_part = &b[at + 1..end];
    let tld_ok = domain_part
        .iter()
        .rposition(|&c| c == b'.')
        .is_some_and(|dot| {
            let tld = &domain_part[dot + 1..];
            dot > 0 && tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic)
        });
    (start < at && tld_ok).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<PiiKind> {
        scan(text).into_iter().map(|f| f.kind).collect()
    }

    /// Builds a NIR with its right key from its first 13 characters.
    fn with_key(body: &str) -> String {
        let n: u64 = body
            .replace("2A", "19")
            .replace("2B", "18")
            .parse()
            .expect("digits");
        format!("{body}{:02}", 97 - n % 97)
    }

    #[test]
    fn nir_with_valid_key_is_flagged() {
        let nir = with_key("1850575123456");
        assert_eq!(kinds(&format!("Assuré : {nir}.")), vec![PiiKind::Nir]);
        let spaced = format!(
            "{} {} {} {} {} {} {}",
            &nir[0..1],
            &nir[1..3],
            &nir[3..5],
            &nir[5..7],
            &nir[7..10],
            &nir[10..13],
            &nir[13..15]
        );
        assert_eq!(kinds(&spaced), vec![PiiKind::Nir]);
    }

    #[test]
    fn nir_with_wrong_key_is_not_flagged() {
        let mut nir = with_key("1850575123456");
        let last = nir.pop().expect("digit");
        nir.push(if last == '0' { '1' } else { '0' });
        assert!(kinds(&nir).is_empty());
        // Part of a longer number: not a NIR.
        assert!(kinds(&format!("{}9", with_key("1850575123456"))).is_empty());
    }

    #[test]
    fn corsican_nir() {
        let nir = with_key("285052A123456");
        assert_eq!(&nir[5..7], "2A");
        assert_eq!(kinds(&nir), vec![PiiKind::Nir]);
        let nir = with_key("172032B045012");
        assert_eq!(kinds(&format!("n° {nir}")), vec![PiiKind::Nir]);
    }

    #[test]
    fn emails() {
        assert_eq!(
            kinds("écrire à jean.dupont@example.fr."),
            vec![PiiKind::Email]
        );
        let f = &scan("a jean.dupont@example.fr.")[0];
        assert_eq!(
            &"a jean.dupont@example.fr."[f.range.clone()],
            "jean.dupont@example.fr"
        );
        assert!(kinds("le signe @ seul, ou user@localhost").is_empty());
    }

    #[test]
    fn french_phones() {
        assert_eq!(kinds("tél. 06 12 34 56 78"), vec![PiiKind::Phone]);
        assert_eq!(kinds("0612345678"), vec![PiiKind::Phone]);
        assert_eq!(kinds("03.87.12.34.56"), vec![PiiKind::Phone]);
        assert_eq!(kinds("+33 6 12 34 56 78"), vec![PiiKind::Phone]);
        assert_eq!(kinds("+33 (0)6 12 34 56 78"), vec![PiiKind::Phone]);
        assert!(kinds("15 000 euros, 1 an, 0,5 %").is_empty());
        assert!(kinds("00 12 34 56 78").is_empty());
    }

    #[test]
    fn ibans() {
        // The standard example IBAN of the French banking federation, checksum valid.
        assert_eq!(
            kinds("IBAN FR76 3000 6000 0112 3456 7890 189"),
            vec![PiiKind::Iban]
        );
        assert!(kinds("FR76 3000 6000 0112 3456 7890 188").is_empty());
    }

    #[test]
    fn digit_runs_span_separators() {
        assert_eq!(longest_digit_run(b"art. R. 4127-104 du CSP"), 0);
        assert_eq!(longest_digit_run(b"art. R. 4127-104 et 4127-72"), 7);
        assert_eq!(
            longest_digit_run("06\u{a0}12\u{202f}34 56.78".as_bytes()),
            10
        );
        assert_eq!(longest_digit_run(b"12 xy 345 et 1234567"), 7);
    }

    #[test]
    fn quick_pass_finds_every_candidate() {
        assert!(!may_contain(
            "Art. 226-13 : 1 an et 15 000 euros. R. 4127-104."
        ));
        assert!(may_contain(&format!("x{}", with_key("1850575123456"))));
        assert!(may_contain("écrire à a@b.fr"));
        assert!(may_contain("06\\u00a012 34 56 78"));
        assert!(may_contain("IBAN FR76 3000 6000 0112 3456 7890 189"));
        // A digit at any offset of an eight-byte word is seen.
        for pad in 0..16 {
            let text = format!("{}{}", "x".repeat(pad), "0612345678");
            assert!(may_contain(&text), "{pad}");
        }
    }

    #[test]
    fn ordinary_content_is_clean() {
        for text in [
            "Art. 226-13 du Code pénal : 1 an d'emprisonnement et 15 000 euros d'amende.",
            "Le décret n° 2025-599 du 30 juin 2025 est entré en vigueur le 1er octobre 2025.",
            "5 075 846 personnes protégées ; 668 collaborateurs dont 134 praticiens-conseils.",
            "Coefficient 582 + 150 points d'expérience = 5400 euros brut mensuel.",
            "R4127-72, R4127-104, L. 1110-4",
        ] {
            assert!(kinds(text).is_empty(), "{text}");
        }
    }
}
