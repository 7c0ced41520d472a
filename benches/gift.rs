//! Importing a 10,000-question GIFT file (every kind, French text, comments, categories):
//! the target is under 100 ms, parse, ids, rules and personal-data lint included. The same
//! file without titles, where every id comes from a text that opens the same way, must take
//! no more than twice as long (the `-2`, `-3`… suffixes stay linear).

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use conseil::content::gift::{self, ImportOptions};

/// A GIFT bank of `questions` questions, one of each kind in turn, each with a title or none.
fn bank(questions: usize, titled: bool) -> String {
    let text = "Le médecin-conseil donne ses conclusions sur le plan administratif, sans indiquer \
                les raisons d’ordre médical qui les motivent (art. R. 4127-104 du CSP)";
    let mut out = String::with_capacity(questions * 400);
    for i in 0..questions {
        if i % 1000 == 0 {
            let _ = writeln!(out, "$CATEGORY: $course$/top/Banque/Partie {}\n", i / 1000);
        }
        let _ = writeln!(
            out,
            "// Question générée n° {i}\n// [tag:secret] [tag:déontologie]"
        );
        if titled {
            let _ = write!(out, "::Question {i}::");
        }
        let _ = write!(out, "{text} \\: question n° {i} ?");
        let _ = match i % 8 {
            0 => write!(
                out,
                "{{\n=Un an#Exact.\n~Deux ans#Non.\n~%50%Six mois#Presque.\n####{text}.\n}}"
            ),
            1 => write!(out, "{{\n~%50%A\n~%50%B\n~%-50%C\n~%-50%D\n####{text}.\n}}"),
            2 => write!(out, "{{F#Non : jamais l’employeur.#Exact.####{text}.}}"),
            3 => write!(
                out,
                "{{=consolidation =%50%guérison#Pas tout à fait.####{text}.}}"
            ),
            4 => write!(
                out,
                "{{#\n=15000:0#Exact.\n=%50%7500\n~#Relisez l’article.\n####{text}.\n}}"
            ),
            5 => write!(out, "{{#1..3####{text}.}}"),
            6 => write!(
                out,
                "{{\n=ELSM -> Échelon local\n=DRSM -> Direction régionale\n= -> Caisse\n####{text}.\n}}"
            ),
            _ => write!(out, "{{####[markdown]{text}.}}"),
        };
        out.push_str("\n\n");
    }
    out
}

fn import(c: &mut Criterion) {
    let options = ImportOptions {
        module_id: "banque".into(),
        skip_invalid: false,
    };
    let titled = bank(10_000, true);
    let untitled = bank(10_000, false);
    for text in [&titled, &untitled] {
        // The bank must import cleanly, or the bench would measure the error path.
        let imported = gift::import("banque.gift", text.as_bytes(), &options);
        assert!(
            !imported.has_errors(),
            "{:?}",
            imported
                .diagnostics
                .first()
                .map(conseil::content::diag::Diagnostic::headline)
        );
        assert_eq!(imported.module.map(|m| m.questions.len()), Some(10_000));
    }

    let mut group = c.benchmark_group("gift_10k");
    group.sample_size(20);
    group.bench_function("import", |b| {
        b.iter(|| {
            black_box(gift::import(
                "banque.gift",
                black_box(titled.as_bytes()),
                &options,
            ))
        });
    });
    group.bench_function("import_untitled", |b| {
        b.iter(|| {
            black_box(gift::import(
                "banque.gift",
                black_box(untitled.as_bytes()),
                &options,
            ))
        });
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
