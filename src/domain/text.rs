//! French-aware text folding and number reading, shared by grading and search; and which
//! characters a name or a text shown to someone may hold.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for comparison: lower case, no accents, typographic apostrophes and ligatures
/// made plain, hyphens read as spaces, white space collapsed, and surrounding spaces and
/// punctuation dropped.
///
/// « Œdème » and "oedeme", « l’État » and "l'etat", " Art. 226-13. " and "art 226 13" all fold
/// to the same string, so that a learner is never marked wrong for how her keyboard types.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let mapped: &str = match c {
            '’' | '‘' | 'ʼ' | '`' | '´' => "'",
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            '-' | '‐' | '‑' | '–' | '—' => " ",
            '«' | '»' | '“' | '”' | '"' => " ",
            _ => "",
        };
        let mut push = |ch: char| {
            if ch.is_whitespace() {
                pending_space = !out.is_empty();
            } else {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.extend(ch.to_lowercase());
            }
        };
        if mapped.is_empty() {
            push(c);
        } else {
            mapped.chars().for_each(push);
        }
    }
    trim_punctuation(&out).to_owned()
}

fn trim_punctuation(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || (c.is_ascii_punctuation() && c != '%') || c == '…'
    })
}

/// True when `a` can be turned into `b` by at most one insertion, deletion, substitution or
/// swap of two neighbouring characters.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        // One substitution, or one swap of neighbours.
        let rest_equal = |from: usize| short[from..] == long[from..];
        rest_equal(prefix + 1)
            || (prefix + 1 < short.len()
                && short[prefix] == long[prefix + 1]
                && short[prefix + 1] == long[prefix]
                && rest_equal(prefix + 2))
    } else {
        // One insertion into the shorter string.
        short[prefix..] == long[prefix + 1..]
    }
}

/// Reads a number as a French learner types it: « 15 000 », « 1,5 », « 15000 € », « -3 ».
///
/// Spaces (ordinary, no-break and thin) may group thousands; a comma or a point marks the
/// decimals; a unit or word after the number is ignored. Returns `None` when there is no
/// number, or when digits follow the unit (two numbers typed), so that nothing is guessed.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let mut digits = String::new();
    let mut chars = text.char_indices().peekable();
    if let Some(&(_, sign @ ('-' | '+' | '−'))) = chars.peek() {
        digits.push(if sign == '+' { '+' } else { '-' });
        chars.next();
    }
    let mut end = text.len();
    let mut seen_digit = false;
    let mut seen_decimal = false;
    while let Some(&(i, c)) = chars.peek() {
        match c {
            '0'..='9' => {
                digits.push(c);
                seen_digit = true;
            }
            ',' | '.' if seen_digit && !seen_decimal => {
                // A decimal mark only when a digit follows it: "15." ends a sentence.
                let next_is_digit = text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_ascii_digit());
                if !next_is_digit {
                    end = i;
                    break;
                }
                digits.push('.');
                seen_decimal = true;
            }
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' if seen_digit && !seen_decimal => {
                // A group separator only between digits.
                let next_is_digit = text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_ascii_digit());
                if !next_is_digit {
                    end = i;
                    break;
                }
            }
            _ => {
                end = i;
                break;
            }
        }
        chars.next();
    }
    if !seen_digit || text[end..].chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Why a character may not be shown to anyone, in French: it could drive a terminal, or hide
/// or reorder what a reader sees. Line breaks and tabs are fine.
///
/// `char::is_control` is not enough: it misses the bidirectional overrides and isolates
/// (U+202A–202E, U+2066–2069) that make « 9 » read as « 6 » or swap two words, and the
/// invisible characters that hide text from a reader.
pub fn hidden_or_control(c: char) -> Option<&'static str> {
    match c {
        '\n' | '\t' => None,
        '\u{1b}' => Some("caractère d’échappement (ESC)"),
        c if c.is_control() => Some("caractère de contrôle"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some("contrôle de direction d’écriture")
        }
        '\u{200e}' | '\u{200f}' | '\u{061c}' => Some("marque de direction d’écriture"),
        '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{180e}' => Some("caractère invisible"),
        _ => None,
    }
}

/// The first character of `name` that a name shown in a list may not hold: a line break or
/// a tab as well as what [`hidden_or_control`] refuses.
pub fn unreadable_in_name(name: &str) -> Option<char> {
    name.chars()
        .find(|&c| c == '\n' || c == '\t' || hidden_or_control(c).is_some())
}

/// True for the names Windows keeps for its devices (`CON`, `nul.txt`, `COM1`…), whatever
/// the case and the extension, and a name ending with a dot or a space, which it cannot keep:
/// a file or folder named so may be copied there.
pub fn is_reserved_name(name: &str) -> bool {
    if name.ends_with('.') || name.ends_with(' ') {
        return true;
    }
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim_end()
        .to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_handles_case_accents_apostrophes_and_ligatures() {
        assert_eq!(fold("Œdème"), "oedeme");
        assert_eq!(fold("l’État"), "l'etat");
        assert_eq!(fold("  Médecin-conseil. "), "medecin conseil");
        assert_eq!(fold("« secret   médical »"), "secret medical");
        assert_eq!(fold("ÉCHELON\u{a0}LOCAL"), "echelon local");
        assert_eq!(fold("Cœur"), "coeur");
    }

    #[test]
    fn fold_keeps_inner_punctuation_and_percent() {
        assert_eq!(fold("AT/MP"), "at/mp");
        assert_eq!(fold("66 %"), "66 %");
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("consolidation", "consolidation"));
        assert!(within_one_edit("consolidation", "consolidatoin"));
        assert!(within_one_edit("consolidation", "consoldation"));
        assert!(within_one_edit("consolidation", "consolidaztion"));
        assert!(within_one_edit("consolidation", "consolidatiom"));
        assert!(!within_one_edit("consolidation", "consoldatoin"));
        assert!(!within_one_edit("rechute", "rechutes!!"));
        assert!(within_one_edit("", "a"));
    }

    #[test]
    fn numbers_as_typed_in_french() {
        assert_eq!(parse_number("15 000"), Some(15000.0));
        assert_eq!(parse_number("15\u{202f}000 €"), Some(15000.0));
        assert_eq!(parse_number("1,5"), Some(1.5));
        assert_eq!(parse_number("1.5"), Some(1.5));
        assert_eq!(parse_number("66 %"), Some(66.0));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("2 jours"), Some(2.0));
        assert_eq!(parse_number("15."), Some(15.0));
        assert_eq!(parse_number("un an"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("1 an et 15000"), None);
    }
}
