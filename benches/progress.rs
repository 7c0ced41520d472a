//! The progress file and its journal.
//!
//! - Recording one answer as the study layer does (graded, recorded, its session kept, saved
//!   to a real file with its sync) with 1,000 and with 200,000 answers already stored: the
//!   cost must not grow with the history (within 1.5×) and stay under 2 ms. A sync of a few
//!   hundred bytes appended to a file, alone, is measured beside them: it is most of an
//!   answer's cost and depends on the disk, not on conseil; and the 200,000 case once more in
//!   memory (`/dev/shm`, where a sync costs nothing), for conseil's own share.
//! - Writing a progress of 100,000 answers whole (done once per journal's worth of answers)
//!   and reading it back: under 30 ms each.
//! - The whole process from start to its first frame in a pseudo-terminal, on a profile of
//!   200,000 answers and on none: within 2× of each other.

use std::fs::OpenOptions;
use std::hint::black_box;
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use conseil::clock::Clock;
use conseil::content::load::Catalog;
use conseil::domain::content::Module;
use conseil::domain::progress::Progress;
use conseil::domain::question::{Question, Response, Verdict};
use conseil::domain::session::{AnswerRecord, QuizSession, SessionKind};
use conseil::store::profiles::DataDir;
use conseil::study::Study;

/// `answers` answers spread over the questions of the built-in modules, one a minute: the
/// home screen's figures and the due reviews read every one.
fn progress_of(answers: u32) -> Progress {
    let catalog = Catalog::load(&[]);
    let questions: Vec<(String, String)> = catalog
        .modules
        .iter()
        .flat_map(|m| m.all_questions().map(|q| (m.id.clone(), q.id().to_owned())))
        .collect();
    let mut progress = Progress::new();
    for n in 0..answers {
        let (module_id, question_id) = &questions[n as usize % questions.len()];
        let right = n % 4 != 0;
        let answer = AnswerRecord {
            question_id: question_id.clone(),
            response: Response::Bool(right),
            score: if right { 1.0 } else { 0.0 },
            verdict: if right {
                Verdict::Correct
            } else {
                Verdict::Incorrect
            },
            answered_at: Timestamp::from_second(1_767_225_600 + i64::from(n) * 61)
                .unwrap_or(Timestamp::UNIX_EPOCH),
            duration_ms: 4_000 + u64::from(n % 50) * 317,
        };
        progress.record_answer(module_id, &answer, &TimeZone::UTC);
    }
    progress
}

/// A true/false question of the built-in modules, answered over and over.
fn true_false_module(catalog: &Catalog) -> &Module {
    catalog
        .modules
        .iter()
        .find(|m| {
            m.questions
                .iter()
                .filter(|q| matches!(q, Question::TrueFalse(_)))
                .count()
                >= 3
        })
        .unwrap_or_else(|| panic!("a module with true/false questions"))
}

/// The time to record one answer with `stored` answers already in the profile.
fn record_one_answer(c: &mut Criterion, stored: u32, name: &str, tmp: &tempfile::TempDir) {
    let catalog = Catalog::load(&[]);
    let module = true_false_module(&catalog);
    let questions: Vec<_> = module
        .questions
        .iter()
        .filter(|q| matches!(q, Question::TrueFalse(_)))
        .collect();
    let ids: Vec<String> = questions.iter().map(|q| q.id().to_owned()).collect();
    let data = DataDir::at(tmp.path(), &Clock::system());
    {
        let opened = data.open("bench").unwrap_or_else(|e| panic!("open: {e}"));
        opened
            .store
            .save(&progress_of(stored))
            .unwrap_or_else(|e| panic!("save: {e}"));
    }
    let mut study = Study::new(Clock::system(), Some(1));
    study.open(
        data.open("bench").unwrap_or_else(|e| panic!("open: {e}")),
        &catalog,
    );
    let kind = SessionKind::Module {
        module_id: module.id.clone(),
    };
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                if study.playing().is_none_or(QuizSession::is_finished) {
                    study.finish();
                    let seed = study.next_seed();
                    let session =
                        QuizSession::shuffled(kind.clone(), ids.clone(), seed, study.clock().now());
                    study.play(session);
                }
                let current = study
                    .playing()
                    .and_then(QuizSession::current_id)
                    .unwrap_or_default()
                    .to_owned();
                let question = questions
                    .iter()
                    .find(|q| q.id() == current)
                    .unwrap_or_else(|| panic!("question {current}"));
                let start = Instant::now();
                black_box(study.answer(question, &module.id, Response::Bool(true)));
                total += start.elapsed();
            }
            total
        });
    });
    assert!(study.unsaved().is_none(), "{:?}", study.unsaved());
}

/// A line of a few hundred bytes appended to a file and synced: what the disk asks of every
/// answer, whatever the program.
fn bare_sync(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(tmp.path().join("sync"))
        .unwrap_or_else(|e| panic!("open: {e}"));
    let line = [b'x'; 440];
    c.bench_function("answer/append and sync 440 bytes", |b| {
        b.iter(|| {
            file.write_all(&line)
                .and_then(|()| file.sync_data())
                .unwrap_or_else(|e| panic!("sync: {e}"));
        });
    });
}

fn answers(c: &mut Criterion) {
    let disk = || tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    bare_sync(c);
    record_one_answer(c, 1_000, "answer/record one answer, 1k stored", &disk());
    record_one_answer(c, 200_000, "answer/record one answer, 200k stored", &disk());
    // The same in memory, where a sync costs nothing: conseil's own share of an answer.
    if let Ok(memory) = tempfile::tempdir_in("/dev/shm") {
        record_one_answer(
            c,
            200_000,
            "answer/record one answer, 200k stored, in memory (/dev/shm)",
            &memory,
        );
    }
}

fn whole_file(c: &mut Criterion) {
    let progress = progress_of(100_000);
    assert_eq!(progress.answer_count(), 100_000);
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let data = DataDir::at(tmp.path(), &Clock::system());
    let opened = data.open("bench").unwrap_or_else(|e| panic!("open: {e}"));
    opened
        .store
        .save(&progress)
        .unwrap_or_else(|e| panic!("save: {e}"));
    let size = std::fs::metadata(opened.store.path()).map_or(0, |m| m.len());
    eprintln!("progress file: {:.1} MB", size as f64 / 1e6);

    let mut group = c.benchmark_group("progress");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(3));
    group.bench_function("save 100k answers", |b| {
        b.iter(|| opened.store.save(black_box(&progress)));
    });
    drop(opened);
    group.bench_function("load 100k answers", |b| {
        b.iter(|| {
            let opened = data.open("bench").unwrap_or_else(|e| panic!("open: {e}"));
            black_box(opened.progress.answer_count())
        });
    });
    group.finish();
}

/// Time from spawning `conseil` on `data` in a pseudo-terminal to the first frame of its home
/// screen.
fn start_to_first_frame(data: &Path) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap_or_else(|e| panic!("pty: {e}"));
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_conseil"));
    cmd.arg("--data-dir");
    cmd.arg(data);
    cmd.env("TERM", "xterm-256color");
    let mut reader = pair
        .master
        .try_clone_reader()
        .unwrap_or_else(|e| panic!("reader: {e}"));
    let start = Instant::now();
    let mut child = pair
        .slave
        .spawn_command(cmd)
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    let mut seen = Vec::new();
    let mut buf = [0u8; 8192];
    // « Modules » is the title of the home list: the first frame is on screen.
    while !String::from_utf8_lossy(&seen).contains("Modules") {
        let n = reader.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        seen.extend_from_slice(&buf[..n]);
    }
    let elapsed = start.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        String::from_utf8_lossy(&seen).contains("Modules"),
        "no home screen"
    );
    elapsed
}

/// The first frame on an empty data dir and on a profile of 200,000 answers to the built-in
/// questions (the home screen's figures read them all).
fn first_frame(c: &mut Criterion) {
    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let heavy = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    {
        let opened = DataDir::at(heavy.path(), &Clock::system())
            .open("bench")
            .unwrap_or_else(|e| panic!("open: {e}"));
        opened
            .store
            .save(&progress_of(200_000))
            .unwrap_or_else(|e| panic!("save: {e}"));
    }
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    for (name, data) in [
        ("first frame, no profile", empty.path()),
        ("first frame, 200k answers", heavy.path()),
    ] {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| (0..iters).map(|_| start_to_first_frame(data)).sum());
        });
    }
    group.finish();
}

criterion_group!(benches, answers, whole_file, first_frame);
criterion_main!(benches);
