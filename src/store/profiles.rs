//! The only code that touches a profile's files: where they live, how they are read, saved,
//! locked and set aside.
//!
//! Layout: `<data dir>/profiles/<name>/progress.json`, one folder per profile (a first name or
//! a pseudonym), with `progress.journal` (the changes since `progress.json` was last written
//! whole, see [`journal`](crate::store::journal)) and a `progress.lock` beside it. The data
//! dir is `--data-dir`, else `CONSEIL_DATA_DIR`, else the system's data folder for conseil.
//!
//! Nothing a learner did may be lost:
//! - a change (an answer) is a line appended to the journal and synced; the progress is
//!   written whole now and then (a temporary file synced, renamed over the old one, the
//!   folder synced), then a new journal started the same way, so that a crash or a power cut
//!   at any moment leaves files that read back as before or after the change, never a mix;
//! - one instance at a time writes a profile (an OS lock, see [`lock`](crate::store::lock));
//!   a second one may only read;
//! - what cannot be understood is moved aside, never overwritten, and the learner is told
//!   where it is; a file from a newer conseil is left alone and refused.

use std::cell::RefCell;
use std::fs::{self, File};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use jiff::Timestamp;
use unicode_normalization::UnicodeNormalization;

use crate::clock::Clock;
use crate::domain::progress::{Change, Progress};
use crate::store::files;
use crate::store::journal::{self, JOURNAL_FILE, Journal};
use crate::store::load::{self, Fate};
use crate::store::lock::{Lock, TakeError};
use crate::store::snapshot::{self, Snapshot, Unreadable};
use crate::words;

pub use crate::store::snapshot::{read_progress_file, write_progress_file};

/// The environment variable that sets the data dir when `--data-dir` is absent.
pub const DATA_DIR_ENV: &str = "CONSEIL_DATA_DIR";
/// The profile used when none is named and none or several exist.
pub const DEFAULT_PROFILE: &str = "défaut";
/// Longest profile name, in characters.
pub const MAX_PROFILE_CHARS: usize = 40;

const PROFILES_DIR: &str = "profiles";
const PROGRESS_FILE: &str = "progress.json";
const LOCK_FILE: &str = "progress.lock";
/// Why a profile name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileNameError {
    #[error("le nom de profil est vide")]
    Empty,
    #[error("le nom de profil dépasse {MAX_PROFILE_CHARS} caractères")]
    TooLong,
    #[error("le nom de profil ne peut pas contenir « {0} »")]
    Forbidden(char),
    #[error("le nom de profil ne peut pas commencer par un point")]
    LeadingDot,
    #[error(
        "le nom de profil contient un caractère invisible ou qui change le sens d’écriture (U+{0:04X})"
    )]
    Invisible(u32),
    #[error("« {0} » est un nom réservé par Windows : choisissez-en un autre")]
    Reserved(String),
}

pub use crate::domain::text::is_reserved_name;

/// Checks a profile name (a first name or a pseudonym) and returns it trimmed and in NFC,
/// the form used for its folder: no path separator or character a file system refuses, not
/// empty, at most [`MAX_PROFILE_CHARS`] characters.
pub fn validate_profile_name(name: &str) -> Result<String, ProfileNameError> {
    let name: String = name.trim().nfc().collect();
    if name.is_empty() {
        return Err(ProfileNameError::Empty);
    }
    if name.chars().count() > MAX_PROFILE_CHARS {
        return Err(ProfileNameError::TooLong);
    }
    // Windows refuses these in file names; a profile folder may be copied there.
    if let Some(c) = name.chars().find(|c| {
        c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
    }) {
        return Err(ProfileNameError::Forbidden(c));
    }
    // Hidden folders are where temporary files go; « . » and « .. » are not folders of ours.
    if name.starts_with('.') {
        return Err(ProfileNameError::LeadingDot);
    }
    // A name shown in a list must read as it is: no direction override, nothing invisible.
    if let Some(c) = crate::domain::text::unreadable_in_name(&name) {
        return Err(ProfileNameError::Invisible(u32::from(c)));
    }
    if is_reserved_name(&name) {
        return Err(ProfileNameError::Reserved(name));
    }
    Ok(name)
}

/// Several profiles exist and none is the default: the learner has to choose.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("plusieurs profils existent ({}) : choisissez-en un avec --profile NOM", .0.join(", "))]
pub struct AmbiguousProfile(pub Vec<String>);

/// The folder that holds every profile.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
    /// Dates the name of a progress file set aside.
    clock: Clock,
}

/// A profile opened: where to save, and what it held.
#[derive(Debug)]
pub struct Opened {
    pub store: Store,
    pub progress: Progress,
    /// Something the learner must be told (a damaged file set aside, and where).
    pub notice: Option<String>,
}

/// Why a profile could not be opened for writing.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Another conseil has it open; [`DataDir::open_read_only`] still works.
    #[error(
        "le profil « {profile} » est déjà ouvert dans une autre fenêtre de conseil : vous pouvez l’ouvrir en lecture seule (rien n’y sera enregistré) ou fermer l’autre fenêtre"
    )]
    Busy { profile: String },
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// Where one profile's progress is saved. Holds the profile's lock while open for writing.
#[derive(Debug)]
pub struct Store {
    profile: String,
    dir: PathBuf,
    path: PathBuf,
    /// `None` when read-only.
    lock: Option<Lock>,
    /// What the last save left on disk. Saving takes `&self`: a store is shared by the
    /// screens that read it, and one window saves one change at a time.
    disk: RefCell<Disk>,
}

/// What is on disk for a store open to write.
#[derive(Debug, Default)]
struct Disk {
    /// The number of the progress file on disk, which its journal carries too.
    generation: u64,
    /// Its size, which sets how long the journal may grow (see [`journal::limit`]).
    snapshot_len: u64,
    /// The progress file, held open to tell whether the file at its path is still the one
    /// written (held, its inode cannot be reused by another; on Windows, no one can delete or
    /// replace it): a progress file deleted or replaced under us must be written whole again,
    /// or the journal would extend nothing.
    snapshot: Option<File>,
    /// The journal of `generation`, once started.
    journal: Option<Journal>,
    /// The next change must write the progress whole: there is no progress file of this
    /// format yet, or a write failed and the journal may lack a change.
    whole: bool,
}

impl DataDir {
    /// A data dir at `root`.
    pub fn at(root: impl Into<PathBuf>, clock: &Clock) -> Self {
        DataDir {
            root: root.into(),
            clock: clock.clone(),
        }
    }

    /// The data dir: `flag` (from `--data-dir`), else `CONSEIL_DATA_DIR`, else the system's
    /// data folder for conseil (`~/.local/share/conseil` on Linux,
    /// `%APPDATA%\conseil\data` on Windows).
    pub fn locate(flag: Option<&Path>, clock: &Clock) -> Result<Self> {
        if let Some(dir) = flag {
            return Ok(DataDir::at(dir, clock));
        }
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(DataDir::at(dir, clock));
        }
        directories::ProjectDirs::from("fr", "", "conseil")
            .map(|dirs| DataDir::at(dirs.data_dir(), clock))
            .ok_or_else(|| {
                anyhow!(
                    "dossier de données introuvable (pas de dossier personnel) : indiquez-en un avec --data-dir ou {DATA_DIR_ENV}"
                )
            })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Now, on the clock this data dir was given: what is recorded in its files is dated by it.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// The folder of profile `name` (in NFC): an existing folder whose name reads the same,
    /// even if written decomposed (`Ame\u{301}lie`, as some systems store it), else a new one.
    fn profile_dir(&self, name: &str) -> PathBuf {
        let profiles = self.root.join(PROFILES_DIR);
        fs::read_dir(&profiles)
            .ok()
            .and_then(|entries| {
                entries.filter_map(Result::ok).find(|e| {
                    e.file_name()
                        .to_str()
                        .is_some_and(|n| n != name && n.nfc().eq(name.chars()))
                })
            })
            .map_or_else(|| profiles.join(name), |e| e.path())
    }

    /// The profiles, sorted by name.
    pub fn profiles(&self) -> Result<Vec<String>> {
        let dir = self.root.join(PROFILES_DIR);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(anyhow!(words::io_error(&e))).with_context(|| {
                    format!(
                        "lecture impossible du dossier des profils {}",
                        dir.display()
                    )
                });
            }
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            // A folder made by hand with a name we would refuse is not a profile of ours;
            // names come back in NFC whatever form the file system keeps.
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| validate_profile_name(n).ok())
            })
            .collect();
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// The profile to open when none is named: the only one if there is exactly one, else
    /// « défaut » (when it exists or when there is none yet).
    pub fn default_profile(&self) -> Result<String> {
        let profiles = self.profiles()?;
        match profiles.as_slice() {
            [only] => Ok(only.clone()),
            [] => Ok(DEFAULT_PROFILE.to_owned()),
            many if many.iter().any(|p| p == DEFAULT_PROFILE) => Ok(DEFAULT_PROFILE.to_owned()),
            _ => Err(AmbiguousProfile(profiles).into()),
        }
    }

    /// Opens a profile for reading and writing, creating it if needed. Fails with
    /// [`OpenError::Busy`] when another conseil has it open.
    ///
    /// A damaged progress file is moved aside (see [`Opened::notice`]) and a blank progress
    /// starts; a file from a newer conseil is an error and stays untouched.
    pub fn open(&self, profile: &str) -> Result<Opened, OpenError> {
        let profile = validate_profile_name(profile).map_err(anyhow::Error::from)?;
        let dir = self.profile_dir(&profile);
        files::create_private_dir(&dir)?;
        let lock = match Lock::take(&dir.join(LOCK_FILE)) {
            Ok(lock) => lock,
            Err(TakeError::Busy) => return Err(OpenError::Busy { profile }),
            Err(TakeError::Failed(e)) => return Err(e.into()),
        };
        remove_stale_temp_files(&dir);
        let store = Store {
            profile,
            path: dir.join(PROGRESS_FILE),
            dir,
            lock: Some(lock),
            disk: RefCell::new(Disk::default()),
        };
        let now = self.clock.now();
        let journal_path = store.journal_path();
        let found = load::read_files(&store.path, &journal_path)?;
        if let Some(message) = found
            .journal
            .as_deref()
            .and_then(|bytes| load::newer_journal(bytes, &journal_path))
        {
            return Err(anyhow!(message).into());
        }
        let mut notices = Vec::new();
        // Written whole before anything else: an older format, values set aside, a journal
        // that cannot be appended to as it is.
        let mut rewrite = false;
        let mut snapshot = match found.snapshot {
            None => None,
            Some(Ok(snapshot)) => {
                rewrite = snapshot.older;
                Some(snapshot)
            }
            Some(Err(Unreadable::Newer(message))) => return Err(anyhow!(message).into()),
            Some(Err(Unreadable::Partly(snapshot, bad))) => {
                let aside = store.set_aside_values(&bad, now)?;
                notices.push(format!(
                    "{} du fichier de progression {} étaient illisibles : elles ont été mises de côté sous {} ; tout le reste est gardé",
                    words::plural(bad.len(), "valeur", "valeurs"),
                    store.path.display(),
                    aside.display()
                ));
                rewrite = true;
                Some(*snapshot)
            }
            Some(Err(Unreadable::Damaged(reason))) => {
                let aside = store.set_aside(&store.path, now)?;
                notices.push(format!(
                    "le fichier de progression {} était illisible ({reason}) : il a été mis de côté sous {} et une progression vierge commence ; rien n’a été effacé",
                    store.path.display(),
                    aside.display()
                ));
                None
            }
        };
        let mut journal_len = None;
        match load::replay(snapshot.as_mut(), found.journal.as_deref()) {
            Fate::Absent => {}
            Fate::Extends { bad, torn, .. } if !bad.is_empty() => {
                let aside = store.set_aside_lines(&bad, now)?;
                notices.push(journal_lines_notice(&journal_path, &aside, bad.len(), torn));
                rewrite = true;
            }
            Fate::Extends { len, .. } => journal_len = Some(len),
            Fate::Stale => rewrite = true,
            Fate::Orphan => {
                let aside = store.set_aside(&journal_path, now)?;
                notices.push(format!(
                    "le journal de progression {} est illisible ou ne se rattache pas au fichier de progression : il a été mis de côté sous {} sans être lu ; rien n’a été effacé",
                    journal_path.display(),
                    aside.display()
                ));
            }
        }
        let progress = store.take_over(snapshot, journal_len, rewrite)?;
        Ok(Opened {
            store,
            progress,
            notice: join(&notices),
        })
    }

    /// Opens a profile to read only, even when another conseil has it open. Nothing is
    /// created or moved; saving is refused.
    pub fn open_read_only(&self, profile: &str) -> Result<Opened> {
        let profile = validate_profile_name(profile)?;
        let dir = self.profile_dir(&profile);
        let path = dir.join(PROGRESS_FILE);
        let journal_path = dir.join(JOURNAL_FILE);
        let found = load::read_files(&path, &journal_path)?;
        if let Some(message) = found
            .journal
            .as_deref()
            .and_then(|bytes| load::newer_journal(bytes, &journal_path))
        {
            bail!(message);
        }
        let mut notices = Vec::new();
        let mut snapshot = match found.snapshot {
            None => None,
            Some(Ok(snapshot)) => Some(snapshot),
            Some(Err(Unreadable::Partly(snapshot, bad))) => {
                notices.push(not_shown(
                    bad.len(),
                    ("valeur", "valeurs"),
                    &format!("du fichier de progression {}", path.display()),
                ));
                Some(*snapshot)
            }
            Some(Err(Unreadable::Newer(message))) => bail!(message),
            Some(Err(Unreadable::Damaged(reason))) => bail!(
                "le fichier de progression {} est illisible ({reason}) ; ouvrez le profil normalement pour le mettre de côté",
                path.display()
            ),
        };
        match load::replay(snapshot.as_mut(), found.journal.as_deref()) {
            // A last line without its end may be the other window writing it right now.
            Fate::Extends { bad, torn, .. } if bad.len() > usize::from(torn) => {
                notices.push(not_shown(
                    bad.len() - usize::from(torn),
                    ("ligne", "lignes"),
                    &format!("du journal de progression {}", journal_path.display()),
                ));
            }
            Fate::Orphan => notices.push(format!(
                "le journal de progression {} est illisible ou ne se rattache pas au fichier de progression : il n’est pas montré ; ouvrez le profil normalement pour le mettre de côté",
                journal_path.display()
            )),
            Fate::Absent | Fate::Extends { .. } | Fate::Stale => {}
        }
        Ok(Opened {
            store: Store {
                profile,
                dir,
                path,
                lock: None,
                disk: RefCell::new(Disk::default()),
            },
            progress: snapshot.map_or_else(Progress::new, |s| s.progress),
            notice: join(&notices),
        })
    }
}

impl Store {
    pub fn profile(&self) -> &str {
        &self.profile
    }

    /// The progress file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The journal beside the progress file.
    pub fn journal_path(&self) -> PathBuf {
        self.dir.join(JOURNAL_FILE)
    }

    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// Refuses to save in a read-only store, with an error to show (silently dropping the
    /// save would lose the learner's work without her knowing), or in one whose lock is no
    /// longer ours.
    fn writable(&self) -> Result<()> {
        if self.is_read_only() {
            bail!(
                "le profil « {} » est ouvert en lecture seule : la progression n’a pas été enregistrée",
                self.profile
            );
        }
        self.check_still_ours()
    }

    /// Takes the files just read as what is on disk, and returns their progress: written
    /// whole at once when `rewrite` or when the journal has grown long, then appended to.
    fn take_over(
        &self,
        snapshot: Option<Snapshot>,
        journal_len: Option<u64>,
        mut rewrite: bool,
    ) -> Result<Progress> {
        let Some(snapshot) = snapshot else {
            // Nothing on disk of this format: the first change writes everything.
            self.disk.borrow_mut().whole = true;
            return Ok(Progress::new());
        };
        {
            let mut disk = self.disk.borrow_mut();
            disk.generation = snapshot.generation;
            disk.snapshot_len = snapshot.len;
            disk.snapshot = self.hold_snapshot();
            rewrite |= journal_len.is_some_and(|len| len >= journal::limit(snapshot.len));
            if let Some(len) = journal_len.filter(|_| !rewrite) {
                disk.journal = Some(Journal::reopen(&self.journal_path(), len)?);
            }
        }
        if rewrite {
            self.save(&snapshot.progress)?;
        }
        Ok(snapshot.progress)
    }

    /// Saves `progress` whole: the progress file written again, then a new journal started.
    /// For what is rare (an import, settings given on the command line, a retry after a
    /// failure); a change the study layer can name goes through [`Store::save_change`].
    pub fn save(&self, progress: &Progress) -> Result<()> {
        self.writable()?;
        self.write_whole(&mut self.disk.borrow_mut(), progress)
    }

    /// Saves `change`, just made to `progress`: one line appended to the journal, whose cost
    /// does not grow with the history. The progress is written whole instead when the
    /// journal has grown long (see [`journal::limit`]), when a write failed before, or when
    /// the progress file or the journal was deleted or replaced under us.
    pub fn save_change(&self, progress: &Progress, change: Change<'_>) -> Result<()> {
        self.writable()?;
        let mut disk = self.disk.borrow_mut();
        let in_place = disk
            .snapshot
            .as_ref()
            .is_some_and(|file| journal::same_file(file, &self.path))
            && disk.journal.as_ref().is_none_or(Journal::is_in_place);
        let long = disk
            .journal
            .as_ref()
            .is_some_and(|j| j.size() >= journal::limit(disk.snapshot_len));
        if disk.whole || !in_place || long {
            return self.write_whole(&mut disk, progress);
        }
        let patch = progress.patch(change);
        if patch.is_empty() {
            return Ok(());
        }
        // Until the line is on disk, the journal may lack this change: a failure leaves the
        // next save to write everything.
        disk.whole = true;
        let journal = match disk.journal.take() {
            Some(journal) => journal,
            None => Journal::create(&self.journal_path(), disk.generation)?,
        };
        let journal = disk.journal.insert(journal);
        journal.append(&patch)?;
        disk.whole = false;
        Ok(())
    }

    /// Writes the progress file whole as the next generation, then starts its journal. A
    /// crash between the two leaves the new progress file beside the old journal, which it
    /// names as older: that journal is then known stale, its changes being in the file.
    fn write_whole(&self, disk: &mut Disk, progress: &Progress) -> Result<()> {
        disk.whole = true;
        let next = disk.generation + 1;
        let bytes = snapshot::bytes(progress, next)?;
        // Windows refuses to replace a file open anywhere, ours included.
        disk.snapshot = None;
        files::write(&self.path, &bytes)?;
        // The old journal is stale from now on, whatever happens next: never append to it.
        disk.journal = None;
        disk.generation = next;
        disk.snapshot_len = bytes.len() as u64;
        disk.snapshot = self.hold_snapshot();
        disk.journal = Some(Journal::create(&self.journal_path(), next)?);
        disk.whole = false;
        Ok(())
    }

    /// Refuses to save when the lock file is no longer the one this window locked (deleted,
    /// or replaced): another conseil may have opened the profile since, and writing would
    /// erase its answers.
    fn check_still_ours(&self) -> Result<()> {
        if self.lock.as_ref().is_some_and(|lock| !lock.is_still_ours()) {
            bail!(
                "le verrou du profil « {} » a été supprimé ou remplacé : une autre fenêtre de conseil a pu ouvrir ce profil, et rien n’a été écrit pour ne pas effacer ses réponses ; fermez les autres fenêtres puis relancez conseil",
                self.profile
            );
        }
        Ok(())
    }

    /// The progress file, opened to be held (see [`Disk::snapshot`]); `None` when it cannot
    /// be, which makes the next change write it whole.
    fn hold_snapshot(&self) -> Option<File> {
        files::kept_in_place(fs::OpenOptions::new().read(true))
            .open(&self.path)
            .ok()
    }

    /// A free name beside `file` (a file of the profile's folder), `<its name>.<what>-<now>`.
    fn aside_path(&self, file: &Path, what: &str, now: Timestamp) -> Result<PathBuf> {
        let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let base = format!("{name}.{what}-{stamp}");
        // We hold the lock, so no other conseil creates a name between the check and its use.
        (1..=1000)
            .map(|n| match n {
                1 => self.dir.join(&base),
                n => self.dir.join(format!("{base}-{n}")),
            })
            .find(|p| !p.exists())
            .ok_or_else(|| {
                anyhow!(
                    "{} est illisible, et mille fichiers mis de côté portent déjà son nom : déplacez-les",
                    file.display()
                )
            })
    }

    /// Writes the values `bad` (each with where it stood) aside as
    /// `progress.json.invalid-<now>`, returning where.
    fn set_aside_values(
        &self,
        bad: &[(String, serde_json::Value)],
        now: Timestamp,
    ) -> Result<PathBuf> {
        let aside = self.aside_path(&self.path, "invalid", now)?;
        let values: serde_json::Map<String, serde_json::Value> = bad.iter().cloned().collect();
        let bytes =
            serde_json::to_vec_pretty(&values).context("mise en forme des valeurs illisibles")?;
        files::write(&aside, &bytes)?;
        Ok(aside)
    }

    /// Writes the journal's lines `bad`, as they were, aside as
    /// `progress.journal.invalid-<now>`, returning where.
    fn set_aside_lines(&self, bad: &[Vec<u8>], now: Timestamp) -> Result<PathBuf> {
        let aside = self.aside_path(&self.journal_path(), "invalid", now)?;
        files::write(&aside, &bad.concat())?;
        Ok(aside)
    }

    /// Moves `file` (the progress file or the journal) aside as `<its name>.corrupt-<now>`,
    /// returning where.
    fn set_aside(&self, file: &Path, now: Timestamp) -> Result<PathBuf> {
        let aside = self.aside_path(file, "corrupt", now)?;
        fs::rename(file, &aside)
            .map_err(|e| anyhow!(words::io_error(&e)))
            .with_context(|| {
                format!(
                    "{} est illisible et n’a pas pu être mis de côté",
                    file.display()
                )
            })?;
        files::sync_dir(&self.dir)?;
        Ok(aside)
    }
}

/// The notices of an opening, as one.
fn join(notices: &[String]) -> Option<String> {
    (!notices.is_empty()).then(|| notices.join(" ; "))
}

/// What a window that only reads tells of `count` unreadable parts (`nouns`: one, several,
/// both feminine) of the file `of_what`, which it leaves as they are.
fn not_shown(count: usize, nouns: (&str, &str), of_what: &str) -> String {
    if count == 1 {
        format!(
            "1 {} {of_what} est illisible et n’est pas montrée ; ouvrez le profil normalement pour la mettre de côté",
            nouns.0
        )
    } else {
        format!(
            "{count} {} {of_what} sont illisibles et ne sont pas montrées ; ouvrez le profil normalement pour les mettre de côté",
            nouns.1
        )
    }
}

/// What the learner is told of `count` lines of the journal at `path` set aside at `aside`;
/// `torn`: the last was cut short.
fn journal_lines_notice(path: &Path, aside: &Path, count: usize, torn: bool) -> String {
    if count == 1 && torn {
        format!(
            "la dernière écriture dans le journal de progression {} a été interrompue (un arrêt brutal pendant un enregistrement) : ce morceau illisible a été mis de côté sous {} ; tout le reste est gardé",
            path.display(),
            aside.display()
        )
    } else {
        let (verb, pronoun) = if count == 1 {
            ("était illisible", "elle a été mise")
        } else {
            ("étaient illisibles", "elles ont été mises")
        };
        format!(
            "{} du journal de progression {} {verb} : {pronoun} de côté sous {} ; tout le reste est gardé",
            words::plural(count, "ligne", "lignes"),
            path.display(),
            aside.display()
        )
    }
}

/// Removes temporary files left by a save that was interrupted. Only called with the lock
/// held, so no save is under way; a failure only leaves litter behind.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if (name.starts_with(&files::temp_prefix(PROGRESS_FILE))
            || name.starts_with(&files::temp_prefix(JOURNAL_FILE)))
            && name.ends_with(files::TEMP_SUFFIX)
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_names() {
        assert_eq!(validate_profile_name("  Amélie "), Ok("Amélie".into()));
        // A decomposed « é » (as macOS file names have it) becomes the composed one.
        assert_eq!(validate_profile_name("Ame\u{301}lie"), Ok("Amélie".into()));
        assert_eq!(validate_profile_name(""), Err(ProfileNameError::Empty));
        assert_eq!(validate_profile_name("   "), Err(ProfileNameError::Empty));
        assert_eq!(
            validate_profile_name("a/b"),
            Err(ProfileNameError::Forbidden('/'))
        );
        assert_eq!(
            validate_profile_name("a\\b"),
            Err(ProfileNameError::Forbidden('\\'))
        );
        assert_eq!(
            validate_profile_name(".."),
            Err(ProfileNameError::LeadingDot)
        );
        assert_eq!(
            validate_profile_name("a\nb"),
            Err(ProfileNameError::Forbidden('\n'))
        );
        assert_eq!(validate_profile_name(&"é".repeat(40)), Ok("é".repeat(40)));
        assert_eq!(
            validate_profile_name(&"é".repeat(41)),
            Err(ProfileNameError::TooLong)
        );
        assert_eq!(
            ProfileNameError::Forbidden('/').to_string(),
            "le nom de profil ne peut pas contenir « / »"
        );
        // Nothing that would make the name read otherwise than it is.
        for hidden in ["Zo\u{202e}é", "Zo\u{200b}é", "Zo\u{2066}é", "Zo\u{feff}é"] {
            assert!(
                matches!(
                    validate_profile_name(hidden),
                    Err(ProfileNameError::Invisible(_))
                ),
                "{hidden:?}"
            );
        }
        for reserved in ["CON", "con", "nul.", "Nul.txt", "COM1", "lpt9.json", "Zoé."] {
            assert!(
                matches!(
                    validate_profile_name(reserved),
                    Err(ProfileNameError::Reserved(_))
                ),
                "{reserved:?}"
            );
        }
        assert!(
            is_reserved_name("CON") && is_reserved_name("nul.") && is_reserved_name("com3.txt")
        );
        assert!(
            !is_reserved_name("Conrad") && !is_reserved_name("COM0") && !is_reserved_name("COMA")
        );
        assert!(!is_reserved_name("Zoé"));
    }
}
