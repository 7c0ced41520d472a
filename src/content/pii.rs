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
pub fn scan(text: &str) -> Vec<Finding> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let byte_range = |from: usize, to: usize| {
        let start = chars[from].0;
        let end = chars.get(to).map_or(text.len(), |c| c.0);
        start..end
    };
    let mut i = 0;
    while i < chars.len() {
        let prev_is_alnum = i > 0 && chars[i - 1].1.is_alphanumeric();
        if !prev_is_alnum
            && let Some((kind, end)) = nir_at(&chars, i)
                .map(|e| (PiiKind::Nir, e))
                .or_else(|| phone_at(&chars, i).map(|e| (PiiKind::Phone, e)))
                .or_else(|| iban_at(&chars, i).map(|e| (PiiKind::Iban, e)))
        {
            found.push(Finding {
                kind,
                range: byte_range(i, end),
            });
            i = end;
            continue;
        }
        if chars[i].1 == '@'
            && let Some(range) = email_around(&chars, i)
        {
            found.push(Finding {
                kind: PiiKind::Email,
                range: byte_range(range.start, range.end),
            });
            i = range.end;
            continue;
        }
        i += 1;
    }
    found
}

fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | '-')
}

/// Collects up to `max` significant characters from `start`, allowing one separator between
/// them. Returns them with the index just past the last one taken.
fn collect(
    chars: &[(usize, char)],
    start: usize,
    max: usize,
    accept: impl Fn(usize, char) -> bool,
) -> (Vec<char>, usize) {
    let mut out = Vec::new();
    let mut i = start;
    let mut end = start;
    while out.len() < max && i < chars.len() {
        let c = chars[i].1;
        if accept(out.len(), c) {
            out.push(c);
            i += 1;
            end = i;
        } else if is_sep(c) && !out.is_empty() && i + 1 < chars.len() && !is_sep(chars[i + 1].1) {
            i += 1;
        } else {
            break;
        }
    }
    (out, end)
}

/// True when a digit follows `end`, directly or after one separator: then the match is part
/// of a longer number.
fn digit_follows(chars: &[(usize, char)], end: usize) -> bool {
    match chars.get(end) {
        Some((_, c)) if c.is_ascii_digit() => true,
        Some((_, c)) if is_sep(*c) => chars.get(end + 1).is_some_and(|(_, d)| d.is_ascii_digit()),
        _ => false,
    }
}

fn nir_at(chars: &[(usize, char)], start: usize) -> Option<usize> {
    let (s, end) = collect(chars, start, 15, |pos, c| {
        c.is_ascii_digit() || ((pos == 6) && matches!(c, 'A' | 'B' | 'a' | 'b'))
    });
    if s.len() != 15
        || digit_follows(chars, end)
        || !matches!(s[0], '1' | '2' | '3' | '4' | '7' | '8')
    {
        return None;
    }
    let mut body: String = s[..13].iter().collect();
    match &body[5..7] {
        "2A" | "2a" => body.replace_range(5..7, "19"),
        "2B" | "2b" => body.replace_range(5..7, "18"),
        d if d.chars().all(|c| c.is_ascii_digit()) => {}
        _ => return None,
    }
    let number: u64 = body.parse().ok()?;
    let key: u64 = s[13..].iter().collect::<String>().parse().ok()?;
    (key == 97 - number % 97).then_some(end)
}

fn phone_at(chars: &[(usize, char)], start: usize) -> Option<usize> {
    let first = chars[start].1;
    let (digits_start, wanted) = if first == '+' {
        // +33 6 12 34 56 78, or +33 (0)6 …
        let (cc, after) = collect(chars, start + 1, 2, |_, c| c.is_ascii_digit());
        if cc != ['3', '3'] {
            return None;
        }
        let mut i = after;
        while chars.get(i).is_some_and(|(_, c)| is_sep(*c)) {
            i += 1;
        }
        if chars
            .get(i..i + 3)
            .is_some_and(|w| w.iter().map(|x| x.1).eq("(0)".chars()))
        {
            i += 3;
            while chars.get(i).is_some_and(|(_, c)| is_sep(*c)) {
                i += 1;
            }
        }
        (i, 9)
    } else if first == '0' {
        (start, 10)
    } else {
        return None;
    };
    let (d, end) = collect(chars, digits_start, wanted, |_, c| c.is_ascii_digit());
    let national_first = if wanted == 10 { d.get(1) } else { d.first() };
    (d.len() == wanted
        && national_first.is_some_and(|c| ('1'..='9').contains(c))
        && !digit_follows(chars, end))
    .then_some(end)
}

fn iban_at(chars: &[(usize, char)], start: usize) -> Option<usize> {
    let (s, end) = collect(chars, start, 34, |pos, c| match pos {
        0 | 1 => c.is_ascii_uppercase(),
        2 | 3 => c.is_ascii_digit(),
        _ => c.is_ascii_digit() || c.is_ascii_uppercase(),
    });
    if s.len() < 15 || chars.get(end).is_some_and(|(_, c)| c.is_alphanumeric()) {
        return None;
    }
    // ISO 13616: move the first four characters to the end, letters become 10..35, mod 97 = 1.
    let mut rem: u32 = 0;
    for c in s[4..].iter().chain(&s[..4]) {
        let v = c.to_digit(36)?;
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    (rem == 1).then_some(end)
}

fn email_around(chars: &[(usize, char)], at: usize) -> Option<Range<usize>> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let mut start = at;
    while start > 0 && local(chars[start - 1].1) {
        start -= 1;
    }
    let mut end = at + 1;
    while end < chars.len() && domain(chars[end].1) {
        end += 1;
    }
    // A sentence may end right after the address.
    while end > at + 1 && matches!(chars[end - 1].1, '.' | '-') {
        end -= 1;
    }
    let domain_part: String = chars[at + 1..end].iter().map(|x| x.1).collect();
    let tld_ok = domain_part.rsplit_once('.').is_some_and(|(name, tld)| {
        !name.is_empty() && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
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
