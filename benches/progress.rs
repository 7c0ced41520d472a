//! The progress file and its journal.
//!
//! - Recording one answer as the study layer does (graded, recorded, its session kept, saved
//!   to a real file with its sync) with 1,000 and with 200,000 answers already stored: the
//!   cost must not grow with the history (within 1.5×) and stay under 2 ms. A sync of a few
//!   hundred bytes appended to a file, alone, is measured beside them: it is most of an
//!   answer's cost and depends on the disk, not on conseil.
//! - Writing a progress of 100,000 answers whole (done once per journal's worth of answers)
//!   and reading it back: under 30 ms each.

use std::fs::OpenOptions;
use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use conseil::clock::Clock;
use conseil::content::load::Catalog;
use conseil::domain::content::Module;
use conseil::domain::progress::Progress;
use conseil::domain::question::{Question, Response, Verdict};
use conseil::domain::session::{AnswerRecord, QuizSession, SessionKind};
use conseil::store::profiles::DataDir;
use conseil::study::Study;

const QUESTIONS: u32 = 5_000;

/// `answers` answers spread over 5,000 questions of 50 modules, one a minute.
fn progress_of(answers: u32) -> Progress {
    let mut progress = Progress::new();
    for n in 0..answers {
        let question = n % QUESTIONS;
        let right = n % 4 != 0;
        let answer = AnswerRecord {
            question_id: format!("module-{}.question-{question}", question / 100),
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
        progress.record_answer(
            &format!("module-{}", question / 100),
            &answer,
            &TimeZone::UTC,
        );
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
fn record_one_answer(c: &mut Criterion, stored: u32, name: &str) {
    let catalog = Catalog::load(&[]);
    let module = true_false_module(&catalog);
    let questions: Vec<_> = module
        .questions
        .iter()
        .filter(|q| matches!(q, Question::TrueFalse(_)))
        .collect();
    let ids: Vec<String> = questions.iter().map(|q| q.id().to_owned()).collect();
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
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
    bare_sync(c);
    record_one_answer(c, 1_000, "answer/record one answer, 1k stored");
    record_one_answer(c, 200_000, "answer/record one answer, 200k stored");
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

criterion_group!(benches, answers, whole_file);
criterion_main!(benches);
