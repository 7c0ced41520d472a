//! The routines that write files, for every file the program writes: progress, group
//! sessions and results, exports. A file is written whole or not at all ([`write`]): a synced
//! temporary file beside it, renamed over it, then the folder synced so that the rename itself
//! survives a power cut. A crash leaves the old file or the new one, never a mix. The one
//! other write is [`append`], for the progress journal, whose reader tells a line cut short.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, anyhow};

use crate::words::io_error;

/// The end of a temporary file's name; it starts with `.` and the name of the file it
/// replaces, so that an interrupted write is recognised and cleaned up.
pub const TEMP_SUFFIX: &str = ".tmp";

/// The start of the name of a temporary file that will replace `file_name`.
pub fn temp_prefix(file_name: &str) -> String {
    format!(".{file_name}.")
}

/// Writes `bytes` to `path`, whose folder must exist.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    refuse_windows_reserved(path)
        .and_then(|()| write_in(folder_of(path), path, bytes))
        .with_context(|| format!("écriture impossible de {}", path.display()))
}

/// Refuses a file name that Windows keeps for a device (`nul.json` would vanish into it, `CON`
/// would print to the console) or cannot keep (a final dot or space, silently dropped there),
/// on every system alike: an export made on Linux is often opened on a Windows desktop.
fn refuse_windows_reserved(path: &Path) -> Result<()> {
    match path.file_name().and_then(|n| n.to_str()) {
        Some(name) if crate::domain::text::is_reserved_name(name) => Err(anyhow!(
            "« {name} » est un nom que Windows refuse (CON, PRN, AUX, NUL, COM1 à COM9, LPT1 à LPT9, quelle que soit l’extension, ou un nom qui finit par un point ou une espace) : choisissez-en un autre"
        )),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `path`, creating its folder (readable by the user alone) if needed: for
/// the learner's own files.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    create_private_dir(folder_of(path))?;
    write(path, bytes)
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn write_in(dir: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let io = |what: &str, e: &std::io::Error| anyhow!("{what} : {}", io_error(e));
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(&name))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| {
            io(
                &format!("création d’un fichier temporaire dans {}", dir.display()),
                &e,
            )
        })?;
    // tempfile already creates it 0600 on Unix; saying so keeps it true if that changes.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(fs::Permissions::from_mode(0o600))
            .map_err(|e| io("droits du fichier temporaire", &e))?;
    }
    temp.write_all(bytes)
        .map_err(|e| io("écriture du fichier temporaire", &e))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| io("synchronisation du fichier temporaire", &e))?;
    temp.persist(path)
        .map_err(|e| io("remplacement du fichier", &e.error))?;
    sync_dir(dir)
}

/// Appends `bytes` to `file` (opened to append) and syncs them to the disk before returning.
/// Only the data is synced: an appended file needs its new length recorded, which
/// `sync_data` does, not its other metadata.
pub fn append(file: &mut File, bytes: &[u8]) -> Result<()> {
    file.write_all(bytes)
        .map_err(|e| anyhow!("écriture : {}", io_error(&e)))?;
    file.sync_data()
        .map_err(|e| anyhow!("synchronisation : {}", io_error(&e)))
}

/// Makes a rename in `dir` durable. Windows has no directory handle to sync; its renames are
/// journaled.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir).and_then(|d| d.sync_all()).map_err(|e| {
        anyhow!(
            "synchronisation du dossier {} : {}",
            dir.display(),
            io_error(&e)
        )
    })?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Creates `dir` and its missing parents, readable by the user alone (0700 on Unix): a
/// progress tells what a learner got wrong.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| {
        anyhow!(
            "création impossible du dossier {} : {}",
            dir.display(),
            io_error(&e)
        )
    })
}

/// `options` for a file held open that must stay where it is while held (a lock, the progress
/// file and its journal): on Windows, whose default shares it, the right to delete is not
/// shared, so that no one deletes, renames or replaces the file meanwhile. Unix cannot forbid
/// that; there, the file held is compared with the one at its path instead.
pub(crate) fn kept_in_place(options: &mut fs::OpenOptions) -> &mut fs::OpenOptions {
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_SHARE_READ: u32 = 0x1;
        const FILE_SHARE_WRITE: u32 = 0x2;
        options.share_mode(FILE_SHARE_READ | FILE_SHARE_WRITE);
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_no_litter() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("module.gift");
        write(&path, b"old").expect("writes");
        write(&path, b"new").expect("writes again");
        assert_eq!(fs::read(&path).expect("reads"), b"new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("lists")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_missing_folder_is_said_in_french() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("absent").join("x.gift");
        let e = format!("{:#}", write(&path, b"x").expect_err("no folder"));
        assert!(e.contains("écriture impossible de"), "{e}");
        assert!(e.contains("fichier ou dossier introuvable"), "{e}");
        write_private(&path, b"x").expect("creates the folder");
        assert_eq!(fs::read(&path).expect("reads"), b"x");
    }

    #[test]
    fn a_name_windows_refuses_is_refused_in_french_and_nothing_is_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in [
            "nul.json",
            "CON",
            "com1.gift",
            "Lpt9.txt",
            "progression.",
            "notes ",
        ] {
            let e = format!("{:#}", write(&dir.path().join(name), b"x").expect_err(name));
            assert!(
                e.contains(&format!("« {name} » est un nom que Windows refuse")),
                "{e}"
            );
        }
        assert_eq!(fs::read_dir(dir.path()).expect("lists").count(), 0);
        for name in [
            "nulle.json",
            "console.txt",
            "com10.gift",
            "progression.json",
        ] {
            write(&dir.path().join(name), b"x").expect(name);
        }
    }
}
