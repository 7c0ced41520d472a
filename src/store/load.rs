//! Reading a profile: its progress file, then the patches of its journal applied on top.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use anyhow::{Context, Result, anyhow};

use crate::store::journal::{self, Contents};
use crate::store::snapshot::{self, Snapshot, Unreadable};
use crate::words;

/// A profile's two files as read.
pub struct Files {
    /// The progress file: `None` when there is none.
    pub snapshot: Option<Result<Snapshot, Unreadable>>,
    /// The journal's bytes: `None` when there is none.
    pub journal: Option<Vec<u8>>,
}

/// Reads the journal, then the progress file. In this order, a window that only reads while
/// another writes never pairs a new journal with the progress file it replaced: the writer
/// writes the new progress file before starting its journal, so a journal read first is
/// never newer than the progress file read after it (at worst older, and set apart as stale).
pub fn read_files(progress: &Path, journal: &Path) -> Result<Files> {
    let journal = match fs::read(journal) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => {
            return Err(anyhow!(words::io_error(&e))).with_context(|| {
                format!(
                    "lecture impossible du journal de progression {}",
                    journal.display()
                )
            });
        }
    };
    let snapshot = snapshot::read(progress)?;
    Ok(Files { snapshot, journal })
}

/// The message for a journal written by a newer conseil, if it is one.
pub fn newer_journal(bytes: &[u8], path: &Path) -> Option<String> {
    match journal::read(bytes) {
        Contents::Newer(version) => Some(format!(
            "le journal de progression {} est au format {version}, plus récent que celui que cette version de conseil sait lire ({}) : mettez conseil à jour pour ouvrir ce profil ; rien n’a été modifié",
            path.display(),
            crate::domain::progress::PROGRESS_VERSION
        )),
        _ => None,
    }
}

/// What became of the journal when the profile was read.
#[derive(Debug, PartialEq)]
pub enum Fate {
    /// There is none.
    Absent,
    /// It extends the progress file and its patches were applied. `len`: its length; `bad`:
    /// the lines that could not be read, as they were, the last one cut short when `torn`.
    Extends {
        len: u64,
        bad: Vec<Vec<u8>>,
        torn: bool,
    },
    /// Older than the progress file: a crash came after a new progress file was written and
    /// before its journal was started; the progress file holds its changes already.
    Stale,
    /// It cannot be tied to the progress file (its first line unreadable, a number the
    /// progress file does not name, or no progress file): it was not read.
    Orphan,
}

/// Applies `journal` to the progress of `snapshot` when it extends it, and says what it was.
pub fn replay(snapshot: Option<&mut Snapshot>, journal: Option<&[u8]>) -> Fate {
    let Some(bytes) = journal else {
        return Fate::Absent;
    };
    let Some(snapshot) = snapshot else {
        return if bytes.is_empty() {
            Fate::Absent
        } else {
            Fate::Orphan
        };
    };
    match journal::read(bytes) {
        Contents::Journal {
            generation,
            patches,
            bad,
            torn,
        } if generation == snapshot.generation => {
            for patch in patches {
                snapshot.progress.apply(patch);
            }
            Fate::Extends {
                len: bytes.len() as u64,
                bad,
                torn,
            }
        }
        Contents::Journal { generation, .. } if generation < snapshot.generation => Fate::Stale,
        _ if bytes.is_empty() => Fate::Absent,
        _ => Fate::Orphan,
    }
}
