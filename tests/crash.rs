//! The real binary killed (SIGKILL) again and again while a learner answers in plain mode:
//! each time, the profile opens with every answer conseil confirmed, at most one more (the
//! one being saved), never a damaged file, and the quiz to resume agrees with the history.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use conseil::content::load::Catalog;
use conseil::domain::progress::Progress;
use conseil::domain::session::SessionKind;
use conseil::store::profiles::DataDir;
use conseil::study::practice;
use jiff::{SignedDuration, Timestamp};
use rand::RngExt;

mod support;

/// Profiles killed in parallel, each in a data dir of its own, and kills per profile: 200
/// kills in all.
const PROFILES: usize = 4;
const KILLS: usize = 50;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crash")
}

/// `conseil quiz essai-arret --plain --json` on `data`, at `now`, answering « vrai » to
/// everything (every question of the module is true) from a pipe.
fn quiz(data: &Path, now: Timestamp) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_conseil"));
    cmd.env("CONSEIL_NOW", now.to_string())
        .env("TZ", support::TZ)
        .env("HOME", "/nonexistent")
        .env_remove("CONSEIL_DATA_DIR")
        .env_remove("CONSEIL_CONTENT")
        .arg("--data-dir")
        .arg(data)
        .arg("--content")
        .arg(fixture())
        .args(["quiz", "essai-arret", "--plain", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    cmd
}

/// One run killed after `wait_for` answers and `then` more: returns the answers conseil
/// confirmed (a `result` line is written once the answer is saved).
fn killed_run(data: &Path, now: Timestamp, wait_for: usize, then: Duration) -> usize {
    let mut child = quiz(data, now).spawn().expect("conseil starts");
    let mut stdin = child.stdin.take().expect("stdin");
    // More than a quiz asks: the run ends by a kill, or by the quiz's end.
    let _ = stdin.write_all("v\n".repeat(60).as_bytes());
    drop(stdin);
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut results = 0;
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.starts_with(r#"{"type":"result""#) {
                results += 1;
                let _ = tx.send(results);
            }
        }
        results
    });
    let mut seen = 0;
    while seen < wait_for {
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(n) => seen = n,
            // The quiz ended (its last question answered) or conseil is stuck: the check
            // after the kill tells which.
            Err(_) => break,
        }
    }
    std::thread::sleep(then);
    let _ = child.kill();
    let _ = child.wait();
    reader.join().expect("reader")
}

/// What the kills of one profile found.
#[derive(Debug, Default)]
struct Found {
    /// Answers the profile holds at the end.
    answers: usize,
    /// Kills after which the profile held one answer more than conseil had confirmed: the
    /// kill came after the answer was saved, before it was said.
    one_more: usize,
    /// Kills that cut a line of the journal short (that answer lost, and told).
    torn: usize,
}

/// Kills conseil `KILLS` times on a profile of its own.
fn kill_loop(data: &Path, seed: u64, catalog: &Catalog) -> Found {
    let mut rng = rand::rng();
    let store = DataDir::at(data, &support::clock());
    let mut found = Found::default();
    let mut known = 0;
    for round in 0..KILLS {
        // Each run an hour after the last: two runs never answer at the same millisecond,
        // which would be one answer.
        let hours =
            i64::try_from(round).expect("few rounds") + i64::try_from(seed).expect("small") * 1000;
        let now = support::now() + SignedDuration::from_hours(hours);
        let wait_for = rng.random_range(0..6);
        let then = Duration::from_micros(rng.random_range(0..4000));
        let confirmed = killed_run(data, now, wait_for, then);
        let mut opened = store
            .open("défaut")
            .unwrap_or_else(|e| panic!("round {round}: the profile does not open: {e}"));
        // The quiz is kept by its seed: its questions come back from the content.
        practice::draw_sessions(&mut opened.progress, catalog);
        // Only a line cut short may be told: a kill can land inside the write of a line
        // that straddles two pages, and that answer is the one being saved.
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
            count == known + confirmed || count == known + confirmed + 1,
            "round {round}: {count} answers, {known} before and {confirmed} confirmed"
        );
        agrees(&opened.progress, round);
        found.one_more += usize::from(count > known + confirmed);
        found.torn += usize::from(opened.notice.is_some());
        known = count;
    }
    found.answers = known;
    found
}

/// The quiz to resume holds only answers of the history, and they are right.
fn agrees(progress: &Progress, round: usize) {
    let kind = SessionKind::Module {
        module_id: "essai-arret".into(),
    };
    assert!(
        !progress.has_undrawn_session(&kind),
        "round {round}: the quiz kept by its seed is drawn again"
    );
    for session in progress.sessions() {
        assert!(session.answers.len() <= session.len(), "round {round}");
        for (answer, id) in session.answers.iter().zip(&session.question_ids) {
            assert_eq!(&answer.question_id, id, "round {round}");
            let history = progress.question(id).expect("in the history");
            // The history keeps the millisecond.
            let at = answer.answered_at.as_millisecond();
            assert!(
                history.attempts.iter().any(|a| a.at.as_millisecond() == at),
                "round {round}: {answer:?} not in the history"
            );
        }
    }
    assert!(
        progress
            .questions()
            .values()
            .flat_map(|q| &q.attempts)
            .all(|a| a.score == 1.0),
        "round {round}: every answer was « vrai », and right"
    );
}

#[test]
fn killed_two_hundred_times_while_answering_loses_at_most_the_answer_being_saved() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let catalog = Catalog::load(&[fixture()]);
    let found: Vec<Found> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..PROFILES)
            .map(|p| {
                let data = tmp.path().join(format!("profil-{p}"));
                let catalog = &catalog;
                scope.spawn(move || kill_loop(&data, p as u64, catalog))
            })
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("kill loop"))
            .collect()
    });
    // Seen with --nocapture: where the kills landed.
    eprintln!("{found:?}");
    // The kills did not all land before the first answer.
    assert!(found.iter().all(|f| f.answers >= KILLS), "{found:?}");
}
