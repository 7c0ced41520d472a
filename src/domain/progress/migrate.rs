//! Reading a progress document of any format: upgraded step by step to the current one, and,
//! when its strict reading fails, each value that can be read kept and the others set aside.

use std::collections::BTreeMap;

use serde_json::Value;

use super::sessions::{Kept, Sessions};
use super::{PROGRESS_VERSION, Progress, QuestionProgress, attempts};
use crate::domain::review::ReviewState;

/// Why a progress document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error(
        "format de progression {found}, plus récent que celui que cette version de conseil sait lire ({PROGRESS_VERSION})"
    )]
    Newer { found: u64 },
    #[error("ce n’est pas un fichier de progression : numéro de format absent ou invalide")]
    NoVersion,
    #[error("contenu inattendu : {0}")]
    Invalid(#[from] serde_json::Error),
}

/// Reads a progress document of any known format, upgrading it to the current one.
pub fn migrate(value: Value) -> Result<Progress, MigrateError> {
    Ok(serde_json::from_value(upgrade(value)?)?)
}

/// Brings a progress document of any known format to the current one, step by step, as a
/// document: [`salvage`] can then read what it can of an older file too.
///
/// Each older format gets an arm that upgrades it one step and a fixture under
/// `tests/fixtures/progress/`.
pub fn upgrade(mut value: Value) -> Result<Value, MigrateError> {
    loop {
        let version = value
            .get("format_version")
            .and_then(Value::as_u64)
            .ok_or(MigrateError::NoVersion)?;
        match version {
            v if v > u64::from(PROGRESS_VERSION) => return Err(MigrateError::Newer { found: v }),
            v if v == u64::from(PROGRESS_VERSION) => return Ok(value),
            // Format 2 reads format 1's answer arrays as they are (see `attempts`); what
            // changed is that a profile's file has a journal beside it.
            1 => value["format_version"] = Value::from(2),
            _ => return Err(MigrateError::NoVersion),
        }
    }
}

/// Reads a progress of the current format whose strict reading failed, keeping every value
/// that can be read and returning the others, each with where it stood (`questions.q1.attempts[3]`),
/// to be set aside. `None` when the document is not an object of the current format.
pub fn salvage(value: Value) -> Option<(Progress, Vec<(String, Value)>)> {
    let Value::Object(mut top) = value else {
        return None;
    };
    if top.get("format_version").and_then(Value::as_u64) != Some(u64::from(PROGRESS_VERSION)) {
        return None;
    }
    top.remove("format_version");
    let mut bad = Vec::new();
    let mut progress = Progress::new();
    if let Some(questions) = top.remove("questions") {
        progress.questions = salvage_questions(questions, &mut bad);
    }
    if let Some(modules) = top.remove("modules") {
        progress.modules = salvage_map(modules, "modules", &mut bad);
    }
    if let Some(settings) = top.remove("settings") {
        progress.settings =
            keep_or_set_aside(settings, "settings".into(), &mut bad).unwrap_or_default();
    }
    let mut sessions: Vec<Kept> = top
        .remove("sessions")
        .map(|v| salvage_map(v, "sessions", &mut bad).into_values().collect())
        .unwrap_or_default();
    if let Some(unfinished) = top.remove("unfinished") {
        sessions
            .extend(keep_or_set_aside(unfinished, "unfinished".into(), &mut bad).map(Kept::Listed));
    }
    progress.sessions = Sessions::from_kept(sessions);
    if let Some(remarks) = top.remove("remarks") {
        progress.merge_remarks(super::remark::salvage(remarks, &mut bad));
    }
    if let Some(memory) = top.remove("memory") {
        progress.memory = keep_or_set_aside(memory, "memory".into(), &mut bad);
    }
    progress.extra = top.into_iter().collect();
    Some((progress, bad))
}

/// `value` read as a `T`, or set aside under `path`.
pub(super) fn keep_or_set_aside<T: serde::de::DeserializeOwned>(
    value: Value,
    path: String,
    bad: &mut Vec<(String, Value)>,
) -> Option<T> {
    if let Ok(read) = serde_json::from_value(value.clone()) {
        Some(read)
    } else {
        bad.push((path, value));
        None
    }
}

/// An object of `T` by key, each entry kept or set aside on its own.
fn salvage_map<T: serde::de::DeserializeOwned>(
    value: Value,
    path: &str,
    bad: &mut Vec<(String, Value)>,
) -> BTreeMap<String, T> {
    let Value::Object(entries) = value else {
        bad.push((path.to_owned(), value));
        return BTreeMap::new();
    };
    entries
        .into_iter()
        .filter_map(|(key, v)| {
            let read = keep_or_set_aside(v, format!("{path}.{key}"), bad)?;
            Some((key, read))
        })
        .collect()
}

/// The questions, each answer kept or set aside on its own: one bad date does not cost the
/// others of the same question.
fn salvage_questions(
    value: Value,
    bad: &mut Vec<(String, Value)>,
) -> BTreeMap<String, QuestionProgress> {
    let Value::Object(entries) = value else {
        bad.push(("questions".to_owned(), value));
        return BTreeMap::new();
    };
    let mut questions = BTreeMap::new();
    for (id, mut entry) in entries {
        let path = format!("questions.{id}");
        let attempts = match entry.get_mut("attempts").map(Value::take) {
            Some(Value::Array(list)) => list
                .into_iter()
                .enumerate()
                .filter_map(|(i, a)| keep_or_set_aside(a, format!("{path}.attempts[{i}]"), bad))
                .collect(),
            Some(Value::String(text)) => {
                let pieces: Vec<&str> = text.split(';').collect();
                attempts::decode_each(&text)
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, read)| {
                        read.map_err(|_| {
                            let piece = pieces.get(i).map_or("", |p| p.trim());
                            bad.push((format!("{path}.attempts[{i}]"), Value::from(piece)));
                        })
                        .ok()
                    })
                    .collect()
            }
            Some(other) => {
                bad.push((format!("{path}.attempts"), other));
                Vec::new()
            }
            None => Vec::new(),
        };
        if let Some(map) = entry.as_object_mut() {
            map.insert("attempts".into(), Value::String(String::new()));
            if let Some(review) = map.get("review").cloned()
                && serde_json::from_value::<ReviewState>(review.clone()).is_err()
            {
                map.remove("review");
                bad.push((format!("{path}.review"), review));
            }
        }
        if let Some(mut question) = keep_or_set_aside::<QuestionProgress>(entry, path, bad) {
            question.attempts = attempts;
            questions.insert(id, question);
        }
    }
    questions
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}
