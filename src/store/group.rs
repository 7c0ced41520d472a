//! Where a group quiz is kept: the session file, saved atomically after every change so that a
//! crash or a closed laptop loses nothing; the lock that keeps a second window off it; the
//! results and the report files; the quiz sets; and each group's history across sessions.
//!
//! Layout, under `<data dir>/group/`: `session.json` and its `session.lock`, sessions set
//! aside as `session-<date>.json`, the results and reports (or in `--out`), `series/<NOM>.json`
//! for the quiz sets and `groupes/<nom>.json` for the histories. The results (CSV, JSON) hold
//! teams only; with participants on phones (`--salle`), the session and its report add their
//! pseudonyms, and the session is exported beside the results (`<stem>.salle.json`) for the
//! pre-test / post-test pairing.
//!
//! Nothing is overwritten that a trainer may still want: a new session moves an unfinished or
//! unreadable one aside under a dated name first.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::content::diag::french_json_message;
use crate::domain::group::history::{
    GroupHistory, HISTORY_FORMAT_VERSION, SessionSummary, group_file_stem,
};
use crate::domain::group::set::{QuizSet, SET_FORMAT_VERSION, check_set_name};
use crate::domain::group::{GROUP_FORMAT_VERSION, GroupSession};
use crate::error::UsageError;
use crate::store::files;
use crate::store::lock::{Lock, TakeError};
use crate::store::profiles::DataDir;
use crate::words;

const GROUP_DIR: &str = "group";
const SESSION_FILE: &str = "session.json";
const LOCK_FILE: &str = "session.lock";
const SETS_DIR: &str = "series";
const HISTORY_DIR: &str = "groupes";

/// Another window of conseil has the group quiz open.
#[derive(Debug, thiserror::Error)]
#[error(
    "le quiz de groupe est déjà ouvert dans une autre fenêtre de conseil : continuez-y, ou fermez-la avant de l’ouvrir ici"
)]
pub struct GroupBusy;

/// Where group sessions are saved and their results written. Holds the group lock while
/// the group quiz is open.
#[derive(Debug)]
pub struct GroupStore {
    dir: PathBuf,
    /// Folder of the results when `--out` names one.
    out: Option<PathBuf>,
    lock: Option<Lock>,
}

impl GroupStore {
    pub fn new(data: &DataDir, out: Option<PathBuf>) -> Self {
        GroupStore {
            dir: data.root().join(GROUP_DIR),
            out,
            lock: None,
        }
    }

    pub fn session_path(&self) -> PathBuf {
        self.dir.join(SESSION_FILE)
    }

    /// Takes the group lock, so that two windows never write the same session. Fails with
    /// [`GroupBusy`] when another conseil holds it.
    pub fn lock(&mut self) -> Result<()> {
        if self.lock.is_some() {
            return Ok(());
        }
        files::create_private_dir(&self.dir)?;
        self.lock = Some(Lock::take(&self.dir.join(LOCK_FILE)).map_err(|e| match e {
            TakeError::Busy => GroupBusy.into(),
            TakeError::Failed(e) => e,
        })?);
        Ok(())
    }

    /// Lets another window open the group quiz.
    pub fn unlock(&mut self) {
        self.lock = None;
    }

    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// Refuses to write without the lock, or when the lock file is no longer the one this
    /// window locked (deleted or replaced): another conseil may have opened the group quiz
    /// since, and writing would erase its session.
    fn check_locked(&self) -> Result<()> {
        match &self.lock {
            None => bail!("le quiz de groupe n’est pas verrouillé : rien n’a été enregistré"),
            Some(lock) if !lock.is_still_ours() => bail!(
                "le verrou du quiz de groupe a été supprimé ou remplacé : une autre fenêtre de conseil a pu ouvrir le quiz de groupe, et rien n’a été écrit pour ne pas effacer sa session ; fermez les autres fenêtres puis relancez conseil"
            ),
            Some(_) => Ok(()),
        }
    }

    /// The saved session, or `None` when there is none.
    pub fn load(&self) -> Result<Option<GroupSession>> {
        let path = self.session_path();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(french(&e))
                    .with_context(|| format!("lecture impossible de {}", path.display()));
            }
        };
        decode(&text).map(Some).with_context(|| {
            format!(
                "la session de groupe {} est illisible ; un nouveau quiz de groupe la mettra de côté",
                path.display()
            )
        })
    }

    /// Saves `session` over the session file: the same session, further on. A new session
    /// goes through [`GroupStore::start`].
    pub fn save(&self, session: &GroupSession) -> Result<()> {
        self.check_locked()?;
        let bytes = serde_json::to_vec_pretty(session).context("mise en forme de la session")?;
        files::write_private(&self.session_path(), &bytes)
    }

    /// Saves a new session. A session file holding an unfinished session, or one that cannot
    /// be read, is first moved aside as `session-<date>.json`; returns where it went.
    pub fn start(
        &self,
        session: &GroupSession,
        now: Timestamp,
        tz: &TimeZone,
    ) -> Result<Option<PathBuf>> {
        self.check_locked()?;
        let path = self.session_path();
        let aside = match self.load() {
            Ok(Some(old)) if old.is_finished() => None,
            Ok(Some(old)) => Some(format!("session-{}", stamp(old.started_at, tz))),
            Ok(None) => None,
            Err(_) if path.exists() => Some(format!("session-illisible-{}", stamp(now, tz))),
            Err(e) => return Err(e),
        };
        let moved = match aside {
            Some(stem) => {
                let target = free_name(&self.dir, &stem, "json")?;
                fs::rename(&path, &target).map_err(|e| french(&e)).with_context(|| {
                    format!(
                        "la session de groupe {} n’a pas pu être mise de côté : le nouveau quiz ne l’a pas remplacée",
                        path.display()
                    )
                })?;
                files::sync_dir(&self.dir)?;
                Some(target)
            }
            None => None,
        };
        self.save(session)?;
        Ok(moved)
    }

    /// The folder the results and reports go to.
    pub fn results_folder(&self) -> &Path {
        self.out.as_deref().unwrap_or(&self.dir)
    }

    /// Writes the result files of a session, each `(extension, bytes)` named
    /// `<stem>.<extension>` (so that exporting again replaces the same files), and returns
    /// their paths.
    pub fn export(&self, stem: &str, contents: &[(&str, Vec<u8>)]) -> Result<Vec<PathBuf>> {
        let folder = self.results_folder();
        contents
            .iter()
            .map(|(ext, bytes)| {
                let path = folder.join(format!("{stem}.{ext}"));
                files::write_private(&path, bytes).map(|()| path)
            })
            .collect()
    }

    /// Adds `summary` to the history of `group` (replacing the same session's) and returns
    /// the history as it now stands.
    pub fn record_history(&self, group: &str, summary: SessionSummary) -> Result<GroupHistory> {
        self.check_locked()?;
        let path = self
            .dir
            .join(HISTORY_DIR)
            .join(format!("{}.json", group_file_stem(group)));
        let mut history = match fs::read_to_string(&path) {
            Ok(text) => read_versioned::<GroupHistory>(&text, HISTORY_FORMAT_VERSION)
                .with_context(|| {
                    format!(
                        "l’historique du groupe {} est illisible : il n’a pas été modifié",
                        path.display()
                    )
                })?,
            Err(e) if e.kind() == ErrorKind::NotFound => GroupHistory::new(group),
            Err(e) => {
                return Err(french(&e))
                    .with_context(|| format!("lecture impossible de {}", path.display()));
            }
        };
        history.record(summary);
        let mut bytes =
            serde_json::to_vec_pretty(&history).context("mise en forme de l’historique")?;
        bytes.push(b'\n');
        files::write_private(&path, &bytes)?;
        Ok(history)
    }

    fn sets_dir(&self) -> PathBuf {
        self.dir.join(SETS_DIR)
    }

    /// Saves `set` under `name` (replacing a set of that name) and returns its path.
    pub fn save_set(&self, name: &str, set: &QuizSet) -> Result<PathBuf> {
        let name = check_set_name(name).map_err(|_| anyhow!("nom de série refusé : « {name} »"))?;
        let path = self.sets_dir().join(format!("{name}.json"));
        let mut bytes = serde_json::to_vec_pretty(set).context("mise en forme de la série")?;
        bytes.push(b'\n');
        files::write_private(&path, &bytes)?;
        Ok(path)
    }

    /// The set called `name` in the data folder, or the set file at the path `name` (one a
    /// colleague sent). An unknown name is a usage error that lists the saved sets.
    pub fn load_set(&self, name: &str) -> Result<QuizSet> {
        let named = self.sets_dir().join(format!("{}.json", name.trim()));
        let path = if Path::new(name).is_file() {
            PathBuf::from(name)
        } else if check_set_name(name).is_ok() && named.is_file() {
            named
        } else {
            let known = self.set_names();
            let known = if known.is_empty() {
                "aucune série enregistrée".to_owned()
            } else {
                format!("séries enregistrées : {}", known.join(", "))
            };
            return Err(UsageError(format!("série « {name} » introuvable ({known})")).into());
        };
        let text = fs::read_to_string(&path)
            .map_err(|e| french(&e))
            .with_context(|| format!("lecture impossible de la série {}", path.display()))?;
        read_versioned::<QuizSet>(&text, SET_FORMAT_VERSION)
            .with_context(|| format!("la série {} est illisible", path.display()))
    }

    /// The names of the saved sets, sorted.
    pub fn set_names(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.sets_dir()) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_str()?.strip_suffix(".json")?.to_owned();
                check_set_name(&name).ok()
            })
            .collect();
        names.sort();
        names
    }
}

/// Reads a session written by [`GroupStore::export`] (`<stem>.salle.json`) or a session
/// file, for the pre-test / post-test pairing.
pub fn read_session(path: &Path) -> Result<GroupSession> {
    let text = fs::read_to_string(path)
        .map_err(|e| french(&e))
        .with_context(|| format!("lecture impossible de {}", path.display()))?;
    decode(&text).with_context(|| format!("la session {} est illisible", path.display()))
}

fn decode(text: &str) -> Result<GroupSession> {
    let session: GroupSession = read_versioned(text, GROUP_FORMAT_VERSION)?;
    if !session.is_consistent() {
        bail!("ses équipes, ses questions et ses réponses ne concordent pas");
    }
    Ok(session)
}

/// Reads a JSON file of ours whose `format_version` may be at most `newest`.
fn read_versioned<T: serde::de::DeserializeOwned>(text: &str, newest: u32) -> Result<T> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        anyhow!(
            "{}, ligne {}, colonne {}",
            french_json_message(&e),
            e.line(),
            e.column()
        )
    })?;
    let version = value
        .get("format_version")
        .and_then(serde_json::Value::as_u64);
    if version.is_some_and(|v| v > u64::from(newest)) {
        bail!("il a été écrit par une version plus récente de conseil");
    }
    serde_json::from_value(value).map_err(|e| anyhow!(french_json_message(&e)))
}

/// « 2026-05-04-143205 », in the trainer's time zone.
fn stamp(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone())
        .strftime("%Y-%m-%d-%H%M%S")
        .to_string()
}

/// « resultats-groupe-2026-05-04-143205 »: the results and the report of the session that
/// started then.
pub fn results_stem(started: Timestamp, tz: &TimeZone) -> String {
    format!("resultats-groupe-{}", stamp(started, tz))
}

/// `<stem>.<ext>` in `dir`, or `<stem>-2.<ext>` and so on when taken: a file set aside never
/// replaces another.
fn free_name(dir: &Path, stem: &str, ext: &str) -> Result<PathBuf> {
    (1..=1000)
        .map(|n| match n {
            1 => dir.join(format!("{stem}.{ext}")),
            n => dir.join(format!("{stem}-{n}.{ext}")),
        })
        .find(|p| !p.exists())
        .ok_or_else(|| {
            anyhow!(
                "mille sessions mises de côté portent déjà le nom {stem} dans {} : déplacez-les",
                dir.display()
            )
        })
}

/// The saved session, refused when it uses questions that the content loaded lacks (the
/// trainer then starts conseil again with the same `--content`).
pub fn load_for_resume(
    store: &GroupStore,
    known: impl Fn(&str) -> bool,
) -> Result<Option<GroupSession>> {
    let Some(session) = store.load()? else {
        return Ok(None);
    };
    let missing: Vec<&str> = session
        .question_ids
        .iter()
        .map(String::as_str)
        .filter(|id| !known(id))
        .collect();
    if !missing.is_empty() {
        bail!(
            "la session de groupe utilise des questions absentes du contenu chargé ({}) : relancez conseil avec les mêmes options --content",
            missing.join(", ")
        );
    }
    Ok(Some(session))
}

/// A file error in French words: the system's own are English.
fn french(e: &std::io::Error) -> anyhow::Error {
    anyhow!(words::io_error(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::domain::group::{GroupSettings, Scoring};

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + s).expect("valid timestamp")
    }

    fn session(at: i64) -> GroupSession {
        GroupSession::new(
            GroupSettings {
                teams: vec!["Hiboux".into(), "Renards".into()],
                question_ids: vec!["q1".into()],
                timer_secs: None,
                scoring: Scoring::default(),
                seed: 1,
                group_name: None,
                high_contrast: true,
            },
            t(at),
        )
        .expect("valid")
    }

    fn store(dir: &Path) -> GroupStore {
        GroupStore::new(
            &DataDir::at(dir, &Clock::fixed(Timestamp::UNIX_EPOCH, TimeZone::UTC)),
            None,
        )
    }

    #[test]
    fn save_load_and_export() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = store(dir.path());
        assert_eq!(store.load().expect("nothing yet"), None);
        let s = session(0);
        assert!(store.save(&s).is_err(), "not without the lock");
        store.lock().expect("locks");
        store.save(&s).expect("saved");
        assert_eq!(store.load().expect("read"), Some(s.clone()));
        assert!(load_for_resume(&store, |_| false).is_err());
        assert!(load_for_resume(&store, |_| true).expect("known").is_some());
        let stem = results_stem(s.started_at, &TimeZone::UTC);
        assert_eq!(stem, "resultats-groupe-2027-01-15-080000");
        let paths = store
            .export(&stem, &[("csv", b"a;b".to_vec()), ("md", b"# R".to_vec())])
            .expect("exported");
        assert_eq!(fs::read(&paths[1]).expect("written"), b"# R");
    }

    #[test]
    fn a_second_window_is_kept_off() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut first = store(dir.path());
        first.lock().expect("first window");
        let mut second = store(dir.path());
        let err = second.lock().expect_err("busy");
        assert!(err.is::<GroupBusy>(), "{err:#}");
        first.unlock();
        second.lock().expect("free again");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join("group/session.lock"))
                .expect("lock file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_window_whose_lock_was_deleted_never_erases_the_next_ones_session() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut first = store(dir.path());
        first.lock().expect("first window");
        first.save(&session(0)).expect("saved");
        // Someone deletes the lock under the running window: a second one gets in.
        fs::remove_file(dir.path().join("group/session.lock")).expect("lock deleted");
        let mut second = store(dir.path());
        second.lock().expect("the second window locks");
        second.save(&session(60)).expect("the second saves");
        let refused = first.save(&session(120)).expect_err("not ours any more");
        assert!(
            refused
                .to_string()
                .contains("le verrou du quiz de groupe a été supprimé ou remplacé"),
            "{refused}"
        );
        assert!(first.start(&session(180), t(180), &TimeZone::UTC).is_err());
        assert_eq!(second.load().expect("read"), Some(session(60)));
    }

    #[test]
    fn a_new_session_sets_the_unfinished_one_aside() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = store(dir.path());
        store.lock().expect("locks");
        let old = session(0);
        store.start(&old, t(0), &TimeZone::UTC).expect("first");
        let new = session(3_600);
        let aside = store
            .start(&new, t(3_600), &TimeZone::UTC)
            .expect("second")
            .expect("the unfinished one moved aside");
        assert_eq!(
            aside.file_name().and_then(|n| n.to_str()),
            Some("session-2027-01-15-080000.json")
        );
        let kept: GroupSession =
            serde_json::from_str(&fs::read_to_string(&aside).expect("kept")).expect("whole");
        assert_eq!(kept, old);
        assert_eq!(store.load().expect("read"), Some(new.clone()));
        // A finished session is replaced: its results were written when it ended.
        let mut done = new;
        done.finished_at = Some(t(4_000));
        store.save(&done).expect("saved");
        assert_eq!(
            store
                .start(&session(5_000), t(5_000), &TimeZone::UTC)
                .expect("third"),
            None
        );
        // An unreadable file is moved aside too, never overwritten.
        fs::write(store.session_path(), "{").expect("damage");
        let aside = store
            .start(&session(6_000), t(6_000), &TimeZone::UTC)
            .expect("fourth")
            .expect("moved");
        assert_eq!(fs::read_to_string(aside).expect("kept"), "{");
    }

    #[test]
    fn sets_are_saved_by_name_or_read_from_a_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let set = QuizSet {
            format_version: SET_FORMAT_VERSION,
            questions: vec!["q1".into()],
            count: 1,
            timer_secs: Some(30),
            scoring: Scoring::default(),
            teams: vec![],
            group: Some("FIPC".into()),
            high_contrast: true,
        };
        let path = store.save_set("Secret 1", &set).expect("saved");
        assert_eq!(store.set_names(), vec!["Secret 1".to_owned()]);
        assert_eq!(store.load_set("Secret 1").expect("by name"), set);
        let path = path.to_str().expect("utf-8 path");
        assert_eq!(store.load_set(path).expect("by path"), set);
        let err = store.load_set("Autre").expect_err("unknown");
        assert!(err.is::<UsageError>());
        assert!(
            format!("{err}").contains("séries enregistrées : Secret 1"),
            "{err}"
        );
    }

    #[test]
    fn damaged_and_newer_files_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        fs::create_dir_all(dir.path().join("group")).expect("dir");
        fs::write(store.session_path(), "{\"format_version\": 1,").expect("write");
        let err = format!("{:#}", store.load().expect_err("damaged"));
        assert!(err.contains("illisible"), "{err}");
        fs::write(store.session_path(), "{\"format_version\": 9}").expect("write");
        let err = format!("{:#}", store.load().expect_err("newer"));
        assert!(err.contains("plus récente"), "{err}");
    }
}
