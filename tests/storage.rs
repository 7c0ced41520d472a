//! Progress files: nothing a learner did is ever lost, whatever happens to the file or to the
//! process writing it.

use std::fs;
use std::path::{Path, PathBuf};

use conseil::clock::Clock;
use conseil::domain::progress::{Change, PROGRESS_VERSION, Progress, migrate};
use conseil::domain::question::{Response, Verdict};
use conseil::domain::session::{AnswerRecord, QuizSession, SessionKind};
use conseil::store::profiles::{DEFAULT_PROFILE, DataDir, OpenError, read_progress_file};
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// The instant these tests run at: it dates the files set aside.
const NOW: &str = "2026-12-08T09:00:00Z";

fn data_dir(root: impl Into<PathBuf>) -> DataDir {
    let now = NOW.parse().expect("valid instant");
    DataDir::at(root, &Clock::fixed(now, TimeZone::UTC))
}

fn answer(id: &str, n: i64) -> AnswerRecord {
    AnswerRecord {
        question_id: id.into(),
        response: Response::Bool(true),
        score: if n % 3 == 0 { 0.0 } else { 1.0 },
        verdict: if n % 3 == 0 {
            Verdict::Incorrect
        } else {
            Verdict::Correct
        },
        answered_at: Timestamp::from_second(1_772_442_000 + n * 60).expect("valid"),
        duration_ms: 5000,
    }
}

fn progress_with(answers: i64) -> Progress {
    let mut p = Progress::new();
    for n in 0..answers {
        p.record_answer("m", &answer(&format!("q{}", n % 200), n), &TimeZone::UTC);
    }
    p
}

fn profile_file(data: &DataDir, profile: &str) -> PathBuf {
    data.root()
        .join("profiles")
        .join(profile)
        .join("progress.json")
}

/// Files of the profile folder whose name starts with `prefix`.
fn files_starting(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .expect("profile folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect();
    found.sort();
    found
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/progress")
}

#[test]
fn every_format_version_has_a_fixture_that_still_loads() {
    let mut versions = Vec::new();
    for entry in fs::read_dir(fixture_dir()).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let version: u32 = name
            .strip_prefix('v')
            .and_then(|v| v.parse().ok())
            .expect("fixtures are named v<N>.json");
        let text = fs::read_to_string(&path).expect("readable");
        let progress = migrate(serde_json::from_str(&text).expect("json"))
            .unwrap_or_else(|e| panic!("{} no longer loads: {e}", path.display()));
        assert_eq!(progress.format_version(), PROGRESS_VERSION);
        versions.push(version);
    }
    versions.sort_unstable();
    let expected: Vec<u32> = (1..=PROGRESS_VERSION).collect();
    assert_eq!(versions, expected, "one fixture per format version");
}

#[test]
fn the_version_1_fixture_reads_as_written() {
    let progress =
        read_progress_file(&fixture_dir().join("v1.json")).expect("the v1 fixture loads");
    let q = progress.question("secret-q1").expect("secret-q1");
    assert_eq!(q.module_id, "secret-medical");
    assert_eq!(q.attempts.len(), 2);
    assert_eq!(q.attempts[0].verdict, Verdict::Incorrect);
    assert_eq!(q.attempts[1].duration_ms, 8000);
    assert_eq!(q.review.map(|r| r.reps), Some(2));
    // A question gone from the content keeps its history.
    assert!(progress.question("question-retiree").is_some());
    let m = progress.module("secret-medical").expect("module");
    assert_eq!(m.best.map(|b| b.ratio()), Some(0.9));
    assert!(progress.is_lesson_read("secret-medical", "derogations"));
    assert_eq!(
        progress.settings().stage_date,
        Some(jiff::civil::date(2026, 5, 4))
    );
    let unfinished = progress
        .sessions()
        .first()
        .copied()
        .expect("unfinished quiz");
    assert_eq!(unfinished.current_id(), Some("secret-q2"));
    assert_eq!(unfinished.seed, 42);
}

#[test]
fn save_then_open_gives_back_the_same_progress() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path().join("données"));
    let opened = data.open("Amélie").expect("opens");
    assert!(opened.notice.is_none());
    assert_eq!(opened.progress, Progress::new());
    let progress = progress_with(50);
    opened.store.save(&progress).expect("saves");
    drop(opened);
    let again = data.open("Amélie").expect("opens again");
    assert_eq!(again.progress, progress);
    assert_eq!(again.store.profile(), "Amélie");
    assert_eq!(data.profiles().expect("list"), vec!["Amélie".to_string()]);
}

/// Opens a profile whose file holds `bytes` and checks that the file was moved aside intact
/// and the learner told where it is, in French.
fn check_set_aside(bytes: &[u8], reason: &str) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let file = profile_file(&data, "p");
    fs::create_dir_all(file.parent().expect("parent")).expect("folder");
    fs::write(&file, bytes).expect("write");
    let opened = data
        .open("p")
        .expect("a damaged file does not stop the app");
    assert_eq!(opened.progress, Progress::new(), "a blank progress starts");
    let notice = opened.notice.expect("the learner is told");
    let dir = file.parent().expect("parent");
    let aside = files_starting(dir, "progress.json.corrupt-");
    assert_eq!(aside.len(), 1, "moved aside once: {aside:?}");
    assert_eq!(
        aside[0].file_name().and_then(|n| n.to_str()),
        Some("progress.json.corrupt-20261208T090000Z"),
        "dated by the clock"
    );
    assert_eq!(fs::read(&aside[0]).expect("aside"), bytes, "bytes intact");
    assert!(!file.exists(), "nothing written over it");
    assert!(notice.contains("était illisible"), "{notice}");
    assert!(notice.contains(reason), "{notice} should say {reason}");
    assert!(
        notice.contains(&aside[0].display().to_string()),
        "{notice} should say where"
    );
    assert!(notice.contains("rien n’a été effacé"), "{notice}");
    // The next save writes a fresh file and leaves the damaged one where it is.
    opened.store.save(&progress_with(3)).expect("saves");
    assert_eq!(fs::read(&aside[0]).expect("aside"), bytes);
}

#[test]
fn a_corrupt_file_is_moved_aside() {
    check_set_aside(b"ceci n'est pas du JSON", "ligne 1, colonne 1");
}

#[test]
fn a_truncated_file_is_moved_aside() {
    let full = serde_json::to_vec(&progress_with(20)).expect("serializes");
    check_set_aside(&full[..full.len() / 2], "fin du fichier");
}

#[test]
fn an_empty_file_is_moved_aside() {
    check_set_aside(b"", "le fichier est vide");
}

#[test]
fn a_file_of_the_wrong_type_is_moved_aside() {
    check_set_aside(b"[1, 2, 3]", "ce n’est pas un fichier de progression");
    // A progress whose one part has the wrong type: only that part is set aside.
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let file = profile_file(&data, "p");
    fs::create_dir_all(file.parent().expect("parent")).expect("folder");
    fs::write(
        &file,
        br#"{"format_version": 1, "questions": ["q1"], "settings": {"stage_date": "2026-12-14"}}"#,
    )
    .expect("write");
    let opened = data.open("p").expect("opens");
    assert!(opened.notice.expect("told").contains("1 valeur"));
    assert!(opened.progress.settings().stage_date.is_some());
    let aside = files_starting(file.parent().expect("parent"), "progress.json.invalid-");
    let kept: serde_json::Value =
        serde_json::from_slice(&fs::read(&aside[0]).expect("aside")).expect("JSON");
    assert_eq!(kept["questions"], serde_json::json!(["q1"]));
}

#[test]
fn a_file_that_is_not_utf8_is_moved_aside() {
    check_set_aside(
        b"{\"format_version\": 1, \"settings\": \"\xe9t\xe9\"}",
        "UTF-8",
    );
}

#[test]
fn a_file_from_a_newer_conseil_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let file = profile_file(&data, "p");
    fs::create_dir_all(file.parent().expect("parent")).expect("folder");
    let bytes = br#"{"format_version": 3, "questions": {"q": {"new": "shape"}}}"#;
    fs::write(&file, bytes).expect("write");
    let err = match data.open("p") {
        Err(OpenError::Failed(e)) => format!("{e:#}"),
        Err(other) => panic!("unexpected: {other}"),
        Ok(_) => panic!("a newer file must be refused"),
    };
    assert!(err.contains("format de progression 3"), "{err}");
    assert!(err.contains("plus récent"), "{err}");
    assert!(err.contains("mettez conseil à jour"), "{err}");
    assert_eq!(fs::read(&file).expect("still there"), bytes);
    assert!(files_starting(file.parent().expect("parent"), "progress.json.").is_empty());
    let read_only = data.open_read_only("p").expect_err("refused read-only too");
    assert!(format!("{read_only:#}").contains("plus récent"));
    // Nor is an import of such a file possible.
    let import = read_progress_file(&file).expect_err("refused");
    assert!(format!("{import:#}").contains("plus récent"));
    assert_eq!(fs::read(&file).expect("still there"), bytes);
}

#[test]
fn an_import_file_that_is_damaged_is_refused_and_never_moved() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("export.json");
    fs::write(&file, b"{\"format_version\": 1, ").expect("write");
    let err = format!("{:#}", read_progress_file(&file).expect_err("refused"));
    assert!(
        err.contains("n’est pas un fichier de progression lisible"),
        "{err}"
    );
    assert_eq!(
        fs::read(&file).expect("intact"),
        b"{\"format_version\": 1, "
    );
    assert_eq!(fs::read_dir(tmp.path()).expect("dir").count(), 1);
}

#[test]
fn a_second_instance_may_only_read() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let first = data.open("p").expect("first opens");
    first.store.save(&progress_with(10)).expect("saves");
    let message = match data.open("p") {
        Err(e @ OpenError::Busy { .. }) => e.to_string(),
        Err(other) => panic!("expected busy, got {other}"),
        Ok(_) => panic!("the profile is locked"),
    };
    assert!(
        message.contains("déjà ouvert dans une autre fenêtre"),
        "{message}"
    );
    assert!(message.contains("lecture seule"), "{message}");
    let second = data.open_read_only("p").expect("read-only opens");
    assert!(second.store.is_read_only());
    assert_eq!(second.progress, progress_with(10));
    let refused = second
        .store
        .save(&progress_with(11))
        .expect_err("read-only");
    assert!(
        refused.to_string().contains("lecture seule")
            && refused.to_string().contains("n’a pas été enregistrée"),
        "{refused}"
    );
    assert_eq!(
        read_progress_file(first.store.path()).expect("reads"),
        progress_with(10)
    );
    // Once the first instance is gone, the profile opens for writing again.
    drop(first);
    assert!(data.open("p").is_ok());
}

#[cfg(unix)]
#[test]
fn a_window_whose_lock_was_deleted_never_erases_the_next_one() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let first = data.open("p").expect("first opens");
    first.store.save(&progress_with(3)).expect("saves");
    // Someone deletes the lock under the running window: a second one gets in.
    let lock = first.store.path().with_file_name("progress.lock");
    fs::remove_file(&lock).expect("lock deleted");
    let second = data.open("p").expect("the second window opens");
    second
        .store
        .save(&progress_with(20))
        .expect("the second saves");
    // The first window must not write over the second's answers.
    let refused = first
        .store
        .save(&progress_with(4))
        .expect_err("not ours any more");
    assert!(
        refused
            .to_string()
            .contains("verrou du profil « p » a été supprimé"),
        "{refused}"
    );
    assert_eq!(
        read_progress_file(second.store.path()).expect("reads"),
        progress_with(20)
    );
}

/// A lock the OS lost (as a network drive may) is taken over by a second window, which writes
/// its own token into the very same file: nothing about the file tells, only its content.
#[cfg(unix)]
#[test]
fn a_window_whose_lock_was_taken_over_in_place_never_erases_the_next_one() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let first = data.open("p").expect("first opens");
    first.store.save(&progress_with(3)).expect("saves");
    let lock = first.store.path().with_file_name("progress.lock");
    let token = fs::read(&lock).expect("the lock holds a token");
    assert_eq!(token.len(), 33, "{token:?}");
    // The same file, rewritten in place by another window.
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&fs::metadata(p).expect("lock"));
    let before = inode(&lock);
    fs::write(&lock, b"0123456789abcdef0123456789abcdef\n").expect("rewritten in place");
    assert_eq!(inode(&lock), before);
    for refused in [
        first.store.save(&progress_with(4)),
        first.store.save_change(&progress_with(4), Change::Settings),
    ] {
        let refused = refused.expect_err("not ours any more");
        assert!(
            refused
                .to_string()
                .contains("verrou du profil « p » a été supprimé ou remplacé"),
            "{refused}"
        );
    }
    assert_eq!(
        read_progress_file(first.store.path()).expect("reads"),
        progress_with(3)
    );
}

/// On Windows, the lock file cannot be deleted or replaced while a window holds it, and the
/// window that holds it still saves (its lock forbids reading the file, even to itself).
#[cfg(windows)]
#[test]
fn a_held_lock_cannot_be_deleted_or_replaced() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let first = data.open("p").expect("first opens");
    let lock = first.store.path().with_file_name("progress.lock");
    assert!(fs::remove_file(&lock).is_err(), "deleted while held");
    let other = tmp.path().join("autre");
    fs::write(&other, b"x").expect("another file");
    assert!(fs::rename(&other, &lock).is_err(), "replaced while held");
    assert!(matches!(data.open("p"), Err(OpenError::Busy { .. })));
    // Written whole twice: the second replaces the progress file this window holds open.
    first.store.save(&progress_with(3)).expect("still saves");
    first
        .store
        .save(&progress_with(4))
        .expect("still saves whole");
    let mut progress = progress_with(4);
    let date = "2027-01-15".parse().expect("a date");
    assert!(progress.set_stage_date(Some(date), NOW.parse().expect("valid instant")));
    first
        .store
        .save_change(&progress, Change::Settings)
        .expect("still saves a change");
    drop(first);
    assert_eq!(data.open("p").expect("opens again").progress, progress);
}

#[cfg(unix)]
#[test]
fn files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path().join("conseil"));
    let opened = data.open("p").expect("opens");
    opened.store.save(&progress_with(2)).expect("saves");
    let mode = |p: &Path| fs::metadata(p).expect("exists").permissions().mode() & 0o777;
    let file = opened.store.path().to_path_buf();
    let dir = file.parent().expect("parent").to_path_buf();
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(&dir.join("progress.lock")), 0o600);
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&data.root().join("profiles")), 0o700);
    assert_eq!(mode(data.root()), 0o700);
    // Still private after a second save replaced the file.
    opened.store.save(&progress_with(3)).expect("saves");
    assert_eq!(mode(&file), 0o600);
}

#[test]
fn profiles_and_the_default_one() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    assert_eq!(data.profiles().expect("none"), Vec::<String>::new());
    assert_eq!(data.default_profile().expect("default"), DEFAULT_PROFILE);
    // Opening a profile creates it, as the profile screen does.
    assert_eq!(data.open(" Zoé ").expect("created").store.profile(), "Zoé");
    assert_eq!(data.default_profile().expect("the only one"), "Zoé");
    data.open("Bruno").expect("created");
    let err = data.default_profile().expect_err("ambiguous");
    assert!(err.to_string().contains("--profile"), "{err}");
    assert!(err.to_string().contains("Bruno, Zoé"), "{err}");
    data.open(DEFAULT_PROFILE).expect("created");
    assert_eq!(data.default_profile().expect("défaut"), DEFAULT_PROFILE);
    let err = data.open("../évasion").expect_err("bad name");
    assert!(format!("{err:#}").contains("« / »"), "{err:#}");
    assert!(data.open("").is_err());
    assert_eq!(
        data.profiles().expect("list"),
        vec![
            "Bruno".to_string(),
            "Zoé".to_string(),
            DEFAULT_PROFILE.to_string()
        ]
    );
}

#[test]
fn a_temporary_file_left_by_a_crash_is_cleared_at_next_open() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let opened = data.open("p").expect("opens");
    opened.store.save(&progress_with(4)).expect("saves");
    let dir = opened.store.path().parent().expect("parent").to_path_buf();
    drop(opened);
    fs::write(dir.join(".progress.json.abc123.tmp"), b"{\"format_ver").expect("litter");
    let opened = data.open("p").expect("opens");
    assert_eq!(opened.progress, progress_with(4));
    assert!(files_starting(&dir, ".progress.json.").is_empty());
}

/// Set in the child of `a_kill_at_any_moment_loses_at_most_the_answer_being_saved`: the
/// folder of the data dir the child saves into.
const SAVE_LOOP_ENV: &str = "CONSEIL_TEST_SAVE_LOOP_DIR";

/// Not a test on its own: run by `a_kill_at_any_moment_loses_at_most_the_answer_being_saved`
/// in a child process (this test binary run again with `SAVE_LOOP_ENV` set), it answers
/// quizzes in a loop as the study layer does, each answer journaled, the progress written
/// whole every 25 answers besides, until killed. Without the variable it does nothing.
#[test]
fn save_loop_child() {
    let Some(dir) = std::env::var_os(SAVE_LOOP_ENV) else {
        return;
    };
    let data = data_dir(dir);
    let opened = data.open("p").expect("the child opens the profile");
    let (store, mut progress) = (opened.store, opened.progress);
    let mut n = i64::try_from(progress.answer_count()).expect("a count of answers");
    let kind = SessionKind::Module {
        module_id: "m".into(),
    };
    let mut quiz = progress.session(&kind).cloned();
    loop {
        let session = match &mut quiz {
            Some(session) if !session.is_finished() => session,
            _ => {
                let ids = (0..30).map(|i| format!("q{}", (n + i) % 200)).collect();
                let session = QuizSession::new(kind.clone(), ids, 7, answer("x", n).answered_at);
                progress.keep_session(&session);
                store
                    .save_change(&progress, Change::Session(&session.kind))
                    .expect("the child saves the start");
                quiz.insert(session)
            }
        };
        let id = session.current_id().expect("a question left").to_owned();
        let record = answer(&id, n);
        session.answers.push(record.clone());
        progress.record_answer("m", &record, &TimeZone::UTC);
        progress.keep_session(session);
        store
            .save_change(&progress, Change::Answered(session))
            .expect("the child saves");
        n += 1;
        println!("saved {n}");
        if n % 25 == 0 {
            store.save(&progress).expect("the child writes everything");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_kill_at_any_moment_loses_at_most_the_answer_being_saved() {
    use rand::RngExt;
    use std::process::{Command, Stdio};
    use std::time::Duration;

    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    // Big enough (about 700 kB) that writing it whole takes a while and kills land in the
    // middle of such writes too, not only of appends.
    let start = 20_000;
    {
        let opened = data.open("p").expect("opens");
        opened.store.save(&progress_with(start)).expect("saves");
    }
    let exe = std::env::current_exe().expect("test binary");
    let mut rng = rand::rng();
    let mut known = usize::try_from(start).expect("not negative");
    for round in 0..40 {
        let mut child = Command::new(&exe)
            .args([
                "save_loop_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(SAVE_LOOP_ENV, tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        std::thread::sleep(Duration::from_millis(rng.random_range(20..200)));
        child.kill().expect("SIGKILL");
        let output = child.wait_with_output().expect("child reaped");
        let last_printed = String::from_utf8_lossy(&output.stdout)
            .lines()
            // The first one shares its line with the harness's « test save_loop_child ... ».
            .filter_map(|l| l.rsplit_once("saved ").map(|(_, n)| n))
            .filter_map(|n| n.parse::<usize>().ok())
            .next_back();
        let before = last_printed.unwrap_or(known);
        let opened = data
            .open("p")
            .unwrap_or_else(|e| panic!("round {round}: the profile does not load: {e}"));
        // Only a line cut short may be told (a kill can land inside the write of a line that
        // straddles two pages); that answer is the one being saved.
        assert!(
            opened
                .notice
                .as_deref()
                .is_none_or(|n| n.contains("a été interrompue")),
            "round {round}: {:?}",
            opened.notice
        );
        let count = opened.progress.answer_count();
        assert!(
            count == before || count == before + 1,
            "round {round}: {count} answers, expected {before} or {}; child said {:?}",
            before + 1,
            String::from_utf8_lossy(&output.stdout)
        );
        // The quiz to resume agrees with the history: each of its answers is there.
        for session in opened.progress.sessions() {
            for a in &session.answers {
                let q = opened.progress.question(&a.question_id).expect("answered");
                assert!(
                    q.attempts.iter().any(|t| t.at == a.answered_at),
                    "round {round}: {a:?} missing"
                );
            }
        }
        known = count;
    }
    assert!(
        known > usize::try_from(start).expect("not negative") + 40,
        "the child did save"
    );
    let dir = profile_file(&data, "p")
        .parent()
        .expect("parent")
        .to_path_buf();
    assert!(files_starting(&dir, "progress.json.corrupt").is_empty());
    assert!(files_starting(&dir, "progress.journal.corrupt").is_empty());
}

#[test]
fn one_bad_value_is_set_aside_and_everything_else_kept() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let file = profile_file(&data, "p");
    fs::create_dir_all(file.parent().expect("parent")).expect("folder");
    // Three answers, one of them with a date out of range; a module score with a negative
    // count; a setting unknown to this version (written by a later one).
    fs::write(
        &file,
        r#"{"format_version": 1,
            "questions": {
              "q1": {"module_id": "m", "attempts": [[1772442000000, 1.0, 2, 3000],
                                                   [99999999999999999, 1.0, 2, 3000]]},
              "q2": {"module_id": "m", "attempts": [[1772442060000, 0.0, 0, 4000]]}
            },
            "modules": {"m": {"lessons_read": ["l1"]},
                        "n": {"best": {"score": 1, "out_of": -3, "at": "2026-03-02T09:00:00Z"}}},
            "settings": {"stage_date": "2026-12-14", "theme": "contrast"},
            "plus_tard": {"gardé": true}}"#,
    )
    .expect("write");
    let opened = data.open("p").expect("opens");
    let notice = opened.notice.expect("the learner is told");
    assert!(
        notice.contains("2 valeurs du fichier de progression"),
        "{notice}"
    );
    assert!(notice.contains("tout le reste est gardé"), "{notice}");
    let p = &opened.progress;
    assert_eq!(p.answer_count(), 2, "the two good answers are kept");
    assert!(p.is_lesson_read("m", "l1"));
    assert_eq!(
        p.settings().stage_date,
        Some(jiff::civil::date(2026, 12, 14))
    );
    // The values left out are aside, with where they stood.
    let aside = files_starting(file.parent().expect("parent"), "progress.json.invalid-");
    assert_eq!(aside.len(), 1, "{aside:?}");
    let kept: serde_json::Value =
        serde_json::from_slice(&fs::read(&aside[0]).expect("aside")).expect("JSON");
    assert!(kept.get("questions.q1.attempts[1]").is_some(), "{kept}");
    assert!(kept.get("modules.n").is_some(), "{kept}");
    // Fields unknown to this version survive a save, at every level.
    opened.store.save(&opened.progress).expect("saves");
    let saved: serde_json::Value =
        serde_json::from_slice(&fs::read(&file).expect("file")).expect("JSON");
    assert_eq!(saved["plus_tard"]["gardé"], true);
    assert_eq!(saved["settings"]["theme"], "contrast");
}

#[test]
fn a_profile_folder_written_decomposed_is_the_same_profile() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    // « Amélie » as some systems store file names: « e » then the combining accent.
    let folder = tmp.path().join("profiles").join("Ame\u{301}lie");
    fs::create_dir_all(&folder).expect("folder");
    let saved = progress_with(5);
    fs::write(
        folder.join("progress.json"),
        serde_json::to_vec(&saved).expect("JSON"),
    )
    .expect("write");
    assert_eq!(data.profiles().expect("list"), vec!["Amélie".to_string()]);
    let opened = data.open("Amélie").expect("opens");
    assert_eq!(
        opened.progress, saved,
        "the same profile, not a new empty one"
    );
    drop(opened);
    assert_eq!(
        fs::read_dir(tmp.path().join("profiles"))
            .expect("list")
            .count(),
        1,
        "no second folder"
    );
}
