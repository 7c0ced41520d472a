//! Saving and loading a progress file of 100,000 answers and 5,000 review states: a heavy
//! user after years of use. Target: under 30 ms each, so that a save after every answer never
//! holds up the screen.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use conseil::clock::Clock;
use conseil::domain::progress::Progress;
use conseil::domain::question::{Response, Verdict};
use conseil::domain::session::AnswerRecord;
use conseil::store::profiles::DataDir;

const ANSWERS: u32 = 100_000;
const QUESTIONS: u32 = 5_000;

/// 20 answers to each of 5,000 questions of 50 modules, over about ten weeks.
fn heavy_progress() -> Progress {
    let mut progress = Progress::new();
    for n in 0..ANSWERS {
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

fn progress_file(c: &mut Criterion) {
    let progress = heavy_progress();
    assert_eq!(u32::try_from(progress.answer_count()), Ok(ANSWERS));
    assert_eq!(u32::try_from(progress.questions().len()), Ok(QUESTIONS));
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

criterion_group!(benches, progress_file);
criterion_main!(benches);
