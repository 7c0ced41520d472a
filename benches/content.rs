//! Loading and validating a 10,000-question bank, against serde_json's own parse of the same
//! bytes into a `Value` (the target: no more than 1.5× that time); and `conseil check` of that
//! bank with an error in every question, against the valid bank (the target: within 3×, so
//! that placing errors stays linear).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;

use conseil::content::load::read_document;

/// A synthetic module with every kind of question, French text and explanations of a
/// realistic length; without them when not `explained`, an error in every question.
fn bank(questions: usize, explained: bool) -> String {
    let text = "Le médecin-conseil donne ses conclusions sur le plan administratif, sans indiquer \
                les raisons d’ordre médical qui les motivent (art. R. 4127-104 du CSP).";
    let qs: Vec<serde_json::Value> = (0..questions)
        .map(|i| {
            let common = json!({
                "id": format!("bench.q{i}"),
                "prompt": format!("Question n° {i} : {text}"),
                "explanation": if explained { format!("{text} {text}") } else { String::new() },
                "sources": ["s1", "s2"],
                "tags": ["secret", "déontologie"],
                "difficulty": "medium",
            });
            let mut q = common.as_object().cloned().unwrap_or_default();
            let extra = match i % 8 {
                0 => json!({"kind": "single", "choices": [{"text": "Un an"}, {"text": "Deux ans"}, {"text": "Six mois", "feedback": "Non."}], "correct": [0]}),
                1 => json!({"kind": "multiple", "choices": [{"text": "A"}, {"text": "B"}, {"text": "C"}, {"text": "D"}], "correct": [0, 2]}),
                2 => json!({"kind": "true_false", "answer": false, "feedback_true": "Non : jamais l’employeur."}),
                3 => json!({"kind": "short", "accepted": ["consolidation", {"text": "guérison", "weight": 50}]}),
                4 => json!({"kind": "numeric", "answers": [{"value": 15000}], "unit": "€"}),
                5 => json!({"kind": "order", "items": ["Signalement", "Analyse", "Entretien", "Décision"]}),
                6 => json!({"kind": "match", "pairs": [{"left": "ELSM", "right": "Échelon local"}, {"left": "DRSM", "right": "Direction régionale"}], "distractors": ["Caisse"]}),
                _ => json!({"kind": "open", "model_answer": text, "checklist": ["secret", "conclusions"]}),
            };
            if let Some(extra) = extra.as_object() {
                q.extend(extra.clone());
            }
            serde_json::Value::Object(q)
        })
        .collect();
    let module = json!({
        "format_version": 1,
        "id": "bench",
        "title": "Banque de test",
        "summary": "10 000 questions générées.",
        "sources": [{"id": "s1", "label": "CSP"}, {"id": "s2", "label": "Code pénal", "reference": "art. 226-13"}],
        "lessons": [{"id": "l", "title": "Leçon", "body": text, "sources": ["s1"]}],
        "questions": qs,
    });
    serde_json::to_string_pretty(&module).unwrap_or_default()
}

fn content(c: &mut Criterion) {
    let text = bank(10_000, true);
    let bytes = text.as_bytes();
    // The bank must be valid, or the bench would measure the error path.
    let report = read_document("bench.json", bytes);
    assert!(!report.has_errors(), "{:?}", report.diagnostics.first());

    let mut group = c.benchmark_group("bank_10k");
    group.sample_size(20);
    group.bench_function("serde_json_value", |b| {
        b.iter(|| {
            black_box(serde_json::from_slice::<serde_json::Value>(black_box(
                bytes,
            )))
        });
    });
    // The two halves of loading, to see where the time goes.
    group.bench_function("typed_parse_only", |b| {
        b.iter(|| {
            black_box(serde_json::from_slice::<conseil::domain::content::Module>(
                black_box(bytes),
            ))
        });
    });
    let module: conseil::domain::content::Module =
        serde_json::from_slice(bytes).expect("the bank parses");
    group.bench_function("validate_only", |b| {
        b.iter(|| {
            black_box(conseil::content::validate::validate_module(
                black_box(&module),
                &text,
            ))
        });
    });
    group.bench_function("load_and_validate", |b| {
        b.iter(|| black_box(read_document("bench.json", black_box(bytes))));
    });
    group.finish();
}

/// `conseil check` on the built-in content as a whole process (target: under 20 ms).
fn check_process(c: &mut Criterion) {
    let mut group = c.benchmark_group("check_builtin");
    group.sample_size(20);
    group.bench_function("whole_process", |b| {
        b.iter(|| {
            let status = std::process::Command::new(env!("CARGO_BIN_EXE_conseil"))
                .arg("check")
                .stdout(std::process::Stdio::null())
                .status()
                .expect("conseil runs");
            assert!(status.success());
        });
    });
    group.finish();
}

/// `conseil check FILE` as a whole process on the valid bank and on the same bank with an
/// empty explanation in each of its 10,000 questions: 10,000 errors placed and printed.
fn check_errors(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let valid = dir.path().join("valide.json");
    let broken = dir.path().join("erreurs.json");
    std::fs::write(&valid, bank(10_000, true)).expect("written");
    std::fs::write(&broken, bank(10_000, false)).expect("written");
    let check = |file: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_conseil"))
            .arg("check")
            .arg(file)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("conseil runs")
            .code()
    };
    // The broken bank must report its 10,000 errors, or the bench would measure nothing.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_conseil"))
        .args(["check", "--json"])
        .arg(&broken)
        .output()
        .expect("conseil runs");
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(found.len(), 10_000);

    let mut group = c.benchmark_group("check_10k");
    group
        .sample_size(10)
        .measurement_time(std::time::Duration::from_secs(10));
    group.bench_function("valid", |b| {
        b.iter(|| assert_eq!(black_box(check(&valid)), Some(0)));
    });
    group.bench_function("10k_errors", |b| {
        b.iter(|| assert_eq!(black_box(check(&broken)), Some(1)));
    });
    group.finish();
}

criterion_group!(benches, content, check_process, check_errors);
criterion_main!(benches);
