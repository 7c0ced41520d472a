//! What any text of a content file may hold: no character that could drive a terminal or
//! hide and reorder what a reader sees, and no text too long to be read on a screen.
//!
//! Both guard the learner: a module is shared from hand to hand, and whatever it holds is
//! drawn on a terminal. Output is sanitised anyway ([`crate::term`]); refusing the file at
//! `conseil check` says where the character stands, so that the author can see it. A 10 MB
//! prompt would make every key press redraw megabytes: the caps keep each text to what a
//! screen can show, with room to spare over the longest built-in texts.

use super::code::Code;
use super::diag::Finding;
use super::jsonpos::{self, JsonPath};
use crate::domain::text::hidden_or_control;

/// The most characters a text may hold, by the key it stands under.
fn cap(key: Option<&str>) -> usize {
    match key {
        // A lesson's body.
        Some("body") => 100_000,
        Some(
            "explanation" | "model_answer" | "narrative" | "summary" | "definition" | "reference",
        ) => 20_000,
        Some(k) if k.starts_with("feedback") => 20_000,
        Some("prompt") => 5_000,
        // Options, titles, ids, items of a list.
        _ => 2_000,
    }
}

/// The key a string literal at `range` is the value of, when it is one (not an item of a
/// list): the literal before the colon before it.
fn key_of(src: &str, start: usize) -> Option<&str> {
    let before = src[..start].trim_end().strip_suffix(':')?.trim_end();
    let inner = before.strip_suffix('"')?;
    let open = inner.rfind('"')?;
    Some(&inner[open + 1..])
}

/// Every text of the file that holds a forbidden character, or is longer than its cap.
pub fn check(src: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (range, text) in jsonpos::strings(src) {
        if let Some((at, c, why)) = text
            .char_indices()
            .find_map(|(i, c)| hidden_or_control(c).map(|why| (i, c, why)))
        {
            // Inside a string without escapes the character's offset is the file's.
            let escaped = src[range.clone()].contains('\\');
            let span = if escaped {
                range.clone()
            } else {
                let from = range.start + 1 + at;
                from..from + c.len_utf8()
            };
            findings.push(Finding {
                span: Some(span),
                ..Finding::error(
                    Code::HiddenCharacter,
                    JsonPath::root(),
                    format!("caractère interdit dans le texte : {why} (U+{:04X})", u32::from(c)),
                )
                .with_help(
                    "ce caractère pourrait piloter le terminal ou changer l’ordre de lecture d’une ligne sans que rien ne se voie : retirez-le",
                )
            });
        }
        let key = key_of(src, range.start);
        let limit = cap(key);
        // Bytes bound characters from above: most texts need no count.
        if text.len() > limit {
            let count = text.chars().count();
            if count > limit {
                findings.push(Finding {
                    span: Some(range.start..range.start + 1),
                    ..Finding::error(
                        Code::TextTooLong,
                        JsonPath::root(),
                        format!(
                            "texte trop long{} : {} caractères ({} au plus)",
                            key.map_or(String::new(), |k| format!(" pour « {k} »")),
                            crate::words::thousands(count),
                            crate::words::thousands(limit)
                        ),
                    )
                    .with_help(
                        "un texte se lit à l’écran : raccourcissez-le, ou découpez-le (plusieurs leçons, plusieurs étapes)",
                    )
                });
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_controls_invisible_and_control_characters_are_refused() {
        for (text, code) in [
            ("{\"prompt\": \"9\u{202e}6\"}", "U+202E"),
            ("{\"prompt\": \"a\u{200b}b\"}", "U+200B"),
            ("{\"prompt\": \"a\\u001b[2Jb\"}", "U+001B"),
            ("{\"title\": \"x\u{85}y\"}", "U+0085"),
        ] {
            let found = check(text);
            assert_eq!(found.len(), 1, "{text:?}");
            assert!(found[0].message.contains(code), "{}", found[0].message);
        }
        // Raw: the span is the character itself.
        let raw = "{\"prompt\": \"9\u{202e}6\"}";
        let span = check(raw)[0].span.clone().expect("a span");
        assert_eq!(&raw[span], "\u{202e}");
        // Line breaks and tabs are text.
        assert!(check("{\"body\": \"a\\nb\\tc\"}").is_empty());
    }

    #[test]
    fn texts_are_capped_by_what_they_are() {
        let prompt = format!("{{\"prompt\": \"{}\"}}", "é".repeat(5_001));
        let found = check(&prompt);
        assert_eq!(found.len(), 1);
        let expected = format!(
            "pour « prompt » : {} caractères ({} au plus)",
            crate::words::thousands(5_001),
            crate::words::thousands(5_000)
        );
        assert!(found[0].message.contains(&expected), "{}", found[0].message);
        // The same length is fine in a lesson, too long in an option of a list.
        let body = format!("{{\"body\": \"{}\"}}", "é".repeat(5_001));
        assert!(check(&body).is_empty());
        let option = format!("{{\"choices\": [\"{}\"]}}", "a".repeat(2_001));
        assert_eq!(check(&option).len(), 1);
    }
}
