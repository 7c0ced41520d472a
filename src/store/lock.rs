//! The lock that keeps a second window of conseil off a profile or off the group quiz: an OS
//! lock on a file beside what it guards, released by the OS when the file is closed, on exit
//! or on a crash alike.
//!
//! An OS lock guards a file, not a path. Were the lock file deleted or replaced under a
//! running window, a second window would lock the new file and get in, and the first would
//! then write over its answers. So each window writes a random token into the lock file it
//! took and, before each save, checks that the file at the lock's path still holds it:
//! - on Unix, where locks are advisory and a file can be deleted while open, the file read
//!   back tells (deleted: nothing to read; replaced, or taken over in place by a window that
//!   found the lock gone, as on a network drive that lost it: another token);
//! - on Windows, the lock file is opened without sharing the right to delete it (see
//!   [`files::kept_in_place`]): while a window holds it, no one can delete, rename or replace
//!   it, which Windows refuses as a file in use by another process. Its lock is
//!   mandatory there, so the holder itself cannot read the file through another handle: a
//!   read refused for a lock means the file at the path is still the locked one.

use std::fs::{self, File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use rand::RngExt;

use crate::store::files;
use crate::words;

/// A lock taken, held until dropped.
#[derive(Debug)]
pub struct Lock {
    /// The open file the OS lock is on, kept for that: closing it releases the lock.
    _file: File,
    path: PathBuf,
    /// What this window wrote into the lock file.
    token: String,
}

/// Why a lock was not taken.
#[derive(Debug)]
pub enum TakeError {
    /// Another window of conseil holds it.
    Busy,
    Failed(anyhow::Error),
}

impl Lock {
    /// Takes the lock at `path` (creating the file, readable by the user alone), trying again
    /// for a fifth of a second before calling it busy: a lock just released can still be held
    /// for an instant by a process being started elsewhere (a child holds a copy of its
    /// parent's open files until it runs its program), and another window of conseil keeps
    /// its lock for good.
    pub fn take(path: &Path) -> Result<Lock, TakeError> {
        let fail = |what: &str, e: &std::io::Error| {
            TakeError::Failed(
                anyhow!(words::io_error(e)).context(format!("{what} {}", path.display())),
            )
        };
        let mut file = open(path).map_err(|e| fail("ouverture impossible du verrou", &e))?;
        match try_lock_a_while(&file) {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(TakeError::Busy),
            Err(TryLockError::Error(e)) => return Err(fail("verrouillage impossible de", &e)),
        }
        let token = format!("{:032x}\n", rand::rng().random::<u128>());
        // Written before anything is read or saved under this lock: a window that got in
        // through a lock file made anew has replaced the token before it can write anything.
        file.set_len(0)
            .and_then(|()| file.write_all(token.as_bytes()))
            .map_err(|e| fail("écriture impossible du verrou", &e))?;
        Ok(Lock {
            _file: file,
            path: path.to_owned(),
            token,
        })
    }

    /// Whether the file at the lock's path is still the one this window locked.
    pub fn is_still_ours(&self) -> bool {
        match fs::read(&self.path) {
            Ok(bytes) => bytes == self.token.as_bytes(),
            Err(e) => refused_for_a_lock(&e),
        }
    }
}

/// Opens (creating if needed) a lock file: readable by the user alone on Unix (0600), and on
/// Windows kept in place (see [`files::kept_in_place`]); another window must still open it to
/// find it locked.
fn open(path: &Path) -> std::io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    files::kept_in_place(&mut options).open(path)
}

fn try_lock_a_while(lock: &File) -> Result<(), TryLockError> {
    const TRIES: u32 = 20;
    for _ in 1..TRIES {
        match lock.try_lock() {
            Err(TryLockError::WouldBlock) => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            done => return done,
        }
    }
    lock.try_lock()
}

/// Whether reading a lock file failed because it is locked: on Windows only, where a lock
/// forbids reading the locked file through any other handle, its holder's included.
fn refused_for_a_lock(e: &std::io::Error) -> bool {
    /// Windows' ERROR_LOCK_VIOLATION.
    const LOCK_VIOLATION: i32 = 33;
    cfg!(windows) && e.raw_os_error() == Some(LOCK_VIOLATION)
}
