//! The journal beside a profile's progress file: the changes made since that file was last
//! written whole, one line each, so that recording an answer appends a few hundred bytes
//! whatever the learner's history (the pattern of SQLite's write-ahead log and Anki's review
//! log).
//!
//! `progress.journal` is text, one line per entry, each line
//! `<CRC-32 of the JSON, 8 hex digits> <JSON>`:
//! - the first line names the journal: `{"format_version":2,"journal":7}`; the progress file
//!   it extends carries the same number (`"journal":7`), so that a journal left behind by a
//!   crash between writing a new progress file and starting its journal is known stale;
//! - each other line is a [`Patch`], the parts of the progress one change touched.
//!
//! A line is appended and synced before the change counts as saved. A line cut short (a
//! crash or a power cut in the middle of a write) or damaged fails its checksum and is set
//! aside by the store; the lines before and after it still count. Reading is the progress
//! file, then each patch applied in order.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use serde::{Deserialize, Serialize};

use crate::domain::progress::{PROGRESS_VERSION, Patch};
use crate::store::files;
use crate::words;

/// The journal's name in the profile's folder.
pub const JOURNAL_FILE: &str = "progress.journal";

/// The smallest journal that is folded into the progress file.
const MIN_LIMIT: u64 = 64 * 1024;

/// How long the journal may grow beside a progress file of `snapshot_len` bytes before the
/// next change writes the progress whole and starts a new journal: a sixteenth of it. Writing
/// the progress whole costs in proportion to its size and happens once per that many bytes
/// of journal, so its share of each answer stays the same whatever the history; and reading
/// the journal at start adds at most about a sixteenth to reading the progress file.
pub fn limit(snapshot_len: u64) -> u64 {
    MIN_LIMIT.max(snapshot_len / 16)
}

/// The first line of a journal.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format_version: u64,
    /// The number of the progress file this journal extends.
    journal: u64,
}

/// What the bytes of a journal hold.
#[derive(Debug)]
pub enum Contents {
    /// The journal numbered `generation`: the patches of its readable lines, in order, and
    /// the lines that could not be read, as they were. `torn`: the last line had no end (a
    /// write cut short); it is the last of `bad`.
    Journal {
        generation: u64,
        patches: Vec<Patch>,
        bad: Vec<Vec<u8>>,
        torn: bool,
    },
    /// Written by a newer conseil, of that format.
    Newer(u64),
    /// Its first line cannot be read: nothing in it can be tied to a progress file.
    Unreadable,
}

/// Reads the bytes of a journal. Never fails: what cannot be read is returned as such.
pub fn read(bytes: &[u8]) -> Contents {
    let mut lines = bytes.split_inclusive(|&b| b == b'\n');
    let Some(header) = lines
        .next()
        .and_then(|line| line.strip_suffix(b"\n"))
        .and_then(unframe)
        .and_then(|json| serde_json::from_slice::<Header>(json).ok())
    else {
        return Contents::Unreadable;
    };
    if header.format_version > u64::from(PROGRESS_VERSION) {
        return Contents::Newer(header.format_version);
    }
    let mut patches = Vec::new();
    let mut bad = Vec::new();
    let mut torn = false;
    for line in lines {
        let Some(complete) = line.strip_suffix(b"\n") else {
            torn = true;
            bad.push(line.to_vec());
            break;
        };
        match unframe(complete).and_then(|json| serde_json::from_slice::<Patch>(json).ok()) {
            Some(patch) => patches.push(patch),
            None => bad.push(line.to_vec()),
        }
    }
    Contents::Journal {
        generation: header.journal,
        patches,
        bad,
        torn,
    }
}

/// A line of the journal holding `json`, its end included.
fn frame(json: &[u8]) -> Vec<u8> {
    let mut line = format!("{:08x} ", crc32(json)).into_bytes();
    line.extend_from_slice(json);
    line.push(b'\n');
    line
}

/// The JSON of a line (its end taken off), if its checksum holds.
fn unframe(line: &[u8]) -> Option<&[u8]> {
    let (sum, rest) = line.split_at_checked(9)?;
    let json = rest;
    let (hex, space) = sum.split_at(8);
    let expected = u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
    (space == b" " && crc32(json) == expected).then_some(json)
}

/// CRC-32 (the IEEE polynomial of zip and PNG), by table: any burst of bad bytes shorter
/// than 32 bits is caught, and a line cut short almost surely.
fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0_u32; 256];
        let mut i = 0;
        while i < 256 {
            // `i` < 256: the cast is exact.
            #[allow(clippy::cast_possible_truncation)]
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    !bytes.iter().fold(!0_u32, |c, &b| {
        let index = c.to_le_bytes()[0] ^ b;
        TABLE[usize::from(index)] ^ (c >> 8)
    })
}

/// A journal open to append to.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
    /// Its length in bytes, where a line that failed is cut back to.
    len: u64,
}

impl Journal {
    /// Starts the journal numbered `generation` at `path`, replacing any other there, written
    /// whole or not at all like any file.
    pub fn create(path: &Path, generation: u64) -> Result<Journal> {
        let header = serde_json::to_vec(&Header {
            format_version: u64::from(PROGRESS_VERSION),
            journal: generation,
        })
        .context("mise en forme du journal")?;
        let header = frame(&header);
        files::write(path, &header)?;
        Journal::reopen(path, header.len() as u64)
    }

    /// Opens the journal at `path`, `len` bytes long as read, to append to it.
    pub fn reopen(path: &Path, len: u64) -> Result<Journal> {
        let file = files::kept_in_place(OpenOptions::new().append(true))
            .open(path)
            .map_err(|e| anyhow!(words::io_error(&e)))
            .with_context(|| format!("ouverture du journal {}", path.display()))?;
        Ok(Journal {
            file,
            path: path.to_owned(),
            len,
        })
    }

    /// Its length in bytes.
    pub fn size(&self) -> u64 {
        self.len
    }

    /// Appends `patch` as one line and syncs it. A line that could not be written whole is
    /// cut off again, as far as the disk lets us.
    pub fn append(&mut self, patch: &Patch) -> Result<()> {
        let json = serde_json::to_vec(patch).context("mise en forme du journal")?;
        let line = frame(&json);
        if let Err(e) = files::append(&mut self.file, &line) {
            let _ = self.file.set_len(self.len);
            return Err(e).with_context(|| format!("écriture du journal {}", self.path.display()));
        }
        self.len += line.len() as u64;
        Ok(())
    }

    /// True while the file at the journal's path is the one open here: a journal deleted or
    /// replaced under us would take appends nobody reads.
    pub fn is_in_place(&self) -> bool {
        same_file(&self.file, &self.path)
    }
}

/// True when `path` names the file `file` has open.
#[cfg(unix)]
pub fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

/// On Windows, the files compared (the journal, the progress file) are held open kept in place
/// (see [`files::kept_in_place`]): no one else deletes or replaces them meanwhile, and only a
/// file deleted before it was opened is missing.
#[cfg(not(unix))]
pub fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_is_the_standard_one() {
        // The check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn a_line_reads_back_and_any_change_to_it_is_seen() {
        let line = frame(br#"{"settings":{}}"#);
        assert!(line.ends_with(b"}\n"));
        let inner = &line[..line.len() - 1];
        assert_eq!(unframe(inner), Some(&br#"{"settings":{}}"#[..]));
        for cut in 0..inner.len() {
            assert_eq!(unframe(&inner[..cut]), None, "cut at {cut}");
        }
        let mut flipped = inner.to_vec();
        flipped[12] ^= 0x20;
        assert_eq!(unframe(&flipped), None);
    }

    #[test]
    fn a_journal_without_a_readable_first_line_is_unreadable_and_a_newer_one_said() {
        assert!(matches!(read(b""), Contents::Unreadable));
        assert!(matches!(read(b"garbage\n"), Contents::Unreadable));
        let newer = frame(br#"{"format_version":99,"journal":1}"#);
        assert!(matches!(read(&newer), Contents::Newer(99)));
        let mut ok = frame(br#"{"format_version":2,"journal":4}"#);
        ok.extend(frame(br#"{"settings":{}}"#));
        ok.extend(b"0000 cut sh");
        match read(&ok) {
            Contents::Journal {
                generation,
                patches,
                bad,
                torn,
            } => {
                assert_eq!(generation, 4);
                assert_eq!(patches.len(), 1);
                assert_eq!(bad, vec![b"0000 cut sh".to_vec()]);
                assert!(torn);
            }
            other => panic!("{other:?}"),
        }
    }
}
