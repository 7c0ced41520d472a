//! The progress file itself (`progress.json`, or an export): a serde [`Progress`], read in
//! any format this binary knows, its bad values set apart; in a profile's folder it carries
//! the number of the journal that extends it.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;

use crate::content::diag::french_json_message;
use crate::domain::progress::{MigrateError, PROGRESS_VERSION, Progress, salvage, upgrade};
use crate::store::files;
use crate::words;

/// The top-level field of a profile's progress file that names its journal.
const JOURNAL_KEY: &str = "journal";

/// A progress file read.
#[derive(Debug)]
pub struct Snapshot {
    pub progress: Progress,
    /// The number of the journal that extends it; 0 when it names none (an older format, an
    /// export).
    pub generation: u64,
    /// It was written in an older format, to be written again in this one.
    pub older: bool,
    /// Its size in bytes.
    pub len: u64,
}

/// Why a file's bytes are not a progress the binary can use.
pub enum Unreadable {
    /// Readable but for some values (a negative duration, a date out of range): the rest,
    /// and the values left out with where they stood.
    Partly(Box<Snapshot>, Vec<(String, serde_json::Value)>),
    /// Written by a newer conseil: the message says so; the file must stay as it is.
    Newer(String),
    /// Empty, truncated, not UTF-8, not JSON, or not a progress: why, in French.
    Damaged(String),
}

/// The bytes of the progress file of a profile, naming journal `generation`.
pub fn bytes(progress: &Progress, generation: u64) -> Result<Vec<u8>> {
    #[derive(Serialize)]
    struct InProfile<'a> {
        #[serde(flatten)]
        progress: &'a Progress,
        journal: u64,
    }
    serde_json::to_vec(&InProfile {
        progress,
        journal: generation,
    })
    .context("mise en forme de la progression")
}

/// Reads and decodes the file at `path`: `None` when there is none.
pub fn read(path: &Path) -> Result<Option<Result<Snapshot, Unreadable>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(decode(&bytes))),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        // Left alone: a file we cannot read today (permissions, a disk error) may be fine
        // tomorrow, and replacing it would lose it.
        Err(e) => Err(anyhow!(words::io_error(&e))).with_context(|| {
            format!(
                "lecture impossible du fichier de progression {}",
                path.display()
            )
        }),
    }
}

pub fn decode(bytes: &[u8]) -> Result<Snapshot, Unreadable> {
    let len = bytes.len() as u64;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Unreadable::Damaged("le fichier est vide".into()));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Unreadable::Damaged(format!(
            "le fichier n’est pas du texte UTF-8 (octet {} invalide)",
            e.valid_up_to()
        ))
    })?;
    // The common case in one pass; anything else (older, newer, damaged) goes through
    // `upgrade`, which tells which.
    if let Ok(progress) = serde_json::from_str::<Progress>(text)
        && progress.format_version() == PROGRESS_VERSION
    {
        return Ok(snapshot(progress, false, len));
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Unreadable::Damaged(format!(
            "{}, ligne {}, colonne {}",
            french_json_message(&e),
            e.line(),
            e.column()
        ))
    })?;
    let older = value
        .get("format_version")
        .and_then(serde_json::Value::as_u64)
        .is_some_and(|v| v < u64::from(PROGRESS_VERSION));
    let value = upgrade(value).map_err(|e| match e {
        MigrateError::Newer { .. } => Unreadable::Newer(format!(
            "{e} : mettez conseil à jour pour ouvrir ce profil ; le fichier n’a pas été modifié"
        )),
        MigrateError::Invalid(json) => Unreadable::Damaged(french_json_message(&json)),
        MigrateError::NoVersion => Unreadable::Damaged(e.to_string()),
    })?;
    match serde_json::from_value::<Progress>(value.clone()) {
        Ok(progress) => Ok(snapshot(progress, older, len)),
        Err(e) => match salvage(value) {
            Some((progress, bad)) if !bad.is_empty() => Err(Unreadable::Partly(
                Box::new(snapshot(progress, older, len)),
                bad,
            )),
            _ => Err(Unreadable::Damaged(french_json_message(&e))),
        },
    }
}

/// `progress` read from a file, its journal's number taken out of it.
fn snapshot(mut progress: Progress, older: bool, len: u64) -> Snapshot {
    let generation = progress
        .take_extra(JOURNAL_KEY)
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    Snapshot {
        progress,
        generation,
        older,
        len,
    }
}

/// Reads a progress file that is not a profile's (an import): any problem is an error, and
/// the file is never moved or changed.
pub fn read_progress_file(path: &Path) -> Result<Progress> {
    match read(path)? {
        None => bail!("fichier introuvable : {}", path.display()),
        Some(Ok(snapshot)) => Ok(snapshot.progress),
        Some(Err(Unreadable::Newer(message))) => bail!(message),
        Some(Err(Unreadable::Partly(_, bad))) => bail!(
            "{} : {} illisibles ({}…) ; rien n’a été importé",
            path.display(),
            words::plural(bad.len(), "valeur", "valeurs"),
            bad.first().map_or("", |(at, _)| at.as_str())
        ),
        Some(Err(Unreadable::Damaged(reason))) => bail!(
            "{} n’est pas un fichier de progression lisible : {reason}",
            path.display()
        ),
    }
}

/// Writes `progress` to `path` (an export): one file that holds everything, atomically like
/// every write.
pub fn write_progress_file(path: &Path, progress: &Progress) -> Result<()> {
    let bytes = serde_json::to_vec(progress).context("mise en forme de la progression")?;
    files::write(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn damaged(bytes: &[u8]) -> String {
        match decode(bytes) {
            Err(Unreadable::Damaged(reason)) => reason,
            Err(Unreadable::Newer(m)) => panic!("not newer: {m}"),
            Err(Unreadable::Partly(_, bad)) => panic!("not partly readable: {bad:?}"),
            Ok(_) => panic!("not a progress"),
        }
    }

    #[test]
    fn decode_tells_what_is_wrong() {
        assert_eq!(damaged(b""), "le fichier est vide");
        assert_eq!(damaged(b" \n"), "le fichier est vide");
        assert!(damaged(b"{\"format_version\": 1, \xff}").contains("UTF-8"));
        assert!(damaged(b"{\"format_version\": 1, \"questions\": {").contains("ligne 1"));
        assert!(damaged(b"[1, 2]").contains("numéro de format"));
        // A part of the wrong type is set aside alone, in either format.
        for version in [1, 2] {
            let text = format!("{{\"format_version\": {version}, \"questions\": []}}");
            assert!(matches!(
                decode(text.as_bytes()),
                Err(Unreadable::Partly(_, bad)) if bad[0].0 == "questions"
            ));
        }
        assert!(matches!(
            decode(b"{\"format_version\": 9}"),
            Err(Unreadable::Newer(m)) if m.contains("format de progression 9")
        ));
        assert!(decode(b"{\"format_version\": 1}").is_ok_and(|s| s.older));
        assert!(decode(b"{\"format_version\": 2}").is_ok_and(|s| !s.older));
    }

    #[test]
    fn the_journal_number_is_written_beside_the_progress_and_taken_out_when_read() {
        let progress = Progress::new();
        let written = bytes(&progress, 7).expect("serializes");
        let text = String::from_utf8(written.clone()).expect("UTF-8");
        assert!(text.contains(r#""journal":7"#), "{text}");
        let read = decode(&written).ok().expect("reads");
        assert_eq!(read.generation, 7);
        assert_eq!(read.progress, progress, "not kept among the unknown fields");
        assert_eq!(read.len, written.len() as u64);
        // An export names no journal.
        let export = serde_json::to_vec(&progress).expect("serializes");
        assert_eq!(decode(&export).ok().map(|s| s.generation), Some(0));
    }
}
