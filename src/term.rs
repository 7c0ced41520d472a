//! What may reach a terminal. Every text printed or drawn goes through [`clean`], whatever
//! its origin (a module, a file name, what the learner typed): a character outside it could
//! move the cursor, retitle the window, write the clipboard (OSC 52), clear the screen, or
//! reverse the order in which a line reads.
//!
//! On Windows, the standard library writes to a console in UTF-16 (`WriteConsoleW`) and reads
//! it so, and crossterm reads keys as UTF-16 too: accents show right whatever the console's
//! code page, in Windows Terminal as in the classic console, so conseil leaves the code page
//! alone (and has nothing to restore). A pipe or a file receives UTF-8.

use std::borrow::Cow;
use std::io::Write;

/// Why a character may not reach a terminal, in French (the rule is the domain's, shared
/// with the names a learner or a trainer types).
pub fn forbidden(c: char) -> Option<&'static str> {
    crate::domain::text::hidden_or_control(c)
}

/// `text` without the characters that must not reach a terminal; line breaks and tabs stay.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| forbidden(c).is_none()) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| forbidden(*c).is_none()).collect())
    }
}

/// JSON text with every character that must not reach a terminal written as `\uXXXX`, which
/// means the same in JSON. serde_json leaves DEL, the C1 range and the direction controls raw;
/// they can only stand inside strings.
pub fn json(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .all(|c| forbidden(c).is_none() || c == '\n' || c == '\t')
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if forbidden(c).is_some() {
            let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Writes `text` and a line break to standard output, cleaned. A closed pipe (`| head`) is
/// the reader's choice, not an error.
pub fn println(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(clean(text).as_bytes());
    let _ = out.write_all(b"\n");
}

/// Writes `text` to standard output as it is cleaned, without adding a line break.
pub fn print(text: &str) {
    let _ = std::io::stdout().lock().write_all(clean(text).as_bytes());
}

/// Writes `text` and a line break to standard error, cleaned.
pub fn eprintln(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(clean(text).as_bytes());
    let _ = err.write_all(b"\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_and_direction_controls_go_line_breaks_stay() {
        let hostile = "titre\u{1b}]0;pwned\u{7}\n\u{1b}]52;c;ZWNobyBoaQ==\u{7}\tfin \u{202e}6\u{202c} \u{200b}x\u{9b}2J";
        let shown = clean(hostile);
        assert_eq!(shown, "titre]0;pwned\n]52;c;ZWNobyBoaQ==\tfin 6 x2J");
        assert!(matches!(clean("déjà « vu » ’"), Cow::Borrowed(_)));
        // Joiners shape scripts and emoji: they stay.
        assert_eq!(clean("👩\u{200d}⚕️"), "👩\u{200d}⚕️");
        assert_eq!(
            forbidden('\u{2067}'),
            Some("contrôle de direction d’écriture")
        );
        assert_eq!(forbidden('é'), None);
    }

    proptest! {
        #[test]
        fn nothing_that_drives_a_terminal_survives(text in any::<String>()) {
            let shown = clean(&text);
            prop_assert!(shown.chars().all(|c| c == '\n' || c == '\t' || !c.is_control()));
            let steering = |c: char| {
                matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{feff}')
            };
            prop_assert!(!shown.chars().any(steering), "{:?}", shown);
        }
    }
}
