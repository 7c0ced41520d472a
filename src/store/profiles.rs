//! The only code that touches progress files: where they live, how they are read, saved,
//! locked and set aside.
//!
//! Layout: `<data dir>/profiles/<name>/progress.json`, one folder per profile (a first name or
//! a pseudonym), with a `progress.lock` beside it. The data dir is `--data-dir`, else
//! `CONSEIL_DATA_DIR`, else the system's data folder for conseil.
//!
//! Nothing a learner did may be lost:
//! - a save writes a temporary file in the same folder, syncs it, renames it over the old
//!   file and syncs the folder, so that a crash or a power cut leaves the old file or the new
//!   one, never a mix;
//! - one instance at a time writes a profile (an OS lock); a second one may only read;
//! - a file that cannot be understood is moved aside, never overwritten, and the learner is
//!   told where it is; a file from a newer conseil is left alone and refused.

use std::fs::{self, File};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use jiff::Timestamp;
use unicode_normalization::UnicodeNormalization;

use crate::clock::Clock;
use crate::content::diag::french_json_message;
use crate::domain::progress::{MigrateError, PROGRESS_VERSION, Progress, migrate, salvage};
use crate::store::files;
use crate::words;

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
    /// `None` when read-only. The OS releases the lock when the file is closed, on exit or on
    /// a crash alike.
    lock: Option<File>,
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
    /// data folder for conseil (`~/.local/share/conseil` on Linux).
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
        let lock_path = dir.join(LOCK_FILE);
        let lock = files::open_private(&lock_path)
            .map_err(|e| anyhow!(words::io_error(&e)))
            .with_context(|| format!("ouverture impossible du verrou {}", lock_path.display()))?;
        match files::try_lock_a_while(&lock) {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Err(OpenError::Busy { profile }),
            Err(fs::TryLockError::Error(e)) => {
                return Err(anyhow!(words::io_error(&e))
                    .context(format!(
                        "verrouillage impossible de {}",
                        lock_path.display()
                    ))
                    .into());
            }
        }
        remove_stale_temp_files(&dir);
        let store = Store {
            profile,
            path: dir.join(PROGRESS_FILE),
            dir,
            lock: Some(lock),
        };
        let (progress, notice) = match read(&store.path)? {
            None => (Progress::new(), None),
            Some(Ok(progress)) => (progress, None),
            Some(Err(Unreadable::Newer(message))) => return Err(anyhow!(message).into()),
            Some(Err(Unreadable::Partly(progress, bad))) => {
                let aside = store.set_aside_values(&bad, self.clock.now())?;
                let progress = *progress;
                store.save(&progress)?;
                let notice = format!(
                    "{} du fichier de progression {} étaient illisibles : elles ont été mises de côté sous {} ; tout le reste est gardé",
                    crate::words::plural(bad.len(), "valeur", "valeurs"),
                    store.path.display(),
                    aside.display()
                );
                (progress, Some(notice))
            }
            Some(Err(Unreadable::Damaged(reason))) => {
                let aside = store.set_aside(self.clock.now())?;
                let notice = format!(
                    "le fichier de progression {} était illisible ({reason}) : il a été mis de côté sous {} et une progression vierge commence ; rien n’a été effacé",
                    store.path.display(),
                    aside.display()
                );
                (Progress::new(), Some(notice))
            }
        };
        Ok(Opened {
            store,
            progress,
            notice,
        })
    }

    /// Opens a profile to read only, even when another conseil has it open. Nothing is
    /// created or moved; saving is refused.
    pub fn open_read_only(&self, profile: &str) -> Result<Opened> {
        let profile = validate_profile_name(profile)?;
        let dir = self.profile_dir(&profile);
        let path = dir.join(PROGRESS_FILE);
        let mut notice = None;
        let progress = match read(&path)? {
            None => Progress::new(),
            Some(Ok(progress)) => progress,
            Some(Err(Unreadable::Partly(progress, bad))) => {
                notice = Some(format!(
                    "{} du fichier de progression {} sont illisibles et ne sont pas montrées ; ouvrez le profil normalement pour les mettre de côté",
                    crate::words::plural(bad.len(), "valeur", "valeurs"),
                    path.display()
                ));
                *progress
            }
            Some(Err(Unreadable::Newer(message))) => bail!(message),
            Some(Err(Unreadable::Damaged(reason))) => bail!(
                "le fichier de progression {} est illisible ({reason}) ; ouvrez le profil normalement pour le mettre de côté",
                path.display()
            ),
        };
        Ok(Opened {
            store: Store {
                profile,
                dir,
                path,
                lock: None,
            },
            progress,
            notice,
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

    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// Saves `progress` atomically. A read-only store refuses, with an error to show: silently
    /// dropping the save would lose the learner's work without her knowing.
    pub fn save(&self, progress: &Progress) -> Result<()> {
        if self.is_read_only() {
            bail!(
                "le profil « {} » est ouvert en lecture seule : la progression n’a pas été enregistrée",
                self.profile
            );
        }
        self.check_still_ours()?;
        let bytes = serde_json::to_vec(progress).context("mise en forme de la progression")?;
        files::write(&self.path, &bytes)
    }

    /// Refuses to save when the lock file is no longer the one this window locked (deleted,
    /// or replaced): another conseil may have opened the profile since, and writing would
    /// erase its answers. Not checked on Windows yet: stable Rust gives no file identity
    /// there (`file_index` is unstable).
    fn check_still_ours(&self) -> Result<()> {
        #[cfg(unix)]
        if let Some(lock) = &self.lock {
            use std::os::unix::fs::MetadataExt;
            let held = lock
                .metadata()
                .map_err(|e| anyhow!("lecture du verrou : {}", words::io_error(&e)))?;
            let on_disk = fs::metadata(self.dir.join(LOCK_FILE)).ok();
            if on_disk.is_none_or(|m| (m.dev(), m.ino()) != (held.dev(), held.ino())) {
                bail!(
                    "le verrou du profil « {} » a été supprimé ou remplacé : une autre fenêtre de conseil a pu ouvrir ce profil, et rien n’a été écrit pour ne pas effacer ses réponses ; fermez les autres fenêtres puis relancez conseil",
                    self.profile
                );
            }
        }
        Ok(())
    }

    /// A free name beside the progress file, `progress.json.<what>-<now>`.
    fn aside_path(&self, what: &str, now: Timestamp) -> Result<PathBuf> {
        let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
        let base = format!("{PROGRESS_FILE}.{what}-{stamp}");
        // We hold the lock, so no other conseil creates a name between the check and its use.
        (1..=1000)
            .map(|n| match n {
                1 => self.dir.join(&base),
                n => self.dir.join(format!("{base}-{n}")),
            })
            .find(|p| !p.exists())
            .ok_or_else(|| {
                anyhow!(
                    "le fichier de progression {} est illisible, et mille fichiers mis de côté portent déjà son nom : déplacez-les",
                    self.path.display()
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
        let aside = self.aside_path("invalid", now)?;
        let values: serde_json::Map<String, serde_json::Value> = bad.iter().cloned().collect();
        let bytes =
            serde_json::to_vec_pretty(&values).context("mise en forme des valeurs illisibles")?;
        files::write(&aside, &bytes)?;
        Ok(aside)
    }

    /// Moves the progress file aside as `progress.json.corrupt-<now>`, returning where.
    fn set_aside(&self, now: Timestamp) -> Result<PathBuf> {
        let aside = self.aside_path("corrupt", now)?;
        fs::rename(&self.path, &aside)
            .map_err(|e| anyhow!(words::io_error(&e)))
            .with_context(|| {
                format!(
                    "le fichier de progression {} est illisible et n’a pas pu être mis de côté",
                    self.path.display()
                )
            })?;
        files::sync_dir(&self.dir)?;
        Ok(aside)
    }
}

/// Reads a progress file that is not a profile's (an import): any problem is an error, and
/// the file is never moved or changed.
pub fn read_progress_file(path: &Path) -> Result<Progress> {
    match read(path)? {
        None => bail!("fichier introuvable : {}", path.display()),
        Some(Ok(progress)) => Ok(progress),
        Some(Err(Unreadable::Newer(message))) => bail!(message),
        Some(Err(Unreadable::Partly(_, bad))) => bail!(
            "{} : {} illisibles ({}…) ; rien n’a été importé",
            path.display(),
            crate::words::plural(bad.len(), "valeur", "valeurs"),
            bad.first().map_or("", |(at, _)| at.as_str())
        ),
        Some(Err(Unreadable::Damaged(reason))) => bail!(
            "{} n’est pas un fichier de progression lisible : {reason}",
            path.display()
        ),
    }
}

/// Writes `progress` to `path` (an export), atomically like a save.
pub fn write_progress_file(path: &Path, progress: &Progress) -> Result<()> {
    let bytes = serde_json::to_vec(progress).context("mise en forme de la progression")?;
    files::write(path, &bytes)
}

/// Why a file's bytes are not a progress the binary can use.
enum Unreadable {
    /// Readable but for some values (a negative duration, a date out of range): the rest,
    /// and the values left out with where they stood.
    Partly(Box<Progress>, Vec<(String, serde_json::Value)>),
    /// Written by a newer conseil: the message says so; the file must stay as it is.
    Newer(String),
    /// Empty, truncated, not UTF-8, not JSON, or not a progress: why, in French.
    Damaged(String),
}

/// Reads and decodes the file at `path`: `None` when there is none.
fn read(path: &Path) -> Result<Option<Result<Progress, Unreadable>>> {
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

fn decode(bytes: &[u8]) -> Result<Progress, Unreadable> {
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
    // `migrate`, which tells which.
    if let Ok(progress) = serde_json::from_str::<Progress>(text)
        && progress.format_version() == PROGRESS_VERSION
    {
        return Ok(progress);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Unreadable::Damaged(format!(
            "{}, ligne {}, colonne {}",
            french_json_message(&e),
            e.line(),
            e.column()
        ))
    })?;
    if let Some((progress, bad)) = salvage(value.clone())
        && !bad.is_empty()
    {
        return Err(Unreadable::Partly(Box::new(progress), bad));
    }
    migrate(value).map_err(|e| match e {
        MigrateError::Newer { .. } => Unreadable::Newer(format!(
            "{e} : mettez conseil à jour pour ouvrir ce profil ; le fichier n’a pas été modifié"
        )),
        MigrateError::Invalid(json) => Unreadable::Damaged(french_json_message(&json)),
        MigrateError::NoVersion => Unreadable::Damaged(e.to_string()),
    })
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
        if name.starts_with(&files::temp_prefix(PROGRESS_FILE))
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

    #[test]
    fn decode_tells_what_is_wrong() {
        let damaged = |bytes: &[u8]| match decode(bytes) {
            Err(Unreadable::Damaged(reason)) => reason,
            Err(Unreadable::Newer(m)) => panic!("not newer: {m}"),
            Err(Unreadable::Partly(_, bad)) => panic!("not partly readable: {bad:?}"),
            Ok(_) => panic!("not a progress"),
        };
        assert_eq!(damaged(b""), "le fichier est vide");
        assert_eq!(damaged(b" \n"), "le fichier est vide");
        assert!(damaged(b"{\"format_version\": 1, \xff}").contains("UTF-8"));
        assert!(damaged(b"{\"format_version\": 1, \"questions\": {").contains("ligne 1"));
        assert!(damaged(b"[1, 2]").contains("numéro de format"));
        // A part of the wrong type is set aside alone.
        assert!(matches!(
            decode(b"{\"format_version\": 1, \"questions\": []}"),
            Err(Unreadable::Partly(_, bad)) if bad[0].0 == "questions"
        ));
        assert!(matches!(
            decode(b"{\"format_version\": 9}"),
            Err(Unreadable::Newer(m)) if m.contains("format de progression 9")
        ));
        assert!(decode(b"{\"format_version\": 1}").is_ok());
    }
}
