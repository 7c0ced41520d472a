//! Saved quiz sets: a chosen list of questions and the settings to play them, kept under a
//! name so that a trainer starts the same quiz again next week (`conseil group --set NOM`).
//! A set is a plain JSON file that can be sent to a colleague.

use serde::{Deserialize, Serialize};

use super::Scoring;

/// The newest set format this binary understands.
pub const SET_FORMAT_VERSION: u32 = 1;
/// Longest set name, in characters.
pub const MAX_SET_NAME_CHARS: usize = 40;

/// A quiz set as saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizSet {
    pub format_version: u32,
    /// Ids of the questions picked, in the order of the content.
    pub questions: Vec<String>,
    /// How many of them a session asks (drawn at random among them).
    pub count: usize,
    /// Seconds per question, or `null` when untimed.
    pub timer_secs: Option<u32>,
    #[serde(default)]
    pub scoring: Scoring,
    /// The teams' pseudonyms, kept so that a class finds its teams again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<String>,
    /// The group the sessions count for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default = "super::yes")]
    pub high_contrast: bool,
}

/// Why a set name was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetNameError {
    Empty,
    TooLong,
    /// A character some file system refuses in a name.
    Forbidden(char),
    LeadingDot,
    /// A direction override or an invisible character, by its code point.
    Unreadable(u32),
    /// A name Windows keeps for a device (`CON`, `nul`…).
    Reserved,
}

/// Checks a set name, which is its file's name, and returns it trimmed.
pub fn check_set_name(name: &str) -> Result<String, SetNameError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SetNameError::Empty);
    }
    if name.chars().count() > MAX_SET_NAME_CHARS {
        return Err(SetNameError::TooLong);
    }
    // Windows refuses these in file names, and a set is meant to be shared.
    if let Some(c) = name.chars().find(|c| {
        c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
    }) {
        return Err(SetNameError::Forbidden(c));
    }
    if name.starts_with('.') {
        return Err(SetNameError::LeadingDot);
    }
    if let Some(c) = crate::domain::text::unreadable_in_name(name) {
        return Err(SetNameError::Unreadable(u32::from(c)));
    }
    if crate::domain::text::is_reserved_name(name) {
        return Err(SetNameError::Reserved);
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_names_are_file_names() {
        assert_eq!(check_set_name(" Secret 1 "), Ok("Secret 1".into()));
        assert_eq!(check_set_name(""), Err(SetNameError::Empty));
        assert_eq!(check_set_name("a/b"), Err(SetNameError::Forbidden('/')));
        assert_eq!(check_set_name(".cache"), Err(SetNameError::LeadingDot));
        assert_eq!(check_set_name(&"é".repeat(41)), Err(SetNameError::TooLong));
        assert_eq!(check_set_name("nul"), Err(SetNameError::Reserved));
        assert_eq!(check_set_name("COM3.json"), Err(SetNameError::Reserved));
        assert_eq!(
            check_set_name("Semaine\u{202e}1"),
            Err(SetNameError::Unreadable(0x202e))
        );
    }

    #[test]
    fn a_set_reads_back_with_its_defaults() {
        let set: QuizSet = serde_json::from_str(
            r#"{"format_version": 1, "questions": ["a", "b"], "count": 2, "timer_secs": null}"#,
        )
        .expect("a minimal set");
        assert!(set.high_contrast);
        assert!(set.teams.is_empty());
        let back: QuizSet =
            serde_json::from_str(&serde_json::to_string(&set).expect("writes")).expect("reads");
        assert_eq!(back, set);
    }
}
