//! The progress journal: an answer is a line appended to `progress.journal`, the progress
//! file is written whole now and then, and whatever state a crash leaves the two files in
//! reads back as before or after a change, never less.

use std::fs;
use std::path::{Path, PathBuf};

use conseil::clock::Clock;
use conseil::domain::progress::{Change, PROGRESS_VERSION, Progress, migrate};
use conseil::domain::question::{Response, Verdict};
use conseil::domain::session::{AnswerRecord, QuizSession, SessionKind};
use conseil::store::profiles::{DataDir, OpenError, Opened, Store};
use jiff::Timestamp;
use jiff::tz::TimeZone;

mod support;

/// The instant these tests run at: it dates the files set aside.
const NOW: &str = "2026-12-08T09:00:00Z";

fn data_dir(root: &Path) -> DataDir {
    let now = NOW.parse().expect("valid instant");
    DataDir::at(root, &Clock::fixed(now, TimeZone::UTC))
}

fn folder(data: &DataDir) -> PathBuf {
    data.root().join("profiles").join("p")
}

/// A quiz of module m over `n` questions, started `start` minutes after the first answer.
fn quiz(n: usize, start: i64) -> QuizSession {
    QuizSession::new(
        SessionKind::Module {
            module_id: "m".into(),
        },
        (0..n).map(|i| format!("q{i}")).collect(),
        7,
        at(start),
    )
}

fn at(minutes: i64) -> Timestamp {
    Timestamp::from_second(1_772_442_000 + minutes * 60).expect("valid")
}

/// A learner at work on profile p: her progress, its store, the quiz she is taking.
struct Learner {
    opened: Opened,
    quiz: QuizSession,
    /// Minutes since the first answer, for the next one.
    clock: i64,
}

impl Learner {
    fn open(data: &DataDir, questions: usize) -> Learner {
        let opened = data.open("p").expect("opens");
        let mut learner = Learner {
            opened,
            quiz: quiz(questions, 0),
            clock: 1,
        };
        learner.start(questions);
        learner
    }

    /// Starts a new quiz, as the study layer does: kept, then saved as a change.
    fn start(&mut self, questions: usize) {
        self.quiz = quiz(questions, self.clock);
        self.clock += 1;
        self.opened.progress.keep_session(&self.quiz);
        let Opened {
            store, progress, ..
        } = &self.opened;
        store
            .save_change(progress, Change::Session(&self.quiz.kind))
            .expect("saves the start");
    }

    /// Answers the current question (every third one wrong), as the study layer does.
    fn answer(&mut self) {
        if self.quiz.is_finished() {
            self.start(self.quiz.len());
        }
        let id = self.quiz.current_id().expect("a question left").to_owned();
        let right = self.clock % 3 != 0;
        let record = support::true_false_answer(&id, right, at(self.clock), 4000);
        self.clock += 1;
        self.quiz.answers.push(record.clone());
        let progress = &mut self.opened.progress;
        progress.record_answer("m", &record, &TimeZone::UTC);
        progress.keep_session(&self.quiz);
        self.opened
            .store
            .save_change(&self.opened.progress, Change::Answered(&self.quiz))
            .expect("saves the answer");
    }

    fn store(&self) -> &Store {
        &self.opened.store
    }

    fn progress(&self) -> &Progress {
        &self.opened.progress
    }
}

/// `progress` as its files give it back: its module quiz kept by its seed, its questions
/// not drawn again from the content yet (the study layer does that).
fn as_read(progress: &Progress) -> Progress {
    serde_json::from_value(serde_json::to_value(progress).expect("serializes")).expect("reads")
}

/// The questions of module m's quiz over `n` questions, as the content would give them.
fn draw(progress: &mut Progress, n: usize) {
    progress.draw_sessions(|kind, seed| {
        (kind == &quiz(n, 0).kind && seed == 7).then(|| quiz(n, 0).question_ids)
    });
}

/// The profile as a new window reads it: its progress and what it was told.
fn reopen(data: &DataDir) -> (Progress, Option<String>) {
    let opened = data.open("p").expect("opens");
    (opened.progress, opened.notice)
}

fn journal_lines(data: &DataDir) -> usize {
    fs::read(folder(data).join("progress.journal"))
        .expect("a journal")
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count()
}

/// Names in the profile folder starting with `prefix`, sorted.
fn names_starting(dir: &Path, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("profile folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

/// Copies every file of `from` into `to` (a fresh folder), the lock aside.
fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("folder");
    for entry in fs::read_dir(from).expect("list").filter_map(Result::ok) {
        if entry.file_name() != "progress.lock" {
            fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

#[test]
fn an_answer_is_one_line_appended_and_the_progress_file_is_left_alone() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let mut learner = Learner::open(&data, 5);
    let file = folder(&data).join("progress.json");
    let written = fs::read(&file).expect("the first change writes the progress file");
    assert_eq!(
        journal_lines(&data),
        1,
        "a journal with its first line only"
    );
    for _ in 0..3 {
        learner.answer();
    }
    assert_eq!(
        fs::read(&file).expect("still there"),
        written,
        "not rewritten"
    );
    assert_eq!(journal_lines(&data), 4);
    let journal = fs::read_to_string(folder(&data).join("progress.journal")).expect("text");
    let last = journal.lines().last().expect("a line");
    // The answer, its question's state and its place in the quiz, not the quiz again.
    assert!(
        last.contains(r#""step":"#) && last.contains(r#""q2":"#),
        "{last}"
    );
    assert!(!last.contains("question_ids"), "{last}");
    let expected = as_read(learner.progress());
    drop(learner);
    let (mut progress, notice) = reopen(&data);
    assert_eq!(notice, None);
    assert_eq!(progress, expected);
    assert_eq!(progress.answer_count(), 3);
    draw(&mut progress, 5);
    assert_eq!(
        progress.sessions()[0].position(),
        3,
        "the quiz resumes at question 4"
    );
}

#[test]
fn a_long_journal_is_folded_into_the_progress_file() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let mut learner = Learner::open(&data, 20);
    let journal = folder(&data).join("progress.journal");
    let mut longest = 0;
    let mut folded = 0;
    for _ in 0..400 {
        let before = fs::metadata(&journal).expect("journal").len();
        learner.answer();
        let after = fs::metadata(&journal).expect("journal").len();
        longest = longest.max(after);
        folded += usize::from(after < before);
    }
    assert!(folded >= 1, "the journal was started again");
    assert!(longest <= 64 * 1024 + 1024, "{longest} bytes");
    let expected = as_read(learner.progress());
    drop(learner);
    assert_eq!(reopen(&data), (expected, None));
}

/// A temporary folder in memory when the system has one (`/dev/shm`): a test that writes a
/// profile whole hundreds of times would otherwise wait on as many syncs of the disk, which
/// it does not test.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn a_journal_cut_at_every_byte_of_its_last_line_loads_cleanly() {
    let tmp = scratch();
    let data = data_dir(&tmp.path().join("source"));
    let mut learner = Learner::open(&data, 5);
    learner.answer();
    let before_last = as_read(learner.progress());
    learner.answer();
    let after_last = as_read(learner.progress());
    drop(learner);
    let journal = fs::read(folder(&data).join("progress.journal")).expect("journal");
    let last_start = journal[..journal.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .expect("several lines")
        + 1;
    // Each cut in a folder of its own; several at once, for the syncs of the files written
    // to overlap.
    let cuts: Vec<usize> = (last_start..=journal.len()).collect();
    let source = folder(&data);
    std::thread::scope(|scope| {
        for share in cuts.chunks(cuts.len().div_ceil(4)) {
            let (tmp, source, journal) = (tmp.path(), &source, &journal);
            let (before_last, after_last) = (&before_last, &after_last);
            scope.spawn(move || {
                for &cut in share {
                    let expected = if cut == journal.len() {
                        after_last
                    } else {
                        before_last
                    };
                    let quiet = cut == last_start || cut == journal.len();
                    check_cut(tmp, source, &journal[..cut], last_start, expected, quiet);
                }
            });
        }
    });
}

/// Loads a copy of the profile folder `source` whose journal is `cut`, its last line starting
/// at `last_start`: `expected` comes back, and the piece of a line is set aside and told
/// unless `quiet`.
fn check_cut(
    tmp: &Path,
    source: &Path,
    cut: &[u8],
    last_start: usize,
    expected: &Progress,
    quiet: bool,
) {
    let at = cut.len();
    let copy = data_dir(&tmp.join(format!("cut-{at}")));
    copy_folder(source, &folder(&copy));
    fs::write(folder(&copy).join("progress.journal"), cut).expect("cut");
    // A window that only reads says nothing of a last line without its end: it may be the
    // other window writing it.
    let read_only = copy.open_read_only("p").expect("reads");
    assert_eq!(&read_only.progress, expected, "cut at {at}, read only");
    assert_eq!(read_only.notice, None, "cut at {at}");
    let (progress, notice) = reopen(&copy);
    assert_eq!(&progress, expected, "cut at {at}");
    let aside = names_starting(&folder(&copy), "progress.journal.invalid-");
    if quiet {
        assert_eq!(notice, None, "cut at {at}");
        assert!(aside.is_empty(), "cut at {at}: {aside:?}");
    } else {
        let notice = notice.unwrap_or_else(|| panic!("cut at {at}: not told"));
        assert!(
            notice.contains("a été interrompue") && notice.contains("tout le reste est gardé"),
            "{notice}"
        );
        assert_eq!(aside, vec!["progress.journal.invalid-20261208T090000Z"]);
        let kept = fs::read(folder(&copy).join(&aside[0])).expect("aside");
        assert_eq!(kept, &cut[last_start..], "the piece, as it was");
        assert!(notice.contains(&aside[0]), "{notice}");
    }
    // The piece is gone from the journal: the next opening is quiet.
    assert_eq!(reopen(&copy), (expected.clone(), None), "cut at {at}");
}

#[test]
fn a_damaged_line_is_set_aside_and_the_lines_around_it_kept() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let mut learner = Learner::open(&data, 5);
    for _ in 0..3 {
        learner.answer();
    }
    drop(learner);
    let path = folder(&data).join("progress.journal");
    let text = fs::read_to_string(&path).expect("journal");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    // The second answer's line (after the journal's first line and the first answer's; the
    // quiz's start is in the progress file): a changed letter fails its checksum.
    let damaged = lines[2].replacen(r#""seed":7"#, r#""seed":8"#, 1);
    assert_ne!(damaged, lines[2]);
    lines[2].clone_from(&damaged);
    fs::write(&path, lines.join("\n") + "\n").expect("write");
    // A window that only reads says so, and leaves the line where it is.
    let read_only = data.open_read_only("p").expect("reads");
    let said = read_only.notice.expect("told");
    assert!(
        said.starts_with("1 ligne du journal de progression")
            && said.contains("est illisible et n’est pas montrée"),
        "{said}"
    );
    assert_eq!(read_only.progress.answer_count(), 2);
    let (mut progress, notice) = reopen(&data);
    draw(&mut progress, 5);
    let notice = notice.expect("told");
    assert!(notice.contains("1 ligne du journal"), "{notice}");
    assert!(notice.contains("était illisible"), "{notice}");
    // The first and third answers are kept; the quiz stops where its answers stop following.
    assert_eq!(progress.answer_count(), 2);
    assert_eq!(progress.sessions()[0].position(), 1);
    let aside = names_starting(&folder(&data), "progress.journal.invalid-");
    let kept = fs::read_to_string(folder(&data).join(&aside[0])).expect("aside");
    assert_eq!(kept, damaged + "\n");
}

#[test]
fn every_step_of_writing_the_progress_whole_leaves_files_that_read_the_same() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(&tmp.path().join("live"));
    let mut learner = Learner::open(&data, 6);
    for _ in 0..4 {
        learner.answer();
    }
    let expected = as_read(learner.progress());
    let live = folder(&data);
    let before = tmp.path().join("before");
    copy_folder(&live, &before);
    learner
        .store()
        .save(learner.progress())
        .expect("writes whole");
    let after = tmp.path().join("after");
    copy_folder(&live, &after);
    drop(learner);
    let file = |dir: &Path, name: &str| fs::read(dir.join(name)).expect("file");
    assert_ne!(
        file(&before, "progress.json"),
        file(&after, "progress.json")
    );
    assert!(file(&after, "progress.journal").len() < file(&before, "progress.journal").len());
    // Each write is a rename of a synced file: a crash leaves one of these three states. In
    // the middle one the new progress file stands beside the old journal, which it names as
    // stale.
    let states = [
        ("before", &before, &before),
        ("middle", &after, &before),
        ("after", &after, &after),
    ];
    for (name, snapshot, journal) in states {
        let state = data_dir(&tmp.path().join(format!("state-{name}")));
        fs::create_dir_all(folder(&state)).expect("folder");
        for (file_name, from) in [("progress.json", snapshot), ("progress.journal", journal)] {
            fs::copy(from.join(file_name), folder(&state).join(file_name)).expect("copy");
        }
        assert_eq!(
            state.open_read_only("p").expect("reads").progress,
            expected,
            "{name}, read only"
        );
        assert_eq!(reopen(&state), (expected.clone(), None), "{name}");
        assert_eq!(reopen(&state), (expected.clone(), None), "{name}, again");
    }
}

#[test]
fn a_journal_that_extends_no_progress_file_is_set_aside_unread() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let mut learner = Learner::open(&data, 3);
    learner.answer();
    drop(learner);
    let dir = folder(&data);
    // The progress file is gone (deleted by hand): its journal extends nothing.
    fs::remove_file(dir.join("progress.json")).expect("removed");
    let journal = fs::read(dir.join("progress.journal")).expect("journal");
    let (progress, notice) = reopen(&data);
    assert_eq!(progress, Progress::new());
    let notice = notice.expect("told");
    assert!(notice.contains("ne se rattache pas"), "{notice}");
    let aside = names_starting(&dir, "progress.journal.corrupt-");
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read(dir.join(&aside[0])).expect("aside"), journal);
    // A journal whose first line is unreadable is set aside the same way.
    let mut learner = Learner::open(&data, 3);
    learner.answer();
    drop(learner);
    fs::write(dir.join("progress.journal"), b"n'importe quoi\n").expect("write");
    let (progress, notice) = reopen(&data);
    assert_eq!(progress.answer_count(), 0, "the answer was in the journal");
    assert!(notice.expect("told").contains("mis de côté"));
}

#[test]
fn a_journal_from_a_newer_conseil_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    drop(Learner::open(&data, 3));
    let path = folder(&data).join("progress.journal");
    let header = br#"{"format_version":99,"journal":1}"#;
    let line = format!("{:08x} ", crc32(header)).into_bytes();
    let bytes = [line.as_slice(), header, b"\n"].concat();
    fs::write(&path, &bytes).expect("write");
    let err = match data.open("p") {
        Err(OpenError::Failed(e)) => format!("{e:#}"),
        Err(other) => panic!("unexpected: {other}"),
        Ok(_) => panic!("a newer journal must be refused"),
    };
    assert!(
        err.contains("format 99") && err.contains("mettez conseil à jour"),
        "{err}"
    );
    assert!(data.open_read_only("p").is_err());
    assert_eq!(fs::read(&path).expect("still there"), bytes);
}

/// CRC-32 (IEEE), bit by bit: the checksum of a journal line, written here the slow way.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0_u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                0xEDB8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_version_1_profile_is_written_in_version_2_at_once_and_reads_the_same() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/progress");
    let v1 = fs::read_to_string(fixtures.join("v1.json")).expect("fixture");
    let v2 = fs::read_to_string(fixtures.join("v2.json")).expect("fixture");
    let from_v1 = migrate(serde_json::from_str(&v1).expect("JSON")).expect("reads");
    let from_v2 = migrate(serde_json::from_str(&v2).expect("JSON")).expect("reads");
    assert_eq!(from_v1, from_v2, "the two fixtures hold the same progress");
    fs::create_dir_all(folder(&data)).expect("folder");
    fs::write(folder(&data).join("progress.json"), &v1).expect("write");
    let (progress, notice) = reopen(&data);
    assert_eq!(notice, None);
    assert_eq!(progress, from_v1);
    let written: serde_json::Value =
        serde_json::from_slice(&fs::read(folder(&data).join("progress.json")).expect("rewritten"))
            .expect("JSON");
    assert_eq!(written["format_version"], PROGRESS_VERSION);
    assert!(written.get("unfinished").is_none());
    assert!(written["journal"].is_u64(), "{written}");
    // Its quiz keeps its list of questions until the content is seen to give the same.
    assert!(
        written["sessions"]["module:secret-medical"]["question_ids"].is_array(),
        "{written}"
    );
    assert_eq!(journal_lines(&data), 1);
    assert_eq!(reopen(&data), (from_v1, None));
}

#[test]
fn files_deleted_under_a_running_window_are_written_again_whole() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let mut learner = Learner::open(&data, 6);
    learner.answer();
    let dir = folder(&data);
    // The journal deleted: appending to the file still open would write where nobody reads.
    fs::remove_file(dir.join("progress.journal")).expect("removed");
    learner.answer();
    assert!(dir.join("progress.journal").exists());
    // The progress file deleted: the journal alone would extend nothing.
    fs::remove_file(dir.join("progress.json")).expect("removed");
    learner.answer();
    assert!(dir.join("progress.json").exists());
    let expected = as_read(learner.progress());
    drop(learner);
    assert_eq!(reopen(&data), (expected.clone(), None));
    assert_eq!(expected.answer_count(), 3);
}

#[test]
fn a_journal_that_cannot_be_started_takes_no_answer_and_everything_is_written_later() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let mut learner = Learner::open(&data, 6);
    learner.answer();
    let dir = folder(&data);
    // A folder where the journal goes: the progress file is written, its journal cannot be.
    fs::remove_file(dir.join("progress.journal")).expect("removed");
    fs::create_dir_all(dir.join("progress.journal").join("bloque")).expect("folder");
    learner.quiz.answers.push(AnswerRecord {
        question_id: "q1".into(),
        response: Response::Bool(true),
        score: 1.0,
        verdict: Verdict::Correct,
        answered_at: at(100),
        duration_ms: 1000,
    });
    let record = learner.quiz.answers.last().expect("answer").clone();
    learner
        .opened
        .progress
        .record_answer("m", &record, &TimeZone::UTC);
    learner.opened.progress.keep_session(&learner.quiz);
    let failed = learner
        .store()
        .save_change(learner.progress(), Change::Answered(&learner.quiz));
    assert!(failed.is_err(), "no journal, no answer saved");
    // Nothing is appended to the old journal meanwhile: its progress file is the new one.
    fs::remove_dir_all(dir.join("progress.journal")).expect("cleared");
    learner.answer();
    let expected = as_read(learner.progress());
    assert_eq!(expected.answer_count(), 3);
    drop(learner);
    assert_eq!(reopen(&data), (expected, None));
}

#[test]
fn a_window_that_only_reads_sees_the_answers_of_the_journal() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let mut learner = Learner::open(&data, 6);
    for _ in 0..3 {
        learner.answer();
        let seen = data.open_read_only("p").expect("reads").progress;
        assert_eq!(seen, as_read(learner.progress()));
    }
}

#[test]
fn a_temporary_journal_left_by_a_crash_is_cleared_at_next_open() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path());
    let mut learner = Learner::open(&data, 3);
    learner.answer();
    let expected = as_read(learner.progress());
    drop(learner);
    let dir = folder(&data);
    fs::write(dir.join(".progress.journal.abc123.tmp"), b"0000").expect("litter");
    assert_eq!(reopen(&data), (expected, None));
    assert!(names_starting(&dir, ".progress.journal.").is_empty());
}
